"""Each person's contribution record (科普工作量), computed from the data and nothing else: works
published, reviews done (stage and date only, never a work's confidential content or opinion text),
talks dispatched and given, volunteer hours — for a period.

Every function here reads a bounded number of queries whatever the number of people or rows: the
admin's list asks for everyone's figures at once (`figures_for`).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Min, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import ArticlePage
from creators.models import CreatorProfile
from outreach.dispatch.models import RequestEvent, ServiceRequest, State
from outreach.people.models import Volunteer, VolunteerAssignment
from review.models import CaseStatus, CorrectionCase, ExpertProfile, ReviewAction, Stage
from review.rules import STAGE_ACTS

ROLES = {
    "creator": gettext_lazy("创作者"),
    "expert": gettext_lazy("审核专家"),
    "volunteer": gettext_lazy("科普志愿者"),
}
STAGES = tuple(Stage.values)  # editorial, expert, final: 初审, 科学性审核, 终审
EARLIEST_YEAR = 2000


@dataclass(frozen=True)
class Period:
    """From `start` (None: from the beginning) to `end`, both days included, in the portal's time zone."""

    start: datetime.date | None
    end: datetime.date

    @classmethod
    def whole(cls, today=None):
        return cls(None, today or timezone.localdate())

    @classmethod
    def year(cls, year):
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @classmethod
    def from_query(cls, data, today=None):
        """The period a GET or POST asks for (`year`, or `start`/`end` as YYYY-MM-DD), and the error
        to show in Chinese when it is unreadable (then the whole record is shown)."""
        today = today or timezone.localdate()
        year, start, end = (str(data.get(name, "") or "").strip() for name in ("year", "start", "end"))
        try:
            if year:
                number = int(year)
                if not EARLIEST_YEAR <= number <= today.year:
                    raise ValueError
                return cls.year(number), None
            begin = datetime.date.fromisoformat(start) if start else None
            finish = datetime.date.fromisoformat(end) if end else today
        except ValueError:
            return cls.whole(today), _("时间范围无法识别：年份请填四位数字，日期请按“2026-01-31”的格式填写。")
        if begin and begin > finish:
            return cls.whole(today), _("起始日期不能晚于截止日期。")
        return cls(begin, finish), None

    def bounds(self):
        """The period as [from, to) aware datetimes (from is None when open)."""
        zone = timezone.get_current_timezone()
        after = self.end + datetime.timedelta(days=1)
        to = datetime.datetime.combine(after, datetime.time.min, tzinfo=zone)
        since = self.start and datetime.datetime.combine(self.start, datetime.time.min, tzinfo=zone)
        return since, to

    def filter(self, queryset, name):
        since, to = self.bounds()
        queryset = queryset.filter(**{f"{name}__lt": to})
        return queryset.filter(**{f"{name}__gte": since}) if since else queryset

    def as_json(self):
        return [self.start.isoformat() if self.start else None, self.end.isoformat()]

    @classmethod
    def from_json(cls, value):
        start, end = value
        return cls(start and datetime.date.fromisoformat(start), datetime.date.fromisoformat(end))

    @property
    def label(self):
        end = day_text(self.end)
        if self.start is None:
            return _("截至%(end)s") % {"end": end}
        if self.start == datetime.date(self.start.year, 1, 1) and self.end == datetime.date(
            self.start.year, 12, 31
        ):
            return _("%(year)s年度") % {"year": self.start.year}
        return _("%(start)s至%(end)s") % {"start": day_text(self.start), "end": end}

    def query(self):
        """The period as GET parameters (for links that keep it)."""
        params = {"end": self.end.isoformat()}
        if self.start:
            params["start"] = self.start.isoformat()
        return params


@dataclass
class Person:
    """Someone with a record: a user (creator and/or expert), or a volunteer."""

    user: object = None
    volunteer: object = None
    name: str = ""
    affiliation: str = ""
    roles: list = field(default_factory=list)

    @property
    def key(self):
        return f"user-{self.user.pk}" if self.user is not None else f"volunteer-{self.volunteer.pk}"

    @property
    def role_names(self):
        return "、".join(str(ROLES[role]) for role in self.roles)


def _user_name(user):
    full = f"{user.last_name}{user.first_name}".strip()
    return full or user.get_username()


