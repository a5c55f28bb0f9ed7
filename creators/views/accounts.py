"""The creator portal's account pages: register, verify the e-mail address, log in, log out.

Creators never use the Wagtail admin. Login and registration are throttled per account and per
address; nothing typed is lost when a form comes back with a message.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login, logout
from django.contrib.auth.models import Group
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from creators import throttle
from creators.forms.accounts import LoginForm, RegistrationForm
from creators.models import CreatorProfile

CREATORS_GROUP = "创作者"
VERIFY_SALT = "creator-email-verification"
VERIFY_MAX_AGE = 3 * 24 * 3600
LOGIN_FAILURES_PER_ACCOUNT = 5
LOGIN_FAILURES_PER_ADDRESS = 20
REGISTRATIONS_PER_ADDRESS = 5


@require_http_methods(["GET", "POST"])
def register(request):
    form = RegistrationForm(request.POST or None)
    address = throttle.client_address(request)
    if request.method == "POST":
        if throttle.too_many("register", address, REGISTRATIONS_PER_ADDRESS):
            return TemplateResponse(
                request, "creators/register.html", {"form": form, "limited": True}, status=429
            )
        if form.is_valid():
            throttle.record_failure("register", address)  # counts registrations, successful or not
            user = _create_creator(form.cleaned_data)
            _send_verification(request, user)
            return TemplateResponse(request, "creators/registered.html", {"email": user.email})
    return TemplateResponse(request, "creators/register.html", {"form": form})


@transaction.atomic
def _create_creator(data):
    user = get_user_model().objects.create_user(
        username=data["email"], email=data["email"], password=data["password"], is_active=False
    )
    user.first_name = data["real_name"][:150]
    user.save(update_fields=["first_name"])
    group, _created = Group.objects.get_or_create(name=CREATORS_GROUP)
    user.groups.add(group)
    profile = CreatorProfile.objects.create(
        user=user,
        real_name=data["real_name"],
        affiliation=data["affiliation"],
        bio=data.get("bio", ""),
        terms_accepted_at=timezone.now(),
    )
    profile.disciplines.set(data.get("disciplines") or [])
    return user


def _send_verification(request, user):
    token = signing.dumps({"user": user.pk}, salt=VERIFY_SALT)
    link = request.build_absolute_uri(reverse("creators:verify", args=[token]))
    send_mail(
        _("【内蒙古科普】请验证您的邮箱"),
        _("您好，请在 3 天内打开以下链接完成注册：\n%(link)s\n\n如果不是您本人注册，请忽略本邮件。")
        % {"link": link},
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )


def verify(request, token):
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
        profile = CreatorProfile.objects.select_related("user").get(user_id=data["user"])
    except (signing.BadSignature, CreatorProfile.DoesNotExist, KeyError, TypeError):
        return TemplateResponse(request, "creators/verify_failed.html", status=400)
    if profile.email_verified_at is None:
        profile.email_verified_at = timezone.now()
        profile.save(update_fields=["email_verified_at"])
        profile.user.is_active = True
        profile.user.save(update_fields=["is_active"])
    messages.success(request, _("邮箱已验证，请登录。"))
    return redirect("creators:login")


@require_http_methods(["GET", "POST"])
def login_view(request):
    profile = getattr(request.user, "creator_profile", None) if request.user.is_authenticated else None
    if request.method == "GET" and profile is not None and profile.is_verified:
        return redirect("creators:my_works")  # the footer's 创作者登录 leads a logged-in creator home
    form = LoginForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        account = _creator_account(form.cleaned_data["login"])
        # Failures count per account, however it was named (e-mail or username), so switching
        # between the two does not double the guesses.
        key = f"user-{account.pk}" if account else form.cleaned_data["login"].lower()
        address = throttle.client_address(request)
        if throttle.too_many("login-account", key, LOGIN_FAILURES_PER_ACCOUNT) or throttle.too_many(
            "login-address", address, LOGIN_FAILURES_PER_ADDRESS
        ):
            context["limited"] = True
            return TemplateResponse(request, "creators/login.html", context, status=429)
        user = account and authenticate(
            request, username=account.username, password=form.cleaned_data["password"]
        )
        if user is not None and hasattr(user, "creator_profile"):
            throttle.reset("login-account", key)
            login(request, user)
            return redirect(request.GET.get("next") if _safe_next(request) else "creators:my_works")
        throttle.record_failure("login-account", key)
        throttle.record_failure("login-address", address)
        form.add_error(None, _("邮箱、用户名或密码不正确，或邮箱尚未验证。"))
    return TemplateResponse(request, "creators/login.html", context)


def _creator_account(name):
    """The creator account an e-mail address or a username names (None for anyone else)."""
    creators = get_user_model().objects.filter(creator_profile__isnull=False)
    if "@" in name:
        return creators.filter(email__iexact=name.strip()).first()
    return creators.filter(username=name.strip()).first()


def _safe_next(request):
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.GET.get("next", "")
    return bool(target) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


@require_POST
def logout_view(request):
    logout(request)
    return redirect("/")
