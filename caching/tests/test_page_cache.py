"""The app's whole-page cache: anonymous public answers only, keyed by host, reader mode and URL,
never one person's page to another, emptied by the purge of a publish."""

import pytest

from django.contrib import messages
from django.http import HttpResponse
from django.urls import path

from caching import affected, pagecache, purging
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_anonymous_page_is_stored_then_served(client, page_cache, work):
    first = client.get(work.url)
    assert first["X-Page-Cache"] == "miss"
    second = client.get(work.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"]
    # The headers the middleware inside the cache add (CSP among them) are stored with the page.
    for name in ("Content-Security-Policy", "X-Frame-Options", "Content-Language"):
        assert second.get(name) == first.get(name), name
    head = client.head(work.url)
    assert head["X-Page-Cache"] == "hit" and head.content == b""


def test_reader_modes_are_kept_apart(client, page_cache, work):
    standard = client.get(work.url)
    client.cookies["reader_mode"] = "elder"
    elder = client.get(work.url)
    assert elder["X-Page-Cache"] == "miss"
    assert "mode-elder" in elder.content.decode() and "mode-elder" not in standard.content.decode()
    assert client.get(work.url)["X-Page-Cache"] == "hit"


def test_a_logged_in_editors_page_is_never_stored_nor_served(client, page_cache, work, django_user_model):
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(editor)
    own = client.get(work.url)
    assert "X-Page-Cache" not in own
    client.logout()
    anonymous = client.get(work.url)
    assert anonymous["X-Page-Cache"] == "miss"  # the editor's answer was not stored
    client.force_login(editor)
    assert "X-Page-Cache" not in client.get(work.url)  # and the stored one is not served to them


def test_a_form_with_a_csrf_token_is_never_stored(client, page_cache, work):
    url = f"/zh-hans/report/{work.pk}/"
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "csrfmiddlewaretoken" in response.content.decode()


def with_message(request):
    messages.info(request, "只给这位读者的消息")
    return HttpResponse("<p>消息</p>")


urlpatterns = [path("zh-hans/with-message/", with_message)]


def test_an_answer_with_messages_is_never_stored(client, page_cache, settings):
    settings.ROOT_URLCONF = __name__
    for _ in range(2):
        response = client.get("/zh-hans/with-message/", HTTP_COOKIE="")
        assert "X-Page-Cache" not in response
        client.cookies.clear()


def test_a_publish_purges_the_stored_pages(client, page_cache, site_tree, work):
    for url in (work.url, site_tree["works"].url, site_tree["home"].url):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    purging.schedule(affected.urls_for(work), "test")
    purging.run()
    for url in (work.url, site_tree["works"].url, site_tree["home"].url):
        assert client.get(url)["X-Page-Cache"] == "miss", url


def test_keys_cover_both_modes_and_extra_hosts(settings):
    settings.PORTAL_PAGE_CACHE_HOSTS = ["www.example.org"]
    keys = pagecache.keys_for(["http://localhost/zh-hans/works/"])
    assert len(keys) == 4
    assert pagecache.key("localhost:8000", "elder", "/zh-hans/works/") in keys


def test_off_by_default_in_tests(client, work):
    assert "X-Page-Cache" not in client.get(work.url)


def test_news_and_other_pages_are_cached_and_purged(client, page_cache, site_tree):
    news = factories.make_news(site_tree["news"])
    client.get(news.url)
    assert client.get(news.url)["X-Page-Cache"] == "hit"
    purging.schedule(affected.urls_for(news), "test")
    purging.run()
    assert client.get(news.url)["X-Page-Cache"] == "miss"


def test_a_new_release_never_serves_the_previous_releases_pages(client, page_cache, work):
    page_cache.PORTAL_RELEASE = "r1"
    client.get(work.url)
    assert client.get(work.url)["X-Page-Cache"] == "hit"
    page_cache.PORTAL_RELEASE = "r2"
    assert client.get(work.url)["X-Page-Cache"] == "miss"
