# ruff: noqa: S101 - a one-off script: its asserts are its checks
"""One-off: writes the demo content of the old Python modules (works_*.py, news.py, pages.py,
submissions.py) as content files (FORMAT.md), then reads every file back with home.demo.content and
checks it gives exactly the old item. Run once from the repository root, before the modules go:

    .venv/bin/python -m home.demo.tools.convert_demo
"""

import html
import importlib
import re
import shutil
import sys

from home.demo import content

OUT = content.CONTENT_DIR
WORK_MODULES = ("works_nature", "works_health", "works_technology", "works_safety", "works_fraud")


def toml_string(value):
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    assert "\n" not in escaped, value
    return f'"{escaped}"'


def toml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return toml_string(value)


def front_matter(fields, references=()):
    lines = ["+++"]
    for key, value in fields:
        if key == "creator":
            lines.append(f"creator.name = {toml_string(value['name'])}")
            if value.get("affiliation"):
                lines.append(f"creator.affiliation = {toml_string(value['affiliation'])}")
        elif key in ("published", "issued"):
            lines.append(f"{key} = {value}")  # a TOML date
        else:
            lines.append(f"{key} = {toml_value(value)}")
    for reference in references:
        lines += ["", "[[references]]"]
        for key in ("title", "authors", "publisher", "year", "url", "doi"):
            if reference.get(key) not in (None, ""):
                lines.append(f"{key} = {toml_value(reference[key])}")
    lines.append("+++")
    return lines


# HTML → Markdown ---------------------------------------------------------------------------

_SPECIAL = re.compile(r"([\\`*\[\]])")


def md_inline(fragment):
    out, last = [], 0
    for match in re.finditer(r'<(b|i)>(.*?)</\1>|<a href="([^"]*)">(.*?)</a>|<br>', fragment):
        out.append(_SPECIAL.sub(r"\\\1", html.unescape(fragment[last : match.start()])))
        if match[1] == "b":
            out.append(f"**{md_inline(match[2])}**")
        elif match[1] == "i":
            out.append(f"*{md_inline(match[2])}*")
        elif match[3] is not None:
            out.append(f"[{md_inline(match[4])}]({html.unescape(match[3])})")
        else:
            out.append("\\\n")
        last = match.end()
    out.append(_SPECIAL.sub(r"\\\1", html.unescape(fragment[last:])))
    text = "".join(out)
    assert "<" not in text, fragment
    return text


def _line_start(text):
    """A paragraph that would read as Markdown syntax gets its first character escaped."""
    if re.match(r"^([-*+]\s|\d+\.\s|#|:::)", text):
        return "\\" + text
    return text


def md_rich(fragment):
    lines = []
    for match in re.finditer(r"<(p|ul|ol)>(.*?)</\1>", fragment):
        if match[1] == "p":
            lines += [_line_start(part) for part in md_inline(match[2]).split("\n")]
        else:
            items = re.findall(r"<li>(.*?)</li>", match[2])
            for number, item in enumerate(items, 1):
                marker = "-" if match[1] == "ul" else f"{number}."
                lines.append(f"{marker} {md_inline(item)}")
    assert "".join(m.group() for m in re.finditer(r"<(p|ul|ol)>(.*?)</\1>", fragment)) == fragment, fragment
    return lines


def md_plain(text):
    return _line_start(re.sub(r"([\\])", r"\\\1", text))


def md_body(body, transcript=None):
    out = []
    for kind, value in body:
        if kind == "paragraph":
            out += md_rich(value)
        elif kind == "heading":
            out.append(f"## {md_plain(value)}")
        elif kind == "fact":
            out += [f"::: fact {md_plain(value['title'])}", *md_rich(value["text"]), ":::"]
        elif kind == "quote":
            out += [f"::: quote {md_plain(value['attribution'])}", *value["text"].split("\n"), ":::"]
        elif kind == "qa":
            out.append("::: qa")
            for item in value:
                answer = md_rich(item["answer"])
                out += [f"问：{md_plain(item['question'])}", f"答：{answer[0]}", *answer[1:]]
            out.append(":::")
        elif kind == "image":
            out += ["::: image", f"alt: {md_plain(value['alt'])}"]
            out += [f"{key}: {md_plain(value[key])}" for key in ("caption", "source") if value.get(key)]
            out.append(":::")
        else:
            raise ValueError(kind)
        out.append("")
    if transcript:
        out.append("::: transcript")
        for line in md_rich(transcript):
            out += [line, ""]
        out[-1] = ":::"
        out.append("")
    return out


