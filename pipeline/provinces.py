"""Vietnam's provinces, from the maintained `vietnam-provinces` package.

Version 0.6 lists the 63 provinces in force until 2025, the years the
archives cover. A province name ends an organization's name
(`VNPT Hà Nội Hà Thế Lãng`: the person starts after `Hà Nội`).
"""
from __future__ import annotations

import functools
import json

import regex

from . import engines
from .text import shadow


@functools.lru_cache(maxsize=1)
def district_names() -> frozenset:
    """The districts' short names (`Tam Bình`, `Ba Đình`), from the package's data file, also with their tone marks
    placed as `text.shadow` places them in the text they are matched in (`Hoà` -> `Hòa`)."""
    from .patternbook import load

    prefix = engines.compile(r"^(?:" + "|".join(map(regex.escape, load("organizations")["district_prefixes"])) + r")\s+")
    try:
        from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

        with open(NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as fh:
            names = {prefix.sub("", d["name"]) for p in json.load(fh) for d in p.get("districts", ())}
    except (ImportError, OSError, ValueError, KeyError, TypeError):
        return frozenset()
    return frozenset(names | {shadow(n) for n in names})


def _full_names() -> list[str]:
    """The provinces' full names, from the package's data file: importing its enums builds
    some 700 district members (0.15 s CPU of every start-up) for 63 names."""
    try:
        from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

        with open(NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as fh:
            return [p["name"] for p in json.load(fh)]
    except (ImportError, OSError, ValueError, KeyError, TypeError):
        from vietnam_provinces.enums import ProvinceEnum

        return [p.value.name for p in ProvinceEnum]


@functools.lru_cache(maxsize=1)
def province_names() -> list[str]:
    """Short names (`Bắc Giang`, `Hồ Chí Minh`), longest first."""
    from .patternbook import load

    data = load("organizations")
    prefix = engines.compile(r"^(?:" + "|".join(map(regex.escape, data["province_prefixes"])) + r")\s+")
    names = {prefix.sub("", full) for full in _full_names()}
    names |= {str(a) for a in data["province_aliases"]}
    names |= {shadow(n) for n in names}   # (`Hoà Bình` of the package as `text.shadow` writes it: `Hòa Bình`)
    return sorted(names, key=len, reverse=True)


@functools.lru_cache(maxsize=1)
def province_regex():
    from .patternbook import alternation

    return engines.compile(alternation(province_names(), lead=False))  # a trie: tested at every name token


def province_in(name: str) -> str | None:
    m = province_regex().search(name)
    return m.group(0) if m else None


@functools.lru_cache(maxsize=1)
def city_regex():
    """The cities below a province (`Quy Nhơn`, `Nha Trang`, `Thủ Đức`), from the package's districts whose type is a
    city (`Thành phố`): a campus or a branch is named by one (`Trường Đại học X Quy Nhơn`), as by a province."""
    from .patternbook import alternation

    try:
        from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

        with open(NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as fh:
            names = {d["name"][len("Thành phố "):] for p in json.load(fh) for d in p.get("districts", [])
                     if d["name"].startswith("Thành phố ")}
    except (ImportError, OSError, ValueError, KeyError, TypeError):
        names = set()
    return engines.compile(alternation(sorted(names) or ["\uffff"], lead=False))


def city_in(name: str) -> str | None:
    m = city_regex().search(name)
    return m.group(0) if m else None
