"""Only reviewed content leaves through the API, and only public fields of it: works in every
unpublished state stay out, reviewer credit and corrections come through the real review path, a
retraction answers 410 with its notice, and every key of every answer is on the whitelist."""

# ruff: noqa: F811 — `cast` and `every_state` are review/tests' fixtures, imported to be parameters here.

import pytest

from django.core.cache import cache
from django.test import override_settings

from review import corrections
from review.models import CaseStatus
from review.tests.conftest import cast  # noqa: F401 (fixture)
from review.tests.scenario import publish_through_review
from review.tests.test_nothing_leaks import MARKER, every_state  # noqa: F401 (fixture)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


# Every key any answer of the API may hold, at any depth. A new field is added here on purpose.
ALLOWED_KEYS = {
    # listings and errors
    "count", "next", "previous", "items", "status", "title", "detail", "params", "retraction", "note",
    # the index
    "version", "works", "news", "events", "taxonomies", "openapi", "docs",
    # works and news
    "id", "url", "summary", "form", "code", "name", "disciplines", "audiences", "regions", "level",
    "league", "tags", "creator", "affiliation", "first_published_at", "last_published_at", "cover",
    "alt", "source", "card", "large", "width", "height", "review", "line", "reviewers", "date",
    "fast_track", "corrections", "text", "reading_minutes", "body",
    # body blocks
    "type", "value", "html", "image", "caption", "attribution", "question", "answer_html",
    "transcript_html", "poster", "authors", "publisher", "year", "doi",
    # taxonomies
    "children", "description", "kind", "counties", "forms",
}  # fmt: skip
# What must never appear, named so that a mistake in ALLOWED_KEYS cannot let it through.
FORBIDDEN_KEYS = {
    "latest_revision", "live_revision", "revision", "draft_title", "has_unpublished_changes", "owner",
    "locked", "locked_by", "locked_at", "workflow", "workflow_state", "search_description", "seo_title",
    "email", "content_type", "path", "depth", "review_credit", "opinions", "comments_for_creator",
    "confidential_comments", "verdict", "expert", "user", "live", "expired", "go_live_at", "translation_key",
}  # fmt: skip


