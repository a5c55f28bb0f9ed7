"""The expert pool (科普专家团): who may review which disciplines, and their declared conflicts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CreditPreference(models.TextChoices):
    NAME = "name", _("署名(姓名、单位)")
    PANEL = "panel", _("显示为“审核专家组”")


def normalise_affiliation(text):
    """Affiliations compare without spaces, case or full-width/half-width differences."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


class ExpertProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="expert_profile",
    )
    name = models.CharField(_("姓名"), max_length=100)
    title = models.CharField(_("职称"), max_length=100, blank=True)
    affiliation = models.CharField(_("单位"), max_length=200)
    disciplines = models.ManyToManyField(
        "articles.Discipline", verbose_name=_("擅长学科"), related_name="experts"
    )
    max_open_reviews = models.PositiveSmallIntegerField(_("同时审核上限"), default=3)
    is_active = models.BooleanField(_("在库"), default=True)
    credit_preference = models.CharField(
        _("署名方式"), max_length=10, choices=CreditPreference.choices, default=CreditPreference.NAME
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("审核专家")
        verbose_name_plural = _("审核专家")

    def __str__(self):
        return f"{self.name}（{self.affiliation}）" if self.affiliation else self.name

    def shares_affiliation_with(self, affiliation):
        return bool(affiliation) and normalise_affiliation(self.affiliation) == normalise_affiliation(
            affiliation
        )


class ExpertConflict(models.Model):
    """An expert's declared conflict of interest with one work."""

    expert = models.ForeignKey(
        ExpertProfile, verbose_name=_("专家"), on_delete=models.CASCADE, related_name="conflicts"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("作品"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("原因"), max_length=255)
    declared_at = models.DateTimeField(_("声明时间"), auto_now_add=True)

    class Meta:
        unique_together = [("expert", "page")]
        verbose_name = _("利益冲突声明")
        verbose_name_plural = _("利益冲突声明")

    def __str__(self):
        return f"{self.expert} · {self.page}"
