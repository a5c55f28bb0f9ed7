"""Send the weekly digest: by default last week's (Monday to Sunday, site time), to every confirmed
subscriber who has not had it. Safe to rerun: nobody gets the same issue twice (sending.py).

Run weekly from cron, e.g. on Monday morning (docs/channels.md). Exits 1 when a send failed or a
delivery is uncertain, so cron's mail reports it.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from channels.digest.period import Week
from channels.digest.sending import send_issue
from channels.digest.tasks import send_weekly_digest


class Command(BaseCommand):
    help = "Send the weekly e-mail digest of new and corrected works (last complete week by default)."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--week", help="The ISO week to send, e.g. 2026-W10.")
        which.add_argument("--date", help="Send the week containing this date (YYYY-MM-DD).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would receive it; send and record nothing."
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the job to the django-tasks backend (send_weekly_digest) instead of running it here.",
        )

    def handle(self, *args, week=None, date=None, dry_run=False, enqueue=False, **options):
        chosen = self._week(week, date)
        if enqueue:
            result = send_weekly_digest.enqueue(chosen.label, dry_run)
            if not result.is_finished:
                self.stdout.write(f"Digest job queued: {result.id}")
                return
            if result.errors:
                raise CommandError(f"Digest job failed:\n{result.errors[-1].traceback.strip()}")
            self.stdout.write(f"Digest job finished: {result.return_value}")
            return
        report = send_issue(chosen, dry_run=dry_run)
        for line in report.lines():
            self.stdout.write(line)
        if report.failed or report.uncertain:
            raise CommandError(f"digest {report.issue}: see the lines above", returncode=1)

    def _week(self, week, date):
        try:
            if week:
                return Week.parse(week)
            if date:
                return Week.containing(datetime.date.fromisoformat(date))
        except ValueError as error:
            raise CommandError(str(error)) from error
        return Week.last_complete()
