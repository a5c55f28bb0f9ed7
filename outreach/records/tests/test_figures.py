"""The figures equal counts made directly from the data, for a period and for all time."""

import datetime

import pytest

from articles.models import ArticlePage
from outreach.dispatch.models import RequestEvent, ServiceRequest, State
from outreach.people.models import VolunteerAssignment
from outreach.records import figures as records
from review.models import ReviewAction

pytestmark = pytest.mark.django_db

YEAR_2026 = records.Period.year(2026)


def person(user):
    return records.person_for_user(user)


def test_works_count_live_owned_works_once_per_translation_and_not_retracted(scenario):
    result = records.figures_for([person(scenario.creator)], records.Period.whole())[
        f"user-{scenario.creator.pk}"
    ]
    # Direct count: live, owned, not retracted, one per translation key.
    direct = (
        ArticlePage.objects.live()
        .filter(owner=scenario.creator)
        .exclude(pk=scenario.retracted.pk)
        .values("translation_key")
        .distinct()
        .count()
    )
    assert result["works"]["total"] == direct == 3
    assert result["works"]["by_year"] == {"2025": 1, "2026": 2}
    in_2026 = records.figures_for([person(scenario.creator)], YEAR_2026)[f"user-{scenario.creator.pk}"]
    assert in_2026["works"] == {"total": 2, "by_year": {"2026": 2}}


def test_reviews_by_stage_equal_the_review_log(scenario):
    people = [person(scenario.expert), person(scenario.editor), person(scenario.creator)]
    for period in (records.Period.whole(), YEAR_2026):
        result = records.figures_for(people, period)
        since, to = period.bounds()
        for user in (scenario.expert, scenario.editor):
            acts = ReviewAction.objects.filter(
                user=user,
                action__in=("approve", "reject", "opinion"),
                stage__in=("editorial", "expert", "final"),
            ).filter(created_at__lt=to)
            if since:
                acts = acts.filter(created_at__gte=since)
            reviews = result[f"user-{user.pk}"]["reviews"]
            assert reviews["total"] == acts.count()
            for stage in ("editorial", "expert", "final"):
                assert reviews[stage] == acts.filter(stage=stage).count()
    whole = records.figures_for(people, records.Period.whole())
    assert whole[f"user-{scenario.expert.pk}"]["reviews"] == {
        "total": 4,
        "editorial": 0,
        "expert": 4,
        "final": 0,
    }
    assert whole[f"user-{scenario.editor.pk}"]["reviews"] == {
        "total": 3,
        "editorial": 2,
        "expert": 0,
        "final": 1,
    }
    # 23:00 on 31 December 2025 in Inner Mongolia is in 2025, whatever UTC says.
    assert records.figures_for(people, YEAR_2026)[f"user-{scenario.editor.pk}"]["reviews"]["final"] == 0
    assert whole[f"user-{scenario.creator.pk}"]["reviews"]["total"] == 0


def test_talks_equal_dispatches_and_completed_requests(scenario):
    expert = person(scenario.expert)
    for period, dispatched, completed, attendance in (
        (records.Period.whole(), 3, 2, 120),
        (YEAR_2026, 2, 1, 80),
    ):
        talks = records.figures_for([expert], period)[expert.key]["talks"]
        assert talks == {"dispatched": dispatched, "completed": completed, "attendance": attendance}
    assert RequestEvent.objects.filter(action="dispatch", expert__user=scenario.expert).count() == 3
    done = ServiceRequest.objects.filter(state=State.COMPLETED, expert__user=scenario.expert)
    assert sum(r.attendance for r in done) == 120


def test_volunteer_hours_sum_recorded_hours_by_event_day(volunteer_scenario):
    scenario = volunteer_scenario
    volunteer = records.person_by_key(f"volunteer-{scenario.volunteer.pk}")
    hours = records.figures_for([volunteer], records.Period.whole())[volunteer.key]["hours"]
    recorded = VolunteerAssignment.objects.filter(volunteer=scenario.volunteer, hours__isnull=False)
    assert hours == {"total": "5.5", "assignments": recorded.count()}
    first_half = records.Period(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    assert records.figures_for([volunteer], first_half)[volunteer.key]["hours"] == {
        "total": "3.5",
        "assignments": 1,
    }


def test_people_lists_each_role_and_filters(volunteer_scenario):
    scenario = volunteer_scenario
    everyone = records.people()
    keys = {p.key for p in everyone}
    assert {
        f"user-{scenario.creator.pk}",
        f"user-{scenario.expert.pk}",
        f"volunteer-{scenario.volunteer.pk}",
    } <= keys
    assert f"user-{scenario.editor.pk}" not in keys  # neither creator nor expert
    assert {p.key for p in records.people("expert")} == {f"user-{scenario.expert.pk}"}
    assert all("creator" in p.roles for p in records.people("creator"))


@pytest.mark.parametrize(
    ("data", "expected", "error"),
    [
        ({"year": "2025"}, records.Period(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)), False),
        (
            {"start": "2026-02-01", "end": "2026-03-01"},
            records.Period(datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)),
            False,
        ),
        ({"year": "二〇二五"}, None, True),
        ({"start": "2026-05-01", "end": "2026-03-01"}, None, True),
        ({"start": "2026-02-30"}, None, True),
        ({"year": "1900"}, None, True),
    ],
)
def test_period_from_query(data, expected, error):
    today = datetime.date(2026, 11, 29)
    period, message = records.Period.from_query(data, today)
    assert bool(message) is error
    assert period == (expected or records.Period.whole(today))


def test_admin_figures_cost_a_bounded_number_of_queries(scenario, django_assert_max_num_queries):
    from .scenario import make_creator, make_expert

    def cost():
        with django_assert_max_num_queries(10) as captured:
            everyone = records.people()
            records.figures_for(everyone, records.Period.whole())
        return len(captured), len(everyone)

    small, count_small = cost()
    for n in range(8):
        make_creator(f"more-creator-{n}", f"作者{n}（演示）")
        make_expert(f"more-expert-{n}", f"专家{n}（演示）")
    large, count_large = cost()
    assert count_large == count_small + 16
    assert large == small
