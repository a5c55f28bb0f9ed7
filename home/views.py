"""Site-wide answers of the front door that are not pages."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.cache import cache_control


@cache_control(public=True, max_age=60 * 60 * 24)
def robots_txt(request):
    """Crawlers: the public pages and the sitemap, not the admin, the creator portal or search."""
    context = {
        "language_prefixes": [code for code, _name in settings.LANGUAGES],
        "sitemap_url": request.build_absolute_uri("/sitemap.xml"),
    }
    return render(request, "home/robots.txt", context, content_type="text/plain; charset=utf-8")
