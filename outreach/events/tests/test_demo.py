"""The demo's events load twice without duplicates: across the campaigns and at least 8 leagues, past
ones with reports, upcoming ones, some at demo venues, one nearly full; every name says （演示）."""

import io

import pytest

from django.contrib.auth.models import Group
from django.utils import timezone

from outreach.demo import DemoContext
from outreach.events import demo
from outreach.events.models import EventPage, EventReport, SignUp
from outreach.venues import demo as venues_demo
from review.audit import find_problems
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def context(site_tree):
    groups = {
        key: Group.objects.create(name=name) for key, name in (("editors", "编辑"), ("chief-editors", "总编"))
    }
    return DemoContext(
        home=site_tree["home"],
        users={"editor": UserFactory(username="editor")},
        groups=groups,
        disciplines={},
        audiences={},
        regions={},
        campaigns={},
        stdout=io.StringIO(),
    )


def test_the_demo_events_load_once_and_tell_the_truth(context):
    venues_demo.load(context)
    demo.load(context)
    demo.load(context)  # idempotent
    events = EventPage.objects.live().prefetch_related("regions__parent")
    assert 14 <= events.count() == len(context.shared["events"])
    leagues = {region.league.code for event in events for region in event.regions.all()}
    assert len(leagues) >= 8
    now = timezone.now()
    past = [event for event in events if event.end < now]
    assert len(past) >= 5 and len(events) - len(past) >= 5
    assert EventReport.objects.count() == len(past)
    assert {event.campaign.code for event in events if event.campaign} >= {
        "sci-tech-week",
        "science-day",
        "three-rural",
        "campus-festival",
    }
    assert sum(1 for event in events if event.venue_id) >= 5
    assert all("（演示）" in event.organizer for event in events)
    assert all(event.review_credit.get("kind") == "import" for event in events)
    camp = EventPage.objects.get(slug="wuhai-youth-robotics")
    assert camp.capacity - SignUp.objects.filter(event=camp, status="confirmed").count() == 2
    assert all(name.endswith("（演示）") for name in SignUp.objects.values_list("name", flat=True))
    assert find_problems()[1] == []
