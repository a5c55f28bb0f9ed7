"""Load on loopback, side by side in one run: the front cache (nginx, deploy/nginx.conf), the app's page
cache and no cache, against static files through nginx and through the app server — at the demo size
and at 10,000 works.

    .venv/bin/python bench/load.py                       # demo size and 10,000 works, 10 s per row
    .venv/bin/python bench/load.py --sizes 32 --duration 5
    .venv/bin/python bench/load.py --sizes 10000 --connections 16 --app-workers 4

Per size: a fresh PostgreSQL database (tests/production/stack.py makes it; Redis db 3 as the cache)
with the two-server test's seed (site, reviewers, an audience column) plus works from tests/scale.py
(covers, tags, credits, corrections) up to the size, indexed for search. Two gunicorn servers with
production settings (tests/production/settings.py, deploy/gunicorn.conf.py, --app-workers each): one
with the page cache (PAGE_CACHE=1; nginx sits in front of it), one without. Each URL is requested once
before its rows (renditions made, caches filled), then wrk runs --duration seconds with
--connections connections, no compression asked for. Printed: requests/s, p50/p95/p99 in ms, and the
ratios the issue sets: front-cached article >= 0.8 x nginx static; app-cached article >= 0.5 x a
static file through the app server; uncached article and works index p95 at 10,000 <= 1.5 x demo.

The machine may be shared: the figures are only comparable within one run.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
                 + summary.errors.status + summary.errors.timeout
  io.write(string.format('WRK {"rps": %.1f, "p50": %.3f, "p95": %.3f, "p99": %.3f, "errors": %d}\\n',
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors))
end
"""

DEMO_SIZE = 32


# -- run inside the stack's environment (a subprocess): fill the database ------------------------


def populate(count):
    import django

    django.setup()
    from django.db import transaction

    from articles.models import ArticleIndexPage, ArticlePage
    from search.service import get_engine
    from tests import factories, scale

    index = ArticleIndexPage.objects.first()
    missing = count - ArticlePage.objects.count()
    rng = random.Random(2026)
    if missing > 0:
        ids = scale.add_works(index, missing, rng)
        with transaction.atomic():
            pictures = [
                factories.make_image(f"封面{n}", size=(1200, 800), colour=(60 + n * 4, 120, 90))
                for n in range(40)
            ]
            scale.dress(ids, rng, pictures)
    get_engine("database").rebuild()
    work = (
        ArticlePage.objects.live().filter(cover_image__isnull=False).order_by("-first_published_at").first()
    )
    work = work or ArticlePage.objects.live().order_by("-first_published_at").first()
    discipline = work.disciplines.first()
    print(
        "POPULATED "
        + json.dumps(
            {
                "works": ArticlePage.objects.live().count(),
                "article": work.url,
                "discipline": discipline.code if discipline else "safety",
                "query": work.title[:4],
            }
        )
    )


# -- the run ---------------------------------------------------------------------------------------


def wrk(url, duration, connections, threads, script):
    args = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "-s",
        script,
        "-H",
        "Host: localhost",
        url,
    ]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(line for line in out.splitlines() if line.startswith("WRK "))
    return json.loads(line[4:])


def fetch(port, path):
    from tests.production.stack import get

    status, headers, body = get(port, path)
    if status != 200:
        raise RuntimeError(f"{path} on {port}: HTTP {status}")
    return headers, body


