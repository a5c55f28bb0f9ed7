"""长辈模式 (elder-friendly mode): the header switch, its cookie, what a page carries in each mode, and
读给我听 on work pages. The looks (sizes, contrast, targets) are measured in a browser: e2e/test_elder_mode.py."""

import re

import pytest

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.reader_modes import COOKIE, ONE_YEAR, reader_mode_context
from tests import factories

pytestmark = pytest.mark.django_db

SWITCH = "/zh-hans/reader-mode/"
SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture
def tree(site_tree):
    site_tree["work"] = factories.make_work(site_tree["works"], audiences=["elderly"])
    site_tree["topic"] = factories.make_topic(site_tree["home"])
    site_tree["about"] = factories.make_standard(site_tree["home"])
    return site_tree


def switch(client, mode, next_url, **headers):
    return client.post(SWITCH, {"mode": mode, "next": next_url}, **(headers or SAME_SITE))


def test_the_switch_sets_the_cookie_for_a_year_and_returns_to_the_page(client, tree):
    url = tree["work"].url
    response = switch(client, "elder", url)
    assert response.status_code == 303
    assert response["Location"] == url
    cookie = response.cookies[COOKIE]
    assert cookie.value == "elder"
    assert cookie["max-age"] == ONE_YEAR
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert cookie["httponly"]
    assert re.search(r'<body class="[^"]*\bmode-elder\b', client.get(url).content.decode())


def test_the_standard_mode_clears_the_cookie(client, tree):
    url = tree["home"].url
    switch(client, "elder", url)
    response = switch(client, "standard", url + "?page=2")
    assert response["Location"] == url + "?page=2"
    assert response.cookies[COOKIE]["max-age"] == 0
    assert "mode-elder" not in client.get(url).content.decode()


@pytest.mark.parametrize(
    "hostile",
    ["https://evil.example/", "//evil.example/", "http://evil.example/zh-hans/", "javascript:alert(1)", ""],
)
def test_a_next_off_this_site_goes_home_instead(client, tree, hostile):
    response = switch(client, "elder", hostile)
    assert response.status_code == 303
    assert response["Location"] == "/zh-hans/"
    assert response.cookies[COOKIE].value == "elder"


def test_only_a_post_switches(client, tree):
    response = client.get(SWITCH, {"mode": "elder", "next": "/zh-hans/"})
    assert response.status_code == 405
    assert COOKIE not in response.cookies


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {"HTTP_ORIGIN": "https://testserver"},  # another scheme is another origin
        {},  # neither Origin nor Referer
    ],
)
def test_a_post_from_another_site_is_refused(client, tree, headers):
    response = client.post(SWITCH, {"mode": "elder", "next": "/zh-hans/"}, **headers)
    assert response.status_code == 403
    assert "本站页面" in response.content.decode()
    assert COOKIE not in response.cookies


def test_a_browser_that_sends_only_the_referer_may_switch(client, tree):
    response = switch(client, "elder", "/zh-hans/", HTTP_REFERER="http://testserver/zh-hans/works/")
    assert response.status_code == 303


def test_a_trusted_origin_may_switch(client, tree, monkeypatch):
    monkeypatch.setattr(settings, "CSRF_TRUSTED_ORIGINS", ["https://*.kepu.example"])
    response = switch(client, "elder", "/zh-hans/", HTTP_ORIGIN="https://www.kepu.example")
    assert response.status_code == 303


def test_an_unknown_mode_is_a_clear_400(client, tree):
    response = switch(client, "huge", "/zh-hans/")
    assert response.status_code == 400
    assert "阅读模式" in response.content.decode()


@pytest.mark.parametrize("key", ["home", "works", "work", "topic", "about"])
def test_every_page_has_the_switch_and_the_mode_shows_only_with_the_cookie(client, tree, key):
    url = tree[key].url
    standard = client.get(url).content.decode()
    assert f'action="{SWITCH}"' in standard
    assert f'name="next" value="{url}"' in standard
    assert re.search(r'value="standard" aria-pressed="true">标准模式<', standard)
    assert re.search(r'value="elder" aria-pressed="false">长辈模式<', standard)
    assert "mode-elder" not in standard
    assert "css/elder" not in standard  # standard readers do not download it

    client.cookies[COOKIE] = "elder"
    elder = client.get(url).content.decode()
    assert re.search(r'<body class="[^"]*\bmode-elder\b', elder)
    assert re.search(r'<link rel="stylesheet" href="/static/css/elder[^"]*\.css">', elder)
    assert re.search(r'value="elder" aria-pressed="true">长辈模式<', elder)


def test_search_and_not_found_pages_have_the_switch_too(client, tree):
    client.cookies[COOKIE] = "elder"
    for url, status in (("/zh-hans/search/?q=取暖", 200), ("/zh-hans/no-such-page/", 404)):
        response = client.get(url)
        assert response.status_code == status
        assert f'action="{SWITCH}"' in response.content.decode()
        assert "mode-elder" in response.content.decode()


def test_an_unknown_cookie_value_is_the_standard_mode(client, tree):
    client.cookies[COOKIE] = "<script>"
    content = client.get(tree["home"].url).content.decode()
    assert "mode-elder" not in content
    assert '<script>"' not in content


def test_pages_stay_cacheable_and_say_they_vary_by_cookie(client, tree):
    """No CSRF token in the switch: an anonymous page sets no cookie and is the same for every reader
    in one mode (a front cache keys on the reader_mode cookie, docs/readers.md)."""
    url = tree["work"].url
    first, second = client.get(url), client.get(url)
    assert not first.cookies
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert first.content == second.content
    assert "Cookie" in first["Vary"]


def test_the_context_processor_reads_the_cookie_only(rf, django_assert_num_queries):
    request = rf.get("/zh-hans/")
    request.COOKIES[COOKIE] = "elder"
    with django_assert_num_queries(0):
        assert reader_mode_context(request) == {"reader_modes": "mode-elder", "elder_mode": True}
    assert reader_mode_context(rf.get("/zh-hans/")) == {"reader_modes": "", "elder_mode": False}


def test_the_elder_mode_costs_no_query(client, tree):
    url = tree["work"].url
    client.get(url)  # renditions and caches warm
    with CaptureQueriesContext(connection) as standard:
        client.get(url)
    client.cookies[COOKIE] = "elder"
    with CaptureQueriesContext(connection) as elder:
        client.get(url)
    assert len(elder) == len(standard)


def test_read_aloud_is_offered_hidden_on_work_pages_only(client, tree):
    work = client.get(tree["work"].url).content.decode()
    assert re.search(
        r'<p class="read-aloud" hidden data-stop="停止朗读"><button type="button"[^>]*>读给我听</button>',
        work,
    )
    assert re.search(r'<script defer src="/static/js/read_aloud[^"]*\.js"></script>', work)
    for key in ("home", "topic", "about"):
        assert "read_aloud" not in client.get(tree[key].url).content.decode()


def test_read_aloud_script_stays_small():
    script = settings.BASE_DIR / "portal" / "static" / "js" / "read_aloud.js"
    assert script.stat().st_size <= 3 * 1024
