"""The public read-only API under /api/v1/ (see channels/api/api.py for why it is our own).

Every URL, ninja's and ours, goes through readonly.read_only (methods, language, caching, CORS); a
path under /api/v1/ that names nothing answers a JSON 404 rather than the site's HTML page.
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import URLPattern, include, path, re_path, reverse

from . import errors
from .api import EXTRA_LISTINGS, api
from .readonly import read_only


def index(request):
    """/api/v1/: where everything is (ninja's own root only points to the docs, by raising 404)."""
    urls = {
        "works": reverse("channels_api:works"),
        "news": reverse("channels_api:news"),
        "taxonomies": reverse("channels_api:taxonomies"),
        **{name: reverse(f"channels_api:{name}") for name in EXTRA_LISTINGS},
        "openapi": reverse("channels_api:openapi-json"),
    }
    if getattr(settings, "PORTAL_API_DOCS", True):
        urls["docs"] = reverse("channels_api:openapi-view")
    body = {"title": api.title, "version": api.version}
    body.update({name: request.build_absolute_uri(url) for name, url in urls.items()})
    return HttpResponse(errors.dumps(body), content_type="application/json")


def docs_page(view):
    """The interactive docs page, unless settings.PORTAL_API_DOCS turns it off (openapi.json stays)."""

    def gated(request, *args, **kwargs):
        if not getattr(settings, "PORTAL_API_DOCS", True):
            return errors.not_found()
        return view(request, *args, **kwargs)

    return gated


def unknown(request, rest=""):
    return errors.not_found()


def _patterns():
    patterns, app_name, namespace = api.urls
    wrapped = []
    for pattern in patterns:
        view = pattern.callback
        if pattern.name == "api-root":
            view = index
        elif pattern.name == "openapi-view":
            view = docs_page(view)
        wrapped.append(URLPattern(pattern.pattern, read_only(view), pattern.default_args, pattern.name))
    # Only paths ending in "/": /api/v1/works still gets CommonMiddleware's redirect to /api/v1/works/.
    wrapped.append(re_path(r"^(?P<rest>.*/)$", read_only(unknown)))
    return wrapped, app_name, namespace


_urls, _app_name, _namespace = _patterns()
urlpatterns = [path("", include((_urls, _app_name), namespace=_namespace))]
