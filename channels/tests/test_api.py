"""The public API's contract: what a work, a news item and the taxonomies look like, filters,
ordering and pagination, and the body of a work block by block."""

import datetime

import pytest

from django.core.cache import cache

from articles.models import ArticlePage, CorrectionNotice
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttle():
    # The throttle counts requests per address in the cache: these tests make many.
    cache.clear()
    yield
    cache.clear()


def get(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return response.json()


@pytest.fixture
def works(site_tree):
    index = site_tree["works"]
    made = {
        "elderly": factories.make_work(
            index,
            "冬季取暖防范一氧化碳中毒",
            disciplines=["safety"],
            audiences=["elderly"],
            regions=["150102"],  # 新城区, a county of 呼和浩特市
            cover_image=factories.make_image("煤炉"),
            published_at=factories.days_ago(3),
        ),
        "fraud": factories.make_work(
            index,
            "识破冒充公检法的电信诈骗",
            disciplines=["fraud-prevention"],
            audiences=["elderly"],
            form="video",
            published_at=factories.days_ago(2),
        ),
        "youth": factories.make_work(
            index,
            "流星雨观测指南",
            audiences=["youth"],
            regions=["150200"],
            published_at=factories.days_ago(1),
        ),
    }
    made["elderly"].tags.add("取暖")
    factories.publish_imported(made["elderly"])
    for name, days in (("elderly", 3), ("fraud", 2), ("youth", 1)):
        ArticlePage.objects.filter(pk=made[name].pk).update(last_published_at=factories.days_ago(days))
    return made


def titles(payload):
    return [item["title"] for item in payload["items"]]


def test_a_work_in_the_list_carries_what_a_client_needs(client, works):
    payload = get(client, "/api/v1/works/")
    assert payload["count"] == 3 and payload["next"] is None and payload["previous"] is None
    item = next(i for i in payload["items"] if i["title"] == "冬季取暖防范一氧化碳中毒")
    work = works["elderly"]
    assert item["id"] == work.pk
    assert item["url"] == "http://testserver" + work.url
    assert item["summary"] == "煤炉取暖要通风,安装报警器。"
    assert item["form"] == {"code": "article", "name": "图文"}
    assert item["disciplines"] == [{"code": "safety", "name": "应急与安全"}]
    assert item["audiences"] == [{"code": "elderly", "name": "老年人"}]
    assert item["regions"] == [
        {
            "code": "150102",
            "name": "新城区",
            "level": "county",
            "league": {"code": "150100", "name": "呼和浩特市"},
        }
    ]
    assert item["tags"] == [{"code": "取暖", "name": "取暖"}]
    assert item["creator"] == {"name": "测试作者", "affiliation": "测试单位(演示)"}
    assert item["review"] == {"line": "测试数据", "reviewers": [], "date": None, "fast_track": False}
    assert item["corrections"] == []
    assert item["first_published_at"].endswith("+08:00")  # Beijing time
    cover = item["cover"]
    assert cover["alt"] == "煤炉的替代文本" and cover["source"] == "测试"
    for size in ("card", "large"):
        assert cover[size]["url"].startswith("http://testserver/uploads/") and cover[size]["url"].endswith(
            ".webp"
        )
        assert cover[size]["width"] > 0 and cover[size]["height"] > 0
    assert next(i for i in payload["items"] if i["title"] == "流星雨观测指南")["cover"] is None


def test_newest_published_or_corrected_first(client, works):
    assert titles(get(client, "/api/v1/works/")) == [
        "流星雨观测指南",
        "识破冒充公检法的电信诈骗",
        "冬季取暖防范一氧化碳中毒",
    ]
    oldest = works["elderly"].get_latest_revision_as_object()
    oldest.corrections.add(CorrectionNotice(date=datetime.date(2026, 3, 1), text="第二段的数值已更正。"))
    factories.publish_imported(oldest)
    payload = get(client, "/api/v1/works/")
    assert titles(payload)[0] == "冬季取暖防范一氧化碳中毒"
    assert payload["items"][0]["corrections"] == [{"date": "2026-03-01", "text": "第二段的数值已更正。"}]


def test_filters_combine_and_a_league_includes_its_counties(client, works):
    assert titles(get(client, "/api/v1/works/", audience="elderly")) == [
        "识破冒充公检法的电信诈骗",
        "冬季取暖防范一氧化碳中毒",
    ]
    # A discipline includes its sub-fields (防诈骗 is under 应急与安全).
    assert len(get(client, "/api/v1/works/", discipline="safety")["items"]) == 2
    assert titles(get(client, "/api/v1/works/", discipline="fraud-prevention")) == [
        "识破冒充公检法的电信诈骗"
    ]
    assert titles(get(client, "/api/v1/works/", region="150100")) == ["冬季取暖防范一氧化碳中毒"]
    assert titles(get(client, "/api/v1/works/", region="150102")) == ["冬季取暖防范一氧化碳中毒"]
    assert titles(get(client, "/api/v1/works/", form="video")) == ["识破冒充公检法的电信诈骗"]
    assert titles(get(client, "/api/v1/works/", form="video", audience="youth")) == []
    assert get(client, "/api/v1/works/", region="150000")["count"] == 3  # the whole region


def test_since_keeps_what_was_published_or_corrected_after(client, works):
    since = (datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1, hours=12)).isoformat()
    assert titles(get(client, "/api/v1/works/", since=since)) == ["流星雨观测指南"]
    assert get(client, "/api/v1/works/", since="2000-01-01")["count"] == 3


