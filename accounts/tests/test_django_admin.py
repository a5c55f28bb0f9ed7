"""The Django admin's sign-in (/django-admin/, mounted where a deployment turns it on) goes through
the same lockout and the same second factor as the Wagtail admin's."""

import pytest

from django.test import override_settings

from .helpers import PASSWORD, admin_user

pytestmark = [pytest.mark.django_db, pytest.mark.urls("accounts.tests.urls_with_django_admin")]


def django_admin_sign_in(client, password=PASSWORD):
    return client.post(
        "/django-admin/login/?next=/django-admin/",
        {"username": "boss", "password": password, "next": "/django-admin/"},
    )


@override_settings(PORTAL_ADMIN_2FA_REQUIRED=False)
def test_wrong_passwords_lock_the_django_admin_login_too(client):
    admin_user("boss", superuser=True)
    for n in range(40):
        django_admin_sign_in(client, f"guess-{n}")
    response = django_admin_sign_in(client)
    assert response.status_code == 429 and "账户已暂时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(PORTAL_ADMIN_2FA_REQUIRED=True)
def test_the_django_admin_asks_for_the_second_factor(client):
    admin_user("boss", superuser=True)
    response = django_admin_sign_in(client)
    assert response.status_code == 302 and "_auth_user_id" in client.session
    for path in ("/django-admin/", "/django-admin/auth/user/", "/django-admin/axes/accessattempt/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/admin/two-factor/")
