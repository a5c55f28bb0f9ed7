"""The demo's pictures, drawn by code (nothing downloaded): covers, video poster frames, and the
charts, diagrams and panels that `::: image` blocks describe with a `draw:` spec (FORMAT.md).
Each function returns the original as PNG bytes; Wagtail makes the renditions.
"""

from . import canvas
from .covers import cover, describe_cover, describe_poster, poster
from .figures import KINDS, check, describe, figure

__all__ = [
    "KINDS",
    "canvas",
    "check",
    "cover",
    "describe",
    "describe_cover",
    "describe_poster",
    "every_picture",
    "figure",
    "poster",
]


def headings(item):
    """What a video covers, for its poster: the work's headings."""
    return [value for kind, value in item["body"] if kind == "heading"]


def every_picture(works, news):
    """(name, function returning PNG bytes) for every picture load_demo draws from these items."""
    for item in works:
        colour = item.get("colour", "#2f7d4f")
        yield f"{item['slug']}:cover", lambda item=item, colour=colour: cover(item, colour)
        if item.get("form") == "video":
            yield (
                f"{item['slug']}:poster",
                lambda item=item, colour=colour: poster(item, colour, headings(item)),
            )
        yield from _figures(item, colour)
    for item in news:
        colour = item.get("colour", "#2a6f97")
        yield f"{item['slug']}:cover", lambda item=item, colour=colour: cover(item, colour)
        yield from _figures(item, colour)


def _figures(item, colour):
    for index, (kind, value) in enumerate(item["body"]):
        if kind == "image" and value.get("draw"):
            yield f"{item['slug']}:{index}", lambda spec=value["draw"], colour=colour: figure(spec, colour)
