"""Screenshots of the elder-friendly mode (长辈模式) for the README: `.venv/bin/python docs/screenshots/take_elder.py`.

Loads the demo into a throwaway SQLite database, serves it, and photographs home, a work and the
老年人健康与防诈骗 column at a phone's 390 px with the reader_mode cookie set, in Debian's Chromium.
The server's log goes to var/screenshots-elder-server.log."""

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

PAGES = {
    "elder-home-390": "/zh-hans/",
    "elder-article-390": "/zh-hans/works/winter-heating-carbon-monoxide-poisoning-prevention/",
    "elder-column-390": "/zh-hans/elderly/",  # the 老年人健康与防诈骗 column
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    database = ROOT / "var" / "screenshots-elder.sqlite3"
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
    log = (ROOT / "var" / "screenshots-elder-server.log").open("w")
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
        shoot(base)
    finally:
        server.terminate()
        server.wait()
        log.close()


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
