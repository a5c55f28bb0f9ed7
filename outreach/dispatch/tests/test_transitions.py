"""Every legal move of a service request through the admin's POSTs, and the illegal ones — crafted
POSTs by each role — refused with a Chinese message, leaving the request as it was."""

import datetime

import pytest

from django.core import mail
from django.utils import timezone

from outreach.dispatch import transitions
from outreach.dispatch.models import RequestEvent, ServiceRequest, State

from .conftest import act_url, client_for, make_request, track_url

pytestmark = pytest.mark.django_db


def _start(days=3):
    return (timezone.localtime() + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def _post(user, service_request, action, **data):
    return client_for(user).post(act_url(service_request, action), data)


def _state(service_request):
    return ServiceRequest.objects.get(pk=service_request.pk).state


def test_the_whole_way_from_dispatch_to_rating(cast, new_request):
    r = new_request
    response = _post(cast["dispatcher"], r, "dispatch", expert=cast["materials"].pk, note="请联系厂方")
    assert response.status_code == 302
    r.refresh_from_db()
    assert (r.state, r.expert, r.dispatched_at is not None) == (State.DISPATCHED, cast["materials"], True)

    assert _post(cast["materials"].user, r, "accept").status_code == 302
    assert _state(r) == State.ACCEPTED

    assert _post(cast["materials"].user, r, "schedule", start=_start()).status_code == 302
    r.refresh_from_db()
    assert r.state == State.SCHEDULED and r.scheduled_start > timezone.now()

    ServiceRequest.objects.filter(pk=r.pk).update(
        scheduled_start=timezone.now() - datetime.timedelta(hours=2)
    )
    response = _post(
        cast["materials"].user, r, "complete", report="讲了稀土永磁材料和车间防护。", attendance=76
    )
    assert response.status_code == 302
    r.refresh_from_db()
    assert (r.state, r.attendance, r.completed_at is not None) == (State.COMPLETED, 76, True)

    transitions.rate(r.pk, 5, "讲得清楚")
    r.refresh_from_db()
    assert r.rating == 5
    actions = list(r.events.values_list("action", "from_state", "to_state"))
    assert actions == [
        ("submit", "", "submitted"),
        ("dispatch", "submitted", "dispatched"),
        ("accept", "dispatched", "accepted"),
        ("schedule", "accepted", "scheduled"),
        ("complete", "scheduled", "completed"),
        ("rate", "completed", "completed"),
    ]


def test_decline_returns_the_request_to_the_queue_with_the_decline_recorded(cast, new_request):
    r = transitions.dispatch(new_request.pk, cast["dispatcher"], cast["materials"])
    response = _post(cast["materials"].user, r, "decline", reason="当月已有外地讲座")
    assert response.status_code == 302
    r.refresh_from_db()
    assert (r.state, r.expert, r.decline_count, r.decline_reason) == (
        State.SUBMITTED,
        None,
        1,
        "当月已有外地讲座",
    )
    event = r.events.get(action=RequestEvent.Action.DECLINE)
    assert (event.from_state, event.to_state, event.expert) == ("dispatched", "submitted", cast["materials"])
    # back in the queue: it can be dispatched again, to someone else
    assert _post(cast["dispatcher"], r, "dispatch", expert=cast["health"].pk).status_code == 302
    assert _state(r) == State.DISPATCHED


@pytest.mark.parametrize("state", ["submitted", "dispatched", "accepted", "scheduled"])
def test_administrator_cancels_any_open_request(cast, state):
    r = make_request(state=state, expert=cast["materials"] if state != "submitted" else None)
    response = _post(cast["dispatcher"], r, "cancel", reason="单位临时停产检修")
    assert response.status_code == 302
    r.refresh_from_db()
    assert (r.state, r.cancel_reason) == (State.CANCELLED, "单位临时停产检修")


@pytest.mark.parametrize(
    ("role", "action", "data"),
    [
        ("materials", "dispatch", {"expert": "materials"}),  # an expert dispatching to themself
        ("nobody", "dispatch", {"expert": "materials"}),
        ("dispatcher", "accept", {}),  # only the expert accepts
        ("health", "accept", {}),  # another expert
        ("health", "decline", {"reason": "不想去"}),
        ("nobody", "cancel", {"reason": "捣乱"}),
        ("health", "cancel", {"reason": "捣乱"}),
        ("materials", "cancel", {"reason": "被派的专家也不能取消"}),
        ("health", "schedule", {"start": "future"}),
    ],
)
def test_wrong_person_is_refused_403(cast, role, action, data):
    start_state = State.SUBMITTED if action == "dispatch" else State.DISPATCHED
    if action == "schedule":
        start_state = State.ACCEPTED
    r = make_request(state=start_state, expert=None if start_state == State.SUBMITTED else cast["materials"])
    data = {k: (cast[v].pk if v in cast else _start() if v == "future" else v) for k, v in data.items()}
    user = cast[role] if role == "dispatcher" or role == "nobody" else cast[role].user
    response = _post(user, r, action, **data)
    assert response.status_code == 403
    assert "只有" in response.content.decode()
    assert _state(r) == start_state
    assert r.events.count() == 1


@pytest.mark.parametrize(
    ("state", "role", "action", "data"),
    [
        ("dispatched", "dispatcher", "dispatch", {"expert": "health"}),  # dispatch twice
        ("submitted", "materials", "accept", {}),
        ("accepted", "materials", "accept", {}),
        ("dispatched", "materials", "complete", {"report": "跳过排期", "attendance": 10}),  # skip a step
        ("dispatched", "materials", "schedule", {"start": "future"}),
        ("completed", "dispatcher", "cancel", {"reason": "完成后取消"}),
        ("cancelled", "dispatcher", "dispatch", {"expert": "materials"}),
        ("cancelled", "dispatcher", "cancel", {"reason": "再取消"}),
        ("scheduled", "dispatcher", "completed", {}),  # a state name posted as the action
        ("scheduled", "dispatcher", "rate", {"rating": 5}),  # rating is the requester's
    ],
)
def test_illegal_moves_are_refused_400(cast, state, role, action, data):
    expert = None if state == "submitted" else cast["materials"]
    r = make_request(state=state, expert=expert, scheduled_start=timezone.now() + datetime.timedelta(days=2))
    data = {k: (cast[v].pk if v in cast else _start() if v == "future" else v) for k, v in data.items()}
    user = cast[role] if role == "dispatcher" else cast[role].user
    response = _post(user, r, action, **data)
    assert response.status_code == 400
    assert _state(r) == state
    assert r.events.count() == 1


def test_anonymous_crafted_post_reaches_no_admin_step(cast, new_request):
    response = client_for(None).post(act_url(new_request, "dispatch"), {"expert": cast["materials"].pk})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert _state(new_request) == State.SUBMITTED


def test_bad_input_keeps_what_was_typed_and_changes_nothing(cast):
    r = make_request(state=State.DISPATCHED, expert=cast["materials"])
    response = _post(cast["materials"].user, r, "decline", reason="")
    assert response.status_code == 400
    assert "请写明原因" in response.content.decode()
    r = make_request(state=State.SCHEDULED, expert=cast["materials"], scheduled_start=timezone.now())
    response = _post(cast["materials"].user, r, "complete", report="半截简报，没填人数", attendance="")
    assert response.status_code == 400
    assert "半截简报，没填人数" in response.content.decode()
    assert _state(r) == State.SCHEDULED


def test_schedule_in_the_past_and_complete_before_the_talk_are_refused(cast):
    r = make_request(state=State.ACCEPTED, expert=cast["materials"])
    past = (timezone.localtime() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = _post(cast["materials"].user, r, "schedule", start=past)
    assert response.status_code == 400 and "晚于现在" in response.content.decode()
    r = make_request(
        state=State.SCHEDULED,
        expert=cast["materials"],
        scheduled_start=timezone.now() + datetime.timedelta(days=1),
    )
    response = _post(cast["materials"].user, r, "complete", report="提前登记", attendance=5)
    assert response.status_code == 400 and "还没有开始" in response.content.decode()


def test_an_inactive_expert_cannot_be_dispatched(cast, new_request):
    ExpertProfilePk = cast["other"].pk
    cast["other"].is_active = False
    cast["other"].save()
    response = _post(cast["dispatcher"], new_request, "dispatch", expert=ExpertProfilePk)
    assert response.status_code == 400
    assert _state(new_request) == State.SUBMITTED


def test_one_rating_only(cast):
    r = make_request(state=State.COMPLETED, expert=cast["materials"])
    transitions.rate(r.pk, 4)
    with pytest.raises(transitions.Refused) as refused:
        transitions.rate(r.pk, 1, "改成差评")
    assert refused.value.status == 400
    r.refresh_from_db()
    assert r.rating == 4 and r.rating_comment == ""


def test_mail_at_every_step(cast, new_request):
    mail.outbox.clear()
    r = transitions.dispatch(new_request.pk, cast["dispatcher"], cast["materials"])
    assert {m.to[0] for m in mail.outbox} == {"contact@example.org", cast["materials"].user.email}
    assert any("派单" in m.subject for m in mail.outbox if m.to == [cast["materials"].user.email])
    mail.outbox.clear()
    transitions.decline(r.pk, cast["materials"].user, "出差")
    assert [m.to[0] for m in mail.outbox] == [cast["dispatcher"].email]
    assert "婉拒" in mail.outbox[0].subject and "出差" in mail.outbox[0].body
    transitions.dispatch(r.pk, cast["dispatcher"], cast["health"])
    transitions.accept(r.pk, cast["health"].user)
    mail.outbox.clear()
    transitions.schedule(r.pk, cast["health"].user, timezone.now() + datetime.timedelta(days=2))
    assert [m.to[0] for m in mail.outbox] == ["contact@example.org"]
    assert "讲座时间已确定" in mail.outbox[0].subject
    ServiceRequest.objects.filter(pk=r.pk).update(scheduled_start=timezone.now())
    mail.outbox.clear()
    transitions.complete(r.pk, cast["health"].user, "讲了季节性流感的预防。", 40)
    assert [m.to[0] for m in mail.outbox] == ["contact@example.org"]
    assert track_url(r, "rate/") in mail.outbox[0].body
    other = make_request(state=State.SCHEDULED, expert=cast["materials"])
    mail.outbox.clear()
    transitions.cancel(other.pk, "场地冲突", requester=True)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["contact@example.org", cast["materials"].user.email]
    )
    assert all("场地冲突" in m.body for m in mail.outbox)
