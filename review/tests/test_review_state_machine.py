"""A stateful property test: Wagtail's admin operations (at the level its views call them: the page
actions, save_revision with overwrite, publish_scheduled, the edit form over HTTP) mixed at random
with the 三审 actions, corrections and retractions, by random people. After every step nothing live
of a reviewed type lacks a valid clearance of exactly its content, and every live work cleared by
review passed all three stages on that content.

`make test` runs 200 examples; `make soak` runs 10,000 (see docs/review.md for its time).
"""

import datetime
import io
import os

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.actions.copy_page import CopyPageAction, CopyPageIntegrityError
from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.actions.move_page import MovePageAction
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.actions.revert_to_page_revision import RevertToPageRevisionAction, RevertToPageRevisionError
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Revision, TaskState, WorkflowState

from articles.models import ArticlePage
from review import corrections, decisions, rules
from review.audit import find_problems
from review.content import page_digest
from review.models import (
    CaseStatus,
    ClearanceKind,
    ReviewAction,
    ReviewClearance,
    ReviewOpinion,
    Stage,
    Verdict,
)
from tests import factories
from tests.admin_forms import page_form_data

from .admin_paths import wrote_content
from .scenario import CHECKLIST, OPINION

pytestmark = pytest.mark.django_db

PEOPLE = ["creator", "editor", "editor2", "expert_a", "expert_b", "expert_c", "chief", "root"]
EXPERTS = ["expert_a", "expert_b", "expert_c", "conflicted"]
REFUSALS = (PermissionDenied, ValidationError, CopyPageIntegrityError, RevertToPageRevisionError)


def open_workflow(work):
    return (
        WorkflowState.objects.for_instance(work)
        .filter(status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES])
        .first()
    )


def current_task_state(work):
    state = open_workflow(work)
    if state is None or state.current_task_state is None:
        return None
    task_state = state.current_task_state.specific
    return task_state if task_state.status == TaskState.STATUS_IN_PROGRESS else None


def reviewed_properly(work):
    """A work whose live content was cleared by review passed all three stages on that content."""
    clearance = (
        ReviewClearance.objects.valid()
        .filter(page_id=work.pk, digest=page_digest(work))
        .order_by("-pk")
        .first()
    )
    if clearance is None or clearance.kind != ClearanceKind.REVIEW:
        return True
    acts = ReviewAction.objects.filter(workflow_state=clearance.workflow_state)
    digest = clearance.digest
    if not acts.filter(stage=Stage.EDITORIAL, action="approve", data__digest=digest).exists():
        return False
    if not acts.filter(stage=Stage.FINAL, action="approve", data__digest=digest).exists():
        return False
    opinions = ReviewOpinion.objects.filter(
        task_state__workflow_state=clearance.workflow_state, digest=digest, verdict=Verdict.APPROVE
    )
    if not opinions.exists():
        return False
    if len({o.expert_id for o in opinions}) < decisions.required_quorum(opinions.first().task_state.specific):
        return False
    stages = {}
    for act in acts.filter(action__in=rules.STAGE_ACTS):
        stages.setdefault(act.user_id, set()).add(act.stage)
    overridden = set(acts.filter(action=rules.OVERRIDE).values_list("user_id", flat=True))
    return all(len(s) == 1 or uid in overridden for uid, s in stages.items())


