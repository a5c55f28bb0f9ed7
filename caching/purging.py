"""Purging: a change records the URLs it affects (PendingPurge, in the change's own transaction); once
it commits they leave the page cache at once, and a job sends them to every front-cache backend of
WAGTAILFRONTENDCACHE. A backend that fails (the purge endpoint down, a CDN error) leaves its URLs
recorded with a later attempt time — 10 s, 20 s, 40 s … at most an hour apart — for the next job run
or `manage.py purge_pending`; the publish itself never fails for it.
"""

import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from wagtail.contrib.frontend_cache.utils import get_backends

from . import pagecache
from .conf import setting
from .models import PendingPurge

logger = logging.getLogger(__name__)

BATCH = 500


def schedule(urls, reason=""):
    """Record `urls` for purging and start the job when the current transaction commits."""
    urls = list(dict.fromkeys(url for url in urls if url))
    if not urls:
        return
    now = timezone.now()
    reason = reason[:100]
    PendingPurge.objects.bulk_create(
        [PendingPurge(url=url[:1000], reason=reason, next_attempt_at=now) for url in urls],
        update_conflicts=True,
        unique_fields=["url"],
        update_fields=["reason", "next_attempt_at"],
    )
    transaction.on_commit(lambda: after_commit(urls), robust=True)


def after_commit(urls):
    """The page cache at once, in this process (every app server reads the same Redis, so the next
    request anywhere is fresh); the front caches by the job, which a task worker runs in production
    (a purge request makes nginx ask an app server for the page, which must not wait on this one)."""
    try:
        pagecache.purge(urls)
    except Exception:  # Redis unreachable: the job purges the page cache again when it runs
        logger.warning("Page cache purge deferred to the purge job", exc_info=True)
    start_job()


def start_job():
    from .tasks import purge_pending

    try:
        purge_pending.enqueue()
    except Exception:  # the task queue unreachable: the rows stay for `manage.py purge_pending`
        logger.exception("Could not enqueue the purge job; the purges stay recorded.")


def backoff(attempts):
    return min(
        setting("PORTAL_PURGE_RETRY_BASE") * 2 ** max(attempts - 1, 0), setting("PORTAL_PURGE_RETRY_MAX")
    )


def _due(now):
    rows = PendingPurge.objects.filter(next_attempt_at__lte=now).order_by("next_attempt_at", "pk")
    if transaction.get_connection().features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True)
    return list(rows[:BATCH])


def run(now=None):
    """Send every due purge; returns (purged, failed) counts. Never raises for a backend's failure."""
    purged = failed = 0
    while True:
        with transaction.atomic():
            now = timezone.now()
            rows = _due(now)
            if not rows:
                break
            error = send([row.url for row in rows])
            if error is None:
                PendingPurge.objects.filter(pk__in=[row.pk for row in rows]).delete()
                purged += len(rows)
                continue
            _failed(rows, error, now)
            failed += len(rows)
            break
    return purged, failed


def _failed(rows, error, now):
    given_up = []
    for row in rows:
        row.attempts += 1
        row.last_error = error[:2000]
        row.next_attempt_at = now + timedelta(seconds=backoff(row.attempts))
        if row.attempts >= setting("PORTAL_PURGE_MAX_ATTEMPTS"):
            given_up.append(row.pk)
    PendingPurge.objects.bulk_update(rows, ["attempts", "last_error", "next_attempt_at"])
    logger.warning("Front-cache purge failed for %d URL(s), retried later: %s", len(rows), error)
    if given_up:
        logger.error(
            "Gave up purging %d URL(s) after %d attempts.",
            len(given_up),
            setting("PORTAL_PURGE_MAX_ATTEMPTS"),
        )
        PendingPurge.objects.filter(pk__in=given_up).delete()


def send(urls):
    """Purge `urls` from the page cache, then from every front-cache backend; the error as text, or
    None when every backend took them."""
    try:
        pagecache.purge(urls)
    except Exception as error:  # the page cache is tolerant of Redis faults; anything else is a bug
        logger.exception("Page cache purge failed")
        return f"page cache: {error}"
    for name, backend in get_backends().items():
        mine = [url for url in urls if backend.invalidates_hostname(urlsplit(url).hostname or "")]
        try:
            if mine:
                backend.purge_batch(mine)
        except Exception as error:
            return f"{name}: {error}"
    return None


def pending():
    return PendingPurge.objects.count()
