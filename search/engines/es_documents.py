"""The Elasticsearch index of works: its document, analyzers and the index definition.

Every text field is indexed twice: cut into words by `search.analysis` (the `*_tokens` fields, split
on spaces by Elasticsearch — so a word matches exactly as it does in the database engine), and
raw under the cluster's best Chinese analyzer (IK, smartcn, else the built-in CJK bigrams), which
only adds to the score.
"""

import datetime

from elasticsearch.dsl import Completion, Date, Document, Index, Keyword, Long, MetaField, Text, analyzer

from search import analysis
from search.documents import facet_values

# The text of a work that is searched, and how much a match in it weighs (title over summary over
# body). Each is indexed raw as `<name>` and segmented as `<name>_tokens`.
TEXT_FIELDS = {"title": 4.0, "terms": 2.0, "summary": 2.0, "creator_name": 1.0, "body": 1.0}

# Analysis plugins we can use, best first: the `analysis-*` component and its analyzers (index
# side, query side). Without either, the built-in CJK bigrams.
CHINESE_PLUGINS = {
    "analysis-ik": ("ik_max_word", "ik_smart"),
    "analysis-smartcn": ("smartcn_tokenizer", "smartcn_tokenizer"),
}
MAX_SUFFIXES = 100
EPOCH = datetime.date(2000, 1, 1)


def segmented_field():
    return Text(analyzer="segmented")


def chinese_field():
    return Text(analyzer="chinese", search_analyzer="chinese_search")


class WorkDocument(Document):
    """One live, public work (see search.documents.work_document); its id is the page id."""

    page_id = Long()
    locale = Keyword()
    url = Keyword(index=False)
    title = chinese_field()
    summary = chinese_field()
    body = chinese_field()
    terms = chinese_field()
    creator_name = chinese_field()
    # The body's prose (search.reading), only stored: what snippets are cut from.
    reading = Text(index=False)
    title_tokens = segmented_field()
    summary_tokens = segmented_field()
    body_tokens = segmented_field()
    terms_tokens = segmented_field()
    creator_name_tokens = segmented_field()
    discipline = Keyword(multi=True)
    audience = Keyword(multi=True)
    league = Keyword(multi=True)
    form = Keyword(multi=True)
    year = Keyword(multi=True)
    published_at = Date()
    # Completes what a reader types to work titles, per locale.
    suggest = Completion(
        analyzer="suggest_prefix",
        contexts=[{"name": "locale", "type": "category", "path": "locale"}],
    )

    class Meta:
        # A typo in a field name fails loudly instead of growing the mapping.
        dynamic = MetaField("strict")
        # The segmented copies are only for matching; the index is rebuilt from the database.
        source = MetaField(excludes=[f"{name}_tokens" for name in TEXT_FIELDS])

    @classmethod
    def from_work(cls, work):
        """The document for `work`, a search.documents.work_document() dict."""
        fields = {name: work[name] for name in ("locale", "url", "published_at", "reading", *TEXT_FIELDS)}
        fields["page_id"] = work["id"]
        for name in TEXT_FIELDS:
            fields[f"{name}_tokens"] = analysis.index_text(work[name] or "")
        fields.update(facet_values(work))
        fields["suggest"] = {"input": title_suffixes(work["title"]), "weight": recency(work["published_at"])}
        return cls(meta={"id": work["id"]}, **fields)


def title_suffixes(title):
    """Every suffix of the title, so that typing any part of it completes to the whole title (a
    completion suggester only matches from the start of an input)."""
    title = title.strip()
    return [title[start:] for start in range(min(len(title), MAX_SUFFIXES)) if not title[start].isspace()]


def recency(published_at):
    """A completion weight that puts newer works first: days from 2000 to first publication."""
    if not published_at:
        return 0
    published = datetime.date.fromisoformat(published_at[:10])
    return max((published - EPOCH).days, 0)


def chinese_analyzers(plugins):
    """The `chinese` (index) and `chinese_search` (query) analyzers for a cluster whose every node
    has the analysis plugins `plugins`."""
    for plugin, (index_tokenizer, search_tokenizer) in CHINESE_PLUGINS.items():
        if plugin in plugins:
            return (
                analyzer("chinese", tokenizer=index_tokenizer, filter=["lowercase"]),
                analyzer("chinese_search", tokenizer=search_tokenizer, filter=["lowercase"]),
            )
    # What the built-in `cjk` analyzer does, minus its English stop words.
    filters = ["cjk_width", "lowercase", "cjk_bigram"]
    return (
        analyzer("chinese", tokenizer="standard", filter=filters),
        analyzer("chinese_search", tokenizer="standard", filter=filters),
    )


def works_index(name, plugins):
    """A new works index called `name` (its settings, analyzers and mapping), for a cluster whose
    every node has the analysis plugins `plugins`."""
    index = Index(name)
    # One shard: a region's works fit easily, and scores do not vary with the shard a work is on.
    index.settings(number_of_shards=1)
    index.analyzer(analyzer("segmented", tokenizer="whitespace", filter=["lowercase"]))
    index.analyzer(analyzer("suggest_prefix", tokenizer="keyword", filter=["lowercase"]))
    for chinese in chinese_analyzers(plugins):
        index.analyzer(chinese)
    index.mapping(WorkDocument._doc_type.mapping)
    return index
