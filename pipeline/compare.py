"""When two figures are about the same thing, and when they agree.

A stated figure is an interval, not a point: `12,7 tỷ` is anything that
rounds to it (12,65–12,75 tỷ). A hedge widens it: `gần 13 tỷ` a little under
13 tỷ, `hơn 3.000` a little over, by the share in patterns/cues.yaml
(`approx_width`) but never by more than a few units of the last digit written
(`hedge_max_places` in patterns/compare.yaml): `hơn 108,5 tỷ` is not 120 tỷ.
`agree(..., hedge=False)` tells agreement within rounding from agreement that
holds only through a hedge.

Two figures are comparable when they measure the same thing:
- the same unit and denominator;
- the same reading: level with level, change with change (a figure stored as a
  change but written as the new level, `tăng 5% lên 59.636 tỷ`, is a level);
- the same period: a quarter, a half, 9 months and a year never meet;
- the same metric by meaning (the vocabulary key, else the words) with no
  qualifier that differs (`trước thuế` vs `sau thuế`, `hợp nhất` vs `công ty mẹ`);
- kinds in the same group (actual/estimate vs target).
`relation` says `same` (the figures can agree or disagree), `loose` (one side
leaves something open: they can confirm each other, never contradict) or None.
Organization is the caller's concern.
"""
from __future__ import annotations

import functools
import math
import unicodedata

import regex

from . import patternbook
from .metrics import keys_agree, metric_key

_DIGITS = regex.compile(r"\d[\d.,\s]*\d|\d")
_LAST_DIGIT = regex.compile(r"\d(?!.*\d)", regex.S)
_CLAUSE_END = regex.compile(r"[,;:()\n](?!.*[,;:()\n])", regex.S)
SAME, LOOSE = "same", "loose"


@functools.lru_cache(maxsize=1)
def _widths() -> dict:
    return {str(k): float(v) for k, v in patternbook.load("cues")["approx_width"].items()}


@functools.lru_cache(maxsize=1)
def _rules() -> dict:
    """Compiled patterns/compare.yaml."""
    data = patternbook.load("compare")
    quals = []
    for dim, names in data["qualifiers"].items():
        for phrase, meaning in names.items():
            quals.append((regex.compile(r"(?<!\w)" + regex.escape(str(phrase)).replace(r"\ ", r"\s+") + r"(?!\w)",
                                        regex.I), dim, str(meaning)))
    return {
        "qualifiers": quals,
        "level_after": regex.compile(patternbook.alternation(data["level_after_change"]) + r"(?:\s+"
                                     + patternbook.alternation(data["level_after_hedges"]) + r"){0,2}\s*$", regex.I),
        "sub_year": regex.compile(patternbook.alternation(data["sub_year_words"]), regex.I),
        "sub_year_not": regex.compile(patternbook.alternation(data["sub_year_not"]), regex.I),
        "hedge_places": float(data.get("hedge_max_places", 5)),
        "key_qualifiers": {str(k): dict(v) for k, v in (data.get("key_qualifiers") or {}).items()},
        "claim_default": dict(data.get("claim_default_qualifiers") or {}),
        "claim_base": data.get("claim_default_base"),
    }


def _digits(quote: str | None) -> str:
    m = _DIGITS.search(quote or "")
    return regex.sub(r"\D", "", m.group(0)) if m else ""


def rounding_place(value: float, quote: str | None) -> float:
    """The place value of the last digit the writer gave (`12,7 tỷ` -> 1e8)."""
    digits = _digits(quote)
    written = int(digits) if digits else 0
    if not written or not value:
        return 0.0
    place = abs(value) / written
    return 10 ** round(math.log10(place)) if place > 0 else 0.0


def significant_place(value: float, quote: str | None) -> float:
    """The place of the last non-zero digit written (`3.000` -> 1000, `108,5 tỷ` -> 1e8)."""
    place = rounding_place(value, quote)
    digits = _digits(quote)
    zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    return place * 10 ** zeros


