"""The demo's Mongolian translation (home/demo/content/mn/, home/demo/translation.py) and the web font
that shows it (portal/static/fonts/, portal/static/css/mongolian.css).

Each Mongolian page is a translation of its Chinese page (one translation key), says at its top, in
Chinese and in Mongolian, that it is an unchecked machine-made demo translation, and each translated
work is published through the import clearance with that note. The translations keep their
sources' facts; their Mongolian is encoded so the shipped font can shape it.
"""

import io
import re
import shutil
from html.parser import HTMLParser

import pytest
from fontTools.ttLib import TTFont

from django.conf import settings
from django.core.management import CommandError, call_command

from wagtail.models import Locale, Page

from articles.models import ArticleIndexPage, ArticlePage, WorkForm
from home import mongolian_font
from home.demo import content
from home.demo.translation import DEMO_TRANSLATION_MARK, DEMO_TRANSLATION_NOTE
from home.models import HomePage, PolicyDocumentPage, PolicyIndexPage
from review.setup import MAIN_WORKFLOW

MONGOLIAN_BLOCK = re.compile(r"[\u1800-\u18af]")
MONGOLIAN_LETTER = re.compile(r"[\u1820-\u1878\u1880-\u18aa]")
FONT = mongolian_font.OUTPUT
CSS = settings.BASE_DIR / "portal" / "static" / "css" / "mongolian.css"
TRANSLATION = content.translations()["mn"]

pytestmark = pytest.mark.django_db


def _mongolian_pages():
    return Page.objects.filter(locale__language_code="mn").specific().order_by("path")


# The pages ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("loaded_demo")
def test_each_mongolian_page_is_a_live_translation_of_its_chinese_page():
    pages = list(_mongolian_pages())
    kinds = [type(page) for page in pages]
    assert kinds.count(HomePage) == kinds.count(ArticleIndexPage) == kinds.count(PolicyIndexPage) == 1
    assert kinds.count(ArticlePage) >= 3 and kinds.count(PolicyDocumentPage) == 1
    chinese = Locale.objects.get(language_code="zh-hans")
    for page in pages:
        source = page.get_translation(chinese)
        assert page.live and type(source) is type(page), page.url
        if not isinstance(page, HomePage):
            assert page.slug == source.slug
            assert page.get_parent().translation_key == source.get_parent().translation_key
        assert MONGOLIAN_BLOCK.search(page.title), page.url
    home = HomePage.objects.get(locale=chinese)
    assert home.get_translation(Locale.objects.get(language_code="mn")).url == "/mn/"


@pytest.mark.usefixtures("loaded_demo")
def test_a_translated_work_keeps_its_sources_facts_and_is_published_through_the_import_clearance():
    chinese = Locale.objects.get(language_code="zh-hans")
    for work in ArticlePage.objects.filter(locale__language_code="mn"):
        source = work.get_translation(chinese)
        assert (work.form, work.cover_image_id, work.creator_name) == (
            WorkForm.ARTICLE,
            source.cover_image_id,
            source.creator_name,
        )
        for field in ("disciplines", "audiences", "regions"):
            assert set(getattr(work, field).all()) == set(getattr(source, field).all()), field
        assert work.first_published_at == source.first_published_at
        assert work.review_credit["kind"] == "import"
        assert work.review_credit["note"].startswith(DEMO_TRANSLATION_NOTE)
        assert TRANSLATION.site["note"] in work.review_credit["note"]
        references = [block["value"] for block in work.body.raw_data if block["type"] == "references"]
        assert references and references == [
            b["value"] for b in source.body.raw_data if b["type"] == "references"
        ]


class _Text(HTMLParser):
    """The text of <main>, in order."""

    def __init__(self):
        super().__init__()
        self.depth, self.text = 0, []

    def handle_starttag(self, tag, attrs):
        self.depth += tag == "main"

    def handle_endtag(self, tag):
        self.depth -= tag == "main"

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


