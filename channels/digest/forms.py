"""The subscription form (address and preferences) and the preferences form of the manage page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Audience, Discipline

# Django's own message says "Email" in the middle of a Chinese sentence.
EMAIL_INVALID = _("请输入有效的电子邮箱地址。")


class PreferencesForm(forms.Form):
    audiences = forms.ModelMultipleChoiceField(
        label=_("重点人群"),
        queryset=Audience.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("不选表示全部。"),
    )
    disciplines = forms.ModelMultipleChoiceField(
        label=_("学科"),
        # Top-level disciplines: choosing one includes its sub-fields (content.IssueContent.select).
        queryset=Discipline.objects.filter(parent=None),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("不选表示全部；选中的学科包括其下各分支。"),
    )


class SubscribeForm(PreferencesForm):
    email = forms.EmailField(label=_("电子邮箱"), max_length=254, error_messages={"invalid": EMAIL_INVALID})
    # Left empty by people; bots fill every field. (includes/form_fields.html hides honeypots.)
    website = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
    )
    website.honeypot = True

    field_order = ["email", "audiences", "disciplines", "website"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("提交失败，请稍后再试。"))
        return cleaned
