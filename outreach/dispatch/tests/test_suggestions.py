"""The ranking of experts for a request: discipline, then region, availability and load, each with
its reason in words; and a bounded number of queries whatever the number of experts."""

import datetime

import pytest

from articles.models import Discipline, Region
from outreach.dispatch.models import State
from outreach.dispatch.suggestions import suggest
from outreach.people.models import SpeakerProfile, SpeakerUnavailability

from .conftest import _expert, make_request

pytestmark = pytest.mark.django_db


def _names(suggestions):
    return [s.expert.name for s in suggestions]


def _reasons(suggestion):
    return [text for text, _good in suggestion.reasons]


def test_discipline_match_comes_first_with_its_reason(cast):
    ranked = suggest(make_request())
    assert _names(ranked)[0] == "材料专家（演示）"
    best = ranked[0]
    assert "擅长学科“材料”" in _reasons(best)
    assert "同在昆都仑区" in _reasons(best)
    assert any(reason.startswith("讲题相近") for reason in _reasons(best))
    assert "学科不对口" in _reasons(ranked[-1])


def test_parent_discipline_counts_less_than_the_same_one(cast):
    flu = Discipline.objects.get(code="disease-prevention")
    nutrition = Discipline.objects.get(code="nutrition")
    ranked = suggest(make_request(discipline=nutrition, topic="职工食堂的营养搭配"))
    assert _names(ranked)[0] == "健康专家（演示）"  # 疾病预防, a sibling under 医学与健康
    assert "擅长相近学科（医学与健康）" in _reasons(ranked[0])
    exact = _expert("expert4", "营养专家（演示）", "nutrition")
    ranked = suggest(make_request(discipline=nutrition))
    assert _names(ranked)[:2] == [exact.name, "健康专家（演示）"]
    assert flu.parent_id == nutrition.parent_id


def test_region_same_county_then_same_league_then_elsewhere(cast):
    county = _expert("c", "同县专家（演示）", "materials")
    league = _expert("l", "同盟市专家（演示）", "materials")
    far = _expert("f", "外地专家（演示）", "materials")
    SpeakerProfile.objects.create(expert=county, region=Region.objects.get(code="150204"))  # 青山区
    SpeakerProfile.objects.create(expert=league, region=Region.objects.get(code="150200"))  # 包头市
    SpeakerProfile.objects.create(expert=far, region=Region.objects.get(code="152500"))  # 锡林郭勒盟
    ranked = suggest(make_request(region=Region.objects.get(code="150204"), topic="新材料"))
    order = [name for name in _names(ranked) if name in (county.name, league.name, far.name)]
    assert order == [county.name, league.name, far.name]
    reasons = {s.expert.name: _reasons(s) for s in ranked}
    assert "同在青山区" in reasons[county.name]
    assert "同在包头市" in reasons[league.name]
    assert "在锡林郭勒盟，需异地前往" in reasons[far.name]


def test_unavailable_and_overloaded_experts_sink_with_their_reasons(cast):
    request = make_request()
    busy = _expert("b", "满额专家（演示）", "materials")
    away = _expert("a", "出差专家（演示）", "materials")
    SpeakerProfile.objects.create(expert=busy, region=request.region, max_talks_per_month=1)
    away_speaker = SpeakerProfile.objects.create(expert=away, region=request.region)
    SpeakerUnavailability.objects.create(
        speaker=away_speaker,
        start=request.earliest_date - datetime.timedelta(days=1),
        end=request.latest_date + datetime.timedelta(days=1),
    )
    make_request(state=State.ACCEPTED, expert=busy, earliest_date=request.earliest_date)
    ranked = suggest(request)
    by_name = {s.expert.name: s for s in ranked}
    assert not by_name[busy.name].available and not by_name[away.name].available
    assert "期望日期内不能派单" in _reasons(by_name[away.name])
    assert any("达到每月上限 1 场" in r for r in _reasons(by_name[busy.name]))
    assert "手头有 1 项未完成的派单" in _reasons(by_name[busy.name])
    assert _names(ranked)[0] == "材料专家（演示）"
    SpeakerProfile.objects.filter(expert=cast["materials"]).update(accepting_talks=False)
    ranked = suggest(request)
    assert "暂不接受派单" in _reasons(next(s for s in ranked if s.expert == cast["materials"]))


def test_load_breaks_ties_and_an_expert_who_declined_goes_down(cast):
    twin = _expert("t", "另一位材料专家（演示）", "materials")
    SpeakerProfile.objects.create(expert=twin, region=Region.objects.get(code="150203"))
    SpeakerProfile.objects.filter(expert=cast["materials"]).update(publish_profile=True)
    request = make_request(topic="无关的讲题")
    for _ in range(2):
        make_request(state=State.SCHEDULED, expert=cast["materials"])
    ranked = suggest(request)
    assert _names(ranked)[:2] == [twin.name, "材料专家（演示）"]
    request.events.create(action="decline", from_state="dispatched", to_state="submitted", expert=twin)
    ranked = suggest(request)
    assert _names(ranked)[0] == "材料专家（演示）"
    assert "曾婉拒这项申请" in _reasons(next(s for s in ranked if s.expert == twin))


def test_inactive_experts_are_not_suggested(cast):
    cast["materials"].is_active = False
    cast["materials"].save()
    assert "材料专家（演示）" not in _names(suggest(make_request()))


@pytest.mark.parametrize("extra", [0, 20])
def test_queries_do_not_grow_with_the_experts(cast, django_assert_max_num_queries, extra):
    for n in range(extra):
        profile = _expert(f"x{n}", f"专家{n}（演示）", "materials", "health")
        speaker = SpeakerProfile.objects.create(expert=profile, region=Region.objects.get(code="150102"))
        speaker.topics.create(topic="安全生产", discipline=Discipline.objects.get(code="safety"))
        SpeakerUnavailability.objects.create(
            speaker=speaker, start=datetime.date(2030, 1, 1), end=datetime.date(2030, 1, 2)
        )
    request = make_request()
    with django_assert_max_num_queries(9):
        ranked = suggest(with_relations(request))
    assert len(ranked) == 3 + extra


def with_relations(request):
    from outreach.dispatch.models import ServiceRequest

    return ServiceRequest.objects.select_related("discipline__parent", "region__parent").get(pk=request.pk)
