"""Taxonomies: disciplines (a tree), audiences, Inner Mongolia's regions and brand campaigns."""

from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


class WorkForm(models.TextChoices):
    ARTICLE = "article", _("图文")
    VIDEO = "video", _("视频")
    AUDIO = "audio", _("音频")
    COMIC = "comic", _("漫画")
    INFOGRAPHIC = "infographic", _("图解")


class DisciplineQuerySet(models.QuerySet):
    def in_tree_order(self):
        """Each top-level discipline followed by its own sub-fields (sort orders are per level)."""
        return self.select_related("parent").order_by(
            Coalesce("parent__sort_order", "sort_order"),
            Coalesce("parent__code", "code"),
            F("parent").asc(nulls_first=True),
            "sort_order",
            "code",
        )


class DisciplineManager(models.Manager.from_queryset(DisciplineQuerySet)):
    def get_queryset(self):
        # A sub-field's name includes its parent's (__str__): read them together, not one query per
        # sub-field wherever disciplines are listed (the admin's checkboxes, filters, snippet list).
        return super().get_queryset().select_related("parent")


class Discipline(models.Model):
    """学科. Top-level disciplines and their sub-fields, one level deep or more."""

    code = models.SlugField(_("代码"), max_length=50, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级学科"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    review_quorum = models.PositiveSmallIntegerField(
        _("科学性审核所需专家人数"),
        null=True,
        blank=True,
        help_text=_("留空则按审核任务的设置;可提高要求,例如医学与健康类作品需 3 位专家同意。下级学科沿用。"),
    )

    objects = DisciplineManager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("学科")
        verbose_name_plural = _("学科")

    def __str__(self):
        return f"{self.parent.name} / {self.name}" if self.parent_id else self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("上级学科不能是它自己或它的下级。")})
            ancestor = ancestor.parent


class Audience(models.Model):
    """重点人群: the plan's fixed key audiences."""

    class Code(models.TextChoices):
        YOUTH = "youth", _("青少年")
        FARMERS_HERDERS = "farmers-herders", _("农牧民")
        ELDERLY = "elderly", _("老年人")
        WORKERS = "workers", _("产业工人")
        OFFICIALS = "officials", _("领导干部和公务员")
        PUBLIC = "public", _("社会公众")

    code = models.SlugField(_("代码"), max_length=30, unique=True, choices=Code.choices)
    name = models.CharField(_("名称"), max_length=30)
    description = models.CharField(_("说明"), max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("重点人群")
        verbose_name_plural = _("重点人群")

    def __str__(self):
        return self.name


class Region(models.Model):
    """地区: Inner Mongolia's administrative divisions with their GB/T 2260 codes."""

    class Level(models.TextChoices):
        REGION = "region", _("自治区")
        LEAGUE = "league", _("盟市")
        COUNTY = "county", _("旗县区")

    code = models.CharField(_("区划代码"), max_length=6, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    kind = models.CharField(_("类型"), max_length=10, help_text=_("如 盟、地级市、旗、县、市辖区"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("地区")
        verbose_name_plural = _("地区")

    def __str__(self):
        return self.name

    @property
    def league(self):
        """The league-level division a county belongs to (itself for a league)."""
        return self.parent if self.level == self.Level.COUNTY else self


class Campaign(models.Model):
    """品牌活动 named by the plan: 科技活动周, 全国科普日 …"""

    code = models.SlugField(_("代码"), max_length=50, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    description = models.TextField(_("简介"), blank=True)
    season = models.CharField(_("举办时间"), max_length=50, blank=True, help_text=_("如“每年5月”"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("品牌活动")
        verbose_name_plural = _("品牌活动")

    def __str__(self):
        return self.name
