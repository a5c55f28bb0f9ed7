"""What a reader on a weak phone gets: bytes by type, LCP and CLS of the public pages.

    .venv/bin/python bench/frontend.py [--base-url http://127.0.0.1:8000] [--runs 5] [--elder]

Without --base-url it builds a throwaway demo (migrate + load_demo into a temporary SQLite file and
upload folder, about a minute) and serves it with `runserver` on --port. Headless Debian Chromium
is driven through Playwright on a 390 × 844 phone viewport (device pixel ratio 2), cache disabled,
a fresh browser context (no cookies, no cache) per load, and throttled through the Chrome DevTools
Protocol:

- network: Lighthouse's "slow 4G" mobile profile — 150 ms RTT, 1.6 Mbps down, 750 Kbps up, about
  the slowest quarter of 4G connections (the profile PageSpeed Insights scores phones with). CDP
  throttles per request, not per packet, and this local server needs no DNS, TCP or TLS set-up, so
  the profile is applied the way Lighthouse applies it through DevTools: request latency
  150 × 3.75 = 562.5 ms, throughput × 0.9 = 1474.6 Kbps down, 675 Kbps up (`--raw-profile`
  applies 150 ms / 1.6 Mbps / 750 Kbps as they stand, a kinder network);
- CPU: Emulation.setCPUThrottlingRate 4 (Lighthouse's slowdown for a mid-range phone; on this
  machine's cores that is roughly a cheap Android phone).

Per page it measures transferred bytes by resource type (CDP Network.loadingFinished
encodedDataLength: what went over the wire — the development server does not compress, so these
are uncompressed and LCP is measured on the heavier transfer), the page-weight budget figures of
tests/e2e/test_budgets.py (HTML + CSS + fonts and JavaScript as a production server sends them:
each body gzipped at level 6, WOFF2 as is), largest contentful paint and cumulative layout shift
(PerformanceObserver with buffered: true, read after the load event and --settle seconds; CLS is
the largest session window, as Chrome reports it). The median of --runs loads is printed against
the targets: LCP ≤ 2.5 s, CLS ≤ 0.1, HTML + CSS + fonts ≤ 150 KB, JavaScript ≤ 50 KB.
"""

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from base64 import b64decode
from pathlib import Path
from urllib.parse import urljoin, urlparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

LCP_TARGET, CLS_TARGET = 2.5, 0.1  # seconds; unitless (web.dev "good" thresholds)
TEXT_BUDGET, SCRIPT_BUDGET = 150 * 1024, 50 * 1024  # compressed bytes
KINDS = ("document", "stylesheet", "script", "font", "image", "other")

# Lighthouse's mobile "slow 4G" (core/config/constants.js) and its DevTools adjustment factors.
RTT_MS, DOWN_KBPS, UP_KBPS = 150, 1.6 * 1024, 750
DEVTOOLS_RTT_FACTOR, DEVTOOLS_THROUGHPUT_FACTOR = 3.75, 0.9
CPU_SLOWDOWN = 4
SEARCH_QUERY = "沙尘暴"
DEMO_WORK = "winter-heating-carbon-monoxide-poisoning-prevention"

# Read after load: the last LCP candidate (and what it was), and CLS as Chrome counts it: the
# largest burst of shifts (gaps < 1 s, at most 5 s long) not caused by the reader's input.
READ_VITALS = """() => new Promise(resolve => {
  const out = {lcp: null, element: '', cls: 0};
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      out.lcp = entry.startTime / 1000;
      const el = entry.element;
      out.element = el ? el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '') : '?';
    }
  }).observe({type: 'largest-contentful-paint', buffered: true});
  let windowValue = 0, first = null, last = null;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      if (first && entry.startTime - last < 1000 && entry.startTime - first < 5000) {
        windowValue += entry.value;
      } else {
        windowValue = entry.value;
        first = entry.startTime;
      }
      last = entry.startTime;
      out.cls = Math.max(out.cls, windowValue);
    }
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(out), 100);
})"""


def network_profile(raw):
    if raw:
        latency, down, up = RTT_MS, DOWN_KBPS, UP_KBPS
    else:
        latency = RTT_MS * DEVTOOLS_RTT_FACTOR
        down, up = DOWN_KBPS * DEVTOOLS_THROUGHPUT_FACTOR, UP_KBPS * DEVTOOLS_THROUGHPUT_FACTOR
    # CDP takes latency in ms and throughput in bytes per second.
    return {
        "offline": False,
        "latency": latency,
        "downloadThroughput": down * 1024 / 8,
        "uploadThroughput": up * 1024 / 8,
    }


def kind_of(resource_type):
    kind = (resource_type or "other").lower()
    return kind if kind in KINDS else "other"


def compressed_size(kind, body):
    """Bytes a production server sends for a text or font body: gzip level 6, WOFF2 as it is."""
    if kind == "font" and body[:4] == b"wOF2":
        return len(body)
    return len(gzip.compress(body, compresslevel=6))


