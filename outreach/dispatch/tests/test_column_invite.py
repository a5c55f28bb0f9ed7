"""The 产业工人 column invites units to order a talk; the other columns do not."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_only_the_workers_column_invites_an_order(client, site_tree):
    workers = factories.make_topic(site_tree["home"], "workers", "产业工人")
    elderly = factories.make_topic(site_tree["home"], "elderly", "老年人健康与防诈骗")
    html = client.get(workers.url).content.decode()
    assert 'href="/zh-hans/outreach/requests/new/"' in html and "预约科普讲座" in html
    assert "点单：请专家来讲" not in client.get(elderly.url).content.decode()
