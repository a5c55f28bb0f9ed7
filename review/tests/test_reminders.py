"""Overdue stages and late expert opinions are reminded by e-mail, once a day at most."""

import datetime

import pytest

from django.core.management import call_command
from django.utils import timezone

from review import decisions
from review.models import ExpertAssignment, ReviewAction, Stage
from review.reminders import send_reminders

from .scenario import OPINION, advance_to

pytestmark = pytest.mark.django_db


def test_late_expert_is_reminded_once_a_day_and_not_after_answering(cast, mailoutbox):
    state = advance_to(cast, Stage.EXPERT)
    later = timezone.now() + datetime.timedelta(days=8)  # the 7-day deadline has passed
    mailoutbox.clear()
    send_reminders(now=later)
    reminded = sorted(address for m in mailoutbox for address in m.to)
    # expert_c is assigned but declared a conflict: reminded too, so they tell the editor.
    assert reminded == ["expert_a@example.org", "expert_b@example.org", "expert_c@example.org"]
    assert all("审核已逾期" in m.subject for m in mailoutbox)
    mailoutbox.clear()
    send_reminders(now=later + datetime.timedelta(hours=2))
    assert mailoutbox == []
    decisions.record_opinion(
        state, cast["expert_a"], **{**OPINION, "verdict": "revise", "comments_for_creator": "改"}
    )
    mailoutbox.clear()
    send_reminders(now=later + datetime.timedelta(days=1))
    assert mailoutbox == []  # the stage ended with the send-back
    assert ExpertAssignment.objects.filter(reminded_at__isnull=False).count() == 3


def test_overdue_editorial_stage_reminds_the_editors_and_is_logged(cast, mailoutbox):
    advance_to(cast, Stage.EDITORIAL)
    mailoutbox.clear()
    assert send_reminders(now=timezone.now() + datetime.timedelta(days=1)) == 0
    assert send_reminders(now=timezone.now() + datetime.timedelta(days=3)) == 1
    assert {address for m in mailoutbox for address in m.to} == {"editor@example.org", "editor2@example.org"}
    assert ReviewAction.objects.filter(action="remind", stage="editorial").count() == 1


def test_command_runs_the_job(cast, mailoutbox, capsys):
    advance_to(cast, Stage.EDITORIAL)
    call_command("send_review_reminders")
    assert "Reminders sent: 0" in capsys.readouterr().out
