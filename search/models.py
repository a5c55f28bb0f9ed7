"""The public search index's register: which works are findable, and their facet values.

The database engine matches words with Wagtail's index (which also serves the admin's search and
so holds drafts); a work is only ever *returned* when it has an `IndexedWork` row, written when
it is published and public and removed when it is not (see search/signals.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexedWork(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    locale = models.CharField(_("语言"), max_length=20, db_index=True)
    title = models.CharField(_("标题"), max_length=255)
    # {"discipline": [...codes], "audience": [...], "league": [...], "form": [...], "year": [...]}
    facets = models.JSONField(_("分面取值"), default=dict)
    published_at = models.DateTimeField(_("首次发布"), null=True)

    class Meta:
        verbose_name = _("可检索作品")
        verbose_name_plural = _("可检索作品")

    def __str__(self):
        return self.title
