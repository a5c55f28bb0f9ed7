"""The event page's own rules: dates in order, online events need a link, factories publish."""

import datetime

import pytest

from django.core.exceptions import ValidationError

from outreach.events.models import EventPage

from .factories import make_event


def test_factory_publishes_through_review(index):
    event = make_event(index, campaign="sci-tech-week", regions=["150100"], audiences=["elderly"])
    assert event.live and event.review_credit is not None
    assert list(event.audiences.values_list("code", flat=True)) == ["elderly"]
    draft = make_event(index, publish=False)
    assert not EventPage.objects.get(pk=draft.pk).live


def test_end_before_start_refused(index):
    event = make_event(index, publish=False)
    event.end = event.start - datetime.timedelta(minutes=1)
    with pytest.raises(ValidationError) as raised:
        event.full_clean()
    assert "结束时间不能早于开始时间" in str(raised.value)


def test_online_event_needs_link(index):
    event = make_event(index, publish=False)
    event.format = "online"
    with pytest.raises(ValidationError) as raised:
        event.full_clean()
    assert "online_url" in raised.value.message_dict
    event.online_url = "https://example.org/live"
    event.full_clean()
