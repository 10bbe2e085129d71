"""Find quantities in text: number, scale word, unit, denominator, range.

Every surface form comes from `patterns/` (units, scales, counts). The
matcher reads left to right from each number it finds and keeps the longest
reading; it knows nothing of meaning (see `pipeline.meaning`).
"""
from __future__ import annotations

import functools
import heapq
import math
from dataclasses import dataclass, field

import regex

from . import patternbook
from .numbers import NUMBER_PATTERN, SPACED_PATTERN, parse_number, parse_scale, parse_word_number, word_number_pattern


@dataclass
class Quantity:
    start: int
    end: int
    cls: str                 # money, ratio, measure, count
    value: float
    value_max: float | None
    unit: str
    per: str
    flags: list = field(default_factory=list)
    # the readings of an ambiguous separator: (start, end, factor, alternative value)
    ambiguous: list = field(default_factory=list)
    bare_scale: bool = False


class _Near:
    """A pattern matched at a position only within `reach` characters.

    The `regex` module looks for a pattern's required literal (`lần` after
    `[ \t]*`) through the whole rest of the text on every `match`: one match per
    number made long documents quadratic. Nothing read after a number is longer."""

    __slots__ = ("rx", "reach")

    def __init__(self, rx, reach: int = 256):
        self.rx, self.reach = rx, reach

    def match(self, text, pos=0, endpos=None):
        end = pos + self.reach if endpos is None else min(endpos, pos + self.reach)
        return self.rx.match(text, pos, end)

    def __getattr__(self, name):
        return getattr(self.rx, name)


class _Grammar:
    """Compiled regexes built from the pattern files."""

    def __init__(self):
        units = patternbook.load("units")
        counts = patternbook.load("counts")
        scales = patternbook.load("scales")["scales"]
        self.unit_of = {}  # surface (lower) -> (class, canonical)
        for cls in ("money", "ratio", "measure"):
            for canon, forms in units[cls].items():
                for f in forms:
                    self.unit_of[str(f).lower()] = (cls, str(canon))
        self.count_nouns = [str(n) for n in counts["count_nouns"]]
        self.per_canon = {str(n).lower(): str(n).lower() for n in units["per_nouns"]}
        for surface, (cls, canon) in self.unit_of.items():
            if cls in ("measure",):
                self.per_canon[surface] = canon
        word = word_number_pattern()
        ws = r"[ \t]*"
        # A spelled number is only a candidate when a scale, unit or counted noun follows
        # (`năm` is mostly "year", `ba` a name): checked inside the regex, not in Python.
        follows = patternbook.alternation(list(scales) + list(self.unit_of) + self.count_nouns + ["lần"], lead=False)
        # Two scans, not one alternation: the digit scan is ten times cheaper alone.
        self.number = regex.compile(rf"(?<![\w.,\-–])(?<!\d/)(?P<num>{NUMBER_PATTERN})(?![\d])(?P<word>(?!))?")
        self.spaced = regex.compile(rf"(?<![\w.,\-–])(?<!\d/)(?P<num>{SPACED_PATTERN})(?![\d])(?P<word>(?!))?")
        self.word_number = regex.compile(
            rf"(?<!\w)(?P<word>{word})(?!\w)(?=[ \t]+{follows})(?P<num>(?!))?", regex.IGNORECASE)
        self.abbreviated = {str(a) for a in patternbook.load("scales")["abbreviated_scales"]}
        full = [w for w in scales if w not in self.abbreviated]
        self.scale = regex.compile(ws + r"(?P<scale>" + patternbook.alternation(full, lead=False) + "|"
                                   + patternbook.alternation(self.abbreviated, boundary=False) + ")", regex.IGNORECASE)
        unit_alt = patternbook.alternation(self.unit_of, lead=False)
        self.unit = regex.compile(ws + r"(?P<unit>" + unit_alt + r")", regex.IGNORECASE)
        self.count = regex.compile(
            ws + r"(?:(?:" + patternbook.alternation(counts["classifiers"]) + r")\s+)?(?P<noun>"
            + patternbook.alternation(self.count_nouns) + ")", regex.IGNORECASE)
        per_alt = patternbook.alternation(self.per_canon)
        self.per = regex.compile(
            r"(?:[ \t]*/[ \t]*|[ \t]+(?:một|mỗi|1)[ \t]+)(?P<per>" + per_alt + ")", regex.IGNORECASE)
        self.range_link = regex.compile(
            r"(?:[ \t]*\([^()\n]{1,20}\))?[ \t]*(?:-|–|—|~|đến|tới|\.\.\.)[ \t]*", regex.IGNORECASE)
        self.over_total = regex.compile(r"/\d+(?=\s)")  # `13/20 xã`: the total is no fact
        self.number_plain = regex.compile(rf"(?P<num>{NUMBER_PATTERN})(?![\d])(?P<word>(?!))?")
        cues = patternbook.load("cues")
        self.times = regex.compile(patternbook.alternation(cues["times_verbs"]) + r"[ \t]+$", regex.IGNORECASE)
        self.times_table = {str(k): float(v) for k, v in cues["times_words"].items()}
        self.times_unit = regex.compile(r"[ \t]*lần(?!\w)", regex.IGNORECASE)
        self.times_word = regex.compile(r"(?<!\w)gấp[ \t]+(?P<w>" + patternbook.alternation(self.times_table) + ")",
                                        regex.IGNORECASE)
        for name in ("scale", "unit", "count", "per", "range_link", "over_total", "number_plain", "times_unit"):
            setattr(self, name, _Near(getattr(self, name)))


