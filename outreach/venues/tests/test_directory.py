"""The venue directory: only public venues, the type and league filters, “near me” ordering by
distance computed on the server, and bad input answered with a message rather than an error."""

import math
import re

import pytest

from wagtail.models import PageViewRestriction

from outreach.venues import geo
from outreach.venues.models import VenueType

from .factories import make_venue

pytestmark = pytest.mark.django_db

HOHHOT = (40.842, 111.749)  # 呼和浩特市新城区
BAOTOU = (40.657, 109.840)  # 包头市昆都仑区
HAILAR = (49.211, 119.766)  # 呼伦贝尔市海拉尔区


def _law_of_cosines(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    cosine = math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return pytest.approx(geo.EARTH_RADIUS_KM * math.acos(cosine), abs=0.06)


def _titles(response):
    return [venue.title for venue in response.context["venues"].object_list]


@pytest.fixture
def three_leagues(venue_index):
    return {
        "hohhot": make_venue(
            venue_index,
            "呼和浩特示例科技馆（演示）",
            region="150102",
            latitude=HOHHOT[0],
            longitude=HOHHOT[1],
        ),
        "baotou": make_venue(
            venue_index,
            "包头示例开放实验室（演示）",
            region="150203",
            latitude=BAOTOU[0],
            longitude=BAOTOU[1],
            venue_type=VenueType.OPEN_LAB,
        ),
        "hailar": make_venue(
            venue_index,
            "海拉尔示例科普大篷车（演示）",
            region="150702",
            latitude=HAILAR[0],
            longitude=HAILAR[1],
            venue_type=VenueType.CARAVAN,
        ),
    }


def test_only_live_public_venues_are_listed(client, venue_index):
    live = make_venue(venue_index, "开放的阵地（演示）")
    make_venue(venue_index, "草稿阵地（演示）", publish=False)
    withdrawn = make_venue(venue_index, "已撤下的阵地（演示）")
    withdrawn.unpublish()
    private = make_venue(venue_index, "设了密码的阵地（演示）")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    response = client.get(venue_index.url)
    assert response.status_code == 200
    assert _titles(response) == [live.title]
    html = response.content.decode()
    for hidden in ("草稿阵地", "已撤下的阵地", "设了密码的阵地"):
        assert hidden not in html


def test_filter_by_type(client, venue_index, three_leagues):
    response = client.get(venue_index.url, {"type": VenueType.CARAVAN})
    assert _titles(response) == [three_leagues["hailar"].title]


def test_filter_by_league_includes_its_counties(client, venue_index, three_leagues):
    league_itself = make_venue(venue_index, "包头市级阵地（演示）", region="150200")
    response = client.get(venue_index.url, {"league": "150200"})
    assert set(_titles(response)) == {three_leagues["baotou"].title, league_itself.title}


def test_default_order_groups_venues_by_league(client, venue_index, three_leagues):
    response = client.get(venue_index.url)
    # GB/T 2260 order: 呼和浩特 150100, 包头 150200, 呼伦贝尔 150700; each league a heading.
    assert _titles(response) == [three_leagues[key].title for key in ("hohhot", "baotou", "hailar")]
    html = response.content.decode()
    headings = re.findall(r'<h3 class="venue-list__league">(.*?)</h3>', html)
    assert headings == ["呼和浩特市", "包头市", "呼伦贝尔市"]


def test_near_me_sorts_by_distance_computed_on_the_server(client, venue_index, three_leagues):
    make_venue(venue_index, "没有坐标的阵地（演示）", region="150102", no_point=True)
    response = client.get(venue_index.url, {"lat": "40.657", "lon": "109.840"})  # the reader in 包头
    assert _titles(response) == [
        three_leagues["baotou"].title,
        three_leagues["hohhot"].title,
        three_leagues["hailar"].title,
        "没有坐标的阵地（演示）",
    ]
    distances = [venue.distance for venue in response.context["venues"].object_list]
    # 包头—呼和浩特 ≈ 162.1 km, 包头—海拉尔 ≈ 1228.8 km along the great circle (the spherical law
    # of cosines, a second formula, agrees).
    assert distances[0] == 0.0
    assert distances[1] == pytest.approx(162.1, abs=0.1)
    assert distances[1] == _law_of_cosines(BAOTOU, HOHHOT)
    assert distances[2] == pytest.approx(1228.8, abs=0.1)
    assert distances[2] == _law_of_cosines(BAOTOU, HAILAR)
    assert distances[3] is None
    html = response.content.decode()
    assert "距您约 162.1 公里" in html
    assert "已按与您的距离由近到远排列" in html


def test_haversine_matches_known_distances():
    # One degree of longitude on the equator is 2πR/360 with the mean radius: 111.195 km.
    assert geo.distance_km((0, 0), (0, 1)) == pytest.approx(111.195, abs=0.001)
    assert geo.distance_km(HOHHOT, HOHHOT) == 0
    assert geo.distance_km(HOHHOT, BAOTOU) == pytest.approx(geo.distance_km(BAOTOU, HOHHOT))


@pytest.mark.parametrize(
    "params",
    [
        {"lat": "abc", "lon": "111.7"},
        {"lat": "31.23", "lon": "121.47"},  # 上海: outside Inner Mongolia
        {"lat": "40.8"},  # half a position
        {"lat": "1e999", "lon": "NaN"},
        {"lat": "40.8\x00", "lon": "111.7"},
    ],
)
def test_junk_positions_leave_the_default_order_with_a_message(client, venue_index, three_leagues, params):
    response = client.get(venue_index.url, params)
    assert response.status_code == 200
    assert _titles(response) == [three_leagues[key].title for key in ("hohhot", "baotou", "hailar")]
    assert "无法识别您的位置" in response.content.decode()
    assert not response.context["sorted_by_distance"]


def test_unknown_filters_are_ignored_and_named(client, venue_index, three_leagues):
    response = client.get(venue_index.url, {"type": "<b>博物馆</b>", "league": "999999", "page": "x"})
    assert response.status_code == 200
    assert len(_titles(response)) == 3
    html = response.content.decode()
    assert "已忽略无法识别的筛选条件" in html
    assert "&lt;b&gt;博物馆&lt;/b&gt;" in html and "<b>博物馆</b>" not in html


def test_pagination_keeps_the_filters(client, venue_index):
    for n in range(14):
        make_venue(venue_index, f"阵地{n:02d}（演示）", venue_type=VenueType.EDUCATION_BASE)
    response = client.get(venue_index.url, {"type": VenueType.EDUCATION_BASE, "page": "2"})
    assert len(_titles(response)) == 2
    assert "type=education-base&amp;page=1" in response.content.decode()
    assert client.get(venue_index.url, {"page": "99"}).status_code == 200
