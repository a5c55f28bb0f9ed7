"""The pictures of `::: image` blocks, drawn from the `draw:` spec written in the content file
(FORMAT.md): a panel of a comic or infographic, a bar chart, a flow of steps, a labelled schematic.
Every word and number in a picture comes from the spec, so it says what the work's text says.
"""

import math
import re

from matplotlib import patches

from ..content import DRAW_KINDS
from . import icons
from .canvas import BAD, GOOD, INK, MUTED, Canvas, em, fit

SIZE = (960, 720)
MARKS = {"-": ("·", INK), "+": ("✓", GOOD), "!": ("×", BAD)}
KINDS = DRAW_KINDS


def check(spec):
    """A spec's mistakes in words, or None: checked when the content is read, before anything is
    written, so an unknown pictogram or a bar without a number names the file."""
    for name in spec["options"].get("icon", "").split(","):
        if name.strip() and name.strip().rstrip("!") not in icons.ICONS:
            return f"unknown icon {name.strip()!r}; known: {', '.join(sorted(icons.ICONS))}"
    if not spec["lines"] and spec["kind"] != "elements":
        return "a drawing needs its lines ('- …')"
    if spec["kind"] == "bars":
        for _mark, text in spec["lines"]:
            rest = text.partition("=")[2]
            try:
                float(rest.partition("|")[0])
            except ValueError:
                return f"a bar is written '- 标签 = 数值 | 显示文字', not {text!r}"
    if spec["kind"] == "elements":
        unknown = set(spec["options"].get("mark", "").split()) - set(_TABLE)
        if unknown:
            return f"mark: unknown element symbol(s) {sorted(unknown)}"
    return None


def figure(spec, colour):
    """PNG bytes of the picture a `draw:` spec describes, in the work's accent colour."""
    canvas = Canvas(SIZE)
    top = _heading(canvas, spec["heading"], colour)
    globals()[f"_{spec['kind']}"](canvas, spec, colour, top)
    return canvas.png()


def describe(spec):
    """Alt text: what the picture shows, in words (the same words it draws)."""
    what = {
        "panel": "分格图",
        "bars": "条形图",
        "flow": "流程图",
        "grid": "示意图",
        "radiant": "示意图",
        "compare": "对比图",
        "elements": "元素周期表示意图",
    }[spec["kind"]]
    parts = []
    for mark, text in spec["lines"]:
        if spec["kind"] == "bars":
            label, _, rest = text.partition("=")
            shown = rest.partition("|")[2].strip() or rest.strip()
            parts.append(f"{label.strip()}{shown}")
        else:
            # Say what is drawn: a tick or a cross before the line.
            parts.append({"+": "打勾：", "!": "打叉：", "-": ""}[mark] + text)
    icon_names = spec["options"].get("icon", "")
    body = "；".join(parts)
    shown = f"，画有{_icon_words(icon_names)}" if icon_names else ""
    return f"{what}：{spec['heading']}{shown}。{body}。" if body else f"{what}：{spec['heading']}{shown}。"


# Words for the pictograms, for alt text.
ICON_WORDS = {
    "phone": "手机",
    "fire": "火焰",
    "shield": "盾牌",
    "shield-alert": "警示盾牌",
    "cross": "医疗十字",
    "star": "星星",
    "moon": "月亮",
    "sky": "星月",
    "lamp": "灯",
    "key": "钥匙",
    "wifi": "无线网络信号",
    "qr": "二维码",
    "document": "文件",
    "money": "钱币",
    "leaf": "叶子",
    "leaf-narrow": "细长的叶子",
    "leaf-broad": "宽阔带齿的叶子",
    "tree": "树",
    "gauge": "电子血压计",
    "clock": "钟表",
    "person": "人像",
    "eye": "眼睛",
    "sun": "太阳",
    "drop": "水滴",
    "wave": "水波",
    "house": "房屋",
    "magnet": "磁铁",
    "animal": "旱獭",
    "turbine": "风力发电机",
    "mountain": "山",
    "cloud": "云",
    "bolt": "闪电",
    "storm": "雷雨云",
    "globe": "地球",
    "bowl": "碗",
    "wheat": "麦穗",
    "sheep": "羊",
    "hexagons": "六边形晶格",
    "rocket": "火箭",
    "chip": "芯片",
    "heart": "心形",
    "snowflake": "雪花",
}


