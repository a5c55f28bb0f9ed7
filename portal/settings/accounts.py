"""Signing in safely (accounts/, docs/security.md): login throttling kept in the database
(django-axes and accounts.throttle), two-factor sign-in for everyone who can use the admin
(django-otp), equal answers for known and unknown accounts."""

import os
from datetime import timedelta


def _env_bool(name, default):
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def _insert_after(items, anchor, *new):
    position = items.index(anchor) + 1
    items[position:position] = [item for item in new if item not in items]


def configure(s):
    """`s` is base.py's globals(): append to s["MIDDLEWARE"], s["INSTALLED_APPS"] … and set names."""
    _insert_after(
        s["INSTALLED_APPS"],
        "accounts",
        "axes",
        "django_otp",
        "django_otp.plugins.otp_totp",
        "django_otp.plugins.otp_static",
    )
    _insert_after(
        s["MIDDLEWARE"],
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django_otp.middleware.OTPMiddleware",
        # No admin URL answers a signed-in user who has not given the second factor.
        "accounts.middleware.AdminSecondFactorMiddleware",
    )
    # Last, as axes asks: it turns a lockout flagged during the request into the lockout answer.
    s["MIDDLEWARE"].append("axes.middleware.AxesMiddleware")

    # Every sign-in (Wagtail admin, Django admin, creator portal) goes through this backend:
    # it refuses a locked-out request before any password is checked.
    s["AUTHENTICATION_BACKENDS"] = ["accounts.backends.PortalAuthBackend"]

    # Lockouts (accounts/lockout.py): counted in the database, shared by every app server.
    s["AXES_HANDLER"] = "accounts.lockout.TieredDatabaseHandler"
    # One name, one address: the tight limit against guessing one account from one place;
    # one address over any names: spraying; one name from any addresses: a guessing botnet.
    s["AXES_LOCKOUT_PARAMETERS"] = [["username", "ip_address"], "ip_address", "username"]
    s["PORTAL_LOCKOUT_LIMITS"] = {"username+ip_address": 5, "ip_address": 20, "username": 30}
    s["AXES_FAILURE_LIMIT"] = 5  # the tightest tier; the others are scaled to it
    s["AXES_COOLOFF_TIME"] = timedelta(minutes=15)
    s["AXES_RESET_ON_SUCCESS"] = False  # a valid account must not wash an address's failures
    s["AXES_LOCKOUT_CALLABLE"] = "accounts.lockout.lockout_response"
    s["AXES_CLIENT_IP_CALLABLE"] = "accounts.throttle.client_address"
    # Proxies whose X-Forwarded-For is believed (the nginx in front, which must append the client's
    # address: proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for). Without it every
    # request behind the proxy would share one address, and one address's limit.
    s["PORTAL_TRUSTED_PROXIES"] = [
        item.strip()
        for item in os.environ.get("PORTAL_TRUSTED_PROXIES", "127.0.0.1").split(",")
        if item.strip()
    ]
    s["AXES_USERNAME_CALLABLE"] = "accounts.lockout.username_of"
    s["AXES_ENABLE_ADMIN"] = False  # lockouts are listed and lifted in the Wagtail admin
    s["AXES_VERBOSE"] = False

    # Two-factor sign-in for every user who can use the admin (accounts/middleware.py).
    s["PORTAL_ADMIN_2FA_REQUIRED"] = _env_bool("PORTAL_ADMIN_2FA_REQUIRED", True)
    s["PORTAL_ADMIN_2FA_PREFIXES"] = ["/admin/", "/django-admin/"]
    s["OTP_TOTP_ISSUER"] = "内蒙古科普"

    # The admin's 忘记密码 sends its mail from a background job (accounts/password_reset.py).
    s["WAGTAILADMIN_USER_PASSWORD_RESET_FORM"] = "accounts.forms.AdminPasswordResetForm"  # noqa: S105
