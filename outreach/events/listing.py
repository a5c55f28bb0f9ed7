"""What readers may see of events, and how it is listed: the public gate (live, public, current
locale), the filters (campaign, region, audience, date range), the list and the month calendar.

Every public view of events — the index, the calendar, the .ics feeds, 近期活动, sign-up and the
poster — starts from `public_events()`, so an event that is not live and public is in none of them.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.coreutils import get_supported_content_language_variant

from articles.listings import outside_restrictions, paginate, with_cards
from articles.models import Audience, Campaign, Region

from .models import EventPage

FILTER_NAMES = ("campaign", "region", "audience", "from", "to")
MONTH_FORMAT = "%Y-%m"


def public_pages(model):
    """Live pages of `model`, outside any view restriction, in the reader's language."""
    language = get_supported_content_language_variant(get_language())
    return outside_restrictions(model.objects.live().filter(locale__language_code=language))


def public_events():
    return public_pages(EventPage)


def upcoming_events(events=None):
    """Events not yet over, soonest first."""
    events = public_events() if events is None else events
    return events.filter(end__gte=timezone.now()).order_by("start", "pk")


def cards(events):
    return events.defer_streamfields().select_related("campaign", "venue", "cover_image", "listing_image")


def _through(name, column, ids):
    through = getattr(EventPage, name).through
    return through.objects.filter(eventpage_id=OuterRef("pk"), **{f"{column}__in": ids})


def local_day(moment):
    return timezone.localtime(moment).date()


def day_start(day):
    """The first moment of `day` in the portal's time zone (Asia/Shanghai)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass
class EventFilters:
    """The filters of an events listing read from the query string: unknown values are ignored and
    named to the reader; they combine with AND."""

    params: dict
    selected: dict = field(default_factory=dict)
    ignored: list = field(default_factory=list)

    def __post_init__(self):
        self.campaigns = list(Campaign.objects.all())
        self.audiences = list(Audience.objects.all())
        self.regions = list(Region.objects.all())
        finders = {
            "campaign": lambda code: next((c for c in self.campaigns if c.code == code), None),
            "audience": lambda code: next((a for a in self.audiences if a.code == code), None),
            "region": lambda code: next((r for r in self.regions if r.code == code), None),
            "from": parse_date_or_none,
            "to": parse_date_or_none,
        }
        for name in FILTER_NAMES:
            raw = (self.params.get(name) or "").strip()
            if not raw:
                continue
            value = finders[name](raw)
            if value is None:
                self.ignored.append(raw[:50])
            else:
                self.selected[name] = value

    def _region_ids(self, region):
        if region.level == Region.Level.REGION:
            return None
        if region.level == Region.Level.LEAGUE:
            return {region.pk} | {r.pk for r in self.regions if r.parent_id == region.pk}
        return {region.pk}

    def apply(self, events):
        selected = self.selected
        if "campaign" in selected:
            events = events.filter(campaign=selected["campaign"])
        if "audience" in selected:
            events = events.filter(Exists(_through("audiences", "audience_id", [selected["audience"].pk])))
        if "region" in selected and (ids := self._region_ids(selected["region"])) is not None:
            events = events.filter(Exists(_through("regions", "region_id", ids)))
        if "from" in selected:
            events = events.filter(end__gte=day_start(selected["from"]))
        if "to" in selected:
            events = events.filter(start__lt=day_start(selected["to"] + datetime.timedelta(days=1)))
        return events

    def values(self):
        return {
            name: value.isoformat() if isinstance(value, datetime.date) else value.code
            for name, value in self.selected.items()
        }

    def querystring(self, **extra):
        return urlencode({**self.values(), **{k: v for k, v in extra.items() if v}})

    def options(self):
        leagues = [r for r in self.regions if r.level == Region.Level.LEAGUE]
        return {
            "campaigns": self.campaigns,
            "audiences": self.audiences,
            "leagues": [
                (league, [r for r in self.regions if r.parent_id == league.pk]) for league in leagues
            ],
        }

    def message(self):
        if not self.ignored:
            return ""
        return _("已忽略无法识别的筛选条件：%(values)s") % {"values": "、".join(self.ignored)}


def parse_date_or_none(text):
    try:
        return parse_date(text)
    except ValueError:
        return None


def _month(text):
    try:
        return datetime.datetime.strptime(text, MONTH_FORMAT).date()
    except (TypeError, ValueError):
        return None


def month_calendar(events, month):
    """The weeks (Monday first) of `month` with each day's events; a multi-day event is in each of
    its days. `events` is one query, read once."""
    first = month.replace(day=1)
    last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    rows = list(
        cards(
            events.filter(start__lt=day_start(last + datetime.timedelta(days=1)), end__gte=day_start(first))
        ).order_by("start", "pk")
    )
    by_day = {}
    for event in rows:
        day, end = max(local_day(event.start), first), min(local_day(event.end), last)
        while day <= end:
            by_day.setdefault(day, []).append(event)
            day += datetime.timedelta(days=1)
    today = timezone.localdate()
    weeks = [
        [
            {
                "date": day,
                "in_month": day.month == month.month,
                "today": day == today,
                "events": by_day.get(day, []),
            }
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    ]
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = last + datetime.timedelta(days=1)
    return {
        "month": first,
        "weeks": weeks,
        "previous_month": previous.strftime(MONTH_FORMAT),
        "next_month": following.strftime(MONTH_FORMAT),
        "event_count": len(rows),
    }


def index_context(request, index):
    """The index page's list (upcoming first, or past ones with ?past=1) or its month calendar
    (?view=calendar&month=2026-05), filtered; a bounded number of queries whatever the rows."""
    filters = EventFilters(request.GET)
    events = filters.apply(public_events().child_of(index))
    context = {
        "filters": filters,
        "filter_options": filters.options(),
        "filter_query": filters.querystring(),
        "view": "list",
    }
    if request.GET.get("view") == "calendar":
        # No month asked for: the month of the range's start (from=), else this month.
        month = _month(request.GET.get("month")) or filters.selected.get("from") or timezone.localdate()
        if request.GET.get("month") and _month(request.GET.get("month")) is None:
            filters.ignored.append(request.GET["month"][:50])
        context.update(month_calendar(events, month), view="calendar")
        return context
    past = request.GET.get("past") == "1"
    if past:
        ordered = events.filter(end__lt=timezone.now()).order_by("-start", "-pk")
    else:
        ordered = upcoming_events(events)
    page_obj = paginate(request, cards(ordered))
    page_obj.object_list = with_cards(page_obj.object_list)
    context.update(page_obj=page_obj, past=past)
    return context


def detail_context(event):
    """What the event page shows beside its fields: its taxonomy names and the gallery. (Not the places
    left: the page is cached for every reader; the sign-up page says it at the moment of asking.)"""
    return {
        "audiences": list(event.audiences.all()),
        "regions": list(event.regions.all()),
        "disciplines": list(event.disciplines.all()),
        "gallery": list(event.gallery_images.select_related("image")),
        "signups_open": signups_open(event),
    }


def signups_open(event):
    """Whether the event takes sign-ups now: it has places (capacity > 0) and has not ended. (Live
    and public is for the caller's queryset to say.)"""
    return event.takes_signups and not event.has_ended
