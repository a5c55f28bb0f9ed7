"""A small cache-based limiter for login and registration: per account and per address."""

from django.core.cache import cache

WINDOW_SECONDS = 15 * 60


def _key(scope, value):
    return f"throttle:{scope}:{value}"


def too_many(scope, value, limit):
    """True once `value` has failed `limit` times in the window (the window restarts on expiry)."""
    return cache.get(_key(scope, value), 0) >= limit


def record_failure(scope, value):
    key = _key(scope, value)
    if not cache.add(key, 1, timeout=WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=WINDOW_SECONDS)


def reset(scope, value):
    cache.delete(_key(scope, value))


def client_address(request):
    # Behind the production proxy, REMOTE_ADDR is the proxy; deployments set it from the trusted header.
    return request.META.get("REMOTE_ADDR", "unknown")
