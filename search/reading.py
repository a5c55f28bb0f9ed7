"""What a reader reads in a work's body, by block type — as opposed to what the body merely
holds (picture captions and sources, references, block labels). Snippets are cut from it and
headings weigh more in the index. Reads StreamField raw data: no rendering, no queries."""

import html
import re

from django.utils.html import strip_tags

# What a reader reads in a body, by block type: the keys of each block's value that hold prose,
# and whether each is rich text (HTML) or plain. Pictures (captions, sources), references, quote
# attributions and block labels (a fact box's "知识点") are not prose: a snippet made of them
# reads "示意图,演示内容生成知识点".
RICH, PLAIN = True, False
READING_KEYS = {
    "paragraph": ((None, RICH),),  # the value is the text itself
    "heading": (("text", PLAIN),),
    "fact": (("text", RICH),),
    "quote": (("text", PLAIN),),
    "qa": (("question", PLAIN), ("answer", RICH)),
    "video": (("transcript", RICH),),
    "audio": (("transcript", RICH),),
}
_WHITESPACE = re.compile(r"\s+")


def _values(value):
    """A struct block's value, or each item of a list block's (`{"items": [...]}`)."""
    if not isinstance(value, dict):
        return []
    items = value.get("items")
    if not isinstance(items, list):
        return [value]
    # Raw list items are {"type": "item", "value": {...}, "id": ...} (older data: the bare value).
    return [item.get("value", item) if "value" in item else item for item in items if isinstance(item, dict)]


def reading_text(stream_value):
    """The prose of a StreamField body — paragraphs, headings, facts, quotes, questions and answers,
    transcripts — in reading order: what a snippet is cut from."""
    texts = []
    for block in stream_value.raw_data:
        keys, value = READING_KEYS.get(block.get("type"), ()), block.get("value")
        for key, rich in keys:
            for text in [value] if key is None else [v.get(key) for v in _values(value)]:
                if isinstance(text, str):
                    texts.append(html.unescape(strip_tags(text)) if rich else text)
    return _WHITESPACE.sub(" ", " ".join(texts)).strip()


def heading_texts(stream_value):
    """The headings of a StreamField body: what its sections are about."""
    return [
        block["value"]["text"]
        for block in stream_value.raw_data
        if block.get("type") == "heading"
        and isinstance(block.get("value"), dict)
        and isinstance(block["value"].get("text"), str)
    ]
