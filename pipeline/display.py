"""Values and tables as a Vietnamese reader writes them: one formatting function for every output.

`format_value` is used by the CLI tables, `verify`'s answer, the source view and the
site (through SQL function `vn_value`), so a figure reads the same everywhere:
`12,7 tỷ đồng`, `91.352 triệu đồng` (never `91,352 tỷ`, which reads as 91 352 tỷ),
`tăng 22,8%`, `hơn 3.000 người`. Words come from patterns/display.yaml.
"""
from __future__ import annotations

import functools
import math

from . import patternbook


@functools.lru_cache(maxsize=1)
def _words() -> dict:
    return patternbook.load("display")


def format_number(v: float, decimals: int = 3) -> str:
    """Vietnamese style: `.` groups thousands, `,` marks decimals (`1.250,5`); no trailing zeros."""
    s = f"{v:,.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    if s in ("-0", ""):
        s = "0"
    return s.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _decimals_needed(x: float, most: int) -> int | None:
    """How many decimals `x` needs (None when more than `most`)."""
    for d in range(most + 1):
        if math.isclose(round(x, d), x, rel_tol=1e-9, abs_tol=1e-9):
            return d
    return None


def _scaled(v: float, hi: float | None = None) -> tuple[str, str]:
    """(`91.352`, `triệu`): the largest scale that writes `v` (and `hi`) with few decimals."""
    w = _words()
    most = int(w.get("max_decimals", 2))
    for factor, word in w["scales"]:
        if abs(v) >= factor and all(_decimals_needed(x / factor, most) is not None for x in (v, hi) if x is not None):
            if hi is not None:
                return f"{format_number(v / factor)}–{format_number(hi / factor)}", word
            return format_number(v / factor), word
    if hi is not None:
        return f"{format_number(v)}–{format_number(hi)}", ""
    return format_number(v), ""


def unit_word(unit: str | None) -> str:
    return _words()["unit_words"].get(unit or "", unit or "")


def per_words(per: str | None) -> str:
    words = _words()["per_words"]
    return "/".join(words.get(p, p) for p in (per or "").split("/") if p)


def format_value(f: dict, hedge: bool = True) -> str:
    """`12,7 tỷ đồng`, `91.352 triệu đồng`, `tăng 22,8%`, `hơn 3.000 người`, `3–5%/năm`.

    A level never gets a sign; a change says `tăng`/`giảm`. Takes a fact dict (value,
    value_max, unit, per, approx, change)."""
    w = _words()
    value = f.get("value")
    if value is None:
        return ""
    value, hi = float(value), f.get("value_max")
    hi = float(hi) if hi is not None else None
    unit = f.get("unit") or ""
    if unit in ("%", "pp", "times"):
        number, scale = (f"{format_number(value)}–{format_number(hi)}" if hi is not None else format_number(value)), ""
    else:
        number, scale = _scaled(value, hi)
    word = unit_word(unit)
    txt = number + ("" if unit == "%" else " ") + " ".join(x for x in (scale, word) if x)
    if f.get("per"):
        txt += "/" + per_words(f["per"])
    if f.get("base") and w.get("base_words", {}).get(f["base"]):
        txt += " " + w["base_words"][f["base"]]
    if hedge and f.get("approx"):
        txt = f"{w['approx_words'].get(f['approx'], f['approx'])} {txt}"
    if f.get("change"):
        txt = f"{w['change_words'].get(f['change'], f['change'])} {txt}"
    return txt.strip()


def kind_word(kind: str | None) -> str:
    return _words()["kind_words"].get(kind or "", kind or "")


def period_label(f: dict) -> str:
    """`2021`, `quý 1/2021`, `6 tháng 2021`, `9 tháng 2021`, `tháng 3/2021`, `2015–2020`; the year when no period."""
    p = f.get("period")
    if not p:
        return str(f["year"]) if f.get("year") else ""
    p = str(p)
    if "/" in p:
        return p.replace("/", "–")
    year, _, part = p.partition("-")
    if not part:
        return year
    if part.startswith("Q"):
        return f"quý {part[1:]}/{year}"
    if part == "H1":
        return f"6 tháng đầu năm {year}"
    if part == "H2":
        return f"6 tháng cuối năm {year}"
    if part.endswith("M"):
        return f"{part[:-1]} tháng {year}"
    return f"tháng {int(part)}/{year}" if part.isdigit() else p


