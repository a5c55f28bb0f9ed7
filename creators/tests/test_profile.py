"""我的资料, a new login address confirmed by a link sent to it, and a password change."""

import re

import pytest

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from articles.models import Discipline
from creators.models import CreatorProfile

from .test_accounts import NEW_PASSWORD, PASSWORD, creator_account, log_in

pytestmark = pytest.mark.django_db

PROFILE = {
    "real_name": "其其格",
    "affiliation": "内蒙古农业大学草原与资源环境学院",
    "bio": "研究草原生态,写给牧民朋友的科普。",
}


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def writer(client):
    user = creator_account()
    client.force_login(user)
    return user


def confirm_link(mailoutbox):
    return re.search(r"https?://\S+/creators/profile/email/\S+/", mailoutbox[-1].body).group(0)


ACCOUNT_PAGES = ["creators:profile", "creators:change_email", "creators:change_password"]


@pytest.mark.parametrize("name", ACCOUNT_PAGES)
def test_anonymous_and_unverified_visitors_are_sent_to_login(client, name):
    expected = f"{reverse('creators:login')}?next={reverse(name)}"
    assert client.get(reverse(name))["Location"] == expected
    client.force_login(creator_account(verified=False))
    assert client.get(reverse(name))["Location"] == expected


def test_navigation_links_the_account_pages(client, writer):
    page = client.get(reverse("creators:my_works")).content.decode()
    for name in ["creators:profile", "creators:change_password"]:
        assert f'href="{reverse(name)}"' in page


def test_profile_edit_saves_the_creators_own_profile_only(client, writer):
    other = creator_account("other@example.org")
    ecology, health = Discipline.objects.filter(parent=None)[:2]
    page = client.get(reverse("creators:profile")).content.decode()
    assert "锡林浩特市第一中学" in page and "writer@example.org" in page

    # There is no id in the address; ids smuggled into the form change nothing.
    data = {
        **PROFILE,
        "disciplines": [ecology.pk, health.pk],
        "user": other.pk,
        "id": other.creator_profile.pk,
    }
    response = client.post(reverse("creators:profile"), data)
    assert response.status_code == 302 and response["Location"] == reverse("creators:profile")
    profile = CreatorProfile.objects.get(user=writer)
    assert (profile.real_name, profile.affiliation, profile.bio) == tuple(PROFILE.values())
    assert set(profile.disciplines.all()) == {ecology, health}
    writer.refresh_from_db()
    assert writer.first_name == "其其格"
    untouched = CreatorProfile.objects.get(user=other)
    assert (untouched.real_name, untouched.affiliation) == ("乌云其木格", "锡林浩特市第一中学")
    assert CreatorProfile.objects.count() == 2
    assert "资料已保存" in client.get(reverse("creators:profile")).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"real_name": "名" * 100_000}, "50"),
        ({"affiliation": "单位\x00名称"}, "空字符"),
        ({"bio": "草" * 100_000}, "1000"),
        ({"real_name": "   "}, "必需"),
        ({"disciplines": ["999999"]}, "有效"),
    ],
)
def test_bad_profile_input_gets_a_message_and_keeps_the_rest(client, writer, changes, message):
    response = client.post(reverse("creators:profile"), {**PROFILE, **changes})
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "研究草原生态" in content or "bio" in changes
    assert CreatorProfile.objects.get(user=writer).real_name == "乌云其木格"


def test_mongolian_script_and_emoji_are_stored_as_typed(client, writer):
    client.post(reverse("creators:profile"), {**PROFILE, "real_name": "ᠴᠢᠴᠢᠭ 🌾", "bio": "ᠪᠢᠴᠢᠭ ᠦᠰᠦᠭ 🐑"})
    profile = CreatorProfile.objects.get(user=writer)
    assert (profile.real_name, profile.bio) == ("ᠴᠢᠴᠢᠭ 🌾", "ᠪᠢᠴᠢᠭ ᠦᠰᠦᠭ 🐑")


