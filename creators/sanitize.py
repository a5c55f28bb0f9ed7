"""Creators' rich text: cleaned with nh3 to exactly what a science work's page allows, then cut
into StreamField blocks (paragraphs, headings, quotes), with placeholders such as [图1] marking
where the creator's uploaded pictures and video go.

Everything else — scripts, event handlers, styles, classes, javascript:/data: links, SVG, MathML,
and every <img>, wherever its src points — is removed on the server, whatever the editor in the
browser let through. Pictures enter a work only as uploads placed by a placeholder.
"""

import html as html_lib
import re

import nh3
from bs4 import BeautifulSoup, NavigableString

# The features of pages.blocks.RICH_TEXT_FEATURES, plus the block-level tags that become blocks.
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

# A line holding only [图3] / 【图3】 (an uploaded picture) or [视频] (the uploaded video).
PLACEHOLDER = "placeholder"
_PLACEHOLDER_LINE = re.compile(
    r"^[ \t\r\n\u3000]*[\[【][ \u3000]*(?:图[ \u3000]*(\d{1,3})|(视频))[ \u3000]*[\]】][ \t\r\n\u3000]*$"
)
# Browsers send a textarea's line breaks as CRLF.
_LINE_BREAK = re.compile("\r\n|[\r\n\u2028\u2029]")


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


def placeholder(text):
    """The placeholder block a whole line of text stands for, or None."""
    match = _PLACEHOLDER_LINE.match(text)
    if match is None:
        return None
    if match.group(2):
        return {"type": PLACEHOLDER, "value": {"kind": "video", "number": None}}
    return {"type": PLACEHOLDER, "value": {"kind": "image", "number": int(match.group(1))}}


def to_blocks(html, placeholders=False):
    """Sanitise, then turn the fragment into StreamField raw data for ArticleBodyBlock:
    headings and quotes become blocks of their own, everything between them one paragraph block.
    Each line of text outside a paragraph is a paragraph of its own (what a phone's plain textarea
    sends). With `placeholders`, a line or paragraph holding only [图N] or [视频] becomes a
    placeholder block for the caller to replace with the picture or video."""
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

    def place(block):
        flush()
        blocks.append(block)

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
        elif name == "p" and placeholders and (block := placeholder(node.get_text())):
            place(block)
        elif name in ("p", "ul", "ol"):
            end_loose()
            if node.get_text(strip=True):
                pieces.append(str(node))
        elif name == "li":  # a list item without its list
            loose.append(node.decode_contents())
        elif isinstance(node, NavigableString):
            lines = _LINE_BREAK.split(str(node))
            for number, line in enumerate(lines):
                if number:
                    end_loose()
                if placeholders and (block := placeholder(line)):
                    place(block)
                else:
                    loose.append(html_lib.escape(line, quote=False))
        else:
            loose.append(str(node))
    flush()
    return blocks


def to_rich_text(html):
    """One rich-text value (paragraphs, lists, bold, italic, links) for a block's text field, such as
    a video's transcript: headings and quotes become plain paragraphs."""
    parts = []
    for block in to_blocks(html):
        if block["type"] == "paragraph":
            parts.append(block["value"])
        else:
            parts.append(f"<p>{html_lib.escape(block['value']['text'], quote=False)}</p>")
    return "".join(parts)
