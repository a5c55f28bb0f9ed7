"""Screenshots of the elder-friendly mode (长辈模式) for the README: `.venv/bin/python docs/screenshots/take_elder.py`.

Loads the demo into a throwaway SQLite database, serves it, and photographs home, a work and the
老年人健康与防诈骗 column at a phone's 390 px with the reader_mode cookie set, in Debian's Chromium.
The server's log goes to var/screenshots-elder-server.log."""

import sys

from take import served_demo, shoot_phone  # docs/screenshots/take.py, beside this file

PAGES = {
    "elder-home-390": "/zh-hans/",
    "elder-article-390": "/zh-hans/works/winter-heating-carbon-monoxide-poisoning-prevention/",
    "elder-column-390": "/zh-hans/elderly/",  # the 老年人健康与防诈骗 column
}


def main():
    with served_demo("screenshots-elder") as base:
        shoot_phone(base, PAGES, cookies=[{"name": "reader_mode", "value": "elder"}], check=in_elder_mode)


def in_elder_mode(page, path):
    if "mode-elder" not in page.locator("body").get_attribute("class"):
        sys.exit(f"{path} did not open in elder mode")


if __name__ == "__main__":
    main()
