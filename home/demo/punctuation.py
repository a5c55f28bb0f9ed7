"""Full-width punctuation in Chinese text (GB/T 15834) for the demo content.

ASCII `, . : ; ? ! ( )` and straight double quotes in Chinese context become `，。：；？！（）“”`.
Left alone: numbers (1,000  3.14  15~20  2024-05-12), URLs, e-mail addresses, HTML tags and their
attributes, Markdown syntax (link targets, `**`, list markers, `:::` containers, backslash escapes),
TOML syntax and keys (only the contents of string values are read), codes such as GB/T 2260, and
Latin-only text (English reference titles, "WHO", "DNA").

    python -m home.demo.punctuation             # rewrite the demo content files in place
    python -m home.demo.punctuation --check     # list what would change as file:line:col, exit 1 if any
    python -m home.demo.punctuation FILE...     # only these files (.md, .toml, .txt, .py)

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
or escape counts as Latin. In Python files only string literals are read, and raw strings
(regular expressions) and bytes are skipped.
"""

import argparse
import io
import re
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent
CONTENT_DIR = DEMO_DIR / "content"
# Python files of the demo whose string literals are reader-visible Chinese text.
PYTHON_FILES = ("loader.py", "people.py")
SUFFIXES = (".md", ".toml", ".txt")

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# CJK symbols and punctuation, full-width forms, curly quotes, ellipsis, em dash, middle dot, ℃.
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014\u00b7\u2103"
_CJK = re.compile(f"[{_HAN}{_CJK_PUNCT}]")
_HAN_CHAR = re.compile(f"[{_HAN}]")
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
_LATIN = re.compile(f"{_URL}|{_EMAIL}|{_LINK_TARGET}|{_ENTITY}|{_ESCAPE}")


def is_chinese(char):
    return bool(char) and bool(_CJK.match(char))


@dataclass(frozen=True)
class Change:
    index: int  # in the text given to convert()
    old: str
    new: str


def _mark_spans(text, kinds, extra_latin):
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


def convert(text, latin_spans=(), backslash_quotes=False):
    """(new text, [Change]) for one unit of text: a line of Markdown or plain text, a TOML or Python
    string's contents, or an HTML fragment. `latin_spans`: (start, end) ranges that are code, never
    changed (f-string expressions). `backslash_quotes`: `\\"` is a straight quote (TOML basic
    strings), written as “ or ” without its backslash when converted."""
    chars = list(text)
    kinds = [NORMAL] * len(chars)
    _mark_spans(text, kinds, latin_spans)
    escaped_quote = set()
    if backslash_quotes:
        for k in range(len(chars) - 1):
            if chars[k] == "\\" and chars[k + 1] == '"' and (k == 0 or chars[k - 1] != "\\"):
                kinds[k], kinds[k + 1] = LOOK_THROUGH, NORMAL
                escaped_quote.add(k + 1)
    changes = []

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

    def replace(i, new):
        changes.append(Change(i, chars[i], new))
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
                        for k, new in ((a, "“"), (b, "”")):
                            replace(k, new)
                            if k in escaped_quote:
                                chars[k - 1] = ""
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
                replace(a, "（")
                replace(b, "）")

    def in_english(i):
        """A Chinese word inside English prose ("waiting in 初审, to walk"): the Chinese run before
        the mark follows an English word and a space."""
        j = prev_index(i)
        while j >= 0 and _HAN_CHAR.match(chars[j] or "a"):
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
            replace(i, FULL_WIDTH[c])
            # Full-width marks carry their own space: drop spaces between them and Chinese text.
            if q == " " and is_chinese(q2):
                for j in range(i + 1, k):
                    if chars[j] == " " and kinds[j] == NORMAL:
                        chars[j] = ""
            j = i - 1
            while j >= 0 and chars[j] == " " and kinds[j] == NORMAL:
                j -= 1
            if j < i - 1 and j >= 0 and is_chinese(chars[j]):
                for s in range(j + 1, i):
                    chars[s] = ""

    # A converted mark is Chinese context for its neighbours: go on until nothing changes.
    count = -1
    while count != len(changes):
        count = len(changes)
        quotes()
        parentheses()
        marks()
    return "".join(chars), sorted(changes, key=lambda change: change.index)


# Files ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    column: int
    old: str
    new: str

    def __str__(self):
        return (
            f"{self.path}:{self.line}:{self.column}: ASCII {self.old!r} in Chinese text, write {self.new!r}"
        )


class _Edits:
    """Replacements of spans of a file's text, applied together, with the position of each change."""

    def __init__(self, text):
        self.text = text
        self.spans = []  # (start, end, new text, [Change] with absolute indices)

    def convert(self, start, end, **options):
        new, changes = convert(self.text[start:end], **options)
        if changes or new != self.text[start:end]:
            shifted = [Change(start + c.index, c.old, c.new) for c in changes]
            self.spans.append((start, end, new, shifted))

    def result(self):
        out, last = [], 0
        for start, end, new, _changes in sorted(self.spans, key=lambda span: span[0]):
            out += [self.text[last:start], new]
            last = end
        out.append(self.text[last:])
        return "".join(out)

    def changes(self):
        return sorted((c for span in self.spans for c in span[3]), key=lambda c: c.index)


def _lines(text, start=0, end=None):
    """(start, end) of each line of text[start:end], without the newline."""
    end = len(text) if end is None else end
    position = start
    while position < end:
        stop = text.find("\n", position, end)
        stop = end if stop < 0 else stop
        yield position, stop
        position = stop + 1


