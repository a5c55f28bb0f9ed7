"""Traditional Mongolian in a real browser: the demo's Mongolian pages at a phone's and a desktop's
width are written in vertical columns, in the shipped Noto Sans Mongolian, with joined letters.

How "joined" is checked: the same word is measured three times in the page's own text box — as
shaped text, as its letters one by one (each in its own inline-block, so each takes its isolated
form), and as text with the positional features (init, medi, fina, isol) switched off. Joined
letters make a shorter word than isolated ones, and switching the features off undoes it; a font
that failed to load (tofu boxes of one width) or a shaper that did not join would make all three
the same. Which font drew the text is read from Chromium itself (CSS.getPlatformFontsForNode).
"""

from urllib.parse import urlparse

import pytest

from django.core.management import call_command

from articles.models import ArticlePage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FONT_FILE = "NotoSansMongolian-Regular.subset.woff2"
WORD = "\u182e\u1823\u1829\u182d\u1823\u182f"  # ᠮᠣᠩᠭᠣᠯ, "Mongol": initial, medial and final forms
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}

MEASURE_WORD = """([selector, word]) => {
  const box = document.querySelector(selector);
  const add = (style) => { const span = document.createElement('span'); Object.assign(span.style, style); box.append(span); return span; };
  const joined = add({}); joined.textContent = word;
  const apart = add({});
  for (const letter of word) { const one = document.createElement('span'); one.style.display = 'inline-block'; one.textContent = letter; apart.append(one); }
  const unshaped = add({fontFeatureSettings: '"init" 0, "medi" 0, "fina" 0, "isol" 0'}); unshaped.textContent = word;
  const length = (element) => element.getBoundingClientRect().height;  // vertical text: its length is its height
  const result = {joined: length(joined), apart: [...apart.children].reduce((sum, one) => sum + length(one), 0), unshaped: length(unshaped)};
  joined.remove(); apart.remove(); unshaped.remove();
  return result;
}"""


def _open(browser, width, height, url):
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=width < 600)
    page = context.new_page()
    page.problems, page.fonts = [], []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("response", lambda r: r.status >= 400 and page.problems.append(f"{r.status}: {r.url}"))
    page.on("response", lambda r: urlparse(r.url).path.endswith(".woff2") and page.fonts.append(r))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    return context, page


def _fonts_drawing(context, page, selector):
    """{family: glyphs} of the fonts Chromium drew the element's text with, and whether each was a web font."""
    cdp = context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


def _check_text_in_the_shipped_font(context, page, selector):
    text = page.locator(selector).first.inner_text()
    fonts = _fonts_drawing(context, page, selector)
    web = [font for font in fonts if font["isCustomFont"]]
    assert [font["familyName"] for font in web] == ["Noto Sans Mongolian"], fonts
    assert web[0]["glyphCount"] >= len(text.replace(" ", "")) * 0.5, (fonts, text)
    # Anything else drew only the spaces between words (U+0020 is outside the font's unicode-range):
    # a Mongolian letter missing from the font would show here (as another font's glyph or a box).
    assert sum(font["glyphCount"] for font in fonts if not font["isCustomFont"]) <= text.count(" "), fonts


def _check_letters_join(page, selector):
    lengths = page.evaluate(MEASURE_WORD, [selector, WORD])
    assert lengths["joined"] < 0.85 * lengths["apart"], lengths
    assert abs(lengths["unshaped"] - lengths["apart"]) < 0.1 * lengths["apart"], lengths
    assert page.evaluate("w => document.fonts.check('16px \"Noto Sans Mongolian\"', w)", WORD)


