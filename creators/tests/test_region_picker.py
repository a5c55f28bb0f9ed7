"""The region picker: checkboxes in a fieldset per league, posting the same values the multi-select
did, so the stored regions (GB/T 2260 codes) and the field's validation are unchanged."""

import re

import pytest

from django.urls import reverse

from articles.models import Region
from creators.forms.work import SubmissionForm

from .creators import form_data, submitted

pytestmark = pytest.mark.django_db

FIELDSET = re.compile(
    r'<fieldset class="region-picker__league">\s*<legend>(.*?)</legend>(.*?)</fieldset>', re.S
)


def leagues_rendered(html):
    """{league name: [posted values of its boxes, in order]} as the page shows them."""
    return {name: re.findall(r'name="regions" value="(\d+)"', body) for name, body in FIELDSET.findall(html)}


def test_every_division_sits_in_its_leagues_fieldset_with_the_league_first():
    rendered = leagues_rendered(str(SubmissionForm()["regions"]))
    leagues = Region.objects.filter(level=Region.Level.LEAGUE)
    assert len(leagues) == 12 and list(rendered) == [league.name for league in leagues]
    for league in leagues:
        expected = [league.pk, *league.children.order_by("code").values_list("pk", flat=True)]
        assert rendered[league.name] == [str(pk) for pk in expected]
    assert sum(map(len, rendered.values())) == Region.objects.exclude(level=Region.Level.REGION).count()


def test_without_javascript_it_is_a_plain_list_of_named_checkboxes():
    html = str(SubmissionForm()["regions"])
    assert "<select" not in html
    assert html.count('type="checkbox" name="regions"') == Region.objects.exclude(level="region").count()
    # Each box has a label a screen reader reads; the league's own box is named by its kind.
    assert re.search(r'<label for="id_regions_0"><input[^>]+>\s*全市</label>', html)
    alxa = leagues_rendered(html)["阿拉善盟"]
    assert re.search(rf'value="{alxa[0]}"[^>]*>\s*全盟</label>', html)


def test_the_field_is_still_labelled_as_one_group_of_the_form(portal):
    html = portal.get(reverse("creators:new_work")).content.decode()
    assert re.search(r'<fieldset class="field field--choices">\s*<legend>相关地区（可选）</legend>', html)
    assert "creators/region_picker.js" in html


def test_chosen_codes_round_trip_through_the_form(portal, cast):
    chosen = Region.objects.filter(code__in=["150602", "152900", "150781"])
    response = portal.post(
        reverse("creators:new_work"), {**form_data(cast, regions=[r.pk for r in chosen]), "save": "1"}
    )
    assert response.status_code == 302
    work = submitted(cast)
    latest = work.get_latest_revision_as_object()
    assert sorted(r.code for r in latest.regions.all()) == ["150602", "150781", "152900"]
    html = portal.get(reverse("creators:edit_work", args=[work.pk])).content.decode()
    checked = set(re.findall(r'name="regions" value="(\d+)"[^>]*checked', html))
    assert checked == {str(r.pk) for r in chosen}


def test_validation_is_unchanged(portal, cast):
    whole_region = Region.objects.get(level=Region.Level.REGION)  # not offered, as before
    response = portal.post(
        reverse("creators:new_work"), {**form_data(cast, regions=[whole_region.pk]), "save": "1"}
    )
    assert response.status_code == 200
    assert "相关地区" in response.content.decode()
    assert response.context["form"].errors["regions"]
