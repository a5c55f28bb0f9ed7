"""Page types for science works (科普作品) and news (科普资讯), and their indexes."""

import re

from django import forms
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.url_routing import RouteResult

from articles.blocks import ArticleBodyBlock
from pages.blocks import BasicBodyBlock, images_in
from pages.indexing import indexed
from pages.models import BasePage
from pages.reviewed import ReviewedPageMixin, ReviewedSectionMixin, review_gate

from .taxonomy import WorkForm

# A reader of Chinese prose takes in about 400 characters a minute.
CHARACTERS_PER_MINUTE = 400
_WHITESPACE = re.compile(r"\s+")


# Raw-data keys that hold addresses or identifiers, not reading matter.
_NON_TEXT_KEYS = {"url", "doi", "image", "video", "audio", "poster", "type", "id"}


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _NON_TEXT_KEYS:
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def body_text(stream_value):
    """The visible text of a StreamField value, read from its raw data (no rendering, no queries)."""
    text = " ".join(_strings([block.get("value") for block in stream_value.raw_data]))
    return _WHITESPACE.sub(" ", strip_tags(text)).strip()


class IndexPage(ReviewedSectionMixin, BasePage):
    """Common shape of the works and news indexes: an intro and a paginated listing."""

    intro = models.TextField(_("导语"), blank=True)
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True


class ArticleIndexPage(IndexPage):
    subpage_types = ["articles.ArticlePage"]

    class Meta:
        verbose_name = _("科普作品栏目")

    def route(self, request, path_components):
        # Works are leaves: fetch the specific page and its cover in one query instead of three.
        if len(path_components) == 1 and self.live:
            work = (
                ArticlePage.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related("cover_image")
                .first()
            )
            if work is None:
                raise Http404
            if not work.live:
                # A retracted work keeps its URL, which says so with status 410 Gone.
                if (case := review_gate().retraction_of(work)) is not None:
                    return RouteResult(work, kwargs={"retraction": case})
                raise Http404
            return work.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from articles import listings

        context = super().get_context(request, *args, **kwargs)
        context.update(listings.filtered_works(request, listings.public_works().child_of(self)))
        return context


class NewsIndexPage(IndexPage):
    subpage_types = ["articles.NewsPage"]

    class Meta:
        verbose_name = _("科普资讯栏目")

    def get_context(self, request, *args, **kwargs):
        from articles import listings

        context = super().get_context(request, *args, **kwargs)
        news = listings.cards(listings.public_news().child_of(self)).order_by("-first_published_at", "-pk")
        context["page_obj"] = listings.paginate(request, news)
        return context


