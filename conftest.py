"""Test-wide fixtures: throwaway uploads and a minimal site tree."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture
def site_tree(db):
    from tests import factories

    home, works, news = factories.make_site()
    return {"home": home, "works": works, "news": news}
