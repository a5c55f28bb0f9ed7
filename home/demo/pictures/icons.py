"""Pictograms drawn from a few shapes: one per discipline for the covers, and the objects the panels
of comics and infographics show (a phone, a fire, a lamp …). Each is drawn centred on (x, y) in a
box of half-width r, in one colour, so it reads at a glance and at any size.
"""

import math

from matplotlib import patches
from matplotlib.path import Path


def _poly(ax, points, colour, **options):
    ax.add_patch(patches.Polygon(points, closed=True, facecolor=colour, edgecolor="none", **options))


def _circle(ax, x, y, r, colour, **options):
    ax.add_patch(patches.Circle((x, y), r, facecolor=colour, edgecolor="none", **options))


def _ring(ax, x, y, r, colour, lw):
    ax.add_patch(patches.Circle((x, y), r, facecolor="none", edgecolor=colour, linewidth=lw))


def _box(ax, x, y, w, h, colour, rounding=0.0, **options):
    style = f"round,pad=0,rounding_size={rounding}" if rounding else "square,pad=0"
    ax.add_patch(
        patches.FancyBboxPatch((x, y), w, h, boxstyle=style, facecolor=colour, edgecolor="none", **options)
    )


def _line(ax, points, colour, lw):
    xs, ys = zip(*points, strict=True)
    ax.plot(xs, ys, color=colour, linewidth=lw, solid_capstyle="round")


def star(ax, x, y, r, c, paper):
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.42
        angle = math.pi / 2 + i * math.pi / 5
        points.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
    _poly(ax, points, c)


def moon(ax, x, y, r, c, paper):
    _circle(ax, x, y, r * 0.8, c)
    _circle(ax, x + r * 0.38, y + r * 0.22, r * 0.7, paper)


def sky(ax, x, y, r, c, paper):
    moon(ax, x - r * 0.35, y + r * 0.2, r * 0.7, c, paper)
    star(ax, x + r * 0.55, y + r * 0.55, r * 0.3, c, paper)
    star(ax, x + r * 0.6, y - r * 0.45, r * 0.22, c, paper)


def globe(ax, x, y, r, c, paper):
    _ring(ax, x, y, r * 0.85, c, r / 14)
    ax.add_patch(patches.Ellipse((x, y), r * 0.8, r * 1.7, facecolor="none", edgecolor=c, linewidth=r / 18))
    for dy in (-0.45, 0, 0.45):
        half = math.sqrt(max(0.0, 0.85**2 - dy**2)) * r
        _line(ax, [(x - half, y + dy * r), (x + half, y + dy * r)], c, r / 18)


def cloud(ax, x, y, r, c, paper):
    for dx, dy, rr in ((-0.45, 0, 0.38), (0, 0.2, 0.5), (0.45, 0, 0.38)):
        _circle(ax, x + dx * r, y + dy * r, rr * r, c)
    _box(ax, x - 0.83 * r, y - 0.38 * r, 1.66 * r, 0.4 * r, c)


def bolt(ax, x, y, r, c, paper):
    _poly(
        ax,
        [
            (x + 0.15 * r, y + r),
            (x - 0.5 * r, y - 0.1 * r),
            (x - 0.02 * r, y - 0.1 * r),
            (x - 0.2 * r, y - r),
            (x + 0.5 * r, y + 0.15 * r),
            (x + 0.02 * r, y + 0.15 * r),
        ],
        c,
    )


def storm(ax, x, y, r, c, paper):
    cloud(ax, x, y + 0.35 * r, r * 0.8, c, paper)
    bolt(ax, x, y - 0.45 * r, r * 0.5, c, paper)


def mountain(ax, x, y, r, c, paper):
    _poly(
        ax,
        [
            (x - r, y - 0.7 * r),
            (x - 0.25 * r, y + 0.7 * r),
            (x + 0.2 * r, y - 0.05 * r),
            (x + 0.45 * r, y + 0.3 * r),
            (x + r, y - 0.7 * r),
        ],
        c,
    )
    _poly(
        ax, [(x - 0.25 * r, y + 0.7 * r), (x - 0.45 * r, y + 0.32 * r), (x - 0.05 * r, y + 0.32 * r)], paper
    )


def leaf(ax, x, y, r, c, paper):
    verts = [(x, y - r), (x + 0.9 * r, y - 0.2 * r), (x, y + r), (x - 0.9 * r, y - 0.2 * r), (x, y - r)]
    codes = [Path.MOVETO, Path.CURVE3, Path.CURVE3, Path.CURVE3, Path.CURVE3]
    ax.add_patch(patches.PathPatch(Path(verts, codes), facecolor=c, edgecolor="none"))
    _line(ax, [(x, y - 1.1 * r), (x, y + 0.7 * r)], paper, r / 14)


