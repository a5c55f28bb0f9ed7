"""The one search service: what the search page, the audience columns and the API call.

An engine (the database one by default, Elasticsearch at scale) answers a `SearchRequest` with a
`SearchResult`. `settings.PORTAL_SEARCH_ENGINE` names the engine; `get_engine()` returns it.
Engines only ever index and return live, public works in the reader's locale.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

# Facets, in the order the search page shows them. Values are stable codes, never database ids:
#   discipline — the top-level Discipline.code (a work in a sub-field counts under its top field)
#   audience   — Audience.code
#   league     — the Region.code of the league (盟/地级市) a work's regions belong to
#   form       — WorkForm value
#   year       — the year of first publication, as a string ("2025")
FACETS = {
    "discipline": _("学科"),
    "audience": _("人群"),
    "league": _("地区"),
    "form": _("形式"),
    "year": _("年份"),
}
SORTS = ("relevance", "date")
MAX_PER_PAGE = 50
# Works must have every word of a query (a full match); when fewer than this many do (a question
# typed in full, say), engines add works that have some of its meaningful words (a partial match,
# see analysis.Query), after those that have all.
FEW_HITS = 10


class SearchUnavailable(Exception):
    """The engine cannot answer now (server down, index missing). The page answers 503."""


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    # facet name → the selected values; values within a facet are OR-ed, facets are AND-ed.
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    locale: str = "zh-hans"


@dataclass
class Hit:
    page_id: int
    score: float
    # Escaped HTML: the matched words wrapped in <mark>, nothing else unescaped.
    title_html: str
    snippet_html: str
    # A partial match: the work has some of the query's meaningful words, not all of its words.
    partial: bool = False


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int  # full and partial matches
    facets: list[Facet]
    partial_total: int = 0  # of `total`, the partial matches (always after the full ones)
    # Other queries worth trying (synonyms, related terms) — shown most on a zero-results page.
    suggestions: list[str] = field(default_factory=list)


class SearchEngine(abc.ABC):
    name = ""

    @abc.abstractmethod
    def search(self, request: SearchRequest) -> SearchResult:
        """Raise SearchUnavailable when the engine cannot answer."""

    @abc.abstractmethod
    def suggest(self, prefix: str, limit: int = 8, locale: str = "zh-hans") -> list[str]:
        """Completions for what the reader is typing: work titles and dictionary terms."""

    @abc.abstractmethod
    def index_work(self, page) -> None:
        """(Re)index one work if it is live and public, else remove it."""

    @abc.abstractmethod
    def remove_work(self, page_id: int) -> None: ...

    @abc.abstractmethod
    def rebuild(self) -> int:
        """Index every live, public work from scratch; return how many were indexed."""


_engines: dict[str, SearchEngine] = {}


def get_engine(name: str | None = None) -> SearchEngine:
    name = name or settings.PORTAL_SEARCH_ENGINE
    if name not in _engines:
        _engines[name] = import_string(settings.PORTAL_SEARCH_ENGINES[name])()
    return _engines[name]
