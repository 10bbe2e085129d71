"""Load the pattern data files of `patterns/` once per process.

The files ship inside the wheel as the package `pipeline.patterns` (see
pyproject.toml); in a source checkout they are read from the top-level
`patterns/` folder. Nothing in Python hard-codes a unit or a cue word.
"""
from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path

import regex
import yaml

from . import regexcache


def _pattern_dir():
    try:
        root = resources.files("pipeline.patterns")
        if root.joinpath("units.yaml").is_file():
            return root
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / "patterns"


# libyaml's loader when PyYAML has it: the same data, 7x less start-up time for every command and worker
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed YAML file `patterns/<name>.yaml`."""
    with _pattern_dir().joinpath(f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LOADER)


def alternation(phrases, boundary=True, lead=True) -> str:
    """A regex alternation of literal phrases, spaces matching any blank.

    Built as a trie (`tỷ(?:\\s+đồng)?`), not `a|b|c`: the regex engine then
    tests each position against a handful of first letters instead of
    hundreds of phrases (the unit and count-noun list scans 25x faster). The longest
    phrase wins, as in a longest-first alternation: optional tails are greedy.
    """
    unique = sorted({str(p) for p in phrases if str(p)})
    key = (tuple(unique), bool(boundary), bool(lead))
    known = regexcache.memo("alternation", __file__)  # building the trie is most of a start once patterns are cached
    found = known.get(key)
    if found is not None:
        return found
    groups: dict = {}
    for p in unique:
        head = r"(?<!\w)" if boundary and lead and p[0].isalnum() else ""
        tail = r"(?!\w)" if boundary and p[-1].isalnum() else ""
        groups.setdefault((head, tail), []).append(p)
    # the boundary-free group last: `%` must not beat a longer phrase that ends in a letter
    parts = [head + _trie(ps, tail) for (head, tail), ps in sorted(groups.items(), key=lambda kv: (-len(kv[0][0]), -len(kv[0][1])))]
    known[key] = out = "(?:" + "|".join(parts) + ")"
    return out


_BLANK = object()


def _trie(phrases, tail: str, escape=regex.escape) -> str:
    root: dict = {}
    for p in phrases:
        node = root
        for tok in _tokens(p):
            node = node.setdefault(tok, {})
        node[""] = True
    return _emit(root, tail, escape)


def _tokens(phrase):
    prev_blank = False
    for ch in phrase:
        if ch.isspace():
            if not prev_blank:
                yield _BLANK
            prev_blank = True
        else:
            prev_blank = False
            yield ch


def _emit(node: dict, tail: str, escape=regex.escape) -> str:
    """Regex of a trie node; `tail` is checked where a phrase ends."""
    branches = []
    for tok in sorted((k for k in node if k != ""), key=lambda k: "" if k is _BLANK else k):
        esc = r"\s+" if tok is _BLANK else escape(tok)
        branches.append(esc + _emit(node[tok], tail, escape))
    end = "" in node
    if not branches:
        return tail
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return "(?:" + body + "|" + tail + ")" if tail else "(?:" + body + ")?"
    return body


def odd_cases(texts) -> tuple:
    """The characters `regex`'s case-blind matching takes for a character of `texts` but `str.lower`
    folds otherwise (`ſ` for `s`, `K` for `k`, `İ`): a `str.lower` test standing in for a case-blind
    pattern is exact only on a text that holds none of them."""
    from regex import _regex

    return tuple(sorted({chr(d) for t in texts for ch in str(t) for d in _regex.get_all_cases(regex.I | regex.U, ord(ch))
                         if chr(d).lower() != ch.lower()}))


class Prefiltered:
    """A compiled `regex` pattern every match of which begins with one of `phrases`.

    `search` and `finditer` try the pattern only where a phrase stands, found by a
    `re` scan of the phrases' trie (zero-width, so overlapping starts are all seen):
    `re` walks a trie of literals five times faster than `regex` does. The matches
    are the pattern's own, in the same order; the scan may only over-report, since
    `re`'s blank (`\\s`) and case folding accept at least what `regex`'s do
    (tests/test_patterns.py checks it for every character). Other methods go to
    the pattern unchanged; `sub` returns the text as it is when no phrase stands in it.
    """

    __slots__ = ("rx", "starts")

    def __init__(self, rx, phrases):
        self.rx = rx
        phrases = {str(p) for p in phrases if str(p)}
        flags = re.IGNORECASE if rx.flags & regex.IGNORECASE else 0
        self.starts = re.compile("(?=" + _trie(phrases, "", re.escape) + ")", flags)

    def finditer(self, text, pos=0, endpos=None):
        end = len(text) if endpos is None else endpos
        match, at = self.rx.match, pos
        for c in self.starts.finditer(text, pos, end):
            p = c.start()
            if p < at:
                continue
            m = match(text, p, end)
            if m is not None:
                yield m
                at = m.end() if m.end() > p else p + 1

    def search(self, text, pos=0, endpos=None):
        end = len(text) if endpos is None else endpos
        match = self.rx.match
        for c in self.starts.finditer(text, pos, end):
            m = match(text, c.start(), end)
            if m is not None:
                return m
        return None

    def sub(self, repl, text, *args, **kwargs):
        if self.starts.search(text) is None:
            return text
        return self.rx.sub(repl, text, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.rx, name)
