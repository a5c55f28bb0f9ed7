"""Content Security Policy by kind of answer, Permissions-Policy, and the violation-report endpoint.

Policies are in portal/settings/headers.py: HTML pages get the page policy (enforced; report-only
under the admin), data (JSON, XML, text) a policy that lets nothing run, files (PDF, media) only
frame-ancestors. The report endpoint logs a warning per report, bounded in size and rate.
"""

import json
import logging
import time
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import storages
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("portal.csp")

DATA_TYPES = ("application/json", "application/xml", "text/xml", "text/plain", "text/csv")
DATA_SUFFIXES = ("+json", "+xml")


def answer_kind(response):
    """ "page" (HTML), "data" (nothing in it should run) or "file" (PDF, media, downloads)."""
    content_type = response.get("Content-Type", "text/html").split(";")[0].strip().lower()
    if content_type == "text/html":
        return "page"
    if content_type in DATA_TYPES or content_type.endswith(DATA_SUFFIXES):
        return "data"
    return "file"


def media_origin():
    """The origin uploads are served from when it is not the site's own (S3, a CDN): what
    storages["default"].url() gives, so the policy follows the storage settings by itself."""
    try:
        url = urlsplit(storages["default"].url("csp-origin-probe.jpg"))
    except Exception:  # a storage that cannot name a URL offline: CSP_MEDIA_ORIGINS covers it
        logger.warning("The upload storage gave no URL; set CSP_MEDIA_ORIGINS if uploads are elsewhere.")
        return None
    return f"{url.scheme}://{url.netloc}" if url.scheme and url.netloc else None


def with_media(directives, origin):
    if origin is None:
        return directives
    directives = dict(directives)
    for name in ("img-src", "media-src"):
        if name in directives and origin not in directives[name]:
            directives[name] = [*directives[name], origin]
    return directives


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the policy by path and kind of answer."""

    def __init__(self, get_response):
        super().__init__(get_response)
        origin = media_origin()
        self.page = with_media(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], origin)
        self.admin = with_media(settings.CONTENT_SECURITY_POLICY_REPORT_ONLY["DIRECTIVES"], origin)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if isinstance(getattr(request, "_csp_nonce", None), str):
            # This page read its nonce: no shared cache may keep it (the page cache and nginx
            # honour private/no-store), or every later reader would get the same nonce.
            patch_cache_control(response, private=True, no_store=True)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if parts.config is not None:  # a view chose its own policy (csp.decorators)
            return parts
        admin = request.path_info.startswith(settings.PORTAL_CSP_REPORT_ONLY_PREFIXES)
        kind = answer_kind(response)
        if report_only:
            # The admin's pages report only; no other answer gets a report-only header.
            parts.config = self.admin if admin and kind == "page" else {}
        elif kind == "data":
            parts.config = settings.PORTAL_CSP_DATA_DIRECTIVES
        elif kind == "file":
            parts.config = settings.PORTAL_CSP_FILE_DIRECTIVES
        else:
            # An HTML page (the admin's prefixes are excluded from the enforced header).
            parts.config = self.page
        return parts


class PermissionsPolicyMiddleware:
    """Permissions-Policy on every answer (Django's SecurityMiddleware has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = ", ".join(
            f"{name}={allow}" for name, allow in settings.PORTAL_PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.value)
        return response


def _client_address(request):
    # Behind the production proxy, REMOTE_ADDR is set from the trusted header (docs/deploy.md).
    return request.META.get("REMOTE_ADDR", "unknown")


def _over_rate(request):
    """Fixed one-minute windows in the shared cache, per address and for everyone together. With
    the cache down a report is dropped: the log must not become the easy thing to flood."""
    minute = int(time.time() // 60)
    keys = (
        (f"csp-report:{_client_address(request)}:{minute}", settings.PORTAL_CSP_REPORTS_PER_MINUTE),
        (f"csp-report:*:{minute}", settings.PORTAL_CSP_REPORTS_PER_MINUTE_TOTAL),
    )
    try:
        for key, limit in keys:
            cache.add(key, 0, timeout=120)
            if cache.incr(key) > limit:
                return True
    except Exception:  # a cache outage must not turn reports into errors
        return True
    return False


def _violations(payload):
    """The violations in a report, in either format: report-uri's {"csp-report": {…}} or the
    Reporting API's [{"type": "csp-violation", "body": {…}}]."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        report = payload["csp-report"]
        yield {
            "page": report.get("document-uri"),
            "directive": report.get("effective-directive") or report.get("violated-directive"),
            "blocked": report.get("blocked-uri"),
            "source": report.get("source-file"),
            "line": report.get("line-number"),
            "sample": report.get("script-sample"),
            "disposition": report.get("disposition"),
        }
    elif isinstance(payload, list):
        for item in payload[:10]:
            body = item.get("body") if isinstance(item, dict) else None
            if isinstance(body, dict) and item.get("type") == "csp-violation":
                yield {
                    "page": body.get("documentURL"),
                    "directive": body.get("effectiveDirective"),
                    "blocked": body.get("blockedURL"),
                    "source": body.get("sourceFile"),
                    "line": body.get("lineNumber"),
                    "sample": body.get("sample"),
                    "disposition": body.get("disposition"),
                }


def _short(value, limit=300):
    return str(value)[:limit] if value is not None else "-"


@csrf_exempt
@require_POST
@never_cache
def report(request):
    """Browsers POST a JSON report here when a page breaks its policy (report-uri): log it."""
    limit = settings.PORTAL_CSP_REPORT_MAX_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        return HttpResponse(_("报告过大。"), status=413, content_type="text/plain; charset=utf-8")
    body = request.read(limit + 1)  # a body without a truthful Content-Length is cut here
    if len(body) > limit:
        return HttpResponse(_("报告过大。"), status=413, content_type="text/plain; charset=utf-8")
    try:
        payload = json.loads(body)
    except ValueError:
        return HttpResponse(_("报告格式不正确。"), status=400, content_type="text/plain; charset=utf-8")
    violations = list(_violations(payload))
    if not violations:
        return HttpResponse(_("报告格式不正确。"), status=400, content_type="text/plain; charset=utf-8")
    if _over_rate(request):
        return HttpResponse(status=204)  # accepted and dropped: a browser does not retry
    for violation in violations:
        logger.warning(
            "CSP violation (%s): %s blocked %s on %s (%s:%s) %s",
            _short(violation["disposition"]),
            _short(violation["directive"]),
            _short(violation["blocked"]),
            _short(violation["page"]),
            _short(violation["source"]),
            _short(violation["line"]),
            _short(violation["sample"], 80),
        )
    return HttpResponse(status=204)
