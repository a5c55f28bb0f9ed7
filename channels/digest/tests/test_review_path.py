"""The digest carries only what 三审 published, credits its reviewers, and follows the correction
path: a correction appears in the next digest; a retracted work is never listed."""

import datetime

import pytest

from django.utils import timezone

from articles.models import ArticlePage
from channels.digest.models import DigestDelivery
from channels.digest.period import Week
from channels.digest.sending import send_issue
from channels.models import Channel, Delivery
from channels.tests.exports import handle_case
from review import decisions
from review.models import CaseStatus
from review.tests.conftest import current_state
from review.tests.scenario import CHECKLIST, publish_through_review
from tests import factories

from .conftest import make_subscriber

pytestmark = pytest.mark.django_db

MARKER = "未经三审的内容"
NOTE = "第二段已更正：一氧化碳无色无味，不能靠气味察觉。"


def reviewed_work(cast, title):
    work = factories.make_work(
        cast["works"],
        title,
        disciplines=["safety"],
        audiences=["elderly"],
        publish=False,
        owner=cast["creator"],
    )
    return publish_through_review(cast, work)


def unreviewed_works(cast):
    def unpublished(label):
        return factories.make_work(
            cast["works"],
            f"{MARKER}：{label}",
            disciplines=["safety"],
            audiences=["elderly"],
            publish=False,
            owner=cast["creator"],
            summary=MARKER,
        )

    unpublished("草稿")
    in_review = unpublished("初审中")
    cast["workflow"].start(in_review, cast["creator"])
    at_experts = unpublished("科学性审核中")
    cast["workflow"].start(at_experts, cast["creator"])
    decisions.act(current_state(at_experts), cast["editor2"], "approve", comment="初审通过", **CHECKLIST)


def test_only_reviewed_works_and_never_a_retracted_one(cast, this_week, mailoutbox):
    make_subscriber("reader@example.org")
    unreviewed_works(cast)
    assert send_issue(this_week).sent == []  # nothing reviewed yet: no digest at all

    published = reviewed_work(cast, "冬季取暖防范一氧化碳中毒")
    retracted = reviewed_work(cast, "煤炉取暖的常见误区")
    handle_case(cast, retracted, CaseStatus.RETRACTED, "关键数据来源无法核实，予以撤稿。")
    # A live work's new, unreviewed revision waiting in review: the digest shows the live one.
    published.title = f"{MARKER}：修改后的标题"
    published.save_revision(user=cast["creator"])
    cast["workflow"].start(published, cast["creator"])

    mailoutbox.clear()  # the review's own notifications
    assert send_issue(this_week).sent == ["reader@example.org"]
    [digest] = mailoutbox
    html = digest.alternatives[0][0]
    for text in (digest.body, html):
        assert "冬季取暖防范一氧化碳中毒" in text and MARKER not in text and "煤炉取暖的常见误区" not in text
    # The reviewers are credited, by name, title and affiliation.
    assert "科学性审核：expert_a（研究员，内蒙古农业大学(测试)）" in digest.body


def test_a_correction_appears_in_the_next_digest(cast, mailoutbox):
    work = reviewed_work(cast, "冬季取暖防范一氧化碳中毒")
    ArticlePage.objects.filter(pk=work.pk).update(
        first_published_at=timezone.now() - datetime.timedelta(days=21)
    )
    make_subscriber("reader@example.org", audiences=["elderly"])
    make_subscriber("youth@example.org", audiences=["youth"])
    handle_case(cast, work, CaseStatus.CORRECTED, NOTE)
    work.refresh_from_db()

    mailoutbox.clear()  # the review's own notifications
    next_monday = timezone.now() + datetime.timedelta(days=7)
    week = Week.last_complete(next_monday)  # the week of the correction, sent the Monday after
    report = send_issue(week)
    assert report.sent == ["reader@example.org"] and report.empty == 1
    [digest] = mailoutbox
    today = timezone.localdate().isoformat()
    assert "【作品更正】" in digest.body and "【新发布的作品】" not in digest.body
    assert f"更正（{today}）：{NOTE}" in digest.body and work.get_full_url() in digest.body
    assert NOTE in digest.alternatives[0][0]

    # Which revision went out: the corrected one, in the log an editor reads and in the copy's row.
    [logged] = Delivery.objects.filter(channel=Channel.DIGEST, page=work)
    assert logged.revision_id == work.live_revision_id and logged.detail["issue"] == week.label
    assert logged.detail["section"] == "corrected"
    assert DigestDelivery.objects.get().works == [
        {"page": work.pk, "revision": work.live_revision_id, "section": "corrected"}
    ]
    assert not Delivery.objects.stale().filter(pk=logged.pk).exists()

    # The week before holds neither the work (published earlier) nor the correction (made later).
    assert send_issue(Week(week.monday - datetime.timedelta(days=7))).sent == []
