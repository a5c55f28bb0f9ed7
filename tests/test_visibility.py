"""Only live, public pages reach readers: drafts and restricted works stay out of every listing.

Issue 3 grows this into the "nothing leaks" test over every review state and public surface.
"""

import pytest

from wagtail.models import PageViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db

SURFACES = ["home", "works", "topic", "related", "search", "sitemap"]


@pytest.fixture
def tree(site_tree):
    works = site_tree["works"]
    visible = factories.make_work(works, "公开作品 一氧化碳", audiences=["elderly"], disciplines=["safety"])
    draft = factories.make_work(
        works, "草稿作品 一氧化碳", audiences=["elderly"], disciplines=["safety"], publish=False
    )
    private = factories.make_work(works, "受限作品 一氧化碳", audiences=["elderly"], disciplines=["safety"])
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    topic = factories.make_topic(site_tree["home"], "elderly")
    other = factories.make_work(works, "另一篇 一氧化碳", audiences=["elderly"], disciplines=["safety"])
    return {
        **site_tree,
        "visible": visible,
        "draft": draft,
        "private": private,
        "topic": topic,
        "other": other,
    }


def surface(client, tree, name):
    urls = {
        "home": tree["home"].url,
        "works": tree["works"].url,
        "topic": tree["topic"].url,
        "related": tree["other"].url,
        "search": "/zh-hans/search/?q=一氧化碳",
        "sitemap": "/sitemap.xml",
    }
    response = client.get(urls[name])
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", SURFACES)
def test_drafts_and_restricted_works_appear_nowhere(client, tree, name):
    content = surface(client, tree, name)
    if name != "related":
        assert tree["visible"].slug in content
    assert tree["draft"].slug not in content
    assert tree["private"].slug not in content


def test_draft_url_is_404_and_restricted_url_asks_for_the_password(client, tree):
    assert client.get(tree["draft"].url).status_code == 404
    response = client.get(tree["private"].url)
    assert response.status_code == 200
    assert "受限作品" not in response.content.decode()


def test_lifting_a_restriction_shows_the_work_again(client, tree):
    surface(client, tree, "works")  # fills the cached list of private paths
    PageViewRestriction.objects.filter(page=tree["private"]).delete()
    assert tree["private"].slug in surface(client, tree, "works")
