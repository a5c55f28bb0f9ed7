"""Sanitiser speed on a 25 KB science article: nh3 (what we use) beside bleach, in one run.

    .venv/bin/python bench/sanitize.py [--runs 300]

The article is built from the demo works' real paragraphs, with links, lists and a few hostile
tags mixed in, until it is 25 KB of UTF-8. Both sanitisers get the same allowlist; runs alternate
between them so machine noise hits both alike.
"""

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bleach  # noqa: E402
import nh3  # noqa: E402

from creators.sanitize import ALLOWED_TAGS, DROPPED_WITH_CONTENT, LINK_REL, URL_SCHEMES, sanitize  # noqa: E402

TARGET_BYTES = 25 * 1024


def demo_paragraphs():
    for path in sorted((ROOT / "home" / "demo").glob("works_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for work in module.WORKS:
            for kind, value in work["body"]:
                if kind == "paragraph":
                    yield value
                elif kind == "heading":
                    yield f"<h2>{value}</h2>"


def article():
    parts, size, hostile = (
        [],
        0,
        [
            '<p onclick="alert(1)">点击<a href="javascript:alert(1)">这里</a></p>',
            '<img src=x onerror="alert(1)"><script>alert(1)</script>',
            '<p style="color:red" class="x">参考<a href="https://www.who.int/" target="_blank">世界卫生组织</a></p>',
        ],
    )
    for i, paragraph in enumerate(demo_paragraphs()):
        piece = paragraph + (hostile[i % len(hostile)] if i % 5 == 0 else "")
        parts.append(piece)
        size += len(piece.encode())
        if size >= TARGET_BYTES:
            break
    html = "".join(parts)
    return html.encode()[:TARGET_BYTES].decode(errors="ignore")


def nh3_clean(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes={"a": {"href"}, "*": set()},
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
    )


def bleach_clean(html):
    return bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": ["href"]},
        protocols=URL_SCHEMES,
        strip=True,
        strip_comments=True,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    html = article()
    candidates = {
        "nh3.clean": nh3_clean,
        "bleach.clean": bleach_clean,
        "creators.sanitize (nh3 + tidy)": sanitize,
    }
    timings = {name: [] for name in candidates}
    for _ in range(args.runs):
        for name, clean in candidates.items():
            start = time.perf_counter()
            clean(html)
            timings[name].append((time.perf_counter() - start) * 1000)
    print(f"input: {len(html.encode()):,} bytes of HTML ({len(html):,} characters), {args.runs} runs each")
    print(f"{'sanitiser':<30}{'median ms':>11}{'p95 ms':>9}{'MB/s':>8}")
    medians = {}
    for name, values in timings.items():
        values.sort()
        medians[name] = statistics.median(values)
        p95 = values[int(len(values) * 0.95) - 1]
        rate = len(html.encode()) / 1e6 / (medians[name] / 1000)
        print(f"{name:<30}{medians[name]:>11.3f}{p95:>9.3f}{rate:>8.1f}")
    print(f"\nbleach / nh3 median time: {medians['bleach.clean'] / medians['nh3.clean']:.1f}×")


if __name__ == "__main__":
    main()
