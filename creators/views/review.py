"""A work's review as its creator sees it: what happened when, and the opinions meant for them;
after publication, the public page, its credit line and 申请修改.

Only what review shares with creators appears: send-back reasons (作者会看到), experts' verdicts and
their comments for the creator — never confidential comments, approval notes, conflict declarations,
reminders or override reasons. While review is under way experts are 专家一, 专家二 …
(`PORTAL_REVIEW_BLIND`); the numbers stay the same for the whole life of the work.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wagtail.models import PageLogEntry, TaskState, WorkflowState

from creators.progress import state_label
from review import decisions
from review.models import ReviewAction, ReviewOpinion, Stage, Verdict

from .access import creator_required, open_workflow, own_work

REQUEST_EDIT = "request-edit"
DIGITS = "零一二三四五六七八九"


def chinese_number(n):
    """1 → 一, 12 → 十二, 35 → 三十五 (plain digits from 100 on)."""
    if n < 10:
        return DIGITS[n]
    if n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def _submissions(work):
    """Each time the work was sent into review: [(number, started_at)], and {task_state_id: number}.

    A submission opens a workflow, or resumes one after a send-back; every stage until the next
    one belongs to it.
    """
    states = (
        TaskState.objects.filter(workflow_state__in=WorkflowState.objects.for_instance(work))
        .order_by("workflow_state_id", "pk")
        .values_list("pk", "workflow_state_id", "status", "started_at")
    )
    starts, number_of, number, previous = [], {}, 0, None
    for pk, workflow_state_id, status, started_at in states:
        if previous is None or previous[0] != workflow_state_id or previous[1] == TaskState.STATUS_REJECTED:
            number += 1
            starts.append((number, started_at))
        number_of[pk] = number
        previous = (workflow_state_id, status)
    return starts, number_of


def _expert_names(opinions, reveal):
    """{expert_id: what the creator reads}: 专家一 … in order of their first opinion on the work;
    after publication the names the public credit line shows (an expert credited as the panel keeps
    their number)."""
    first = {}
    for opinion in opinions:
        first.setdefault(opinion.expert_id, opinion)
    names = {
        expert_id: _("专家%(n)s") % {"n": chinese_number(i)} for i, expert_id in enumerate(first, start=1)
    }
    if reveal:
        for expert_id, credit in zip(first, decisions.credit_line(first.values()), strict=True):
            if credit["name"] != decisions.PANEL_CREDIT:
                names[expert_id] = credit["name"]
    return names


def _event(action, expert_name, opinion):
    """(what happened, the comment meant for the creator) for one audit record, or None if internal."""
    stage_name = {Stage.EDITORIAL: _("初审"), Stage.FINAL: _("终审")}.get(action.stage, "")
    if action.action == "approve" and stage_name:
        return _("%(stage)s通过") % {"stage": stage_name}, ""
    if action.action == "reject" and stage_name:
        return _("%(stage)s退回修改") % {"stage": stage_name}, action.comment
    if action.action == "opinion" and opinion is not None:
        text = _("%(expert)s的意见已到：%(verdict)s") % {
            "expert": expert_name,
            "verdict": opinion.get_verdict_display(),
        }
        if opinion.verdict != Verdict.APPROVE:
            text += _("，作品退回修改")
        return text, ""
    return {
        "quorum": (_("科学性审核通过"), ""),
        "publish": (_("已发布"), ""),
        REQUEST_EDIT: (_("申请修改已发布的作品（发布的版本保持在线，直到修改稿通过三审）"), ""),
        "typography-fix": (_("编辑修改了标点与排版，已保存为新版本"), action.comment),
        "corrected": (_("已发布更正说明"), action.comment),
        "retracted": (_("作品已撤稿"), action.comment),
    }.get(action.action)


def _entry(at, text, submission=None, comment="", *, starts_submission=False):
    return {
        "at": at,
        "text": text,
        "submission": submission,
        "comment": comment,
        "starts_submission": starts_submission,
    }


def review_history(work, *, reveal_names):
    """The work's timeline and the opinions meant for its creator, grouped by submission (newest first)."""
    starts, number_of = _submissions(work)
    opinions = list(
        ReviewOpinion.objects.filter(task_state_id__in=number_of)
        .select_related("expert")
        .order_by("created_at", "pk")
    )
    names = _expert_names(opinions, reveal_names)
    opinion_of = {(o.task_state_id, o.expert.user_id): o for o in opinions}

    timeline = [
        _entry(at, _("提交审核") if number == 1 else _("重新提交审核"), number, starts_submission=True)
        for number, at in starts
    ]
    feedback = {number: [] for number, _at in starts}
    assigned = set()
    for action in ReviewAction.objects.filter(page_id=work.pk).order_by("created_at", "pk"):
        number = number_of.get(action.task_state_id)
        if action.action == "assign":  # the experts' names stay out: only that the work went to them
            text = _("已送专家进行科学性审核") if action.task_state_id not in assigned else _("增派审核专家")
            assigned.add(action.task_state_id)
            timeline.append(_entry(action.created_at, text, number))
            continue
        opinion = opinion_of.get((action.task_state_id, action.user_id))
        event = _event(action, names.get(opinion.expert_id) if opinion else "", opinion)
        if event is None:
            continue
        text, comment = event
        timeline.append(_entry(action.created_at, text, number, comment))
        if action.action == "reject" and number in feedback:
            who = _("初审编辑") if action.stage == Stage.EDITORIAL else _("终审")
            feedback[number].append(
                {"at": action.created_at, "who": who, "verdict": _("退回修改"), "comment": comment}
            )
    for opinion in opinions:
        feedback[number_of[opinion.task_state_id]].append(
            {
                "at": opinion.created_at,
                "who": names[opinion.expert_id],
                "verdict": opinion.get_verdict_display(),
                "comment": opinion.comments_for_creator,
            }
        )
    for cancel in PageLogEntry.objects.filter(page_id=work.pk, action="wagtail.workflow.cancel"):
        timeline.append(_entry(cancel.timestamp, _("已撤回")))

    timeline.sort(key=lambda event: event["at"])
    rounds = [
        {"number": number, "items": sorted(items, key=lambda item: item["at"])}
        for number, items in sorted(feedback.items(), reverse=True)
        if items
    ]
    return {"timeline": timeline, "rounds": rounds}


