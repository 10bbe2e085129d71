"""Read documents from paths: `.txt`, `.jsonl`, `.jsonl.gz`, and folders of them.

Streaming: a JSONL file is read line by line, never whole. A line that cannot
be read (bad JSON, not UTF-8, no `id`/`text`) is reported as `file:line:
reason` through `on_error` and skipped; the rest of the input goes on.
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator

DOC_SUFFIXES = (".txt", ".jsonl", ".jsonl.gz", ".json")


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
        name = f.name
        if name.endswith(".txt"):
            try:
                text = f.read_bytes().decode("utf-8")
            except UnicodeDecodeError as e:
                on_error(InputError(f, None, f"not UTF-8 ({e.reason} at byte {e.start})"))
                continue
            yield {"id": f.stem, "text": text, "source": name}
        elif name.endswith((".jsonl", ".jsonl.gz", ".json")):
            yield from _read_jsonl(f, on_error)
        else:
            on_error(InputError(f, None, f"unsupported input type (read: {', '.join(DOC_SUFFIXES)})"))


def _read_jsonl(f: Path, on_error) -> Iterator[dict]:
    opener = gzip.open if f.name.endswith(".gz") else open
    try:
        with opener(f, "rb") as fh:
            for lineno, raw in enumerate(fh, 1):
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
