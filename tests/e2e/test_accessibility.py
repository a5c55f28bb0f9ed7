"""Accessibility proven in a real browser (issue 13): axe-core's WCAG 2.1 A/AA rules on every public
page type of the demo, in each language whose content tree has pages and in each reader mode, at a
phone's and a desktop's width, plus the public forms (creator login, registration and password
reset, digest subscription, a reader's correction report) blank and after an empty submission; and
a keyboard-only reader on the home page: the skip link, a visible focus indicator on everything in
the header, the 人群专栏 menu, and no keyboard trap.

Every axe violation fails, whatever its impact: the rules run are WCAG A/AA success criteria, and
the demo has none today. The failure message lists serious and critical ones first.
"""

import warnings

import pytest

from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale, Page

from articles.models import ArticlePage

from . import axe
from .test_layout import public_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LANGUAGES = [code for code, _name in settings.LANGUAGES]
MODES = ["standard", "elder"]
ELDER_CLASS = "mode-elder"  # home/reader_modes.py BODY_CLASSES


def load_demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def pages_in(base, language):
    """One live page of every page type, one work of every form, search with and without hits and
    the 404 page, in one content language. The default language's list is test_layout's."""
    if language == settings.LANGUAGE_CODE:
        return public_pages(base)
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return {}
    urls = {}
    live = Page.objects.live().public().filter(locale=locale).exclude(depth=1)
    for page in live.specific().order_by("path"):
        urls.setdefault(type(page).__name__, page.url)
    works = ArticlePage.objects.live().public().filter(locale=locale).order_by("path")
    for work in works:
        urls.setdefault(f"work:{work.form}", work.url)
    if not urls:
        return {}
    with translation.override(language):
        search = reverse("search")
        first = works.first()
        if first is not None:
            urls["search"] = f"{search}?q={first.title.split()[0]}"
            urls["works:filtered"] = first.get_parent().url + "?audience=elderly"
        urls["search:none"] = f"{search}?q=xyzqqq"
        urls["not-found"] = f"/{language}/no-such-page/"
    return {name: base + url for name, url in urls.items()}


def form_pages(base, language):
    """The public forms, each checked blank and again after an empty submission."""
    works = ArticlePage.objects.live().public().order_by("path")
    work = works.filter(locale__language_code=language).first() or works.first()
    with translation.override(language):
        return {
            "creators:login": base + reverse("creators:login"),
            "creators:register": base + reverse("creators:register"),
            "creators:password_reset": base + reverse("creators:password_reset"),
            "digest:subscribe": base + reverse("digest:subscribe"),
            "correction_report": base + reverse("correction_report", args=[work.pk]),
        }


def reader_context(browser, base, width, mode):
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        is_mobile=width < 600,
        has_touch=width < 600,
        bypass_csp=True,  # axe is injected as an inline script
    )
    if mode != "standard":
        context.add_cookies([{"name": "reader_mode", "value": mode, "url": base}])
    return context


def mode_is_built(page, base, mode):
    if mode == "standard":
        return True
    page.goto(base + "/")
    return page.evaluate(f"() => document.body.classList.contains('{ELDER_CLASS}')")


def audit(page, url, where, problems, expect_ok=True):
    response = page.goto(url)
    assert response is not None
    if expect_ok:
        assert response.status == 200, f"{url}: {response.status}"
    found = axe.violations(page)
    found.sort(key=lambda v: v["impact"] not in axe.BLOCKING)
    problems.extend(axe.describe(where, found))


