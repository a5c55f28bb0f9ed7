"""A published work as a one-page A4 or A5 leaflet: title, summary, key points (the 知识点 boxes), cover
picture, reviewer credit, corrections, and a QR code to the work with its address printed under it.

`render()` is a pure function of the work: it reads the page and its cover's print rendition and
writes nothing else. The page is always exactly one: when the content is long the type and picture
shrink step by step, and past the smallest step the key points are cut with …… and a note that the
full text is behind the QR code.
"""

import io
import logging
from dataclasses import dataclass

import segno
from fpdf import FPDF

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wagtail.images.models import SourceImageIOError

from channels import credit
from media import renditions

from . import fonts as leaflet_fonts
from .layout import CORRECTION, Column, Style, Tone
from .typeset import paragraphs

logger = logging.getLogger(__name__)


def mm(value):
    return value * 72 / 25.4


@dataclass(frozen=True)
class Spec:
    """One paper size: page and margins, type sizes (pt) at full scale, picture rendition."""

    name: str
    page: tuple  # width, height in pt
    margin: float
    band: float  # height of the title band, pt
    band_size: float
    title: float
    byline: float
    body: float
    footer: float
    address: float
    qr: float  # side of the QR code image, pt
    rendition: str  # the cover at ~150–200 dpi over the text width
    title_lines: int
    correction_lines: int


SIZES = {
    "A4": Spec(
        name="A4",
        page=(mm(210), mm(297)),
        margin=mm(15),
        band=mm(11),
        band_size=15,
        title=22,
        byline=10,
        body=13,
        footer=9,
        address=8,
        qr=mm(30),
        # The text is 180 mm wide: 1,200 px is 169 dpi (and the same file as the page's share image).
        rendition=renditions.SHARE,
        title_lines=3,
        correction_lines=6,
    ),
    "A5": Spec(
        name="A5",
        page=(mm(148), mm(210)),
        margin=mm(10),
        band=mm(8.5),
        band_size=11,
        title=16,
        byline=7.5,
        body=9.5,
        footer=7,
        address=6.5,
        qr=mm(24),
        # The text is 128 mm wide: 960 px is 190 dpi.
        rendition=renditions.PRINT_SMALL,
        title_lines=3,
        correction_lines=4,
    ),
}
# Tried in turn until the content fits: (type scale, picture scale).
STEPS = ((1.0, 1.0), (1.0, 0.8), (0.92, 0.8), (0.92, 0.62), (0.85, 0.62), (0.8, 0.5))


def portal():
    return _("内蒙古科普")


def approval():
    return _("本站实行三审制（初审、科学性审核、终审）")


def render(work, *, size="A4", url):
    """The leaflet of `work` as PDF bytes; `url` is the work's absolute address (printed and in the QR)."""
    return Leaflet(work, SIZES[size], url).build()


def key_points(work):
    """The work's 知识点 boxes as (title, paragraphs), in body order."""
    return [
        (block.value.get("title") or _("知识点"), paragraphs(block.value["text"].source))
        for block in work.body
        if block.block_type == "fact"
    ]


def cover_rendition(work, size):
    """The cover's print rendition for `size`, if it is made (at upload, by a job: never here)."""
    if work.cover_image is None:
        return None
    spec = SIZES[size].rendition
    return renditions.existing(work.cover_image, [spec]).get(spec)


def cover(work, spec):
    """The cover's print rendition as (JPEG bytes, width px, height px), or None."""
    if work.cover_image is None:
        return None
    rendition = cover_rendition(work, spec.name)
    if rendition is None:
        logger.warning("Leaflet of page %s printed without its cover: not made yet", work.pk)
        return None
    try:
        with rendition.file.open("rb") as file:
            return file.read(), rendition.width, rendition.height
    except (SourceImageIOError, OSError):
        # The picture's file is missing or unreadable: the leaflet goes out without it.
        logger.warning(
            "Leaflet of page %s printed without its cover (image %s)", work.pk, work.cover_image_id
        )
        return None


