"""Resolve `91,352`-style separators from the document itself (FACTS.md "Numbers").

A lone separator before three digits is ambiguous. The reading kept is the one
whose magnitude sits closest to the author's other amounts of the same unit
and denominator in the document; with no other amount, the Vietnamese
convention (`.` groups thousands, `,` marks decimals). The decision is
recorded in the quantity's `flags` so a journalist can see it.
"""
from __future__ import annotations

import math
import statistics


def _log(v: float) -> float:
    return math.log10(abs(v)) if v else 0.0


def resolve(quantities, text: str) -> None:
    """Choose a reading for each ambiguous quantity, in place."""
    groups: dict = {}
    for q in quantities:
        if q.cls in ("money", "measure", "count") and q.value:
            groups.setdefault((q.cls, q.unit, q.per), []).append(q)
    for members in groups.values():
        amb = [q for q in members if q.ambiguous and q.value_max is None]
        if not amb:
            continue
        for _ in range(2):
            for q in amb:
                others = [_log(o.value) for o in members if o is not q]
                if not others:
                    continue
                centre = statistics.median(others)
                alt, sep = q.ambiguous[0]
                if abs(_log(alt) - centre) + 0.5 < abs(_log(q.value) - centre):
                    q.value, q.ambiguous[0] = alt, (q.value, sep)
                    q.flags = [f for f in q.flags if not f.startswith("separator")]
                    q.flags.append("separator-by-magnitude")
    for q in quantities:
        if q.ambiguous and not any(f.startswith("separator") for f in q.flags):
            q.flags.append("separator-by-convention")
