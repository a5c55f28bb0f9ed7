"""Subscribers of the weekly digest, the weekly issues, and one delivery row per issue and subscriber.

A delivery row is claimed (committed) before its e-mail is handed to the mail server and marked sent
after: the unique (issue, subscriber) pair is what keeps a rerun from sending twice (sending.py).
"""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import period


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        """Confirmed and not unsubscribed: the people a digest goes to."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscriber(models.Model):
    email = models.EmailField(_("电子邮箱"), max_length=254)
    audiences = models.ManyToManyField(
        "articles.Audience",
        verbose_name=_("重点人群"),
        blank=True,
        related_name="+",
        help_text=_("不选表示全部。"),
    )
    disciplines = models.ManyToManyField(
        "articles.Discipline",
        verbose_name=_("学科"),
        blank=True,
        related_name="+",
        help_text=_("不选表示全部；选上级学科即包括其下各分支。"),
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("退订时间"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("周报订阅者")
        verbose_name_plural = _("周报订阅者")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(Lower("email"), name="digest_subscriber_email_unique")]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None

    def status(self):
        if self.unsubscribed_at is not None:
            return _("已退订")
        if self.confirmed_at is None:
            return _("待确认")
        return _("订阅中")

    status.short_description = _("状态")

    def confirm(self, audiences, disciplines, *, requested_at=None):
        """Start (or renew) the subscription with these preferences. A confirmation requested before
        the latest unsubscribe does not undo it: returns False and changes nothing."""
        if requested_at and self.unsubscribed_at and self.unsubscribed_at > requested_at:
            return False
        now = timezone.now()
        if not self.is_active:
            self.confirmed_at, self.unsubscribed_at = now, None
            self.save(update_fields=["confirmed_at", "unsubscribed_at"])
        self.set_preferences(audiences, disciplines)
        return True

    def set_preferences(self, audiences, disciplines):
        self.audiences.set(audiences)
        self.disciplines.set(disciplines)

    def unsubscribe(self):
        if self.unsubscribed_at is None:
            self.unsubscribed_at = timezone.now()
            self.save(update_fields=["unsubscribed_at"])


def normalize_email(email):
    """One spelling per address: mailbox names are case-insensitive at every provider readers use."""
    return (email or "").strip().lower()


class DigestIssue(models.Model):
    """One week's digest: Monday 00:00 to the next Monday 00:00, local time (settings.TIME_ZONE)."""

    week_start = models.DateField(_("周一日期"), unique=True)
    created_at = models.DateTimeField(_("首次发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("周报期次")
        verbose_name_plural = _("周报期次")
        ordering = ["-week_start"]

    def __str__(self):
        return f"{self.week.label}（{self.week.dates}）"

    @property
    def week(self):
        return period.Week(self.week_start)


class DigestDelivery(models.Model):
    """One subscriber's copy of one issue. Claimed before the e-mail leaves, marked sent after; a row
    claimed but never marked sent is uncertain (the process stopped in between) and is not resent."""

    issue = models.ForeignKey(
        DigestIssue, verbose_name=_("期次"), on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("订阅者"), on_delete=models.CASCADE, related_name="deliveries"
    )
    claimed_at = models.DateTimeField(_("开始发送"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送完成"), null=True, blank=True)
    works = models.JSONField(
        _("所含作品"),
        default=list,
        blank=True,
        help_text=_("[{page, revision, section}]：每篇作品及其版本。"),
    )
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        verbose_name = _("周报投递")
        verbose_name_plural = _("周报投递")
        ordering = ["-claimed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="digest_one_delivery_per_issue")
        ]

    def __str__(self):
        return f"{self.issue.week.label} → {self.subscriber.email}"

    @property
    def is_uncertain(self):
        return self.sent_at is None

    def status(self):
        return _("已发送") if self.sent_at else _("不确定（未重发）")

    status.short_description = _("状态")
