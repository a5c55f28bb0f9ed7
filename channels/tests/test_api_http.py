"""The API over HTTP: read-only on every path, throttled per address, CORS only as configured,
cacheable for a minute, Chinese whatever the client asks, an OpenAPI description of GETs only, and
a fixed number of SQL queries whatever the page size."""

import datetime

import pytest

from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from articles.models import CorrectionNotice
from tests import factories

pytestmark = pytest.mark.django_db

ORIGIN = "https://kepu.example.cn"


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def work(site_tree):
    return factories.make_illustrated_work(site_tree["works"], audiences=["elderly"])


def paths(work):
    return [
        "/api/v1/",
        "/api/v1/works/",
        f"/api/v1/works/{work.pk}/",
        "/api/v1/news/",
        "/api/v1/news/1/",
        "/api/v1/taxonomies/",
        "/api/v1/openapi.json",
        "/api/v1/docs/",
        "/api/v1/unknown/",
    ]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_no_path_accepts_a_write_even_from_a_superuser(work, method):
    client = Client(enforce_csrf_checks=True)
    admin = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    for user in (None, admin):
        if user:
            client.force_login(user)
        for url in paths(work):
            response = getattr(client, method)(url, data="{}", content_type="application/json")
            assert response.status_code == 405, (method, url, user)
            assert response["Allow"] == "GET, HEAD, OPTIONS"
            assert response.json()["detail"] == "本接口只读，只接受 GET 请求。"
    work.refresh_from_db()
    assert work.live and work.title == "冬季取暖防范一氧化碳中毒"


