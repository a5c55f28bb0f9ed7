"""The creator portal: 我的作品, writing and submitting a work, revising after a send-back, withdrawing.

A creator only ever reaches their own works: every view looks the work up by owner, so another
creator's id answers 404, exactly like a work that does not exist.
"""

import functools
import html
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wagtail.images import get_image_model
from wagtail.models import Locale, WorkflowState

from articles.models import ArticleIndexPage, ArticlePage

from . import decisions
from .models import Stage
from .submission_forms import SubmissionForm


def creator_required(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        profile = getattr(request.user, "creator_profile", None) if request.user.is_authenticated else None
        if profile is None or not profile.is_verified:
            return redirect(f"{reverse('creators:login')}?next={request.path}")
        return view(request, *args, **kwargs)

    return wrapped


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
        return _("专家审核中(%(done)s/%(needed)s)") % {
            "done": len(decisions.approvals(task_state)),
            "needed": decisions.required_quorum(task_state),
        }
    return _("初审中") if stage == Stage.EDITORIAL else _("终审中")


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
            }
        )
    return TemplateResponse(request, "review/creator/my_works.html", {"rows": rows})


def _initial(work):
    latest = work.get_latest_revision_as_object()
    parts, references = [], []
    for block in latest.body:
        if block.block_type == "heading":
            parts.append(f"<h2>{html.escape(block.value['text'])}</h2>")
        elif block.block_type == "paragraph":
            parts.append(block.value.source)
        elif block.block_type == "quote":
            parts.append(f"<blockquote>{html.escape(block.value['text'])}</blockquote>")
        elif block.block_type == "references":
            for item in block.value["items"]:
                fields = [item["title"], item["publisher"], str(item["year"] or ""), item["url"] or ""]
                references.append(" | ".join(fields).rstrip(" |"))
    return {
        "title": latest.title,
        "summary": latest.summary,
        "form": latest.form,
        "body": "\n".join(parts),
        "disciplines": list(latest.disciplines.all()),
        "audiences": list(latest.audiences.all()),
        "regions": list(latest.regions.all()),
        "references": "\n".join(references),
    }


@transaction.atomic
def _save(request, form, work=None):
    data = form.cleaned_data
    if work is None:
        parent = ArticleIndexPage.objects.filter(locale=Locale.get_default()).first()
        work = ArticlePage(slug=f"work-{uuid.uuid4().hex[:12]}", live=False, owner=request.user)
        work.title, work.summary, work.body, work.creator_name = data["title"], data["summary"], [], ""
        parent.add_child(instance=work)
        work = ArticlePage.objects.get(pk=work.pk)
    profile = request.user.creator_profile
    work.title, work.summary, work.form = data["title"], data["summary"], data["form"]
    work.creator_name, work.creator_affiliation = profile.real_name, profile.affiliation
    work.body = [*data["blocks"], {"type": "references", "value": {"items": data["references"]}}]
    if data.get("cover"):
        image = get_image_model()(
            title=data["title"][:255],
            description=data["cover_alt"],
            source=profile.real_name,
            file=data["cover"],
        )
        image.save()
        work.cover_image = image
    work.disciplines.set(data["disciplines"])
    work.audiences.set(data["audiences"])
    work.regions.set(data["regions"])
    revision = work.save_revision(user=request.user)
    if data.get("conflicts"):
        revision.content["declared_conflicts"] = data["conflicts"]
        revision.save(update_fields=["content"])
    return work


@require_http_methods(["GET", "POST"])
@creator_required
def edit_work(request, pk=None):
    work = _own_work(request, pk) if pk else None
    workflow_state = _open_workflow(work) if work else None
    if workflow_state and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        messages.error(request, _("作品正在审核中,暂时不能修改;如需修改,请先撤回。"))
        return redirect("creators:my_works")
    form = SubmissionForm(
        request.POST or None, request.FILES or None, initial=_initial(work) if work else None
    )
    if request.method == "POST" and form.is_valid():
        work = _save(request, form, work)
        if "submit" in request.POST:
            if workflow_state is not None:
                workflow_state.resume(user=request.user)
            else:
                work.get_workflow().start(work, request.user)
            messages.success(request, _("已提交审核。"))
        else:
            messages.success(request, _("草稿已保存。"))
        return redirect("creators:my_works")
    return TemplateResponse(request, "review/creator/work_form.html", {"form": form, "work": work})


@require_POST
@creator_required
def withdraw(request, pk):
    work = _own_work(request, pk)
    workflow_state = _open_workflow(work)
    if work.live or workflow_state is None:
        raise PermissionDenied(_("只能撤回尚未发布、正在审核的作品。"))
    workflow_state.cancel(user=request.user)
    messages.success(request, _("作品已撤回。"))
    return redirect("creators:my_works")
