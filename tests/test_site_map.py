"""Every live public page of the demo is reachable from the home page in at most three clicks.

The demo is loaded into the test database; a breadth-first walk follows the same-site <a href> links
of each page, as a reader (or a search engine's crawler) would, from the home page. A listing's
?page=N links (and the events index's ?past=1) count as links; other query strings (filters,
searches) are views of pages already counted and are not followed. Every page that `Page.objects.live().public()` holds must be met
within MAX_CLICKS."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest

from django.conf import settings

from wagtail.models import Page

MAX_CLICKS = 3
HOME = "/zh-hans/"
# Public pages live under a language prefix; the other language is one click away (the switcher).
LANGUAGE_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
SAME_SITE = {"", "testserver", "localhost"}


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded_demo")]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.hrefs.append(href)


# Query strings that lead to other pages of a listing: its numbered pages, and the events index's
# past events (往期活动), which no other listing shows.
LISTING_PAGES = ("page", "past")


def same_site_link(from_url, href):
    """The link as a path (with ?page=N or ?past=1 if it has one), or None when it leaves the public pages."""
    parts = urlsplit(urljoin(f"http://testserver{from_url}", href))
    if parts.scheme not in ("http", "https") or parts.hostname not in SAME_SITE:
        return None
    if not parts.path.startswith(LANGUAGE_PREFIXES):
        return None  # the admin, documents, feeds: not public pages
    query = parse_qsl(parts.query)
    if any(name not in LISTING_PAGES for name, _value in query):
        return None
    return parts.path + (f"?{urlencode(query)}" if query else "")


def clicks_from_home(client, max_clicks=MAX_CLICKS):
    """{path: fewest clicks from the home page} for everything within max_clicks."""
    clicks = {HOME: 0}
    queue = deque([HOME])
    while queue:
        url = queue.popleft()
        if clicks[url] == max_clicks:
            continue  # its own links would be one click too many: no need to fetch it
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for href in parser.hrefs:
            link = same_site_link(url, href)
            if link is not None and link not in clicks:
                clicks[link] = clicks[url] + 1
                queue.append(link)
    return clicks


def test_every_public_page_is_within_three_clicks_of_home(client):
    clicks = clicks_from_home(client)
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    assert len(pages) > 50  # the demo: works, news, columns, sections, policy documents
    missing = [f"{page.title} {page.url}" for page in pages if urlsplit(page.url).path not in clicks]
    assert not missing, f"more than {MAX_CLICKS} clicks from home: {missing}"


def test_the_policy_documents_are_two_clicks_away_and_the_plan_is_linked_from_its_news_item(client):
    clicks = clicks_from_home(client, max_clicks=2)
    assert clicks["/zh-hans/policy/"] == 1
    for slug in ["nmg-kepu-plan-2024", "kepu-law", "national-science-literacy-plan-2021-2035"]:
        assert clicks[f"/zh-hans/policy/{slug}/"] == 2
    news = client.get("/zh-hans/news/nmg-kepu-implementation-plan-2024/").content.decode()
    assert 'href="/zh-hans/policy/nmg-kepu-plan-2024/"' in news
    plan = client.get("/zh-hans/policy/nmg-kepu-plan-2024/").content.decode()
    assert "内科政字〔2024〕39号" in plan
    assert "科学技术普及（以下简称科普）" in plan


def test_the_walk_follows_pages_of_a_listing_and_ignores_filters():
    assert same_site_link("/zh-hans/works/", "?page=2") == "/zh-hans/works/?page=2"
    assert same_site_link("/zh-hans/works/", "?audience=elderly&page=2") is None
    assert same_site_link("/zh-hans/", "https://beian.miit.gov.cn/") is None
    assert same_site_link("/zh-hans/", "/admin/") is None
    assert same_site_link("/zh-hans/", "mailto:editor@example.org") is None
    assert same_site_link("/zh-hans/news/", "/zh-hans/news/item/#top") == "/zh-hans/news/item/"
