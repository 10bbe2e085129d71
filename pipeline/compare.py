"""When two figures are about the same thing, and when they agree.

A stated figure is an interval, not a point: `12,7 tỷ` is anything that
rounds to it (12,65–12,75 tỷ), `gần 13 tỷ` a little under 13 tỷ, `hơn 3.000`
a little over. Two figures agree when their intervals meet. The widths for
`gần`/`hơn`/`khoảng` are in patterns/cues.yaml (`approx_width`), as data.

Two figures are comparable when they measure the same thing: same unit and
denominator, same change/base reading, the same metric by meaning (the
metric vocabulary's key, or the same words), compatible kinds (an estimate
can confirm an actual; a target only a target).
"""
from __future__ import annotations

import functools
import math
import unicodedata

import regex

from . import patternbook
from .metrics import keys_agree, metric_key

_DIGITS = regex.compile(r"\d[\d.,\s]*\d|\d")


@functools.lru_cache(maxsize=1)
def _widths() -> dict:
    return {str(k): float(v) for k, v in patternbook.load("cues")["approx_width"].items()}


def rounding_place(value: float, quote: str | None) -> float:
    """The place value of the last digit the writer gave (`12,7 tỷ` -> 1e8)."""
    m = _DIGITS.search(quote or "")
    digits = regex.sub(r"\D", "", m.group(0)) if m else ""
    written = int(digits) if digits else 0
    if not written or not value:
        return 0.0
    place = abs(value) / written
    return 10 ** round(math.log10(place)) if place > 0 else 0.0


def interval(f: dict) -> tuple[float, float]:
    """The values a stated figure allows: rounding, `gần`/`hơn`/`khoảng`, ranges."""
    v = float(f["value"])
    hi = float(f["value_max"]) if f.get("value_max") is not None else v
    half = rounding_place(v, f.get("quote")) / 2
    lo, hi = v - half, hi + half
    width = _widths().get(f.get("approx") or "", 0.0)
    approx = f.get("approx")
    if approx == "nearly":
        lo = v * (1 - width) - half
    elif approx == "about":
        lo, hi = min(lo, v * (1 - width)), max(hi, hi * (1 + width))
    elif approx == "over":
        hi = hi * (1 + width) + half
    elif approx == "under":
        lo = v * (1 - width) - half
    elif approx == "at_least":
        hi = math.inf
    elif approx == "at_most":
        lo = -math.inf if v < 0 else 0.0
    return lo, hi


def agree(a: dict, b: dict) -> bool:
    alo, ahi = interval(a)
    blo, bhi = interval(b)
    return alo <= bhi and blo <= ahi


def _words(metric: str | None) -> set:
    return set(unicodedata.normalize("NFC", metric or "").lower().split())


def same_metric(a: dict, b: dict) -> bool:
    """By meaning: the vocabulary keys when both have one (a broader key covers its narrower
    ones), else the words of the shorter within the longer."""
    ka = a.get("metric_key") or metric_key(a.get("metric"))
    kb = b.get("metric_key") or metric_key(b.get("metric"))
    if ka and kb:
        return keys_agree(ka, kb)
    wa, wb = _words(a.get("metric")), _words(b.get("metric"))
    if not wa or not wb:
        return False
    return wa <= wb or wb <= wa


def _kind_group(kind: str | None) -> str:
    return "target" if kind == "target" else "actual"


def comparable(a: dict, b: dict, claim: bool = False) -> bool:
    """Same quantity (unit, denominator, change, base, kind, metric); organization and time are the caller's.

    `claim`: `a` is a claim, which may leave out its comparison base (`doanh thu tăng 22,8%`)."""
    same_base = a.get("base") == b.get("base") or (claim and a.get("base") is None)
    return (a.get("unit") == b.get("unit") and (a.get("per") or "") == (b.get("per") or "")
            and a.get("change") == b.get("change") and same_base
            and _kind_group(a.get("kind")) == _kind_group(b.get("kind"))
            and same_metric(a, b))
