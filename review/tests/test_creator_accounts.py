"""Creator registration with e-mail verification, throttled login, and hostile input."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from review.models import CreatorProfile

pytestmark = pytest.mark.django_db

GOOD = {
    "email": "Writer@Example.org",
    "password": "草原-Steppe-2026!",
    "password_again": "草原-Steppe-2026!",
    "real_name": "乌云其木格",
    "affiliation": "锡林浩特市第一中学",
    "bio": "中学地理教师。",
    "accept_terms": "on",
}


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


def register(client, **changes):
    return client.post(reverse("creators:register"), {**GOOD, **changes})


def verification_link(mailoutbox):
    return re.search(r"https?://\S+/creators/verify/\S+/", mailoutbox[-1].body).group(0)


def test_register_verify_and_log_in(client, mailoutbox):
    response = register(client)
    assert response.status_code == 200 and "请验证邮箱" in response.content.decode()
    user = get_user_model().objects.get(username="writer@example.org")
    assert not user.is_active and user.creator_profile.terms_accepted_at
    assert user.groups.filter(name="创作者").exists()
    assert not user.has_perm("wagtailadmin.access_admin")

    login = {"email": "writer@example.org", "password": GOOD["password"]}
    assert "尚未验证" in client.post(reverse("creators:login"), login).content.decode()

    link = verification_link(mailoutbox)
    response = client.get(link)
    assert response.status_code == 302 and response["Location"].endswith(reverse("creators:login"))
    user.refresh_from_db()
    assert user.is_active and user.creator_profile.is_verified
    response = client.post(reverse("creators:login"), login)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 302  # creators stay out of the Wagtail admin


def test_tampered_or_foreign_tokens_are_refused(client, mailoutbox):
    register(client)
    link = verification_link(mailoutbox)
    assert client.get(link[:-3] + "xx/").status_code == 400
    assert client.get(reverse("creators:verify", args=["garbage"])).status_code == 400
    assert not CreatorProfile.objects.get().is_verified


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"accept_terms": ""}, "请阅读并接受投稿协议"),
        ({"password_again": "different-Pass-1"}, "两次输入的密码不一致"),
        ({"password": "12345678", "password_again": "12345678"}, "密码"),
        ({"email": "not-an-email"}, "有效"),
        ({"real_name": "名" * 100_000}, "50"),
        ({"affiliation": "单位\x00名称"}, "空字符"),
    ],
)
def test_bad_registrations_get_a_message_and_keep_the_rest(client, changes, message):
    response = register(client, **changes)
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "锡林浩特市第一中学" in content or "affiliation" in changes
    assert not CreatorProfile.objects.exists()


def test_duplicate_email_is_refused_whatever_its_case(client):
    register(client)
    response = register(client, email="WRITER@example.org")
    assert "该邮箱已注册" in response.content.decode()


def test_mongolian_script_and_emoji_are_stored_as_typed(client, mailoutbox):
    register(client, real_name="ᠣᠶᠤᠨᠴᠢᠮᠡᠭ 🌾", affiliation="ᠰᠢᠯᠢ ᠶᠢᠨ ᠭᠣᠣᠯ")
    assert CreatorProfile.objects.get().real_name == "ᠣᠶᠤᠨᠴᠢᠮᠡᠭ 🌾"


def test_login_is_throttled_per_account_even_with_the_right_password(client, mailoutbox):
    register(client)
    client.get(verification_link(mailoutbox))
    for _ in range(5):
        client.post(reverse("creators:login"), {"email": "writer@example.org", "password": "wrong-guess"})
    response = client.post(
        reverse("creators:login"), {"email": "writer@example.org", "password": GOOD["password"]}
    )
    assert response.status_code == 429
    assert "15 分钟后再试" in response.content.decode()


def test_login_is_throttled_per_address_across_accounts(client):
    for n in range(20):
        client.post(reverse("creators:login"), {"email": f"guess{n}@example.org", "password": "x"})
    response = client.post(reverse("creators:login"), {"email": "someone@example.org", "password": "x"})
    assert response.status_code == 429


def test_registration_is_throttled_per_address(client):
    for n in range(5):
        register(client, email=f"w{n}@example.org")
    response = register(client, email="w9@example.org")
    assert response.status_code == 429 and "乌云其木格" in response.content.decode()


def test_forms_need_the_csrf_token():
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("creators:register"), GOOD).status_code == 403
    assert (
        strict.post(reverse("creators:login"), {"email": "a@example.org", "password": "x"}).status_code == 403
    )


def test_open_redirects_are_refused_after_login(client, mailoutbox):
    register(client)
    client.get(verification_link(mailoutbox))
    response = client.post(
        reverse("creators:login") + "?next=https://evil.example/",
        {"email": "writer@example.org", "password": GOOD["password"]},
    )
    assert response["Location"] == "/"
