"""Two app servers on loopback sharing one PostgreSQL and one Redis, nginx in front (deploy/nginx.conf):
a change made through A is what B and the front cache serve at once."""

import time

import pytest

from .stack import get

pytestmark = pytest.mark.production


def test_publish_through_a_is_served_by_b_and_the_front_cache(stack):
    a, b = stack.app_ports
    front = stack.public_port
    work = stack.seed["published"]
    for port in (a, b, front):  # everyone has the old page cached: B's page cache, nginx
        status, _headers, body = get(port, work["url"])
        assert status == 200 and work["title"] in body
    assert get(front, work["url"])[1]["X-Cache"] == "HIT"
    assert get(b, work["url"])[1]["X-Page-Cache"] == "hit"
    get(front, stack.seed["home"], {"reader_mode": "elder"})

    stack.change(a, "publish", work["id"], title="冬季取暖防范一氧化碳中毒（修订）")
    published = time.monotonic()
    # The first request sent to B after the publish already gets the new page (B's answer may then
    # take a while on a loaded machine: the purge job is asking both servers for pages meanwhile).
    asked = time.monotonic()
    assert "（修订）" in get(b, work["url"])[2], stack.logs()
    assert asked - published <= 1.0
    # The task worker sends the purge to nginx: then the new page, in both modes.
    stack.wait_purged()
    assert get(front, work["url"])[1]["X-Cache"] == "HIT"
    assert "（修订）" in get(front, work["url"], {"reader_mode": "elder"})[2]
    assert "（修订）" in get(front, stack.seed["home"])[2]
    assert "（修订）" in get(front, stack.seed["home"], {"reader_mode": "elder"})[2]
    assert "（修订）" in get(front, stack.seed["works"])[2]


def test_a_retraction_through_a_is_410_on_b_and_the_front_cache_at_once(stack):
    a, b = stack.app_ports
    front = stack.public_port
    work = stack.seed["retracted"]
    for port in (b, front):
        assert get(port, work["url"])[0] == 200
    assert get(front, work["url"])[1]["X-Cache"] == "HIT"
    assert work["title"] in get(front, stack.seed["topic"])[2]

    stack.change(a, "retract", work["id"])
    assert get(b, work["url"])[0] == 410
    stack.wait_purged()
    status, headers, body = get(front, work["url"])
    assert status == 410 and "撤稿" in body
    assert headers["X-Cache"] == "HIT"  # the purge stored the 410 in place of the page
    assert get(front, work["url"], {"reader_mode": "elder"})[0] == 410
    assert get(front, f"/zh-hans/leaflets/{work['id']}/a4.pdf")[0] == 410
    assert work["title"] not in get(front, stack.seed["topic"])[2]
    assert work["title"] not in get(b, stack.seed["home"])[2]


def test_a_view_restriction_through_a_hides_the_work_on_b_and_the_front_cache(stack):
    a, b = stack.app_ports
    front = stack.public_port
    work = stack.seed["restricted"]
    for port in (b, front):
        assert work["title"] in get(port, stack.seed["home"])[2]
        assert work["title"] in get(port, stack.seed["topic"])[2]
    stack.change(a, "restrict", work["id"])
    assert work["title"] not in get(b, stack.seed["home"])[2]  # at once
    stack.wait_purged()
    for port in (b, front):
        assert work["title"] not in get(port, stack.seed["home"])[2], port
        assert work["title"] not in get(port, stack.seed["topic"])[2], port
        assert work["title"] not in get(port, stack.seed["works"])[2], port
        status, _headers, body = get(port, work["url"])
        assert status == 302 and work["title"] not in body, (port, status)
    assert f'"id":{work["id"]},' not in get(front, "/api/v1/works/")[2].replace(" ", "")