def leaf_narrow(ax, x, y, r, c, paper):
    ax.add_patch(patches.Ellipse((x, y), 0.32 * r, 1.9 * r, angle=-20, facecolor=c, edgecolor="none"))
    _line(ax, [(x - 0.3 * r, y - 0.85 * r), (x + 0.3 * r, y + 0.85 * r)], paper, r / 20)


def leaf_broad(ax, x, y, r, c, paper):
    teeth = []
    for i in range(25):
        angle = math.pi * i / 24
        radius = r * (0.95 if i % 2 == 0 else 0.8)
        teeth.append((x + radius * math.cos(angle), y - 0.25 * r + radius * math.sin(angle)))
    _poly(ax, [*teeth, (x, y - 0.9 * r)], c)
    _line(ax, [(x, y - 1.1 * r), (x, y + 0.55 * r)], paper, r / 20)


def tree(ax, x, y, r, c, paper):
    _box(ax, x - 0.1 * r, y - r, 0.2 * r, 0.8 * r, c)
    _poly(ax, [(x - 0.75 * r, y - 0.35 * r), (x, y + r), (x + 0.75 * r, y - 0.35 * r)], c)


def cross(ax, x, y, r, c, paper):
    _box(ax, x - 0.28 * r, y - 0.85 * r, 0.56 * r, 1.7 * r, c, rounding=0.06 * r)
    _box(ax, x - 0.85 * r, y - 0.28 * r, 1.7 * r, 0.56 * r, c, rounding=0.06 * r)


def heart(ax, x, y, r, c, paper):
    _circle(ax, x - 0.4 * r, y + 0.25 * r, 0.45 * r, c)
    _circle(ax, x + 0.4 * r, y + 0.25 * r, 0.45 * r, c)
    _poly(ax, [(x - 0.82 * r, y + 0.08 * r), (x, y - 0.85 * r), (x + 0.82 * r, y + 0.08 * r)], c)


def bowl(ax, x, y, r, c, paper):
    ax.add_patch(patches.Wedge((x, y), 0.9 * r, 180, 360, facecolor=c, edgecolor="none"))
    _box(ax, x - r, y - 0.02 * r, 2 * r, 0.14 * r, c)
    for dx in (-0.3, 0.05, 0.4):
        _line(ax, [(x + dx * r, y + 0.3 * r), (x + (dx - 0.1) * r, y + 0.85 * r)], c, r / 16)


def wheat(ax, x, y, r, c, paper):
    _line(ax, [(x, y - r), (x, y + 0.9 * r)], c, r / 14)
    for i in range(4):
        yy = y + (i * 0.38 - 0.3) * r
        for side in (-1, 1):
            ax.add_patch(
                patches.Ellipse(
                    (x + side * 0.22 * r, yy),
                    0.22 * r,
                    0.5 * r,
                    angle=-side * 30,
                    facecolor=c,
                    edgecolor="none",
                )
            )


def sheep(ax, x, y, r, c, paper):
    for dx, dy in (
        (-0.45, 0.05),
        (-0.15, 0.25),
        (0.2, 0.25),
        (0.45, 0.05),
        (0, -0.1),
        (-0.3, -0.15),
        (0.3, -0.15),
    ):
        _circle(ax, x + dx * r, y + dy * r, 0.33 * r, c)
    ax.add_patch(
        patches.Ellipse((x + 0.85 * r, y + 0.15 * r), 0.4 * r, 0.3 * r, facecolor=c, edgecolor="none")
    )
    for dx in (-0.4, -0.15, 0.2, 0.45):
        _line(ax, [(x + dx * r, y - 0.35 * r), (x + dx * r, y - 0.85 * r)], c, r / 12)


def hexagons(ax, x, y, r, c, paper):
    for dx, dy in ((0, 0), (0.75, 0.43), (-0.75, 0.43), (0, -0.86)):
        ax.add_patch(
            patches.RegularPolygon(
                (x + dx * r * 0.62, y + dy * r * 0.62),
                6,
                radius=0.42 * r,
                facecolor="none",
                edgecolor=c,
                linewidth=r / 14,
            )
        )


