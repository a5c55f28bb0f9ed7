"""The 督查 figures: each a few aggregate queries over one period and, optionally, one league.

A figure is a titled table: rows (a label, its numbers, the key of the records behind it) under
named columns; one column is drawn as a chart. Counting rules, stated once:
- a work counts when it is live in the default language and was first published in the period;
- a work belongs to a league when one of its regions is the league or a county of it (a work for
  the whole region, 150000, belongs to no league);
- a work with two audiences (disciplines) counts once under each: the rows may add up to more
  than the total, which each figure states;
- review turnaround is a stage's task from start to finish (approved or sent back) in the period;
- events, venues, requests and volunteers belong to a league by their own region, as works do.
"""

import math
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Case, CharField, Count, F, Min, OuterRef, Q, Subquery, Sum, When
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Task, TaskState

from articles.models import ArticlePage, Audience, Campaign, Discipline, Region, WorkForm
from outreach.dispatch.models import OrganisationType, RequestEvent, ServiceRequest
from outreach.dispatch.models import State as RequestState
from outreach.events.models import EventPage, EventReport
from outreach.people import queries as people_queries
from outreach.venues.models import VenuePage, VenueType
from review.models import (
    EditorialReviewTask,
    ExpertAssignment,
    ExpertReviewTask,
    FinalReviewTask,
    ReviewOpinion,
    Stage,
)

from .models import HelpfulAnswer

NO_AUDIENCE = _("未标注人群")
NO_DISCIPLINE = _("未标注学科")
NO_REGION = _("未标注地区")
WHOLE_REGION = _("全区")


@dataclass(frozen=True)
class Filters:
    """The period (both days included, local dates) and the league (None: all of Inner Mongolia)."""

    start: date
    end: date
    league: Region | None = None

    @property
    def since(self):
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self):  # exclusive
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def query(self):
        """The filters as query parameters (the dashboard's form reads them back)."""
        params = {"from": self.start.isoformat(), "to": self.end.isoformat()}
        if self.league:
            params["league"] = self.league.code
        return params


@dataclass
class Row:
    label: str
    values: tuple
    key: str = ""  # names the records behind the row ("" when there are none to show)


@dataclass
class Figure:
    key: str
    title: str
    columns: tuple
    rows: list = field(default_factory=list)
    chart_column: int = 0
    chart_max: float | None = None  # what the longest bar stands for (100 for a share)
    records: str = ""  # the kind of records behind the rows (records.py)
    note: str = ""

    @property
    def chart_unit(self):
        return self.columns[self.chart_column]


BUILDERS = {}  # key → builder, in the order the dashboard shows them
TITLES = {}


def builds(key, title):
    """Registers a figure's builder under `key` with its title."""

    def register(function):
        BUILDERS[key], TITLES[key] = function, title
        return function

    return register


def figure_title(key):
    return TITLES.get(key, "")


def in_league(prefix, league):
    """Rows whose region at `prefix` is `league` or one of its counties."""
    return Q(**{prefix: league}) | Q(**{f"{prefix}__parent": league})


# --- works --------------------------------------------------------------------------------------


def works_in_league(league):
    """Ids of works with a region that is `league` or one of its counties (a subquery)."""
    return ArticlePage.regions.through.objects.filter(in_league("region", league)).values("articlepage_id")


def published_works(filters):
    works = ArticlePage.objects.live().filter(
        locale__language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE),
        first_published_at__gte=filters.since,
        first_published_at__lt=filters.until,
    )
    if filters.league:
        works = works.filter(pk__in=works_in_league(filters.league))
    return works


def _count_note(total, what):
    return _("共 %(total)s 篇作品；一篇作品可属多个%(what)s，各行之和可能大于总数。") % {
        "total": total,
        "what": what,
    }


@builds("works_by_audience", _("发布作品（按重点人群）"))
def works_by_audience(filters):
    works = published_works(filters)
    through = ArticlePage.audiences.through.objects.filter(articlepage__in=works)
    counts = dict(through.values_list("audience__code").annotate(n=Count("articlepage_id", distinct=True)))
    rows = [Row(a.name, (counts.get(a.code, 0),), f"audience:{a.code}") for a in Audience.objects.all()]
    rows.append(Row(str(NO_AUDIENCE), (works.filter(audiences=None).count(),), "audience:"))
    total = works.count()
    return Figure(
        "works_by_audience",
        TITLES["works_by_audience"],
        (_("作品数"),),
        rows,
        records="works",
        note=_count_note(total, _("人群")),
    )


