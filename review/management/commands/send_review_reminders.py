"""Run daily (cron, systemd timer): e-mail reminders of overdue review stages and expert opinions."""

from django.core.management.base import BaseCommand

from review.reminders import daily_reminders


class Command(BaseCommand):
    help = "Send reminders of overdue review work (runs the daily_reminders background task)."

    def handle(self, *args, **options):
        result = daily_reminders.enqueue()
        if result.is_finished:
            self.stdout.write(f"Reminders sent: {result.return_value}")
        else:
            self.stdout.write(f"Reminder job queued: {result.id}")
