"""The directory and a venue page cost a bounded number of queries whatever the number of venues.

Directory, 14: Wagtail's routing and view restriction (5), the leagues, the venue rows, the page's
venues, their photos, the renditions (5), the language alternates, the site settings and the menu.
A venue page, 16: routing walks one level deeper; its parent, region with league, photos,
renditions, offerings and the leagues for the schematic."""

import pytest

from wagtail import hooks

from outreach.venues.models import VENUE_PAGE_CONTEXT_HOOK, VenuePage, VenuePhoto, VenueType
from tests.factories import make_image

from .factories import make_venue

pytestmark = pytest.mark.django_db

DIRECTORY_MAX_QUERIES = 14
VENUE_PAGE_MAX_QUERIES = 16
LEAGUE_COUNTIES = [
    "150102",
    "150203",
    "150402",
    "150502",
    "150602",
    "150702",
    "150802",
    "150902",
    "152201",
    "152502",
    "152921",
    "150302",
]
TYPES = list(VenueType.values)


def _fill(index, count):
    image = make_image("阵地照片")
    for n in range(count):
        venue = make_venue(
            index, f"阵地{n:02d}（演示）", region=LEAGUE_COUNTIES[n % 12], venue_type=TYPES[n % len(TYPES)]
        )
        VenuePhoto.objects.create(page=venue, image=image)
    return VenuePage.objects.live().order_by("-pk").first()


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(
    "params", [{}, {"lat": "40.8", "lon": "111.7"}, {"type": "caravan", "league": "150100"}]
)
def test_directory_queries_are_bounded(client, venue_index, django_assert_max_num_queries, count, params):
    _fill(venue_index, count)
    client.get(venue_index.url, params)  # warm Wagtail's site root paths and the menu, as any earlier request
    with django_assert_max_num_queries(DIRECTORY_MAX_QUERIES):
        response = client.get(venue_index.url, params)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_venue_page_queries_are_bounded(
    client, venue_index, django_assert_max_num_queries, monkeypatch, count
):
    # This page's own cost: what other apps add through venue_page_context is theirs to bound.
    get_hooks = hooks.get_hooks
    monkeypatch.setattr(
        hooks, "get_hooks", lambda name: [] if name == VENUE_PAGE_CONTEXT_HOOK else get_hooks(name)
    )
    venue = _fill(venue_index, count)
    client.get(venue.url)
    with django_assert_max_num_queries(VENUE_PAGE_MAX_QUERIES):
        assert client.get(venue.url).status_code == 200
