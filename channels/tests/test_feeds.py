"""The feeds carry reviewed works only, read as valid RSS 2.0 and Atom by a real parser, and follow
corrections and retractions."""

import datetime

import feedparser
import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.actions.unpublish_page import UnpublishPageAction

from articles.models import CorrectionNotice
from tests import factories

pytestmark = pytest.mark.django_db

DRAFT = "未审核的草稿作品"


@pytest.fixture
def works(site_tree):
    index = site_tree["works"]
    return {
        "elderly": factories.make_work(
            index,
            "冬季取暖防范一氧化碳中毒",
            audiences=["elderly"],
            regions=["150100"],
            cover_image=factories.make_image("封面"),
        ),
        "youth": factories.make_work(index, "流星雨观测指南", audiences=["youth"]),
        "draft": factories.make_work(index, DRAFT, audiences=["elderly"], publish=False),
    }


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_the_rss_feed_lists_published_works_with_absolute_links_and_covers(client, works):
    feed = read(client, "/zh-hans/feeds/works.rss")
    assert feed.version == "rss20" and feed.feed.language == "zh-cn"
    titles = [entry.title for entry in feed.entries]
    assert "冬季取暖防范一氧化碳中毒" in titles and "流星雨观测指南" in titles and DRAFT not in titles
    entry = next(e for e in feed.entries if e.title == "冬季取暖防范一氧化碳中毒")
    assert entry.link == "http://testserver" + works["elderly"].url
    enclosure = entry.enclosures[0]
    assert enclosure.type == "image/webp" and enclosure.href.startswith("http://testserver/")
    assert int(enclosure.length) > 0


def test_the_atom_feed_is_valid_and_chinese(client, works):
    feed = read(client, "/zh-hans/feeds/works.atom")
    assert feed.version == "atom10"
    assert feed.feed.get("language") == "zh-Hans"
    assert {entry.title for entry in feed.entries} == {"冬季取暖防范一氧化碳中毒", "流星雨观测指南"}


def test_audience_and_league_feeds_narrow_the_works(client, works):
    elderly = read(client, "/zh-hans/feeds/audience/elderly.rss")
    assert [e.title for e in elderly.entries] == ["冬季取暖防范一氧化碳中毒"]
    league = read(client, "/zh-hans/feeds/region/150100.atom")
    assert [e.title for e in league.entries] == ["冬季取暖防范一氧化碳中毒"]
    for unknown in ("audience/martians", "region/999999", "color/red", "region/150102"):
        assert client.get(f"/zh-hans/feeds/{unknown}.rss").status_code == 404, unknown


def test_a_published_correction_updates_the_entry_and_a_retraction_removes_it(client, works):
    work = works["elderly"]
    before = next(e for e in read(client, "/zh-hans/feeds/works.rss").entries if e.title == work.title)
    corrected = work.get_latest_revision_as_object()
    corrected.corrections.add(CorrectionNotice(date=datetime.date(2026, 3, 1), text="第二段的数值已更正。"))
    factories.publish_imported(corrected)

    after = next(e for e in read(client, "/zh-hans/feeds/works.rss").entries if e.title == work.title)
    assert "第二段的数值已更正" in after.summary and "第二段的数值已更正" not in before.summary
    atom = next(e for e in read(client, "/zh-hans/feeds/works.atom").entries if e.title == work.title)
    assert atom.updated_parsed >= atom.published_parsed and "第二段的数值已更正" in atom.summary

    UnpublishPageAction(work.specific, user=None).execute(skip_permission_checks=True)
    assert work.title not in [e.title for e in read(client, "/zh-hans/feeds/works.rss").entries]


def test_the_news_feed(client, site_tree):
    factories.make_news(site_tree["news"], "科技活动周开幕")
    feed = read(client, "/zh-hans/feeds/news.rss")
    assert [e.title for e in feed.entries] == ["科技活动周开幕"]
    assert read(client, "/zh-hans/feeds/news.atom").entries[0].title == "科技活动周开幕"


def test_a_feed_costs_a_fixed_number_of_queries(client, site_tree):
    for n in range(3):
        factories.make_work(
            site_tree["works"], f"作品{n}", audiences=["elderly"], cover_image=factories.make_image()
        )
    client.get("/zh-hans/feeds/works.rss")  # warm caches (private paths, renditions)
    with CaptureQueriesContext(connection) as few:
        client.get("/zh-hans/feeds/works.rss")
    for n in range(3, 12):
        factories.make_work(
            site_tree["works"], f"作品{n}", audiences=["elderly"], cover_image=factories.make_image()
        )
    client.get("/zh-hans/feeds/works.rss")
    with CaptureQueriesContext(connection) as many:
        client.get("/zh-hans/feeds/works.rss")
    assert len(many) == len(few) <= 12
