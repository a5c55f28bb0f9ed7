"""应急科普: one expert publishes; a second expert must review within 72 hours, and the page says so."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.models import WorkflowPage

from review import decisions
from review.models import CaseOrigin, CorrectionCase, Stage
from review.reminders import send_reminders
from review.setup import FAST_TRACK_WORKFLOW

from .conftest import current_state
from .scenario import CHECKLIST, OPINION

pytestmark = pytest.mark.django_db


@pytest.fixture
def fast(cast):
    from wagtail.models import Workflow

    workflow = Workflow.objects.get(name=FAST_TRACK_WORKFLOW)
    WorkflowPage.objects.create(page=cast["work"], workflow=workflow)
    work = cast["work"]
    workflow.start(work, cast["creator"])
    decisions.act(current_state(work), cast["editor2"], "approve", comment="初审通过", **CHECKLIST)
    decisions.assign_experts(current_state(work), cast["editor2"], [cast["experts"]["expert_a"]])
    decisions.record_opinion(current_state(work), cast["expert_a"], **OPINION)
    assert current_state(work).task.specific.stage == Stage.FINAL  # one expert was enough
    decisions.act(current_state(work), cast["chief"], "approve", comment="应急发布")
    work.refresh_from_db()
    assert work.live
    return work


def test_fast_track_publishes_flagged_and_opens_a_72_hour_follow_up(client, cast, fast):
    content = client.get(fast.url).content.decode()
    assert "应急科普" in content and "第二位专家复核中" in content
    case = CorrectionCase.objects.get(origin=CaseOrigin.FAST_TRACK)
    remaining = case.due_at - timezone.now()
    assert datetime.timedelta(hours=71) < remaining <= datetime.timedelta(hours=72)


def test_second_expert_confirms_and_joins_the_credit(client, cast, fast):
    case = CorrectionCase.objects.get(origin=CaseOrigin.FAST_TRACK)
    url = reverse("review:case", args=[case.pk])
    client.force_login(cast["editor"])
    client.post(url, {"assign": "1", "verifier": cast["experts"]["expert_b"].pk})
    client.force_login(cast["expert_b"])
    client.post(url, {"verify": "1", "confirmed": "no", "finding": "内容准确,与现行指南一致。"})
    client.force_login(cast["editor"])
    client.post(url, {"decide": "1", "outcome": "dismissed", "public_note": "复核通过。"})
    fast.refresh_from_db()
    assert [r["name"] for r in fast.review_credit["reviewers"]] == ["expert_a", "expert_b"]
    client.logout()
    assert "已由第二位专家复核" in client.get(fast.url).content.decode()


def test_follow_up_cannot_be_closed_without_the_second_expert(client, cast, fast):
    case = CorrectionCase.objects.get(origin=CaseOrigin.FAST_TRACK)
    client.force_login(cast["editor"])
    client.post(
        reverse("review:case", args=[case.pk]), {"decide": "1", "outcome": "dismissed", "public_note": "跳过"}
    )
    case.refresh_from_db()
    assert case.is_open


def test_overdue_follow_up_is_reminded(cast, fast, mailoutbox):
    mailoutbox.clear()
    send_reminders(now=timezone.now() + datetime.timedelta(hours=73))
    assert any("应急科普复核已逾期" in m.subject for m in mailoutbox)
