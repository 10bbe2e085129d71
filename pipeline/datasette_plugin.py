"""Datasette plugin: the highlighted source view, and links to it from every fact.

- `/-/source/<doc_id>` renders the article with its facts highlighted
  (`pipeline.sourceview`), `#fact-<id>` pointing at one fact;
- in the `facts` and `conflicts` tables, quotes and document ids link there;
- SQL gets `org_key(name)`, the store's case- and punctuation-blind key, for
  the canned query that finds an organization by any of its names.
"""
from __future__ import annotations

import html
from urllib.parse import quote, unquote

from datasette import Response, hookimpl
from markupsafe import Markup

from .sourceview import render_document
from .store import org_key


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
    if column == "quote" and "doc_id" in keys:
        fact_id = _raw(row["id"]) if "id" in keys else None
        return Markup(f'<a href="{html.escape(source_link(_raw(row["doc_id"]), fact_id))}">{html.escape(str(value))}</a>')
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
    return Response.html(render_document(dict(docs[0]), [dict(f) for f in facts]))


@hookimpl
def register_routes():
    return [(r"^/-/source/(?P<doc_id>.+)$", source_view)]
