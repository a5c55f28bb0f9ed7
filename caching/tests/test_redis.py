"""Redis down: pages served uncached, one warning, no 500 — with a real Redis (a closed port, and a
redis-server of the test's own stopped mid-run and started again)."""

import logging
import shutil
import socket
import subprocess
import time

import pytest
from redis.exceptions import RedisError

from django.core.cache import caches
from django.test import override_settings

from caching.redis import TolerantRedisCache

REDIS_SERVER = shutil.which("redis-server")
needs_redis = pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tolerant(location, retry_after=0.2):
    return TolerantRedisCache(location, {"KEY_PREFIX": "h2test", "OPTIONS": {"RETRY_AFTER": retry_after}})


def warnings_of(caplog):
    return [r for r in caplog.records if r.name == "caching.redis" and r.levelno == logging.WARNING]


class RedisServer:
    def __init__(self, tmp_path):
        self.port = free_port()
        self.dir = tmp_path
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(10)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


def test_closed_port_answers_as_an_empty_cache_with_one_warning(caplog):
    cache = tolerant(f"redis://127.0.0.1:{free_port()}/2")
    caplog.set_level(logging.WARNING)
    for _ in range(50):
        assert cache.get("k") is None
        cache.set("k", 1)
        assert cache.add("k", 1) is False
        assert cache.get_many(["a", "b"]) == {}
        cache.delete("k")
    assert len(warnings_of(caplog)) == 1


@needs_redis
def test_redis_stopped_mid_run_then_back(redis_server, caplog):
    caplog.set_level(logging.WARNING)
    cache = tolerant(redis_server.url)
    cache.set("kept", "old")
    cache.set("listing", "stale")
    assert cache.get("kept") == "old"
    redis_server.stop()
    started = time.monotonic()
    for _ in range(200):
        assert cache.get("kept") is None
    assert time.monotonic() - started < 2  # a dead server costs no time per call
    cache.delete("listing")  # a change invalidated it while Redis was away
    with pytest.raises(RedisError), cache.strict():  # the purge job sees the outage, and retries
        cache.delete_many(["x"])
    assert len(warnings_of(caplog)) == 1
    # A restarted Redis may come back with its data (persistence, a replica promoted): put the stale
    # entry back as it would be, and see the delete made during the outage replayed.
    redis_server.start()
    cache._cache.set(cache.make_key("listing"), "stale", None)  # straight to Redis, as it came back
    time.sleep(0.25)
    assert cache.get("kept") is None  # reachable again: a miss, not an error
    assert cache.get("listing") is None  # the delete made during the outage was replayed
    cache.set("kept", "new")
    assert cache.get("kept") == "new"
    assert len(warnings_of(caplog)) == 2  # gone, and back


@pytest.mark.django_db
def test_pages_are_served_uncached_when_redis_is_down(client, site_tree, caplog, settings):
    from tests import factories

    work = factories.make_work(site_tree["works"], "冬季取暖", disciplines=["safety"])
    dead = {
        "default": {
            "BACKEND": "caching.redis.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/2",
            "OPTIONS": {"RETRY_AFTER": 60},
        }
    }
    caplog.set_level(logging.WARNING)
    with override_settings(CACHES=dead, PORTAL_PAGE_CACHE=True):  # Django swaps the cache handler
        assert isinstance(caches["default"], TolerantRedisCache)
        for url in (
            work.url,
            site_tree["home"].url,
            site_tree["works"].url,
            "/api/v1/works/",
            "/sitemap.xml",
        ):
            for _ in range(3):
                response = client.get(url, HTTP_HOST="localhost")
                assert response.status_code == 200, url
                assert response["X-Page-Cache"] == "miss"  # tried to store; nothing kept
    assert len(warnings_of(caplog)) == 1