def test_unknown_filters_and_bad_parameters_answer_400_in_chinese(client, works):
    error = get(client, "/api/v1/works/", status=400, region="999999", audience="martians")
    assert error["status"] == 400 and error["title"] == "请求有误"
    assert "999999" in error["detail"] and "martians" in error["detail"]
    for params, name in (({"limit": 51}, "limit"), ({"limit": 0}, "limit"), ({"offset": -1}, "offset"),
                         ({"limit": "二十"}, "limit"), ({"since": "昨天"}, "since")):  # fmt: skip
        error = get(client, "/api/v1/works/", status=400, **params)
        assert error["params"] == [name] and "参数不正确" in error["detail"], params
    response = client.get("/api/v1/works/", {"limit": 100})
    assert response["Content-Type"] == "application/problem+json"


def test_pagination_links_keep_the_filters(client, works):
    first = get(client, "/api/v1/works/", limit=1, audience="elderly")
    assert first["count"] == 2 and len(first["items"]) == 1 and first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/works/?limit=1&audience=elderly&offset=1"
    second = get(client, first["next"].removeprefix("http://testserver"))
    assert second["next"] is None and second["previous"].endswith("offset=0")
    assert titles(first) + titles(second) == ["识破冒充公检法的电信诈骗", "冬季取暖防范一氧化碳中毒"]
    beyond = get(client, "/api/v1/works/", offset=10)
    assert beyond["count"] == 3 and beyond["items"] == [] and beyond["next"] is None
    assert len(get(client, "/api/v1/works/")["items"]) == 3  # default limit 20


