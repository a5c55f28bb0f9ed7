import pytest

from tests import factories


@pytest.fixture
def work(site_tree):
    return factories.make_work(
        site_tree["works"],
        "冬季取暖防范一氧化碳中毒",
        disciplines=["safety"],
        audiences=["elderly"],
        regions=["150102"],
    )


@pytest.fixture
def page_cache(settings, client):
    settings.PORTAL_PAGE_CACHE = True
    client.defaults["HTTP_HOST"] = "localhost"  # the site's host name, as a purge names it
    settings.WAGTAILFRONTENDCACHE = {}
    return settings
