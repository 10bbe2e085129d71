"""Read documents from paths: `.txt`, `.jsonl(.gz)`, `.html`, `.warc(.gz)`, and folders of them.

Streaming: a JSONL file is read line by line and a WARC archive record by
record, never whole. A piece that cannot be read (bad JSON, not UTF-8, no
`id`/`text`, a page with no article text) is reported as `file:line: reason`
(`file:record N` in a WARC) through `on_error` and skipped; the rest goes on.

`partitions` cuts the input into slices of about `size` documents that a
cluster worker can read on its own (`read_partition`): a run of small files,
or a range of lines/records of one big file.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".json")
HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
DOC_SUFFIXES = (".txt", *JSONL_SUFFIXES, *HTML_SUFFIXES, *WARC_SUFFIXES)
_STREAMS = JSONL_SUFFIXES + WARC_SUFFIXES  # files holding many documents


class InputError(Exception):
    """A piece of input that cannot be read, with its place."""

    def __init__(self, path, line, reason):
        self.path, self.line, self.reason = str(path), line, reason
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {reason}")


def report_to_stderr(err: InputError) -> None:
    print(f"vnmetrics: skipped {err}", file=sys.stderr)


def iter_files(paths: Iterable) -> Iterator[Path]:
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.name.endswith(DOC_SUFFIXES):
                    yield f
        elif p.exists():
            yield p
        else:
            raise FileNotFoundError(f"{p}: no such file or directory")


def read_documents(paths: Iterable, on_error: Callable[[InputError], None] = report_to_stderr) -> Iterator[dict]:
    """Every document under `paths`, as dicts with at least `id` and `text`."""
    for f in iter_files(paths):
        yield from _read_file(f, on_error)


def _read_file(f: Path, on_error, first: int = 0, count: int | None = None) -> Iterator[dict]:
    name = f.name
    if name.endswith(".txt"):
        try:
            text = f.read_bytes().decode("utf-8")
        except UnicodeDecodeError as e:
            on_error(InputError(f, None, f"not UTF-8 ({e.reason} at byte {e.start})"))
            return
        yield {"id": f.stem, "text": text, "source": name}
    elif name.endswith(JSONL_SUFFIXES):
        yield from _read_jsonl(f, on_error, first, count)
    elif name.endswith(HTML_SUFFIXES):
        doc = _html_document(f.read_bytes(), f, None, on_error)
        if doc:
            yield {**doc, "id": f.stem, "source": name}
    elif name.endswith(WARC_SUFFIXES):
        yield from _read_warc(f, on_error, first, count)
    else:
        on_error(InputError(f, None, f"unsupported input type (read: {', '.join(DOC_SUFFIXES)})"))


def _read_jsonl(f: Path, on_error, first: int = 0, count: int | None = None) -> Iterator[dict]:
    """Lines first+1 .. first+count (1-based line numbers in messages)."""
    opener = gzip.open if f.name.endswith(".gz") else open
    last = None if count is None else first + count
    try:
        with opener(f, "rb") as fh:
            for lineno, raw in enumerate(fh, 1):
                if lineno <= first:
                    continue
                if last is not None and lineno > last:
                    break
                if not raw.strip():
                    continue
                try:
                    doc = json.loads(raw.decode("utf-8"))
                except UnicodeDecodeError as e:
                    on_error(InputError(f, lineno, f"not UTF-8 ({e.reason} at byte {e.start})"))
                    continue
                except json.JSONDecodeError as e:
                    on_error(InputError(f, lineno, f"bad JSON ({e.msg} at column {e.colno})"))
                    continue
                if not isinstance(doc, dict) or not isinstance(doc.get("text"), str) or doc.get("id") in (None, ""):
                    on_error(InputError(f, lineno, "a document needs an `id` and a string `text`"))
                    continue
                doc["id"] = str(doc["id"])
                yield doc
    except (OSError, EOFError) as e:
        on_error(InputError(f, None, f"cannot read ({e})"))


def _html_document(raw: bytes, f, where, on_error, url=None) -> dict | None:
    """Article text, title, date and URL of an HTML page, boilerplate removed (trafilatura)."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(raw, url=url, with_metadata=True, include_comments=False,
                                            include_tables=True)
    except Exception as e:  # a broken page is one bad record, not a stopped archive
        on_error(InputError(f, where, f"cannot parse HTML ({type(e).__name__}: {e})"))
        return None
    if found is None or not (found.text or "").strip():
        on_error(InputError(f, where, "no article text found in the HTML"))
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
                doc = _html_document(record.content_stream().read(), f, f"record {n}", on_error, url=url)
                if doc:
                    crawled = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
                    yield {**doc, "id": url or f"{f.name}#{n}", "date": doc["date"] or crawled,
                           "source": f.name}
            # warcio stops quietly at a cut-off record: check that the last one reached the end
            end = records.get_record_offset() + (records.get_record_length() or 0)
            size = f.stat().st_size
            if end < size:
                on_error(InputError(f, f"record {n + 1}", f"truncated or corrupt WARC from byte {end} of {size}"))
    except Exception as e:  # warcio raises its own errors on a corrupt archive
        on_error(InputError(f, f"record {n + 1}", f"cannot read the WARC ({type(e).__name__}: {e})"))


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
    for f in iter_files(paths):
        path = str(f.resolve())
        if not f.name.endswith(_STREAMS):
            small.append(path)
            if len(small) == size:
                out.append(Partition(tuple(small), index=len(out)))
                small = []
            continue
        if small:  # keep input order: the small files seen so far come first
            out.append(Partition(tuple(small), index=len(out)))
            small = []
        total = _count_records(f)
        for first in range(0, max(total, 1), size):
            out.append(Partition((path,), first, size, index=len(out)))
    if small:
        out.append(Partition(tuple(small), index=len(out)))
    return out


def read_partition(part: Partition, on_error=report_to_stderr) -> Iterator[dict]:
    for path in part.files:
        yield from _read_file(Path(path), on_error, part.first, part.count)


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
    except (OSError, EOFError):
        return 1
