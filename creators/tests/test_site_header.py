"""The public pages' header and footer: who is logged in, and the creator links each visitor needs.

The header reads nothing but request.user and its session (the public pages are kept cheap and may
be cached), so whether the person is a creator is remembered in the session at login."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from creators.signed_in import SESSION_KEY

pytestmark = pytest.mark.django_db

PUBLIC_PAGE = "search"  # any page on base.html; the search page needs no page tree


def header(html):
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def footer(html):
    return html[html.index('<footer class="site-footer">') : html.index("</footer>")]


def test_anonymous_visitors_get_no_account_line_and_the_footer_invites_creators(client):
    html = client.get(reverse(PUBLIC_PAGE)).content.decode()
    assert "site-account" not in header(html) and "退出登录" not in html
    links = footer(html)
    assert f'href="{reverse("creators:login")}"' in links and "创作者登录" in links
    assert f'href="{reverse("creators:register")}"' in links and "注册投稿" in links
    assert f'href="{reverse("creators:home")}"' in links


def test_a_logged_in_creator_sees_their_name_works_and_a_logout_button(portal, cast):
    user = cast["creator"]
    user.last_name, user.first_name = "陈", "晓明"
    user.save(update_fields=["last_name", "first_name"])
    html = portal.get(reverse(PUBLIC_PAGE)).content.decode()
    top = header(html)
    assert '<span class="site-account__name">陈晓明</span>' in top  # 姓 then 名, no space
    assert f'href="{reverse("creators:my_works")}"' in top and "我的作品" in top
    assert f'<form method="post" action="{reverse("creators:logout")}">' in top
    assert 'name="csrfmiddlewaretoken"' in top and "退出登录" in top
    links = footer(html)
    assert "创作者登录" not in links and "注册投稿" not in links
    assert (
        f'href="{reverse("creators:my_works")}"' in links
        and f'href="{reverse("creators:new_work")}"' in links
    )


def test_without_a_name_the_account_line_shows_the_username(portal, cast):
    user = cast["creator"]
    user.last_name = user.first_name = ""
    user.save(update_fields=["last_name", "first_name"])
    top = header(portal.get(reverse(PUBLIC_PAGE)).content.decode())
    assert f'<span class="site-account__name">{user.get_username()}</span>' in top


def test_the_header_asks_the_database_nothing_about_creators(portal):
    with CaptureQueriesContext(connection) as queries:
        html = portal.get(reverse(PUBLIC_PAGE)).content.decode()
    assert "site-account__name" in html
    assert not [q["sql"] for q in queries.captured_queries if "creators_" in q["sql"]]


def test_logging_in_through_the_portal_remembers_the_creator(client, cast):
    from .creators import creator

    user = creator(cast, "creator")
    user.set_password("一个足够长的测试密码")
    user.save()
    client.post(reverse("creators:login"), {"login": user.username, "password": "一个足够长的测试密码"})
    assert client.session.get(SESSION_KEY) is True


def test_editors_are_offered_the_admin_not_the_creator_portal(client, cast):
    client.force_login(cast["editor"])
    html = client.get(reverse(PUBLIC_PAGE)).content.decode()
    top = header(html)
    assert "site-account__name" in top and reverse("wagtailadmin_home") in top
    assert reverse("creators:my_works") not in html
    assert "注册投稿" not in footer(html)


def test_logging_out_stays_a_post(portal):
    assert portal.get(reverse("creators:logout")).status_code == 405
    assert portal.post(reverse("creators:logout")).status_code == 302
    html = portal.get(reverse(PUBLIC_PAGE)).content.decode()
    assert "site-account" not in header(html)
