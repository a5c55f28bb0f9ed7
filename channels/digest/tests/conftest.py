"""Fixtures of the digest's tests: the review cast (works published through 三审), subscribers, the
current week, and a clean cache (the rate limits live there)."""

import pytest

from django.core.cache import cache
from django.utils import timezone

from articles.models import Audience, Discipline
from channels.digest.models import Subscriber
from channels.digest.period import Week
from review.tests.conftest import build_cast


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cast(site_tree):
    return build_cast(site_tree)


@pytest.fixture
def this_week():
    return Week.containing(timezone.localdate())


def make_subscriber(email, audiences=(), disciplines=(), *, confirmed=True):
    subscriber = Subscriber.objects.create(email=email, confirmed_at=timezone.now() if confirmed else None)
    subscriber.audiences.set(Audience.objects.filter(code__in=audiences))
    subscriber.disciplines.set(Discipline.objects.filter(code__in=disciplines))
    return subscriber
