"""Datasette plugin: the source view, the glossary, a chart, and links from every fact.

- `/-/source/<doc_id>` renders the article with its facts highlighted
  (`pipeline.sourceview`), `#fact-<id>` pointing at one fact, with links back to
  the facts of each organization it names;
- `/-/glossary` says what the columns mean (one click from the facts table);
- `/-/chart?org=..&metric=..` draws a metric of an organization over the years as an
  SVG drawn on the server (no script: the pages keep `script-src 'none'`);
- in the `figures`, `facts` and `conflicts` tables, quotes, sources and document ids
  link to the source view;
- SQL gets `org_key(name)`, the store's case- and punctuation-blind key, for the
  canned query that finds an organization by any of its names.
"""
from __future__ import annotations

import html
import statistics
from urllib.parse import quote, unquote, urlencode

from datasette import Response, hookimpl
from markupsafe import Markup

from .display import format_number, format_value
from .sourceview import render_document
from .store import org_key

_STYLE = """<style>
body { font-family: system-ui, sans-serif; max-width: 64rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
dt { font-weight: 600; margin-top: 0.8em; } dd { margin-left: 1.5em; color: #333; }
form { margin: 1rem 0; } select { max-width: 28rem; }
.bar-actual { fill: #2563eb; } .bar-target { fill: none; stroke: #c2410c; stroke-width: 2; stroke-dasharray: 5 3; }
svg text { font-size: 12px; font-family: system-ui, sans-serif; }
</style>"""


def _page(title: str, body: str) -> Response:
    return Response.html(
        f"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'\">"
        f"<title>{html.escape(title)}</title>{_STYLE}</head><body><nav><a href=\"/\">vnmetrics</a></nav>"
        f"<h1>{html.escape(title)}</h1>{body}</body></html>")


def source_link(doc_id: str, fact_id=None) -> str:
    return f"/-/source/{quote(str(doc_id), safe='')}" + (f"#fact-{fact_id}" if fact_id is not None else "")


@hookimpl
def prepare_connection(conn):
    conn.create_function("org_key", 1, lambda s: org_key(s) if s else None, deterministic=True)


def _raw(v):
    """A foreign-key cell comes as {'value': ..., 'label': ...} in table views."""
    return v.get("value") if isinstance(v, dict) else v


@hookimpl
def render_cell(row, value, column, table, datasette):
    value = _raw(value)
    if value is None:
        return None
    keys = row.keys() if hasattr(row, "keys") else []
    if column in ("quote", "source") and "doc_id" in keys:
        fact_id = _raw(row["id"]) if "id" in keys else None
        return Markup(f'<a href="{html.escape(source_link(_raw(row["doc_id"]), fact_id))}">{html.escape(str(value))}</a>')
    if column in ("number", "number_max", "value", "value_max", "value_a", "value_b") and isinstance(value, float):
        return format_number(value, decimals=6)   # `12.700.000.000`, never `12700000000.0`
    if column in ("doc_id", "doc_a", "doc_b") or (table == "documents" and column == "id"):
        fact_col = {"doc_a": "fact_a", "doc_b": "fact_b"}.get(column)
        fact_id = _raw(row[fact_col]) if fact_col and fact_col in keys else None
        return Markup(f'<a href="{html.escape(source_link(value, fact_id))}">{html.escape(str(value))}</a>')
    return None


async def source_view(request, datasette):
    raw = request.url_vars["doc_id"]
    db = datasette.get_database()
    # Datasette routes on the raw path: `/` in an id (a WARC URL) arrives as %2F
    for doc_id in dict.fromkeys([unquote(raw), raw]):
        docs = (await db.execute("select * from documents where id = ?", [doc_id])).rows
        if docs:
            break
    if not docs:
        return Response.html(f"<h1>No document {html.escape(unquote(raw))}</h1>", status=404)
    facts = (await db.execute("select * from facts where doc_id = ? order by start", [doc_id])).rows
    orgs = (await db.execute("select distinct org from figures where doc_id = ? and org is not null order by org",
                             [doc_id])).rows
    links = {r["org"]: f"/{quote(db.name)}/figures?" + urlencode({"org": r["org"]}) for r in orgs}
    return Response.html(render_document(dict(docs[0]), [dict(f) for f in facts], org_links=links))


async def glossary_view(request, datasette):
    from .site import GLOSSARY

    db = datasette.get_database()
    items = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in GLOSSARY.items())
    return _page("Glossary: what the columns of Facts mean",
                 f"<p><a href=\"/{quote(db.name)}/figures\">← Facts</a></p><dl>{items}</dl>")


