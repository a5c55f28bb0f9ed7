"""What the 三审 gate costs: the digest a clearance binds to, the audit of one live page, and a
publish, beside what Wagtail itself spends on the same page.

Run after `make demo` has loaded var/portal.sqlite3 (or with DATABASE_URL set):
    .venv/bin/python bench/review_gate.py [--runs 20]
Per live work of the demo, interleaved, median over the runs:
  - Wagtail's serializable_data() (what it stores in every revision): the floor any digest starts from;
  - page_digest(): our digest of what a reader sees (fields, pictures, tags, classification names);
  - live_problem(): the audit of one live page (its row and its live revision), as audit_live runs it;
  - a publish of the live revision again, inside a rolled-back transaction: Wagtail's publish with
    our gate, and the gate's two parts on their own (the clearance check before publishing, the
    check of the stored row after saving), so that its share of a publish shows.
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

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import ArticlePage  # noqa: E402
from review.clearance import live_problem, require_cleared_live, revision_refusal  # noqa: E402
from review.content import page_digest  # noqa: E402


def timed(action):
    connection.queries_log.clear()  # it keeps 9,000 queries: one measure's fit
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        action()
        elapsed = (time.perf_counter() - start) * 1000
    return elapsed, len(queries.captured_queries)


class Rollback(Exception):
    pass


def publish_again(page):
    try:
        with transaction.atomic():
            page.live_revision.publish(skip_permission_checks=True, log_action=False)
            raise Rollback
    except Rollback:
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    works = list(ArticlePage.objects.live().order_by("pk"))
    if not works:
        sys.exit("No live works: run `make demo` first.")
    measures = {
        "Wagtail serializable_data()": lambda page: page.serializable_data(),
        "page_digest()": page_digest,
        "live_problem() (audit, one page)": live_problem,
        "publish (Wagtail + gate)": publish_again,
        "gate before publishing": lambda page: revision_refusal(page.live_revision),
        "gate after saving": lambda page: require_cleared_live(ArticlePage, page.pk),
    }
    times = {name: [] for name in measures}
    queries = {name: [] for name in measures}
    for _ in range(runs):
        for work in works:
            for name, action in measures.items():  # interleaved: the machine's noise hits all alike
                page = ArticlePage.objects.get(pk=work.pk)
                elapsed, count = timed(lambda page=page, action=action: action(page))
                times[name].append(elapsed)
                queries[name].append(count)
    floor = statistics.median(times["Wagtail serializable_data()"])
    print(
        f"{len(works)} live works × {runs} runs, SQLite"
        if connection.vendor == "sqlite"
        else connection.vendor
    )
    print(f"{'measure':36} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'× floor':>8}")
    for name in measures:
        ordered = sorted(times[name])
        median = statistics.median(ordered)
        p95 = ordered[int(len(ordered) * 0.95) - 1]
        print(
            f"{name:36} {median:10.1f} {p95:8.1f} {statistics.median(queries[name]):8.0f} {median / floor:8.1f}"
        )
    gate = statistics.median(times["gate before publishing"]) + statistics.median(times["gate after saving"])
    print(f"the gate's share of a publish: {gate / statistics.median(times['publish (Wagtail + gate)']):.0%}")
    audit = statistics.median(times["live_problem() (audit, one page)"])
    print(f"audit_live at 10,000 works ≈ {audit * 10_000 / 60_000:.1f} minutes (median × 10,000)")


if __name__ == "__main__":
    main()
