"""ASCII punctuation in Chinese text (GB/T 15834): which `, . : ; ? ! ( )` and straight double quotes
stand in Chinese context and become `，。：；？！（）“”`. The one implementation: the 初审 checker
(review/typography/checker.py) and the demo content converter (home/demo/punctuation.py) both use it.

Left alone: numbers (1,000  3.14  15~20  2024-05-12), URLs, e-mail addresses, HTML tags and their
attributes, Markdown emphasis and link targets, entities, backslash escapes, codes such as GB/T 2260,
and Latin-only text (English reference titles, "WHO", "DNA").

What counts as Chinese context, mark by mark:
- `, : ; ? !`: the character right after is Chinese (a Han character or full-width punctuation), or
  the character right before is Chinese and the text ends, goes on in Chinese (after spaces, which
  are then dropped: a full-width mark carries its own space) or goes on in Latin or digits with no
  space between, unless the Chinese before is a word inside English prose ("waiting in 初审, to").
- `.`: as above, but only after Chinese, and never before a letter, a digit or another dot.
- `( )`: a matched pair, converted when the character before `(` or after `)` is Chinese, or when
  the text inside is Chinese and the pair is not set off by spaces as in English ("pages (关于) and").
- `"`: paired in order within a line; a pair is converted when its text or a neighbour is Chinese.
  An odd number of straight quotes on one line is left alone (and not guessed at).
A converted mark is Chinese for its neighbours, so the passes repeat until nothing changes.
HTML tags and Markdown emphasis markers are looked through when deciding; a URL, e-mail address
or escape counts as Latin.
"""

import re
from dataclasses import dataclass

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# CJK symbols and punctuation, full-width forms, curly quotes, ellipsis, em dash, middle dot, ℃.
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014\u00b7\u2103"
_CJK = re.compile(f"[{_HAN}{_CJK_PUNCT}]")
HAN_CHAR = re.compile(f"[{_HAN}]")
FULL_WIDTH = {",": "，", ".": "。", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}

NORMAL, LOOK_THROUGH, LATIN = 0, 1, 2
# Spans that are looked through when finding a mark's neighbours: HTML tags and comments,
# Markdown emphasis.
_LOOK_THROUGH = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>|\*+")
# Spans never changed and seen as Latin from outside.
_NOT_URL = f"\\s<>\"'{_HAN}{_CJK_PUNCT}"
_URL = f"(?:https?|ftp)://[^{_NOT_URL}]+|www\\.[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+[^{_NOT_URL}]*"
_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
_LINK_TARGET = r"\]\((?:[^()\s]|\([^()\s]*\))*\)"  # Markdown [text](target)
_ENTITY = r"&(?:[A-Za-z]+|#[0-9]+|#x[0-9A-Fa-f]+);"
_ESCAPE = r"\\."  # a backslash escape keeps the mark as written: `\,` stays ASCII
_CODE = r"`[^`\n]*`"  # inline code
_LATIN = re.compile(f"{_URL}|{_EMAIL}|{_LINK_TARGET}|{_ENTITY}|{_ESCAPE}|{_CODE}")


def is_chinese(char):
    return bool(char) and bool(_CJK.match(char))


@dataclass(frozen=True)
class Change:
    index: int  # in the text given to convert()
    old: str
    new: str  # "" when the character is dropped (a space beside a converted mark)


def classify(text, extra_latin=()):
    """The kind of each character of `text`: NORMAL, LOOK_THROUGH (tags, emphasis) or LATIN (URLs,
    e-mail addresses, entities, escapes, code, and the `extra_latin` (start, end) ranges)."""
    kinds = [NORMAL] * len(text)
    for match in _LOOK_THROUGH.finditer(text):
        for k in range(match.start(), match.end()):
            kinds[k] = LOOK_THROUGH
    for match in _LATIN.finditer(text):
        end = match.end()
        if match.group().startswith(("http", "ftp", "www")):
            # A URL does not end with sentence punctuation, nor with an unbalanced ")".
            while end > match.start() and text[end - 1] in ".,;:!?)":
                if text[end - 1] == ")" and text.count("(", match.start(), end) >= text.count(
                    ")", match.start(), end
                ):
                    break
                end -= 1
        for k in range(match.start(), end):
            kinds[k] = LATIN
    for start, end in extra_latin:
        for k in range(start, end):
            kinds[k] = LATIN
    return kinds


