"""Reads the demo content files (FORMAT.md): a TOML front matter between `+++` lines, then a
Markdown body with a few block conventions. No Django here: the loader turns the items into pages.

An item is a dict shaped as the loader expects: the front matter's fields, "body" as a list of
(block type, value) with rich text as the site's HTML (`<p> <b> <i> <a href> <ul> <ol> <li> <br>`),
"transcript" as HTML or None. `item.path` is the file it came from, for messages.
"""

import datetime
import html
import re
import tomllib
from pathlib import Path
from typing import NamedTuple

CONTENT_DIR = Path(__file__).resolve().with_name("content")
FRONT_MATTER = "+++"


class ContentError(ValueError):
    """A content file that cannot be read; the message starts with the file (and line)."""


class Item(dict):
    path = None

    def error(self, message):
        return ContentError(f"{self.path}: {message}")


# Fields of the front matter, by folder: name → (type, required).
_WORK = {
    "slug": (str, True),
    "title": (str, True),
    "summary": (str, True),
    "form": (str, True),
    "disciplines": (list, True),
    "audiences": (list, True),
    "regions": (list, True),
    "campaign": (str, False),
    "tags": (list, False),
    "creator": (dict, True),
    "featured": (int, False),
    "published": (datetime.date, True),
    "colour": (str, False),
    "references": (list, False),
}
_NEWS = {
    **{key: _WORK[key] for key in ("slug", "title", "summary", "disciplines", "audiences", "regions")},
    **{key: _WORK[key] for key in ("campaign", "tags", "published", "colour")},
    "source": (str, False),
    "is_demo_event": (bool, False),
}
_PAGE = {"slug": (str, True), "title": (str, True), "intro": (str, True)}
_PAGE |= {"show_in_menus": (bool, False), "order": (int, False)}
_POLICY = {
    **_PAGE,
    "level": (str, True),
    "document_number": (str, False),
    "issued": (datetime.date, True),
    "published": (datetime.date, False),
    "issuers": (str, True),
    "text": (str, False),
    "text_starts_at": (str, False),
}
# A translation (content/<language>/, see FORMAT.md) carries only its words: everything else comes
# from the Chinese file of the same slug.
_TRANSLATED_WORK = {key: _WORK[key] for key in ("slug", "title", "summary")}
_TRANSLATED_POLICY = {key: _PAGE[key] for key in ("slug", "title", "intro")}
_TRANSLATED_SITE = {
    **dict.fromkeys(("title", "hero_title", "hero_text", "search_description", "mark", "note"), (str, True)),
    "works": (dict, True),
    "policy": (dict, True),
}
SCHEMAS = {"works": _WORK, "submissions": _WORK, "news": _NEWS, "pages": _PAGE, "policy": _POLICY}
SCHEMAS |= {
    "translated-works": _TRANSLATED_WORK,
    "translated-policy": _TRANSLATED_POLICY,
    "translated-site": _TRANSLATED_SITE,
}
_CREATOR = {"name", "affiliation"}
_REFERENCE = {"title": str, "authors": str, "publisher": str, "year": int, "url": str, "doi": str}


def works(content_dir=None):
    return read_folder(Path(content_dir or CONTENT_DIR) / "works", "works")


def news(content_dir=None):
    return read_folder(Path(content_dir or CONTENT_DIR) / "news", "news")


def submissions(content_dir=None):
    return read_folder(Path(content_dir or CONTENT_DIR) / "submissions", "submissions")


def pages(content_dir=None):
    items = read_folder(Path(content_dir or CONTENT_DIR) / "pages", "pages")
    return sorted(items, key=lambda item: item.get("order", 100))


def policies(content_dir=None):
    return read_folder(Path(content_dir or CONTENT_DIR) / "policy", "policy")


class Translation(NamedTuple):
    """A language's demo translation: content/<language>/site.md, works/ and policy/."""

    language: str
    site: Item  # the home page's words, with the sections' titles and intros in "works" and "policy"
    works: list
    policies: list


