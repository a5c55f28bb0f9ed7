"""Certificates verify only when signature, stored snapshot and today's figures agree."""

import json

import pytest

from django.core import signing as django_signing

from outreach import signing
from outreach.records import certificates
from outreach.records import figures as records
from outreach.records.models import Certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(scenario):
    person = records.person_for_user(scenario.creator)
    certificate, created = certificates.issue(person, records.Period.whole(), scenario.editor)
    assert created
    return certificate


def test_a_fresh_certificate_is_valid_and_shows_its_figures(issued):
    result = certificates.verify(certificates.token_of(issued))
    assert result.valid, result.reason
    assert result.name == "王晓明（演示）"
    assert dict(result.lines)["发表科普作品"].startswith("3篇")
    assert issued.snapshot["figures"]["works"]["total"] == 3


def test_asking_again_for_the_same_record_gives_the_same_certificate(scenario, issued):
    again, created = certificates.issue(
        records.person_for_user(scenario.creator), records.Period.whole(), None
    )
    assert not created and again.pk == issued.pk
    other, created = certificates.issue(
        records.person_for_user(scenario.creator), records.Period.year(2026), None
    )
    assert created and other.serial != issued.serial


def forged(value):
    return signing.make_token("certificate", value)


def test_a_token_with_a_changed_figure_digest_fails(issued):
    digest = issued.digest[: certificates.TOKEN_DIGEST_LENGTH]
    changed = ("0" if digest[0] != "0" else "1") + digest[1:]
    # Re-signed with our own key (as only the portal could), the digest no longer matches the snapshot.
    result = certificates.verify(forged({"s": issued.serial, "d": changed}))
    assert result.status == certificates.Status.INVALID and "不一致" in result.reason
    # Edited by hand, the signature breaks.
    token = certificates.token_of(issued)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert certificates.verify(tampered).status == certificates.Status.INVALID
    assert certificates.verify(tampered).certificate is None


def test_a_token_naming_another_serial_fails(scenario, issued):
    # The serial edited inside the token, the signature kept: refused.
    token = certificates.token_of(issued)
    head, *rest = token.split(":")
    payload = django_signing.b64_decode(head.lstrip(".").encode())
    assert issued.serial.encode() in payload
    edited = payload.replace(issued.serial[-4:].encode(), b"0000")
    altered = ":".join([django_signing.b64_encode(edited).decode(), *rest])
    assert altered != token
    assert certificates.verify(altered).status == certificates.Status.INVALID
    assert certificates.verify(altered).certificate is None
    result = certificates.verify(forged({"s": "KP-2026-00000000", "d": issued.digest[:32]}))
    assert result.status == certificates.Status.INVALID and result.certificate is None
    # Another person's serial with this certificate's digest.
    other, _ = certificates.issue(records.person_for_user(scenario.expert), records.Period.whole(), None)
    result = certificates.verify(forged({"s": other.serial, "d": issued.digest[:32]}))
    assert result.status == certificates.Status.INVALID


def test_a_token_made_for_another_purpose_fails(issued):
    value = {"s": issued.serial, "d": issued.digest[:32]}
    for purpose in ("tracking", "cancel", "signup"):
        assert certificates.verify(signing.make_token(purpose, value)).status == certificates.Status.INVALID
    assert certificates.verify(django_signing.dumps(value)).status == certificates.Status.INVALID
    assert certificates.verify("not-a-token").status == certificates.Status.INVALID


def test_a_revoked_certificate_says_so_with_its_reason(scenario, issued):
    certificates.revoke(issued, scenario.editor, "统计期间填写有误")
    result = certificates.verify(certificates.token_of(issued))
    assert result.status == certificates.Status.REVOKED
    assert "统计期间填写有误" in result.reason


def test_a_snapshot_edited_in_the_database_fails(issued):
    snapshot = json.loads(json.dumps(issued.snapshot))
    snapshot["figures"]["works"]["total"] = 30
    Certificate.objects.filter(pk=issued.pk).update(snapshot=snapshot)
    result = certificates.verify(certificates.token_of(issued))
    assert result.status == certificates.Status.INVALID and result.lines == []
    # Even with the stored digest recomputed to match, the token's digest does not.
    Certificate.objects.filter(pk=issued.pk).update(digest=certificates.snapshot_digest(snapshot))
    assert certificates.verify(certificates.token_of(issued)).status == certificates.Status.INVALID


def test_a_record_that_changed_since_issue_no_longer_verifies(scenario, issued):
    from review.models import CaseStatus, CorrectionCase

    CorrectionCase.objects.create(page=scenario.published[0], problem="数据错误", status=CaseStatus.RETRACTED)
    result = certificates.verify(certificates.token_of(issued))
    assert result.status == certificates.Status.INVALID and "现有记录不一致" in result.reason
    assert certificates.verify(certificates.token_of(issued), recompute=False).valid


def test_only_consented_parts_are_public(scenario, issued):
    from outreach.records.models import RecordConsent

    default = certificates.verify(certificates.token_of(issued))
    assert default.name and not default.affiliation  # default: name and figures, not the affiliation
    RecordConsent.objects.create(
        user=scenario.creator, show_name=False, show_works=False, show_affiliation=True
    )
    result = certificates.verify(certificates.token_of(issued))
    assert result.valid and result.name == "" and result.lines == [] and result.withheld
    assert result.affiliation == "示例大学（演示）"


def test_volunteer_certificate(volunteer_scenario):
    scenario = volunteer_scenario
    volunteer = records.person_by_key(f"volunteer-{scenario.volunteer.pk}")
    certificate, _ = certificates.issue(volunteer, records.Period.whole(), scenario.editor)
    assert certificate.volunteer == scenario.volunteer and certificate.user is None
    result = certificates.verify(certificates.token_of(certificate))
    assert result.valid and dict(result.lines)["志愿服务时长"] == "5.5小时（2次服务）"


def test_deleting_the_person_deletes_their_certificates(scenario, issued):
    token = certificates.token_of(issued)
    scenario.creator.delete()
    assert not Certificate.objects.exists()
    result = certificates.verify(token)
    assert result.status == certificates.Status.INVALID and "没有开具过" in result.reason
