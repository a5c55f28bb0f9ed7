"""科普志愿者: registered without an account, approved by an administrator; one person per contact."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..contacts import normalise_email, normalise_phone


class Volunteer(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        APPROVED = "approved", _("已通过")
        REJECTED = "rejected", _("未通过")

    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("手机号"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    # The contacts in one form (contacts.py), unique when given: the same person registers once.
    phone_key = models.CharField(max_length=20, blank=True, editable=False)
    email_key = models.CharField(max_length=254, blank=True, editable=False)
    region = models.ForeignKey(
        "articles.Region", verbose_name=_("所在地区"), on_delete=models.PROTECT, related_name="volunteers"
    )
    skills = models.TextField(_("特长与技能"), blank=True)
    availability = models.CharField(_("可服务时间说明"), max_length=200, blank=True)
    weekdays = models.BooleanField(_("工作日可服务"), default=False)
    weekends = models.BooleanField(_("周末可服务"), default=False)
    disciplines = models.ManyToManyField(
        "articles.Discipline", verbose_name=_("感兴趣的学科"), blank=True, related_name="volunteers"
    )
    consent_to_contact = models.BooleanField(_("同意联系"), default=False)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decision_note = models.CharField(_("审核说明"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("报名时间"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("科普志愿者")
        verbose_name_plural = _("科普志愿者")
        constraints = [
            models.UniqueConstraint(
                fields=["phone_key"], condition=~models.Q(phone_key=""), name="people_volunteer_phone_once"
            ),
            models.UniqueConstraint(
                fields=["email_key"], condition=~models.Q(email_key=""), name="people_volunteer_email_once"
            ),
            models.CheckConstraint(
                condition=~models.Q(phone_key="", email_key=""), name="people_volunteer_has_contact"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self._set_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and ({"phone", "email"} & set(update_fields)):
            kwargs["update_fields"] = {*update_fields, "phone_key", "email_key"}
        super().save(*args, **kwargs)

    def clean(self):
        """One volunteer per contact; the constraints hold it in the database too (a simultaneous
        registration), but a form learns it here, with a message."""
        self._set_keys()
        if not self.phone_key and not self.email_key:
            raise ValidationError(_("手机号和电子邮箱请至少填写一项，以便我们联系您。"))
        others = Volunteer.objects.exclude(pk=self.pk) if self.pk else Volunteer.objects.all()
        taken = models.Q(pk__in=[])
        if self.phone_key:
            taken |= models.Q(phone_key=self.phone_key)
        if self.email_key:
            taken |= models.Q(email_key=self.email_key)
        if others.filter(taken).exists():
            raise ValidationError(
                _("这个手机号或邮箱已经报名过科普志愿者，无需重复报名。如需修改信息，请联系网站工作人员。"),
                code="duplicate",
            )

    def _set_keys(self):
        self.phone_key = normalise_phone(self.phone)
        self.email_key = normalise_email(self.email)

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED
