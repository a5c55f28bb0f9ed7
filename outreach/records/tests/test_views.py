"""The public pages: the verification page (cache friendly, only consented parts, never contact
data) and 我的科普工作量 (own record only, whatever a crafted request names)."""

import io

import pypdf
import pytest

from django.urls import reverse

from outreach.records import certificates
from outreach.records import figures as records
from outreach.records.models import Certificate, RecordConsent

pytestmark = pytest.mark.django_db


def verify_url(certificate):
    return reverse("records:verify", args=[certificates.token_of(certificate)])


@pytest.fixture
def issued(scenario):
    certificate, _ = certificates.issue(
        records.person_for_user(scenario.creator), records.Period.whole(), None
    )
    return certificate


def test_verify_page_is_public_cacheable_and_formless(client, issued):
    response = client.get(verify_url(issued))
    assert response.status_code == 200
    html = response.content.decode()
    assert "有效" in html and "王晓明（演示）" in html and "3篇" in html
    assert "csrfmiddlewaretoken" not in html  # no form of ours: the header's reader-mode switch needs none
    assert "public" in response.get("Cache-Control", "")
    assert "<script>" not in html and "style=" not in html


def test_verify_page_shows_no_contact_data_and_nothing_unconsented(client, scenario, issued):
    RecordConsent.objects.create(user=scenario.creator, show_name=False, show_works=False)
    html = client.get(verify_url(issued)).content.decode()
    assert "有效" in html
    for secret in ("王晓明", "示例大学", "creator@example.org", "3篇", "冬季取暖"):
        assert secret not in html, secret
    RecordConsent.objects.filter(user=scenario.creator).update(
        show_name=True, show_affiliation=True, show_works=True
    )
    html = client.get(verify_url(issued)).content.decode()
    assert "王晓明（演示）" in html and "示例大学（演示）" in html
    assert "creator@example.org" not in html


def test_verify_page_for_a_bad_token_is_a_clear_400(client, issued):
    response = client.get(reverse("records:verify", args=["abc:def"]))
    assert response.status_code == 400
    assert "无效" in response.content.decode()


def test_verify_page_for_a_revoked_certificate(client, scenario, issued):
    certificates.revoke(issued, scenario.editor, "重复开具")
    html = client.get(verify_url(issued)).content.decode()
    assert "已撤销" in html and "重复开具" in html


def test_mine_needs_login(client):
    response = client.get(reverse("records:mine"))
    assert response.status_code == 302 and reverse("creators:login") in response["Location"]
    assert client.post(reverse("records:mine_certificate")).status_code == 302
    assert Certificate.objects.count() == 0


def test_mine_shows_own_record_privately(client, scenario):
    client.force_login(scenario.creator)
    response = client.get(reverse("records:mine"), {"year": "2026"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2026年度" in html and "2篇" in html and "沙尘暴来临时怎样防护" in html
    assert "他人的作品" not in html
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_mine_with_a_bad_period_is_a_400_that_keeps_the_page(client, scenario):
    client.force_login(scenario.creator)
    response = client.get(reverse("records:mine"), {"start": "2026-13-01"})
    assert response.status_code == 200  # a GET filter: the whole record, with the message
    assert "时间范围无法识别" in response.content.decode()
    response = client.post(reverse("records:mine_certificate"), {"start": "2026-05-01", "end": "2026-01-01"})
    assert response.status_code == 400 and "起始日期不能晚于截止日期" in response.content.decode()
    assert Certificate.objects.count() == 0


def test_mine_certificate_is_for_oneself_whatever_the_post_names(client, scenario):
    client.force_login(scenario.creator)
    response = client.post(
        reverse("records:mine_certificate"),
        {"year": "2026", "user": scenario.expert.pk, "key": f"user-{scenario.expert.pk}", "person": "expert"},
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    certificate = Certificate.objects.get()
    assert certificate.user == scenario.creator and certificate.issued_by == scenario.creator
    text = "".join(pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert "王晓明（演示）" in text and "李华" not in text
    # Asking again makes no second row.
    client.post(reverse("records:mine_certificate"), {"year": "2026"})
    assert Certificate.objects.count() == 1


def test_another_persons_certificate_cannot_be_downloaded(client, scenario):
    theirs, _ = certificates.issue(records.person_for_user(scenario.expert), records.Period.whole(), None)
    client.force_login(scenario.creator)
    assert client.get(reverse("records:mine_download", args=[theirs.serial])).status_code == 404
    client.force_login(scenario.expert)
    response = client.get(reverse("records:mine_download", args=[theirs.serial]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_consent_is_changed_for_oneself_only(client, scenario):
    client.force_login(scenario.creator)
    response = client.post(
        reverse("records:mine_consent"),
        {"show_name": "on", "show_affiliation": "on", "user": scenario.expert.pk},
    )
    assert response.status_code == 302
    consent = RecordConsent.objects.get()
    assert consent.user == scenario.creator and consent.show_affiliation and not consent.show_works


def test_a_user_without_a_record_gets_a_clear_403(client, scenario):
    client.force_login(scenario.editor)  # reviews in the log, but neither creator nor expert profile
    assert client.get(reverse("records:mine")).status_code == 403
    assert client.post(reverse("records:mine_certificate"), {"year": "2026"}).status_code == 403
    assert Certificate.objects.count() == 0
