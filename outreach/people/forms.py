"""The volunteer's registration form (public) and the administrator's decision form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Discipline, Region

from .contacts import normalise_phone
from .models import Volunteer

WEEKDAYS, WEEKENDS = "weekdays", "weekends"


def region_choices():
    """Leagues with their counties as option groups: ('呼和浩特市', [(pk, '全市'), (pk, '新城区'), …])."""
    leagues = {}
    for region in Region.objects.exclude(level=Region.Level.REGION).order_by("code"):
        if region.level == Region.Level.LEAGUE:
            whole = _("全盟") if region.kind == "盟" else _("全市")
            leagues[region.pk] = (region.name, [(region.pk, whole)])
        elif region.parent_id in leagues:
            leagues[region.parent_id][1].append((region.pk, region.name))
    return [("", _("请选择")), *leagues.values()]


class VolunteerForm(forms.ModelForm):
    service_days = forms.MultipleChoiceField(
        label=_("可服务的日子"),
        choices=[(WEEKDAYS, _("工作日")), (WEEKENDS, _("周末"))],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    disciplines = forms.ModelMultipleChoiceField(
        label=_("感兴趣的学科（可多选）"),
        queryset=Discipline.objects.filter(parent=None),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # Left empty by people; bots fill every field. (includes/form_fields.html hides honeypots.)
    website = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
    )
    website.honeypot = True

    class Meta:
        model = Volunteer
        fields = [
            "name",
            "phone",
            "email",
            "region",
            "skills",
            "availability",
            "disciplines",
            "consent_to_contact",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name", "maxlength": 50}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "skills": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        }
        labels = {
            "name": _("姓名"),
            "phone": _("手机号（手机号和邮箱至少填一项）"),
            "email": _("电子邮箱（手机号和邮箱至少填一项）"),
            "region": _("所在地区"),
            "skills": _("特长与技能（如讲解、摄影、外语、蒙古语、急救培训）"),
            "availability": _("可服务时间说明（可选，如“每月第一个周六上午”）"),
            "consent_to_contact": _("我同意工作人员通过上面的联系方式与我联系志愿服务事宜"),
        }
        error_messages = {
            "name": {"required": _("请填写姓名。")},
            "region": {"required": _("请选择所在地区。"), "invalid_choice": _("请选择所在地区。")},
            "email": {"invalid": _("请填写有效的电子邮箱。")},
        }

    field_order = [
        "name", "phone", "email", "region", "skills", "service_days", "availability", "disciplines",
        "consent_to_contact", "website",
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        region = self.fields["region"]
        region.queryset = Region.objects.exclude(level=Region.Level.REGION)
        region.widget.choices = region_choices()

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].replace("\x00", "").split())
        if not name:
            raise forms.ValidationError(_("请填写姓名。"))
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not (len(normalise_phone(phone)) == 11 and normalise_phone(phone).startswith("1")):
            raise forms.ValidationError(_("请填写 11 位手机号，如 13904710000。"))
        return phone

    def clean_consent_to_contact(self):
        if not self.cleaned_data["consent_to_contact"]:
            raise forms.ValidationError(_("需要您同意我们与您联系，才能安排志愿服务。"))
        return True

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("提交失败，请稍后再试。"))
        return cleaned

    def save(self, commit=True):
        volunteer = super().save(commit=False)
        days = self.cleaned_data.get("service_days") or []
        volunteer.weekdays, volunteer.weekends = WEEKDAYS in days, WEEKENDS in days
        if commit:
            volunteer.save()
            self.save_m2m()
        return volunteer


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("说明（会写入给志愿者的邮件，可选）"), max_length=200, required=False)
