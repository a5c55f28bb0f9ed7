"""Chinese segmentation throughput: rjieba (what we use) beside jieba, on 2 MB of the demo works.

    .venv/bin/python bench/segment.py [--rounds 5]

The corpus is the text of every demo work and news item (title, summary, tags, body, captions,
transcripts) and the 2024 plan, cut into paragraphs, shuffled with a fixed seed and repeated
until it is 2 MB of UTF-8; each paragraph is one call, as when a document's fields are indexed.
Both segmenters use their default dictionary and are warmed up first; rounds alternate between
them so machine noise hits both alike, and the medians are reported. Also timed: loading our
dictionary (search.analysis.segmenter) and the whole index side (search.analysis.index_tokens:
normalization, search mode and our extra tokens). Target (issue 5): rjieba ≥ 5 MB/s.
"""

import argparse
import html
import logging
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402
import rjieba  # noqa: E402

from home.demo import content  # noqa: E402
from search import analysis, synonyms  # noqa: E402

TARGET_BYTES = 2 * 1024 * 1024
NOT_TEXT = {"slug", "form", "disciplines", "audiences", "regions", "campaign", "featured", "published"}
NOT_TEXT |= {"colour", "references", "creator", "url", "doi"}


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_TEXT:
                yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def demo_paragraphs():
    texts = [(content.CONTENT_DIR / "policy" / "plan-2024.txt").read_text(encoding="utf-8")]
    texts += _strings([*content.works(), *content.news()])
    paragraphs = []
    for text in texts:
        plain = html.unescape(re.sub(r"<[^>]+>", "\n", text))
        paragraphs += [p.strip() for p in plain.splitlines() if p.strip()]
    return paragraphs


def corpus():
    paragraphs, chosen, size = demo_paragraphs(), [], 0
    shuffler = random.Random(2024)
    while size < TARGET_BYTES:
        shuffler.shuffle(paragraphs)
        for paragraph in paragraphs:
            chosen.append(paragraph)
            size += len(paragraph.encode())
            if size >= TARGET_BYTES:
                break
    return chosen


def _load_time_ms(load):
    started = time.perf_counter()
    load()
    return (time.perf_counter() - started) * 1000


def _our_dictionary():
    """Our segmenter built from nothing: the files read, normalized and added to rjieba."""
    for cached in (analysis.segmenter, analysis.synonym_groups, synonyms.dictionary_entries):
        cached.cache_clear()
    for cached in (synonyms.synonym_lines, synonyms.region_short_forms, synonyms._region_rows):
        cached.cache_clear()
    analysis.segmenter()


def _jieba_dictionary():
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def measure(rounds=5):
    """Throughput of each segmenter and mode, median MB/s over `rounds` alternating rounds."""
    jieba.setLogLevel(logging.WARNING)
    paragraphs = corpus()
    megabytes = sum(len(p.encode()) for p in paragraphs) / 1e6
    load_ms = {
        "rjieba default": _load_time_ms(rjieba.Jieba),
        "rjieba default + ours": _load_time_ms(_our_dictionary),
        "jieba default": _load_time_ms(_jieba_dictionary),
    }
    fast, slow = rjieba.Jieba(), _jieba_dictionary()
    runs = {
        ("cut_for_search", "rjieba"): lambda p: fast.cut_for_search(p),
        ("cut_for_search", "jieba"): lambda p: list(slow.cut_for_search(p)),
        ("cut", "rjieba"): lambda p: fast.cut(p),
        ("cut", "jieba"): lambda p: list(slow.cut(p)),
        ("index_tokens", "ours"): analysis.index_tokens,
    }
    for segment in runs.values():  # warm-up: caches, lazy tables, branch predictors
        for paragraph in paragraphs[:200]:
            segment(paragraph)
    rates = {key: [] for key in runs}
    order = list(runs)
    for round_number in range(rounds):
        for key in order if round_number % 2 == 0 else reversed(order):
            started = time.perf_counter()
            for paragraph in paragraphs:
                runs[key](paragraph)
            rates[key].append(megabytes / (time.perf_counter() - started))
    return {
        "megabytes": megabytes,
        "paragraphs": len(paragraphs),
        "rounds": rounds,
        "dictionary_terms": len(analysis.dictionary_terms()),
        "load_ms": load_ms,
        "mb_per_s": {f"{mode} {who}": statistics.median(values) for (mode, who), values in rates.items()},
    }


def report(results):
    rate = results["mb_per_s"]
    print(
        f"\nSegmentation: {results['megabytes']:.2f} MB of demo text in {results['paragraphs']:,} paragraphs, "
        f"median of {results['rounds']} alternating rounds"
    )
    print(f"{'mode':<16}{'rjieba MB/s':>13}{'jieba MB/s':>12}{'rjieba/jieba':>14}")
    for mode in ("cut_for_search", "cut"):
        fast, slow = rate[f"{mode} rjieba"], rate[f"{mode} jieba"]
        print(f"{mode:<16}{fast:>13.2f}{slow:>12.2f}{fast / slow:>13.1f}×")
    print(
        f"search.analysis.index_tokens (normalize + search mode + extra tokens): {rate['index_tokens ours']:.2f} MB/s"
    )
    load = results["load_ms"]
    print(
        f"dictionary load: rjieba default {load['rjieba default']:.0f} ms; with our "
        f"{results['dictionary_terms']} domain terms and the synonyms {load['rjieba default + ours']:.0f} ms; "
        f"jieba default {load['jieba default']:.0f} ms"
    )
    verdict = "met" if rate["cut_for_search rjieba"] >= 5 else "NOT met"
    print(f"target: rjieba cut_for_search ≥ 5 MB/s — {verdict}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    report(measure(parser.parse_args().rounds))


if __name__ == "__main__":
    main()
