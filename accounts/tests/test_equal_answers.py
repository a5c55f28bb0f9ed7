"""The admin's sign-in and password reset answer a known account and an unknown one alike: the
same words, the same time (real PBKDF2 hasher), the mail sent by a background job."""

import pytest
from axes.models import AccessAttempt

from accounts.models import ThrottleCounter

from .helpers import admin_user, sign_in
from .timing import assert_alike, medians, page_words, queued_mail, real_hasher  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_hasher")]


def forget_failures():
    AccessAttempt.objects.all().delete()
    ThrottleCounter.objects.all().delete()


def test_admin_sign_in_takes_as_long_for_an_unknown_name(client):
    admin_user("editor")
    known = sign_in(client, "editor", "wrong-password")
    unknown = sign_in(client, "nobody", "wrong-password")
    assert known.status_code == unknown.status_code == 200
    assert page_words(known, "editor") == page_words(unknown, "nobody")
    assert_alike(
        *medians(
            lambda: sign_in(client, "editor", "wrong-password"),
            lambda: sign_in(client, "nobody", "wrong-password"),
            between=forget_failures,
        )
    )


@pytest.mark.usefixtures("queued_mail")
def test_admin_password_reset_takes_as_long_and_says_the_same_for_an_unknown_address(client):
    admin_user("editor", email="editor@example.org")

    def reset(email):
        return client.post("/admin/password_reset/", {"email": email})

    known, unknown = reset("editor@example.org"), reset("nobody@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert_alike(
        *medians(
            lambda: reset("editor@example.org"), lambda: reset("nobody@example.org"), between=forget_failures
        )
    )


def test_admin_password_reset_mail_goes_to_known_addresses_only_and_is_limited(client, mailoutbox):
    admin_user("editor", email="editor@example.org")
    for email in ("editor@example.org", "nobody@example.org", "EDITOR@example.org", "editor@example.org"):
        response = client.post("/admin/password_reset/", {"email": email})
        assert response.status_code == 302
    # Three mails per address in 15 minutes; the fourth request is answered alike and sends nothing.
    assert [m.to for m in mailoutbox] == [["editor@example.org"]] * 3
    assert "/admin/password_reset/confirm/" in mailoutbox[0].body
