"""The search vocabulary, as read from its files: the domain dictionary (data/dictionary.txt),
the synonym groups (data/synonyms.txt) and the region names with their short forms
(articles/data/inner_mongolia_regions.json). Raw text only: search.analysis normalizes it."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")
DICTIONARY_FILE = DATA_DIR / "dictionary.txt"
SYNONYMS_FILE = DATA_DIR / "synonyms.txt"
REGIONS_FILE = Path(__file__).resolve().parent.parent / "articles" / "data" / "inner_mongolia_regions.json"


def _data_lines(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield line


@cache
def dictionary_entries() -> tuple[tuple[str, int | None], ...]:
    """(term, frequency or None) from dictionary.txt, in file order."""
    entries = []
    for line in _data_lines(DICTIONARY_FILE):
        term, _, freq = line.partition(" ")
        entries.append((term, int(freq) if freq.strip() else None))
    return tuple(entries)


@cache
def _region_rows() -> tuple[dict, ...]:
    return tuple(json.loads(REGIONS_FILE.read_text(encoding="utf-8")))


@cache
def region_names() -> tuple[str, ...]:
    return tuple(row["name"] for row in _region_rows())


# Suffixes a reader leaves off ("额济纳" for 额济纳旗), longest first.
_REGION_SUFFIXES = ("自治区", "矿区", "市", "盟", "旗", "县", "区")
# A stem ending so is no name on its own: 巴林左旗 → 巴林左, 鄂伦春自治旗 → 鄂伦春自治.
_PARTIAL_STEM_ENDINGS = ("左", "右", "前", "中", "后", "联合", "自治", "族", "翼")


@cache
def region_short_forms() -> dict[str, str]:
    """Full region name → the short form readers type, where that form is unambiguous.

    A stem of three characters or more (two for a league-level city: 包头, 赤峰) that names no
    other region: 阿巴嘎旗 → 阿巴嘎, but not 鄂托克旗 → 鄂托克 (also in 鄂托克前旗), nor 兴安盟 →
    兴安 (大兴安岭), nor 海南区 → 海南. 阿拉善 stays for 阿拉善盟: the other names holding it are
    its own banners.
    """
    rows = _region_rows()
    names = {row["name"] for row in rows}
    children: dict[str, set[str]] = {}
    for row in rows:
        children.setdefault(row["parent"], set()).add(row["name"])
    forms = {}
    for row in rows:
        name = row["name"]
        suffix = next((s for s in _REGION_SUFFIXES if name.endswith(s)), None)
        if suffix is None:
            continue
        stem = name.removesuffix(suffix)
        long_enough = len(stem) >= 3 or (len(stem) == 2 and row["kind"] == "地级市")
        others = names - {name} - children.get(row["code"], set())
        if (
            long_enough
            and not stem.endswith(_PARTIAL_STEM_ENDINGS)
            and not any(stem in other for other in others)
        ):
            forms[name] = stem
    return forms


@cache
def synonym_lines() -> tuple[tuple[str, ...], ...]:
    """Each line of synonyms.txt as its members, as written."""
    return tuple(
        tuple(term.strip() for term in re.split(r"[,，]", line) if term.strip())
        for line in _data_lines(SYNONYMS_FILE)
    )