def load_once(browser, url, *, network, settle, cookies=()):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    if cookies:
        context.add_cookies([{**cookie, "url": url} for cookie in cookies])
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    requests = {}  # requestId → {url, kind, bytes}

    def sent(event):
        requests.setdefault(event["requestId"], {"url": event["request"]["url"], "bytes": 0})
        requests[event["requestId"]]["kind"] = kind_of(event.get("type"))

    def finished(event):
        if event["requestId"] in requests:
            requests[event["requestId"]]["bytes"] = event["encodedDataLength"]

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.loadingFinished", finished)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", network)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    response = page.goto(url, wait_until="load", timeout=120_000)
    if response is None or response.status != 200:
        raise SystemExit(f"{url} answered {response and response.status}")
    page.wait_for_timeout(settle * 1000)
    vitals = page.evaluate(READ_VITALS)

    origin = urlparse(url).netloc
    result = dict.fromkeys(KINDS, 0)
    result.update(text_gz=0, script_gz=0, off_site=[], fonts=[])
    for request_id, request in requests.items():
        if request["url"].startswith("data:"):
            continue
        if urlparse(request["url"]).netloc != origin:
            result["off_site"].append(request["url"])
        kind = request["kind"]
        result[kind] += request["bytes"]
        if kind in ("document", "stylesheet", "font", "script"):
            reply = cdp.send("Network.getResponseBody", {"requestId": request_id})
            body = b64decode(reply["body"]) if reply["base64Encoded"] else reply["body"].encode()
            size = compressed_size(kind, body)
            result["script_gz" if kind == "script" else "text_gz"] += size
            if kind == "font":
                result["fonts"].append(request["url"].rsplit("/", 1)[-1])
    context.close()
    result.update(lcp=vitals["lcp"], cls=vitals["cls"], element=vitals["element"])
    return result


def measure(browser, url, *, runs, network, settle, cookies=()):
    loads = [load_once(browser, url, network=network, settle=settle, cookies=cookies) for _ in range(runs)]
    median = {
        key: statistics.median(load[key] for load in loads) for key in (*KINDS, "text_gz", "script_gz", "cls")
    }
    lcps = [load["lcp"] for load in loads if load["lcp"] is not None]
    median["lcp"] = statistics.median(lcps) if lcps else None
    median["element"] = max(
        {load["element"] for load in loads}, key=[load["element"] for load in loads].count
    )
    median["off_site"] = sorted({u for load in loads for u in load["off_site"]})
    median["fonts"] = sorted({f for load in loads for f in load["fonts"]})
    median["total"] = sum(median[kind] for kind in KINDS)
    return median


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as reply:  # noqa: S310 - our own server
        return reply.geturl(), reply.read().decode("utf-8", "replace")


def alternate(html, base, language):
    """The page's hreflang alternate in `language`, if the page names one."""
    for tag in re.findall(r"<link\b[^>]*>", html):
        if 'rel="alternate"' in tag and re.search(rf'hreflang="{language}(-|")', tag):
            href = re.search(r'href="([^"]+)"', tag)
            if href:
                return urljoin(base, href.group(1).replace("&amp;", "&"))
    return None


