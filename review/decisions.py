"""The state changes of review: each checks the rules again, locks what it changes, and logs itself."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import TaskState

from . import clearance, memo, notifications, rules
from .content import revision_digest
from .forms import EDITORIAL_CHECKLIST
from .models import (
    ClearanceKind,
    CreditPreference,
    ExpertAssignment,
    ExpertProfile,
    ReviewAction,
    ReviewOpinion,
    Stage,
    Verdict,
)

PANEL_CREDIT = "审核专家组"


def log(task_state, user, action, comment="", data=None, *, stage=None, override=False):
    work = rules.work_of(task_state)
    return ReviewAction.objects.create(
        page_id=work.pk,
        page_title=work.title[:255],
        workflow_state=task_state.workflow_state,
        task_state=task_state,
        stage=stage or task_state.task.specific.stage,
        revision=task_state.revision,
        user=user,
        action=action,
        comment=comment,
        data=data or {},
        emergency_override=override,
    )


def _locked(task_state):
    """Re-read the task state under a row lock: concurrent actions on it run one after another.
    From here on the request reads everything afresh (review/memo.py): the decision's checks see the
    state as it is under the lock, not as the page that offered the action read it."""
    memo.stop()
    return TaskState.objects.select_for_update().get(pk=task_state.pk).specific


@transaction.atomic
def act(task_state, user, action_name, comment="", **checklist):
    """初审 and 终审 approve/reject, called by Wagtail's workflow action view (or directly)."""
    task_state = _locked(task_state)
    rules.require(user, task_state, action_name)
    override = rules.has_override(user, task_state.workflow_state)
    if action_name == "approve":
        if not comment.strip():
            raise PermissionDenied(_("通过时请写下意见。"))
        if task_state.task.specific.stage == Stage.EDITORIAL and not (
            set(EDITORIAL_CHECKLIST) <= set(checklist) and all(checklist.values())
        ):
            raise PermissionDenied(_("初审通过前须确认检查清单的每一项。"))
        # The approval covers what the reviewer approved: the work as it stands now (an editor may
        # have tidied it in 初审 since the stage began).
        task_state.revision = task_state.workflow_state.content_object.get_latest_revision()
        data = {"checklist": checklist, "digest": revision_digest(task_state.revision)}
        log(task_state, user, "approve", comment, data, override=override)
        task_state.approve(user=user, comment=comment)
    elif action_name == "reject":
        if not comment.strip():
            raise PermissionDenied(_("退回修改必须写明理由。"))
        log(task_state, user, "reject", comment, override=override)
        task_state.reject(user=user, comment=comment)
        notifications.sent_back(task_state, comment)
    else:
        raise PermissionDenied(_("该环节没有这项操作。"))
    return None


# Stage 2 -----------------------------------------------------------------


def required_quorum(task_state):
    """The task's quorum, raised by any discipline of the work (or an ancestor) that asks for more."""
    task = task_state.task.specific
    work = rules.work_of(task_state)
    disciplines = list(work.disciplines.all()) if hasattr(work, "disciplines") else []
    quorum = max(1, task.quorum)  # no configuration lets a work pass 科学性审核 without an expert
    for discipline in disciplines:
        node = discipline
        while node is not None:
            if node.review_quorum:
                quorum = max(quorum, node.review_quorum)
            node = node.parent
    return quorum


def approvals(task_state):
    """Distinct assigned experts who approved this very revision, and are still eligible."""
    work = rules.work_of(task_state)
    opinions = ReviewOpinion.objects.filter(
        task_state=task_state, revision=task_state.revision, verdict=Verdict.APPROVE
    ).select_related("expert")
    return [o for o in opinions if rules.expert_conflict(o.expert, work) is None]


def open_load(profile):
    """Assignments of this expert still waiting for their opinion."""
    return (
        ExpertAssignment.objects.filter(expert=profile, task_state__status=TaskState.STATUS_IN_PROGRESS)
        .exclude(task_state__opinions__expert=profile)
        .count()
    )