def measure_size(count, args, wrk_script):
    from tests.production.stack import GUNICORN, PYTHON, Stack, free_port, wait_for

    stack = Stack(
        f"bench_load_{count}",
        app_servers=1,
        workers=args.app_workers,
        redis_url="redis://127.0.0.1:6379/3",
        env={
            "FRONTEND_CACHE_PURGE_URL": "",
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        },
    )
    try:
        started = time.monotonic()
        stack.flush_redis()
        stack.create_database(seed=True)
        out = subprocess.run(  # noqa: S603
            [str(PYTHON), __file__, "--populate", str(count)],
            cwd=ROOT,
            env=stack.env(),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        facts = json.loads(out.split("POPULATED ", 1)[1].splitlines()[0])
        print(f"\n[{facts['works']} works: database ready in {time.monotonic() - started:.0f} s]", flush=True)

        def gunicorn(port, page_cache, name):
            env = stack.env(PORTAL_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY=str(args.app_workers))
            env["PAGE_CACHE"] = "1" if page_cache else "0"
            process = stack._spawn([str(GUNICORN), "-c", "deploy/gunicorn.conf.py"], env, name)
            wait_for(port, process)

        uncached_port = free_port()
        gunicorn(uncached_port, False, "uncached")
        _headers, article_html = fetch(uncached_port, facts["article"])
        size = len(article_html.encode())
        (stack.static_root / "bench").mkdir(exist_ok=True)
        (stack.static_root / "bench" / "article-size.html").write_bytes(b"x" * size)
        cached_port = stack.app_ports[0]
        gunicorn(cached_port, True, "cached")
        stack.start_nginx()
        front_port = stack.public_port

        pages = {
            "article": facts["article"],
            "home": "/zh-hans/",
            "works index, filtered": f"/zh-hans/works/?discipline={facts['discipline']}",
            "search": f"/zh-hans/search/?q={quote(facts['query'])}",
            "API list": "/api/v1/works/",
        }
        rows = [
            ("static file, nginx", front_port, "/static/bench/article-size.html"),
            ("static file, gunicorn (WhiteNoise)", cached_port, "/static/bench/article-size.html"),
        ]
        for name, path in pages.items():
            rows += [
                (f"{name}, front cache", front_port, path),
                (f"{name}, app cache", cached_port, path),
                (f"{name}, uncached", uncached_port, path),
            ]
        results = {}
        print(f"article {facts['article']} is {size / 1024:.1f} KB", flush=True)
        print(f"{'row':<42}{'req/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}", flush=True)
        for name, port, path in rows:
            fetch(port, path)  # warm: renditions, caches
            fetch(port, path)
            url = f"http://127.0.0.1:{port}{path}"
            found = wrk(url, args.duration, args.connections, args.threads, wrk_script)
            results[name] = found
            print(
                f"{name:<42}{found['rps']:>10.0f}{found['p50']:>9.1f}{found['p95']:>9.1f}"
                f"{found['p99']:>9.1f}{found['errors']:>8}",
                flush=True,
            )
        return facts["works"], results
    except subprocess.CalledProcessError as error:
        print(error.stdout, error.stderr, stack.logs(), sep="\n")
        raise
    finally:
        stack.cleanup()


def ratios(results):
    front = results["article, front cache"]["rps"] / results["static file, nginx"]["rps"]
    app = results["article, app cache"]["rps"] / results["static file, gunicorn (WhiteNoise)"]["rps"]
    print(
        f"front-cached article / nginx static      = {front:.2f}  (target >= 0.8) {'ok' if front >= 0.8 else 'MISSED'}"
    )
    print(
        f"app-cached article / gunicorn static     = {app:.2f}  (target >= 0.5) {'ok' if app >= 0.5 else 'MISSED'}"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default=f"{DEMO_SIZE},10000", help="numbers of works, comma-separated")
    parser.add_argument("--duration", type=int, default=10, help="seconds per row")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--app-workers", type=int, default=4, help="gunicorn workers per app server")
    parser.add_argument("--populate", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.populate:
        populate(args.populate)
        return
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    script = Path(tempfile.mkdtemp(prefix="bench-load-")) / "report.lua"
    script.write_text(WRK_SCRIPT)
    print(
        f"bench/load.py: {args.duration} s per row, {args.connections} connections, {args.threads} wrk threads, "
        f"{args.app_workers} gunicorn workers per server, {os.cpu_count()} CPUs (shared machine: compare within a run)"
    )
    by_size = {}
    for count in [int(size) for size in args.sizes.split(",")]:
        works, results = measure_size(count, args, str(script))
        ratios(results)
        by_size[works] = results
    if len(by_size) == 2:
        (small, small_results), (large, large_results) = sorted(by_size.items())
        for name in ("article, uncached", "works index, filtered, uncached"):
            ratio = large_results[name]["p95"] / small_results[name]["p95"]
            verdict = "ok" if ratio <= 1.5 else "MISSED"
            print(f"{name} p95 at {large} / at {small} works = {ratio:.2f}  (target <= 1.5) {verdict}")
    shutil.rmtree(script.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
