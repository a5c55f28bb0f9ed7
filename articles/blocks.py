"""Blocks only science works have: video, audio and references, on top of the shared body blocks."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import get_text_for_indexing

from pages.blocks import RICH_TEXT_FEATURES, BasicBodyBlock

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")


class TranscriptRequired:
    """A video or audio block must carry its full text (WCAG 1.2.1/1.2.3: an alternative for
    readers who cannot hear or cannot load the file): a transcript of only spaces or empty
    paragraphs is refused, not only an empty field. (Checked here rather than by a validator on
    the field, which would change the block definition that migrations record.)"""

    def clean(self, value):
        value = super().clean(value)
        transcript = value.get("transcript")
        if not get_text_for_indexing(transcript.source if transcript else "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "transcript": ValidationError(_("请填写完整的文字稿，供听不到或打不开音视频的读者阅读。"))
                }
            )
        return value


class VideoBlock(TranscriptRequired, blocks.StructBlock):
    video = DocumentChooserBlock(label=_("视频文件"), required=False, help_text=_("MP4 或 WebM。"))
    poster = ImageChooserBlock(label=_("封面帧"), required=False)
    caption = blocks.CharBlock(label=_("说明"), max_length=255, required=False)
    transcript = blocks.RichTextBlock(
        label=_("文字稿"),
        features=RICH_TEXT_FEATURES,
        help_text=_("视频的完整文字稿:方便听障读者、弱网读者和搜索。"),
    )

    class Meta:
        icon = "media"
        label = _("视频")
        template = "articles/blocks/video.html"
        description = _("自有视频文件,附完整文字稿。")
        preview_value = {
            "caption": "流星雨观测指南",
            "transcript": "<p>观测流星雨不需要望远镜,找一个远离灯光的开阔地,躺下来看整片天空即可。</p>",
        }


class AudioBlock(TranscriptRequired, blocks.StructBlock):
    audio = DocumentChooserBlock(label=_("音频文件"), required=False, help_text=_("MP3、M4A 或 OGG。"))
    caption = blocks.CharBlock(label=_("说明"), max_length=255, required=False)
    transcript = blocks.RichTextBlock(
        label=_("文字稿"), features=RICH_TEXT_FEATURES, help_text=_("音频的完整文字稿。")
    )

    class Meta:
        icon = "media"
        label = _("音频")
        template = "articles/blocks/audio.html"
        description = _("广播、讲座等音频,附完整文字稿。")
        preview_value = {
            "caption": "牧区广播:冬春季牲畜补饲",
            "transcript": "<p>入冬前要储备足够的优质饲草,按照牲畜的膘情分群补饲。</p>",
        }


class ReferenceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("题名"), max_length=255)
    authors = blocks.CharBlock(label=_("作者"), max_length=255, required=False)
    publisher = blocks.CharBlock(label=_("出版者/机构"), max_length=255, required=False)
    year = blocks.IntegerBlock(label=_("年份"), required=False, min_value=1800, max_value=2100)
    url = blocks.URLBlock(label=_("网址"), required=False)
    doi = blocks.CharBlock(label=_("DOI"), max_length=255, required=False, help_text=_("如 10.1000/xyz123"))

    class Meta:
        icon = "link"
        label = _("参考文献")

    def clean(self, value):
        value = super().clean(value)
        doi = (value.get("doi") or "").strip()
        if doi.lower().startswith("https://doi.org/"):
            doi = doi[len("https://doi.org/") :]
        if doi and not DOI_PATTERN.match(doi):
            raise StructBlockValidationError(
                block_errors={"doi": ValidationError(_("DOI 格式不正确,应形如 10.1000/xyz123。"))}
            )
        value["doi"] = doi
        return value


class ReferencesBlock(blocks.StructBlock):
    items = blocks.ListBlock(ReferenceBlock(), label=_("文献"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("参考文献")
        template = "articles/blocks/references.html"
        description = _("作品所依据的文献、标准和权威资料,可填 DOI 或网址。")
        preview_value = {
            "items": [
                {
                    "title": "一氧化碳中毒预防指南",
                    "publisher": "示例出版机构",
                    "year": 2024,
                    "url": "",
                    "doi": "",
                }
            ]
        }


class ArticleBodyBlock(BasicBodyBlock):
    """The body of a science work."""

    video = VideoBlock()
    audio = AudioBlock()
    references = ReferencesBlock()
