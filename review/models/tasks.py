"""The three stages of 三审 as Wagtail tasks. Who may do what is decided in `review.rules`."""

from django import forms
from django.contrib.auth.models import Group
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.locks import WorkflowLock
from wagtail.models import AbstractGroupApprovalTask, Task, TaskState

from review import memo


class Stage(models.TextChoices):
    EDITORIAL = "editorial", _("初审")
    EXPERT = "expert", _("科学性审核")
    FINAL = "final", _("终审")


class ReviewLock(WorkflowLock):
    """Wagtail's workflow lock, its message built once per request (the edit view asks twice, and
    each time reads the workflow's tasks with their status)."""

    def get_message(self, user):
        key = ("lock-message", self.object.pk, self.task.pk, user.pk)
        return memo.remember(key, lambda: super(ReviewLock, self).get_message(user))


class StageTaskMixin:
    """Shared behaviour: actions and editor access come from the rules module."""

    stage = None
    lock_class = ReviewLock

    def start(self, workflow_state, user=None):
        """A stage starts only when every stage before it approved the revision under review.

        Wagtail resumes a sent-back work at the stage that sent it back; the creator's changed text
        then goes back to the first stage that has not approved it (初审 for any change), so 初审,
        the experts and 终审 all read the text that is published.
        """
        first_open = workflow_state.get_next_task()
        if first_open is not None and first_open.pk != self.pk:
            return first_open.specific.start(workflow_state, user=user)
        return super().start(workflow_state, user=user)

    def current_task_state(self, obj):
        state = memo.current_task_state(obj)  # Wagtail asks for it a dozen times per admin page
        if state is not None and state.task_id == self.pk and state.status == TaskState.STATUS_IN_PROGRESS:
            return state.specific
        return None

    def get_actions(self, obj, user):
        from review import rules

        task_state = self.current_task_state(obj)
        if task_state is None:
            return []
        return rules.available_actions(user, task_state)

    def on_action(self, task_state, user, action_name, **kwargs):
        from review import decisions

        return decisions.act(task_state, user, action_name, **kwargs)

    def get_form_for_action(self, action):
        from review import forms as review_forms

        return review_forms.action_form(self.stage, action)

    def locked_for_user(self, obj, user):
        from review import rules

        memo.read_workflow_state_once(obj)  # the first of Wagtail's questions about this page
        return rules.locked_for(user, self, obj)

    def user_can_access_editor(self, obj, user):
        from review import rules

        task_state = self.current_task_state(obj)
        return task_state is not None and rules.may_see(user, task_state)

    def user_can_lock(self, obj, user):
        return False

    def user_can_unlock(self, obj, user):
        return False

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from review import rules

        return rules.task_states_for(user, self)


class GroupStageTask(StageTaskMixin, AbstractGroupApprovalTask):
    """A stage taken by any member of its groups (初审, 终审), with a deadline."""

    deadline_days = models.PositiveSmallIntegerField(_("期限(天)"), default=2)
    admin_form_fields = [*AbstractGroupApprovalTask.admin_form_fields, "deadline_days"]

    class Meta:
        abstract = True


class EditorialReviewTask(GroupStageTask):
    """初审: an editor checks completeness, originality, form and compliance."""

    stage = Stage.EDITORIAL

    class Meta:
        verbose_name = _("初审")
        verbose_name_plural = _("初审")

    @classmethod
    def get_description(cls):
        return _("责任编辑检查稿件的完整性、原创性、形式和合规性;通过需逐项勾选检查清单。")


class ExpertReviewTaskState(TaskState):
    class Meta:
        verbose_name = _("科学性审核状态")
        verbose_name_plural = _("科学性审核状态")


class ExpertReviewTask(StageTaskMixin, Task):
    """科学性审核: assigned experts give structured opinions; a quorum of approvals passes the stage."""

    stage = Stage.EXPERT
    coordinator_groups = models.ManyToManyField(
        Group, verbose_name=_("负责指派专家的用户组"), related_name="+", help_text=_("通常是责任编辑。")
    )
    quorum = models.PositiveSmallIntegerField(
        _("通过所需专家人数"),
        default=2,
        validators=[MinValueValidator(1)],
        help_text=_("至少一人;学科可以要求更多(见学科设置)。"),
    )
    deadline_days = models.PositiveSmallIntegerField(_("期限(天)"), default=7)
    fast_track = models.BooleanField(
        _("应急快速通道"), default=False, help_text=_("发布后 72 小时内须由第二位专家复核。")
    )

    admin_form_fields = [
        *Task.admin_form_fields,
        "coordinator_groups",
        "quorum",
        "deadline_days",
        "fast_track",
    ]
    admin_form_widgets = {"coordinator_groups": forms.CheckboxSelectMultiple}
    task_state_class = ExpertReviewTaskState

    class Meta:
        verbose_name = _("科学性审核")
        verbose_name_plural = _("科学性审核")

    @classmethod
    def get_description(cls):
        return _("编辑按学科指派专家;达到法定人数的专家同意即通过,任何一位专家要求修改即退回作者。")

    def start(self, workflow_state, user=None):
        from review import decisions

        task_state = super().start(workflow_state, user=user)
        if task_state.task_id == self.pk:  # not when an earlier stage started instead
            decisions.carry_over_assignments(task_state)
        return task_state

    def on_action(self, task_state, user, action_name, **kwargs):
        # Assigning experts and giving an opinion have pages of their own (suggestions, diffs,
        # the structured form); the rules are checked again there.
        from review import rules

        rules.require(user, task_state, action_name)
        return reverse(f"review:{action_name}", args=[task_state.pk])

    def get_form_for_action(self, action):
        return None


class FinalReviewTask(GroupStageTask):
    """终审: the chief editor signs off; only this stage publishes."""

    stage = Stage.FINAL

    class Meta:
        verbose_name = _("终审")
        verbose_name_plural = _("终审")

    @classmethod
    def get_description(cls):
        return _("总编签发;只有终审通过才会发布。")
