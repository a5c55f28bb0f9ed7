"""Creator registration with e-mail verification, throttled login, password reset, hostile input."""

import re
from datetime import datetime, timedelta

import pytest

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from creators.models import CreatorProfile

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

    login = {"login": "writer@example.org", "password": GOOD["password"]}
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
        ({"email": "not-an-email"}, "请输入有效的电子邮箱地址。"),
        ({"email": "a" * 150 + "@example.org"}, "150"),  # the username holds 150 characters
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


def test_a_registered_email_is_not_registered_again_whatever_its_case(client, mailoutbox):
    # Answered like a new address (issue 14): the address's owner is told by mail instead.
    first = register(client)
    again = register(client, email="WRITER@example.org")
    assert again.status_code == first.status_code == 200
    assert again.content.decode() == first.content.decode()
    assert get_user_model().objects.filter(email__iexact="writer@example.org").count() == 1
    assert "有人尝试用您的邮箱注册" in mailoutbox[-1].subject


def test_mongolian_script_and_emoji_are_stored_as_typed(client, mailoutbox):
    register(client, real_name="ᠣᠶᠤᠨᠴᠢᠮᠡᠭ 🌾", affiliation="ᠰᠢᠯᠢ ᠶᠢᠨ ᠭᠣᠣᠯ")
    assert CreatorProfile.objects.get().real_name == "ᠣᠶᠤᠨᠴᠢᠮᠡᠭ 🌾"


def test_login_is_throttled_per_account_even_with_the_right_password(client, mailoutbox):
    register(client)
    client.get(verification_link(mailoutbox))
    for _ in range(5):
        client.post(reverse("creators:login"), {"login": "writer@example.org", "password": "wrong-guess"})
    response = client.post(
        reverse("creators:login"), {"login": "writer@example.org", "password": GOOD["password"]}
    )
    assert response.status_code == 429
    assert "15 分钟后再试" in response.content.decode()


def test_a_creator_logs_in_by_username_as_well_as_by_email(client, mailoutbox):
    register(client)
    client.get(verification_link(mailoutbox))
    get_user_model().objects.filter(email="writer@example.org").update(username="writer")
    response = client.post(reverse("creators:login"), {"login": "writer", "password": GOOD["password"]})
    assert response.status_code == 302 and response["Location"] == reverse("creators:my_works")


def test_staff_usernames_do_not_log_in_here(client, django_user_model):
    django_user_model.objects.create_user("editor", "editor@example.org", GOOD["password"], is_staff=True)
    response = client.post(reverse("creators:login"), {"login": "editor", "password": GOOD["password"]})
    page = response.content.decode()
    assert response.status_code == 200 and "邮箱、用户名或密码不正确" in page
    assert "_auth_user_id" not in client.session


def test_an_empty_login_is_answered_in_chinese(client):
    page = client.post(reverse("creators:login"), {"login": "", "password": ""}).content.decode()
    assert "请填写邮箱或用户名。" in page and "Email" not in page


def test_switching_between_email_and_username_does_not_double_the_guesses(client, mailoutbox):
    register(client)
    client.get(verification_link(mailoutbox))
    get_user_model().objects.filter(email="writer@example.org").update(username="writer")
    for name in ["writer@example.org", "writer", "WRITER@example.org", "writer", "writer@example.org"]:
        client.post(reverse("creators:login"), {"login": name, "password": "wrong-guess"})
    response = client.post(reverse("creators:login"), {"login": "writer", "password": GOOD["password"]})
    assert response.status_code == 429


def test_login_is_throttled_per_address_across_accounts(client):
    for n in range(20):
        client.post(reverse("creators:login"), {"login": f"guess{n}@example.org", "password": "x"})
    response = client.post(reverse("creators:login"), {"login": "someone@example.org", "password": "x"})
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
        strict.post(reverse("creators:login"), {"login": "a@example.org", "password": "x"}).status_code == 403
    )


def test_open_redirects_are_refused_after_login(client, mailoutbox):
    register(client)
    client.get(verification_link(mailoutbox))
    response = client.post(
        reverse("creators:login") + "?next=https://evil.example/",
        {"login": "writer@example.org", "password": GOOD["password"]},
    )
    assert response["Location"] == reverse("creators:my_works")  # not the foreign site: 我的作品


# --- Password reset ------------------------------------------------------------------------------

PASSWORD = GOOD["password"]
NEW_PASSWORD = "敕勒川-Yinshan-2027?"  # noqa: S105


def creator_account(email="writer@example.org", verified=True, **user_fields):
    """A creator as registration leaves one (username = e-mail), verified or still waiting."""
    user = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD, **{"is_active": verified, **user_fields}
    )
    CreatorProfile.objects.create(
        user=user,
        real_name="乌云其木格",
        affiliation="锡林浩特市第一中学",
        terms_accepted_at=timezone.now(),
        email_verified_at=timezone.now() if verified else None,
    )
    return user


def request_reset(client, email):
    return client.post(reverse("creators:password_reset"), {"email": email})


def reset_link(mailoutbox):
    return re.search(r"https?://\S+/creators/password/reset/\S+/", mailoutbox[-1].body).group(0)


