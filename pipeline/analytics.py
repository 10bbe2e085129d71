"""Facts as pandas tables for analysts: load with filters, pivot one metric per organization and year.

`load_facts` reads the store (read-only) into a DataFrame whose dtypes say what
each column is, so it writes to Parquet, DuckDB and Polars as is. `metric_table`
turns one metric into the table an analyst expects: one row per organization,
one column per year (or period), one unit. A figure that several articles
repeat is one cell, not a sum or a mean; figures that do not agree (by the same
rounding and hedge rules as `vnmetrics verify`, `pipeline.compare`) stay
visible side by side, and every cell names the facts it comes from.
"""
from __future__ import annotations

import functools
import json
import sqlite3
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from . import patternbook
from .compare import interval, rounding_place
from .store import org_key

# Column order of the facts frame: who, when, what, how much, where from.
COLUMNS = ["id", "doc_id", "org_name", "org", "org_id", "year", "period", "metric_key", "metric", "class",
           "value", "value_max", "unit", "per", "approx", "change", "base", "kind", "quote", "sentence",
           "start", "end", "sentence_start", "sentence_end", "org_source", "time_source", "flags",
           "title", "url", "date"]
INTEGERS = ["year", "org_id", "start", "end", "sentence_start", "sentence_end"]   # nullable Int64
FLOATS = ["value", "value_max"]
CATEGORIES = ["class", "unit", "per", "approx", "change", "base", "kind", "org_source", "time_source"]
STRINGS = ["doc_id", "org_name", "org", "period", "metric_key", "metric", "quote", "sentence", "title", "url"]

ANY = "*"   # a filter value that selects everything (for `per`, `change`, `base`, `kind`)

# every stored column (one a later version adds comes along, after the known ones), the canonical name, the source
_SQL = """select f.*, coalesce(o.name, f.org) as org_name, d.title, d.url, d.date
from facts f join documents d on d.id = f.doc_id left join organizations o on o.id = f.org_id"""


def _connect(db) -> sqlite3.Connection:
    path = Path(db)
    if not path.is_file():
        raise FileNotFoundError(f"{db}: no such database (run `vnmetrics extract ... --db {db}` first)")
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        con.execute("select 1 from facts join documents limit 0")
    except sqlite3.Error as e:
        con.close()
        raise ValueError(f"{db}: not a vnmetrics database ({e})") from None
    return con


def _many(x) -> list:
    return [x] if isinstance(x, (str, int)) or not isinstance(x, Iterable) else list(x)


def load_facts(db, *, org=None, year=None, metric=None, metric_key=None, kind=None) -> pd.DataFrame:
    """The stored facts as a typed DataFrame, one row per fact (the database is opened read-only).

    Filters (each a value or a list of values): `org` any name or alias of an
    organization (the store's alias table; a name it does not know matches as
    a substring), `year`, `metric` words of the metric or a metric key,
    `metric_key` exact key, `kind` (`actual`, `estimate`, `target`).
    `org_name` is the organization's canonical name (one per organization,
    whatever alias the article used); `org` is the name as the article wrote it.
    """
    where, params = [], []
    con = _connect(db)
    try:
        if org is not None:
            alts = []
            for name in _many(org):
                hit = con.execute("select id from org_names where key = ?", (org_key(name),)).fetchone()
                if hit:
                    alts.append("f.org_id = ?")
                    params.append(hit[0])
                else:
                    alts.append("(f.org like ? or o.name like ?)")
                    params += [f"%{name}%"] * 2
            where.append("(" + " or ".join(alts) + ")")
        if year is not None:
            years = [int(y) for y in _many(year)]
            where.append(f"f.year in ({', '.join('?' * len(years))})")
            params += years
        if metric is not None:
            alts = []
            for words in _many(metric):
                alts.append("(f.metric like ? or f.metric_key = ?)")
                params += [f"%{words}%", words]
            where.append("(" + " or ".join(alts) + ")")
        for column, wanted in (("metric_key", metric_key), ("kind", kind)):
            if wanted is not None and wanted != ANY:
                values = _many(wanted)
                where.append(f"f.{column} in ({', '.join('?' * len(values))})")
                params += values
        sql = _SQL + (" where " + " and ".join(where) if where else "") + " order by f.doc_id, f.start, f.id"
        frame = pd.read_sql_query(sql, con, params=params)
    finally:
        con.close()
    frame["flags"] = frame["flags"].map(lambda s: json.loads(s) if isinstance(s, str) and s else [])
    return with_dtypes(frame)


