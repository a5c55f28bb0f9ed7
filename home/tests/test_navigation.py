"""The main menu gathers the audience columns under one 人群专栏 list that opens without JavaScript;
the footer links every site-information page, in the menu or not; both follow the page tree."""

import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(site_tree):
    home = site_tree["home"]
    site_tree["youth"] = factories.make_topic(home, "youth", "青少年科普")
    site_tree["elderly"] = factories.make_topic(home, "elderly", "老年人健康与防诈骗")
    for key in ("youth", "elderly"):
        site_tree[key].show_in_menus = True
        site_tree[key].save_revision().publish()
    site_tree["about"] = factories.make_standard(home, "关于本站", show_in_menus=True)
    site_tree["privacy"] = factories.make_standard(home, "隐私政策", show_in_menus=False)
    return site_tree


def _nav(content):
    return content[content.index('<nav class="main-nav"') : content.index("</nav>")]


def _footer(content):
    return content[content.index('<footer class="site-footer"') :]


def test_the_audience_columns_sit_in_one_details_list_in_the_menu(client, tree):
    nav = _nav(client.get(tree["home"].url).content.decode())
    top_level = re.findall(r"<summary>([^<]+)</summary>|<li><a href=\"[^\"]+\"[^>]*>([^<]+)</a></li>", nav)
    group = nav[nav.index("<details>") : nav.index("</details>")]
    assert "<summary>人群专栏</summary>" in group
    for key in ("youth", "elderly"):
        assert f'href="{tree[key].url}"' in group
    # In tree order, the group standing where the first column stood.
    titles = [summary or link for summary, link in top_level if summary or link not in group]
    assert titles == ["科普作品", "科普资讯", "人群专栏", "关于本站"]
    assert "隐私政策" not in nav


def test_the_footer_links_site_information_pages_in_the_menu_or_not(client, tree):
    footer = _footer(client.get(tree["works"].url).content.decode())
    links = re.search(r'<nav class="site-footer__links"[^>]*>(.*?)</nav>', footer).group(1)
    assert f'href="{tree["about"].url}"' in links
    assert f'href="{tree["privacy"].url}"' in links
    assert tree["works"].url not in links
    assert tree["youth"].url not in links


def test_the_menus_follow_a_page_unpublished(client, tree):
    assert tree["about"].url in _nav(client.get(tree["home"].url).content.decode())
    tree["about"].unpublish()
    content = client.get(tree["home"].url).content.decode()
    assert tree["about"].url not in _nav(content)
    assert tree["about"].url not in _footer(content)


def test_the_current_page_is_marked_in_its_group(client, tree):
    nav = _nav(client.get(tree["elderly"].url).content.decode())
    assert f'<a href="{tree["elderly"].url}" aria-current="page">' in nav
    assert f'<a href="{tree["youth"].url}" aria-current' not in nav


def test_a_page_under_a_standard_page_is_linked_from_it(client, tree):
    child = factories.make_standard(tree["about"], "本站的审核专家")
    draft = factories.make_standard(tree["about"], "尚未发布的页面")
    draft.unpublish()
    content = client.get(tree["about"].url).content.decode()
    assert f'<a href="{child.url}">本站的审核专家</a>' in content
    assert "尚未发布的页面" not in content
