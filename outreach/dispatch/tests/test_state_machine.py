"""Invariants of the state machine under any sequence of attempts by any role: a refused move changes
nothing, a move that succeeds is one of transitions.MOVES, and the timeline records exactly the moves
made. And a mail server that is down loses no order."""

import datetime
import smtplib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.utils import timezone

from outreach.dispatch import transitions
from outreach.dispatch.models import RequestEvent, ServiceRequest
from review.models import OutgoingMail

from .conftest import client_for, make_request
from .test_public import ORDER, _form

pytestmark = pytest.mark.django_db
ROLES = ("dispatcher", "materials", "health", "nobody", "requester")
ACTIONS = ("dispatch", "accept", "decline", "schedule", "complete", "cancel", "rate")


def _attempt(cast, pk, action, role):
    requester = role == "requester"
    user = None if requester else cast[role] if role in ("dispatcher", "nobody") else cast[role].user
    soon = timezone.now() + datetime.timedelta(days=1)
    if action == "dispatch":
        return transitions.dispatch(pk, user, cast["materials"])
    if action == "accept":
        return transitions.accept(pk, user)
    if action == "decline":
        return transitions.decline(pk, user, "没空")
    if action == "schedule":
        return transitions.schedule(pk, user, soon)
    if action == "complete":
        ServiceRequest.objects.filter(pk=pk).update(scheduled_start=timezone.now())
        return transitions.complete(pk, user, "简报", 10)
    if action == "cancel":
        return transitions.cancel(pk, "原因", user=user, requester=requester)
    if requester:
        return transitions.rate(pk, 5)
    raise transitions.Refused("staff do not rate", 403)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    attempts=st.lists(st.tuples(st.sampled_from(ACTIONS), st.sampled_from(ROLES)), min_size=1, max_size=12)
)
def test_any_sequence_of_attempts_keeps_the_rules(cast, attempts):
    service_request = make_request()
    made = 0
    for action, role in attempts:
        before = ServiceRequest.objects.get(pk=service_request.pk)
        try:
            _attempt(cast, service_request.pk, action, role)
        except transitions.Refused as refused:
            assert refused.status in (400, 403) and refused.message
            after = ServiceRequest.objects.get(pk=service_request.pk)
            assert (after.state, after.expert_id, after.rating) == (
                before.state,
                before.expert_id,
                before.rating,
            )
            continue
        made += 1
        after = ServiceRequest.objects.get(pk=service_request.pk)
        starts, leads_to = transitions.MOVES[action]
        assert before.state in starts and after.state == leads_to
    events = RequestEvent.objects.filter(request=service_request).exclude(action="submit")
    assert events.count() == made
    assert events.filter(action="rate").count() <= 1


def test_a_mail_server_that_is_down_loses_no_order(cast, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr("review.notifications.send_mail", refuse)
    response = client_for(None).post(ORDER, _form())
    assert response.status_code == 302
    assert ServiceRequest.objects.count() == 1
    unsent = OutgoingMail.objects.filter(sent_at__isnull=True, recipient="order@example.org")
    assert unsent.count() == 1  # left for `manage.py send_review_mail` to retry