@functools.lru_cache(maxsize=1)
def grammar() -> _Grammar:
    return _Grammar()


def _read_number(m):
    if m.group("num"):
        r = parse_number(m.group("num"))
        return r.value, r.alternative, r.separator
    v = parse_word_number(m.group("word"))
    return v, None, None


def find_quantities(text: str) -> list[Quantity]:
    """All quantities in `text` (a shadow text: see `pipeline.text.shadow`)."""
    g = grammar()
    found: list[Quantity] = []
    taken_until = -1
    scans = [g.number.finditer(text), g.word_number.finditer(text)]
    if " " in text:  # `91 352 triệu` first: at the same start it beats `91`
        scans.insert(0, g.spaced.finditer(text))
    for m in heapq.merge(*scans, key=lambda m: m.start()):
        if m.start() < taken_until:
            continue
        q = _read_quantity(text, m, g)
        if q is not None and not (math.isfinite(q.value) and math.isfinite(q.value_max or 0)):
            q = None  # `1.000.000...` beyond a float is no figure (and no JSON)
        if q is not None:
            found.append(q)
            taken_until = q.end
    found.extend(_times_words(text, g, found))
    found.sort(key=lambda q: q.start)
    return found


def _times_words(text, g, found):
    taken = [(q.start, q.end) for q in found]
    for m in g.times_word.finditer(text):
        s, e = m.start(), m.end()
        if any(a < e and s < b for a, b in taken):
            continue
        if g.times_unit.match(text, e):
            continue  # `gấp ba lần` is read by the number path
        yield Quantity(s, e, "ratio", g.times_table[m.group("w").lower()], None, "times", "")


