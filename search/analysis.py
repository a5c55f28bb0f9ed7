"""Chinese (and Mongolian-script) text analysis shared by every search engine.

Both engines store `index_text()` and search with `analyse_query()`, so a document and a query are
always segmented by the same code, with the same dictionary: the portal's domain terms
(data/dictionary.txt), every Inner Mongolia region name and every term of data/synonyms.txt.
A query word is looked for as the tokens any document containing it is sure to have been given,
so a match does not depend on how the document's sentence happened to be cut.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

import rjieba
import zhconv
from zhconv.zhconv import getdict

from search import synonyms as vocabulary

# A query is cut to this much text and this many groups: the work stays bounded whatever is pasted.
MAX_QUERY_CHARS = 200
MAX_QUERY_GROUPS = 32
# The most query words a synonym-file term may have been split into (co中毒 → co + 中毒).
MAX_PHRASE_WORDS = 4

# Words a reader's question carries that say nothing about the topic. Only the query side drops
# them (a document keeps every token): "孩子近视怎么办" searches for 孩子 and 近视.
# fmt: off
STOP_WORDS = frozenset((
    "的", "地", "得", "了", "着", "过", "和", "与", "及", "或", "跟", "是", "在", "吗", "呢", "吧",
    "啊", "呀", "么", "嘛", "哦", "也", "都", "就", "还", "又", "很", "要", "会", "能", "该", "来",
    "去", "哪", "几", "谁", "这", "那", "我", "你", "他", "她", "它", "有", "被", "把", "对", "从",
    "到", "给", "让", "之", "其", "而", "但", "可以", "应该", "能不能", "可不可以", "是不是",
    "有没有", "什么", "怎么", "怎样", "怎么样", "怎么办", "如何", "为什么", "为何", "哪里", "哪儿",
    "哪些", "哪个", "多少", "这个", "那个", "这些", "那些", "这样", "那样", "我们", "你们", "他们",
    "咱们", "自己", "一个", "一些", "没有", "如果", "因为", "所以", "关于", "请问", "意思", "还是",
    "的话", "是否", "能否",
))
# fmt: on

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_HAN_CHAR = re.compile(f"(?=\\w)[{_HAN}]")  # \w: assigned characters only
# Traditional Mongolian words are separated by spaces; the segmenter, which would cut them into
# letters, never sees them. (The Mongolian Supplement block, U+11660…, holds only birga
# ornaments: punctuation, not letters.)
_MONGOLIAN_WORD = re.compile("([\u1810-\u1819\u1820-\u1878\u1880-\u18aa]+)")
_WORDLIKE = re.compile(r"[^\W_]")
_ASCII_WORD = re.compile(r"[a-z0-9]")


# --- normalization -----------------------------------------------------------------------------


@cache
def _fold_table() -> dict[int, str | None]:
    """Control, format and surrogate characters are dropped (whitespace controls become spaces);
    so are Mongolian free variation selectors and the vowel separator, which only choose glyphs."""
    table: dict[int, str | None] = {}
    for start, end in ((0, 0x10000), (0x10000, 0x20000), (0xE0000, 0xE1000)):
        for code in range(start, end):
            if unicodedata.category(chr(code)) in ("Cc", "Cf", "Cs"):
                table[code] = " " if chr(code).isspace() else None
    table.update(dict.fromkeys((0x180B, 0x180C, 0x180D, 0x180E, 0x180F)))
    # NNBSP joins a Mongolian case suffix to its stem: a space, so the stem is a word of its own.
    table[0x202F] = " "
    return table


def fold(text: str) -> str:
    """The character-level part of `normalize()`: NFKC, dropped invisibles, lowercase."""
    return unicodedata.normalize("NFKC", text).translate(_fold_table()).lower()


@cache
def _traditional_characters() -> frozenset[str]:
    """The characters Simplified conversion may change; a text without any is left as it is."""
    # strict: highlighting relies on conversion keeping every character in its place.
    return frozenset(
        k for key, value in getdict("zh-hans").items() for k, v in zip(key, value, strict=True) if k != v
    )


def _simplified(text: str) -> str:
    if _traditional_characters().isdisjoint(text):
        return text  # most text: zhconv's character-by-character loop is the slowest step here
    return zhconv.convert(text, "zh-hans")


def normalize(text: str) -> str:
    """The form every text is compared in: half-width, lowercase, Simplified Chinese."""
    return _simplified(fold(text))


# --- vocabulary ----------------------------------------------------------------------------------


@cache
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """Every synonym group, normalized: the file's lines, then each region with its short form."""
    groups = []
    for line in vocabulary.synonym_lines():
        group = tuple(dict.fromkeys(m for m in map(normalize, line) if m.strip()))
        if len(group) > 1:
            groups.append(group)
    groups.extend(vocabulary.region_short_forms().items())
    return tuple(groups)