def _icon_words(names):
    words = []
    for name in names.split(","):
        name = name.strip()
        word = ICON_WORDS[name.rstrip("!")]
        words.append(f"被划掉的{word}" if name.endswith("!") else word)
    return "、".join(words)


def _heading(canvas, heading, colour):
    """A band across the top with the heading; returns the y below it."""
    lines = fit(heading, 26, canvas.width - 80)
    step = em(26) * 1.35
    band = 36 + step * len(lines)
    canvas.ax.add_patch(patches.Rectangle((0, canvas.height - band), canvas.width, band, facecolor=colour))
    for i, line in enumerate(lines):
        canvas.text(40, canvas.height - 18 - step * (i + 0.5), line, size=26, bold=True, colour="white")
    return canvas.height - band


def _lines_height(items, pixels, size=20, gap=14):
    step = em(size) * 1.45
    return sum(step * len(fit(text, size, pixels - em(size) * 1.2)) + gap for _mark, text in items) - gap


def _lines(canvas, items, x, top, pixels, size=20, gap=14):
    """Marked lines of text from `top` down, each within `pixels`; returns the y below them."""
    y = top
    step = em(size) * 1.45
    for mark, text in items:
        sign, tint = MARKS[mark]
        canvas.text(x, y - step / 2, sign, size=size, bold=True, colour=tint)
        lines = fit(text, size, pixels - em(size) * 1.2)
        for k, line in enumerate(lines):
            canvas.text(
                x + em(size) * 1.2,
                y - step / 2 - k * step,
                line,
                size=size,
                colour=INK if mark == "-" else tint,
            )
        y -= step * len(lines) + gap
    return y


def _icons(canvas, names, x, y, r, colour):
    names = [n.strip() for n in names.split(",") if n.strip()]
    for k, name in enumerate(names):
        offset = ((len(names) - 1) / 2 - k) * r * 2.2  # the first one on top
        icons.draw(canvas.ax, name, x, y + offset, r, colour, paper=canvas.figure.get_facecolor())


def _panel(canvas, spec, colour, top):
    """A panel: pictograms on the left, the panel's points (✓ do, ✗ don't) on the right."""
    names = spec["options"].get("icon", "")
    count = len([n for n in names.split(",") if n.strip()]) or 1
    x = 340 if names else 60
    pixels = canvas.width - x - 40
    size = 26
    while size > 16 and _lines_height(spec["lines"], pixels, size, gap=20) > top - 80:
        size -= 1
    height = _lines_height(spec["lines"], pixels, size, gap=20)
    if names:
        r = min(110, (top - 60) / (2.2 * count))
        _icons(canvas, names, 170, top / 2, r, colour)
    _lines(canvas, spec["lines"], x, top / 2 + height / 2, pixels, size, gap=20)


