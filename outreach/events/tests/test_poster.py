"""The event poster (issue 12): one A4 page with the title, campaign, time, place, organizer,
audiences, summary, the reviewer credit and the portal's name, and a QR code that decodes to the
event's address (printed under it); only for live public events."""

import io

import pytest
import zxingcpp
from pypdf import PdfReader

from django.urls import reverse

from channels import credit
from channels.tests.test_leaflets import compact, placed_images, text_of

from .factories import make_event

pytestmark = pytest.mark.django_db

A4 = (210 * 72 / 25.4, 297 * 72 / 25.4)


def test_one_a4_page_with_the_event_its_credit_and_a_qr_code_to_it(client, index):
    event = make_event(
        index,
        "全国科普日：草原防火与应急避险讲座",
        days=5,
        campaign="science-day",
        audiences=["farmers-herders", "public"],
        organizer="示例旗科协（演示）",
        capacity=80,
    )
    response = client.get(reverse("events:poster", args=[event.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4, abs=1)
    text = text_of(reader)
    line = credit.credit_line(event.review_credit)
    assert line
    for expected in (
        event.title,
        "全国科普日",
        "示例旗科协（演示）",
        "农牧民、社会公众",
        event.summary,
        line,
        "内蒙古科普",
    ):
        assert compact(expected) in text, expected
    assert "http://testserver" + event.url in text
    decoded = [
        result.text
        for image, _, _ in placed_images(reader).values()
        for result in zxingcpp.read_barcodes(image.convert("L"))
    ]
    assert decoded == ["http://testserver" + event.url]


def test_no_poster_for_an_event_that_is_not_live(client, index):
    draft = make_event(index, days=3, publish=False)
    assert client.get(reverse("events:poster", args=[draft.pk])).status_code == 404
    assert client.get(reverse("events:poster", args=[999999])).status_code == 404
