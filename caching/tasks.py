"""The purge job (django-tasks): the database backend runs it in the task worker in production, the
immediate backend at once in development and tests. Failures stay recorded (caching.purging); where the
backend can defer a job, the job schedules its own retry for when the first of them is due, and
`manage.py purge_pending` (every minute from the scheduler) retries them in any case."""

import logging

from django_tasks import task

from django.utils import timezone

logger = logging.getLogger(__name__)


@task()
def purge_pending():
    from . import purging

    purged, failed = purging.run()
    if failed:
        retry_later()
    return [purged, failed]


def retry_later():
    from .models import PendingPurge

    due = PendingPurge.objects.order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first()
    if due is None or not purge_pending.get_backend().supports_defer:
        return
    try:
        purge_pending.using(run_after=max(due, timezone.now())).enqueue()
    except Exception:
        logger.exception("Could not schedule the purge retry; manage.py purge_pending will retry.")
