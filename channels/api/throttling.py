"""How often one address may call the API: `settings.PORTAL_API_RATE` ("120/min"; empty: no limit).

ninja's AnonRateThrottle, with two changes: the rate is read at every request (a deployment or a test
changes it without re-importing the API), and the address is REMOTE_ADDR only, as everywhere in the
portal (creators/throttle.py) — a client-supplied X-Forwarded-For would let anyone pick a fresh
address per request; behind the production proxy the deployment sets REMOTE_ADDR from the header
it trusts. ninja keeps one throttle object for all threads, so the per-request state is thread-local.
"""

import threading

from ninja.throttling import AnonRateThrottle

from django.conf import settings

DEFAULT_RATE = "120/min"


class ReaderRateThrottle(AnonRateThrottle):
    scope = "channels_api"

    def __init__(self):
        self._local = threading.local()

    def get_ident(self, request):
        return request.META.get("REMOTE_ADDR", "unknown")

    def allow_request(self, request):
        self._local.wait = None
        rate = getattr(settings, "PORTAL_API_RATE", DEFAULT_RATE)
        if not rate:
            return True
        allowed, period = self.parse_rate(rate)
        key = self.get_cache_key(request)
        if key is None:
            return True
        now = self.timer()
        history = [moment for moment in self.cache.get(key, []) if moment > now - period]
        if len(history) >= allowed:
            # The oldest request in the window leaves it first.
            self._local.wait = max(1.0, period - (now - history[-1]))
            return False
        self.cache.set(key, [now, *history], period)
        return True

    def wait(self):
        return self._local.wait
