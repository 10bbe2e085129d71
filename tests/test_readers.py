"""Readers: every input form, and bad input reported with file and line while the rest goes on."""
from __future__ import annotations

import gzip
import json

from pipeline.readers import read_documents


def _collect(paths):
    errors = []
    docs = list(read_documents(paths, errors.append))
    return docs, errors


def test_txt_jsonl_and_gz_in_a_folder(tmp_path):
    (tmp_path / "a.txt").write_text("Doanh thu đạt 5 tỷ đồng.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "b1", "text": "x"}) + "\n", encoding="utf-8")
    with gzip.open(tmp_path / "c.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": 7, "text": "y", "url": "http://e.x/1"}) + "\n")
    docs, errors = _collect([tmp_path])
    assert errors == []
    assert [d["id"] for d in docs] == ["a", "b1", "7"]
    assert docs[2]["url"] == "http://e.x/1"


def test_bad_lines_are_reported_with_file_and_line_and_skipped(tmp_path):
    f = tmp_path / "docs.jsonl"
    with open(f, "wb") as fh:
        fh.write(json.dumps({"id": "ok1", "text": "a"}).encode() + b"\n")
        fh.write(b'{"id": "broken", "text": \n')
        fh.write(b'{"id": "latin", "text": "caf\xe9"}\n')
        fh.write(json.dumps({"text": "no id"}).encode() + b"\n")
        fh.write(json.dumps({"id": "ok2", "text": "b"}).encode() + b"\n")
    docs, errors = _collect([f])
    assert [d["id"] for d in docs] == ["ok1", "ok2"]
    assert [(e.line, e.path) for e in errors] == [(2, str(f)), (3, str(f)), (4, str(f))]
    assert "bad JSON" in errors[0].reason and "not UTF-8" in errors[1].reason
    assert str(errors[0]).startswith(f"{f}:2: ")


def test_non_utf8_text_file_is_reported(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"doanh thu \xff\xfe")
    (tmp_path / "good.txt").write_text("ok", encoding="utf-8")
    docs, errors = _collect([tmp_path])
    assert [d["id"] for d in docs] == ["good"]
    assert "bad.txt" in errors[0].path and "not UTF-8" in errors[0].reason


def test_truncated_gzip_keeps_what_was_read(tmp_path):
    f = tmp_path / "cut.jsonl.gz"
    raw = gzip.compress(b"".join(json.dumps({"id": str(i), "text": "t" * 50}).encode() + b"\n" for i in range(200)))
    f.write_bytes(raw[: len(raw) // 2])
    docs, errors = _collect([f])
    assert 0 < len(docs) < 200
    assert len(errors) == 1 and "cannot read" in errors[0].reason


def test_unsupported_file_type_is_reported_not_fatal(tmp_path):
    (tmp_path / "page.html").write_text("<p>5 tỷ đồng</p>", encoding="utf-8")
    docs, errors = _collect([tmp_path / "page.html"])
    assert docs == [] and "unsupported input type" in errors[0].reason