# Items --------------------------------------------------------------------------------------

WORK_FIELDS = ("slug", "title", "summary", "form", "disciplines", "audiences", "regions", "campaign", "tags")
WORK_FIELDS += ("creator", "featured", "published", "colour")
NEWS_FIELDS = ("slug", "title", "summary", "disciplines", "audiences", "regions", "campaign", "tags")
NEWS_FIELDS += ("published", "colour", "source", "is_demo_event")


def write_item(folder, item, names, featured=0):
    fields = []
    for name in names:
        value = featured if name == "featured" else item.get(name)
        if value is None or (name == "featured" and not value):
            continue
        fields.append((name, value))
    lines = front_matter(fields, item.get("references") or ())
    lines += ["", *md_body(item["body"], item.get("transcript"))]
    path = OUT / folder / f"{item['slug']}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
    return path


def comparable(item, kind):
    item = dict(item)
    item["featured"] = bool(item.get("featured"))
    item["references"] = [
        {key: ref.get(key, "") for key in ("title", "authors", "publisher", "url", "doi")}
        | {"year": ref.get("year")}
        for ref in item.get("references") or []
    ]
    item.setdefault("campaign", None)
    if kind in ("works", "submissions"):
        item.setdefault("transcript", None)
    return item


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    demo = "home.demo"
    works = [w for name in WORK_MODULES for w in importlib.import_module(f"{demo}.{name}").WORKS]
    featured = {w["slug"]: n for n, w in enumerate((w for w in works if w.get("featured")), 1)}
    old = {"works": works}
    old["news"] = importlib.import_module(f"{demo}.news").NEWS
    old["submissions"] = importlib.import_module(f"{demo}.submissions").SUBMISSIONS
    written = {}
    for item in works:
        written[write_item("works", item, WORK_FIELDS, featured.get(item["slug"], 0))] = ("works", item)
    for item in old["news"]:
        written[write_item("news", item, NEWS_FIELDS)] = ("news", item)
    for item in old["submissions"]:
        written[write_item("submissions", item, WORK_FIELDS)] = ("submissions", item)
    pages = importlib.import_module(f"{demo}.pages")
    for order, (slug, spec) in enumerate(pages.PAGES.items(), 1):
        fields = [("slug", slug), ("title", spec["title"]), ("intro", spec["intro"])]
        fields += [("show_in_menus", slug != "privacy"), ("order", order)]
        path = OUT / "pages" / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join([*front_matter(fields), "", *md_body(spec["body"])]).rstrip("\n") + "\n")
        written[path] = ("pages", dict(spec, slug=slug, show_in_menus=slug != "privacy", order=order))
    policy = pages.POLICY
    fields = [
        ("slug", "nmg-kepu-plan-2024"),
        *((k, policy[k]) for k in ("title", "intro", "document_number")),
    ]
    fields += [("issued", policy["issued"]), ("issuers", policy["issuers"]), ("text", "plan-2024.txt")]
    fields += [("text_starts_at", "科学技术普及(以下简称科普)")]
    path = OUT / "policy" / "nmg-kepu-plan-2024.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(front_matter(fields)) + "\n")
    expected = dict(fields, body=[])
    written[path] = ("policy", expected)

    # Read every file back: it must give the old item exactly.
    mismatches = 0
    for path, (kind, item) in written.items():
        new = content.read_file(path, kind)
        if kind in ("works", "submissions", "news"):
            same = comparable(new, kind) == comparable(item, kind)
        else:
            same = dict(new) == item
        if not same:
            mismatches += 1
            print(f"MISMATCH {path}", file=sys.stderr)
            a, b = comparable(new, kind), comparable(item, kind)
            for key in sorted(set(a) | set(b)):
                if a.get(key) != b.get(key):
                    print(f"  {key}:\n    new {a.get(key)!r}\n    old {b.get(key)!r}", file=sys.stderr)
    featured_order = sorted((w["featured"], w["slug"]) for w in content.works() if w["featured"])
    assert [slug for _n, slug in featured_order] == list(featured), featured_order
    print(
        f"Wrote {len(written)} files; read back: {len(written) - mismatches} identical, {mismatches} differ."
    )
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
