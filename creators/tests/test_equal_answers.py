"""The creator portal answers a known account and an unknown one alike (issue 14): sign-in,
registration and password reset take the same time (real PBKDF2 hasher) and say the same words;
an address already in use by any account (staff included) is never registered twice."""

import pytest
from axes.models import AccessAttempt

from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import ThrottleCounter
from accounts.tests.timing import assert_alike, medians, page_words, queued_mail, real_hasher  # noqa: F401

from .test_accounts import GOOD, PASSWORD, creator_account

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_hasher")]


def forget_counts():
    AccessAttempt.objects.all().delete()
    ThrottleCounter.objects.all().delete()


def log_in(client, name, password="wrong-password"):  # noqa: S107
    return client.post(reverse("creators:login"), {"login": name, "password": password})


def test_login_takes_as_long_and_says_the_same_for_an_unknown_address(client):
    creator_account("writer@example.org")
    known, unknown = log_in(client, "writer@example.org"), log_in(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    assert page_words(known, "writer@example.org") == page_words(unknown, "nobody@example.org")
    assert_alike(
        *medians(
            lambda: log_in(client, "writer@example.org"),
            lambda: log_in(client, "nobody@example.org"),
            between=forget_counts,
        )
    )


def test_login_with_the_right_password_still_works(client):
    creator_account("writer@example.org")
    assert log_in(client, "writer@example.org", PASSWORD).status_code == 302


def test_the_login_lockout_is_counted_in_the_database(client):
    creator_account("writer@example.org")
    for _ in range(5):
        log_in(client, "writer@example.org")
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "writer@example.org" and attempt.failures_since_start == 5
    response = log_in(client, "writer@example.org", PASSWORD)
    assert response.status_code == 429 and "15 分钟后再试" in response.content.decode()


@pytest.mark.usefixtures("queued_mail")
def test_registration_takes_as_long_and_says_the_same_for_a_registered_address(client):
    creator_account("writer@example.org")
    fresh = iter(range(100))

    def register(email):
        return client.post(reverse("creators:register"), {**GOOD, "email": email})

    known = register("Writer@Example.org")
    unknown = register("new-0@example.org")
    assert known.status_code == unknown.status_code == 200
    assert page_words(known, "writer@example.org") == page_words(unknown, "new-0@example.org")
    assert_alike(
        *medians(
            lambda: register("writer@example.org"),
            lambda: register(f"new-{next(fresh) + 1}@example.org"),
            between=forget_counts,
        )
    )


@pytest.mark.usefixtures("queued_mail")
def test_password_reset_takes_as_long_for_an_unknown_address(client):
    creator_account("writer@example.org")

    def reset(email):
        return client.post(reverse("creators:password_reset"), {"email": email})

    known, unknown = reset("writer@example.org"), reset("nobody@example.org")
    assert page_words(known, "writer@example.org") == page_words(unknown, "nobody@example.org")
    assert_alike(
        *medians(
            lambda: reset("writer@example.org"),
            lambda: reset("nobody@example.org"),
            between=forget_counts,
            tries=41,  # a request of ~15 ms: more tries, so that a busy machine's bursts even out
        )
    )


@pytest.mark.parametrize("case", ["staff with another username", "creator", "different case"])
def test_an_address_in_use_by_any_account_is_not_registered_again(client, mailoutbox, case):
    users = get_user_model().objects
    if case == "staff with another username":
        users.create_user("editor", "Editor@Example.org", PASSWORD, is_staff=True)
    else:
        creator_account("editor@example.org")
    email = "EDITOR@example.org" if case == "different case" else "editor@example.org"
    response = client.post(reverse("creators:register"), {**GOOD, "email": email})
    assert (
        response.status_code == 200
        and "我们已向 editor@example.org 发送了一封邮件" in response.content.decode()
    )
    assert users.filter(email__iexact="editor@example.org").count() == 1
    assert users.count() == 1
    (notice,) = mailoutbox
    assert notice.to == ["editor@example.org"] and "有人尝试用您的邮箱注册" in notice.subject
    assert reverse("creators:password_reset") in notice.body and reverse("creators:login") in notice.body


def test_every_registration_attempt_counts_even_refused_ones(client):
    for n in range(5):
        client.post(reverse("creators:register"), {**GOOD, "email": f"w{n}@example.org", "accept_terms": ""})
    response = client.post(reverse("creators:register"), {**GOOD, "email": "w9@example.org"})
    assert response.status_code == 429 and not get_user_model().objects.exists()


def test_registrations_for_one_address_are_limited_from_any_address(client, mailoutbox):
    creator_account("writer@example.org")
    for n in range(3):
        client.post(
            reverse("creators:register"), {**GOOD, "email": "writer@example.org"}, REMOTE_ADDR=f"10.0.{n}.1"
        )
    response = client.post(
        reverse("creators:register"), {**GOOD, "email": "writer@example.org"}, REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 429
    assert len(mailoutbox) == 3  # the owner is not flooded
