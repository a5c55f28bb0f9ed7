"""The weekly digest: what it holds for each subscriber, the mail itself (text and HTML, List-Unsubscribe
headers), and sending at most once — twice run, or rerun after a crash, nobody gets two."""

import datetime
from collections import Counter
from urllib.parse import urlsplit

import pytest

from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.utils import timezone

from articles.models import ArticlePage
from channels.digest.models import DigestDelivery, DigestIssue
from channels.digest.period import Week
from channels.digest.sending import send_issue
from channels.models import Channel, Delivery
from tests import factories

from .conftest import make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def works(site_tree):
    index = site_tree["works"]
    return {
        "co": factories.make_work(
            index, "冬季取暖防范一氧化碳中毒", audiences=["elderly"], disciplines=["safety"]
        ),
        "meteors": factories.make_work(
            index, "流星雨观测指南", audiences=["youth"], disciplines=["astronomy"]
        ),
        "salt": factories.make_work(
            index,
            "每天吃盐不超过5克",
            audiences=["public"],
            disciplines=["nutrition"],  # a sub-field of 医学与健康
            summary="成年人每天食盐摄入量不超过5克，可减少高血压风险。",
        ),
        "older": factories.make_work(index, "草原防火常识", published_at=factories.days_ago(30)),
    }


def digests(outbox):
    return {message.to[0]: message for message in outbox}


def test_each_subscriber_gets_the_works_they_chose(works, this_week, mailoutbox):
    make_subscriber("all@example.org")
    make_subscriber("elderly@example.org", audiences=["elderly"])
    make_subscriber("health@example.org", disciplines=["health"])
    make_subscriber("nothing@example.org", audiences=["elderly"], disciplines=["astronomy"])
    make_subscriber("pending@example.org", confirmed=False)

    report = send_issue(this_week)
    assert sorted(report.sent) == ["all@example.org", "elderly@example.org", "health@example.org"]
    assert report.empty == 1  # an empty digest is not sent
    sent = digests(mailoutbox)
    assert set(sent) == set(report.sent)
    everything = sent["all@example.org"].body
    for title in ("冬季取暖防范一氧化碳中毒", "流星雨观测指南", "每天吃盐不超过5克"):
        assert title in everything
    assert "草原防火常识" not in everything  # published a month ago
    assert "一氧化碳" in sent["elderly@example.org"].body and "流星雨" not in sent["elderly@example.org"].body
    health = sent["health@example.org"].body
    assert "每天吃盐不超过5克" in health and "一氧化碳" not in health


def test_the_mail_has_absolute_links_text_and_html_and_one_click_headers(works, this_week, mailoutbox):
    make_subscriber("reader@example.org", audiences=["public"])
    send_issue(this_week)
    [message] = mailoutbox
    assert isinstance(message, EmailMultiAlternatives)
    assert message.subject.startswith("【内蒙古科普】科普周报（") and this_week.dates in message.subject
    link = works["salt"].get_full_url()
    assert link.startswith("http://") and link in message.body
    assert "成年人每天食盐摄入量不超过5克" in message.body and "测试数据" in message.body  # summary, credit
    html, kind = message.alternatives[0]
    assert kind == "text/html" and f'href="{link}"' in html and "每天吃盐不超过5克" in html

    headers = message.message()
    unsubscribe = headers["List-Unsubscribe"]
    assert (
        unsubscribe.startswith("<http://")
        and unsubscribe.endswith(">")
        and "/digest/unsubscribe/" in unsubscribe
    )
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe[1:-1] in message.body and "/digest/manage/" in message.body

    # What the reader's mail program does with the header: one POST, no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        urlsplit(unsubscribe[1:-1]).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    mailoutbox.clear()
    assert send_issue(Week(this_week.monday - datetime.timedelta(days=7))).sent == []


def test_sending_twice_sends_once(works, this_week, mailoutbox):
    for n in range(3):
        make_subscriber(f"reader{n}@example.org")
    first = send_issue(this_week)
    second = send_issue(this_week)
    assert len(first.sent) == 3 and second.sent == [] and second.already_sent == 3
    assert Counter(m.to[0] for m in mailoutbox) == {f"reader{n}@example.org": 1 for n in range(3)}
    assert DigestIssue.objects.count() == 1
    assert DigestDelivery.objects.filter(sent_at__isnull=False).count() == 3


def test_a_rerun_after_a_crash_sends_the_rest_and_nobody_twice(works, this_week, mailoutbox, settings):
    readers = [make_subscriber(f"reader{n}@example.org").email for n in range(5)]
    settings.EMAIL_BACKEND = "channels.digest.tests.backends.FailsOnThirdMessage"
    crashed = send_issue(this_week)
    assert crashed.failed == readers[2] and crashed.sent == readers[:2]
    assert "SMTPServerDisconnected" in DigestDelivery.objects.get(subscriber__email=readers[2]).error
    assert [m.to[0] for m in mailoutbox] == readers[:2]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    rerun = send_issue(this_week)
    assert rerun.sent == readers[3:] and rerun.already_sent == 2
    assert rerun.uncertain == [readers[2]] and not rerun.failed
    assert any("Uncertain" in line and readers[2] in line for line in rerun.lines())
    received = Counter(m.to[0] for m in mailoutbox)
    assert received == {email: 1 for email in readers if email != readers[2]}
    # Still uncertain, still not resent.
    assert send_issue(this_week).uncertain == [readers[2]] and len(mailoutbox) == 4


