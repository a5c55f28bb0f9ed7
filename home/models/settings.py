"""Per-site settings shown in the footer: the ICP record and contacts required of a Chinese website."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting


class SiteSettings(BaseSiteSetting):
    organisation = models.CharField(_("主办单位"), max_length=255, blank=True)
    icp_number = models.CharField(
        _("ICP 备案号"),
        max_length=64,
        blank=True,
        help_text=_("如“蒙ICP备12345678号-1”,显示在页脚并链接到工信部备案系统。"),
    )
    public_security_number = models.CharField(_("公安备案号"), max_length=64, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=64, blank=True)
    address = models.CharField(_("通讯地址"), max_length=255, blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("icp_number"), FieldPanel("public_security_number")],
            heading=_("备案"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("address")],
            heading=_("联系方式"),
        ),
    ]

    class Meta:
        verbose_name = _("站点信息")
