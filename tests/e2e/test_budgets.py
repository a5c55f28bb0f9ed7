"""Page-weight budgets of a first visit on a phone, in a real browser on the demo.

For home, a science work, the search page (and a work that opens with its video), in every
language the demo has them in, in the standard and the elder mode (cookie reader_mode=elder), a
fresh browser (empty cache, no cookies) loads the page and everything it asks for until the
network is idle, and:

- every request goes to the page's own origin: no CDN, no third-party font, script or style;
- HTML + CSS + fonts ≤ 150 KB and JavaScript ≤ 50 KB, compressed as a production server sends
  them (the test server does not compress: each body is gzipped at level 6; WOFF2 counts as is);
  pictures in the content are left out;
- fonts: no Chinese web font (the reader's system CJK fonts); Mongolian only as WOFF2 subsets
  with font-display: swap — on Mongolian pages the text's, on Chinese pages at most the language
  switcher's few letters (≤ 5 KB);
- every content picture reserves its box (width and height), offers WebP renditions in `srcset`
  with `sizes` that lead the phone to a rendition at most 1.5 times the device pixels it fills (or
  the smallest); the page's first picture (a work's cover) is fetched at once with
  fetchpriority="high", every other one out of the first screen is loading="lazy"; the largest
  contentful paint, when it is a picture, is fetched eagerly with fetchpriority="high".

One test adds a 200 KB script and a CDN stylesheet to a page and sees these checks fail.
Speed under a throttled network (LCP, CLS) is measured by bench/frontend.py, not asserted here:
timings on a shared test machine are not behaviour.
"""

import gzip
import random
import re
from base64 import b64encode
from urllib.parse import quote, urlparse

import pytest

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale

from articles.models import ArticlePage
from home.models import HomePage

# Each test reads the database only through the server (the demo, committed by loaded_demo); the
# mark has pytest-django build the test database even when a single test is run.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

TEXT_BUDGET = 150 * 1024  # HTML + CSS + fonts, compressed
SCRIPT_BUDGET = 50 * 1024  # JavaScript, compressed
# A Chinese page may load the few Mongolian letters of the language switcher's ᠮᠣᠩᠭᠣᠯ (for phones
# without a Mongolian font; 2.7 KB in home/mongolian_font.py), never a font for its text.
LABEL_FONT_BUDGET = 5 * 1024
DEMO_WORK = "winter-heating-carbon-monoxide-poisoning-prevention"  # has a cover picture
DEMO_VIDEO_WORK = "earthquake-drop-cover-hold-on-video"  # opens with its video's poster frame
SEARCH_QUERY = "沙尘暴"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
MODES = {"standard": [], "elder": [{"name": "reader_mode", "value": "elder"}]}

# What the page shows of its pictures, fonts and largest contentful paint, read after load.
INSPECT = """() => new Promise(resolve => {
  const media = new URL(%(media)s, location.href).pathname;
  const pictures = [...document.images]
    .filter(img => new URL(img.currentSrc || img.src, location.href).pathname.startsWith(media))
    .map(img => {
      const box = img.getBoundingClientRect();
      return {
        src: img.getAttribute('src'), srcset: img.getAttribute('srcset') || '', sizes: img.getAttribute('sizes') || '',
        width: img.getAttribute('width'), height: img.getAttribute('height'),
        loading: img.getAttribute('loading'), priority: img.getAttribute('fetchpriority'),
        current: img.complete && img.naturalWidth ? new URL(img.currentSrc).pathname : '',
        shown: box.width * devicePixelRatio,
        // Out of the first screen: below it, or (vertical Mongolian text) to its right.
        offscreen: box.top + scrollY >= innerHeight || box.left + scrollX >= innerWidth,
      };
    });
  const faces = [...document.fonts].map(f => ({family: f.family, display: f.display, range: f.unicodeRange, status: f.status}));
  let lcp = null;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      const el = entry.element;
      lcp = el ? {tag: el.tagName, src: el.getAttribute('src'), priority: el.getAttribute('fetchpriority'), loading: el.getAttribute('loading')} : null;
    }
  }).observe({type: 'largest-contentful-paint', buffered: true});
  setTimeout(() => resolve({pictures, faces, lcp, scrolled: scrollX || scrollY}), 100);
})"""


def compressed(kind, body):
    """What a production server sends: gzip -6 of text, a WOFF2 font as it is."""
    if kind == "font" and body[:4] == b"wOF2":
        return len(body)
    return len(gzip.compress(body, compresslevel=6))


