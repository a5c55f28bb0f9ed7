"""Builders for events in tests: an events index under a home page, and events published as imported
content (a reviewed page needs a clearance). Other outreach apps' tests use these."""

import datetime
import itertools

from django.utils import timezone

from articles.models import Audience, Campaign, Discipline, Region
from outreach.events.models import EventIndexPage, EventPage
from tests.factories import publish_imported

_slugs = itertools.count(1)

DESCRIPTION = [
    {"type": "paragraph", "value": "<p>讲解一氧化碳的来源和中毒症状,现场演示报警器的安装位置。</p>"},
]


def make_event_index(home, title="科普活动", slug="events"):
    index = EventIndexPage(title=title, slug=slug, intro="全区科普活动。", show_in_menus=True)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_event(
    index,
    title="冬季取暖安全讲座",
    *,
    publish=True,
    start=None,
    days=0,
    hours=2,
    campaign=None,
    regions=(),
    audiences=(),
    disciplines=(),
    **fields,
):
    """An event under `index`, starting at `start` (default: `days` days from now, at the hour) and
    lasting `hours`. Taxonomies are given by code; `publish` clears and publishes it."""
    if start is None:
        start = timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=days)
    event = EventPage(
        title=title,
        slug=fields.pop("slug", f"event-{next(_slugs)}"),
        summary=fields.pop("summary", "讲解冬季取暖如何防范一氧化碳中毒。"),
        start=start,
        end=fields.pop("end", start + datetime.timedelta(hours=hours)),
        organizer=fields.pop("organizer", "示例科协（演示）"),
        address=fields.pop("address", "呼和浩特市新城区示例路 1 号"),
        description=fields.pop("description", DESCRIPTION),
        campaign=Campaign.objects.filter(code=campaign).first() if isinstance(campaign, str) else campaign,
        **fields,
    )
    event.regions.set(Region.objects.filter(code__in=regions))
    event.audiences.set(Audience.objects.filter(code__in=audiences))
    event.disciplines.set(Discipline.objects.filter(code__in=disciplines))
    index.add_child(instance=event)
    if publish:
        publish_imported(event)
    else:
        event.save_revision()
    event.refresh_from_db()
    return event
