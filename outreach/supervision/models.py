"""What supervision (督查) stores of its own: readers' answers to 这篇有帮助吗 — a work, yes or no, and
the day. Nothing about the reader (no address, no agent, no account): the rate limit lives in the
cache under a keyed hash and expires (outreach/supervision/helpful.py)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class HelpfulAnswer(models.Model):
    """One reader's 有帮助 / 没帮助 on one work."""

    page = models.ForeignKey(
        "articles.ArticlePage", verbose_name=_("作品"), on_delete=models.CASCADE, related_name="+"
    )
    helpful = models.BooleanField(_("有帮助"))
    created = models.DateField(_("日期"), default=timezone.localdate, db_index=True)

    class Meta:
        verbose_name = _("读者反馈（这篇有帮助吗）")
        verbose_name_plural = _("读者反馈（这篇有帮助吗）")
        # The dashboard's permission lives here: the app has no other model to carry it.
        permissions = [("view_dashboard", _("可以查看督查统计"))]
        indexes = [models.Index(fields=["page", "created"])]

    def __str__(self):
        return f"{self.page_id} {'+' if self.helpful else '-'} {self.created}"
