"""SQL queries of the Wagtail edit view of a work in each stage of 三审, beside the same work with no
open review, on the demo content (docs/performance.md, "The admin edit view in review").

Run after `make demo` has loaded var/portal.sqlite3 (or with DATABASE_URL set):
    .venv/bin/python bench/admin_queries.py [--repeats 3]
Takes the first demo submission waiting in 初审 and, inside a transaction that is rolled back at the
end, withdraws it (no open review), submits it again and walks it through the stages with the real
decisions, opening the edit view at each step as the person who would: the demo editor in 初审, an
assigned expert and the editor in 科学性审核, the chief editor in 终审. Each count is of the second
request (the first fills per-process caches). --repeats N also lists, per step, the statements run
N times or more (literals replaced by ?): what a fix should target.
"""

import argparse
import collections
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from wagtail.models import WorkflowState  # noqa: E402

from articles.models import ArticlePage  # noqa: E402
from review import decisions  # noqa: E402
from review.tests.scenario import CHECKLIST, OPINION  # noqa: E402


class Rollback(Exception):
    pass


def normalised(sql):
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    return re.sub(r"\((?:\?|%s)(?:, (?:\?|%s))*\)", "(…)", sql)


def open_edit_view(client, user, work):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:edit", args=[work.pk])
    client.get(url)
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (user.username, response.status_code)
    return [query["sql"] for query in queries.captured_queries]


def state_of(work):
    return ArticlePage.objects.get(pk=work.pk).current_workflow_task_state


def walk(work, users):
    """(step, opened by, statements) for each stage, the work taken through them."""
    client = Client(HTTP_HOST="localhost")
    steps = []

    def measure(step, *usernames):
        for username in usernames:
            steps.append((step, username, open_edit_view(client, users[username], work)))

    WorkflowState.objects.for_instance(work).active().get().cancel(user=users["editor"])
    measure("no review", "editor", "chief")
    work.get_workflow().start(work, work.owner)
    measure("editorial", "editor")
    decisions.act(state_of(work), users["editor"], "approve", comment="初审通过", **CHECKLIST)
    state = state_of(work)
    eligible = [s["profile"] for s in decisions.suggestions(state) if s["match"] and not s["full"]]
    experts = eligible[: decisions.required_quorum(state)]
    decisions.assign_experts(state, users["editor"], experts)
    measure("expert", experts[0].user.username, "editor")
    for profile in experts:
        decisions.record_opinion(state_of(work), profile.user, **OPINION)
    measure("final", "chief")
    return steps


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=0, help="list statements run this often or more")
    args = parser.parse_args()
    waiting = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).order_by("pk")
    work = next(
        (s.content_object.specific for s in waiting if isinstance(s.content_object.specific, ArticlePage)),
        None,
    )
    if work is None:
        sys.exit("No demo submission in review: run `make demo` (or `manage.py load_demo`) first.")
    users = {user.username: user for user in get_user_model().objects.all()}
    try:
        with transaction.atomic():
            steps = walk(work, users)
            raise Rollback
    except Rollback:
        pass

    print(f"Edit view of work {work.pk} ({work.title}), second request, {connection.vendor}")
    print("stages: editorial = 初审, expert = 科学性审核, final = 终审")
    print(f"{'stage':<12}{'opened by':<12}{'queries':>8}{'× no review':>13}{'most repeated':>15}")
    baseline = {username: len(sql) for step, username, sql in steps if step == "no review"}
    for step, username, sql in steps:
        repeated = collections.Counter(map(normalised, sql)).most_common(1)[0][1]
        ratio = len(sql) / baseline.get(username, baseline["editor"])
        print(f"{step:<12}{username:<12}{len(sql):>8}{ratio:>13.2f}{repeated:>15}")
    if args.repeats:
        for step, username, sql in steps:
            common = [
                (n, s)
                for s, n in collections.Counter(map(normalised, sql)).most_common()
                if n >= args.repeats
            ]
            if common:
                print(f"\n{step}, {username}: statements run {args.repeats}× or more")
                for n, statement in common:
                    print(f"{n:>4}  {statement[:150]}")


if __name__ == "__main__":
    main()