class ClassifiedPage(ReviewedPageMixin, BasePage):
    """Fields a work and a news item share: summary, cover and the four taxonomies."""

    summary = models.TextField(_("摘要"), max_length=300, help_text=_("一两句话说明这篇讲什么,最多 300 字。"))
    cover_image = models.ForeignKey(
        "media.PortalImage",
        verbose_name=_("封面图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    disciplines = ParentalManyToManyField("articles.Discipline", verbose_name=_("学科"), blank=True)
    audiences = ParentalManyToManyField("articles.Audience", verbose_name=_("重点人群"), blank=True)
    regions = ParentalManyToManyField(
        "articles.Region", verbose_name=_("地区"), blank=True, help_text=_("与内容相关的盟市或旗县区。")
    )
    campaign = models.ForeignKey(
        "articles.Campaign",
        verbose_name=_("品牌活动"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    classification_panels = [
        MultiFieldPanel(
            [
                FieldPanel("disciplines", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("regions"),
                FieldPanel("campaign"),
                FieldPanel("tags"),
            ],
            heading=_("分类"),
        )
    ]
    search_fields = indexed(
        [
            *BasePage.search_fields,
            index.SearchField("summary"),
            # Title and summary say what a work is about: the engine ranks on them (search/engines).
            index.AutocompleteField("summary"),
            index.SearchField("classification_names"),
            index.FilterField("campaign"),
        ]
    )

    class Meta:
        abstract = True

    def classification_names(self):
        """Names of the work's disciplines, audiences, regions (with their league) and tags: a
        county's name finds the works about it even when the text never names it."""
        names = [
            *(discipline.name for discipline in self.disciplines.all()),
            *(audience.name for audience in self.audiences.all()),
            *(tag.name for tag in self.tags.all()),
        ]
        for region in self.regions.all():
            names.append(region.name)
            if region.level == region.Level.COUNTY and region.parent is not None:
                names.append(region.parent.name)
        return " ".join(dict.fromkeys(names))

    @cached_property
    def reading_minutes(self):
        characters = len(self.title) + len(self.summary) + len(body_text(self.body).replace(" ", ""))
        return max(1, round(characters / CHARACTERS_PER_MINUTE))


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(ClassifiedPage):
    """A science work: 图文, 视频, 音频, 漫画 or 图解."""

    form = models.CharField(_("作品形式"), max_length=20, choices=WorkForm.choices, default=WorkForm.ARTICLE)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("正文"))
    tags = ClusterTaggableManager(through=ArticlePageTag, verbose_name=_("标签"), blank=True)
    creator_name = models.CharField(_("作者"), max_length=100)
    creator_affiliation = models.CharField(_("作者单位"), max_length=200, blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("form"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [FieldPanel("creator_name"), FieldPanel("creator_affiliation")], heading=_("作者署名")
        ),
        FieldPanel("body"),
        *ClassifiedPage.classification_panels,
        InlinePanel("corrections", label=_("更正说明")),
    ]
    search_fields = indexed(
        [
            *ClassifiedPage.search_fields,
            index.SearchField("body"),
            index.SearchField("creator_name"),
            index.FilterField("form"),
        ]
    )

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("科普作品")
        verbose_name_plural = _("科普作品")

    def serve(self, request, *args, retraction=None, **kwargs):
        if retraction is not None:
            context = {"page": self, "retraction": retraction}
            return TemplateResponse(request, "articles/retracted.html", context, status=410)
        return super().serve(request, *args, **kwargs)

    @property
    def opens_with_poster(self):
        """A video work whose body opens with the video's own poster frame: the cover would show
        the same work twice at the top."""
        first = self.body[0] if len(self.body) else None
        return bool(first and first.block_type == "video" and first.value.get("poster"))

    @property
    def section_url(self):
        """The URL of the works index holding this work, read off the work's own URL (no query)."""
        url = self.url or ""
        return url[: url.rstrip("/").rfind("/") + 1]

    def get_context(self, request, *args, **kwargs):
        from articles import listings

        context = super().get_context(request, *args, **kwargs)
        classification = listings.classification(self)
        related = listings.related_works(self, classification["disciplines"], classification["audiences"])
        listings.with_cards(related, extra_images=[self.cover_image, *images_in(self.body)])
        context.update(
            classification,
            corrections=list(self.corrections.all()),
            related_works=related,
        )
        return context


class CorrectionNotice(Orderable):
    """A dated correction shown at the top of a published work and kept with it."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="corrections")
    date = models.DateField(_("更正日期"))
    text = models.TextField(_("更正内容"))

    panels = [FieldPanel("date"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("更正说明")
        verbose_name_plural = _("更正说明")

    def __str__(self):
        return f"{self.date}: {self.text[:30]}"


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("articles.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPage(ClassifiedPage):
    body = StreamField(BasicBodyBlock(), verbose_name=_("正文"))
    tags = ClusterTaggableManager(through=NewsPageTag, verbose_name=_("标签"), blank=True)
    source = models.CharField(_("信息来源"), max_length=255, blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        FieldPanel("source"),
        *ClassifiedPage.classification_panels,
    ]
    search_fields = indexed([*ClassifiedPage.search_fields, index.SearchField("body")])

    parent_page_types = ["articles.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("科普资讯")
        verbose_name_plural = _("科普资讯")


class TopicPage(BasePage):
    """An audience column (青少年科普, 农牧民科普 …): works for one key audience, plus guidance."""

    audience = models.OneToOneField(
        "articles.Audience", verbose_name=_("重点人群"), on_delete=models.PROTECT, related_name="topic_page"
    )
    intro = models.TextField(_("导语"), blank=True)
    body = StreamField(BasicBodyBlock(), verbose_name=_("栏目说明"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("audience"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("人群专栏")
        verbose_name_plural = _("人群专栏")

    def get_context(self, request, *args, **kwargs):
        from articles import listings

        context = super().get_context(request, *args, **kwargs)
        works = listings.for_audience(listings.public_works(), self.audience_id)
        context.update(listings.filtered_works(request, works, fixed={"audience"}))
        return context
