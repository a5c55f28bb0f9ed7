"""A purge's refetch of a page that now needs a password stores a public stand-in, never the old page
and never the (private) password form (caching/standin.py)."""

import pytest

from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

PURGE = {"HTTP_X_PORTAL_PURGE": "1"}


@pytest.fixture
def passworded(work):
    PageViewRestriction.objects.create(
        page=work, restriction_type=PageViewRestriction.PASSWORD, password="kepu-readers-2026"
    )
    return work


def test_the_purge_gets_a_public_stand_in_for_a_password_page(client, passworded):
    response = client.get(passworded.url, **PURGE)
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=86400"
    assert response["X-Accel-Expires"] == "86400"
    assert "本页需要密码才能阅读" in body and f'href="{passworded.url}?password"' in body
    assert passworded.title not in body and "csrfmiddlewaretoken" not in body
    assert response["X-Robots-Tag"] == "noindex"
    assert "Content-Security-Policy" in response  # the page's own security headers go with it
    assert not response.cookies


def test_readers_get_the_password_form_uncached(client, passworded):
    for url, extra in [
        (passworded.url, {}),
        (passworded.url + "?password", {}),
        (passworded.url + "?password", PURGE),
    ]:
        response = client.get(url, **extra)
        assert response.status_code == 200
        assert 'type="password"' in response.content.decode(), url
        assert "private" in response["Cache-Control"] and "X-Accel-Expires" not in response


def test_a_public_page_refetched_by_a_purge_is_the_page_itself(client, work):
    response = client.get(work.url, **PURGE)
    assert work.title in response.content.decode()
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=86400"


def test_the_stand_in_speaks_the_readers_language():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("mn"):
        mongolian = translation.gettext("本页需要密码才能阅读")
        html = render_to_string("caching/password_required.html", {"page_url": "/mn/works/x/"})
    assert mongolian != "本页需要密码才能阅读"
    assert mongolian in html and 'lang="mn"' in html and "本页需要密码" not in html
