"""What the apps above people (dispatch, records, supervision) read of it, each a bounded number of
queries whatever the number of rows. Talks are dispatch's: it hands its own counts in."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Count, F, Prefetch, Q, Sum, When

from articles.models import Region

from .models import SpeakerProfile, SpeakerUnavailability, Volunteer, VolunteerAssignment


def _served_between(start=None, end=None):
    """Assignments with hours recorded whose event started in [start, end) (datetimes; None: open)."""
    assignments = VolunteerAssignment.objects.filter(hours__isnull=False)
    if start is not None:
        assignments = assignments.filter(event__start__gte=start)
    if end is not None:
        assignments = assignments.filter(event__start__lt=end)
    return assignments


def volunteer_hours(start=None, end=None, volunteers=None):
    """{volunteer id: hours served} for events that started in [start, end); one query."""
    assignments = _served_between(start, end)
    if volunteers is not None:
        assignments = assignments.filter(volunteer__in=volunteers)
    rows = assignments.values("volunteer_id").annotate(total=Sum("hours"))
    return {row["volunteer_id"]: row["total"] for row in rows}


def hours_by_league(start=None, end=None):
    """{league id: (volunteers who served, hours)} for events that started in [start, end)."""
    rows = (
        _served_between(start, end)
        .annotate(league=_league_of("volunteer__region"))
        .values("league")
        .annotate(people=Count("volunteer", distinct=True), total=Sum("hours"))
    )
    return {row["league"]: (row["people"], row["total"] or Decimal(0)) for row in rows}


def _league_of(prefix):
    """The league id of the region at `prefix` (itself for a league, its parent for a county)."""
    return Case(
        When(**{f"{prefix}__level": Region.Level.COUNTY}, then=F(f"{prefix}__parent_id")),
        default=F(f"{prefix}_id"),
    )


def approved_volunteers_by_league():
    """[(league, approved volunteers)] for all 12 leagues in code order (zeros included); two queries."""
    counts = dict(
        Volunteer.objects.filter(status=Volunteer.Status.APPROVED)
        .annotate(league=_league_of("region"))
        .values("league")
        .annotate(n=Count("pk"))
        .values_list("league", "n")
    )
    return [(league, counts.get(league.pk, 0)) for league in Region.objects.filter(level=Region.Level.LEAGUE)]


def approved_volunteers(league=None):
    """Approved volunteers (in `league` and its counties when given), for assigning to events."""
    volunteers = Volunteer.objects.filter(status=Volunteer.Status.APPROVED).select_related("region")
    if league is not None:
        volunteers = volunteers.filter(Q(region=league) | Q(region__parent=league))
    return volunteers


@dataclass(frozen=True)
class SpeakerLoad:
    speaker: SpeakerProfile
    talks: int  # talks in the period, as the caller counted them
    remaining: int  # how many more the speaker accepts this month (never below 0)
    available: bool  # accepting talks and not unavailable on the day asked


def speakers(day=None):
    """Speakers of active experts with what ranking needs loaded (expert and disciplines, region and
    league, topics with disciplines, unavailable ranges overlapping `day`): four queries."""
    unavailable = SpeakerUnavailability.objects.all()
    if day is not None:
        unavailable = unavailable.filter(start__lte=day, end__gte=day)
    return (
        SpeakerProfile.objects.filter(expert__is_active=True)
        .select_related("expert", "region__parent")
        .prefetch_related(
            "expert__disciplines", "topics__discipline", Prefetch("unavailable", queryset=unavailable)
        )
    )


def speakers_with_load(talks_by_expert, day=None):
    """[SpeakerLoad] for every speaker; `talks_by_expert` is {expert id: talks this month} (dispatch's
    count: people does not know talks), `day` the date asked for (None: availability ignores dates)."""
    loads = []
    for speaker in speakers(day):
        talks = talks_by_expert.get(speaker.expert_id, 0)
        free = not (day is not None and list(speaker.unavailable.all()))
        loads.append(
            SpeakerLoad(
                speaker=speaker,
                talks=talks,
                remaining=max(speaker.max_talks_per_month - talks, 0),
                available=speaker.accepting_talks and free,
            )
        )
    return loads
