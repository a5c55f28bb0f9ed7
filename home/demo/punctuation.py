"""Full-width punctuation in Chinese text (GB/T 15834) for the demo content files.

Which marks stand in Chinese context is decided by review/typography/marks.py, the one
implementation the 初审 typography check uses too; this module reads the demo's files: Markdown
(its syntax: link targets, `**`, list markers, `:::` containers, backslash escapes), TOML (only the
contents of string values, never keys or syntax) and Python (only str literals; raw strings, which
are regular expressions, and bytes are skipped).

    python -m home.demo.punctuation             # rewrite the demo content files in place
    python -m home.demo.punctuation --check     # list what would change as file:line:col, exit 1 if any
    python -m home.demo.punctuation FILE...     # only these files (.md, .toml, .txt, .py)
"""

import argparse
import io
import re
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path

from review.typography.marks import Change, convert

DEMO_DIR = Path(__file__).resolve().parent
CONTENT_DIR = DEMO_DIR / "content"
# Python files of the demo whose string literals are reader-visible Chinese text.
PYTHON_FILES = ("loader.py", "people.py")
SUFFIXES = (".md", ".toml", ".txt")


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
