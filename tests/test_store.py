"""The SQLite store: a real database file, idempotent re-runs, replacement, resume."""
from __future__ import annotations

import json
import sqlite3

from pipeline.runner import run
from pipeline.store import Store

DOC = {"id": "d1", "text": "Năm 2020, Bưu điện tỉnh Bắc Giang đạt doanh thu 137,5 tỷ đồng, tăng 22,8% so với năm 2019.",
       "url": "http://example.vn/a", "date": "2021-01-05", "title": "Bưu điện tỉnh Bắc Giang"}


def _write(path, docs):
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")


def _count(db, sql):
    return sqlite3.connect(db).execute(sql).fetchone()[0]


def test_schema_and_rerun_is_idempotent(tmp_path):
    src, db = tmp_path / "in.jsonl", tmp_path / "facts.db"
    _write(src, [DOC])
    first = run([src], db=db, workers=1, progress=False)
    assert first.facts == 2
    second = run([src], db=db, workers=1, progress=False)
    assert second.skipped == 1 and second.documents == 0
    assert _count(db, "select count(*) from facts") == 2
    assert _count(db, "select count(*) from documents") == 1
    con = sqlite3.connect(db)
    row = con.execute("select f.org, f.year, f.value, o.name, o.province from facts f "
                      "join organizations o on o.id = f.org_id where f.unit = 'VND'").fetchone()
    assert row == ("Bưu điện tỉnh Bắc Giang", 2020, 137.5e9, "Bưu điện tỉnh Bắc Giang", "Bắc Giang")
    indexes = {r[1] for r in con.execute("select * from sqlite_master where type = 'index'")}
    assert {"idx_facts_org", "idx_facts_year", "idx_facts_metric"} <= indexes
    assert con.execute("select count(*) from facts_by_org_year").fetchone()[0] == 2


def test_changed_document_replaces_its_facts(tmp_path):
    src, db = tmp_path / "in.jsonl", tmp_path / "facts.db"
    _write(src, [DOC])
    run([src], db=db, workers=1, progress=False)
    _write(src, [{**DOC, "text": DOC["text"].replace("137,5", "140")}])
    stats = run([src], db=db, workers=1, progress=False)
    assert stats.documents == 1
    values = [r[0] for r in sqlite3.connect(db).execute("select value from facts where unit='VND'")]
    assert values == [140e9]


def test_bad_line_does_not_lose_stored_facts(tmp_path):
    src, db = tmp_path / "in.jsonl", tmp_path / "facts.db"
    _write(src, [DOC])
    run([src], db=db, workers=1, progress=False)
    with open(src, "a", encoding="utf-8") as fh:
        fh.write("{not json\n")
        fh.write(json.dumps({**DOC, "id": "d2"}, ensure_ascii=False) + "\n")
    stats = run([src], db=db, workers=1, progress=False, on_error=lambda e: None)
    assert stats.errors == 1 and stats.documents == 1 and stats.skipped == 1
    assert _count(db, "select count(*) from facts") == 4


def test_query_by_any_alias(tmp_path):
    src, db = tmp_path / "in.jsonl", tmp_path / "facts.db"
    _write(src, [{"id": "t", "text": "Ngân hàng TMCP Tiên Phong (TPBank - mã: TPB) năm 2020 lãi 4.389 tỷ đồng."}])
    run([src], db=db, workers=1, progress=False)
    store = Store(db)
    for name in ("TPBank", "TPB", "ngân hàng tmcp tiên phong"):
        assert [f["value"] for f in store.facts(org=name)] == [4389e9], name


def test_same_id_twice_keeps_the_first_document_once_and_reports_the_second(tmp_path):
    src, db = tmp_path / "in.jsonl", tmp_path / "facts.db"
    _write(src, [DOC, {**DOC, "text": DOC["text"].replace("137,5", "140")}])
    for _ in range(2):  # a re-run keeps the same one
        stats = run([src], db=db, workers=1, batch_size=64, progress=False, on_error=lambda e: None)
        assert stats.collisions == 1
        assert _count(db, "select count(*) from documents") == 1
        assert [r[0] for r in sqlite3.connect(db).execute("select value from facts where unit='VND'")] == [137.5e9]


def test_one_organization_across_documents_when_an_article_ties_its_names(tmp_path):
    """`PSBank` in one article, `PSB` in another: one organization once a third article ties them,
    whether the articles come in one batch or in separate runs."""
    docs = [{"id": "a", "text": "PSBank báo lãi 1.200 tỷ đồng trong năm 2020."},
            {"id": "b", "text": "Năm 2020, PSB báo lãi 300 tỷ đồng từ mảng thẻ."},
            {"id": "c", "text": "Ngân hàng TMCP Phú Sơn (PSBank, mã: PSB) năm 2021 lãi 1.500 tỷ đồng."}]
    for batch in ([docs], [docs[:1], docs[1:2], docs[2:]]):
        db = tmp_path / f"facts{len(batch)}.db"
        for i, part in enumerate(batch):
            src = tmp_path / f"in{len(batch)}-{i}.jsonl"
            _write(src, part)
            run([src], db=db, workers=1, progress=False)
        store = Store(db)
        ids = {f["org_id"] for f in store.facts() if f["unit"] == "VND"}
        assert len(ids) == 1, ids
        assert _count(db, "select count(*) from organizations") == 1
        for name in ("PSBank", "PSB", "Ngân hàng TMCP Phú Sơn"):
            assert sorted(f["value"] for f in store.facts(org=name)) == [300e9, 1200e9, 1500e9], name
        names = json.loads(sqlite3.connect(db).execute("select aliases from organizations").fetchone()[0])
        assert {"PSBank", "PSB"} <= set(names) | {sqlite3.connect(db).execute("select name from organizations").fetchone()[0]}
