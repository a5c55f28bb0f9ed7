"""The creator portal's fixtures, on the cast of review's tests (users in every role, a work)."""

import pytest

from review.tests.conftest import admin_cast, build_cast, cast  # noqa: F401  (fixtures used here)

from .creators import creator


@pytest.fixture
def portal(client, cast):  # noqa: F811
    """A test client logged in as the verified creator "creator" ("other_creator" is verified too)."""
    creator(cast, "creator")
    creator(cast, "other_creator")
    client.force_login(cast["creator"])
    return client
