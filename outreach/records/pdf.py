"""A certificate as a one-page A4 PDF: portal, person, affiliation (if public), period, the figures,
serial, issue date, and the QR code of the verification URL with that URL printed under it.

Set in channels.leaflets' bundled CJK font, the QR code drawn as the leaflets draw theirs. `render()`
reads only the certificate's snapshot, so a certificate downloaded again prints the same figures.
"""

import datetime

from fpdf import FPDF
from fpdf.enums import WrapMode

from django.utils.translation import gettext as _

from channels.leaflets import fonts as leaflet_fonts
from channels.leaflets.layout import Tone
from channels.leaflets.pdf import mm, portal, qr_code

from . import figures as records
from .certificates import groups_of

PAGE = (mm(210), mm(297))
MARGIN = mm(20)
QR_SIDE = mm(36)


def title():
    return _("科普工作量证明")


def explanation():
    return _(
        "以上数字由本站根据站内记录自动统计：发表作品为本人名下经三审（初审、科学性审核、终审）后在线发布的作品；"
        "参与审核为本人在三审各环节作出的审核决定和专家意见（不含稿件内容）；派单讲座为“点单/派单”服务中派给本人"
        "的讲座；志愿服务时长为活动组织方登记的时长。"
    )


def verify_hint():
    return _(
        "扫描二维码或在浏览器中输入下方网址，可在本站核验这份证明的真伪和数字。证明开具后任何数字被改动，核验都不会通过。"
    )


def render(certificate, *, url, show_affiliation):
    """The certificate as PDF bytes; `url` is the absolute verification address (printed and in the QR)."""
    snapshot = certificate.snapshot
    period = records.Period.from_json(snapshot["period"])
    lines = records.lines(snapshot["figures"], groups_of(snapshot["roles"], snapshot["figures"]))
    person = [(_("姓名"), snapshot["name"])]
    if show_affiliation and snapshot["affiliation"]:
        person.append((_("单位"), snapshot["affiliation"]))
    roles = "、".join(str(records.ROLES[role]) for role in snapshot["roles"] if role in records.ROLES)
    if roles:
        person.append((_("身份"), roles))
    person.append((_("统计期间"), period.label))
    issued = records.day_text(datetime.date.fromisoformat(snapshot["issued_on"]))
    texts = [title(), portal(), explanation(), verify_hint(), url, certificate.serial, issued]
    texts += [f"{label}{value}" for label, value in person + lines]
    pdf = _document(texts, snapshot["name"])
    width = pdf.w - 2 * MARGIN

    pdf.add_page()
    # The band: portal name on green.
    pdf.set_fill_color(*Tone.GREEN)
    pdf.rect(MARGIN, MARGIN, width, mm(12), style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("cert", "B", 15)
    pdf.set_xy(MARGIN + mm(4), MARGIN)
    pdf.cell(width - mm(8), mm(12), portal())
    pdf.set_font("cert", "", 10)
    pdf.set_xy(MARGIN + mm(4), MARGIN)
    pdf.cell(width - mm(8), mm(12), _("编号：%(serial)s") % {"serial": certificate.serial}, align="R")

    pdf.set_text_color(*Tone.INK)
    pdf.set_font("cert", "B", 26)
    pdf.set_xy(MARGIN, MARGIN + mm(24))
    pdf.cell(width, mm(14), title(), align="C")

    y = MARGIN + mm(48)
    y = _pairs(pdf, person, y, width, size=13)
    y += mm(6)
    pdf.set_draw_color(*Tone.LINE)
    pdf.line(MARGIN, y, MARGIN + width, y)
    y += mm(6)
    pdf.set_font("cert", "B", 14)
    pdf.set_text_color(*Tone.GREEN_DARK)
    pdf.set_xy(MARGIN, y)
    pdf.cell(width, mm(8), _("科普工作量"))
    y += mm(11)
    if lines:
        y = _pairs(pdf, lines, y, width, size=13)
    else:
        pdf.set_font("cert", "", 13)
        pdf.set_text_color(*Tone.INK)
        pdf.set_xy(MARGIN, y)
        pdf.cell(width, mm(8), _("统计期间内没有记录。"))
        y += mm(10)
    y += mm(6)
    pdf.set_font("cert", "", 9.5)
    pdf.set_text_color(*Tone.MUTED)
    pdf.set_xy(MARGIN, y)
    pdf.multi_cell(width, 9.5 * 1.6, explanation(), wrapmode=WrapMode.CHAR)

    # The footer: issue line on the left, QR code on the right, the address under both.
    top = pdf.h - MARGIN - QR_SIDE - mm(14)
    pdf.line(MARGIN, top - mm(5), MARGIN + width, top - mm(5))
    pdf.image(qr_code(url), x=MARGIN + width - QR_SIDE, y=top, w=QR_SIDE, h=QR_SIDE)
    left = width - QR_SIDE - mm(6)
    pdf.set_text_color(*Tone.INK)
    pdf.set_font("cert", "", 12)
    pdf.set_xy(MARGIN, top + mm(2))
    pdf.multi_cell(left, 12 * 1.7, _("特此证明。"), wrapmode=WrapMode.CHAR)
    pdf.set_xy(MARGIN, pdf.get_y() + mm(2))
    pdf.multi_cell(left, 12 * 1.7, f"{portal()}\n{issued}", wrapmode=WrapMode.CHAR)
    pdf.set_font("cert", "", 9)
    pdf.set_text_color(*Tone.MUTED)
    pdf.set_xy(MARGIN, pdf.get_y() + mm(3))
    pdf.multi_cell(left, 9 * 1.6, verify_hint(), wrapmode=WrapMode.CHAR)
    pdf.set_font("cert", "", 8.5)
    pdf.set_text_color(*Tone.SKY)
    pdf.set_xy(MARGIN, top + QR_SIDE + mm(3))
    pdf.multi_cell(width, 8.5 * 1.5, url, wrapmode=WrapMode.CHAR)
    assert pdf.pages_count == 1  # noqa: S101 (the layout is fixed and short)
    return bytes(pdf.output())


def _pairs(pdf, pairs, y, width, *, size):
    """`label：value` rows, the labels in a column of their own; returns the y under the last row."""
    label_width = mm(44)
    for label, value in pairs:
        pdf.set_xy(MARGIN, y)
        pdf.set_font("cert", "B", size)
        pdf.set_text_color(*Tone.MUTED)
        pdf.cell(label_width, size * 1.7, f"{label}：")
        pdf.set_font("cert", "", size)
        pdf.set_text_color(*Tone.INK)
        pdf.set_xy(MARGIN + label_width, y)
        pdf.multi_cell(width - label_width, size * 1.7, value, wrapmode=WrapMode.CHAR)
        y = pdf.get_y() + mm(1.5)
    return y


def _document(texts, author):
    pdf = FPDF(unit="pt", format=PAGE)
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.c_margin = 0
    leaflet_fonts.install(pdf, "cert", "".join(texts))
    pdf.set_title(title())
    pdf.set_author(author)
    pdf.set_creator(portal())
    pdf.set_lang("zh-CN")
    return pdf
