"""Admin pages of 科学性审核: assigning experts, giving an opinion, the expert's queue, the audit trail."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.models import Page, TaskState

from . import decisions, notifications, rules
from .forms import AssignForm, OpinionForm, action_form
from .history import current_round_opinions, earlier_round
from .models import (
    CaseStatus,
    CorrectionCase,
    ExpertAssignment,
    ExpertConflict,
    ReviewAction,
    ReviewOpinion,
    Stage,
)
from .models.opinions import CHECKLIST
from .reports import review_report
from .typography import revision as typography


def _expert_task_state(task_state_id):
    task_state = get_object_or_404(TaskState, pk=task_state_id).specific
    if task_state.task.specific.stage != Stage.EXPERT:
        raise PermissionDenied(_("这不是科学性审核环节。"))
    return task_state


def _edit_url(work):
    return reverse("wagtailadmin_pages:edit", args=[work.pk])


@require_http_methods(["GET", "POST"])
def assign(request, task_state_id):
    task_state = _expert_task_state(task_state_id)
    rules.require(request.user, task_state, "assign")
    work = rules.work_of(task_state)
    suggestions = decisions.suggestions(task_state)
    form = AssignForm(request.POST or None, suggestions=suggestions)
    if request.method == "POST" and form.is_valid():
        try:
            created = decisions.assign_experts(task_state, request.user, list(form.cleaned_data["experts"]))
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("已指派 %(n)s 位专家，并已发邮件通知。") % {"n": len(created)})
            return redirect(_edit_url(work))
    return TemplateResponse(
        request,
        "review/assign.html",
        {
            "work": work,
            "task_state": task_state,
            "form": form,
            "quorum": decisions.required_quorum(task_state),
            "assignments": task_state.expert_assignments.select_related("expert"),
            "suggestions": suggestions,
        },
    )


@require_http_methods(["GET", "POST"])
def decide(request, task_state_id, action):
    """初审 and 终审 approve/reject as a page of its own (the locked 终审 editor shows no action menu)."""
    task_state = get_object_or_404(TaskState, pk=task_state_id).specific
    stage = task_state.task.specific.stage
    if stage == Stage.EXPERT or action not in ("approve", "reject"):
        raise PermissionDenied(_("该环节没有这项操作。"))
    rules.require(request.user, task_state, action)
    work = rules.work_of(task_state)
    form = action_form(stage, action)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decisions.act(task_state, request.user, action, **form.cleaned_data)
        messages.success(request, _("已提交。"))
        return redirect(_edit_url(work))
    label = {name: text for name, text, _modal in rules.ACTION_LABELS[stage]}[action]
    return TemplateResponse(
        request,
        "review/decide.html",
        {
            "work": work,
            "task_state": task_state,
            "form": form,
            "label": label,
            "action": action,
            "preview_url": reverse(
                "wagtailadmin_pages:revisions_view", args=[work.pk, task_state.revision_id]
            ),
            "opinions": current_round_opinions(task_state),
            "earlier": earlier_round(task_state),
            "typography": _typography_panel(task_state, work) if stage == Stage.EDITORIAL else None,
        },
    )


def _typography_panel(task_state, work):
    """The 初审 typography check of the work as it stands now (an editor may have changed it since
    the stage began: the approval covers the latest revision)."""
    latest = task_state.workflow_state.content_object.get_latest_revision()
    compare_url = None
    if latest.pk != task_state.revision_id:
        compare_url = reverse(
            "wagtailadmin_pages:revisions_compare", args=[work.pk, task_state.revision_id, latest.pk]
        )
    return {
        "revision": latest,
        "fields": typography.findings_by_field(latest),
        "latest_url": reverse("wagtailadmin_pages:revisions_view", args=[work.pk, latest.pk]),
        "compare_url": compare_url,
    }


@require_http_methods(["POST"])
def typography_fix(request, task_state_id):
    """采用此修改 / 全部采用 in the 初审 typography panel: the fixed text becomes a new revision by
    this editor (review/typography/revision.py); nothing is rewritten in place or published."""
    task_state = get_object_or_404(TaskState, pk=task_state_id).specific
    if reason := typography.refusal(request.user, task_state):
        # Wagtail's admin answers a refusal with a generic "no permission": say why as well.
        messages.error(request, reason)
        raise PermissionDenied(reason)
    back = reverse(
        "review:decide",
        args=[task_state.pk, "reject" if request.POST.get("action") == "reject" else "approve"],
    )
    try:
        seen = int(request.POST.get("revision", ""))
        if request.POST.get("all"):
            wanted = "all"
        else:
            wanted = [(request.POST["field"], int(request.POST["offset"]), request.POST["excerpt"])]
    except (KeyError, ValueError):
        messages.error(request, _("修改请求不完整，请在检查结果中重新选择。"))
        return redirect(back)
    try:
        revision = typography.accept(task_state, request.user, wanted, seen_revision_id=seen)
    except typography.StaleFix as stale:
        messages.error(request, str(stale))
    else:
        messages.success(
            request,
            _("已保存为新版本（第%(id)s号），初审将审核修改后的文字。") % {"id": revision.pk},
        )
    return redirect(back)


def _previous_review(task_state, profile):
    """The expert's opinion from an earlier round of the same submission, if any."""
    return (
        ReviewOpinion.objects.filter(
            task_state__workflow_state=task_state.workflow_state,
            expert=profile,
            task_state__pk__lt=task_state.pk,
        )
        .select_related("revision")
        .order_by("-pk")
        .first()
    )


