"""Security headers: the Content Security Policy (django-csp 4), Permissions-Policy, COOP, and the
Django admin switch. HTTPS-only headers (HSTS, secure cookies) are in production.py.

Public pages are cached whole (a front cache and the app cache), so they carry no inline script or
style and their policy names no nonce: a cached nonce would be the same for every reader. The nonce
in script-src is used only by pages that read `request.csp_nonce` (never cached ones: the creator
portal), and django-csp leaves it out of the header of every page that did not read it.
"""

import os

from csp.constants import NONCE, NONE, SELF

REPORT_URI = "/csp-report/"


def _origins(value):
    return [item.strip() for item in value.split(",") if item.strip()]


def configure(s):
    """`s` is base.py's globals()."""
    # The upload storage's own origin (S3, a custom domain) is added by portal/csp.py from its URLs;
    # any other origin uploads come from: CSP_MEDIA_ORIGINS="https://cdn.example.cn,…".
    media = _origins(os.environ.get("CSP_MEDIA_ORIGINS", ""))

    # The public site (/zh-hans/…, /mn/…) and the creator portal: enforced.
    s["CONTENT_SECURITY_POLICY"] = {
        # The Wagtail admin and the Django admin have inline scripts: report-only there (below).
        "EXCLUDE_URL_PREFIXES": ("/admin/", "/django-admin/"),
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF, NONCE],
            # No inline <style> and no style="…" attribute on any public page: the few rules that
            # were inline moved to portal.css (docs: Headers and CSP).
            "style-src": [SELF],
            # The venue map's tiles come from the tile server the deployment names (settings/outreach.py).
            "img-src": [SELF, "data:", *media, *s.get("MAP_TILE_ORIGINS", [])],
            "media-src": [SELF, *media],
            "font-src": [SELF],
            "connect-src": [SELF],
            "object-src": [NONE],
            "base-uri": [NONE],
            "frame-src": [NONE],
            "frame-ancestors": [NONE],
            "form-action": [SELF],
            "report-uri": [REPORT_URI],
        },
    }
    # Answers that are not HTML pages (portal/csp.py picks by Content-Type).
    s["PORTAL_CSP_DATA_DIRECTIVES"] = {  # JSON, XML (feeds, sitemap), plain text: nothing runs
        "default-src": [NONE],
        "frame-ancestors": [NONE],
        "report-uri": [REPORT_URI],
    }
    # PDF, video, audio, pictures, downloads: Chrome shows a PDF through an <embed> governed by the
    # PDF's own policy (crbug.com/271452), so object-src and style-src would blank it.
    s["PORTAL_CSP_FILE_DIRECTIVES"] = {"frame-ancestors": [NONE]}

    # The admin: report-only, a policy it could reach (its previews frame the page from the admin).
    s["CONTENT_SECURITY_POLICY_REPORT_ONLY"] = {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            "style-src": [SELF],
            "img-src": [SELF, "data:", "blob:", *media],
            "media-src": [SELF, *media],
            "object-src": [NONE],
            "base-uri": [SELF],
            "frame-ancestors": [SELF],
            "form-action": [SELF],
            "report-uri": [REPORT_URI],
        },
    }
    s["PORTAL_CSP_REPORT_ONLY_PREFIXES"] = ("/admin/", "/django-admin/")
    # Violation reports: at most this many a minute from one address, and from all together.
    s["PORTAL_CSP_REPORTS_PER_MINUTE"] = int(os.environ.get("CSP_REPORTS_PER_MINUTE", "20"))
    s["PORTAL_CSP_REPORTS_PER_MINUTE_TOTAL"] = int(os.environ.get("CSP_REPORTS_PER_MINUTE_TOTAL", "300"))
    s["PORTAL_CSP_REPORT_MAX_BYTES"] = 8 * 1024

    # Features no page uses are off; geolocation stays for this site's own "near me" (venues).
    s["PORTAL_PERMISSIONS_POLICY"] = {
        "geolocation": "(self)",
        "fullscreen": "(self)",  # the video player's full-screen button
        "camera": "()",
        "microphone": "()",
        "payment": "()",
        "usb": "()",
        "serial": "()",
        "midi": "()",
        "display-capture": "()",
        "accelerometer": "()",
        "gyroscope": "()",
        "magnetometer": "()",
        "browsing-topics": "()",
    }
    s["SECURE_CROSS_ORIGIN_OPENER_POLICY"] = "same-origin"

    middleware = s["MIDDLEWARE"]
    # After WhiteNoise: static files need no page policy.
    anchor = middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1
    middleware[anchor:anchor] = ["portal.csp.PortalCSPMiddleware", "portal.csp.PermissionsPolicyMiddleware"]
    s["INSTALLED_APPS"] += ["csp"]

    # The Django admin at /django-admin/: installed always (its table exists when it is switched on),
    # mounted only when PORTAL_DJANGO_ADMIN is on (dev.py turns it on; production leaves it off).
    s["PORTAL_DJANGO_ADMIN"] = s["env_bool"]("PORTAL_DJANGO_ADMIN", False)
    s["INSTALLED_APPS"] += ["django.contrib.admin"]
