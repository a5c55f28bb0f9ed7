"""The creator portal's account pages: register, verify the e-mail address, log in, log out.

Creators never use the Wagtail admin. Sign-in failures are counted by axes in the database (per
account, per address); registration per address and per e-mail. Known and unknown accounts get the
same answer in the same time; nothing typed is lost when a form comes back with a message.
"""

from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login, logout
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core import signing
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import mail
from accounts.lockout import is_locked_out
from creators import throttle
from creators.forms.accounts import LoginForm, RegistrationForm, address_in_use
from creators.models import CreatorProfile

CREATORS_GROUP = "创作者"
VERIFY_SALT = "creator-email-verification"
VERIFY_MAX_AGE = 3 * 24 * 3600
REGISTRATIONS_PER_ADDRESS = 5
REGISTRATIONS_PER_EMAIL = 3


@require_http_methods(["GET", "POST"])
def register(request):
    form = RegistrationForm(request.POST or None)
    if request.method == "POST":
        # Every attempt counts, refused or not, per address and per e-mail typed.
        checks = [("register-address", throttle.client_address(request), REGISTRATIONS_PER_ADDRESS)]
        typed = request.POST.get("email", "").strip().lower()[:254]
        if typed:
            checks.append(("register-email", typed, REGISTRATIONS_PER_EMAIL))
        if throttle.limited_and_counted(checks):
            return TemplateResponse(
                request, "creators/register.html", {"form": form, "limited": True}, status=429
            )
        if form.is_valid():
            email = form.cleaned_data["email"]
            user = None if address_in_use(email) else _create_creator(form.cleaned_data)
            if user is None:
                # An address already in use (by any account, staff included) is answered the same,
                # after the same work (one password hash), and told by mail.
                make_password(form.cleaned_data["password"])
                _send_registration_notice(request, email)
            else:
                _send_verification(request, user)
            return TemplateResponse(request, "creators/registered.html", {"email": email})
    return TemplateResponse(request, "creators/register.html", {"form": form})


def _create_creator(data):
    """The new creator, or None when the address was taken a moment ago (by a concurrent request)."""
    try:
        with transaction.atomic():
            return _create_creator_account(data)
    except IntegrityError:
        return None


def _create_creator_account(data):
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
    mail.deliver.enqueue(
        _("【内蒙古科普】请验证您的邮箱"),
        _("您好，请在 3 天内打开以下链接完成注册：\n%(link)s\n\n如果不是您本人注册，请忽略本邮件。")
        % {"link": link},
        user.email,
    )


def _send_registration_notice(request, email):
    mail.deliver.enqueue(
        _("【内蒙古科普】有人尝试用您的邮箱注册"),
        _(
            "您好，刚才有人用本邮箱申请注册内蒙古科普创作者账号，但本邮箱已有账号，所以没有注册新账号。\n\n"
            "如果是您本人，请直接登录：\n%(login)s\n忘记密码可以在这里重设：\n%(reset)s\n\n"
            "如果不是您本人，请忽略本邮件，您的账号不会有任何变化。"
        )
        % {
            "login": request.build_absolute_uri(reverse("creators:login")),
            "reset": request.build_absolute_uri(reverse("creators:password_reset")),
        },
        email,
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
        typed = form.cleaned_data["login"].strip()
        account = _creator_account(typed)
        # The password is checked whether or not the account exists (Django's backend hashes for an
        # unknown name too), so the answer takes as long either way. Failures count per account,
        # however it was named (e-mail or username), and per address, in the database (axes).
        name = account.username if account else typed.lower()
        user = authenticate(request, username=name, password=form.cleaned_data["password"])
        if is_locked_out(request):
            context["limited"] = True
            return TemplateResponse(request, "creators/login.html", context, status=429)
        if user is not None and account is not None and user.pk == account.pk:
            login(request, user)
            return redirect(request.GET.get("next") if _safe_next(request) else "creators:my_works")
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
