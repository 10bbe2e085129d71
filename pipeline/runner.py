"""Run the extraction over many documents: bounded batches, N processes, resumable.

Documents stream from the readers in batches of `batch_size` (to the workers
as tasks of at most `TASK_DOCS`); a bounded number are in flight, so memory
stays flat however large the archive. Each finished batch is written in one
transaction, so a run killed at any moment restarts where it stopped:
documents whose content hash is already stored are skipped.

Nothing disappears silently. A document id read twice keeps its first
document (re-runs give the same result) and every repeat is reported; each
document has a time budget (`budget_for`), past which it is reported and
skipped while the rest is stored; every skipped record is reported, counted by
reason in `RunStats` and, with a database, written to its `errors` table.
"""
from __future__ import annotations

import collections
import ctypes
import gc
import itertools
import json
import math
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field

from .extract import extract_document
from .readers import InputError, note_to_stderr, read_documents, report_to_stderr
from .store import Store, fact_dict, fact_row, normalized_hash
from .text import nfc

# Per-document time budget: BASE seconds plus one second per CHARS characters
# (extraction reads ~1.5 M characters a second, so only a runaway document hits it).
BUDGET_BASE = 30.0
BUDGET_CHARS = 250_000

# Documents per worker task. A batch (one transaction) of more documents is sent to the workers as
# several tasks of about this size and stored whole when they are all back: fewer, larger transactions
# cost the parent less (the site's search rows, index pages and WAL frames are written once per
# transaction), while small tasks keep both workers busy to the end of the input.
TASK_DOCS = 64

# Inputs that are wrong (the exit status says so); the other kinds are the tool's choices.
INPUT_KINDS_OK = {"id collision", "over time budget", "extraction failed"}


@dataclass
class RunStats:
    documents: int = 0       # documents extracted (and stored / written) in this run
    skipped: int = 0         # already stored (same id and content): resume
    facts: int = 0
    errors: int = 0          # records not stored, all reasons
    seconds: float = 0.0
    characters: int = 0
    read: int = 0            # documents read from the input
    ignored: int = 0         # files in the folders given that are no input
    collisions: int = 0      # ids read again (the first document is kept)
    reasons: collections.Counter = field(default_factory=collections.Counter)
    converted: int = 0       # documents read from a legacy encoding

    @property
    def input_errors(self) -> int:
        """Skips caused by bad input (not by a repeated id or the time budget)."""
        return sum(n for k, n in self.reasons.items() if k not in INPUT_KINDS_OK)

    def summary(self) -> str:
        why = ", ".join(f"{k} {n}" for k, n in self.reasons.most_common())
        return (f"{self.read} documents read: {self.documents} stored, {self.facts} facts, {self.skipped} already stored,"
                f" {self.errors} skipped{f' ({why})' if why else ''}, {self.ignored} ignored files,"
                f" {self.collisions} id collisions, {self.seconds:.1f}s")


def repeated_id(path, line, doc_id: str, first_where: str, same_text: bool) -> InputError:
    """The report of a document id read again (both engines keep the first)."""
    same = "the same text" if same_text else "different text"
    return InputError(path, line, f"id {doc_id!r} was already read from {first_where} ({same}): the first is kept",
                      kind="id collision")


class OverBudget(Exception):
    pass


def budget_for(text: str, base: float | None = BUDGET_BASE) -> float | None:
    return None if not base else base + len(text) / BUDGET_CHARS


def _on_alarm(signum, frame):
    raise OverBudget()


_warm = False


def _extract_timed(doc: dict, base: float | None):
    """Facts of one document, or raises `OverBudget` past its time: SIGALRM in a
    main thread, a timer thread elsewhere (a Dask worker runs tasks in a thread)."""
    global _warm
    seconds = budget_for(doc["text"], base)
    if not seconds:
        return extract_document(doc)
    if not _warm:  # patterns compile on first use: not the document's time
        extract_document({"id": "warm-up", "text": "Năm 2020, Công ty A đạt doanh thu 5 tỷ đồng, tăng 3%."})
        _warm = True
    if threading.current_thread() is not threading.main_thread():
        with _ThreadBudget(seconds):
            return extract_document(doc)
    old = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return extract_document(doc)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


class _ThreadBudget:
    """A time budget for code running outside the main thread, where SIGALRM cannot
    reach: a timer thread raises `OverBudget` in the budgeted thread (delivered
    between two Python bytecodes; extraction's regexes are bounded, so it arrives)."""

    def __init__(self, seconds: float):
        self.thread = ctypes.c_ulong(threading.get_ident())
        self.lock = threading.Lock()
        self.done = False
        self.timer = threading.Timer(seconds, self._fire)
        self.timer.daemon = True

    def _fire(self):
        with self.lock:
            if not self.done:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(self.thread, ctypes.py_object(OverBudget))

    def __enter__(self):
        self.timer.start()
        return self

    def __exit__(self, *exc):
        with self.lock:
            self.done = True
        self.timer.cancel()
        # an exception set just before `done` but not yet raised: cleared, the work finished in time
        ctypes.pythonapi.PyThreadState_SetAsyncExc(self.thread, None)
        return False


