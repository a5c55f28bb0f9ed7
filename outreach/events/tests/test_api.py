"""Events in the public API (/api/v1/events/): only live public events, every state of review kept
out, only whitelisted keys, filters as on the events index, and a fixed number of queries whatever
the page size."""

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from channels.tests.test_api_gate import ALLOWED_KEYS, FORBIDDEN_KEYS, keys_in

from .factories import make_event

pytestmark = pytest.mark.django_db

EVENT_KEYS = {
    "start",
    "end",
    "format",
    "campaign",
    "place",
    "online_url",
    "organizer",
    "capacity",
    "ical_url",
}


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def test_only_live_public_events_and_whitelisted_keys(client, index):
    live = make_event(
        index,
        "全国科普日：草原防火讲座",
        days=5,
        campaign="science-day",
        regions=["150102"],
        audiences=["farmers-herders"],
        disciplines=["safety"],
    )
    draft = make_event(index, "尚未审核的活动", days=6, publish=False)
    unpublished = make_event(index, "已撤下的活动", days=7)
    unpublished.unpublish()
    payload = client.get("/api/v1/events/").json()
    assert [item["id"] for item in payload["items"]] == [live.pk]
    item = payload["items"][0]
    assert item["campaign"] == {"code": "science-day", "name": "全国科普日"}
    assert item["regions"][0]["league"]["code"] == "150100"
    assert item["ical_url"].endswith(f"/zh-hans/outreach/events/{live.pk}.ics")
    assert item["url"].startswith("http://")
    detail = client.get(f"/api/v1/events/{live.pk}/")
    assert detail.status_code == 200
    assert detail.json()["description"][0]["type"] == "paragraph"
    for hidden in (draft, unpublished):
        assert client.get(f"/api/v1/events/{hidden.pk}/").status_code == 404
    keys = {key for body in (payload, detail.json(), client.get("/api/v1/").json()) for key in keys_in(body)}
    assert keys <= ALLOWED_KEYS | EVENT_KEYS, keys - ALLOWED_KEYS - EVENT_KEYS
    assert not keys & FORBIDDEN_KEYS
    assert client.get("/api/v1/").json()["events"].endswith("/api/v1/events/")


def test_filters_past_and_bad_input(client, index):
    soon = make_event(index, "校园科技节", days=2, campaign="campus-festival", audiences=["youth"])
    later = make_event(index, "科技活动周", days=9, campaign="sci-tech-week", regions=["150202"])
    past = make_event(index, "去年的讲座", days=-30)

    def ids(url):
        response = client.get(url)
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["items"]]

    assert ids("/api/v1/events/") == [soon.pk, later.pk]
    assert ids("/api/v1/events/?campaign=sci-tech-week") == [later.pk]
    assert ids("/api/v1/events/?audience=youth") == [soon.pk]
    assert ids("/api/v1/events/?region=150200") == [later.pk]  # a league holds its counties
    assert ids("/api/v1/events/?past=true") == [past.pk]
    bad = client.get("/api/v1/events/?campaign=nonsense")
    assert bad.status_code == 400
    assert "nonsense" in bad.json()["detail"]
    assert client.get("/api/v1/events/?from=2026-13-45").status_code in (400, 422)
    assert client.post("/api/v1/events/").status_code == 405


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_listing_costs_the_same_queries_for_3_and_12_events(client, index):
    for number in range(3):
        make_event(index, f"讲座 {number}", days=number + 1, regions=["150102"], audiences=["elderly"])
    few = count_queries(client, "/api/v1/events/?limit=50")
    for number in range(9):
        make_event(index, f"讲座 {number + 3}", days=number + 4, regions=["150202"], audiences=["youth"])
    assert count_queries(client, "/api/v1/events/?limit=50") == few
    assert few <= 12


def test_the_openapi_description_names_the_event_operations(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/events/" in paths and "/api/v1/events/{event_id}/" in paths
    assert set(paths["/api/v1/events/"]) == {"get"}
