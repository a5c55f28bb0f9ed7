"""Every public page says what it is when shared: Open Graph, the schema.org microdata WeChat reads,
and the canonical link — escaped, absolute, with a picture WeChat accepts (≥ 300×300 px)."""

import datetime
from html.parser import HTMLParser

import pytest
from PIL import Image

from django.conf import settings
from django.contrib.staticfiles import finders

from wagtail.images import get_image_model

from articles.models import ArticleIndexPage, ArticlePage, NewsPage, TopicPage
from home.models import HomePage, PolicyDocumentPage, PolicyIndexPage, StandardPage
from media import renditions
from tests import factories

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
SITE_DESCRIPTION = "内蒙古自治区科普平台：每篇科普作品都经过初审、专家科学性审核和终审后发布。"


class _Head(HTMLParser):
    """The <meta> and <link rel=canonical> of a page's <head>: {key: [content, …]}."""

    def __init__(self):
        super().__init__()
        self.found, self.in_head = {}, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif self.in_head and tag == "meta":
            key = attrs.get("property") or (attrs.get("itemprop") and f"itemprop:{attrs['itemprop']}")
            if key:
                self.found.setdefault(key, []).append(attrs.get("content"))
        elif self.in_head and tag == "link" and attrs.get("rel") == "canonical":
            self.found.setdefault("canonical", []).append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def share_tags(client, url, *, unique=True, **request):
    """{key: content} of the share tags; each present once unless `unique` is False."""
    response = client.get(url, **request)
    assert response.status_code == 200, url
    parser = _Head()
    parser.feed(response.content.decode())
    if unique:
        assert {key: values for key, values in parser.found.items() if len(values) > 1} == {}, url
    return {key: values[0] for key, values in parser.found.items()}


def picture_size(url):
    """(width, height) of the picture an og:image names: a rendition or a static file."""
    assert url.startswith(HOST + "/")
    path = url.removeprefix(HOST)
    if path.startswith(settings.STATIC_URL):
        with Image.open(finders.find(path.removeprefix(settings.STATIC_URL))) as image:
            return image.size
    rendition = (
        get_image_model().get_rendition_model().objects.get(file=path.removeprefix(settings.MEDIA_URL))
    )
    return rendition.width, rendition.height


def assert_well_formed(tags, *, page_url, title, og_type):
    assert tags["canonical"] == tags["og:url"] == page_url
    assert tags["og:type"] == og_type
    assert tags["og:title"] == tags["itemprop:name"] == title
    assert tags["og:description"] and tags["og:description"] == tags["itemprop:description"]
    assert tags["og:site_name"] == "内蒙古科普" and tags["og:locale"] == "zh_CN"
    assert tags["og:image"] == tags["itemprop:image"]
    width, height = picture_size(tags["og:image"])
    assert min(width, height) >= 300
    assert (tags["og:image:width"], tags["og:image:height"]) == (str(width), str(height))
    if og_type == "article":
        for key in ("article:published_time", "article:modified_time"):
            assert datetime.datetime.fromisoformat(tags[key]).utcoffset() == datetime.timedelta(hours=8)
    else:
        assert "article:published_time" not in tags


def big_image(title="封面", size=(1600, 900)):
    return factories.make_image(title, size=size)


def test_a_work_shares_its_title_summary_and_cover_escaped(client, site_tree):
    title = '他说"一氧化碳"<无色>&无味'
    work = factories.make_work(site_tree["works"], title, cover_image=big_image())
    # article_page.html prints og:type/title/description of its own: checked for once in the demo test.
    tags = share_tags(client, work.url, unique=False)
    assert_well_formed(tags, page_url=HOST + work.url, title=title, og_type="article")
    assert tags["og:description"] == work.summary
    rendition = work.cover_image.get_rendition(renditions.SHARE)
    assert tags["og:image"] == HOST + rendition.url and tags["og:image:alt"] == "封面的替代文本"
    published = datetime.datetime.fromisoformat(tags["article:published_time"])
    assert published == work.first_published_at.replace(microsecond=0)


def test_a_work_page_prints_each_share_tag_once(client, site_tree):
    work = factories.make_work(site_tree["works"], cover_image=big_image())
    share_tags(client, work.url)


