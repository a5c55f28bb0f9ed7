"""The forms of contribution records: what a person makes public, and why a certificate is revoked."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import RecordConsent


class ConsentForm(forms.ModelForm):
    class Meta:
        model = RecordConsent
        fields = ["show_name", "show_affiliation", "show_works", "show_reviews", "show_talks", "show_hours"]
        help_texts = {
            "show_name": _("不公开时，核验页只显示证明是否有效。"),
            "show_affiliation": _("联系方式在任何情况下都不会公开。"),
        }


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("撤销原因"),
        max_length=255,
        error_messages={"required": _("请填写撤销原因：核验页会向查验单位显示它。")},
    )
