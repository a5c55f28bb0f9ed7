"""Public pages at the demo's size and at 10,000 works, side by side: their cost must not grow with
the number of works (issue 14: uncached article and works index p95 at 10,000 works ≤ 1.5 × at the
demo's size).

    .venv/bin/python bench/scale.py                    # PostgreSQL if reachable, else SQLite
    .venv/bin/python bench/scale.py --database sqlite --runs 60
    .venv/bin/python bench/scale.py --works 20000

Builds a throwaway database each run (PostgreSQL `bench_scale` at 127.0.0.1:5432, or SQLite in
var/bench/scale/; never the development database): a site with a works index, a news index and an
audience column, 32 works (the demo's count; tests/scale.py bulk-inserts them, covers shared among
8 pictures whose renditions are made at upload), then the same pages again after growing to
10,000 works. Requests go in-process through Django's test Client with no page cache (the
front cache and the app page cache are switched off: what is measured is the page's own cost);
the low-level caches (Wagtail's site root paths, the menus) are warm, as after any earlier reader.
The URLs take turns, so noise from other work on the machine falls on all of them alike.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VAR = ROOT / "var" / "bench" / "scale"
SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/bench_scale"
DEMO_SIZE = 32
TARGET_RATIO = 1.5


def postgres_available():
    try:
        import psycopg

        with psycopg.connect(SERVER_URL, autocommit=True, connect_timeout=3):
            return True
    except Exception:  # any failure means "not available here"
        return False


def fresh_database(database):
    if VAR.exists():
        shutil.rmtree(VAR)
    VAR.mkdir(parents=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["PORTAL_VAR_DIR"] = str(VAR)
    if database == "postgresql":
        import psycopg

        with psycopg.connect(SERVER_URL, autocommit=True) as connection:
            connection.execute("DROP DATABASE IF EXISTS bench_scale")
            connection.execute("CREATE DATABASE bench_scale")
        os.environ["DATABASE_URL"] = POSTGRES_URL
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False  # no query log kept in memory
    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False
    # The page's own cost: no whole-page cache in front of it.
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if not name.startswith("caching.")]
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"  migrated in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def build_site(rng):
    from tests import factories, scale

    home, works, news = factories.make_site()
    pictures = [
        factories.make_image(f"封面{n}", size=(1200, 800), colour=(60 + n * 20, 120, 90)) for n in range(8)
    ]
    body = [
        *factories.BODY,
        {"type": "image", "value": {"image": pictures[1].pk, "caption": "示意图", "source": ""}},
    ]
    work = factories.make_work(
        works,
        disciplines=["safety", "health"],
        audiences=["elderly"],
        regions=["150100", "150102"],
        cover_image=pictures[0],
        body=body,
    )
    work.tags.add("取暖", "安全")
    for n in range(6):
        factories.make_news(news, f"科技活动周消息{n}")
    topic = factories.make_topic(home)
    pool = scale.sentences()
    ids = scale.add_works(works, DEMO_SIZE - 1, rng, pool=pool)
    scale.dress(ids, rng, pictures)
    return {"home": home, "works": works, "news": news, "topic": topic, "work": work}, pictures, pool


def grow(site, count, rng, pictures, pool):
    from articles.models import ArticlePage
    from tests import scale

    started = time.perf_counter()
    missing = count - ArticlePage.objects.live().count()
    ids = scale.add_works(site["works"], missing, rng, pool=pool)
    scale.dress(ids, rng, pictures)
    print(f"  grew to {count} works in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def urls(site):
    works = site["works"].url
    return {
        "article": site["work"].url,
        "works index, page 1": works,
        "works index, filtered": f"{works}?discipline=health&region=150100",
        "home": site["home"].url,
        "audience column": site["topic"].url,
        "news index": site["news"].url,
    }


def measure(client, pages, runs):
    """{name: (queries, median ms, p95 ms)}: each URL warmed once, then the URLs in turn."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    queries = {}
    for name, url in pages.items():
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries[name] = len(captured.captured_queries)
    timings = {name: [] for name in pages}
    for _ in range(runs):
        for name, url in pages.items():
            started = time.perf_counter()
            client.get(url)
            timings[name].append((time.perf_counter() - started) * 1000)
    found = {}
    for name, times in timings.items():
        times.sort()
        found[name] = (queries[name], statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)])
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default=None)
    parser.add_argument("--works", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    database = args.database or ("postgresql" if postgres_available() else "sqlite")
    fresh_database(database)

    from django.test import Client

    rng = random.Random(2026)
    site, pictures, pool = build_site(rng)
    client = Client(HTTP_HOST="localhost")
    pages = urls(site)
    small = measure(client, pages, args.runs)
    grow(site, args.works, rng, pictures, pool)
    large = measure(client, pages, args.runs)

    print(
        f"\nPublic pages at {DEMO_SIZE} and {args.works} works ({database}, in-process Django test Client, "
        f"no page cache, {args.runs} runs per URL)"
    )
    header = f"{'page':<24}{'queries':>9}{'median ms':>20}{'p95 ms':>20}{'p95 ratio':>11}"
    print(header + f"\n{'':<24}{f'{DEMO_SIZE} / {args.works}':>9}{'':>40}")
    failed = []
    for name in pages:
        (q1, m1, p1), (q2, m2, p2) = small[name], large[name]
        ratio = p2 / p1
        print(
            f"{name:<24}{f'{q1} / {q2}':>9}{f'{m1:.1f} / {m2:.1f}':>20}{f'{p1:.1f} / {p2:.1f}':>20}{ratio:>10.2f}×"
        )
        if name in ("article", "works index, page 1") and ratio > TARGET_RATIO:
            failed.append(name)
    print(
        f"\nTarget: article and works index p95 at {args.works} works ≤ {TARGET_RATIO} × at {DEMO_SIZE}: "
        + ("met." if not failed else f"NOT met for {', '.join(failed)}.")
    )


if __name__ == "__main__":
    main()
