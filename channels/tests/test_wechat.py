"""The WeChat export: what the zip holds (WeChat's tags, inline styles only, pictures sized for it,
the credits and the original link), who may make it, and that only a published work is exported."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from django.core.cache import cache
from django.urls import reverse

from articles.blocks import ArticleBodyBlock
from channels import credit
from channels.models import Channel, Delivery
from channels.wechat import export, html
from review.models import Stage
from review.tests.conftest import build_cast
from review.tests.scenario import advance_to, publish_through_review
from tests import factories

from .exports import download, meta_of, publish_full_work, retract, unzip

pytestmark = pytest.mark.django_db

TEXT_TAGS_WITHOUT_STYLE = {"br"}


@pytest.fixture
def cast(site_tree):
    return build_cast(site_tree)


@pytest.fixture
def published(cast):
    cache.clear()
    return publish_full_work(cast)


@pytest.fixture
def package(client, cast, published):
    client.force_login(cast["editor"])
    return unzip(download(client, published))


def article_soup(files):
    text = files["article.html"].decode("utf-8")
    assert text.startswith(export.BOM)  # read as UTF-8 when opened from disk
    return BeautifulSoup(text.lstrip(export.BOM), "html.parser")


def declarations(style):
    """The style attribute as {property: value}; fails on anything that does not parse."""
    found = {}
    for part in filter(None, (p.strip() for p in style.split(";"))):
        prop, sep, value = part.partition(":")
        assert sep and prop.strip() and value.strip(), f"unparsable declaration {part!r}"
        found[prop.strip().lower()] = value.strip()
    return found


def test_the_article_has_only_wechat_tags_and_every_rule_inline(package):
    soup = article_soup(package)
    elements = soup.find_all(True)
    assert len(elements) > 40
    for element in elements:
        assert element.name in html.ALLOWED_TAGS, element.name
        allowed = {"style"} | {"img": {"src", "alt"}, "a": {"href"}}.get(element.name, set())
        assert set(element.attrs) <= allowed, (element.name, element.attrs)
        if element.name in TEXT_TAGS_WITHOUT_STYLE:
            continue
        style = declarations(element.get("style", ""))
        assert style, f"<{element.name}> has no inline style"
        assert set(style) <= html.ALLOWED_STYLE_PROPERTIES, set(style) - html.ALLOWED_STYLE_PROPERTIES
        assert not any("url(" in value for value in style.values())
    raw = package["article.html"].decode("utf-8")
    assert "class=" not in raw and " id=" not in raw and "<figure" not in raw and "<video" not in raw


def test_the_article_opens_with_the_creator_and_ends_with_reviewers_and_the_original_link(package, published):
    soup = article_soup(package)
    paragraphs = [p.get_text() for p in soup.find_all("p")]
    assert paragraphs[0] == "作者：测试作者（呼和浩特市应急科普工作室）"
    published.refresh_from_db()
    credit_line = credit.credit_line(published.review_credit)
    assert credit_line.startswith("科学性审核：expert_a（研究员，内蒙古农业大学(测试)）")
    url = meta_of(package)["content_source_url"]
    assert url == "http://localhost" + published.url
    assert paragraphs[-1] == f"原文链接：{url}"
    assert credit_line in paragraphs[-3:]


def test_every_block_is_written_for_wechat(package):
    assert set(ArticleBodyBlock().child_blocks) == set(html.BLOCK_WRITERS)
    soup = article_soup(package)
    text = soup.get_text()
    # Links leave the body (WeChat strips them) as numbered notes listed at the end.
    assert "国家卫生健康委员会[1]" in text and "科普作品[2]" in text
    assert "[1] https://www.nhc.gov.cn/" in text and "[2] http://localhost/zh-hans/works/" in text
    assert soup.find("a") is None
    fact = next(s for s in soup.find_all("section") if s.get_text().startswith("知识点"))
    assert "background-color" in declarations(fact["style"])
    assert "问：开一条窗缝就安全了吗？" in text and "答：不一定。" in text
    assert "视频请到原文观看" in text and "视频文字稿" in text and "睡前要检查炉火和烟道" in text
    assert "音频请到原文收听" in text and "冬季取暖要防煤气中毒" in text
    assert "中华医学会. 一氧化碳中毒临床治疗指南. 示例出版社, 2024. DOI: 10.1000/xyz123" in text
    assert "—— 急诊科医生" in text and soup.find("blockquote").find("br") is not None
    # Pictures: the photo, the diagram and the video's poster, each a file of the zip.
    sources = [img["src"] for img in soup.find_all("img")]
    assert sources == ["images/01.jpg", "images/02.png", "images/03.jpg"]
    assert all(source in package for source in sources)
    assert "煤炉与烟道 来源：测试" in text


def test_pictures_are_jpeg_or_png_at_most_1080_wide_and_under_2_mb(package):
    pictures = {name: data for name, data in package.items() if name.startswith("images/")}
    assert len(pictures) == 3
    for name, data in pictures.items():
        picture = Image.open(io.BytesIO(data))
        assert picture.format == ("PNG" if name.endswith(".png") else "JPEG"), name
        assert picture.width <= 1080 and len(data) < 2 * 1024 * 1024, name
    photo = Image.open(io.BytesIO(pictures["images/01.jpg"]))
    assert photo.size == (1080, 720)  # 2400×1600 scaled down
    cover = Image.open(io.BytesIO(package["cover.jpg"]))
    square = Image.open(io.BytesIO(package["cover-square.jpg"]))
    assert (cover.format, cover.size) == ("JPEG", (900, 383))
    assert square.format == "JPEG" and square.width == square.height >= 300


def test_meta_digest_and_readme(package, published):
    meta = meta_of(package)
    published.refresh_from_db()
    assert meta["title"] == published.title and meta["author"] == "测试作者"
    assert meta["revision_id"] == published.live_revision_id and meta["page_id"] == published.pk
    assert meta["review_credit"] == credit.credit_line(published.review_credit)
    assert [r["name"] for r in meta["reviewers"]] == ["expert_a", "expert_b"]
    assert meta["corrections"] == [] and meta["generated_at"]
    assert package["digest.txt"].decode() == published.summary == meta["digest"]
    readme = package["README.txt"].decode()
    assert "article.html" in readme and meta["content_source_url"] in readme and "阅读原文" in readme
    assert "经初审、科学性审核和终审后发布" in readme
    assert set(package) >= {"README.txt", "article.html", "digest.txt", "meta.json", "cover.jpg"}


def test_long_titles_and_summaries_are_cut_to_wechats_limits(cast):
    work = cast["work"]
    work.title = "冬季取暖防范一氧化碳中毒" * 6  # 72 characters
    work.summary = "煤炉取暖一定要通风，并安装一氧化碳报警器。" * 7  # 147 characters
    work.save_revision(user=cast["creator"])
    publish_through_review(cast, work)
    package = export.build(work, url="https://kepu.example.cn/w/1/")
    assert len(package.meta["title"]) == export.TITLE_MAX and package.meta["title"].endswith("…")
    assert package.meta["full_title"] == work.title
    assert len(package.files["digest.txt"].decode()) == export.DIGEST_MAX
    # No picture at all: a plain cover of WeChat's size all the same.
    cover = Image.open(io.BytesIO(package.files["cover.jpg"]))
    assert cover.size == (900, 383) and package.meta["cover_from_picture"] is False


def test_sanitize_keeps_only_wechats_tags_attributes_and_plain_styles():
    dirty = (
        '<section class="x" id="y" onclick="alert(1)" style="color:red;position:fixed;'
        'background-color:url(javascript:alert(1))"><script>alert(1)</script><iframe src="https://e.x"></iframe>'
        '<div style="margin:0">文字</div><img src="images/01.jpg" width="900" alt="图"></section>'
    )
    # A style with anything that could fetch or run is dropped whole.
    assert html.sanitize(dirty) == '<section>文字<img src="images/01.jpg" alt="图"></section>'
    assert (
        html.sanitize('<p style="color:red;position:fixed;float:left">字</p>')
        == '<p style="color:red">字</p>'
    )


@pytest.mark.parametrize("state", ["draft", "in review", "retracted"])
def test_only_a_published_work_is_exported(client, cast, state):
    work = cast["work"]
    if state == "in review":
        advance_to(cast, Stage.EXPERT)
    elif state == "retracted":
        work = retract(cast, publish_full_work(cast))
        assert not work.live
    client.force_login(cast["editor"])
    # (Django's LocaleMiddleware first redirects any 404 to the language-prefixed path, a 404 too.)
    response = client.get(reverse("channels_admin:wechat_export", args=[work.pk]), follow=True)
    assert response.status_code == 404
    response = client.post(reverse("channels_admin:wechat_download", args=[work.pk]), follow=True)
    assert response.status_code == 404 and response["Content-Type"] != "application/zip"
    assert not Delivery.objects.exists()


def test_only_those_who_may_edit_the_work_export_it(client, cast, published):
    preview_url = reverse("channels_admin:wechat_export", args=[published.pk])
    client.force_login(cast["expert_a"])  # in the admin, no right to edit pages
    assert client.get(preview_url).status_code == 403
    assert download(client, published).status_code == 403
    client.force_login(cast["creator"])  # not in the admin at all: sent to the admin's login
    response = download(client, published)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Delivery.objects.exists()
    client.force_login(cast["editor"])
    assert client.get(preview_url).status_code == 200
    unzip(download(client, published))
    delivery = Delivery.objects.get()
    assert (delivery.channel, delivery.made_by, delivery.page_id) == (
        Channel.WECHAT,
        cast["editor"],
        published.pk,
    )
    assert delivery.recipient == f"wechat-{published.pk}-r{published.live_revision_id}.zip"
    assert "article.html" in delivery.detail["files"] and delivery.revision_id == published.live_revision_id


def test_the_preview_is_a_phone_and_loads_nothing_from_elsewhere(client, cast, published):
    client.force_login(cast["editor"])
    response = client.get(reverse("channels_admin:wechat_export", args=[published.pk]))
    content = response.content.decode()
    soup = BeautifulSoup(content, "html.parser")
    phone = soup.select_one(".wechat-phone")
    assert phone.select_one(".wechat-article__title").get_text() == published.title
    assert "国家卫生健康委员会[1]" in phone.get_text() and "视频请到原文观看" in phone.get_text()
    images = phone.find_all("img")
    assert len(images) == 3 and all(img["src"].startswith("data:image/") for img in images)
    loaded = [
        tag.get("src") for tag in soup.find_all(["img", "script", "iframe", "video", "audio", "source"])
    ]
    loaded += [tag.get("href") for tag in soup.find_all("link")]
    external = [url for url in loaded if url and re.match(r"^(https?:)?//", url)]
    assert not external, external
    assert "下载 ZIP" in content and reverse("channels_admin:wechat_download", args=[published.pk]) in content


def test_a_live_work_offers_the_export_to_its_editors_only(client, cast, published):
    edit_url = reverse("wagtailadmin_pages:edit", args=[published.pk])
    export_url = reverse("channels_admin:wechat_export", args=[published.pk])
    client.force_login(cast["editor"])
    edit_page = client.get(edit_url).content.decode()
    assert export_url in edit_page and reverse("channels_admin:leaflet", args=[published.pk]) in edit_page
    listing = client.get(reverse("wagtailadmin_explore", args=[cast["works"].pk])).content.decode()
    assert export_url in listing
    draft = factories.make_work(cast["works"], "尚未审核的草稿", publish=False, owner=cast["creator"])
    assert (
        reverse("channels_admin:wechat_export", args=[draft.pk])
        not in client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    )
