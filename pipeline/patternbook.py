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


@functools.lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed YAML file `patterns/<name>.yaml`."""
    with _pattern_dir().joinpath(f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def alternation(phrases, boundary=True, lead=True) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any blank."""
    parts = []
    for p in sorted({str(p) for p in phrases}, key=len, reverse=True):
        esc = regex.escape(p).replace(r"\ ", r"\s+")
        if boundary and p[-1].isalnum():
            esc += r"(?!\w)"
        if boundary and lead and p[0].isalnum():
            esc = r"(?<!\w)" + esc
        parts.append(esc)
    return "(?:" + "|".join(parts) + ")"