@builds("works_by_discipline", _("发布作品（按学科）"))
def works_by_discipline(filters):
    """By top-level discipline: a sub-field counts for its parent."""
    works = published_works(filters)
    through = ArticlePage.disciplines.through.objects.filter(articlepage__in=works)
    counts = dict(
        through.annotate(top=Coalesce("discipline__parent_id", "discipline_id"))
        .values_list("top")
        .annotate(n=Count("articlepage_id", distinct=True))
    )
    tops = Discipline.objects.filter(parent=None).order_by("sort_order", "code")
    rows = [Row(d.name, (counts.get(d.pk, 0),), f"discipline:{d.pk}") for d in tops]
    rows.append(Row(str(NO_DISCIPLINE), (works.filter(disciplines=None).count(),), "discipline:"))
    return Figure(
        "works_by_discipline",
        TITLES["works_by_discipline"],
        (_("作品数"),),
        rows,
        records="works",
        note=_count_note(works.count(), _("学科")),
    )


@builds("works_by_form", _("发布作品（按形式）"))
def works_by_form(filters):
    counts = dict(published_works(filters).order_by().values_list("form").annotate(n=Count("pk")))
    rows = [Row(str(label), (counts.get(code, 0),), f"form:{code}") for code, label in WorkForm.choices]
    return Figure(
        "works_by_form",
        TITLES["works_by_form"],
        (_("作品数"),),
        rows,
        records="works",
        note=_("共 %(total)s 篇作品。") % {"total": sum(counts.values())},
    )


# --- review turnaround --------------------------------------------------------------------------

STAGE_TASKS = {
    Stage.EDITORIAL: EditorialReviewTask,
    Stage.EXPERT: ExpertReviewTask,
    Stage.FINAL: FinalReviewTask,
}


def finished_task_states(filters):
    """Stage tasks finished (approved or sent back) in the period; with a league, those of works in it."""
    states = TaskState.objects.filter(
        status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
        finished_at__gte=filters.since,
        finished_at__lt=filters.until,
    )
    if filters.league:
        states = states.filter(workflow_state__object_id__in=_league_page_ids(filters.league))
    return states


def _league_page_ids(league):
    """Ids, as text (a workflow state names its page so), of works in `league`: a subquery."""
    through = ArticlePage.regions.through.objects.filter(in_league("region", league))
    return through.annotate(text_id=Cast("articlepage_id", CharField())).values("text_id")


def task_stages():
    """Task id → stage, for the three stage task types (one query)."""
    from django.contrib.contenttypes.models import ContentType

    by_type = {ContentType.objects.get_for_model(model).pk: stage for stage, model in STAGE_TASKS.items()}
    return {
        pk: by_type[type_id]
        for pk, type_id in Task.objects.filter(content_type__in=by_type).values_list("pk", "content_type_id")
    }


def percentile(values, share):
    """Nearest-rank percentile of sorted `values` (the smallest value with `share` of them at or below)."""
    return values[max(math.ceil(share * len(values)) - 1, 0)]


def spread(days):
    """(how many, median, 90th percentile) of durations in days, rounded to a tenth; zeros for none."""
    days = sorted(days)
    if not days:
        return (0, 0, 0)
    return (len(days), round(statistics.median(days), 1), round(percentile(days, 0.9), 1))


def days_between(start, end):
    return (end - start).total_seconds() / 86400


def expert_opinions(filters):
    """Opinions given in the period, each with when its expert was assigned (review's own records)."""
    assigned = ExpertAssignment.objects.filter(task_state=OuterRef("task_state"), expert=OuterRef("expert"))
    opinions = ReviewOpinion.objects.filter(created_at__gte=filters.since, created_at__lt=filters.until)
    if filters.league:
        opinions = opinions.filter(task_state__workflow_state__object_id__in=_league_page_ids(filters.league))
    return opinions.annotate(assigned_at=Subquery(assigned.values("assigned_at")[:1])).exclude(
        assigned_at=None
    )


