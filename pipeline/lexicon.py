"""Which runs of syllables are one Vietnamese word: underthesea's Viet74K word list.

The quantity reader uses it to tell a counted noun of two or three syllables
(`cánh đồng`, `trường đại học`) from a noun and the next word, and a unit
from a syllable of another word (`đồng` in `đồng bào`, `đô` in `đô thị`).
Read once per process from the installed underthesea package, without
importing underthesea (whose import costs seconds); absent file, no compounds.
"""
from __future__ import annotations

import functools
import importlib.util
import unicodedata
from pathlib import Path

from . import regexcache


def _path() -> Path | None:
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        p = Path(root) / "corpus" / "data" / "Viet74K.txt"
        if p.is_file():
            return p
    return None


@functools.lru_cache(maxsize=1)
def compounds() -> frozenset:
    """Lowercase words of two or three syllables, with tone marks placed as `text.shadow` places them
    in the text they are looked up in (`hoà` -> `hòa`); kept between runs (`regexcache.derived`)."""
    p = _path()
    if p is None:
        return frozenset()
    from . import text

    return regexcache.derived("compounds", [p, __file__, text.__file__], lambda: _compounds(p))


def _compounds(p: Path) -> frozenset:
    from .text import shadow

    try:
        raw = p.read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    out = set()
    for line in shadow(unicodedata.normalize("NFC", raw.lower())).splitlines():
        w = " ".join(line.split())
        if 1 < w.count(" ") + 1 <= 3:
            out.add(w)
    return frozenset(out)


@functools.lru_cache(maxsize=1)
def syllables() -> frozenset:
    """Every syllable of the compound words: a whole Vietnamese word-piece (a word outside it is glued or foreign)."""
    return frozenset(s for c in compounds() for s in c.split())


def is_word(phrase: str) -> bool:
    return phrase in compounds()