@cache
def _synonym_index() -> dict[str, tuple[str, ...]]:
    others: dict[str, dict[str, None]] = {}
    for group in synonym_groups():
        for term in group:
            others.setdefault(term, {}).update(dict.fromkeys(t for t in group if t != term))
    return {term: tuple(found) for term, found in others.items()}


def synonyms_of(word: str) -> list[str]:
    """The other members of every synonym group holding `word` (normalized)."""
    return list(_synonym_index().get(normalize(word).strip(), ()))


def dictionary_terms() -> list[str]:
    """Domain terms for suggest-as-you-type: dictionary.txt, then region names and short forms."""
    return list(_dictionary_terms())


@cache
def _dictionary_terms() -> tuple[str, ...]:
    terms = [term for term, _ in vocabulary.dictionary_entries()]
    terms += vocabulary.region_names()
    terms += vocabulary.region_short_forms().values()
    return tuple(dict.fromkeys(terms))


@cache
def segmenter() -> rjieba.Jieba:
    """The one segmenter, loaded once with every term the portal knows."""
    jieba = rjieba.Jieba()
    words: dict[str, int | None] = {}
    for term, freq in vocabulary.dictionary_entries():
        words[normalize(term)] = freq
    for term in (*vocabulary.region_names(), *vocabulary.region_short_forms().values()):
        words.setdefault(normalize(term), None)
    for group in synonym_groups():
        for term in group:
            words.setdefault(term, None)
    for word, freq in words.items():
        # Only Chinese terms: Latin runs are words already (ai), and a Latin-and-Chinese entry
        # (co中毒) is not matched inside a sentence, so it is left to split into co + 中毒.
        if _HAN_CHAR.search(word) and not _ASCII_WORD.search(word):
            jieba.add_word(word, freq, None)
    return jieba


# --- tokens --------------------------------------------------------------------------------------


def _parts(normalized: str):
    """(is a Mongolian word, text): the Mongolian words, and the runs between them."""
    for i, part in enumerate(_MONGOLIAN_WORD.split(normalized)):
        if part:
            yield i % 2 == 1, part


def index_tokens(text: str) -> list[str]:
    """Every token a document is found by.

    jieba's search mode indexes a compound whole and by its parts: 北斗卫星导航系统 also as 北斗,
    卫星, 导航, 系统. Two additions make any word inside the text findable: the dictionary words of
    four or more characters inside a long word (导航系统), which search mode leaves out, and every
    Chinese character on its own, so that a one-character query word (躲, 烧) matches the words
    that contain it, as a reader expects of a search box. Latin words lose their hyphens (Wi-Fi,
    WiFi and wi-fi are one word to a reader); punctuation, symbols and spaces are no tokens.
    """
    jieba = segmenter()
    tokens: list[str] = []
    for is_mongolian, part in _parts(normalize(text)):
        if is_mongolian:
            tokens.append(part)
            continue
        characters = Counter(_HAN_CHAR.findall(part))
        for token in jieba.cut_for_search(part):
            if len(token) == 1:
                if token in characters:
                    characters[token] -= 1
                elif not token.isalnum():
                    continue
            elif not token.isalnum():  # 3.5, wi-fi, a run of spaces or dashes
                if not _WORDLIKE.search(token):
                    continue
                token = token.replace("-", "")
            elif len(token) >= 5 and _HAN_CHAR.search(token):
                # Search mode's own parts are 2- and 3-grams; add the longer ones.
                tokens.extend(w for w in jieba.cut_all(token) if 4 <= len(w) < len(token))
            tokens.append(token)
        tokens.extend(characters.elements())
    return tokens


