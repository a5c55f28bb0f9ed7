"""One picture's canvas: a matplotlib figure (Agg, no pyplot, so no global state to close) lettered
in the CJK font shipped in home/demo/fonts, and a record of every character drawn, so a test can
prove the shipped subset holds them all.
"""

import functools
import io
import unicodedata
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
SHIPPED = (FONT_DIR / "NotoSansCJKsc-Regular-demo.otf", FONT_DIR / "NotoSansCJKsc-Bold-demo.otf")
# The fonts drawn with: the shipped subset (home.demo.pictures.font draws with the full font instead).
REGULAR, BOLD = SHIPPED

# Text every picture may draw besides its own words (digits, signs used by the charts' axes).
ALWAYS = "0123456789.,-−+×%/:()<>~≈°· ✓"

INK = "#1f2a2e"
MUTED = "#5b6b70"
PAPER = "#fbfaf6"
GOOD = "#2e7d32"
BAD = "#c62828"

# Every character drawn since the last `start_recording()`, or None when nobody asks.
_drawn = None


def start_recording():
    global _drawn
    _drawn = set()


def stop_recording():
    """The characters drawn since start_recording(), and stop recording."""
    global _drawn
    drawn, _drawn = _drawn or set(), None
    return drawn


def font(bold=False, size=None):
    properties = FontProperties(fname=str(BOLD if bold else REGULAR))
    if size:
        properties.set_size(size)
    return properties


def width(text):
    """Width of text in em: a Chinese character is one, a Latin letter or digit about half."""
    # "A" (ambiguous: “ ” · …) is drawn full width by a CJK font.
    return sum(1 if unicodedata.east_asian_width(c) in "WFA" else 0.55 for c in text)


def em(size):
    """Pixels of one em of a font of `size` points on these 100-dpi canvases."""
    return size * 100 / 72


def fit(text, size, pixels):
    """`text` wrapped into lines at most `pixels` wide in a font of `size` points."""
    return wrap(text, pixels / em(size))


def wrap(text, limit):
    """Lines of at most `limit` em, broken after punctuation where possible (Chinese has no spaces)."""
    lines, line = [], ""
    for char in text:
        if width(line + char) > limit:
            cut = max((line.rfind(p) for p in "，、；：。） "), default=-1)
            if cut >= len(line) // 2:
                lines.append(line[: cut + 1])
                line = line[cut + 1 :]
            else:
                lines.append(line)
                line = ""
        line += char
    if line:
        lines.append(line)
    return [x.strip() for x in lines]


class Canvas:
    """A figure of `size` pixels whose single axes runs 0–width × 0–height, y upwards."""

    def __init__(self, size=(960, 720), background=PAPER):
        self.width, self.height = size
        self.figure = Figure(figsize=(self.width / 100, self.height / 100), dpi=100)
        FigureCanvasAgg(self.figure)
        self.figure.patch.set_facecolor(background)
        self.ax = self.figure.add_axes((0, 0, 1, 1))
        self.ax.set_xlim(0, self.width)
        self.ax.set_ylim(0, self.height)
        self.ax.set_axis_off()

    def text(self, x, y, text, size=28, bold=False, colour=INK, ax=None, **options):
        record(text)
        options.setdefault("va", "center")
        return (ax or self.ax).text(x, y, text, fontproperties=font(bold, size), color=colour, **options)

    def png(self):
        # No pyplot: nothing keeps the figure once this canvas is gone, so there is nothing to close.
        # A quick zlib level: the demo draws about a hundred pictures on every load.
        out = io.BytesIO()
        self.figure.savefig(
            out,
            format="png",
            dpi=100,
            facecolor=self.figure.get_facecolor(),
            pil_kwargs={"compress_level": 3},
        )
        return out.getvalue()


def record(text):
    if _drawn is not None:
        _drawn.update(str(text))
    missing.update(c for c in str(text) if ord(c) not in _shipped() and not c.isspace())


# Characters drawn that the shipped subset lacks (they come out as empty boxes): the loader names
# them with the command that adds them, e.g. after an editor adds a work with a new title.
missing = set()


@functools.cache
def _shipped():
    from fontTools.ttLib import TTFont

    if not all(path.is_file() for path in SHIPPED):
        return set()
    regular, bold = (set(TTFont(path)["cmap"].getBestCmap()) for path in SHIPPED)
    return regular & bold
