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