def turbine(ax, x, y, r, c, paper):
    _poly(
        ax,
        [
            (x - 0.07 * r, y - r),
            (x + 0.07 * r, y - r),
            (x + 0.03 * r, y + 0.3 * r),
            (x - 0.03 * r, y + 0.3 * r),
        ],
        c,
    )
    for k in range(3):
        a = math.pi / 2 + k * 2 * math.pi / 3
        tip = (x + 0.75 * r * math.cos(a), y + 0.3 * r + 0.75 * r * math.sin(a))
        side = (math.cos(a + math.pi / 2) * 0.09 * r, math.sin(a + math.pi / 2) * 0.09 * r)
        _poly(ax, [(x + side[0], y + 0.3 * r + side[1]), tip, (x - side[0], y + 0.3 * r - side[1])], c)
    _circle(ax, x, y + 0.3 * r, 0.1 * r, c)


def rocket(ax, x, y, r, c, paper):
    ax.add_patch(patches.Ellipse((x, y + 0.1 * r), 0.55 * r, 1.6 * r, facecolor=c, edgecolor="none"))
    _poly(ax, [(x - 0.27 * r, y - 0.3 * r), (x - 0.55 * r, y - 0.75 * r), (x - 0.2 * r, y - 0.55 * r)], c)
    _poly(ax, [(x + 0.27 * r, y - 0.3 * r), (x + 0.55 * r, y - 0.75 * r), (x + 0.2 * r, y - 0.55 * r)], c)
    _circle(ax, x, y + 0.25 * r, 0.14 * r, paper)
    _poly(ax, [(x - 0.15 * r, y - 0.7 * r), (x, y - r), (x + 0.15 * r, y - 0.7 * r)], c, alpha=0.6)


def chip(ax, x, y, r, c, paper):
    _box(ax, x - 0.55 * r, y - 0.55 * r, 1.1 * r, 1.1 * r, c, rounding=0.08 * r)
    _box(ax, x - 0.28 * r, y - 0.28 * r, 0.56 * r, 0.56 * r, paper)
    for k in (-0.3, 0, 0.3):
        for a, b in (
            ((k, 0.55), (k, 0.85)),
            ((k, -0.55), (k, -0.85)),
            ((0.55, k), (0.85, k)),
            ((-0.55, k), (-0.85, k)),
        ):
            _line(ax, [(x + a[0] * r, y + a[1] * r), (x + b[0] * r, y + b[1] * r)], c, r / 16)


def shield(ax, x, y, r, c, paper):
    _poly(
        ax,
        [
            (x - 0.75 * r, y + 0.75 * r),
            (x, y + r),
            (x + 0.75 * r, y + 0.75 * r),
            (x + 0.7 * r, y - 0.1 * r),
            (x, y - r),
            (x - 0.7 * r, y - 0.1 * r),
        ],
        c,
    )


def shield_alert(ax, x, y, r, c, paper):
    shield(ax, x, y, r, c, paper)
    _box(ax, x - 0.09 * r, y - 0.15 * r, 0.18 * r, 0.8 * r, paper, rounding=0.05 * r)
    _circle(ax, x, y - 0.42 * r, 0.1 * r, paper)


def phone(ax, x, y, r, c, paper):
    _box(ax, x - 0.45 * r, y - 0.9 * r, 0.9 * r, 1.8 * r, c, rounding=0.12 * r)
    _box(ax, x - 0.36 * r, y - 0.62 * r, 0.72 * r, 1.3 * r, paper, rounding=0.03 * r)
    _circle(ax, x, y - 0.76 * r, 0.07 * r, paper)


def fire(ax, x, y, r, c, paper):
    verts = [
        (x, y - r),
        (x + 0.8 * r, y - 0.6 * r),
        (x + 0.55 * r, y + 0.2 * r),
        (x + 0.35 * r, y - 0.1 * r),
        (x + 0.1 * r, y + r),
        (x - 0.3 * r, y + 0.35 * r),
        (x - 0.45 * r, y + 0.5 * r),
        (x - 0.8 * r, y - 0.4 * r),
    ]
    _poly(ax, verts, c)
    _poly(
        ax,
        [
            (x, y - 0.9 * r),
            (x + 0.35 * r, y - 0.5 * r),
            (x + 0.05 * r, y + 0.1 * r),
            (x - 0.35 * r, y - 0.5 * r),
        ],
        paper,
    )


