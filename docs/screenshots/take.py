"""Screenshots of the demo for the README: `make screenshots`.

Loads the demo into a throwaway SQLite database, serves it, and photographs each page below at a
phone's 390 px and a desktop's 1280 px with Debian's Chromium (the top of each page, as a reader
first sees it, or its first picture), and the Mongolian home page and a Mongolian work whole at
390 px. Names on the command line take only those (`take.py mn-home-390 home-phone`). The server's
log goes to var/screenshots-server.log."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WIDTHS = {"phone": (390, 1500), "desktop": (1280, 1400)}

# name → path on the demo site; the comment says what the picture should show.
# Pages named in SCROLL_TO open at their first picture in the body rather than at the top.
SCROLL_TO = {"article-chart": "article .block-image", "comic": "article .block-image"}
PAGES = {
    "home": "/zh-hans/",
    "works": "/zh-hans/works/",
    "article-chart": "/zh-hans/works/how-sandstorms-form/",  # a chart drawn from the work's facts
    "comic": "/zh-hans/works/grassland-fire-prevention-and-escape-comic/",
    "video": "/zh-hans/works/earthquake-drop-cover-hold-on-video/",
    "policy": "/zh-hans/policy/",
    "creators": "/zh-hans/creators/",
    "submission-form": "/zh-hans/creators/works/new/",  # logged in as the demo creator
}
# Mongolian pages at a phone's width, whole (the article's columns scroll sideways inside it): the
# vertical script in the shipped font, letters joined (docs/languages.md).
MONGOLIAN = {
    "mn-home-390": "/mn/",
    "mn-article-390": "/mn/works/winter-heating-carbon-monoxide-poisoning-prevention/",
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served_demo(name="screenshots"):
    """The demo loaded into a throwaway SQLite database (var/<name>.sqlite3) and served on a free
    port; yields its base URL. The server's log goes to var/<name>-server.log."""
    database = ROOT / "var" / f"{name}.sqlite3"
    database.parent.mkdir(exist_ok=True)
    database.unlink(missing_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, check=True)  # noqa: S603 - our own manage.py
    subprocess.run([*manage, "load_demo"], env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    port = free_port()
    log = (ROOT / "var" / f"{name}-server.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"], env=env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/zh-hans/", timeout=2)  # noqa: S310 - our own server
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait()
        log.close()


def main(names=()):
    """Every screenshot, or only those named (`take.py mn-home-390 mn-article-390`)."""
    with served_demo() as base:
        shoot(base, set(names))


def shoot(base, names):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for device, (width, height) in WIDTHS.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, is_mobile=width < 600, has_touch=width < 600
            )
            page = context.new_page()
            for name, path in PAGES.items():
                if names and f"{name}-{device}" not in names:
                    continue
                if name == "submission-form" and "/creators/login/" not in page.url:
                    log_in(page, base)
                page.goto(base + path)
                if name in SCROLL_TO:
                    page.locator(SCROLL_TO[name]).first.evaluate("el => el.scrollIntoView({block: 'start'})")
                page.wait_for_load_state("networkidle")
                target = OUT / f"{name}-{device}.png"
                page.screenshot(path=target)
                print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1024} KB")
            context.close()
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        page = context.new_page()
        for name, path in MONGOLIAN.items():
            if names and name not in names:
                continue
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.evaluate("document.fonts.ready.then(() => true)")
            target = OUT / f"{name}.png"
            page.screenshot(path=target, full_page=True)
            print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1024} KB")
        context.close()
        browser.close()


def shoot_phone(base, pages, *, height=1500, cookies=(), check=None):
    """Photograph each of `pages` ({name: path}) at a phone's 390 px (the elder-mode and outreach
    sets); `cookies` are set first, and `check(page, path)` may refuse a page that looks wrong."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": 390, "height": height}, is_mobile=True, has_touch=True
        )
        context.add_cookies([{**cookie, "url": base} for cookie in cookies])
        page = context.new_page()
        for name, path in pages.items():
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            if check is not None:
                check(page, path)
            target = OUT / f"{name}.png"
            page.screenshot(path=target)
            print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1024} KB")
        browser.close()


def log_in(page, base):
    page.goto(base + "/zh-hans/creators/login/")
    page.fill("input[name=login]", "creator")
    page.fill("input[name=password]", "kepu-demo-2026")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")


if __name__ == "__main__":
    main(sys.argv[1:])
