"""The region picker: Inner Mongolia's divisions as checkboxes grouped by league (盟市).

Without JavaScript it is a plain list, one fieldset per league with the league itself and its
banners, counties and districts; `creators/region_picker.js` adds a filter box. The posted values
are the same as the multi-select's, so the field's validation and what is stored do not change.
"""

from django import forms
from django.utils.translation import gettext as _


class RegionPicker(forms.CheckboxSelectMultiple):
    template_name = "creators/widgets/region_picker.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        leagues = {}
        for _group, options, _index in context["widget"]["optgroups"]:
            for option in options:
                region = option["value"].instance
                if region.level == "league":
                    # The league as a whole: named by its kind, the legend already says which.
                    option["label"] = _("全盟") if region.kind == "盟" else _("全市")
                    league = leagues.setdefault(region.pk, {"name": "", "options": []})
                    league["name"] = region.name
                    league["options"].insert(0, option)
                else:
                    leagues.setdefault(region.parent_id, {"name": "", "options": []})
                    leagues[region.parent_id]["options"].append(option)
        context["widget"]["leagues"] = list(leagues.values())
        return context
