"""The database engine: Wagtail's database search backend (SQLite FTS5, PostgreSQL full-text)
over segmented text, with facets counted from the register of findable works.

One search costs one matching query (ids and scores of every hit), one query for the page of
hits shown, and — only after a work was (un)published — one query reloading the register.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.db.models.expressions import CombinedExpression

from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Or, PlainText

from articles.models import ArticlePage
from articles.models.pages import body_text

from .. import analysis, documents, facets
from ..hits import make_hit, merge_suggestions, suggestion_prefix
from ..models import IndexedWork
from ..service import FEW_HITS, MAX_PER_PAGE, SearchEngine, SearchRequest, SearchResult, SearchUnavailable

REGISTER_VERSION_KEY = "search:register-version"
MAX_HITS = 5000  # deeper than anyone pages; keeps one search's work bounded on a huge index
BULK_SIZE = 200


def wagtail_query(groups, every_group=True):
    """Our analysed query as Wagtail search query objects: every group must match (or, with
    `every_group` false, any group); within a group any alternative; within an alternative every
    token."""

    def alternative(tokens):
        return PlainText(" ".join(tokens), operator="and")

    combine = And if every_group else Or
    return combine([Or([alternative(tokens) for tokens in group]) for group in groups])


def match_index(query):
    """(work id, score) of Wagtail's index entries for works matching `query`, best first.

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
        tsquery = compiler.build_tsquery(query, config=backend.config)
        vectors = [(F("title"), F("title_norm")), (F("body"), 1.0)]
        entries = (
            IndexEntry.objects.filter(content_type_id=content_type.pk)
            .annotate(_vector_=CombinedExpression(F("title"), "||", F("body")))
            .filter(_vector_=tsquery)
            .annotate(score=compiler._build_rank_expression(vectors, backend.config))
            .order_by("-score")
            .values_list("object_id", "score")
        )
    else:  # Wagtail's fallback backend: no scores
        ids = (
            get_search_backend()
            .search(query, ArticlePage.objects.all())
            .get_queryset()
            .values_list("pk", flat=True)
        )
        return [(pk, 0.0) for pk in ids[:MAX_HITS]]
    return [(int(object_id), abs(float(score or 0.0))) for object_id, score in entries[:MAX_HITS]]


class Register:
    """The findable works of each locale with their facet values, kept in this process until the
    shared version number (in the cache, bumped on every change) moves."""

    def __init__(self):
        self._version = None
        self._by_locale = {}

    def works(self, locale):
        version = cache.get(REGISTER_VERSION_KEY)
        if version is None:
            version = 1
            cache.add(REGISTER_VERSION_KEY, version, None)
        if version != self._version:
            self._by_locale = {}
            self._version = version
        if locale not in self._by_locale:
            rows = IndexedWork.objects.filter(locale=locale).values_list("page_id", "facets", "published_at")
            self._by_locale[locale] = {pk: (values, published) for pk, values, published in rows}
        return self._by_locale[locale]

    @staticmethod
    def changed():
        try:
            cache.incr(REGISTER_VERSION_KEY)
        except ValueError:
            cache.set(REGISTER_VERSION_KEY, 2, None)


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
        groups = analysis.query_terms(request.text)
        works = self.register.works(request.locale)
        if groups:
            scored = [(pk, score) for pk, score in self._match(groups, request.locale) if pk in works]
        elif request.filters:
            scored = [(pk, 0.0) for pk in works]
        else:
            return SearchResult(hits=[], total=0, facets=[])
        selected = [(pk, score) for pk, score in scored if facets.matches(works[pk][0], request.filters)]
        if request.sort == "date" or not groups:
            selected.sort(
                key=lambda item: (works[item[0]][1] is not None, works[item[0]][1], item[0]), reverse=True
            )
        per_page = max(1, min(request.per_page, MAX_PER_PAGE))
        start = (max(request.page, 1) - 1) * per_page
        shown = selected[start : start + per_page]
        return SearchResult(
            hits=self._hits(shown, groups),
            total=len(selected),
            facets=facets.count([works[pk][0] for pk, _score in scored], request.filters),
            suggestions=analysis.related_queries(request.text) if not selected and request.text else [],
        )

    def _match(self, groups, locale):
        """(page id, score) of every work whose index entry matches, best first: works with every
        word of the query, then — when those are few, as for a question typed in full — works
        with some of them. (The register, not this, decides what is public and in `locale`.)"""
        found = match_index(wagtail_query(groups))
        if len(groups) > 1 and len(found) < FEW_HITS:
            seen = {pk for pk, _score in found}
            found += [
                row for row in match_index(wagtail_query(groups, every_group=False)) if row[0] not in seen
            ]
        return found

    def _hits(self, shown, groups):
        if not shown:
            return []
        pages = ArticlePage.objects.only("title", "summary", "body").in_bulk([pk for pk, _score in shown])
        return [
            make_hit(pk, score, groups, title=page.title, summary=page.summary, body=body_text(page.body))
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
        if documents.is_indexable(page):
            work = documents.indexable_works().get(pk=page.pk)
            self._write([work])
        else:
            IndexedWork.objects.filter(page_id=page.pk).delete()
        self.register.changed()

    def remove_work(self, page_id):
        IndexedWork.objects.filter(page_id=page_id).delete()
        self.register.changed()

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
        self.register.changed()
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
