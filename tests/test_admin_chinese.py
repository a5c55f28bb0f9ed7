"""The Wagtail admin in Chinese for editors, experts and the chief: the project catalog (locale/), the
order of Chinese names, relative times that do not wrap, no locale tags while the portal has one
content language, and dates written one way."""

import ast
import gettext as gnu_gettext
import json
import re
from collections import Counter
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Site

from home.demo.people import DEMO_PASSWORD, grant_page_permissions, load_groups, load_users
from home.names import full_name
from home.wagtail_hooks import chinese_admin_css

CATALOG = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"

# Found missing by rendering the admin as each demo role and looking for English in what it shows.
MISSING_FROM_WAGTAIL = [
    "Search all pages…",
    "Sign in to Wagtail",
    "Privacy and access",
    "Exploring",
    "Date updated",
    "Edited by",
    "Has child pages",
    "Page type",
    "Any",
    "Saved",
    "Autosave is paused",
    "Schedule to publish",
    "Choose when this page should go live and/or expire",
    "Anyone with editing permissions can create schedules",
    "Choose who can view the live version of this page",
    "Locked by workflow",
    "Only reviewers can edit and approve the %(model_name)s",
    "Content metrics",
    "Reading time",
    "Readability",
    "Checks",
    "Toggle checks",
    "Page types usage",
    "Shortcuts",
    "Section",
    "Show keyboard shortcuts",
    "Theme preferences",
    "More contrast",
    "Snug",
    "Use server language: %(language_name)s",
    "Grid layout",
    "List layout",
    "Oldest",
    "Usage count: (low to high)",
    "By task",
    "By workflow",
    "Edit account avatar",
    "Go to the first error",
    "Sent to %(task_name)s %(started_at)s",
    "%(time_period)s ago by %(user_display_name)s",
    "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s",
    "Is commenting action",
]
MISSING_PLURALS = [
    ('%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>', "%(total)s Pages"),
    ('%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>', "%(total)s Images"),
    ('%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>', "%(total)s Documents"),
    ("There is one matching page", "There are %(counter)s matching pages"),
    ("Referenced %(count)s time", "Referenced %(count)s times"),
]
HAN = re.compile(r"[\u4e00-\u9fff]")
# Names, key caps and file formats stay Latin.
ALLOWED_LATIN = {
    "Wagtail",
    "PDF",
    "URL",
    "API",
    "JavaScript",
    "Ctrl",
    "Alt",
    "Shift",
    "Esc",
    "JPG",
    "JPEG",
    "PNG",
}
LATIN_RUN = re.compile(r"[A-Za-z]{3,}")


def english_in(text):
    return [word for word in LATIN_RUN.findall(text) if word not in ALLOWED_LATIN]


# The catalog


def read_po(path):
    """{key: translation} as gettext keys a compiled catalog: "ctx\\x04msgid", and (msgid, n) for plurals."""
    entries, entry, field = {}, {}, None

    def flush():
        if entry.get("msgid"):
            key = entry["msgid"] if "msgctxt" not in entry else f"{entry['msgctxt']}\x04{entry['msgid']}"
            if "msgid_plural" in entry:
                for name, value in entry.items():
                    if name.startswith("msgstr["):
                        entries[(key, int(name[7:-1]))] = value
            else:
                entries[key] = entry["msgstr"]

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            if not line and entry:
                flush()
                entry = {}
            continue
        if line.startswith('"'):
            entry[field] += ast.literal_eval(line)
            continue
        field, _, value = line.partition(" ")
        entry[field] = ast.literal_eval(value)
    flush()
    return entries


def test_the_committed_mo_is_the_compiled_po():
    with (CATALOG / "django.mo").open("rb") as compiled:
        mo = gnu_gettext.GNUTranslations(compiled)._catalog
    mo = {key: value for key, value in mo.items() if key != ""}
    assert mo == read_po(CATALOG / "django.po"), "compile it: msgfmt -c -o django.mo django.po"