def _check_no_page_overflow(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


def test_mongolian_pages_are_vertical_joined_text_in_the_shipped_font(live_server, browser, tmp_path):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    work = ArticlePage.objects.live().get(
        slug="winter-heating-carbon-monoxide-poisoning-prevention", locale__language_code="mn"
    )
    for width, height in WIDTHS.values():
        context, page = _open(browser, width, height, live_server.url + work.url)
        assert page.evaluate("document.documentElement.lang") == "mn-Mong"
        # The font: fetched once, from this site, and loaded.
        assert [urlparse(response.url).path.rsplit("/", 1)[-1] for response in page.fonts] == [FONT_FILE]
        assert urlparse(page.fonts[0].url).netloc == urlparse(live_server.url).netloc
        assert page.evaluate(
            "[...document.fonts].some(f => f.family.replaceAll('\"', '') === 'Noto Sans Mongolian' && f.status === 'loaded')"
        )
        _check_text_in_the_shipped_font(context, page, "article.work h2")
        _check_letters_join(page, "article.work .lead")

        # Vertical columns, left to right, scrolled sideways inside the article; the page itself fits.
        style = page.evaluate(
            "() => { const s = getComputedStyle(document.querySelector('article.work p')); return [s.writingMode, s.textOrientation]; }"
        )
        assert style == ["vertical-lr", "mixed"]
        article = page.evaluate(
            "() => { const a = document.querySelector('article.work'); const r = a.getBoundingClientRect();"
            " return {scroll: a.scrollWidth, client: a.clientWidth, height: r.height}; }"
        )
        assert article["scroll"] > article["client"] and article["height"] <= height, article
        _check_no_page_overflow(page)
        # The navigation stays a horizontal bar (its labels run sideways).
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.main-nav')).writingMode")
            == "horizontal-tb"
        )
        # Pictures stay upright: the cover keeps its landscape shape.
        cover = page.evaluate(
            "() => { const i = document.querySelector('.work__cover img'); const r = i.getBoundingClientRect();"
            " return [r.width / r.height, i.naturalWidth / i.naturalHeight]; }"
        )
        assert cover[0] > 1 and abs(cover[0] - cover[1]) < 0.05, cover
        page.screenshot(path=tmp_path / f"mn-article-{width}.png")

        # The home page: its lead and the cards' words are vertical too, in the same font.
        page.goto(f"{live_server.url}/mn/")
        page.wait_for_load_state("networkidle")
        for selector in (".hero h1", ".card__title", ".card__summary"):
            assert (
                page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).writingMode")
                == "vertical-lr"
            )
        _check_text_in_the_shipped_font(context, page, ".hero h1")
        _check_letters_join(page, ".hero p")
        _check_no_page_overflow(page)
        page.screenshot(path=tmp_path / f"mn-home-{width}.png")
        assert page.problems == []
        context.close()


def test_chinese_pages_stay_horizontal_and_fetch_only_the_switchers_letters(live_server, browser):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    work = ArticlePage.objects.live().get(
        slug="winter-heating-carbon-monoxide-poisoning-prevention", locale__language_code="zh-hans"
    )
    width, height = WIDTHS["phone"]
    for url in (f"{live_server.url}/zh-hans/", live_server.url + work.url):
        context, page = _open(browser, width, height, url)
        assert page.evaluate("document.documentElement.lang") == "zh-Hans"
        assert (
            page.evaluate("getComputedStyle(document.querySelector('main p')).writingMode") == "horizontal-tb"
        )
        assert page.locator('link[href*="mongolian"]').count() == 0
        # Only the switcher's few letters come as a web font (2.7 KB), drawn with it, not the full subset.
        assert [urlparse(font.url).path.rsplit("/", 1)[-1] for font in page.fonts] == [
            "NotoSansMongolian-label.woff2"
        ]
        assert len(page.fonts[0].body()) < 4096 and page.problems == []
        drawn = _fonts_drawing(context, page, '.language-switch [lang="mn-Mong"]')
        assert [(font["familyName"], font["isCustomFont"]) for font in drawn] == [
            ("Noto Sans Mongolian", True)
        ]
        _check_no_page_overflow(page)
        context.close()
