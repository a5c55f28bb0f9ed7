"""Regenerates the CJK font subset the demo pictures are lettered in (home/demo/fonts/):
`.venv/bin/python -m home.demo.pictures.font` draws every demo picture once with the full
Noto Sans CJK SC (Debian's fonts-noto-cjk), records each character drawn, and keeps only those
glyphs, so `make demo` needs no system font. Run it after adding words to a picture; the test
home/tests/test_demo_pictures.py fails until you do.
"""

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from .. import content
from . import canvas, every_picture

SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
SOURCES = {canvas.REGULAR: "NotoSansCJK-Regular.ttc", canvas.BOLD: "NotoSansCJK-Bold.ttc"}
SIMPLIFIED_CHINESE = "Noto Sans CJK SC"


def drawn_characters(content_dir=None):
    """Every character the demo's pictures draw, plus the digits and signs charts use."""
    works = [*content.works(content_dir), *content.submissions(content_dir)]
    canvas.start_recording()
    try:
        for _name, draw in every_picture(works, content.news(content_dir)):
            draw()
    finally:
        drawn = canvas.stop_recording()
    return (drawn | set(canvas.ALWAYS)) - {"\n"}


def _simplified_chinese(collection):
    """The index of Noto Sans CJK SC inside Debian's .ttc collection."""
    for number in range(10):
        font = TTFont(collection, fontNumber=number, lazy=True)
        if font["name"].getDebugName(1) == SIMPLIFIED_CHINESE:
            return number
    raise SystemExit(f"{collection}: no {SIMPLIFIED_CHINESE} inside")


def write_subset(source, target, characters):
    # The source's timestamp, not today's: the same characters give the same file.
    font = TTFont(source, fontNumber=_simplified_chinese(source), recalcTimestamp=False)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    # matplotlib neither shapes text nor reads hints: without them the subset is half the size.
    options.layout_features = []
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in characters])
    subsetter.subset(font)
    font.save(target)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", type=Path, default=SOURCE_DIR, help="where NotoSansCJK-*.ttc are")
    args = parser.parse_args(argv)
    missing = [name for name in SOURCES.values() if not (args.source_dir / name).is_file()]
    if missing:
        raise SystemExit(f"{args.source_dir}: {', '.join(missing)} missing (apt-get install fonts-noto-cjk)")
    # Draw with the full font while recording, so a character missing from the old subset is found.
    regular, bold = canvas.REGULAR, canvas.BOLD
    canvas.REGULAR = args.source_dir / SOURCES[regular]
    canvas.BOLD = args.source_dir / SOURCES[bold]
    try:
        characters = drawn_characters()
    finally:
        canvas.REGULAR, canvas.BOLD = regular, bold
    for target, name in SOURCES.items():
        write_subset(args.source_dir / name, target, characters)
        print(f"{target.name}: {len(characters)} characters, {target.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