def interval(f: dict, hedge: bool = True) -> tuple[float, float]:
    """The values a stated figure allows: rounding, ranges and (with `hedge`) `gần`/`hơn`/`khoảng`."""
    v = float(f["value"])
    hi = float(f["value_max"]) if f.get("value_max") is not None else v
    half = rounding_place(v, f.get("quote")) / 2
    lo, hi = v - half, hi + half
    approx = f.get("approx")
    if not hedge or not approx:
        return lo, hi
    cap = _rules()["hedge_places"] * significant_place(v, f.get("quote")) or math.inf
    width = _widths().get(approx, 0.0)
    if approx == "nearly":
        lo = v - min(abs(v) * width, cap) - half
    elif approx == "about":
        lo, hi = min(lo, v - min(abs(v) * width, cap)), max(hi, hi + min(abs(hi) * width, cap))
    elif approx == "over":
        hi = hi + min(abs(hi) * width, cap) + half
    elif approx == "under":
        lo = v - min(abs(v) * width, cap) - half
    elif approx == "at_least":
        hi = math.inf
    elif approx == "at_most":
        lo = -math.inf if v < 0 else 0.0
    return lo, hi


def agree(a: dict, b: dict, hedge: bool = True) -> bool:
    alo, ahi = interval(a, hedge)
    blo, bhi = interval(b, hedge)
    return alo <= bhi and blo <= ahi


