"""Bounded views of a document's sorted mentions, so per-figure work stays constant.

Each figure reads only the organization and time mentions near it (its
sentence, its paragraph's lead). Filtering the document's whole lists for
every figure made extraction quadratic in the length of a figure-dense text;
these helpers cut the sorted lists with `bisect` instead.
"""
from __future__ import annotations

import bisect

def starts_of(items) -> list[int]:
    return [x.start for x in items]


def between(items, starts, lo: int, hi: int) -> list:
    """The items (sorted by start) whose start is in lo..hi (inclusive)."""
    return items[bisect.bisect_left(starts, lo):bisect.bisect_right(starts, hi)]


def inside_spans(spans_starts, spans_ends, pos: int) -> bool:
    """`a < pos < b` for one of the sorted, disjoint spans."""
    i = bisect.bisect_left(spans_starts, pos) - 1
    return i >= 0 and pos < spans_ends[i]


def paragraph_of(sents, si: int, most: int) -> list:
    """The sentences of the paragraph of `sents[si]` when it has at most `most`; else
    `most + 1` of them (enough to tell it is long), without scanning the document."""
    para = sents[si].paragraph
    a = si
    while a > 0 and sents[a - 1].paragraph == para and si - a <= most:
        a -= 1
    b = si + 1
    while b < len(sents) and sents[b].paragraph == para and b - a <= most:
        b += 1
    return sents[a:b]
