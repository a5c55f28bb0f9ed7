"""The app's own whole-page cache, in the Django cache (Redis in production), for deployments
without a front cache.

Only what caching.policy calls public is stored: an anonymous GET (no session or messages cookie)
whose answer sets no cookie, carries no CSRF token and is not private — so no one's own page is ever
stored, and a request that could be someone's (a session cookie) never reads the cache. The key is
the site's host name, the reader mode (the `reader_mode` cookie: standard or elder) and the path with
its query string, which starts with the language prefix. Entries live as long as the answer's
s-maxage, and a publish deletes the same URLs it purges from the front cache (caching.purging).
"""

import contextlib
import hashlib
import logging
from urllib.parse import urlsplit

from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse

from .conf import setting

logger = logging.getLogger(__name__)

READER_MODE_COOKIE = "reader_mode"
READER_MODES = ("standard", "elder")
HIT_HEADER = "X-Page-Cache"


def enabled():
    return bool(setting("PORTAL_PAGE_CACHE"))


def _cache():
    return caches["default"]


def reader_mode(cookies):
    return "elder" if cookies.get(READER_MODE_COOKIE) == "elder" else "standard"


def key(host, mode, path_and_query):
    """The release is in the key: pages stored by the previous release (its templates, its headers)
    are never served by the next one, which starts with an empty page cache."""
    host = host.lower().rsplit(":", 1)[0] if not host.startswith("[") else host.lower()
    digest = hashlib.sha256(path_and_query.encode()).hexdigest()[:32]
    return f"page:v1:{setting('PORTAL_RELEASE')}:{host}:{mode}:{digest}"


def _request_key(request):
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    return key(host, reader_mode(request.COOKIES), request.get_full_path())


def fetch(request):
    """The stored answer to this (anonymous, public) request, or None."""
    cache_key = _request_key(request)
    if cache_key is None:
        return None
    stored = _cache().get(cache_key)
    if stored is None:
        return None
    status, headers, content = stored
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
    for name, value in headers:
        response[name] = value
    response[HIT_HEADER] = "hit"
    return response


def store(request, response, timeout):
    cache_key = _request_key(request)
    if cache_key is None or timeout <= 0:
        return
    headers = [(k, v) for k, v in response.items() if k.lower() not in ("content-length", HIT_HEADER.lower())]
    _cache().set(cache_key, (response.status_code, headers, response.content), timeout)
    response[HIT_HEADER] = "miss"


def keys_for(urls, hosts=()):
    """Every key under which any of these absolute URLs may be stored: both reader modes, the URL's
    own host and the extra ones (PORTAL_PAGE_CACHE_HOSTS)."""
    extra = [*hosts, *setting("PORTAL_PAGE_CACHE_HOSTS")]
    found = []
    for url in urls:
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        for host in {parts.netloc, *extra}:
            found.extend(key(host, mode, path) for mode in READER_MODES)
    return found


def purge(urls):
    """Delete these URLs from the page cache (a no-op when the page cache is off)."""
    if not enabled() or not urls:
        return
    cache = _cache()
    # A tolerant Redis cache (caching.redis) raises here rather than hide an outage: the purge is retried.
    strict = cache.strict() if hasattr(cache, "strict") else contextlib.nullcontext()
    with strict:
        cache.delete_many(keys_for(urls))
