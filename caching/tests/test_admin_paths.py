"""Wagtail's own admin views change what readers see too: each records the purge of the work's
URLs, and the page cache stops serving the old page (caching.signals hangs on Wagtail's signals,
not on our views)."""

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from caching.models import PendingPurge
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(settings):
    from django.test import Client

    settings.WAGTAILFRONTENDCACHE = {}
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def _unpublish(client, work, site_tree):
    return client.post(reverse("wagtailadmin_pages:unpublish", args=[work.pk]), {"include_descendants": "on"})


def _bulk_unpublish(client, work, site_tree):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"]) + f"?id={work.pk}"
    return client.post(url, {"include_descendants": "on"})


def _second_section(site_tree):
    from articles.models import ArticleIndexPage

    return site_tree["home"].add_child(instance=ArticleIndexPage(title="科普专题", slug="topics"))


def _move(client, work, site_tree):
    destination = _second_section(site_tree)
    return client.post(reverse("wagtailadmin_pages:move_confirm", args=[work.pk, destination.pk]))


def _bulk_move(client, work, site_tree):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "move"]) + f"?id={work.pk}"
    return client.post(url, {"chooser": _second_section(site_tree).pk})


@pytest.mark.parametrize(
    ("change", "old_url_answers"),
    # A moved work's old address redirects to the new one (Wagtail's automatic redirect).
    [(_unpublish, 404), (_bulk_unpublish, 404), (_move, 301), (_bulk_move, 301)],
)
def test_wagtails_admin_views_purge_and_the_page_cache_lets_go(
    change, old_url_answers, page_cache, client, admin_client, site_tree, django_capture_on_commit_callbacks
):
    work = factories.make_work(site_tree["works"], "冬季取暖防范一氧化碳中毒", disciplines=["safety"])
    old_url = work.url
    assert client.get(old_url).status_code == 200
    assert client.get(old_url)["X-Page-Cache"] == "hit"  # the page cache holds the work
    PendingPurge.objects.all().delete()

    with django_capture_on_commit_callbacks() as after_commit:
        response = change(admin_client, work, site_tree)
    assert response.status_code in (200, 302), response.status_code
    # Recorded with the change (in its transaction) …
    recorded = set(PendingPurge.objects.values_list("url", flat=True))
    assert "http://localhost" + old_url in recorded, sorted(recorded)[:5]
    assert "http://localhost" + site_tree["home"].url in recorded
    # … and, once it commits, the page cache lets the old page go and the job sends the purge.
    for callback in after_commit:
        callback()
    assert not PendingPurge.objects.exists()
    after = client.get(old_url)
    assert after.status_code == old_url_answers and after.get("X-Page-Cache") != "hit"
