"""What earlier rounds of the same submission left for the reviewer of the current one.

After a send-back the changed text goes through every stage again (review/models/tasks.py); each
reviewer then sees why it was sent back, the opinions given on the earlier text, and a diff
between the text reviewed then and the text in front of them now.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from wagtail.models import TaskState

from .models import ReviewAction, ReviewOpinion


@dataclass
class EarlierRound:
    reviewed_revision_id: int
    send_backs: list = field(default_factory=list)  # ReviewAction: reject (初审, 终审)
    opinions: list = field(default_factory=list)  # ReviewOpinion of the earlier rounds, any verdict
    compare_url: str = ""


def _last_send_back(task_state):
    return (
        TaskState.objects.filter(
            workflow_state_id=task_state.workflow_state_id,
            status=TaskState.STATUS_REJECTED,
            pk__lt=task_state.pk,
        )
        .order_by("-pk")
        .first()
    )


def current_round_opinions(task_state):
    """The experts' opinions on the text now in review (those of earlier rounds: earlier_round)."""
    opinions = ReviewOpinion.objects.filter(task_state__workflow_state_id=task_state.workflow_state_id)
    if (sent_back := _last_send_back(task_state)) is not None:
        opinions = opinions.filter(task_state_id__gt=sent_back.pk)
    return opinions.select_related("expert").order_by("created_at")


def earlier_round(task_state):
    """The last sent-back round before `task_state` in its submission, or None if there was none."""
    sent_back = _last_send_back(task_state)
    if sent_back is None:
        return None
    page_id = int(task_state.workflow_state.object_id)
    found = EarlierRound(reviewed_revision_id=sent_back.revision_id)
    found.send_backs = list(
        ReviewAction.objects.filter(
            workflow_state_id=task_state.workflow_state_id, action="reject", task_state_id__lte=sent_back.pk
        ).select_related("user")
    )
    found.opinions = list(
        ReviewOpinion.objects.filter(
            task_state__workflow_state_id=task_state.workflow_state_id, task_state_id__lte=sent_back.pk
        )
        .select_related("expert")
        .order_by("created_at")
    )
    if sent_back.revision_id != task_state.revision_id:
        found.compare_url = reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[page_id, sent_back.revision_id, task_state.revision_id],
        )
    return found
