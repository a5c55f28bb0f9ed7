"""长辈模式 in headless Chromium at a phone's 390 px: large text, strong contrast and 44 px targets on
the pages elders read most (home, a work, the 老年人健康与防诈骗 column, the works list, search); the
switch without JavaScript; 读给我听 speaking a work sentence by sentence."""

import pytest

from django.core.management import call_command

from articles.models import ArticlePage, TopicPage
from home.reader_modes import COOKIE
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# Every visible control in the header and main. Inline links in running text are measured line by
# line (their padding makes each line's box tall); everything else must be 44 × 44 px.
SMALL_TARGETS = """() => {
  const small = [];
  const controls = document.querySelectorAll(['a', 'button', 'summary', 'select', 'input:not([type=hidden])', 'textarea']
    .flatMap(tag => ['header ' + tag, 'main ' + tag]).join(','));
  for (const el of controls) {
    if (!el.getClientRects().length || el.closest('.visually-hidden')) continue;
    const inline = getComputedStyle(el).display === 'inline';
    const boxes = inline ? [...el.getClientRects()] : [el.getBoundingClientRect()];
    for (const box of boxes) {
      if (box.height < 44 || (!inline && box.width < 44)) {
        small.push(`${el.tagName} “${el.textContent.trim().slice(0, 16)}” ${Math.round(box.width)}×${Math.round(box.height)}`);
        break;
      }
    }
  }
  return small;
}"""

# Text sizes, line height of running text and contrast of every visible text against the colour
# actually behind it (the nearest ancestor with an opaque background).
TEXT = """() => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const behind = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c;
    }
    return [255, 255, 255];
  };
  const out = {body: parseFloat(getComputedStyle(document.body).fontSize), small: [], tight: [], faint: []};
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || seen.has(el) || !el.closest('header, main')) continue;
    if (!el.getClientRects().length || el.closest('.visually-hidden, script, style')) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize);
    const label = `${el.tagName}.${el.className} “${node.textContent.trim().slice(0, 12)}”`;
    if (size < 19.5) out.small.push(`${label} ${size}px`);
    if (el.matches('.prose p, .prose li') && parseFloat(style.lineHeight) < 1.8 * size) out.tight.push(label);
    const [a, b] = [lum(rgb(style.color)), lum(behind(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 7) out.faint.push(`${label} ${ratio.toFixed(2)}:1`);
  }
  out.overflow = document.documentElement.scrollWidth - window.innerWidth;
  return out;
}"""


def elder_context(browser, base, **options):
    context = browser.new_context(**PHONE, **options)
    context.add_cookies([{"name": COOKIE, "value": "elder", "url": base}])
    return context


def test_elder_mode_is_large_clear_and_easy_to_touch(live_server, browser):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    chinese = {"live": True, "locale__language_code": "zh-hans"}
    work = ArticlePage.objects.get(slug="winter-heating-carbon-monoxide-poisoning-prevention", **chinese)
    column = TopicPage.objects.get(audience__code="elderly", **chinese)
    context = elder_context(browser, live_server.url)
    page = context.new_page()
    problems = []
    urls = ("/zh-hans/", work.url, column.url, work.get_parent().url, "/zh-hans/search/?q=诈骗")
    for url in urls:
        page.goto(live_server.url + url)
        assert "mode-elder" in page.locator("body").get_attribute("class")
        text = page.evaluate(TEXT)
        assert text["body"] >= 20, url
        problems += [f"{url}: text under 20px: {item}" for item in text["small"]]
        problems += [f"{url}: line height under 1.8: {item}" for item in text["tight"]]
        problems += [f"{url}: contrast under 7:1: {item}" for item in text["faint"]]
        problems += [f"{url}: target under 44px: {item}" for item in page.evaluate(SMALL_TARGETS)]
        if text["overflow"] > 0:
            problems.append(f"{url}: scrolls sideways by {text['overflow']}px")
    page.set_viewport_size({"width": 320, "height": 640})  # WCAG 1.4.10: reflow at 320 CSS px
    for url in urls:
        page.goto(live_server.url + url)
        if (overflow := page.evaluate("document.documentElement.scrollWidth - innerWidth")) > 0:
            problems.append(f"{url}: scrolls sideways by {overflow}px at 320px")
    context.close()
    assert not problems, "\n".join(problems)


def test_the_switch_works_without_javascript(live_server, browser):
    work = factories.make_work(factories.make_site()[1])
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + work.url)
    body = page.locator("body")
    assert "mode-elder" not in (body.get_attribute("class") or "")
    assert page.evaluate("getComputedStyle(document.body).fontSize") == "17px"

    page.get_by_role("button", name="长辈模式").click()
    page.wait_for_load_state("load")
    assert page.url == live_server.url + work.url
    assert "mode-elder" in body.get_attribute("class")
    assert float(page.evaluate("getComputedStyle(document.body).fontSize")[:-2]) >= 20
    assert page.get_by_role("button", name="长辈模式").get_attribute("aria-pressed") == "true"
    assert not page.locator(".read-aloud").is_visible()  # no speech without JavaScript: no button
    assert {c["name"]: c for c in context.cookies()}[COOKIE]["sameSite"] == "Lax"

    page.get_by_role("button", name="标准模式").click()
    page.wait_for_load_state("load")
    assert page.url == live_server.url + work.url
    assert "mode-elder" not in (body.get_attribute("class") or "")
    context.close()