def test_the_catalog_translates_what_wagtail_leaves_in_english():
    with translation.override("zh-hans"):
        for msgid in MISSING_FROM_WAGTAIL:
            chinese = gettext(msgid)
            assert HAN.search(chinese), msgid
            assert not english_in(re.sub(r"%\(\w+\)s", "", chinese)), (msgid, chinese)
        for singular, plural in MISSING_PLURALS:
            for count in (1, 59):
                chinese = ngettext(singular, plural, count)
                assert HAN.search(chinese) and "Page" not in chinese, (singular, chinese)
        # Wagtail's own Chinese, corrected: a sentence, not "登录Wagtail"; no space inside phrases.
        assert gettext("Sign in to Wagtail") == "登录内蒙古科普管理后台"
        assert (
            gettext("Enter your %(username_field_name)s") % {"username_field_name": "用户名"}
            == "请输入用户名"
        )


# What the demo's people see


class VisibleText(HTMLParser):
    """Text a reader sees or hears as a label: text nodes, placeholders and tooltips, outside scripts,
    styles and elements marked hidden."""

    def __init__(self):
        super().__init__()
        self.parts, self.hidden_tag, self.depth = [], None, 0

    def handle_starttag(self, tag, attrs):
        if self.hidden_tag is None and (tag in ("script", "style") or "hidden" in dict(attrs)):
            self.hidden_tag, self.depth = tag, 0
        if tag == self.hidden_tag:
            self.depth += 1
        if self.hidden_tag is None:
            self.parts += [value for name, value in attrs if name in ("placeholder", "title") and value]

    def handle_endtag(self, tag):
        if tag == self.hidden_tag:
            self.depth -= 1
            if not self.depth:
                self.hidden_tag = None

    def handle_data(self, data):
        if self.hidden_tag is None and data.strip():
            self.parts.append(data.strip())


def visible_text(response):
    parser = VisibleText()
    parser.feed(response.content.decode())
    return parser.parts


@pytest.fixture
def demo_people(site_tree):
    """The demo's groups and people (李编辑, 张总编 …) with their rights, on a small site."""
    Site.objects.update(site_name=settings.WAGTAIL_SITE_NAME)
    groups = load_groups()
    users = load_users(groups, Counter())
    grant_page_permissions(groups, site_tree["home"])
    return {**site_tree, **users}


def assert_chinese(response):
    assert response.status_code == 200
    english = {part: english_in(part) for part in visible_text(response) if english_in(part)}
    assert not english, english


@pytest.mark.django_db
def test_the_login_page_is_in_chinese(client):
    response = client.get(reverse("wagtailadmin_login"))
    assert_chinese(response)
    text = " ".join(visible_text(response))
    assert "登录内蒙古科普管理后台" in text and "密码" in text and "请输入用户名" in text


def test_the_dashboard_is_in_chinese_for_the_chief(client, demo_people):
    assert client.login(username="chief", password=DEMO_PASSWORD)
    response = client.get(reverse("wagtailadmin_home"))
    assert_chinese(response)
    text = " ".join(visible_text(response))
    assert (
        re.search(r"\d+ 个页面", text) and re.search(r"\d+ 张图片", text) and re.search(r"\d+ 个文档", text)
    )
    assert "搜索所有页面…" in text
    # Wagtail's editor guide is in English only: no link to it.
    assert "guide.wagtail.org" not in response.content.decode()


def test_the_page_explorer_is_in_chinese_for_an_editor(client, demo_people):
    assert client.login(username="editor", password=DEMO_PASSWORD)
    response = client.get(reverse("wagtailadmin_explore", args=[demo_people["home"].pk]))
    assert_chinese(response)


# Names


