"""Errors found after publication: a reader's report becomes a case; an expert verifies; an editor
publishes a dated correction, retracts the work, or dismisses the report with a reason."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    NEW = "new", _("待分派")
    VERIFYING = "verifying", _("专家核实中")
    VERIFIED = "verified", _("待编辑决定")
    CORRECTED = "corrected", _("已更正")
    RETRACTED = "retracted", _("已撤稿")
    DISMISSED = "dismissed", _("不予更正")


CLOSED = (CaseStatus.CORRECTED, CaseStatus.RETRACTED, CaseStatus.DISMISSED)


class CaseOrigin(models.TextChoices):
    READER = "reader", _("读者报告")
    FAST_TRACK = "fast-track", _("应急科普发布后复核")


class CorrectionCase(models.Model):
    origin = models.CharField(_("来源"), max_length=12, choices=CaseOrigin.choices, default=CaseOrigin.READER)
    due_at = models.DateTimeField(_("须在此前处理完毕"), null=True, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("作品"), on_delete=models.CASCADE, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("被报告的版本"),
    )
    problem = models.TextField(_("问题描述"), max_length=3000)
    location = models.CharField(_("出错位置"), max_length=200, blank=True)
    evidence = models.TextField(_("依据或出处"), max_length=3000, blank=True)
    reporter_name = models.CharField(_("报告人"), max_length=100, blank=True)
    reporter_email = models.EmailField(_("报告人邮箱"), blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.NEW)
    verifier = models.ForeignKey(
        "review.ExpertProfile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="correction_cases",
        verbose_name=_("核实专家"),
    )
    confirmed = models.BooleanField(_("专家确认有误"), null=True)
    finding = models.TextField(_("专家核实意见"), blank=True)
    public_note = models.TextField(
        _("公开说明"), blank=True, help_text=_("更正内容、撤稿理由或不予更正的理由。")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    reporter_notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("报告时间"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("纠错报告")
        verbose_name_plural = _("纠错报告")

    def __str__(self):
        return f"#{self.pk} {self.page}"

    @property
    def is_open(self):
        return self.status not in CLOSED
