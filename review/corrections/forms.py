"""Forms of the correction case: the public report, the expert's finding, the editor's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from review.models import CaseStatus, CorrectionCase, ExpertProfile


class ReportForm(forms.ModelForm):
    # Left empty by people; bots fill every field. (includes/form_fields.html hides honeypots.)
    website = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
    )
    website.honeypot = True

    class Meta:
        model = CorrectionCase
        fields = ["problem", "location", "evidence", "reporter_name", "reporter_email"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 5, "maxlength": 3000}),
            "evidence": forms.Textarea(attrs={"rows": 3, "maxlength": 3000}),
        }
        labels = {
            "problem": _("哪里有问题？"),
            "location": _("在文中什么位置（可选）"),
            "evidence": _("您的依据或出处（可选）"),
            "reporter_name": _("您的称呼（可选）"),
            "reporter_email": _("您的邮箱（可选，用于告知处理结果）"),
        }
        error_messages = {"problem": {"required": _("请描述您发现的问题。")}}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("提交失败，请稍后再试。"))
        return cleaned

    def clean_problem(self):
        problem = " ".join(self.cleaned_data["problem"].replace("\x00", "").split())
        if len(problem) < 5:
            raise forms.ValidationError(_("请把问题描述得具体一些（至少 5 个字）。"))
        return problem


class VerifierForm(forms.Form):
    verifier = forms.ModelChoiceField(
        label=_("核实专家"), queryset=ExpertProfile.objects.filter(is_active=True), empty_label=None
    )


class FindingForm(forms.Form):
    confirmed = forms.TypedChoiceField(
        label=_("核实结论"),
        choices=[("yes", _("确有错误")), ("no", _("原文无误"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    finding = forms.CharField(label=_("核实意见"), widget=forms.Textarea(attrs={"rows": 4}))


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("处理结果"),
        choices=[
            (CaseStatus.CORRECTED, _("发布更正说明")),
            (CaseStatus.RETRACTED, _("撤稿")),
            (CaseStatus.DISMISSED, _("不予更正")),
        ],
        widget=forms.RadioSelect,
    )
    public_note = forms.CharField(
        label=_("公开说明"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("更正：写明更正了什么；撤稿：写明理由；不予更正：写明理由（会告知报告人）。"),
    )
