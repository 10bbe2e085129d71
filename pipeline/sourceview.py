"""An article with its facts highlighted: the page a journalist checks a figure on.

The text goes through displaCy's entity renderer (manual mode), which escapes
it; every string we add (title, labels, URL) is escaped here, so nothing in
an article can become markup — a `<script>` in a text is shown, never run.
Each highlight has the id `fact-<id>`, so a link can point at one fact.
"""
from __future__ import annotations

import html

from .display import format_value, kind_word

_LABEL_COLORS = {"MONEY": "#fde68a", "RATIO": "#bfdbfe", "MEASURE": "#bbf7d0", "COUNT": "#e9d5ff"}

_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="script-src 'none'">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #111; }}
.meta {{ color: #555; margin-bottom: 1.5rem; }}
mark:target {{ outline: 3px solid #dc2626; }}
nav.back {{ font-size: 0.95em; margin-bottom: 0.5rem; }}
nav.back a {{ margin-right: 1em; }}
.kind-target {{ color: #9a3412; font-weight: 600; }}
.kind-estimate {{ color: #1d4ed8; font-weight: 600; }}
table {{ border-collapse: collapse; margin-top: 2rem; font-size: 0.9em; }}
td, th {{ border-bottom: 1px solid #ddd; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }}
</style></head>
<body>
<nav class="back">{back}</nav>
<h1>{title}</h1>
<div class="meta">{meta}</div>
{body}
<h2>Facts ({n})</h2>
<table><thead><tr><th>#</th><th>value</th><th>metric</th><th>organization</th><th>period</th><th>kind</th><th>quote</th></tr></thead>
<tbody>{rows}</tbody></table>
</body></html>
"""


def fact_label(f: dict) -> str:
    """`MONEY 12,7 tỷ đồng · Bưu điện tỉnh Bắc Giang · 2023`: value, kind when not actual, organization, year."""
    from .compare import reading

    parts = [f"{(f.get('class') or '').upper()} {format_value({**f, 'change': reading(f)})}"]
    if f.get("kind") in ("target", "estimate"):
        parts.append(kind_word(f["kind"]).upper())
    if f.get("org"):
        parts.append(f["org"])
    if f.get("year"):
        parts.append(str(f["year"]))
    return " · ".join(parts)


def render_document(doc: dict, facts: list[dict], link_prefix: str = "", org_links: dict | None = None) -> str:
    """A whole HTML page: the article with its facts highlighted, then the facts as a table.

    `org_links`: {organization: URL of its facts}, shown at the top as the way back."""
    from .compare import reading
    from .display import period_label

    from spacy import displacy

    text = doc.get("text") or ""
    ents, kept, last_end = [], [], -1
    for f in sorted(facts, key=lambda f: f["start"]):
        if f["start"] < last_end or f["end"] > len(text):
            continue  # displaCy takes no overlapping spans
        ents.append({"start": f["start"], "end": f["end"], "label": html.escape(fact_label(f))})
        kept.append(f)
        last_end = f["end"]
    colors = {html.escape(e["label"]): _LABEL_COLORS.get(e["label"].split(" ")[0], "#ddd") for e in ents}
    body = displacy.render({"text": text, "ents": ents}, style="ent", manual=True, page=False,
                           options={"colors": colors})
    # give every highlight an anchor, in order (the text is escaped, so only displaCy's marks match)
    pieces = body.split("<mark class=\"entity\"")
    body = pieces[0] + "".join(f"<mark id=\"fact-{f.get('id', i)}\" class=\"entity\"{p}"
                               for i, (f, p) in enumerate(zip(kept, pieces[1:])))
    title = html.escape(doc.get("title") or f"Article {doc.get('id')}")
    meta = [f"document <code>{html.escape(str(doc.get('id')))}</code>"]
    meta.append(html.escape(str(doc["date"])) if doc.get("date") else "no date")
    if doc.get("url"):
        url = html.escape(doc["url"], quote=True)
        meta.append(f'<a href="{url}" rel="noopener noreferrer">{url}</a>')
    back = "".join(f'<a href="{html.escape(u, quote=True)}">← all facts of {html.escape(o)}</a>'
                   for o, u in (org_links or {}).items())
    rows = "".join(
        f"<tr><td><a href=\"#fact-{f.get('id', i)}\">{f.get('id', i)}</a></td>"
        f"<td>{html.escape(format_value({**f, 'change': reading(f)}))}</td>"
        f"<td>{html.escape(f.get('metric') or '')}</td><td>{html.escape(f.get('org') or '')}</td>"
        f"<td>{html.escape(period_label(f))}</td>"
        f"<td class=\"kind-{html.escape(f.get('kind') or '')}\">{html.escape(kind_word(f.get('kind')))}</td>"
        f"<td>{html.escape(f.get('quote') or '')}</td></tr>"
        for i, f in enumerate(kept))
    return _PAGE.format(title=title, meta=" · ".join(meta), body=body, n=len(kept), rows=rows, back=back)


def document_page(db, doc_id: str) -> str | None:
    """The page of a stored document (database opened read-only), or None when the id is unknown."""
    import sqlite3
    from pathlib import Path

    conn = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        docs = [dict(r) for r in conn.execute("select * from documents where id = ?", [doc_id])]
        if not docs:
            return None
        facts = [dict(r) for r in conn.execute("select * from facts where doc_id = ? order by start", [doc_id])]
    finally:
        conn.close()
    return render_document(docs[0], facts)
