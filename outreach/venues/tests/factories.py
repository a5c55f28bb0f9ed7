"""Builders for venues in tests: a venue index under a home page and venues under it (published
unless asked not to). Other outreach apps' tests (events) use these."""

import itertools
from decimal import Decimal

from articles.models import Region
from outreach.venues.models import VenueIndexPage, VenuePage, VenueType

_slugs = itertools.count(1)


def make_venue_index(home, title="科普阵地", slug="venues"):
    index = VenueIndexPage(
        title=title, slug=slug, intro="全区的科技馆、科普教育基地和开放实验室。", show_in_menus=True
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_venue(
    index,
    title="示例科技馆（演示）",
    *,
    publish=True,
    region="150102",
    latitude=None,
    longitude=None,
    **fields,
):
    """A venue under `index`; `region` is a GB/T 2260 code (default 呼和浩特市新城区) or a Region.
    Coordinates default to Hohhot's; `no_point=True` leaves them out. Unpublished: a draft."""
    if fields.pop("no_point", False):
        latitude = longitude = None
    else:
        latitude = Decimal("40.842") if latitude is None else Decimal(str(latitude))
        longitude = Decimal("111.749") if longitude is None else Decimal(str(longitude))
    venue = VenuePage(
        title=title,
        slug=fields.pop("slug", f"venue-{next(_slugs)}"),
        venue_type=fields.pop("venue_type", VenueType.SCIENCE_MUSEUM),
        summary=fields.pop("summary", "常设力学、电磁学和天文展区，周末有科学实验表演。"),
        address=fields.pop("address", "呼和浩特市新城区示例路 1 号"),
        region=region if isinstance(region, Region) else Region.objects.get(code=region),
        latitude=latitude,
        longitude=longitude,
        opening_hours=fields.pop("opening_hours", "周二至周日 9:00—17:00（16:30 停止入场），周一闭馆。"),
        live=publish,
        **fields,
    )
    index.add_child(instance=venue)
    if publish:
        venue.save_revision().publish()
    else:
        venue.save_revision()
    venue.refresh_from_db()
    return venue
