"""The creator portal: 我的作品, writing and submitting a work, revising after a send-back, withdrawing.

A creator only ever reaches their own works: every view looks the work up by owner, so another
creator's id answers 404, exactly like a work that does not exist. Nothing typed is lost: uploads
are kept at once (submission_uploads), and a form posted after the session expired is kept until
the creator logs in again (submission_restore).
"""

import functools
import html
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wagtail.models import Locale, WorkflowState

from articles.models import ArticleIndexPage, ArticlePage

from . import decisions, submission_restore
from . import submission_uploads as uploads
from .models import PendingUpload, Stage
from .submission_forms import IMAGE_ROWS_PER_CLICK, WorkSubmission, video_link_paragraph


def creator_required(view=None, *, keep_post=False):
    """Only verified creators pass; others go to log in and come back. With `keep_post`, a form
    posted after the session expired is kept and comes back filled in after login."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            profile = getattr(user, "creator_profile", None) if user.is_authenticated else None
            if profile is None or not profile.is_verified:
                target = request.path
                expired = keep_post and request.method == "POST" and not user.is_authenticated
                if expired and (token := submission_restore.keep(request)):
                    target = f"{request.path}?{urlencode({submission_restore.PARAMETER: token})}"
                    messages.info(request, _("登录已过期。您填写的内容已暂存,重新登录后会回到表单。"))
                return redirect(f"{reverse('creators:login')}?{urlencode({'next': target}, safe='/')}")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator(view) if view else decorator


def _own_work(request, pk):
    work = ArticlePage.objects.filter(pk=pk, owner=request.user).first()
    if work is None:
        raise Http404
    return work


def _open_workflow(work):
    return (
        WorkflowState.objects.for_instance(work)
        .filter(status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES])
        .first()
    )


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
        return _("已发布,修改稿%(stage)s") % {"stage": label} if work.live else label
    label = _("初审中") if stage == Stage.EDITORIAL else _("终审中")
    return _("已发布,修改稿%(stage)s") % {"stage": label} if work.live else label


@creator_required
def my_works(request):
    works = ArticlePage.objects.filter(owner=request.user).order_by("-latest_revision_created_at")
    rows = []
    for work in works:
        workflow_state = _open_workflow(work)  # once per work: the state and the links both need it
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
    storage = {"used": uploads.storage_used(request.user), "limit": settings.PORTAL_CREATOR_STORAGE_BYTES}
    return TemplateResponse(request, "review/creator/my_works.html", {"rows": rows, "storage": storage})


def _media_in(latest):
    """Ids of the pictures and videos already in the work (the creator may keep them even when
    someone else uploaded them)."""
    if latest is None:
        return {}
    return {
        "known_images": {
            b.value["image"].pk for b in latest.body if b.block_type == "image" and b.value["image"]
        },
        "known_documents": {
            b.value["video"].pk for b in latest.body if b.block_type == "video" and b.value["video"]
        },
    }


def _initial(latest):
    parts, references, images, media = [], [], [], {}
    for block in latest.body:
        if block.block_type == "heading":
            parts.append(f"<h2>{html.escape(block.value['text'])}</h2>")
        elif block.block_type == "paragraph":
            parts.append(block.value.source)
        elif block.block_type == "quote":
            parts.append(f"<blockquote>{html.escape(block.value['text'])}</blockquote>")
        elif block.block_type == "image" and block.value["image"]:
            image = block.value["image"]
            images.append({"image": image.pk, "alt": image.description, "caption": block.value["caption"]})
            parts.append(f"[图{len(images)}]")
        elif block.block_type == "video" and block.value["video"] and not media:
            media = {
                "video_document": block.value["video"].pk,
                "video_caption": block.value["caption"],
                "video_transcript": block.value["transcript"].source,
            }
            parts.append("[视频]")
        elif block.block_type == "references":
            for item in block.value["items"]:
                fields = [item["title"], item["publisher"], str(item["year"] or ""), item["url"] or ""]
                references.append(" | ".join(fields).rstrip(" |"))
    text = {
        "title": latest.title,
        "summary": latest.summary,
        "form": latest.form,
        "body": "\n".join(parts),
        "disciplines": list(latest.disciplines.all()),
        "audiences": list(latest.audiences.all()),
        "regions": list(latest.regions.all()),
        "references": "\n".join(references),
    }
    return {"text": text, "media": media, "images": images}


def _pictures(submission, user, title, source):
    """Image block values by picture number, pending uploads turned into library images."""
    figures = {}
    for number, row in submission.images.pictures():
        image, alt = row.held, row.cleaned_data["alt"].strip()
        if isinstance(image, PendingUpload):
            image = uploads.to_image(image, user, title=f"{title} 图{number}", alt=alt, source=source)
        elif image.description != alt:
            # The alt text lives on the image, as everywhere in Wagtail; a shared one is copied.
            image = uploads.relabelled(image, user, alt)
        figures[number] = {"image": image.pk, "caption": row.cleaned_data["caption"], "source": ""}
    return figures


def _video(video, user, title, source, poster):
    if video is None:
        return []
    if video["url"]:
        return [video_link_paragraph(video["url"], video["caption"], video["transcript"])]
    document = video["held"]
    if isinstance(document, PendingUpload):
        document = uploads.to_document(document, user, title=video["caption"] or title, source=source)
    value = {
        "video": document.pk,
        "poster": poster.pk if poster else None,
        "caption": video["caption"],
        "transcript": video["transcript"],
    }
    return [{"type": "video", "value": value}]


@transaction.atomic
def _save(request, submission, work=None):
    """Save the work as a new revision. `work` is an existing work's latest revision as a page, as
    Wagtail's own editor edits it, so what the form does not show (the cover, tags) is kept."""
    data, media = submission.text.cleaned_data, submission.media.cleaned_data
    if work is None:
        parent = ArticleIndexPage.objects.filter(locale=Locale.get_default()).first()
        work = ArticlePage(slug=f"work-{uuid.uuid4().hex[:12]}", live=False, owner=request.user)
        work.title, work.summary, work.body, work.creator_name = data["title"], data["summary"], [], ""
        parent.add_child(instance=work)
        work = ArticlePage.objects.get(pk=work.pk)
    profile = request.user.creator_profile
    work.title, work.summary, work.form = data["title"], data["summary"], data["form"]
    work.creator_name, work.creator_affiliation = profile.real_name, profile.affiliation
    if cover := submission.media.held_cover:
        work.cover_image = uploads.to_image(
            cover, request.user, title=data["title"], alt=media["cover_alt"], source=profile.real_name
        )
    figures = _pictures(submission, request.user, data["title"], profile.real_name)
    video = _video(media["video"], request.user, data["title"], profile.real_name, work.cover_image)
    references = {"type": "references", "value": {"items": data["references"]}}
    work.body = [*submission.body(figures, video), references]
    work.disciplines.set(data["disciplines"])
    work.audiences.set(data["audiences"])
    work.regions.set(data["regions"])
    revision = work.save_revision(user=request.user)
    if data.get("conflicts"):
        revision.content["declared_conflicts"] = data["conflicts"]
        revision.save(update_fields=["content"])
    return work


