"""Every public page type and every creator page, at a phone's 390 px and a desktop's 1280 px:
nothing sideways-scrolls, no navigation item is clipped, creator form controls are styled, and the
visible text is Chinese (no run of three or more Latin letters outside the places listed here)."""

import re
from urllib.parse import urlparse

import pytest

from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Page

from articles.models import ArticlePage

from .admin_steps import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = (390, 1280)

# Latin words a Chinese reader meets on this site: units, file formats, standards, acronyms the
# science content uses (each explained in Chinese where it appears), brand and product names.
ALLOWED_LATIN = {
    # file formats and units
    "PDF", "JPEG", "JPG", "PNG", "WebP", "GIF", "MP3", "MP4", "WAV", "OGG", "WebM", "M4A", "MB", "KB",
    "ics",  # iCalendar files (.ics), which calendar apps import
    # standards and identifiers
    "GB/T", "ISBN", "ICP", "DOI",
    # acronyms used in the works (each spelled out in Chinese in its text)
    "WHO", "IPCC", "GPS", "GNSS", "RTK", "BDS", "PM2", "PPM", "ppm", "DNA", "RNA", "LED", "APP", "App", "app",
    "WiFi", "Wi-Fi", "CORS", "SOS",
    # brand and product names
    "Wagtail",
}  # fmt: skip

LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9./-]*[A-Za-z0-9]")

# Measured in the page: sideways overflow, clipped navigation items, and the visible text (URLs,
# e-mail addresses, <code>, text marked translate="no" or lang="en" left out).
MEASURE = """() => {
  const out = {overflow: document.documentElement.scrollWidth - window.innerWidth, clipped: [], text: ''};
  for (const link of document.querySelectorAll('.main-nav a, .main-nav summary')) {
    const box = link.getBoundingClientRect();
    if (!link.getClientRects().length) continue;  // inside a closed 更多 menu: not shown, not clipped
    let clipped = box.left < -0.5 || box.right > window.innerWidth + 0.5
      || link.scrollWidth > link.clientWidth + 1;
    for (let up = link.parentElement; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
        const outer = up.getBoundingClientRect();
        if (box.left < outer.left - 0.5 || box.right > outer.right + 0.5
            || box.top < outer.top - 0.5 || box.bottom > outer.bottom + 0.5) clipped = true;
      }
    }
    if (clipped) out.clipped.push(link.textContent.trim());
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('code, script, style, noscript, template, [hidden], .visually-hidden')) continue;
    if (!el.getClientRects().length) continue;
    // A reader's own words echoed back (translate="no") and text marked as another language
    // (an English document's title in the references) are not the site's interface.
    if (el.closest('[translate="no"]')) continue;
    const lang = el.closest('[lang]');
    if (lang && !/^zh/i.test(lang.lang)) continue;
    parts.push(node.textContent);
  }
  for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
    if (input.getClientRects().length) parts.push(input.placeholder);
  }
  out.text = parts.join(' ');
  return out;
}"""

# A control counts as styled when its border, radius, padding or background differ from the same
# control's look in a blank document.
UNSTYLED_CONTROLS = """() => {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'position:absolute;left:-9999px;width:800px;height:600px';
  document.body.appendChild(frame);
  const blank = frame.contentDocument;
  blank.open(); blank.write('<!DOCTYPE html><html><body></body></html>'); blank.close();
  const look = (el) => {
    const s = getComputedStyle(el);
    return [s.borderTopWidth, s.borderTopStyle, s.borderTopColor, s.borderTopLeftRadius,
            s.paddingTop, s.paddingLeft, s.backgroundColor, s.appearance, s.accentColor].join('|');
  };
  const defaults = {};
  const unstyled = [];
  const controls = document.querySelectorAll(
    'main input:not([type=hidden]), main select, main textarea, main button, header button');
  for (const el of controls) {
    if (!el.getClientRects().length) continue;
    const key = el.tagName + ':' + (el.type || '');
    if (!(key in defaults)) {
      const bare = blank.createElement(el.tagName);
      if (el.tagName === 'INPUT') bare.type = el.type;
      if (el.tagName === 'SELECT') bare.appendChild(blank.createElement('option'));
      blank.body.appendChild(bare);
      defaults[key] = look(bare);
    }
    if (look(el) === defaults[key]) unstyled.push(key + ' ' + (el.name || el.id || el.textContent.trim()));
  }
  frame.remove();
  return unstyled;
}"""


