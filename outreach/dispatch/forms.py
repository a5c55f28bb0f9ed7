"""The order form (public, no account), the requester's cancel and rating forms, and the forms of the
admin's steps (dispatch, decline, schedule, complete, cancel)."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Audience, Discipline, Region
from review.models import ExpertProfile

from .models import OrganisationType, ServiceRequest

PHONE = re.compile(r"^\+?[\d\s-]{7,20}$")


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, region):
        # Counties under their league, indented, so the list reads as a tree on a phone.
        return f"　{region.name}" if region.level == Region.Level.COUNTY else region.name


class DisciplineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, discipline):
        return f"　{discipline.name}" if discipline.parent_id else discipline.name


class ServiceRequestForm(forms.ModelForm):
    region = RegionChoiceField(
        label=_("所在地区"),
        queryset=Region.objects.exclude(level=Region.Level.REGION).order_by("code"),
        empty_label=_("请选择盟市或旗县区"),
        help_text=_("选所在的旗县区；不确定时选盟市。"),
    )
    discipline = DisciplineChoiceField(
        label=_("学科"), queryset=Discipline.objects.in_tree_order(), empty_label=_("请选择学科")
    )
    audience = forms.ModelChoiceField(label=_("听众人群"), queryset=Audience.objects.all(), empty_label=None)

    class Meta:
        model = ServiceRequest
        fields = [
            "organisation_name",
            "organisation_type",
            "audience",
            "topic",
            "discipline",
            "earliest_date",
            "latest_date",
            "region",
            "address",
            "expected_attendance",
            "contact_name",
            "contact_phone",
            "contact_email",
            "note",
        ]
        widgets = {
            "earliest_date": forms.DateInput(attrs={"type": "date"}),
            "latest_date": forms.DateInput(attrs={"type": "date"}),
            "expected_attendance": forms.NumberInput(attrs={"min": 1, "max": 5000}),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "note": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "topic": _("例如：安全生产与职业健康、稀土新材料、防范电信网络诈骗。"),
            "expected_attendance": _("1 至 5000 人。"),
            "note": _("场地、设备、听众情况等，可不填。"),
        }
        error_messages = {
            "expected_attendance": {
                "min_value": _("预计人数至少为 1 人。"),
                "max_value": _("预计人数不能超过 5000 人；人数更多请分场申请。"),
            },
            "contact_email": {"invalid": _("请填写有效的电子邮箱，进度链接将发到这个邮箱。")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation_type"].choices = [("", _("请选择单位类型")), *OrganisationType.choices]
        if not self.is_bound and "audience" not in self.initial:
            self.initial["audience"] = Audience.objects.filter(code=Audience.Code.WORKERS).first()
        for name, field in self.fields.items():
            if field.required:
                field.error_messages["required"] = _("请填写“%(label)s”。") % {"label": field.label}
            if name in ("earliest_date", "latest_date"):
                field.error_messages["invalid"] = _("请按“年-月-日”填写日期，例如 2026-12-01。")

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip()
        if not PHONE.match(phone) or sum(c.isdigit() for c in phone) < 7:
            raise forms.ValidationError(_("请填写有效的电话号码（手机或带区号的座机）。"))
        return phone

    def clean_earliest_date(self):
        day = self.cleaned_data["earliest_date"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("最早日期不能早于今天。"))
        return day

    def clean_latest_date(self):
        day = self.cleaned_data["latest_date"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("最晚日期不能早于今天。"))
        return day

    def clean(self):
        cleaned = super().clean()
        earliest, latest = cleaned.get("earliest_date"), cleaned.get("latest_date")
        if earliest and latest and latest < earliest:
            self.add_error("latest_date", _("最晚日期不能早于最早日期。"))
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("原因"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请写明原因。")},
    )


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("评分"),
        coerce=int,
        choices=[(n, _("%(n)s 分") % {"n": n}) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择评分。"), "invalid_choice": _("评分应为 1 到 5 分。")},
    )
    comment = forms.CharField(
        label=_("评价（可不填）"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DispatchForm(forms.Form):
    expert = forms.ModelChoiceField(
        label=_("派往专家"),
        queryset=ExpertProfile.objects.filter(is_active=True, user__is_active=True),
        error_messages={"required": _("请选择专家。"), "invalid_choice": _("请选择一位在库的专家。")},
    )
    note = forms.CharField(
        label=_("给专家的说明"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ScheduleForm(forms.Form):
    start = forms.DateTimeField(
        label=_("讲座开始时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"required": _("请填写讲座时间。"), "invalid": _("请按“年-月-日 时:分”填写时间。")},
    )
    note = forms.CharField(label=_("说明"), required=False, max_length=1000)


class CompleteForm(forms.Form):
    report = forms.CharField(
        label=_("活动简报"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("请填写活动简报。")},
    )
    attendance = forms.IntegerField(
        label=_("实到人数"),
        min_value=0,
        max_value=100000,
        error_messages={"required": _("请填写实到人数。")},
    )
