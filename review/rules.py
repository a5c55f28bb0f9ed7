"""Who may do what in a submission's review. Every check the server makes lives here, so a hidden
button and a crafted POST meet the same rules.

- Nobody acts on their own work.
- One person acts in at most one stage of a submission (三审), superusers included, unless they
  have recorded an emergency override for that submission.
- An expert acts only on work they are assigned to, and never on work whose creator shares their
  affiliation or on which they declared a conflict.

Wagtail asks these questions many times while it builds one admin page; the answers' inputs that do
not change while a request reads (the work of a revision, group membership) are read once per
request through review/memo.py, which stops at the request's first write and when a decision takes
its lock, so every decision is checked against fresh reads.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from wagtail.models import TaskState

from . import memo
from .models import ExpertAssignment, ExpertConflict, ExpertProfile, ReviewAction, ReviewOpinion, Stage

# Actions that count as acting in a stage (assigning experts does not: it is the editor's errand).
STAGE_ACTS = ("approve", "reject", "opinion")
OVERRIDE = "emergency-override"


def work_of(task_state):
    """The work as it stands in the revision under review (its disciplines, creator, affiliation).

    Built once per request per revision (review/memo.py): callers read it and must not change it."""
    if task_state.revision_id is None:
        return task_state.revision.as_object()
    return memo.remember(("work", task_state.revision_id), lambda: task_state.revision.as_object())


def creator_of(work):
    return getattr(work, "owner", None)


def stages_acted(user, workflow_state):
    def read():
        return frozenset(
            ReviewAction.objects.filter(
                workflow_state=workflow_state, user=user, action__in=STAGE_ACTS
            ).values_list("stage", flat=True)
        )

    return set(memo.remember(("stages-acted", user.pk, workflow_state.pk), read))


def has_override(user, workflow_state):
    return user.is_superuser and memo.remember(
        ("override", user.pk, workflow_state.pk),
        ReviewAction.objects.filter(workflow_state=workflow_state, user=user, action=OVERRIDE).exists,
    )


def in_groups(user, groups):
    """Whether `user` belongs to any of `groups` (a task's groups or coordinator groups); asked once
    per request for each user and relation (review/memo.py)."""

    def read():
        return user.groups.filter(pk__in=groups.values("pk")).exists()

    relation = _relation_key(groups)
    if relation is None:
        return read()
    return memo.remember(("in-groups", user.pk, *relation), read)


def _relation_key(groups):
    """A memo key for a many-to-many relation to groups (`task.groups`), None for anything else."""
    instance, name = getattr(groups, "instance", None), getattr(groups, "prefetch_cache_name", None)
    if instance is None or not name or groups.model is not Group:
        return None
    return (instance._meta.label, instance.pk, name)


def expert_profile(user):
    def read():
        try:
            return user.expert_profile
        except ExpertProfile.DoesNotExist:  # not kept on the user: each try would ask again
            return None

    profile = memo.remember(("expert-profile", user.pk), read)
    return profile if profile is not None and profile.is_active else None


def expert_conflict(profile, work):
    """Why this expert may not review this work, or None."""
    if profile.shares_affiliation_with(getattr(work, "creator_affiliation", "")):
        return _("专家与作者同属一个单位。")
    declared = memo.remember(
        ("declared-conflict", profile.pk, work.pk),
        ExpertConflict.objects.filter(expert=profile, page_id=work.pk).exists,
    )
    if declared:
        return _("专家已声明与该作品存在利益冲突。")
    return None


def is_assigned(profile, task_state):
    return memo.remember(
        ("assigned", profile.pk, task_state.pk),
        ExpertAssignment.objects.filter(task_state=task_state, expert=profile).exists,
    )


def gave_opinion(profile, task_state):
    return memo.remember(
        ("gave-opinion", profile.pk, task_state.pk),
        ReviewOpinion.objects.filter(task_state=task_state, expert=profile).exists,
    )


def refusal(user, task_state, action):
    """None if `user` may perform `action` on `task_state` now, else the reason in plain words."""
    if not user.is_authenticated or not user.is_active:
        return _("请先登录。")
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        return _("该审核环节已经结束。")
    workflow_state = task_state.workflow_state
    if workflow_state.current_task_state_id != task_state.pk:
        return _("该作品当前不在这一审核环节。")
    task = task_state.task.specific
    work = work_of(task_state)
    if creator_of(work) == user:
        return _("不能审核自己的作品。")

    if action in STAGE_ACTS:
        other_stages = stages_acted(user, workflow_state) - {task.stage}
        if other_stages and not has_override(user, workflow_state):
            return _("三审制:同一人不能参与同一稿件的两个审核环节(您已参与:%(stages)s)。") % {
                "stages": "、".join(str(Stage(stage).label) for stage in sorted(other_stages))
            }

    if task.stage in (Stage.EDITORIAL, Stage.FINAL):
        if action not in ("approve", "reject"):
            return _("该环节没有这项操作。")
        if not (user.is_superuser or in_groups(user, task.groups)):
            return _("您不在负责该环节的用户组中。")
        return None

    # Stage 2, 科学性审核
    if action == "assign":
        if not (user.is_superuser or in_groups(user, task.coordinator_groups)):
            return _("只有负责指派的编辑可以指派专家。")
        return None
    if action == "opinion":
        profile = expert_profile(user)
        if profile is None:
            return _("您不是在库的审核专家。")
        if not is_assigned(profile, task_state):
            return _("您没有被指派审核这件作品。")
        if conflict := expert_conflict(profile, work):
            return conflict
        if gave_opinion(profile, task_state):
            return _("您已对这一版本提交过意见。")
        return None
    return _("该环节没有这项操作。")


def require(user, task_state, action):
    if reason := refusal(user, task_state, action):
        raise PermissionDenied(reason)


ACTION_LABELS = {
    Stage.EDITORIAL: [
        ("approve", _("初审通过"), True),
        ("reject", _("退回修改"), True),
    ],
    Stage.EXPERT: [
        ("assign", _("指派审核专家"), False),
        ("opinion", _("提交审核意见"), False),
    ],
    Stage.FINAL: [
        ("approve", _("终审通过并发布"), True),
        ("reject", _("退回修改"), True),
    ],
}


def available_actions(user, task_state):
    stage = task_state.task.specific.stage
    return [entry for entry in ACTION_LABELS[stage] if refusal(user, task_state, entry[0]) is None]


def may_see(user, task_state):
    """Whether `user` may open the work in the admin while it is at this stage."""
    if not user.is_authenticated:
        return False
    task = task_state.task.specific
    if user.is_superuser:
        return True
    if task.stage == Stage.EXPERT:
        if in_groups(user, task.coordinator_groups):
            return True
        profile = expert_profile(user)
        return (
            profile is not None
            and is_assigned(profile, task_state)
            and expert_conflict(profile, work_of(task_state)) is None
        )
    return in_groups(user, task.groups)


def locked_for(user, task, obj):
    """Editors may still tidy a work in 初审; from 科学性审核 on, the reviewed revision is fixed."""
    if task.stage == Stage.EDITORIAL:
        return not (user.is_superuser or in_groups(user, task.groups))
    return True


def task_states_for(user, task):
    """The in-progress task states of `task` that `user` is asked to act on (dashboard, queue)."""
    states = TaskState.objects.filter(task=task, status=TaskState.STATUS_IN_PROGRESS)
    if task.stage == Stage.EXPERT:
        profile = expert_profile(user)
        if in_groups(user, task.coordinator_groups) or user.is_superuser:
            return states
        if profile is None:
            return TaskState.objects.none()
        return states.filter(expert_assignments__expert=profile).exclude(opinions__expert=profile)
    if user.is_superuser or in_groups(user, task.groups):
        return states
    return TaskState.objects.none()
