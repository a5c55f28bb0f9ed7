"""Who may keep an answer, and for how long: the one place that decides Cache-Control.

An answer is *public* (a shared cache — nginx, a CDN, the app's own page cache — may keep it) only
when all of these hold; anything else is `private, no-store`:

- a GET or HEAD, from a reader without a session or messages cookie (a logged-in user always has a
  session cookie; a reader with only `reader_mode` or `csrftoken` is still anonymous);
- not the admin, a preview, the creator portal, a form (correction report, digest subscription),
  the reader-mode switch or the documents view;
- an answer any reader may get (200, 301, 302, 404, 410), that sets no cookie, used no CSRF token and
  varies on nothing but the cookie (the caches key on `reader_mode`, the only cookie a public page
  reads), and that its view did not already mark private, no-store or no-cache (except a bare
  redirect: a login-restricted page's redirect to the login is the same for every anonymous reader).

How long: browsers `max-age=PORTAL_CACHE_BROWSER_MAX_AGE` (short: a reader's own copy is never
purged); shared caches `s-maxage=PORTAL_CACHE_SHARED_MAX_AGE` (long) for the URLs a publish purges
(caching.affected), `PORTAL_CACHE_UNPURGED_MAX_AGE` (short) for everything nobody purges — search,
later pages of a listing, combined filters, other query strings, redirects and 404s (a
view-restricted page answers an anonymous reader with a redirect to the login).
"""

import re
from urllib.parse import parse_qsl

from django.conf import settings
from django.utils.cache import cc_delim_re, patch_cache_control

from .conf import setting

PUBLIC_STATUSES = {200, 301, 302, 404, 410}
# Filter parameters of the works listings (articles.listings.FILTER_NAMES), the events index and the
# venue directory (outreach); a listing's first page under one of them is purged when a page with
# that term changes (caching.affected).
FILTERS = ("discipline", "audience", "region", "form", "campaign", "type", "league")

_LANG = r"[a-z]{2,3}(?:-[a-z]+)?"
# Paths never stored by a shared cache (the language prefix is optional: some are unprefixed).
PRIVATE_PATHS = re.compile(
    rf"^/(?:admin|django-admin|documents)/"
    rf"|^/{_LANG}/(?:creators|report|reader-mode|digest)/"
    # outreach: a requester's tracking page, one's own records, forms, sign-up and its cancellation
    rf"|^/{_LANG}/outreach/(?:requests|records|volunteers|helpful|events/\d+/(?:signup|cancel))/"
)
# Outreach's answers that are not pages but are purged when they change: an event's feeds and poster
# (caching.affected.for_event), teams and experts (caching.signals.outreach_pages_changed). Its other
# public answers (certificate checks) change without a purge: kept briefly.
OUTREACH = re.compile(rf"^/{_LANG}/outreach/")
OUTREACH_PURGED = re.compile(
    rf"^/{_LANG}/outreach/(?:events/(?:calendar\.ics|\d+\.ics|\d+/poster\.pdf)|teams/(?:[\w-]+/)?|experts/\d+/)$"
)
SEARCH_PATHS = re.compile(rf"^/{_LANG}/search/")
# Unprefixed answers that read no language from the request (the API speaks the default language;
# the sitemap and robots.txt list every language), though LocaleMiddleware adds Vary: Accept-Language.
LANGUAGE_FREE = re.compile(r"^/(?:api/|sitemap[\w-]*\.xml$|robots\.txt$)")


def anonymous_request(request):
    """A GET/HEAD from a reader with no session: the only requests a shared cache may answer."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if any(name in cookies for name in private_cookies()):
        return False
    if getattr(request, "is_preview", False):
        return False
    return not PRIVATE_PATHS.match(request.path)


def private_cookies():
    """Cookies that make a request someone's own: a session (logged-in or not) or pending messages."""
    return (settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages"))


def _cache_control_words(response):
    return {
        part.split("=", 1)[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }


def _bare_redirect(response):
    """A redirect with no body: nothing of anyone's in it. Wagtail marks its redirect of an anonymous
    reader from a login-restricted page private; a shared cache must keep it anyway, or a purge could
    not replace the page it used to show."""
    return response.status_code in (301, 302) and not response.content


def public_response(request, response):
    """May a shared cache keep this answer to this request?"""
    if not anonymous_request(request):
        return False
    if response.status_code not in PUBLIC_STATUSES or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page carries a CSRF token: a form
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if getattr(response, "streaming", False):
        return False
    if _cache_control_words(response) & {"private", "no-store", "no-cache"} and not _bare_redirect(response):
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    allowed = {"cookie", "accept-encoding"}
    if LANGUAGE_FREE.match(request.path):
        allowed.add("accept-language")
    return vary <= allowed


def purged_variant(request, response):
    """Is this URL one that a publish purges (so a shared cache may keep it long)?"""
    if response.status_code not in (200, 410) or SEARCH_PATHS.match(request.path):
        return False
    if OUTREACH.match(request.path) and not OUTREACH_PURGED.match(request.path):
        return False
    params = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    if not params:
        return True
    # A listing's first page under exactly one filter.
    return len(params) == 1 and params[0][0] in FILTERS


def shared_max_age(request, response):
    if purged_variant(request, response):
        return setting("PORTAL_CACHE_SHARED_MAX_AGE")
    return setting("PORTAL_CACHE_UNPURGED_MAX_AGE")


def make_public(response, s_maxage):
    max_age = min(setting("PORTAL_CACHE_BROWSER_MAX_AGE"), s_maxage)
    del response["Cache-Control"]
    response["Cache-Control"] = f"public, max-age={max_age}, s-maxage={s_maxage}"
    response["X-Accel-Expires"] = str(s_maxage)


def apply(request, response):
    """Set Cache-Control (and nginx's X-Accel-Expires) on the final answer; returns whether the
    answer is public."""
    if public_response(request, response):
        make_public(response, shared_max_age(request, response))
        return True
    del response["Cache-Control"]
    del response["X-Accel-Expires"]
    del response["Expires"]
    patch_cache_control(response, private=True, no_store=True)
    return False
