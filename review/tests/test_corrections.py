"""Reader reports → expert verification → a dated correction, a retraction (410), or a dismissal."""

import pytest

from django.core.cache import cache
from django.urls import reverse

from articles import listings
from review.models import CaseStatus, ClearanceKind, CorrectionCase, ReviewClearance
from tests import factories

pytestmark = pytest.mark.django_db

REPORT = {
    "problem": "文中说一氧化碳有刺激性气味,这是错的:一氧化碳无色无味。",
    "location": "第二段",
    "evidence": "国家卫生健康委员会相关科普资料",
    "reporter_name": "读者",
    "reporter_email": "reader@example.org",
}


@pytest.fixture
def published(cast):
    cache.clear()
    work = factories.make_work(
        cast["works"],
        "冬季取暖防范一氧化碳中毒",
        disciplines=["safety"],
        audiences=["elderly"],
        owner=cast["creator"],
    )
    return work


def report(client, work, **changes):
    return client.post(reverse("correction_report", args=[work.pk]), {**REPORT, **changes})


def test_anyone_can_report_and_the_editors_are_told(client, cast, published, mailoutbox):
    content = client.get(published.url).content.decode()
    assert reverse("correction_report", args=[published.pk]) in content
    form = client.get(reverse("correction_report", args=[published.pk])).content.decode()
    assert '<div class="visually-hidden" aria-hidden="true"><input type="text" name="website"' in form
    response = report(client, published)
    assert response.status_code == 200 and "感谢您的纠错" in response.content.decode()
    case = CorrectionCase.objects.get()
    published.refresh_from_db()
    assert case.revision_id == published.live_revision_id and case.status == CaseStatus.NEW
    recipients = {address for m in mailoutbox for address in m.to}
    assert {"editor@example.org", "editor2@example.org", "chief@example.org"} <= recipients
    assert "reader@example.org" not in recipients


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"problem": ""}, "请描述您发现的问题"),
        ({"problem": "错"}, "至少 5 个字"),
        ({"problem": "x" * 5000}, "3000"),
        ({"reporter_email": "not-an-email"}, "有效"),
        ({"problem": "一氧化碳\x00描述有误"}, "空字符"),
        ({"website": "http://spam.example"}, "提交失败"),
    ],
)
def test_bad_reports_get_a_clear_message_and_keep_what_was_typed(client, published, changes, message):
    response = report(client, published, **changes)
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "国家卫生健康委员会相关科普资料" in content
    assert not CorrectionCase.objects.exists()


def test_markup_is_stored_and_shown_as_text(client, cast, published):
    report(client, published, problem="<script>alert(1)</script> 一氧化碳描述有误")
    case = CorrectionCase.objects.get()
    assert case.problem.startswith("<script>")
    client.force_login(cast["editor"])
    content = client.get(reverse("review:case", args=[case.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content and "<script>alert(1)" not in content


def test_reports_are_rate_limited_per_address_without_losing_the_text(client, published):
    for _ in range(5):
        assert report(client, published).status_code == 200
    response = report(client, published, problem="第六次报告的内容,应当原样保留。")
    assert response.status_code == 429
    assert "第六次报告的内容" in response.content.decode()
    assert CorrectionCase.objects.count() == 5


def test_unpublished_work_cannot_be_reported(client, cast):
    assert client.get(reverse("correction_report", args=[cast["work"].pk])).status_code == 404


def case_page(client, user, case):
    client.force_login(user)
    return reverse("review:case", args=[case.pk])


def test_verified_correction_is_published_at_the_top_of_the_work(client, cast, published, mailoutbox):
    report(client, published)
    case = CorrectionCase.objects.get()
    url = case_page(client, cast["editor"], case)
    client.post(url, {"assign": "1", "verifier": cast["experts"]["expert_a"].pk})
    client.force_login(cast["expert_a"])
    assert "待核实的纠错报告" in client.get(reverse("review:my_reviews")).content.decode()
    client.post(url, {"verify": "1", "confirmed": "yes", "finding": "确有错误,一氧化碳无色无味。"})
    mailoutbox.clear()
    client.force_login(cast["editor"])
    response = client.post(
        url, {"decide": "1", "outcome": "corrected", "public_note": "第二段已更正:一氧化碳无色无味。"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CORRECTED and case.reporter_notified_at
    published.refresh_from_db()
    assert (
        ReviewClearance.objects.get(revision_id=published.live_revision_id).kind == ClearanceKind.CORRECTION
    )
    client.logout()
    content = client.get(published.url).content.decode()
    assert content.index("第二段已更正") < content.index("一氧化碳为什么危险")
    assert [m.to for m in mailoutbox] == [["reader@example.org"]]
    assert "已更正" in mailoutbox[0].body


def test_retraction_leaves_a_410_notice_and_leaves_every_listing(client, cast, published):
    report(client, published)
    case = CorrectionCase.objects.get()
    url = case_page(client, cast["editor"], case)
    client.post(url, {"assign": "1", "verifier": cast["experts"]["expert_b"].pk})
    client.force_login(cast["expert_b"])
    client.post(url, {"verify": "1", "confirmed": "yes", "finding": "核心结论错误,无法通过更正修补。"})
    client.force_login(cast["editor"])
    client.post(
        url, {"decide": "1", "outcome": "retracted", "public_note": "文中关键数据来源无法核实,予以撤稿。"}
    )
    client.logout()
    response = client.get(published.url)
    assert response.status_code == 410
    content = response.content.decode()
    assert "已撤稿" in content and "予以撤稿" in content
    assert "一氧化碳为什么危险" not in content
    assert published.pk not in [w.pk for w in listings.public_works()]
    assert published.slug not in client.get("/sitemap.xml").content.decode()


def test_correction_and_retraction_need_an_experts_confirmation(client, cast, published):
    report(client, published)
    case = CorrectionCase.objects.get()
    url = case_page(client, cast["editor"], case)
    client.post(url, {"decide": "1", "outcome": "retracted", "public_note": "直接撤稿"})
    case.refresh_from_db()
    assert case.status == CaseStatus.NEW
    published.refresh_from_db()
    assert published.live
    # Dismissal may come at once, with a reason the reporter hears.
    client.post(url, {"decide": "1", "outcome": "dismissed", "public_note": "原文表述无误:见第一段。"})
    case.refresh_from_db()
    assert case.status == CaseStatus.DISMISSED


def test_only_editors_and_the_chosen_expert_see_a_case(client, cast, published):
    report(client, published)
    case = CorrectionCase.objects.get()
    url = case_page(client, cast["editor"], case)
    client.post(url, {"assign": "1", "verifier": cast["experts"]["expert_a"].pk})
    for name in ("expert_b", "creator", "other_creator"):
        client.force_login(cast[name])
        assert client.get(url).status_code in (302, 403), name
    client.force_login(cast["expert_b"])
    client.post(url, {"verify": "1", "confirmed": "no", "finding": "冒充核实"})
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFYING and case.finding == ""
