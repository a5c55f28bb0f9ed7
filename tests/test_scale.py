"""A public page costs the same number of SQL queries with 10,000 works as with 32 (the demo's size):
nothing on it is read once per work — not the listings' counts, filters or related works, not the
cards' pictures (issue 14). The works are bulk-inserted by tests/scale.py."""

import random
import time

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ArticlePage
from tests import factories, scale

# The works are bulk-inserted rows, live without a review (the generator makes no revisions).
pytestmark = [pytest.mark.django_db, pytest.mark.unreviewed_live]

DEMO_SIZE = 32
LARGE = 10_000
FILTERS = {
    "discipline": {"discipline": "health"},
    "audience": {"audience": "elderly"},
    "league": {"region": "150100"},
    "county": {"region": "150102"},
    "form": {"form": "video"},
    "all four": {"discipline": "health", "audience": "elderly", "region": "150100", "form": "article"},
    "page 3": {"page": "3"},
}


def count_queries(client, url, params=None):
    """Queries of a reader's request in the steady state (the site-root and menu caches warm)."""
    assert client.get(url, params).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def page_costs(client, site, work):
    works, home = site["works"].url, site["home"].url
    costs = {
        "home": count_queries(client, home),
        "works index": count_queries(client, works),
        "article": count_queries(client, work.url),
        "audience column": count_queries(client, site["topic"].url),
        "audience column, filtered": count_queries(client, site["topic"].url, {"discipline": "health"}),
        "news index": count_queries(client, site["news"].url),
        "search": count_queries(client, "/zh-hans/search/", {"q": "取暖"}),
    }
    for name, params in FILTERS.items():
        costs[f"works index, {name}"] = count_queries(client, works, params)
    return costs


@pytest.fixture
def scale_site(site_tree):
    home, works, news = site_tree["home"], site_tree["works"], site_tree["news"]
    pictures = [factories.make_image(f"封面{n}") for n in range(4)]
    work = factories.make_work(
        works,
        disciplines=["safety", "health"],
        audiences=["elderly"],
        regions=["150100", "150102"],
        cover_image=pictures[0],
    )
    work.tags.add("取暖")
    factories.make_news(news)
    topic = factories.make_topic(home)
    return {**site_tree, "topic": topic, "work": work, "pictures": pictures}


def test_public_pages_cost_the_same_queries_at_10000_works_as_at_32(client, scale_site):
    rng = random.Random(14)
    pool = scale.sentences()
    works = scale_site["works"]
    first = scale.add_works(works, DEMO_SIZE - 1, rng, pool=pool)
    scale.dress(first, rng, scale_site["pictures"])
    assert ArticlePage.objects.live().count() == DEMO_SIZE
    at_demo_size = page_costs(client, scale_site, scale_site["work"])

    started = time.perf_counter()
    more = scale.add_works(works, LARGE - DEMO_SIZE, rng, pool=pool)
    scale.dress(more, rng, scale_site["pictures"])
    assert time.perf_counter() - started < 60  # the generator stays fast enough for `make test`
    assert ArticlePage.objects.live().count() == LARGE
    at_scale = page_costs(client, scale_site, scale_site["work"])

    print(f"queries per page at {DEMO_SIZE} and {LARGE} works: {at_scale}")
    assert at_scale == at_demo_size
    # The listings list what they should at both sizes (a count of queries alone could hide an
    # empty page): 12 cards on the index, the article's related works found among 10,000.
    response = client.get(works.url)
    assert response.context["page_obj"].paginator.count == LARGE
    assert len(response.context["page_obj"].object_list) == 12
    assert len(client.get(scale_site["work"].url).context["related_works"]) == 4