def translations(content_dir=None):
    """{language: Translation} of every folder of the content folder that holds a site.md."""
    root = Path(content_dir or CONTENT_DIR)
    found = {}
    for folder in sorted(path for path in root.iterdir() if (path / "site.md").is_file()):
        site = read_file(folder / "site.md", "translated-site")
        if site["body"]:
            raise site.error("site.md has only a front matter")
        for section in ("works", "policy"):
            if set(site[section]) != {"title", "intro"} or not all(
                isinstance(value, str) for value in site[section].values()
            ):
                raise site.error(f"[{section}] takes title and intro, as text")
        works = read_folder(folder / "works", "translated-works")
        for item in works:
            if any(kind == "image" for kind, _value in item["body"]):
                raise item.error(
                    "a translation has no '::: image' blocks (its pictures would be lettered in Chinese)"
                )
        found[folder.name] = Translation(
            folder.name, site, works, read_folder(folder / "policy", "translated-policy")
        )
    return found


def read_folder(folder, kind):
    """Every *.md file of a folder, by file name; a missing folder is empty."""
    folder = Path(folder)
    items = [read_file(path, kind) for path in sorted(folder.glob("*.md"))] if folder.is_dir() else []
    seen = {}
    for item in items:
        if item["slug"] != item.path.stem:
            raise item.error(
                f"slug {item['slug']!r} differs from the file name: name the file {item['slug']}.md"
            )
        if item["slug"] in seen:
            raise item.error(f"slug {item['slug']!r} is also used by {seen[item['slug']]}")
        seen[item["slug"]] = item.path
    return items


def read_file(path, kind):
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")  # an editor's BOM is no error
    lines = text.split("\n")
    if lines[0].rstrip() != FRONT_MATTER:
        raise ContentError(f"{path}:1: the file must start with a front matter between two '+++' lines")
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() == FRONT_MATTER), None)
    if closing is None:
        raise ContentError(f"{path}: the front matter is not closed by a '+++' line")
    try:
        meta = tomllib.loads("\n".join(lines[1:closing]))
    except tomllib.TOMLDecodeError as error:
        # tomllib counts lines from the front matter's first line: give the file's line.
        message = re.sub(r"line (\d+)", lambda m: f"line {int(m[1]) + 1}", str(error))
        raise ContentError(f"{path}: malformed front matter: {message}") from None
    item = Item()
    item.path = path
    _check_fields(item, meta, SCHEMAS[kind])
    item.update(meta)
    for key in ("published", "issued"):
        if key in item:
            item[key] = item[key].isoformat()
    if kind in ("works", "submissions", "news"):
        item.setdefault("campaign", None)
    if kind in ("works", "submissions"):
        item.setdefault("featured", 0)
    body, transcript = parse_body(lines[closing + 1 :], path, first_line=closing + 2)
    item["body"] = body
    if kind in ("works", "submissions"):
        item["transcript"] = transcript
    elif transcript is not None:
        raise item.error("only works have a transcript")
    return item


def _check_fields(item, meta, schema):
    unknown = sorted(set(meta) - set(schema))
    if unknown:
        raise item.error(f"unknown front matter field(s) {unknown}; known: {sorted(schema)}")
    for key, (kind, required) in schema.items():
        if key not in meta:
            if required:
                raise item.error(f"front matter field {key!r} is missing")
            continue
        value = meta[key]
        wrong = not isinstance(value, kind) or (kind is int and isinstance(value, bool))
        if kind is datetime.date and isinstance(value, datetime.datetime):
            wrong = True
        if wrong:
            raise item.error(f"front matter field {key!r} should be {kind.__name__}, not {value!r}")
        if kind is list and key != "references" and not all(isinstance(v, str) for v in value):
            raise item.error(f"front matter field {key!r} should be a list of strings (codes in quotes)")
    if "creator" in meta:
        creator = meta["creator"]
        if set(creator) - _CREATOR or "name" not in creator:
            raise item.error(f"creator needs name (and affiliation), not {sorted(creator)}")
    for reference in meta.get("references", []):
        if not isinstance(reference, dict) or "title" not in reference:
            raise item.error(f"a [[references]] entry needs a title: {reference!r}")
        for key, value in reference.items():
            if key not in _REFERENCE or not isinstance(value, _REFERENCE[key]):
                raise item.error(f"reference {reference['title']!r}: bad field {key} = {value!r}")