def test_a_password_through_a_leaves_no_public_copy_in_the_front_cache(stack):
    """nginx cannot store the password form (it is private), so the purge stores a public stand-in
    (caching/standin.py) in place of the old page; the form itself is one link away, never cached."""
    a, b = stack.app_ports
    front = stack.public_port
    work = stack.seed["passworded"]
    for _ in range(2):
        status, headers, body = get(front, work["url"])
    assert status == 200 and work["title"] in body and headers["X-Cache"] == "HIT"
    get(front, work["url"], {"reader_mode": "elder"})

    stack.change(a, "password", work["id"])
    stack.wait_purged()
    for cookies in (None, {"reader_mode": "elder"}):
        status, headers, body = get(front, work["url"], cookies)
        assert status == 200 and work["title"] not in body, cookies
        assert "本页需要密码才能阅读" in body and f'href="{work["url"]}?password"' in body
        assert headers["X-Cache"] == "HIT"  # the stand-in is what nginx keeps now
    for port in (front, b):
        status, headers, body = get(port, work["url"] + "?password")
        assert status == 200 and 'type="password"' in body and work["title"] not in body, port
        assert "private" in headers["Cache-Control"]
    assert get(front, work["url"] + "?password")[1]["X-Cache"] != "HIT"


def test_a_session_bypasses_the_cache_and_anonymous_cookies_do_not(stack):
    front = stack.public_port
    url = stack.seed["other"]["url"]
    get(front, url)
    assert get(front, url, {"csrftoken": "x" * 32, "reader_mode": "nonsense"})[1]["X-Cache"] == "HIT"
    assert get(front, url, {"sessionid": "abc"})[1]["X-Cache"] == "BYPASS"


def test_compression_and_static_files(stack):
    import urllib.request

    (stack.static_root / "probe.css").write_text("body { color: #123456; }\n" * 200)
    request = urllib.request.Request(
        f"http://127.0.0.1:{stack.public_port}/static/probe.css", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request) as response:  # noqa: S310
        assert response.headers["Content-Encoding"] == "gzip"
        assert "immutable" in response.headers["Cache-Control"]
    request = urllib.request.Request(
        f"http://127.0.0.1:{stack.public_port}{stack.seed['home']}",
        headers={"Accept-Encoding": "gzip", "Host": "localhost"},
    )
    with urllib.request.urlopen(request) as response:  # noqa: S310
        assert response.headers["Content-Encoding"] == "gzip"


def test_the_purge_listener_answers_only_the_app_servers(stack):
    # The public listener knows no purge: a reader's request there is an ordinary (cached) request.
    assert get(stack.public_port, stack.seed["home"])[1]["X-Cache"] in ("HIT", "MISS", "EXPIRED")
    # The allow list holds 127.0.0.1 only: from another loopback address the purge port refuses.
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        f"http://127.0.0.2:{stack.purge_port}/zh-hans/", headers={"Host": "localhost"}
    )
    try:
        urllib.request.urlopen(request, timeout=5)  # noqa: S310
        refused = False
    except urllib.error.HTTPError as error:
        refused = error.code == 403
    except urllib.error.URLError:
        refused = True  # bound to 127.0.0.1 only: not even reachable
    assert refused


def test_purge_endpoint_down_the_publish_succeeds_and_the_purge_is_retried(stack):
    a, b = stack.app_ports
    front = stack.public_port
    work = stack.seed["other"]
    get(front, work["url"])
    assert get(front, work["url"])[1]["X-Cache"] == "HIT"
    stack.stop_nginx()
    stack.change(a, "publish", work["id"], title="马铃薯晚疫病防治（新版）")  # answers 200
    assert "（新版）" in get(b, work["url"])[2]
    deadline = time.monotonic() + 30
    while not stack.failed_purges():  # the task worker tried, and recorded the failure
        assert time.monotonic() < deadline, stack.logs()
        time.sleep(0.1)
    stack.start_nginx()
    # The job deferred its own retry to when the first purge is due (10 s after the failure).
    stack.wait_purged(timeout=90)
    status, headers, body = get(front, work["url"])
    assert status == 200 and "（新版）" in body and headers["X-Cache"] == "HIT"
    assert "（新版）" in get(front, work["url"], {"reader_mode": "elder"})[2]
