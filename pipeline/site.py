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
  missing or stale index and says which command builds it);
- `vnmetrics_pending`: the documents whose facts changed since (kept by triggers), so
  that the next build redoes only their rows.
`metadata` gives titles, facets, canned queries; the glossary, the chart and the
source view are pages of the plugin `pipeline.datasette_plugin`.
"""
from __future__ import annotations

import functools
import json
import sqlite3
import time
import unicodedata
from pathlib import Path

from .conflicts import find_conflicts, save_conflicts
from .compare import reading
from .display import format_value, kind_word, period_label, short_title
from .store import BUSY_TIMEOUT, PENDING, PENDING_TRIGGERS, Store, sqlite_utils

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


# Both tables are filled by one `insert ... select` each: SQLite copies the stored fields itself and calls
# back into Python (functions `_register` adds) only for what is written for a reader; a third cheaper
# than building every row in Python, and SQLite's share runs without the interpreter lock.
_FROM = ("from facts f join documents d on d.id = f.doc_id left join organizations o on o.id = f.org_id")
# `compare.reading` of the fact: asked of Python only when it can differ from the stored change (a change
# not in %, pp or times: the test `reading` itself makes first)
_READING = ("case when f.change <> '' and coalesce(f.unit, '') not in ('%', 'pp', 'times') "
            "then vn_reading(f.change, f.unit, f.sentence, f.start, f.sentence_start) else f.change end")
_FIGURES_SELECT = (
    f"insert into figures ({', '.join(FIGURE_COLUMNS)}) select f.id, coalesce(o.name, f.org), "
    f"vn_period(f.period, f.year), f.metric, "
    f"vn_value(f.value, f.value_max, f.unit, f.per, f.base, f.approx, {_READING}), vn_kind(f.kind), f.quote, "
    f"vn_source(d.title, f.doc_id), f.year, f.metric_key, f.unit, f.value, f.value_max, {_READING}, f.base, f.per, "
    f"f.doc_id, d.date {_FROM}")
_FTS_SELECT = ("insert into facts_fts (rowid, sentence, quote, metric, org, folded) select f.id, f.sentence, f.quote, "
               "f.metric, coalesce(o.name, f.org), vn_folded(f.sentence, f.metric, coalesce(o.name, f.org)) " + _FROM)


def _register(conn) -> None:
    """The SQL functions of `_FIGURES_SELECT` and `_FTS_SELECT`, with their memos (a value's text by what
    `format_value` reads; an article's title and a sentence's folding once, as a document's facts come
    together). `value` and `change` read a change written as the new level (`tăng 41%, lên 91 nghìn tỷ`)
    as a level; the raw reading stays in `facts`. Folding joined parts is joining folded parts: the
    separator keeps them apart."""
    values, last_title, last_fold, names = {}, [None, None], [None, None], {}
    last_reading = [None, None]   # a row asks twice (its value's words, its `change`) with the same fields

    def value(v, hi, unit, per, base, approx, change):
        key = (v, hi, unit, per, base, approx, change)
        text = values.get(key)
        if text is None:
            if len(values) > 100_000:
                values.clear()
            text = values[key] = format_value({"value": v, "value_max": hi, "unit": unit, "per": per, "base": base,
                                               "approx": approx, "change": change})
        return text

    def source(title, doc_id):
        if last_title[0] != (title, doc_id):
            last_title[:] = [(title, doc_id), short_title(title, doc_id)]
        return last_title[1]

    def folded(sentence, metric, org):
        if sentence and last_fold[0] != sentence:
            last_fold[:] = [sentence, fold(sentence)]
        parts = [last_fold[1]] if sentence else []
        for x in (metric, org):   # a few thousand metrics and names, folded once each
            if x:
                folded_x = names.get(x)
                if folded_x is None:
                    if len(names) > 100_000:
                        names.clear()
                    folded_x = names[x] = fold(x)
                parts.append(folded_x)
        return " ".join(parts)

    def read(change, unit, sentence, start, s0):
        key = (change, unit, sentence, start, s0)
        if last_reading[0] != key:
            last_reading[:] = [key, reading({"change": change, "unit": unit, "sentence": sentence, "start": start,
                                             "sentence_start": s0})]
        return last_reading[1]

    @functools.lru_cache(maxsize=4096)   # a few hundred periods and kinds in an archive
    def period_of(p, year):
        return period_label({"period": p, "year": year})

    for name, n, fn in (
            ("vn_reading", 5, read), ("vn_period", 2, period_of),
            ("vn_kind", 1, functools.lru_cache(maxsize=64)(kind_word)), ("vn_value", 7, value),
            ("vn_source", 2, source), ("vn_folded", 3, folded)):
        conn.create_function(name, n, fn, deterministic=True)


_FIGURE_INDEXES = (["org"], ["year"], ["metric_key"], ["doc_id"], ["kind"], ["unit"])

# past this share of the stored documents (and this many), rebuilding whole costs less than replacing
# rows one by one
_INCREMENTAL_SHARE, _INCREMENTAL_MIN = 0.25, 1000


class _Stale(Exception):
    """The index cannot be brought up to date row by row: build it whole."""


def _pending(conn) -> list[str] | None:
    """The documents to re-index when the index is complete but for them; None when it must be built whole
    (missing, interrupted, built by a version without the triggers, or most documents changed)."""
    names = {r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'trigger')")}
    if not {"figures", "facts_fts", "vnmetrics_index", PENDING, *PENDING_TRIGGERS} <= names:
        return None
    built = conn.execute("select facts from vnmetrics_index").fetchone()
    if not built or built[0] != conn.execute("select count(*) from figures").fetchone()[0]:
        return None
    docs = [r[0] for r in conn.execute(f"select doc_id from {PENDING}")]
    if len(docs) > max(_INCREMENTAL_MIN, _INCREMENTAL_SHARE * conn.execute("select count(*) from documents").fetchone()[0]):
        return None
    return docs


def build_index(db, full: bool = False) -> dict:
    """Bring `figures`, `facts_fts` and `conflicts` up to date; returns counts, for the log.

    Only the rows of documents stored, replaced or touched (an organization merged) since the last build
    are redone when the index is otherwise complete; else (or `full`) the tables are built whole.
    Figures and search rows are written by a second thread while this one computes the next rows and
    then the conflicts: SQLite runs without the interpreter lock, so the two overlap on two cores.
    Conflicts are always found over the whole archive (a new figure can contradict any stored one)."""
    store = Store(db)   # WAL on, the store's schema ensured
    t0 = time.perf_counter()
    store.db.conn.close()
    conn = sqlite3.connect(str(db), timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT * 1000)}")
    n, incremental, found = None, None, {}
    for attempt in ("incremental", "full"):
        conn.execute("BEGIN IMMEDIATE")   # facts stay as they are until the index is committed
        try:
            docs = None if full or attempt == "full" else _pending(conn)
            if attempt == "incremental" and docs is None:
                conn.execute("ROLLBACK")
                continue
            n = _write_rows(conn, db, docs, found)
            conn.execute("COMMIT")
            incremental = docs is not None
            break
        except _Stale:
            conn.execute("ROLLBACK")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    conflicts = found["conflicts"] if "conflicts" in found else find_conflicts(db)
    save_conflicts(db, conflicts)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("delete from vnmetrics_index")
    conn.execute("insert into vnmetrics_index (built, facts, conflicts, seconds) values (?, ?, ?, ?)",
                 (time.strftime("%Y-%m-%d %H:%M:%S"), n, len(conflicts), round(time.perf_counter() - t0, 2)))
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # a plain rollback-journal file (no -wal/-shm beside it) for `serve` to open immutable;
    # the next write through Store turns WAL back on
    import gc

    gc.collect()   # the stores opened by find/save_conflicts hold their connections until collected (cycles)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.OperationalError:
        pass       # another process has it open: it stays in WAL, still readable
    conn.close()
    return {"facts": n, "conflicts": len(conflicts), "incremental": incremental}


def _create_tables(conn, doc_index: bool) -> None:
    """The index's tables (empty), the pending list and its triggers. The figures' indexes are built once
    the table is full (cheaper), but the one on `doc_id` when `doc_index`: replacing a document's rows
    batch by batch needs it."""
    db_ = sqlite_utils.Database(conn)
    db_["figures"].create({c: (int if c in ("id", "year") else float if c.startswith("number") else str)
                           for c in FIGURE_COLUMNS}, pk="id")
    if doc_index:
        db_["figures"].create_index(["doc_id"])
    conn.execute("create virtual table facts_fts using fts5(sentence, quote, metric, org, folded, "
                 "tokenize = 'unicode61 remove_diacritics 2')")
    db_["vnmetrics_index"].create({"built": str, "facts": int, "conflicts": int, "seconds": float})
    conn.execute(f"create table if not exists {PENDING} (doc_id text primary key)")
    for name, body in PENDING_TRIGGERS.items():
        conn.execute(f"create trigger if not exists {name} {body}")


def _write_rows(conn, db, docs, found) -> int:
    """Inside the caller's write transaction: the rows of `docs` replaced (all rows, built whole, when
    None), the triggers in place, the pending list emptied. Returns the number of figures. The conflicts
    are found meanwhile (into `found`) when there is much to write."""
    if docs is None:
        for name in ("figures", "facts_fts", "vnmetrics_index"):
            conn.execute(f"drop table if exists [{name}]")
        _create_tables(conn, doc_index=False)
    conn.execute("delete from vnmetrics_index")   # an index cut short by a crash is rebuilt whole
    _register(conn)
    if docs:
        _redo_pending(conn)
    # the figures' indexes once the rows are in: after a whole build, or a run the index followed from empty
    have = {r[0] for r in conn.execute("select name from sqlite_master where type = 'index' and tbl_name = 'figures'")}
    work = [_FIGURES_SELECT, _FTS_SELECT] if docs is None else []
    work += [f'CREATE INDEX "idx_figures_{c}"\n    ON "figures" ("{c}");' for (c,) in _FIGURE_INDEXES
             if f"idx_figures_{c}" not in have]   # the statement sqlite-utils' `create_index` writes
    if work:
        _while_conflicts(conn, db, found, work)
    n = conn.execute("select count(*) from figures").fetchone()[0]
    if docs is not None and n != conn.execute("select count(*) from facts").fetchone()[0]:
        raise _Stale()   # a change the triggers did not see (or `docs` cut short): built whole instead
    conn.execute(f"delete from {PENDING}")
    return n


def _redo_pending(conn) -> tuple[int, int]:
    """Inside the caller's write transaction: the figures and search rows of the pending documents
    replaced (the pending list is left as it is). Returns (rows removed, rows written)."""
    conn.execute(f"delete from facts_fts where rowid in (select id from figures where doc_id in "
                 f"(select doc_id from {PENDING}))")
    gone = conn.execute(f"delete from figures where doc_id in (select doc_id from {PENDING})").rowcount
    added = conn.execute(_FIGURES_SELECT + f" where f.doc_id in (select doc_id from {PENDING})").rowcount
    conn.execute(_FTS_SELECT + f" where f.doc_id in (select doc_id from {PENDING})")
    return gone, added


def follow_run(conn) -> bool:
    """At the start of a run (`runner.run`, on the store's connection): when the database has no facts yet,
    or an index complete but for its pending documents, the index follows the run: `index_batch`, inside
    each batch's transaction, writes the rows of what the batch changed, so the index is complete when the
    last batch is stored and the end (`build_index`) only finds the conflicts. Serially at the end, the rows
    of a whole archive cost ~30 s of wall time; spread over the run they overlap the extraction. Returns
    False (the index is built at the end, as before) for a database with facts but no usable index."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        live = _pending(conn) is not None
        if not live and not conn.execute("select 1 from facts limit 1").fetchone():
            for name in ("figures", "facts_fts", "vnmetrics_index"):
                conn.execute(f"drop table if exists [{name}]")
            _create_tables(conn, doc_index=True)
            conn.execute("insert into vnmetrics_index (built, facts, conflicts, seconds) values (null, 0, null, null)")
            live = True
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if live:
        _register(conn)
    return live


def index_batch(conn) -> bool:
    """Inside a batch's write transaction, after its facts (see `follow_run`): the rows of every pending
    document redone (those the batch stored or replaced, and those an organization merge touched), the
    pending list emptied. The index's count follows the rows; its conflicts are marked as not yet found
    (NULL), so `serve` refuses the database until `build_index` has run.

    The site's rows never stop a run: when writing them fails, they are undone (the facts stay, their
    documents stay pending) and False says to stop following; `build_index` at the end meets the same
    failure and reports it, as before."""
    if not conn.execute(f"select 1 from {PENDING} limit 1").fetchone():
        return True
    conn.execute("savepoint vnmetrics_rows")
    try:
        gone, added = _redo_pending(conn)
        conn.execute(f"delete from {PENDING}")
        conn.execute("update vnmetrics_index set facts = facts - ? + ?, conflicts = null", (gone, added))
    except sqlite3.Error as e:
        try:
            conn.execute("rollback to vnmetrics_rows")
            conn.execute("release vnmetrics_rows")
        except sqlite3.Error:
            raise e from None   # the transaction itself is gone (disk full...): the store reports it
        return False
    conn.execute("release vnmetrics_rows")
    return True


def _while_conflicts(conn, db, found, statements) -> None:
    """`statements` (every fact's rows into the empty tables, the figures' indexes) run by a thread while
    this one finds the conflicts (over the facts, which the caller's transaction does not change)."""
    import threading

    failed: list = []

    def write():
        try:
            for sql in statements:
                conn.execute(sql)
        except BaseException as e:   # raised again in the caller's thread
            failed.append(e)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        found["conflicts"] = find_conflicts(db)
    finally:
        writer.join()   # the caller rolls back on this connection only when the thread is done with it
    if failed:
        raise failed[0]


def check_index(db) -> None:
    """Raise IndexMissing when the site's tables are missing or older than the facts (read-only check).

    Opened immutable, as Datasette then opens it: a read-only open of a WAL database (what `extract`
    leaves) would create `-wal` and `-shm` files beside the database that `serve` must not write."""
    conn = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro&immutable=1", uri=True)
    try:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")}
        missing = [t for t in ("figures", "facts_fts", "conflicts", "vnmetrics_index") if t not in tables]
        if missing:
            raise IndexMissing(f"no {', '.join(missing)}")
        cur = conn.execute("select * from vnmetrics_index")
        row = cur.fetchone()
        built = dict(zip([d[0] for d in cur.description], row)) if row else {}
        n = conn.execute("select count(*) from facts").fetchone()[0]
        if built.get("facts") != n:
            raise IndexMissing(f"the index was built from {built.get('facts') or 0} facts, the database has {n}")
        # the rows followed a run (`index_batch`) whose conflicts were not found yet
        if "conflicts" in built and built["conflicts"] is None:
            raise IndexMissing("the conflicts were not found since facts were last stored")
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
            "--setting", "facet_time_limit_ms", "1000", "--setting", "sql_time_limit_ms", "5000",
            # six values per facet (`…` shows the rest): with Datasette's 30 the facet lists of a whole
            # archive push the table's first row below the first screen
            "--setting", "default_facet_size", "6"]
    args += [str(db)] if writable else ["-i", str(db)]
    cli.main(args, prog_name="vnmetrics serve", standalone_mode=True)
