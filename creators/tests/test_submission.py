"""Saving a submission without a request: creators/submission.py is the one place a checked form
becomes a revision, and sends the work to 三审 when asked."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict

from wagtail.models import WorkflowState

from creators import submission, uploads
from creators.forms.work import WorkSubmission
from creators.models import PendingUpload
from review.models import Stage
from review.tests.conftest import current_state

from .creators import creator, form_data
from .sample_files import picture, rows


def _checked(cast, user, latest=None, **changes):
    data = QueryDict(mutable=True)
    for key, value in {**form_data(cast, **changes), **rows()}.items():
        data.setlist(key, value if isinstance(value, list) else [str(value)])
    form = WorkSubmission(data, user=user, **submission.media_in(latest))
    assert form.is_valid(), (form.text.errors, form.media.errors, form.images.errors)
    return form


def test_a_new_submission_is_saved_as_a_draft_with_the_creator_credited(cast):
    user = creator(cast, "creator")
    held = uploads.keep(user, SimpleUploadedFile("a.png", picture()), PendingUpload.Kind.IMAGE)
    form = _checked(
        cast,
        user,
        body="<p>气压越低,沸点越低。</p>\n[图1]",
        **{"images-0-upload": str(held.pk), "images-0-alt": "高原上烧水", "images-0-caption": "海拔与沸点"},
    )
    work = submission.save_submission(form, user)

    assert not work.live and work.owner == user
    latest = work.get_latest_revision_as_object()
    assert latest.creator_name == "creator真名" and latest.creator_affiliation == "呼和浩特市应急科普工作室"
    kinds = [block.block_type for block in latest.body]
    assert kinds == ["paragraph", "image", "references"]
    image = latest.body[1].value["image"]
    assert image.description == "高原上烧水" and image.uploaded_by_user == user
    assert not PendingUpload.objects.filter(pk=held.pk).exists()  # the held upload became the picture
    assert not WorkflowState.objects.for_instance(work).exists()  # a draft: not sent to review


def test_sending_to_review_starts_at_the_first_stage_and_a_resubmission_resumes(cast):
    user = creator(cast, "creator")
    work = submission.save_submission(_checked(cast, user), user, send_to_review=True)
    state = current_state(work)
    assert state.task.specific.stage == Stage.EDITORIAL

    state.workflow_state.status = WorkflowState.STATUS_NEEDS_CHANGES  # as a send-back leaves it
    state.workflow_state.save(update_fields=["status"])
    latest = work.get_latest_revision_as_object()
    again = _checked(cast, user, latest, title="高原上水的沸点(修改稿)")
    submission.save_submission(again, user, latest, send_to_review=True, workflow_state=state.workflow_state)

    assert WorkflowState.objects.for_instance(work).count() == 1  # the same review, resumed
    assert WorkflowState.objects.for_instance(work).get().status == WorkflowState.STATUS_IN_PROGRESS
    stored = type(work).objects.get(pk=work.pk)
    assert stored.get_latest_revision_as_object().title == "高原上水的沸点(修改稿)"


def test_a_failure_while_saving_leaves_nothing_behind(cast, monkeypatch):
    user = creator(cast, "creator")
    before = set(cast["work"].get_parent().get_children().values_list("pk", flat=True))

    def broken(*args, **kwargs):
        raise RuntimeError("the workflow could not start")

    monkeypatch.setattr("wagtail.models.Workflow.start", broken)
    form = _checked(cast, user)
    try:
        submission.save_submission(form, user, send_to_review=True)
    except RuntimeError:
        pass
    else:
        raise AssertionError("the failure did not reach the caller")
    assert set(cast["work"].get_parent().get_children().values_list("pk", flat=True)) == before