def _norm(s: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", s or "").lower().split())


def _words(metric: str | None) -> set:
    return set(_norm(metric).split())


def lead_in(f: dict) -> str:
    """The words just before the figure in its clause, after any earlier figure (where qualifiers sit)."""
    sentence, start, s0 = f.get("sentence") or "", f.get("start"), f.get("sentence_start")
    if start is None or s0 is None:
        return ""
    before = sentence[:max(0, start - s0)]
    for pat in (_CLAUSE_END, _LAST_DIGIT):
        m = pat.search(before)
        if m:
            before = before[m.end():]
    return before


def reading(f: dict) -> str | None:
    """None for a level, `up`/`down` for a change; a change written as the new level (`lên Y`) is a level."""
    if f.get("change") and f.get("unit") not in ("%", "pp", "times") and _rules()["level_after"].search(lead_in(f)):
        return None
    return f.get("change")


def period(f: dict) -> str | None:
    """The period a figure is about: its own, else its year; None (unknown) when its sentence names a
    shorter span that the stored period does not (`Trong quý I, ngân hàng báo lãi 1.422 tỷ` stored as 2021)."""
    p = f.get("period")
    if p and not str(p).isdigit():
        return str(p)
    if not p:
        if f.get("year") is None or _names_sub_year(f.get("sentence") or ""):
            return None
        return str(f["year"])
    start, s0 = f.get("start"), f.get("sentence_start")
    before = (f.get("sentence") or "")[:max(0, start - s0)] if start is not None and s0 is not None else ""
    return None if _names_sub_year(before) else str(p)


def _names_sub_year(text: str) -> bool:
    """A span shorter than a year named in `text`, not inside a word that names none (`Đá quý`)."""
    r = _rules()
    return any(not any(n.start() <= m.start() < n.end() for n in r["sub_year_not"].finditer(text))
               for m in r["sub_year"].finditer(text))


def qualifier_rules() -> list:
    """(pattern, dimension, meaning) of every qualifier of patterns/compare.yaml."""
    return _rules()["qualifiers"]


def qualifiers(f: dict) -> dict:
    """{dimension: meaning} named by the metric or the words before the figure (`trước thuế` -> tax: pretax)."""
    text = f"{f.get('metric') or ''} {lead_in(f)}"
    found = {}
    for pat, dim, meaning in _rules()["qualifiers"]:
        if pat.search(text):
            found.setdefault(dim, meaning)
    return found


def metric_relation(a: dict, b: dict, claim: bool = False) -> tuple[str | None, str]:
    """Same metric by meaning? (`same`/`loose`/None, why). `claim`: `a` is a claim, whose
    unnamed scope reads as the headline (consolidated) figure (`claim_default_qualifiers`)."""
    ka = a.get("metric_key") or metric_key(a.get("metric"))
    kb = b.get("metric_key") or metric_key(b.get("metric"))
    qa, qb = qualifiers(a), qualifiers(b)
    if ka and kb:
        if not keys_agree(ka, kb):
            return None, ""
        if ka == kb:
            rel, why = SAME, f"metric {ka}"
        else:
            # the broader key's figure whose words name what the specific key means is that measure
            implied = _rules()["key_qualifiers"]
            narrow, broad_q = (ka, qb) if ka in implied else (kb, qa)
            spec = implied.get(narrow)
            if spec and all(broad_q.get(d) == m for d, m in spec.items()):
                rel, why = SAME, f"metric {narrow} (the other's words name it)"
            else:
                rel, why = LOOSE, f"metric {ka} within {kb}"
    else:
        wa, wb = _words(a.get("metric")), _words(b.get("metric"))
        if claim and not wa and a.get("class") == "count" and b.get("class") == "count":
            # a claim's count names what it counts by its noun (`vận hành 80 trung tâm thương mại`): the
            # same noun stored may confirm it, never contradict it (what of them is counted is unsaid)
            return LOOSE, f"a count of {a.get('unit')}, no metric in the claim"
        if not wa or not wb:
            return None, ""
        if wa == wb:
            rel, why = SAME, f"metric “{_norm(a.get('metric'))}”"
        elif wa <= wb or wb <= wa:
            rel, why = LOOSE, f"metric “{_norm(a.get('metric'))}” within “{_norm(b.get('metric'))}”"
        else:
            return None, ""
    if claim:  # the claim's unnamed scope is the headline one when that is what the archive names
        qa = {**{d: m for d, m in _rules()["claim_default"].items() if qb.get(d) == m}, **qa}
    for dim in set(qa) | set(qb):
        if dim in qa and dim in qb:
            if qa[dim] != qb[dim]:
                return None, ""
            why += f", both {qa[dim]}"
        else:
            rel = LOOSE
            why += f", {dim} named on one side only"
    return rel, why


def kind_group(kind: str | None) -> str:
    return "target" if kind == "target" else "actual"


def relation(a: dict, b: dict, claim: bool = False, ignore_kind: bool = False) -> tuple[str | None, list[str]]:
    """Can `a` and `b` confirm or contradict each other? (`same`/`loose`/None, reasons).

    `claim`: `a` is a claim, which may leave out its comparison base (`doanh thu tăng 22,8%`: read as
    the same period a year before, `claim_default_base`, when that is the archive's; against any other
    base it can be confirmed, never contradicted) and its period (then likewise)."""
    if a.get("unit") != b.get("unit") or (a.get("per") or "") != (b.get("per") or ""):
        return None, []
    ra, rb = reading(a), reading(b)
    if ra != rb:
        return None, []
    if a.get("base") != b.get("base") and not (claim and a.get("base") is None):
        return None, []
    if not ignore_kind and kind_group(a.get("kind")) != kind_group(b.get("kind")):
        return None, []
    rel, why = metric_relation(a, b, claim=claim)
    if rel is None:
        return None, []
    reasons = [why, f"unit {a.get('unit')}" + (f"/{a['per']}" if a.get("per") else ""),
               "both levels" if ra is None else f"both changes ({ra})"]
    pa, pb = period(a), period(b)
    if pa and pb:
        if pa != pb:
            return None, []
        reasons.append(f"period {pa}")
    elif claim and not pa and a.get("year") is None:
        rel = LOOSE  # the claim names no time: it can be confirmed, not contradicted
    else:
        return None, []
    if a.get("base") != b.get("base"):
        if claim and a.get("base") is None and b.get("base") == _rules()["claim_base"] and ra is not None:
            reasons.append(f"the claim's change read against the {b['base']} period, as the archive's")
        else:
            rel = LOOSE
    return rel, reasons


def comparable(a: dict, b: dict, claim: bool = False) -> bool:
    """Same quantity (unit, denominator, reading, base, kind, metric, period); organization is the caller's."""
    return relation(a, b, claim=claim)[0] is not None
