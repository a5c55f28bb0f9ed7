"""What the venue directory and a venue page show: the public venues, the type and league filters,
“near me” (distances computed here, on the server), and the map — Leaflet when a tile server is set
(settings.MAP_TILE_URL), else the drawn schematic of the leagues. Never a broken map.

The directory reads one narrow row per matching venue (no text, no pictures), filters and sorts
those rows in Python, and loads the full venues of the page shown only: a bounded number of
queries whatever the number of venues.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from articles.listings import outside_restrictions
from articles.models import Region
from media import renditions

from . import geo
from .models import VenuePage, VenuePhoto, VenueType
from .schematic import league_boxes

PER_PAGE = 12
MAP_ANCHOR = "venues-map"
# Where the map opens when it has no venue to frame: the middle of the region.
REGION_CENTRE = (44.0, 113.5)


@dataclass
class VenueRow:
    """What the directory knows of a venue before the page shown is loaded."""

    pk: int
    slug: str
    title: str
    venue_type: str
    point: tuple | None
    league_code: str
    path: str
    distance: float | None = None


def public_venues(index):
    """The live venues under `index` that anyone may see (none in a view-restricted subtree)."""
    return outside_restrictions(VenuePage.objects.child_of(index).live())


def tile_settings():
    """The tile server's settings for the map, or None when none is set."""
    if not settings.MAP_TILE_URL:
        return None
    return {
        "url": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "subdomains": settings.MAP_TILE_SUBDOMAINS,
        "label_url": settings.MAP_LABEL_TILE_URL,
    }


def leagues():
    return list(Region.objects.filter(level=Region.Level.LEAGUE).order_by("code"))


class VenueFilters:
    """Reads type, league and the reader's position (lat, lon) from the query string. Unknown values
    are ignored and the reader is told which; a position outside Inner Mongolia or not a number
    leaves the default order, with a message."""

    def __init__(self, params, leagues):
        self.leagues = leagues
        self.selected = {}
        self.messages = []
        ignored = []
        raw_type = params.get("type", "").strip()
        if raw_type:
            if raw_type in VenueType.values:
                self.selected["type"] = raw_type
            else:
                ignored.append(raw_type[:50])
        raw_league = params.get("league", "").strip()
        if raw_league:
            league = next((league for league in leagues if league.code == raw_league), None)
            if league is None:
                ignored.append(raw_league[:50])
            else:
                self.selected["league"] = league
        if ignored:
            self.messages.append(_("已忽略无法识别的筛选条件：%(values)s") % {"values": "、".join(ignored)})
        self.point = None
        latitude, longitude = params.get("lat", "").strip(), params.get("lon", "").strip()
        if latitude or longitude:
            self.point = geo.parse_point(latitude, longitude)
            if self.point is None:
                self.messages.append(
                    _("无法识别您的位置（需要内蒙古境内的经纬度），已按默认顺序列出。可以改为选择盟市。")
                )

    @property
    def league_code(self):
        league = self.selected.get("league")
        return league.code if league else ""

    @property
    def querystring_without_point(self):
        return self.querystring(near=False)

    def querystring(self, *, league=None, near=True):
        """The active filters as a query string; `league` replaces the chosen league."""
        values = {}
        if "type" in self.selected:
            values["type"] = self.selected["type"]
        league_code = self.league_code if league is None else league
        if league_code:
            values["league"] = league_code
        if near and self.point:
            values["lat"], values["lon"] = (f"{value:.4f}" for value in self.point)
        return urlencode(values)


def _rows(venues):
    """One narrow row per venue: one query (the region and its league joined)."""
    fields = (
        "pk",
        "slug",
        "title",
        "venue_type",
        "latitude",
        "longitude",
        "region__code",
        "region__level",
        "region__parent__code",
        "path",
    )
    rows = []
    for pk, slug, title, venue_type, lat, lon, code, level, parent_code, path in venues.values_list(*fields):
        league_code = parent_code if level == Region.Level.COUNTY else code
        point = (float(lat), float(lon)) if lat is not None and lon is not None else None
        rows.append(VenueRow(pk, slug, title, venue_type, point, league_code, path))
    return rows


