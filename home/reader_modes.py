"""Reader modes: the elder-friendly mode (长辈模式, 适老化) a reader switches on in the header.

The choice lives in one cookie, `reader_mode`, so it works without JavaScript and without a
session, and a page differs only by that cookie: a front cache keys on its value (docs/readers.md).

The switch is a POST without a CSRF token. A token in the header of every page would give every
anonymous page a Set-Cookie and HTML that differs per reader, which no front cache may store (and
a cached token would be refused for the next reader). Instead the request must come from this
site's own pages: its Origin (or, without one, its Referer) must be this site or a trusted origin,
which is the check Django's CSRF middleware makes before the token. A forged cross-site POST
could at most change how large the letters are, and even that is refused."""

from django.http import HttpResponseBadRequest, HttpResponseForbidden, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.origin import sent_from_this_site

COOKIE = "reader_mode"
ELDER = "elder"
STANDARD = "standard"
ONE_YEAR = 365 * 24 * 60 * 60

# mode → classes on <body>; the standard mode has none.
BODY_CLASSES = {ELDER: "mode-elder"}


def reader_mode(request):
    """The reader's chosen mode; anything but a known value in the cookie is the standard mode."""
    value = request.COOKIES.get(COOKIE)
    return value if value in BODY_CLASSES else STANDARD


def reader_mode_context(request):
    """Context processor: reads the cookie only (no query, no session)."""
    mode = reader_mode(request)
    return {"reader_modes": BODY_CLASSES.get(mode, ""), "elder_mode": mode == ELDER}


@csrf_exempt  # checked by origin instead: see the module's docstring
@require_POST
def switch_mode(request):
    """Sets or clears the cookie and sends the reader back to the page they were reading."""
    if not sent_from_this_site(request):
        return HttpResponseForbidden(
            _("请在本站页面上切换阅读模式。"), content_type="text/plain; charset=utf-8"
        )
    mode = request.POST.get("mode")
    if mode not in (ELDER, STANDARD):
        return HttpResponseBadRequest(_("未知的阅读模式。"), content_type="text/plain; charset=utf-8")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = f"/{get_language()}/"
    response = HttpResponseRedirect(target, status=303)  # See Other: the browser GETs the page
    if mode == ELDER:
        response.set_cookie(
            COOKIE, ELDER, max_age=ONE_YEAR, samesite="Lax", httponly=True, secure=request.is_secure()
        )
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response
