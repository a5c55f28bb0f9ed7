"""Forms of the review stages: 初审 checklist, reasons for send-back, the expert's structured opinion."""

from django import forms
from django.db.models import Case, When
from django.utils.translation import gettext_lazy as _

from .models import ExpertProfile, ReviewOpinion, Stage, Verdict
from .models.opinions import CHECKLIST

EDITORIAL_CHECKLIST = {
    "complete": _("稿件完整：标题、摘要、正文、图片说明和参考资料齐全"),
    "original": _("原创：未发现抄袭、洗稿，转载已说明并获授权"),
    "form_ok": _("形式规范：结构清楚、语言通俗、图片清晰并注明来源"),
    "compliant": _("合规：无违法违规、广告推销和侵犯隐私的内容"),
}


class ReasonForm(forms.Form):
    comment = forms.CharField(
        label=_("退回理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("作者会看到这段说明。"),
        error_messages={"required": _("请写明退回修改的理由。")},
    )


class EditorialApprovalForm(forms.Form):
    """初审通过: every item of the checklist ticked, and a comment for the record."""

    comment = forms.CharField(
        label=_("初审意见"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请写下初审意见。")},
    )


for _name, _label in EDITORIAL_CHECKLIST.items():
    EditorialApprovalForm.base_fields[_name] = forms.BooleanField(
        label=_label, required=True, error_messages={"required": _("通过初审前请确认这一项。")}
    )


class FinalApprovalForm(forms.Form):
    comment = forms.CharField(
        label=_("签发意见"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请写下签发意见。")},
    )


def action_form(stage, action):
    if action == "reject":
        return ReasonForm
    if stage == Stage.EDITORIAL and action == "approve":
        return EditorialApprovalForm
    if stage == Stage.FINAL and action == "approve":
        return FinalApprovalForm
    return None


class OpinionForm(forms.ModelForm):
    class Meta:
        model = ReviewOpinion
        fields = ["verdict", *CHECKLIST, "comments_for_creator", "confidential_comments"]
        widgets = {
            "verdict": forms.RadioSelect,
            "comments_for_creator": forms.Textarea(attrs={"rows": 6}),
            "confidential_comments": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "comments_for_creator": _("作者会看到；要求修改时请具体说明哪里有问题、依据是什么。"),
            "confidential_comments": _("只有编辑和总编能看到。"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verdict"].choices = Verdict.choices  # no blank "---------" radio
        self.fields["verdict"].error_messages["required"] = _("请选择审核结论。")

    def clean(self):
        cleaned = super().clean()
        verdict = cleaned.get("verdict")
        if verdict == Verdict.APPROVE:
            missing = [str(label) for name, label in CHECKLIST.items() if not cleaned.get(name)]
            if missing:
                raise forms.ValidationError(
                    _("通过前须确认全部审核要点，尚未确认：%(items)s") % {"items": "、".join(missing)}
                )
        elif (
            verdict in (Verdict.REVISE, Verdict.REJECT)
            and not (cleaned.get("comments_for_creator") or "").strip()
        ):
            self.add_error("comments_for_creator", _("要求修改或不予发表时，请给作者写明理由。"))
        return cleaned


class AssignForm(forms.Form):
    experts = forms.ModelMultipleChoiceField(
        label=_("审核专家"),
        queryset=ExpertProfile.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请至少选择一位专家。")},
    )

    def __init__(self, *args, suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        eligible = [s["profile"].pk for s in suggestions if not s["assigned"]]
        queryset = ExpertProfile.objects.filter(pk__in=eligible)
        if eligible:  # keep the ranking of the suggestions
            queryset = queryset.order_by(Case(*(When(pk=pk, then=i) for i, pk in enumerate(eligible))))
        self.fields["experts"].queryset = queryset
        labels = {
            s["profile"].pk: _(
                "%(name)s · %(title)s · %(affiliation)s — 学科匹配 %(match)s，在审 %(load)s 件%(full)s"
            )
            % {
                "name": s["profile"].name,
                "title": s["profile"].title,
                "affiliation": s["profile"].affiliation,
                "match": s["match"],
                "load": s["load"],
                "full": _("（已满）") if s["full"] else "",
            }
            for s in suggestions
        }
        self.fields["experts"].label_from_instance = lambda profile: labels.get(profile.pk, str(profile))
