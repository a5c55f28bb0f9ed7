"""Contribution records (科普工作量): what each person agreed to make public, and the certificates
issued from their figures. The figures themselves are computed from the data (figures.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The figure groups a record has; a consent has a flag for each, a certificate a snapshot of each.
FIGURE_GROUPS = ("works", "reviews", "talks", "hours")


class RecordConsent(models.Model):
    """What one person (a user, or a volunteer without an account) agreed to show on the public
    verification page of their certificates. Contact data is never shown, whatever the flags."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="record_consent",
    )
    volunteer = models.OneToOneField(
        "people.Volunteer",
        verbose_name=_("志愿者"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="record_consent",
    )
    show_name = models.BooleanField(_("公开姓名"), default=True)
    show_affiliation = models.BooleanField(_("公开单位"), default=False)
    show_works = models.BooleanField(_("公开发表作品数"), default=True)
    show_reviews = models.BooleanField(_("公开审核工作量"), default=True)
    show_talks = models.BooleanField(_("公开派单讲座"), default=True)
    show_hours = models.BooleanField(_("公开志愿服务时长"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("公开授权")
        verbose_name_plural = _("公开授权")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=True) ^ models.Q(volunteer__isnull=True),
                name="records_consent_one_person",
            )
        ]

    def __str__(self):
        return str(self.user or self.volunteer or self.pk)

    def shows(self, group):
        return getattr(self, f"show_{group}")


class Certificate(models.Model):
    """One issued certificate: the figures of a period as they were when it was issued.

    `digest` is the SHA-256 of the snapshot (figures.snapshot_digest); the verification token carries
    the serial and this digest, signed, so an edited snapshot or token no longer matches. Deleting the
    person (their data, on request) deletes their certificates: the verification page then knows none."""

    serial = models.CharField(_("编号"), max_length=32, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("本人"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="record_certificates",
    )
    volunteer = models.ForeignKey(
        "people.Volunteer",
        verbose_name=_("志愿者"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="record_certificates",
    )
    period_start = models.DateField(_("起始日期"), null=True, blank=True)
    period_end = models.DateField(_("截止日期"))
    snapshot = models.JSONField(_("开具时的数据"))
    digest = models.CharField(_("数据摘要值"), max_length=64)
    issued_at = models.DateTimeField(_("开具时间"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("开具人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked = models.BooleanField(_("已撤销"), default=False)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_reason = models.CharField(_("撤销原因"), max_length=255, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤销人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("工作量证明")
        verbose_name_plural = _("工作量证明")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=True) ^ models.Q(volunteer__isnull=True),
                name="records_certificate_one_person",
            )
        ]

    def __str__(self):
        return self.serial