# The body -------------------------------------------------------------------------------

_HEADING = re.compile(r"^##\s+(.+?)\s*$")
_CONTAINER = re.compile(r"^:::\s*([a-z]+)\s*(.*?)\s*$")
_CONTAINERS = ("fact", "quote", "qa", "image", "transcript")
_QUESTION = re.compile(r"^问[：:]\s*")
_ANSWER = re.compile(r"^答[：:]\s*")
_IMAGE_FIELD = re.compile(r"^(alt|caption|source|draw|icon|scale|axis|wind|point|mark)\s*[:：]\s*(.*)$")
# What an image's `draw:` line may ask for (home/demo/pictures draws them), and the lines of its data:
# `- ` a point, `+ ` a thing to do (✓), `x ` a thing not to do (✗).
DRAW_KINDS = ("panel", "bars", "flow", "grid", "radiant", "compare", "elements")
DRAW_OPTIONS = ("icon", "scale", "axis", "wind", "point", "mark")
_DRAW_LINE = re.compile(r"^([-+x])\s+(.+)$")


def parse_body(lines, path, first_line=1):
    """([(block type, value)], transcript HTML or None) from the Markdown lines of a body."""
    blocks, transcript, text, k = [], None, [], 0

    def where(offset):
        return f"{path}:{first_line + offset}"

    def flush():
        if text:
            blocks.append(("paragraph", rich_text(text, where(text_start))))
            text.clear()

    text_start = 0
    while k < len(lines):
        line = lines[k].rstrip()
        if not line.strip():
            flush()
        elif line.startswith("#"):
            flush()
            match = _HEADING.match(line)
            if not match:
                raise ContentError(f"{where(k)}: a heading is written '## 小标题' (only one level)")
            blocks.append(("heading", unescape(match[1])))
        elif line.startswith(":::"):
            flush()
            match = _CONTAINER.match(line)
            if not match or match[1] not in _CONTAINERS:
                raise ContentError(
                    f"{where(k)}: unknown block {line!r}; known: ::: {' / ::: '.join(_CONTAINERS)}"
                )
            end = next((j for j in range(k + 1, len(lines)) if lines[j].startswith(":::")), None)
            if end is None or lines[end].strip() != ":::":
                raise ContentError(f"{where(k)}: '{line}' is not closed by a ':::' line")
            inner = [lines[j].rstrip() for j in range(k + 1, end)]
            kind, argument = match[1], match[2]
            if kind == "transcript":
                if transcript is not None:
                    raise ContentError(f"{where(k)}: a second transcript")
                transcript = rich_text([x for x in inner if x.strip()], where(k + 1))
            else:
                blocks.append((kind, _container(kind, argument, inner, where(k))))
            k = end
        else:
            if not text:
                text_start = k
            text.append(line)
        k += 1
    flush()
    return blocks, transcript


def _container(kind, argument, lines, where):
    lines = [line for line in lines if line.strip()]
    if kind == "fact":
        return {"title": unescape(argument) or "知识点", "text": rich_text(lines, where)}
    if kind == "quote":
        return {"text": "\n".join(unescape(line) for line in lines), "attribution": unescape(argument)}
    if kind == "image":
        return _image(lines, where)
    # qa
    items = []
    for line in lines:
        if _QUESTION.match(line):
            items.append({"question": unescape(_QUESTION.sub("", line)), "answer": []})
        elif not items:
            raise ContentError(f"{where}: a question-and-answer block starts with '问：'")
        else:
            items[-1]["answer"].append(_ANSWER.sub("", line) if not items[-1]["answer"] else line)
    for item in items:
        if not item["answer"]:
            raise ContentError(f"{where}: the question {item['question']!r} has no answer ('答：…')")
        item["answer"] = rich_text(item["answer"], where)
    return items


