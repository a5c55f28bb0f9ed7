"""账户安全 in the Wagtail admin, for superusers and holders of accounts.manage_account_security:
current sign-in lockouts with 解除锁定, and everyone's two-factor status with 重置两步验证.
Every action is written to SecurityEvent and the log."""

import logging

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Q, Sum
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import two_factor
from ..lockout import cool_off_minutes
from ..models import SecurityEvent

log = logging.getLogger("accounts.security")
PERMISSION = "accounts.manage_account_security"


def may_manage(user):
    return user.is_superuser or user.has_perm(PERMISSION)


def _guard(request):
    if not may_manage(request.user):
        raise PermissionDenied


def _record(request, action, subject):
    SecurityEvent.objects.create(action=action, actor=request.user, subject=subject)
    log.warning("%s: %s by %s", action, subject, request.user.get_username())


def _tally(attempts, field, limit):
    rows = attempts.values(field).annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    return [{**row, "locked": row["failures"] >= limit} for row in rows.order_by("-last")]


@require_http_methods(["GET", "POST"])
def lockouts(request):
    _guard(request)
    if request.method == "POST":
        username, address = request.POST.get("username"), request.POST.get("ip_address")
        if username:
            AxesProxyHandler.reset_attempts(username=username)
            _record(request, SecurityEvent.Action.UNLOCK_ACCOUNT, username)
            messages.success(request, _("已解除账户 %(name)s 的锁定。") % {"name": username})
        elif address:
            AxesProxyHandler.reset_attempts(ip_address=address)
            _record(request, SecurityEvent.Action.UNLOCK_ADDRESS, address)
            messages.success(request, _("已解除地址 %(address)s 的锁定。") % {"address": address})
        return redirect("accounts_lockouts")
    recent = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    limits = settings.PORTAL_LOCKOUT_LIMITS
    pairs = [
        {**row, "locked": row["failures_since_start"] >= limits["username+ip_address"]}
        for row in recent.order_by("-attempt_time").values(
            "username", "ip_address", "failures_since_start", "attempt_time"
        )
    ]
    context = {
        "pairs": pairs,
        "by_account": _tally(recent.exclude(username=None), "username", limits["username"]),
        "by_address": _tally(recent, "ip_address", limits["ip_address"]),
        "minutes": cool_off_minutes(),
        "limits": limits,
    }
    return TemplateResponse(request, "accounts/admin/lockouts.html", context)


def _admin_users():
    access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(is_staff=True)
            | Q(user_permissions__in=access)
            | Q(groups__permissions__in=access)
        )
        .distinct()
        .order_by("username")
    )


def two_factor_status(request):
    _guard(request)
    rows = [
        {
            "user": user,
            "enrolled": two_factor.has_device(user),
            "codes_left": two_factor.recovery_codes_left(user),
        }
        for user in _admin_users()
    ]
    context = {"rows": rows, "events": SecurityEvent.objects.select_related("actor")[:50]}
    return TemplateResponse(request, "accounts/admin/two_factor.html", context)


@require_POST
def reset_two_factor(request, user_id):
    _guard(request)
    user = get_object_or_404(get_user_model(), pk=user_id)
    two_factor.reset(user)
    _record(request, SecurityEvent.Action.RESET_TWO_FACTOR, user.get_username())
    messages.success(
        request,
        _("已重置 %(name)s 的两步验证：其下次登录时需重新设置验证器。") % {"name": user.get_username()},
    )
    return redirect("accounts_two_factor_status")