def suggestions(task_state):
    """Active experts ranked by discipline match to the work, then by open load; conflicts excluded."""
    work = rules.work_of(task_state)
    creator = rules.creator_of(work)
    wanted = set()
    for discipline in work.disciplines.all():
        wanted.add(discipline.pk)
        if discipline.parent_id:
            wanted.add(discipline.parent_id)
    assigned = set(task_state.expert_assignments.values_list("expert_id", flat=True))
    ranked = []
    for profile in ExpertProfile.objects.filter(is_active=True).prefetch_related("disciplines"):
        if profile.user_id == getattr(creator, "pk", None) or rules.expert_conflict(profile, work):
            continue
        if rules.stages_acted(profile.user, task_state.workflow_state) - {Stage.EXPERT}:
            continue
        match = len(wanted & {d.pk for d in profile.disciplines.all()})
        load = open_load(profile)
        ranked.append(
            {
                "profile": profile,
                "match": match,
                "load": load,
                "full": load >= profile.max_open_reviews,
                "assigned": profile.pk in assigned,
            }
        )
    ranked.sort(key=lambda s: (-s["match"], s["full"], s["load"], s["profile"].name))
    return ranked


@transaction.atomic
def assign_experts(task_state, user, profiles):
    task_state = _locked(task_state)
    rules.require(user, task_state, "assign")
    work = rules.work_of(task_state)
    due = timezone.now() + datetime.timedelta(days=task_state.task.specific.deadline_days)
    created = []
    for profile in profiles:
        if not profile.is_active:
            raise PermissionDenied(_("%(name)s 不在专家库中。") % {"name": profile.name})
        if profile.user_id == getattr(rules.creator_of(work), "pk", None):
            raise PermissionDenied(_("不能指派作者本人审核。"))
        if conflict := rules.expert_conflict(profile, work):
            raise PermissionDenied(f"{profile.name}:{conflict}")
        if rules.stages_acted(profile.user, task_state.workflow_state) - {Stage.EXPERT}:
            raise PermissionDenied(_("%(name)s 已参与本稿件的其他审核环节。") % {"name": profile.name})
        assignment, is_new = ExpertAssignment.objects.get_or_create(
            task_state=task_state, expert=profile, defaults={"assigned_by": user, "due_at": due}
        )
        if is_new:
            created.append(assignment)
    if created:
        log(task_state, user, "assign", data={"experts": [a.expert.name for a in created]})
        for assignment in created:
            notifications.expert_assigned(assignment)
    return created


def carry_over_assignments(task_state):
    """After a send-back and resubmission, the experts of the earlier round are asked again."""
    earlier = (
        TaskState.objects.filter(
            workflow_state=task_state.workflow_state, task=task_state.task, pk__lt=task_state.pk
        )
        .order_by("-pk")
        .first()
    )
    if earlier is None:
        return []
    due = timezone.now() + datetime.timedelta(days=task_state.task.specific.deadline_days)
    carried = []
    for old in earlier.expert_assignments.select_related("expert"):
        carried.append(
            ExpertAssignment.objects.create(
                task_state=task_state, expert=old.expert, assigned_by=old.assigned_by, due_at=due
            )
        )
    for assignment in carried:
        notifications.expert_assigned(assignment, earlier=earlier)
    return carried


@transaction.atomic
def record_opinion(
    task_state, user, *, verdict, comments_for_creator="", confidential_comments="", **checklist
):
    task_state = _locked(task_state)
    rules.require(user, task_state, "opinion")
    profile = user.expert_profile
    opinion = ReviewOpinion.objects.create(
        task_state=task_state,
        revision=task_state.revision,
        digest=revision_digest(task_state.revision),
        expert=profile,
        verdict=verdict,
        comments_for_creator=comments_for_creator,
        confidential_comments=confidential_comments,
        **checklist,
    )
    override = rules.has_override(user, task_state.workflow_state)
    log(
        task_state,
        user,
        "opinion",
        comments_for_creator,
        {"verdict": verdict, **checklist},
        override=override,
    )
    if verdict != Verdict.APPROVE:
        task_state.reject(
            user=user, comment=_("专家要求修改：%(comment)s") % {"comment": comments_for_creator}
        )
        notifications.sent_back(task_state, comments_for_creator)
    elif len(approvals(task_state)) >= required_quorum(task_state):
        task_state.approve(user=user, comment=_("达到专家审核法定人数"))
        log(task_state, None, "quorum", data={"approvals": [o.expert.name for o in approvals(task_state)]})
    return opinion