def _load(rows):
    """The full venues of `rows`, in their order, with what a card shows (two to four queries)."""
    photos = Prefetch("photos", queryset=VenuePhoto.objects.select_related("image"))
    venues = VenuePage.objects.filter(pk__in=[row.pk for row in rows]).select_related(
        "region", "region__parent", "listing_image"
    )
    by_pk = {venue.pk: venue for venue in venues.prefetch_related(photos)}
    ordered = []
    for row in rows:
        venue = by_pk.get(row.pk)
        if venue is not None:
            venue.distance = row.distance
            ordered.append(venue)
    renditions.prefetch_renditions([venue.card_image for venue in ordered])
    return ordered


def directory_context(index, request):
    all_leagues = leagues()
    names = {league.code: league.name for league in all_leagues}
    filters = VenueFilters(request.GET, all_leagues)
    venues = public_venues(index)
    if "type" in filters.selected:
        venues = venues.filter(venue_type=filters.selected["type"])
    rows = _rows(venues)

    # The schematic counts every league (the type filter applies, the league filter does not).
    counts = {}
    for row in rows:
        counts[row.league_code] = counts.get(row.league_code, 0) + 1
    if filters.league_code:
        rows = [row for row in rows if row.league_code == filters.league_code]

    if filters.point:
        for row in rows:
            if row.point:
                row.distance = round(geo.distance_km(filters.point, row.point), 1)
        # Venues without coordinates last, in the default order.
        rows.sort(key=lambda row: (row.distance is None, row.distance or 0, row.league_code, row.path))
    else:
        rows.sort(key=lambda row: (row.league_code, row.path))

    page_obj = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    page_obj.object_list = _load(page_obj.object_list)
    for venue in page_obj.object_list:
        venue.league = venue.region.league

    index_url = index.get_url(request)
    tiles = tile_settings()
    context = {
        "venues": page_obj,
        "page_obj": page_obj,
        "filters": filters,
        "filter_query": filters.querystring(),
        "venue_types": VenueType.choices,
        "leagues": all_leagues,
        "near": filters.point,
        "sorted_by_distance": bool(filters.point),
        "tiles": tiles,
        "map_anchor": MAP_ANCHOR,
    }
    if tiles:
        context["map_points"] = [
            {
                "name": row.title,
                "url": f"{index_url}{row.slug}/",
                "lat": row.point[0],
                "lon": row.point[1],
                "type": VenueType(row.venue_type).label,
                "league": names.get(row.league_code, ""),
            }
            for row in rows
            if row.point
        ]
        context["map_centre"] = REGION_CENTRE
    else:
        context["schematic"] = league_boxes(
            all_leagues,
            counts=counts,
            current=filters.league_code,
            href=lambda code: f"?{filters.querystring(league=code, near=False)}#{MAP_ANCHOR}",
        )
        context["schematic_total"] = sum(counts.values())
    return context


def venue_context(venue, request):
    """A venue page: its league, what is open, its photos, and a small map or the schematic."""
    index = venue.get_parent()
    # The region and its league in one query (the page as served has neither loaded).
    venue.region = Region.objects.select_related("parent").get(pk=venue.region_id)
    league = venue.region.league
    photos = list(venue.photos.select_related("image"))
    renditions.prefetch_renditions([photo.image for photo in photos])
    index_url = index.get_url(request) if index else ""
    tiles = tile_settings()
    context = {
        "directory": index,
        "league": league,
        "offerings": list(venue.offerings.all()),
        "photos": photos,
        "tiles": tiles,
        "map_link": f"{index_url}?{urlencode({'league': league.code})}#{MAP_ANCHOR}" if index_url else "",
    }
    if tiles and venue.point:
        context["map_points"] = [
            {
                "name": venue.title,
                "url": "",
                "lat": venue.point[0],
                "lon": venue.point[1],
                "type": venue.get_venue_type_display(),
                "league": league.name,
            }
        ]
        context["map_centre"] = venue.point
    elif not tiles:
        context["schematic"] = league_boxes(
            leagues(),
            current=league.code,
            href=lambda code: f"{index_url}?{urlencode({'league': code})}#{MAP_ANCHOR}" if index_url else "",
        )
    return context
