"""`manage.py purge_account_counters`: drop spent rate counters (registration, password reset …)
and axes' expired failures; run daily from the scheduler (docs/security.md)."""

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts import throttle


class Command(BaseCommand):
    help = "Drop spent sign-in and registration counters."

    def handle(self, *args, **options):
        counters = throttle.purge_expired()
        attempts, _ = AccessAttempt.objects.filter(
            attempt_time__lt=timezone.now() - settings.AXES_COOLOFF_TIME
        ).delete()
        AxesProxyHandler.reset_logs(age_days=90)
        self.stdout.write(f"Dropped {counters} spent counters and {attempts} expired sign-in failures.")
