"""Fixtures for the venue tests: a venue index under the test site's home page."""

import pytest

from .factories import make_venue_index


@pytest.fixture
def venue_index(site_tree):
    return make_venue_index(site_tree["home"])