@pytest.mark.usefixtures("loaded_demo")
def test_every_mongolian_page_says_at_its_top_it_is_an_unchecked_demo_translation(client):
    for page in _mongolian_pages():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert response.content.decode().count('<html lang="mn-Mong">') == 1
        parser = _Text()
        parser.feed(response.content.decode())
        main = " ".join(parser.text)
        # Before the body: in the home page's lead, a section's intro, a document's intro, a work's credit.
        assert DEMO_TRANSLATION_MARK in main[:1200], page.url
        assert (TRANSLATION.site["mark"] in main) or (TRANSLATION.site["note"] in main), page.url
    chinese_home = client.get("/zh-hans/").content.decode()
    assert DEMO_TRANSLATION_MARK not in chinese_home


@pytest.mark.usefixtures("loaded_demo")
def test_the_mongolian_works_section_reviews_new_works_with_the_three_stage_workflow():
    section = ArticleIndexPage.objects.get(locale__language_code="mn")
    assert section.get_workflow().name == MAIN_WORKFLOW
    work = ArticlePage.objects.child_of(section).first()
    assert work.get_workflow().name == MAIN_WORKFLOW  # a new revision of a translation goes through 三审


@pytest.mark.usefixtures("loaded_demo")
def test_loading_again_creates_no_second_translation():
    before = Page.objects.filter(locale__language_code="mn").count()
    call_command("load_demo", stdout=io.StringIO())
    assert Page.objects.filter(locale__language_code="mn").count() == before


# The content files ----------------------------------------------------------------------------


def _body_text(item):
    parts = []
    for kind, value in item["body"]:
        if kind == "qa":
            parts += [f"{qa['question']} {qa['answer']}" for qa in value]
        elif isinstance(value, dict):
            parts += [str(v) for v in value.values()]
        else:
            parts.append(str(value))
    return " ".join(parts)


def _shape(item):
    """The blocks of a body with what they hold: headings, list items, questions."""
    shape = []
    for kind, value in item["body"]:
        if kind == "paragraph":
            shape.append((kind, value.count("<li>"), value.count("<ul>") + value.count("<ol>")))
        elif kind == "qa":
            shape.append((kind, len(value)))
        else:
            shape.append((kind,))
    return shape


@pytest.mark.parametrize("item", TRANSLATION.works, ids=lambda item: item["slug"])
def test_a_translated_work_has_its_sources_sections_lists_and_numbers(item):
    source = next(work for work in content.works() if work["slug"] == item["slug"])
    assert _shape(item) == _shape(source)
    numbers = re.compile(r"\d+")
    assert sorted(numbers.findall(_body_text(item))) == sorted(numbers.findall(_body_text(source)))


def _mongolian_texts():
    for item in [TRANSLATION.site, *TRANSLATION.works, *TRANSLATION.policies]:
        texts = [value for key, value in item.items() if isinstance(value, str) and key != "slug"]
        texts += [value for section in ("works", "policy") for value in item.get(section, {}).values()]
        yield item, [text for text in [*texts, _body_text(item)] if text]


def test_the_mongolian_text_is_encoded_for_shaping():
    """Slips that show as wrong letter forms: a vowel separator (MVS) not before a final a/e, a
    suffix space (NNBSP) not before a suffix, Latin letters where a Mongolian word was meant."""
    for item, texts in _mongolian_texts():
        for text in texts:
            for match in re.finditer("\u180e", text):
                vowel, after = text[match.end() : match.end() + 1], text[match.end() + 1 : match.end() + 2]
                assert vowel in ("\u1820", "\u1821") and not MONGOLIAN_LETTER.match(after), (item.path, text)
            for match in re.finditer("\u202f", text):
                assert MONGOLIAN_LETTER.match(text[match.end() :]), (
                    item.path,
                    text[match.start() - 10 : match.end() + 5],
                )
            words = re.sub(r"https?://\S+|<[^>]+>", "", text)
            assert not re.search(r"[A-Za-z]{2,}", words), (item.path, words)
            assert len(MONGOLIAN_BLOCK.findall(words)) > len(words) / 3, (item.path, words)


def test_every_mongolian_letter_of_the_demo_is_in_the_shipped_font():
    cmap = TTFont(FONT).getBestCmap()
    used = {
        char
        for _item, texts in _mongolian_texts()
        for text in texts
        for char in MONGOLIAN_BLOCK.findall(text)
    }
    assert used and not sorted(char for char in used if ord(char) not in cmap)


