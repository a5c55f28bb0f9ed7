"""The creator portal: 我的作品, writing and submitting a work, revising after a send-back, withdrawing.

Nothing typed is lost: uploads are kept at once (creators/uploads.py), and a form posted after the
session expired is kept until the creator logs in again (creators/restore.py). Saving is
creators/submission.py's job; these views handle the request.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wagtail.models import WorkflowState

from articles.models import ArticlePage
from creators import restore, submission, uploads
from creators.forms.work import IMAGE_ROWS_PER_CLICK, WorkSubmission
from creators.progress import state_label
from creators.sizes import storage_summary

from .access import creator_required, open_workflow, own_work


@creator_required
def my_works(request):
    works = ArticlePage.objects.filter(owner=request.user).order_by("-latest_revision_created_at")
    rows = []
    for work in works:
        workflow_state = open_workflow(work)  # once per work: the state and the links both need it
        rows.append(
            {
                "work": work,
                "state": state_label(work, workflow_state),
                "editable": workflow_state is None
                or workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES,
                "in_review": workflow_state is not None
                and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS,
                "sent_back": workflow_state is not None
                and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES,
            }
        )
    storage = storage_summary(uploads.storage_used(request.user), settings.PORTAL_CREATOR_STORAGE_BYTES)
    return TemplateResponse(request, "creators/my_works.html", {"rows": rows, "storage": storage})


def _more_rows(data):
    """One more click of 再添加图片: three more empty rows (no JavaScript needed)."""
    try:
        rows = int(data.get("images-TOTAL_FORMS", 0))
    except ValueError:
        rows = 0
    data["images-TOTAL_FORMS"] = str(
        min(rows + IMAGE_ROWS_PER_CLICK, settings.PORTAL_CREATOR_IMAGES_PER_WORK)
    )


def _render(request, form, work, status=200):
    context = {
        "form": form.text,
        "submission": form,
        "work": work,
        "more_rows": len(form.images.forms) < settings.PORTAL_CREATOR_IMAGES_PER_WORK,
    }
    return TemplateResponse(request, "creators/work_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@creator_required(keep_post=True)
def edit_work(request, pk=None):
    work = own_work(request, pk) if pk else None
    workflow_state = open_workflow(work) if work else None
    if workflow_state and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        messages.error(request, _("作品正在审核中，暂时不能修改；如需修改，请先撤回。"))
        return redirect("creators:my_works")
    uploads.purge_expired()
    latest = work.get_latest_revision_as_object() if work else None
    known = submission.media_in(latest)
    if request.method == "GET":
        data = None
        if token := request.GET.get(restore.PARAMETER):
            data = _restored(request, token)
        initial = submission.form_values(latest) if latest and data is None else None
        form = WorkSubmission(data, user=request.user, initial=initial, **known)
        return _render(request, form, work)

    data = request.POST.copy()
    over_quota = uploads.works_quota_message(request.user) if work is None else None
    refused = {} if over_quota else uploads.keep_new_files(request.user, data, request.FILES)
    adding_rows = "more_images" in data
    if adding_rows:
        _more_rows(data)
    form = WorkSubmission(data, user=request.user, refused=refused, **known)
    if over_quota:
        form.text.add_error(None, over_quota)
        return _render(request, form, work, status=429)
    if adding_rows:
        form.only_upload_errors()
    elif form.is_valid():
        send = "submit" in request.POST
        try:
            submission.save_submission(
                form, request.user, latest, send_to_review=send, workflow_state=workflow_state
            )
        except OSError as error:
            # Nothing was saved and nothing written is left (save_submission removed it); the
            # form comes back as sent, checked afresh so it holds the uploads as they now are.
            form = WorkSubmission(data, user=request.user, refused=refused, **known)
            form.is_valid()
            form.text.add_error(None, uploads.save_failure(error))
            return _render(request, form, work)
        messages.success(request, _("已提交审核。") if send else _("草稿已保存。"))
        return redirect("creators:my_works")
    return _render(request, form, work)


def _restored(request, token):
    restored = restore.take(request, token)
    if restored is None:
        messages.error(request, _("暂存的内容已过期或已经恢复过，未能恢复。"))
        return None
    data, had_new_files = restored
    if had_new_files:
        messages.info(
            request, _("已恢复登录过期前填写的内容，请检查后再保存。当时新选择的文件未能保存，请重新选择。")
        )
    else:
        messages.info(request, _("已恢复登录过期前填写的内容，请检查后再保存。"))
    return data


@require_POST
@creator_required
def withdraw(request, pk):
    work = own_work(request, pk)
    workflow_state = open_workflow(work)
    if workflow_state is None:
        raise PermissionDenied(_("只能撤回正在审核的作品或修改稿。"))
    workflow_state.cancel(user=request.user)
    if work.live:
        messages.success(request, _("修改稿已撤回，读者看到的仍是已发布的版本。"))
    else:
        messages.success(request, _("作品已撤回。"))
    return redirect("creators:my_works")
