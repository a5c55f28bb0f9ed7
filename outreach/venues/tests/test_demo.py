"""The demo's venues: every league and every type, inside Inner Mongolia, fictional names, loaded
twice without duplicates."""

import io
import tomllib
from types import SimpleNamespace

import pytest

from articles.models import Region
from outreach.venues import demo
from outreach.venues.geo import in_region
from outreach.venues.models import VenueIndexPage, VenuePage, VenueType

pytestmark = pytest.mark.django_db


def _context(home):
    return SimpleNamespace(home=home, shared={}, created={}, stdout=io.StringIO())


def test_demo_data_covers_every_league_and_type_with_fictional_names():
    data = tomllib.loads(demo.DATA.read_text(encoding="utf-8"))
    venues = data["venue"]
    assert len({venue["slug"] for venue in venues}) == len(venues) >= 18
    assert {venue["type"] for venue in venues} == set(VenueType.values)
    for venue in venues:
        assert venue["title"].endswith("（演示）"), venue["title"]
        assert in_region(venue["latitude"], venue["longitude"]), venue["slug"]


def test_demo_loads_once(site_tree):
    home = site_tree["home"]
    context = _context(home)
    demo.load(context)
    demo.load(_context(home))
    assert VenueIndexPage.objects.count() == 1
    venues = VenuePage.objects.live().select_related("region__parent")
    data = tomllib.loads(demo.DATA.read_text(encoding="utf-8"))
    assert venues.count() == len(data["venue"])
    leagues = {venue.region.league.code for venue in venues}
    assert leagues == set(Region.objects.filter(level=Region.Level.LEAGUE).values_list("code", flat=True))
    assert set(context.shared["venues"]) == {item["slug"] for item in data["venue"]}
    assert VenuePage.objects.get(slug="hohhot-science-museum").offerings.count() == 3
