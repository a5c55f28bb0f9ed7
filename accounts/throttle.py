"""Rate counters kept in the database, so every app server counts the same requests: registration,
password reset and the creator portal's other limits. (Sign-in failures are counted by axes,
accounts/lockout.py.)"""

import hashlib
import ipaddress
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import ThrottleCounter

WINDOW = timedelta(minutes=15)


def _hashed(value):
    # Counters name their source by a keyed hash: the table holds no e-mail or IP address.
    material = f"{settings.SECRET_KEY}:{str(value).strip().lower()}"
    return hashlib.sha256(material.encode()).hexdigest()


def too_many(scope, value, limit, window=WINDOW):
    """True once `value` has been counted `limit` times in the current window."""
    since = timezone.now() - window
    return ThrottleCounter.objects.filter(
        scope=scope, key=_hashed(value), window_started_at__gte=since, count__gte=limit
    ).exists()


def record(scope, value, window=WINDOW):
    now = timezone.now()
    with transaction.atomic():
        counter, created = ThrottleCounter.objects.select_for_update().get_or_create(
            scope=scope, key=_hashed(value), defaults={"count": 1, "window_started_at": now}
        )
        if created:
            return
        if counter.window_started_at < now - window:
            counter.count, counter.window_started_at = 1, now
        else:
            counter.count = F("count") + 1
        counter.save(update_fields=["count", "window_started_at"])


def reset(scope, value):
    ThrottleCounter.objects.filter(scope=scope, key=_hashed(value)).delete()


def purge_expired(window=WINDOW):
    """Drop counters whose window has run out (they count nothing any more)."""
    return ThrottleCounter.objects.filter(window_started_at__lt=timezone.now() - window).delete()[0]


def client_address(request, *args):
    """The address a request came from: REMOTE_ADDR, unless that is a trusted proxy
    (PORTAL_TRUSTED_PROXIES: the nginx in front, 127.0.0.1 by default), then the right-most address
    of X-Forwarded-For that is not one: the one the proxy itself saw. Entries further left are
    whatever the client typed and are never believed. None when there is no address (a request
    made in code)."""
    remote = _valid(request.META.get("REMOTE_ADDR"))
    trusted = set(getattr(settings, "PORTAL_TRUSTED_PROXIES", ()))
    if remote is None or remote not in trusted:
        return remote
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _valid(entry)
        if address is None:
            return remote  # a malformed entry appended by the proxy chain: believe nothing past it
        if address not in trusted:
            return address
    return remote


def _valid(text):
    try:
        return str(ipaddress.ip_address((text or "").strip()))
    except ValueError:
        return None


def limited_and_counted(checks, window=WINDOW):
    """Count one request against every (scope, value, limit) in `checks`; True if any was already
    at its limit. Every request counts, so a refusal tells nothing the next try would not."""
    limited = any(too_many(scope, value, limit, window) for scope, value, limit in checks)
    for scope, value, _limit in checks:
        record(scope, value, window)
    return limited