def test_the_openapi_description_lists_get_operations_only(client, work):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "内蒙古科普 公开接口"
    operations = {(path, method) for path, item in schema["paths"].items() for method in item}
    assert operations == {
        ("/api/v1/works/", "get"),
        ("/api/v1/works/{work_id}/", "get"),
        ("/api/v1/news/", "get"),
        ("/api/v1/news/{news_id}/", "get"),
        ("/api/v1/taxonomies/", "get"),
        ("/api/v1/events/", "get"),  # outreach's events, through settings.PORTAL_API_ROUTERS
        ("/api/v1/events/{event_id}/", "get"),
    }
    limit = next(p for p in schema["paths"]["/api/v1/works/"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 50 and limit["schema"]["default"] == 20


def test_wagtails_own_apis_are_not_mounted(client, work):
    for url in ("/api/v2/pages/", "/api/v3/pages/", "/api/v2/", "/api/v3/", "/api/v3/openapi.json"):
        response = client.get(url, follow=True)
        assert response.status_code == 404, url
    response = client.post("/api/v3/pages/", data="{}", content_type="application/json", follow=True)
    assert response.status_code in (403, 404, 405)


def test_head_and_cache_headers(client, work):
    response = client.get("/api/v1/works/")
    # caching.policy: purged on publish, so shared caches keep it long and browsers a minute.
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=86400"
    assert "Access-Control-Allow-Origin" not in response  # no CORS unless configured
    head = client.head("/api/v1/works/")
    assert head.status_code == 200 and head.content == b""
    assert client.get("/api/v1/works/999999/")["Cache-Control"] == "public, max-age=60, s-maxage=60"
    assert "private" in client.get("/api/v1/works/?limit=99")["Cache-Control"]  # a client error is not cached


def test_content_and_errors_are_chinese_whatever_the_client_asks(client, work):
    response = client.get("/api/v1/works/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["count"] == 1 and response.json()["items"][0]["form"]["name"] == "图文"
    error = client.get("/api/v1/works/999999/", HTTP_ACCEPT_LANGUAGE="en,mn;q=0.5").json()
    assert error["title"] == "未找到"
    assert "图文" in response.content.decode()  # UTF-8, not \u escapes


def test_docs_page_serves_its_own_files_and_a_setting_turns_it_off(client, work):
    page = client.get("/api/v1/docs/").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert '"validatorUrl": null' in page
    with override_settings(PORTAL_API_DOCS=False):
        assert client.get("/api/v1/docs/").status_code == 404
        assert client.get("/api/v1/openapi.json").status_code == 200
        assert "docs" not in client.get("/api/v1/").json()


@override_settings(PORTAL_API_RATE="3/min")
def test_too_many_requests_from_one_address_answer_429_with_retry_after(client, work):
    for _ in range(3):
        assert client.get("/api/v1/works/").status_code == 200
    response = client.get(f"/api/v1/works/{work.pk}/")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["detail"] == "请求过于频繁，请稍后再试。"
    assert client.get("/api/v1/works/", REMOTE_ADDR="10.0.0.2").status_code == 200  # another reader
    # A forged X-Forwarded-For does not buy a fresh allowance.
    assert client.get("/api/v1/works/", HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 429
    with override_settings(PORTAL_API_RATE=""):
        assert client.get("/api/v1/works/").status_code == 200


def test_no_cors_headers_by_default(client, work):
    response = client.get("/api/v1/works/", HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response
    preflight = client.options("/api/v1/works/", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert preflight.status_code == 204 and "Access-Control-Allow-Origin" not in preflight


@override_settings(PORTAL_API_CORS_ORIGINS=[ORIGIN])
def test_cors_for_a_listed_origin_only_and_get_only(client, work):
    response = client.get("/api/v1/works/", HTTP_ORIGIN=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "Origin" in response["Vary"]
    stranger = client.get("/api/v1/works/", HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in stranger and "Origin" in stranger["Vary"]

    preflight = client.options(
        f"/api/v1/works/{work.pk}/", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == ORIGIN
    assert preflight["Access-Control-Allow-Methods"] == "GET"
    refused = client.options(
        "/api/v1/works/", HTTP_ORIGIN="https://evil.example.com", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert "Access-Control-Allow-Origin" not in refused and "Access-Control-Allow-Methods" not in refused
    # A browser asking to DELETE across origins is told GET only; the DELETE itself is refused anyway.
    asked = client.options("/api/v1/works/", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="DELETE")
    assert asked["Access-Control-Allow-Methods"] == "GET"
    assert client.delete("/api/v1/works/", HTTP_ORIGIN=ORIGIN).status_code == 405


@override_settings(PORTAL_API_CORS_ORIGINS=["*"])
def test_cors_for_any_origin(client, work):
    response = client.get("/api/v1/works/", HTTP_ORIGIN="https://anyone.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/v1/works/999999/", HTTP_ORIGIN=ORIGIN)["Access-Control-Allow-Origin"] == "*"


# Query counts ------------------------------------------------------------------------------------


def make_works(site_tree, count):
    for n in range(count):
        work = factories.make_illustrated_work(
            site_tree["works"],
            f"作品{n}",
            disciplines=["safety", "health"],
            audiences=["elderly", "youth"],
            regions=["150102", "150200"],
        )
        work.tags.add(f"标签{n}", "安全")
        work.corrections.add(CorrectionNotice(date=datetime.date(2026, 3, 1), text=f"更正{n}。"))
        factories.publish_imported(work)


def queries(client, url):
    client.get(url)  # warm: renditions are made once, the private paths cached
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.json()


LIST_QUERIES = 10
DETAIL_QUERIES = 10


def test_a_listing_costs_the_same_queries_for_5_or_50_items(client, site_tree, django_assert_max_num_queries):
    make_works(site_tree, 12)
    few, small = queries(client, "/api/v1/works/?limit=5")
    many, large = queries(client, "/api/v1/works/?limit=50")
    assert len(small["items"]) == 5 and len(large["items"]) == 12
    assert all(item["tags"] and item["corrections"] and item["cover"] for item in large["items"])
    assert few == many
    for limit in (5, 50):
        with django_assert_max_num_queries(LIST_QUERIES):
            client.get(f"/api/v1/works/?limit={limit}")
    filtered, _payload = queries(client, "/api/v1/works/?limit=50&audience=elderly&region=150100")
    assert filtered <= LIST_QUERIES + 3  # the filters read the three taxonomies once


def test_a_detail_costs_the_same_queries_for_one_picture_or_five(
    client, site_tree, django_assert_max_num_queries
):
    one = factories.make_illustrated_work(site_tree["works"], "一张图")
    pictures = [
        {"type": "image", "value": {"image": factories.make_image(f"图{n}").pk, "caption": "", "source": ""}}
        for n in range(5)
    ]
    five = factories.make_work(
        site_tree["works"], "五张图", body=[*factories.BODY, *pictures], cover_image=factories.make_image()
    )
    count_one, _payload = queries(client, f"/api/v1/works/{one.pk}/")
    count_five, payload = queries(client, f"/api/v1/works/{five.pk}/")
    assert len([b for b in payload["body"] if b["type"] == "image"]) == 5
    assert count_one == count_five
    with django_assert_max_num_queries(DETAIL_QUERIES):
        client.get(f"/api/v1/works/{five.pk}/")
