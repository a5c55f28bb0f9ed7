"""The step after the password for everyone who can use the admin: type the 动态验证码 (or a
recovery code); or, without an authenticator yet, set one up and receive ten recovery codes."""

import logging
from urllib.parse import urlencode

from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .. import two_factor
from ..forms import CodeForm
from ..models import SecurityEvent

log = logging.getLogger("accounts.two_factor")


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    return target if safe else reverse("wagtailadmin_home")


def _step(name, request):
    return f"{reverse(name)}?{urlencode({'next': _next(request)})}"


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    user = request.user
    if two_factor.is_verified(user):
        return redirect(_next(request))
    if not two_factor.has_device(user):
        return redirect(_step("accounts_two_factor_setup", request))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        wait = two_factor.retry_after_seconds(user)
        device = None if wait else two_factor.verify(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                SecurityEvent.objects.create(
                    action=SecurityEvent.Action.RECOVERY_CODE_USED, actor=user, subject=user.get_username()
                )
                log.warning("Recovery code used by %s", user.get_username())
            return redirect(_next(request))
        if wait:
            form.add_error(None, _("验证码错误次数过多，请 %(seconds)s 秒后再试。") % {"seconds": wait})
            status = 429
        else:
            form.add_error(
                "code", _("验证码不正确或已使用过，请输入验证器上显示的最新 6 位数字，或一个未用过的恢复码。")
            )
            status = 400
    context = {"form": form, "next": _next(request), "codes_left": two_factor.recovery_codes_left(user)}
    return TemplateResponse(request, "accounts/two_factor_verify.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def setup(request):
    user = request.user
    if two_factor.has_device(user):
        # A second authenticator only after the first one, and never with the password alone:
        # a lost one is reset by an administrator (账户安全 → 两步验证).
        return redirect(_step("accounts_two_factor_verify", request))
    device = two_factor.pending_device(user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        code = "".join(form.cleaned_data["code"].split())
        if code.isdigit() and device.verify_token(code):
            codes = two_factor.confirm(device)
            otp_login(request, device)
            SecurityEvent.objects.create(
                action=SecurityEvent.Action.ENROL_TWO_FACTOR, actor=user, subject=user.get_username()
            )
            context = {"codes": codes, "next": _next(request)}
            return TemplateResponse(request, "accounts/two_factor_codes.html", context)
        form.add_error("code", _("验证码不正确，请输入验证器上显示的最新 6 位数字。"))
        status = 400
    context = {
        "form": form,
        "next": _next(request),
        "qr_code": two_factor.qr_code_data_uri(device),
        "secret": two_factor.secret_for_typing(device),
    }
    return TemplateResponse(request, "accounts/two_factor_setup.html", context, status=status)
