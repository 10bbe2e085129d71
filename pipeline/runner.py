"""Run the extraction over many documents: bounded batches, N processes, resumable.

Documents stream from the readers in batches of `batch_size`; at most
`2 * workers` batches are in flight, so memory stays flat however large the
archive. Each finished batch is written in one transaction, so a run killed
at any moment restarts where it stopped: documents whose content hash is
already stored are skipped.
"""
from __future__ import annotations

import collections
import itertools
import json
import multiprocessing as mp
import os
import sys
import time
from dataclasses import dataclass

from .extract import extract_document
from .readers import read_documents, report_to_stderr
from .store import Store, content_hash


@dataclass
class RunStats:
    documents: int = 0
    skipped: int = 0
    facts: int = 0
    errors: int = 0
    seconds: float = 0.0
    characters: int = 0


def extract_batch(docs: list[dict]) -> list[list[dict]]:
    """The facts of every document of a batch (runs in a worker process)."""
    out = []
    for doc in docs:
        try:
            out.append([f.to_dict() for f in extract_document(doc)])
        except Exception as e:  # one bad document never stops an archive
            print(f"vnmetrics: document {doc.get('id')!r} failed: {type(e).__name__}: {e}", file=sys.stderr)
            out.append([])
    return out


def process_batch(docs: list[dict]) -> list[tuple[dict, list[dict]]]:
    """(document, facts) for every document of a batch."""
    return list(zip(docs, extract_batch(docs)))


def _batches(docs, size):
    it = iter(docs)
    while True:
        batch = list(itertools.islice(it, size))
        if not batch:
            return
        yield batch


def run(paths, db=None, jsonl=None, workers: int | None = None, batch_size: int = 64,
        progress: bool | None = None, on_error=report_to_stderr) -> RunStats:
    """Extract facts from every document under `paths` into SQLite and/or JSONL."""
    stats = RunStats()
    t0 = time.perf_counter()
    workers = workers or os.cpu_count() or 1
    store = Store(db) if db else None
    known = store.known_hashes() if store else {}

    def counted_error(err):
        stats.errors += 1
        on_error(err)

    def fresh(docs):
        for doc in docs:
            if known and known.get(str(doc["id"])) == content_hash(doc["text"]):
                stats.skipped += 1
                continue
            yield doc

    out = None
    if jsonl:
        out = sys.stdout if jsonl == "-" else open(jsonl, "w", encoding="utf-8")
    batches = _batches(fresh(read_documents(paths, counted_error)), batch_size)
    bar = _progress(progress)
    try:
        if workers > 1:
            # Workers get documents and send back only facts: the texts stay here.
            in_flight: collections.deque = collections.deque()

            def remembered(batches):
                for b in batches:
                    in_flight.append(b)
                    yield b

            ctx = mp.get_context("fork")
            with ctx.Pool(workers) as pool:
                for facts in pool.imap(extract_batch, remembered(batches)):
                    _consume(list(zip(in_flight.popleft(), facts)), store, out, stats, bar)
        else:
            for results in map(process_batch, batches):
                _consume(results, store, out, stats, bar)
    finally:
        if bar:
            bar.stop()
        if store:
            store.checkpoint()
        if out is not None and out is not sys.stdout:
            out.close()
    stats.seconds = time.perf_counter() - t0
    return stats


def _consume(results, store, out, stats, bar):
    if store:
        store.write_batch(results)
    for doc, facts in results:
        stats.documents += 1
        stats.characters += len(doc["text"])
        stats.facts += len(facts)
        if out is not None:
            for f in facts:
                out.write(json.dumps(f, ensure_ascii=False) + "\n")
    if bar:
        bar.update(stats)


class _Bar:
    def __init__(self):
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.t0 = time.perf_counter()
        self.p = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                          console=None, transient=False)
        self.task = self.p.add_task("starting")
        self.p.start()

    def update(self, s: RunStats):
        rate = s.documents / max(1e-9, time.perf_counter() - self.t0)
        self.p.update(self.task, description=f"{s.documents} documents ({rate:.0f}/s), {s.facts} facts,"
                                             f" {s.skipped} already stored, {s.errors} unreadable")

    def stop(self):
        self.p.stop()


def _progress(flag):
    if flag is None:
        flag = sys.stderr.isatty()
    return _Bar() if flag else None
