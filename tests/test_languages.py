"""Two languages, two scripts: Chinese under /zh-hans/, Mongolian in the traditional script under
/mn/ — the switcher, hreflang alternates, menus, listings, search, feeds and the sitemap of each
language, dates and the 404 page in Mongolian. (The catalog itself: test_languages_catalog.py.)"""

import re

import feedparser
import pytest

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.models import Locale, PageViewRestriction

from home import languages
from tests import factories

pytestmark = pytest.mark.django_db

MONGOLIAN = re.compile("[\u1800-\u18af]")
NNBSP = "\u202f"
# Test text in the traditional script (a short, plain version of the Chinese test work: heat the
# home safely in winter, let air in).
MN_TITLE = f"ᠡᠪᠦᠯ{NNBSP}ᠦᠨ ᠳᠤᠯᠠᠭᠠᠴᠠᠭᠤᠯᠤᠯᠭ\u180eᠠ{NNBSP}ᠶᠢᠨ ᠠᠶᠤᠯᠭᠦᠢ ᠪᠠᠶᠢᠳᠠᠯ"
MN_SUMMARY = f"ᠭᠡᠷ{NNBSP}ᠢᠶᠡᠨ ᠠᠭᠠᠷᠵᠢᠭᠤᠯᠤᠭᠠᠷᠠᠢ᠃"
MN_BODY = [{"type": "paragraph", "value": f"<p>{MN_SUMMARY}</p>"}]
MN_WORD = "ᠳᠤᠯᠠᠭᠠᠴᠠᠭᠤᠯᠤᠯᠭ\u180eᠠ"  # heating
MN_SITE = f"ᠥᠪᠥᠷ ᠮᠣᠩᠭᠣᠯ{NNBSP}ᠤᠨ ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ{NNBSP}ᠤ ᠳᠡᠯᠭᠡᠷᠡᠭᠦᠯᠦᠯᠲᠡ"  # 内蒙古科普
MN_WORKS = f"ᠰᠢᠨᠵᠢᠯᠡᠬᠦ ᠤᠬᠠᠭᠠᠨ{NNBSP}ᠤ ᠵᠣᠬᠢᠶᠠᠯ"  # 科普作品
MN_CREDIT = {"creator_name": "ᠲᠤᠷᠰᠢᠯᠲᠠ", "creator_affiliation": "ᠲᠤᠷᠰᠢᠯᠲᠠ"}  # "test"


def mongolian_tree(site_tree, work):
    """The home page and the works index translated into Mongolian (their own titles), and `work`'s
    Mongolian translation, all live."""
    factories.make_translation(site_tree["home"], title=MN_SITE, hero_title=MN_SITE)
    factories.make_translation(site_tree["works"], title=MN_WORKS)
    return factories.make_translation(work, title=MN_TITLE, summary=MN_SUMMARY, body=MN_BODY, **MN_CREDIT)


def links(html):
    """{hreflang: href} of the <link rel=alternate hreflang=…> tags."""
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def switcher(html):
    """[(href, lang, hreflang, text)] of the language switcher's links."""
    nav = re.search(r'<div class="language-switch">.*?</div>', html, re.S)
    assert nav, "no language switcher"
    return re.findall(r'<a href="([^"]+)" lang="([^"]+)" hreflang="([^"]+)"[^>]*>([^<]+)</a>', nav.group(0))


@pytest.fixture
def bilingual(site_tree):
    """A Chinese work translated into Mongolian (both live), a work only in Chinese, and one whose
    Mongolian translation is still a draft."""
    works = site_tree["works"]
    translated = factories.make_work(works, disciplines=["safety"], audiences=["elderly"])
    mongolian = mongolian_tree(site_tree, translated)
    only_chinese = factories.make_work(works, "草原防火知识", disciplines=["safety"])
    drafted = factories.make_work(works, "沙尘暴来了怎么办")
    draft_translation = factories.make_translation(drafted, title="ᠨᠣᠭᠣᠭᠠᠨ", publish=False)
    mn_home = site_tree["home"].get_translation(Locale.objects.get(language_code="mn"))
    return {
        **site_tree,
        "translated": translated,
        "mongolian": mongolian,
        "only_chinese": only_chinese,
        "drafted": drafted,
        "draft_translation": draft_translation,
        "mn_home": mn_home,
        "mn_works": site_tree["works"].get_translation(mn_home.locale),
    }


# Settings and locale


def test_two_languages_each_named_in_its_own_script():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.LANGUAGES == [("zh-hans", "简体中文"), ("mn", "ᠮᠣᠩᠭᠣᠯ")]
    assert settings.WAGTAIL_CONTENT_LANGUAGES == settings.LANGUAGES
    assert all(MONGOLIAN.fullmatch(letter) for letter in dict(settings.LANGUAGES)["mn"])
    assert languages.SWITCH_NAMES == {"zh-hans": "中文", "mn": "ᠮᠣᠩᠭᠣᠯ"}
    # Wagtail names a locale by the content languages: the admin's locale picker shows the script.
    assert Locale.objects.get(language_code="mn").get_display_name() == "ᠮᠣᠩᠭᠣᠯ"


