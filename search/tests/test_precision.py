"""Search precision as a reader sees it on the search page: works with every word of the query
first; works with only some of its meaningful words under 部分匹配, never on a stray character;
snippets from what the reader reads, never a picture's caption or a block's label."""

import io

import pytest

from django.core.management import call_command

from tests import factories

pytestmark = pytest.mark.django_db
PARTIAL_GROUP = '<h2 id="hits-partial-heading" class="hits-partial__heading">部分匹配</h2>'


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def search(client, query, **params):
    response = client.get("/zh-hans/search/", {"q": query, **params})
    assert response.status_code == 200
    context = response.context
    return (
        [work.pk for _hit, work in context["full_rows"]],
        [work.pk for _hit, work in context["partial_rows"]],
        response.content.decode().split("<main", 1)[1],
    )


@pytest.fixture
def works(site_tree):
    index = site_tree["works"]

    def work(title, text, **fields):
        return factories.make_work(
            index, title, summary=fields.pop("summary", "一篇短文。"), body=paragraph(text), **fields
        )

    return {
        "colour": work("植物为什么是绿色的", "叶绿素吸收红光和蓝光,反射绿光,所以叶子看起来是绿色。"),
        "chain": work("草原上的食物链", "牧草、野兔和狐狸组成一条食物链,少了一环,整条链都会受影响。"),
        "quantum": work("量子通信是怎么回事", "量子通信利用量子态传递密钥,窃听会留下痕迹。"),
        "myopia": work(
            "孩子近视怎么防",
            "每天户外活动两小时,是预防近视最简单有效的办法。",
            published_at=factories.days_ago(30),
        ),
        "myopia_news": work(
            "近视手术常识", "近视手术并不适合每个人,术前要做全面检查。", published_at=factories.days_ago(2)
        ),
    }


def test_a_query_whose_words_match_nothing_does_not_fall_back_to_one_character(client, works):
    # 量子色动力学: 量子 is a word of its own and may stand in for the rest; 色 (of 绿色) may not.
    full, partial, content = search(client, "量子色动力学xyz")
    assert full == []
    assert partial == [works["quantum"].pk]
    assert works["colour"].pk not in partial
    # 区块链 is cut into 区块 + 链: the lone 链 of 食物链 is no match.
    full, partial, content = search(client, "区块链")
    assert (full, partial) == ([], [])
    assert "没有找到" in content and PARTIAL_GROUP not in content


def test_a_real_word_is_a_full_match(client, works):
    full, partial, content = search(client, "近视")
    assert sorted(full) == sorted([works["myopia"].pk, works["myopia_news"].pk])
    assert partial == [] and "部分匹配" not in content
    assert "<mark>近视</mark>" in content


def test_a_nonsense_query_finds_nothing_and_offers_no_partial_group(client, works):
    full, partial, content = search(client, "嗷呜嘎吱 qxzvb")
    assert (full, partial) == ([], [])
    assert "没有找到" in content and PARTIAL_GROUP not in content


def test_a_two_word_query_where_one_word_matches_shows_only_partial_matches(client, works):
    full, partial, content = search(client, "近视 航天")
    assert full == []
    assert sorted(partial) == sorted([works["myopia"].pk, works["myopia_news"].pk])
    assert "部分匹配" in content and "没有作品包含全部搜索词，2 篇部分匹配" in content
    group = content.split(PARTIAL_GROUP, 1)[1].split("</section>", 1)[0]
    assert works["myopia"].url in group and works["myopia_news"].url in group
    assert "<mark>近视</mark>" in group and "航天" not in group


def test_full_matches_come_before_partial_ones_in_either_order(client, works):
    for sort in ("relevance", "date"):
        full, partial, content = search(client, "近视 户外", sort=sort)
        # The newer work lacks 户外: by date it would come first, but it is only a partial match.
        assert full == [works["myopia"].pk], sort
        assert partial == [works["myopia_news"].pk], sort
        assert "找到 1 篇作品，另有 1 篇部分匹配" in content
        assert (
            content.index(works["myopia"].url)
            < content.index(PARTIAL_GROUP)
            < content.index(works["myopia_news"].url)
        )


def test_the_api_says_which_hits_are_partial(client, works):
    data = client.get("/zh-hans/search/api/", {"q": "近视 户外"}).json()
    assert (data["total"], data["partial_total"]) == (2, 1)
    assert [(hit["id"], hit["partial"]) for hit in data["hits"]] == [
        (works["myopia"].pk, False),
        (works["myopia_news"].pk, True),
    ]


def test_snippets_come_from_the_body_text_not_captions_sources_or_labels(client, site_tree):
    figure = factories.make_image("草场")
    work = factories.make_work(
        site_tree["works"],
        "禁牧以后草场怎样恢复",
        summary="围栏禁牧的效果。",
        body=[
            {
                "type": "image",
                "value": {
                    "image": figure.pk,
                    "caption": "示意图：围栏里的草场",
                    "source": "示意图，演示内容生成",
                },
            },
            {"type": "fact", "value": {"title": "知识点", "text": "<p>禁牧三到五年,草场植被明显恢复。</p>"}},
            {"type": "paragraph", "value": "<p>围栏禁牧让草场休养生息,牧草重新长高。</p>"},
        ],
    )
    response = client.get("/zh-hans/search/", {"q": "草场"})
    [(hit, shown)] = response.context["rows"]
    assert shown.pk == work.pk
    assert "<mark>草场</mark>" in hit.snippet_html
    for residue in ("示意图", "演示内容生成", "知识点"):
        assert residue not in hit.snippet_html, hit.snippet_html
    # A caption is still found (the index keeps it); its snippet is the summary, not the caption.
    [(caption_hit, _work)] = client.get("/zh-hans/search/", {"q": "示意图"}).context["rows"]
    assert caption_hit.snippet_html == "围栏禁牧的效果。"


def test_one_search_box_a_page(client, site_tree, works):
    def boxes(url, **params):
        return client.get(url, params).content.decode().count('role="search"')

    assert boxes("/zh-hans/search/", q="近视") == 1  # the page's own, with suggestions and facets
    assert boxes("/zh-hans/search/") == 1
    topic = factories.make_topic(site_tree["home"], "elderly")
    assert boxes(topic.url) == 1  # the column's own, searching its audience
    assert boxes(works["myopia"].url) == 1  # the header's
    assert boxes(site_tree["home"].url) == 1


def test_on_the_demo_stray_characters_find_nothing_and_snippets_are_prose(client, site_tree):
    call_command("load_demo", stdout=io.StringIO())
    # The demo has 色 (绿色, 颜色 …) and 链 (食物链) but no 量子, 动力学 or 区块: nothing to offer.
    for query in ("量子色动力学xyz", "区块链"):
        full, partial, content = search(client, query)
        assert (full, partial) == ([], []), query
        assert "没有找到" in content
    full, partial, _content = search(client, "近视")
    assert full and not partial
    response = client.get("/zh-hans/search/", {"q": "近视"})
    assert response.context["rows"][0][1].slug == "youth-myopia-outdoor-two-hours"
    for query in ("近视", "草原", "诈骗", "示意图"):
        for hit, _work in client.get("/zh-hans/search/", {"q": query}).context["rows"]:
            assert "演示内容生成" not in hit.snippet_html, (query, hit.snippet_html)
