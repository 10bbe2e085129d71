"""Read documents from paths: `.txt`, `.jsonl(.gz)`, `.html`, `.warc(.gz)`, and folders of them.

Streaming: a JSONL file is read line by line and a WARC archive record by
record, never whole. A piece that cannot be read (bad JSON, not UTF-8, no
`id`/`text`, a page with no article text) is reported as `file:line: reason`
(`file:record N` in a WARC) through `on_error` and skipped; the rest goes on.

Ids: a JSONL/WARC record keeps its own; a `.txt`/`.html` file is named by its
path relative to the folder given, without the suffix (`a/bao-cao`; a file
directly in the folder, or given itself, by its stem), so two files of one
name in different folders stay two documents. Files a folder holds that are
no input are counted (`on_info("ignored", path)`), not read; a FIFO or device
is never opened. Every document is checked before it leaves here: text and id
are valid Unicode (no lone surrogate), legacy encodings are converted or named
(`pipeline.charsets`).

`partitions` cuts the input into slices of about `size` documents that a
cluster worker can read on its own (`read_partition`): a run of small files,
or a range of lines/records of one big file.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import stat
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .charsets import EncodingProblem, decode, repair

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".json")
HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
DOC_SUFFIXES = (".txt", *JSONL_SUFFIXES, *HTML_SUFFIXES, *WARC_SUFFIXES)
_STREAMS = JSONL_SUFFIXES + WARC_SUFFIXES  # files holding many documents


class InputError(Exception):
    """A piece of input that cannot be read, with its place and a short `kind` for the summary."""

    def __init__(self, path, line, reason, kind: str = "unreadable"):
        self.path, self.line, self.reason, self.kind = str(path), line, reason, kind
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {reason}")


def report_to_stderr(err: InputError) -> None:
    print(f"vnmetrics: skipped {err}", file=sys.stderr)


def note_to_stderr(what: str, detail) -> None:
    """Things read that are worth a word but lose nothing: conversions. Ignored files are only counted."""
    if what == "note":
        print(f"vnmetrics: note {detail}", file=sys.stderr)


def iter_files(paths: Iterable, on_error=None, on_info=None) -> Iterator[Path]:
    """The input files, in order. Without `on_error` a missing path raises `FileNotFoundError`."""
    for f, _ in iter_inputs(paths, on_error, on_info):
        yield f


def iter_inputs(paths: Iterable, on_error=None, on_info=None) -> Iterator[tuple[Path, Path | None]]:
    """(file, the folder it was found in, or None for a file given itself)."""
    for p in map(Path, paths):
        try:
            mode = p.stat().st_mode
        except FileNotFoundError:
            if on_error is None:
                raise FileNotFoundError(f"{p}: no such file or directory")
            on_error(InputError(p, None, "no such file or directory", kind="missing path"))
            continue
        except OSError as e:
            _fail(on_error, InputError(p, None, f"cannot read ({e.strerror or e})", kind="unreadable file"))
            continue
        if stat.S_ISDIR(mode):
            yield from ((f, p) for f in _walk(p, on_error, on_info))
        elif stat.S_ISREG(mode):
            yield p, None
        else:
            _fail(on_error, InputError(p, None, "not a regular file (a FIFO, socket or device): not read",
                                       kind="not a regular file"))


def _fail(on_error, err):
    if on_error is None:
        raise err
    on_error(err)


def _walk(root: Path, on_error, on_info) -> Iterator[Path]:
    """Regular input files under `root`, sorted; unreadable folders reported, others counted as ignored."""
    def walk_error(e: OSError):
        _fail(on_error, InputError(e.filename or root, None, f"cannot read the folder ({e.strerror or e})",
                                   kind="unreadable file"))

    for folder, dirs, files in os.walk(root, onerror=walk_error):
        dirs.sort()
        for name in sorted(files):
            f = Path(folder, name)
            if not name.endswith(DOC_SUFFIXES):
                if on_info:
                    on_info("ignored", f)
                continue
            try:
                regular = stat.S_ISREG(f.stat().st_mode)
            except OSError:
                regular = True  # a broken link or a permission problem: reading reports it
            if not regular:
                _fail(on_error, InputError(f, None, "not a regular file (a FIFO, socket or device): not read",
                                           kind="not a regular file"))
                continue
            yield f


def doc_id_of(f: Path, root: Path | None) -> str:
    """A file's document id: its path under the folder given, without the suffix."""
    if root is None:
        return f.stem
    rel = f.relative_to(root)
    return rel.with_name(f.stem).as_posix() if rel.parent != Path(".") else f.stem


def read_documents(paths: Iterable, on_error: Callable[[InputError], None] = report_to_stderr,
                   on_info=note_to_stderr) -> Iterator[dict]:
    """Every document under `paths`, as dicts with at least `id` and `text`.

    Each carries `_where` (`file:line`), for reports of repeated ids."""
    for f, root in iter_inputs(paths, on_error, on_info):
        yield from _read_file(f, on_error, doc_id=doc_id_of(f, root), on_info=on_info)


