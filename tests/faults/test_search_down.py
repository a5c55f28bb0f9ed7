"""Search engine down: the search page answers 503 with a Chinese message (the API and suggestions
too), every other page is served as usual, and publishing still works — for Elasticsearch on a
port nothing listens on, and for the database engine raising."""

import socket

import pytest

from django.db import OperationalError

from articles.models import ArticlePage
from search.engines import database
from search.engines.database import DatabaseEngine
from tests import factories

pytestmark = pytest.mark.django_db


def closed_port():
    """A local port with nothing listening (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def elasticsearch_down(settings):
    settings.PORTAL_SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"


@pytest.fixture
def database_engine_failing(monkeypatch):
    def fail(self, request):
        raise OperationalError("canceling statement due to statement timeout")

    class FailingIndex:
        class objects:
            @staticmethod
            def filter(*args, **kwargs):
                raise OperationalError("could not connect to server")

    monkeypatch.setattr(DatabaseEngine, "_search", fail)
    monkeypatch.setattr(database, "IndexedWork", FailingIndex)


@pytest.fixture
def work(site_tree):
    return factories.make_illustrated_work(site_tree["works"], "冬季取暖防范一氧化碳中毒")


def assert_search_unavailable(client):
    response = client.get("/zh-hans/search/", {"q": "一氧化碳"})
    assert response.status_code == 503
    page = response.content.decode()
    assert "搜索暂时不可用" in page and "网站的其他页面仍可正常浏览" in page
    api = client.get("/zh-hans/search/api/", {"q": "一氧化碳"})
    assert api.status_code == 503 and api.json()["error"] == "搜索服务暂时不可用"
    assert client.get("/zh-hans/search/suggest/", {"q": "一氧"}).status_code == 503
    mongolian = client.get("/mn/search/", {"q": "ᠰᠠᠷ᠎ᠠ"})
    assert mongolian.status_code == 503 and "搜索暂时不可用" not in mongolian.content.decode()


def assert_other_pages_fine(client, site_tree, work):
    for url in ("/zh-hans/", work.url, site_tree["works"].url, "/zh-hans/search/"):
        response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("engine_down", ["elasticsearch_down", "database_engine_failing"])
def test_search_down_is_a_503_in_chinese_and_nothing_else_breaks(
    client, site_tree, work, engine_down, request
):
    request.getfixturevalue(engine_down)
    assert_search_unavailable(client)
    assert_other_pages_fine(client, site_tree, work)


def test_publishing_while_elasticsearch_is_down(client, site_tree, elasticsearch_down):
    """The reindex job fails (and is logged by the task backend); the work is published anyway."""
    work = factories.make_work(site_tree["works"], "草原防火知识")
    assert ArticlePage.objects.get(pk=work.pk).live
    assert client.get(work.url).status_code == 200
