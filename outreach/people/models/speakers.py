"""Expert, lecturer and propaganda teams, and each expert's public face beside review's expert pool:
what they agreed to publish, where and on what they speak, and when they cannot."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class Team(ClusterableModel):
    """讲师团 / 专家团 / 宣讲团."""

    class Kind(models.TextChoices):
        LECTURERS = "lecturers", _("科普讲师团")
        EXPERTS = "experts", _("科普专家团")
        SCIENTIST_SPIRIT = "scientist-spirit", _("科学家精神宣讲团")

    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=100)
    slug = models.SlugField(_("网址名"), max_length=100, unique=True, allow_unicode=False)
    region = models.ForeignKey(
        "articles.Region",
        verbose_name=_("地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outreach_teams",
    )
    description = models.TextField(_("简介"), blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("专家团队")
        verbose_name_plural = _("专家团队")

    def __str__(self):
        return self.name


class TeamMembership(Orderable):
    class Role(models.TextChoices):
        LEADER = "leader", _("团长")
        DEPUTY = "deputy", _("副团长")
        MEMBER = "member", _("成员")

    team = ParentalKey(Team, verbose_name=_("团队"), on_delete=models.CASCADE, related_name="memberships")
    expert = models.ForeignKey(
        "review.ExpertProfile",
        verbose_name=_("专家"),
        on_delete=models.CASCADE,
        related_name="team_memberships",
    )
    role = models.CharField(_("职务"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta(Orderable.Meta):
        verbose_name = _("团队成员")
        verbose_name_plural = _("团队成员")
        constraints = [models.UniqueConstraint(fields=["team", "expert"], name="people_membership_once")]

    def __str__(self):
        return f"{self.team} · {self.expert.name}"


class SpeakerProfile(ClusterableModel):
    """An expert's public face and what dispatch needs. Only what the expert agreed to publish is shown:
    nothing at all without publish_profile; the photo, bio and affiliation each by their own flag."""

    expert = models.OneToOneField(
        "review.ExpertProfile", verbose_name=_("专家"), on_delete=models.CASCADE, related_name="speaker"
    )
    publish_profile = models.BooleanField(
        _("同意公开个人主页"),
        default=False,
        help_text=_("不勾选则不公开任何信息（姓名、职称、学科、讲题均不公开）。"),
    )
    publish_photo = models.BooleanField(_("同意公开照片"), default=False)
    publish_bio = models.BooleanField(_("同意公开简介"), default=False)
    publish_affiliation = models.BooleanField(_("同意公开单位"), default=False)
    bio = models.TextField(_("公开简介"), blank=True)
    photo = models.ForeignKey(
        "media.PortalImage",
        verbose_name=_("照片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    region = models.ForeignKey(
        "articles.Region",
        verbose_name=_("所在地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="speakers",
        help_text=_("旗县区或盟市。"),
    )
    accepting_talks = models.BooleanField(_("接受派单"), default=True)
    max_talks_per_month = models.PositiveSmallIntegerField(_("每月讲座上限"), default=4)

    class Meta:
        ordering = ["expert__name"]
        verbose_name = _("讲师主页")
        verbose_name_plural = _("讲师主页")

    def __str__(self):
        return self.expert.name

    @property
    def league(self):
        return self.region.league if self.region_id else None

    def is_available_on(self, day):
        """False when `day` falls in one of the speaker's unavailable ranges (reads them as stored)."""
        return not any(span.start <= day <= span.end for span in self.unavailable.all())


class SpeakerTopic(Orderable):
    """A topic a speaker can give a talk on, e.g. 防范电信网络诈骗."""

    speaker = ParentalKey(
        SpeakerProfile, verbose_name=_("讲师"), on_delete=models.CASCADE, related_name="topics"
    )
    topic = models.CharField(_("讲题"), max_length=100)
    discipline = models.ForeignKey(
        "articles.Discipline",
        verbose_name=_("学科"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speaker_topics",
    )

    class Meta(Orderable.Meta):
        verbose_name = _("讲题")
        verbose_name_plural = _("讲题")

    def __str__(self):
        return self.topic


class SpeakerUnavailability(models.Model):
    """Dates a speaker cannot give talks (both ends included)."""

    speaker = ParentalKey(
        SpeakerProfile, verbose_name=_("讲师"), on_delete=models.CASCADE, related_name="unavailable"
    )
    start = models.DateField(_("开始日期"))
    end = models.DateField(_("结束日期"))
    note = models.CharField(_("说明"), max_length=100, blank=True)

    class Meta:
        ordering = ["start"]
        verbose_name = _("不可派单日期")
        verbose_name_plural = _("不可派单日期")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="people_unavailable_order"
            )
        ]

    def __str__(self):
        return f"{self.start} – {self.end}"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("结束日期不能早于开始日期。")})
