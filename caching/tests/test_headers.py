"""Cache-Control on every answer: public for anonymous readers' pages, private for everything that
is someone's own (caching.policy)."""

import pytest

from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

LONG = "public, max-age=60, s-maxage=86400"
SHORT = "public, max-age=60, s-maxage=60"
PRIVATE = "no-store, private"


def cc(response):
    return ", ".join(sorted(part.strip() for part in response["Cache-Control"].split(",")))


def is_public_long(response):
    assert response["Cache-Control"] == LONG, response["Cache-Control"]
    assert response["X-Accel-Expires"] == "86400"
    assert not response.cookies


def is_private(response):
    assert cc(response) == PRIVATE, response["Cache-Control"]
    assert "X-Accel-Expires" not in response


def test_anonymous_public_pages_are_public_and_long(client, site_tree, work):
    factories.make_topic(site_tree["home"])
    for url in [
        work.url,
        site_tree["works"].url,
        site_tree["works"].url + "?discipline=safety",
        site_tree["news"].url,
        site_tree["home"].url,
        "/zh-hans/topic-elderly/",
        "/zh-hans/feeds/works.rss",
        "/sitemap.xml",
        "/api/v1/works/",
        f"/api/v1/works/{work.pk}/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        is_public_long(response)


def test_reader_mode_and_csrf_cookies_alone_still_anonymous(client, work):
    client.cookies["reader_mode"] = "elder"
    client.cookies["csrftoken"] = "x" * 32
    is_public_long(client.get(work.url))


def test_unpurged_variants_are_short(client, site_tree, work):
    index = site_tree["works"].url
    for url in [
        index + "?page=2",
        index + "?discipline=safety&audience=elderly",
        "/zh-hans/search/?q=一氧化碳",
    ]:
        response = client.get(url)
        assert response["Cache-Control"] == SHORT, url
    missing = client.get("/zh-hans/no-such-page/")
    assert missing.status_code == 404 and missing["Cache-Control"] == SHORT


def test_logged_in_session_previews_forms_creators_admin_are_private(client, django_user_model, work):
    client.cookies["sessionid"] = "whatever"  # a session cookie, even a stale one: someone's own
    is_private(client.get(work.url))
    del client.cookies["sessionid"]
    is_private(client.get(reverse("correction_report", args=[work.pk])))  # a form with a CSRF token
    is_private(client.get("/zh-hans/creators/login/"))
    is_private(client.get("/zh-hans/digest/"))
    is_private(client.get("/admin/login/"))
    editor = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(editor)
    is_private(client.get(work.url))
    is_private(client.get(f"/admin/pages/{work.pk}/edit/preview/"))
    is_private(client.get("/api/v1/works/"))


def test_an_answer_that_sets_a_cookie_is_never_public(client, work):
    response = client.post(
        reverse("reader_mode"), {"mode": "elder", "next": work.url}, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 303 and response.cookies
    is_private(response)


def test_a_view_that_said_private_stays_private(client, work, rf):
    from django.http import HttpResponse

    from caching import policy

    request = rf.get(work.url)
    response = HttpResponse("x")
    response["Cache-Control"] = "no-cache"
    assert policy.apply(request, response) is False
    is_private(response)


def test_api_client_error_is_private(client, work):
    is_private(client.get("/api/v1/works/?limit=99"))


def test_a_login_restricted_pages_redirect_is_public_so_a_purge_can_replace_the_page(client, work):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=work, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(work.url)
    assert response.status_code == 302 and not response.content
    assert response["Cache-Control"] == SHORT