def test_the_delivery_log_names_the_revision_each_work_went_out_as(works, this_week, mailoutbox):
    make_subscriber("a@example.org")
    make_subscriber("b@example.org", audiences=["youth"])
    send_issue(this_week)
    rows = {row.page_id: row for row in Delivery.objects.filter(channel=Channel.DIGEST)}
    assert set(rows) == {works["co"].pk, works["meteors"].pk, works["salt"].pk}
    meteors = rows[works["meteors"].pk]
    assert meteors.revision_id == works["meteors"].live_revision_id
    assert meteors.recipient == "2 位订阅者" and rows[works["co"].pk].recipient == "1 位订阅者"
    assert meteors.detail == {"issue": this_week.label, "section": "new", "subscribers": 2}
    copy = DigestDelivery.objects.get(subscriber__email="b@example.org")
    assert copy.works == [
        {"page": works["meteors"].pk, "revision": works["meteors"].live_revision_id, "section": "new"}
    ]


def test_the_week_runs_monday_to_monday_in_local_time(site_tree):
    week = Week.parse("2026-W10")
    assert week.monday == datetime.date(2026, 3, 2) and week.label == "2026-W10"
    assert week.starts_at.isoformat() == "2026-03-02T00:00:00+08:00"
    assert week.ends_at.isoformat() == "2026-03-09T00:00:00+08:00"
    assert week.dates == "2026年3月2日—3月8日"
    assert Week.parse("2025-W01").dates == "2024年12月30日—2025年1月5日"
    assert Week.containing(datetime.date(2026, 3, 8)) == week
    monday_morning = datetime.datetime(2026, 3, 9, 7, 0, tzinfo=timezone.get_default_timezone())
    assert Week.last_complete(monday_morning) == week
    for bad in ("2026-10", "2026-W54", "W10"):
        with pytest.raises(ValueError):
            Week.parse(bad)

    utc = datetime.UTC
    index = site_tree["works"]
    factories.make_work(index, "周一凌晨发布", published_at=datetime.datetime(2026, 3, 1, 16, 30, tzinfo=utc))
    factories.make_work(index, "周日深夜发布", published_at=datetime.datetime(2026, 3, 8, 15, 30, tzinfo=utc))
    factories.make_work(index, "上周日发布", published_at=datetime.datetime(2026, 3, 1, 15, 30, tzinfo=utc))
    factories.make_work(index, "下周一发布", published_at=datetime.datetime(2026, 3, 8, 16, 0, tzinfo=utc))
    from channels.digest.content import IssueContent

    assert [entry.title for entry in IssueContent(week).new] == ["周一凌晨发布", "周日深夜发布"]


def test_sending_costs_a_bounded_number_of_queries_per_subscriber(
    site_tree, this_week, mailoutbox, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    index = site_tree["works"]

    def run():
        DigestIssue.objects.all().delete()
        send_issue(this_week, dry_run=True)  # warm the caches (site root paths, private paths)
        with CaptureQueriesContext(connection) as queries:
            send_issue(this_week)
        return len(queries)

    for n in range(2):
        factories.make_work(index, f"作品{n}", audiences=["elderly"], disciplines=["safety"])
        make_subscriber(f"reader{n}@example.org")
    few_works = run()
    for n in range(2, 8):
        factories.make_work(index, f"作品{n}", audiences=["elderly"], disciplines=["health"])
    assert run() == few_works  # more works, not one query more
    for n in range(2, 7):
        make_subscriber(f"reader{n}@example.org", audiences=["elderly"])
    more_readers = run()
    # Claim (a savepoint here, a transaction in production), send, mark sent: four queries a reader.
    assert more_readers - few_works == 5 * 4
    assert few_works <= 15 + 4 * 2, few_works
    DigestIssue.objects.all().delete()
    with django_assert_max_num_queries(15 + 4 * 7):
        send_issue(this_week)


def test_a_dry_run_sends_and_records_nothing(works, this_week, mailoutbox):
    make_subscriber("reader@example.org")
    report = send_issue(this_week, dry_run=True)
    assert report.sent == ["reader@example.org"] and report.dry_run
    assert mailoutbox == [] and not DigestIssue.objects.exists() and not Delivery.objects.exists()


def test_new_works_are_those_first_published_in_the_week(works, this_week):
    """A work republished this week (an edit passed review again) is not new again."""
    older = works["older"]
    factories.publish_imported(ArticlePage.objects.get(pk=older.pk))
    assert ArticlePage.objects.get(pk=older.pk).last_published_at >= this_week.starts_at
    from channels.digest.content import IssueContent

    titles = [entry.title for entry in IssueContent(this_week).entries]
    assert "草原防火常识" not in titles and "流星雨观测指南" in titles
