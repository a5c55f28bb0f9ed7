"""Check that every live page of a reviewed type shows content 三审 cleared; exit 1 with the list if not.

Run daily in production with --job (cron or a systemd timer): the check then runs as the
daily_live_audit background job, which e-mails the administrators about anything it finds.
"""

from django.core.management.base import BaseCommand, CommandError

from review.audit import audit_live, daily_live_audit, report_lines
from review.clearance import rebind_live_clearances


class Command(BaseCommand):
    help = "Check every live reviewed page against its 三审 clearance (exit status 1 if any fails)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--job", action="store_true", help="Run as the daily background job (e-mails administrators)."
        )
        parser.add_argument(
            "--rebind",
            action="store_true",
            help="First rebind live clearances after a change to what the digest covers (see docs/review.md).",
        )

    def handle(self, *args, job=False, rebind=False, **options):
        if rebind:
            self.stdout.write(f"Clearances rebound: {rebind_live_clearances()}")
        if job:
            result = daily_live_audit.enqueue()
            if not result.is_finished:
                self.stdout.write(f"Audit job queued: {result.id}")
                return
            count = result.return_value
            self.stdout.write(f"Audit job finished: {count} problem(s)")
        else:
            run = audit_live()
            for line in report_lines(run):
                self.stdout.write(line)
            count = len(run.problems)
        if count:
            raise CommandError(f"{count} live page(s) without a valid 三审 clearance", returncode=1)
