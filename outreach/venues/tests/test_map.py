"""The map: Leaflet and the venues' points only when a tile server is set; otherwise no map script
at all, and a drawn schematic of the 12 leagues whose counts are the database's."""

import json
import re

import pytest

from django.test import override_settings

from articles.models import Region
from outreach.venues.models import VenuePage, VenueType
from outreach.venues.schematic import LAYOUT

from .factories import make_venue

pytestmark = pytest.mark.django_db

TILES = {
    "MAP_TILE_URL": "https://t{s}.tiles.example.org/{z}/{x}/{y}.png",
    "MAP_TILE_ATTRIBUTION": "© 示例地图 <script>",
    "MAP_TILE_SUBDOMAINS": "0123",
    "MAP_LABEL_TILE_URL": "",
}


@pytest.fixture
def venues(venue_index):
    make_venue(venue_index, "呼和浩特一（演示）", region="150102")
    make_venue(venue_index, "呼和浩特二（演示）", region="150100", venue_type=VenueType.OPEN_LAB)
    make_venue(venue_index, "包头一（演示）", region="150203", latitude=40.657, longitude=109.840)
    make_venue(venue_index, "赤峰一（演示）", region="150402", latitude=42.257, longitude=118.887)
    make_venue(venue_index, "没有坐标（演示）", region="150402", no_point=True)
    make_venue(venue_index, "草稿（演示）", region="152900", publish=False)
    return venue_index


def _league_counts_in_db():
    counts = {}
    for venue in VenuePage.objects.live().select_related("region"):
        league = venue.region.league
        counts[league.name] = counts.get(league.name, 0) + 1
    return counts


def test_no_tile_server_no_leaflet_and_the_schematic_counts_the_database(client, venues):
    html = client.get(venues.url).content.decode()
    assert "leaflet" not in html.lower()
    assert "venues-map.js" not in html
    assert "data-venue-map" not in html
    assert "<svg" in html
    found = re.findall(r'aria-label="([^"：]+)：(\d+) 个科普阵地（([^）"]+)）"', html)
    assert all(name.startswith(short) for short, _n, name in found)  # the drawn text begins the name
    drawn = {name: int(n) for _short, n, name in found}
    leagues = Region.objects.filter(level=Region.Level.LEAGUE)
    assert set(drawn) == {league.name for league in leagues}
    assert set(LAYOUT) == {league.code for league in leagues}
    expected = {league.name: 0 for league in leagues} | _league_counts_in_db()
    assert drawn == expected
    assert drawn["阿拉善盟"] == 0  # the draft does not count
    # Each league's box links to the directory filtered by it.
    assert 'href="?league=150400#venues-map"' in html


def test_schematic_counts_follow_the_type_filter(client, venues):
    html = client.get(venues.url, {"type": VenueType.OPEN_LAB}).content.decode()
    assert 'aria-label="呼和浩特：1 个科普阵地（呼和浩特市）"' in html
    assert 'href="?type=open-lab&amp;league=150200#venues-map"' in html


def test_public_pages_carry_no_inline_script_or_style(client, venues):
    venue = VenuePage.objects.live().get(title="包头一（演示）")
    for url in (venues.url, venue.url):
        html = client.get(url).content.decode()
        assert " style=" not in html
        assert "<style" not in html
        for attributes in re.findall(r"<script([^>]*)>", html):
            assert (
                "src=" in attributes
                or 'type="application/json"' in attributes
                or 'type="application/ld+json"' in attributes
            )


@override_settings(**TILES)
def test_with_a_tile_server_leaflet_and_the_points(client, venues):
    html = client.get(venues.url).content.decode()
    assert "venues/leaflet/leaflet.js" in html and "venues/leaflet/leaflet.css" in html
    assert re.search(r'<script defer src="[^"]*venues-map\.js"', html)
    assert 'data-tile-url="https://t{s}.tiles.example.org/{z}/{x}/{y}.png"' in html
    assert 'data-attribution="© 示例地图 &lt;script&gt;"' in html
    assert "<svg" not in html
    points = json.loads(
        re.search(r'<script id="venue-points" type="application/json">(.*?)</script>', html).group(1)
    )
    assert sorted(point["name"] for point in points) == sorted(
        ["呼和浩特一（演示）", "呼和浩特二（演示）", "包头一（演示）", "赤峰一（演示）"]
    )
    baotou = next(point for point in points if point["name"] == "包头一（演示）")
    assert (baotou["lat"], baotou["lon"]) == (40.657, 109.84)
    assert baotou["url"].endswith("/venues/" + VenuePage.objects.get(title="包头一（演示）").slug + "/")
    assert baotou["league"] == "包头市"


@override_settings(**TILES)
def test_venue_page_has_a_small_map_with_tiles(client, venues):
    venue = VenuePage.objects.live().get(title="包头一（演示）")
    html = client.get(venue.url).content.decode()
    assert "venue-map--small" in html and "leaflet.js" in html
    no_point = VenuePage.objects.live().get(title="没有坐标（演示）")
    html = client.get(no_point.url).content.decode()
    assert "leaflet" not in html.lower() and "<svg" not in html
    assert no_point.address in html


def test_venue_page_without_tiles_highlights_its_league(client, venues):
    venue = VenuePage.objects.live().get(title="赤峰一（演示）")
    html = client.get(venue.url).content.decode()
    assert "leaflet" not in html.lower()
    current = re.findall(
        r'<a href="[^"]*" class="league league--unknown is-current"[^>]*aria-label="([^"]+)"', html
    )
    assert current == ["赤峰（赤峰市）"]
    assert "在地图中查看" in html and "?league=150400#venues-map" in html