def test_chinese_names_read_family_name_first_without_a_space():
    User = get_user_model()
    assert full_name(User(first_name="编辑", last_name="李")) == "李编辑"
    # A creator's real name is kept whole in first_name (creators/views/accounts.py).
    assert full_name(User(first_name="陈创作", last_name="")) == "陈创作"
    assert full_name(User(first_name="Ada", last_name="Lovelace")) == "Ada Lovelace"
    assert User(first_name="总编", last_name="张").get_full_name() == "张总编"
    assert get_user_display_name(User(username="chief", first_name="总编", last_name="张")) == "张总编"


def test_the_sidebar_names_the_account_in_full(client, demo_people):
    assert client.login(username="editor", password=DEMO_PASSWORD)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = json.loads(
        re.search(
            r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
    )
    assert '"name": "李编辑"' in json.dumps(props, ensure_ascii=False)


def test_the_admin_users_listing_shows_chinese_names(client, demo_people):
    assert client.login(username="admin", password=DEMO_PASSWORD)
    text = " ".join(visible_text(client.get(reverse("wagtailusers_users:index"))))
    assert "李编辑" in text and "张总编" in text
    assert "编辑 李" not in text and "总编 张" not in text


def test_the_review_trail_shows_chinese_names_and_chinese_dates(client, site_tree):
    from review.models import Stage
    from review.tests.conftest import build_cast
    from review.tests.scenario import advance_to

    cast = build_cast(site_tree)
    editor = cast["editor2"]
    editor.last_name, editor.first_name = "李", "编辑"
    editor.save()
    advance_to(cast, Stage.EXPERT)
    client.force_login(cast["chief"])
    text = " ".join(visible_text(client.get(reverse("review:timeline", args=[cast["work"].pk]))))
    assert "李编辑" in text and "编辑 李" not in text
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", text)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)


# Relative times, locale tags


def test_relative_times_read_as_one_chinese_word():
    fourteen_minutes_ago = timezone.now() - timedelta(minutes=14, seconds=5)
    with translation.override("zh-hans"):
        assert timesince_simple(fourteen_minutes_ago) == "14分钟前"
        assert timesince_simple(timezone.now()) == "刚刚"
        assert naturaltime(timezone.now() - timedelta(minutes=5, seconds=5)) == "5分钟前"
        assert ngettext("%(num)d day", "%(num)d days", 3) % {"num": 3} == "3天"
    stylesheet = Path(settings.BASE_DIR) / "home" / "static" / "home" / "admin-chinese.css"
    assert "white-space: nowrap" in stylesheet.read_text(encoding="utf-8")
    assert 'href="/static/home/admin-chinese.css"' in chinese_admin_css()


def test_the_admins_own_style_is_a_stylesheet_not_an_inline_style(client, demo_people):
    """The userbar brings the admin's global CSS onto public pages, whose CSP allows no inline style."""
    assert client.login(username="admin", password=DEMO_PASSWORD)
    page = client.get(reverse("wagtailadmin_explore_root")).content.decode()
    assert "/static/home/admin-chinese.css" in page
    assert "portal-admin-chinese" not in page


# Dates


def test_no_template_writes_a_date_as_year_month_day_with_hyphens():
    """Dates read 2026年5月12日 (|date, DATE_FORMAT) or 2026年5月12日 14:03 (DATETIME_FORMAT); a
    Y-m-d format is allowed only in a machine-readable datetime attribute."""
    literal = re.compile(r"""\|date:["']Y-m-d[^"']*["']""")
    attribute = re.compile(r"""datetime=["']\{\{[^}]*\|date:["'][^"']*["'][^}]*\}\}["']""")
    offenders = []
    for app in ("articles", "creators", "home", "pages", "portal", "review", "search", "media"):
        for template in (Path(settings.BASE_DIR) / app).rglob("*.html"):
            for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
                if literal.search(attribute.sub("", line)):
                    offenders.append(f"{template.relative_to(settings.BASE_DIR)}:{number}")
    assert not offenders
