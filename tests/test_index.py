"""The site's index (`figures`, `facts_fts`, `conflicts`) on a real SQLite file: brought up to date row by
row after a run, it holds exactly what a build from scratch holds."""
from __future__ import annotations

import gc
import json
import sqlite3

from pipeline.runner import run
from pipeline.site import build_index, check_index

FIRST = [{"id": "a", "text": "PSBank báo lãi 1.200 tỷ đồng trong năm 2020, tăng 12% so với năm 2019.",
          "title": "PSBank lãi lớn", "date": "2021-01-10"},
         {"id": "b", "text": "Năm 2020, PSB báo lãi 300 tỷ đồng từ mảng thẻ."},
         {"id": "c", "text": "Năm 2021, Công ty Cổ phần Hoàng Long nộp ngân sách 7 tỷ đồng, đạt 105% kế hoạch."}]
SECOND = [FIRST[0],                                                               # unchanged: skipped
          {**FIRST[1], "text": "Năm 2020, PSB báo lãi 350 tỷ đồng từ mảng thẻ và 20 tỷ đồng từ phí."},  # replaced
          {"id": "d", "text": "Ngân hàng TMCP Phú Sơn (PSBank, mã: PSB) năm 2021 lãi 1.500 tỷ đồng."},  # ties a and b
          {"id": "e", "text": "Tập đoàn Hoàng Long năm 2022 đạt doanh thu 50 tỷ đồng."}]


def _write(path, docs):
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")


def _tables(db) -> dict:
    con = sqlite3.connect(db)
    try:
        return {t: sorted(con.execute(f"select {sel} from {t}").fetchall(), key=repr)
                for t, sel in (("figures", "*"), ("facts_fts", "rowid, *"), ("conflicts", "*"),
                               ("vnmetrics_index", "facts, conflicts"))}
    finally:
        con.close()


def _extract(tmp_path, db, docs, name, batch_size=64):
    src = tmp_path / f"{name}.jsonl"
    _write(src, docs)
    run([src], db=db, workers=1, progress=False, batch_size=batch_size)
    gc.collect()


def test_an_index_brought_up_to_date_equals_one_built_whole(tmp_path):
    db = tmp_path / "f.db"
    _extract(tmp_path, db, FIRST, "first")
    assert build_index(db)["incremental"] is True         # the run wrote the rows as it stored its batches
    first = _tables(db)
    assert build_index(db, full=True)["incremental"] is False
    assert _tables(db) == first
    _extract(tmp_path, db, SECOND, "second")
    counts = build_index(db)
    assert counts["incremental"] is True
    check_index(db)
    step = _tables(db)
    orgs = {r[0]: r[1] for r in sqlite3.connect(db).execute("select doc_id, org from figures")}
    assert orgs["a"] == orgs["b"] == orgs["d"]           # the merge renamed b's figures too
    assert build_index(db, full=True)["incremental"] is False
    assert _tables(db) == step
    assert build_index(db)["incremental"] is True         # nothing new: the same tables again
    assert _tables(db) == step


def test_an_index_cut_short_or_changed_behind_its_back_is_built_whole(tmp_path):
    db = tmp_path / "f.db"
    _extract(tmp_path, db, FIRST, "first")
    build_index(db)
    whole = _tables(db)
    con = sqlite3.connect(db)
    con.execute("delete from vnmetrics_index")            # a build killed before its last step
    con.commit()
    con.close()
    assert build_index(db)["incremental"] is False
    assert _tables(db) == whole
    con = sqlite3.connect(db)
    con.execute("drop trigger vnmetrics_pending_fact_out")   # a change nothing recorded
    con.execute("delete from facts where doc_id = 'c'")
    con.commit()
    con.close()
    assert build_index(db)["incremental"] is False
    check_index(db)
    assert not [r for r in _tables(db)["figures"] if r[16] == "c"]


def test_the_index_follows_a_run_batch_by_batch(tmp_path):
    """One document per batch: d, stored last, ties the organization of a and b (stored batches earlier);
    their rows are redone in d's batch. After the run every row is there, only the conflicts are missing
    (`serve` refuses until `build_index`, which then has no row to redo)."""
    import pytest

    from pipeline.site import IndexMissing

    db = tmp_path / "f.db"
    _extract(tmp_path, db, FIRST, "first", batch_size=1)
    _extract(tmp_path, db, SECOND, "second", batch_size=1)
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from vnmetrics_pending").fetchone()[0] == 0
    assert con.execute("select facts, conflicts from vnmetrics_index").fetchone() == \
        (con.execute("select count(*) from facts").fetchone()[0], None)
    con.close()
    with pytest.raises(IndexMissing, match="no conflicts"):   # not yet built: nothing missing but them
        check_index(db)
    con = sqlite3.connect(db)
    followed = [sorted(con.execute(f"select {sel} from {t}").fetchall(), key=repr)
                for t, sel in (("figures", "*"), ("facts_fts", "rowid, *"))]
    con.close()
    assert build_index(db)["incremental"] is True
    check_index(db)
    assert [_tables(db)["figures"], _tables(db)["facts_fts"]] == followed
    step = _tables(db)
    assert build_index(db, full=True)["incremental"] is False
    assert _tables(db) == step


def test_site_rows_that_fail_never_stop_a_run(tmp_path, monkeypatch):
    """A figure the site cannot format fails only the index (as it did when the index was built at the end):
    every fact is stored, and once the fault is gone the index is brought up to date."""
    import pipeline.site as site

    def broken(fact):
        raise ValueError("cannot format")

    monkeypatch.setattr(site, "format_value", broken)
    db = tmp_path / "f.db"
    _extract(tmp_path, db, FIRST, "first", batch_size=1)
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from documents").fetchone()[0] == 3
    assert con.execute("select count(*) from figures").fetchone()[0] == 0
    assert con.execute("select count(*) from vnmetrics_pending").fetchone()[0] == 3
    con.close()
    monkeypatch.undo()
    assert build_index(db)["incremental"] is True
    check_index(db)
    step = _tables(db)
    build_index(db, full=True)
    assert _tables(db) == step
