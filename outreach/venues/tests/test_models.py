from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from outreach.venues.models import VenuePage

from .factories import make_venue, make_venue_index


@pytest.mark.django_db
def test_factories_make_a_live_venue_and_a_draft(site_tree):
    home = site_tree["home"]
    index = make_venue_index(home)
    live = make_venue(index)
    draft = make_venue(index, title="草稿阵地（演示）", publish=False)
    assert set(VenuePage.objects.live()) == {live}
    assert draft.live is False
    assert live.point == (40.842, 111.749)


@pytest.mark.django_db
def test_coordinates_outside_inner_mongolia_are_refused(site_tree):
    index = make_venue_index(site_tree["home"])
    venue = make_venue(index)
    venue.latitude = Decimal("31.23")  # Shanghai
    with pytest.raises(ValidationError) as error:
        venue.full_clean()
    assert "latitude" in error.value.message_dict


@pytest.mark.django_db
def test_one_coordinate_without_the_other_is_refused(site_tree):
    index = make_venue_index(site_tree["home"])
    venue = make_venue(index, no_point=True)
    venue.latitude = Decimal("40.8")
    with pytest.raises(ValidationError) as error:
        venue.full_clean()
    assert "longitude" in error.value.message_dict
