"""The events index: upcoming first (past on request), the month calendar (a multi-day event on each
of its days, previous/next months, no JavaScript), the filters, 近期活动 — each in a bounded number
of queries whatever the number of events."""

import datetime
import re

import pytest

from django.template.loader import render_to_string
from django.utils import timezone

from outreach.events.upcoming import upcoming

from .factories import make_event

pytestmark = pytest.mark.django_db

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def titles(html):
    return re.findall(r'class="card__title">([^<]+)<', html)


def test_upcoming_first_past_on_request(client, index):
    make_event(index, "下周讲座", days=7)
    make_event(index, "明天讲座", days=1)
    make_event(index, "上周讲座", days=-7)
    make_event(index, "去年讲座", days=-300)
    assert titles(client.get(index.url).content.decode()) == ["明天讲座", "下周讲座"]
    assert titles(client.get(index.url + "?past=1").content.decode()) == ["上周讲座", "去年讲座"]


def test_filters_by_campaign_league_audience_and_dates(client, index):
    make_event(
        index, "呼和浩特科技周", days=3, campaign="sci-tech-week", regions=["150102"], audiences=["youth"]
    )
    make_event(
        index,
        "锡林郭勒三下乡",
        days=10,
        campaign="three-rural",
        regions=["152502"],
        audiences=["farmers-herders"],
    )
    make_event(index, "全区科普日", days=20, campaign="science-day", audiences=["public"])
    get = lambda query: titles(client.get(index.url + query).content.decode())  # noqa: E731
    assert get("?campaign=three-rural") == ["锡林郭勒三下乡"]
    assert get("?region=152500") == ["锡林郭勒三下乡"]  # the league includes its counties
    assert get("?region=150102") == ["呼和浩特科技周"]
    assert get("?audience=youth") == ["呼和浩特科技周"]
    day = timezone.localdate()
    window = f"?from={day + datetime.timedelta(days=5)}&to={day + datetime.timedelta(days=15)}"
    assert get(window) == ["锡林郭勒三下乡"]
    ignored = client.get(index.url + "?campaign=nonsense&from=2026-13-45").content.decode()
    assert "已忽略无法识别的筛选条件：nonsense、2026-13-45" in ignored
    assert len(titles(ignored)) == 3


def test_the_month_calendar_shows_a_multi_day_event_on_each_day(client, index):
    start = datetime.datetime(2026, 5, 30, 9, 0, tzinfo=SHANGHAI)
    make_event(index, "跨月科技周", start=start, end=start + datetime.timedelta(days=3, hours=8))
    make_event(index, "五月讲座", start=datetime.datetime(2026, 5, 12, 14, 0, tzinfo=SHANGHAI))
    may = client.get(index.url + "?view=calendar&month=2026-05")
    assert may.status_code == 200
    html = may.content.decode()
    assert "2026年5月" in html
    assert html.count(">跨月科技周</a>") == 2 * 2  # 30 and 31 May, in the grid and in the agenda
    assert html.count(">五月讲座</a>") == 2
    assert "month=2026-04" in html and "month=2026-06" in html
    assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]
    june = client.get(index.url + "?view=calendar&month=2026-06").content.decode()
    assert june.count(">跨月科技周</a>") == 2 * 2  # 1 and 2 June
    bad = client.get(index.url + "?view=calendar&month=May")
    assert bad.status_code == 200 and "已忽略无法识别的筛选条件：May" in bad.content.decode()


def test_the_calendar_keeps_filters_in_its_month_links(client, index):
    html = client.get(index.url + "?view=calendar&month=2026-05&audience=elderly").content.decode()
    assert "month=2026-06&amp;audience=elderly" in html


@pytest.mark.parametrize(
    "query", ["", "?past=1", "?view=calendar", "?campaign=science-day&region=150100&audience=elderly"]
)
def test_bounded_queries_whatever_the_number_of_events(client, index, django_assert_max_num_queries, query):
    def add(count, offset):
        for number in range(count):
            days = (number + offset) % 25 * (-1 if query == "?past=1" else 1) + (
                0 if query != "?past=1" else -1
            )
            make_event(
                index,
                f"讲座{offset}-{number}",
                days=days or 1,
                campaign="science-day",
                regions=["150102"],
                audiences=["elderly"],
            )

    add(2, 0)
    client.get(index.url + query)  # the site's caches (menus, settings) warm
    with django_assert_max_num_queries(40) as few:
        client.get(index.url + query)
    counted = len(few)
    add(14, 5)
    client.get(index.url + query)  # publishing emptied the menus' cache: warm it again
    with django_assert_max_num_queries(counted):
        response = client.get(index.url + query)
    assert response.status_code == 200


def test_upcoming_for_home_and_audience_columns(index, django_assert_max_num_queries):
    make_event(index, "老人防诈骗讲座", days=2, audiences=["elderly"])
    make_event(index, "青少年机器人营", days=1, audiences=["youth"])
    make_event(index, "已结束", days=-2, audiences=["elderly"])
    make_event(index, "草稿", days=1, publish=False, audiences=["elderly"])
    with django_assert_max_num_queries(3):
        found = upcoming()
    assert [event.title for event in found] == ["青少年机器人营", "老人防诈骗讲座"]
    assert [event.title for event in upcoming(audience="elderly")] == ["老人防诈骗讲座"]
    assert len(upcoming(limit=1)) == 1
    html = render_to_string(
        "events/includes/upcoming.html", {"upcoming_events": found, "events_index_url": index.url}
    )
    assert "近期活动" in html and "青少年机器人营" in html and index.url in html


def test_the_event_page_shows_its_facts_and_no_form(client, index):
    event = make_event(
        index, "草原防火讲座", days=3, capacity=30, campaign="three-rural", audiences=["farmers-herders"]
    )
    html = client.get(event.url).content.decode()
    for expected in (
        "草原防火讲座",
        "科技文化卫生三下乡",
        "农牧民",
        "30 人",
        "我要报名",
        ".ics",
        "poster.pdf",
    ):
        assert expected in html, expected
    assert "<form" not in html.split("<main", 1)[-1]


def test_the_calendar_takes_the_date_range_too(client, index):
    make_event(index, "月初讲座", start=datetime.datetime(2026, 5, 5, 9, 0, tzinfo=SHANGHAI))
    make_event(index, "月中讲座", start=datetime.datetime(2026, 5, 15, 9, 0, tzinfo=SHANGHAI))
    html = client.get(index.url + "?view=calendar&from=2026-05-10&to=2026-05-20").content.decode()
    assert "2026年5月" in html  # the month of the range's start
    assert ">月中讲座</a>" in html and ">月初讲座</a>" not in html