@require_GET
@creator_required
def work_review(request, pk):
    work = own_work(request, pk)
    workflow_state = open_workflow(work)
    in_review = workflow_state is not None
    reveal = not settings.PORTAL_REVIEW_BLIND or (work.live and not in_review)
    return TemplateResponse(
        request,
        "creators/work_review.html",
        {
            "work": work,
            "state": state_label(work, workflow_state),
            "public_url": work.get_url(request) if work.live else None,
            "credit": work.review_credit if work.live else None,
            "may_request_edit": work.live and not in_review,
            "in_review": in_review,
            "sent_back": in_review and workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES,
            **review_history(work, reveal_names=reveal),
        },
    )


@require_POST
@creator_required
def request_edit(request, pk):
    """申请修改: the creator reopens a published work. The request goes in the audit trail and the
    edit form opens; submitting it starts 三审 on the new revision while the published one stays live."""
    work = own_work(request, pk)
    if not work.live or open_workflow(work) is not None:
        raise PermissionDenied(_("只有已发布、且不在审核中的作品可以申请修改。"))
    last = ReviewAction.objects.filter(page_id=work.pk).order_by("-created_at", "-pk").first()
    if last is None or last.action != REQUEST_EDIT:  # a second click records nothing new
        ReviewAction.objects.create(
            page_id=work.pk,
            page_title=work.title[:255],
            revision_id=work.live_revision_id,
            user=request.user,
            action=REQUEST_EDIT,
        )
    return redirect("creators:edit_work", work.pk)
