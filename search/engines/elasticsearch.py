"""The Elasticsearch engine: the same words as the database engine (our segmentation, our synonyms),
with facets counted by the cluster, completion suggestions and zero-downtime rebuilds.

Readers search the alias `settings.ELASTICSEARCH_INDEX`; a rebuild fills a new index beside the one
in use and moves the alias to it in one step. Anything the cluster cannot answer within
READ_TIMEOUT seconds becomes SearchUnavailable.
"""

import contextlib
import logging

from elasticsearch import ApiError, AuthorizationException, Elasticsearch, TransportError
from elasticsearch.dsl import A, Q, Search
from elasticsearch.helpers import BulkIndexError, bulk

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from .. import analysis, documents, facets
from ..hits import make_hit, merge_suggestions, suggestion_prefix
from ..service import (
    FACETS,
    FEW_HITS,
    MAX_PER_PAGE,
    SearchEngine,
    SearchRequest,
    SearchResult,
    SearchUnavailable,
)
from .es_documents import TEXT_FIELDS, WorkDocument, works_index

logger = logging.getLogger(__name__)

READ_TIMEOUT = 2.0  # seconds a reader waits for the cluster
WRITE_TIMEOUT = 30.0  # indexing and rebuilding run in the background
BULK_SIZE = 200

# No page of hits starts beyond this many: deep paging costs the cluster more than anyone reads.
MAX_RESULT_WINDOW = 5000
MAX_FACET_VALUES = 100
# A match of the raw text under the cluster's Chinese analyzer only nudges the score.
RAW_MATCH_BOOST = 0.3
TOKEN_TIE_BREAKER = 0.3
MAX_SUGGESTIONS = 20
# A full match's score in a search for some of the words: above any partial match's (a partial
# match scores at most a few units per word it has).
FULL_MATCH_BOOST = 10_000.0
FULL_MATCH = "full"  # the name of that query, in each hit's matched_queries


@contextlib.contextmanager
def unavailable_on_error():
    """Turn the cluster being down, slow, missing the index or refusing a write into SearchUnavailable."""
    try:
        yield
    except (ApiError, TransportError, BulkIndexError) as error:
        logger.warning("Elasticsearch: %s", error)
        raise SearchUnavailable(str(error)) from error


def token_query(token):
    """One index token, in any of the segmented fields; the best field scores, title first."""
    return Q(
        "dis_max",
        queries=[
            Q("term", **{f"{name}_tokens": {"value": token, "boost": boost}})
            for name, boost in TEXT_FIELDS.items()
        ],
        tie_breaker=TOKEN_TIE_BREAKER,
    )


def group_query(group):
    """Any alternative of a group (a word or a synonym); within an alternative, every token."""
    return Q(
        "bool",
        should=[Q("bool", must=[token_query(t.lower()) for t in alternative]) for alternative in group],
    )


def works_query(locale, text, query, partial=False, by_date=False):
    """Works in `locale`; with words, every group of `query` must match (a full match) — or, with
    `partial`, at least one of its meaningful groups, full matches scoring above every partial
    one and named "full" so that each hit says which it is. The raw text under the cluster's
    Chinese analyzer adds a little to the score. `by_date` (partial only): full matches score 1,
    partial ones 0, for a sort on the score and then the date."""
    in_locale = Q("term", locale=locale)
    if not query.groups:
        return Q("bool", filter=[in_locale])
    every_group = [group_query(group) for group in query.groups]
    raw = Q(
        "multi_match",
        query=text[: analysis.MAX_QUERY_CHARS],
        fields=[f"{name}^{boost:g}" for name, boost in TEXT_FIELDS.items()],
        boost=RAW_MATCH_BOOST,
    )
    if not partial:
        return Q("bool", filter=[in_locale], must=every_group, should=[raw])
    some = Q("bool", should=[group_query(group) for group in query.partial], minimum_should_match=1)
    full = Q(
        "constant_score",
        filter=Q("bool", must=every_group),
        boost=1.0 if by_date else FULL_MATCH_BOOST,
        _name=FULL_MATCH,
    )
    if by_date:
        return Q("bool", filter=[in_locale, some], should=[full])
    return Q("bool", filter=[in_locale], must=[some], should=[raw, full])


