"""Human-readable values and tables for the terminal."""
from __future__ import annotations

_SCALES = [(1e12, "nghìn tỷ"), (1e9, "tỷ"), (1e6, "triệu"), (1e3, "nghìn")]


def format_number(v: float) -> str:
    """Vietnamese style: `.` groups thousands, `,` marks decimals."""
    s = f"{v:,.3f}".rstrip("0").rstrip(".")
    return s.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_value(f: dict) -> str:
    v, unit = f["value"], f["unit"]
    if f.get("class") == "money" and abs(v) >= 1e6:
        for factor, word in _SCALES:
            if abs(v) >= factor:
                txt = f"{format_number(v / factor)} {word} {unit}"
                break
    else:
        txt = f"{format_number(v)}{'' if unit == '%' else ' '}{unit}"
    if f.get("value_max") is not None:
        txt = f"{format_number(v)}–{format_number(f['value_max'])} {unit}" if f.get("class") != "money" else \
            txt + f" – {format_number(f['value_max'])}"
    if f.get("per"):
        txt += "/" + f["per"]
    sign = {"up": "+", "down": "−"}.get(f.get("change") or "", "")
    return sign + txt


def facts_table(rows) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(show_lines=False)
    for col in ("org", "year", "metric", "value", "kind", "quote", "doc"):
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(r.get("org") or "", str(r.get("year") or ""), r.get("metric") or "", format_value(r),
                  r.get("kind") or "", r.get("quote") or "", r.get("doc_id") or "")
    Console(width=160).print(t)
    print(f"{len(rows)} facts")


def verdicts_report(claim: str, verdicts, word: str) -> None:
    """The answer to `vnmetrics verify`, figure by figure, with sources."""
    from rich.console import Console

    con = Console(width=160)
    color = {"supported": "green", "contradicted": "red", "not found": "yellow"}
    con.print(f"[bold]{claim}[/bold]")
    if not verdicts:
        con.print("[yellow]no figure found in the claim[/yellow]")
    for v in verdicts:
        c = v.claim
        con.print(f"\n[{color[v.verdict]}]{v.verdict.upper()}[/]  {c['quote']} = {format_value(c)}"
                  f"  metric: {c.get('metric') or '?'}  org: {c.get('org') or '?'}  year: {c.get('year') or '?'}",
                  highlight=False)
        for e in v.evidence[:10]:
            con.print(f"  {'agrees' if v.verdict == 'supported' else 'archive says'}: {e['quote']} "
                      f"({format_value(e)}, {e.get('kind')}, {e.get('year')})", highlight=False)
            con.print(f"    “{e['sentence']}”", highlight=False)
            con.print(f"    {e.get('title') or e['doc_id']} · {e.get('date') or ''} · {e.get('url') or ''}",
                      highlight=False)
    con.print(f"\nverdict: [{color[word]}]{word}[/]")


def conflicts_table(conflicts) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table()
    for col in ("type", "org", "metric", "year", "explanation"):
        t.add_column(col, overflow="fold")
    for c in conflicts:
        t.add_row(c.type, c.org or "", c.metric or "", str(c.year or ""), c.explanation)
    Console(width=160).print(t)
    print(f"{len(conflicts)} conflicts")
