"""科普活动 in the public read-only API (/api/v1/events/), added to channels' API through
settings.PORTAL_API_ROUTERS (portal/settings/outreach.py). Events are read only through
listing.public_events() — live, public, in the API's language (zh-hans) — so a draft, an event in
review, sent back or unpublished never appears. A page of 5 and a page of 50 cost the same queries.
"""

import datetime

from ninja import Query, Router
from ninja.errors import HttpError
from pydantic import BaseModel as Schema
from pydantic import Field

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import listings as work_listings
from articles.models import Region
from channels.api import errors
from channels.api.payload import PayloadWriter, _region, _review, _term
from channels.api.schemas import (
    BadRequest,
    BodyBlock,
    Cover,
    Listing,
    Paging,
    Problem,
    RegionTerm,
    ReviewCredit,
    Term,
)

from . import listing
from .models import EventFormat

router = Router()


class EventItem(Schema):
    id: int = Field(description="编号，用于详情接口")
    title: str
    url: str = Field(description="网页地址（绝对地址）")
    summary: str
    start: datetime.datetime = Field(description="开始时间（北京时间）")
    end: datetime.datetime = Field(description="结束时间（北京时间）；可跨多天")
    format: Term = Field(description="形式：线下、线上、线上线下")
    campaign: Term | None = Field(description="所属品牌活动（科技活动周、全国科普日等）；没有时为 null")
    place: str = Field(description="地点（科普阵地名称和地址；线上活动为“线上”）")
    online_url: str = Field(description="线上参与链接；没有时为空")
    organizer: str = Field(description="主办单位")
    capacity: int = Field(description="名额；0 表示无需报名")
    regions: list[RegionTerm]
    audiences: list[Term]
    disciplines: list[Term]
    cover: Cover | None
    ical_url: str = Field(description="该活动的 iCalendar（.ics）地址")
    review: ReviewCredit
    last_published_at: datetime.datetime = Field(description="最近一次发布的时间（北京时间）")


class EventDetail(EventItem):
    description: list[BodyBlock] = Field(description="活动介绍：标题、段落、图片、知识点、引文、问答")


class EventListing(Listing):
    items: list[EventItem]


class EventQuery(Paging):
    campaign: str = Field(
        "", description="品牌活动代码（sci-tech-week、science-day、three-rural、campus-festival …）"
    )
    region: str = Field("", description="地区代码（GB/T 2260）；盟市含其旗县区")
    audience: str = Field("", description="重点人群代码（见 /api/v1/taxonomies/）")
    date_from: datetime.date | None = Field(
        None, alias="from", description="在此日期当天或之后仍在进行的活动"
    )
    date_to: datetime.date | None = Field(None, alias="to", description="在此日期当天或之前开始的活动")
    past: bool = Field(
        False, description="true 时列出已结束的活动（最近结束的在前）；默认列出未结束的活动（最早开始的在前）"
    )


def _load(queryset):
    events = list(
        queryset.select_related("campaign", "cover_image", "listing_image").prefetch_related(
            "audiences", "disciplines", Prefetch("regions", queryset=Region.objects.select_related("parent"))
        )
    )
    return work_listings.with_cards(events)


class EventWriter(PayloadWriter):
    def event(self, page):
        absolute = self.request.build_absolute_uri
        return {
            "id": page.pk,
            "title": page.title,
            "url": absolute(page.get_url(self.request)),
            "summary": page.summary,
            "start": timezone.localtime(page.start),
            "end": timezone.localtime(page.end),
            "format": {"code": page.format, "name": str(EventFormat(page.format).label)},
            "campaign": _term(page.campaign) if page.campaign_id else None,
            "place": page.place,
            "online_url": page.online_url,
            "organizer": page.organizer,
            "capacity": page.capacity,
            "regions": [_region(r) for r in page.regions.all()],
            "audiences": [_term(a) for a in page.audiences.all()],
            "disciplines": [_term(d) for d in page.disciplines.all()],
            "cover": self.body.cover(page.card_image),
            "ical_url": absolute(reverse("events:ics", kwargs={"event_id": page.pk})),
            "review": _review(page.review_credit),
            "last_published_at": timezone.localtime(page.last_published_at),
        }

    def event_detail(self, page):
        return {**self.event(page), "description": self.body.blocks(page.description)}


@router.get(
    "/",
    response={200: EventListing, 400: BadRequest},
    summary="科普活动列表",
    description="经三审发布的科普活动。默认列出未结束的活动，最早开始的在前；筛选条件可以组合（同时满足）。",
    tags=["科普活动"],
    url_name="events",
)
def events(request, query: Query[EventQuery]):
    params = {
        "campaign": query.campaign,
        "region": query.region,
        "audience": query.audience,
        "from": query.date_from.isoformat() if query.date_from else "",
        "to": query.date_to.isoformat() if query.date_to else "",
    }
    filters = listing.EventFilters(params)
    if filters.ignored:
        raise HttpError(400, _("无法识别的筛选条件：%(values)s。") % {"values": "、".join(filters.ignored)})
    queryset = filters.apply(listing.public_events())
    now = timezone.now()
    if query.past:
        queryset = queryset.filter(end__lt=now).order_by("-end", "-pk")
    else:
        queryset = queryset.filter(end__gte=now).order_by("start", "pk")
    count = queryset.count()
    start, end = query.offset, query.offset + query.limit
    pages = _load(queryset.defer_streamfields()[start:end]) if start < count else []
    writer = EventWriter(request)
    return {
        "count": count,
        "next": _page_url(request, end) if end < count else None,
        "previous": _page_url(request, max(0, start - query.limit)) if start > 0 else None,
        "items": [writer.event(page) for page in pages],
    }


def _page_url(request, offset):
    query = request.GET.copy()
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@router.get(
    "/{int:event_id}/",
    response={200: EventDetail, 404: Problem},
    summary="科普活动详情",
    tags=["科普活动"],
    url_name="event",
)
def event(request, event_id: int):
    found = _load(listing.public_events().filter(pk=event_id))
    if not found:
        return errors.not_found()
    return EventWriter(request).event_detail(found[0])


def register():
    """channels.api's hook: (prefix, router, the index's name for the list's URL name)."""
    return "/events", router, "events"
