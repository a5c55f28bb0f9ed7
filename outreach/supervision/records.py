"""The records behind a figure's row: the works, reviews or answers a number counts, for the admin
list that each figure links to. Each kind reads its rows with the figure's own filters, so the list
is exactly what the number counted."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q, Sum
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from articles.models import ArticlePage, Region
from outreach.dispatch.models import RequestEvent
from outreach.dispatch.models import State as RequestState
from outreach.people.models import Volunteer

from . import figures

PER_PAGE = 50


@dataclass
class Cell:
    text: str
    url: str = ""


@dataclass
class RecordList:
    title: str
    headers: tuple
    page: object  # a Paginator page of rows (lists of Cells)


def _edit(page_id, title):
    return Cell(title, reverse("wagtailadmin_pages:edit", args=[page_id]))


def _split(key):
    name, _sep, value = key.partition(":")
    return name, value


def _works_filter(name, value):
    """The condition on works for a row key of the works figures."""
    if name == "audience":
        return Q(audiences__code=value) if value else Q(audiences=None)
    if name == "discipline":
        if not value:
            return Q(disciplines=None)
        if not value.isdigit():
            raise Http404
        return Q(disciplines__pk=value) | Q(disciplines__parent_id=value)
    if name == "form":
        return Q(form=value)
    if name == "league":
        if not value:
            return Q(regions=None)
        league = Region.objects.filter(code=value).first()
        if league is None:
            raise Http404
        if league.level == Region.Level.REGION:
            return Q(regions=league)
        return Q(pk__in=figures.works_in_league(league))
    raise Http404


def works(key, filters, number):
    name, value = _split(key)
    rows = (
        figures.published_works(filters)
        .filter(_works_filter(name, value))
        .distinct()
        .order_by("-first_published_at", "pk")
        .values_list("pk", "title", "first_published_at", "form")
    )
    page = Paginator(rows, PER_PAGE).get_page(number)
    page.object_list = [
        [_edit(pk, title), Cell(f"{published:%Y-%m-%d}"), Cell(form)]
        for pk, title, published, form in page.object_list
    ]
    return RecordList(_("发布的作品"), (_("作品"), _("首次发布"), _("形式")), page)


def answers(key, filters, number):
    name, value = _split(key)
    answered = figures.answers(filters)
    if name == "audience":
        answered = answered.filter(Q(page__audiences__code=value) if value else Q(page__audiences=None))
    elif name == "league":
        answered = answered.filter(page__in=ArticlePage.objects.filter(_works_filter(name, value)))
    else:
        raise Http404
    rows = (
        answered.values_list("page_id", "page__title")
        .annotate(yes=figures.SHARE["yes"], no=figures.SHARE["no"])
        .order_by("page__title", "page_id")
    )
    page = Paginator(rows, PER_PAGE).get_page(number)
    page.object_list = [
        [_edit(pk, title), Cell(str(yes)), Cell(str(no))] for pk, title, yes, no in page.object_list
    ]
    return RecordList(_("收到回答的作品"), (_("作品"), _("有帮助"), _("没帮助")), page)


def reviews(key, filters, number):
    name, value = _split(key)
    if name != "stage" or value not in (*figures.Stage.values, "opinion"):
        raise Http404
    if value == "opinion":
        return opinions(filters, number)
    stages = figures.task_stages()
    task_ids = [pk for pk, stage in stages.items() if stage == value]
    rows = (
        figures.finished_task_states(filters)
        .filter(task_id__in=task_ids)
        .order_by("-finished_at", "pk")
        .values_list("workflow_state__object_id", "started_at", "finished_at", "status")
    )
    page = Paginator(rows, PER_PAGE).get_page(number)
    ids = [int(object_id) for object_id, *_rest in page.object_list]
    titles = dict(Page.objects.filter(pk__in=ids).values_list("pk", "title"))
    statuses = {"approved": _("通过"), "rejected": _("退回")}
    page.object_list = [
        [
            _edit(int(object_id), titles.get(int(object_id), "—")),
            Cell(f"{timezone.localtime(started):%Y-%m-%d %H:%M}"),
            Cell(f"{timezone.localtime(finished):%Y-%m-%d %H:%M}"),
            Cell(f"{(finished - started).total_seconds() / 86400:.1f}"),
            Cell(str(statuses.get(status, status))),
        ]
        for object_id, started, finished, status in page.object_list
    ]
    headers = (_("作品"), _("开始"), _("完成"), _("用时（天）"), _("结果"))
    return RecordList(_("完成的审核环节"), headers, page)


def opinions(filters, number):
    rows = (
        figures.expert_opinions(filters)
        .order_by("-created_at", "pk")
        .values_list("task_state__workflow_state__object_id", "expert__name", "assigned_at", "created_at")
    )
    page = Paginator(rows, PER_PAGE).get_page(number)
    titles = dict(
        Page.objects.filter(pk__in=[int(row[0]) for row in page.object_list]).values_list("pk", "title")
    )
    page.object_list = [
        [
            _edit(int(object_id), titles.get(int(object_id), "—")),
            Cell(expert),
            Cell(f"{timezone.localtime(assigned):%Y-%m-%d %H:%M}"),
            Cell(f"{timezone.localtime(given):%Y-%m-%d %H:%M}"),
            Cell(f"{figures.days_between(assigned, given):.1f}"),
        ]
        for object_id, expert, assigned, given in page.object_list
    ]
    headers = (_("作品"), _("专家"), _("指派"), _("提交意见"), _("用时（天）"))
    return RecordList(_("专家意见"), headers, page)


def _pk(value):
    if not value.isdigit():
        raise Http404
    return int(value)


def events(key, filters, number):
    name, value = _split(key)
    if name != "campaign":
        raise Http404
    reports = figures.held_events(filters).filter(event__campaign_id=_pk(value) if value else None)
    rows = reports.order_by("-event__start", "pk").values_list(
        "event_id", "event__title", "event__start", "participants"
    )
    page = Paginator(rows, PER_PAGE).get_page(number)
    page.object_list = [
        [_edit(pk, title), Cell(f"{timezone.localtime(start):%Y-%m-%d}"), Cell(str(people))]
        for pk, title, start, people in page.object_list
    ]
    return RecordList(_("举办的活动"), (_("活动"), _("开始日期"), _("参加人数")), page)


def venues(key, filters, number):
    name, value = _split(key)
    if name != "type":
        raise Http404
    rows = (
        figures.listed_venues(filters)
        .filter(venue_type=value)
        .order_by("region__code", "title")
        .values_list("pk", "title", "region__name")
    )
    page = Paginator(rows, PER_PAGE).get_page(number)
    page.object_list = [[_edit(pk, title), Cell(region)] for pk, title, region in page.object_list]
    return RecordList(_("科普阵地"), (_("阵地"), _("所在地区")), page)


def _request_url(pk):
    return reverse("dispatch_admin:request", args=[pk])


def requests(key, filters, number):
    name, value = _split(key)
    chosen = figures.submitted_requests(filters)
    if name == "state":
        chosen = chosen.filter(state=value)
    elif name == "type":
        chosen = chosen.filter(events__action=RequestEvent.Action.DISPATCH).distinct()
        if value:
            chosen = chosen.filter(organisation_type=value)
    else:
        raise Http404
    rows = chosen.order_by("-submitted_at", "pk").values_list(
        "pk", "organisation_name", "topic", "region__name", "submitted_at", "state"
    )
    page = Paginator(rows, PER_PAGE).get_page(number)
    states = dict(RequestState.choices)
    page.object_list = [
        [
            Cell(organisation, _request_url(pk)),
            Cell(topic),
            Cell(region),
            Cell(f"{timezone.localtime(submitted):%Y-%m-%d}"),
            Cell(str(states.get(state, state))),
        ]
        for pk, organisation, topic, region, submitted, state in page.object_list
    ]
    headers = (_("单位"), _("主题"), _("地区"), _("提交日期"), _("当前状态"))
    return RecordList(_("点单需求"), headers, page)


def volunteers(key, filters, number):
    name, value = _split(key)
    league = (
        Region.objects.filter(code=value, level=Region.Level.LEAGUE).first() if name == "league" else None
    )
    if league is None:
        raise Http404
    served = Q(
        assignments__hours__isnull=False,
        assignments__event__start__gte=filters.since,
        assignments__event__start__lt=filters.until,
    )
    rows = (
        Volunteer.objects.filter(figures.in_league("region", league))
        .annotate(hours=Sum("assignments__hours", filter=served))
        .filter(Q(status=Volunteer.Status.APPROVED) | Q(hours__isnull=False))
        .order_by("name", "pk")
        .values_list("name", "region__name", "status", "hours")
    )
    page = Paginator(rows, PER_PAGE).get_page(number)
    statuses = dict(Volunteer.Status.choices)
    page.object_list = [
        [Cell(person), Cell(region), Cell(str(statuses.get(status, status))), Cell(f"{hours or 0:.1f}")]
        for person, region, status, hours in page.object_list
    ]
    headers = (_("姓名"), _("地区"), _("审核状态"), _("时段内服务时长（小时）"))
    return RecordList(_("已通过或在时段内服务过的志愿者"), headers, page)


# Figure key → the records behind its rows.
BEHIND = {
    "works_by_audience": works,
    "works_by_discipline": works,
    "works_by_form": works,
    "review_turnaround": reviews,
    "satisfaction_by_audience": answers,
    "satisfaction_by_league": answers,
    "events_by_campaign": events,
    "venues_by_type": venues,
    "requests_by_state": requests,
    "requests_dispatch_time": requests,
    "volunteers_by_league": volunteers,
}


def record_list(figure_key, row_key, filters, number=1):
    if figure_key not in BEHIND:
        raise Http404
    return BEHIND[figure_key](row_key, filters, number)
