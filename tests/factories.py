"""Builders for test data: users, a site tree, works and news with real (short) science text."""

import datetime
import io
import itertools

import factory
from PIL import Image as PILImage

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from articles.models import (
    ArticleIndexPage,
    ArticlePage,
    Audience,
    Discipline,
    NewsIndexPage,
    NewsPage,
    Region,
    TopicPage,
)
from home.models import HomePage, StandardPage
from review.decisions import clear_import

_slugs = itertools.count(1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("pass-word-123")


def make_image(title="测试图片", size=(64, 48), colour=(90, 140, 80)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="JPEG")
    image = get_image_model()(
        title=title, description=f"{title}的替代文本", source="测试", file=ImageFile(buffer, name="test.jpg")
    )
    image.save()
    return image


def make_document(title="测试视频"):
    """A small file in the document library (the body's video block plays documents)."""
    document = get_document_model()(
        title=title, source="测试", file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="test.mp4")
    )
    document.save()
    return document


def make_site():
    """Home page with the works and news indexes, set as the default site's root."""
    root = Page.get_first_root_node()
    home = HomePage(title="内蒙古科普", slug="test-home", locale=Locale.get_default())
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    works = home.add_child(instance=ArticleIndexPage(title="科普作品", slug="works", show_in_menus=True))
    news = home.add_child(instance=NewsIndexPage(title="科普资讯", slug="news", show_in_menus=True))
    return home, works, news


BODY = [
    {"type": "heading", "value": {"text": "一氧化碳为什么危险"}},
    {
        "type": "paragraph",
        "value": "<p>一氧化碳无色无味,与血红蛋白结合的能力远强于氧气,会让身体缺氧。</p>",
    },
    {
        "type": "fact",
        "value": {"title": "知识点", "text": "<p>使用煤炉时要保持烟道畅通,并安装一氧化碳报警器。</p>"},
    },
]


def make_work(
    parent,
    title="冬季取暖防范一氧化碳中毒",
    *,
    disciplines=(),
    audiences=(),
    regions=(),
    form="article",
    publish=True,
    published_at=None,
    **fields,
):
    page = ArticlePage(
        title=title,
        slug=f"work-{next(_slugs)}",
        summary=fields.pop("summary", "煤炉取暖要通风,安装报警器。"),
        form=form,
        body=fields.pop("body", BODY),
        creator_name=fields.pop("creator_name", "测试作者"),
        creator_affiliation=fields.pop("creator_affiliation", "测试单位(演示)"),
        **fields,
    )
    page.disciplines.set(Discipline.objects.filter(code__in=disciplines))
    page.audiences.set(Audience.objects.filter(code__in=audiences))
    page.regions.set(Region.objects.filter(code__in=regions))
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        clear_import(revision, "测试数据")
        revision.publish()
        if published_at:
            ArticlePage.objects.filter(pk=page.pk).update(first_published_at=published_at)
    # Publishing changed the stored page, not this instance (a new reviewed page starts as a draft).
    page.refresh_from_db()
    return page


def make_illustrated_work(parent, title="冬季取暖防范一氧化碳中毒", **fields):
    """A live work with a cover and a picture in its body (both shown to readers)."""
    cover, figure = make_image("封面"), make_image("插图")
    body = [*BODY, {"type": "image", "value": {"image": figure.pk, "caption": "煤炉与烟道", "source": ""}}]
    return make_work(parent, title, cover_image=cover, body=body, **fields)


def make_news(parent, title="全国科技活动周每年5月举办", **fields):
    page = NewsPage(
        title=title,
        slug=f"news-{next(_slugs)}",
        summary=fields.pop("summary", "全国科技活动周于每年5月举办。"),
        body=fields.pop("body", BODY[:2]),
        **fields,
    )
    parent.add_child(instance=page)
    revision = page.save_revision()
    clear_import(revision, "测试数据")
    revision.publish()
    page.refresh_from_db()
    return page


def make_topic(home, audience_code="elderly", title="老年人健康与防诈骗"):
    page = TopicPage(
        title=title, slug=f"topic-{audience_code}", audience=Audience.objects.get(code=audience_code)
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_standard(parent, title="关于本站", **fields):
    page = StandardPage(title=title, slug=f"page-{next(_slugs)}", intro="本站介绍。", body=BODY[:2], **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def publish_imported(page):
    """Publish a test page's latest state as imported content (reviewed pages need a clearance)."""
    revision = page.save_revision()
    clear_import(revision, "测试数据")
    revision.publish()
    return revision


def days_ago(days):
    return datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=days)


def make_translation(page, language="mn", *, publish=True, **fields):
    """`page`'s version in `language` as Wagtail's Translate action makes it (copy_for_translation: a
    draft copy under the parent's translation), its parents translated first the same way; then
    `fields` (title, summary, body …) replace the copied text. With `publish`, published as imported
    content (a reviewed type gets an import clearance for its own text, not the source's)."""
    from wagtail.actions.copy_for_translation import CopyPageForTranslationAction

    locale = Locale.objects.get(language_code=language)
    parent = page.get_parent().specific
    if not parent.is_root() and not parent.has_translation(locale):
        make_translation(parent, language, publish=publish)
    translation = CopyPageForTranslationAction(page.specific, locale).execute(skip_permission_checks=True)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    if fields:
        translation.save()
    revision = translation.save_revision()
    if publish:
        if hasattr(translation, "review_credit"):
            clear_import(revision, "测试数据")
        revision.publish()
    translation.refresh_from_db()
    return translation
