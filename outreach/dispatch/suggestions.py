"""Which experts to dispatch a request to, best first, each with the reasons in words: discipline
(the request's own, then its parent), region (same county > same league > elsewhere), availability
(accepting talks, no unavailable range over the preferred dates, under the monthly limit) and the
current load (requests dispatched, accepted or scheduled and not yet done). Five queries, whatever
the number of experts."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from outreach.people.models import SpeakerTopic, SpeakerUnavailability
from review.models import ExpertProfile

from .models import LOAD_STATES, RequestEvent, ServiceRequest, State

# Points for each kind of fit; the sum orders the list (ties by name). Discipline weighs most: a
# related field beats a stranger next door; being away on the dates outweighs a related field.
SAME_DISCIPLINE = 100
PARENT_DISCIPLINE = 60
TOPIC_MATCH = 30
SAME_COUNTY = 20
SAME_LEAGUE = 10
UNAVAILABLE = -60
PARTLY_UNAVAILABLE = -10
AT_MONTHLY_LIMIT = -40
PER_OPEN_REQUEST = -5
DECLINED_BEFORE = -30


@dataclass
class Suggestion:
    expert: ExpertProfile
    score: int = 0
    reasons: list = field(default_factory=list)  # (text, good: bool)
    available: bool = True
    load: int = 0

    def add(self, points, text, good=True):
        self.score += points
        self.reasons.append((text, good))


def _month(day):
    start = day.replace(day=1)
    end = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return start, end


def _speaker(expert):
    try:
        return expert.speaker
    except ExpertProfile.speaker.RelatedObjectDoesNotExist:
        return None


def suggest(service_request, limit=None):
    """Active experts ranked for `service_request` (a list of Suggestion)."""
    discipline = service_request.discipline
    wanted_parent = discipline.parent_id
    experts = list(
        ExpertProfile.objects.filter(is_active=True, user__is_active=True)
        .select_related("speaker__region__parent")
        .prefetch_related(
            "disciplines",
            Prefetch("speaker__topics", queryset=SpeakerTopic.objects.select_related("discipline")),
            Prefetch("speaker__unavailable", queryset=SpeakerUnavailability.objects.all()),
        )
        .order_by("name", "pk")
    )
    ids = [expert.pk for expert in experts]
    load = dict(
        ServiceRequest.objects.filter(expert__in=ids, state__in=LOAD_STATES)
        .exclude(pk=service_request.pk)
        .values_list("expert")
        .annotate(n=Count("pk"))
    )
    month_start, month_end = _month(service_request.earliest_date)
    in_month = Q(scheduled_start__date__gte=month_start, scheduled_start__date__lt=month_end) | Q(
        scheduled_start__isnull=True, earliest_date__gte=month_start, earliest_date__lt=month_end
    )
    monthly = dict(
        ServiceRequest.objects.filter(in_month, expert__in=ids, state__in=(*LOAD_STATES, State.COMPLETED))
        .exclude(pk=service_request.pk)
        .values_list("expert")
        .annotate(n=Count("pk"))
    )
    declined = set(
        RequestEvent.objects.filter(request=service_request, action=RequestEvent.Action.DECLINE).values_list(
            "expert", flat=True
        )
    )
    suggestions = [
        _rank(
            service_request,
            expert,
            wanted_parent,
            load.get(expert.pk, 0),
            monthly.get(expert.pk, 0),
            declined,
        )
        for expert in experts
    ]
    suggestions.sort(key=lambda s: (-s.score, s.expert.name, s.expert.pk))
    return suggestions[:limit] if limit else suggestions


def _rank(service_request, expert, wanted_parent, open_count, month_count, declined):
    suggestion = Suggestion(expert=expert, load=open_count)
    speaker = _speaker(expert)
    wanted = service_request.discipline_id
    expert_disciplines = {d.pk: d for d in expert.disciplines.all()}
    topics = list(speaker.topics.all()) if speaker else []
    topic_disciplines = {t.discipline_id for t in topics if t.discipline_id}
    family = {d.parent_id or d.pk for d in expert_disciplines.values()}
    family |= {t.discipline.parent_id or t.discipline_id for t in topics if t.discipline_id}
    name = service_request.discipline.name
    if wanted in expert_disciplines or wanted in topic_disciplines:
        suggestion.add(SAME_DISCIPLINE, _("擅长学科“%(name)s”") % {"name": name})
    elif (wanted_parent or wanted) in family:
        parent = service_request.discipline.parent.name if wanted_parent else name
        suggestion.add(PARENT_DISCIPLINE, _("擅长相近学科（%(name)s）") % {"name": parent})
    else:
        suggestion.reasons.append((_("学科不对口"), False))
    matching = [t.topic for t in topics if _topics_meet(t.topic, service_request.topic)]
    if matching:
        suggestion.add(TOPIC_MATCH, _("讲题相近：%(topics)s") % {"topics": "、".join(matching[:2])})

    if speaker is None:
        suggestion.reasons.append((_("未建立讲师主页，地区和档期不详"), False))
    else:
        _rank_speaker(suggestion, speaker, service_request, month_count)

    if open_count:
        suggestion.add(
            PER_OPEN_REQUEST * open_count, _("手头有 %(n)s 项未完成的派单") % {"n": open_count}, False
        )
    else:
        suggestion.reasons.append((_("目前没有未完成的派单"), True))
    if expert.pk in declined:
        suggestion.add(DECLINED_BEFORE, _("曾婉拒这项申请"), False)
    return suggestion


def _rank_speaker(suggestion, speaker, service_request, month_count):
    region = service_request.region
    if speaker.region_id is None:
        suggestion.reasons.append((_("所在地区不详"), False))
    elif speaker.region_id == region.pk:
        suggestion.add(SAME_COUNTY, _("同在%(name)s") % {"name": region.name})
    elif speaker.league is not None and speaker.league.pk == region.league.pk:
        suggestion.add(SAME_LEAGUE, _("同在%(name)s") % {"name": region.league.name})
    else:
        suggestion.reasons.append((_("在%(name)s，需异地前往") % {"name": speaker.region.name}, False))

    if not speaker.accepting_talks:
        suggestion.available = False
        suggestion.add(UNAVAILABLE, _("暂不接受派单"), False)
        return
    start, end = service_request.earliest_date, service_request.latest_date
    spans = [span for span in speaker.unavailable.all() if span.start <= end and span.end >= start]
    if any(span.start <= start and span.end >= end for span in spans):
        suggestion.available = False
        suggestion.add(UNAVAILABLE, _("期望日期内不能派单"), False)
    elif spans:
        suggestion.add(PARTLY_UNAVAILABLE, _("期望日期内有部分日子不能派单"), False)
    else:
        suggestion.reasons.append((_("期望日期内有空"), True))
    if month_count >= speaker.max_talks_per_month:
        suggestion.available = False
        suggestion.add(
            AT_MONTHLY_LIMIT,
            _("当月已有 %(n)s 场，达到每月上限 %(max)s 场")
            % {"n": month_count, "max": speaker.max_talks_per_month},
            False,
        )


def _topics_meet(offered, wanted):
    """Two topics meet when one contains the other, or they share a run of four characters."""
    offered, wanted = offered.strip(), wanted.strip()
    if not offered or not wanted:
        return False
    if offered in wanted or wanted in offered:
        return True
    return any(wanted[i : i + 4] in offered for i in range(len(wanted) - 3))