def test_the_migration_made_the_mongolian_locale():
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"zh-hans", "mn"}
    assert Locale.get_default().language_code == "zh-hans"


def test_the_admin_stays_chinese_for_a_reader_of_mongolian(admin_client):
    page = admin_client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="mn")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="zh-hans"' in html
    assert not re.search("[\u0400-\u04ff]", html)  # not Wagtail's Cyrillic mn catalog


# Pages in each language


def test_each_language_under_its_own_prefix_with_its_lang_tag(client, bilingual):
    chinese, mongolian = bilingual["translated"], bilingual["mongolian"]
    assert chinese.url.startswith("/zh-hans/") and mongolian.url.startswith("/mn/")
    zh_html = client.get(chinese.url).content.decode()
    mn_html = client.get(mongolian.url).content.decode()
    assert '<html lang="zh-Hans">' in zh_html and '<html lang="mn-Mong">' in mn_html
    assert MN_TITLE in mn_html and "冬季取暖防范一氧化碳中毒" not in mn_html
    # The Mongolian font's style sheet only where Mongolian is read.
    assert "css/mongolian.css" in mn_html and "css/mongolian.css" not in zh_html
    assert "css/mongolian.css" in client.get("/mn/search/").content.decode()


def test_an_unprefixed_path_goes_to_the_language_the_browser_asks_for(client, bilingual):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="mn")
    assert response.status_code == 302 and response["Location"] == "/mn/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN")["Location"] == "/zh-hans/"


def test_dates_read_the_mongolian_way(client, bilingual):
    html = client.get(bilingual["mongolian"].url).content.decode()
    published = bilingual["mongolian"].first_published_at
    with translation.override("mn"):
        expected = f"{published:%Y} ᠣᠨ{NNBSP}ᠤ {published.month} ᠰᠠᠷ\u180eᠠ{NNBSP}ᠶᠢᠨ"
    assert expected in html
    assert "年" not in re.sub(r"<script.*?</script>", "", html, flags=re.S).split("</header>")[1]


# The switcher


def test_the_switcher_goes_to_the_same_work_in_the_other_language(client, bilingual):
    chinese, mongolian = bilingual["translated"], bilingual["mongolian"]
    zh_links = switcher(client.get(chinese.url).content.decode())
    assert zh_links == [(f"http://testserver{mongolian.url}", "mn-Mong", "mn-Mong", "ᠮᠣᠩᠭᠣᠯ")]
    mn_links = switcher(client.get(mongolian.url).content.decode())
    assert mn_links == [(f"http://testserver{chinese.url}", "zh-Hans", "zh-Hans", "中文")]


@pytest.mark.parametrize("key", ["only_chinese", "drafted"])
def test_without_a_live_translation_the_switcher_goes_to_the_other_home(client, bilingual, key):
    """No translation, or one still in draft (under review): the Mongolian home, never the draft."""
    html = client.get(bilingual[key].url).content.decode()
    assert switcher(html) == [("http://testserver/mn/", "mn-Mong", "mn-Mong", "ᠮᠣᠩᠭᠣᠯ")]


def test_a_private_translation_is_not_offered(client, bilingual):
    PageViewRestriction.objects.create(page=bilingual["mongolian"], restriction_type="login")
    html = client.get(bilingual["translated"].url).content.decode()
    assert switcher(html)[0][0] == "http://testserver/mn/"
    assert links(html) == {}


def test_the_search_page_switches_with_its_question(client, bilingual):
    html = client.get("/zh-hans/search/", {"q": "取暖"}).content.decode()
    [(href, *_rest)] = switcher(html)
    assert href == "http://testserver/mn/search/?q=%E5%8F%96%E6%9A%96"


def test_homes_switch_to_each_other(client, bilingual):
    assert (
        switcher(client.get("/zh-hans/").content.decode())[0][0]
        == f"http://testserver{bilingual['mn_home'].url}"
    )
    assert switcher(client.get("/mn/").content.decode())[0][0] == "http://testserver/zh-hans/"


# hreflang


def test_a_translated_page_lists_both_versions_and_x_default(client, bilingual):
    chinese, mongolian = bilingual["translated"], bilingual["mongolian"]
    expected = {
        "zh-Hans": f"http://testserver{chinese.url}",
        "mn-Mong": f"http://testserver{mongolian.url}",
        "x-default": f"http://testserver{chinese.url}",
    }
    assert links(client.get(chinese.url).content.decode()) == expected
    assert links(client.get(mongolian.url).content.decode()) == expected


