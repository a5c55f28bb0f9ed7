"""The caching settings and their defaults (portal/settings/caching.py sets them from the environment)."""

DEFAULTS = {
    # A reader's browser keeps a page this long: never purged, so short.
    "PORTAL_CACHE_BROWSER_MAX_AGE": 60,
    # Shared caches (nginx, a CDN, the page cache) keep the URLs a publish purges this long.
    "PORTAL_CACHE_SHARED_MAX_AGE": 24 * 60 * 60,
    # … and everything nobody purges (search, later pages, combined filters, 404s) this long.
    "PORTAL_CACHE_UNPURGED_MAX_AGE": 60,
    # The app's own whole-page cache in the Django cache (for deployments without a front cache).
    "PORTAL_PAGE_CACHE": False,
    # The deployed release (PORTAL_RELEASE, e.g. the git revision): part of every page-cache key.
    "PORTAL_RELEASE": "",
    # Extra host names a purge also clears in the page cache (the site's own comes from its URL).
    "PORTAL_PAGE_CACHE_HOSTS": [],
    # Works that show a changed work among their related works: at most this many are purged.
    "PORTAL_PURGE_RELATED_LIMIT": 24,
    # A failed purge is retried after 10 s, 20 s, 40 s … at most an hour apart, this many times.
    "PORTAL_PURGE_RETRY_BASE": 10,
    "PORTAL_PURGE_RETRY_MAX": 60 * 60,
    "PORTAL_PURGE_MAX_ATTEMPTS": 50,
}


def setting(name):
    from django.conf import settings

    return getattr(settings, name, DEFAULTS[name])
