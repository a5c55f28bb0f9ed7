"""Purging: which URLs a change purges, and that a purge endpoint that is down never fails the
publish and is retried until it answers."""

import http.server
import socket
import threading

import pytest

from django.utils import timezone

from caching import affected, purging
from caching.models import PendingPurge
from tests import factories

pytestmark = pytest.mark.django_db


class Recorder(http.server.BaseHTTPRequestHandler):
    seen = []

    def do_GET(self):
        Recorder.seen.append((self.headers["Host"], self.path, self.headers.get("Cookie", "")))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def endpoint(settings):
    """A purge endpoint on a port nobody listens on yet; .up() starts it."""
    port = free_port()
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "caching.backends.NginxBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
            "TIMEOUT": 2,
        }
    }

    class Endpoint:
        server = None

        def up(self):
            Recorder.seen = []
            self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Recorder)
            threading.Thread(target=self.server.serve_forever, daemon=True).start()

    found = Endpoint()
    yield found
    if found.server:
        found.server.shutdown()
        found.server.server_close()


def test_a_work_purges_its_pages_listings_feeds_api_and_leaflets(site_tree):
    index, home = site_tree["works"], site_tree["home"]
    topic = factories.make_topic(home, "elderly")
    other_topic = factories.make_topic(home, "youth", title="青少年科普")
    neighbour = factories.make_work(index, "煤气报警器怎么装", disciplines=["safety"])
    unrelated = factories.make_work(index, "流星雨观测指南", disciplines=["astronomy"], audiences=["youth"])
    work = factories.make_work(
        index, "冬季取暖", disciplines=["safety"], audiences=["elderly"], regions=["150102"], form="comic"
    )
    urls = {affected.strip_host(url) for url in affected.urls_for(work)}
    expected = {
        work.url,
        index.url,
        home.url,
        topic.url,
        neighbour.url,
        "/mn/",
        index.url + "?discipline=safety",
        index.url + "?audience=elderly",
        index.url + "?region=150102",
        index.url + "?region=150100",  # its league
        index.url + "?region=150000",  # the whole region
        index.url + "?form=comic",
        topic.url + "?discipline=safety",
        f"/api/v1/works/{work.pk}/",
        "/api/v1/works/",
        "/sitemap.xml",
        "/zh-hans/feeds/works.rss",
        "/mn/feeds/works.atom",
        "/zh-hans/feeds/audience/elderly.rss",
        "/zh-hans/feeds/region/150100.atom",
        f"/zh-hans/leaflets/{work.pk}/a4.pdf",
        f"/zh-hans/leaflets/{work.pk}/a5.pdf",
    }
    assert expected <= urls, expected - urls
    assert unrelated.url not in urls and other_topic.url not in urls
    assert "/zh-hans/search/" not in {u.split("?")[0] for u in urls}  # search is short-lived, not purged
    assert all(url.startswith("http://localhost/") for url in affected.urls_for(work))


def test_related_works_purged_are_bounded(site_tree, settings):
    settings.PORTAL_PURGE_RELATED_LIMIT = 3
    index = site_tree["works"]
    siblings = [factories.make_work(index, f"安全{n}", disciplines=["safety"]) for n in range(6)]
    work = factories.make_work(index, "冬季取暖", disciplines=["safety"])
    urls = {affected.strip_host(url) for url in affected.urls_for(work)}
    assert sum(sibling.url in urls for sibling in siblings) == 3


def test_a_translation_is_purged_with_its_source(site_tree):
    work = factories.make_work(site_tree["works"], "冬季取暖", disciplines=["safety"])
    translated = factories.make_translation(work, "mn", title="ᠡᠪᠦᠯ")
    urls = {affected.strip_host(url) for url in affected.urls_for(work)}
    assert translated.url in urls and translated.get_parent().url in urls


def test_endpoint_down_publish_succeeds_then_the_purge_is_retried(
    site_tree, endpoint, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        work = factories.make_work(site_tree["works"], "冬季取暖", disciplines=["safety"])
    assert work.live  # published although the endpoint is down
    pending = PendingPurge.objects.filter(url__endswith=work.url)
    assert pending.get().attempts == 1
    assert "127.0.0.1" in pending.get().last_error
    waiting = PendingPurge.objects.count()
    assert waiting >= 18

    endpoint.up()
    assert purging.run() == (0, 0)  # not due yet: backoff
    PendingPurge.objects.update(next_attempt_at=timezone.now())
    assert purging.run() == (waiting, 0)
    assert not PendingPurge.objects.exists()
    requested = {(path, cookie) for _host, path, cookie in Recorder.seen}
    assert (work.url, "") in requested and (work.url, "reader_mode=elder") in requested
    assert {host for host, _path, _cookie in Recorder.seen} == {"localhost"}


def test_the_command_retries_due_purges(site_tree, endpoint):
    from django.core.management import call_command

    purging.schedule(["http://localhost/zh-hans/"], "test")
    call_command("purge_pending", stdout=open("/dev/null", "w"))  # noqa: SIM115
    row = PendingPurge.objects.get()
    assert row.attempts == 1 and row.next_attempt_at > timezone.now()
    endpoint.up()
    PendingPurge.objects.update(next_attempt_at=timezone.now())
    call_command("purge_pending", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not PendingPurge.objects.exists()
    assert len(Recorder.seen) == 2


def test_backoff_doubles_up_to_an_hour():
    assert [purging.backoff(n) for n in (1, 2, 3)] == [10, 20, 40]
    assert purging.backoff(30) == 3600


def test_a_view_restriction_purges_the_work(site_tree, django_capture_on_commit_callbacks, settings):
    from wagtail.models import PageViewRestriction

    settings.WAGTAILFRONTENDCACHE = {}
    work = factories.make_work(site_tree["works"], "冬季取暖", disciplines=["safety"])
    PendingPurge.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=False):
        PageViewRestriction.objects.create(page=work, restriction_type=PageViewRestriction.LOGIN)
    urls = set(PendingPurge.objects.values_list("url", flat=True))
    assert "http://localhost" + work.url in urls and "http://localhost" + site_tree["home"].url in urls


def test_a_cdn_backend_that_logs_an_error_counts_as_failed(settings):
    from caching.backends import CheckedBackend, PurgeFailed

    backend = CheckedBackend(
        {
            "WRAPS": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{free_port()}",
        }
    )
    with pytest.raises(PurgeFailed):
        backend.purge_batch(["http://localhost/zh-hans/"])
