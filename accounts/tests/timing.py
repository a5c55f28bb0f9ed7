"""Timing known against unknown accounts: the median of alternating tries, with the real hasher."""

import re
import statistics
import time

import pytest

TRIES = 15
# Known and unknown within this ratio of each other: a difference an attacker cannot read through
# the noise of a network (the attack found 235 ms against 6 ms).
LOW, HIGH = 0.7, 1.4


@pytest.fixture
def real_hasher(settings):
    """The production hasher (the test settings use MD5): accounts made after this hash with it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


@pytest.fixture
def queued_mail(settings):
    """Jobs are queued, not run in the request, as with production's database backend."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def medians(known, unknown, between=lambda: None, tries=TRIES):
    """Median seconds of `known()` and `unknown()`, alternated; `between()` runs untimed before each."""
    times = {known: [], unknown: []}
    for attempt in range(tries + 1):
        for action in (known, unknown) if attempt % 2 else (unknown, known):
            between()
            start = time.perf_counter()
            action()
            if attempt:  # the first round warms templates and connections up
                times[action].append(time.perf_counter() - start)
    return statistics.median(times[known]), statistics.median(times[unknown])


def assert_alike(known_seconds, unknown_seconds):
    ratio = known_seconds / unknown_seconds
    print(f"known {known_seconds * 1000:.1f} ms, unknown {unknown_seconds * 1000:.1f} ms, ratio {ratio:.2f}")
    assert LOW <= ratio <= HIGH, f"known {known_seconds:.4f}s vs unknown {unknown_seconds:.4f}s"


def page_words(response, name, placeholder="NAME"):
    """A page as a reader compares it: the name typed and the per-response CSRF token taken out."""
    text = response.content.decode().replace(name, placeholder)
    return re.sub(r"[A-Za-z0-9]{64}", "CSRF", text)
