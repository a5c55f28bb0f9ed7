"""Test-wide fixtures: a minimal site tree. (Uploads go to a throwaway folder: see settings/test.py.)"""

import pytest


@pytest.fixture
def site_tree(db):
    from tests import factories

    home, works, news = factories.make_site()
    return {"home": home, "works": works, "news": news}


def pytest_sessionstart(session):
    """Remove SQLite test databases built from an older schema (their names carry its hash)."""
    from pathlib import Path

    from django.conf import settings

    test_db = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if not test_db or not str(test_db).endswith(".sqlite3"):
        return
    current = Path(test_db)
    tag = current.name.split("-")[1]
    for stale in current.parent.glob(f"test-{tag}-*.sqlite3"):
        if stale != current:
            stale.unlink(missing_ok=True)
