"""A crash between publish and notify: the work stays published, and every e-mail still reaches
each recipient exactly once — the job is rerun (manage.py send_review_mail, or the task again) and
sends only what was not sent."""

import io
from collections import Counter

import pytest

from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from review import notifications
from review.models import OutgoingMail, ReviewClearance, Stage
from review.tests.conftest import current_state
from review.tests.scenario import advance_to

from .mailservers import CrashAfter

pytestmark = pytest.mark.django_db

ADDRESSES = [f"reader{n}@example.org" for n in range(5)]


def received():
    return Counter(address for message in mail.outbox for address in message.to)


def retry():
    call_command("send_review_mail", stdout=io.StringIO())


def test_a_job_that_dies_half_way_is_rerun_without_sending_twice(settings):
    settings.EMAIL_BACKEND = "tests.faults.mailservers.CrashAfter"
    CrashAfter.sent = 0
    event = notifications.mail("待处理：《测试》", "正文", ADDRESSES)
    # The worker died after two messages: those two are recorded as sent, the rest are not.
    assert sorted(received().values()) == [1, 1]
    assert OutgoingMail.objects.filter(event=event, sent_at__isnull=False).count() == 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    notifications.deliver.call(str(event))  # the job run again, as a database-backend worker would
    assert received() == Counter(dict.fromkeys(ADDRESSES, 1))
    notifications.deliver.call(str(event))  # and again: nothing more
    retry()
    assert received() == Counter(dict.fromkeys(ADDRESSES, 1))
    assert all(message.subject == "【内蒙古科普】待处理：《测试》" for message in mail.outbox)


def test_mail_server_down_at_publication_then_the_retry_sends_once(cast, settings):
    state = advance_to(cast, Stage.FINAL)
    mail.outbox.clear()
    settings.EMAIL_BACKEND = "tests.faults.mailservers.DownBackend"
    from review import decisions

    decisions.act(state, cast["chief"], "approve", comment="同意发布")

    work = cast["work"]
    work.refresh_from_db()
    assert work.live and ReviewClearance.objects.filter(page_id=work.pk).exists()
    assert current_state(work) is None  # the workflow is complete
    unsent = OutgoingMail.objects.filter(sent_at__isnull=True, recipient=cast["creator"].email)
    assert unsent.count() == 1 and "已发布" in unsent.get().subject and "421" in unsent.get().last_error

    with pytest.raises(CommandError, match="could not be sent"):
        retry()  # still down: reported, kept for the next run
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retry()
    retry()
    published = [m for m in mail.outbox if "已发布" in m.subject]
    assert [m.to for m in published] == [[cast["creator"].email]]
    assert not OutgoingMail.objects.filter(sent_at__isnull=True).exists()


def test_one_row_per_event_and_recipient():
    event = notifications.mail("主题", "正文", ["a@example.org", "a@example.org", "", "b@example.org"])
    assert sorted(OutgoingMail.objects.filter(event=event).values_list("recipient", flat=True)) == [
        "a@example.org",
        "b@example.org",
    ]
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        OutgoingMail.objects.create(event=event, recipient="a@example.org", subject="x", body="x")
