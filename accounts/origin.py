"""Whether a POST comes from this site's own pages: the check Django's CSRF middleware makes before
the token (Origin, else Referer, against the host and CSRF_TRUSTED_ORIGINS). For the few forms on
publicly cached pages that carry no token, so that the pages stay cacheable: the reader-mode switch
(home/reader_modes.py) and 这篇有帮助吗 (outreach/supervision/helpful.py)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.http import is_same_domain


def sent_from_this_site(request):
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        referer = urlsplit(request.META.get("HTTP_REFERER", ""))
        origin = f"{referer.scheme}://{referer.netloc}" if referer.scheme and referer.netloc else ""
    if not origin or origin == "null":
        return False
    if origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS:
        return True
    parsed = urlsplit(origin)
    return any(
        is_same_domain(parsed.netloc, trusted.netloc[1:])  # "*.example.org" → ".example.org"
        for trusted in map(urlsplit, settings.CSRF_TRUSTED_ORIGINS)
        if trusted.netloc.startswith("*") and trusted.scheme == parsed.scheme
    )