def first_visit(browser, url, cookies=(), tamper=None):
    """Load `url` as a first-time phone reader; what was fetched, and what the page shows."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    if cookies:
        context.add_cookies([{**cookie, "url": url} for cookie in cookies])
    page = context.new_page()
    if tamper:
        tamper(page)
    requests, responses = [], []
    page.on("request", lambda request: requests.append(request))
    page.on("response", lambda response: responses.append(response))
    reply = page.goto(url, wait_until="load")
    assert reply.status == 200, (url, reply.status)
    page.wait_for_load_state("networkidle")
    shown = page.evaluate(INSPECT % {"media": repr(settings.MEDIA_URL)})
    origin = urlparse(url).netloc
    visit = {
        "off_site": [
            r.url for r in requests if urlparse(r.url).netloc != origin and not r.url.startswith("data:")
        ],
        "text": 0,
        "script": 0,
        "fonts": [],
        **shown,
    }
    for response in responses:
        kind = response.request.resource_type
        if kind not in ("document", "stylesheet", "font", "script") or response.status != 200:
            continue
        body = response.body()
        visit["script" if kind == "script" else "text"] += compressed(kind, body)
        if kind == "font":
            visit["fonts"].append((response.url, body[:4], len(body)))
    context.close()
    return visit


def budget_problems(visit):
    """Everything `visit` breaks of the budgets, as readable lines (empty: within budget)."""
    problems = [f"off-site request: {url}" for url in visit["off_site"]]
    if visit["text"] > TEXT_BUDGET:
        problems.append(f"HTML + CSS + fonts {visit['text'] / 1024:.1f} KB compressed > 150 KB")
    if visit["script"] > SCRIPT_BUDGET:
        problems.append(f"JavaScript {visit['script'] / 1024:.1f} KB compressed > 50 KB")
    return problems


def picture_problems(visit):
    """The page's first content picture is its lead (a work's cover, or the poster of a work that
    opens with its video): fetched at once, and the only one with fetchpriority=high. Every other
    picture out of the first screen waits (loading=lazy) until the reader scrolls near it."""
    problems = []
    for index, picture in enumerate(visit["pictures"]):
        name = picture["src"]
        if not (picture["width"] and picture["height"]):
            problems.append(f"{name}: no width and height (its box is not reserved: layout shift)")
        candidates = [part.split()[0] for part in picture["srcset"].split(",") if part.strip()]
        if not candidates or not all(url.endswith(".webp") for url in candidates) or not picture["sizes"]:
            problems.append(f"{name}: no srcset of WebP renditions with sizes")
        # The rendition the browser chose (its width from srcset), against the device pixels it fills.
        widths = dict(part.split() for part in picture["srcset"].split(",") if part.strip())
        chosen = int(widths.get(picture["current"], "0w").removesuffix("w"))
        smallest = min((int(width.removesuffix("w")) for width in widths.values()), default=0)
        if chosen > max(smallest, 1.5 * picture["shown"]):
            problems.append(f"{name}: a {chosen} px rendition for {picture['shown']:.0f} device pixels")
        lead = index == 0 and picture["priority"] == "high"
        if lead and picture["loading"] == "lazy":
            problems.append(f"{name}: the lead picture has fetchpriority=high and loading=lazy")
        if not lead and picture["priority"] == "high":
            problems.append(f"{name}: fetchpriority=high on a picture that is not the page's first")
        if not lead and picture["offscreen"] and picture["loading"] != "lazy":
            problems.append(f"{name}: out of the first screen but not loading=lazy")
    lcp = visit["lcp"]
    if lcp and lcp["tag"] == "IMG" and (lcp["priority"] != "high" or lcp["loading"] == "lazy"):
        problems.append(
            f"the largest contentful paint {lcp['src']} is not fetched eagerly with fetchpriority=high"
        )
    return problems


def font_problems(visit, language):
    """No Chinese web font anywhere; Mongolian only as WOFF2 subsets with font-display: swap — the
    text's subset on Mongolian pages, and on other pages at most the few letters of the language
    switcher's ᠮᠣᠩᠭᠣᠯ (LABEL_FONT_BUDGET)."""
    problems = [
        f"@font-face {face['family']} without font-display: swap"
        for face in visit["faces"]
        if face["display"] != "swap"
    ]
    problems += [f"{url} is not WOFF2" for url, head, _size in visit["fonts"] if head != b"wOF2"]
    for face in visit["faces"]:
        # A Mongolian subset names the ranges it covers: Mongolian letters, and no Chinese.
        parts = face["range"].split(",")
        mongolian = any(_covers(part, 0x1820) for part in parts)
        chinese = any(_covers(part, 0x4E2D) for part in parts)
        if face["status"] == "loaded" and (not mongolian or chinese):
            problems.append(f"{face['family']} (unicode-range {face['range']}) is not a Mongolian subset")
    fonts = sum(size for _url, _head, size in visit["fonts"])
    if language != "mn" and fonts > LABEL_FONT_BUDGET:
        problems.append(f"{fonts / 1024:.1f} KB of web fonts on a {language} page (> the switcher's label)")
    return problems


def _covers(part, codepoint):
    part = part.strip().upper().removeprefix("U+")
    if "?" in part:
        low, high = int(part.replace("?", "0"), 16), int(part.replace("?", "F"), 16)
    elif "-" in part:
        low, high = (int(end.removeprefix("U+"), 16) for end in part.split("-"))
    else:
        low = high = int(part or "0", 16)
    return low <= codepoint <= high


