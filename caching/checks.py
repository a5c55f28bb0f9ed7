"""A deployment check: production needs a cache shared by every app server process."""

from django.conf import settings
from django.core import checks

PER_PROCESS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """With a per-process cache, each gunicorn worker keeps its own menus, listing counts and page
    cache, and a change made through one process is not seen by the others until their entries
    expire (visibility itself is read from the database, so nothing private is shown)."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in PER_PROCESS:
        return []
    return [
        checks.Warning(
            "The cache is kept per process: app server processes do not share it.",
            hint="Set REDIS_URL (docs/deploy.md) so that every app server reads one cache.",
            id="caching.W001",
        )
    ]