def test_invalid_utf8_is_never_a_server_error(client, writer):
    body = b"real_name=%FF%FE%E4&affiliation=\xff\xfe\xc3&bio="
    response = client.post(
        reverse("creators:profile"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (200, 302)


def test_email_change_is_confirmed_by_a_link_to_the_new_address(client, writer, mailoutbox):
    data = {"email": "New.Address@Example.org", "password": PASSWORD}
    response = client.post(reverse("creators:change_email"), data)
    assert response.status_code == 200 and "new.address@example.org" in response.content.decode()
    assert [m.to for m in mailoutbox] == [["new.address@example.org"]]
    writer.refresh_from_db()
    assert writer.email == "writer@example.org"  # nothing changes before the link is opened

    link = confirm_link(mailoutbox)
    response = Client().get(link)  # the link works on whichever device reads the mail
    assert response.status_code == 302
    writer.refresh_from_db()
    assert writer.email == writer.username == "new.address@example.org"
    assert mailoutbox[-1].to == ["writer@example.org"] and "new.address@example.org" in mailoutbox[-1].body

    assert Client().get(link).status_code == 400  # once only
    client.post(reverse("creators:logout"))
    assert log_in(client, "writer@example.org", PASSWORD).status_code == 200
    assert log_in(client, "new.address@example.org", PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "new@example.org", "password": "wrong-guess"}, "当前密码不正确"),
        ({"email": "OTHER@example.org", "password": PASSWORD}, "已被其他账号使用"),
        ({"email": "writer@example.org", "password": PASSWORD}, "这已经是您的登录邮箱"),
        ({"email": "a" * 100_000 + "@example.org", "password": PASSWORD}, "150"),
        ({"email": "new\x00@example.org", "password": PASSWORD}, "有效"),
    ],
)
def test_bad_email_changes_get_a_message_and_no_mail(client, writer, mailoutbox, data, message):
    creator_account("other@example.org")
    response = client.post(reverse("creators:change_email"), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not mailoutbox


def test_email_change_link_is_refused_if_the_address_was_taken_meanwhile(client, writer, mailoutbox):
    client.post(reverse("creators:change_email"), {"email": "new@example.org", "password": PASSWORD})
    creator_account("new@example.org")
    assert client.get(confirm_link(mailoutbox)).status_code == 400
    writer.refresh_from_db()
    assert writer.email == "writer@example.org"


def test_tampered_email_change_links_are_refused(client, writer, mailoutbox):
    client.post(reverse("creators:change_email"), {"email": "new@example.org", "password": PASSWORD})
    link = confirm_link(mailoutbox)
    assert client.get(link[:-3] + "xx/").status_code == 400
    assert client.get(reverse("creators:confirm_email", args=["garbage"])).status_code == 400
    writer.refresh_from_db()
    assert writer.email == "writer@example.org"


def test_email_change_is_throttled_without_revealing_the_password_check(client, writer, mailoutbox):
    for n in range(5):
        client.post(reverse("creators:change_email"), {"email": f"n{n}@example.org", "password": "wrong"})
    response = client.post(
        reverse("creators:change_email"), {"email": "n9@example.org", "password": PASSWORD}
    )
    content = response.content.decode()
    assert response.status_code == 429 and "15 分钟后再试" in content
    assert "n9@example.org" in content and "当前密码不正确" not in content
    assert not mailoutbox


def test_password_change_keeps_this_session_and_ends_the_others(client, writer):
    elsewhere = Client()
    elsewhere.force_login(writer)
    wrong = client.post(
        reverse("creators:change_password"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200 and "旧密码不正确" in wrong.content.decode()
    mismatch = client.post(
        reverse("creators:change_password"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": "不一样-Other-1"},
    )
    assert "两个密码不一致" in mismatch.content.decode()

    response = client.post(
        reverse("creators:change_password"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get(reverse("creators:profile")).status_code == 200
    assert elsewhere.get(reverse("creators:profile")).status_code == 302
    writer.refresh_from_db()
    assert writer.check_password(NEW_PASSWORD) and not writer.check_password(PASSWORD)


def test_password_change_is_throttled_after_wrong_current_passwords(client, writer):
    new = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    for _ in range(5):
        client.post(reverse("creators:change_password"), {"old_password": "wrong", **new})
    response = client.post(reverse("creators:change_password"), {"old_password": PASSWORD, **new})
    assert response.status_code == 429
    writer.refresh_from_db()
    assert writer.check_password(PASSWORD)


def test_overlong_new_password_gets_a_message(client, writer):
    long = "长" * 100_000
    response = client.post(
        reverse("creators:change_password"),
        {"old_password": PASSWORD, "new_password1": long, "new_password2": long},
    )
    assert response.status_code == 200 and "128" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("creators:profile", PROFILE),
        ("creators:change_email", {"email": "new@example.org", "password": PASSWORD}),
        (
            "creators:change_password",
            {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        ),
    ],
)
def test_account_forms_need_the_csrf_token(name, data, mailoutbox):
    strict = Client(enforce_csrf_checks=True)
    user = creator_account()
    strict.force_login(user)
    assert strict.post(reverse(name), data).status_code == 403
    user.refresh_from_db()
    assert user.check_password(PASSWORD) and user.creator_profile.real_name == "乌云其木格"
    assert not mailoutbox
