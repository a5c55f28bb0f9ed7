"""The demo's service requests: every state, from fictional organisations, on existing demo experts;
loading twice makes nothing new."""

import io

import pytest

from outreach.demo import DemoContext
from outreach.dispatch import demo
from outreach.dispatch.models import ServiceRequest

from .conftest import _admin_user, _expert

pytestmark = pytest.mark.django_db


def _context():
    users = {"admin": _admin_user("admin")}
    for username in ("expert", "expert2", "expert3", "lecturer1", "lecturer2", "lecturer4", "lecturer5"):
        users[username] = _expert(username, f"{username}（演示）", "health").user
    return DemoContext(
        home=None,
        users=users,
        groups={},
        disciplines={},
        audiences={},
        regions={},
        campaigns={},
        stdout=io.StringIO(),
    )


def test_demo_requests_in_every_state_and_idempotent(db):
    context = _context()
    demo.load(context)
    count = ServiceRequest.objects.count()
    states = set(ServiceRequest.objects.values_list("state", flat=True))
    assert states == {"submitted", "dispatched", "accepted", "scheduled", "completed", "cancelled"}
    assert all(
        name.endswith("（演示）")
        for name in ServiceRequest.objects.values_list("organisation_name", flat=True)
    )
    declined = ServiceRequest.objects.get(decline_count=1)
    assert declined.state == "submitted" and declined.expert is None
    assert declined.events.filter(action="decline").exists()
    rated = ServiceRequest.objects.filter(rating__isnull=False)
    assert rated.count() == 2 and all(r.report and r.attendance for r in rated)
    assert ServiceRequest.objects.overdue().exists()  # the queue shows an overdue flag
    demo.load(context)
    assert ServiceRequest.objects.count() == count
