"""The home page and plain content pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from articles import listings
from outreach.events import upcoming
from pages.blocks import BasicBodyBlock
from pages.models import BasePage


class HomePage(BasePage):
    hero_title = models.CharField(_("主标题"), max_length=120, default="让科学走进千家万户")
    hero_text = models.TextField(_("导语"), blank=True)
    current_campaign = models.ForeignKey(
        "articles.Campaign",
        verbose_name=_("当前品牌活动"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        InlinePanel("featured_works", label=_("推荐作品"), max_num=6),
        FieldPanel("current_campaign"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        featured = listings.featured(self.featured_works.values_list("work_id", flat=True))
        latest_works = listings.latest_works(exclude=[work.pk for work in featured], limit=6)
        latest_news = listings.latest_news(limit=5)
        listings.with_cards([*featured, *latest_works, *latest_news])
        context.update(
            featured_works=featured,
            latest_works=latest_works,
            latest_news=latest_news,
            topics=listings.topic_pages(),
            upcoming_events=upcoming.upcoming(locale=self.locale, limit=4),  # 近期活动
            events_index_url=upcoming.index_url(locale=self.locale),
        )
        return context


class HomeFeaturedWork(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_works")
    work = models.ForeignKey(
        "articles.ArticlePage", verbose_name=_("作品"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("work")]

    class Meta(Orderable.Meta):
        verbose_name = _("推荐作品")


class StandardPage(BasePage):
    """关于, 政策法规, 投稿须知, 隐私政策 …"""

    intro = models.TextField(_("导语"), blank=True)
    body = StreamField(BasicBodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("普通页面")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A page under this one is reached from here, or from nowhere.
        context["subpages"] = self.get_children().live().public().specific()
        return context