def submit_blank(page):
    """Send the page's main form as it is, past the browser's own required-field check."""
    with page.expect_navigation():
        page.evaluate(
            """() => {
          const form = [...document.querySelectorAll('main form')].find((f) => f.method === 'post');
          HTMLFormElement.prototype.submit.call(form);
        }"""
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_and_forms_pass_axe(live_server, browser, language):
    """Every page type and form in one language, in each reader mode, at 390 and 1280 px."""
    load_demo()
    base = live_server.url
    urls = pages_in(base, language)
    if not urls:
        pytest.skip(f"the {language} content tree has no live pages yet")
    problems, checked = [], 0
    for mode in MODES:
        for width in (390, 1280):
            context = reader_context(browser, base, width, mode)
            page = context.new_page()
            if not mode_is_built(page, base, mode):
                warnings.warn(f"the {mode} reader mode is not built yet: not checked", stacklevel=1)
                context.close()
                continue
            for name, url in urls.items():
                where = f"{language} {mode} {width}px {name}"
                audit(page, url, where, problems, expect_ok="not-found" not in name)
                checked += 1
            for name, url in form_pages(base, language).items():
                where = f"{language} {mode} {width}px {name}"
                audit(page, url, where, problems)
                submit_blank(page)
                problems.extend(axe.describe(f"{where} (blank submission)", axe.violations(page)))
                checked += 2
            context.close()
    assert checked >= 2 * len(urls)
    assert not problems, "axe-core (WCAG 2.1 A/AA):\n" + "\n".join(problems)


# Keyboard ---------------------------------------------------------------------------------------

# Every element the Tab key should reach, in the document, tagged data-kb="<n>" so the steps below
# can say which one has focus. A closed <details> hides its content (no client rects).
TAG_TABBABLES = """() => {
  const all = [...document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, iframe, audio[controls], video[controls], [tabindex]')]
    .filter((el) => !el.disabled && el.tabIndex >= 0 && el.type !== 'hidden'
      && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden'
      && !el.closest('[inert]'));
  all.forEach((el, i) => { el.dataset.kb = String(i); });
  return all.map((el) => el.tagName.toLowerCase() + ' ' + (el.getAttribute('href') || el.name || el.textContent.trim().slice(0, 20)));
}"""

ACTIVE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return {kb: null, body: true};
  return {kb: el.dataset.kb ?? null, body: false, inHeader: !!el.closest('header'),
          inMain: !!el.closest('main'), main: el.tagName === 'MAIN',
          name: el.tagName.toLowerCase() + ' ' + (el.getAttribute('href') || el.textContent.trim().slice(0, 20))};
}"""

# How the focused element (or, with focused=false, the same element unfocused) draws its focus:
# its outline and box shadow, and the best contrast any part of that indicator has with the colour
# next to it (WCAG 1.4.11: 3:1) — an outline drawn inside the box against the element's own
# background, one outside it or a shadow against the background around the element.
FOCUS_LOOK = """(kb) => {
  const el = document.querySelector(`[data-kb="${kb}"]`);
  const s = getComputedStyle(el);
  const look = [s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset, s.boxShadow,
                s.backgroundColor, s.color, s.textDecorationLine, s.borderTopColor].join('|');
  const around = a11yBackground(el.parentElement), own = a11yBackground(el);
  const contrasts = [];
  if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) {
    const [c] = a11yParseColours(s.outlineColor);
    if (c && c.a > 0.5) contrasts.push(a11yContrast(c, parseFloat(s.outlineOffset) < 0 ? own : around));
  }
  if (s.boxShadow !== 'none') {
    for (const c of a11yParseColours(s.boxShadow)) if (c.a > 0.5) contrasts.push(a11yContrast(c, around));
  }
  return {look, best: Math.max(0, ...contrasts)};
}"""


def tab(page, shift=False):
    page.keyboard.press("Shift+Tab" if shift else "Tab")
    return page.evaluate(ACTIVE)


def skip_link_reaches_main(page, problems):
    first = tab(page)
    if not first["name"] or not page.evaluate("() => document.activeElement.matches('.skip-link')"):
        problems.append(f"the first Tab focuses {first.get('name')}, not the skip link")
        return
    shown = page.evaluate(
        """() => {
      const el = document.activeElement, box = el.getBoundingClientRect();
      const [fg] = a11yParseColours(getComputedStyle(el).color);
      return {inView: box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.width > 20
                && box.height > 10, contrast: a11yContrast(fg, a11yBackground(el))};
    }"""
    )
    if not shown["inView"]:
        problems.append("the focused skip link is not shown on the screen")
    if shown["contrast"] < 4.5:
        problems.append(f"the focused skip link's text has contrast {shown['contrast']:.2f} < 4.5")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash === '#main'")
    # Focus moves to <main> itself, or (main not focusable) the next Tab starts from it.
    now = page.evaluate(ACTIVE)
    if not now.get("main"):
        now = tab(page)
        if not now.get("inMain"):
            problems.append(f"after the skip link, Tab focuses {now.get('name')}, outside <main>")


def header_focus_is_visible(page, problems):
    """Tab through the header from the top; every stop must look different from unfocused and its
    indicator must stand 3:1 against what surrounds it."""
    seen = []
    for _ in range(80):
        now = tab(page)
        if now["body"] or (seen and not now["inHeader"]):
            break
        if not now["inHeader"]:
            continue  # the skip link, before the header
        if now["kb"] is not None and now["kb"] not in [kb for kb, *_ in seen]:
            seen.append((now["kb"], now["name"], page.evaluate(FOCUS_LOOK, now["kb"])))
    assert seen, "Tab never reached the header"
    page.evaluate("() => document.activeElement.blur()")
    for kb, name, focused in seen:
        unfocused = page.evaluate(FOCUS_LOOK, kb)
        if focused["look"] == unfocused["look"]:
            problems.append(f"header: {name} looks the same focused and unfocused")
        elif focused["best"] < 3:
            problems.append(
                f"header: {name}'s focus indicator has contrast {focused['best']:.2f} < 3 "
                f"with its surroundings ({focused['look']})"
            )
    return [name for _kb, name, _look in seen]


def audience_menu_works_by_keyboard(page, problems):
    """The 人群专栏 <details> menu: Enter opens it, Tab walks its links, Space closes and opens."""
    summary_kb = page.evaluate(
        "() => document.querySelector('.main-nav details > summary')?.dataset.kb ?? null"
    )
    assert summary_kb is not None, "no <details> menu in the main navigation"
    for _ in range(60):
        if tab(page)["kb"] == summary_kb:
            break
    else:
        problems.append("Tab never reaches the 人群专栏 menu")
        return
    is_open = "() => document.querySelector('.main-nav details').open"
    page.keyboard.press("Enter")
    if not page.evaluate(is_open):
        problems.append("Enter on 人群专栏 does not open the menu")
        return
    links = page.evaluate(
        """() => [...document.querySelectorAll('.main-nav details > ul a')].map((a) => {
      const box = a.getBoundingClientRect();
      return {href: a.getAttribute('href'), shown: box.width > 0 && box.bottom <= innerHeight + 1};
    })"""
    )
    assert links, "the 人群专栏 menu has no links"
    for link in links:
        now = tab(page)
        if not (now["name"] or "").endswith(link["href"]):
            problems.append(f"Tab in the open menu reaches {now.get('name')}, not {link['href']}")
            return
        if not link["shown"]:
            problems.append(f"the open menu's link {link['href']} is off the screen")
        look = page.evaluate(
            "() => { document.activeElement.dataset.kb ??= 'menu-' + document.activeElement.getAttribute('href'); return document.activeElement.dataset.kb; }"
        )
        indicator = page.evaluate(FOCUS_LOOK, look)
        if indicator["best"] < 3:
            problems.append(f"menu link {link['href']}: focus indicator contrast {indicator['best']:.2f} < 3")
    for _ in links:
        tab(page, shift=True)
    if page.evaluate(ACTIVE)["kb"] != summary_kb:
        problems.append("Shift+Tab from the menu's links does not return to 人群专栏")
        return
    page.keyboard.press(" ")
    if page.evaluate(is_open):
        problems.append("Space on the open 人群专栏 does not close it")
    page.keyboard.press(" ")
    if not page.evaluate(is_open):
        problems.append("Space on the closed 人群专栏 does not open it")


def no_keyboard_trap(page, where, problems):
    """Tab from the top of the page must visit every tabbable element and then leave the page
    (focus back on <body>) or come round to the first one; Shift+Tab from there must come back."""
    expected = page.evaluate(TAG_TABBABLES)
    visited = set()
    for _ in range(3 * len(expected) + 20):
        now = tab(page)
        if now["body"] or (now["kb"] == "0" and visited):
            break
        visited.add(now["kb"])
    else:
        problems.append(f"{where}: Tab never leaves the page: focus is caught (last on {now['name']})")
        return
    missing = [name for i, name in enumerate(expected) if str(i) not in visited]
    if missing:
        problems.append(f"{where}: Tab never reaches {missing[:5]}")
    if now["body"]:  # left past the end (not come round to the first): Shift+Tab comes back
        back = tab(page, shift=True)
        if back["body"] or back["kb"] is None:
            problems.append(f"{where}: Shift+Tab from the end does not come back into the page")


def test_a_keyboard_only_reader(live_server, browser):
    """Skip link, visible focus in the header, the 人群专栏 menu and no trap, in each reader mode;
    skip link and no trap on the other languages' home and work pages."""
    load_demo()
    base = live_server.url
    urls = pages_in(base, settings.LANGUAGE_CODE)
    problems = []
    for mode in MODES:
        context = reader_context(browser, base, 1280, mode)
        page = context.new_page()
        if not mode_is_built(page, base, mode):
            warnings.warn(f"the {mode} reader mode is not built yet: not checked", stacklevel=1)
            context.close()
            continue
        found = []
        steps = [skip_link_reaches_main, header_focus_is_visible, audience_menu_works_by_keyboard]
        for step in steps:
            page.goto(urls["HomePage"])
            axe.install(page)
            page.evaluate(TAG_TABBABLES)
            reached = step(page, found)
            if step is header_focus_is_visible:
                assert any("人群专栏" in name for name in reached), f"header Tab stops: {reached}"
        for name in ("HomePage", "work:video", "search"):
            page.goto(urls[name])
            no_keyboard_trap(page, name, found)
        for language in LANGUAGES[1:]:  # the other languages' home and a work, once they have pages
            other = pages_in(base, language)
            for name in ("HomePage", "ArticlePage"):
                if name in other:
                    page.goto(other[name])
                    axe.install(page)
                    skip_link_reaches_main(page, found)
                    page.goto(other[name])
                    no_keyboard_trap(page, f"{language} {name}", found)
        problems.extend(f"{mode}: {line}" for line in found)
        context.close()
    assert not problems, "\n".join(problems)
