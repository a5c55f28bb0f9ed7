"""Caching: Cache-Control on every answer, the app's page cache, the Redis cache that survives a
Redis outage, and the front caches a publish purges (caching/; docs/performance.md, docs/deploy.md).

Environment:
- PAGE_CACHE=1|0 — the whole-page cache in the Django cache (default: on when REDIS_URL is set).
- CACHE_SHARED_MAX_AGE, CACHE_BROWSER_MAX_AGE, CACHE_UNPURGED_MAX_AGE — seconds (caching/conf.py).
- FRONTEND_CACHE_PURGE_URL — deploy/nginx.conf's purge listener, e.g. http://10.0.0.5:8081; with
  several nginx, each one's listener, comma-separated (every purge goes to each).
- FRONTEND_CACHE_CDN=cloudflare (CLOUDFLARE_ZONE_ID, CLOUDFLARE_API_TOKEN) or cloudfront
  (CLOUDFRONT_DISTRIBUTION_ID; AWS credentials as boto3 reads them).
- FRONTEND_CACHE_HOSTNAMES — host names the front caches serve (default: all).
- PORTAL_RELEASE — the deployed release (`make serve-production` sets the git revision): the page
  cache starts empty with each release.
"""

import os


def _env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _frontend_caches(env_list):
    backends = {}
    hostnames = env_list("FRONTEND_CACHE_HOSTNAMES") or ["*"]
    for number, purge_url in enumerate(env_list("FRONTEND_CACHE_PURGE_URL")):
        backends["nginx" if number == 0 else f"nginx{number + 1}"] = {
            "BACKEND": "caching.backends.NginxBackend",
            "LOCATION": purge_url,
            "HOSTNAMES": hostnames,
        }
    cdn = os.environ.get("FRONTEND_CACHE_CDN", "").strip().lower()
    if cdn == "cloudflare":
        backends["cdn"] = {
            "BACKEND": "caching.backends.CheckedBackend",
            "WRAPS": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": os.environ.get("CLOUDFLARE_ZONE_ID", ""),
            "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
            "HOSTNAMES": hostnames,
        }
    elif cdn == "cloudfront":
        backends["cdn"] = {
            "BACKEND": "caching.backends.CheckedBackend",
            "WRAPS": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": os.environ.get("CLOUDFRONT_DISTRIBUTION_ID", ""),
            "HOSTNAMES": hostnames,
        }
    elif cdn:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"FRONTEND_CACHE_CDN must be cloudflare or cloudfront, not {cdn!r}.")
    return backends


def configure(s):
    """`s` is base.py's globals(): append to s["MIDDLEWARE"], s["INSTALLED_APPS"] … and set names."""
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        s["CACHES"] = {
            "default": {
                "BACKEND": "caching.redis.TolerantRedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": "portal",
                "OPTIONS": {"RETRY_AFTER": 1},
            }
        }
    s["PORTAL_RELEASE"] = os.environ.get("PORTAL_RELEASE", "")
    s["PORTAL_PAGE_CACHE"] = s["env_bool"]("PAGE_CACHE", bool(redis_url))
    s["PORTAL_CACHE_SHARED_MAX_AGE"] = _env_int("CACHE_SHARED_MAX_AGE", 24 * 60 * 60)
    s["PORTAL_CACHE_BROWSER_MAX_AGE"] = _env_int("CACHE_BROWSER_MAX_AGE", 60)
    s["PORTAL_CACHE_UNPURGED_MAX_AGE"] = _env_int("CACHE_UNPURGED_MAX_AGE", 60)
    s["WAGTAILFRONTENDCACHE"] = _frontend_caches(s["env_list"])
    # Outside everything but SecurityMiddleware: it must see the session, CSRF and messages cookies
    # on the answer, and it stores the headers the middleware inside it add (a CSP nonce, if any,
    # matches the stored page); a hit costs no other middleware. Static files pass on to WhiteNoise.
    middleware = s["MIDDLEWARE"]
    middleware.insert(
        middleware.index("whitenoise.middleware.WhiteNoiseMiddleware"),
        "caching.middleware.CacheMiddleware",
    )