@builds("review_turnaround", _("审核用时（按环节）"))
def review_turnaround(filters):
    stages = task_stages()
    days = {stage: [] for stage in STAGE_TASKS}
    rows_read = finished_task_states(filters).filter(task_id__in=stages)
    for task_id, started, finished in rows_read.values_list("task_id", "started_at", "finished_at"):
        days[stages[task_id]].append(days_between(started, finished))
    rows = [Row(str(stage.label), spread(days[stage]), f"stage:{stage.value}") for stage in STAGE_TASKS]
    opinions = expert_opinions(filters).values_list("assigned_at", "created_at")
    rows.append(
        Row(str(_("专家出具意见")), spread(days_between(*pair) for pair in opinions), "stage:opinion")
    )
    return Figure(
        "review_turnaround",
        TITLES["review_turnaround"],
        (_("完成次数"), _("中位数（天）"), _("第90百分位（天）")),
        rows,
        chart_column=1,
        records="reviews",
        note=_(
            "各环节从开始到通过或退回；同一作品退回修改后再审，每一轮分别计入。"
            "“专家出具意见”从指派专家到专家提交意见，每位专家每轮一次。"
        ),
    )


# --- reader satisfaction ------------------------------------------------------------------------


def answers(filters):
    answered = HelpfulAnswer.objects.filter(created__gte=filters.start, created__lte=filters.end)
    if filters.league:
        answered = answered.filter(page_id__in=works_in_league(filters.league))
    return answered


SHARE = {
    "yes": Count("pk", filter=Q(helpful=True), distinct=True),
    "no": Count("pk", filter=Q(helpful=False), distinct=True),
}


def _satisfaction_row(label, yes, no, key):
    total = yes + no
    share = round(100 * yes / total, 1) if total else 0
    return Row(str(label), (total, yes, no, share), key)


SATISFACTION_COLUMNS = (_("回答数"), _("有帮助"), _("没帮助"), _("有帮助占比（%）"))


@builds("satisfaction_by_audience", _("读者满意度（按重点人群）"))
def satisfaction_by_audience(filters):
    counts = {
        code: (yes, no)
        for code, yes, no in answers(filters).values_list("page__audiences__code").annotate(**SHARE)
    }
    rows = [
        _satisfaction_row(a.name, *counts.get(a.code, (0, 0)), f"audience:{a.code}")
        for a in Audience.objects.all()
    ]
    rows.append(_satisfaction_row(NO_AUDIENCE, *counts.get(None, (0, 0)), "audience:"))
    return Figure(
        "satisfaction_by_audience",
        TITLES["satisfaction_by_audience"],
        SATISFACTION_COLUMNS,
        rows,
        chart_column=3,
        chart_max=100,
        records="answers",
        note=_("“这篇有帮助吗”的回答；一篇作品可属多个人群，其回答在各人群分别计入。"),
    )


@builds("satisfaction_by_league", _("读者满意度（按盟市）"))
def satisfaction_by_league(filters):
    league_code = Case(
        When(page__regions__level=Region.Level.COUNTY, then=F("page__regions__parent__code")),
        default=F("page__regions__code"),
    )
    counts = {
        code: (yes, no)
        for code, yes, no in answers(filters)
        .annotate(league=league_code)
        .values_list("league")
        .annotate(**SHARE)
    }
    leagues = Region.objects.filter(level=Region.Level.LEAGUE)
    if filters.league:
        leagues = leagues.filter(pk=filters.league.pk)
    rows = [_satisfaction_row(r.name, *counts.get(r.code, (0, 0)), f"league:{r.code}") for r in leagues]
    if not filters.league:
        whole = Region.objects.filter(level=Region.Level.REGION).values_list("code", flat=True).first()
        rows.append(_satisfaction_row(WHOLE_REGION, *counts.get(whole, (0, 0)), f"league:{whole}"))
        rows.append(_satisfaction_row(NO_REGION, *counts.get(None, (0, 0)), "league:"))
    return Figure(
        "satisfaction_by_league",
        TITLES["satisfaction_by_league"],
        SATISFACTION_COLUMNS,
        rows,
        chart_column=3,
        chart_max=100,
        records="answers",
        note=_("作品标注的旗县区计入所属盟市；标注多个盟市的作品在各盟市分别计入。"),
    )


# --- events, venues, requests, volunteers (outreach) -------------------------------------------


def held_events(filters):
    """Reports of events that started in the period (a report is filed once an event was held)."""
    reports = EventReport.objects.filter(event__start__gte=filters.since, event__start__lt=filters.until)
    if filters.league:
        through = EventPage.regions.through.objects.filter(in_league("region", filters.league))
        reports = reports.filter(event_id__in=through.values("eventpage_id"))
    return reports


