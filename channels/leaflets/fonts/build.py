"""Rebuild the leaflets' bundled fonts: Noto Sans CJK SC cut down to the characters Chinese print uses.

    apt-get install fonts-noto-cjk && .venv/bin/python -m channels.leaflets.fonts.build

Run it by hand when the set below changes; the files it writes are committed, so a fresh clone makes
leaflets with no system font (tests and `make demo` need no apt step). The full Debian font stays a
fallback at run time for the rare character outside the set (see fonts/__init__.py).

The regular face keeps all of GB 2312 (6,763 hanzi: 99.99 % of modern running text) and the bold face,
which sets only titles and headings, its first level (3,755 hanzi); both keep every character of the
demo content and of the region names, and the punctuation, symbols and full-width forms science
text uses. Hinting and layout tables are dropped (print needs neither), and the CFF outlines become
TrueType ones (within 2/1000 em): fpdf2 then embeds the font as a CIDFontType2 with Identity-H, the
encoding every PDF reader and text extractor handles (its CID-keyed CFF path writes a custom CMap
that some, pypdf among them, read wrongly).
"""

import re
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, newTable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-{weight}.ttc")
FACE = "Noto Sans CJK SC"
TARGET = "NotoSansSC-{weight}.subset.ttf"
# Largest distance, in font units (1000 an em), between a cubic curve and its quadratic stand-in.
MAX_ERROR = 2.0

RANGES = [
    (0x20, 0x7E),  # ASCII
    (0xA0, 0xFF),  # Latin-1 (units and names: µ, °, ², é); GB 2312 has Greek, Cyrillic and pinyin
    (0x2000, 0x206F),  # General Punctuation (— … ‰ ′ ″ •)
    (0x2070, 0x209F),  # superscripts and subscripts (CO₂, m³)
    (0x2100, 0x218F),  # letterlike symbols and number forms (℃, №, Ⅰ)
    (0x2190, 0x22FF),  # arrows and mathematical operators (→, ≤, ±, ≈)
    (0x2460, 0x24FF),  # enclosed numbers (①)
    (0x25A0, 0x26FF),  # geometric shapes and symbols (■, ○, ★, ☆)
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF00, 0xFFEF),  # full-width forms
]


def gb2312(rows):
    """The characters of GB 2312 rows `rows` (1–9 symbols, 16–55 level 1, 56–87 level 2)."""
    found = []
    for row in rows:
        for cell in range(1, 95):
            try:
                found.append(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return found


def used_in_project():
    """Every character of the demo content and of the region names: a leaflet of the demo never falls back."""
    texts = [(ROOT / "articles/data/inner_mongolia_regions.json").read_text(encoding="utf-8")]
    texts += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "home/demo/content").rglob("*.md"))]
    return set("".join(texts))


def characters(weight):
    chars = set(gb2312(range(1, 10)))
    chars |= set(gb2312(range(16, 88 if weight == "Regular" else 56)))
    chars |= {chr(code) for first, last in RANGES for code in range(first, last + 1)}
    chars |= used_in_project()
    return "".join(sorted(c for c in chars if c.isprintable() or c == "\u3000"))


def face(collection):
    for font in collection.fonts:
        if font["name"].getDebugName(1) == FACE:
            return font
    raise SystemExit(f"{FACE} is not in the collection")


def build(weight):
    font = face(TTCollection(str(SOURCE).format(weight=weight)))
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_languages = [0x409]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters(weight))
    subsetter.subset(font)
    truetype_outlines(font)
    target = HERE / TARGET.format(weight=weight)
    font.save(target)
    print(f"{target.name}: {font['maxp'].numGlyphs} glyphs, {target.stat().st_size / 1e6:.2f} MB")
    return font


def truetype_outlines(font):
    """Replace the font's CFF outlines by TrueType (quadratic) ones, in place."""
    order, glyphs = font.getGlyphOrder(), font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf[name] = pen.glyph()
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font["loca"], font["glyf"] = newTable("loca"), glyf
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs, maxp.maxZones = len(order), 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs"):
        setattr(maxp, field, 0)
    for field in ("maxStackElements", "maxSizeOfInstructions", "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, field, 0)
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 3.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"


def licence(font):
    """OFL.txt: the font's own copyright line and the licence text Debian ships with it."""
    copyright_line = font["name"].getDebugName(0)
    debian = Path("/usr/share/doc/fonts-noto-cjk/copyright").read_text(encoding="utf-8")
    text = debian.split("License: SIL-1.1\n", 2)[2].split("\nLicense: ", 1)[0]
    text = re.sub(r"^ \.?", "", text, flags=re.M)
    (HERE / "OFL.txt").write_text(f"{copyright_line}\n\n{text.strip()}\n", encoding="utf-8")


if __name__ == "__main__":
    if not SOURCE.with_name("NotoSansCJK-Regular.ttc").exists():
        sys.exit("Noto Sans CJK is missing: apt-get install fonts-noto-cjk")
    regular = build("Regular")
    build("Bold")
    licence(regular)
