"""`vnmetrics serve`: Datasette on the facts database, set up for a journalist.

`build_index` (run by `extract`/`load` and `vnmetrics index`) adds what the pages
need and the extraction does not, so that `serve` never writes into the database it
serves:
- `figures`: one row per fact, in the order a journalist reads (organization, period,
  metric, the value as a Vietnamese reader writes it, kind, quote, source), the raw
  fields after;
- `facts_fts`: full-text search over sentence, quote, metric and organization, with
  diacritics folded (`loi nhuan` finds `lợi nhuận`, `dong` finds `đồng`);
- `conflicts`: where the archive disagrees with itself;
- `vnmetrics_index`: when it was built and from how many facts (`serve` refuses a
  missing or stale index and says which command builds it).
`metadata` gives titles, facets, canned queries; the glossary, the chart and the
source view are pages of the plugin `pipeline.datasette_plugin`.
"""
from __future__ import annotations

import json
import sqlite3
import time
import unicodedata
from pathlib import Path

from .conflicts import find_conflicts, save_conflicts
from .compare import reading
from .display import format_value, kind_word, period_label, short_title
from .store import Store

FTS_COLUMNS = ["sentence", "quote", "metric", "org", "folded"]
# what a journalist reads, then what sorts and filters (the raw fields stay in `facts`; long sentences
# would squeeze the columns that matter, and the quote links to its sentence in the article)
FIGURE_COLUMNS = ["id", "org", "period", "metric", "value", "kind", "quote", "source", "year", "metric_key", "unit",
                  "number", "number_max", "change", "base", "per", "doc_id", "date"]
GLOSSARY = {
    "org": "The organization the figure belongs to (its canonical name: every alias finds it)",
    "period": "What the figure is about in time: a year, a quarter (quý 1/2021), 6 or 9 months, a month",
    "metric": "What is measured, as the article names it",
    "value": "The figure as a Vietnamese reader writes it: 12,7 tỷ đồng, 91.352 triệu đồng; `tăng`/`giảm` for a change",
    "kind": "thực hiện (actual), ước tính (estimate: ước, ước đạt) or kế hoạch / mục tiêu (target: a plan, a goal, a forecast)",
    "quote": "The figure as written; the link opens the article with the figure highlighted",
    "source": "The article (title, or its id when it has none)",
    "metric_key": "Canonical metric from patterns/metrics.yaml (revenue, profit, budget_contribution ...)",
    "unit": "Canonical unit: VND, USD, %, t (tonnes), kWh ... or the counted noun",
    "per": "Denominator: người/năm, tháng, kWh",
    "change": "up/down when the figure is a change, not a level",
    "base": "What a ratio is measured against: plan (kế hoạch) or prior (cùng kỳ)",
    "number": "The value in base units, for sorting (12,7 tỷ = 12700000000)",
    "doc_id": "The article's id; the link opens it with its figures highlighted",
}


class IndexMissing(Exception):
    """The database has no (or a stale) index for the site: `vnmetrics index --db DB` builds it."""


def fold(text: str | None) -> str:
    """Lowercase, without tone marks and with `đ` as `d`: what someone typing without diacritics writes."""
    s = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d"))
    return s.encode("ascii", "ignore").decode("ascii")   # drops the combining marks (and any non-Latin letter)


def _figure(r: dict, titles: dict) -> tuple:
    """A row of `figures`. `value` and `change` read a change written as the new level (`tăng 41%, lên
    91 nghìn tỷ`) as a level; the raw reading stays in `facts`. `titles`: short titles by document
    (an article's facts come together, so each title is cut once)."""
    change = reading(r)
    source = titles.get(r["doc_id"])
    if source is None:
        titles.clear()
        source = titles[r["doc_id"]] = short_title(r["title"], r["doc_id"])
    f = {"id": r["id"], "org": r["org_name"], "period": period_label(r), "metric": r["metric"],
         "value": format_value({**r, "change": change}), "kind": kind_word(r["kind"]), "quote": r["quote"],
         "source": source, "year": r["year"], "metric_key": r["metric_key"],
         "unit": r["unit"], "number": r["value"], "number_max": r["value_max"], "change": change,
         "base": r["base"], "per": r["per"], "doc_id": r["doc_id"], "date": r["date"]}
    return tuple(f[c] for c in FIGURE_COLUMNS)


