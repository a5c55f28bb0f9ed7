"""Site-wide answers of the front door that are not pages."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control

from articles.listings import FILTER_NAMES


@cache_control(public=True, max_age=60 * 60 * 24)
def robots_txt(request):
    """Crawlers: every public page, leaflet and feed, and the sitemap; not the admin, the API, the
    creator portal, search, the report form, the digest's subscription links, or filtered listings."""
    context = {
        "language_prefixes": [code for code, _name in settings.LANGUAGES],
        "filters": FILTER_NAMES,
        "sitemap_url": request.build_absolute_uri(reverse("sitemap")),
    }
    return render(request, "home/robots.txt", context, content_type="text/plain; charset=utf-8")