def extract_checked(docs: list[dict], base: float | None = BUDGET_BASE, rows: bool = False) -> list:
    """For every document of a batch: its facts as dicts (as `store.fact_row`s when `rows`), or
    (kind, reason) when it failed or ran out of time (runs in a worker process)."""
    out = []
    for doc in docs:
        try:
            # a value beyond a float is no figure (and would not be JSON)
            found = [f for f in _extract_timed(doc, base) if math.isfinite(f.value)
                     and (f.value_max is None or math.isfinite(f.value_max))]
        except OverBudget:
            out.append(("over time budget", f"extraction took longer than its budget of"
                                            f" {budget_for(doc['text'], base):.1f} s: not stored"))
            continue
        except Exception as e:  # one bad document never stops an archive
            out.append(("extraction failed", f"extraction failed ({type(e).__name__}: {e}): not stored"))
            continue
        if rows:
            text = nfc(doc["text"])
            out.append([fact_row(f, text) for f in found])
        else:
            out.append([f.to_dict() for f in found])
    return out


def extract_batch(docs: list[dict]) -> list[list[dict]]:
    """The facts of every document of a batch; a failed document has none (the Dask engine)."""
    out = []
    for doc, res in zip(docs, extract_checked(docs)):
        if isinstance(res, tuple):
            print(f"vnmetrics: document {doc.get('id')!r}: {res[1]}", file=sys.stderr)
            res = []
        out.append(res)
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


class OutputError(Exception):
    """The JSONL output cannot be written (full disk, ...): one line, non-zero exit."""


class OutputClosed(Exception):
    """The reader of `--jsonl -` went away (`| head`): a normal end."""


