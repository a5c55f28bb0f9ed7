"""Abstract illustrations drawn with Pillow, so the demo downloads nothing.

Each picture is a calm landscape (sky, hills, a sun) in the work's accent colour, seeded by a
name so the same content always gets the same picture. Pictures carry no text: captions do.
"""

import io
import math
import random

from PIL import Image, ImageDraw


def _hex_to_rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def landscape(seed, colour="#2f7d4f", size=(1200, 675), variant=0):
    """JPEG bytes of a generated landscape."""
    rng = random.Random(f"{seed}:{variant}")  # noqa: S311 - pictures, not secrets
    width, height = size
    accent = _hex_to_rgb(colour)
    sky_top, sky_bottom = (198, 226, 242), (240, 247, 250)
    image = Image.new("RGB", size, sky_bottom)
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.45, 0.62))
    for y in range(horizon):
        draw.line([(0, y), (width, y)], fill=_mix(sky_top, sky_bottom, y / max(horizon, 1)))
    sun_x, sun_y, sun_r = rng.uniform(0.15, 0.85) * width, rng.uniform(0.12, 0.3) * height, height * 0.07
    draw.ellipse([sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r], fill=(255, 236, 179))
    for layer in range(4):
        base = horizon + layer * height * 0.1
        shade = _mix(accent, (255, 255, 255), 0.55 - layer * 0.17)
        amplitude = height * rng.uniform(0.03, 0.08)
        phase = rng.uniform(0, 6.28)
        step = width // 24
        points = [(0, height)]
        for i in range(25):
            x = i * step
            wave = amplitude * (0.6 * math.sin(i / 3 + phase) + 0.4 * math.sin(i / 1.7 + phase * 2))
            points.append((x, base + wave))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    for _ in range(rng.randint(3, 7)):
        x, y = rng.uniform(0, width), rng.uniform(horizon + height * 0.15, height * 0.95)
        r = height * rng.uniform(0.012, 0.025)
        draw.ellipse([x - r * 1.6, y - r, x + r * 1.6, y + r], fill=(250, 250, 245))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()
