"""What every URL under /api/v1/ does before and after its view: it is read-only, in Chinese, cacheable
for a minute, and open across origins only as configured.

- GET and HEAD reach the view; OPTIONS is answered here (CORS preflight); any other method is
  refused with 405 before anything else runs — there is no write operation to reach.
- The API has no language prefix: the view runs in settings.LANGUAGE_CODE (zh-hans), whatever the
  client's Accept-Language, so the listings' locale gate picks the Chinese pages and errors speak
  Chinese.
- A 404 stays a JSON 404 (portal.middleware keeps LocaleMiddleware from redirecting it).
- Answers that any reader may get (200, 404, 410) may be cached by browsers and proxies for
  `settings.PORTAL_API_MAX_AGE` seconds; nothing is cached on the server, so a retraction takes
  effect at the next request that reaches it.
"""

from functools import wraps

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.utils.cache import patch_cache_control

from . import cors, errors

CACHEABLE = {200, 404, 410}
DEFAULT_MAX_AGE = 60


def read_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            response = _answer(view, request, *args, **kwargs)
        return cors.add_headers(request, response)

    # Nothing here changes state, and a write answers 405 on every path, CSRF token or not (ninja's
    # own views are exempt already; the index and the catch-all would otherwise answer 403).
    wrapper.csrf_exempt = True
    return wrapper


def _answer(view, request, *args, **kwargs):
    if request.method == "OPTIONS":
        return cors.preflight(request)
    if request.method not in ("GET", "HEAD"):
        return errors.method_not_allowed()
    head = request.method == "HEAD"
    if head:
        request.method = "GET"  # the operations are declared for GET only
    try:
        response = view(request, *args, **kwargs)
    except Http404:
        response = errors.not_found()
    if head:
        request.method = "HEAD"
        response.content = b""
    if response.status_code in CACHEABLE:
        patch_cache_control(
            response, public=True, max_age=getattr(settings, "PORTAL_API_MAX_AGE", DEFAULT_MAX_AGE)
        )
    return response
