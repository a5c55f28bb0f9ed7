"""Outreach (outreach/): the venue map's tile server, the deadlines of service requests.

Environment:
- MAP_TILE_URL — an XYZ tile URL template for the venue map, e.g. 天地图's
  https://t{s}.tianditu.gov.cn/vec_w/wmts?…&tk=<key> or any {z}/{x}/{y} server; unset, the directory
  shows a list by league and a drawn schematic of the 12 leagues instead of a map (never a broken map).
- MAP_TILE_ATTRIBUTION — the credit line the tile provider asks for (HTML-escaped when shown).
- MAP_TILE_SUBDOMAINS — the {s} values, e.g. 01234567 (default: none).
- MAP_LABEL_TILE_URL — an optional second layer of labels over the tiles (天地图's cva_w).
- DISPATCH_ACCEPT_DAYS, DISPATCH_SCHEDULE_DAYS — days an expert has to answer a dispatched request,
  and to schedule an accepted one, before the queue flags it overdue.
"""

import os
from urllib.parse import urlsplit


def _env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def configure(s):
    s["MAP_TILE_URL"] = os.environ.get("MAP_TILE_URL", "").strip()
    s["MAP_TILE_ATTRIBUTION"] = os.environ.get("MAP_TILE_ATTRIBUTION", "").strip()
    s["MAP_TILE_SUBDOMAINS"] = os.environ.get("MAP_TILE_SUBDOMAINS", "").strip()
    s["MAP_LABEL_TILE_URL"] = os.environ.get("MAP_LABEL_TILE_URL", "").strip()
    s["DISPATCH_ACCEPT_DAYS"] = _env_int("DISPATCH_ACCEPT_DAYS", 3)
    s["DISPATCH_SCHEDULE_DAYS"] = _env_int("DISPATCH_SCHEDULE_DAYS", 7)
    # The public API (channels/api) carries events too: /api/v1/events/.
    s["PORTAL_API_ROUTERS"] = ["outreach.events.api.register"]
    # The tile servers' origins join the Content Security Policy's img-src (only when set).
    origins = []
    for url in (s["MAP_TILE_URL"], s["MAP_LABEL_TILE_URL"]):
        if url:
            parts = urlsplit(url.replace("{s}", "x"))
            host = parts.netloc.replace("x.", "*.", 1) if "{s}" in url.split("/")[2] else parts.netloc
            origins.append(f"{parts.scheme}://{host}")
    s["MAP_TILE_ORIGINS"] = origins