def with_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """The facts frame's dtypes on any frame of its columns (read back from CSV or JSON lines, say).

    Nullable Int64 for years and offsets, categoricals for the short vocabularies,
    strings as written (the period too: `2017-Q3`), `date` as a day, `flags` a list."""
    out = frame.copy()
    if "id" in out:
        out["id"] = out["id"].astype("int64")
    for c in INTEGERS:
        if c in out:
            out[c] = pd.to_numeric(out[c]).astype("Int64")
    for c in FLOATS:
        if c in out:
            out[c] = pd.to_numeric(out[c]).astype("float64")
    if "per" in out:
        out["per"] = out["per"].where(out["per"].notna(), "")  # "" is FACTS.md's "no denominator"
    for c in CATEGORIES:
        if c in out:
            text = out[c].astype("str").where(out[c].notna(), None)
            # categories typed as strings even when a filter left none: Parquet readers then see strings
            labels = pd.Index(sorted(text.dropna().unique()), dtype="str")
            out[c] = text.astype(pd.CategoricalDtype(labels))
    for c in STRINGS:
        if c in out:
            out[c] = out[c].astype("str").where(out[c].notna(), None)
    if "date" in out:
        day = out["date"].astype("str").str.slice(0, 10).where(out["date"].notna(), None)
        out["date"] = pd.to_datetime(day, format="%Y-%m-%d", errors="coerce").astype("datetime64[us]")
    if "flags" in out:
        out["flags"] = out["flags"].map(_as_list)
    return out[[c for c in COLUMNS if c in out] + [c for c in out if c not in COLUMNS]]


def _as_list(x) -> list:
    if isinstance(x, str):
        return list(json.loads(x)) if x.strip() else []
    if x is None or (not hasattr(x, "__len__") and pd.isna(x)):
        return []
    return [str(v) for v in x]


# --- units -----------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _unit_words() -> tuple[dict, dict]:
    scales = {_norm(k): float(v) for k, v in patternbook.load("scales")["scales"].items()}
    units = {}
    for cls in ("money", "ratio", "measure"):
        for canonical, forms in patternbook.load("units")[cls].items():
            for form in [canonical, *forms]:
                units.setdefault(_norm(str(form)), str(canonical))
    return scales, units


def _norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).casefold().split())


def parse_unit(unit: str) -> tuple[str, float]:
    """A display unit as (stored unit, factor): `tỷ đồng` -> ("VND", 1e9), `triệu USD` -> ("USD", 1e6).

    Scale words and unit names are those of patterns/scales.yaml and units.yaml;
    a word that is no known unit is taken as a counted noun (`nghìn người`)."""
    scales, units = _unit_words()
    text = _norm(unit)
    factor = 1.0
    for word in sorted(scales, key=len, reverse=True):
        if text.startswith(word + " "):
            factor, text = scales[word], text[len(word) + 1:]
            break
    if not text or text in scales:
        raise ValueError(f"unit {unit!r}: a scale word needs a unit after it (`tỷ đồng`, `triệu USD`)")
    return units.get(text, text), factor


# --- the table -------------------------------------------------------------------------------------

def _select(df: pd.DataFrame, metric_key, metric, kind, per, change, base) -> pd.DataFrame:
    keep = pd.Series(True, index=df.index)
    if metric_key is not None:
        keep &= df["metric_key"].isin(_many(metric_key))
    if metric is not None:
        words = df["metric"].fillna("").str.lower()
        keep &= words.str.contains(metric.lower(), regex=False) | (df["metric_key"] == metric).fillna(False)
    for column, wanted in (("kind", kind), ("per", per), ("change", change), ("base", base)):
        if wanted == ANY:
            continue
        if wanted is None or (column == "per" and wanted == ""):
            keep &= df[column].isna() | (df[column].astype("object") == "")
        else:
            keep &= df[column].astype("object").isin(_many(wanted))
    return df[keep.fillna(False).astype(bool)]


def _groups(rows: list[dict]) -> list[list[dict]]:
    """Figures that agree (their rounding/hedge intervals share a point) in one group each."""
    groups: list[tuple[list, list]] = []   # ([lo, hi] common to all members, members)
    for f in sorted(rows, key=lambda r: (r["value"], r["id"])):
        lo, hi = interval(f)
        for span, members in groups:
            if lo <= span[1] and span[0] <= hi:
                span[0], span[1] = max(span[0], lo), min(span[1], hi)
                members.append(f)
                break
        else:
            groups.append(([lo, hi], [f]))
    return [members for _, members in groups]


def _best(members: list[dict]) -> dict:
    """The most precise statement of a figure: exact before hedged, a point before a range, more digits first."""
    return min(members, key=lambda f: (f.get("approx") is not None, f.get("value_max") is not None,
                                       rounding_place(f["value"], f.get("quote")), f["id"]))