def facet_filters(filters, skip=None):
    """Terms filters for the selected facet values (OR within a facet), leaving out `skip`."""
    return [
        Q("terms", **{name: list(values)})
        for name, values in filters.items()
        if name in FACETS and name != skip
    ]


def build_search(search, request, query, partial=False):
    """The body of a search: locale and text narrow the hits and the facet counts; the selected
    facets narrow the hits (post_filter) and every other facet's counts (filtered aggregations)."""
    by_date = request.sort == "date"
    search = search.query(works_query(request.locale, request.text, query, partial, by_date))
    search = search.extra(track_total_hits=True)
    search = search.source(["title", "summary", "reading"])
    if request.filters:
        search = search.post_filter(Q("bool", filter=facet_filters(request.filters)))
    for name in FACETS:
        order = {"_key": "desc"} if name == "year" else {"_count": "desc"}
        facet = A("filter", Q("bool", filter=facet_filters(request.filters, skip=name)))
        facet.bucket("values", "terms", field=name, size=MAX_FACET_VALUES, order=order)
        search.aggs.bucket(name, facet)
    newest = [{"published_at": {"order": "desc", "missing": "_last"}}, {"page_id": {"order": "desc"}}]
    if not query.groups or (by_date and not partial):
        search = search.sort(*newest)
    else:  # by relevance; or by date with full matches (score 1) before partial ones (0)
        search = search.sort("_score", *newest)
    per_page = max(1, min(request.per_page, MAX_PER_PAGE))
    start = (max(request.page, 1) - 1) * per_page
    if start + per_page > MAX_RESULT_WINDOW:
        return search[0:0]  # the total and the facets, but no hits
    return search[start : start + per_page]


def facets_from_aggregations(aggregations, filters):
    """The facets from the cluster's buckets (each facet's aggregation leaves out its own filter)."""
    counters = {
        name: {bucket["key"]: bucket["doc_count"] for bucket in aggregations[name]["values"]["buckets"]}
        for name in FACETS
    }
    return facets.build(counters, filters)


