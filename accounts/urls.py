"""Admin URLs of account security, mounted under /admin/ by wagtail_hooks.py."""

from django.urls import path

from .views import security, two_factor

urlpatterns = [
    path("two-factor/", two_factor.verify, name="accounts_two_factor_verify"),
    path("two-factor/setup/", two_factor.setup, name="accounts_two_factor_setup"),
    path("account-security/lockouts/", security.lockouts, name="accounts_lockouts"),
    path("account-security/two-factor/", security.two_factor_status, name="accounts_two_factor_status"),
    path(
        "account-security/two-factor/<int:user_id>/reset/",
        security.reset_two_factor,
        name="accounts_two_factor_reset",
    ),
]