def facts_table(rows) -> None:
    from rich.console import Console
    from rich.table import Table

    from .compare import reading   # a change written as the new level (`lên 24.686 tỷ`) reads as a level

    t = Table(show_lines=False)
    for col in ("org", "period", "metric", "value", "kind", "quote", "doc"):
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(r.get("org") or "", period_label(r), r.get("metric") or "", format_value({**r, "change": reading(r)}),
                  kind_word(r.get("kind")), r.get("quote") or "", r.get("doc_id") or "")   # the site's words
    Console(width=160).print(t)
    print(f"{len(rows)} facts")


def short_title(title: str | None, doc_id, limit: int = 100) -> str:
    """The title, cut at a word near `limit` (some archives store a paragraph as the title)."""
    if not title:
        return f"document {doc_id}"
    title = " ".join(title.split())
    return title if len(title) <= limit else title[:limit].rsplit(" ", 1)[0] + " …"


def _source_line(e: dict) -> str:
    """Title · date · URL, leaving out what the article does not have."""
    parts = [short_title(e.get("title"), e["doc_id"]), e.get("date"), e.get("url")]
    return " · ".join(str(p) for p in parts if p)


def verdicts_report(claim: str, verdicts, word: str) -> None:
    """The answer to `vnmetrics verify`, figure by figure, with sources."""
    from rich.console import Console
    from rich.markup import escape

    con = Console(width=160)
    color = {"supported": "green", "compatible": "cyan", "contradicted": "red", "not found": "yellow"}
    con.print(f"[bold]{escape(claim)}[/bold]")
    if not verdicts:
        con.print("[yellow]no figure found in the claim[/yellow]")
    for v in verdicts:
        c = v.claim
        con.print(f"\n[{color[v.verdict]}]{v.verdict.upper()}[/]  {escape(c['quote'])} = {escape(format_value(c))}"
                  f"  metric: {escape(c.get('metric') or '?')}  org: {escape(c.get('org') or '?')}"
                  f"  period: {period_label(c) or '?'}  kind: {kind_word(c.get('kind'))}", highlight=False)
        for note in getattr(v, "notes", []):
            con.print(f"  [italic]{escape(note)}[/italic]", highlight=False)
        label = {"supported": "agrees", "compatible": "agrees through a hedge"}.get(v.verdict, "archive says")
        for e in v.evidence[:10]:
            shown = {**e, "change": e.get("reading", e.get("change"))}   # a change written as the new level
            con.print(f"  {label}: {escape(format_value(shown))} ({escape(e['quote'])}; {kind_word(e.get('kind'))}, "
                      f"{period_label(e) or 'no year'}, {escape(e.get('org') or '')})", highlight=False)
            con.print(f"    “{escape(e['sentence'] or '')}”", highlight=False)
            con.print(f"    {escape(_source_line(e))}", highlight=False)
    con.print(f"\nverdict: [{color[word]}]{word}[/]")


def conflicts_table(conflicts) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table()
    for col in ("score", "type", "org", "metric", "period", "a", "b", "why comparable"):
        t.add_column(col, overflow="fold")
    for c in conflicts:
        why = c.why + (f" — DOUBTFUL: {c.doubts}" if getattr(c, "tier", "sure") != "sure" else "")
        t.add_row(f"{c.score:.2f}", c.type, c.org or "", c.metric or "", c.period or str(c.year or ""),
                  f"{c.value_a_text} ({c.doc_a})", f"{c.value_b_text} ({c.doc_b})", why)
    Console(width=160).print(t)
    doubtful = sum(getattr(c, "tier", "sure") != "sure" for c in conflicts)
    print(f"{len(conflicts)} conflicts" + (f" ({doubtful} doubtful)" if doubtful else ""))
