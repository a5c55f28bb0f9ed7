"""What a front cache keeps for a page that has become someone's own.

nginx's purge (deploy/nginx.conf) refetches a URL and stores the fresh answer in place of the old
one; it cannot delete. A page that gets a password restriction answers with a password form, which
carries a CSRF token and is private, so nginx would keep serving the old, public copy — and with
`proxy_cache_use_stale updating` and background updates, keep serving it after it expires, since no
later answer is storable either. So a purge's refetch of such a page gets this stand-in instead: a
public, purgeable page that says the page needs a password and links to the same page under
`?password`, a URL no cache keeps (its answer is private). Removing the restriction purges the URL
again, and the refetch then stores the page itself.

Only the purge listener's requests carry the purge header (the public server blanks it); a reader
who sends it to an app server directly gets the same harmless stand-in.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string

from . import policy
from .backends import PURGE_HEADER


def needed(request, response, public):
    """Is this the purge's refetch of a public URL whose page now answers privately?"""
    return (
        not public
        and request.headers.get(PURGE_HEADER) == "1"
        and policy.anonymous_request(request)
        and response.status_code == 200
        and not request.GET
    )


# The page's own security headers go with the stand-in (the middleware that adds them is inside this one).
KEPT_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Content-Language",
)


def response_for(request, page_response):
    html = render_to_string("caching/password_required.html", {"page_url": request.path}, request=None)
    response = HttpResponse(html)
    for name in KEPT_HEADERS:
        if name in page_response:
            response[name] = page_response[name]
    response["X-Robots-Tag"] = "noindex"
    policy.make_public(response, policy.setting("PORTAL_CACHE_SHARED_MAX_AGE"))
    return response
