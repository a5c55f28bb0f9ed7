"""Which fonts set a leaflet, found once per process.

The bundled Noto Sans CJK SC cuts (beside this file, built by `build.py`, OFL) set every leaflet, so a
fresh clone prints Chinese with no system font. `PORTAL_LEAFLET_FONT` (and `PORTAL_LEAFLET_BOLD_FONT`)
may name another TrueType/OpenType file or collection instead — a full font, a house font. A character
missing from the chosen font is taken from the system's full CJK fonts when there are any (Debian's
fonts-noto-cjk, fonts-wqy-microhei, fonts-droid-fallback), and only then.
"""

import functools
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont

from django.conf import settings

HERE = Path(__file__).resolve().parent
BUNDLED_REGULAR = HERE / "NotoSansSC-Regular.subset.ttf"
BUNDLED_BOLD = HERE / "NotoSansSC-Bold.subset.ttf"

# Full fonts a Debian machine may have, best first: (package, regular, bold).
SYSTEM_FONTS = (
    (
        "fonts-noto-cjk",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    ),
    ("fonts-wqy-microhei", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", None),
    ("fonts-droid-fallback", "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", None),
    # Not Chinese, but has what Noto CJK lacks: subscripts (CO₂), some math and arrows.
    (
        "fonts-dejavu-core",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
)
# In a collection, the face for Simplified Chinese is the one whose family name says so.
SIMPLIFIED_MARKS = ("SC", "GB", "Simplified", "简")


class FontMissing(Exception):
    """A configured leaflet font file is not there (the message names it)."""


@dataclass(frozen=True)
class Face:
    """One font file, and the face to use when it is a collection (.ttc)."""

    path: str
    index: int = 0

    @functools.cached_property
    def characters(self):
        """The code points this face has a glyph for."""
        with TTFont(self.path, fontNumber=self.index, lazy=True) as font:
            return frozenset(font.getBestCmap())


@dataclass(frozen=True)
class Fonts:
    regular: Face
    bold: Face
    # (regular, bold) pairs tried in turn for a character the main faces lack.
    fallbacks: tuple = ()


def face(path):
    """The face of `path` to use: the Simplified Chinese one of a collection, else the first."""
    path = str(path)
    if not Path(path).is_file():
        raise FontMissing(path)
    return Face(path, _simplified_index(path) if path.lower().endswith((".ttc", ".otc")) else 0)


@functools.cache
def _simplified_index(path):
    collection = TTCollection(path, lazy=True)
    try:
        for index, font in enumerate(collection.fonts):
            family = font["name"].getDebugName(1) or ""
            if any(mark in family.split() or family.endswith(mark) for mark in SIMPLIFIED_MARKS):
                return index
        return 0
    finally:
        collection.close()


@functools.cache
def system_fonts():
    """The full system CJK fonts present, as (regular, bold) faces (bold falls back to regular)."""
    found = []
    for _package, regular, bold in SYSTEM_FONTS:
        if Path(regular).is_file():
            regular_face = face(regular)
            found.append((regular_face, face(bold) if bold and Path(bold).is_file() else regular_face))
    return tuple(found)


def chosen():
    """The fonts for this process's settings (settings may change in tests: cheap, the faces are cached)."""
    regular = getattr(settings, "PORTAL_LEAFLET_FONT", None)
    bold = getattr(settings, "PORTAL_LEAFLET_BOLD_FONT", None) or regular
    if regular:
        return _fonts(str(regular), str(bold))
    return _fonts(str(BUNDLED_REGULAR), str(BUNDLED_BOLD))


@functools.cache
def _fonts(regular, bold):
    return Fonts(regular=face(regular), bold=face(bold), fallbacks=system_fonts())


def install(pdf, family, text):
    """Give `pdf` the chosen fonts as `family` (regular and bold), and as fallbacks the system fonts
    that hold characters of `text` the chosen ones lack. Leaflets, event posters and certificates
    set their type this one way."""
    fonts = chosen()
    pdf.add_font(family, "", fonts.regular.path, collection_font_number=fonts.regular.index)
    pdf.add_font(family, "B", fonts.bold.path, collection_font_number=fonts.bold.index)
    families = [family]
    missing = {ord(c) for c in text} - fonts.regular.characters - fonts.bold.characters
    for number, (regular, bold) in enumerate(fonts.fallbacks):
        if missing & regular.characters:
            fallback = f"fallback{number}"
            pdf.add_font(fallback, "", regular.path, collection_font_number=regular.index)
            pdf.add_font(fallback, "B", bold.path, collection_font_number=bold.index)
            families.append(fallback)
            missing -= regular.characters
    pdf.set_fallback_fonts(families, exact_match=False)
