"""Chinese line breaking for the leaflets: 禁则 (GB/T 15834, CLREQ), and cutting text to fit.

A line may break between any two hanzi, but never before closing punctuation (，。、：；）」 …) nor after
opening punctuation (（「 …); 省略号 …… and 破折号 —— stay whole; a Latin word or a number (PM2.5,
120 分钟, CO₂) is not split unless it is wider than the line. Breaking works on units that already hold
what must stay together, so a line that cannot take a unit's last character takes it down whole (the
previous character goes with the punctuation to the next line).
"""

import html
import re

from django.utils.html import strip_tags

# May not begin a line: closing brackets and quotes, pause and stop marks, and the marks that follow
# what they belong to.
NO_START = frozenset("，。、：；！？）」』】〉》〕］｝”’…—～·%‰℃,.;:!?)]}»›")
# May not end a line: opening brackets and quotes.
NO_END = frozenset("（「『【〈《〔［｛“‘([{«‹")
# What a cut line loses before its ellipsis: a pause mark or an opening bracket before …… reads wrong.
TRIM_BEFORE_ELLIPSIS = "，、；：（「『【〈《“‘ "
ELLIPSIS = "……"

_WORD = r"[0-9A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u2070-\u209F]"
_ATOMS = re.compile(rf"{_WORD}(?:{_WORD}|[.,:/\-_+%'’#@=?&~]{_WORD})*|\s+|.", re.S)


def units(text):
    """`text` as the pieces a line break may fall between (a single " " where spaces were)."""
    found = []
    opening = ""
    for atom in _ATOMS.findall(text):
        if atom.isspace():
            if opening:
                found.append(opening)
                opening = ""
            if found and found[-1] != " ":
                found.append(" ")
            continue
        if atom in NO_END:
            opening += atom
            continue
        atom, opening = opening + atom, ""
        if atom[0] in NO_START and found and found[-1] != " ":
            found[-1] += atom
        else:
            found.append(atom)
    if opening:
        found.append(opening)
    return found


def wrap(text, width, measure):
    """Lines of `text` no wider than `width`, as measured by `measure(string)`."""
    lines, line = [], ""
    for unit in units(text):
        if unit == " ":
            if line:
                line += " "
            continue
        if measure(line + unit) <= width or not line.strip():
            line += unit
        else:
            lines.append(line.rstrip())
            line = unit
        while measure(line) > width and len(line) > 1:
            # A word wider than the line: break it where it overflows.
            cut = next(i for i in range(1, len(line) + 1) if measure(line[:i]) > width) - 1
            cut = max(cut, 1)
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines


def cut(line, width, measure, mark=ELLIPSIS):
    """`line` shortened so that it ends in `mark` and fits `width`."""
    while line and (measure(line.rstrip(TRIM_BEFORE_ELLIPSIS) + mark) > width or line[-1] in NO_END):
        line = line[:-1]
    return line.rstrip(TRIM_BEFORE_ELLIPSIS) + mark


def paragraphs(rich_text):
    """The paragraphs of a rich-text field as plain text (list items keep a bullet)."""
    text = re.sub(r"(?i)<li[^>]*>", "\n• ", rich_text)
    text = re.sub(r"(?i)<br\s*/?>|</(p|li|h[1-6]|div|blockquote)>", "\n", text)
    text = html.unescape(strip_tags(text))
    return [" ".join(part.split()) for part in text.split("\n") if part.strip()]
