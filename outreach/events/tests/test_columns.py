"""近期活动 on the home page (in every language it exists) and in each audience column: only live
public upcoming events, those of the column's audience in a column, and nothing when there are none."""

import pytest

from tests import factories

from .factories import make_event

pytestmark = pytest.mark.django_db


def test_home_shows_the_next_events_and_links_the_index(client, site_tree, index):
    soon = make_event(index, "科技活动周开放日", days=2)
    make_event(index, "未审核的活动", days=3, publish=False)
    make_event(index, "上周的讲座", days=-7)
    html = client.get("/zh-hans/").content.decode()
    assert "近期活动" in html and soon.title in html
    assert "未审核的活动" not in html and "上周的讲座" not in html
    assert f'href="{index.url}"' in html
    assert "events/events" in html  # the events style sheet comes with the block


def test_home_without_upcoming_events_has_no_block(client, site_tree, index):
    make_event(index, "上周的讲座", days=-7)
    html = client.get("/zh-hans/").content.decode()
    assert "近期活动" not in html and "events/events" not in html


def test_each_audience_column_shows_its_own_events(client, site_tree, index):
    elderly = factories.make_topic(site_tree["home"], "elderly", "老年人健康与防诈骗")
    youth = factories.make_topic(site_tree["home"], "youth", "青少年科普")
    for_elders = make_event(index, "防范电信网络诈骗讲座", days=2, audiences=["elderly"])
    for_youth = make_event(index, "校园科技节", days=4, audiences=["youth"])
    elder_html = client.get(elderly.url).content.decode()
    assert for_elders.title in elder_html and for_youth.title not in elder_html
    youth_html = client.get(youth.url).content.decode()
    assert for_youth.title in youth_html and for_elders.title not in youth_html
    assert 'rel="stylesheet"' in youth_html and "events/events" in youth_html
