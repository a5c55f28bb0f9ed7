"""The basic search page (issue 5 replaces the engine): public works only, hostile input safe."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def works(site_tree):
    index = site_tree["works"]
    return {
        "live": factories.make_work(index, "冬季取暖 一氧化碳 中毒预防"),
        "draft": factories.make_work(index, "一氧化碳 草稿", publish=False),
    }


def test_finds_live_works_only(client, works):
    response = client.get("/zh-hans/search/", {"q": "一氧化碳"})
    assert response.status_code == 200
    titles = [w.title for w in response.context["page_obj"].object_list]
    assert titles == [works["live"].title]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "'; DROP TABLE wagtailcore_page; --",
        'title:"x" OR 1=1',
        "*",
        "😀🌾",
        "NEAR(a b)",
        "草" * 100_000,
        "\x00",
    ],
)
def test_odd_queries_are_safe(client, works, query):
    response = client.get("/zh-hans/search/", {"q": query})
    assert response.status_code == 200