def index_text(text: str) -> str:
    """What the engines store: the tokens, space-separated."""
    return " ".join(index_tokens(text))


def _sub_words(word: str) -> list[tuple[int, int, str]]:
    """(start, end, sub-word) for every dictionary word strictly inside `word`."""
    found = set()
    for sub in segmenter().cut_all(word):
        if 2 <= len(sub) < len(word):
            start = word.find(sub)
            while start != -1:
                found.add((start, start + len(sub), sub))
                start = word.find(sub, start + 1)
    return sorted(found)


def _pieces(token: str) -> list[str]:
    """The smallest index tokens that a document containing `token` is sure to have.

    A document's segmentation depends on context, so a query word may sit inside a longer
    document word, or be split differently. Short dictionary words inside a word are indexed
    wherever the word occurs (search mode), so a word is searched as the shortest such words
    that cover it: 科学技术 → 科学 + 技术. A word they do not cover (一氧化碳: 一 alone is
    no word) is searched whole.
    """
    if len(token) <= 2 or not _HAN_CHAR.search(token):
        return [token]
    subs = _sub_words(token)
    for longest in range(2, len(token)):
        candidates = [s for s in subs if s[1] - s[0] <= longest]
        cover = _interval_cover(candidates, len(token))
        if cover is not None:
            return cover
    return [token]


def _interval_cover(subs: list[tuple[int, int, str]], length: int) -> list[str] | None:
    """Fewest sub-words covering positions 0..length, left to right; None if there is a gap."""
    cover, covered = [], 0
    while covered < length:
        reaching = [s for s in subs if s[0] <= covered < s[1]]
        if not reaching:
            return None
        best = max(reaching, key=lambda s: s[1])
        cover.append(best[2])
        covered = best[1]
    return cover


def _searchable_words(normalized: str) -> list[str]:
    """Precise-mode words of a normalized text, punctuation dropped, hyphens as in the index."""
    return [word for word, _alone in _query_words(normalized)]


def _query_words(normalized: str) -> list[tuple[str, bool]]:
    """(word, typed on its own) for the precise-mode words of a normalized text: on its own when
    no other word touches it (躲 in "雷电 躲", not in "雷雨天怎么躲")."""
    words: list[tuple[str, bool]] = []
    for is_mongolian, part in _parts(normalized):
        if is_mongolian:
            words.append((part, True))
            continue
        cut = segmenter().cut(part)
        wordlike = [bool(_WORDLIKE.search(w)) for w in cut]
        for i, word in enumerate(cut):
            if wordlike[i]:
                alone = not (i > 0 and wordlike[i - 1]) and not (i + 1 < len(cut) and wordlike[i + 1])
                words.append((word.replace("-", ""), alone))
    return words


@lru_cache(maxsize=4096)
def _alternative(term: str) -> tuple[str, ...]:
    """The index tokens that must all be present for a document to contain `term` (normalized)."""
    pieces = []
    for word in _searchable_words(term):
        pieces.extend(_pieces(word))
    return tuple(dict.fromkeys(pieces))


def _synonym_phrases(words: list[str]) -> list[str]:
    """`words` with runs that spell a synonym-file term joined back into it: co + 中毒 → co中毒,
    which the segmenter cannot keep whole but which has synonyms (一氧化碳中毒)."""
    synonyms, merged, i = _synonym_index(), [], 0
    while i < len(words):
        for n in range(min(MAX_PHRASE_WORDS, len(words) - i), 1, -1):
            run = words[i : i + n]
            phrase = next((p for p in ("".join(run), " ".join(run)) if p in synonyms), None)
            if phrase:
                merged.append(phrase)
                i += n
                break
        else:
            merged.append(words[i])
            i += 1
    return merged


