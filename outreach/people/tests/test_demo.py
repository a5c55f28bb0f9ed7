"""The people demo loads from its data file, meets the model's rules and is idempotent."""

import io

import pytest

from django.contrib.auth.models import Group

from outreach.demo import DemoContext
from outreach.events.tests.factories import make_event, make_event_index
from outreach.people import demo
from outreach.people.models import SpeakerProfile, Team, Volunteer, VolunteerAssignment
from review.models import ExpertProfile
from tests import factories

pytestmark = pytest.mark.django_db


def _context(site_tree):
    groups = {
        key: Group.objects.get_or_create(name=key)[0] for key in ("experts", "editors", "chief-editors")
    }
    users = {"admin": factories.UserFactory(username="admin", is_superuser=True, is_staff=True)}
    for username in ("expert", "expert2", "expert3"):
        users[username] = factories.UserFactory(username=username)
        ExpertProfile.objects.create(
            user=users[username], name=f"{username}（演示）", affiliation="示例单位（演示）"
        )
    return DemoContext(
        home=site_tree["home"],
        users=users,
        groups=groups,
        disciplines={},
        audiences={},
        regions={},
        campaigns={},
        stdout=io.StringIO(),
    )


def test_demo_loads_twice_to_the_same_content(site_tree):
    index = make_event_index(site_tree["home"])
    for i in range(4):
        make_event(index, f"过去的活动{i}", days=-10 - i, hours=3)
    context = _context(site_tree)
    demo.load(context)
    demo.load(context)
    speakers = SpeakerProfile.objects.select_related("region__parent")
    assert speakers.count() == 11
    assert speakers.filter(publish_profile=False).count() == 1
    leagues = {s.region.league.code for s in speakers}
    assert len(leagues) >= 8
    assert set(Team.objects.values_list("kind", flat=True)) == set(Team.Kind.values)
    assert Volunteer.objects.count() == 12
    assert set(Volunteer.objects.values_list("status", flat=True)) == set(Volunteer.Status.values)
    assert VolunteerAssignment.objects.count() == 7
    assert all(a.volunteer.is_approved and a.hours is not None for a in VolunteerAssignment.objects.all())
    assert all(name.endswith("（演示）") for name in Volunteer.objects.values_list("name", flat=True))
    assert context.users["lecturer1"].check_password("pass-word-123")  # the expert's password
    assert context.groups["editors"].permissions.filter(codename="change_volunteer").exists()