def test_the_share_image_and_text_come_first_then_the_cover_then_the_logo(client, site_tree):
    works = site_tree["works"]
    shared = factories.make_work(
        works,
        "流星雨观测指南",
        cover_image=big_image("封面"),
        social_image=big_image("分享图", size=(1200, 1200)),
        social_text="英仙座流星雨每年8月中旬达到极大。",
    )
    tags = share_tags(client, shared.url, unique=False)
    assert tags["og:image"] == HOST + shared.social_image.get_rendition(renditions.SHARE).url
    assert tags["og:description"] == "英仙座流星雨每年8月中旬达到极大。"
    # A cover too small for WeChat's 300×300 gives way to the logo.
    small = factories.make_work(
        works, "小封面作品", cover_image=factories.make_image("小图", size=(400, 200))
    )
    assert share_tags(client, small.url, unique=False)["og:image"] == HOST + "/static/img/share-logo.png"


def test_a_picture_whose_file_is_missing_gives_way_to_the_logo(client, site_tree):
    news = factories.make_news(site_tree["news"], "科技活动周开幕", cover_image=big_image())
    news.cover_image.file.delete(save=False)
    news.cover_image.renditions.all().delete()  # and so no rendition of it can be made
    assert share_tags(client, news.url)["og:image"] == HOST + "/static/img/share-logo.png"


def test_news_is_an_article_and_other_pages_are_websites(client, site_tree):
    news = factories.make_news(site_tree["news"], "科技活动周开幕", cover_image=big_image())
    assert_well_formed(
        share_tags(client, news.url), page_url=HOST + news.url, title=news.title, og_type="article"
    )
    about = factories.make_standard(
        site_tree["home"], "关于本站", search_description="本站由内蒙古科协主办。"
    )
    tags = share_tags(client, about.url)
    assert_well_formed(tags, page_url=HOST + about.url, title="关于本站", og_type="website")
    assert tags["og:description"] == "本站由内蒙古科协主办。"
    assert tags["og:image"] == HOST + "/static/img/share-logo.png"
    home = share_tags(client, site_tree["home"].url)
    assert home["og:description"] == SITE_DESCRIPTION and home["og:type"] == "website"


def test_the_canonical_url_keeps_a_listings_page_and_drops_filters(client, site_tree, settings):
    works = site_tree["works"].url
    tags = share_tags(client, works + "?audience=elderly&page=2&utm_source=wechat")
    assert tags["canonical"] == f"{HOST}{works}?page=2"
    assert share_tags(client, works + "?page=1")["canonical"] == HOST + works
    assert share_tags(client, works + "?page=" + "9" * 5000)["canonical"] == HOST + works
    search = share_tags(client, "/zh-hans/search/?q=一氧化碳&sort=newest")
    assert search["canonical"] == f"{HOST}/zh-hans/search/?q=%E4%B8%80%E6%B0%A7%E5%8C%96%E7%A2%B3"
    assert search["og:title"] == "“一氧化碳”的搜索结果"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "kepu.example.org"]
    tags = share_tags(client, works, secure=True, headers={"host": "kepu.example.org"})
    assert tags["canonical"] == f"https://kepu.example.org{works}"
    assert tags["og:image"].startswith("https://kepu.example.org/static/")


@pytest.mark.usefixtures("loaded_demo")
@pytest.mark.parametrize(
    ("kind", "og_type"),
    [
        (HomePage, "website"),
        (ArticleIndexPage, "website"),
        (ArticlePage, "article"),
        (NewsPage, "article"),
        (TopicPage, "website"),
        (PolicyIndexPage, "website"),
        (PolicyDocumentPage, "website"),
        (StandardPage, "website"),
        ("search", "website"),
    ],
)
def test_every_public_page_type_of_the_demo(client, kind, og_type):
    if kind == "search":
        url, title = "/zh-hans/search/?q=一氧化碳", "“一氧化碳”的搜索结果"
        page_url = f"{HOST}/zh-hans/search/?q=%E4%B8%80%E6%B0%A7%E5%8C%96%E7%A2%B3"
    else:
        pages = kind.objects.live().public().order_by("path")
        if kind in (ArticlePage, NewsPage):
            pages = pages.filter(cover_image__isnull=False)
        page = pages.first()
        url, title, page_url = page.url, page.seo_title or page.title, HOST + page.url
    tags = share_tags(client, url)
    assert_well_formed(tags, page_url=page_url, title=title, og_type=og_type)
    if kind in (ArticlePage, NewsPage):  # the demo's covers are large enough to share
        assert tags["og:image"] == HOST + page.cover_image.get_rendition(renditions.SHARE).url