def _image(lines, where):
    """An image block: alt, caption, source, and optionally the picture to draw (FORMAT.md)."""
    value, draw = {}, None
    for line in lines:
        data = _DRAW_LINE.match(line)
        if data and draw is not None:
            draw["lines"].append(("!" if data[1] == "x" else data[1], unescape(data[2])))
            continue
        match = _IMAGE_FIELD.match(line)
        if not match:
            raise ContentError(
                f"{where}: an image has lines 'alt: …', 'caption: …', 'source: …', 'draw: …' and, "
                f"after draw, options ({', '.join(DRAW_OPTIONS)}) and '- '/'+ '/'x ' lines; not {line!r}"
            )
        field, text = match[1], unescape(match[2])
        if field == "draw":
            kind, _, heading = text.partition(" ")
            if kind not in DRAW_KINDS or not heading.strip():
                raise ContentError(
                    f"{where}: write 'draw: KIND 标题' with KIND one of {', '.join(DRAW_KINDS)}; not {line!r}"
                )
            draw = {"kind": kind, "heading": heading.strip(), "lines": [], "options": {}}
        elif field in DRAW_OPTIONS:
            if draw is None:
                raise ContentError(f"{where}: '{field}: …' belongs after a 'draw: …' line")
            draw["options"][field] = text
        else:
            value[field] = text
    if not value.get("alt") and draw is None:
        raise ContentError(f"{where}: an image needs 'alt: …' (what the picture shows) or a 'draw: …'")
    image = {
        "alt": value.get("alt", ""),
        "caption": value.get("caption", ""),
        "source": value.get("source", ""),
    }
    if draw is not None:
        image["draw"] = draw
    return image


# Rich text: the site's HTML from a few Markdown constructs --------------------------------

_BULLET = re.compile(r"^[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\d+\.\s+(.*)$")
_INLINE = re.compile(
    r"\\(?P<escaped>[\\`*_{}\[\]()#+\-.!:,;?\"'~<>|])"
    r"|\[(?P<link>[^\]]+)\]\((?P<href>(?:[^()\s]|\([^()\s]*\))+)\)"
    r"|\*\*(?P<bold>.+?)\*\*"
    r"|\*(?P<italic>[^*]+?)\*"
    r"|(?P<tag><[A-Za-z/!])"
    r"|(?P<star>\*)"
)


def rich_text(lines, where="?"):
    """HTML for rich text written as Markdown lines: each line is a paragraph (`<p>`), lines starting
    with `- ` a bulleted list, `1. ` a numbered one; a line ending with a backslash goes on in the same
    paragraph after a `<br>`. Inline: **bold**, *italic*, [text](https://…), backslash escapes."""
    out, k = [], 0
    while k < len(lines):
        line = lines[k]
        for pattern, tag in ((_BULLET, "ul"), (_NUMBERED, "ol")):
            if pattern.match(line):
                items = []
                while k < len(lines) and pattern.match(lines[k]):
                    items.append(f"<li>{inline(pattern.match(lines[k])[1], where)}</li>")
                    k += 1
                out.append(f"<{tag}>{''.join(items)}</{tag}>")
                break
        else:
            parts = [line]
            while parts[-1].endswith("\\") and not parts[-1].endswith("\\\\") and k + 1 < len(lines):
                parts[-1] = parts[-1][:-1]
                k += 1
                parts.append(lines[k])
            out.append(f"<p>{'<br>'.join(inline(part, where) for part in parts)}</p>")
            k += 1
    return "".join(out)


def inline(text, where="?"):
    def render(match):
        if match["escaped"] is not None:
            return html.escape(match["escaped"], quote=False)
        if match["link"] is not None:
            return f'<a href="{html.escape(match["href"])}">{inline(match["link"], where)}</a>'
        if match["bold"] is not None:
            return f"<b>{inline(match['bold'], where)}</b>"
        if match["italic"] is not None:
            return f"<i>{inline(match['italic'], where)}</i>"
        if match["tag"] is not None:
            raise ContentError(f"{where}: HTML is not used in the content files, write Markdown: {text!r}")
        raise ContentError(f"{where}: an unmatched '*' (write \\* for a star): {text!r}")

    out, last = [], 0
    for match in _INLINE.finditer(text):
        out += [html.escape(text[last : match.start()], quote=False), render(match)]
        last = match.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def unescape(text):
    """Plain text (headings, titles, captions, questions): backslash escapes removed, nothing else."""
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!:,;?\"'~<>|])", r"\1", text)
