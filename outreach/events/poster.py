"""An event's poster (issue 12): one A4 page with the title, campaign, dates and times, place,
organizer, audiences, summary, the reviewer credit, the portal's name and a QR code to the event's
page with its address printed. Set in the manner of the leaflets, with their fonts and layout
(channels/leaflets), and said the same way as every channel (channels.credit)."""

import hashlib
import json

from fpdf import FPDF

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from channels import credit
from channels.leaflets import fonts as leaflet_fonts
from channels.leaflets.fonts import FontMissing
from channels.leaflets.layout import Column, Style, Tone
from channels.leaflets.pdf import SIZES, approval, mm, portal, qr_code
from channels.leaflets.typeset import paragraphs

MAX_AGE = 300
KEEP = 60 * 60 * 24
SPEC = SIZES["A4"]

__all__ = ["FontMissing", "cached", "render"]


def when(event):
    """The dates and times in words: 2026年5月18日 09:00—11:30, or across days 5月18日 09:00 至 5月20日 17:00."""
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    if start.date() == end.date():
        return f"{start:%Y}年{start.month}月{start.day}日 {start:%H:%M}—{end:%H:%M}"
    return f"{start:%Y}年{start.month}月{start.day}日 {start:%H:%M} 至 {end:%Y}年{end.month}月{end.day}日 {end:%H:%M}"


def facts(event):
    """The poster's (label, value) lines, those with a value."""
    audiences = "、".join(audience.name for audience in event.audiences.all())
    rows = [
        (_("时间"), when(event)),
        (_("地点"), event.place),
        (_("形式"), event.get_format_display()),
        (_("主办单位"), event.organizer),
        (_("适合人群"), audiences),
    ]
    if event.takes_signups:
        rows.append((_("报名"), _("名额 %(count)s 人，扫描二维码在活动页面报名") % {"count": event.capacity}))
    return [(label, value) for label, value in rows if value]


class Poster:
    def __init__(self, event, url):
        self.event, self.url = event, url
        self.facts = facts(event)
        self.credit = credit.credit_line(event.review_credit)
        self.campaign = event.campaign.name if event.campaign_id and event.campaign else ""
        self.paragraphs = [
            text
            for block in event.description
            if block.block_type == "paragraph"
            for text in paragraphs(block.value.source)
        ]
        self.pdf = self._document()
        self.width = self.pdf.w - 2 * SPEC.margin
        self.column = Column(self.pdf)

    def _all_text(self):
        parts = [self.event.title, self.event.summary, self.campaign, self.credit, self.url, *self.paragraphs]
        parts += [label + value for label, value in self.facts]
        return "".join([*parts, portal(), approval(), _("科普活动")])

    def _document(self):
        pdf = FPDF(unit="pt", format=SPEC.page)
        pdf.set_auto_page_break(False)
        pdf.set_margins(0, 0, 0)
        pdf.c_margin = 0
        leaflet_fonts.install(pdf, "leaflet", self._all_text())
        pdf.set_title(self.event.title)
        pdf.set_author(self.event.organizer)
        pdf.set_subject(self.event.summary)
        pdf.set_creator(portal())
        pdf.set_lang("zh-CN")
        return pdf

    def build(self):
        pdf = self.pdf
        pdf.add_page()
        self._band()
        footer = self._footer()
        top = SPEC.margin + SPEC.band + mm(8)
        room = pdf.h - SPEC.margin - footer.height - mm(6) - top
        # The largest type that fits with the whole description, then with fewer of its paragraphs.
        plans = [(count, scale) for count in range(len(self.paragraphs), -1, -1) for scale in (1.0, 0.9, 0.8)]
        for count, scale in plans:
            body = self._body(scale, self.paragraphs[:count])
            if body.height <= room:
                break
        body.paint(SPEC.margin, top)
        footer.paint(SPEC.margin, pdf.h - SPEC.margin - footer.height)
        return bytes(pdf.output())

    def _band(self):
        pdf = self.pdf
        pdf.set_fill_color(*Tone.GREEN)
        pdf.rect(SPEC.margin, SPEC.margin, self.width, SPEC.band, style="F")
        pdf.set_text_color(255, 255, 255)
        pdf.set_font("leaflet", "B", SPEC.band_size)
        pdf.set_xy(SPEC.margin + mm(4), SPEC.margin)
        pdf.cell(self.width / 2, SPEC.band, portal())
        pdf.set_font("leaflet", "", SPEC.band_size * 0.72)
        pdf.set_xy(SPEC.margin + self.width / 2, SPEC.margin)
        pdf.cell(self.width / 2 - mm(4), SPEC.band, _("科普活动"), align="R")

    def _body(self, scale, paragraphs):
        body = self.column.new(self.width)
        size = 15 * scale
        if self.campaign:
            body.text(self.campaign, Style(size * 1.1, 1.5, bold=True, tone=Tone.SKY))
            body.space(size * 0.3)
        body.text(self.event.title, Style(32 * scale, 1.3, bold=True), max_lines=3)
        body.space(size * 1.2)
        texts = [f"{label}：{value}" for label, value in self.facts]
        body.box(None, texts, Style(size, 1.8))
        body.space(size * 1.2)
        body.text(self.event.summary, Style(size, 1.8), justify=True, max_lines=10)
        for text in paragraphs:
            body.space(size * 0.6)
            body.text(text, Style(size * 0.9, 1.75, tone=Tone.MUTED), justify=True, max_lines=6)
        return body

    def _footer(self):
        qr_side, gap = mm(38), mm(5)
        left = self.column.new(self.width - qr_side - gap)
        small = Style(SPEC.footer * 1.1, 1.6)
        if self.credit:
            left.text(self.credit, small.but(tone=Tone.GREEN_DARK))
            left.space(SPEC.footer * 0.4)
        left.text(
            _("扫描右侧二维码，查看活动详情、报名，或在浏览器中输入下方网址。"), small.but(tone=Tone.MUTED)
        )
        footer = self.column.new(self.width)
        footer.rule()
        footer.row(left, gap, qr_code(self.url), qr_side)
        footer.address(self.url, Style(SPEC.address * 1.2, 1.4, tone=Tone.SKY))
        footer.space(SPEC.address * 0.5)
        footer.text(f"{portal()} · {approval()}", Style(SPEC.address, 1.4, tone=Tone.MUTED))
        return footer


def render(event, url):
    return Poster(event, url).build()


def cached(event, url):
    """The PDF, made once per live revision, review credit and address (a day at most)."""
    facts_key = [event.pk, event.live_revision_id, event.review_credit, url]
    key = (
        "event-poster:"
        + hashlib.sha256(json.dumps(facts_key, default=str, sort_keys=True).encode()).hexdigest()
    )
    data = cache.get(key)
    if data is None:
        data = render(event, url)
        cache.set(key, data, KEEP)
    return data
