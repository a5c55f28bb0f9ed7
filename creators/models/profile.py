"""Creators (创作者): people who submit works through the front-end portal, never the admin."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CreatorProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="creator_profile",
        verbose_name=_("用户"),
    )
    real_name = models.CharField(_("真实姓名"), max_length=50)
    affiliation = models.CharField(_("单位"), max_length=200)
    disciplines = models.ManyToManyField("articles.Discipline", verbose_name=_("擅长学科"), blank=True)
    bio = models.TextField(_("简介"), max_length=1000, blank=True)
    terms_accepted_at = models.DateTimeField(_("接受投稿协议的时间"))
    email_verified_at = models.DateTimeField(_("邮箱验证时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("创作者")
        verbose_name_plural = _("创作者")

    def __str__(self):
        return f"{self.real_name}({self.affiliation})"

    @property
    def is_verified(self):
        return self.email_verified_at is not None
