"""Screenshots of the elder-friendly mode (长辈模式) for the README: `.venv/bin/python docs/screenshots/take_elder.py`.

Loads the demo into a throwaway SQLite database, serves it, and photographs home, a work and the
老年人健康与防诈骗 column at a phone's 390 px with the reader_mode cookie set, in Debian's Chromium.
The server's log goes to var/screenshots-elder-server.log."""

import sys

from take import CHROMIUM, CHROMIUM_ARGS, OUT, ROOT, served_demo  # docs/screenshots/take.py, beside this file

PAGES = {
    "elder-home-390": "/zh-hans/",
    "elder-article-390": "/zh-hans/works/winter-heating-carbon-monoxide-poisoning-prevention/",
    "elder-column-390": "/zh-hans/elderly/",  # the 老年人健康与防诈骗 column
}


def main():
    with served_demo("screenshots-elder") as base:
        shoot(base)


def shoot(base):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 1500}, is_mobile=True, has_touch=True)
        context.add_cookies([{"name": "reader_mode", "value": "elder", "url": base}])
        page = context.new_page()
        for name, path in PAGES.items():
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            if "mode-elder" not in page.locator("body").get_attribute("class"):
                sys.exit(f"{path} did not open in elder mode")
            target = OUT / f"{name}.png"
            page.screenshot(path=target)
            print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1024} KB")
        browser.close()


if __name__ == "__main__":
    main()
