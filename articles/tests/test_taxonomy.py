"""The taxonomies loaded by migration: Inner Mongolia's divisions, disciplines, audiences, campaigns."""

from collections import Counter

import pytest

from articles.models import Audience, Campaign, Discipline, Region

pytestmark = pytest.mark.django_db


def test_region_counts_by_level_and_kind():
    levels = Counter(Region.objects.values_list("level", flat=True))
    assert levels == {"region": 1, "league": 12, "county": 103}
    kinds = Counter(Region.objects.filter(level="county").values_list("kind", flat=True))
    assert kinds == {"市辖区": 23, "县级市": 11, "县": 17, "旗": 49, "自治旗": 3}
    leagues = Counter(Region.objects.filter(level="league").values_list("kind", flat=True))
    assert leagues == {"地级市": 9, "盟": 3}


def test_every_county_belongs_to_a_league_with_its_code_prefix():
    region = Region.objects.get(code="150000")
    assert region.parent is None
    for league in Region.objects.filter(level="league"):
        assert league.parent == region
    for county in Region.objects.filter(level="county").select_related("parent"):
        assert county.parent.level == "league", county
        assert county.code[:4] == county.parent.code[:4], county
        assert county.league == county.parent


@pytest.mark.parametrize(
    ("code", "name", "league"),
    [
        ("150929", "四子王旗", "乌兰察布市"),
        ("152923", "额济纳旗", "阿拉善盟"),
        ("150603", "康巴什区", "鄂尔多斯市"),
        ("152502", "锡林浩特市", "锡林郭勒盟"),
        ("150724", "鄂温克族自治旗", "呼伦贝尔市"),
        ("150206", "白云鄂博矿区", "包头市"),
    ],
)
def test_known_divisions(code, name, league):
    county = Region.objects.get(code=code)
    assert county.name == name
    assert county.parent.name == league


def test_counties_per_league():
    per_league = Counter(Region.objects.filter(level="county").values_list("parent__name", flat=True))
    assert per_league["呼伦贝尔市"] == 14
    assert per_league["赤峰市"] == 12
    assert per_league["阿拉善盟"] == 3
    assert sum(per_league.values()) == 103


def test_audiences_are_the_six_fixed_codes():
    assert set(Audience.objects.values_list("code", flat=True)) == {
        "youth",
        "farmers-herders",
        "elderly",
        "workers",
        "officials",
        "public",
    }


def test_disciplines_form_a_tree():
    top = Discipline.objects.filter(parent=None)
    assert {"astronomy", "health", "agriculture", "safety", "it-ai"} <= set(
        top.values_list("code", flat=True)
    )
    health = Discipline.objects.get(code="health")
    assert set(health.children.values_list("code", flat=True)) == {
        "disease-prevention",
        "nutrition",
        "mental-health",
    }
    assert str(Discipline.objects.get(code="fraud-prevention")) == "应急与安全 / 防诈骗"


def test_discipline_cannot_be_its_own_ancestor():
    from django.core.exceptions import ValidationError

    health = Discipline.objects.get(code="health")
    child = Discipline.objects.get(code="nutrition")
    health.parent = child
    with pytest.raises(ValidationError):
        health.clean()


def test_campaigns_include_the_plans_brand_activities():
    names = set(Campaign.objects.values_list("name", flat=True))
    assert {"科技活动周", "全国科普日", "科技文化卫生三下乡", "校园科技节"} <= names
