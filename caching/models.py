"""Purges waiting to reach the front cache: recorded with the change that needs them, so a purge
endpoint that is down never fails a publish, and retried with backoff until it answers."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingPurge(models.Model):
    url = models.URLField(_("网址"), max_length=1000, unique=True)
    reason = models.CharField(_("原因"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("下次尝试"), db_index=True)
    attempts = models.PositiveIntegerField(_("已尝试次数"), default=0)
    last_error = models.TextField(_("最近一次错误"), blank=True)

    class Meta:
        verbose_name = _("待清除的缓存网址")
        verbose_name_plural = _("待清除的缓存网址")

    def __str__(self):
        return self.url