def test_a_page_in_one_language_has_no_alternates(client, bilingual):
    assert links(client.get(bilingual["only_chinese"].url).content.decode()) == {}
    assert links(client.get(bilingual["drafted"].url).content.decode()) == {}


def test_an_alias_in_the_mongolian_tree_is_not_a_translation(client, bilingual):
    """An alias shows the Chinese text it mirrors: not offered as the Mongolian version."""
    source = bilingual["only_chinese"]
    alias = CreatePageAliasAction(
        source.specific,
        parent=bilingual["mn_works"],
        update_locale=bilingual["mn_home"].locale,
        reset_translation_key=False,
    ).execute()
    assert alias.live and alias.translation_key == source.translation_key
    html = client.get(source.url).content.decode()
    assert switcher(html)[0][0] == "http://testserver/mn/"
    assert links(html) == {}


# The 404 page


def test_the_404_page_in_mongolian(client, bilingual):
    response = client.get("/mn/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="mn-Mong">' in html
    main = html.split('<main id="main"')[1].split("</main>")[0]
    assert MONGOLIAN.search(main) and not re.search("[\u4e00-\u9fff]", main)
    assert 'href="/mn/"' in main  # back to the Mongolian home, not to a guess
    assert switcher(html) == [("http://testserver/zh-hans/", "zh-Hans", "zh-Hans", "中文")]
    assert links(html) == {}


# Menus


def test_each_home_shows_its_own_languages_menu(client, bilingual):
    mn_html = client.get("/mn/").content.decode()
    nav = mn_html.split('<nav class="main-nav"')[1].split("</nav>")[0]
    assert f'href="{bilingual["mn_works"].url}"' in nav
    assert "/zh-hans/" not in nav  # the news index is not translated: not in the Mongolian menu
    zh_nav = client.get("/zh-hans/").content.decode().split('<nav class="main-nav"')[1].split("</nav>")[0]
    assert "/mn/" not in zh_nav and bilingual["works"].url in zh_nav


def test_without_a_mongolian_home_the_menu_is_empty_not_chinese(client, site_tree):
    factories.make_work(site_tree["works"])
    html = client.get("/mn/").content.decode()
    nav = html.split('<nav class="main-nav"')[1].split("</nav>")[0]
    assert "<a " not in nav
    assert switcher(html)[0][0] == "http://testserver/zh-hans/"


# Listings, search, feeds, sitemap


def test_each_works_index_lists_its_own_languages_works(client, bilingual):
    mn_html = client.get(bilingual["mn_works"].url).content.decode()
    assert MN_TITLE in mn_html and "草原防火知识" not in mn_html and "ᠨᠣᠭᠣᠭᠠᠨ" not in mn_html
    zh_html = client.get(bilingual["works"].url).content.decode()
    assert "草原防火知识" in zh_html and MN_TITLE not in zh_html


def test_a_mongolian_query_finds_the_mongolian_work_on_the_mongolian_search(client, bilingual):
    found = client.get("/mn/search/", {"q": MN_WORD})
    assert [work.pk for _hit, work in found.context["rows"]] == [bilingual["mongolian"].pk]
    assert client.get("/zh-hans/search/", {"q": MN_WORD}).context["rows"] == []
    # The Chinese words find the Chinese work only on the Chinese search.
    assert client.get("/mn/search/", {"q": "一氧化碳"}).context["rows"] == []
    chinese = client.get("/zh-hans/search/", {"q": "一氧化碳"}).context["rows"]
    assert bilingual["translated"].pk in [work.pk for _hit, work in chinese]


def test_the_mongolian_feeds_list_mongolian_works_in_mongolian(client, bilingual):
    rss = feedparser.parse(client.get("/mn/feeds/works.rss").content)
    assert rss.feed.language == "mn"
    assert [entry.link for entry in rss.entries] == [f"http://testserver{bilingual['mongolian'].url}"]
    assert rss.entries[0].title == MN_TITLE
    atom = client.get("/mn/feeds/works.atom").content.decode()
    assert 'xml:lang="mn-Mong"' in atom and MN_TITLE in atom
    chinese = feedparser.parse(client.get("/zh-hans/feeds/works.rss").content)
    assert chinese.feed.language == "zh-cn"
    assert MN_TITLE not in [entry.title for entry in chinese.entries]
    # Each language's pages name their own language's feed.
    assert 'href="/mn/feeds/works.rss"' in client.get("/mn/").content.decode()


def test_the_sitemap_lists_the_mongolian_pages(client, bilingual):
    urls = set(re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode()))
    assert f"http://testserver{bilingual['mongolian'].url}" in urls
    assert f"http://testserver{bilingual['mn_works'].url}" in urls
    assert not any("ᠨᠣᠭᠣᠭᠠᠨ" in url or url.endswith(bilingual["draft_translation"].url) for url in urls)
