"""Year and period of a figure, table-driven from tests/cases/time.yaml.

Each case lists every fact of its text, so an extra fact (a year read as a count,
a birth year as a quantity) fails it as surely as a wrong year does.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline import extract

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "time.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_time_case(case):
    meta = {k: case[k] for k in ("date", "title", "url") if k in case}
    facts = extract(case["text"], **meta)
    by_quote = {f["quote"]: f for f in facts}
    assert sorted(by_quote) == sorted(w["quote"] for w in case["facts"])
    for want in case["facts"]:
        got = by_quote[want["quote"]]
        for key, value in want.items():
            if key != "quote":
                assert got[key] == (str(value) if key == "period" and value is not None else value), \
                    (want["quote"], key, got[key])
    for banned in case.get("not", []):
        got = by_quote[banned["quote"]]
        for key, value in banned.items():
            if key != "quote":
                assert got[key] != value, (banned["quote"], key, value)
