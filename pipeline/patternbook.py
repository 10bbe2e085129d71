"""Load the pattern data files of `patterns/` once per process.

The files ship inside the wheel as the package `pipeline.patterns` (see
pyproject.toml); in a source checkout they are read from the top-level
`patterns/` folder. Nothing in Python hard-codes a unit or a cue word.
"""
from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

import regex
import yaml


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
    groups: dict = {}
    for p in {str(p) for p in phrases if str(p)}:
        head = r"(?<!\w)" if boundary and lead and p[0].isalnum() else ""
        tail = r"(?!\w)" if boundary and p[-1].isalnum() else ""
        groups.setdefault((head, tail), []).append(p)
    # the boundary-free group last: `%` must not beat a longer phrase that ends in a letter
    parts = [head + _trie(ps, tail) for (head, tail), ps in sorted(groups.items(), key=lambda kv: (-len(kv[0][0]), -len(kv[0][1])))]
    return "(?:" + "|".join(parts) + ")"


_BLANK = object()


def _trie(phrases, tail: str) -> str:
    root: dict = {}
    for p in phrases:
        node = root
        for tok in _tokens(p):
            node = node.setdefault(tok, {})
        node[""] = True
    return _emit(root, tail)


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


def _emit(node: dict, tail: str) -> str:
    """Regex of a trie node; `tail` is checked where a phrase ends."""
    branches = []
    for tok in sorted((k for k in node if k != ""), key=lambda k: "" if k is _BLANK else k):
        esc = r"\s+" if tok is _BLANK else regex.escape(tok)
        branches.append(esc + _emit(node[tok], tail))
    end = "" in node
    if not branches:
        return tail
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return "(?:" + body + "|" + tail + ")" if tail else "(?:" + body + ")?"
    return body