def _searchable(r: dict, folded: dict) -> tuple:
    """A row of `facts_fts`; `folded`: the last sentence folded (a sentence's facts come together, and
    folding joined parts is joining folded parts: the separator keeps them apart)."""
    sentence = r["sentence"]
    head = folded.get(sentence)
    if head is None:
        folded.clear()
        head = folded[sentence] = fold(sentence)
    parts = ([head] if sentence else []) + [fold(x) for x in (r["metric"], r["org_name"]) if x]
    return (r["id"], sentence, r["quote"], r["metric"], r["org_name"], " ".join(parts))


# what `_figure` and `_searchable` read (not `select f.*`: the unread columns cost a sixth of the index)
_INDEX_QUERY = (
    "select f.id, f.doc_id, f.start, f.quote, f.sentence, f.sentence_start, f.value, f.value_max, f.unit, f.per, "
    "f.approx, f.change, f.base, f.kind, f.metric, f.metric_key, f.year, f.period, "
    "coalesce(o.name, f.org) as org_name, d.title, d.date from facts f "
    "join documents d on d.id = f.doc_id left join organizations o on o.id = f.org_id")


def build_index(db, chunk: int = 5000) -> dict:
    """Build `figures`, `facts_fts` and `conflicts` (replaced whole), streaming the facts in chunks.
    Returns counts, for the log."""
    store = Store(db)
    t0 = time.perf_counter()
    db_ = store.db
    with db_.conn:
        for name in ("figures", "facts_fts", "vnmetrics_index"):
            db_.execute(f"drop table if exists [{name}]")
        db_["figures"].create({c: (int if c in ("id", "year") else float if c.startswith("number") else str)
                               for c in FIGURE_COLUMNS}, pk="id")
        db_.execute("create virtual table facts_fts using fts5(sentence, quote, metric, org, folded, "
                    "tokenize = 'unicode61 remove_diacritics 2')")
    reader = sqlite3.connect(str(db))   # a second connection reads while the first writes
    reader.row_factory = sqlite3.Row
    cursor = reader.execute(_INDEX_QUERY)
    n, titles, folded = 0, {}, {}
    while True:
        rows = [dict(r) for r in cursor.fetchmany(chunk)]
        if not rows:
            break
        n += len(rows)
        with db_.conn:   # executemany: sqlite-utils' insert_all costs more than building the rows
            db_.conn.executemany(f"insert into figures ({', '.join(FIGURE_COLUMNS)}) values "
                                 f"({', '.join('?' * len(FIGURE_COLUMNS))})", [_figure(r, titles) for r in rows])
            db_.conn.executemany("insert into facts_fts (rowid, sentence, quote, metric, org, folded) "
                                 "values (?, ?, ?, ?, ?, ?)", [_searchable(r, folded) for r in rows])
    reader.close()
    for cols in (["org"], ["year"], ["metric_key"], ["doc_id"], ["kind"], ["unit"]):
        db_["figures"].create_index(cols, if_not_exists=True)
    conflicts = find_conflicts(db)
    save_conflicts(db, conflicts)
    db_["vnmetrics_index"].insert({"built": time.strftime("%Y-%m-%d %H:%M:%S"), "facts": n,
                                   "conflicts": len(conflicts), "seconds": round(time.perf_counter() - t0, 2)})
    store.checkpoint()
    # a plain rollback-journal file (no -wal/-shm beside it) for `serve` to open immutable;
    # the next write through Store turns WAL back on
    import gc

    gc.collect()   # the stores opened by find/save_conflicts hold their connections until collected (cycles)
    try:
        store.db.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.OperationalError:
        pass       # another process has it open: it stays in WAL, still readable
    store.db.conn.close()
    return {"facts": n, "conflicts": len(conflicts)}