# Publication ---------------------------------------------------------------


def credit_line(opinions):
    reviewers = []
    for opinion in opinions:
        expert = opinion.expert
        if expert.credit_preference == CreditPreference.PANEL:
            reviewers.append({"name": PANEL_CREDIT})
        else:
            reviewers.append({"name": expert.name, "title": expert.title, "affiliation": expert.affiliation})
    return reviewers


def verify_passed(workflow_state, revision):
    """The approved stages of this submission, checked again before anything goes live: each stage
    approved this very revision, and its content is still the content each of them read."""
    digest = revision_digest(revision)
    states = {
        stage: list(
            TaskState.objects.filter(
                workflow_state=workflow_state, status=TaskState.STATUS_APPROVED, revision=revision
            )
            .filter(task__in=[t for t in workflow_state.workflow.tasks.all() if t.specific.stage == stage])
            .order_by("-pk")
        )
        for stage in Stage.values
    }
    if not all(states.values()):
        raise PermissionDenied(_("三审未全部完成，或发布的版本与通过审核的版本不一致，不能发布。"))
    expert_state = states[Stage.EXPERT][0].specific
    approved_digests = [
        act_.data.get("digest")
        for act_ in ReviewAction.objects.filter(
            task_state__in=[states[Stage.EDITORIAL][0], states[Stage.FINAL][0]], action="approve"
        )
    ]
    if len(approved_digests) < 2 or any(seen != digest for seen in approved_digests):
        raise PermissionDenied(_("审核期间作品内容（含图片、视频说明）发生了变化，须重新审核。"))
    passed = [opinion for opinion in approvals(expert_state) if opinion.digest == digest]
    if len(passed) < required_quorum(expert_state):
        raise PermissionDenied(_("通过科学性审核的专家人数不足。"))
    acts = ReviewAction.objects.filter(workflow_state=workflow_state, action__in=rules.STAGE_ACTS)
    by_user = {}
    for act_ in acts:
        by_user.setdefault(act_.user_id, set()).add(act_.stage)
    overridden = set(acts.filter(emergency_override=True).values_list("user_id", flat=True))
    if any(len(stages) > 1 and uid not in overridden for uid, stages in by_user.items()):
        raise PermissionDenied(_("三审制：有人参与了两个审核环节。"))
    return expert_state, passed


def publish_after_review(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: the only way a reviewed work becomes live."""
    work = workflow_state.content_object.specific
    revision = work.get_latest_revision()
    expert_state, passed = verify_passed(workflow_state, revision)
    reviewers = credit_line(passed)
    fast_track = expert_state.task.specific.fast_track
    clearance.clear(
        revision,
        ClearanceKind.REVIEW,
        workflow_state=workflow_state,
        reviewers=reviewers,
        fast_track=fast_track,
    )
    credit = {
        "kind": ClearanceKind.REVIEW,
        "reviewers": reviewers,
        "date": timezone.localdate().isoformat(),
        "fast_track": fast_track,
    }
    if hasattr(work, "review_credit"):
        # Stored on the revision too, so the published page carries its own credit line.
        work.review_credit = credit
        revision.content["review_credit"] = credit
        revision.save(update_fields=["content"])
    revision.publish(user=user, skip_permission_checks=True)
    log(workflow_state.current_task_state, user, "publish", stage=Stage.FINAL, data={"revision": revision.pk})
    if fast_track:
        from .corrections import open_follow_up

        open_follow_up(work, revision, reviewers)
    notifications.published(work, revision)


def clear_import(revision, note):
    """Let imported content (demo data, migrations from another system) be published, saying so."""
    credit = {"kind": ClearanceKind.IMPORT, "note": note}
    revision.content["review_credit"] = credit
    revision.save(update_fields=["content"])
    if not clearance.is_cleared(int(revision.object_id), revision_digest(revision)):
        clearance.clear(revision, ClearanceKind.IMPORT, note=note)
    return revision