def log_in(client, email, password):
    return client.post(reverse("creators:login"), {"login": email, "password": password})


def test_password_reset_end_to_end(client, mailoutbox):
    user = creator_account()
    login_page = client.get(reverse("creators:login")).content.decode()
    assert reverse("creators:password_reset") in login_page and "忘记密码" in login_page

    response = request_reset(client, "WRITER@example.org")
    assert response.status_code == 200 and "请查收邮件" in response.content.decode()
    assert [m.to for m in mailoutbox] == [["writer@example.org"]]
    assert "重设密码" in mailoutbox[0].subject and "72 小时" in mailoutbox[0].body

    link = reset_link(mailoutbox)
    response = client.get(link)  # the token moves into the session, out of the address bar
    assert response.status_code == 302 and response["Location"].endswith("/set-password/")
    form_url = response["Location"]
    assert client.get(form_url).status_code == 200
    weak = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200 and "这个密码太常见了" in weak.content.decode()

    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("creators:my_works")
    assert client.get(reverse("creators:my_works")).status_code == 200  # logged in as the creator
    assert int(client.session["_auth_user_id"]) == user.pk

    client.post(reverse("creators:logout"))
    assert log_in(client, "writer@example.org", PASSWORD).status_code == 200  # the old one fails
    assert log_in(client, "writer@example.org", NEW_PASSWORD).status_code == 302
    client.post(reverse("creators:logout"))

    reused = client.get(link)
    assert reused.status_code == 400 and "无效或已过期" in reused.content.decode()


def test_reset_verifies_an_account_still_waiting_for_verification(client, mailoutbox):
    user = creator_account(verified=False)
    request_reset(client, "writer@example.org")
    form_url = client.get(reset_link(mailoutbox))["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    user.refresh_from_db()
    assert user.is_active and user.creator_profile.is_verified
    assert client.get(reverse("creators:my_works")).status_code == 200


@pytest.mark.parametrize(
    "account",
    [
        "unknown",
        "staff",
        "superuser",
        "switched_off",  # verified once, then deactivated by the editors
        "not_a_creator",
    ],
)
def test_reset_answers_the_same_and_sends_nothing_for_other_accounts(client, mailoutbox, account):
    creator_account("known@example.org")
    if account == "staff":
        creator_account("other@example.org", is_staff=True)
    elif account == "superuser":
        creator_account("other@example.org", is_superuser=True)
    elif account == "switched_off":
        creator_account("other@example.org", is_active=False)
    elif account == "not_a_creator":
        get_user_model().objects.create_user("editor", email="other@example.org", password=PASSWORD)

    known = request_reset(client, "known@example.org")
    other = request_reset(client, "other@example.org")
    assert other.status_code == known.status_code == 200
    assert other.content.decode().replace("other@", "known@") == known.content.decode()
    assert [m.to for m in mailoutbox] == [["known@example.org"]]


def test_a_valid_token_for_a_staff_account_is_refused(client):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    staff = creator_account(is_staff=True)
    uid = urlsafe_base64_encode(force_bytes(staff.pk))
    link = reverse("creators:password_reset_confirm", args=[uid, default_token_generator.make_token(staff)])
    assert client.get(link).status_code == 400


def test_an_expired_link_is_refused_with_a_message(client, mailoutbox, monkeypatch, settings):
    from django.contrib.auth.tokens import default_token_generator

    creator_account()
    request_reset(client, "writer@example.org")
    later = datetime.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)
    response = client.get(reset_link(mailoutbox))
    assert response.status_code == 400
    assert "无效或已过期" in response.content.decode() and reverse("creators:password_reset") in (
        response.content.decode()
    )


def test_reset_requests_are_throttled_per_email(client, mailoutbox):
    creator_account()
    for _ in range(3):
        assert request_reset(client, "writer@example.org").status_code == 200
    response = request_reset(client, "Writer@example.org")
    assert response.status_code == 429 and "15 分钟后再试" in response.content.decode()
    assert len(mailoutbox) == 3


def test_reset_requests_are_throttled_per_address(client):
    for n in range(10):
        request_reset(client, f"guess{n}@example.org")
    assert request_reset(client, "someone@example.org").status_code == 429


@pytest.mark.parametrize(
    ("email", "message"),
    [("a" * 100_000 + "@example.org", "254"), ("writer\x00@example.org", "有效"), ("", "必需")],
)
def test_hostile_reset_requests_get_a_message(client, mailoutbox, email, message):
    creator_account()
    response = request_reset(client, email)
    assert response.status_code == 200 and message in response.content.decode()
    assert not mailoutbox


def test_reset_forms_need_the_csrf_token(mailoutbox):
    creator_account()
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("creators:password_reset"), {"email": "writer@example.org"}).status_code == 403
    assert not mailoutbox
    Client().post(reverse("creators:password_reset"), {"email": "writer@example.org"})
    form_url = strict.get(reset_link(mailoutbox))["Location"]
    response = strict.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 403


def test_a_logged_in_creator_following_the_login_link_lands_on_their_works(portal):
    response = portal.get(reverse("creators:login"))
    assert response.status_code == 302 and response["Location"] == reverse("creators:my_works")