def run(paths, db=None, jsonl=None, workers: int | None = None, batch_size: int = 1024,
        progress: bool | None = None, on_error=report_to_stderr, on_info=note_to_stderr,
        time_budget: float | None = BUDGET_BASE) -> RunStats:
    """Extract facts from every document under `paths` into SQLite and/or JSONL.

    Raises `store.StoreError` for a database that cannot be used, `OutputError` for
    JSONL that cannot be written, `OutputClosed` when stdout was closed."""
    if batch_size < 1:
        raise ValueError(f"--batch-size must be at least 1 (got {batch_size})")
    stats = RunStats()
    t0 = time.perf_counter()
    workers = workers or os.cpu_count() or 1
    store = Store(db, write=True) if db else None
    if store:
        _follow(store)
    known = store.known_hashes() if store else {}
    seen: dict = {}  # id -> (content hash, where first read)
    pending_errors: list = []

    def counted_error(err: InputError, doc_id=None):
        stats.errors += 1
        stats.reasons[err.kind] += 1
        pending_errors.append((err.path, None if err.line is None else str(err.line), doc_id, err.kind, err.reason))
        on_error(err)

    def info(what, detail):
        if what == "ignored":
            stats.ignored += 1
        elif what == "note":
            stats.converted += 1
        on_info(what, detail)

    def fresh(docs):
        for doc in docs:
            stats.read += 1
            doc_id, (text, h) = str(doc["id"]), normalized_hash(doc["text"])
            where = doc.get("_where") or doc.get("source") or "?"
            path, line = doc.get("_file") or where, doc.get("_line")
            first = seen.get(doc_id)
            if first is not None:
                stats.collisions += 1
                counted_error(repeated_id(path, line, doc_id, first[1], first[0] == h), doc_id)
                continue
            seen[doc_id] = (h, where)
            if known and known.get(doc_id) == h:
                stats.skipped += 1
                continue
            doc["_hash"], doc["_nfc"] = h, text   # the store's, not computed again
            yield doc

    out = _open_output(jsonl)
    docs = fresh(read_documents(paths, counted_error, info))
    bar = _progress(progress)
    frozen = False
    try:
        if workers > 1:
            # Workers get what extraction reads of a document and send back only facts (`store.fact_row`s):
            # the texts stay here. A batch goes out as `per_batch` tasks of at most TASK_DOCS documents
            # (never more than `batch_size` in all).
            per_batch = -(-batch_size // TASK_DOCS)
            in_flight: collections.deque = collections.deque()

            def remembered(tasks):
                for t in tasks:
                    in_flight.append(t)
                    yield [{k: d[k] for k in _SENT if k in d} for d in t]

            ctx = mp.get_context("fork")
            # What is alive now (modules, compiled patterns, the lexicon) lives as long as the run: out of the
            # collector's sight while it lasts, so the parent's full collections walk only the run's objects,
            # and the forked workers start with them set aside too (see `settle_heap`).
            gc.freeze()
            frozen = True
            with ctx.Pool(workers) as pool:
                batch: list = []
                tasks = 0
                for facts in pool.imap(_Checked(time_budget), remembered(_batches(docs, batch_size // per_batch))):
                    batch += zip(in_flight.popleft(), facts)
                    tasks += 1
                    if tasks == per_batch:
                        _consume(batch, store, out, stats, bar, counted_error, pending_errors)
                        batch, tasks = [], 0
                if batch:
                    _consume(batch, store, out, stats, bar, counted_error, pending_errors)
        else:
            check = _Checked(time_budget)
            for batch in _batches(docs, batch_size):
                _consume(list(zip(batch, check(batch))), store, out, stats, bar, counted_error, pending_errors)
        if store:
            _flush_errors(store, pending_errors)
    finally:
        if frozen:
            gc.unfreeze()   # a caller's later garbage (and this run's) is collected as usual
        if bar:
            bar.stop()
        if store:
            try:
                store.checkpoint()
            except Exception:
                pass  # a locked or failing database is reported by the caller's error
            # closed now, not whenever the collector finds the store: the index build after a run switches the
            # file out of WAL, which needs every other connection closed
            store.db.conn.close()
        _close_output(out, jsonl)
    stats.seconds = time.perf_counter() - t0
    return stats


def _follow(store) -> None:
    """Have the site's index follow the run batch by batch when it can (`site.follow_run`)."""
    import sqlite3

    from .site import follow_run, index_batch
    from .store import describe

    try:
        if follow_run(store.db.conn):
            store.after_batch = index_batch
    except sqlite3.Error as e:
        raise describe(e, store.path) from None


# what `extract_document` reads of a document: all a worker is sent
_SENT = ("id", "text", "title", "date", "url")


class _Checked:
    """`extract_checked` giving `store.fact_row`s, with a time budget, picklable for the worker pool."""

    def __init__(self, base):
        self.base = base

    def __call__(self, docs):
        facts = extract_checked(docs, self.base, rows=True)
        settle_heap()
        return facts


_settled = False


def settle_heap() -> None:
    """Once per process, after its first batch: move what reading built so far (compiled patterns,
    memos of words and phrases, the lexicon) out of the collector's sight with `gc.freeze`. Those
    objects live as long as the process, yet every full collection walked them again: about a tenth
    of the extraction's time. Later garbage is collected as usual."""
    global _settled
    if not _settled:
        _settled = True
        gc.freeze()


def _flush_errors(store, pending):
    if pending:
        store.write_errors(pending)
        pending.clear()


def _consume(results, store, out, stats, bar, counted_error, pending_errors):
    good = []
    for doc, res in results:
        if isinstance(res, tuple):
            kind, reason = res
            counted_error(InputError(doc.get("_file") or doc.get("source") or "?", doc.get("_line"),
                                     f"document {doc['id']!r}: {reason}", kind=kind), str(doc["id"]))
            continue
        good.append((doc, res))
    if store:
        from .store import describe
        import sqlite3

        try:
            store.write_rows(good)
            _flush_errors(store, pending_errors)
        except sqlite3.Error as e:
            raise describe(e, store.path) from None
    for doc, facts in good:
        stats.documents += 1
        stats.characters += len(doc["text"])
        stats.facts += len(facts)
        if out is not None:
            text, url = doc.get("_nfc") or nfc(doc["text"]), doc.get("url")
            _write_lines(out, [json.dumps(fact_dict(f, text, url), ensure_ascii=False, allow_nan=False) + "\n"
                               for f in facts])
    if bar:
        bar.update(stats)


def _open_output(jsonl):
    if not jsonl:
        return None
    if jsonl == "-":
        return sys.stdout
    try:
        return open(jsonl, "w", encoding="utf-8")
    except OSError as e:
        raise OutputError(f"{jsonl}: cannot write ({e.strerror or e}); check the path") from None


def _write_lines(out, lines):
    try:
        out.writelines(lines)
    except BrokenPipeError:
        _silence_stdout()
        raise OutputClosed() from None
    except OSError as e:
        raise OutputError(f"{getattr(out, 'name', '-')}: cannot write ({e.strerror or e})") from None


def _close_output(out, jsonl):
    if out is None:
        return
    try:
        if out is sys.stdout:
            out.flush()
        else:
            out.close()
    except BrokenPipeError:
        _silence_stdout()
        raise OutputClosed() from None
    except OSError as e:
        if out is not sys.stdout:
            try:
                out.close()
            except OSError:
                pass
        raise OutputError(f"{jsonl}: cannot write ({e.strerror or e})") from None


def _silence_stdout():
    """After a closed pipe, point stdout at /dev/null so the interpreter's last flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


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