@dataclass(frozen=True)
class Query:
    """A reader's query, analysed. `groups` must all match for a work to match fully; a group
    matches when any one of its alternatives (the word, then each synonym) has all of its tokens in
    the work's index tokens. `partial` are the groups a partial match may rest on: the meaningful
    words — a dictionary word of two or more characters, a known term (synonym file, region), a
    Latin word, or a character typed on its own. A lone character the segmenter left over from a
    longer word (色 of 量子色动力学, 链 of 区块链) must match with the rest, never alone."""

    groups: tuple[tuple[tuple[str, ...], ...], ...]
    partial: tuple[tuple[tuple[str, ...], ...], ...]


def _meaningful(word: str, alone: bool) -> bool:
    if alone or word in _synonym_index():
        return True
    if len(word) < 2:
        return False
    return not _HAN_CHAR.search(word) or segmenter().has_word(word)


@lru_cache(maxsize=1024)
def analyse_query(text: str) -> Query:
    normalized = normalize(text[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS]
    typed = _query_words(normalized)
    alone = {}
    for word, on_its_own in typed:
        alone[word] = alone.get(word, False) or on_its_own
    groups: list[tuple[tuple[str, ...], ...]] = []
    meaningful: list[bool] = []
    for word in dict.fromkeys(_synonym_phrases([word for word, _alone in typed])):
        if word in STOP_WORDS:
            continue
        alternatives = [_alternative(word)] + [_alternative(s) for s in synonyms_of(word)]
        group = tuple(a for a in dict.fromkeys(alternatives) if a)
        if not group:
            continue
        means = _meaningful(word, alone.get(word, False))
        # "老人 老年人" asks for one thing, not two.
        same = next((i for i, g in enumerate(groups) if set(g) == set(group)), None)
        if same is not None:
            meaningful[same] = meaningful[same] or means
            continue
        groups.append(group)
        meaningful.append(means)
        if len(groups) == MAX_QUERY_GROUPS:
            break
    return Query(
        groups=tuple(groups),
        partial=tuple(g for g, means in zip(groups, meaningful, strict=True) if means),
    )


def query_terms(text: str) -> list[list[tuple[str, ...]]]:
    """The groups of `analyse_query(text)`: every one must match."""
    return [list(group) for group in analyse_query(text).groups]


@cache
def _normalized_terms() -> tuple[tuple[str, str], ...]:
    return tuple((normalize(term), term) for term in dictionary_terms())


def related_queries(text: str, limit: int = 5) -> list[str]:
    """Other queries worth trying when this one found nothing: the query with one word swapped
    for a synonym, then domain terms that contain one of its words (沙化 → 土地沙化), shortest first."""
    normalized = normalize(text[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS]
    words = [w for w in dict.fromkeys(_synonym_phrases(_searchable_words(normalized))) if w not in STOP_WORDS]
    suggestions: dict[str, None] = {}
    for word in words:
        for synonym in synonyms_of(word):
            suggestions[" ".join(synonym if w == word else w for w in words)] = None
    for word in words:
        if len(word) >= 2:
            found = [term for folded, term in _normalized_terms() if word in folded and folded != word]
            suggestions.update(dict.fromkeys(sorted(found, key=len)))
    for asked in (" ".join(words), normalized.strip()):
        suggestions.pop(asked, None)
    return list(suggestions)[:limit]


# --- highlighting --------------------------------------------------------------------------------

# A character and the combining marks after it: folded together, marked together.
_CLUSTER = re.compile(r".[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*", re.S)
# A snippet is centred on one of the first this many matches (a long text may have thousands).
MAX_SNIPPET_CANDIDATES = 100


@lru_cache(maxsize=8192)
def _fold_cluster(cluster: str) -> str:
    return fold(cluster)


@lru_cache(maxsize=1024)  # hits' titles and bodies come back query after query
def _normalized_view(text: str) -> tuple[str, list[int], list[int]]:
    """`normalize(text)` cluster by cluster, with where each character came from:
    normalized[i] stands for text[starts[i]:ends[i]]."""
    if unicodedata.is_normalized("NFKC", text) and text.translate(_fold_table()) == text:
        lowered = text.lower()
        if len(lowered) == len(text):  # character for character (most text): no loop in Python
            return _simplified(lowered), range(len(text)), range(1, len(text) + 1)
    parts, starts, ends = [], [], []
    for match in _CLUSTER.finditer(text):
        folded = _fold_cluster(match.group())
        parts.append(folded)
        starts += [match.start()] * len(folded)
        ends += [match.end()] * len(folded)
    return _simplified("".join(parts)), starts, ends


def _token_pattern(token: str) -> str:
    if not _ASCII_WORD.fullmatch(token[0]) and not _ASCII_WORD.fullmatch(token[-1]):
        return re.escape(token)
    # A Latin token is a whole word (ai is not in "said"), hyphens optional (wifi marks Wi-Fi).
    body = "-?".join(map(re.escape, token)) if token.isalnum() else re.escape(token)
    return f"(?<![a-z0-9]){body}(?![a-z0-9])"


def _marked_spans(text: str, groups) -> list[tuple[int, int]]:
    """Spans of `text` (original offsets, merged) where a query token or synonym occurs."""
    normalized, starts, ends = _normalized_view(text)
    tokens = {
        token
        for group in groups
        for option in group
        if all(token in normalized for token in option)
        for token in option
    }
    if not tokens:
        return []
    found = sorted(
        (starts[match.start()], ends[match.end() - 1])
        for token in tokens
        for match in re.finditer(_token_pattern(token), normalized)
    )
    # Overlapping and touching matches (沙尘 + 尘暴 in 沙尘暴) make one mark.
    spans: list[tuple[int, int]] = []
    for start, end in found:
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _window(text: str, spans, length: int) -> tuple[int, int]:
    """About `length` characters around the span with the most other matches nearby."""
    best, best_score = (0, length), 0
    for span_start, span_end in spans[:MAX_SNIPPET_CANDIDATES]:
        start = max(0, min((span_start + span_end - length) // 2, len(text) - length))
        end = start + length
        score = len({text[s:e] for s, e in spans if s < end and e > start})
        if score > best_score:
            best, best_score = (start, end), score
    start, end = best
    # Never cut a mark or a character's combining marks.
    for span_start, span_end in spans:
        if span_start < start < span_end:
            start = span_start
        if span_start < end < span_end:
            end = span_end
    clusters = [m.start() for m in _CLUSTER.finditer(text)] + [len(text)]
    start = clusters[bisect_right(clusters, start) - 1]
    end = clusters[bisect_left(clusters, end)]
    return start, end


def highlight(text: str, groups, *, length: int | None = None) -> str:
    """`text` as escaped HTML with every query token or synonym in <mark>.

    Matching happens on the normalized text, marks go around the original characters: a
    Traditional or full-width text is marked where the reader sees the word. With `length`, a
    snippet of about that many characters around the best match, "…" where it was cut.
    """
    spans = _marked_spans(text, groups)
    start, end = 0, len(text)
    if length is not None and len(text) > length:
        start, end = _window(text, spans, max(length, 1))
    out, position = [], start
    for span_start, span_end in spans:
        if span_start >= start and span_end <= end:
            out.append(html.escape(text[position:span_start]))
            out.append(f"<mark>{html.escape(text[span_start:span_end])}</mark>")
            position = span_end
    out.append(html.escape(text[position:end]))
    return ("…" if start > 0 else "") + "".join(out) + ("…" if end < len(text) else "")


def mentions(text: str, groups) -> bool:
    """Whether `text` contains any of the query's words (as `highlight` would mark them)."""
    return bool(groups) and bool(_marked_spans(text, groups))