def metric_cells(df: pd.DataFrame, metric_key=None, *, metric=None, kind="actual", unit=None, by="year",
                 per="", change=None, base=None) -> pd.DataFrame:
    """One row per organization and year (or period): the tidy form of `metric_table`, with provenance.

    Columns: `org` (canonical name), `year`/`period`, `value` (in `unit`; NaN when
    the figures disagree), `values` (one per distinct figure, in `unit`),
    `disputed`, `fact_ids` and `value_fact_ids` (the facts behind each of
    `values`), `n_facts`, `n_documents`. With `by="year"` only figures about the
    whole year count (period the year or none); `by="period"` has a column for
    `2021-Q1`, `2021-9M`... Levels only by default: `change=None`,
    `base=None`, `per=""` select figures that are no change, against no base, per
    nothing; pass a value or `"*"` (any) to choose otherwise.
    """
    if by not in ("year", "period"):
        raise ValueError(f"by={by!r}: 'year' or 'period'")
    of_metric = _select(df, metric_key, metric, ANY, ANY, ANY, ANY)
    picked = _select(of_metric, None, None, kind, per, change, base)
    picked = picked[picked["org_name"].notna() & picked[by].notna()]
    if by == "year":  # a column per year holds whole-year figures, not a quarter's or nine months'
        picked = picked[picked["period"].isna() | (picked["period"] == picked["year"].astype("str"))]
    if unit is None:
        stored = sorted(picked["unit"].dropna().astype(str).unique())
        if len(stored) > 1:
            raise ValueError(f"the facts have several units ({', '.join(stored)}): pass unit=")
        base_unit, factor, unit = (stored[0] if stored else None), 1.0, (stored[0] if stored else None)
    else:
        base_unit, factor = parse_unit(unit)
        stored = set(of_metric["unit"].dropna().astype(str))
        if stored and base_unit not in stored:  # a unit none of these facts has: a typo or the wrong metric
            raise ValueError(f"unit {unit!r} is {base_unit!r}; these facts are in {', '.join(sorted(stored))}")
        picked = picked[picked["unit"].astype("object") == base_unit]
    cells = []
    for (org, key), part in picked.groupby(["org_name", by], sort=True, observed=True):
        rows = [{k: (None if _missing(v) else v) for k, v in r.items()} for r in part.to_dict("records")]
        groups = sorted(_groups(rows), key=lambda g: _best(g)["value"])
        values = [float(f"{_best(g)['value'] / factor:.12g}") for g in groups]  # 112.3, not 112.30000000000001
        cells.append({"org": org, by: key, "value": values[0] if len(values) == 1 else float("nan"),
                      "values": values, "disputed": len(values) > 1,
                      "fact_ids": sorted(int(r["id"]) for r in rows),
                      "value_fact_ids": [sorted(int(r["id"]) for r in g) for g in groups],
                      "n_facts": len(rows), "n_documents": part["doc_id"].nunique()})
    out = pd.DataFrame(cells, columns=["org", by, "value", "values", "disputed", "fact_ids", "value_fact_ids",
                                       "n_facts", "n_documents"])
    out[by] = out[by].astype("Int64" if by == "year" else "str")
    out["disputed"] = out["disputed"].astype(bool)
    out.attrs.update({"metric_key": metric_key, "metric": metric, "kind": kind, "unit": unit})
    return out


def metric_table(df: pd.DataFrame, metric_key=None, *, metric=None, kind="actual", unit=None, by="year",
                 per="", change=None, base=None, disputed="list") -> pd.DataFrame:
    """One row per organization, one column per year (or period), values in one `unit`.

        >>> metric_table(load_facts("facts.db"), metric_key="revenue", kind="actual", unit="tỷ đồng")

    A figure repeated by several articles (equal within the rounding each wrote)
    is one value. Figures that disagree are not averaged: with `disputed="list"`
    the cell holds the list of distinct figures, with `"nan"` it is NaN. Where
    each cell comes from: `table.attrs["fact_ids"][(org, year)]` (fact ids, the
    `id` column of `load_facts`), `table.attrs["disputed"]` (cells with several
    figures: `{(org, year): {value: [ids]}}`); `metric_cells` gives the same as
    a tidy frame. Other arguments as in `metric_cells`.
    """
    if disputed not in ("list", "nan"):
        raise ValueError(f"disputed={disputed!r}: 'list' or 'nan'")
    cells = metric_cells(df, metric_key, metric=metric, kind=kind, unit=unit, by=by, per=per,
                         change=change, base=base)
    shown = cells["value"].astype(object)
    if disputed == "list":
        shown = shown.where(~cells["disputed"], cells["values"])
    table = (cells.assign(shown=shown).pivot(index="org", columns=by, values="shown")
             if not cells.empty else pd.DataFrame(index=pd.Index([], name="org")))
    table.columns.name = by
    if disputed == "nan" or not cells["disputed"].any():
        table = table.astype("float64")
    table.attrs.update(cells.attrs)
    table.attrs["fact_ids"] = {(r.org, _plain(getattr(r, by))): tuple(r.fact_ids) for r in cells.itertuples()}
    table.attrs["disputed"] = {(r.org, _plain(getattr(r, by))): dict(zip(r.values, map(tuple, r.value_fact_ids)))
                               for r in cells.itertuples() if r.disputed}
    return table


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and v != v) or v is pd.NA or v is pd.NaT


def _plain(x):
    return int(x) if isinstance(x, (int,)) or hasattr(x, "item") else x
