"""Screenshots of outreach for the README: `.venv/bin/python docs/screenshots/take_outreach.py`.

Loads the demo into a throwaway SQLite database, serves it, and photographs the events calendar, an
event, the venue directory (the drawn league schematic: the demo has no tile server) and the 点单
form at a phone's 390 px, in Debian's Chromium. The server's log goes to
var/screenshots-outreach-server.log."""

from take import CHROMIUM, CHROMIUM_ARGS, OUT, ROOT, served_demo  # docs/screenshots/take.py, beside this file

PAGES = {
    "events-calendar-390": "/zh-hans/events/?view=calendar",
    "event-390": "/zh-hans/events/wuhai-youth-robotics/",
    "venues-390": "/zh-hans/venues/",
    "order-390": "/zh-hans/outreach/requests/new/",
}


def main():
    with served_demo("screenshots-outreach") as base:
        shoot(base)


def shoot(base):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 1700}, is_mobile=True, has_touch=True)
        page = context.new_page()
        for name, path in PAGES.items():
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            target = OUT / f"{name}.png"
            page.screenshot(path=target)
            print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1024} KB")
        browser.close()


if __name__ == "__main__":
    main()