def _read_file(f: Path, on_error, first: int = 0, count: int | None = None, doc_id: str | None = None,
               on_info=note_to_stderr) -> Iterator[dict]:
    name = f.name
    for doc in _read_file_raw(f, on_error, first, count, doc_id or f.stem, on_info):
        doc = _checked(doc, f, on_error, on_info)
        if doc is not None:
            yield doc


def _read_file_raw(f: Path, on_error, first, count, doc_id, on_info) -> Iterator[dict]:
    name = f.name
    if name.endswith((".txt", *HTML_SUFFIXES)):
        try:
            raw = f.read_bytes()
        except OSError as e:
            on_error(InputError(f, None, f"cannot read ({e.strerror or e})", kind="unreadable file"))
            return
        if name.endswith(".txt"):
            try:
                text, note = decode(raw)
            except EncodingProblem as e:
                on_error(InputError(f, None, str(e), kind="encoding"))
                return
            if note:
                on_info("note", f"{f}: {note}")
            yield {"id": doc_id, "text": text, "source": name}
        else:
            doc = _html_document(raw, f, None, on_error)
            if doc:
                yield {**doc, "id": doc_id, "source": name}
    elif name.endswith(JSONL_SUFFIXES):
        yield from _read_jsonl(f, on_error, first, count)
    elif name.endswith(WARC_SUFFIXES):
        yield from _read_warc(f, on_error, first, count)
    else:
        on_error(InputError(f, None, f"unsupported input type (read: {', '.join(DOC_SUFFIXES)})",
                            kind="unsupported type"))


def _checked(doc: dict, f: Path, on_error, on_info) -> dict | None:
    """The document if its id and text are valid Unicode; mojibake converted or reported."""
    line = doc.get("_line")
    where = doc["_where"] = f"{f}:{line}" if line else str(f)
    doc["_file"] = str(f)
    for key in ("id", "text", "title", "url", "date"):
        v = doc.get(key)
        if isinstance(v, str):
            try:
                v.encode("utf-8")
            except UnicodeEncodeError as e:
                on_error(InputError(f, line, f"`{key}` is not valid Unicode ({e.reason} at character {e.start}:"
                                             f" {v[e.start]!r})", kind="invalid text"))
                return None
    try:
        text, note = repair(doc["text"])
    except EncodingProblem as e:
        on_error(InputError(f, line, str(e), kind="encoding"))
        return None
    if note:
        on_info("note", f"{where}: {note}")
        doc["text"] = text
    return doc


def _read_jsonl(f: Path, on_error, first: int = 0, count: int | None = None) -> Iterator[dict]:
    """Lines first+1 .. first+count (1-based line numbers in messages)."""
    opener = gzip.open if f.name.endswith(".gz") else open
    last = None if count is None else first + count
    lineno = 0
    try:
        with opener(f, "rb") as fh:
            if fh.peek(2)[:2] in (b"\xff\xfe", b"\xfe\xff"):
                on_error(InputError(f, None, "UTF-16 JSON lines: save the file as UTF-8 (iconv -f UTF-16 -t UTF-8)",
                                    kind="encoding"))
                return
            for lineno, raw in enumerate(fh, 1):
                if lineno <= first:
                    continue
                if last is not None and lineno > last:
                    break
                if not raw.strip():
                    continue
                doc = _json_line(raw, f, lineno, on_error)
                if doc is not None:
                    yield doc
    except (OSError, EOFError, zlib.error) as e:
        damaged = "cannot read: the file is damaged or cut short"
        if isinstance(e, gzip.BadGzipFile) and "CRC" in str(e):
            damaged = ("cannot read: gzip CRC check failed at the end of the file, so a document read from it"
                       " may be corrupt; the file is damaged (fetch it again)")
        on_error(InputError(f, lineno + 1 if isinstance(e, (EOFError, zlib.error, gzip.BadGzipFile)) else None,
                            f"{damaged} ({type(e).__name__}: {e})", kind="damaged archive"))


def _json_line(raw: bytes, f, lineno, on_error) -> dict | None:
    try:
        # ids stay as written: `007`, a 5,000-digit number (beyond int()'s limit)
        doc = json.loads(raw.decode("utf-8"), parse_int=str)
    except UnicodeDecodeError as e:
        on_error(InputError(f, lineno, f"not UTF-8 ({e.reason} at byte {e.start})", kind="not UTF-8"))
        return None
    except json.JSONDecodeError as e:
        on_error(InputError(f, lineno, f"bad JSON ({e.msg} at column {e.colno})", kind="bad JSON"))
        return None
    except RecursionError:
        on_error(InputError(f, lineno, "bad JSON (nested too deep)", kind="bad JSON"))
        return None
    except ValueError as e:
        on_error(InputError(f, lineno, f"bad JSON ({e})", kind="bad JSON"))
        return None
    if not isinstance(doc, dict) or not isinstance(doc.get("text"), str) or doc.get("id") in (None, ""):
        on_error(InputError(f, lineno, "a document needs an `id` and a string `text`", kind="no id or text"))
        return None
    if not isinstance(doc["id"], (str, int, float)):
        on_error(InputError(f, lineno, "the `id` must be a string or a number", kind="no id or text"))
        return None
    doc["id"] = str(doc["id"])
    doc["_line"] = lineno
    return doc


