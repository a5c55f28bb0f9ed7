"""Relevance of search over the demo works: recall@10 and nDCG@10 on the labelled queries in
data/relevance.json (binary relevance: a listed work is relevant, others are not).

Used by test_relevance.py (which holds the targets) and bench/relevance.py (which prints the table
for raw Wagtail database search and ours, on SQLite and PostgreSQL).
"""

import json
import math
from contextlib import contextmanager
from pathlib import Path

LABELS = Path(__file__).with_name("data") / "relevance.json"
K = 10


def labelled_queries():
    return json.loads(LABELS.read_text(encoding="utf-8"))["queries"]


def recall_at_k(ranked, relevant, k=K):
    return len(set(ranked[:k]) & set(relevant)) / len(relevant)


def ndcg_at_k(ranked, relevant, k=K):
    relevant = set(relevant)
    gain = sum(1 / math.log2(rank + 2) for rank, item in enumerate(ranked[:k]) if item in relevant)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(len(relevant), k)))
    return gain / ideal


def evaluate(search, queries=None):
    """`search(text)` → slugs, best first. Returns mean recall@10 and nDCG@10, overall and by kind,
    and the queries whose recall fell short."""
    queries = queries or labelled_queries()
    rows = []
    for item in queries:
        ranked = search(item["query"])
        rows.append(
            (
                item["kind"],
                recall_at_k(ranked, item["relevant"]),
                ndcg_at_k(ranked, item["relevant"]),
                item["query"],
            )
        )

    def means(selected):
        return {
            "queries": len(selected),
            "recall": sum(r[1] for r in selected) / len(selected),
            "ndcg": sum(r[2] for r in selected) / len(selected),
        }

    kinds = sorted({row[0] for row in rows})
    return {
        "all": means(rows),
        **{kind: means([r for r in rows if r[0] == kind]) for kind in kinds},
        "missed": [(r[3], round(r[1], 2)) for r in rows if r[1] < 1],
    }


def ours(text):
    """Slugs our configured engine returns for `text`, best first (first page of 10)."""
    from articles.models import ArticlePage
    from search.service import SearchRequest, get_engine

    hits = get_engine().search(SearchRequest(text=text, per_page=K)).hits
    slugs = dict(ArticlePage.objects.filter(pk__in=[h.page_id for h in hits]).values_list("pk", "slug"))
    return [slugs[h.page_id] for h in hits]


@contextmanager
def raw_wagtail_index():
    """Wagtail's database search as it comes: the index rebuilt from unsegmented text, queried
    with the reader's words as typed. Restores our segmented index afterwards."""
    from django.test import override_settings

    from wagtail.search.backends import get_search_backend

    from articles.models import ArticlePage

    def reindex():
        get_search_backend().add_bulk(ArticlePage, list(ArticlePage.objects.all()))

    with override_settings(PORTAL_SEARCH_SEGMENTATION=False):
        reindex()

        def search(text):
            from articles import listings

            results = listings.searchable_works().search(text)
            return [page.slug for page in results[:K]]

        yield search
    reindex()
