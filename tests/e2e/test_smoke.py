"""A reader on a phone opens the home page, a science work and a filtered listing."""

from urllib.parse import urlparse

import pytest

from django.core.management import call_command

from articles.models import ArticlePage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_reader_browses_the_demo_on_a_phone(live_server, phone):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    origin = urlparse(live_server.url).netloc
    off_site = []
    phone.on("request", lambda r: urlparse(r.url).netloc != origin and off_site.append(r.url))

    phone.goto(f"{live_server.url}/")
    assert phone.url == f"{live_server.url}/zh-hans/"
    assert phone.locator("h1").first.inner_text() == "让科学走进千家万户"
    assert phone.locator(".card").count() >= 6

    work = ArticlePage.objects.live().get(
        slug="winter-heating-carbon-monoxide-poisoning-prevention", locale__language_code="zh-hans"
    )
    phone.locator(f'a[href="{work.url}"]').first.click()
    phone.wait_for_load_state("load")
    assert phone.locator("h1").inner_text() == work.title
    assert phone.locator(".block-fact").count() >= 1
    assert phone.locator(".block-references li").count() >= 1
    cover = phone.locator(".work__cover img")
    assert cover.evaluate("img => img.complete && img.naturalWidth > 0")
    # Body text is readable on a phone: at least 16px, no sideways scrolling.
    assert phone.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 16
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    phone.goto(f"{live_server.url}/zh-hans/works/?audience=elderly&region=150100&page=abc")
    assert phone.locator(".result-count").is_visible()

    assert phone.problems == []
    assert off_site == []
