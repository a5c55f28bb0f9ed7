"""Outreach's public pages are cached and purged like the works: an event's publish purges every
URL that shows it, a venue's its directory, an event that ends leaves the upcoming lists through
`purge_ended_events`, and outreach's personal pages and forms are never stored by a shared cache."""

import datetime

import pytest

from django.core.management import call_command
from django.utils import timezone

from caching import affected
from caching.models import PendingPurge
from outreach.events.tests.factories import make_event, make_event_index
from outreach.venues.tests.factories import make_venue, make_venue_index
from tests import factories

pytestmark = pytest.mark.django_db

HOST = "http://localhost"


@pytest.fixture
def outreach_tree(site_tree):
    home = site_tree["home"]
    factories.make_topic(home, "elderly", "老年人健康与防诈骗")
    return {
        "home": home,
        "events": make_event_index(home),
        "venues": make_venue_index(home),
    }


def paths(urls):
    return {affected.strip_host(url) for url in urls}


def test_an_event_purges_its_page_index_terms_home_column_feeds_poster_and_api(outreach_tree):
    event = make_event(
        outreach_tree["events"],
        "全国科普日：老年人防诈骗讲座",
        days=3,
        campaign="science-day",
        regions=["150102"],
        audiences=["elderly"],
    )
    found = paths(affected.urls_for(event))
    expected = {
        event.url,
        "/zh-hans/events/",
        "/zh-hans/events/?audience=elderly",
        "/zh-hans/events/?region=150102",
        "/zh-hans/events/?region=150100",  # its league
        "/zh-hans/events/?campaign=science-day",
        "/zh-hans/",
        "/mn/",
        "/zh-hans/topic-elderly/",  # the audience column shows 近期活动
        "/zh-hans/outreach/events/calendar.ics",
        f"/zh-hans/outreach/events/{event.pk}.ics",
        f"/zh-hans/outreach/events/{event.pk}/poster.pdf",
        f"/api/v1/events/{event.pk}/",
        "/api/v1/events/",
        "/sitemap.xml",
    }
    assert expected <= found, expected - found


def test_publishing_an_event_records_its_purge_with_the_change(outreach_tree):
    event = make_event(outreach_tree["events"], "校园科技节", days=3, audiences=["youth"])
    recorded = {affected.strip_host(url) for url in PendingPurge.objects.values_list("url", flat=True)}
    assert {event.url, "/zh-hans/events/", "/zh-hans/"} <= recorded


def test_a_venue_purges_itself_and_its_directory_under_its_type_and_league(outreach_tree):
    venue = make_venue(outreach_tree["venues"], region="150202")
    found = paths(affected.urls_for(venue))
    expected = {
        venue.url,
        "/zh-hans/venues/",
        f"/zh-hans/venues/?type={venue.venue_type}",
        "/zh-hans/venues/?league=150200",
        "/sitemap.xml",
    }
    assert expected <= found, expected - found


def test_an_event_that_just_ended_is_purged_by_the_scheduler(outreach_tree):
    now = timezone.now().replace(microsecond=0)
    just_ended = make_event(
        outreach_tree["events"], "刚结束的讲座", start=now - datetime.timedelta(hours=2), hours=1.9
    )
    long_over = make_event(outreach_tree["events"], "上个月的讲座", days=-30)
    PendingPurge.objects.all().delete()
    call_command("purge_ended_events", "--minutes", "15", stdout=open("/dev/null", "w"))  # noqa: SIM115
    recorded = {affected.strip_host(url) for url in PendingPurge.objects.values_list("url", flat=True)}
    assert just_ended.url in recorded and "/zh-hans/events/" in recorded
    assert long_over.url not in recorded


@pytest.mark.parametrize(
    ("path", "private"),
    [
        ("/zh-hans/outreach/requests/new/", True),
        ("/zh-hans/outreach/requests/track/abc/", True),
        ("/zh-hans/outreach/records/mine/", True),
        ("/zh-hans/outreach/volunteers/join/", True),
        ("/zh-hans/outreach/events/12/signup/", True),
        ("/zh-hans/outreach/events/12/cancel/abc/", True),
        ("/zh-hans/outreach/teams/", False),
        ("/zh-hans/outreach/events/calendar.ics", False),
    ],
)
def test_outreach_forms_and_personal_pages_are_never_shared(rf, path, private):
    from caching import policy

    request = rf.get(path)
    assert policy.anonymous_request(request) is not private


def test_only_purged_outreach_answers_are_kept_long(rf, settings):
    from django.http import HttpResponse

    from caching import policy

    long = settings.PORTAL_CACHE_SHARED_MAX_AGE
    for path, expected in [
        ("/zh-hans/outreach/events/calendar.ics", long),
        ("/zh-hans/outreach/events/7.ics", long),
        ("/zh-hans/outreach/events/7/poster.pdf", long),
        ("/zh-hans/outreach/teams/", long),
        ("/zh-hans/outreach/teams/science-lecturers/", long),
        ("/zh-hans/outreach/experts/3/", long),
        ("/zh-hans/outreach/verify/token/", settings.PORTAL_CACHE_UNPURGED_MAX_AGE),
        ("/zh-hans/events/?campaign=science-day", long),
        ("/zh-hans/events/?view=calendar&month=2026-05", settings.PORTAL_CACHE_UNPURGED_MAX_AGE),
    ]:
        path_only, _sep, query = path.partition("?")
        request = rf.get(path_only, dict(p.split("=") for p in query.split("&")) if query else {})
        assert policy.shared_max_age(request, HttpResponse()) == expected, path


def test_a_withdrawn_consent_purges_the_expert_the_team_and_the_list(site_tree):
    from django.contrib.auth import get_user_model

    from outreach.people.models import SpeakerProfile, Team, TeamMembership
    from review.models import ExpertProfile

    user = get_user_model().objects.create_user("speaker", "speaker@example.org", "x")
    expert = ExpertProfile.objects.create(user=user, name="示例讲师（演示）", affiliation="示例大学（演示）")
    team = Team.objects.create(name="示例科普讲师团（演示）", slug="lecturers", kind=Team.Kind.choices[0][0])
    TeamMembership.objects.create(team=team, expert=expert)
    profile = SpeakerProfile.objects.create(expert=expert, publish_profile=True)
    PendingPurge.objects.all().delete()
    profile.publish_profile = False
    profile.save()
    recorded = {affected.strip_host(url) for url in PendingPurge.objects.values_list("url", flat=True)}
    assert {
        "/zh-hans/outreach/teams/",
        "/zh-hans/outreach/teams/lecturers/",
        f"/zh-hans/outreach/experts/{expert.pk}/",
        f"/mn/outreach/experts/{expert.pk}/",
    } <= recorded