class ReviewMachine(RuleBasedStateMachine):
    cast = None  # set by the test
    starting_works = ()  # a draft and a live work with a cover, made once per test

    works = Bundle("works")
    person = st.sampled_from(PEOPLE)

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.step = 0
        self.dirty = True

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def attempt(self, action, *args, **kwargs):
        self.step += 1
        connection.queries_log.clear()  # the log keeps 9,000 queries: one step's fit
        with CaptureQueriesContext(connection) as queries:
            try:
                with transaction.atomic():
                    action(*args, **kwargs)
            except REFUSALS:
                pass
        self.dirty = self.dirty or wrote_content(queries.captured_queries)

    @initialize(target=works)
    def a_draft(self):
        return ArticlePage.objects.get(pk=self.starting_works[0])

    @initialize(target=works)
    def a_live_work(self):
        return ArticlePage.objects.get(pk=self.starting_works[1])

    def user(self, who):
        return self.cast[who]

    # 三审 ---------------------------------------------------------------------------------------

    @rule(work=works, who=person)
    def submit(self, work, who):
        if open_workflow(work) is None:
            self.attempt(self.cast["workflow"].start, ArticlePage.objects.get(pk=work.pk), self.user(who))

    @rule(work=works, who=person, action=st.sampled_from(["approve", "reject"]))
    def decide(self, work, who, action):
        state = current_task_state(work)
        if state is not None and state.task.specific.stage != Stage.EXPERT:
            self.attempt(decisions.act, state, self.user(who), action, comment="随机", **CHECKLIST)

    @rule(
        work=works, who=person, names=st.lists(st.sampled_from(EXPERTS), min_size=1, max_size=3, unique=True)
    )
    def assign(self, work, who, names):
        state = current_task_state(work)
        if state is not None and state.task.specific.stage == Stage.EXPERT:
            self.attempt(
                decisions.assign_experts, state, self.user(who), [self.cast["experts"][n] for n in names]
            )

    @rule(work=works, who=person, verdict=st.sampled_from([Verdict.APPROVE, Verdict.APPROVE, Verdict.REVISE]))
    def opinion(self, work, who, verdict):
        state = current_task_state(work)
        if state is not None and state.task.specific.stage == Stage.EXPERT:
            comments = "准确" if verdict == Verdict.APPROVE else "请修改"
            self.attempt(
                decisions.record_opinion,
                state,
                self.user(who),
                **{**OPINION, "verdict": verdict, "comments_for_creator": comments},
            )

    @rule(work=works)
    def resubmit(self, work):
        state = open_workflow(work)
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            self.attempt(state.resume, user=self.cast["creator"])

    @rule(work=works, who=person)
    def cancel(self, work, who):
        state = open_workflow(work)
        if state is not None and state.user_can_cancel(self.user(who)):
            self.attempt(state.cancel, user=self.user(who))

    @rule(work=works)
    def override(self, work):
        state = current_task_state(work)
        if state is not None:
            self.attempt(decisions.log, state, self.cast["root"], rules.OVERRIDE, "随机越权", override=True)

    # Editing, as the creator portal and Wagtail's editor save ------------------------------------

    @rule(work=works, who=person, text=st.sampled_from(["喝白酒能防一氧化碳中毒", "开窗通风,安装报警器", ""]))
    def edit(self, work, who, text):
        def save():
            draft = ArticlePage.objects.get(pk=work.pk).get_latest_revision_as_object()
            draft.summary = f"{text}。" if text else draft.summary + "改"
            draft.save_revision(user=self.user(who))

        self.attempt(save)

    @rule(work=works, who=person, which=st.sampled_from(["latest", "live"]))
    def autosave_overwrite(self, work, who, which):
        def overwrite():
            page = ArticlePage.objects.get(pk=work.pk)
            target = page.latest_revision if which == "latest" else page.live_revision
            if target is None:
                return
            draft = target.as_object()
            draft.title = "喝白酒能防一氧化碳中毒"
            draft.save_revision(user=target.user, overwrite_revision=target)

        self.attempt(overwrite)

    # Wagtail's page actions -----------------------------------------------------------------------

    @rule(work=works, who=person, skip_checks=st.booleans())
    def publish_by_hand(self, work, who, skip_checks):
        revision = ArticlePage.objects.get(pk=work.pk).get_latest_revision()
        if revision is None:
            return
        self.attempt(
            PublishPageRevisionAction(revision, user=self.user(who)).execute,
            skip_permission_checks=skip_checks,
        )

    @rule(target=works, work=works, who=person)
    def copy_keep_live(self, work, who):
        made = []

        def copy():
            made.append(
                CopyPageAction(
                    ArticlePage.objects.get(pk=work.pk),
                    update_attrs={"slug": f"copy-{self.step}", "title": "副本"},
                    keep_live=True,
                    user=self.user(who),
                ).execute(skip_permission_checks=True)
            )

        self.attempt(copy)
        return ArticlePage.objects.get(pk=made[0].pk) if made else work

    @rule(work=works)
    def make_alias(self, work):
        self.attempt(
            CreatePageAliasAction(
                ArticlePage.objects.get(pk=work.pk), update_slug=f"alias-{self.step}"
            ).execute,
            skip_permission_checks=True,
        )

    @rule(work=works, who=person)
    def unpublish(self, work, who):
        self.attempt(UnpublishPageAction(ArticlePage.objects.get(pk=work.pk), user=self.user(who)).execute)

    @rule(work=works, who=person, index=st.integers(min_value=0, max_value=5))
    def revert(self, work, who, index):
        page = ArticlePage.objects.get(pk=work.pk)
        revisions = list(page.revisions.order_by("pk"))
        if revisions:
            revision = revisions[index % len(revisions)]
            self.attempt(RevertToPageRevisionAction(page, revision, user=self.user(who)).execute)

    @rule(work=works)
    def move(self, work):
        page = ArticlePage.objects.get(pk=work.pk)
        self.attempt(
            MovePageAction(page, self.cast["works"], pos="first-child").execute, skip_permission_checks=True
        )

    @rule(work=works)
    def schedule_and_run(self, work):
        """A revision with a go-live date in the past (as the scheduler finds it), then its run."""

        def schedule():
            page = ArticlePage.objects.get(pk=work.pk)
            latest = page.get_latest_revision()
            if latest is not None:
                Revision.objects.filter(pk=latest.pk).update(
                    approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1)
                )
            call_command("publish_scheduled", stdout=io.StringIO())

        self.attempt(schedule)

    @rule(work=works, who=person)
    def edit_form_publish(self, work, who):
        """Wagtail's edit view, over HTTP, with 发布."""

        def post():
            client = Client()
            client.force_login(self.user(who))
            page = ArticlePage.objects.get(pk=work.pk)
            data = page_form_data(
                page.get_latest_revision_as_object(), self.user(who), title="表单里改的标题"
            )
            client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, "action-publish": "1"})

        self.attempt(post)

    @rule(work=works)
    def change_the_cover(self, work):
        def change():
            cover = ArticlePage.objects.get(pk=work.pk).cover_image
            if cover is not None:
                cover.description = "换掉的替代文本"
                cover.save()

        self.attempt(change)

    # After publication ----------------------------------------------------------------------------

    @rule(work=works, outcome=st.sampled_from([CaseStatus.CORRECTED, CaseStatus.RETRACTED]))
    def correction_case(self, work, outcome):
        def run():
            page = ArticlePage.objects.get(pk=work.pk)
            if not page.live:
                return
            case = corrections.file_report(page, problem="读者报告")
            corrections.assign_verifier(case, self.cast["editor2"], self.cast["experts"]["expert_c"])
            corrections.record_finding(case, self.cast["expert_c"], confirmed=True, finding="属实")
            corrections.decide(case, self.cast["editor2"], outcome, "更正说明")

        self.attempt(run)

    # After every step -------------------------------------------------------------------------------

    @invariant()
    def nothing_unreviewed_is_live(self):
        """What audit_live checks, and for works cleared by review, that all three stages passed.
        (Skipped after a step that wrote none of the tables these read: nothing can have changed.)"""
        if not self.dirty:
            return
        self.dirty = False
        assert find_problems()[1] == []
        reviewed = ReviewClearance.objects.valid().filter(kind=ClearanceKind.REVIEW, page__live=True)
        for work in ArticlePage.objects.filter(pk__in=reviewed.values("page_id")):
            assert reviewed_properly(work), work.pk


