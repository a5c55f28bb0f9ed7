"""iCalendar (RFC 5545): the feed of public upcoming events (same filters as the index) and one
event's file, read back with a real parser (icalendar) and checked octet by octet for CRLF, folding
at 75 octets and escaping."""

import datetime

import icalendar
import pytest

from django.urls import reverse

from outreach.events import ical

from .factories import make_event

pytestmark = pytest.mark.django_db

LONG_TITLE = "草原牧区冬春季防灾减灾与家畜疫病防控科普讲座，兼谈雪灾、寒潮和沙尘暴的预警信号；以及“一氧化碳”中毒的预防\\方法"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    data = response.content
    lines = data.split(b"\r\n")
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    return icalendar.Calendar.from_ical(data)


def test_one_event_round_trips_through_a_real_parser(client, index):
    start = datetime.datetime(2026, 5, 18, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    event = make_event(
        index,
        LONG_TITLE,
        start=start,
        end=start + datetime.timedelta(days=2, hours=8),
        summary="第一行，逗号；分号\n第二行",
        address="锡林浩特市示例路 8 号，二楼",
        campaign="sci-tech-week",
    )
    calendar = parse(client.get(reverse("events:ics", args=[event.pk])))
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == LONG_TITLE
    assert str(vevent["LOCATION"]) == "锡林浩特市示例路 8 号，二楼"
    assert str(vevent["DESCRIPTION"]).startswith("第一行，逗号；分号\n第二行\n主办单位：")
    assert vevent["DTSTART"].dt == start
    assert vevent["DTEND"].dt == start + datetime.timedelta(days=2, hours=8)
    assert vevent["DTSTART"].dt.utcoffset() == datetime.timedelta(0)  # written in UTC
    assert str(vevent["URL"]) == "http://testserver" + event.url
    assert str(vevent["UID"]) == f"event-{event.pk}@testserver"
    assert "DTSTAMP" in vevent
    assert calendar["VERSION"] == "2.0" and "PRODID" in calendar


def test_escaping_and_folding_by_the_rfc():
    assert ical.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = ical.fold("SUMMARY:" + "一" * 40)
    pieces = folded.encode().split(b"\r\n")
    assert all(len(piece) <= 75 for piece in pieces)
    assert all(piece.startswith(b" ") for piece in pieces[1:])
    assert b"".join(p[1:] if i else p for i, p in enumerate(pieces)).decode() == "SUMMARY:" + "一" * 40


def test_the_feed_lists_upcoming_public_events_with_the_index_filters(client, index):
    soon = make_event(index, "社区防诈骗讲座", days=2, audiences=["elderly"], regions=["150102"])
    later = make_event(index, "青少年天文观测夜", days=20, audiences=["youth"], regions=["152501"])
    make_event(index, "已结束的讲座", days=-5)
    make_event(index, "草稿中的讲座", days=3, publish=False)
    feed = reverse("events:feed")
    titles = [str(e["SUMMARY"]) for e in parse(client.get(feed)).walk("VEVENT")]
    assert titles == [soon.title, later.title]
    by_league = parse(client.get(feed + "?region=150100")).walk("VEVENT")  # 呼和浩特市 with 新城区
    assert [str(e["SUMMARY"]) for e in by_league] == [soon.title]
    by_audience = parse(client.get(feed + "?audience=youth")).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in by_audience] == [later.title]


def test_the_feed_costs_the_same_queries_for_more_events(client, index, django_assert_max_num_queries):
    for number in range(3):
        make_event(index, f"讲座{number}", days=number + 1, campaign="science-day")
    with django_assert_max_num_queries(8) as small:
        client.get(reverse("events:feed"))
    counted = len(small)
    for number in range(12):
        make_event(index, f"更多讲座{number}", days=number + 1, campaign="science-day")
    with django_assert_max_num_queries(counted):
        parse(client.get(reverse("events:feed")))


def test_a_draft_or_unknown_event_has_no_file(client, index):
    draft = make_event(index, days=3, publish=False)
    assert client.get(reverse("events:ics", args=[draft.pk])).status_code == 404
    assert client.get(reverse("events:ics", args=[999999])).status_code == 404
