"""The outreach figures (events, venues, requests, volunteers) equal counts made directly from the
rows, for the whole region and a league, over periods that cut the data."""

import statistics
from datetime import date

import pytest

from articles.models import Campaign, Region
from outreach.dispatch.models import OrganisationType, ServiceRequest, State
from outreach.events.models import EventReport
from outreach.people.models import Volunteer, VolunteerAssignment
from outreach.venues.models import VenuePage, VenueType

from .. import figures
from ..figures import Filters
from .conftest import build_outreach

pytestmark = pytest.mark.django_db

PERIODS = [(date(2025, 1, 1), date(2026, 6, 15)), (date(2025, 9, 1), date(2026, 2, 28))]


def league_of(region):
    if region is None:
        return None
    if region.level == Region.Level.COUNTY:
        return region.parent
    return region if region.level == Region.Level.LEAGUE else None


def rows_of(figure):
    return {row.key: row.values for row in figure.rows}


@pytest.fixture
def every_filters(site_tree, league):
    build_outreach(site_tree["home"], 12)
    return [Filters(start, end, chosen) for start, end in PERIODS for chosen in (None, league)]


def in_period(moment, filters):
    return filters.since <= moment < filters.until


def test_events_by_campaign(every_filters):
    for filters in every_filters:
        figure = rows_of(figures.events_by_campaign(filters))
        reports = [
            r
            for r in EventReport.objects.select_related("event")
            if in_period(r.event.start, filters)
            and (filters.league is None or any(league_of(x) == filters.league for x in r.event.regions.all()))
        ]
        for campaign in [*Campaign.objects.all(), None]:
            mine = [r for r in reports if r.event.campaign == campaign]
            key = f"campaign:{campaign.pk if campaign else ''}"
            assert figure[key] == (len(mine), sum(r.participants for r in mine)), (filters, key)
        assert any(values[0] for values in figure.values())


def test_venues_by_type(every_filters):
    for filters in every_filters:
        figure = rows_of(figures.venues_by_type(filters))
        venues = [v for v in VenuePage.objects.live() if filters.league in (None, league_of(v.region))]
        for code, _label in VenueType.choices:
            assert figure[f"type:{code}"] == (sum(1 for v in venues if v.venue_type == code),)


def _requests(filters):
    return [
        r
        for r in ServiceRequest.objects.all()
        if in_period(r.submitted_at, filters) and filters.league in (None, league_of(r.region))
    ]


def test_requests_by_state_and_time_to_dispatch(every_filters):
    for filters in every_filters:
        requests = _requests(filters)
        by_state = rows_of(figures.requests_by_state(filters))
        for code, _label in State.choices:
            assert by_state[f"state:{code}"] == (sum(1 for r in requests if r.state == code),)
        timing = rows_of(figures.requests_dispatch_time(filters))
        everything = []
        for code, _label in OrganisationType.choices:
            days = []
            for r in requests:
                dispatches = [e.at for e in r.events.all() if e.action == "dispatch"]
                if r.organisation_type == code and dispatches:
                    days.append((min(dispatches) - r.submitted_at).total_seconds() / 86400)
            everything += days
            expected = (len(days), round(statistics.median(days), 1) if days else 0)
            assert timing[f"type:{code}"][:2] == expected, (filters, code)
        assert timing["type:"][0] == len(everything)
        assert timing["type:"][1] == (round(statistics.median(everything), 1) if everything else 0)


def test_volunteers_and_hours(every_filters):
    for filters in every_filters:
        figure = rows_of(figures.volunteers_by_league(filters))
        for league in Region.objects.filter(level=Region.Level.LEAGUE):
            key = f"league:{league.code}"
            if filters.league and league != filters.league:
                assert key not in figure
                continue
            approved = [
                v for v in Volunteer.objects.all() if v.status == "approved" and league_of(v.region) == league
            ]
            served = [
                a
                for a in VolunteerAssignment.objects.select_related("event", "volunteer__region")
                if a.hours is not None
                and in_period(a.event.start, filters)
                and league_of(a.volunteer.region) == league
            ]
            expected = (
                len(approved),
                len({a.volunteer_id for a in served}),
                float(sum(a.hours for a in served)),
            )
            assert figure[key] == expected, (filters, key)
    assert any(values[2] for values in figure.values())


def test_the_records_behind_outreach_rows(every_filters, client, supervisor):
    client.force_login(supervisor)
    filters = every_filters[0]
    for key in ("events_by_campaign", "venues_by_type", "requests_by_state", "requests_dispatch_time"):
        for row in figures.figure(key, filters).rows:
            response = client.get(f"/admin/supervision/records/{key}/", {**filters.query(), "row": row.key})
            assert response.status_code == 200, (key, row.key)
            assert response.context["listing"].page.paginator.count == row.values[0], (key, row.key)
    for row in figures.volunteers_by_league(filters).rows:
        response = client.get(
            "/admin/supervision/records/volunteers_by_league/", {**filters.query(), "row": row.key}
        )
        listing = response.context["listing"]
        listed = listing.page.object_list
        assert sum(1 for r in listed if r[2].text == "已通过") == row.values[0]
        assert sum(1 for r in listed if float(r[3].text)) == row.values[1]
        assert sum(float(r[3].text) for r in listed) == pytest.approx(row.values[2])