def decisions(text, latin_spans=(), backslash_quotes=False):
    """(new text, [[Change]]) for one unit of text: each inner list is one decision (a mark with the
    spaces it drops, a pair of brackets, a pair of quotes), which a reviewer accepts as a whole.
    `latin_spans`: (start, end) ranges that are code, never changed (f-string expressions).
    `backslash_quotes`: `\\"` is a straight quote (TOML basic strings), written as “ or ” without
    its backslash when converted."""
    chars = list(text)
    kinds = classify(text, latin_spans)
    escaped_quote = set()
    if backslash_quotes:
        for k in range(len(chars) - 1):
            if chars[k] == "\\" and chars[k + 1] == '"' and (k == 0 or chars[k - 1] != "\\"):
                kinds[k], kinds[k + 1] = LOOK_THROUGH, NORMAL
                escaped_quote.add(k + 1)
    groups = []

    def prev_index(i):
        j = i - 1
        while j >= 0 and (kinds[j] == LOOK_THROUGH or chars[j] == ""):
            j -= 1
        return j

    def next_index(i):
        j = i + 1
        while j < len(chars) and (kinds[j] == LOOK_THROUGH or chars[j] == ""):
            j += 1
        return j

    def char_at(j):
        if j < 0 or j >= len(chars):
            return ""
        return "a" if kinds[j] == LATIN else chars[j]

    def replace(group, i, new):
        group.append(Change(i, chars[i], new))
        chars[i] = new

    def normal(k):
        return kinds[k] == NORMAL and chars[k] != ""

    def quotes():
        """Straight double quotes, paired within each line."""
        line_start = 0
        for line_end in [*(k for k, c in enumerate(text) if c == "\n"), len(text)]:
            found = [k for k in range(line_start, line_end) if chars[k] == '"' and normal(k)]
            if len(found) % 2 == 0:
                for a, b in zip(found[::2], found[1::2], strict=True):
                    inner = any(normal(k) and is_chinese(chars[k]) for k in range(a + 1, b))
                    if inner or is_chinese(char_at(prev_index(a))) or is_chinese(char_at(next_index(b))):
                        group = []
                        for k, new in ((a, "“"), (b, "”")):
                            replace(group, k, new)
                            if k in escaped_quote:
                                replace(group, k - 1, "")
                        groups.append(group)
            line_start = line_end + 1

    def parentheses():
        """Matched pairs of ( )."""
        stack, pairs = [], []
        for k, c in enumerate(chars):
            if not normal(k):
                continue
            if c == "(":
                stack.append(k)
            elif c == ")" and stack:
                pairs.append((stack.pop(), k))
            elif c == "\n":
                stack = []
        for a, b in sorted(pairs):
            before, after = char_at(prev_index(a)), char_at(next_index(b))
            inner = any(normal(k) and is_chinese(chars[k]) for k in range(a + 1, b))
            if is_chinese(before) or is_chinese(after) or (inner and before != " " and after != " "):
                group = []
                replace(group, a, "（")
                replace(group, b, "）")
                groups.append(group)

    def in_english(i):
        """A Chinese word inside English prose ("waiting in 初审, to walk"): the Chinese run before
        the mark follows an English word and a space."""
        j = prev_index(i)
        while j >= 0 and HAN_CHAR.match(chars[j] or "a"):
            j = prev_index(j)
        return j > 0 and chars[j] == " " and chars[j - 1].isascii() and chars[j - 1].isalpha()

    def marks():
        """, . : ; ? !"""
        for i, c in enumerate(chars):
            if c not in ",.:;?!" or not normal(i):
                continue
            p, q = char_at(prev_index(i)), char_at(next_index(i))
            k = next_index(i)
            while k < len(chars) and chars[k] == " ":
                k = next_index(k)
            q2 = char_at(k)
            if p == " ":  # "中文 , 中文": look past the space
                j = prev_index(i)
                while j >= 0 and chars[j] == " ":
                    j = prev_index(j)
                p = char_at(j) if is_chinese(char_at(j)) and (is_chinese(q) or is_chinese(q2)) else " "
            if c == "!" and q == "[":  # Markdown image
                chinese = False
            elif is_chinese(q) and c != ".":
                chinese = True
            elif is_chinese(p) and not (c == "." and ((q.isascii() and q.isalnum()) or q == ".")):
                # Chinese goes on after the mark, or the text ends or goes on in Latin or digits and
                # the Chinese before is not a word inside English prose.
                chinese = is_chinese(q) or (is_chinese(q2) if q == " " else not in_english(i))
            else:
                chinese = False
            if not chinese:
                continue
            group = []
            replace(group, i, FULL_WIDTH[c])
            # Full-width marks carry their own space: drop spaces between them and Chinese text.
            if q == " " and is_chinese(q2):
                for j in range(i + 1, k):
                    if chars[j] == " " and kinds[j] == NORMAL:
                        replace(group, j, "")
            j = i - 1
            while j >= 0 and chars[j] == " " and kinds[j] == NORMAL:
                j -= 1
            if j < i - 1 and j >= 0 and is_chinese(chars[j]):
                for s in range(j + 1, i):
                    replace(group, s, "")
            groups.append(group)

    # A converted mark is Chinese context for its neighbours: go on until nothing changes.
    count = -1
    while count != len(groups):
        count = len(groups)
        quotes()
        parentheses()
        marks()
    return "".join(chars), groups


def convert(text, latin_spans=(), backslash_quotes=False):
    """(new text, [Change]) with every ASCII mark in Chinese context made full-width: the marks
    changed, in text order (the spaces dropped beside them are not listed)."""
    new, groups = decisions(text, latin_spans, backslash_quotes)
    changes = [change for group in groups for change in group if change.new]
    return new, sorted(changes, key=lambda change: change.index)
