"""The readings dispatch, records and supervision take from people: equal to counts made directly,
and a fixed number of queries whatever the number of rows."""

import datetime
from decimal import Decimal

import pytest

from django.utils import timezone

from articles.models import Region
from outreach.events.tests.factories import make_event, make_event_index
from outreach.people import queries
from outreach.people.models import SpeakerUnavailability, Volunteer, VolunteerAssignment

from .factories import make_speaker, make_volunteer

pytestmark = pytest.mark.django_db


def _assign(volunteer, event, hours):
    return VolunteerAssignment.objects.create(volunteer=volunteer, event=event, role="讲解", hours=hours)


@pytest.fixture
def served(site_tree):
    index = make_event_index(site_tree["home"])
    old = make_event(index, "上月活动", days=-40, hours=4)
    recent = make_event(index, "上周活动", days=-7, hours=4)
    hohhot = make_volunteer("呼市（演示）", region="150102")  # a district of 呼和浩特市
    baotou = make_volunteer("包头（演示）", region="150200")  # the league itself
    make_volunteer("待审（演示）", status=Volunteer.Status.PENDING, region="150200")
    _assign(hohhot, old, Decimal("3"))
    _assign(hohhot, recent, Decimal("2.5"))
    _assign(baotou, recent, Decimal("4"))
    VolunteerAssignment.objects.create(volunteer=baotou, event=old, role="签到")  # no hours yet
    return {"hohhot": hohhot, "baotou": baotou}


def test_volunteer_hours_per_volunteer_and_period(served):
    since = timezone.now() - datetime.timedelta(days=30)
    assert queries.volunteer_hours() == {
        served["hohhot"].pk: Decimal("5.5"),
        served["baotou"].pk: Decimal("4"),
    }
    assert queries.volunteer_hours(start=since) == {
        served["hohhot"].pk: Decimal("2.5"),
        served["baotou"].pk: Decimal("4"),
    }
    assert queries.volunteer_hours(end=since) == {served["hohhot"].pk: Decimal("3")}


def test_hours_and_approved_volunteers_by_league(served):
    hohhot, baotou = Region.objects.get(code="150100"), Region.objects.get(code="150200")
    assert queries.hours_by_league() == {hohhot.pk: (1, Decimal("5.5")), baotou.pk: (1, Decimal("4"))}
    by_league = dict(queries.approved_volunteers_by_league())
    assert len(by_league) == 12
    assert by_league[hohhot] == 1 and by_league[baotou] == 1
    assert sum(by_league.values()) == Volunteer.objects.filter(status=Volunteer.Status.APPROVED).count()
    assert set(queries.approved_volunteers(baotou)) == {served["baotou"]}


@pytest.mark.parametrize("size", [3, 30])
def test_readings_cost_fixed_queries(site_tree, django_assert_max_num_queries, size):
    for i in range(size):
        make_volunteer(f"志愿者{i}", region="150102" if i % 2 else "150200")
        make_speaker(topics=["人工智能基础", "防范电信网络诈骗"])
    with django_assert_max_num_queries(1):
        queries.volunteer_hours()
    with django_assert_max_num_queries(2):
        queries.approved_volunteers_by_league()
    with django_assert_max_num_queries(5):
        loads = queries.speakers_with_load({}, day=datetime.date(2026, 12, 1))
        for load in loads:
            assert [t.topic for t in load.speaker.topics.all()]
            assert load.speaker.region.league.name


def test_speakers_with_load_and_availability(site_tree):
    busy = make_speaker("满额（演示）")
    busy.max_talks_per_month = 2
    busy.save()
    away = make_speaker("外出（演示）")
    SpeakerUnavailability.objects.create(
        speaker=away, start=datetime.date(2026, 12, 1), end=datetime.date(2026, 12, 10), note="出差"
    )
    closed = make_speaker("暂停（演示）", accepting_talks=False)
    hidden = make_speaker("不公开主页（演示）", publish_profile=False)  # dispatch still sees them
    loads = {
        load.speaker.pk: load
        for load in queries.speakers_with_load({busy.expert_id: 3}, datetime.date(2026, 12, 5))
    }
    assert loads[busy.pk].talks == 3 and loads[busy.pk].remaining == 0 and loads[busy.pk].available
    assert not loads[away.pk].available
    assert not loads[closed.pk].available
    assert loads[hidden.pk].available
    later = {load.speaker.pk: load for load in queries.speakers_with_load({}, datetime.date(2026, 12, 11))}
    assert later[away.pk].available
