"""The Wagtail edit view of a work in review stays within 1.5 × the queries of the same work with no
open review, and the per-request memo behind it (review/memo.py) never changes what the 三审 rules
decide: it starts empty in every request, stops at the request's first write, and a decision always
checks fresh reads.

Counts are of the second GET of the edit view (the first fills per-process caches: content types,
site root paths), as the person who opens the work at that stage. Figures: docs/performance.md."""

from contextlib import contextmanager

import pytest

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Discipline
from review import decisions, memo, rules
from review.models import Stage

from .conftest import current_state
from .scenario import CHECKLIST, OPINION, advance_to

pytestmark = pytest.mark.django_db

# The edit view of a work with no open review, as the editor or the chief editor: 53 and 51 queries
# when this was written (84 and 82 before the memo, the workflow-state read and Discipline's
# select_related). A little room, so that a new query per view shows here rather than slips by.
NO_REVIEW_MAX_QUERIES = 55
BUDGET = 1.5  # × the same work's count with no open review


def edit_view(client, user, work):
    """Queries and response of the edit view, opened by `user` a second time."""
    client.force_login(user)
    url = reverse("wagtailadmin_pages:edit", args=[work.pk])
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries, response


def _offered(stage, reviewer, state):
    """The action the page must still offer this reviewer: fewer queries, not a poorer page."""
    if stage == Stage.EXPERT:
        return reverse(
            "review:opinion" if reviewer.startswith("expert") else "review:assign", args=[state.pk]
        )
    return reverse("review:decide", args=[state.pk, "approve"])


@pytest.mark.parametrize(
    ("stage", "reviewer", "baseline_user"),
    [
        (Stage.EDITORIAL, "editor", "editor"),
        (Stage.EXPERT, "expert_a", "editor"),  # an expert cannot open a work outside review
        (Stage.EXPERT, "editor", "editor"),  # the editor who assigns the experts
        (Stage.FINAL, "chief", "chief"),
    ],
)
def test_edit_view_in_review_stays_within_budget(client, admin_cast, stage, reviewer, baseline_user):
    work = admin_cast["work"]
    baseline, _ = edit_view(client, admin_cast[baseline_user], work)
    assert len(baseline) <= NO_REVIEW_MAX_QUERIES

    state = advance_to(admin_cast, stage)
    queries, response = edit_view(client, admin_cast[reviewer], work)

    assert len(queries) <= BUDGET * len(baseline), (
        f"{stage} as {reviewer}: {len(queries)} queries, no review: {len(baseline)}"
    )
    assert _offered(stage, reviewer, state) in response.content.decode()


@pytest.mark.parametrize("user", ["editor", "chief"])
def test_edit_view_without_review_has_a_ceiling(client, admin_cast, user):
    queries, _ = edit_view(client, admin_cast[user], admin_cast["work"])
    assert len(queries) <= NO_REVIEW_MAX_QUERIES


def test_edit_view_reads_the_workflow_state_and_the_work_once(client, admin_cast):
    """What repeated before: the workflow state (24 reads as an expert), the work rebuilt from its
    revision (9 times), a query per sub-discipline shown."""
    advance_to(admin_cast, Stage.EXPERT)
    queries, _ = edit_view(client, admin_cast["expert_a"], admin_cast["work"])
    sql = [query["sql"] for query in queries.captured_queries]
    # Wagtail's own prefetch, its lock check before any review code runs, and the memo's read.
    assert sum('FROM "wagtailcore_workflowstate"' in s for s in sql) <= 3
    # The page the editor edits, and the work under review (rules.work_of).
    assert sum('FROM "wagtailcore_comment"' in s for s in sql) == 2
    assert not [s for s in sql if 'FROM "articles_discipline"' in s and '"articles_discipline"."id" = ' in s]


def test_discipline_names_need_no_query_per_sub_field(django_assert_num_queries):
    with django_assert_num_queries(1):
        names = [str(discipline) for discipline in Discipline.objects.all()]
    assert any(" / " in name for name in names)  # the tree has sub-fields, named with their parent


# The memo --------------------------------------------------------------------------------------


@contextmanager
def one_request():
    """What Django's request_started and request_finished signals do for the memo."""
    memo.start()
    try:
        yield
    finally:
        memo.finish()


def test_memo_lives_only_inside_a_request(client, admin_cast):
    assert not memo.active()
    with one_request():
        assert memo.active()
        assert memo.remember(("probe",), lambda: 1) == 1
        assert memo.remember(("probe",), lambda: 2) == 1
    assert not memo.active()
    with one_request():
        assert memo.remember(("probe",), lambda: 3) == 3  # nothing carried over
    edit_view(client, admin_cast["editor"], admin_cast["work"])
    assert not memo.active()  # the test client's request ended it


def test_a_second_users_request_does_not_see_the_first_users_groups(client, admin_cast):
    state = advance_to(admin_cast, Stage.EDITORIAL)
    task = state.task.specific
    with one_request():
        assert rules.in_groups(admin_cast["editor"], task.groups)
        assert not rules.in_groups(admin_cast["expert_b"], task.groups)  # same request, other user
    with one_request():
        assert not rules.in_groups(admin_cast["expert_b"], task.groups)
        assert rules.refusal(admin_cast["expert_b"], current_state(admin_cast["work"]), "approve")

    _queries, response = edit_view(client, admin_cast["editor"], admin_cast["work"])
    approve = reverse("review:decide", args=[state.pk, "approve"])
    assert approve in response.content.decode()
    client.force_login(admin_cast["expert_b"])  # an expert, not an editor: 初审 is not theirs
    response = client.get(reverse("wagtailadmin_pages:edit", args=[admin_cast["work"].pk]))
    assert response.status_code != 200 and approve not in response.content.decode()


