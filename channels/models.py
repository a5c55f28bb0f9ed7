"""The delivery log: every hand-off of a reviewed work to a channel that pushes it out.

A row says what left (the page, the exact revision and its title then), through which channel,
when, by whose hand and to whom or where. A hand-off is stale once the work's live revision is no
longer the one handed off — a correction publishes a new revision, a retraction unpublishes the
work — so the admin can tell which WeChat posts and printed leaflets must be replaced.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    DIGEST = "digest", _("邮件周报")
    WECHAT = "wechat", _("微信公众号导出")
    LEAFLET = "leaflet", _("打印传单")


class DeliveryQuerySet(models.QuerySet):
    def with_staleness(self):
        """Annotate `stale`: the work is no longer live at the revision that was handed off."""
        from wagtail.models import Page

        current = Page.objects.filter(
            pk=OuterRef("page_id"), live=True, live_revision_id=OuterRef("revision_id")
        )
        return self.annotate(current=Exists(current)).annotate(
            stale=models.ExpressionWrapper(~Q(current=True), output_field=models.BooleanField())
        )

    def stale(self):
        return self.with_staleness().filter(current=False)

    def latest_first(self):
        return self.order_by(F("made_at").desc(), F("pk").desc())


class Delivery(models.Model):
    channel = models.CharField(_("渠道"), max_length=12, choices=Channel.choices, db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("作品"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("版本"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("标题"), max_length=255)
    made_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipient = models.CharField(_("发往"), max_length=255, help_text=_("收件人邮箱、导出文件名或纸张规格。"))
    detail = models.JSONField(_("详情"), default=dict, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("分发记录")
        verbose_name_plural = _("分发记录")
        ordering = ["-made_at", "-pk"]
        indexes = [models.Index(fields=["page", "channel"])]

    def __str__(self):
        return f"{self.get_channel_display()}: {self.title} → {self.recipient}"

    @classmethod
    def of(cls, channel, page, *, recipient, made_by=None, **detail):
        """One hand-off of `page` as it is live now, not yet saved (many go in one bulk_create)."""
        return cls(
            channel=channel,
            page=page,
            revision_id=page.live_revision_id,
            title=str(page.title)[:255],
            made_by=made_by if made_by is not None and made_by.is_authenticated else None,
            recipient=str(recipient)[:255],
            detail=detail,
        )

    @classmethod
    def record(cls, channel, page, *, recipient, made_by=None, **detail):
        """Log one hand-off of `page` as it is live now."""
        delivery = cls.of(channel, page, recipient=recipient, made_by=made_by, **detail)
        delivery.save()
        return delivery
