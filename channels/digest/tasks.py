"""The weekly digest as a django-tasks job. django-tasks has no scheduler: production enqueues it
once a week from cron through `manage.py send_digest` (docs/channels.md)."""

from django_tasks import task

from .period import Week
from .sending import send_issue


class DigestStopped(RuntimeError):
    """A hand-off failed: the job is marked failed; a rerun sends the rest."""


@task()
def send_weekly_digest(week="", dry_run=False):
    """Send the digest of `week` ("2026-W10"; by default the last complete week). Returns the report."""
    chosen = Week.parse(week) if week else Week.last_complete()
    report = send_issue(chosen, dry_run=dry_run)
    if report.failed:
        raise DigestStopped("\n".join(report.lines()))
    return report.as_dict()
