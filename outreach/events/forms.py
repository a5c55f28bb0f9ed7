"""The sign-up form: a name and a phone number and/or an e-mail address (no account)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .signups import normalise_phone


class SignUpForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50, error_messages={"required": _("请填写姓名。")})
    phone = forms.CharField(
        label=_("手机号"), max_length=20, required=False, help_text=_("手机号和电子邮箱至少填写一项。")
    )
    email = forms.EmailField(
        label=_("电子邮箱"),
        required=False,
        help_text=_("填写邮箱可收到报名确认和取消报名的链接。"),
        error_messages={"invalid": _("请输入有效的电子邮箱地址。")},
    )
    # Left empty by people; bots fill every field (includes/form_fields.html hides it).
    website = forms.CharField(required=False, label=_("网站"))
    website.honeypot = True

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError(_("请填写姓名。"))
        return name

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").strip()
        if phone and not (7 <= len(normalise_phone(phone)) <= 15):
            raise ValidationError(_("请输入有效的电话号码。"))
        return phone

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and not self.errors.get("email"):
            raise ValidationError(_("请填写手机号或电子邮箱，以便联系您。"))
        return data
