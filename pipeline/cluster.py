"""The Dask engine: the same extraction on a Dask cluster, facts as Parquet shards.

The input is cut into partitions (`readers.partitions`); each Dask task reads
its partition on the worker, runs `extract_document` on every document and
writes two Parquet files, `documents/<partition>.parquet` and
`facts/<partition>.parquet`, renamed into place only when complete. A shard
that exists is a partition done, so a rerun of the same command resumes.
`load_shards` merges the shards into SQLite through the same `Store` the
local engine writes with, so both engines give the same database.

Workers must see the input paths and the shard folder (a shared filesystem,
as usual on a cluster).
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .readers import Partition, partitions, read_partition, report_to_stderr
from .runner import extract_batch

# Fact fields that are lists: stored in Parquet as JSON text.
_LIST_FIELDS = ("org_aliases", "flags")
_DOC_FIELDS = ("id", "url", "title", "date", "source", "text")


class SchedulerUnreachable(Exception):
    """No Dask scheduler answers at the address given."""


@dataclass
class ClusterStats:
    partitions: int = 0
    partitions_done_before: int = 0
    documents: int = 0
    facts: int = 0
    errors: list = field(default_factory=list)
    seconds: float = 0.0


def extract_partition(part: Partition, shards: str) -> dict:
    """Runs on a Dask worker: read one partition, extract, write its two shards."""
    import pandas as pd

    errors: list[str] = []
    docs = list(read_partition(part, lambda e: errors.append(str(e))))
    facts = [f for doc_facts in extract_batch(docs) for f in doc_facts]
    doc_rows = [{k: (str(d.get(k)) if d.get(k) is not None else None) for k in _DOC_FIELDS} for d in docs]
    for f in facts:
        for k in _LIST_FIELDS:
            f[k] = json.dumps(f.get(k) or [], ensure_ascii=False)
    root = Path(shards)
    _write_atomic(pd.DataFrame(doc_rows, columns=list(_DOC_FIELDS)), root / "documents" / f"{part.name}.parquet")
    # the facts shard last: its presence marks the partition done
    _write_atomic(pd.DataFrame(facts), root / "facts" / f"{part.name}.parquet")
    return {"documents": len(docs), "facts": len(facts), "errors": errors}


def _write_atomic(df, path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    df.to_parquet(tmp, index=False)
    os.replace(tmp, path)


def run_dask(paths, shards, scheduler: str | None = None, workers: int | None = None,
             partition_size: int = 2000, on_error=report_to_stderr, progress=None) -> ClusterStats:
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
        futures = client.map(extract_partition, todo, shards=str(root), pure=False)
        for fut in as_completed(futures):
            out = fut.result()
            stats.documents += out["documents"]
            stats.facts += out["facts"]
            for message in out["errors"]:
                stats.errors.append(message)
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


def load_shards(shards, db, batch_size: int = 256) -> tuple[int, int]:
    """Merge Parquet shards into the SQLite store. Returns (documents, facts) written.

    Same `Store.write_batch` as the local engine: loading twice replaces, never duplicates.
    """
    import pandas as pd

    from .store import FACT_COLUMNS, Store

    root = Path(shards)
    names = shard_names(root)
    if not names:  # before the database is opened: a failed load leaves no empty database behind
        raise FileNotFoundError(f"{root}: no shards (expected {root}/facts/*.parquet)")
    store = Store(db, write=True)
    fact_ints = [k for k, t in FACT_COLUMNS.items() if t is int and k != "id"]
    n_docs = n_facts = 0
    for name in names:
        docs = _records(pd.read_parquet(root / "documents" / f"{name}.parquet"))
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
    store.checkpoint()
    return n_docs, n_facts


def _records(df, ints=()) -> list[dict]:
    """Rows as dicts with None for missing values, Python ints in the `ints` columns (Parquet made them floats)."""
    rows = df.astype(object).where(df.notna(), None).to_dict("records")
    for r in rows:
        for k in ints:
            if r.get(k) is not None:
                r[k] = int(r[k])
    return rows
