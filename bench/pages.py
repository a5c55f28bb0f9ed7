"""Render times and SQL query counts of the public pages, on the demo content.

Run after `make demo` has loaded var/portal.sqlite3 (or with DATABASE_URL set):
    .venv/bin/python bench/pages.py [--runs 50]
Prints, per page: queries with warm low-level caches and with every cache cleared, and the median
and 95th-percentile render time. The article page is also measured with Wagtail's stock routing
(our one-query route for works switched off) for comparison, in the same run, the two
alternating request by request.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from wagtail.models import Page  # noqa: E402

from articles.models import ArticleIndexPage, ArticlePage, TopicPage  # noqa: E402


def measure(client, url, runs):
    client.get(url)  # first view creates renditions
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        client.get(url)
    cold_count = len(cold.captured_queries)
    with CaptureQueriesContext(connection) as warm:
        response = client.get(url)
    warm_count = len(warm.captured_queries)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return warm_count, cold_count, statistics.median(times), times[int(len(times) * 0.95) - 1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    work = ArticlePage.objects.live().order_by("pk").first()
    if work is None:
        sys.exit("No demo content: run `make demo` (or `manage.py load_demo`) first.")
    client = Client(HTTP_HOST="localhost")
    pages = {
        "home": "/zh-hans/",
        "works index": "/zh-hans/works/",
        "works index, 2 filters": "/zh-hans/works/?audience=elderly&region=150100",
        "audience column": TopicPage.objects.live().first().url,
        "article": work.url,
    }
    print(f"{'page':<26}{'queries warm':>13}{'cold':>6}{'median ms':>11}{'p95 ms':>9}")
    results = {}
    for name, url in pages.items():
        results[name] = measure(client, url, args.runs)
        warm, cold, median, p95 = results[name]
        print(f"{name:<26}{warm:>13}{cold:>6}{median:>11.1f}{p95:>9.1f}")

    # Ours and stock routing alternate request by request, so machine noise hits both alike.
    own_route = ArticleIndexPage.route
    timings = {"ours": [], "stock": []}
    for _ in range(args.runs):
        for name, route in (("ours", own_route), ("stock", Page.route)):
            ArticleIndexPage.route = route
            start = time.perf_counter()
            client.get(work.url)
            timings[name].append((time.perf_counter() - start) * 1000)
    ArticleIndexPage.route = Page.route
    stock_warm, stock_cold, _median, _p95 = measure(client, work.url, 1)
    ArticleIndexPage.route = own_route
    ours, stock = statistics.median(timings["ours"]), statistics.median(timings["stock"])
    print(f"{'article, stock routing':<26}{stock_warm:>13}{stock_cold:>6}{stock:>11.1f}")
    print(
        f"\narticle page, ours / stock routing (interleaved, {args.runs} each): "
        f"queries {results['article'][0]}/{stock_warm}, median {ours:.1f}/{stock:.1f} ms, ratio {ours / stock:.2f}"
    )


if __name__ == "__main__":
    main()