def _bars(canvas, spec, colour, top):
    """Horizontal bars, one per `- 标签 = 数值 | 显示文字` line; `scale: log` for values that span
    powers of ten (visibility from 50 metres to 10 kilometres)."""
    rows = []
    for _mark, text in spec["lines"]:
        label, _, rest = text.partition("=")
        value, _, shown = rest.partition("|")
        rows.append((label.strip(), float(value), shown.strip() or value.strip()))
    log = spec["options"].get("scale") == "log"
    measure = (lambda v: math.log10(v) + 1) if log else (lambda v: v)
    largest = max(measure(v) for _, v, _ in rows)
    left, right = 250, canvas.width - 60
    bottom = 110 if spec["options"].get("axis") else 60
    row_height = (top - 30 - bottom) / len(rows)
    for k, (label, value, shown) in enumerate(rows):
        y = top - 30 - row_height * (k + 0.5)
        length = (right - left - 200) * measure(value) / largest
        canvas.ax.add_patch(
            patches.Rectangle(
                (left, y - row_height * 0.3), length, row_height * 0.6, facecolor=colour, alpha=0.85
            )
        )
        canvas.text(left - 16, y, label, size=20, bold=True, ha="right")
        canvas.text(left + length + 14, y, shown, size=18, colour=MUTED)
    canvas.ax.plot([left, left], [bottom, top - 30], color=INK, linewidth=2)
    if spec["options"].get("axis"):
        canvas.text(left, 60, spec["options"]["axis"], size=16, colour=MUTED)


def _flow(canvas, spec, colour, top):
    """Boxes from top to bottom joined by arrows: the steps of a process."""
    rows = spec["lines"]
    gap = 40
    height = min(110, (top - 40 - gap * (len(rows) - 1)) / len(rows))
    y = top - 30
    for k, (mark, text) in enumerate(rows):
        tint = {"-": colour, "+": GOOD, "!": BAD}[mark]
        canvas.ax.add_patch(
            patches.FancyBboxPatch(
                (120, y - height),
                canvas.width - 240,
                height,
                boxstyle="round,pad=0,rounding_size=18",
                facecolor=tint,
                alpha=0.14,
                edgecolor=tint,
                linewidth=3,
            )
        )
        lines = fit(text, 20, canvas.width - 300)
        for i, line in enumerate(lines):
            canvas.text(
                canvas.width / 2,
                y - height / 2 + (len(lines) / 2 - i - 0.5) * em(20) * 1.35,
                line,
                size=20,
                ha="center",
            )
        if k < len(rows) - 1:
            canvas.ax.annotate(
                "",
                xy=(canvas.width / 2, y - height - gap + 4),
                xytext=(canvas.width / 2, y - height - 4),
                arrowprops={"arrowstyle": "-|>", "color": INK, "linewidth": 3, "mutation_scale": 28},
            )
        y -= height + gap


def _grid(canvas, spec, colour, top):
    """A square grid seen from above (草方格沙障) with the wind coming from the left; the lines are
    the labels beside it."""
    size, cells = 360, 5
    x0, y0 = 110, (top - size) / 2 - 10
    canvas.ax.add_patch(patches.Rectangle((x0 - 20, y0 - 20), size + 40, size + 40, facecolor="#ecd9a8"))
    for k in range(cells + 1):
        step = x0 + k * size / cells
        canvas.ax.plot([step, step], [y0, y0 + size], color="#8d6e3f", linewidth=6)
        canvas.ax.plot(
            [x0, x0 + size], [y0 + k * size / cells, y0 + k * size / cells], color="#8d6e3f", linewidth=6
        )
    for k in range(3):
        y = y0 + size * (0.25 + 0.25 * k)
        canvas.ax.annotate(
            "",
            xy=(x0 - 10, y),
            xytext=(20, y),
            arrowprops={"arrowstyle": "-|>", "color": "#2a6f97", "linewidth": 3, "mutation_scale": 24},
        )
    wind = spec["options"].get("wind", "")
    if wind:
        canvas.text(20, y0 + size + 50, wind, size=20, colour="#2a6f97", bold=True)
    _lines(canvas, spec["lines"], 540, top - 60, canvas.width - 570, gap=24)


