"""Every figure equals a count made directly from the built rows, for the whole region and a league,
over a period that cuts the data."""

import statistics
from datetime import date

import pytest

from wagtail.models import TaskState

from articles.models import ArticlePage, Audience, Discipline, Region, WorkForm
from review.models import ExpertAssignment, ReviewOpinion

from .. import figures
from ..figures import Filters
from ..models import HelpfulAnswer
from .conftest import build_world

pytestmark = pytest.mark.django_db

PERIODS = [Filters(date(2025, 1, 1), date(2026, 6, 15)), Filters(date(2025, 7, 1), date(2026, 3, 31))]


def league_of(region):
    if region.level == Region.Level.COUNTY:
        return region.parent
    return region if region.level == Region.Level.LEAGUE else None


def in_league(work, league):
    return league is None or any(league_of(r) == league for r in work.regions.all())


def counted_works(filters):
    """Works the figures should count, found by looping over every work."""
    found = []
    for work in ArticlePage.objects.all():
        published = work.first_published_at
        if not work.live or published is None:
            continue
        day = published.astimezone(filters.since.tzinfo).date()
        if filters.start <= day <= filters.end and in_league(work, filters.league):
            found.append(work)
    return found


def rows_of(figure):
    return {row.key: row.values for row in figure.rows}


@pytest.fixture
def world(site_tree, tasks):
    return build_world(site_tree["works"], tasks, 14)


@pytest.fixture
def filters_list(league):
    """Two periods, each for the whole region and for one league."""
    return [Filters(f.start, f.end, chosen) for f in PERIODS for chosen in (None, league)]


def test_works_by_audience_discipline_and_form(world, filters_list):
    for filters in filters_list:
        works = counted_works(filters)
        assert works, "the period should hold some works"
        by_audience = rows_of(figures.works_by_audience(filters))
        for audience in Audience.objects.all():
            expected = sum(1 for w in works if audience in w.audiences.all())
            assert by_audience[f"audience:{audience.code}"] == (expected,)
        assert by_audience["audience:"] == (sum(1 for w in works if not w.audiences.exists()),)

        by_discipline = rows_of(figures.works_by_discipline(filters))
        for top in Discipline.objects.filter(parent=None):
            expected = sum(1 for w in works if any(top in (d, d.parent) for d in w.disciplines.all()))
            assert by_discipline[f"discipline:{top.pk}"] == (expected,)
        assert by_discipline["discipline:"] == (sum(1 for w in works if not w.disciplines.exists()),)

        by_form = rows_of(figures.works_by_form(filters))
        for code, _label in WorkForm.choices:
            assert by_form[f"form:{code}"] == (sum(1 for w in works if w.form == code),)


def test_a_sub_discipline_counts_for_its_parent(world):
    figure = rows_of(figures.works_by_discipline(PERIODS[0]))
    agriculture = Discipline.objects.get(code="agriculture")
    assert figure[f"discipline:{agriculture.pk}"][0] > 0


def test_a_work_in_a_county_counts_for_its_league(site_tree, league):
    from tests import factories

    factories.make_work(site_tree["works"], "新城区的作品", regions=["150102"], audiences=["youth"])
    factories.make_work(site_tree["works"], "包头的作品", regions=["150203"], audiences=["youth"])
    today = date.today()
    filters = Filters(date(today.year, 1, 1), today, league)
    assert rows_of(figures.works_by_audience(filters))["audience:youth"] == (1,)
    assert rows_of(figures.works_by_audience(Filters(filters.start, filters.end)))["audience:youth"] == (2,)


def test_review_turnaround(world, filters_list):
    stages = figures.task_stages()
    for filters in filters_list:
        league_ids = {w.pk for w in ArticlePage.objects.all() if in_league(w, filters.league)}
        days = {"editorial": [], "expert": [], "final": []}
        for state in TaskState.objects.all():
            if state.status not in ("approved", "rejected") or state.finished_at is None:
                continue
            if not (filters.since <= state.finished_at < filters.until):
                continue
            if int(state.workflow_state.object_id) not in league_ids:
                continue
            days[stages[state.task_id]].append((state.finished_at - state.started_at).total_seconds() / 86400)
        days["opinion"] = [
            (
                opinion.created_at
                - ExpertAssignment.objects.get(
                    task_state=opinion.task_state, expert=opinion.expert
                ).assigned_at
            ).total_seconds()
            / 86400
            for opinion in ReviewOpinion.objects.all()
            if filters.since <= opinion.created_at < filters.until
            and int(opinion.task_state.workflow_state.object_id) in league_ids
        ]
        assert days["opinion"], "the data should hold opinions"
        figure = rows_of(figures.review_turnaround(filters))
        for stage, values in days.items():
            values.sort()
            count, median, p90 = figure[f"stage:{stage}"]
            assert count == len(values)
            if values:
                assert median == round(statistics.median(values), 1)
                assert p90 == round(values[-(-9 * len(values) // 10) - 1], 1)


def test_percentile_is_nearest_rank():
    assert figures.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert figures.percentile([4], 0.9) == 4
    assert figures.percentile(list(range(1, 12)), 0.9) == 10


def _expected_satisfaction(filters, belongs):
    yes = no = 0
    for answer in HelpfulAnswer.objects.select_related("page"):
        in_period = filters.start <= answer.created <= filters.end
        if in_period and in_league(answer.page, filters.league) and belongs(answer.page):
            yes, no = (yes + 1, no) if answer.helpful else (yes, no + 1)
    share = round(100 * yes / (yes + no), 1) if yes + no else 0
    return (yes + no, yes, no, share)


def test_satisfaction_by_audience_and_league(world, filters_list):
    for filters in filters_list:
        by_audience = rows_of(figures.satisfaction_by_audience(filters))
        for audience in Audience.objects.all():
            expected = _expected_satisfaction(filters, lambda page, a=audience: a in page.audiences.all())
            assert by_audience[f"audience:{audience.code}"] == expected
        assert by_audience["audience:"] == _expected_satisfaction(filters, lambda p: not p.audiences.exists())

        by_league = rows_of(figures.satisfaction_by_league(filters))
        leagues = Region.objects.filter(level=Region.Level.LEAGUE)
        for league in leagues:
            key = f"league:{league.code}"
            if filters.league and league != filters.league:
                assert key not in by_league
                continue
            expected = _expected_satisfaction(
                filters, lambda page, lg=league: any(league_of(r) == lg for r in page.regions.all())
            )
            assert by_league[key] == expected
        if filters.league is None:
            assert by_league["league:150000"] == _expected_satisfaction(
                filters, lambda p: p.regions.filter(code="150000").exists()
            )
            assert by_league["league:"] == _expected_satisfaction(filters, lambda p: not p.regions.exists())
    assert any(row[0] for row in by_league.values()), "the data should hold answers"


def test_unpublished_works_are_not_counted(site_tree):
    from tests import factories

    factories.make_work(site_tree["works"], "草稿", audiences=["youth"], publish=False)
    today = date.today()
    figure = rows_of(figures.works_by_audience(Filters(date(today.year, 1, 1), today)))
    assert figure["audience:youth"] == (0,)
