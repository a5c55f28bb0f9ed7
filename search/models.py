"""The public search index's register: which works are findable, and their facet values.

The database engine matches words with Wagtail's index (which also serves the admin's search and
so holds drafts); a work is only ever *returned* when it has an `IndexedWork` row, written when
it is published and public and removed when it is not (see search/signals.py).
"""

import uuid

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


class RegisterVersion(models.Model):
    """One row, given a fresh random stamp by every write to the register: each app process
    compares it with the stamp its copy of the register was read at. (A version in the cache would
    not do — the default local-memory cache is not shared between processes; random, not counted,
    so that a rolled-back write can never hand out a stamp again.)"""

    stamp = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = _("检索登记版本")

    def __str__(self):
        return str(self.stamp)

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).values_list("stamp", flat=True).first()

    @classmethod
    def advance(cls):
        cls.objects.update_or_create(pk=1, defaults={"stamp": uuid.uuid4()})
