"""Figures for the review report (督查): where works are, what is late, how long stages take."""

import statistics

from django.db.models import Count, Q
from django.utils import timezone

from wagtail.models import TaskState, WorkflowState

from .models import ExpertProfile, LiveAudit, Stage
from .reminders import overdue_assignments, overdue_stages


def _stage_of(task_state):
    return getattr(task_state.task.specific, "stage", None)


def review_report(now=None):
    now = now or timezone.now()
    in_progress = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).select_related("task")
    by_stage = dict.fromkeys(Stage, 0)
    for task_state in in_progress:
        if stage := _stage_of(task_state):
            by_stage[Stage(stage)] += 1
    durations = {stage: [] for stage in Stage}
    finished = TaskState.objects.filter(
        status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED], finished_at__isnull=False
    ).select_related("task")
    for task_state in finished:
        if stage := _stage_of(task_state):
            durations[Stage(stage)].append(
                (task_state.finished_at - task_state.started_at).total_seconds() / 3600
            )
    experts = ExpertProfile.objects.annotate(
        opinions_total=Count("opinions"),
        approved=Count("opinions", filter=Q(opinions__verdict="approve")),
        revise=Count("opinions", filter=Q(opinions__verdict="revise")),
        rejected=Count("opinions", filter=Q(opinions__verdict="reject")),
    ).order_by("-opinions_total", "name")
    return {
        "stages": [
            {
                "stage": stage,
                "in_progress": by_stage[stage],
                "finished": len(durations[stage]),
                "median_hours": round(statistics.median(durations[stage]), 1) if durations[stage] else None,
            }
            for stage in Stage
        ],
        "needs_changes": WorkflowState.objects.filter(status=WorkflowState.STATUS_NEEDS_CHANGES).count(),
        "overdue_stages": overdue_stages(now),
        "overdue_assignments": overdue_assignments(now),
        "experts": experts,
        # The live-content auditor's last run (manage.py audit_live, daily in production).
        "live_audit": LiveAudit.objects.order_by("-started_at").first(),
    }
