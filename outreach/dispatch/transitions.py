"""Who may move a service request, from which state to which. Every check the server makes lives here,
so a hidden button and a crafted POST meet the same rules.

- submitted → dispatched: an administrator (a user who may change service requests) picks an active
  expert.
- dispatched → accepted: the expert it was dispatched to, and nobody else.
- dispatched → declined: the same expert, with a reason; the request goes back to the queue as
  submitted, without an expert, and the decline is recorded in its timeline.
- accepted → scheduled: that expert or an administrator sets the date and time (not in the past).
- scheduled → completed: that expert or an administrator, once the talk has started, with a short
  report and the attendance.
- submitted | dispatched | accepted | scheduled → cancelled: an administrator, or the requester
  through the tracking link, with a reason. Completed and cancelled requests are final.
- completed → rated: the requester through the tracking link, once.

Anything else is refused: Refused carries a Chinese message and the HTTP status the view answers with
(403 for the wrong person, 400 for the wrong state or bad input). Each move locks the request's row
and checks its state under the lock, so two clicks at once move it once.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from review.models import ExpertProfile

from . import notifications
from .models import ENTERED_AT, OPEN_STATES, RequestEvent, ServiceRequest, State

Action = RequestEvent.Action
# The legal moves: action → (states it may start from, the state it leads to).
MOVES = {
    Action.DISPATCH: ((State.SUBMITTED,), State.DISPATCHED),
    Action.ACCEPT: ((State.DISPATCHED,), State.ACCEPTED),
    Action.DECLINE: ((State.DISPATCHED,), State.SUBMITTED),
    Action.SCHEDULE: ((State.ACCEPTED,), State.SCHEDULED),
    Action.COMPLETE: ((State.SCHEDULED,), State.COMPLETED),
    Action.CANCEL: (OPEN_STATES, State.CANCELLED),
    Action.RATE: ((State.COMPLETED,), State.COMPLETED),
}
PERMISSION = "dispatch.change_servicerequest"


class Refused(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


# Who is who ------------------------------------------------------------------------------------


def is_dispatcher(user):
    """An administrator of service requests: sees the queue, dispatches, cancels."""
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(PERMISSION))


def expert_of(user):
    if not (user and user.is_authenticated and user.is_active):
        return None
    try:
        return user.expert_profile
    except ExpertProfile.DoesNotExist:
        return None


def is_assigned_expert(user, service_request):
    expert = expert_of(user)
    return expert is not None and service_request.expert_id == expert.pk


def may_view(user, service_request):
    """Administrators see every request; an expert sees the ones dispatched to them."""
    return is_dispatcher(user) or is_assigned_expert(user, service_request)


def allowed_actions(user, service_request):
    """The actions `user` may take on the request now (what the admin page offers as buttons)."""
    actions = []
    for action in (
        Action.DISPATCH,
        Action.ACCEPT,
        Action.DECLINE,
        Action.SCHEDULE,
        Action.COMPLETE,
        Action.CANCEL,
    ):
        try:
            check(action, service_request, user=user)
        except Refused:
            continue
        actions.append(action)
    return actions


def requester_actions(service_request):
    """What the requester may do through the tracking link now."""
    actions = []
    if service_request.state in OPEN_STATES:
        actions.append(Action.CANCEL)
    if service_request.state == State.COMPLETED and service_request.rating is None:
        actions.append(Action.RATE)
    return actions


def check(action, service_request, user=None, requester=False):
    starts, _to = MOVES[action]
    if service_request.state not in starts:
        raise Refused(
            _("这项申请当前的状态是“%(state)s”，不能进行“%(action)s”。")
            % {"state": service_request.get_state_display(), "action": Action(action).label},
            400,
        )
    if action == Action.RATE:
        if not requester:
            raise Refused(_("只有申请单位可以评价。"), 403)
        if service_request.rating is not None:
            raise Refused(_("这项服务已经评价过，每项申请只能评价一次。"), 400)
        return
    if action == Action.CANCEL:
        if requester or is_dispatcher(user):
            return
        raise Refused(_("只有管理员或申请单位可以取消申请。"), 403)
    if requester:
        raise Refused(_("申请单位不能进行这项操作。"), 403)
    if action == Action.DISPATCH:
        if not is_dispatcher(user):
            raise Refused(_("只有管理员可以派单。"), 403)
        return
    if action in (Action.ACCEPT, Action.DECLINE):
        if not is_assigned_expert(user, service_request):
            raise Refused(_("只有被派单的专家本人可以接受或婉拒。"), 403)
        return
    # schedule, complete
    if not (is_assigned_expert(user, service_request) or is_dispatcher(user)):
        raise Refused(_("只有被派单的专家或管理员可以排期和登记完成情况。"), 403)


# The moves -------------------------------------------------------------------------------------


def submit(**fields):
    """Record a new request (the order form's cleaned data) and tell the requester and administrators."""
    with transaction.atomic():
        service_request = ServiceRequest.objects.create(state=State.SUBMITTED, **fields)
        RequestEvent.objects.create(
            request=service_request,
            action=Action.SUBMIT,
            to_state=State.SUBMITTED,
            by_requester=True,
            at=service_request.submitted_at,
        )
        notifications.received(service_request)
    return service_request


def _move(action, pk, *, user=None, requester=False, expert=None, note="", changes=None, precondition=None):
    """Lock the request, check the move, apply it with `changes`, record it; returns the request."""
    with transaction.atomic():
        service_request = ServiceRequest.objects.select_for_update().get(pk=pk)
        check(action, service_request, user=user, requester=requester)
        if precondition is not None:
            precondition(service_request)
        from_state = service_request.state
        to_state = MOVES[action][1]
        now = timezone.now()
        for name, value in (changes or {}).items():
            setattr(service_request, name, value)
        service_request.state = to_state
        if to_state != from_state:
            if to_state in ENTERED_AT:
                setattr(service_request, ENTERED_AT[to_state], now)
            service_request.reminded_at = None
        service_request.save()
        RequestEvent.objects.create(
            request=service_request,
            action=action,
            from_state=from_state,
            to_state=to_state,
            actor=user if user is not None and user.is_authenticated else None,
            by_requester=requester,
            expert=expert if expert is not None else service_request.expert,
            at=now,
            note=note,
        )
    return service_request


def dispatch(pk, user, expert, note=""):
    if expert is None or not expert.is_active:
        raise Refused(_("请选择一位在库的专家。"), 400)
    service_request = _move(
        Action.DISPATCH, pk, user=user, expert=expert, note=note, changes={"expert": expert}
    )
    notifications.dispatched(service_request)
    return service_request


def accept(pk, user):
    return _move(Action.ACCEPT, pk, user=user)


def decline(pk, user, reason):
    reason = (reason or "").strip()
    if not reason:
        raise Refused(_("请写明婉拒的原因。"), 400)
    expert = expert_of(user)

    def count_decline(service_request):
        service_request.decline_count += 1

    service_request = _move(
        Action.DECLINE,
        pk,
        user=user,
        expert=expert,
        note=reason,
        changes={"expert": None, "decline_reason": reason, "dispatched_at": None},
        precondition=count_decline,
    )
    notifications.declined(service_request, expert, reason)
    return service_request


def schedule(pk, user, start, note=""):
    if start is None or start <= timezone.now():
        raise Refused(_("讲座时间必须晚于现在。"), 400)
    service_request = _move(Action.SCHEDULE, pk, user=user, note=note, changes={"scheduled_start": start})
    notifications.scheduled(service_request)
    return service_request


def complete(pk, user, report, attendance):
    report = (report or "").strip()
    if not report:
        raise Refused(_("请填写活动简报。"), 400)
    if attendance is None or attendance < 0:
        raise Refused(_("请填写实到人数。"), 400)

    def started(service_request):
        if service_request.scheduled_start and service_request.scheduled_start > timezone.now():
            raise Refused(_("讲座还没有开始，不能登记完成。"), 400)

    service_request = _move(
        Action.COMPLETE,
        pk,
        user=user,
        note=report,
        changes={"report": report, "attendance": attendance},
        precondition=started,
    )
    notifications.completed(service_request)
    return service_request


def cancel(pk, reason, user=None, requester=False):
    reason = (reason or "").strip()
    if not reason:
        raise Refused(_("请写明取消的原因。"), 400)
    service_request = _move(
        Action.CANCEL, pk, user=user, requester=requester, note=reason, changes={"cancel_reason": reason}
    )
    notifications.cancelled(service_request)
    return service_request


def rate(pk, rating, comment=""):
    if rating not in (1, 2, 3, 4, 5):
        raise Refused(_("评分应为 1 到 5 之间的整数。"), 400)
    return _move(
        Action.RATE,
        pk,
        requester=True,
        note=comment,
        changes={"rating": rating, "rating_comment": comment.strip(), "rated_at": timezone.now()},
    )


def remind(pk, reasons):
    """Record that the overdue reminder for the current state went out (once per state)."""
    with transaction.atomic():
        service_request = ServiceRequest.objects.select_for_update().get(pk=pk)
        if service_request.reminded_at is not None:
            return None
        service_request.reminded_at = timezone.now()
        service_request.save(update_fields=["reminded_at"])
        RequestEvent.objects.create(
            request=service_request,
            action=Action.REMIND,
            from_state=service_request.state,
            to_state=service_request.state,
            expert=service_request.expert,
            note="；".join(str(reason) for reason in reasons),
        )
        notifications.overdue(service_request, reasons)
    return service_request