@require_http_methods(["GET", "POST"])
def opinion(request, task_state_id):
    task_state = _expert_task_state(task_state_id)
    rules.require(request.user, task_state, "opinion")
    work = rules.work_of(task_state)
    profile = request.user.expert_profile
    form = OpinionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decisions.record_opinion(task_state, request.user, **form.cleaned_data)
        messages.success(request, _("您的审核意见已提交。"))
        return redirect("review:my_reviews")
    previous = _previous_review(task_state, profile)
    earlier = earlier_round(task_state)
    compare_url = earlier.compare_url if earlier else None
    if previous and previous.revision_id != task_state.revision_id:
        compare_url = reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[work.pk, previous.revision_id, task_state.revision_id],
        )
    assignment = ExpertAssignment.objects.get(task_state=task_state, expert=profile)
    return TemplateResponse(
        request,
        "review/opinion.html",
        {
            "work": work,
            "task_state": task_state,
            "form": form,
            "assignment": assignment,
            "checklist": CHECKLIST,
            "preview_url": reverse(
                "wagtailadmin_pages:revisions_view", args=[work.pk, task_state.revision_id]
            ),
            "previous": previous,
            "compare_url": compare_url,
            "earlier": earlier,
            "profile": profile,
        },
    )


@require_http_methods(["POST"])
def declare_conflict(request, task_state_id):
    """An assigned expert declares a conflict of interest: from then on they may not act on the work."""
    task_state = _expert_task_state(task_state_id)
    profile = rules.expert_profile(request.user)
    if profile is None or not task_state.expert_assignments.filter(expert=profile).exists():
        raise PermissionDenied(_("您没有被指派审核这件作品。"))
    reason = request.POST.get("reason", "").strip()[:255]
    if not reason:
        messages.error(request, _("请简要说明利益冲突的原因。"))
        return redirect("review:opinion", task_state.pk)
    work = rules.work_of(task_state)
    ExpertConflict.objects.get_or_create(expert=profile, page_id=work.pk, defaults={"reason": reason})
    decisions.log(task_state, request.user, "declare-conflict", reason)
    notifications.conflict_declared(task_state, profile, reason)
    messages.success(request, _("已记录利益冲突声明，编辑会另行指派专家。"))
    return redirect("review:my_reviews")


def my_reviews(request):
    """我的审核任务: the expert's open assignments with their due dates, and what they answered."""
    profile = rules.expert_profile(request.user)
    open_items, answered = [], []
    if profile is not None:
        assignments = (
            ExpertAssignment.objects.filter(expert=profile)
            .select_related("task_state__workflow_state")
            .order_by("due_at")
        )
        answered_states = set(
            ReviewOpinion.objects.filter(expert=profile).values_list("task_state_id", flat=True)
        )
        for assignment in assignments:
            task_state = assignment.task_state
            item = {
                "assignment": assignment,
                "work": rules.work_of(task_state),
                "overdue": assignment.due_at < timezone.now(),
            }
            if task_state.pk in answered_states:
                answered.append(item)
            elif task_state.status == TaskState.STATUS_IN_PROGRESS:
                open_items.append(item)
    cases = (
        CorrectionCase.objects.filter(verifier=profile, status=CaseStatus.VERIFYING).select_related("page")
        if profile is not None
        else []
    )
    return TemplateResponse(
        request,
        "review/my_reviews.html",
        {"profile": profile, "open_items": open_items, "answered": answered[-20:], "cases": cases},
    )


def _may_read_trail(user, page):
    return user.has_perm("review.view_reviewaction")


def timeline(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not _may_read_trail(request.user, page):
        raise PermissionDenied
    actions = ReviewAction.objects.filter(page_id=page.pk).select_related("user", "revision")
    opinions = ReviewOpinion.objects.filter(
        task_state__workflow_state__object_id=str(page.pk)
    ).select_related("expert", "revision")
    return TemplateResponse(
        request, "review/timeline.html", {"work": page, "actions": actions, "opinions": opinions}
    )


def timeline_csv(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    if not _may_read_trail(request.user, page.specific):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="review-trail-{page.pk}.csv"'
    response.write("\ufeff")  # lets spreadsheet programs read the Chinese text as UTF-8
    writer = csv.writer(response)
    writer.writerow(["time", "stage", "action", "user", "revision", "comment", "emergency_override", "data"])
    for action in ReviewAction.objects.filter(page_id=page.pk).select_related("user"):
        writer.writerow(
            [
                timezone.localtime(action.created_at).isoformat(),
                action.stage,
                action.action,
                action.user.get_username() if action.user else "",
                action.revision_id or "",
                _csv_safe(action.comment),
                action.emergency_override,
                action.data,
            ]
        )
    return response


def _csv_safe(text):
    """Spreadsheets run cells that start with = + - @ as formulas: neutralise them."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def report(request):
    if not request.user.has_perm("review.view_reviewaction"):
        raise PermissionDenied
    return TemplateResponse(request, "review/report.html", review_report())


@require_http_methods(["GET", "POST"])
def emergency_override(request, task_state_id):
    """A superuser takes a second stage of one submission, with a reason that stays in the log."""
    task_state = get_object_or_404(TaskState, pk=task_state_id).specific
    if not request.user.is_superuser:
        raise PermissionDenied(_("只有超级管理员可以紧急越权。"))
    work = rules.work_of(task_state)
    if request.method == "POST":
        reason = request.POST.get("reason", "").strip()
        if reason:
            decisions.log(task_state, request.user, rules.OVERRIDE, reason, override=True)
            messages.warning(request, _("已记录紧急越权：您可以在本稿件的其他环节操作。"))
            return redirect(_edit_url(work))
        messages.error(request, _("紧急越权必须写明理由。"))
    return TemplateResponse(request, "review/override.html", {"work": work, "task_state": task_state})
