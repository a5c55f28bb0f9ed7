"""Filters on the works index and audience columns: they combine, live in the URL, never fail."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def works(site_tree):
    index = site_tree["works"]
    make = factories.make_work
    return {
        "index": index,
        "home": site_tree["home"],
        "co": make(
            index,
            "冬季取暖防范一氧化碳中毒",
            disciplines=["safety"],
            audiences=["elderly", "farmers-herders"],
            regions=["150100"],
        ),
        "fraud": make(
            index,
            "识别保健品骗局",
            disciplines=["fraud-prevention"],
            audiences=["elderly"],
            regions=["150102"],
            form="comic",
        ),
        "potato": make(
            index,
            "马铃薯晚疫病防治",
            disciplines=["crops"],
            audiences=["farmers-herders"],
            regions=["150900"],
        ),
        "stars": make(index, "流星雨观测指南", disciplines=["astronomy"], audiences=["youth"], form="video"),
        "draft": make(
            index,
            "未发布的草稿",
            disciplines=["safety"],
            audiences=["elderly"],
            regions=["150100"],
            publish=False,
        ),
    }


def titles(response):
    return {work.title for work in response.context["page_obj"].object_list}


def test_index_lists_only_published_works(client, works):
    response = client.get(works["index"].url)
    assert titles(response) == {
        "冬季取暖防范一氧化碳中毒",
        "识别保健品骗局",
        "马铃薯晚疫病防治",
        "流星雨观测指南",
    }


def test_filters_combine(client, works):
    response = client.get(works["index"].url, {"audience": "elderly", "region": "150100"})
    # 150100 (呼和浩特市) includes its counties, such as 150102 (新城区).
    assert titles(response) == {"冬季取暖防范一氧化碳中毒", "识别保健品骗局"}
    response = client.get(works["index"].url, {"audience": "elderly", "region": "150100", "form": "comic"})
    assert titles(response) == {"识别保健品骗局"}


def test_discipline_includes_its_sub_disciplines(client, works):
    assert titles(client.get(works["index"].url, {"discipline": "safety"})) == {
        "冬季取暖防范一氧化碳中毒",
        "识别保健品骗局",
    }
    assert titles(client.get(works["index"].url, {"discipline": "fraud-prevention"})) == {"识别保健品骗局"}
    assert titles(client.get(works["index"].url, {"discipline": "agriculture"})) == {"马铃薯晚疫病防治"}


def test_county_filter_includes_works_for_its_whole_league(client, works):
    # 新城区 readers also see works about 呼和浩特市 as a whole.
    assert titles(client.get(works["index"].url, {"region": "150102"})) == {
        "冬季取暖防范一氧化碳中毒",
        "识别保健品骗局",
    }
    # The whole autonomous region restricts nothing.
    assert len(titles(client.get(works["index"].url, {"region": "150000"}))) == 4


@pytest.mark.parametrize(
    "params",
    [
        {"audience": "martians"},
        {"region": "999999"},
        {"region": "' OR 1=1 --"},
        {"discipline": "<script>alert(1)</script>"},
        {"form": "hologram"},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999"},
        {"page": "1e309"},
        {"region": "1" * 5000},
        {"audience": "\x00"},
    ],
)
def test_bad_values_give_a_sensible_page(client, works, params):
    response = client.get(works["index"].url, params)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 4
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content


def test_unknown_filter_is_reported_and_others_still_apply(client, works):
    response = client.get(works["index"].url, {"audience": "martians", "form": "video"})
    assert titles(response) == {"流星雨观测指南"}
    assert "已忽略无法识别的筛选条件：martians" in response.content.decode()


def test_pagination_keeps_the_filters(client, works):
    for n in range(13):
        factories.make_work(works["index"], f"草原生态第{n}讲", audiences=["farmers-herders"])
    response = client.get(works["index"].url, {"audience": "farmers-herders"})
    assert response.context["page_obj"].paginator.num_pages == 2
    assert 'href="?audience=farmers-herders&amp;page=2"' in response.content.decode()
    second = client.get(works["index"].url, {"audience": "farmers-herders", "page": "2"})
    assert len(second.context["page_obj"].object_list) == 3


def test_audience_column_lists_its_audience_and_filters_further(client, works):
    topic = factories.make_topic(works["home"], "elderly")
    assert titles(client.get(topic.url)) == {"冬季取暖防范一氧化碳中毒", "识别保健品骗局"}
    assert titles(client.get(topic.url, {"form": "comic"})) == {"识别保健品骗局"}
    # The column's own audience cannot be overridden from the URL.
    assert titles(client.get(topic.url, {"audience": "youth"})) == {
        "冬季取暖防范一氧化碳中毒",
        "识别保健品骗局",
    }


def test_filter_form_shows_leagues_with_their_counties(client, works):
    content = client.get(works["index"].url, {"region": "150929"}).content.decode()
    assert '<optgroup label="乌兰察布市">' in content
    assert '<option value="150929" selected>四子王旗</option>' in content


def test_pages_are_numbered_with_the_ends_and_neighbours():
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    page_obj = Paginator(range(300), 10).get_page(15)
    html = render_to_string(
        "includes/pagination.html", {"page_obj": page_obj, "filter_query": "audience=youth"}
    )
    for number in (1, 13, 14, 16, 17, 30):
        assert f'href="?audience=youth&amp;page={number}">{number}</a>' in html
    assert 'href="?audience=youth&amp;page=12"' not in html
    assert '<span aria-current="page">15' in html
    assert html.count("…") == 2
    assert 'rel="prev" href="?audience=youth&amp;page=14"' in html