def _toml_strings(text, start, end):
    """(start, end, basic?) of the contents of every TOML string value in text[start:end]; keys,
    comments and everything outside strings are syntax and skipped."""
    k = start
    while k < end:
        c = text[k]
        if c == "#":
            newline = text.find("\n", k, end)
            k = end if newline < 0 else newline
        elif c in "\"'":
            delimiter = c * 3 if text.startswith(c * 3, k) else c
            content_start = k + len(delimiter)
            j = content_start
            while j < end and not text.startswith(delimiter, j):
                j += 2 if (c == '"' and text[j] == "\\") else 1
            if len(delimiter) == 3:  # up to two more quotes may close a multi-line string
                while text.startswith(c, j + 3) and j + 3 < end:
                    j += 1
            after = j + len(delimiter)
            rest = text[after:end].lstrip(" \t")
            is_key = rest.startswith(("=", "."))
            if not is_key:
                yield content_start, j, c == '"'
            k = after
        else:
            k += 1


def _python_strings(text):
    """(start, end, f-string expression spans) of the contents of every str literal in Python source,
    raw strings and bytes skipped."""
    line_offsets = [0]
    for line in text.splitlines(keepends=True):
        line_offsets.append(line_offsets[-1] + len(line))
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type != tokenize.STRING:
            continue
        literal = token.string
        prefix = re.match(r"[A-Za-z]*", literal).group().lower()
        if "r" in prefix or "b" in prefix:
            continue
        quote = literal[len(prefix) : len(prefix) + 3]
        quote = quote if quote in ('"""', "'''") else quote[0]
        start = line_offsets[token.start[0] - 1] + token.start[1] + len(prefix) + len(quote)
        content = literal[len(prefix) + len(quote) : len(literal) - len(quote)]
        code = []
        if "f" in prefix:
            k, depth, opened = 0, 0, 0
            while k < len(content):
                if depth == 0 and content.startswith(("{{", "}}"), k):
                    code.append((k, k + 2))
                    k += 2
                    continue
                if content[k] == "{":
                    depth, opened = depth + 1, (k if depth == 0 else opened)
                elif content[k] == "}" and depth:
                    depth -= 1
                    if depth == 0:
                        code.append((opened, k + 1))
                k += 1
        yield start, start + len(content), code


def convert_file_text(text, suffix):
    """(new text, [Change]) for the whole text of a .md, .toml, .txt or .py file."""
    edits = _Edits(text)
    if suffix == ".py":
        for start, end, code in _python_strings(text):
            edits.convert(start, end, latin_spans=code)
        return edits.result(), edits.changes()
    body_start = 0
    if suffix == ".toml":
        toml_span = (0, len(text))
        body_start = len(text)
    elif suffix == ".md" and (opening := re.match(r"\+\+\+[ \t]*\r?\n", text)):
        closing = re.search(r"^\+\+\+[ \t]*\r?$", text[opening.end() :], re.MULTILINE)
        toml_end = opening.end() + closing.start() if closing else len(text)
        toml_span = (opening.end(), toml_end)
        body_start = toml_end
    else:
        toml_span = None
    if toml_span:
        for start, end, basic in _toml_strings(text, *toml_span):
            edits.convert(start, end, backslash_quotes=basic)
    for start, end in _lines(text, body_start):
        if suffix == ".md" and text.startswith(":::", start):
            # A container's opening line: the kind is syntax, the rest (a title) is text.
            header = re.match(r":::\s*\S*\s*", text[start:end])
            start += header.end()
        edits.convert(start, end)
    return edits.result(), edits.changes()


def _position(text, index):
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def demo_files(content_dir=CONTENT_DIR):
    """Every file the converter looks after by default: the content files and the demo's Python
    files with reader-visible text."""
    files = sorted(p for p in Path(content_dir).rglob("*") if p.is_file() and p.suffix in SUFFIXES)
    return files + [DEMO_DIR / name for name in PYTHON_FILES]


def _read(path):
    """A file's text with its line ends as they are; a byte-order mark is dropped."""
    with path.open(encoding="utf-8-sig", newline="") as file:
        return file.read()


def check(paths):
    """[Problem] for every ASCII mark in Chinese context in these files."""
    problems = []
    for path in paths:
        path = Path(path)
        text = _read(path)
        for change in convert_file_text(text, path.suffix)[1]:
            problems.append(Problem(path, *_position(text, change.index), change.old, change.new))
    return problems


def fix(paths):
    """Rewrite these files in place; the number of marks converted per file."""
    counts = {}
    for path in paths:
        path = Path(path)
        text = _read(path)
        new, changes = convert_file_text(text, path.suffix)
        if new != text:
            with path.open("w", encoding="utf-8", newline="") as file:  # line ends kept as they are
                file.write(new)
        counts[path] = len(changes)
    return counts


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m home.demo.punctuation",
        description="Full-width punctuation (GB/T 15834) in the Chinese text of the demo content.",
    )
    parser.add_argument("--check", action="store_true", help="list what would change, exit 1 if anything")
    parser.add_argument("paths", nargs="*", type=Path, help="files (default: every demo content file)")
    args = parser.parse_args(argv)
    paths = args.paths or demo_files()
    if args.check:
        problems = check(paths)
        for problem in problems:
            print(problem)
        print(f"{len(problems)} ASCII punctuation mark(s) in Chinese text in {len(paths)} file(s).")
        return 1 if problems else 0
    counts = fix(paths)
    for path, count in counts.items():
        if count:
            print(f"{path}: {count}")
    print(f"Converted {sum(counts.values())} punctuation mark(s) in {len(paths)} file(s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
