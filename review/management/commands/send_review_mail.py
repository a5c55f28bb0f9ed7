"""Run every few minutes (cron): send review e-mails left unsent by a crashed job or a mail server
that was down. Only unsent mails go out, so running it while a job is sending is safe."""

from django.core.management.base import BaseCommand, CommandError

from review.models import OutgoingMail
from review.notifications import MAX_ATTEMPTS, send_unsent


class Command(BaseCommand):
    help = "Send review e-mails not yet sent (each recipient gets each mail once); exit 1 if any failed."

    def handle(self, *args, **options):
        pending = OutgoingMail.objects.filter(sent_at__isnull=True)
        waiting = pending.filter(attempts__lt=MAX_ATTEMPTS).count()
        failed = send_unsent(pending)
        given_up = pending.filter(attempts__gte=MAX_ATTEMPTS).count()
        self.stdout.write(f"Review mail: {waiting - failed} sent, {failed} failed, {given_up} given up")
        if failed:
            raise CommandError(
                f"{failed} review mail(s) could not be sent; they are retried on the next run."
            )
