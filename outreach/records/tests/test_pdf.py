"""The certificate PDF: one A4 page with the name and figures as text, and a QR code of the
verification URL, which is also printed."""

import io

import pypdf
import pytest
import zxingcpp
from PIL import Image

from outreach.records import certificates, pdf
from outreach.records import figures as records

pytestmark = pytest.mark.django_db


def test_pdf_text_and_qr_code(scenario):
    person = records.person_for_user(scenario.expert)
    certificate, _ = certificates.issue(person, records.Period.year(2026), scenario.editor)
    url = certificates.verify_url(certificate)
    assert url.startswith("http") and "/zh-hans/outreach/verify/" in url
    data = pdf.render(certificate, url=url, show_affiliation=False)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842
    text = "".join(page.extract_text().split())
    for expected in (
        "科普工作量证明",
        "李华（演示）",
        "2026年度",
        certificate.serial,
        "3次",
        "科学性审核3次",
    ):
        assert expected in text, expected
    assert "受派2次，完成1场，听众共80人次" in text
    assert "示例研究所" not in text  # the affiliation is not public by default
    printed = "".join(text.split())
    assert url.replace("http://", "").replace("https://", "")[:40] in printed
    images = list(page.images)
    assert images
    picture = Image.open(io.BytesIO(images[0].data))
    decoded = zxingcpp.read_barcodes(picture)
    assert [code.text for code in decoded] == [url]
    # And the QR code's address verifies.
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert certificates.verify(token).valid


def test_affiliation_printed_when_public(scenario):
    person = records.person_for_user(scenario.creator)
    certificate, _ = certificates.issue(person, records.Period.whole(), None)
    data = pdf.render(certificate, url=certificates.verify_url(certificate), show_affiliation=True)
    text = "".join(pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert "示例大学（演示）" in text and "王晓明（演示）" in text and "3篇" in text
