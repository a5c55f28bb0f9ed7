"""A Redis cache that a Redis outage cannot turn into errors: caching.redis.TolerantRedisCache.

Django's RedisCache raises on every call while Redis is down, so every page would be a 500. This one
answers as an empty cache instead (a miss, a write dropped): pages are served uncached. It logs ONE
warning when Redis goes away and one when it is back (per process, not per request), and after a
failure leaves Redis alone for RETRY_AFTER seconds (default 1) so a dead server costs no time per
request. Deletes that could not reach Redis are kept (up to 10,000 keys) and replayed when it is back,
so nothing a change invalidated during the outage comes back stale. Inside `strict()` errors are
raised instead (the purge job uses it, so a purge that could not reach Redis is retried).

    CACHES = {"default": {"BACKEND": "caching.redis.TolerantRedisCache", "LOCATION": REDIS_URL,
                          "OPTIONS": {"RETRY_AFTER": 1, "socket_connect_timeout": 0.25}}}
"""

import contextlib
import logging
import threading
import time

from redis.exceptions import RedisError

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

MAX_REPLAY = 10_000


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("RETRY_AFTER", 1))
        options.setdefault("socket_connect_timeout", 0.25)
        options.setdefault("socket_timeout", 1.0)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._down = False
        self._lost_deletes = set()
        self._local = threading.local()

    # -- the outage bookkeeping ------------------------------------------------------------------

    @contextlib.contextmanager
    def strict(self):
        """Raise Redis errors inside this block instead of hiding them."""
        self._local.strict = True
        try:
            yield
        finally:
            self._local.strict = False

    def _call(self, default, operation, *args, lost_keys=()):
        if time.monotonic() < self._down_until:
            return self._skipped(default, lost_keys, None)
        try:
            result = operation(*args)
        except RedisError as error:
            with self._lock:
                self._down_until = time.monotonic() + self.retry_after
                if not self._down:
                    self._down = True
                    logger.warning(
                        "Redis cache unreachable (%s): serving without the cache until it is back.", error
                    )
            return self._skipped(default, lost_keys, error)
        if self._down:
            self._recovered()
        return result

    def _skipped(self, default, lost_keys, error):
        if lost_keys:
            with self._lock:
                if len(self._lost_deletes) < MAX_REPLAY:
                    self._lost_deletes.update(lost_keys)
        if getattr(self._local, "strict", False):
            raise error or RedisError("Redis cache unreachable (retrying later)")
        return default

    def _recovered(self):
        with self._lock:
            if not self._down:
                return
            self._down = False
            lost, self._lost_deletes = list(self._lost_deletes), set()
        logger.warning(
            "Redis cache reachable again; %d key(s) deleted during the outage removed now.", len(lost)
        )
        if lost:
            try:
                self._cache.delete_many(lost)
            except RedisError:
                with self._lock:
                    self._lost_deletes.update(lost)

    # -- the cache API ---------------------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        lost = [self.make_and_validate_key(key, version=version)]
        return self._call(False, super().delete, key, version, lost_keys=lost)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        # A counter that cannot be read counts from nothing: throttles are lenient during an outage.
        return self._call(delta, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        lost = [self.make_and_validate_key(key, version=version) for key in keys]
        return self._call(None, super().delete_many, keys, version, lost_keys=lost)

    def clear(self):
        return self._call(False, super().clear)