def _more_rows(data):
    """One more click of 再添加图片: three more empty rows (no JavaScript needed)."""
    try:
        rows = int(data.get("images-TOTAL_FORMS", 0))
    except ValueError:
        rows = 0
    data["images-TOTAL_FORMS"] = str(
        min(rows + IMAGE_ROWS_PER_CLICK, settings.PORTAL_CREATOR_IMAGES_PER_WORK)
    )


def _render(request, submission, work, status=200):
    context = {
        "form": submission.text,
        "submission": submission,
        "work": work,
        "more_rows": len(submission.images.forms) < settings.PORTAL_CREATOR_IMAGES_PER_WORK,
    }
    return TemplateResponse(request, "review/creator/work_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@creator_required(keep_post=True)
def edit_work(request, pk=None):
    work = _own_work(request, pk) if pk else None
    workflow_state = _open_workflow(work) if work else None
    if workflow_state and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        messages.error(request, _("作品正在审核中,暂时不能修改;如需修改,请先撤回。"))
        return redirect("creators:my_works")
    uploads.purge_expired()
    latest = work.get_latest_revision_as_object() if work else None
    known = _media_in(latest)
    if request.method == "GET":
        data = None
        if token := request.GET.get(submission_restore.PARAMETER):
            data = _restored(request, token)
        initial = _initial(latest) if latest and data is None else None
        submission = WorkSubmission(data, user=request.user, initial=initial, **known)
        return _render(request, submission, work)

    data = request.POST.copy()
    over_quota = uploads.works_quota_message(request.user) if work is None else None
    refused = {} if over_quota else uploads.keep_new_files(request.user, data, request.FILES)
    adding_rows = "more_images" in data
    if adding_rows:
        _more_rows(data)
    submission = WorkSubmission(data, user=request.user, refused=refused, **known)
    if over_quota:
        submission.text.add_error(None, over_quota)
        return _render(request, submission, work, status=429)
    if adding_rows:
        submission.only_upload_errors()
    elif submission.is_valid():
        work = _save(request, submission, latest)
        if "submit" in request.POST:
            if workflow_state is not None:
                workflow_state.resume(user=request.user)
            else:
                work.get_workflow().start(work, request.user)
            messages.success(request, _("已提交审核。"))
        else:
            messages.success(request, _("草稿已保存。"))
        return redirect("creators:my_works")
    return _render(request, submission, work)


def _restored(request, token):
    restored = submission_restore.take(request, token)
    if restored is None:
        messages.error(request, _("暂存的内容已过期或已经恢复过,未能恢复。"))
        return None
    data, had_new_files = restored
    if had_new_files:
        messages.info(
            request, _("已恢复登录过期前填写的内容,请检查后再保存。当时新选择的文件未能保存,请重新选择。")
        )
    else:
        messages.info(request, _("已恢复登录过期前填写的内容,请检查后再保存。"))
    return data


@require_POST
@creator_required
def withdraw(request, pk):
    work = _own_work(request, pk)
    workflow_state = _open_workflow(work)
    if workflow_state is None:
        raise PermissionDenied(_("只能撤回正在审核的作品或修改稿。"))
    workflow_state.cancel(user=request.user)
    if work.live:
        messages.success(request, _("修改稿已撤回,读者看到的仍是已发布的版本。"))
    else:
        messages.success(request, _("作品已撤回。"))
    return redirect("creators:my_works")
