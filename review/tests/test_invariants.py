"""Random sequences of review actions by random people never make live what 三审 did not pass.

Invariant, checked after every step: whenever the work is live, its live revision has a review
clearance whose submission shows 初审 approved, a quorum of distinct eligible experts approving that
very revision, 终审 approving it, and nobody acting in two stages (unless a logged override).
"""

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from django.core.exceptions import PermissionDenied
from django.db import transaction

from wagtail.models import TaskState, WorkflowState

from review import decisions, rules
from review.audit import find_problems
from review.content import page_digest
from review.models import ClearanceKind, ReviewAction, ReviewClearance, ReviewOpinion, Stage, Verdict
from tests import factories

from .scenario import CHECKLIST, OPINION

pytestmark = pytest.mark.django_db

PEOPLE = ["creator", "editor", "editor2", "expert_a", "expert_b", "expert_c", "conflicted", "chief", "root"]
EXPERTS = ["expert_a", "expert_b", "expert_c", "conflicted"]

person = st.sampled_from(PEOPLE)
step = st.one_of(
    st.tuples(st.just("submit"), person),
    st.tuples(st.just("approve"), person),
    st.tuples(st.just("reject"), person),
    st.tuples(
        st.just("assign"), person, st.lists(st.sampled_from(EXPERTS), min_size=1, max_size=3, unique=True)
    ),
    st.tuples(
        st.just("opinion"), person, st.sampled_from([Verdict.APPROVE, Verdict.APPROVE, Verdict.REVISE])
    ),
    st.tuples(st.just("edit"), person),
    st.tuples(st.just("resubmit"), person),
    st.tuples(st.just("cancel"), person),
    st.tuples(st.just("publish_by_hand"), person),
    st.tuples(st.just("override"), st.just("root")),
)


def current(work):
    state = WorkflowState.objects.active().filter(object_id=str(work.pk)).first()
    if state is None or state.current_task_state is None:
        return state, None
    return state, state.current_task_state.specific


def perform(cast, work, action, who, *args):
    user = cast[who]
    workflow_state, task_state = current(work)
    if action == "submit" and workflow_state is None:
        cast["workflow"].start(work, user)
    elif action in ("approve", "reject") and task_state is not None:
        if (
            task_state.status == TaskState.STATUS_IN_PROGRESS
            and task_state.task.specific.stage != Stage.EXPERT
        ):
            decisions.act(task_state, user, action, comment="随机测试", **CHECKLIST)
    elif action == "assign" and task_state is not None and task_state.task.specific.stage == Stage.EXPERT:
        decisions.assign_experts(task_state, user, [cast["experts"][name] for name in args[0]])
    elif action == "opinion" and task_state is not None and task_state.task.specific.stage == Stage.EXPERT:
        comments = "" if args[0] == Verdict.APPROVE else "请修改"
        decisions.record_opinion(
            task_state, user, **{**OPINION, "verdict": args[0], "comments_for_creator": comments}
        )
    elif action == "edit":
        work.refresh_from_db()
        work.summary = f"{work.summary[:50]}改"
        work.save_revision(user=user)
    elif action == "resubmit" and workflow_state is not None and workflow_state.status == "needs_changes":
        workflow_state.resume(user=user)
    elif action == "cancel" and workflow_state is not None and workflow_state.user_can_cancel(user):
        workflow_state.cancel(user=user)
    elif action == "publish_by_hand":
        work.get_latest_revision().publish(user=user)
    elif action == "override" and task_state is not None:
        decisions.log(task_state, user, rules.OVERRIDE, "随机测试越权", override=True)


def check_invariant(work):
    assert find_problems()[1] == []  # what audit_live checks, for every live page
    work.refresh_from_db()
    if not work.live:
        return
    clearance = ReviewClearance.objects.valid().get(page_id=work.pk, digest=page_digest(work))
    assert clearance.kind == ClearanceKind.REVIEW
    ws = clearance.workflow_state
    acts = ReviewAction.objects.filter(workflow_state=ws)
    assert acts.filter(stage=Stage.EDITORIAL, action="approve").exists()
    assert acts.filter(stage=Stage.FINAL, action="approve", revision_id=work.live_revision_id).exists()
    approvals = ReviewOpinion.objects.filter(
        task_state__workflow_state=ws, revision_id=work.live_revision_id, verdict=Verdict.APPROVE
    )
    experts = {o.expert_id for o in approvals if rules.expert_conflict(o.expert, work) is None}
    assert len(experts) >= 2
    stages_by_user = {}
    for act in acts.filter(action__in=rules.STAGE_ACTS):
        stages_by_user.setdefault(act.user_id, set()).add(act.stage)
    overridden = set(acts.filter(action=rules.OVERRIDE).values_list("user_id", flat=True))
    for user_id, stages in stages_by_user.items():
        assert len(stages) == 1 or user_id in overridden


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=30))
def test_random_action_sequences_keep_the_invariant(cast, steps):
    with transaction.atomic():
        work = factories.make_work(
            cast["works"],
            "随机序列作品",
            disciplines=["safety"],
            audiences=["elderly"],
            publish=False,
            owner=cast["creator"],
            creator_affiliation="呼和浩特市应急科普工作室",
        )
        for action, who, *args in steps:
            try:
                with transaction.atomic():
                    perform(cast, work, action, who, *args)
            except PermissionDenied:
                pass
            check_invariant(work)
        event("published" if work.live else "not published")
        transaction.set_rollback(True)


def test_the_random_walk_can_reach_publication(cast):
    """The invariant test is only meaningful if publication is reachable by the same steps."""
    work = factories.make_work(
        cast["works"],
        "可达性",
        disciplines=["safety"],
        publish=False,
        owner=cast["creator"],
        creator_affiliation="呼和浩特市应急科普工作室",
    )
    for action, who, *args in [
        ("submit", "creator"),
        ("approve", "editor"),
        ("assign", "editor", ["expert_a", "expert_b"]),
        ("opinion", "expert_a", Verdict.APPROVE),
        ("opinion", "expert_b", Verdict.APPROVE),
        ("approve", "chief"),
    ]:
        perform(cast, work, action, who, *args)
        check_invariant(work)
    work.refresh_from_db()
    assert work.live
