"""manage.py remind_dispatch: mail the expert and the administrators about each overdue service request,
once per deadline (cron, e.g. every morning)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from outreach.dispatch import transitions
from outreach.dispatch.models import ServiceRequest


class Command(BaseCommand):
    help = "Mail reminders for overdue service requests (each deadline once)."

    def handle(self, *args, **options):
        now = timezone.now()
        sent = 0
        overdue = ServiceRequest.objects.overdue(now).filter(reminded_at__isnull=True)
        for service_request in overdue.select_related("expert__user", "region__parent"):
            reasons = service_request.overdue_reasons(now)
            if reasons and transitions.remind(service_request.pk, reasons) is not None:
                sent += 1
        self.stdout.write(f"remind_dispatch: {sent} reminder(s) sent")