def _html_document(raw: bytes, f, where, on_error, url=None) -> dict | None:
    """Article text, title, date and URL of an HTML page, boilerplate removed (trafilatura)."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(raw, url=url, with_metadata=True, include_comments=False,
                                            include_tables=True)
    except Exception as e:  # a broken page is one bad record, not a stopped archive
        on_error(InputError(f, where, f"cannot parse HTML ({type(e).__name__}: {e})", kind="bad HTML"))
        return None
    if found is None or not (found.text or "").strip():
        on_error(InputError(f, where, "no article text found in the HTML", kind="no article text"))
        return None
    return {"text": found.text, "title": found.title, "date": found.date, "url": found.url or url}


def _read_warc(f: Path, on_error, first: int = 0, count: int | None = None) -> Iterator[dict]:
    """HTML responses of a WARC archive; record numbers count responses, from 1."""
    from warcio.archiveiterator import ArchiveIterator

    last = None if count is None else first + count
    n = 0
    try:
        with open(f, "rb") as fh:
            records = ArchiveIterator(fh)
            for record in records:
                if not _is_html_response(record):
                    continue
                n += 1
                if n <= first:
                    continue
                if last is not None and n > last:
                    return
                url = record.rec_headers.get_header("WARC-Target-URI")
                payload = record.content_stream().read()
                missing = getattr(record.raw_stream, "limit", 0) or 0
                if missing > 0:  # cut off inside the record: a partial page is no page
                    on_error(InputError(f, f"record {n}", f"truncated WARC record ({missing} bytes missing): not read",
                                        kind="damaged archive"))
                    return
                doc = _html_document(payload, f, f"record {n}", on_error, url=url)
                if doc:
                    crawled = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
                    yield {**doc, "id": url or f"{f.name}#{n}", "date": doc["date"] or crawled,
                           "source": f.name, "_line": f"record {n}"}
            # warcio stops quietly at a cut-off record: check that the last one reached the end
            end = records.get_record_offset() + (records.get_record_length() or 0)
            size = f.stat().st_size
            if end < size:
                on_error(InputError(f, f"record {n + 1}", f"truncated or corrupt WARC from byte {end} of {size}",
                                    kind="damaged archive"))
    except Exception as e:  # warcio raises its own errors on a corrupt archive
        on_error(InputError(f, f"record {n + 1}", f"cannot read the WARC ({type(e).__name__}: {e})",
                            kind="damaged archive"))


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode()
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    return status == "200" and "html" in ctype


# --- partitions for a cluster -------------------------------------------------

@dataclass(frozen=True)
class Partition:
    """A slice of the input one worker reads alone."""
    files: tuple            # absolute paths
    first: int = 0          # for one stream file: records before the slice
    count: int | None = None
    index: int = 0          # place in the input: shards load in this order
    ids: tuple = ()         # document id of each small file (from its path under the folder given)

    @property
    def name(self) -> str:
        """Stable across runs of the same input: shards are found again on resume."""
        key = json.dumps([self.files, self.first, self.count])
        stem = Path(self.files[0]).name.split(".")[0] if self.files else "empty"
        return f"{self.index:06d}-{stem}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"


def partitions(paths: Iterable, size: int = 2000) -> list[Partition]:
    """Cut the input into partitions of about `size` documents."""
    out: list[Partition] = []
    small: list[str] = []
    ids: list[str] = []
    for f, root in iter_inputs(paths):
        path = str(f.resolve())
        if not f.name.endswith(_STREAMS):
            small.append(path)
            ids.append(doc_id_of(f, root))
            if len(small) == size:
                out.append(Partition(tuple(small), index=len(out), ids=tuple(ids)))
                small, ids = [], []
            continue
        if small:  # keep input order: the small files seen so far come first
            out.append(Partition(tuple(small), index=len(out), ids=tuple(ids)))
            small, ids = [], []
        total = _count_records(f)
        for first in range(0, max(total, 1), size):
            out.append(Partition((path,), first, size, index=len(out)))
    if small:
        out.append(Partition(tuple(small), index=len(out), ids=tuple(ids)))
    return out


def read_partition(part: Partition, on_error=report_to_stderr) -> Iterator[dict]:
    for i, path in enumerate(part.files):
        doc_id = part.ids[i] if i < len(part.ids) else None
        yield from _read_file(Path(path), on_error, part.first, part.count, doc_id=doc_id)


def _count_records(f: Path) -> int:
    if f.name.endswith(WARC_SUFFIXES):
        from warcio.archiveiterator import ArchiveIterator

        try:
            with open(f, "rb") as fh:
                return sum(1 for r in ArchiveIterator(fh) if _is_html_response(r))
        except Exception:
            return 1  # the worker reading it reports the error with its place
    opener = gzip.open if f.name.endswith(".gz") else open
    try:
        with opener(f, "rb") as fh:
            return sum(1 for _ in fh)
    except (OSError, EOFError, zlib.error):
        return 1
