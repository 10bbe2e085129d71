"""The SQLite store: a real database file, idempotent re-runs, replacement, resume."""
from __future__ import annotations

import json
import sqlite3
import unicodedata

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


# decomposed tones (NFD) in the input: the worker's offsets are in the NFC text the store keeps
_ROWS_DOC = {"id": "r1", "url": "http://example.vn/r", "title": "Công ty Sông Đà",
             "text": unicodedata.normalize("NFD", "Năm 2022, Công ty Cổ phần Sông Đà 9 (SD9) lãi 12,4 tỷ đồng, "
                                                  "giảm 8% so với năm trước. Doanh thu đạt 410 tỷ đồng.")}


def test_fact_rows_give_back_the_fact_dicts():
    """What a worker sends (`fact_row`: no keys, the quote and sentence left out when they are the text at
    their offsets) is the fact again, for the JSONL output (`fact_dict`) as for the store."""
    from pipeline.extract import extract_document
    from pipeline.store import _QUOTE_AT, _SENTENCE_AT, fact_dict, fact_row
    from pipeline.text import nfc

    text = nfc(_ROWS_DOC["text"])
    found = extract_document(_ROWS_DOC)
    assert len(found) >= 3
    for f in found:
        row = fact_row(f, text)
        assert row[_QUOTE_AT] is None and row[_SENTENCE_AT] is None   # cut from the text again
        back = fact_dict(row, text, _ROWS_DOC["url"])
        assert back == f.to_dict() and list(back) == list(f.to_dict())


def test_rows_and_dicts_store_the_same(tmp_path):
    """`write_rows` (the run's workers) and `write_batch` (fact dicts: shards) write the same rows."""
    from pipeline.extract import extract_document
    from pipeline.store import fact_row
    from pipeline.text import nfc

    found = extract_document(_ROWS_DOC)
    a, b = Store(tmp_path / "a.db", write=True), Store(tmp_path / "b.db", write=True)
    assert a.write_rows([(dict(_ROWS_DOC), [fact_row(f, nfc(_ROWS_DOC["text"])) for f in found])]) == len(found)
    assert b.write_batch([(dict(_ROWS_DOC), [f.to_dict() for f in found])]) == len(found)
    for table in ("documents", "facts", "organizations", "org_names"):
        rows = [sorted(s.db.conn.execute(f"select * from {table}").fetchall()) for s in (a, b)]
        assert rows[0] == rows[1] and rows[0], table