async def chart_view(request, datasette):
    """A metric of an organization over the years: bars for what was achieved, dashed for targets."""
    db = datasette.get_database()
    org, metric = request.args.get("org") or "", request.args.get("metric") or ""
    if request.args.get("pick") and "|" in request.args["pick"]:
        org, metric = request.args["pick"].split("|", 1)
    if org:  # any name the store knows (TPB, TPBank, Ngân hàng TMCP Tiên Phong) stands for the organization
        named = (await db.execute("select o.name from org_names n join organizations o on o.id = n.id "
                                  "where n.key = org_key(?) limit 1", [org])).rows
        org = named[0]["name"] if named else org
    choices = (await db.execute(
        "select org, metric_key, count(distinct year) as years from figures where metric_key is not null "
        "and year is not null and period = cast(year as text) and change is null and unit != '%' and org is not null "
        "group by org, metric_key having years >= 2 order by years desc, org limit 300")).rows
    options = "".join(
        f"<option value=\"{html.escape(c['org'] + '|' + c['metric_key'], quote=True)}\""
        f"{' selected' if (c['org'], c['metric_key']) == (org, metric) else ''}>"
        f"{html.escape(c['org'])} · {html.escape(c['metric_key'])} ({c['years']} years)</option>" for c in choices)
    form = ("<form action=\"/-/chart\" method=\"get\"><label>Organization and metric "
            f"<select name=\"pick\">{options}</select></label> <button>Show</button></form>")
    body = form
    if org and metric:
        # whole years only: a quarter's or nine months' figure is no bar of its year
        rows = [dict(r) for r in (await db.execute(
            "select id, year, number, unit, per, kind, quote, doc_id, source, value from figures where org = ? "
            "and (metric_key = ? or metric = ?) and year is not null and period = cast(year as text) "
            "and change is null "
            "and (base is null or unit != '%') and number_max is null order by year", [org, metric, metric])).rows]
        body += _chart(org, metric, rows)
    return _page("Chart: a metric over the years", body)


def _chart(org: str, metric: str, rows: list[dict]) -> str:
    if not rows:
        return f"<p>No figures of {html.escape(metric)} for {html.escape(org)}.</p>"
    unit = statistics.mode(r["unit"] for r in rows)
    rows = [r for r in rows if r["unit"] == unit and not r["per"]]
    points = {}
    for r in rows:
        group = "target" if r["kind"] == "kế hoạch / mục tiêu" else "actual"
        points.setdefault((r["year"], group), []).append(r)
    years = sorted({y for y, _ in points})
    top = max(r["number"] for r in rows) or 1
    w, h, pad = 110, 260, 40
    bars = []
    for i, y in enumerate(years):
        for j, group in enumerate(("actual", "target")):
            pts = points.get((y, group))
            if not pts:
                continue
            mid = sorted(pts, key=lambda r: r["number"])[len(pts) // 2]  # the median statement, with its source
            bh = max(2, mid["number"] / top * h)
            x, ytop = pad + i * w + j * 42, pad + h - bh
            label = html.escape(format_value({"value": mid["number"], "unit": unit}))
            link = html.escape(source_link(mid["doc_id"], mid["id"]), quote=True)
            bars.append(f"<a href=\"{link}\"><title>{label} · {html.escape(mid['source'] or '')}</title>"
                        f"<rect class=\"bar-{group}\" x=\"{x}\" y=\"{ytop:.0f}\" width=\"36\" height=\"{bh:.0f}\"/></a>"
                        f"<text x=\"{x}\" y=\"{ytop - 6:.0f}\">{label}</text>")
        bars.append(f"<text x=\"{pad + i * w + 20}\" y=\"{pad + h + 20}\">{y}</text>")
    width = pad * 2 + len(years) * w + 120
    svg = (f"<svg role=\"img\" aria-label=\"{html.escape(metric)} of {html.escape(org)} by year\" "
           f"width=\"{width}\" height=\"{h + pad * 2 + 30}\">{''.join(bars)}</svg>")
    legend = ("<p><svg width=\"14\" height=\"14\"><rect class=\"bar-actual\" width=\"14\" height=\"14\"/></svg> achieved "
              "or estimated · <svg width=\"14\" height=\"14\"><rect class=\"bar-target\" x=\"1\" y=\"1\" width=\"12\" "
              "height=\"12\"/></svg> target. Each bar is one stated figure (the median when articles differ); "
              "click it for its article.</p>")
    return f"<h2>{html.escape(metric)} · {html.escape(org)} ({html.escape(unit)})</h2>{svg}{legend}"


# The readable columns get room (a figure or an organization never breaks a word per line).
_TABLE_CSS = """
table.rows-and-columns td.col-org { min-width: 13em; }
table.rows-and-columns td.col-metric { min-width: 10em; }
table.rows-and-columns td.col-value, table.rows-and-columns td.col-quote,
table.rows-and-columns td.col-period, table.rows-and-columns td.col-kind { white-space: nowrap; }
table.rows-and-columns td.col-source { min-width: 18em; }
table.rows-and-columns td.col-why, table.rows-and-columns td.col-explanation { min-width: 22em; }
"""


async def table_css(request, datasette):
    return Response(_TABLE_CSS, content_type="text/css; charset=utf-8")


@hookimpl
def extra_css_urls():
    return ["/-/vnmetrics.css"]


@hookimpl
def register_routes():
    return [(r"^/-/source/(?P<doc_id>.+)$", source_view), (r"^/-/glossary$", glossary_view),
            (r"^/-/chart$", chart_view), (r"^/-/vnmetrics\.css$", table_css)]