def test_within_a_request_the_rules_see_what_a_decision_changed(admin_cast):
    """The chief editor is also an editor: once they took 初审, 终审 is refused to them — in the
    same request that recorded their 初审 approval, after the rules had read the submission."""
    cast = admin_cast
    cast["chief"].groups.add(cast["groups"]["编辑"])
    cast["workflow"].start(cast["work"], cast["creator"])
    editorial = current_state(cast["work"])
    with one_request():
        assert rules.refusal(cast["chief"], editorial, "approve") is None
        assert rules.stages_acted(cast["chief"], editorial.workflow_state) == set()
        decisions.act(editorial, cast["chief"], "approve", comment="初审通过", **CHECKLIST)
        assert not memo.active()  # the decision's lock and its writes stopped the memo
        assert rules.stages_acted(cast["chief"], editorial.workflow_state) == {Stage.EDITORIAL}
        expert = current_state(cast["work"])
        decisions.assign_experts(
            expert, cast["editor"], [cast["experts"]["expert_a"], cast["experts"]["expert_b"]]
        )
        decisions.record_opinion(expert, cast["expert_a"], **OPINION)
        decisions.record_opinion(expert, cast["expert_b"], **OPINION)
        final = current_state(cast["work"])
        assert "三审制" in rules.refusal(cast["chief"], final, "approve")


def test_a_write_in_the_request_stops_the_memo(admin_cast):
    """Group membership read, then changed, then read again in one request: the change shows."""
    state = advance_to(admin_cast, Stage.EDITORIAL)
    editor = admin_cast["editor"]
    with one_request():
        assert rules.refusal(editor, state, "approve") is None
        editor.groups.remove(admin_cast["groups"]["编辑"])
        assert not memo.active()
        assert "用户组" in rules.refusal(editor, state, "approve")


def test_an_override_logged_in_the_request_counts_at_once(admin_cast):
    """A superuser who took 初审 is refused 终审 until they log an emergency override: the rules
    read the submission before the override was written in the same request, and after."""
    cast, root = admin_cast, admin_cast["root"]
    cast["workflow"].start(cast["work"], cast["creator"])
    decisions.act(current_state(cast["work"]), root, "approve", comment="初审通过", **CHECKLIST)
    expert = current_state(cast["work"])
    decisions.assign_experts(
        expert, cast["editor2"], [cast["experts"]["expert_a"], cast["experts"]["expert_b"]]
    )
    decisions.record_opinion(expert, cast["expert_a"], **OPINION)
    decisions.record_opinion(expert, cast["expert_b"], **OPINION)
    final = current_state(cast["work"])
    with one_request():
        assert "三审制" in rules.refusal(root, final, "approve")
        assert not rules.has_override(root, final.workflow_state)
        decisions.log(final, root, rules.OVERRIDE, "总编出差,紧急签发", override=True)
        assert rules.has_override(root, final.workflow_state)
        assert rules.refusal(root, final, "approve") is None


def test_a_decision_never_trusts_the_memo(admin_cast):
    """As if another request removed this user from the editors after this request read their
    groups: the page may still offer the button, the decision itself refuses."""
    state = advance_to(admin_cast, Stage.EDITORIAL)
    outsider = admin_cast["expert_b"]  # in 专家, not in 编辑
    relation = rules._relation_key(state.task.specific.groups)
    with one_request():
        memo.remember(("in-groups", outsider.pk, *relation), lambda: True)  # the stale read
        assert rules.refusal(outsider, state, "approve") is None
        with pytest.raises(PermissionDenied):
            decisions.act(state, outsider, "approve", comment="初审通过", **CHECKLIST)
    assert current_state(admin_cast["work"]).pk == state.pk  # nothing moved


def test_the_work_of_a_revision_is_built_once_per_request(admin_cast):
    state = advance_to(admin_cast, Stage.EDITORIAL)
    assert rules.work_of(state) is not rules.work_of(state)  # outside a request: every time
    with one_request():
        work = rules.work_of(state)
        assert rules.work_of(current_state(admin_cast["work"])) is work
    with one_request():
        assert rules.work_of(state) is not work


@pytest.mark.parametrize(
    ("sql", "changes"),
    [
        ('SELECT "auth_user"."id" FROM "auth_user" WHERE "auth_user"."id" = %s', False),
        ('(SELECT "a"."id" FROM "a") UNION (SELECT "b"."id" FROM "b")', False),
        ('SELECT "wagtailcore_taskstate"."id" FROM "wagtailcore_taskstate" FOR UPDATE', True),
        ('SAVEPOINT "s1_x1"', False),
        ('RELEASE SAVEPOINT "s1_x1"', False),
        ('ROLLBACK TO SAVEPOINT "s1_x1"', True),
        ('INSERT INTO "review_reviewaction" ("stage") VALUES (%s)', True),
        ('UPDATE "wagtailcore_taskstate" SET "status" = %s', True),
        ('DELETE FROM "auth_user_groups" WHERE "auth_user_groups"."user_id" = %s', True),
        ('INSERT INTO "wagtailadmin_editingsession" ("user_id") VALUES (%s)', False),
        ('DELETE FROM "wagtailadmin_editingsession" WHERE "last_seen_at" < %s', False),
        ('UPDATE "django_session" SET "session_data" = %s', False),
        ("WITH x AS (DELETE FROM review_reviewaction RETURNING id) SELECT 1", True),
    ],
)
def test_what_counts_as_a_write(sql, changes):
    assert memo.changes_data(sql) is changes


def test_group_membership_of_other_relations_is_not_memoised(admin_cast):
    editors = Group.objects.filter(name="编辑")
    assert rules._relation_key(editors) is None  # a plain queryset: asked every time
