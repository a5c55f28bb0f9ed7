"""The demo's 科普阵地 (part of `manage.py load_demo`, outreach/demo.py): the venue index under the
home page and ~18 fictional venues across the 12 leagues, read from demo_venues.toml. Idempotent:
what exists (by slug) is left as it is."""

import tomllib
from decimal import Decimal
from pathlib import Path

from articles.models import Region

from .models import VenueIndexPage, VenueOffering, VenuePage

DATA = Path(__file__).with_name("demo_venues.toml")


def load(context):
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    index = _index(context, data["index"])
    regions = {region.code: region for region in Region.objects.all()}
    venues = {}
    made = 0
    for item in data["venue"]:
        venue = VenuePage.objects.child_of(index).filter(slug=item["slug"]).first()
        if venue is None:
            venue = _venue(index, item, regions)
            made += 1
        venues[item["slug"]] = venue.specific
    context.shared["venues"] = venues  # events places some of its events here, by slug
    context.shared["venue_index"] = index
    context.created["pages"] = context.created.get("pages", 0) + made
    context.stdout.write(f"Venues: {len(venues)} ({made} new).")


def _index(context, item):
    index = VenueIndexPage.objects.child_of(context.home).first()
    if index is None:
        index = VenueIndexPage(
            title=item["title"], slug=item["slug"], intro=item["intro"], show_in_menus=True
        )
        context.home.add_child(instance=index)
        index.save_revision().publish()
        context.created["pages"] = context.created.get("pages", 0) + 1
    return index


def _venue(index, item, regions):
    venue = VenuePage(
        title=item["title"],
        slug=item["slug"],
        venue_type=item["type"],
        summary=item["summary"],
        address=item["address"],
        region=regions[item["region"]],
        latitude=Decimal(str(item["latitude"])),
        longitude=Decimal(str(item["longitude"])),
        opening_hours=item.get("opening_hours", ""),
        booking=item.get("booking", ""),
        accessibility=item.get("accessibility", ""),
        search_description=item["summary"],
    )
    venue.offerings = [
        VenueOffering(kind=kind, name=name, description=description, sort_order=n)
        for n, (kind, name, description) in enumerate(item.get("offerings", []))
    ]
    venue.clean_fields(exclude=["path", "depth"])  # the type, the region, the coordinates' range
    index.add_child(instance=venue)
    venue.save_revision().publish()
    return venue
