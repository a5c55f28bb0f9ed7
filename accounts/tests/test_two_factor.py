"""Two-factor sign-in for everyone who can use the admin, through the real steps: password,
authenticator set-up with its QR code, recovery codes, a wrong code, a replayed code, a recovery
code used once only, and no admin URL reachable before the second factor."""

import re

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.test import Client
from django.urls import reverse

from accounts.models import SecurityEvent

from .helpers import admin_user, code_for, forgive_failures, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("second_factor_required")]


@pytest.fixture
def second_factor_required(settings):
    settings.PORTAL_ADMIN_2FA_REQUIRED = True


def enrol(client, username="editor"):
    """Sign in, set up the authenticator, return (device, the ten recovery codes)."""
    response = sign_in(client, username)
    assert response.status_code == 302
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts_two_factor_setup"))
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    response = client.post(
        reverse("accounts_two_factor_setup"), {"code": code_for(device), "next": "/admin/"}
    )
    assert response.status_code == 200
    codes = re.findall(r"<li>([a-z0-9]{8})</li>", response.content.decode())
    return TOTPDevice.objects.get(pk=device.pk), codes


def test_the_first_sign_in_sets_up_an_authenticator_with_a_qr_code_drawn_here(client):
    admin_user("editor")
    response = client.get(sign_in(client)["Location"])
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts_two_factor_setup")
    )
    page = client.get(response["Location"])
    content = page.content.decode()
    assert page.status_code == 200 and "设置两步验证" in content
    assert 'src="data:image/svg+xml' in content  # inline, no outside service sees the secret
    secret = re.search(r'id="totp-secret">((?:[A-Z2-7]{4} ){7}[A-Z2-7]{4})<', content).group(1)
    # Reloading keeps the same secret until it is confirmed.
    assert secret in client.get(response["Location"]).content.decode()
    assert TOTPDevice.objects.count() == 1
    wrong = client.post(reverse("accounts_two_factor_setup"), {"code": "000000"})
    assert wrong.status_code == 400 and "验证码不正确" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302


def test_enrolment_shows_ten_recovery_codes_once_and_opens_the_admin(client):
    editor = admin_user("editor")
    device, codes = enrol(client)
    assert device.confirmed and len(set(codes)) == 10
    assert StaticToken.objects.filter(device__user=editor).count() == 10
    assert client.get("/admin/").status_code == 200
    assert SecurityEvent.objects.get().action == "enrol_two_factor"
    # Nobody enrols a second authenticator with the password alone.
    other = Client()
    sign_in(other)
    response = other.get(reverse("accounts_two_factor_setup"))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts_two_factor_verify")
    )


def test_sign_in_asks_for_the_code_refuses_a_wrong_one_and_a_replayed_one(client):
    admin_user("editor")
    device, _codes = enrol(client)
    used = code_for(device)  # the code that confirmed the set-up

    later = Client()
    response = later.get(sign_in(later)["Location"])
    assert response["Location"].startswith(reverse("accounts_two_factor_verify"))
    page = later.get(response["Location"]).content.decode()
    assert "动态验证码" in page

    wrong = later.post(
        reverse("accounts_two_factor_verify"), {"code": "123456" if used != "123456" else "654321"}
    )
    assert wrong.status_code == 400 and "验证码不正确或已使用过" in wrong.content.decode()
    forgive_failures(device.user)
    replayed = later.post(reverse("accounts_two_factor_verify"), {"code": used})
    assert replayed.status_code == 400
    assert later.get("/admin/").status_code == 302

    forgive_failures(device.user)
    fresh = later.post(
        reverse("accounts_two_factor_verify"),
        {"code": code_for(device, steps_ahead=1), "next": "/admin/pages/"},
    )
    assert fresh.status_code == 302 and fresh["Location"] == "/admin/pages/"
    assert later.get("/admin/").status_code == 200


def test_quick_retries_after_failures_are_slowed_down(client):
    admin_user("editor")
    device, _codes = enrol(client)
    later = Client()
    sign_in(later)
    later.post(reverse("accounts_two_factor_verify"), {"code": "000000"})
    response = later.post(reverse("accounts_two_factor_verify"), {"code": code_for(device, steps_ahead=1)})
    assert response.status_code == 429 and "秒后再试" in response.content.decode()