@builds("events_by_campaign", _("举办活动与参加人数（按品牌活动）"))
def events_by_campaign(filters):
    counts = {
        campaign: (n, people or 0)
        for campaign, n, people in held_events(filters)
        .order_by()
        .values_list("event__campaign_id")
        .annotate(n=Count("pk"), people=Sum("participants"))
    }
    rows = [Row(c.name, counts.get(c.pk, (0, 0)), f"campaign:{c.pk}") for c in Campaign.objects.all()]
    rows.append(Row(str(_("未归入品牌活动")), counts.get(None, (0, 0)), "campaign:"))
    return Figure(
        "events_by_campaign",
        TITLES["events_by_campaign"],
        (_("举办活动数"), _("参加人数")),
        rows,
        chart_column=1,
        records="events",
        note=_("已填报活动总结、且开始时间在所选时段内的活动。"),
    )


def listed_venues(filters):
    venues = VenuePage.objects.live().filter(
        locale__language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if filters.league:
        venues = venues.filter(in_league("region", filters.league))
    return venues


@builds("venues_by_type", _("科普阵地（按类型）"))
def venues_by_type(filters):
    counts = dict(listed_venues(filters).order_by().values_list("venue_type").annotate(n=Count("pk")))
    rows = [Row(str(label), (counts.get(code, 0),), f"type:{code}") for code, label in VenueType.choices]
    return Figure(
        "venues_by_type",
        TITLES["venues_by_type"],
        (_("阵地数"),),
        rows,
        records="venues",
        note=_("目录中现有的阵地（不随时段变化）。"),
    )


def submitted_requests(filters):
    requests = ServiceRequest.objects.filter(submitted_at__gte=filters.since, submitted_at__lt=filters.until)
    if filters.league:
        requests = requests.filter(in_league("region", filters.league))
    return requests


@builds("requests_by_state", _("点单需求（按状态）"))
def requests_by_state(filters):
    counts = dict(submitted_requests(filters).order_by().values_list("state").annotate(n=Count("pk")))
    rows = [Row(str(label), (counts.get(code, 0),), f"state:{code}") for code, label in RequestState.choices]
    return Figure(
        "requests_by_state",
        TITLES["requests_by_state"],
        (_("需求数"),),
        rows,
        records="requests",
        note=_("在所选时段内提交的需求，按当前状态。"),
    )


@builds("requests_dispatch_time", _("从提交到派单的用时（按单位类型）"))
def requests_dispatch_time(filters):
    """From submission to the first dispatch (a request declined and sent again counts its first)."""
    first = submitted_requests(filters).annotate(
        first=Min("events__at", filter=Q(events__action=RequestEvent.Action.DISPATCH))
    )
    days = {code: [] for code, _label in OrganisationType.choices}
    for kind, submitted, dispatched in first.filter(first__isnull=False).values_list(
        "organisation_type", "submitted_at", "first"
    ):
        days.setdefault(kind, []).append(days_between(submitted, dispatched))

    rows = [Row(str(label), spread(days[code]), f"type:{code}") for code, label in OrganisationType.choices]
    rows.append(Row(str(_("全部")), spread(d for values in days.values() for d in values), "type:"))
    return Figure(
        "requests_dispatch_time",
        TITLES["requests_dispatch_time"],
        (_("已派单数"), _("中位数（天）"), _("第90百分位（天）")),
        rows,
        chart_column=1,
        records="requests",
        note=_("在所选时段内提交、已经派过单的需求；婉拒后再派单的，按第一次派单计。"),
    )


@builds("volunteers_by_league", _("志愿者与服务时长（按盟市）"))
def volunteers_by_league(filters):
    hours = people_queries.hours_by_league(filters.since, filters.until)
    rows = []
    for league, approved in people_queries.approved_volunteers_by_league():
        if filters.league and league != filters.league:
            continue
        served, total = hours.get(league.pk, (0, 0))
        rows.append(Row(league.name, (approved, served, float(total)), f"league:{league.code}"))
    return Figure(
        "volunteers_by_league",
        TITLES["volunteers_by_league"],
        (_("已通过志愿者"), _("参与服务人数"), _("服务时长（小时）")),
        rows,
        chart_column=2,
        records="volunteers",
        note=_("志愿者人数为目前已通过审核的人数；服务时长按所选时段内开始的活动计。"),
    )


def figure(key, filters):
    return BUILDERS[key](filters)


def all_figures(filters):
    return [build(filters) for build in BUILDERS.values()]
