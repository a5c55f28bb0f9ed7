"""What every page type shares: one abstract base page built from small field mixins (listing and
sharing fields written once)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class ListingFieldsMixin(models.Model):
    """How a page looks in listings and cards."""

    listing_title = models.CharField(
        _("列表标题"),
        max_length=120,
        blank=True,
        help_text=_("列表和卡片中显示的较短标题,留空则用页面标题。"),
    )
    listing_summary = models.CharField(
        _("列表摘要"), max_length=255, blank=True, help_text=_("列表和卡片中显示的一两句话。")
    )
    listing_image = models.ForeignKey(
        "media.PortalImage",
        verbose_name=_("列表图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("listing_title"), FieldPanel("listing_summary"), FieldPanel("listing_image")],
            heading=_("列表展示"),
        )
    ]

    class Meta:
        abstract = True


class SocialFieldsMixin(models.Model):
    """How a page looks when shared (WeChat, Weibo and Open Graph readers)."""

    social_image = models.ForeignKey(
        "media.PortalImage",
        verbose_name=_("分享图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    social_text = models.CharField(_("分享描述"), max_length=255, blank=True)

    panels = [MultiFieldPanel([FieldPanel("social_image"), FieldPanel("social_text")], heading=_("分享"))]

    class Meta:
        abstract = True


class BasePage(ListingFieldsMixin, SocialFieldsMixin, Page):
    """Every page type of the portal derives from this."""

    promote_panels = [
        *Page.promote_panels,
        *ListingFieldsMixin.panels,
        *SocialFieldsMixin.panels,
    ]

    class Meta:
        abstract = True

    @property
    def card_title(self):
        return self.listing_title or self.title

    @property
    def card_summary(self):
        return self.listing_summary or getattr(self, "summary", "") or self.search_description

    @property
    def card_image(self):
        return self.listing_image or getattr(self, "cover_image", None)

    @property
    def share_text(self):
        return self.social_text or self.search_description or self.card_summary
