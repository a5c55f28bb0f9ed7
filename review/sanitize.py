"""Creators' rich text: cleaned with nh3 to exactly what a science work's page allows, then cut
into StreamField blocks (paragraphs, headings, quotes).

Everything else — scripts, event handlers, styles, classes, javascript:/data: links, SVG, MathML —
is removed on the server, whatever the editor in the browser let through.
"""

import re

import nh3
from bs4 import BeautifulSoup, NavigableString

# The features of home.blocks.RICH_TEXT_FEATURES, plus the block-level tags that become blocks.
INLINE_TAGS = {"b", "strong", "i", "em", "a", "br"}
LIST_TAGS = {"ul", "ol", "li"}
BLOCK_TAGS = {"p", "h2", "h3", "blockquote"}
ALLOWED_TAGS = INLINE_TAGS | LIST_TAGS | BLOCK_TAGS
# Removed with everything inside them (their content is code or raw text, never reading matter).
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "template",
    "noscript",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"
MAX_INPUT_CHARACTERS = 200_000

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def sanitize(html):
    """The creator's HTML reduced to the allowed tags and attributes (a safe fragment)."""
    html = _CONTROL.sub("", html or "")[:MAX_INPUT_CHARACTERS]
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes={"a": {"href"}, "*": set()},  # "*": no generic attributes (nh3 keeps title, lang)
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    # Wagtail's rich text stores bold and italic as <b> and <i>.
    return (
        cleaned.replace("<strong>", "<b>")
        .replace("</strong>", "</b>")
        .replace("<em>", "<i>")
        .replace("</em>", "</i>")
    )


def to_blocks(html):
    """Sanitise, then turn the fragment into StreamField raw data for ArticleBodyBlock:
    headings and quotes become blocks of their own, everything between them one paragraph block."""
    soup = BeautifulSoup(sanitize(html), "html.parser")
    blocks, pieces, loose = [], [], []

    def end_loose():
        text = "".join(loose).strip()
        loose.clear()
        if text:
            pieces.append(f"<p>{text}</p>")

    def flush():
        end_loose()
        if pieces:
            blocks.append({"type": "paragraph", "value": "".join(pieces)})
            pieces.clear()

    for node in list(soup.contents):
        name = getattr(node, "name", None)
        if name in ("h2", "h3"):
            flush()
            if text := node.get_text(" ", strip=True)[:120]:
                blocks.append({"type": "heading", "value": {"text": text}})
        elif name == "blockquote":
            flush()
            if text := node.get_text("\n", strip=True):
                blocks.append({"type": "quote", "value": {"text": text, "attribution": ""}})
        elif name in ("p", "ul", "ol"):
            end_loose()
            if node.get_text(strip=True):
                pieces.append(str(node))
        elif name == "li":  # a list item without its list
            loose.append(node.decode_contents())
        elif isinstance(node, NavigableString):
            loose.append(node.output_ready())
        else:
            loose.append(str(node))
    flush()
    return blocks
