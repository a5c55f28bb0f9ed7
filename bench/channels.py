"""Channels at 10,000 works: latency and SQL queries of the public API (list, detail) and the works
feed, and the time to make one printable leaflet.

    .venv/bin/python bench/channels.py                 # 10,000 works, 30 runs per URL
    .venv/bin/python bench/channels.py --works 2000 --runs 50
    .venv/bin/python bench/channels.py --fresh         # rebuild the throwaway database first

The works go into a throwaway SQLite database in var/bench/channels/ (kept between runs, never the
development database), generated with bench/search.py's bulk corpus and then given what a real
listing carries: covers (40 pictures shared), two tags each, a review credit naming two (fictional)
experts, and a correction on one work in twenty. Requests go through Django's test Client, with
the API's throttle switched off; each URL is requested once first (renditions are made once).
"""

import argparse
import importlib.util
import os
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR = ROOT / "var" / "bench" / "channels"


def setup_django(fresh):
    if fresh and VAR.exists():
        shutil.rmtree(VAR)
    VAR.mkdir(parents=True, exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["PORTAL_VAR_DIR"] = str(VAR)
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log kept in memory
    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False  # no search index needed
    settings.PORTAL_API_RATE = ""  # one address makes every request


def bench_search_module():
    """bench/search.py's corpus builder (bulk-inserted works with real sentences), reused."""
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_works(count, rng):
    from django.db import transaction

    from wagtail.models import Page, Site

    from articles.models import ArticleIndexPage, ArticlePage, ArticlePageTag, CorrectionNotice
    from tests import factories

    bench_search_module().make_corpus(count, rng)
    index = ArticleIndexPage.objects.first()
    home = index.get_parent()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    Page.objects.filter(pk=home.pk).update(live=True)
    works = ArticlePage.objects.filter(cover_image__isnull=True).order_by("pk")
    ids = list(works.values_list("pk", flat=True))
    if not ids:
        return
    started = time.perf_counter()
    with transaction.atomic():
        pictures = [
            factories.make_image(f"封面{n}", size=(1200, 800), colour=(60 + n * 4, 120, 90))
            for n in range(40)
        ]
        for n, picture in enumerate(pictures):
            ArticlePage.objects.filter(pk__in=ids[n :: len(pictures)]).update(cover_image=picture)
        credit = {
            "kind": "review",
            "reviewers": [
                {"name": "王敏（虚构）", "title": "研究员", "affiliation": "示例农牧业科学院"},
                {"name": "李强（虚构）", "title": "副主任医师", "affiliation": "示例医院"},
            ],
            "date": "2026-05-01",
            "fast_track": False,
        }
        ArticlePage.objects.filter(pk__in=ids).update(review_credit=credit)
        from taggit.models import Tag

        tags = [
            Tag.objects.get_or_create(name=name)[0]
            for name in ("冬季", "健康", "安全", "草原", "农牧", "天文")
        ]
        ArticlePageTag.objects.bulk_create(
            ArticlePageTag(content_object_id=pk, tag=tag) for pk in ids for tag in rng.sample(tags, 2)
        )
        CorrectionNotice.objects.bulk_create(
            CorrectionNotice(
                page_id=pk, date="2026-05-02", text="第二段的数据已按最新统计更正。", sort_order=0
            )
            for pk in ids[::20]
        )
    print(f"  dressed {len(ids)} works in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def queries_of(client, url):
    """Warm the URL (renditions made once, private paths cached), then count its queries."""
    from django.db import connection

    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.content[:200])
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    return len(queries), len(response.content)


def timed(client, urls, runs):
    """Milliseconds per request of each URL, the URLs taking turns so that noise from other work on
    the machine falls on all of them alike."""
    timings = {url: [] for url in urls}
    for _ in range(runs):
        for url in urls:
            started = time.perf_counter()
            client.get(url)
            timings[url].append((time.perf_counter() - started) * 1000)
    return {url: sorted(found) for url, found in timings.items()}


def leaflet_timing(work, url, runs):
    """Seconds per leaflet (A4 and A5), once channels/leaflets/ exists."""
    try:
        from channels.leaflets import pdf
    except ImportError:
        return None
    found = {}
    for size in ("A4", "A5"):
        pdf.render(work, size=size, url=url)  # warm: fonts loaded, pictures resized
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            pdf.render(work, size=size, url=url)
            timings.append((time.perf_counter() - started) * 1000)
        found[size] = statistics.median(timings)
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--works", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--fresh", action="store_true", help="delete the throwaway database first")
    args = parser.parse_args()
    setup_django(args.fresh)

    from django.test import Client

    from articles import listings
    from articles.models import ArticlePage

    make_works(args.works, random.Random(2026))
    total = ArticlePage.objects.live().count()
    work = listings.public_works().order_by("-last_published_at").first()
    client = Client(HTTP_HOST="localhost")
    urls = {
        "API list, limit 20": "/api/v1/works/",
        "API list, limit 50": "/api/v1/works/?limit=50",
        "API list, 2 filters, 50": "/api/v1/works/?limit=50&audience=elderly&region=150100",
        "API detail": f"/api/v1/works/{work.pk}/",
        "works feed (RSS, 30)": "/zh-hans/feeds/works.rss",
    }
    print(f"\nChannels at {total} live works ({args.runs} runs per URL, Django test Client, SQLite)")
    print(f"{'request':<26}{'queries':>8}{'median ms':>11}{'p90 ms':>9}{'KB':>7}")
    sizes = {url: queries_of(client, url) for url in urls.values()}
    timings = timed(client, list(urls.values()), args.runs)
    for name, url in urls.items():
        (queries, size), found = sizes[url], timings[url]
        median, p90 = statistics.median(found), found[max(0, int(len(found) * 0.9) - 1)]
        print(f"{name:<26}{queries:>8}{median:>11.1f}{p90:>9.1f}{size / 1024:>7.1f}")
    leaflet = leaflet_timing(work, "http://localhost" + work.url, max(3, args.runs // 5))
    if leaflet is None:
        print("leaflet: not built yet")
    else:
        print("leaflet PDF, median ms per leaflet: " + ", ".join(f"{k} {v:.0f}" for k, v in leaflet.items()))


if __name__ == "__main__":
    main()
