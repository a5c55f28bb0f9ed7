"""Daily reminders of overdue review work: a django-tasks job, run by `manage.py send_review_reminders`."""

import datetime

from django_tasks import task

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import TaskState

from . import notifications
from .models import ExpertAssignment, ReviewAction, ReviewOpinion, Stage

# A reminder is sent at most once per this interval for the same item.
REMIND_EVERY = datetime.timedelta(hours=20)


def stage_due(task_state):
    return task_state.started_at + datetime.timedelta(days=task_state.task.specific.deadline_days)


def overdue_stages(now):
    """In-progress 初审/终审 task states past their stage deadline, and 科学性审核 ones with no expert yet."""
    late = []
    for task_state in TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).select_related("task"):
        task = task_state.task.specific
        stage = getattr(task, "stage", None)
        if stage is None or stage_due(task_state) >= now:
            continue
        if stage == Stage.EXPERT and task_state.expert_assignments.exists():
            continue  # the experts are reminded one by one
        late.append(task_state)
    return late


def overdue_assignments(now):
    late = ExpertAssignment.objects.filter(due_at__lt=now, task_state__status=TaskState.STATUS_IN_PROGRESS)
    answered = set(
        ReviewOpinion.objects.filter(task_state__in=late.values("task_state")).values_list(
            "task_state_id", "expert_id"
        )
    )
    return [
        assignment
        for assignment in late.select_related("expert__user", "task_state")
        if (assignment.task_state_id, assignment.expert_id) not in answered
    ]


def _stage_people(task_state):
    task = task_state.task.specific
    groups = task.coordinator_groups.all() if task.stage == Stage.EXPERT else task.groups.all()
    return get_user_model().objects.filter(groups__in=groups).distinct()


def send_reminders(now=None):
    """Remind experts of late opinions and stage groups of late stages. Returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    for assignment in overdue_assignments(now):
        if assignment.reminded_at and now - assignment.reminded_at < REMIND_EVERY:
            continue
        work = assignment.task_state.workflow_state.content_object.specific
        notifications.overdue(
            _("审核已逾期：《%(title)s》") % {"title": work.title},
            _("您对《%(title)s》的科学性审核已于 %(due)s 到期，请尽快提交意见；如无法完成，请告知编辑。")
            % {"title": work.title, "due": notifications.local_time(assignment.due_at)},
            [assignment.expert.user],
        )
        ExpertAssignment.objects.filter(pk=assignment.pk).update(reminded_at=now)
        sent += 1
    for task_state in overdue_stages(now):
        recent = ReviewAction.objects.filter(
            task_state=task_state, action="remind", created_at__gte=now - REMIND_EVERY
        ).exists()
        if recent:
            continue
        work = task_state.workflow_state.content_object.specific
        task = task_state.task.specific
        notifications.overdue(
            _("%(stage)s已逾期：《%(title)s》") % {"stage": task.get_verbose_name(), "title": work.title},
            _("《%(title)s》在%(stage)s环节已超过 %(days)s 天期限，请尽快处理。")
            % {"title": work.title, "stage": task.get_verbose_name(), "days": task.deadline_days},
            _stage_people(task_state),
        )
        from .decisions import log

        log(task_state, None, "remind", data={"due": stage_due(task_state).isoformat()})
        sent += 1
    return sent + remind_follow_ups(now)


def overdue_follow_ups(now):
    from .models import CaseOrigin, CorrectionCase
    from .models.corrections import CLOSED

    return list(
        CorrectionCase.objects.filter(origin=CaseOrigin.FAST_TRACK, due_at__lt=now)
        .exclude(status__in=CLOSED)
        .select_related("page")
    )


def remind_follow_ups(now):
    from .notifications import _case_handlers

    sent = 0
    for case in overdue_follow_ups(now):
        recent = ReviewAction.objects.filter(
            stage="correction", action="remind", data__case=case.pk, created_at__gte=now - REMIND_EVERY
        ).exists()
        if recent:
            continue
        notifications.overdue(
            _("应急科普复核已逾期：《%(title)s》") % {"title": case.page.title},
            _("《%(title)s》经应急快速通道发布，第二位专家的复核已超过 72 小时期限，请立即处理。")
            % {"title": case.page.title},
            _case_handlers(),
        )
        ReviewAction.objects.create(
            page_id=case.page_id,
            page_title=case.page.title[:255],
            stage="correction",
            action="remind",
            data={"case": case.pk},
        )
        sent += 1
    return sent


@task()
def daily_reminders():
    return send_reminders()
