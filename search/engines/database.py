"""The database engine: Wagtail's database search backend (SQLite FTS5, PostgreSQL full-text)
over segmented text, with facets counted from the register of findable works.

One search costs one matching query (ids and scores of every hit; on PostgreSQL two), one query
for the page of hits shown, on PostgreSQL one ranking the bodies when that page reaches the works
that only mention the words in their body, and — only after a work was (un)published — one query
reloading the register.
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchRank
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.db.models.expressions import CombinedExpression

from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Or, PlainText

from articles.models import ArticlePage

from .. import analysis, documents, facets
from ..hits import make_hit, merge_suggestions, suggestion_prefix
from ..models import IndexedWork, RegisterVersion
from ..reading import reading_text
from ..service import FEW_HITS, MAX_PER_PAGE, SearchEngine, SearchRequest, SearchResult, SearchUnavailable

MAX_HITS = 5000  # deeper than anyone pages; keeps one search's work bounded on a huge index
BULK_SIZE = 1000  # Wagtail recomputes every title norm after each batch


def wagtail_query(groups, every_group=True):
    """Our analysed query as Wagtail search query objects: every group must match (or, with
    `every_group` false, any group); within a group any alternative; within an alternative every
    token."""

    def alternative(tokens):
        return PlainText(" ".join(tokens), operator="and")

    combine = And if every_group else Or
    return combine([Or([alternative(tokens) for tokens in group]) for group in groups])


def match_index(query):
    """(work id, score) of Wagtail's index entries for works matching `query` (higher is better).
    On PostgreSQL the works about the words score 1 or more, the others None: they are ranked by
    `rank_bodies` when a page of hits reaches them.

    Reads Wagtail's index tables with the expressions its backend builds, but without joining the
    page table: Wagtail's own search() scores each candidate page with a correlated subquery, which
    took 100 ms at 500 works on SQLite. Whether a work may be shown is the register's business.
    """
    backend = get_search_backend()
    compiler = backend.query_compiler_class(ArticlePage.objects.none(), query)
    content_type = ContentType.objects.get_for_model(ArticlePage)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.query import MatchExpression

        from wagtail.search.models import SQLiteFTSIndexEntry

        match = MatchExpression(compiler.FTS_TABLE_FIELDS, compiler.build_search_query(query))
        entries = (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type_id=content_type.pk)
            .annotate(score=compiler._build_rank_expression(compiler.get_search_vectors(), None))
            .order_by("score")  # bm25: lower is better
            .values_list("index_entry__object_id", "score")
        )
    elif connection.vendor == "postgresql":
        tsquery, weights = _postgres_query(compiler, backend, query)
        entries = IndexEntry.objects.filter(content_type_id=content_type.pk)
        # Every match, unranked: the GIN index of migration 0002 answers it.
        matching = (
            entries.annotate(_words_=CombinedExpression(F("title"), "||", F("body")))
            .filter(_words_=tsquery)
            .values_list("object_id", flat=True)
        )
        # Ranked at once: the works whose title or summary (the autocomplete vector) has the words —
        # what a work is about. The others only have them in the body: their score is None until
        # a page of hits reaches them (rank_bodies), because ranking every body on every search
        # doubled the time of a 10,000-work search.
        rank = SearchRank(F("title"), tsquery, weights=weights) * F("title_norm") + SearchRank(
            F("autocomplete"), tsquery, weights=weights
        )
        about = entries.filter(autocomplete=tsquery).annotate(score=rank).values_list("object_id", "score")
        scores = {int(object_id): 1 + float(score) / (1 + float(score)) for object_id, score in about}
        return [(int(object_id), scores.get(int(object_id))) for object_id in matching[:MAX_HITS]]
    else:  # Wagtail's fallback backend: no scores
        ids = (
            get_search_backend()
            .search(query, ArticlePage.objects.all())
            .get_queryset()
            .values_list("pk", flat=True)
        )
        return [(pk, 0.0) for pk in ids[:MAX_HITS]]
    return [(int(object_id), abs(float(score or 0.0))) for object_id, score in entries[:MAX_HITS]]


def _postgres_query(compiler, backend, query):
    return compiler.build_tsquery(query, config=backend.config), compiler.sql_weights


def rank_bodies(query, ids):
    """{work id: a score in [0, 1)} for how much the body of each of `ids` says of `query`
    (PostgreSQL's ts_rank, where a heading weighs more than a passing mention: see search.index)."""
    backend = get_search_backend()
    compiler = backend.query_compiler_class(ArticlePage.objects.none(), query)
    tsquery, weights = _postgres_query(compiler, backend, query)
    ranks = (
        IndexEntry.objects.filter(
            content_type_id=ContentType.objects.get_for_model(ArticlePage).pk,
            object_id__in=[str(pk) for pk in ids],
        )
        .annotate(rank=SearchRank(F("body"), tsquery, weights=weights))
        .values_list("object_id", "rank")
    )
    return {int(object_id): float(rank) / (1 + float(rank)) for object_id, rank in ranks}


class Catalogue:
    """The findable works of one locale: when each was published, and which works have each facet
    value (sets, so that counting a facet over thousands of hits is a few set intersections)."""

    def __init__(self, rows):
        self.published = {}
        self.by_value = {}
        for pk, values, published in rows:
            self.published[pk] = published.timestamp() if published else 0.0
            for name, codes in values.items():
                for code in codes:
                    self.by_value.setdefault(name, {}).setdefault(code, set()).add(pk)


class Register:
    """The catalogue of each locale, kept in this process until the register's stamp (one row in
    the database, new at every write) changes: one primary-key read a search."""

    def __init__(self):
        self._version = None
        self._by_locale = {}

    def catalogue(self, locale):
        version = RegisterVersion.current()
        if version != self._version:
            self._by_locale = {}
            self._version = version
        if locale not in self._by_locale:
            rows = IndexedWork.objects.filter(locale=locale).values_list("page_id", "facets", "published_at")
            self._by_locale[locale] = Catalogue(rows)
        return self._by_locale[locale]


class DatabaseEngine(SearchEngine):
    name = "database"

    def __init__(self):
        self.register = Register()

    # Reading -------------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResult:
        try:
            return self._search(request)
        except DatabaseError as error:
            raise SearchUnavailable(str(error)) from error

    def _search(self, request):
        query = analysis.analyse_query(request.text)
        groups = query.groups
        catalogue = self.register.catalogue(request.locale)
        published = catalogue.published
        partial = set()
        if groups:
            found, partial = self._match(query)
            scored = [(pk, score) for pk, score in found if pk in published]
        elif request.filters:
            scored = [(pk, 0.0) for pk in published]
        else:
            return SearchResult(hits=[], total=0, facets=[])
        hits = {pk for pk, _score in scored}
        allowed = facets.narrowed(hits, catalogue.by_value, request.filters)
        selected = [(pk, score) for pk, score in scored if pk in allowed]
        per_page = max(1, min(request.per_page, MAX_PER_PAGE))
        start = (max(request.page, 1) - 1) * per_page
        if groups and request.sort != "date":
            selected = self._by_relevance(selected, query, partial, published, start + per_page)
        else:
            # Newest first, full matches before partial ones.
            selected.sort(
                key=lambda item: (item[0] not in partial, published[item[0]], item[0]), reverse=True
            )
        shown = selected[start : start + per_page]
        return SearchResult(
            hits=self._hits(shown, query, partial),
            total=len(selected),
            facets=facets.count(hits, catalogue.by_value, request.filters),
            suggestions=analysis.related_queries(request.text) if not selected and request.text else [],
            partial_total=sum(1 for pk, _score in selected if pk in partial),
        )

    @staticmethod
    def _by_relevance(selected, query, partial, published, shown_up_to):
        """`selected` best first: full matches (score ≥ 0) before partial ones (below 0), equal
        scores newest first. Works matched in the body only (score None, on PostgreSQL) are ranked
        by their bodies when the page shown reaches past the works about the words: full ones in
        [0, 1), below those about the words; partial ones in [-1, -0.5), likewise."""
        about = sum(1 for pk, score in selected if score is not None and pk not in partial)
        body_only = [pk for pk, score in selected if score is None and pk not in partial]
        partial_about = sum(1 for pk, score in selected if score is not None and pk in partial)
        partial_body_only = [pk for pk, score in selected if score is None and pk in partial]
        ranks = {}
        if body_only and shown_up_to > about:
            ranks.update(rank_bodies(wagtail_query(query.groups), body_only))
        if partial_body_only and shown_up_to > about + len(body_only) + partial_about:
            some = rank_bodies(wagtail_query(query.partial, every_group=False), partial_body_only)
            ranks.update((pk, rank / 2 - 1) for pk, rank in some.items())

        def score_of(pk, score):
            if score is not None:
                return score
            return ranks.get(pk, -1.0 if pk in partial else 0.0)

        ranked = [(pk, score_of(pk, score)) for pk, score in selected]
        ranked.sort(key=lambda item: (item[1], published[item[0]]), reverse=True)
        return ranked

    def _match(self, query):
        """(page id, score) of every work whose index entry matches, best first, and the ids of
        the partial matches among them: works with every word of the query, then — when those are
        few, as for a question typed in full — works with some of its meaningful words. (The
        register, not this, decides what is public and in the reader's locale.)"""
        found = match_index(wagtail_query(query.groups))
        partial = set()
        if len(query.groups) > 1 and len(found) < FEW_HITS and query.partial:
            seen = {pk for pk, _score in found}
            # Below every full match: their scores go negative (full matches score ≥ 0); body-only
            # ones (None, on PostgreSQL) are ranked later, see _by_relevance.
            some = [
                (pk, None if score is None else score / (1 + score) - 1)
                for pk, score in match_index(wagtail_query(query.partial, every_group=False))
                if pk not in seen
            ]
            partial = {pk for pk, _score in some}
            found += some
        return found, partial

    def _hits(self, shown, query, partial):
        if not shown:
            return []
        pages = ArticlePage.objects.only("title", "summary", "body").in_bulk([pk for pk, _score in shown])
        return [
            make_hit(
                pk,
                score or 0.0,
                # A partial match is marked where it has a meaningful word, not a stray character.
                query.partial if pk in partial else query.groups,
                title=page.title,
                summary=page.summary,
                body=reading_text(page.body),
                partial=pk in partial,
            )
            for pk, score in shown
            if (page := pages.get(pk)) is not None  # None: removed between the two queries
        ]

    def suggest(self, prefix, limit=8, locale="zh-hans"):
        text = suggestion_prefix(prefix)
        if not text:
            return []
        try:
            titles = list(
                IndexedWork.objects.filter(locale=locale, title__icontains=text)
                .order_by("-published_at")
                .values_list("title", flat=True)[:limit]
            )
        except DatabaseError as error:
            raise SearchUnavailable(str(error)) from error
        return merge_suggestions(text, titles, limit)

    # Writing -------------------------------------------------------------------------------

    def index_work(self, page):
        page = ArticlePage.objects.filter(pk=page.pk).first()
        if page is None:
            return
        # Wagtail's own index follows every save; its words must follow the classification too,
        # which is saved after the page row.
        get_search_backend().add(page)
        work = documents.indexable_works().filter(pk=page.pk).first()
        if work is not None:
            self._write([work])
        else:
            IndexedWork.objects.filter(page_id=page.pk).delete()
        RegisterVersion.advance()

    def remove_work(self, page_id):
        IndexedWork.objects.filter(page_id=page_id).delete()
        RegisterVersion.advance()

    def rebuild(self):
        backend = get_search_backend()
        works = documents.indexable_works().order_by("pk")
        count = 0
        with transaction.atomic():
            IndexedWork.objects.all().delete()
            batch = []
            for work in works.iterator(chunk_size=BULK_SIZE):
                batch.append(work)
                if len(batch) == BULK_SIZE:
                    count += self._write(batch, create=True)
                    backend.add_bulk(ArticlePage, batch)
                    batch = []
            if batch:
                count += self._write(batch, create=True)
                backend.add_bulk(ArticlePage, batch)
        # Works that are not findable keep their entries in Wagtail's index (the admin searches
        # drafts too) but have no register row, so the public never gets them.
        if connection.vendor == "postgresql":
            # A rebuild rewrites every entry: without a vacuum the index scans wade through the dead
            # rows (32 ms instead of 5 at 10,000 works), without fresh statistics the planner reads
            # every entry. (VACUUM cannot run inside a transaction, as in tests: ANALYZE only.)
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            with connection.cursor() as cursor:
                cursor.execute(f"{command} {IndexEntry._meta.db_table}")
        RegisterVersion.advance()
        return count

    @staticmethod
    def _write(works, create=False):
        rows = []
        for work in works:
            document = documents.work_document(work)
            rows.append(
                IndexedWork(
                    page_id=work.pk,
                    locale=document["locale"],
                    title=work.title,
                    facets=documents.facet_values(document),
                    published_at=work.first_published_at or work.last_published_at,
                )
            )
        if create:
            IndexedWork.objects.bulk_create(rows)
        else:
            IndexedWork.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["page"],
                update_fields=["locale", "title", "facets", "published_at"],
            )
        return len(rows)