def lamp(ax, x, y, r, c, paper):
    _box(ax, x - 0.05 * r, y - r, 0.1 * r, 1.5 * r, c)
    _poly(
        ax,
        [
            (x - 0.55 * r, y + 0.5 * r),
            (x + 0.55 * r, y + 0.5 * r),
            (x + 0.35 * r, y + 0.8 * r),
            (x - 0.35 * r, y + 0.8 * r),
        ],
        c,
    )
    _poly(
        ax,
        [
            (x - 0.45 * r, y + 0.45 * r),
            (x + 0.45 * r, y + 0.45 * r),
            (x + 0.75 * r, y - 0.4 * r),
            (x - 0.75 * r, y - 0.4 * r),
        ],
        c,
        alpha=0.25,
    )


def key(ax, x, y, r, c, paper):
    _ring(ax, x - 0.45 * r, y, 0.35 * r, c, r / 8)
    _box(ax, x - 0.1 * r, y - 0.08 * r, 1.05 * r, 0.16 * r, c)
    for dx in (0.55, 0.8):
        _box(ax, x + dx * r, y - 0.35 * r, 0.12 * r, 0.3 * r, c)


def wifi(ax, x, y, r, c, paper):
    for k, radius in enumerate((0.35, 0.7, 1.05)):
        ax.add_patch(
            patches.Arc(
                (x, y - 0.6 * r),
                2 * radius * r,
                2 * radius * r,
                theta1=45,
                theta2=135,
                edgecolor=c,
                linewidth=r / 9 - k,
            )
        )
    _circle(ax, x, y - 0.6 * r, 0.1 * r, c)


def qr(ax, x, y, r, c, paper):
    pattern = ["1110101", "1010010", "1110111", "0001000", "1101011", "0110110", "1011101"]
    cell = 1.6 * r / 7
    for i, row in enumerate(pattern):
        for j, bit in enumerate(row):
            if bit == "1":
                _box(ax, x - 0.8 * r + j * cell, y + 0.8 * r - (i + 1) * cell, cell, cell, c)


def document(ax, x, y, r, c, paper):
    _poly(
        ax,
        [
            (x - 0.6 * r, y - 0.9 * r),
            (x + 0.6 * r, y - 0.9 * r),
            (x + 0.6 * r, y + 0.55 * r),
            (x + 0.25 * r, y + 0.9 * r),
            (x - 0.6 * r, y + 0.9 * r),
        ],
        c,
    )
    for k in range(4):
        _box(ax, x - 0.4 * r, y + (0.35 - k * 0.3) * r, 0.8 * r, 0.08 * r, paper)


def money(ax, x, y, r, c, paper):
    _circle(ax, x, y, 0.85 * r, c)
    _line(ax, [(x - 0.35 * r, y + 0.5 * r), (x, y + 0.05 * r), (x + 0.35 * r, y + 0.5 * r)], paper, r / 10)
    for dy in (0.0, -0.25):
        _line(ax, [(x - 0.3 * r, y + dy * r), (x + 0.3 * r, y + dy * r)], paper, r / 12)
    _line(ax, [(x, y + 0.05 * r), (x, y - 0.55 * r)], paper, r / 10)


def gauge(ax, x, y, r, c, paper):
    _box(ax, x - 0.8 * r, y - 0.7 * r, 1.6 * r, 1.4 * r, c, rounding=0.15 * r)
    _box(ax, x - 0.6 * r, y + 0.0 * r, 1.2 * r, 0.5 * r, paper, rounding=0.05 * r)
    for dx in (-0.35, 0.0, 0.35):
        _circle(ax, x + dx * r, y - 0.35 * r, 0.12 * r, paper)


def clock(ax, x, y, r, c, paper):
    _ring(ax, x, y, 0.85 * r, c, r / 9)
    _line(ax, [(x, y), (x, y + 0.55 * r)], c, r / 10)
    _line(ax, [(x, y), (x + 0.4 * r, y - 0.15 * r)], c, r / 10)


def person(ax, x, y, r, c, paper):
    _circle(ax, x, y + 0.55 * r, 0.3 * r, c)
    ax.add_patch(patches.Wedge((x, y - 0.9 * r), 0.8 * r, 0, 180, facecolor=c, edgecolor="none"))


def eye(ax, x, y, r, c, paper):
    ax.add_patch(patches.Ellipse((x, y), 1.8 * r, 0.95 * r, facecolor=c, edgecolor="none"))
    _circle(ax, x, y, 0.36 * r, paper)
    _circle(ax, x, y, 0.18 * r, c)


def sun(ax, x, y, r, c, paper):
    _circle(ax, x, y, 0.45 * r, c)
    for k in range(8):
        a = k * math.pi / 4
        _line(
            ax,
            [
                (x + 0.6 * r * math.cos(a), y + 0.6 * r * math.sin(a)),
                (x + 0.9 * r * math.cos(a), y + 0.9 * r * math.sin(a)),
            ],
            c,
            r / 10,
        )


