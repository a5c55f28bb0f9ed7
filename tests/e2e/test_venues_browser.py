"""Venues in Chromium on a phone-sized window (`make test-e2e`): 附近的阵地 asks the
browser for the position and the server sorts by it; with a tile server the Leaflet map draws a
marker per venue with a working popup; with none, no map script runs and nothing fails."""

import io

import pytest
from PIL import Image

from django.test import override_settings

from outreach.venues.tests.factories import make_venue, make_venue_index
from tests.factories import make_site

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def phone(browser):
    """A phone-sized page in Baotou: the browser grants its position to the site."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        geolocation={"latitude": 40.6571, "longitude": 109.8402},  # 包头
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("response", lambda r: r.status >= 400 and page.problems.append(f"{r.status}: {r.url}"))
    yield page
    context.close()


@pytest.fixture
def directory(live_server):
    import os

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    home, _works, _news = make_site()
    index = make_venue_index(home)
    make_venue(index, "呼和浩特示例科技馆（演示）", region="150102", latitude=40.842, longitude=111.749)
    make_venue(index, "包头示例开放实验室（演示）", region="150203", latitude=40.657, longitude=109.840)
    make_venue(index, "海拉尔示例湿地基地（演示）", region="150702", latitude=49.211, longitude=119.766)
    return f"{live_server.url}{index.url}"


def test_near_me_uses_the_browsers_position(phone, directory):
    phone.goto(directory)
    assert not phone.locator("script[src*='leaflet']").count()
    assert phone.locator("svg.league-schematic__svg a").count() == 12
    phone.get_by_role("button", name="附近的阵地").click()
    phone.wait_for_url("**lat=40.66&lon=109.84**")
    titles = phone.locator(".venue-card .card__title").all_inner_texts()
    assert titles[0] == "包头示例开放实验室（演示）"
    # The script rounds the position to 0.01° (about a kilometre): 40.66, 109.84 is 0.3 km away.
    assert phone.locator(".venue-card__distance").first.inner_text() == "距您约 0.3 公里"
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert phone.problems == []


def _tile():
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (230, 240, 230)).save(buffer, "PNG")
    return buffer.getvalue()


def test_leaflet_map_with_a_tile_server(phone, directory, live_server):
    # Tiles from the site's own origin (the policy's img-src has 'self'), answered by the browser's router.
    tile = _tile()
    phone.route(
        "**/test-tiles/**", lambda route: route.fulfill(status=200, content_type="image/png", body=tile)
    )
    with override_settings(
        MAP_TILE_URL=f"{live_server.url}/test-tiles/{{z}}/{{x}}/{{y}}.png", MAP_TILE_ATTRIBUTION="© 测试底图"
    ):
        phone.goto(directory)
        phone.wait_for_selector(".leaflet-marker-icon")
        assert phone.locator(".leaflet-marker-icon").count() == 3
        assert phone.locator(".leaflet-tile-loaded").count() > 0
        assert "© 测试底图" in phone.locator(".leaflet-control-attribution").inner_text()
        phone.locator('.leaflet-marker-icon[title="包头示例开放实验室（演示）"]').click()
        link = phone.locator(".leaflet-popup-content a")
        assert link.inner_text() == "包头示例开放实验室（演示）"
        link.click()
        phone.wait_for_selector("h1")
        assert phone.locator("h1").inner_text() == "包头示例开放实验室（演示）"
        assert phone.locator(".venue-map--small .leaflet-marker-icon").count() == 1
    assert phone.problems == []
