"""A vertical flow of lines, boxes and pictures on one PDF page, measured before it is painted.

A flow is planned first (every item knows its height) and painted once the leaflet has chosen the
plan that fits; so nothing is drawn that is not kept, and the page never breaks.
"""

import io
from dataclasses import dataclass, replace

from . import typeset


class Tone:
    """The portal's palette (portal.css), as RGB."""

    INK = (31, 42, 36)
    MUTED = (85, 97, 90)
    GREEN = (47, 125, 79)
    GREEN_DARK = (33, 92, 57)
    GREEN_LIGHT = (232, 243, 236)
    SKY = (42, 111, 151)
    WARN = (138, 75, 0)
    WARN_LIGHT = (255, 244, 224)
    LINE = (217, 226, 220)


@dataclass(frozen=True)
class Style:
    size: float  # pt
    leading: float  # line height as a multiple of the size
    bold: bool = False
    tone: tuple = Tone.INK

    @property
    def line_height(self):
        return self.size * self.leading

    def but(self, **changes):
        return replace(self, **changes)


# Panels as (fill, edge, heading).
CORRECTION = (Tone.WARN_LIGHT, Tone.WARN, Tone.WARN)

# Widest letter-spacing a justified line may take, as a share of the type size; a line needing more
# (a long word pushed to the next line) stays ragged.
MAX_JUSTIFY = 0.3
# Where a web address may break across lines: after these.
ADDRESS_BREAKS = "/-._?&="


class Column:
    """Makes flows on one document and measures text for them."""

    def __init__(self, pdf):
        self.pdf = pdf
        self._widths = {}

    def new(self, width):
        return Flow(self, width)

    def use(self, style):
        self.pdf.set_font("leaflet", "B" if style.bold else "", style.size)
        self.pdf.set_text_color(*style.tone)

    def measure(self, text, style):
        key = (text, style.bold, style.size)
        if key not in self._widths:
            self.pdf.set_font("leaflet", "B" if style.bold else "", style.size)
            self._widths[key] = self.pdf.get_string_width(text)
        return self._widths[key]

    def wrap(self, text, width, style):
        return typeset.wrap(text, width, lambda part: self.measure(part, style))

    def cut(self, line, width, style):
        return typeset.cut(line, width, lambda part: self.measure(part, style))


class Flow:
    def __init__(self, column, width):
        self.column, self.pdf, self.width = column, column.pdf, width
        self.items = []  # (height, paint(x, y))
        self.height = 0.0
        self.cut = False  # something was left out or shortened

    def _add(self, height, paint):
        self.items.append((height, paint))
        self.height += height

    def paint(self, x, y):
        for height, paint in self.items:
            paint(x, y)
            y += height

    def space(self, height):
        self._add(height, lambda x, y: None)

    def lines(self, text, style, width=None, max_lines=None):
        """`text` (paragraphs split by newlines) wrapped to `width`, as (line, ends a paragraph); past
        `max_lines` the last line kept ends in ……."""
        width = width or self.width
        found = []
        for paragraph in text.split("\n"):
            wrapped = self.column.wrap(paragraph, width, style)
            found += [(line, i == len(wrapped) - 1) for i, line in enumerate(wrapped)]
        if max_lines is not None and len(found) > max_lines:
            found = self._shortened(found, max_lines, width, style)
        return found

    def _shortened(self, lines, count, width, style):
        self.cut = True
        lines = lines[:count]
        lines[-1] = (self.column.cut(lines[-1][0], width, style), True)
        return lines

    def text(self, text, style, justify=False, max_lines=None):
        for line, last in self.lines(text, style, max_lines=max_lines):
            self._add(style.line_height, self._line_painter(line, style, self.width, justify and not last))

    def _line_painter(self, line, style, width, justify, align="L"):
        def paint(x, y):
            self.column.use(style)
            spacing = 0.0
            if justify and len(line) > 1:
                spacing = (width - self.column.measure(line, style)) / (len(line) - 1)
                spacing = spacing if 0 < spacing <= style.size * MAX_JUSTIFY else 0.0
            self.pdf.set_char_spacing(spacing)
            self.pdf.set_xy(x, y)
            self.pdf.cell(width, style.line_height, line, align=align)
            self.pdf.set_char_spacing(0)

        return paint

    def image(self, data, width, height):
        def paint(x, y):
            self.pdf.image(_stream(data), x=x + (self.width - width) / 2, y=y, w=width, h=height)

        self._add(height, paint)

    def rule(self, gap=6.0):
        def paint(x, y):
            self.pdf.set_draw_color(*Tone.LINE)
            self.pdf.set_line_width(0.6)
            self.pdf.line(x, y, x + self.width, y)

        self._add(gap, paint)

    def box(self, heading, texts, style, palette=None, room=None, max_lines=None):
        """A tinted panel with a coloured edge, its heading (if any), then its text: a 知识点 box, or
        the corrections. With `room` (the most this flow may grow to) or `max_lines`, the text is
        cut to fit, or the box left out when not a line of it fits. Whether it went in whole."""
        fill, edge_tone, heading_tone = palette or (Tone.GREEN_LIGHT, Tone.GREEN, Tone.GREEN_DARK)
        pad, edge = style.size * 0.7, style.size * 0.28
        inner = self.width - edge - 2 * pad
        heading_style = style.but(bold=True, tone=heading_tone, leading=1.6)
        lines = self.lines("\n".join(texts), style, width=inner)
        fixed = 2 * pad + (heading_style.line_height if heading else 0)
        fits = len(lines) if max_lines is None else max_lines
        if room is not None:
            fits = min(fits, int((room - self.height - fixed) // style.line_height))
        if fits < 1:
            self.cut = True
            return False
        whole = fits >= len(lines)
        if not whole:
            lines = self._shortened(lines, fits, inner, style)
        height = fixed + len(lines) * style.line_height

        def paint(x, y):
            self.pdf.set_fill_color(*fill)
            self.pdf.rect(x, y, self.width, height, style="F")
            self.pdf.set_fill_color(*edge_tone)
            self.pdf.rect(x, y, edge, height, style="F")
            left, top = x + edge + pad, y + pad
            if heading:
                self._line_painter(heading, heading_style, inner, False)(left, top)
                top += heading_style.line_height
            for line, last in lines:
                self._line_painter(line, style, inner, not last)(left, top)
                top += style.line_height

        self._add(height, paint)
        return whole

    def row(self, left, gap, picture, side):
        """`left` (a flow) beside a square picture of `side` at the right."""

        def paint(x, y):
            left.paint(x, y)
            self.pdf.image(picture, x=x + self.width - side, y=y, w=side, h=side)

        self._add(max(left.height, side), paint)

    def address(self, url, style):
        """A web address right-aligned, broken after / - . when it is wider than the flow."""
        lines, line = [], ""
        for char in url:
            if line and self.column.measure(line + char, style) > self.width:
                at = max((line.rfind(mark) for mark in ADDRESS_BREAKS), default=-1)
                at = at + 1 if at > 0 else len(line)
                lines.append(line[:at])
                line = line[at:]
            line += char
        lines.append(line)
        for part in lines:
            self._add(style.line_height, self._line_painter(part, style, self.width, False, align="R"))


def _stream(data):
    return data if hasattr(data, "read") else io.BytesIO(data)
