"""The review tests' cast (a creator, editors, experts, a chief editor) for the fault tests."""

from review.tests.conftest import cast  # noqa: F401
