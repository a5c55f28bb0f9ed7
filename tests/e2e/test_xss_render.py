"""The whole XSS corpus, sanitised into works and rendered in Chromium: no script runs."""

from urllib.parse import urlparse

import pytest

from creators.sanitize import to_blocks
from creators.tests.test_sanitize import PAYLOADS
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_no_payload_runs_in_a_real_browser(browser, live_server):
    _home, works, _news = factories.make_site()
    pages = []
    for start in range(0, len(PAYLOADS), 100):
        body = [block for payload in PAYLOADS[start : start + 100] for block in to_blocks(payload)]
        pages.append(factories.make_work(works, f"XSS 样本 {start}", body=body))

    context = browser.new_context()
    page = context.new_page()
    dialogs, off_site, errors = [], [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    origin = urlparse(live_server.url).netloc
    page.on("request", lambda r: urlparse(r.url).netloc not in (origin, "") and off_site.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    # A payload that ran would most likely call alert(); make any such call visible too.
    page.add_init_script(
        "window.__xss = []; for (const f of ['alert','confirm','prompt']) window[f] = (m) => window.__xss.push(String(m));"
    )
    for work in pages:
        page.goto(f"{live_server.url}{work.url}")
        page.wait_for_load_state("networkidle")
        # Fire the events inline handlers listen for, had any survived.
        page.eval_on_selector_all(
            "article *",
            "els => els.forEach(e => ['mouseover', 'focus', 'load', 'error', 'toggle', 'animationstart']"
            ".forEach(t => e.dispatchEvent(new Event(t))))",
        )
        assert page.evaluate("window.__xss") == [], work.title
    context.close()
    assert dialogs == []
    assert off_site == []
    assert errors == []
