"""Compiled patterns kept between runs, so that a command starts in a fraction of a second.

The `regex` module parses and compiles a pattern in Python: the extractor's
tries of cue words and names cost about 0.4 s CPU at every start (every
`vnmetrics verify`, every worker). A compiled `regex` pattern pickles as the
arguments of the C constructor (`Pattern._pickled_data`: strings, ints, tuples,
dicts, lists); they are kept here in one `marshal` file per `regex` and Python
version, and a pattern seen before is built from them directly: the object is
the one `regex.compile` would return (it is how `regex` itself unpickles one).
The file maps a digest of (flags, pattern) to those arguments, marshalled again:
a start reads it without decoding the text of the thousands of patterns that
other states of the code left there, and decodes only the patterns it uses.
New patterns are added to the file when the process exits; a missing, stale or
unreadable file only costs the compile. `VNMETRICS_CACHE_DIR` moves the file,
`VNMETRICS_NO_CACHE=1` turns this off.
"""
from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path

import regex
from regex import _main, _regex

_BYPASS = int(regex.DEBUG | regex.LOCALE)
_MOST = 5000  # patterns built per process and kept per file: a caller compiling one per text stays bounded
_STALE_DAYS = 14  # a cache file for another state of the code, unused this long, is removed
_state: dict = {}


def _path() -> Path:
    folder = os.environ.get("VNMETRICS_CACHE_DIR") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "vnmetrics"
    tag = hashlib.sha1(f"{regex.__version__} {regex.DEFAULT_VERSION} {sys.version} 2".encode()).hexdigest()[:12]
    return Path(folder) / f"regex-{tag}.marshal"


def _load(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            data = marshal.load(fh)
        return data if isinstance(data, dict) else {}
    except (OSError, EOFError, ValueError, TypeError):
        return {}


def _save() -> None:
    new, path = _state.get("new"), _state.get("path")
    if not new or path is None:
        return
    try:
        store = _load(path)
        # The file never grows past _MOST patterns. When it is full (of patterns of other states of the
        # code: one file serves every checkout and upgrade), what this process used and built replaces
        # the oldest of the rest, or every later start would compile its new patterns again.
        mine = {key: store[key] for key in _state.get("used", ()) if key in store}
        mine.update(new)
        mine = dict(list(mine.items())[:_MOST])
        rest = [(key, data) for key, data in store.items() if key not in mine]
        room = _MOST - len(mine)
        store = dict(rest[len(rest) - room:] if 0 < room < len(rest) else rest if room > 0 else [])
        store.update(mine)  # last: the most recently used
        _prune(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        blob = marshal.dumps(store)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new one
    except (OSError, ValueError):
        pass


def _prune(path: Path) -> None:
    """Remove cache files of other code or versions (`name-*` beside `path`) unused for _STALE_DAYS."""
    import time

    stem = path.name.split("-")[0]
    cutoff = time.time() - _STALE_DAYS * 86400
    for old in path.parent.glob(f"{stem}-*.marshal"):
        try:
            if old != path and old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass


def _plain(x):
    """Plain builtins for `marshal` (the flags are an `IntFlag`)."""
    if isinstance(x, bool) or x is None or type(x) in (str, bytes, float):
        return x
    if isinstance(x, int):
        return int(x)
    if isinstance(x, tuple):
        return tuple(_plain(v) for v in x)
    if isinstance(x, list):
        return [_plain(v) for v in x]
    if isinstance(x, dict):
        return {_plain(k): _plain(v) for k, v in x.items()}
    raise ValueError(type(x))


def _key(pattern: str, flags: int) -> bytes:
    return hashlib.sha1(f"{flags} {pattern}".encode("utf-8", "surrogatepass")).digest()


def install() -> None:
    """Route `regex`'s compile through the cache (once per process)."""
    if _state or os.environ.get("VNMETRICS_NO_CACHE"):
        return
    real = _main._compile
    path = _path()
    stored = _load(path)
    built: dict = {}   # (pattern, flags) -> the compiled pattern, in this process
    used: dict = {}    # keys of the file's patterns this process used or built (kept first when it is full)
    new: dict = {}
    _state.update(path=path, new=new, real=real, used=used)

    def _compile(pattern, flags, ignore_unused, kwargs, cache_it):
        if not kwargs:  # first, and cheap: `regex.search(str, ...)` in a loop lands here every time
            p = built.get((pattern, flags))
            if p is not None:
                return p
        if type(pattern) is not str or kwargs or int(flags) & _BYPASS:
            return real(pattern, flags, ignore_unused, kwargs, cache_it)
        key = _key(pattern, int(flags))
        data = stored.get(key)
        if type(data) is bytes:
            try:
                p = _regex.compile(*marshal.loads(data))
            except Exception:  # a file from elsewhere: compile as usual
                p = None
        if p is None:
            p = real(pattern, flags, ignore_unused, kwargs, cache_it)
            if not p.named_lists and len(new) < _MOST:
                try:
                    new[key] = marshal.dumps(_plain(p._pickled_data))
                except ValueError:
                    pass
        if len(built) < _MOST:
            built[(pattern, flags)] = p
            used[key] = None
        return p

    _main._compile = _compile
    atexit.register(_save)


def derived(name: str, sources, build):
    """`build()` (a frozenset of strings), kept between runs like the patterns: recomputed when any
    of `sources` (the data file and the code that reads it) changes size, time or content."""
    if os.environ.get("VNMETRICS_NO_CACHE"):
        return build()
    h = hashlib.sha1(f"{name} {sys.version} 1".encode())
    try:
        for src in sources:
            st = os.stat(src)
            h.update(f"{src} {st.st_size} {st.st_mtime_ns}".encode())
    except OSError:
        return build()
    path = _path().parent / f"{name}-{h.hexdigest()[:16]}.marshal"
    try:
        with open(path, "rb") as fh:
            value = marshal.load(fh)
        if isinstance(value, frozenset):
            return value
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(value, fh)
        os.replace(tmp, path)
        _prune(path)
    except (OSError, ValueError):
        pass
    return value


_memos: dict = {}


def memo(name: str, source: str) -> dict:
    """A dict of plain values kept between runs, for a pure function of strings that start-up
    repeats (`patternbook.alternation`'s tries): one marshal file per name, version and state
    of `source` (the function's own file: an edit starts a new one); what is added is saved
    when the process exits."""
    found = _memos.get(name)
    if found is not None:
        return found
    try:
        st = os.stat(source)
    except OSError:
        st = None
    if os.environ.get("VNMETRICS_NO_CACHE") or st is None:
        found = {}
    else:
        tag = hashlib.sha1(f"{name} {source} {st.st_size} {st.st_mtime_ns}".encode()).hexdigest()[:8]
        path = _path().with_name(_path().name.replace("regex-", f"{name}-{tag}-"))
        found = _load(path)
        _memos[name] = found
        start = len(found)

        def save():
            if len(found) > start:
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    blob = marshal.dumps(found)
                    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
                    with os.fdopen(fd, "wb") as fh:
                        fh.write(blob)
                    os.replace(tmp, path)
                    _prune(path)
                except (OSError, ValueError):
                    pass
        atexit.register(save)
    _memos[name] = found
    return found
