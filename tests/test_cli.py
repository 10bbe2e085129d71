"""The `vnmetrics` command, run as a user runs it (a real subprocess, a real database)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def vnmetrics(*args, **kw):
    exe = shutil.which("vnmetrics") or str(Path(sys.executable).parent / "vnmetrics")
    return subprocess.run([exe, *map(str, args)], capture_output=True, text=True, timeout=300, **kw)


def test_extract_corpus_into_sqlite_and_show_facts(tmp_path):
    db = tmp_path / "facts.db"
    r = vnmetrics("extract", ROOT / "corpus", "--db", db, "--workers", 2)
    assert r.returncode == 0, r.stderr
    assert "45 documents" in r.stderr
    r = vnmetrics("facts", "--db", db, "--org", "Bưu điện tỉnh Bắc Giang", "--year", 2023)
    assert r.returncode == 0, r.stderr
    assert "12,7 tỷ đồng" in r.stdout and "tăng 22,8%" in r.stdout and "nộp ngân sách" in r.stdout


def test_extract_jsonl_to_stdout_follows_the_schema(tmp_path):
    src = tmp_path / "d.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "Lợi nhuận đạt 5 tỷ đồng, tăng 10%."}) + "\n", encoding="utf-8")
    r = vnmetrics("extract", src, "--jsonl", "-")
    assert r.returncode == 0, r.stderr
    facts = [json.loads(line) for line in r.stdout.splitlines()]
    required = {"doc_id", "start", "end", "quote", "sentence", "class", "value", "value_max", "unit", "per",
                "approx", "change", "base", "kind", "metric", "org", "year", "period"}
    assert [f["quote"] for f in facts] == ["5 tỷ đồng", "10%"]
    assert all(required <= f.keys() for f in facts)


def test_unreadable_input_names_file_and_line_and_exits_nonzero(tmp_path):
    src = tmp_path / "d.jsonl"
    src.write_text('{"id": "a", "text": "Lãi 5 tỷ đồng."}\n{oops\n', encoding="utf-8")
    db = tmp_path / "f.db"
    r = vnmetrics("extract", src, "--db", db)
    assert r.returncode == 1
    assert f"{src}:2: bad JSON" in r.stderr
    assert "1 documents" in r.stderr


def test_missing_path_is_a_clear_error(tmp_path):
    r = vnmetrics("extract", tmp_path / "nope", "--db", tmp_path / "f.db")
    assert r.returncode == 2 and "no such file" in r.stderr
