"""Year and period of a figure, table-driven from tests/cases/time.yaml.

Each case lists every fact of its text, so an extra fact (a year read as a count,
a birth year as a quantity) fails it as surely as a wrong year does.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import extract
from pipeline.timeexpr import mentions

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


_PIECES = ["năm 2019", "năm nay", "năm qua", "so với năm 2018", "SN 1985", "thành lập năm 1996", "quý I/2020",
           "6 tháng đầu năm", "từ năm 2010", "Ảnh: TTXVN", ", ", ". ", "doanh thu đạt 5 tỷ đồng", "tăng 10%",
           "Ông Nguyễn Văn An (1979)", "nhiều năm qua", "cùng kỳ năm trước", "tháng 3", "giai đoạn 2016-2020"]


@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.sampled_from([None, 2021]))
@settings(max_examples=150, deadline=None)
def test_mentions_are_ordered_disjoint_with_one_role(pieces, ref):
    text = " ".join(pieces)
    found = mentions(text, ref)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert all(0 <= t.start < t.end <= len(text) for t in found)
    for t in found:
        # one reading each: a base is not also a birth, an event, a start or a caption
        assert not (t.compared and t.role in ("birth", "event", "start", "caption"))


@given(st.lists(st.sampled_from(_PIECES), max_size=10))
@settings(max_examples=100, deadline=None)
def test_birth_and_event_years_never_date_a_figure(pieces):
    facts = extract(" ".join(pieces) + ". Lợi nhuận đạt 7 tỷ đồng.", date="2021-04-20")
    assert all(f["year"] not in (1979, 1985, 1996) for f in facts)


@pytest.mark.parametrize("text, pub, after", [
    ("Từ ngày 10/6/2022, mức trợ cấp là 2 triệu đồng/người.", "2022-05-20", True),
    ("Hãng sẽ điều chỉnh giá vé từ ngày 1/7, mức tăng 15%.", "2022-06-28", True),
    ("Từ ngày 1/3, giá điện tăng 3%.", "2022-03-15", False),             # already in force
    ("Trẻ từ 6-10 tuổi chiếm 40% số ca.", "2022-03-15", False),          # no date
    ("Từ 20/5 đến 30/5/2022, cửa hàng giảm giá 30%.", "2022-05-02", True),
])
def test_from_date_after_publication(text, pub, after):
    """A figure applying from a date after publication (`từ ngày D/M`) is a plan; timing.from_date_after."""
    import datetime as dt
    from pipeline import timing
    assert timing.from_date_after(text, 0, len(text) - 4, dt.date.fromisoformat(pub)) is after