def test_a_recovery_code_works_once(client):
    admin_user("editor")
    _device, codes = enrol(client)
    first = Client()
    sign_in(first)
    response = first.post(
        reverse("accounts_two_factor_verify"), {"code": codes[0].upper(), "next": "/admin/"}
    )
    assert response.status_code == 302 and first.get("/admin/").status_code == 200
    assert SecurityEvent.objects.filter(action="recovery_code_used").count() == 1

    second = Client()
    sign_in(second)
    forgive_failures(_device.user)
    again = second.post(reverse("accounts_two_factor_verify"), {"code": codes[0]})
    assert again.status_code == 400 and second.get("/admin/").status_code == 302
    page = second.get(reverse("accounts_two_factor_verify")).content.decode()
    assert "还剩 9 个恢复码" in page


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/admin/"),
        ("get", "/admin/pages/"),
        ("get", "/admin/pages/{page}/edit/"),
        ("post", "/admin/pages/{page}/edit/"),
        ("post", "/admin/pages/{page}/edit/preview/"),  # the editor's live preview posts the form
        ("get", "/admin/bulk/wagtailcore/page/delete/?id={page}"),
        ("post", "/admin/bulk/wagtailcore/page/delete/?id={page}"),
        ("get", "/admin/choose-page/"),
        ("get", "/admin/images/chooser/"),
        ("get", "/admin/documents/chooser/"),
        ("get", "/admin/api/main/pages/"),
        ("get", "/admin/users/"),
        ("get", "/admin/account/"),
        ("get", "/admin/account-security/two-factor/"),
        ("get", "/django-admin/"),
    ],
)
def test_no_admin_url_answers_before_the_second_factor(client, method, path):
    from wagtail.models import Page

    page = Page.objects.filter(depth=2).first() or Page.objects.get(depth=1)
    boss = admin_user("boss", superuser=True)
    enrolled = Client()
    enrol(enrolled, "boss")
    for signed_in in (Client(), client):  # with an authenticator, and without one yet
        if signed_in is client:
            TOTPDevice.objects.filter(user=boss).delete()
        sign_in(signed_in, "boss")
        response = getattr(signed_in, method)(path.format(page=page.pk))
        if method == "get":
            assert response.status_code == 302
            assert response["Location"].startswith(
                (reverse("accounts_two_factor_verify"), reverse("accounts_two_factor_setup"))
            )
        else:
            assert response.status_code == 403 and "请先完成两步验证" in response.content.decode()


def test_creators_and_readers_are_not_asked(client):
    from django.contrib.auth import get_user_model

    creator = get_user_model().objects.create_user("writer@example.org", "writer@example.org", "x")
    client.force_login(creator)
    assert client.get("/admin/")["Location"].startswith("/admin/login/")  # Wagtail's own refusal
    assert client.get("/zh-hans/").status_code in (200, 404)


def test_an_administrator_resets_a_lost_authenticator_and_it_is_logged(client):
    editor = admin_user("editor")
    enrol(Client())
    boss = admin_user("boss", superuser=True)
    enrol(client, "boss")
    page = client.get(reverse("accounts_two_factor_status")).content.decode()
    assert "editor" in page and "已设置" in page
    response = client.post(reverse("accounts_two_factor_reset", args=[editor.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticToken.objects.filter(device__user=editor).exists()
    event = SecurityEvent.objects.get(action="reset_two_factor")
    assert (event.actor, event.subject) == (boss, "editor")
    # The editor's next sign-in sets up a new authenticator.
    fresh = Client()
    assert fresh.get(sign_in(fresh)["Location"])["Location"].startswith(reverse("accounts_two_factor_setup"))


def test_the_setting_turns_the_requirement_off(client, settings):
    settings.PORTAL_ADMIN_2FA_REQUIRED = False
    admin_user("editor")
    sign_in(client)
    assert client.get("/admin/").status_code == 200