def keys_in(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from keys_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from keys_in(item)


def answers(client, urls):
    found = {}
    for url in urls:
        response = client.get(url)
        assert response["Content-Type"].split(";")[0] in ("application/json", "application/problem+json"), url
        found[url] = (response.status_code, response.json())
    return found


@pytest.fixture
def reviewed(cast):
    """A work published through the whole 三审 with a picture in its body, then corrected; a news item."""
    work = factories.make_illustrated_work(
        cast["works"],
        "冬季取暖防范一氧化碳中毒",
        disciplines=["safety"],
        audiences=["elderly"],
        regions=["150102"],
        publish=False,
        owner=cast["creator"],
    )
    publish_through_review(cast, work)
    corrections.publish_correction(work, "第二段的数值已更正：一氧化碳无色无味。", cast["editor"])
    news = factories.make_news(cast["news"], "科技活动周开幕")
    return {"work": work, "news": news}


def test_reviewer_credit_and_corrections_come_from_the_review(client, cast, reviewed):
    item = client.get("/api/v1/works/").json()["items"][0]
    detail = client.get(f"/api/v1/works/{reviewed['work'].pk}/").json()
    for payload in (item, detail):
        review = payload["review"]
        assert [r["name"] for r in review["reviewers"]] == ["expert_a", "expert_b"]
        assert review["reviewers"][0] == {
            "name": "expert_a",
            "title": "研究员",
            "affiliation": "内蒙古农业大学(测试)",
        }
        assert review["line"].startswith("科学性审核：expert_a（研究员，内蒙古农业大学(测试)）、expert_b")
        assert review["date"] and review["fast_track"] is False
        assert [c["text"] for c in payload["corrections"]] == ["第二段的数值已更正：一氧化碳无色无味。"]


def test_every_key_of_every_answer_is_whitelisted(client, cast, reviewed):
    work, news = reviewed["work"], reviewed["news"]
    retracted = factories.make_work(cast["works"], "将被撤稿的作品", owner=cast["other_creator"])
    retract(cast, retracted, "关键数据来源无法核实。")
    urls = [
        "/api/v1/",
        "/api/v1/works/",
        "/api/v1/works/?limit=1",  # next, and an offset page with previous
        "/api/v1/works/?limit=1&offset=1",
        "/api/v1/works/?audience=elderly&region=150100&discipline=safety&form=article",
        f"/api/v1/works/{work.pk}/",
        "/api/v1/news/",
        f"/api/v1/news/{news.pk}/",
        "/api/v1/taxonomies/",
        "/api/v1/works/999999/",
        f"/api/v1/works/{retracted.pk}/",
        "/api/v1/works/?limit=500",
        "/api/v1/works/?region=999999",
    ]
    found = answers(client, urls)
    assert {status for status, _payload in found.values()} == {200, 400, 404, 410}
    every_key = {key for _status, payload in found.values() for key in keys_in(payload)}
    assert every_key <= ALLOWED_KEYS, every_key - ALLOWED_KEYS
    assert not every_key & FORBIDDEN_KEYS
    assert {"reviewers", "corrections", "body", "retraction", "params"} <= every_key  # the walk saw them
    text = "".join(client.get(url).content.decode() for url in urls)
    for private in ("creator@example.org", "expert_a@example.org", "准确。", "同意发布", "初审通过"):
        assert private not in text, private  # e-mails, expert opinions, review comments


def retract(cast, work, note):
    case = corrections.file_report(work, problem="文中数据与权威资料不符，请核实。")
    corrections.assign_verifier(case, cast["editor"], cast["experts"]["expert_c"])
    corrections.record_finding(case, cast["expert_c"], confirmed=True, finding="确有错误。")
    return corrections.decide(case, cast["editor"], CaseStatus.RETRACTED, note)


def test_a_retracted_work_answers_410_with_its_notice_and_leaves_the_list(client, cast, reviewed):
    work = reviewed["work"]
    assert client.get(f"/api/v1/works/{work.pk}/").status_code == 200
    retract(cast, work, "文中关键数据来源无法核实，予以撤稿。")
    response = client.get(f"/api/v1/works/{work.pk}/")
    assert response.status_code == 410
    gone = response.json()
    assert gone["title"] == "已撤稿" and gone["retraction"]["note"] == "文中关键数据来源无法核实，予以撤稿。"
    assert gone["retraction"]["date"] and "冬季取暖" not in response.content.decode()
    assert client.get("/api/v1/works/").json()["count"] == 0


def test_no_unpublished_state_reaches_the_api(client, cast, every_state):
    public = cast["public_work"]
    listing = client.get("/api/v1/works/?limit=50")
    assert listing.status_code == 200 and listing.json()["count"] == 1
    texts = [listing.content.decode()]
    for query in ("audience=elderly", "discipline=safety", "form=article", "since=2000-01-01T00:00:00"):
        texts.append(client.get(f"/api/v1/works/?{query}").content.decode())
    for state, work in every_state.items():
        response = client.get(f"/api/v1/works/{work.pk}/")
        texts.append(response.content.decode())
        if work.pk == public.pk:  # a live work with a new revision in review: the live one is shown
            assert response.status_code == 200 and response.json()["title"] == "已发布的一氧化碳作品", state
        else:
            assert response.status_code == 404, state
            assert client.get(f"/api/v1/news/{work.pk}/").status_code == 404, state
    assert not any(MARKER in text for text in texts)


@override_settings(PORTAL_API_CORS_ORIGINS=["*"])
def test_errors_and_cors_answers_carry_no_private_keys_either(client, reviewed):
    found = answers(client, ["/api/v1/works/", "/api/v1/nowhere/"])
    assert all(set(keys_in(payload)) <= ALLOWED_KEYS for _status, payload in found.values())
