"""The search page, its suggestions and its API: what a reader sees, and hostile input."""

import time

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture
def works(site_tree):
    index = site_tree["works"]
    return {
        "live": factories.make_work(
            index,
            "冬季取暖 一氧化碳 中毒预防",
            audiences=["elderly"],
            disciplines=["safety"],
            regions=["150102"],
        ),
        "video": factories.make_work(
            index,
            "一氧化碳报警器怎么装",
            form="video",
            audiences=["public"],
            body=paragraph("报警器装在煤炉附近的墙上。"),
        ),
        "draft": factories.make_work(index, "一氧化碳 草稿", publish=False),
    }


def test_results_are_highlighted_with_facets_and_links(client, works):
    response = client.get("/zh-hans/search/", {"q": "一氧化碳"})
    assert response.status_code == 200
    assert [work.pk for _hit, work in response.context["rows"]] != []
    content = response.content.decode()
    assert "<mark>一氧化碳</mark>" in content
    assert works["live"].url in content and works["video"].url in content
    assert "一氧化碳 草稿" not in content
    assert "?q=%E4%B8%80%E6%B0%A7%E5%8C%96%E7%A2%B3&amp;form=video" in content  # a facet link
    assert "呼和浩特市" in content  # the league facet of 新城区


def test_facets_in_the_url_combine(client, works):
    response = client.get("/zh-hans/search/", {"q": "一氧化碳", "form": "video"})
    assert [work.pk for _hit, work in response.context["rows"]] == [works["video"].pk]
    response = client.get(
        "/zh-hans/search/", {"q": "一氧化碳", "form": ["video", "article"], "audience": "elderly"}
    )
    assert [work.pk for _hit, work in response.context["rows"]] == [works["live"].pk]
    # Browsing by facets alone, newest first.
    response = client.get("/zh-hans/search/", {"audience": "public"})
    assert [work.pk for _hit, work in response.context["rows"]] == [works["video"].pk]


def test_bogus_facet_values_and_pages_are_harmless(client, works):
    for params in (
        {"q": "一氧化碳", "form": "<script>"},
        {"q": "一氧化碳", "league": "' OR 1=1"},
        {"q": "一氧化碳", "page": "-5"},
        {"q": "一氧化碳", "page": "99999999999999999999"},
        {"q": "一氧化碳", "sort": "pk; DROP"},
        {"q": "一氧化碳", "year": "9" * 1000},
    ):
        response = client.get("/zh-hans/search/", params, follow=True)
        assert response.status_code == 200, params
        assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_a_page_past_the_end_leads_to_the_last_page(client, works):
    response = client.get("/zh-hans/search/", {"q": "一氧化碳", "form": "video", "page": "99999"})
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/search/?q=%E4%B8%80%E6%B0%A7%E5%8C%96%E7%A2%B3&form=video&page=1"
    content = client.get(response["Location"]).content.decode()
    assert works["video"].url in content and "没有找到" not in content


def test_invalid_facet_values_are_ignored_with_a_notice_and_never_shown_as_chosen(client, works):
    response = client.get("/zh-hans/search/", {"q": "一氧化碳", "year": "abc", "discipline": "nonsense"})
    content = response.content.decode()
    assert "已忽略无效的筛选条件：nonsense、abc。" in content
    assert response.context["search"].filters == {}
    assert len(response.context["rows"]) == 2  # the query alone, not filtered to nothing
    assert not any(value.selected for facet in response.context["result"].facets for value in facet.values)


def test_hyphenated_discipline_codes_filter(client, site_tree):
    earth = factories.make_work(site_tree["works"], "沙尘暴是怎样形成的", disciplines=["earth-science"])
    factories.make_work(site_tree["works"], "沙尘暴来了怎么防护", disciplines=["safety"])
    response = client.get("/zh-hans/search/", {"q": "沙尘暴", "discipline": "earth-science"})
    assert [work.pk for _hit, work in response.context["rows"]] == [earth.pk]


def test_a_long_query_is_cut_short_in_the_title(client, works):
    query = "一氧化碳" * 40
    content = client.get("/zh-hans/search/", {"q": query}).content.decode()
    title = content.split("<title>", 1)[1].split("</title>", 1)[0]
    assert len(title) < 60 and ("…" in title or "..." in title)


def test_zero_results_offer_other_words_and_columns(client, works):
    factories.make_topic(works["live"].get_parent().get_parent(), "elderly")
    response = client.get("/zh-hans/search/", {"q": "科学普及"})
    assert response.context["result"].total == 0
    content = response.content.decode()
    assert "没有找到" in content and "热门栏目" in content
    assert response.context["related"]


def test_suggestions_as_json(client, works):
    response = client.get("/zh-hans/search/suggest/", {"q": "一氧化碳报"})
    assert response.status_code == 200
    assert "一氧化碳报警器怎么装" in response.json()
    assert "一氧化碳 草稿" not in response.json()
    assert client.get("/zh-hans/search/suggest/", {"q": ""}).json() == []


def test_api_returns_public_hits_only(client, works):
    response = client.get("/zh-hans/search/api/", {"q": "一氧化碳"})
    data = response.json()
    assert data["total"] == 2
    assert {hit["id"] for hit in data["hits"]} == {works["live"].pk, works["video"].pk}
    assert all(hit["url"].startswith("http://testserver/zh-hans/") for hit in data["hits"])
    assert client.get("/zh-hans/search/api/").status_code == 400


def test_engine_down_answers_503_and_other_pages_work(client, works, settings):
    settings.PORTAL_SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    response = client.get("/zh-hans/search/", {"q": "一氧化碳"})
    assert response.status_code == 503
    assert "搜索暂时不可用" in response.content.decode()
    assert client.get("/zh-hans/search/suggest/", {"q": "一氧化"}).status_code == 503
    assert client.get(works["live"].url).status_code == 200
    assert client.get("/zh-hans/").status_code == 200


def test_query_count_does_not_grow_with_hits(client, site_tree):
    for number in range(12):
        factories.make_work(site_tree["works"], f"一氧化碳第{number}篇")
    client.get("/zh-hans/search/", {"q": "一氧化碳"})  # warm caches (site root, register, labels)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/zh-hans/search/", {"q": "一氧化碳"})
    assert response.context["result"].total == 12
    assert len(queries) <= 8, [q["sql"][:120] for q in queries]


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
        "\u202e一氧化碳",
    ],
)
def test_odd_queries_are_safe_and_quick(client, works, query):
    started = time.perf_counter()
    response = client.get("/zh-hans/search/", {"q": query})
    assert time.perf_counter() - started < 2
    assert response.status_code == 200


def test_an_audience_column_searches_its_own_works(client, site_tree, works):
    topic = factories.make_topic(site_tree["home"], "elderly")
    content = client.get(topic.url).content.decode()
    assert 'action="/zh-hans/search/"' in content and 'name="audience" value="elderly"' in content
    response = client.get("/zh-hans/search/", {"q": "一氧化碳", "audience": "elderly"})
    assert [work.pk for _hit, work in response.context["rows"]] == [works["live"].pk]


def test_rebuild_search_command_indexes_every_public_work(works):
    from io import StringIO

    from django.core.management import call_command

    from search.models import IndexedWork

    IndexedWork.objects.all().delete()
    out = StringIO()
    call_command("rebuild_search", stdout=out)
    assert "database: indexed 2 works" in out.getvalue()
    assert set(IndexedWork.objects.values_list("page_id", flat=True)) == {works["live"].pk, works["video"].pk}