def person_for_user(user):
    """The person `user` is, their name and affiliation from their expert or creator profile."""
    expert = ExpertProfile.objects.filter(user=user).first()
    creator = CreatorProfile.objects.filter(user=user).first()
    return _person(user, expert, creator)


def _person(user, expert, creator):
    roles = [role for role, profile in (("creator", creator), ("expert", expert)) if profile is not None]
    name = (expert and expert.name) or (creator and creator.real_name) or _user_name(user)
    affiliation = (expert and expert.affiliation) or (creator and creator.affiliation) or ""
    return Person(user=user, name=name, affiliation=affiliation, roles=roles)


def people(role=None):
    """Everyone with a record (creators, experts; volunteers once outreach.people records them),
    optionally of one role, by name. Three queries."""
    experts = {e.user_id: e for e in ExpertProfile.objects.select_related("user")}
    creators = {c.user_id: c for c in CreatorProfile.objects.select_related("user")}
    found = []
    for user_id in experts.keys() | creators.keys():
        expert, creator = experts.get(user_id), creators.get(user_id)
        found.append(_person((expert or creator).user, expert, creator))
    found += _volunteers()
    if role:
        found = [person for person in found if role in person.roles]
    return sorted(found, key=lambda person: (person.name, person.key))


def empty_figures():
    return {
        "works": {"total": 0, "by_year": {}},
        "reviews": {"total": 0, **dict.fromkeys(STAGES, 0)},
        "talks": {"dispatched": 0, "completed": 0, "attendance": 0},
        "hours": {"total": "0", "assignments": 0},
    }


def live_works(period):
    """Live works (not retracted) in the period, one row per work across its translations."""
    retracted = CorrectionCase.objects.filter(status=CaseStatus.RETRACTED).values("page_id")
    works = ArticlePage.objects.live().exclude(pk__in=retracted).filter(owner__isnull=False)
    return period.filter(works, "first_published_at")


def reviews_done(period):
    """Acts in a stage of 三审 (approve, send back, expert opinion): the review log's own count."""
    acts = ReviewAction.objects.filter(action__in=STAGE_ACTS, stage__in=STAGES, user__isnull=False)
    return period.filter(acts, "created_at")


def figures_for(persons, period):
    """{person.key: figures} for every person, in a bounded number of queries."""
    figures = {person.key: empty_figures() for person in persons}
    by_user = {person.user.pk: figures[person.key] for person in persons if person.user is not None}
    if by_user:
        _add_works(by_user, period)
        _add_reviews(by_user, period)
        _add_talks(by_user, period)
    by_volunteer = {p.volunteer.pk: figures[p.key] for p in persons if p.volunteer is not None}
    if by_volunteer:
        _add_hours(by_volunteer, period)
    return figures


def _add_works(by_user, period):
    # A work and its translations share a translation key: counted once, at its first publication.
    rows = (
        live_works(period)
        .filter(owner__in=list(by_user))
        .values("owner", "translation_key")
        .annotate(first=Min("first_published_at"))
    )
    seen = set()
    for row in rows:
        if (row["owner"], row["translation_key"]) in seen:
            continue
        seen.add((row["owner"], row["translation_key"]))
        works = by_user[row["owner"]]["works"]
        works["total"] += 1
        year = str(timezone.localtime(row["first"]).year)
        works["by_year"][year] = works["by_year"].get(year, 0) + 1
    for figures in by_user.values():
        figures["works"]["by_year"] = dict(sorted(figures["works"]["by_year"].items()))


def _add_reviews(by_user, period):
    rows = reviews_done(period).filter(user__in=list(by_user)).values("user", "stage").annotate(n=Count("pk"))
    for row in rows:
        reviews = by_user[row["user"]]["reviews"]
        reviews[row["stage"]] += row["n"]
        reviews["total"] += row["n"]


# Talks (outreach.dispatch) and volunteer hours (outreach.people: hours recorded, on the event's day).


