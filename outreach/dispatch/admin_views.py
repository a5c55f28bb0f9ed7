"""The admin's 派单 pages: the dispatch queue (administrators), one request with its suggested experts
and the step forms, each step's POST, and 我的派单 (experts). Who may do what is transitions.py's
answer; these views only carry HTTP."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from articles.models import Region

from . import suggestions, transitions
from .forms import CompleteForm, DispatchForm, ReasonForm, ScheduleForm
from .models import OPEN_STATES, RequestEvent, ServiceRequest, State, overdue_condition

Action = RequestEvent.Action
PER_PAGE = 50
# The form each step posts, and the transition it calls with the cleaned data.
STEPS = {
    Action.DISPATCH: (
        DispatchForm,
        lambda pk, user, d: transitions.dispatch(pk, user, d["expert"], d["note"]),
    ),
    Action.ACCEPT: (None, lambda pk, user, d: transitions.accept(pk, user)),
    Action.DECLINE: (ReasonForm, lambda pk, user, d: transitions.decline(pk, user, d["reason"])),
    Action.SCHEDULE: (
        ScheduleForm,
        lambda pk, user, d: transitions.schedule(pk, user, d["start"], d["note"]),
    ),
    Action.COMPLETE: (
        CompleteForm,
        lambda pk, user, d: transitions.complete(pk, user, d["report"], d["attendance"]),
    ),
    Action.CANCEL: (ReasonForm, lambda pk, user, d: transitions.cancel(pk, d["reason"], user=user)),
}
# What the admin page calls each step (a heading and its button).
LABELS = {
    Action.DISPATCH: gettext_lazy("派单"),
    Action.ACCEPT: gettext_lazy("接受"),
    Action.DECLINE: gettext_lazy("婉拒"),
    Action.SCHEDULE: gettext_lazy("排期"),
    Action.COMPLETE: gettext_lazy("登记完成"),
    Action.CANCEL: gettext_lazy("取消申请"),
}
DONE = {
    Action.DISPATCH: gettext_lazy("已派单，已通知专家和申请单位。"),
    Action.ACCEPT: gettext_lazy("已接受派单，请尽快与申请单位商定时间并排期。"),
    Action.DECLINE: gettext_lazy("已婉拒，申请已退回待派单队列。"),
    Action.SCHEDULE: gettext_lazy("已排期，已通知申请单位。"),
    Action.COMPLETE: gettext_lazy("已登记完成，已请申请单位评价。"),
    Action.CANCEL: gettext_lazy("已取消申请，已通知申请单位。"),
}


def _requests():
    return ServiceRequest.objects.select_related("region__parent", "discipline__parent", "audience", "expert")


@require_GET
def queue(request):
    if not transitions.is_dispatcher(request.user):
        raise PermissionDenied
    now = timezone.now()
    leagues = list(Region.objects.filter(level=Region.Level.LEAGUE).order_by("code"))
    state = request.GET.get("state", "")
    league = request.GET.get("league", "")
    overdue = request.GET.get("overdue") == "1"
    rows = _requests()
    if state == "open":
        rows = rows.filter(state__in=OPEN_STATES)
    elif state in State.values:
        rows = rows.filter(state=state)
    if league:
        rows = rows.filter(Q(region__code=league) | Q(region__parent__code=league))
    if overdue:
        rows = rows.filter(overdue_condition(now))
    counts = dict(ServiceRequest.objects.values_list("state").annotate(n=Count("pk")))
    overdue_count = ServiceRequest.objects.filter(overdue_condition(now)).count()
    page = Paginator(rows.order_by("-submitted_at", "-pk"), PER_PAGE).get_page(request.GET.get("p"))
    items = [{"request": row, "overdue": row.overdue_reasons(now)} for row in page.object_list]
    context = {
        "items": items,
        "page": page,
        "leagues": leagues,
        "states": [(value, label, counts.get(value, 0)) for value, label in State.choices],
        "open_count": sum(counts.get(value, 0) for value in OPEN_STATES),
        "overdue_count": overdue_count,
        "chosen": {"state": state, "league": league, "overdue": overdue},
    }
    return TemplateResponse(request, "dispatch/admin/queue.html", context)


def _detail_context(request, service_request, forms=None):
    user = request.user
    actions = transitions.allowed_actions(user, service_request)
    forms = forms or {}
    step_forms = {}
    for action in actions:
        form_class = STEPS[action][0]
        step_forms[action] = forms.get(action) or (form_class() if form_class else None)
    ranked = []
    if Action.DISPATCH in actions:
        ranked = suggestions.suggest(service_request)
    return {
        "service_request": service_request,
        "events": service_request.events.select_related("actor", "expert").order_by("at", "pk"),
        "overdue": service_request.overdue_reasons(),
        "steps": [(action, LABELS[action], step_forms[action]) for action in actions],
        "suggestions": ranked,
        "is_dispatcher": transitions.is_dispatcher(user),
    }


@require_GET
def detail(request, pk):
    service_request = get_object_or_404(_requests(), pk=pk)
    if not transitions.may_view(request.user, service_request):
        raise PermissionDenied
    return TemplateResponse(request, "dispatch/admin/request.html", _detail_context(request, service_request))


@require_POST
def act(request, pk, action):
    service_request = get_object_or_404(_requests(), pk=pk)
    if action not in STEPS:
        return _refusal(request, service_request, transitions.Refused(_("没有这项操作。"), 400))
    form_class, step = STEPS[action]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        # The step is checked first: a wrong person gets 403 whatever they typed.
        try:
            transitions.check(action, service_request, user=request.user)
        except transitions.Refused as error:
            return _refusal(request, service_request, error)
        context = _detail_context(request, service_request, {action: form})
        return TemplateResponse(request, "dispatch/admin/request.html", context, status=400)
    try:
        step(service_request.pk, request.user, form.cleaned_data if form is not None else {})
    except transitions.Refused as error:
        if not transitions.may_view(request.user, service_request):
            return _refusal(request, service_request, error)
        context = _detail_context(request, service_request, {action: form} if form is not None else {})
        context["refusal"] = error.message
        return TemplateResponse(request, "dispatch/admin/request.html", context, status=error.status)
    messages.success(request, DONE[action])
    if transitions.may_view(request.user, ServiceRequest.objects.get(pk=pk)):
        return redirect("dispatch_admin:request", pk=pk)
    return redirect("dispatch_admin:mine")


def _refusal(request, service_request, error):
    context = {"service_request": service_request, "message": error.message}
    return TemplateResponse(request, "dispatch/admin/refused.html", context, status=error.status)


@require_GET
def mine(request):
    expert = transitions.expert_of(request.user)
    groups = []
    if expert is not None:
        recent = timezone.now() - timedelta(days=90)
        rows = list(
            _requests()
            .filter(expert=expert)
            .filter(Q(state__in=OPEN_STATES) | Q(completed_at__gte=recent) | Q(cancelled_at__gte=recent))
            .order_by("scheduled_start", "dispatched_at", "pk")
        )
        now = timezone.now()
        for state, title in (
            (State.DISPATCHED, _("待答复")),
            (State.ACCEPTED, _("待排期")),
            (State.SCHEDULED, _("已排期")),
            (State.COMPLETED, _("近 90 天已完成")),
            (State.CANCELLED, _("近 90 天已取消")),
        ):
            items = [{"request": r, "overdue": r.overdue_reasons(now)} for r in rows if r.state == state]
            if items:
                groups.append({"title": title, "items": items, "state": state})
    context = {"expert": expert, "groups": groups}
    return TemplateResponse(request, "dispatch/admin/mine.html", context)
