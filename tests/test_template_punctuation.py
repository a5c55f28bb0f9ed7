"""Chinese text in the project's templates uses full-width punctuation (GB/T 15834—2011): no ASCII
comma, colon, semicolon, question or exclamation mark after a Chinese character, and no ASCII
parenthesis around Chinese. (Writers' content is checked in 初审 by review/typography.)"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = (
    "portal",
    "media",
    "pages",
    "articles",
    "review",
    "creators",
    "search",
    "channels",
    "outreach",
    "home",
)
CJK = "\u3400-\u9fff"
TRANSLATED = re.compile(r"""\{%\s*(?:translate|trans)\s+(["'])(.*?)\1.*?%\}""")
TAG = re.compile(r"\{%.*?%\}|<[^>]*>")
VARIABLE = re.compile(r"\{\{.*?\}\}")
HALF_WIDTH = re.compile(rf"(?<=[{CJK}）])[,;:?!]|\((?=[{CJK}])|(?<=[{CJK}])\)")
SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S)


def visible_text(template):
    """The text a reader sees, roughly: translated strings kept, variables as a Latin stand-in."""
    text = SCRIPT.sub("", template)
    text = TRANSLATED.sub(lambda m: m.group(2), text)
    text = VARIABLE.sub("X", text)
    return TAG.sub("", text)


def test_visible_text_keeps_translated_strings_and_drops_markup():
    assert visible_text('<p>{% translate "适合人群" %}：{{ a }}</p>') == "适合人群：X"
    assert HALF_WIDTH.search(visible_text('<p>{% translate "适合人群" %}:{{ a }}</p>'))
    assert HALF_WIDTH.search(visible_text("<p>封面图(可选)</p>"))
    assert not HALF_WIDTH.search(visible_text("<p>上限 200 MB, 见 GB/T 15834—2011</p>"))
    assert not HALF_WIDTH.search(visible_text("<script>if (a) { b('中文'); }</script>"))


def test_templates_use_full_width_punctuation_in_chinese():
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("templates/**/*.html")):
            for line in visible_text(path.read_text()).splitlines():
                if HALF_WIDTH.search(line):
                    found.append(f"{path.relative_to(ROOT)}: {line.strip()}")
    assert not found, "\n".join(found)
