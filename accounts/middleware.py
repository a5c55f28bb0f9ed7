"""No admin URL answers a signed-in user who has not given the second factor (settings
PORTAL_ADMIN_2FA_REQUIRED, PORTAL_ADMIN_2FA_PREFIXES): they are sent to 动态验证码, or to set up
an authenticator if they have none. Runs after django-otp's OTPMiddleware."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import two_factor

# Reachable before the second factor: signing in and out, the two-factor pages themselves, the
# admin's JavaScript catalogue (no data), and the reset of a forgotten password.
OPEN_SUFFIXES = ("login/", "logout/", "jsi18n/", "password_reset/", "two-factor/")


class AdminSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = self.refusal(request)
        return refusal if refusal is not None else self.get_response(request)

    def refusal(self, request):
        if not getattr(settings, "PORTAL_ADMIN_2FA_REQUIRED", True):
            return None
        path = request.path_info
        prefix = next((p for p in settings.PORTAL_ADMIN_2FA_PREFIXES if path.startswith(p)), None)
        if prefix is None or path[len(prefix) :].startswith(OPEN_SUFFIXES):
            return None
        user = request.user
        if not two_factor.required_for(user) or two_factor.is_verified(user):
            return None
        if request.method not in ("GET", "HEAD"):
            return HttpResponseForbidden(_("请先完成两步验证（动态验证码）。"))
        step = "accounts_two_factor_verify" if two_factor.has_device(user) else "accounts_two_factor_setup"
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