def _read_quantity(text, m, g):
    is_word = m.group("word") is not None
    value, alt, sep = _read_number(m)
    if value is None:
        return None
    start, pos = m.start(), m.end()
    if is_word and value < 2:
        return None  # `một` is mostly an article, not a figure
    lo = _read_tail(text, pos, g, is_word)
    if m.re is g.spaced and not _spaced_ok(m, lo):
        return None
    if lo is None:
        lo = {"scale": None, "unit": None, "per": "", "end": pos, "cls": None}
        over = g.over_total.match(text, pos)
        if over and not is_word:  # `13/20 xã`: count 13, the total is no fact
            counted = _read_tail(text, over.end(), g, False)
            if counted and counted["cls"] == "count":
                return Quantity(start, counted["end"], "count", value, None, counted["unit"], "")
        tm = g.times_unit.match(text, pos)
        if tm and g.times.search(text, max(0, start - 12), start):
            return Quantity(start, tm.end(), "ratio", value, None, "times", "")
    q = _build(start, value, alt, sep, lo)
    # Range: `3-5%`, `11%-15%/năm`, `từ 3 đến 5%`, `55,15 triệu đồng/lượng (mua vào) - 55,55 ...`
    link = g.range_link.match(text, lo["end"])
    if link:
        m2 = g.number_plain.match(text, link.end())
        if m2 and m2.group("num"):
            hi_tail = _read_tail(text, m2.end(), g, False)
            if hi_tail is not None and hi_tail["unit"] is not None:
                v2, alt2, sep2 = _read_number(m2)
                same = lo["unit"] is None or (lo["unit"] == hi_tail["unit"])
                if same:
                    # `3-5%`: the low end borrows the high end's unit (and scale, unless it has its own)
                    lo2 = lo if lo["unit"] else {**hi_tail, "scale": lo["scale"] or hi_tail["scale"]}
                    qlo = _build(start, value, alt, sep, lo2)
                    qhi = _build(m2.start(), v2, alt2, sep2, hi_tail)
                    if qhi.value > qlo.value:
                        qlo.value_max = qhi.value
                        qlo.end = qhi.end
                        qlo.per = qhi.per or qlo.per
                        qlo.ambiguous += qhi.ambiguous
                        q = qlo
    if lo["unit"] is None and lo["scale"] is None and q.value_max is None:
        return None  # a bare number is no quantity
    return q


def _spaced_ok(m, tail) -> bool:
    """`91 352 triệu`, `12 500 đồng`: a scale or unit after blank-grouped digits; a
    counted noun only after two groups (`15 200 người` may be a date and a count)."""
    if tail is None or (tail["scale"] is None and tail["unit"] is None):
        return False
    return tail["cls"] != "count" or tail["scale"] is not None or m.group("num").count(" ") >= 2


def _read_tail(text, pos, g, is_word):
    """Scale, unit, per after a number. None when nothing makes it a quantity."""
    out = {"scale": None, "unit": None, "per": "", "end": pos, "cls": None}
    sm = g.scale.match(text, pos)
    if sm and sm.group("scale").lower() in g.abbreviated and not g.unit.match(text, sm.end()):
        sm = None  # `12 tr` alone is no scale
    if sm and (_word_end(text, sm.end()) or g.unit.match(text, sm.end())):
        word = sm.group("scale")
        out["scale"] = parse_scale(word)
        pos = sm.end()
        out["end"] = pos
        out["scale_word"] = word
    um = g.unit.match(text, pos)
    um = um if um and _unit_end_ok(text, um) else None
    cm = g.count.match(text, pos)
    if um and not (cm and cm.end() > um.end()):
        cls, canon = g.unit_of[" ".join(um.group("unit").lower().split())]
        out["unit"], out["cls"] = canon, cls
        pos = um.end()
        out["end"] = pos
    else:
        if cm:
            noun = " ".join(cm.group("noun").lower().split())
            out["unit"], out["cls"] = noun, "count"
            pos = cm.end()
            out["end"] = pos
    if out["unit"] is None and is_word and out["scale"] is None:
        return None
    # denominators
    pers = []
    while True:
        pm = g.per.match(text, pos)
        if not pm:
            break
        pers.append(g.per_canon[" ".join(pm.group("per").lower().split())])
        pos = pm.end()
    if pers and out["unit"] is not None or (pers and out["scale"] is not None):
        out["per"] = "/".join(pers)
        out["end"] = pos
    if out["unit"] is None and out["scale"] is None:
        return None
    return out


def _word_end(text, i):
    return i >= len(text) or not (text[i].isalnum())


def _unit_end_ok(text, um):
    u = um.group("unit")
    if not u[-1].isalnum():
        return True
    return _word_end(text, um.end())


def _build(start, value, alt, sep, tail):
    factor = tail["scale"] or 1.0
    cls, unit = tail["cls"], tail["unit"]
    q = Quantity(start, tail["end"], cls or "money", value * factor, None, unit or "", tail["per"])
    if unit is None and tail["scale"] is None:
        return q
    if unit is None:
        q.bare_scale = True
        q.cls = "money"
        q.unit = "VND"
    if alt is not None:
        q.ambiguous.append((alt * factor, sep))
    return q