def check_index(db) -> None:
    """Raise IndexMissing when the site's tables are missing or older than the facts (read-only check)."""
    conn = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")}
        missing = [t for t in ("figures", "facts_fts", "conflicts", "vnmetrics_index") if t not in tables]
        if missing:
            raise IndexMissing(f"no {', '.join(missing)}")
        built = conn.execute("select facts from vnmetrics_index").fetchone()
        n = conn.execute("select count(*) from facts").fetchone()[0]
        if not built or built[0] != n:
            raise IndexMissing(f"the index was built from {built[0] if built else 0} facts, the database has {n}")
    finally:
        conn.close()


def metadata(db) -> dict:
    name = Path(db).stem
    return {
        "title": "vnmetrics: figures from Vietnamese news",
        "description_html": "Every figure in the archive as a sourced fact: organization, period, metric and value, "
                            "tied to its sentence and article. <a href=\"/-/glossary\">Glossary</a> · "
                            "<a href=\"/-/chart\">Chart of a metric over the years</a>",
        "databases": {name: {
            "tables": {
                "figures": {
                    "title": "Facts",
                    "description_html": "One row per figure: click a quote to see it highlighted in its article. "
                                        "Search works with or without diacritics (<i>loi nhuan</i>). "
                                        "<a href=\"/-/glossary\">What the columns mean</a> · "
                                        "<a href=\"/-/chart\">Chart</a>",
                    "facets": ["org", "year", "kind"],
                    "sortable_columns": ["number", "year", "org", "metric", "period", "doc_id", "id"],
                    "fts_table": "facts_fts", "fts_pk": "id",
                    "label_column": "quote",
                },
                "facts": {"title": "Facts, every stored field",
                          "description_html": "The extraction's raw rows (values in base units). "
                                              "<a href=\"/-/glossary\">Glossary</a>",
                          "label_column": "quote"},
                "documents": {"title": "Articles", "description": "The articles, with URL and date.",
                              "label_column": "title"},
                "organizations": {"title": "Organizations", "label_column": "name",
                                  "description": "Each organization once; org_names holds every name it goes by."},
                "conflicts": {"title": "Conflicts",
                              "description": "Where the archive disagrees with itself, surest first: the same "
                                             "organization, metric, period, kind and unit, both levels, in two "
                                             "articles (archive), or a stated growth or share of plan the stated "
                                             "amounts contradict (arithmetic). `why` says why they were compared.",
                              "facets": ["type", "org", "period"], "sort_desc": "score"},
            },
            "queries": {
                "facts_of_organization": {
                    "title": "Facts of an organization",
                    "description": "Every figure of an organization, by any of its names (TPBank, TPB, "
                                   "Ngân hàng TMCP Tiên Phong), optionally of one year (leave empty for all).",
                    "sql": "select g.id, g.org, g.period, g.metric, g.value, g.kind, g.quote, g.source, g.doc_id "
                           "from figures g join facts f on f.id = g.id "
                           "where (f.org_id in (select id from org_names where key = org_key(:org)) "
                           "or f.org like '%' || :org || '%') and (:year = '' or f.year = cast(:year as integer)) "
                           "order by f.year, f.metric_key, f.doc_id, f.start",
                },
                "conflicts": {
                    "title": "Conflicts",
                    "description": "Places where the archive disagrees with itself, surest first.",
                    "sql": "select score, type, org, metric, period, value_a_text as figure_a, doc_a, "
                           "value_b_text as figure_b, doc_b, why, explanation, fact_a, fact_b from conflicts "
                           "order by score desc, org, period",
                },
            },
        }},
    }


def serve(db, host: str = "127.0.0.1", port: int = 8001, writable: bool = False):
    """Run Datasette in this process (immutable unless `writable`); the index must be built first."""
    import tempfile

    from datasette.cli import cli

    check_index(db)
    meta = Path(tempfile.mkdtemp(prefix="vnmetrics-")) / "metadata.json"
    meta.write_text(json.dumps(metadata(db), ensure_ascii=False, indent=1), encoding="utf-8")
    args = ["serve", "--metadata", str(meta), "--host", host, "--port", str(port),
            "--setting", "facet_time_limit_ms", "1000", "--setting", "sql_time_limit_ms", "5000"]
    args += [str(db)] if writable else ["-i", str(db)]
    cli.main(args, prog_name="vnmetrics serve", standalone_mode=True)
