"""The creator's submission form: what a science work needs, cleaned on the server."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from articles.models import Audience, Discipline, Region, WorkForm
from media.validation import clean_uploaded_image

from .sanitize import to_blocks


class SubmissionForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=100)
    summary = forms.CharField(label=_("摘要"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))
    form = forms.ChoiceField(label=_("作品形式"), choices=WorkForm.choices)
    body = forms.CharField(
        label=_("正文"),
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("可用小标题、段落、加粗、斜体、列表、链接和引文;其他格式会被去除。"),
    )
    cover = forms.FileField(label=_("封面图(JPEG、PNG 或 WebP,不超过 10 MB)"), required=False)
    cover_alt = forms.CharField(label=_("封面图描述(供看不到图片的读者)"), max_length=200, required=False)
    disciplines = forms.ModelMultipleChoiceField(
        label=_("学科"), queryset=Discipline.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    audiences = forms.ModelMultipleChoiceField(
        label=_("重点人群"), queryset=Audience.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("相关地区(可选)"), queryset=Region.objects.exclude(level="region"), required=False
    )
    references = forms.CharField(
        label=_("参考资料"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("每行一条:题名 | 出版者或机构 | 年份 | 网址(后三项可省略)。陈述事实的作品至少一条。"),
        error_messages={"required": _("请至少列出一条参考资料。")},
    )
    conflicts = forms.CharField(
        label=_("利益冲突声明(可选)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )

    def clean_body(self):
        blocks = to_blocks(self.cleaned_data["body"])
        if not blocks:
            raise ValidationError(_("正文不能为空。"))
        self.cleaned_data["blocks"] = blocks
        return self.cleaned_data["body"]

    def clean_cover(self):
        cover = self.cleaned_data.get("cover")
        return clean_uploaded_image(cover) if cover else None

    def clean_references(self):
        items = []
        for number, line in enumerate(self.cleaned_data["references"].splitlines(), start=1):
            parts = [part.strip() for part in line.split("|")]
            if not parts[0]:
                continue
            title, publisher, year, url = [*parts, "", "", ""][:4]
            if year and not re.fullmatch(r"1[89]\d\d|20\d\d", year):
                raise ValidationError(_("第 %(n)s 行的年份不正确。") % {"n": number})
            if url:
                try:
                    URLValidator(schemes=["http", "https"])(url)
                except ValidationError:
                    raise ValidationError(_("第 %(n)s 行的网址不正确。") % {"n": number}) from None
            items.append(
                {
                    "title": title[:255],
                    "authors": "",
                    "publisher": publisher[:255],
                    "year": int(year) if year else None,
                    "url": url,
                    "doi": "",
                }
            )
        if not items:
            raise ValidationError(_("请至少列出一条参考资料。"))
        return items

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cover") and not cleaned.get("cover_alt", "").strip():
            self.add_error("cover_alt", _("请为封面图写一句描述。"))
        return cleaned
