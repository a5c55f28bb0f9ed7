"""Looking after a creator account: password reset by e-mail, 我的资料, a new login address
confirmed by a link sent to it, and a password change.

A reset request answers the same whether or not the address belongs to an account this portal may
reset, so it tells nobody which addresses are registered. Staff reset through the Wagtail admin.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth.views import PasswordResetConfirmView
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from creators import throttle
from creators.forms.accounts import (
    ChangePasswordForm,
    CreatorPasswordResetForm,
    EmailChangeForm,
    NewPasswordForm,
    ProfileForm,
    email_taken,
    may_reset_here,
)

from .access import creator_required

RESET_REQUESTS_PER_EMAIL = 3
RESET_REQUESTS_PER_ADDRESS = 10
EMAIL_CHANGES_PER_ACCOUNT = 5
PASSWORD_CHANGE_FAILURES_PER_ACCOUNT = 5
EMAIL_CHANGE_SALT = "creator-email-change"
EMAIL_CHANGE_MAX_AGE = 3 * 24 * 3600


@require_http_methods(["GET", "POST"])
def password_reset(request):
    form = CreatorPasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        address = throttle.client_address(request)
        if throttle.too_many("reset-email", email, RESET_REQUESTS_PER_EMAIL) or throttle.too_many(
            "reset-address", address, RESET_REQUESTS_PER_ADDRESS
        ):
            context = {"form": form, "limited": True}
            return TemplateResponse(request, "creators/password_reset.html", context, status=429)
        # Every request counts, whether an account exists or not: the limit must not tell either.
        throttle.record_failure("reset-email", email)
        throttle.record_failure("reset-address", address)
        form.save(
            request=request,
            use_https=request.is_secure(),
            from_email=settings.DEFAULT_FROM_EMAIL,
            subject_template_name="creators/email/password_reset_subject.txt",
            email_template_name="creators/email/password_reset_body.txt",
            extra_email_context={"valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
        )
        context = {"email": email, "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600}
        return TemplateResponse(request, "creators/password_reset_sent.html", context)
    return TemplateResponse(request, "creators/password_reset.html", {"form": form})


class PasswordResetConfirm(PasswordResetConfirmView):
    """Django's one-time link (moved out of the URL into the session before the form shows)."""

    template_name = "creators/password_reset_confirm.html"
    form_class = NewPasswordForm
    post_reset_login = True
    success_url = reverse_lazy("creators:my_works")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and may_reset_here(user) else None

    @transaction.atomic
    def form_valid(self, form):
        profile = self.user.creator_profile
        if not profile.is_verified:
            # The link reached the address, which is all the verification link proves.
            profile.email_verified_at = timezone.now()
            profile.save(update_fields=["email_verified_at"])
            self.user.is_active = True  # saved with the new password
        response = super().form_valid(form)
        throttle.reset("login-account", self.user.email.lower())
        messages.success(self.request, _("新密码已生效，您已登录。"))
        return response

    def render_to_response(self, context, **response_kwargs):
        if not self.validlink:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


password_reset_confirm = PasswordResetConfirm.as_view()


@creator_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user.creator_profile)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            request.user.first_name = saved.real_name[:150]
            request.user.save(update_fields=["first_name"])
        messages.success(request, _("资料已保存。"))
        return redirect("creators:profile")
    return TemplateResponse(request, "creators/profile.html", {"form": form})


@creator_required
@require_http_methods(["GET", "POST"])
def change_email(request):
    if request.method == "POST":
        # Counted before checking: each request may send a mail, and carries a password guess.
        if throttle.too_many("email-change", request.user.pk, EMAIL_CHANGES_PER_ACCOUNT):
            form = EmailChangeForm(request.user, initial={"email": request.POST.get("email", "")})
            context = {"form": form, "limited": True}
            return TemplateResponse(request, "creators/email_change.html", context, status=429)
        throttle.record_failure("email-change", request.user.pk)
    form = EmailChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        new_email = form.cleaned_data["email"]
        _send_email_change_link(request, new_email)
        return TemplateResponse(request, "creators/email_change_sent.html", {"email": new_email})
    return TemplateResponse(request, "creators/email_change.html", {"form": form})


def _send_email_change_link(request, new_email):
    token = signing.dumps(
        {"user": request.user.pk, "old": request.user.email, "new": new_email}, salt=EMAIL_CHANGE_SALT
    )
    link = request.build_absolute_uri(reverse("creators:confirm_email", args=[token]))
    send_mail(
        _("【内蒙古科普】请确认新的登录邮箱"),
        _(
            "您好，您申请把创作者账号的登录邮箱改为本邮箱。请在 3 天内打开以下链接确认：\n%(link)s\n\n"
            "如果不是您本人申请，请忽略本邮件。"
        )
        % {"link": link},
        settings.DEFAULT_FROM_EMAIL,
        [new_email],
    )


def confirm_email(request, token):
    """Open the link sent to the new address. It works once: the old address is part of it."""
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
        user = get_user_model().objects.get(pk=data["user"], creator_profile__isnull=False)
        old_email, new_email = data["old"], data["new"]
    except (signing.BadSignature, ObjectDoesNotExist, KeyError, TypeError):
        return _email_link_failed(request)
    if user.email != old_email or email_taken(new_email, by_other_than=user):
        return _email_link_failed(request)
    user.email = user.username = new_email
    try:
        with transaction.atomic():
            user.save(update_fields=["email", "username"])
    except IntegrityError:  # the address was taken a moment ago
        return _email_link_failed(request)
    send_mail(
        _("【内蒙古科普】您的登录邮箱已更改"),
        _("您好，您的创作者账号登录邮箱已改为 %(email)s。\n\n如果不是您本人操作，请立即联系编辑部。")
        % {"email": new_email},
        settings.DEFAULT_FROM_EMAIL,
        [old_email],
    )
    messages.success(request, _("登录邮箱已改为 %(email)s,以后请用它登录。") % {"email": new_email})
    return redirect("creators:profile")


def _email_link_failed(request):
    return TemplateResponse(request, "creators/email_change_failed.html", status=400)


@creator_required
@require_http_methods(["GET", "POST"])
def change_password(request):
    if request.method == "POST" and throttle.too_many(
        "password-change", request.user.pk, PASSWORD_CHANGE_FAILURES_PER_ACCOUNT
    ):
        context = {"form": ChangePasswordForm(request.user), "limited": True}
        return TemplateResponse(request, "creators/password_change.html", context, status=429)
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            update_session_auth_hash(request, form.user)  # this session stays; every other one ends
            throttle.reset("password-change", request.user.pk)
            messages.success(request, _("密码已修改。"))
            return redirect("creators:profile")
        if form.has_error("old_password", "password_incorrect"):
            throttle.record_failure("password-change", request.user.pk)
    return TemplateResponse(request, "creators/password_change.html", {"form": form})