def qr_code(url):
    """The QR code of `url` as a 1-bit PNG with its quiet zone (4 modules), 8 px a module."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=8, border=4)
    buffer.seek(0)
    return buffer


class Leaflet:
    def __init__(self, work, spec, url):
        self.work, self.spec, self.url = work, spec, url
        self.key_points = key_points(work)
        self.corrections = credit.correction_lines(work.corrections.all())
        self.credit = credit.credit_line(work.review_credit)
        self.pdf = self._document()
        self.width = self.pdf.w - 2 * spec.margin
        self.column = Column(self.pdf)

    def _document(self):
        work = self.work
        pdf = FPDF(unit="pt", format=self.spec.page)
        pdf.set_auto_page_break(False)
        pdf.set_margins(0, 0, 0)
        pdf.c_margin = 0
        leaflet_fonts.install(pdf, "leaflet", self._all_text())
        pdf.set_title(work.title)
        pdf.set_author(work.creator_name)
        pdf.set_subject(work.summary)
        pdf.set_creator(portal())
        pdf.set_lang("zh-CN")
        if work.last_published_at:
            pdf.set_creation_date(work.last_published_at)
        return pdf

    def _all_text(self):
        work = self.work
        parts = [work.title, work.summary, work.creator_name, work.creator_affiliation, self.url]
        parts += [title + "".join(texts) for title, texts in self.key_points]
        parts += [self.credit, *self.corrections]
        return "".join([*parts, portal(), approval()])

    # The parts of the page, top to bottom.

    def build(self):
        spec, pdf = self.spec, self.pdf
        picture = cover(self.work, spec)
        footer = self._footer()
        top = spec.margin + spec.band + mm(5)
        room = pdf.h - spec.margin - footer.height - mm(4) - top
        for scale, picture_scale in STEPS:
            body = self._body(scale, picture and (picture, picture_scale))
            if body.height <= room:
                break
        else:
            body = self._body(scale, picture and (picture, picture_scale), room=room)
            if body.height > room:  # long corrections and credit: the picture gives way
                body = self._body(scale, None, room=room)
        pdf.add_page()
        self._band()
        body.paint(spec.margin, top)
        footer.paint(spec.margin, pdf.h - spec.margin - footer.height)
        assert pdf.pages_count == 1  # noqa: S101 (the layout above guarantees it)
        return bytes(pdf.output())

    def _band(self):
        spec, pdf = self.spec, self.pdf
        pdf.set_fill_color(*Tone.GREEN)
        pdf.rect(spec.margin, spec.margin, self.width, spec.band, style="F")
        pdf.set_text_color(255, 255, 255)
        pdf.set_font("leaflet", "B", spec.band_size)
        pdf.set_xy(spec.margin + mm(4), spec.margin)
        pdf.cell(self.width / 2, spec.band, portal())
        pdf.set_font("leaflet", "", spec.band_size * 0.72)
        pdf.set_xy(spec.margin + self.width / 2, spec.margin)
        kind = f"{_('科普作品')} · {self.work.get_form_display()}"
        pdf.cell(self.width / 2 - mm(4), spec.band, kind, align="R")

    def _byline(self):
        work = self.work
        author = work.creator_name
        if work.creator_affiliation:
            author += f"（{work.creator_affiliation}）"
        line = _("作者：%(author)s") % {"author": author}
        if work.first_published_at:
            published = date_format(timezone.localtime(work.first_published_at), "DATE_FORMAT")
            line += " · " + _("发布于%(date)s") % {"date": published}
        return line

    def _body(self, scale, picture, room=None):
        """The flow under the band at one scale; with `room`, cut to fit it."""
        spec = self.spec
        body = self.column.new(self.width)
        size = spec.body * scale
        title = Style(spec.title * scale, 1.3, bold=True)
        body.text(self.work.title, title, max_lines=spec.title_lines)
        body.space(size * 0.3)
        body.text(self._byline(), Style(spec.byline, 1.5, tone=Tone.MUTED))
        body.space(size * 0.8)
        if self.corrections:
            # At the top, as on the work's page: a reader sees what was corrected before reading.
            body.box(
                None,
                self.corrections,
                Style(size * 0.85, 1.6, tone=Tone.WARN),
                CORRECTION,
                max_lines=spec.correction_lines,
            )
            body.space(size * 0.8)
        if picture:
            (data, width, height), picture_scale = picture
            shown = self.width * picture_scale
            body.image(data, shown, shown * height / width)
            body.space(size * 0.8)
        body.text(self.work.summary, Style(size, 1.7), justify=True, max_lines=8)
        note = Style(size * 0.9, 1.5, tone=Tone.GREEN_DARK)
        limit = None if room is None else room - size * 0.4 - note.line_height
        for heading, texts in self.key_points:
            body.space(size * 0.7)
            if not body.box(heading, texts, Style(size, 1.7), room=limit):
                break
        if body.cut:
            body.space(size * 0.4)
            body.text(_("（篇幅所限，全文见二维码）"), note)
        return body

    def _footer(self):
        spec = self.spec
        qr_side = spec.qr
        gap = mm(5)
        left = self.column.new(self.width - qr_side - gap)
        small = Style(spec.footer, 1.55)
        if self.credit:
            left.text(self.credit, small.but(tone=Tone.GREEN_DARK))
        left.space(spec.footer * 0.4)
        left.text(
            _("扫描右侧二维码，阅读全文、查看参考资料，或在浏览器中输入下方网址。"),
            small.but(tone=Tone.MUTED),
        )
        footer = self.column.new(self.width)
        footer.rule()
        footer.row(left, gap, qr_code(self.url), qr_side)
        footer.address(self.url, Style(spec.address, 1.4, tone=Tone.SKY))
        footer.space(spec.address * 0.5)
        footer.text(f"{portal()} · {approval()}", Style(spec.address, 1.4, tone=Tone.MUTED))
        return footer
