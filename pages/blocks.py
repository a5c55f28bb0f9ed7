"""Content blocks every page body may use. Science works add media and references (articles.blocks)."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

# The rich-text features a reader's page allows; the creator portal sanitises to the same set.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("标题"), max_length=120)

    class Meta:
        icon = "title"
        label = _("小标题")
        template = "pages/blocks/heading.html"
        description = _("正文中的小标题,把长文分成易读的段落。")
        preview_value = {"text": "草原为什么会沙化"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("段落")
        template = "pages/blocks/paragraph.html"
        description = _("正文段落,可加粗、斜体、列表和链接。")
        preview_value = "<p>科学技术普及是国家和社会普及科学技术知识、弘扬科学精神、传播科学思想、倡导科学方法的活动。</p>"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("图片"))
    caption = blocks.CharBlock(label=_("图注"), max_length=255, required=False)
    source = blocks.CharBlock(
        label=_("来源"), max_length=255, required=False, help_text=_("留空则使用图片自带的来源信息。")
    )

    class Meta:
        icon = "image"
        label = _("图片")
        template = "pages/blocks/image.html"
        description = _("带图注和来源的图片;替代文本取自图片库。")
        preview_value = {"caption": "示意图:围栏禁牧后草场植被逐步恢复", "source": "演示"}


class FactBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("标题"), max_length=60, default="知识点")
    text = blocks.RichTextBlock(label=_("内容"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("知识点")
        template = "pages/blocks/fact.html"
        description = _("醒目的知识点框,概括一个要记住的事实。")
        preview_value = {
            "title": "知识点",
            "text": "<p>一氧化碳无色无味,中毒者往往在不知不觉中失去自救能力。</p>",
        }


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("引文"))
    attribution = blocks.CharBlock(label=_("出处"), max_length=255, required=False)

    class Meta:
        icon = "openquote"
        label = _("引文")
        template = "pages/blocks/quote.html"
        description = _("引用一段文字,并注明出处。")
        preview_value = {
            "text": "科技创新、科学普及是实现创新发展的两翼。",
            "attribution": "《内蒙古自治区关于进一步加强科学技术普及工作的实施方案》引述",
        }


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("问题"), max_length=255)
    answer = blocks.RichTextBlock(label=_("回答"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("问答")


class QuestionsBlock(blocks.StructBlock):
    items = blocks.ListBlock(QuestionAnswerBlock(), label=_("问答"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("问与答")
        template = "pages/blocks/questions.html"
        description = _("一组常见问题及回答。")
        preview_value = {
            "items": [
                {
                    "question": "煤炉取暖时开一条窗缝就安全了吗?",
                    "answer": "<p>不一定。还要保证烟道畅通、安装一氧化碳报警器。</p>",
                }
            ]
        }


def images_in(stream_value):
    """The images chosen in a stream's blocks (pictures and video posters), to load their renditions at once."""
    found = []
    for block in stream_value:
        if isinstance(block.value, blocks.StructValue):
            found.extend(
                block.value[name] for name in ("image", "poster") if block.value.get(name) is not None
            )
    return found


class BasicBodyBlock(blocks.StreamBlock):
    """The body of standard pages and news."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    fact = FactBlock()
    quote = QuoteBlock()
    qa = QuestionsBlock()

    class Meta:
        icon = "doc-full"