def _radiant(canvas, spec, colour, top):
    """Streaks pointing away from one point of the sky: a meteor shower's radiant."""
    canvas.ax.add_patch(patches.Rectangle((0, 0), canvas.width, top, facecolor="#14213d"))
    cx, cy = 330, top / 2
    for k in range(12):
        angle = k * 2 * math.pi / 12 + 0.2
        end = (0.6 + 0.12 * (k % 4)) * (cy - 20)
        start = end * 0.4
        canvas.ax.annotate(
            "",
            xy=(cx + end * math.cos(angle), cy + end * math.sin(angle)),
            xytext=(cx + start * math.cos(angle), cy + start * math.sin(angle)),
            arrowprops={"arrowstyle": "-|>", "color": "#fff3c4", "linewidth": 2.5, "mutation_scale": 18},
        )
    canvas.ax.add_patch(patches.Circle((cx, cy), 14, facecolor="#ffd166"))
    label = spec["options"].get("point", "")
    if label:
        canvas.text(cx, cy - 44, label, size=20, bold=True, colour="#ffd166", ha="center")
    y = top - 80
    for _mark, text in spec["lines"]:
        for line in fit(text, 20, canvas.width - 670):
            canvas.text(640, y, line, size=20, colour="white")
            y -= em(20) * 1.45
        y -= 20


def _compare(canvas, spec, colour, top):
    """Side by side: one column per line, `标题：说明`, each with its pictogram (`icon: a, b`)."""
    names = [n.strip() for n in spec["options"].get("icon", "").split(",") if n.strip()]
    columns = spec["lines"]
    width = canvas.width / len(columns)
    for k, (_mark, text) in enumerate(columns):
        x = width * (k + 0.5)
        if k < len(names):
            icons.draw(canvas.ax, names[k], x, top - 190, 120, colour, paper=canvas.figure.get_facecolor())
        title, _, note = text.partition("：")
        canvas.text(x, top - 360, title, size=24, bold=True, ha="center")
        for i, line in enumerate(fit(note, 20, width - 60)):
            canvas.text(x, top - 420 - i * em(20) * 1.45, line, size=20, ha="center", colour=MUTED)
        if k:
            canvas.ax.plot([width * k, width * k], [60, top - 40], color=MUTED, linewidth=1, linestyle="--")


# The periodic table used by `elements`, row by row ("." an empty place, "*" the lanthanides and
# "**" the actinides, drawn as the two rows below).
_ROWS = (
    "H . . . . . . . . . . . . . . . . He",
    "Li Be . . . . . . . . . . B C N O F Ne",
    "Na Mg . . . . . . . . . . Al Si P S Cl Ar",
    "K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr",
    "Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe",
    "Cs Ba * Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn",
    "Fr Ra ** Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og",
    ". . La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu .",
    ". . Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr .",
)
# symbol → (row from the top, the two f-block rows set a little apart; column from 1)
_TABLE = {
    symbol: (row + 1 + (0.4 if row >= 7 else 0), column + 1)
    for row, line in enumerate(_ROWS)
    for column, symbol in enumerate(re.findall(r"\S+", line))
    if symbol not in {".", "*", "**"}
}


def _elements(canvas, spec, colour, top):
    """The periodic table with the elements of `mark:` (symbols) filled; the lines are the legend."""
    marked = set(spec["options"].get("mark", "").replace("，", ",").replace(",", " ").split())
    cell = 46
    x0, y0 = (canvas.width - 18 * cell) / 2, top - 30
    for symbol, (period, group) in _TABLE.items():
        x, y = x0 + (group - 1) * cell, y0 - period * cell
        filled = symbol in marked
        canvas.ax.add_patch(
            patches.Rectangle(
                (x + 2, y + 2),
                cell - 4,
                cell - 4,
                facecolor=colour if filled else "#e6e6e0",
                edgecolor="none",
            )
        )
        canvas.text(
            x + cell / 2,
            y + cell / 2,
            symbol,
            size=11,
            bold=filled,
            ha="center",
            colour="white" if filled else MUTED,
        )
    _lines(canvas, spec["lines"], 60, y0 - 9.8 * cell - 20, canvas.width - 120, size=18, gap=8)