@pytest.fixture(scope="module")
def site(loaded_demo, django_db_blocker):
    """The demo served for the whole module (the database stays unblocked while loaded_demo holds
    it); the pages to measure, by (page, language), with every rendition made once."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("127.0.0.1")
    urls = {}
    home = HomePage.objects.live().get(locale__language_code=settings.LANGUAGE_CODE)
    work = ArticlePage.objects.live().get(slug=DEMO_WORK, locale=home.locale)
    video_work = ArticlePage.objects.live().get(slug=DEMO_VIDEO_WORK, locale=home.locale)
    for language in LANGUAGES:
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            continue
        local_home = home.get_translation_or_none(locale)
        local_work = work.get_translation_or_none(locale)
        local_video_work = video_work.get_translation_or_none(locale)
        if local_video_work and local_video_work.live:
            urls["video work", language] = local_video_work.url
        if local_home and local_home.live:
            urls["home", language] = local_home.url
        if local_work and local_work.live:
            urls["article", language] = local_work.url
            query = SEARCH_QUERY if language == settings.LANGUAGE_CODE else local_work.title.split()[0]
            with translation.override(language):
                urls["search", language] = f"{reverse('search')}?q={quote(query)}"
    urls = {key: server.url + url for key, url in urls.items()}
    from django.test import Client

    for url in urls.values():
        assert Client().get(url.removeprefix(server.url)).status_code == 200, url  # renditions made
    yield urls
    server.stop()


def test_the_demo_has_the_pages_to_measure(browser, site):
    """Home, the work and search in the default language, and in each other language whose home
    the demo has, the work too. (`browser` comes first, as in every test here: Playwright started
    after pytest-django has built the database would leave the test connection, and the data that
    later transactional tests restore from it, in another context.)"""
    assert {("home", settings.LANGUAGE_CODE), ("article", settings.LANGUAGE_CODE)} <= set(site)
    for name, language in list(site):
        if name == "home":
            assert ("article", language) in site, f"the demo's {language} version has no {DEMO_WORK}"


# Every page in every language, but the video work only in the default one: the demo translates
# article-form works only (their pictures are drawn in Chinese; home/demo/FORMAT.md).
PAGES = [
    (name, language)
    for language in LANGUAGES
    for name in ("home", "article", "search", "video work")
    if name != "video work" or language == settings.LANGUAGE_CODE
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("name", "language"), PAGES)
def test_first_visit_on_a_phone_is_within_budget(site, browser, name, language, mode):
    assert (name, language) in site, f"the demo has no {name} page in {language}"
    visit = first_visit(browser, site[name, language], MODES[mode])
    assert budget_problems(visit) == []
    assert font_problems(visit, language) == []
    assert picture_problems(visit) == []
    if name in ("article", "video work"):
        # The work's cover, or the poster of the video it opens with, leads: fetched at once, first.
        lead = visit["pictures"][0]
        assert lead["priority"] == "high" and lead["loading"] is None, lead
    if name == "home":
        # Cards below the hero wait until the reader scrolls near them.
        assert visit["pictures"] and all(p["loading"] == "lazy" for p in visit["pictures"] if p["offscreen"])


def test_the_budgets_catch_a_heavy_script_and_a_cdn_link(site, browser):
    """The same checks on the work page with a 200 KB script and a CDN stylesheet added."""
    url = site["article", settings.LANGUAGE_CODE]
    # A 200 KB bundle whose text gzip shrinks as little as minified code (random base64: to ~75 %).
    heavy = f'window.vendor="{b64encode(random.Random(13).randbytes(150 * 1024)).decode()}";'.encode()

    def tamper(page):
        def add_tags(route):
            response = route.fetch()
            html = response.text().replace(
                "</head>",
                '<link rel="stylesheet" href="https://cdn.example.com/bootstrap.min.css">'
                '<script src="/static/js/vendor-bundle.js"></script></head>',
            )
            route.fulfill(response=response, body=html)

        page.route(url, add_tags)
        page.route(
            "**/static/js/vendor-bundle.js",
            lambda route: route.fulfill(body=heavy, content_type="text/javascript"),
        )
        page.route(
            "https://cdn.example.com/**", lambda route: route.fulfill(body="body{}", content_type="text/css")
        )

    problems = budget_problems(first_visit(browser, url, tamper=tamper))
    assert problems[0] == "off-site request: https://cdn.example.com/bootstrap.min.css"
    assert len(problems) == 2 and re.fullmatch(r"JavaScript 1[5-6]\d\.\d KB compressed > 50 KB", problems[1])


def test_inspection_reads_pictures_without_scrolling(site, browser):
    """The first-screen test means something only if the page opens at its top."""
    visit = first_visit(browser, site["home", settings.LANGUAGE_CODE])
    assert visit["scrolled"] == 0
    assert any(p["offscreen"] for p in visit["pictures"])
    assert re.search(r"\.webp \d+w", visit["pictures"][0]["srcset"])
