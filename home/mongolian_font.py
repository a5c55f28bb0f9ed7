"""Builds the site's only web font: a WOFF2 subset of Noto Sans Mongolian for Mongolian pages.

    apt-get install fonts-noto-core        # Debian's Noto fonts, with NotoSansMongolian-Regular.ttf
    .venv/bin/python -m home.mongolian_font

writes portal/static/fonts/NotoSansMongolian-Regular.subset.woff2 (portal/static/css/mongolian.css
loads it) and NotoSansMongolian-label.woff2, the few letters of the language switcher's ᠮᠣᠩᠭᠣᠯ on
Chinese pages (includes/head_language.html). The subset keeps the whole Mongolian block with every glyph its shaping can reach
(the joining forms init/medi/fina/isol, rlig, the vertical forms vert/vrt2, the variation
selectors FVS1–4 and MVS), NNBSP, ZWJ/ZWNJ and the font's few punctuation marks; it drops the
TrueType hinting (phones ignore it, and it is a third of the file). The output is deterministic:
the same source font gives the same bytes.
"""

import argparse
import hashlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = Path("/usr/share/fonts/truetype/noto/NotoSansMongolian-Regular.ttf")
FONT_DIR = Path(__file__).resolve().parents[1] / "portal" / "static" / "fonts"
OUTPUT = FONT_DIR / "NotoSansMongolian-Regular.subset.woff2"

# What the subset keeps. The @font-face's unicode-range names only the first three rows, so a page
# asks for the font only when it has Mongolian text; the other marks are kept for text in this
# font's run (a Mongolian word in quotes, a Mongolian question) and cost a few glyphs.
CODEPOINTS = [
    *range(0x1800, 0x18B0),  # the Mongolian block: letters, digits, punctuation, FVS1-3 U+180B-D,
    # MVS U+180E, FVS4 U+180F, Todo/Sibe/Manchu/Ali Gali letters
    0x200C,  # ZWNJ
    0x200D,  # ZWJ
    0x202F,  # NNBSP: joins a case suffix to its word, shaped with it
    0x0020,  # space
    0x00A0,  # no-break space
    0x25CC,  # dotted circle, which the shaper draws under a lone variation selector
    *(ord(mark) for mark in '!"()-?'),
    *(ord(mark) for mark in "\u2013\u2014\u201c\u201d\u2048\u2049"),  # dashes, quotes, ?! !?
    *(ord(mark) for mark in "\u3001\u3002\u300a\u300b\u300c\u300d\u300e\u300f"),  # 、。《》「」『』
    *range(0xFE3D, 0xFE3F),  # vertical 《 》
    *range(0xFE41, 0xFE45),  # vertical 「」『』
]
# The language switcher's label on Chinese pages (settings.LANGUAGES' name of mn): a few letters with
# their joined forms, so a phone without a Mongolian font still reads it (about 2 KB).
LABEL_OUTPUT = FONT_DIR / "NotoSansMongolian-label.woff2"
LABEL_TEXT = "ᠮᠣᠩᠭᠣᠯ"
# Name records kept: family, style, full name, version, PostScript name, copyright, licence.
NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 13, 14]


def build(source=SOURCE, output=OUTPUT, codepoints=CODEPOINTS):
    """Write the subset to `output`; return the set of codepoints it maps."""
    options = subset.Options()
    options.layout_features = ["*"]  # every GSUB/GPOS feature: joining, ligatures, vertical forms
    options.layout_closure = True  # keep every glyph a kept feature can substitute in
    options.hinting = False
    options.name_IDs = NAME_IDS
    options.name_languages = [0x0409]
    options.notdef_outline = True  # a missing glyph shows as a box, never as nothing
    options.flavor = "woff2"
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    output.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, output, options)
    return set(font.getBestCmap())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help=f"the TrueType font (default {SOURCE})")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if not args.source.is_file():
        sys.exit(f"{args.source} is missing: `apt-get install fonts-noto-core`")
    label = {ord(letter) for letter in LABEL_TEXT} | {0x200C, 0x200D}
    for output, codepoints in ((args.output, CODEPOINTS), (LABEL_OUTPUT, sorted(label))):
        mapped = build(args.source, output, codepoints)
        digest = hashlib.sha256(output.read_bytes()).hexdigest()[:16]
        size = output.stat().st_size
        print(f"{output}: {size:,} bytes ({size / 1024:.1f} KB), {len(mapped)} characters, sha256 {digest}…")


if __name__ == "__main__":
    main()