def drop(ax, x, y, r, c, paper):
    _circle(ax, x, y - 0.3 * r, 0.55 * r, c)
    _poly(ax, [(x - 0.5 * r, y - 0.1 * r), (x, y + 0.95 * r), (x + 0.5 * r, y - 0.1 * r)], c)


def snowflake(ax, x, y, r, c, paper):
    for k in range(3):
        a = k * math.pi / 3 + math.pi / 2
        _line(
            ax,
            [
                (x - 0.9 * r * math.cos(a), y - 0.9 * r * math.sin(a)),
                (x + 0.9 * r * math.cos(a), y + 0.9 * r * math.sin(a)),
            ],
            c,
            r / 10,
        )
    _circle(ax, x, y, 0.15 * r, c)


def wave(ax, x, y, r, c, paper):
    for dy in (0.35, -0.05, -0.45):
        xs = [x - r + i * 2 * r / 40 for i in range(41)]
        _line(
            ax, [(xx, y + dy * r + 0.12 * r * math.sin((xx - x) / r * 2 * math.pi)) for xx in xs], c, r / 10
        )


def house(ax, x, y, r, c, paper):
    _poly(ax, [(x - 0.9 * r, y + 0.05 * r), (x, y + 0.85 * r), (x + 0.9 * r, y + 0.05 * r)], c)
    _box(ax, x - 0.65 * r, y - 0.85 * r, 1.3 * r, 0.95 * r, c)
    _box(ax, x - 0.18 * r, y - 0.85 * r, 0.36 * r, 0.55 * r, paper)


def magnet(ax, x, y, r, c, paper):
    ax.add_patch(
        patches.Wedge((x, y + 0.05 * r), 0.8 * r, 180, 360, width=0.35 * r, facecolor=c, edgecolor="none")
    )
    for side in (-1, 1):
        _box(ax, x + side * 0.625 * r - 0.175 * r, y + 0.05 * r, 0.35 * r, 0.75 * r, c)
        _box(ax, x + side * 0.625 * r - 0.175 * r, y + 0.55 * r, 0.35 * r, 0.25 * r, paper, alpha=0.6)


def animal(ax, x, y, r, c, paper):
    """A marmot sitting up: body, head, ears."""
    ax.add_patch(patches.Ellipse((x, y - 0.25 * r), 1.0 * r, 1.3 * r, facecolor=c, edgecolor="none"))
    _circle(ax, x, y + 0.55 * r, 0.35 * r, c)
    for side in (-1, 1):
        _circle(ax, x + side * 0.25 * r, y + 0.85 * r, 0.1 * r, c)
    _circle(ax, x + 0.12 * r, y + 0.6 * r, 0.05 * r, paper)


def _crossed_out(ax, x, y, r, c, paper):
    """A red 'not allowed' ring over whatever was drawn."""
    _ring(ax, x, y, 0.95 * r, "#c62828", r / 8)
    angle = math.pi / 4
    _line(
        ax,
        [
            (x - 0.67 * r * math.cos(angle), y + 0.67 * r * math.sin(angle)),
            (x + 0.67 * r * math.cos(angle), y - 0.67 * r * math.sin(angle)),
        ],
        "#c62828",
        r / 8,
    )


ICONS = {
    name.replace("_", "-"): function
    for name, function in dict(globals()).items()
    if callable(function) and not name.startswith("_") and function.__module__ == __name__
}

# The pictogram of a cover, by discipline code (a child falls back to its parent's).
DISCIPLINE_ICONS = {
    "astronomy": "sky",
    "earth-science": "globe",
    "meteorology": "storm",
    "geology": "mountain",
    "life-science": "leaf",
    "health": "cross",
    "disease-prevention": "shield",
    "nutrition": "bowl",
    "mental-health": "heart",
    "agriculture": "wheat",
    "crops": "wheat",
    "livestock": "sheep",
    "ecology": "tree",
    "energy": "turbine",
    "materials": "hexagons",
    "aerospace": "rocket",
    "it-ai": "chip",
    "safety": "shield-alert",
    "fraud-prevention": "phone",
}


def draw(ax, name, x, y, r, colour, paper="#ffffff"):
    """Draw the pictogram `name`; `name!` draws it crossed out (a thing not to do)."""
    crossed = name.endswith("!")
    ICONS[name.rstrip("!")](ax, x, y, r * (0.8 if crossed else 1), colour, paper)
    if crossed:
        _crossed_out(ax, x, y, r, colour, paper)
