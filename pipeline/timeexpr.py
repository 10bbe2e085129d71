"""When a figure is about: publication date, explicit and relative time expressions.

`year_for` picks the time expression that governs a figure, nearest first:
its own clause, the words right after it, its sentence, its paragraph's
lead, the title, then the document's publication year. Each answer says how
it was found (`time_source`), so a reader can judge it.
"""
from __future__ import annotations

import datetime as _dt
import functools
from dataclasses import dataclass

import regex

from . import patternbook

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    year: int | None
    period: str | None
    relative: bool = False
    compared: bool = False   # `so với năm 2019`: a comparison base, not the figure's time


Y = r"(?:19[5-9]\d|20[0-4]\d)"
_ROMAN = r"(?:IV|III|II|I|[1-4])"


@functools.lru_cache(maxsize=1)
def _compiled():
    data = patternbook.load("time")
    rel = []
    for offset, phrases in data["relative_years"].items():
        rel.append((int(offset), regex.compile(patternbook.alternation(phrases), regex.I)))
    expressions = [(regex.compile(p.replace("{Y}", Y).replace("{ROMAN}", _ROMAN)), kind)
                   for kind, p in data["expressions"]]
    return (expressions, rel,
            [regex.compile(p) for p in data["published_forms"]],
            regex.compile(r"(?:so\s+với|so|với|hơn|từ|kể từ)\s+(?:cùng kỳ\s+)?(?:[^\s.;,]+\s+){0,4}$", regex.I),
            {k: v for k, v in data["ordinal_quarters"].items()},
            [regex.compile(p) for p in data["url_forms"]])


def published(text: str, meta_date: str | None, url: str | None = None) -> _dt.date | None:
    """The publication date: metadata first, else the article head, else the URL."""
    if meta_date:
        try:
            return _dt.date.fromisoformat(meta_date[:10])
        except ValueError:
            pass
    found = _date_in(text[:600], _compiled()[2])
    if found is None and url:
        found = _date_in(url, _compiled()[5])
    return found


def _date_in(head: str, forms) -> _dt.date | None:
    for rx in forms:
        m = rx.search(head)
        if not m:
            continue
        g = m.groupdict()
        try:
            month = _MONTHS[g["mon"].lower()[:3]] if g.get("mon") else int(g.get("m") or 1)
            return _dt.date(int(g["y"]), month, int(g.get("d") or 1))
        except (ValueError, KeyError):
            continue
    return None


def mentions(text: str, ref_year: int | None, focus_year: int | None = None) -> list[TimeMention]:
    """Every time expression in the text, with the year and period it names."""
    explicit = explicit_mentions(text)
    return explicit if not ref_year else relative_mentions(text, explicit, ref_year, focus_year)


def explicit_mentions(text: str) -> list[TimeMention]:
    """Time expressions that name their year (`năm 2020`, `quý III/2017`, `nhiệm kỳ 2015-2020`)."""
    pats, rel, _, compared_re, quarters, _ = _compiled()
    out: list[TimeMention] = []
    covered = bytearray(len(text) + 1)

    def free(a, b):
        return covered.find(1, a, b) < 0

    def take(a, b):
        covered[a:b] = b"\x01" * (b - a)

    for rx, kind in pats:
        for m in rx.finditer(text):
            if not free(m.start(), m.end()):
                continue
            g = m.groupdict()
            y = int(g["y"]) if g.get("y") else None
            period = None
            if kind == "span":
                y1, y2 = int(g["y1"]), int(g["y2"])
                if not (0 < y2 - y1 <= 10):
                    continue
                period, y = f"{y1}/{y2}", None
            elif kind in ("quarter", "quarter_only"):
                q = quarters.get(g["q"])
                y = y if y else None
                period = f"{y}-Q{q}" if y else None
                if kind == "quarter_only":
                    out.append(TimeMention(m.start(), m.end(), None, f"Q{q}", relative=True))
                    take(m.start(), m.end())
                    continue
            elif kind == "months":
                n = patternbook.load("time")["month_words"].get(g["n"]) or int(g["n"])
                if not 1 <= n <= 12:
                    continue
                tag = {6: "H1", 3: "Q1", 12: ""}.get(n, f"{n}M")
                if y is None:
                    out.append(TimeMention(m.start(), m.end(), None, tag or None, relative=True))
                    take(m.start(), m.end())
                    continue
                period = f"{y}-{tag}" if tag else str(y)
            elif kind == "half":
                period = f"{y}-H1"
            elif kind == "month":
                mo = int(g["m"])
                if not 1 <= mo <= 12:
                    continue
                period = f"{y}-{mo:02d}"
            elif kind in ("year", "bare_year"):
                period = str(y)
            elif kind == "date":
                period = None
            before = text[max(0, m.start() - 40):m.start()]
            out.append(TimeMention(m.start(), m.end(), y, period, compared=bool(compared_re.search(before))))
            take(m.start(), m.end())
    out.sort(key=lambda t: t.start)
    return out


def relative_mentions(text: str, explicit, ref_year: int, focus_year: int | None) -> list[TimeMention]:
    """`năm nay`, `năm ngoái`, `cùng kỳ` resolved, merged with the explicit ones."""
    _, rel, _, compared_re, _, _ = _compiled()
    out = list(explicit)
    covered = bytearray(len(text) + 1)
    for t in explicit:
        covered[t.start:t.end] = b"\x01" * (t.end - t.start)

    def take(a, b):
        covered[a:b] = b"\x01" * (b - a)
    if ref_year:
        # `năm nay` is the year the article is about (an article of 5 January may
        # still speak of the year just ended); `năm ngoái` counts from publication.
        found = sorted(((m.start(), -len(m.group(0)), m.end(), offset) for offset, rx in rel
                        for m in rx.finditer(text)))
        for start, _, end, offset in found:
            if covered[start]:
                continue
            year = (focus_year or ref_year) if offset == 0 else ref_year + offset
            before = text[max(0, start - 40):start]
            out.append(TimeMention(start, end, year, str(year), relative=True,
                                   compared=bool(compared_re.search(before))))
            take(start, end)
    out.sort(key=lambda t: t.start)
    return out
