"""Sign-in lockouts (axes, database-backed): the admin login, the creator login, the tiers, the
Chinese message, and the unlock page."""

import pytest
from axes.models import AccessAttempt

from django.core.cache import cache
from django.urls import reverse

from accounts.models import SecurityEvent

from .helpers import PASSWORD, admin_user, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_second_factor")]


@pytest.fixture
def no_second_factor(settings):
    # These tests are about passwords; test_two_factor.py goes through the second step.
    settings.PORTAL_ADMIN_2FA_REQUIRED = False


def test_forty_wrong_passwords_then_the_right_one_is_refused_at_the_admin_login(client):
    admin_user("editor")
    answers = [sign_in(client, password=f"guess-{n}").status_code for n in range(40)]
    assert answers[:4] == [200] * 4 and set(answers[5:]) == {429}
    response = sign_in(client)
    page = response.content.decode()
    assert response.status_code == 429
    assert "尝试次数过多，账户已暂时锁定，请 15 分钟后再试或联系管理员。" in page
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still signed out


def test_the_count_is_in_the_database_not_in_one_process(client):
    admin_user("editor")
    for n in range(5):
        sign_in(client, password=f"guess-{n}")
    cache.clear()  # a per-process or per-cache count would be gone now
    assert AccessAttempt.objects.filter(username="editor").get().failures_since_start == 5
    assert sign_in(client).status_code == 429


def test_a_locked_name_is_refused_whatever_its_case_or_spaces(client):
    admin_user("editor")
    for n in range(5):
        sign_in(client, username=" EDITOR " if n % 2 else "Editor", password=f"guess-{n}")
    assert sign_in(client).status_code == 429


def test_spraying_from_one_address_is_stopped_after_20_failures(client):
    admin_user("editor")
    for n in range(20):
        sign_in(client, username=f"user{n}", password="Summer2026!")
    assert sign_in(client).status_code == 429  # a right password for another name: refused too


def test_guessing_from_many_addresses_is_stopped_after_30_failures(client):
    admin_user("editor")
    for n in range(30):
        sign_in(client, password=f"guess-{n}", REMOTE_ADDR=f"10.0.{n}.1")
    assert sign_in(client, REMOTE_ADDR="10.9.9.9").status_code == 429


def test_a_few_failures_elsewhere_do_not_lock_a_colleague_out(client):
    admin_user("editor")
    for n in range(4):
        sign_in(client, password=f"guess-{n}", REMOTE_ADDR="10.0.0.1")
    for n in range(10):
        sign_in(client, password=f"guess-{n}", REMOTE_ADDR=f"10.1.{n}.1")
    response = sign_in(client, REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_the_creator_login_shares_the_lockout(client):
    admin_user("editor")
    for n in range(5):
        client.post(reverse("creators:login"), {"login": "editor", "password": f"guess-{n}"})
    assert sign_in(client).status_code == 429


def test_an_administrator_lifts_a_lockout_and_it_is_logged(client):
    admin_user("editor")
    boss = admin_user("boss", superuser=True)
    for n in range(6):
        sign_in(client, password=f"guess-{n}", REMOTE_ADDR="198.51.100.4")
    client.force_login(boss)
    page = client.get(reverse("accounts_lockouts"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "editor" in content and "已锁定" in content and "解除锁定" in content
    response = client.post(reverse("accounts_lockouts"), {"username": "editor"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="editor").exists()
    event = SecurityEvent.objects.get()
    assert (event.action, event.actor, event.subject) == ("unlock_account", boss, "editor")
    client.logout()
    assert sign_in(client, REMOTE_ADDR="198.51.100.4").status_code == 302


def test_an_address_is_unlocked_too(client):
    boss = admin_user("boss", superuser=True)
    for n in range(20):
        sign_in(client, username=f"user{n}", password="x", REMOTE_ADDR="203.0.113.9")
    client.force_login(boss)
    client.post(reverse("accounts_lockouts"), {"ip_address": "203.0.113.9"})
    assert not AccessAttempt.objects.filter(ip_address="203.0.113.9").exists()
    assert SecurityEvent.objects.get().action == "unlock_address"


def test_editors_cannot_see_or_lift_lockouts(client):
    for n in range(5):
        sign_in(client, username="someone", password=f"guess-{n}")
    client.force_login(admin_user("editor"))
    # Wagtail answers a refusal with its dashboard and a message.
    for response in (
        client.get(reverse("accounts_lockouts")),
        client.post(reverse("accounts_lockouts"), {"username": "someone"}),
        client.get(reverse("accounts_two_factor_status")),
        client.post(reverse("accounts_two_factor_reset", args=[1])),
    ):
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert AccessAttempt.objects.filter(username="someone").exists()
    assert not SecurityEvent.objects.exists()


def test_the_permission_opens_the_page_without_superuser_rights(client):
    from django.contrib.auth.models import Permission

    editor = admin_user("editor")
    editor.user_permissions.add(Permission.objects.get(codename="manage_account_security"))
    client.force_login(editor)
    assert client.get(reverse("accounts_lockouts")).status_code == 200


def test_axes_reset_command_lifts_every_lockout(client):
    from django.core.management import call_command

    admin_user("editor")
    for n in range(5):
        sign_in(client, password=f"guess-{n}")
    call_command("axes_reset", verbosity=0)
    assert sign_in(client).status_code == 302


def test_code_without_a_request_still_authenticates(django_user_model):
    from django.contrib.auth import authenticate

    django_user_model.objects.create_user("script", password=PASSWORD)
    assert authenticate(username="script", password=PASSWORD) is not None


def test_behind_the_proxy_each_client_counts_for_itself_and_cannot_pick_its_address(client):
    admin_user("editor")
    # Through nginx (REMOTE_ADDR 127.0.0.1), which appends the address it saw to X-Forwarded-For;
    # the attacker's own entries on the left change nothing.
    for n in range(5):
        sign_in(client, password=f"guess-{n}", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.66")
    assert sign_in(client, HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.66").status_code == 429
    # Another reader behind the same proxy is not locked out with them.
    response = sign_in(client, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert response.status_code == 302


def test_a_client_not_behind_a_trusted_proxy_cannot_pick_its_address(client):
    admin_user("editor")
    for n in range(5):
        sign_in(client, password=f"guess-{n}", REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert sign_in(client, REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR="10.1.1.1").status_code == 429


def test_spent_counters_and_expired_failures_are_purged(client):
    from django.core.management import call_command
    from django.utils import timezone

    from accounts import throttle
    from accounts.models import ThrottleCounter

    throttle.record("register-address", "203.0.113.1")
    throttle.record("register-address", "203.0.113.2")
    sign_in(client, "someone", "x")
    hour_ago = timezone.now() - timezone.timedelta(hours=1)
    ThrottleCounter.objects.filter(key=throttle._hashed("203.0.113.1")).update(window_started_at=hour_ago)
    AccessAttempt.objects.update(attempt_time=hour_ago)
    call_command("purge_account_counters", verbosity=0)
    assert ThrottleCounter.objects.count() == 1 and not AccessAttempt.objects.exists()


def test_a_malformed_forwarded_header_is_not_believed_and_breaks_nothing(client):
    admin_user("editor")
    for n in range(5):
        response = sign_in(client, password=f"guess-{n}", HTTP_X_FORWARDED_FOR=f"junk-{n}, <script>")
        assert response.status_code in (200, 429)
    assert AccessAttempt.objects.get().ip_address == "127.0.0.1"
