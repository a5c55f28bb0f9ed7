"""Search at 10,000 works: indexing rate and query latency on SQLite and PostgreSQL, and Chinese
segmentation throughput of rjieba beside jieba.

    .venv/bin/python bench/search.py                  # 10,000 works, both databases
    .venv/bin/python bench/search.py --works 2000 --databases sqlite
    .venv/bin/python bench/search.py --no-rebuild --skip-segmentation   # queries only

The corpus is generated once per database (sentences of the demo works, shuffled, with random
classification) and kept in var/bench/ (SQLite) or the `bench_search` PostgreSQL database; each
run times a full `rebuild` of the search index and then the queries.
Targets (issue 5): query p95 ≤ 50 ms at 10,000 works on PostgreSQL; segmentation ≥ 5 MB/s.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/bench_search"
QUERIES = [
    "科普", "防诈骗", "沙化", "那达慕", "近视", "阿巴嘎旗", "草原 沙化", "人工智能", "一氧化碳 中毒",
    "北斗", "白灾", "鼠疫", "布鲁氏菌病", "碳达峰", "高血压", "食品安全", "地震 逃生", "科學普及",
    "老年人 保健品", "电信诈骗", "风电", "马铃薯", "包虫病", "呼伦贝尔", "鄂尔多斯 煤炭",
]  # fmt: skip


def setup_django(database):
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["PORTAL_VAR_DIR"] = str(ROOT / "var" / "bench")
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    if database == "postgresql":
        os.environ["DATABASE_URL"] = POSTGRES_URL
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.conf import settings

    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False  # the rebuild is what we time
    settings.DEBUG = False


def ensure_postgres_database():
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = 'bench_search'").fetchone()
        if not exists:
            connection.execute("CREATE DATABASE bench_search")


def make_corpus(count, rng):
    """`count` published works under one works index, bulk-inserted by tests/scale.py; search
    indexing is off: the rebuild below is what gets timed."""
    from django.core.management import call_command

    from wagtail.models import Locale, Page

    from articles.models import ArticleIndexPage, ArticlePage
    from home.models import HomePage
    from tests import scale

    call_command("migrate", verbosity=0)
    existing = ArticlePage.objects.count()
    if existing >= count:
        return existing
    locale = Locale.get_default()
    index = ArticleIndexPage.objects.first()
    if index is None:
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title="基准", slug="bench", locale=locale)
        )
        index = home.add_child(instance=ArticleIndexPage(title="作品", slug="works"))
    started = time.perf_counter()
    scale.add_works(index, count - existing, rng)
    print(f"  generated {count - existing} works in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return count


def run(database, count, runs, rebuild=True):
    setup_django(database)
    from search.service import SearchRequest, get_engine

    rng = random.Random(2026)
    make_corpus(count, rng)
    engine = get_engine("database")
    started = time.perf_counter()
    indexed = engine.rebuild() if rebuild else count
    indexing_seconds = time.perf_counter() - started if rebuild else float("nan")
    requests = [SearchRequest(text=q) for q in QUERIES]
    requests += [SearchRequest(text=q, filters={"audience": ("elderly",)}, sort="date") for q in QUERIES[:10]]
    requests += [SearchRequest(text=q, page=3) for q in QUERIES[:5]]
    for request in requests:  # warm-up: caches, the register, the dictionary
        engine.search(request)
    timings, totals = [], []
    for _ in range(runs):
        for request in requests:
            started = time.perf_counter()
            result = engine.search(request)
            timings.append((time.perf_counter() - started) * 1000)
            totals.append(result.total)
    timings.sort()
    return {
        "database": database,
        "works": indexed,
        "indexing_seconds": indexing_seconds,
        "indexing_rate": indexed / indexing_seconds,
        "queries": len(timings),
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
        "max_ms": timings[-1],
        "median_hits": statistics.median(totals),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--works", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--no-rebuild", action="store_true", help="query the index the last run built")
    parser.add_argument("--skip-segmentation", action="store_true", help="leave out the rjieba/jieba table")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run(args.child, args.works, args.runs, rebuild=not args.no_rebuild)))
        return
    rows = []
    for database in args.databases.split(","):
        if database == "postgresql":
            ensure_postgres_database()
        print(f"{database}: preparing {args.works} works …", file=sys.stderr)
        output = subprocess.run(  # noqa: S603 - this very script, our arguments
            [
                sys.executable,
                __file__,
                "--child",
                database,
                "--works",
                str(args.works),
                "--runs",
                str(args.runs),
                *(["--no-rebuild"] if args.no_rebuild else []),
            ],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ},
        )
        sys.stderr.write(output.stderr)
        rows.append(json.loads(output.stdout.strip().splitlines()[-1]))
    print(
        f"\nSearch, database engine ({args.runs} runs of {rows[0]['queries'] // args.runs} queries, 2 cores)"
    )
    print(
        f"{'database':<12}{'works':>7}{'index/s':>10}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}{'hits':>7}"
    )
    for row in rows:
        print(
            f"{row['database']:<12}{row['works']:>7}{row['indexing_rate']:>10.0f}{row['median_ms']:>11.1f}"
            f"{row['p95_ms']:>9.1f}{row['max_ms']:>9.1f}{row['median_hits']:>7.0f}"
        )
    print("target: p95 ≤ 50 ms at 10,000 works on PostgreSQL\n")
    if args.skip_segmentation:
        return
    sys.path.insert(0, str(ROOT / "bench"))
    import segment

    segment.report(segment.measure())


if __name__ == "__main__":
    main()
