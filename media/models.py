"""Image and document models: every picture carries alt text, its source and its licence."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext_lazy as _

from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class Licence(models.TextChoices):
    OWN = "own", _("作者原创,授权本站使用")
    CC_BY = "cc-by-4.0", _("CC BY 4.0")
    CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0")
    CC0 = "cc0", _("CC0 公有领域")
    PUBLIC_DOMAIN = "public-domain", _("公有领域")
    PERMISSION = "permission", _("经权利人书面许可")


class PortalImage(AbstractImage):
    # Wagtail's description field is the alt text; here it may not be left empty.
    description = models.CharField(
        _("替代文本"),
        max_length=255,
        help_text=_("为看不到图片的读者描述图片内容,例如“牧民在围栏草场中查看牧草长势”。"),
    )
    source = models.CharField(_("来源/署名"), max_length=255, help_text=_("拍摄者、绘制者或出处。"))
    licence = models.CharField(_("许可"), max_length=32, choices=Licence.choices, default=Licence.OWN)

    admin_form_fields = (
        *Image.admin_form_fields,
        "source",
        "licence",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("图片")
        verbose_name_plural = _("图片")
        permissions = [("choose_image", "Can choose image")]
        # Every path that stores a picture (the admin, the creators' uploads, the demo, a script)
        # must give it alt text: the database refuses a blank one, not only the forms.
        constraints = [
            models.CheckConstraint(
                condition=GreaterThan(Length(Trim("description")), 0),
                name="image_has_alt_text",
                violation_error_message=_("请填写替代文本。"),
            )
        ]

    def clean(self):
        super().clean()
        if not (self.description or "").strip():
            raise ValidationError({"description": _("请填写替代文本，为看不到图片的读者描述图片内容。")})


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class PortalDocument(AbstractDocument):
    source = models.CharField(_("来源/署名"), max_length=255, blank=True)
    licence = models.CharField(_("许可"), max_length=32, choices=Licence.choices, default=Licence.OWN)

    admin_form_fields = (*Document.admin_form_fields, "source", "licence")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("文档")
        verbose_name_plural = _("文档")
        permissions = [("choose_document", "Can choose document")]
