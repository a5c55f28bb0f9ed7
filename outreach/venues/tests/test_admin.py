"""The admin menu's 科普阵地 entry opens the venue directory in the page explorer."""

import pytest

from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_menu_entry_opens_the_directory_in_the_explorer(client, venue_index):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert reverse("wagtailadmin_explore", args=[venue_index.pk]) in response.content.decode()


def test_menu_entry_is_hidden_from_users_without_page_permissions(rf):
    from wagtail.admin.menu import admin_menu

    user = UserFactory()
    request = rf.get("/admin/")
    request.user = user
    assert "venues" not in {item.name for item in admin_menu.menu_items_for_request(request)}


def test_an_editor_publishes_a_venue_and_coordinates_outside_the_region_are_refused(client, venue_index):
    from decimal import Decimal

    from outreach.venues.models import VenuePage
    from tests.admin_forms import page_form_data

    from .factories import make_venue

    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    venue = make_venue(venue_index, "编辑中的阵地（演示）")
    url = reverse("wagtailadmin_pages:edit", args=[venue.pk])
    assert client.get(url).status_code == 200

    data = page_form_data(venue, admin, latitude=Decimal("31.230000"), longitude=Decimal("121.470000"))
    response = client.post(url, {**data, "action-publish": "publish"})
    assert response.status_code == 200  # the form again, with its errors and what was typed
    html = response.content.decode()
    assert "31.230000" in html and "121.470000" in html
    assert VenuePage.objects.get(pk=venue.pk).latitude == Decimal("40.842000")

    data = page_form_data(venue, admin, latitude=Decimal("40.800000"), longitude=Decimal("111.600000"))
    response = client.post(url, {**data, "action-publish": "publish"})
    assert response.status_code == 302
    assert VenuePage.objects.get(pk=venue.pk).latitude == Decimal("40.800000")