def english_words(text):
    """Runs of three or more Latin letters that are not URLs, e-mail addresses or allowed words."""
    text = re.sub(r"https?://\S*|www\.\S+|\S+@\S+", " ", text)
    words = []
    for match in LATIN_RUN.finditer(text):
        word = match.group()
        letters = re.sub(r"[^A-Za-z]", "", word)
        if len(max(re.findall(r"[A-Za-z]+", word), key=len)) < 3:
            continue
        if word in ALLOWED_LATIN or letters in ALLOWED_LATIN or word.rstrip(".") in ALLOWED_LATIN:
            continue
        words.append(word)
    return words


def public_pages(base):
    """One live page of every page type, one work of every form, search and the 404 page."""
    urls = {}
    for page in Page.objects.live().public().specific().exclude(depth=1).order_by("path"):
        urls.setdefault(type(page).__name__, page.url)
    for work in ArticlePage.objects.live().public().order_by("path"):
        urls.setdefault(f"work:{work.form}", work.url)
    urls["search"] = reverse("search") + "?q=沙尘暴"
    urls["search:none"] = reverse("search") + "?q=量子色动力学xyz"
    urls["works:filtered"] = ArticlePage.objects.live().first().get_parent().url + "?audience=elderly"
    urls["not-found"] = "/zh-hans/no-such-page/"
    return {name: base + url for name, url in urls.items()}


def creator_pages(base):
    anonymous = ["creators:home", "creators:login", "creators:register", "creators:password_reset"]
    logged_in = [
        "creators:home",
        "creators:profile",
        "creators:my_works",
        "creators:new_work",
        "creators:change_password",
        "creators:change_email",
    ]
    urls = {name: base + reverse(name) for name in logged_in}
    # The demo creator's works in review (their review page and their form) and one published.
    works = ArticlePage.objects.filter(owner__username="creator").order_by("pk")
    for work in [*works.filter(live=False), works.filter(live=True).first()]:
        urls[f"review:{work.pk}"] = base + reverse("creators:work_review", args=[work.pk])
        if not work.live:
            urls[f"edit:{work.pk}"] = base + reverse("creators:edit_work", args=[work.pk])
    return {name: base + reverse(name) for name in anonymous}, urls


def check(page, url, problems, controls=False):
    response = page.goto(url)
    assert response is not None
    if "not-found" not in url and "no-such-page" not in url:
        assert response.status == 200, f"{url}: {response.status}"
    where = f"{page.viewport_size['width']}px {urlparse(url).path}?{urlparse(url).query}"
    found = page.evaluate(MEASURE)
    if found["overflow"] > 0:
        problems.append(f"{where}: scrolls sideways by {found['overflow']}px")
    if found["clipped"]:
        problems.append(f"{where}: navigation clipped: {found['clipped']}")
    english = english_words(found["text"])
    if english:
        problems.append(f"{where}: English in visible text: {sorted(set(english))}")
    if controls:
        unstyled = page.evaluate(UNSTYLED_CONTROLS)
        if unstyled:
            problems.append(f"{where}: controls in the browser's default look: {unstyled}")


def log_in_as_creator(page, base):
    page.goto(base + reverse("creators:login"))
    page.fill("input[name=login]", "creator")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    assert "/creators/login/" not in page.url, "the demo creator could not log in"


@pytest.mark.parametrize("width", WIDTHS)
def test_public_and_creator_pages_fit_and_read_chinese(live_server, browser, width):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    context = browser.new_context(
        viewport={"width": width, "height": 900}, is_mobile=width < 600, has_touch=width < 600
    )
    page = context.new_page()
    problems = []
    for url in public_pages(live_server.url).values():
        check(page, url, problems)
    anonymous, logged_in = creator_pages(live_server.url)
    for url in anonymous.values():
        check(page, url, problems, controls=True)
    log_in_as_creator(page, live_server.url)
    for url in logged_in.values():
        check(page, url, problems, controls=True)
    check(page, public_pages(live_server.url)["HomePage"], problems)  # the header, logged in
    context.close()
    assert not problems, "\n".join(problems)


def test_english_words_finds_runs_of_latin_letters():
    assert english_words("请点击 Submit 按钮") == ["Submit"]
    assert english_words("上限 200 MB,PM2.5 和 WHO 的建议") == []
    assert english_words("详见 https://www.cma.gov.cn/en/ 或写信 kepu@example.cn") == []
    assert english_words("链接以 https:// 开头") == []
    assert english_words("59 Pages / 94 Images") == ["Pages", "Images"]