def _add_talks(by_user, period):
    dispatched = period.filter(
        RequestEvent.objects.filter(action=RequestEvent.Action.DISPATCH, expert__user__in=list(by_user)), "at"
    )
    for row in dispatched.values("expert__user").annotate(n=Count("pk")):
        by_user[row["expert__user"]]["talks"]["dispatched"] = row["n"]
    completed = period.filter(
        ServiceRequest.objects.filter(state=State.COMPLETED, expert__user__in=list(by_user)), "completed_at"
    )
    for row in completed.values("expert__user").annotate(n=Count("pk"), people=Sum("attendance")):
        talks = by_user[row["expert__user"]]["talks"]
        talks["completed"], talks["attendance"] = row["n"], row["people"] or 0


def _add_hours(by_volunteer, period):
    assignments = VolunteerAssignment.objects.filter(volunteer__in=list(by_volunteer), hours__isnull=False)
    for row in (
        period.filter(assignments, "event__start")
        .values("volunteer")
        .annotate(n=Count("pk"), total=Sum("hours"))
    ):
        hours = by_volunteer[row["volunteer"]]["hours"]
        hours["total"], hours["assignments"] = _hours_text(row["total"]), row["n"]


def _hours_text(value):
    """Hours as a stable string for the snapshot: 12.5, 3 (never 3.00 or a float's 12.499999)."""
    value = Decimal(str(value or 0)).normalize()
    return f"{value:f}"


def _volunteers():
    return [
        Person(volunteer=volunteer, name=volunteer.name, roles=["volunteer"])
        for volunteer in Volunteer.objects.filter(status=Volunteer.Status.APPROVED)
    ]


# One person's record, with the rows behind the figures.


@dataclass
class Record:
    person: Person
    period: Period
    figures: dict
    works: list  # (title, url path, first published)
    reviews: list  # (stage name, date)


def record(person, period):
    figures = figures_for([person], period)[person.key]
    works, reviews = [], []
    if person.user is not None:
        seen = set()
        for work in live_works(period).filter(owner=person.user).order_by("first_published_at", "pk"):
            if work.translation_key in seen:
                continue
            seen.add(work.translation_key)
            works.append(work)
        stage_names = dict(Stage.choices)
        reviews = [
            (stage_names[stage], timezone.localtime(when).date())
            for stage, when in reviews_done(period)
            .filter(user=person.user)
            .order_by("-created_at")
            .values_list("stage", "created_at")
        ]
    return Record(person, period, figures, works, reviews)


# The figures in words, the same on the PDF, the verification page and the record pages.


def day_text(day):
    return _("%(year)s年%(month)s月%(day)s日") % {"year": day.year, "month": day.month, "day": day.day}


def lines(figures, groups):
    """(label, text) for each figure group in `groups`, in that order."""
    stage_names = dict(Stage.choices)
    out = []
    for group in groups:
        if group == "works":
            works = figures["works"]
            text = _("%(n)s篇") % {"n": works["total"]}
            if works["by_year"]:
                years = "，".join(
                    _("%(year)s年%(n)s篇") % {"year": year, "n": n} for year, n in works["by_year"].items()
                )
                text += f"（{years}）"
            out.append((_("发表科普作品"), text))
        elif group == "reviews":
            reviews = figures["reviews"]
            text = _("%(n)s次") % {"n": reviews["total"]}
            if reviews["total"]:
                stages = "，".join(
                    _("%(stage)s%(n)s次") % {"stage": stage_names[stage], "n": reviews[stage]}
                    for stage in STAGES
                    if reviews[stage]
                )
                text += f"（{stages}）"
            out.append((_("参与科学性审核（三审）"), text))
        elif group == "talks":
            talks = figures["talks"]
            out.append(
                (
                    _("派单科普讲座"),
                    _("受派%(dispatched)s次，完成%(completed)s场，听众共%(attendance)s人次") % talks,
                )
            )
        elif group == "hours":
            hours = figures["hours"]
            out.append((_("志愿服务时长"), _("%(total)s小时（%(assignments)s次服务）") % hours))
    return out


def person_by_key(key):
    """The person a record page names ("user-12", "volunteer-3"), or None."""
    kind, _sep, number = key.partition("-")
    if not number.isdigit():
        return None
    if kind == "user":
        user = get_user_model().objects.filter(pk=int(number)).first()
        return user and person_for_user(user)
    if kind == "volunteer":
        volunteer = Volunteer.objects.filter(pk=int(number)).first()
        return volunteer and Person(volunteer=volunteer, name=volunteer.name, roles=["volunteer"])
    return None
