"""Cross-origin reads: which web pages elsewhere may call the API from a browser.

`settings.PORTAL_API_CORS_ORIGINS` lists them ("https://kepu.example.cn"), or holds "*" for any;
empty (the default) sends no CORS header at all, so browsers keep other sites out. Only GET is ever
allowed across origins; apps, mini-programs and servers are not browsers and need none of this.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

ALLOWED_METHODS = "GET"
ALLOWED_HEADERS = "Accept, Accept-Language, Content-Type"
PREFLIGHT_MAX_AGE = "600"


def _origins():
    return [origin.rstrip("/") for origin in getattr(settings, "PORTAL_API_CORS_ORIGINS", [])]


def allowed_origin(request):
    """The value of Access-Control-Allow-Origin for this request, or None."""
    origins, origin = _origins(), request.headers.get("Origin", "")
    if not origins or not origin:
        return None
    if "*" in origins:
        return "*"
    return origin if origin.lower() in {o.lower() for o in origins} else None


def add_headers(request, response):
    origins = _origins()
    if not origins:
        return response
    if "*" not in origins:
        # The answer depends on who asks: shared caches must keep one copy per origin.
        patch_vary_headers(response, ["Origin"])
    if allowed := allowed_origin(request):
        response["Access-Control-Allow-Origin"] = allowed
        response["Access-Control-Expose-Headers"] = "Retry-After"
    return response


def preflight(request):
    """The answer to OPTIONS: the methods any client may use; the CORS permissions only for an allowed
    origin (without them the browser does not send the real request)."""
    response = HttpResponse(status=204)
    response["Allow"] = "GET, HEAD, OPTIONS"
    if allowed_origin(request) and request.headers.get("Access-Control-Request-Method"):
        response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return add_headers(request, response)
