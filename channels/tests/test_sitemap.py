"""sitemap.xml lists every public page once, with its last publication and the pictures of works,
read as XML; drafts, restricted pages and retracted works stay out; it costs a fixed number of
queries; past the size limit it becomes an index of its sections."""

import datetime
import re

import pytest
from defusedxml import ElementTree

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model
from wagtail.models import Locale, PageViewRestriction

from articles import listings
from articles.models import ArticlePage
from channels import sitemaps
from media import renditions
from review import corrections
from review.tests.conftest import build_cast
from tests import factories

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
IMAGE = "{http://www.google.com/schemas/sitemap-image/1.1}"
# W3C datetime, to the second, with the offset: 2026-05-12T17:00:00+08:00
W3C_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
HOST = "http://testserver"


def read(client, url="/sitemap.xml", **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ElementTree.fromstring(response.content)


def entries(root):
    """{loc: {"lastmod": str, "images": [str]}} of a <urlset>."""
    assert root.tag == f"{SITEMAP}urlset"
    found = {}
    for url in root.iter(f"{SITEMAP}url"):
        loc = url.findtext(f"{SITEMAP}loc")
        assert loc not in found, f"{loc} listed twice"
        found[loc] = {
            "lastmod": url.findtext(f"{SITEMAP}lastmod"),
            "images": [image.findtext(f"{IMAGE}loc") for image in url.iter(f"{IMAGE}image")],
        }
    return found


def big_image(title):
    return factories.make_image(title, size=(1600, 900))


@pytest.fixture
def tree(site_tree):
    home, works = site_tree["home"], site_tree["works"]
    figure = big_image("插图")
    body = [
        *factories.BODY,
        {"type": "image", "value": {"image": figure.pk, "caption": "烟道", "source": ""}},
    ]
    tree = {
        **site_tree,
        "work": factories.make_work(
            works, "冬季取暖防范一氧化碳中毒", cover_image=big_image("封面"), body=body
        ),
        "plain": factories.make_work(works, "流星雨观测指南"),
        "draft": factories.make_work(works, "未审核的草稿", publish=False),
        "private": factories.make_work(works, "受限作品"),
        "news_item": factories.make_news(site_tree["news"], "科技活动周开幕"),
        "topic": factories.make_topic(home, "elderly"),
        "about": factories.make_standard(home, "关于本站"),
        "figure": figure,
    }
    PageViewRestriction.objects.create(page=tree["private"], restriction_type="password", password="secret")
    return tree


def test_every_public_page_is_listed_once_with_its_last_publication(client, tree):
    found = entries(read(client))
    public = ["home", "works", "news", "work", "plain", "news_item", "topic", "about"]
    assert set(found) == {HOST + tree[name].url for name in public}
    for name in public:
        page = tree[name]
        page.refresh_from_db()
        lastmod = found[HOST + page.url]["lastmod"]
        if page.last_published_at is None:  # the test site's home and sections were never published
            assert lastmod is None and page.latest_revision_created_at is None
            continue
        assert W3C_DATETIME.match(lastmod), lastmod
        assert datetime.datetime.fromisoformat(lastmod) == page.last_published_at.replace(microsecond=0)
        assert lastmod.endswith("+08:00")  # the portal's time zone, Asia/Shanghai


def test_a_work_lists_its_cover_and_body_pictures_as_large_renditions(client, tree):
    found = entries(read(client))
    pictures = found[HOST + tree["work"].url]["images"]
    assert len(pictures) == 2 and all(url.startswith(HOST + "/") for url in pictures)
    Rendition = get_image_model().get_rendition_model()
    by_url = {rendition.url: rendition for rendition in Rendition.objects.all()}
    listed = [by_url[url.removeprefix(HOST)] for url in pictures]
    assert [r.filter_spec for r in listed] == [renditions.COVER, renditions.BODY]
    assert listed[1].image_id == tree["figure"].pk
    assert all(r.width == 960 and r.width > 480 for r in listed)  # larger than the card (480×270)
    assert found[HOST + tree["plain"].url]["images"] == []


def test_a_picture_whose_file_is_missing_is_left_out(client, tree):
    tree["figure"].file.delete(save=False)
    tree["figure"].renditions.all().delete()  # and so no rendition of it can be made
    pictures = entries(read(client))[HOST + tree["work"].url]["images"]
    assert len(pictures) == 1 and "fill-960x540" in pictures[0]


def test_urls_take_the_requests_scheme_and_host(client, tree, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "kepu.example.org"]
    found = entries(read(client, secure=True, headers={"host": "kepu.example.org"}))
    assert HOST + tree["work"].url not in found
    assert f"https://kepu.example.org{tree['work'].url}" in found
    pictures = found[f"https://kepu.example.org{tree['work'].url}"]["images"]
    assert pictures and all(url.startswith("https://kepu.example.org/") for url in pictures)


def test_a_draft_translation_and_a_language_the_site_does_not_serve_stay_out(client, tree):
    english = Locale.objects.create(language_code="en")
    translated = tree["home"].copy_for_translation(english)
    before = set(entries(read(client)))
    assert not translated.live
    translated.save_revision().publish()
    assert set(entries(read(client))) == before


def settle(cast, work, outcome, note):
    """A reader's report, verified by an expert and decided by an editor: the real correction path."""
    case = corrections.file_report(work, problem="文中说一氧化碳有刺激性气味，这是错的。")
    corrections.assign_verifier(case, cast["editor"], cast["experts"]["expert_b"])
    corrections.record_finding(case, cast["expert_b"], confirmed=True, finding="确有错误。")
    return corrections.decide(case, cast["editor"], outcome, note)


def test_a_correction_moves_lastmod_and_a_retraction_removes_the_work(client, site_tree):
    cast = build_cast(site_tree)
    work = factories.make_work(
        cast["works"], "冬季取暖防范一氧化碳中毒", disciplines=["safety"], owner=cast["creator"]
    )
    ArticlePage.objects.filter(pk=work.pk).update(last_published_at=factories.days_ago(30))
    loc = HOST + work.url
    before = datetime.datetime.fromisoformat(entries(read(client))[loc]["lastmod"])

    settle(cast, work, "corrected", "第二段已更正：一氧化碳无色无味。")
    after = datetime.datetime.fromisoformat(entries(read(client))[loc]["lastmod"])
    assert after - before > datetime.timedelta(days=29)

    settle(cast, work, "retracted", "关键数据来源无法核实，予以撤稿。")
    assert client.get(work.url).status_code == 410
    assert loc not in entries(read(client))
    assert work.pk not in [w.pk for w in listings.public_works()]


def add_illustrated(site_tree, how_many):
    for n in range(how_many):
        figure = factories.make_image(f"插图{n}")
        body = [
            *factories.BODY,
            {"type": "image", "value": {"image": figure.pk, "caption": "", "source": ""}},
        ]
        factories.make_work(
            site_tree["works"], f"作品{n}", cover_image=factories.make_image(f"封面{n}"), body=body
        )
    factories.make_news(site_tree["news"], "科技活动周开幕", cover_image=factories.make_image())


def queries_to_read(client, expected_urls):
    read(client)  # the first reading makes the renditions of new pictures
    with CaptureQueriesContext(connection) as queries:
        assert len(entries(read(client))) == expected_urls
    return len(queries)


def test_the_sitemap_costs_a_fixed_number_of_queries(client, site_tree, django_assert_max_num_queries):
    add_illustrated(site_tree, 3)
    few = queries_to_read(client, 3 + 3 + 1)  # home, two indexes; works; news
    add_illustrated(site_tree, 27)
    many = queries_to_read(client, 3 + 30 + 2)
    assert many == few
    with django_assert_max_num_queries(12):  # site, 3 counts, 3 lists, 2 × (pictures, renditions)
        read(client)


def test_past_the_size_limit_the_sitemap_is_an_index_of_its_sections(client, tree, monkeypatch):
    everything = set(entries(read(client)))
    monkeypatch.setattr(sitemaps.PageSection, "limit", 2)
    index = read(client)
    assert index.tag == f"{SITEMAP}sitemapindex"
    parts = [sitemap.findtext(f"{SITEMAP}loc") for sitemap in index.iter(f"{SITEMAP}sitemap")]
    # home, the two sections, the topic and 关于本站 by two; two works; one news item
    assert parts == [
        f"{HOST}/sitemap-pages.xml",
        f"{HOST}/sitemap-pages.xml?p=2",
        f"{HOST}/sitemap-pages.xml?p=3",
        f"{HOST}/sitemap-works.xml",
        f"{HOST}/sitemap-news.xml",
    ]
    for sitemap in index.iter(f"{SITEMAP}sitemap"):
        assert W3C_DATETIME.match(sitemap.findtext(f"{SITEMAP}lastmod"))
    listed = []
    for part in parts:
        listed.extend(entries(read(client, part.removeprefix(HOST))))
    assert sorted(listed) == sorted(everything)
    assert client.get("/sitemap-martians.xml").status_code == 404
    assert client.get("/sitemap-pages.xml?p=4").status_code == 404
