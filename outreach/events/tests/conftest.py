"""Fixtures for the events tests: an events index under the test site's home."""

import pytest

from .factories import make_event_index


@pytest.fixture
def index(site_tree):
    return make_event_index(site_tree["home"])
