"""`vnmetrics serve`: Datasette on the facts database, set up for a journalist.

`prepare` adds what the pages need and the extraction does not: full-text
search over the facts' sentences (`facts_fts`) and the `conflicts` table.
`metadata` gives titles, descriptions, facets and canned queries. The
highlighted source view and the links to it come from the Datasette plugin
`pipeline.datasette_plugin` (registered as an entry point).
"""
from __future__ import annotations

import json
from pathlib import Path

from .conflicts import find_conflicts, save_conflicts
from .store import Store

FTS_COLUMNS = ["sentence", "quote", "metric", "org"]


def prepare(db) -> dict:
    """Build the search index and the conflicts table. Returns counts, for the log."""
    store = Store(db)
    facts = store.db["facts"]
    if "facts_fts" in store.db.table_names():
        facts.rebuild_fts()
    else:
        facts.enable_fts(FTS_COLUMNS, create_triggers=True)
    conflicts = find_conflicts(db)
    save_conflicts(db, conflicts)
    store.checkpoint()
    return {"facts": facts.count, "conflicts": len(conflicts)}


def metadata(db) -> dict:
    name = Path(db).stem
    fact_columns = {
        "quote": "The figure as written; the link opens the article with the figure highlighted",
        "value": "The number in base units (scale words applied: 12,7 tỷ = 12700000000)",
        "unit": "Canonical unit: VND, USD, %, t, kWh ... or the counted noun",
        "per": "Denominator: người/năm, tháng, kWh",
        "kind": "actual, estimate (ước) or target (kế hoạch, mục tiêu)",
        "change": "up/down when the figure is a change, not a level",
        "base": "What a ratio is measured against: plan or prior (cùng kỳ)",
        "metric": "What is measured, as the text names it",
        "metric_key": "Canonical metric from patterns/metrics.yaml (revenue, profit, budget_contribution ...)",
        "org": "The organization the figure belongs to, as named in the article",
        "year": "Calendar year the figure is about",
        "sentence": "The sentence that holds the figure",
        "flags": "How ambiguous readings were decided (e.g. separator-by-magnitude)",
    }
    return {
        "title": "vnmetrics: figures from Vietnamese news",
        "description": "Every figure in the archive as a sourced fact: value, unit, metric, organization and year, "
                       "tied to its sentence and article. Search the sentences, filter by the facets, and follow "
                       "a quote to see the figure highlighted in its article.",
        "databases": {name: {
            "tables": {
                "facts": {
                    "title": "Facts",
                    "description": "One row per figure. Click a quote to see it in its article.",
                    "facets": ["org", "year", "metric_key", "unit", "kind"],
                    "sortable_columns": ["value", "year", "org", "metric", "doc_id", "id"],
                    "fts_table": "facts_fts", "fts_pk": "id",
                    "label_column": "quote",
                    "columns": fact_columns,
                },
                "documents": {"title": "Articles", "description": "The articles, with URL and date.",
                              "label_column": "title"},
                "organizations": {"title": "Organizations", "label_column": "name",
                                  "description": "Each organization once; org_names holds every name it goes by."},
                "conflicts": {"title": "Conflicts",
                              "description": "Where the archive disagrees with itself: the same organization, "
                                             "metric, year and kind with different values in different articles "
                                             "(archive), or a stated growth or share of plan the stated amounts "
                                             "contradict (arithmetic).",
                              "facets": ["type", "org", "year"]},
            },
            "queries": {
                "facts_of_organization": {
                    "title": "Facts of an organization",
                    "description": "Every figure of an organization, by any of its names (TPBank, TPB, "
                                   "Ngân hàng TMCP Tiên Phong), optionally of one year (leave empty for all).",
                    "sql": "select f.id, f.quote, f.value, f.unit, f.per, f.metric, f.kind, f.year, f.org, "
                           "f.sentence, f.doc_id, d.title, d.url, d.date from facts f "
                           "join documents d on d.id = f.doc_id "
                           "where (f.org_id in (select id from org_names where key = org_key(:org)) "
                           "or f.org like '%' || :org || '%') and (:year = '' or f.year = cast(:year as integer)) "
                           "order by f.year, f.metric_key, f.doc_id, f.start",
                },
                "conflicts": {
                    "title": "Conflicts",
                    "description": "Places where the archive disagrees with itself.",
                    "sql": "select type, org, metric, year, kind, explanation, doc_a, quote_a, doc_b, quote_b, "
                           "fact_a, fact_b from conflicts order by org, year",
                },
            },
        }},
    }


def serve(db, host: str = "127.0.0.1", port: int = 8001, writable: bool = False, prepare_first: bool = True):
    """Run Datasette in this process (read-only unless `writable`)."""
    import tempfile

    from datasette.cli import cli

    if prepare_first:
        prepare(db)
    meta = Path(tempfile.mkdtemp(prefix="vnmetrics-")) / "metadata.json"
    meta.write_text(json.dumps(metadata(db), ensure_ascii=False, indent=1), encoding="utf-8")
    args = ["serve", "--metadata", str(meta), "--host", host, "--port", str(port),
            "--setting", "facet_time_limit_ms", "1000", "--setting", "sql_time_limit_ms", "5000"]
    args += [str(db)] if writable else ["-i", str(db)]
    cli.main(args, prog_name="vnmetrics serve", standalone_mode=True)