def test_the_detail_renders_every_kind_of_block_safely(client, site_tree):
    figure, poster = factories.make_image("煤炉与烟道"), factories.make_image("视频封面帧")
    video = factories.make_document("一氧化碳报警器安装演示")
    other = factories.make_work(site_tree["works"], "流星雨观测指南")
    body = [
        {"type": "heading", "value": {"text": "一氧化碳为什么危险"}},
        {
            "type": "paragraph",
            "value": (
                f'<p>一氧化碳<b>无色无味</b>，见<a linktype="page" id="{other.pk}">另一篇</a>。</p>'
                '<script>alert(1)</script><p onclick="x()">与血红蛋白结合的能力远强于氧气。</p>'
            ),
        },
        {"type": "image", "value": {"image": figure.pk, "caption": "煤炉与烟道", "source": ""}},
        {"type": "fact", "value": {"title": "知识点", "text": "<p>使用煤炉时要保持烟道畅通。</p>"}},
        {"type": "quote", "value": {"text": "安全取暖，通风第一。", "attribution": "社区宣传语"}},
        {"type": "qa", "value": {"items": [{"question": "开窗缝就安全了吗？", "answer": "<p>不一定。</p>"}]}},
        {
            "type": "video",
            "value": {
                "video": video.pk,
                "poster": poster.pk,
                "caption": "安装演示",
                "transcript": "<p>报警器装在离地面较低处。</p>",
            },
        },
        {
            "type": "audio",
            "value": {"audio": None, "caption": "广播", "transcript": "<p>冬季取暖注意通风。</p>"},
        },
        {
            "type": "references",
            "value": {
                "items": [
                    {
                        "title": "职业性急性一氧化碳中毒诊断标准",
                        "authors": "",
                        "publisher": "中华人民共和国卫生部",
                        "year": 2002,
                        "url": "",
                        "doi": "",
                    }
                ]
            },
        },
    ]
    work = factories.make_work(site_tree["works"], "冬季取暖防范一氧化碳中毒", body=body)
    detail = get(client, f"/api/v1/works/{work.pk}/")
    assert detail["title"] == "冬季取暖防范一氧化碳中毒" and detail["reading_minutes"] >= 1
    blocks = {block["type"]: block["value"] for block in detail["body"]}
    assert [block["type"] for block in detail["body"]] == [b["type"] for b in body]
    assert blocks["heading"] == {"text": "一氧化碳为什么危险"}
    html = blocks["paragraph"]["html"]
    assert "<b>无色无味</b>" in html and f'<a href="http://testserver{other.url}">另一篇</a>' in html
    assert "script" not in html and "onclick" not in html and "linktype" not in html and "id=" not in html
    image = blocks["image"]
    assert image["caption"] == "煤炉与烟道" and image["source"] == "测试"  # the picture's own source
    assert image["image"]["alt"] == "煤炉与烟道的替代文本" and image["image"]["url"].startswith(
        "http://testserver/"
    )
    assert blocks["fact"] == {"title": "知识点", "html": "<p>使用煤炉时要保持烟道畅通。</p>"}
    assert blocks["quote"] == {"text": "安全取暖，通风第一。", "attribution": "社区宣传语"}
    assert blocks["qa"] == {"items": [{"question": "开窗缝就安全了吗？", "answer_html": "<p>不一定。</p>"}]}
    assert blocks["video"]["url"].startswith("http://testserver/documents/")
    assert blocks["video"]["poster"]["alt"] == "视频封面帧的替代文本"
    assert blocks["audio"] == {"url": None, "caption": "广播", "transcript_html": "<p>冬季取暖注意通风。</p>"}
    assert blocks["references"]["items"][0]["year"] == 2002


def test_an_unknown_work_answers_404_in_chinese(client, site_tree):
    error = get(client, "/api/v1/works/999999/", status=404)
    assert error == {"status": 404, "title": "未找到", "detail": "没有这个地址，或者内容尚未发布。"}
    assert get(client, "/api/v1/works/abc/", status=404)["title"] == "未找到"
    assert get(client, "/api/v1/nothing/here/", status=404)["title"] == "未找到"
    news = factories.make_news(site_tree["news"], "科技活动周开幕")
    get(client, f"/api/v1/works/{news.pk}/", status=404)  # a news item is not a work


def test_news(client, site_tree):
    item = factories.make_news(site_tree["news"], "科技活动周开幕", source="自治区科技厅")
    payload = get(client, "/api/v1/news/")
    assert payload["count"] == 1 and payload["items"][0]["source"] == "自治区科技厅"
    assert "form" not in payload["items"][0] and "body" not in payload["items"][0]
    detail = get(client, f"/api/v1/news/{item.pk}/")
    assert detail["url"] == "http://testserver" + item.url
    assert [block["type"] for block in detail["body"]] == ["heading", "paragraph"]
    get(client, "/api/v1/news/999999/", status=404)


def test_taxonomies_give_every_filter_value(client, db):
    taxonomies = get(client, "/api/v1/taxonomies/")
    safety = next(d for d in taxonomies["disciplines"] if d["code"] == "safety")
    assert {"code": "fraud-prevention", "name": "防诈骗", "children": []} in safety["children"]
    assert {a["code"] for a in taxonomies["audiences"]} == {
        "youth",
        "farmers-herders",
        "elderly",
        "workers",
        "officials",
        "public",
    }
    assert len(taxonomies["regions"]) == 12
    hohhot = next(r for r in taxonomies["regions"] if r["code"] == "150100")
    assert (
        hohhot["name"] == "呼和浩特市"
        and {"code": "150102", "name": "新城区", "kind": "市辖区"} in hohhot["counties"]
    )
    assert {"code": "comic", "name": "漫画"} in taxonomies["forms"]


def test_the_index_names_every_endpoint(client, db):
    index = get(client, "/api/v1/")
    assert index["works"] == "http://testserver/api/v1/works/"
    assert index["openapi"] == "http://testserver/api/v1/openapi.json"