# Records what would be spoken instead of speaking (headless Chromium may have no voice at all).
RECORD_SPEECH = """
  window.spoken = []; window.cancelled = 0;
  const synth = window.speechSynthesis, cancel = synth.cancel.bind(synth);
  synth.speak = (u) => window.spoken.push({text: u.text, lang: u.lang});
  synth.cancel = () => { window.cancelled++; cancel(); };
"""

LONG_SENTENCE = (
    "煤炉、火炕、炭火盆和燃气热水器在燃烧不充分时都会产生一氧化碳，门窗关得越严，烟道越是堵塞，"
    "屋里的一氧化碳就积得越多，它无色无味，人在睡梦中往往察觉不到，等到头痛、恶心、四肢无力时，"
    "常常已经没有力气走出屋子呼救，所以睡前一定要检查烟道和风斗，并在屋里装一只一氧化碳报警器"
)
BODY = [
    {"type": "heading", "value": {"text": "一氧化碳为什么危险"}},
    {
        "type": "paragraph",
        "value": f"<p>一氧化碳与血红蛋白结合的能力远强于氧气。身体因此缺氧！怎么办？{LONG_SENTENCE}。</p>",
    },
    {
        "type": "qa",
        "value": {
            "items": [
                {
                    "question": "头晕恶心，开窗以后好多了，还用去医院吗？",
                    "answer": "<p>要去，由医生判断是否需要吸氧。</p>",
                },
                {"question": "放一盆水能防中毒吗？", "answer": "<p>不能，一氧化碳难溶于水。</p>"},
            ]
        },
    },
    {
        "type": "references",
        "value": {
            "items": [
                {"title": "参考文献不读", "authors": "", "publisher": "", "year": 2020, "url": "", "doi": ""}
            ]
        },
    },
]


def test_read_aloud_speaks_the_work_sentence_by_sentence(live_server, browser):
    home, works, _ = factories.make_site()
    work = factories.make_work(works, summary="冬天烧煤取暖，要防一氧化碳中毒。", body=BODY)
    context = browser.new_context(**PHONE)
    context.add_init_script(RECORD_SPEECH)
    page = context.new_page()
    page.goto(live_server.url + home.url)
    assert page.locator(".read-aloud").count() == 0  # only work pages carry it
    assert "read_aloud" not in page.content()

    page.goto(live_server.url + work.url)
    button = page.locator(".read-aloud button")
    assert button.is_visible()
    assert button.text_content() == "读给我听"
    button.click()
    assert button.text_content() == "停止朗读"
    spoken = page.evaluate("window.spoken")
    texts = [item["text"] for item in spoken]
    assert texts[:3] == ["冬季取暖防范一氧化碳中毒", "冬天烧煤取暖，要防一氧化碳中毒。", "一氧化碳为什么危险"]
    assert texts[3:6] == ["一氧化碳与血红蛋白结合的能力远强于氧气。", "身体因此缺氧！", "怎么办？"]
    assert all(len(text) <= 120 for text in texts), [len(text) for text in texts]
    said = "".join(texts)
    assert LONG_SENTENCE.replace("，", "") in said.replace("，", "")  # cut at commas, nothing lost
    assert "不能，一氧化碳难溶于水。" in said  # a closed answer is read too
    assert "参考文献" not in said
    assert all(item["lang"].lower().startswith("zh") for item in spoken)  # zh-CN, or a Chinese voice's

    button.click()
    assert button.text_content() == "读给我听"
    assert page.evaluate("window.cancelled") >= 2  # before the reading, and to stop it
    context.close()


MONGOLIAN_VOICE = """
  const synth = window.speechSynthesis;
  synth.getVoices = () => [{lang: 'mn-MN', name: 'Mongolian', default: false, localService: true}];
"""


@pytest.mark.parametrize("voice", [False, True])
def test_read_aloud_on_a_mongolian_page_needs_a_mongolian_voice(live_server, browser, voice):
    work = factories.make_work(factories.make_site()[1])
    context = browser.new_context(**PHONE)
    if voice:
        context.add_init_script(MONGOLIAN_VOICE)
    page = context.new_page()
    # The script keys on <html lang>: serve this work as a Mongolian page would be.
    page.route(
        live_server.url + work.url,
        lambda route: route.fulfill(
            response=(response := route.fetch()),
            body=response.text().replace('lang="zh-Hans"', 'lang="mn-Mong"'),
        ),
    )
    page.goto(live_server.url + work.url)
    page.wait_for_load_state("load")
    has_voice = page.evaluate("speechSynthesis.getVoices().some(v => /^mn/i.test(v.lang))")
    assert has_voice == voice
    assert page.locator(".read-aloud").is_visible() == voice
    context.close()
