"""The creator's submission form: what a science work needs, cleaned on the server.

Three parts are checked together (WorkSubmission): the text (SubmissionForm), the cover and the
video (WorkMediaForm), and the pictures placed in the body by [图N] lines (InlineImageFormSet).
Files never reach these forms: the view first keeps each new file as a pending upload
(submission_uploads.keep_new_files), and the forms carry and check the ids of what is held.
"""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Audience, Discipline, Region, WorkForm
from creators import uploads
from creators.forms.regions import RegionPicker
from creators.models import PendingUpload
from creators.sanitize import PLACEHOLDER, sanitize, to_blocks, to_rich_text
from creators.sizes import human_size

# An id in a hidden field that finds nothing the creator may use (expired, or not theirs).
MISSING = object()


class SubmissionForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=100)
    summary = forms.CharField(label=_("摘要"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))
    form = forms.ChoiceField(label=_("作品形式"), choices=WorkForm.choices)
    body = forms.CharField(
        label=_("正文"),
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "可用小标题、段落、加粗、斜体、列表、链接和引文；其他格式会被去除。"
            "要放图片，在正文中单独一行写 [图1]、[图2]……;放视频写 [视频]。"
            "没有标出位置的图片和视频放在正文末尾。"
        ),
    )
    disciplines = forms.ModelMultipleChoiceField(
        label=_("学科"), queryset=Discipline.objects.in_tree_order(), widget=forms.CheckboxSelectMultiple
    )
    audiences = forms.ModelMultipleChoiceField(
        label=_("重点人群"), queryset=Audience.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("相关地区（可选）"),
        queryset=Region.objects.exclude(level="region"),
        required=False,
        widget=RegionPicker,
    )
    references = forms.CharField(
        label=_("参考资料"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("每行一条：题名 | 出版者或机构 | 年份 | 网址（后三项可省略）。陈述事实的作品至少一条。"),
        error_messages={"required": _("请至少列出一条参考资料。")},
    )
    conflicts = forms.CharField(
        label=_("利益冲突声明（可选）"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )

    def clean_body(self):
        blocks = to_blocks(self.cleaned_data["body"], placeholders=True)
        if not blocks:
            raise ValidationError(_("正文不能为空。"))
        self.cleaned_data["blocks"] = blocks
        return self.cleaned_data["body"]

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


IMAGE_INPUT = forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
VIDEO_INPUT = forms.FileInput(attrs={"accept": "video/mp4,video/webm"})


def describe(held):
    """What a row or slot holds, in the creator's words ("" when nothing)."""
    if isinstance(held, PendingUpload):
        return _gettext("已上传：%(name)s（%(size)s）") % {"name": held.name, "size": human_size(held.size)}
    if held is None or held is MISSING:
        return ""
    return _gettext("已有：%(title)s") % {"title": held.title}


class HeldUploadsForm(forms.Form):
    """A form whose file inputs were taken care of by the view: it receives the messages for the
    files refused (`refused`, by field name) and finds what its hidden ids hold."""

    def __init__(self, *args, user, refused=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.refused = refused or {}

    def refusal(self, field):
        return self.refused.get(self.add_prefix(field))

    def pending(self, field, kind):
        if value := self[field].value():
            return uploads.own_pending(self.user, value, kind) or MISSING
        return None


class WorkMediaForm(HeldUploadsForm):
    cover = forms.FileField(required=False, widget=IMAGE_INPUT)
    cover_upload = forms.UUIDField(required=False, widget=forms.HiddenInput)
    cover_alt = forms.CharField(label=_("封面图描述（供看不到图片的读者）"), max_length=200, required=False)
    video_file = forms.FileField(required=False, widget=VIDEO_INPUT)
    video_upload = forms.UUIDField(required=False, widget=forms.HiddenInput)
    video_document = forms.IntegerField(required=False, widget=forms.HiddenInput)
    video_url = forms.CharField(label=_("或者：视频链接"), max_length=500, required=False)
    video_caption = forms.CharField(label=_("视频说明（可选）"), max_length=255, required=False)
    video_transcript = forms.CharField(
        label=_("视频文字稿"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("上传视频文件时必填：方便听障读者、弱网读者和搜索。"),
    )
    video_delete = forms.BooleanField(label=_("删除视频"), required=False)

    def __init__(self, *args, known_documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.known_documents = known_documents
        self.fields["cover"].label = _gettext("封面图(JPEG、PNG 或 WebP,不超过 %(limit)s)") % {
            "limit": human_size(settings.MEDIA_MAX_UPLOAD_BYTES)
        }
        self.fields["video_file"].label = _gettext("视频文件(MP4 或 WebM,不超过 %(limit)s)") % {
            "limit": human_size(settings.MEDIA_MAX_VIDEO_BYTES)
        }
        self.fields["video_url"].help_text = _gettext(
            "只接受这些网站的链接（以 https:// 开头）：%(hosts)s。"
        ) % {"hosts": "、".join(settings.PORTAL_VIDEO_HOSTS)}

    @cached_property
    def held_cover(self):
        return self.pending("cover_upload", PendingUpload.Kind.IMAGE)

    @cached_property
    def held_video(self):
        """A pending video, or the library document already in the work, or None (MISSING if gone)."""
        if pending := self.pending("video_upload", PendingUpload.Kind.VIDEO):
            return pending
        if value := self["video_document"].value():
            return uploads.allowed_document(self.user, value, self.known_documents) or MISSING
        return None

    @property
    def cover_status(self):
        return describe(self.held_cover)

    @property
    def video_status(self):
        return describe(self.held_video)

    def clean(self):
        cleaned = super().clean()
        if message := self.refusal("cover"):
            self.add_error("cover", message)
        elif self.held_cover is MISSING:
            self.add_error("cover", _("封面图已过期，请重新选择文件。"))
        elif self.held_cover and not cleaned.get("cover_alt", "").strip():
            self.add_error("cover_alt", _("请为封面图写一句描述。"))
        cleaned["video"] = None if cleaned.get("video_delete") else self._clean_video(cleaned)
        return cleaned

    def _clean_video(self, cleaned):
        held, url = self.held_video, cleaned.get("video_url", "").strip()
        caption, transcript = cleaned.get("video_caption", ""), cleaned.get("video_transcript", "").strip()
        if message := self.refusal("video_file"):
            self.add_error("video_file", message)
            return None
        if held is MISSING:
            self.add_error("video_file", _("视频已过期，请重新选择文件。"))
            return None
        if held and url:
            self.add_error("video_url", _("视频文件和视频链接只能选一种；要改用链接，请先勾选“删除视频”。"))
            return None
        if url:
            try:
                uploads.check_video_link(url)
            except ValidationError as error:
                self.add_error("video_url", error)
                return None
        elif held and not transcript:
            self.add_error("video_transcript", _("请填写视频文字稿，方便听障读者和弱网读者。"))
            return None
        elif not held and (caption or transcript):
            self.add_error("video_file", _("请上传视频文件或填写视频链接。"))
            return None
        if not (held or url):
            return None
        return {"held": held, "url": url, "caption": caption, "transcript": to_rich_text(transcript)}


class InlineImageForm(HeldUploadsForm):
    """One picture for the body: a new file, or the one this row already holds, with its description."""

    file = forms.FileField(label=_("图片文件"), required=False, widget=IMAGE_INPUT)
    upload = forms.UUIDField(required=False, widget=forms.HiddenInput)
    image = forms.IntegerField(required=False, widget=forms.HiddenInput)
    alt = forms.CharField(label=_("图片描述（供看不到图片的读者）"), max_length=200, required=False)
    caption = forms.CharField(label=_("图注（可选）"), max_length=255, required=False)

    def __init__(self, *args, known_images=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.known_images = known_images

    @cached_property
    def held(self):
        """A pending upload or a library image the creator may use; None for an empty row."""
        if pending := self.pending("upload", PendingUpload.Kind.IMAGE):
            return pending
        if value := self["image"].value():
            return uploads.allowed_image(self.user, value, self.known_images) or MISSING
        return None

    @property
    def status(self):
        return describe(self.held)

    def has_changed(self):
        # A row whose file was refused has nothing else to show it was used: still check it.
        return bool(self.refusal("file")) or super().has_changed()

    def clean(self):
        cleaned = super().clean()
        if message := self.refusal("file"):
            self.add_error("file", message)
        elif self.held is MISSING:
            self.add_error("file", _("这张图片已过期或无法使用，请重新选择文件。"))
        elif self.held is None and (cleaned.get("alt") or cleaned.get("caption")):
            self.add_error("file", _("请选择图片文件。"))
        elif self.held is not None and not cleaned.get("alt", "").strip():
            self.add_error("alt", _("请为这张图片写一句描述，供看不到图片的读者。"))
        return cleaned


class BaseInlineImageFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": _("每篇作品最多 %(num)d 张图片。"),
        "too_few_forms": _("图片数量不对。"),
        "missing_management_form": _("表单不完整，请刷新页面后重试。"),
    }

    def pictures(self):
        """(number, row) for each row that holds a picture and is not ticked for deletion: 图1 is row 1."""
        return [
            (number, row)
            for number, row in enumerate(self.forms, start=1)
            if row.held not in (None, MISSING) and not self._should_delete_form(row)
        ]

    def deleted_numbers(self):
        return {number for number, row in enumerate(self.forms, start=1) if self._should_delete_form(row)}


InlineImageFormSet = forms.formset_factory(
    InlineImageForm,
    formset=BaseInlineImageFormSet,
    extra=3,
    can_delete=True,
    max_num=settings.PORTAL_CREATOR_IMAGES_PER_WORK,
    absolute_max=settings.PORTAL_CREATOR_IMAGES_PER_WORK,
    validate_max=True,
)
IMAGE_ROWS_PER_CLICK = 3
UPLOAD_FIELDS = {"cover", "video_file", "file"}


class WorkSubmission:
    """The work form's three parts, checked together; then the body with its media in place."""

    def __init__(self, data=None, *, user, initial=None, known_images=(), known_documents=(), refused=None):
        initial = initial or {}
        if data is not None and "images-TOTAL_FORMS" not in data:
            # A post without the pictures' management form (not from this page) has no pictures.
            data = data.copy()
            data.update({"images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0"})
        self.text = SubmissionForm(data, initial=initial.get("text"))
        self.media = WorkMediaForm(
            data, initial=initial.get("media"), user=user, known_documents=known_documents, refused=refused
        )
        self.images = InlineImageFormSet(
            data,
            prefix="images",
            initial=initial.get("images"),
            form_kwargs={"user": user, "known_images": known_images, "refused": refused},
        )

    def is_valid(self):
        parts = [self.text.is_valid(), self.media.is_valid(), self.images.is_valid()]
        if all(parts):
            self._check_placeholders()
        return all(parts) and not self.text.errors

    def _check_placeholders(self):
        numbers = {number for number, _row in self.images.pictures()}
        dropped = self.images.deleted_numbers()
        video_dropped = self.media.cleaned_data.get("video_delete")
        messages = []
        for block in self.text.cleaned_data["blocks"]:
            if block["type"] != PLACEHOLDER:
                continue
            number = block["value"]["number"]
            if block["value"]["kind"] == "image" and number not in numbers | dropped:
                messages.append(
                    _gettext("正文中的 [图%(n)s] 没有对应的图片：请在下面“图%(n)s”处选择图片，或删去这一行。")
                    % {"n": number}
                )
            elif (
                block["value"]["kind"] == "video"
                and not self.media.cleaned_data["video"]
                and not video_dropped
            ):
                messages.append(_gettext("正文中有 [视频],但还没有上传视频文件或填写视频链接。"))
        for message in dict.fromkeys(messages):
            self.text.add_error("body", message)

    def only_upload_errors(self):
        """After 再添加图片 (not a save): keep the messages about files, drop those about fields the
        creator has not filled in yet."""
        for form in (self.text, self.media, *self.images.forms):
            for name in list(form.errors):
                if name not in UPLOAD_FIELDS:
                    del form.errors[name]

    def body(self, figures, video_blocks):
        """The body's blocks: each placeholder replaced by its picture (`figures`: number → image
        block value) or the video (`video_blocks`); pictures and video not placed follow the text."""
        blocks, placed = [], set()
        for block in self.text.cleaned_data["blocks"]:
            if block["type"] != PLACEHOLDER:
                blocks.append(block)
            elif block["value"]["kind"] == "image" and block["value"]["number"] in figures:
                blocks.append({"type": "image", "value": figures[block["value"]["number"]]})
                placed.add(block["value"]["number"])
            elif block["value"]["kind"] == "video" and video_blocks:
                blocks.extend(video_blocks)
                placed.add("video")
        blocks += [{"type": "image", "value": figures[n]} for n in sorted(figures) if n not in placed]
        if "video" not in placed:
            blocks += video_blocks
        return blocks


def video_link_paragraph(url, caption, transcript):
    """A linked video as the body can show it today: a paragraph with the link, then the transcript
    (ArticlePage's video block plays library files only; it has no player for other sites)."""
    label = escape(caption or _gettext("观看视频"))
    link = f'<p>{_gettext("视频")}:<a href="{escape(url)}">{label}</a></p>'
    return {"type": "paragraph", "value": sanitize(link) + transcript}
