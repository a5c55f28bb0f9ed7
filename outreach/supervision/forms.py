"""The dashboard's filter: a period (from/to, or a preset) and a league."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Region

from .figures import Filters

PRESETS = {
    "year": _("今年"),
    "30d": _("最近30天"),
}
LONGEST = timedelta(days=366 * 10)


def preset_period(preset, today=None):
    today = today or timezone.localdate()
    if preset == "30d":
        return today - timedelta(days=29), today
    return today.replace(month=1, day=1), today


class LeagueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class FilterForm(forms.Form):
    preset = forms.ChoiceField(label=_("时段"), choices=[("", _("自定义")), *PRESETS.items()], required=False)
    start = forms.DateField(label=_("从"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("到"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    league = LeagueChoiceField(
        label=_("盟市"),
        queryset=Region.objects.filter(level=Region.Level.LEAGUE),
        to_field_name="code",
        required=False,
        empty_label=_("全区"),
        error_messages={"invalid_choice": _("没有这个盟市。")},
    )

    def __init__(self, data=None, **kwargs):
        # The query string says from/to (short and readable); the form's fields are start/end.
        if data is not None:
            data = {
                "preset": data.get("preset", ""),
                "start": data.get("from", ""),
                "end": data.get("to", ""),
                "league": data.get("league", ""),
            }
        super().__init__(data, **kwargs)
        self.fields["start"].error_messages["invalid"] = _("开始日期格式应为 年-月-日，例如 2026-01-01。")
        self.fields["end"].error_messages["invalid"] = _("结束日期格式应为 年-月-日，例如 2026-12-31。")

    def clean(self):
        data = super().clean()
        preset, start, end = data.get("preset"), data.get("start"), data.get("end")
        if self.errors:
            return data
        if preset or (start is None and end is None):
            start, end = preset_period(preset or "year")
        elif start is None or end is None:
            raise forms.ValidationError(_("请同时填写开始日期和结束日期，或选择一个时段。"))
        if start > end:
            raise forms.ValidationError(_("开始日期不能晚于结束日期。"))
        if end - start > LONGEST:
            raise forms.ValidationError(_("时段最长十年。"))
        data["start"], data["end"] = start, end
        return data

    def filters(self):
        """The Filters of a valid form."""
        data = self.cleaned_data
        return Filters(data["start"], data["end"], data.get("league"))
