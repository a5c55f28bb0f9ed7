"""`manage.py send_digest`, the send_weekly_digest task, and the admin's lists of subscribers and
deliveries (listed and inspected, never edited)."""

import io

import pytest
from django_tasks import TaskResultStatus

from django.core.management import CommandError, call_command
from django.urls import reverse

from channels.digest.models import DigestDelivery, DigestIssue, Subscriber
from channels.digest.tasks import DigestStopped, send_weekly_digest
from tests import factories

from .conftest import make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(site_tree):
    return factories.make_work(site_tree["works"], "流星雨观测指南", audiences=["youth"])


def run(*args):
    out = io.StringIO()
    call_command("send_digest", *args, stdout=out)
    return out.getvalue()


def test_the_command_sends_a_week_once(work, this_week, mailoutbox):
    make_subscriber("reader@example.org")
    dry = run("--date", this_week.monday.isoformat(), "--dry-run")
    assert "1 digest(s) would be sent" in dry and mailoutbox == [] and not DigestIssue.objects.exists()
    assert "1 digest(s) sent" in run("--week", this_week.label)
    again = run("--week", this_week.label)
    assert "0 digest(s) sent" in again and "1 already sent" in again
    assert len(mailoutbox) == 1
    # By default: the last complete week, which holds nothing of this week's.
    assert "0 work(s)" in run()
    for bad in (["--week", "2026-W60"], ["--date", "1 March"]):
        with pytest.raises(CommandError):
            run(*bad)


def test_the_command_reports_a_failed_send_and_an_uncertain_delivery(work, this_week, mailoutbox, settings):
    for n in range(4):
        make_subscriber(f"reader{n}@example.org")
    settings.EMAIL_BACKEND = "channels.digest.tests.backends.FailsOnThirdMessage"
    with pytest.raises(CommandError):
        run("--week", this_week.label)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with pytest.raises(CommandError) as stopped:
        out = io.StringIO()
        call_command("send_digest", "--week", this_week.label, stdout=out)
    assert stopped.value.returncode == 1
    assert "Uncertain" in out.getvalue() and "reader2@example.org" in out.getvalue()
    assert sorted(m.to[0] for m in mailoutbox) == [
        "reader0@example.org",
        "reader1@example.org",
        "reader3@example.org",
    ]


def test_the_task_runs_inline_with_the_immediate_backend(work, this_week, mailoutbox, settings):
    make_subscriber("reader@example.org")
    result = send_weekly_digest.enqueue(this_week.label)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["sent"] == ["reader@example.org"] and len(mailoutbox) == 1
    assert "Digest job finished" in run("--week", this_week.label, "--enqueue")
    assert len(mailoutbox) == 1

    make_subscriber("a@example.org")
    make_subscriber("b@example.org")
    make_subscriber("c@example.org")
    settings.EMAIL_BACKEND = "channels.digest.tests.backends.FailsOnThirdMessage"
    failed = send_weekly_digest.enqueue(this_week.label)
    assert failed.status == TaskResultStatus.FAILED
    assert DigestStopped.__name__ in failed.errors[0].exception_class_path
    assert DigestDelivery.objects.filter(sent_at__isnull=True).get().subscriber.email == "c@example.org"


def test_the_admin_lists_and_inspects_but_never_edits(client, site_tree, this_week, work, mailoutbox):
    root = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    subscriber = make_subscriber("reader@example.org")
    make_subscriber("pending@example.org", confirmed=False)
    call_command("send_digest", "--week", this_week.label, stdout=io.StringIO())
    delivery = DigestDelivery.objects.get()

    listing = client.get(reverse("digest_subscribers:index"))
    assert listing.status_code == 200 and "reader@example.org" in listing.content.decode()
    assert reverse("digest_subscribers:add") not in listing.content.decode()
    assert reverse("digest_subscribers:edit", args=[subscriber.pk]) not in listing.content.decode()
    active = client.get(reverse("digest_subscribers:index"), {"status": "active"}).content.decode()
    assert "reader@example.org" in active and "pending@example.org" not in active
    assert client.get(reverse("digest_subscribers:inspect", args=[subscriber.pk])).status_code == 200
    deliveries = client.get(reverse("digest_deliveries:index"), {"status": "sent"})
    assert deliveries.status_code == 200 and "reader@example.org" in deliveries.content.decode()
    assert client.get(reverse("digest_deliveries:inspect", args=[delivery.pk])).status_code == 200

    for refused in (
        reverse("digest_subscribers:add"),
        reverse("digest_subscribers:edit", args=[subscriber.pk]),
        reverse("digest_deliveries:edit", args=[delivery.pk]),
    ):
        assert client.get(refused).status_code != 200, refused
        assert client.post(refused, {"audiences": [], "error": "x"}).status_code != 200, refused
    assert Subscriber.objects.get(pk=subscriber.pk).email == "reader@example.org"
    assert DigestDelivery.objects.get().error == ""