def hit(raw, query, partial=False):
    """A hit with the words found marked. The text comes from the index but is highlighted here,
    by our own escaping highlighter: the cluster's highlighter returns stored text unescaped.
    With `partial` (the search asked for some words), a hit is partial unless it matched "full"."""
    source = raw["_source"]
    matched = raw.get("matched_queries") or ()  # a list, or a dict of scores (include_named_queries_score)
    is_partial = partial and FULL_MATCH not in matched
    return make_hit(
        int(raw["_id"]),
        float(raw.get("_score") or 0.0),
        # A partial match is marked where it has a meaningful word, not a stray character.
        query.partial if is_partial else query.groups,
        title=source.get("title", ""),
        summary=source.get("summary", ""),
        body=source.get("reading", ""),
        partial=is_partial,
    )


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, url=None, alias=None):
        url = url or settings.ELASTICSEARCH_URL
        if not url:
            raise ImproperlyConfigured("The Elasticsearch search engine needs ELASTICSEARCH_URL.")
        self.alias = alias or settings.ELASTICSEARCH_INDEX
        self.client = Elasticsearch(url, request_timeout=READ_TIMEOUT, max_retries=0, retry_on_timeout=False)
        self.writer = self.client.options(request_timeout=WRITE_TIMEOUT, max_retries=2, retry_on_timeout=True)
        self._plugins = None

    # Reading -------------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResult:
        query = analysis.analyse_query(request.text)
        if not query.groups and not request.filters:
            return SearchResult(hits=[], total=0, facets=[])
        search = build_search(Search(), request, query)
        with unavailable_on_error():
            response = self.client.search(index=self.alias, body=search.to_dict())
        total = full_total = response["hits"]["total"]["value"]
        partial = len(query.groups) > 1 and total < FEW_HITS and bool(query.partial)
        if partial:
            # Few works have every word: add those with some of its meaningful words, after them.
            search = build_search(Search(), request, query, partial=True)
            with unavailable_on_error():
                response = self.client.search(index=self.alias, body=search.to_dict())
            total = response["hits"]["total"]["value"]
        return SearchResult(
            hits=[hit(raw, query, partial) for raw in response["hits"]["hits"]],
            total=total,
            facets=facets_from_aggregations(response["aggregations"], request.filters),
            suggestions=analysis.related_queries(request.text) if not total and request.text else [],
            partial_total=max(total - full_total, 0),
        )

    def suggest(self, prefix, limit=8, locale="zh-hans"):
        text = suggestion_prefix(prefix)
        limit = max(1, min(limit, MAX_SUGGESTIONS))
        if not text:
            return []
        search = Search().source(["title"]).extra(size=0)
        search = search.suggest(
            "titles", text, completion={"field": "suggest", "size": limit, "contexts": {"locale": [locale]}}
        )
        with unavailable_on_error():
            response = self.client.search(index=self.alias, body=search.to_dict())
        titles = [option["_source"]["title"] for option in response["suggest"]["titles"][0]["options"]]
        return merge_suggestions(text, titles, limit)

    # Writing -------------------------------------------------------------------------------

    def index_work(self, page):
        work = documents.indexable_works().filter(pk=page.pk).first()
        if work is None:
            self.remove_work(page.pk)
            return
        document = WorkDocument.from_work(documents.work_document(work))
        with unavailable_on_error():
            # require_alias: never let a write auto-create an unmapped index under the alias's name.
            self.writer.index(
                index=self.alias,
                id=work.pk,
                document=document.to_dict(),
                require_alias=True,
                refresh="wait_for",
            )

    def remove_work(self, page_id):
        with unavailable_on_error():
            response = self.writer.options(ignore_status=404).delete(
                index=self.alias, id=page_id, refresh="wait_for"
            )
        if response.meta.status == 404 and "error" in response.body:  # the index, not the work, is missing
            raise SearchUnavailable(f"Elasticsearch: no index {self.alias}")

    def rebuild(self):
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        with unavailable_on_error():
            works_index(name, self.plugins()).create(using=self.writer)
            try:
                count = self._fill(name)
                self.writer.indices.refresh(index=name)
                self._move_alias(name)
            except BaseException:
                self.writer.options(ignore_status=404).indices.delete(index=name)
                raise
        return count

    def _fill(self, name):
        works = documents.indexable_works().order_by("pk").iterator(chunk_size=BULK_SIZE)
        actions = (
            {
                **WorkDocument.from_work(documents.work_document(work)).to_dict(include_meta=True),
                "_index": name,
            }
            for work in works
        )
        count, _errors = bulk(self.writer, actions, chunk_size=BULK_SIZE)
        return count

    def _move_alias(self, name):
        """Point the alias at `name` alone, in one atomic step, then drop the indices it left."""
        current = self.writer.options(ignore_status=404).indices.get_alias(index=self.alias)
        old = [] if current.meta.status == 404 else sorted(current.body)
        actions = [
            # A concrete index squatting on the alias's name is removed in the same step.
            {"remove_index": {"index": index}}
            if index == self.alias
            else {"remove": {"index": index, "alias": self.alias}}
            for index in old
        ]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.writer.indices.update_aliases(actions=actions)
        left = [index for index in old if index != self.alias]
        if left:
            self.writer.indices.delete(index=left)

    def plugins(self):
        """The analysis plugins every node has (asked once per process)."""
        if self._plugins is None:
            try:
                nodes = self.client.nodes.info(metric="plugins")["nodes"].values()
            except AuthorizationException:
                logger.warning("Elasticsearch: may not list plugins; using the built-in CJK analysis")
                nodes = []
            per_node = [frozenset(plugin["name"] for plugin in node.get("plugins", ())) for node in nodes]
            self._plugins = frozenset.intersection(*per_node) if per_node else frozenset()
        return self._plugins
