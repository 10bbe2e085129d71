"""Vietnam's provinces, from the maintained `vietnam-provinces` package.

Version 0.6 lists the 63 provinces in force until 2025, the years the
archives cover. A province name ends an organization's name
(`VNPT Hà Nội Hà Thế Lãng`: the person starts after `Hà Nội`).
"""
from __future__ import annotations

import functools

import regex


@functools.lru_cache(maxsize=1)
def province_names() -> list[str]:
    """Short names (`Bắc Giang`, `Hồ Chí Minh`), longest first."""
    from vietnam_provinces.enums import ProvinceEnum

    names = set()
    for p in ProvinceEnum:
        name = regex.sub(r"^(?:Tỉnh|Thành phố)\s+", "", p.value.name)
        names.add(name)
    names |= {"TP.HCM", "TPHCM", "Huế"}
    return sorted(names, key=len, reverse=True)


@functools.lru_cache(maxsize=1)
def province_regex():
    from .patternbook import alternation

    return regex.compile(alternation(province_names(), lead=False))  # a trie: tested at every name token


def province_in(name: str) -> str | None:
    m = province_regex().search(name)
    return m.group(0) if m else None
