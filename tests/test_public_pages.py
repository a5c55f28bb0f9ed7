"""Every public page type renders for a reader, and the admin can create each of them."""

import datetime
import json
import re

import pytest

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticlePage, CorrectionNotice
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(site_tree):
    works = site_tree["works"]
    site_tree["work"] = factories.make_work(
        works,
        disciplines=["safety"],
        audiences=["elderly", "farmers-herders"],
        regions=["150100"],
        cover_image=factories.make_image("封面"),
    )
    site_tree["news_item"] = factories.make_news(site_tree["news"])
    site_tree["topic"] = factories.make_topic(site_tree["home"])
    site_tree["about"] = factories.make_standard(site_tree["home"])
    return site_tree


@pytest.mark.parametrize("key", ["home", "works", "work", "news", "news_item", "topic", "about"])
def test_every_page_type_renders(client, tree, key):
    page = tree[key]
    response = client.get(page.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert f"<title>{page.seo_title or page.title}" in content or key == "home"
    assert 'lang="zh-Hans"' in content
    # Everything is self-hosted: no script, style or font from another origin.
    assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//(?!testserver/)', content)


def test_public_urls_carry_the_language_prefix(tree):
    assert tree["work"].url.startswith("/zh-hans/")


def test_site_root_redirects_to_the_language_home(client, tree):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/"


def test_article_page_shows_byline_reading_time_and_structured_data(client, tree):
    work = tree["work"]
    content = client.get(work.url).content.decode()
    assert "测试作者" in content
    assert "阅读约 1 分钟" in content
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Article"
    assert data["headline"] == work.title
    assert data["author"]["name"] == "测试作者"
    assert data["inLanguage"] == "zh-Hans"
    assert data["datePublished"]
    assert data["image"].startswith("http://testserver/")


def test_structured_data_cannot_break_out_of_its_script(client, site_tree):
    work = factories.make_work(site_tree["works"], title="</script><script>alert(1)</script>")
    content = client.get(work.url).content.decode()
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    assert "<" not in ld
    assert json.loads(ld)["headline"] == work.title
    assert "<script>alert(1)" not in content


def test_reading_time_grows_with_the_text(site_tree):
    long_body = [{"type": "paragraph", "value": "<p>" + "草原生态保护需要科学的放牧管理。" * 200 + "</p>"}]
    work = factories.make_work(site_tree["works"], body=long_body)
    assert work.reading_minutes == round((len(work.title) + len(work.summary) + 16 * 200) / 400)


def test_corrections_show_at_the_top_of_the_work(client, tree):
    work = tree["work"]
    # A notice is part of the reviewed content: it reaches readers in a cleared revision.
    corrected = work.get_latest_revision_as_object()
    corrected.corrections.add(
        CorrectionNotice(date=datetime.date(2026, 3, 1), text="第二段中“结合能力”的表述已更正。")
    )
    factories.publish_imported(corrected)
    content = client.get(work.url).content.decode()
    assert content.index("更正说明") < content.index("一氧化碳为什么危险")
    assert "2026年3月1日" in content


def test_related_works_share_a_discipline_or_audience_and_are_public(client, tree):
    works = tree["works"]
    related = factories.make_work(works, title="识别保健品骗局", audiences=["elderly"])
    factories.make_work(works, title="流星雨观测指南", audiences=["youth"], disciplines=["astronomy"])
    draft = factories.make_work(works, title="未发布的草稿", audiences=["elderly"], publish=False)
    response = client.get(tree["work"].url)
    titles = [w.title for w in response.context["related_works"]]
    assert titles == [related.title]
    assert draft.title not in response.content.decode()


def test_footer_shows_the_icp_record(client, tree):
    from home.models import SiteSettings

    settings = SiteSettings.for_site(tree["home"].get_site())
    settings.icp_number = "蒙ICP备12345678号-1"
    settings.save()
    content = client.get(tree["home"].url).content.decode()
    assert "蒙ICP备12345678号-1" in content
    assert "https://beian.miit.gov.cn/" in content


def test_unknown_page_is_a_friendly_404(client, tree):
    response = client.get("/zh-hans/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_editor_creates_a_work_with_every_block_in_the_admin(client, tree, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pass-word-123")
    client.force_login(admin)
    image = factories.make_image("图")
    data = nested_form_data(
        {
            "title": "马铃薯晚疫病的识别与防治",
            "slug": "potato-late-blight",
            "summary": "晚疫病在阴雨天蔓延快,要早发现、早防治。",
            "form": "article",
            "creator_name": "测试作者",
            "creator_affiliation": "",
            "body": streamfield(
                [
                    ("heading", {"text": "怎样识别"}),
                    ("paragraph", rich_text("<p>叶片出现水浸状暗绿色病斑,潮湿时叶背有白色霉层。</p>")),
                    ("image", {"image": image.pk, "caption": "示意图", "source": ""}),
                    ("fact", {"title": "知识点", "text": rich_text("<p>晚疫病由致病疫霉引起。</p>")}),
                    ("quote", {"text": "预防为主,综合防治。", "attribution": "植保方针"}),
                    (
                        "qa",
                        {
                            "items": streamfield(
                                [
                                    (
                                        "item",
                                        {"question": "雨后要做什么?", "answer": rich_text("<p>巡田。</p>")},
                                    )
                                ]
                            )
                        },
                    ),
                    (
                        "references",
                        {
                            "items": streamfield(
                                [
                                    (
                                        "item",
                                        {
                                            "title": "马铃薯晚疫病防治技术",
                                            "authors": "",
                                            "publisher": "",
                                            "year": "2020",
                                            "url": "",
                                            "doi": "10.1000/xyz123",
                                        },
                                    )
                                ]
                            )
                        },
                    ),
                ]
            ),
            "corrections": inline_formset([]),
            "disciplines": [],
            "audiences": [],
            "regions": [],
            "campaign": "",
            "tags": "",
        }
    )
    response = client.post(f"/admin/pages/add/articles/articlepage/{tree['works'].pk}/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    work = ArticlePage.objects.get(slug="potato-late-blight")
    assert [block.block_type for block in work.get_latest_revision_as_object().body] == [
        "heading",
        "paragraph",
        "image",
        "fact",
        "quote",
        "qa",
        "references",
    ]


def test_every_block_declares_icon_description_and_preview():
    from articles.blocks import ArticleBodyBlock

    for name, block in ArticleBodyBlock().child_blocks.items():
        assert block.meta.icon and block.meta.icon != "placeholder", name
        assert block.meta.description, name
        assert block.meta.preview_value, name
        assert block.meta.template, name


def test_the_home_title_names_the_site_once(client, tree):
    home = tree["home"]
    title = re.search(r"<title>(.*?)</title>", client.get(home.url).content.decode()).group(1)
    assert title.count("内蒙古科普") == 1 and home.hero_title in title
    home.seo_title = "内蒙古科普 · 让科学走进千家万户"  # as the demo sets it
    home.save()
    title = re.search(r"<title>(.*?)</title>", client.get(home.url).content.decode()).group(1)
    assert title == "内蒙古科普 · 让科学走进千家万户"


def test_the_news_index_lists_the_newest_first(client, tree):
    from articles.models import NewsPage

    older = factories.make_news(tree["news"], title="较早的资讯")
    newer = factories.make_news(tree["news"], title="较新的资讯")
    NewsPage.objects.filter(pk=older.pk).update(first_published_at=factories.days_ago(30))
    NewsPage.objects.filter(pk=newer.pk).update(first_published_at=factories.days_ago(1))
    NewsPage.objects.filter(pk=tree["news_item"].pk).update(first_published_at=factories.days_ago(10))
    content = client.get(tree["news"].url).content.decode()
    positions = [content.index(title) for title in ("较新的资讯", tree["news_item"].title, "较早的资讯")]
    assert positions == sorted(positions)


def test_dates_read_the_chinese_way_on_home_and_search(client, tree):
    from articles.models import NewsPage

    NewsPage.objects.filter(pk=tree["news_item"].pk).update(
        first_published_at=datetime.datetime(2026, 5, 12, 9, tzinfo=datetime.UTC)
    )
    ArticlePage.objects.filter(pk=tree["work"].pk).update(
        first_published_at=datetime.datetime(2026, 5, 12, 9, tzinfo=datetime.UTC)
    )
    home = client.get(tree["home"].url).content.decode()
    assert "2026年5月12日" in home and "2026-05-12<" not in home
    search = client.get("/zh-hans/search/", {"q": "一氧化碳"}).content.decode()
    assert "2026年5月12日" in search and "2026-05-12<" not in search


def crawlable(robots_txt, path):
    """Whether a crawler may fetch `path`, by RFC 9309 as Google and Baidu apply it: of the rules that
    match (`*` any characters, `$` the end), the longest wins, and Allow wins a tie."""
    best = (-1, True)
    for line in robots_txt.splitlines():
        field, _colon, pattern = line.partition(":")
        field, pattern = field.strip().lower(), pattern.strip()
        if field not in ("allow", "disallow") or not pattern:
            continue
        regex = "".join(".*" if c == "*" else "$" if c == "$" else re.escape(c) for c in pattern)
        if re.match(regex, path):
            best = max(best, (len(pattern), field == "allow"))
    return best[1]


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_parts(client, tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml\n" in text
    assert client.get("/sitemap.xml").status_code == 200
    assert "Disallow: /\n" not in text  # the public pages stay open
    public = [
        *(tree[key].url for key in ("home", "works", "work", "news_item", "topic", "about")),
        tree["works"].url + "?page=2",
        "/zh-hans/feeds/works.rss",
        "/zh-hans/feeds/audience/elderly.atom",
        "/zh-hans/leaflets/123/",
        "/sitemap.xml",
    ]
    assert [path for path in public if not crawlable(text, path)] == []
    private = [
        "/admin/",
        "/admin/pages/",
        "/api/v1/works/",
        "/documents/1/video.mp4",
        "/zh-hans/creators/",
        "/zh-hans/creators/login/",
        "/zh-hans/search/?q=一氧化碳",
        "/zh-hans/search/api/?q=x",
        "/zh-hans/report/12/",
        "/zh-hans/digest/subscribe/",
        # Filtered listings: thousands of combinations of the same works.
        tree["works"].url + "?audience=elderly",
        tree["works"].url + "?page=2&region=150100",
        tree["topic"].url + "?discipline=safety&form=video",
    ]
    assert [path for path in private if crawlable(text, path)] == []


def test_a_video_work_opens_with_its_poster_not_the_cover_as_well(client, site_tree):
    cover, poster = factories.make_image("封面"), factories.make_image("封面帧")
    video = {
        "type": "video",
        "value": {"poster": poster.pk, "caption": "演示", "transcript": "<p>旁白。</p>"},
    }
    with_poster = factories.make_work(
        site_tree["works"], "视频作品", form="video", cover_image=cover, body=[video, *factories.BODY]
    )
    article = factories.make_work(site_tree["works"], "图文作品", cover_image=cover)

    html = client.get(with_poster.url).content.decode()
    assert 'class="work__cover"' not in html
    assert "视频文字稿" in html
    assert 'class="work__cover"' in client.get(article.url).content.decode()