def run_machine(cast, examples, steps=8):
    draft = factories.make_work(
        cast["works"],
        "随机作品",
        disciplines=["safety"],
        publish=False,
        owner=cast["creator"],
        creator_affiliation="呼和浩特市应急科普工作室",
    )
    live = factories.make_work(
        cast["works"],
        "已发布作品",
        disciplines=["safety"],
        owner=cast["creator"],
        cover_image=factories.make_image("封面"),
    )
    ReviewMachine.cast, ReviewMachine.starting_works = cast, (draft.pk, live.pk)
    run_state_machine_as_test(
        ReviewMachine,
        settings=settings(
            max_examples=examples,
            stateful_step_count=steps,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )


def test_admin_operations_and_review_at_random_keep_the_invariant(cast):
    run_machine(cast, examples=200)


@pytest.mark.soak
@pytest.mark.parametrize("shard", range(int(os.environ.get("PORTAL_SOAK_SHARDS", "2"))))
def test_soak(cast, shard):
    """`make soak`: PORTAL_SOAK_EXAMPLES (10,000) examples in all, split over the shards."""
    total = int(os.environ.get("PORTAL_SOAK_EXAMPLES", "10000"))
    shards = int(os.environ.get("PORTAL_SOAK_SHARDS", "2"))
    run_machine(cast, examples=total // shards, steps=12)
