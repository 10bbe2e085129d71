"""Facts to files other tools read as is: CSV, Parquet, JSON lines.

The frame written is `load_facts`'s, so each format carries the same columns;
`read_export` reads any of them back with the same dtypes (the round trip is
tested). Parquet keeps the types (nullable integers, categoricals as
dictionaries, `flags` a list of strings, `date` a timestamp) for pandas,
DuckDB and Polars; CSV writes `flags` as JSON text and empty fields for null.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from .analytics import load_facts, with_dtypes

FORMATS = ("csv", "parquet", "jsonl")
_SUFFIXES = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def format_of(path, fmt: str | None = None) -> str:
    """The format asked for, or the one the file name says (`facts.parquet`)."""
    if fmt:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r} ({', '.join(FORMATS)})")
        return fmt
    found = _SUFFIXES.get(Path(str(path)).suffix.lower())
    if not found:
        raise ValueError(f"{path}: say --format ({', '.join(FORMATS)}); the file name does not tell")
    return found


def export_facts(db, out, fmt: str | None = None, **filters) -> int:
    """Write the facts of `db` (filters as in `load_facts`) to `out` ('-' = stdout for csv/jsonl). Returns the count."""
    fmt = format_of(out, fmt)
    frame = load_facts(db, **filters)
    write_frame(frame, out, fmt)
    return len(frame)


def write_frame(frame: pd.DataFrame, out, fmt: str) -> None:
    if fmt == "parquet":
        if str(out) == "-":
            raise ValueError("Parquet is binary: give a file with --out")
        _parquet(frame, out)
        return
    text = _csv(frame) if fmt == "csv" else _jsonl(frame)
    if str(out) == "-":
        sys.stdout.write(text)
    else:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text, encoding="utf-8")


def _parquet(frame: pd.DataFrame, out) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    if "flags" in frame:  # a list of strings even when every list is empty (else list<null>)
        at = table.schema.get_field_index("flags")
        table = table.set_column(at, pa.field("flags", pa.list_(pa.string())),
                                 pa.array(frame["flags"].tolist(), type=pa.list_(pa.string())))
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, out)


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Values JSON and CSV can hold: the day as `YYYY-MM-DD`, nulls as None."""
    out = frame.astype(object).where(frame.notna(), None)
    if "date" in frame:
        out["date"] = frame["date"].dt.strftime("%Y-%m-%d").astype(object).where(frame["date"].notna(), None)
    return out


def _csv(frame: pd.DataFrame) -> str:
    out = _plain(frame)
    if "flags" in out:
        out["flags"] = frame["flags"].map(lambda v: json.dumps(list(v), ensure_ascii=False))
    return out.to_csv(index=False, lineterminator="\n")


def _jsonl(frame: pd.DataFrame) -> str:
    out = _plain(frame)
    lines = (json.dumps({k: _scalar(v) for k, v in row.items()}, ensure_ascii=False)
             for row in out.to_dict("records"))
    return "".join(line + "\n" for line in lines)


def _scalar(v):
    if hasattr(v, "item"):
        return v.item()
    if isinstance(v, (list, tuple)):
        return list(v)
    return v


def read_export(path, fmt: str | None = None) -> pd.DataFrame:
    """An exported file back as the facts frame (same columns and dtypes as `load_facts`)."""
    fmt = format_of(path, fmt)
    if fmt == "parquet":
        return with_dtypes(pd.read_parquet(path))
    if fmt == "csv":
        return with_dtypes(pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""]))
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return with_dtypes(pd.DataFrame(rows, columns=list(rows[0]) if rows else None))
