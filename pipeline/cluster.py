"""The Dask engine: the same extraction on a Dask cluster, facts as Parquet shards.

The input is cut into partitions (`readers.partitions`); each Dask task reads
its partition on the worker, runs `extract_document` on every document and
writes two Parquet files, `documents/<partition>.parquet` and
`facts/<partition>.parquet`, renamed into place only when complete. A shard
that exists is a partition done, so a rerun of the same command resumes.
`load_shards` merges the shards into SQLite through the same `Store` the
local engine writes with, so both engines give the same database.

Nothing disappears silently here either: a record a worker cannot read, a
document past its time budget or whose extraction failed, and an id read again
are written to `errors/<partition>.parquet` (ids repeated across partitions are
found at load, where every partition meets), then into the database's `errors`
table, once however often the shards are loaded.

Workers must see the input paths and the shard folder (a shared filesystem,
as usual on a cluster).
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .readers import InputError, Partition, partitions, read_partition, report_to_stderr
from .runner import BUDGET_BASE, INPUT_KINDS_OK, extract_checked, repeated_id
from .store import content_hash

# Fact fields that are lists: stored in Parquet as JSON text.
_LIST_FIELDS = ("org_aliases", "flags")
_DOC_FIELDS = ("id", "url", "title", "date", "source", "text", "_file", "_line")  # where read: for repeated ids
_ERROR_FIELDS = ("file", "line", "doc_id", "kind", "reason")


class SchedulerUnreachable(Exception):
    """No Dask scheduler answers at the address given."""


@dataclass
class ClusterStats:
    partitions: int = 0
    partitions_done_before: int = 0
    documents: int = 0
    facts: int = 0
    errors: list = field(default_factory=list)      # messages, one per skipped record
    input_errors: int = 0                           # of which the input's fault (the exit status says so)
    seconds: float = 0.0


def _error_row(err: InputError, doc_id=None) -> dict:
    return {"file": err.path, "line": None if err.line is None else str(err.line), "doc_id": doc_id,
            "kind": err.kind, "reason": err.reason}


def extract_partition(part: Partition, shards: str, time_budget: float | None = BUDGET_BASE) -> dict:
    """Runs on a Dask worker: read one partition, extract, write its shards."""
    import pandas as pd

    errors: list[dict] = []
    docs, seen = [], {}
    for doc in read_partition(part, lambda e: errors.append(_error_row(e))):
        first = seen.get(str(doc["id"]))
        if first is not None:  # within the partition; across partitions `load_shards` finds them
            err = repeated_id(doc.get("_file") or doc.get("source") or part.name, doc.get("_line"), str(doc["id"]),
                              first[1], first[0] == content_hash(doc["text"]))
            errors.append(_error_row(err, str(doc["id"])))
            continue
        seen[str(doc["id"])] = (content_hash(doc["text"]), _where(doc, part.name))
        docs.append(doc)
    kept, facts = [], []
    for doc, res in zip(docs, extract_checked(docs, time_budget)):
        if isinstance(res, tuple):
            kind, reason = res
            errors.append(_error_row(InputError(doc.get("_file") or doc.get("source") or part.name, doc.get("_line"),
                                                f"document {doc['id']!r}: {reason}", kind=kind), str(doc["id"])))
            continue
        kept.append(doc)
        facts.extend(res)
    doc_rows = [{k: (str(d.get(k)) if d.get(k) is not None else None) for k in _DOC_FIELDS} for d in kept]
    for f in facts:
        for k in _LIST_FIELDS:
            f[k] = json.dumps(f.get(k) or [], ensure_ascii=False)
    root = Path(shards)
    _write_atomic(pd.DataFrame(doc_rows, columns=list(_DOC_FIELDS)), root / "documents" / f"{part.name}.parquet")
    _write_atomic(pd.DataFrame(errors, columns=list(_ERROR_FIELDS), dtype=object),
                  root / "errors" / f"{part.name}.parquet")
    # the facts shard last: its presence marks the partition done
    _write_atomic(pd.DataFrame(facts), root / "facts" / f"{part.name}.parquet")
    return {"documents": len(kept), "facts": len(facts), "errors": errors}


def _where(doc: dict, default: str) -> str:
    return doc.get("_where") or doc.get("source") or default


def _write_atomic(df, path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    df.to_parquet(tmp, index=False)
    os.replace(tmp, path)


def run_dask(paths, shards, scheduler: str | None = None, workers: int | None = None,
             partition_size: int = 2000, on_error=report_to_stderr, progress=None,
             time_budget: float | None = BUDGET_BASE) -> ClusterStats:
    """Extract every document under `paths` on Dask into Parquet shards under `shards`.

    `scheduler`: address of a running scheduler (`tcp://host:8786`); None starts a
    `LocalCluster` of `workers` single-threaded processes for the run.
    """
    from dask.distributed import Client, LocalCluster, as_completed

    t0 = time.perf_counter()
    stats = ClusterStats()
    root = Path(shards).resolve()
    parts = partitions(paths, partition_size)
    stats.partitions = len(parts)
    todo = [p for p in parts if not (root / "facts" / f"{p.name}.parquet").exists()]
    stats.partitions_done_before = len(parts) - len(todo)
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as e:
            raise SchedulerUnreachable(f"{scheduler}: no Dask scheduler answers there ({type(e).__name__});"
                                       f" start one (`dask scheduler`) or leave out --scheduler for a local cluster"
                                       ) from None
    else:
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(extract_partition, todo, shards=str(root), time_budget=time_budget, pure=False)
        for fut in as_completed(futures):
            out = fut.result()
            stats.documents += out["documents"]
            stats.facts += out["facts"]
            for row in out["errors"]:
                where = f"{row['file']}:{row['line']}" if row["line"] else row["file"]
                message = f"{where}: {row['reason']}"
                stats.errors.append(message)
                stats.input_errors += row["kind"] not in INPUT_KINDS_OK
                on_error(message)
            if progress:
                progress(stats)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    stats.seconds = time.perf_counter() - t0
    return stats


def shard_names(shards) -> list[str]:
    """Finished partitions, in input order (the names sort as the input does)."""
    return sorted(p.stem for p in (Path(shards) / "facts").glob("*.parquet"))


def load_shards(shards, db, batch_size: int = 256, on_error=None) -> tuple[int, int]:
    """Merge Parquet shards into the SQLite store. Returns (documents, facts) written.

    Same `Store.write_batch` as the local engine: loading twice replaces, never duplicates.
    A document id already loaded from an earlier partition keeps the first (as the
    local engine does) and is reported through `on_error(message)` and the `errors` table.
    """
    import pandas as pd

    from .store import FACT_COLUMNS, Store

    root = Path(shards)
    names = shard_names(root)
    if not names:  # before the database is opened: a failed load leaves no empty database behind
        raise FileNotFoundError(f"{root}: no shards (expected {root}/facts/*.parquet)")
    store = Store(db, write=True)
    fact_ints = [k for k, t in FACT_COLUMNS.items() if t is int and k != "id"]
    logged = {tuple(r) for r in store.db.conn.execute("select file, line, doc_id, kind, reason from errors")}
    first_in: dict = {}  # document id -> (content hash, where it was first read)
    n_docs = n_facts = 0
    for name in names:
        repeats, docs = [], []
        for d in _records(pd.read_parquet(root / "documents" / f"{name}.parquet")):
            h = content_hash(d["text"])
            line = d.get("_line")
            where = f"{d.get('_file')}:{line}" if d.get("_file") and line else (d.get("_file") or d.get("source") or name)
            if d["id"] in first_in:
                err = repeated_id(d.get("_file") or where, line, d["id"], first_in[d["id"]][1], first_in[d["id"]][0] == h)
                repeats.append(_error_row(err, d["id"]))
                continue
            first_in[d["id"]] = (h, where)
            docs.append(d)
        facts = _records(pd.read_parquet(root / "facts" / f"{name}.parquet"), fact_ints)
        by_doc: dict = {}
        for f in facts:
            for k in _LIST_FIELDS:
                f[k] = json.loads(f[k]) if f.get(k) else []
            by_doc.setdefault(f["doc_id"], []).append(f)
        results = [(d, by_doc.get(d["id"], [])) for d in docs]
        for i in range(0, len(results), batch_size):
            n_facts += store.write_batch(results[i:i + batch_size])
        n_docs += len(results)
        new = [tuple(e[k] for k in _ERROR_FIELDS) for e in _shard_errors(root, name) + repeats]
        new = [r for r in new if r not in logged]
        if new:
            store.write_errors(new)
            logged.update(new)
        for e in repeats if on_error else ():
            on_error(f"{e['file']}:{e['line']}: {e['reason']}" if e["line"] else f"{e['file']}: {e['reason']}")
    store.checkpoint()
    return n_docs, n_facts


def _shard_errors(root: Path, name: str) -> list[dict]:
    import pandas as pd

    path = root / "errors" / f"{name}.parquet"
    return _records(pd.read_parquet(path)) if path.exists() else []  # shards of an older version have none


def _records(df, ints=()) -> list[dict]:
    """Rows as dicts with None for missing values, Python ints in the `ints` columns (Parquet made them floats)."""
    rows = df.astype(object).where(df.notna(), None).to_dict("records")
    for r in rows:
        for k in ints:
            if r.get(k) is not None:
                r[k] = int(r[k])
    return rows