def _copy_content(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(content.CONTENT_DIR, folder)
    return folder


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "mn/works/brucellosis-protection-for-livestock-keepers.md",
            'slug = "brucellosis-protection-for-livestock-keepers"',
            'slug = "no-such-work"',
            "slug 'no-such-work' differs",
        ),
        ("mn/site.md", "[policy]", "[policy]\nlevel = 1", r"\[policy\] takes title and intro"),
        ("mn/site.md", "mark = ", "marks = ", "unknown front matter field"),
    ],
)
def test_a_bad_translation_file_stops_the_loader_and_names_the_file(tmp_path, file, old, new, message):
    folder = _copy_content(tmp_path)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CommandError, match=message) as raised:
        call_command("load_demo", "--content", str(folder), stdout=io.StringIO())
    assert str(raised.value).startswith(str(path))


def test_a_translation_needs_a_chinese_source_and_an_article(tmp_path):
    folder = _copy_content(tmp_path)
    works = folder / "mn" / "works"
    orphan = (works / "brucellosis-protection-for-livestock-keepers.md").read_text(encoding="utf-8")
    orphan = orphan.replace("brucellosis-protection-for-livestock-keepers", "no-such-work")
    (works / "no-such-work.md").write_text(orphan, encoding="utf-8")
    with pytest.raises(CommandError, match=r"no Chinese work works/no-such-work\.md"):
        call_command("load_demo", "--content", str(folder), stdout=io.StringIO())
    (works / "no-such-work.md").unlink()
    video = "earthquake-drop-cover-hold-on-video"
    (works / f"{video}.md").write_text(orphan.replace("no-such-work", video), encoding="utf-8")
    with pytest.raises(CommandError, match="is a video work: only articles are translated"):
        call_command("load_demo", "--content", str(folder), stdout=io.StringIO())


# The font and its stylesheet ------------------------------------------------------------------


def test_the_shipped_font_is_a_small_subset_that_keeps_the_joining_forms():
    assert FONT.stat().st_size < 150 * 1024
    font = TTFont(FONT)
    cmap = font.getBestCmap()
    # Letters, FVS1-3, MVS, NNBSP, ZWJ (FVS4, U+180F of Unicode 14, is newer than this version of the font).
    assert all(code in cmap for code in (0x1820, 0x1842, 0x180B, 0x180D, 0x180E, 0x202F, 0x200D))
    features = {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord}
    assert {"init", "medi", "fina", "isol", "rlig"} <= features
    # Far more glyphs than characters: the positional and variant forms the shaping picks from.
    assert len(font.getGlyphOrder()) > 5 * len([code for code in cmap if 0x1800 <= code <= 0x18AF])
    licence = (FONT.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Noto Sans Mongolian" in licence


@pytest.mark.skipif(not mongolian_font.SOURCE.is_file(), reason="needs Debian's fonts-noto-core")
def test_the_font_build_is_deterministic_and_matches_the_shipped_file(tmp_path):
    mongolian_font.build(output=tmp_path / "again.woff2")
    assert (tmp_path / "again.woff2").read_bytes() == FONT.read_bytes()


def _top_level(selector_list):
    """A selector list split at its commas outside parentheses (:is(a, b) stays whole)."""
    parts, depth, current = [], 0, ""
    for char in selector_list:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def test_the_stylesheet_asks_for_the_font_only_for_mongolian_text_and_only_on_mongolian_pages():
    css = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.DOTALL)
    face = re.search(r"@font-face\s*{(.*?)}", css, re.DOTALL)[1]
    assert "font-display: swap" in face
    assert re.search(r"unicode-range:\s*U\+1800-18AF, U\+200C-200D, U\+202F;", face)
    assert 'url("../fonts/NotoSansMongolian-Regular.subset.woff2") format("woff2")' in face
    rules = re.sub(r"@font-face\s*{.*?}", "", css, flags=re.DOTALL)
    selectors = [s.strip() for block in re.findall(r"([^{}]+){[^{}]*}", rules) for s in _top_level(block)]
    assert selectors and all(s.startswith('html[lang="mn-Mong"]') or not s for s in selectors), selectors
    assert "writing-mode: vertical-lr" in rules and "text-orientation: mixed" in rules