def pages_to_measure(base, languages):
    """Home, a science work (the demo's carbon-monoxide work, else the first work a card links)
    and the search page, in Chinese and in every other language the pages name an alternate in."""
    home_url, home = fetch(f"{base}/")
    links = re.findall(r'href="(/[^"/]+/works/[^"/?]+/)"', home)
    if not links:
        raise SystemExit(f"{home_url} links no work: is the demo loaded?")
    work = next((link for link in links if DEMO_WORK in link), links[0])
    prefix = urlparse(home_url).path.strip("/").split("/")[0]
    pages = {
        "home": home_url,
        "article": urljoin(base, work),
        "search": f"{base}/{prefix}/search/?q={urllib.request.quote(SEARCH_QUERY)}",
    }
    measured = [(name, prefix, url) for name, url in pages.items()]
    for language in languages:
        found = {name: alternate(fetch(url)[1], url, language) for name, url in pages.items()}
        if found["search"] and found["article"] and "?" not in found["search"]:
            # The search form's alternate is the bare form: search for the first word of the work's
            # title in that language, so both languages measure a page of results.
            title = re.search(r"<h1[^>]*>\s*([^<\s]+)", fetch(found["article"])[1])
            if title:
                found["search"] += f"?q={urllib.request.quote(title.group(1))}"
        measured += [(name, language, url) for name, url in found.items() if url]
    return measured


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_demo(port, folder):
    """A throwaway demo (database and uploads in `folder`) served by runserver; returns the process."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(folder / "uploads"),
    }
    command = [sys.executable, str(ROOT / "manage.py")]
    print(f"building the demo in {folder} …", file=sys.stderr)
    for args in (["migrate", "-v0", "--no-input"], ["load_demo", "--address", f"127.0.0.1:{port}"]):
        subprocess.run([*command, *args], env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 - our manage.py
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
        [*command, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            fetch(f"http://127.0.0.1:{port}/")
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("the demo server did not start")


def verdict(ok):
    return "pass" if ok else "FAIL"


def print_table(results, args, network):
    kib = 1024
    print(
        f"\nheadless Chromium, 390×844 @2x, cache off, CPU ×{CPU_SLOWDOWN}, network "
        f"{network['latency']:.1f} ms per request, {network['downloadThroughput'] * 8 / 1024:.1f} Kbps down, "
        f"{network['uploadThroughput'] * 8 / 1024:.0f} Kbps up; median of {args.runs} loads, settle {args.settle} s"
    )
    print("transferred KB (as served, uncompressed by the dev server):")
    head = f"{'page':<22}" + "".join(f"{k[:6]:>7}" for k in KINDS) + f"{'total':>8}"
    print(head)
    for (name, language, mode, _url), r in results.items():
        label = f"{name} {language}{' ' + mode if mode else ''}"
        print(f"{label:<22}" + "".join(f"{r[k] / kib:>7.1f}" for k in KINDS) + f"{r['total'] / kib:>8.1f}")
    print("\nagainst the targets (compressed as a production server sends: gzip -6, WOFF2 as is):")
    print(
        f"{'page':<22}{'HTML+CSS+font':>14}{'/150':>6}{'JS':>7}{'/50':>6}"
        f"{'LCP s':>7}{'/2.5':>6}{'CLS':>7}{'/0.1':>6}  {'verdict':<8}LCP element"
    )
    failures = 0
    for (name, language, mode, _url), r in results.items():
        label = f"{name} {language}{' ' + mode if mode else ''}"
        lcp = r["lcp"] if r["lcp"] is not None else float("inf")
        ok = (
            r["text_gz"] <= TEXT_BUDGET
            and r["script_gz"] <= SCRIPT_BUDGET
            and lcp <= LCP_TARGET
            and r["cls"] <= CLS_TARGET
            and not r["off_site"]
        )
        failures += not ok
        print(
            f"{label:<22}{r['text_gz'] / kib:>14.1f}{r['text_gz'] / TEXT_BUDGET:>6.2f}"
            f"{r['script_gz'] / kib:>7.1f}{r['script_gz'] / SCRIPT_BUDGET:>6.2f}"
            f"{lcp:>7.2f}{lcp / LCP_TARGET:>6.2f}{r['cls']:>7.3f}{r['cls'] / CLS_TARGET:>6.2f}  "
            f"{verdict(ok):<8}{r['element']}"
        )
        if r["off_site"]:
            print(f"    off-site requests: {', '.join(r['off_site'])}")
        if r["fonts"]:
            print(f"    fonts: {', '.join(r['fonts'])}")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="a served demo (default: build and serve one)")
    parser.add_argument("--port", type=int, default=0, help="port for the demo this script serves")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--settle", type=float, default=1.0, help="seconds after load before reading")
    parser.add_argument("--raw-profile", action="store_true", help="150 ms / 1.6 Mbps / 750 Kbps unadjusted")
    parser.add_argument("--languages", default="mn", help="other languages to measure when a page has them")
    parser.add_argument("--elder", action="store_true", help="also measure in elder mode (reader_mode=elder)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    server = folder = None
    if args.base_url:
        base = args.base_url.rstrip("/")
    else:
        port = args.port or free_port()
        folder = Path(tempfile.mkdtemp(prefix="bench-frontend-"))
        server = serve_demo(port, folder)
        base = f"http://127.0.0.1:{port}"
    try:
        from playwright.sync_api import sync_playwright

        pages = pages_to_measure(base, [code for code in args.languages.split(",") if code])
        modes = [("", ())]
        if args.elder:
            modes.append(("elder", ({"name": "reader_mode", "value": "elder"},)))
        network = network_profile(args.raw_profile)
        results = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, language, url in pages:
                for mode, cookies in modes:
                    load_once(browser, url, network=network_profile(True), settle=0)  # renditions made
                    results[(name, language, mode, url)] = measure(
                        browser, url, runs=args.runs, network=network, settle=args.settle, cookies=cookies
                    )
                    print(f"measured {name} {language} {mode} {url}", file=sys.stderr)
            browser.close()
        failures = print_table(results, args, network)
        if args.json:
            rows = [
                {"page": name, "language": language, "mode": mode, "url": url, **figures}
                for (name, language, mode, url), figures in results.items()
            ]
            Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1))
        print(f"\n{len(results) - failures} of {len(results)} pages within every target")
    finally:
        if server:
            server.terminate()
            server.wait()
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
