"""A work's state in plain words for its creator, as 我的作品 and the review page show it."""

from django.utils.translation import gettext as _

from wagtail.models import WorkflowState

from review import decisions
from review.models import Stage


def state_label(work, workflow_state):
    """The work's state in plain words for its creator (`workflow_state`: its open one, or None)."""
    if workflow_state is None:
        if work.live:
            return _("已发布")
        last = WorkflowState.objects.for_instance(work).order_by("-created_at").first()
        return _("已撤回") if last and last.status == WorkflowState.STATUS_CANCELLED else _("草稿")
    if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return _("需要修改")
    task_state = workflow_state.current_task_state.specific
    stage = task_state.task.specific.stage
    if stage == Stage.EXPERT:
        label = _("专家审核中(%(done)s/%(needed)s)") % {
            "done": len(decisions.approvals(task_state)),
            "needed": decisions.required_quorum(task_state),
        }
        return _("已发布，修改稿%(stage)s") % {"stage": label} if work.live else label
    label = _("初审中") if stage == Stage.EDITORIAL else _("终审中")
    return _("已发布，修改稿%(stage)s") % {"stage": label} if work.live else label
