"""Extraction time grows linearly with a document's length, for the inputs that once grew
as n^1.7 to n^2.5 (issue 14): the time of a document four times as long, over the time of
the document, stays near 4 (n^1.7 would give 10.6, n^2 16). A ratio of medians of three
runs (CPU time of this thread only: threads left by other tests, such as a Dask cluster's,
would otherwise count), never an absolute time, so a slow machine passes alike. Noise only
ever inflates a time, so a ratio over the bound is measured again before it fails: a real
n^2 stage fails every time.
(Absolute speed belongs to `benchmarks/throughput.py`.)
"""
from __future__ import annotations

import gc
import statistics
import time

import pytest

from pipeline.extract import extract_document

PATTERNS = {
    "spelled numbers": "hai ",
    "dotted numbers": "1.1.1.1 ",
    "figure sentences": "Doanh thu đạt 5 tỷ đồng. ",
    "years": "năm 2020 ",
    "open ranges": "từ 1 đến ",
    "percentages": "12,5% ",
    "organizations with figures": "Công ty Hòa Phát đạt 5 tỷ đồng năm 2020. ",
}
FACTOR, BOUND = 4, 7.0  # linear gives ~4; the old scans gave 10 to 30
START, MOST = 2_000, 64_000  # characters: the small size grows until one run takes ~0.05 s
ENOUGH = 0.08


def _seconds(text: str, repeat: int = 3) -> float:
    """Median CPU time of this thread over `repeat` runs, the garbage collector off (its passes are noise here)."""
    runs = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            t0 = time.thread_time()
            extract_document({"id": "x", "text": text})
            runs.append(time.thread_time() - t0)
    finally:
        gc.enable()
    return statistics.median(runs)


@pytest.mark.parametrize("piece", list(PATTERNS.values()), ids=list(PATTERNS))
def test_time_is_linear_in_length(piece):
    extract_document({"id": "warm", "text": piece * 50})  # patterns compiled, caches warm
    size = START
    while True:
        small = piece * (size // len(piece))
        if _seconds(small, 1) >= ENOUGH or size >= MOST:
            break
        size *= 2
    for _attempt in range(3):
        t1, t2 = _seconds(small), _seconds(small * FACTOR)
        if t2 / t1 < BOUND:
            break
    assert t2 / t1 < BOUND, f"{len(small)} chars {t1:.3f}s -> {FACTOR}x {t2:.3f}s"


def _conflict_rows(n: int) -> list[dict]:
    """`n` stored levels of one organization, metric and year from `n` articles, with scattered values:
    the shape that made the archive comparison quadratic (every pair of articles compared)."""
    rows = []
    for i in range(n):
        value = (100 + (i * 37) % 900) * 1e9
        quote = f"{value / 1e9:.0f} tỷ đồng"
        sentence = f"Năm 2020, Tập đoàn Hòa Phát đạt doanh thu {quote}."
        rows.append({"id": i, "doc_id": f"d{i}", "org_id": 1, "org": "Tập đoàn Hòa Phát", "org_name": "Tập đoàn Hòa Phát",
                     "metric": "doanh thu", "metric_key": "revenue", "year": 2020, "period": "2020", "kind": "actual",
                     "unit": "VND", "per": "", "value": value, "value_max": None, "quote": quote, "class": "money",
                     "change": None, "base": None, "approx": None, "sentence": sentence, "sentence_start": 0,
                     "start": sentence.index(quote), "end": sentence.index(quote) + len(quote),
                     "org_source": "segment", "time_source": "clause", "flags": "[]"})
    return rows


def test_archive_conflicts_are_linear_in_the_number_of_facts():
    from pipeline.conflicts import archive_conflicts

    def seconds(n):
        runs = []
        for _ in range(3):
            rows = _conflict_rows(n)
            t0 = time.thread_time()
            archive_conflicts(rows)
            runs.append(time.thread_time() - t0)
        return statistics.median(runs)

    archive_conflicts(_conflict_rows(50))
    for _attempt in range(3):
        t1, t2 = seconds(2_000), seconds(2_000 * FACTOR)
        if t2 / t1 < BOUND:
            break
    assert t2 / t1 < BOUND, f"2000 facts {t1:.3f}s -> {FACTOR}x {t2:.3f}s"
