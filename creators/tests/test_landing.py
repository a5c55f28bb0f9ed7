"""The landing page at /creators/: what is published, how 三审 works, and the right way in."""

import pytest

from django.urls import reverse

pytestmark = pytest.mark.django_db


def actions(html):
    """The calls to action of the landing page (its first block of buttons)."""
    start = html.index('class="creators-actions"')
    return html[start : html.index("</p>", start)]


def test_anonymous_visitors_are_told_how_it_works_and_asked_to_register_or_log_in(client):
    response = client.get(reverse("creators:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("creators:home") == "/zh-hans/creators/"
    for form in ("图文", "视频", "音频", "漫画", "图解"):
        assert form in html
    for audience in ("青少年", "农牧民", "老年人", "产业工人"):
        assert audience in html
    for stage in ("初审", "科学性审核", "终审", "至少两位专家", "更正", "署名", "审核进度与意见"):
        assert stage in html
    first = actions(html)
    assert (
        f'href="{reverse("creators:register")}"' in first and f'href="{reverse("creators:login")}"' in first
    )
    assert reverse("creators:new_work") not in html


def test_a_logged_in_creator_is_offered_their_works_and_a_new_work(portal):
    html = portal.get(reverse("creators:home")).content.decode()
    first = actions(html)
    assert f'href="{reverse("creators:new_work")}"' in first and "新投稿" in first
    assert f'href="{reverse("creators:my_works")}"' in first and "我的作品" in first
    assert reverse("creators:register") not in html  # neither in the actions nor in the footer


def test_someone_logged_in_without_a_creator_account_is_not_offered_the_portal(client, cast):
    client.force_login(cast["editor"])
    html = client.get(reverse("creators:home")).content.decode()
    assert "不是创作者账号" in actions(html)
    assert reverse("creators:new_work") not in html


def test_the_landing_page_only_answers_reading(client):
    assert client.post(reverse("creators:home")).status_code == 405
