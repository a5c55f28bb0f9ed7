"""Test-wide fixtures: a minimal site tree. (Uploads go to a throwaway folder: see settings/test.py.)"""

import pytest


@pytest.fixture
def site_tree(db):
    from tests import factories

    home, works, news = factories.make_site()
    return {"home": home, "works": works, "news": news}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (locmem, per process). Rolled-back ids are reused on
    SQLite, so a cached private path or a cached leaflet of an earlier test could otherwise stand
    for a later test's page with the same id."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language. A test that renders a Mongolian page (or
    activates mn itself) would otherwise leave the thread's active language for the next test on
    the same worker, and a block rendered outside a request would come out in Mongolian."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once for a test module (it takes a while) and removed after it."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from wagtail.images import get_image_model
    from wagtail.models import Page, Site

    with django_db_blocker.unblock():
        # The groups Wagtail's migrations made (Editors, Moderators) stay: other tests use them.
        groups_before = list(Group.objects.values_list("pk", flat=True))
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        # Outreach's records first, highest layer first: a certificate protects its person, a request
        # its expert.
        from django.apps import apps

        for label in ("supervision", "records", "dispatch", "people", "events", "venues"):
            for model in reversed(list(apps.get_app_config(label).get_models())):
                if not issubclass(model, Page):
                    model.objects.all().delete()
        Page.objects.filter(depth__gt=1).delete()
        Site.objects.all().delete()
        get_image_model().objects.all().delete()
        get_user_model().objects.all().delete()
        Group.objects.exclude(pk__in=groups_before).delete()


def pytest_sessionstart(session):
    """Remove SQLite test databases built from an older schema (their names carry its hash)."""
    from pathlib import Path

    from django.conf import settings

    test_db = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if not test_db or not str(test_db).endswith(".sqlite3"):
        return
    current = Path(test_db)
    tag = current.name.split("-")[1]
    import time

    for stale in current.parent.glob(f"test-{tag}-*.sqlite3*"):  # with xdist's _gw0 … suffixes
        # Written to in the last hour: another run (another checkout's schema) may be using it.
        recent = time.time() - stale.stat().st_mtime < 3600
        if not stale.name.startswith(current.name) and not recent:
            stale.unlink(missing_ok=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by emptying the database (pytest-django flushes it), taking with it
    what the data migrations loaded: locale, regions, disciplines … Load it back once every fixture
    is torn down, so later tests — and the next run reusing this database — find it."""
    yield
    marker = item.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    from pytest_django.plugin import blocking_manager_key

    from django.db import connection

    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        with item.config.stash[blocking_manager_key].unblock():
            connection.creation.deserialize_db_from_string(contents)


def _uses_database(item):
    names = getattr(item, "fixturenames", ())
    return "db" in names or "transactional_db" in names or item.get_closest_marker("django_db") is not None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    """After every test that touched the database, before its data is rolled back: whatever is live
    of a reviewed type shows content 三审 cleared (the same check as `manage.py audit_live`)."""
    outcome = yield
    if outcome.excinfo is not None or not _uses_database(item) or item.get_closest_marker("unreviewed_live"):
        return
    from review.audit import find_problems

    if problems := find_problems()[1]:
        outcome.force_exception(AssertionError(f"live content without a valid 三审 clearance: {problems}"))
