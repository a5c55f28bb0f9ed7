"""A venue's page: every field a visitor needs, its photos with their alt text, what is open, and
what higher apps add through the venue_page_context hook."""

import json
import re

import pytest

from django.utils.safestring import mark_safe

from wagtail import hooks

from home.models import HomePage
from outreach.venues.models import (
    VENUE_PAGE_CONTEXT_HOOK,
    OfferingKind,
    VenueIndexPage,
    VenueOffering,
    VenuePage,
    VenuePhoto,
)
from tests.factories import make_image

from .factories import make_venue

pytestmark = pytest.mark.django_db


def test_page_rules():
    assert VenueIndexPage.parent_page_types == ["home.HomePage"]
    assert VenueIndexPage.max_count_per_parent == 1
    assert VenueIndexPage.allowed_subpage_models() == [VenuePage]
    assert VenuePage.allowed_parent_page_models() == [VenueIndexPage]
    assert HomePage in VenueIndexPage.allowed_parent_page_models()


def test_venue_page_shows_every_field(client, venue_index):
    venue = make_venue(
        venue_index,
        "示例青少年科学工作室（演示）",
        region="150203",
        latitude=40.657,
        longitude=109.84,
        booking="团体参观请提前三天电话预约。",
        accessibility="入口有坡道，一层有无障碍卫生间。",
        phone="0472-0000000",
    )
    VenueOffering.objects.create(
        page=venue, kind=OfferingKind.EXHIBIT, name="傅科摆", description="摆动平面缓慢转动，显示地球自转。"
    )
    VenueOffering.objects.create(page=venue, kind=OfferingKind.LABORATORY, name="显微观察室")
    photo = make_image("工作室内景")
    VenuePhoto.objects.create(page=venue, image=photo, caption="学生在显微观察室")
    response = client.get(venue.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        venue.title,
        venue.summary,
        venue.address,
        "周二至周日 9:00—17:00",
        "团体参观请提前三天电话预约。",
        "入口有坡道，一层有无障碍卫生间。",
        'href="tel:04720000000"',
        "科技馆",
        "包头市 · 昆都仑区",
        "<h3>展品</h3>",
        "<strong>傅科摆</strong>：摆动平面缓慢转动，显示地球自转。",
        "<h3>实验室</h3>",
        "北纬 40.6570°，东经 109.8400°",
    ):
        assert text in html, text
    # The photo is shown once its renditions are made; its alt text is the picture's own description.
    from media import renditions

    renditions.make_all(photo)
    html = client.get(venue.url).content.decode()
    assert f'alt="{photo.description}"' in html
    assert "学生在显微观察室" in html


def test_structured_data_describes_the_place(client, venue_index):
    venue = make_venue(
        venue_index, "示例</script><b>科技馆（演示）", region="150203", latitude=40.657, longitude=109.84
    )
    html = client.get(venue.url).content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(found.group(1))
    assert data["@type"] == "Place"
    assert data["name"] == venue.title  # the title's "</script>" did not end the element
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 40.657, "longitude": 109.84}
    assert data["address"]["addressRegion"] == "包头市"
    assert data["address"]["addressLocality"] == "昆都仑区"


def test_a_venue_without_accessibility_information_says_so(client, venue_index):
    venue = make_venue(venue_index)
    assert "暂无无障碍信息，请来电咨询。" in client.get(venue.url).content.decode()


def test_the_hook_adds_to_the_venue_page(client, venue_index):
    venue = make_venue(venue_index)
    seen = []

    def coming_events(page, request, context):
        seen.append((page.pk, request.path))
        context["venue_sections"].append(
            mark_safe('<section class="venue-events">近期活动：冬季取暖安全讲座</section>')
        )
        context["venue_sections"].append("<b>不可信</b>")

    with hooks.register_temporarily(VENUE_PAGE_CONTEXT_HOOK, coming_events):
        html = client.get(venue.url).content.decode()
    assert seen == [(venue.pk, venue.url)]
    assert '<section class="venue-events">近期活动：冬季取暖安全讲座</section>' in html
    assert "&lt;b&gt;不可信&lt;/b&gt;" in html


def test_a_draft_venue_is_not_served(client, venue_index):
    venue = make_venue(venue_index, publish=False)
    assert client.get(venue.url or f"{venue_index.url}{venue.slug}/").status_code == 404
