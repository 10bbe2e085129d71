"""Dirty archives and faults (issue 14): every case built as real files on disk, a real
SQLite database, real processes for the CLI and for two writers.

Never stall, never crash, never lose or corrupt, say what happened: each bad
record is named (file and line), skipped, counted in the summary and kept in
the `errors` table, and the rest is stored.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline import extract
from pipeline.charsets import TCVN3
from pipeline.runner import run
from pipeline.store import Store, StoreError, org_key

ROOT = Path(__file__).resolve().parent.parent
GOOD = "Năm 2020, Công ty Cổ phần Sông Đà đạt doanh thu {n} tỷ đồng, tăng 5% so với năm 2019."


def vnmetrics(*args, timeout=120, **kw):
    exe = shutil.which("vnmetrics") or str(Path(sys.executable).parent / "vnmetrics")
    return subprocess.run([exe, *map(str, args)], capture_output=True, text=True, timeout=timeout, **kw)


def jline(**doc) -> str:
    return json.dumps(doc, ensure_ascii=False) + "\n"


def rows(db, sql, *params):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def sha(path) -> str:
    return hashlib.sha1(Path(path).read_bytes()).hexdigest()


def no_traceback(r):
    assert "Traceback" not in r.stderr, r.stderr


# --- one bad line never kills its batch ---------------------------------------

@pytest.fixture
def dirty_folder(tmp_path):
    root = tmp_path / "in"
    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    (root / "a" / "bao-cao.txt").write_text(GOOD.format(n=11), encoding="utf-8")
    (root / "b" / "bao-cao.txt").write_text(GOOD.format(n=22), encoding="utf-8")
    (root / "ghi-chu.md").write_text("không phải bài báo", encoding="utf-8")
    (root / "anh.png").write_bytes(b"\x89PNG")
    with open(root / "c.jsonl", "w", encoding="utf-8") as fh:
        fh.write(jline(id=0, text=GOOD.format(n=33)))
        fh.write(jline(id="0", text=GOOD.format(n=34)))           # the same id as a string
        fh.write('{"id": "sur", "text": "l\\ud800i 5 tỷ đồng"}\n')  # a lone surrogate
        fh.write(jline(id="c-ok", text=GOOD.format(n=35)))
    with open(root / "d.jsonl", "w", encoding="utf-8") as fh:
        fh.write('{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
        fh.write('{"id": ' + "7" * 5000 + ', "text": "' + GOOD.format(n=44) + '"}\n')
        fh.write(jline(id="c-ok", text=GOOD.format(n=45)))         # the same id in another file
    os.mkfifo(root / "pipe.txt")                                 # a FIFO named .txt must not hang the run
    return root


def test_dirty_folder_stores_every_good_document_and_names_every_bad_one(dirty_folder, tmp_path):
    db = tmp_path / "f.db"
    r = vnmetrics("extract", dirty_folder, tmp_path / "missing", "--db", db, "--workers", 2)
    no_traceback(r)
    assert r.returncode == 1, r.stderr  # bad input was skipped
    ids = {i for (i,) in rows(db, "select id from documents")}
    assert ids == {"a/bao-cao", "b/bao-cao", "0", "c-ok", "7" * 5000}
    assert rows(db, "select value from facts where doc_id = '0' and unit = 'VND'") == [(33e9,)]
    assert rows(db, "select value from facts where doc_id = 'c-ok' and unit = 'VND'") == [(35e9,)]
    err = r.stderr
    assert f"{dirty_folder / 'c.jsonl'}:2: id '0' was already read from {dirty_folder / 'c.jsonl'}:1" in err
    assert f"{dirty_folder / 'c.jsonl'}:3: `text` is not valid Unicode" in err
    assert f"{dirty_folder / 'd.jsonl'}:1: bad JSON (nested too deep)" in err
    assert f"{dirty_folder / 'd.jsonl'}:3: id 'c-ok' was already read" in err
    assert f"{dirty_folder / 'pipe.txt'}: not a regular file" in err
    assert f"{tmp_path / 'missing'}: no such file or directory" in err
    [summary] = [line for line in err.splitlines() if " documents read: " in line]
    assert summary.startswith("7 documents read: 5 stored")
    assert "5 stored" in summary and "2 id collisions" in summary and "2 ignored files" in summary
    assert "id collision 2" in summary and "bad JSON 1" in summary and "missing path 1" in summary
    kinds = sorted(k for (k,) in rows(db, "select kind from errors"))
    assert kinds == sorted(["id collision", "id collision", "invalid text", "bad JSON", "not a regular file",
                            "missing path"])
    assert rows(db, "select line from errors where kind = 'bad JSON'") == [("1",)]

    # a re-run is stable: the first of each repeated id stays, the repeats are reported again
    before = rows(db, "select doc_id, start, value from facts order by 1, 2")
    r2 = vnmetrics("extract", dirty_folder, "--db", db, "--workers", 1)
    no_traceback(r2)
    assert "2 id collisions" in r2.stderr and "5 already stored" in r2.stderr
    assert rows(db, "select doc_id, start, value from facts order by 1, 2") == before


def test_unreadable_file_in_a_folder_is_reported_and_the_rest_stored(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "ok.txt").write_text(GOOD.format(n=5), encoding="utf-8")
    bad = root / "locked.txt"
    bad.write_text(GOOD.format(n=6), encoding="utf-8")
    docs, errors = [], []
    if os.geteuid() == 0:  # root reads anything: make the file a dangling link instead
        bad.unlink()
        bad.symlink_to(tmp_path / "gone.txt")
    else:
        bad.chmod(0)
    stats = run([root], db=tmp_path / "f.db", workers=1, progress=False, on_error=errors.append)
    assert stats.documents == 1 and stats.errors == 1
    assert errors[0].path == str(bad) and "cannot read" in errors[0].reason


def test_batch_size_zero_is_refused(tmp_path):
    src = tmp_path / "d.jsonl"
    src.write_text(jline(id="a", text=GOOD.format(n=1)), encoding="utf-8")
    r = vnmetrics("extract", src, "--db", tmp_path / "f.db", "--batch-size", 0)
    assert r.returncode == 2 and "--batch-size must be at least 1" in r.stderr
    assert not (tmp_path / "f.db").exists()


def test_a_runaway_document_is_skipped_after_its_time_budget_and_the_rest_stored(tmp_path, monkeypatch):
    import pipeline.runner as runner

    real = runner.extract_document

    def runaway(doc):  # a document that never finishes (forked workers inherit the patch)
        while doc["id"] == "slow":
            pass
        return real(doc)

    monkeypatch.setattr(runner, "extract_document", runaway)
    src = tmp_path / "d.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        fh.write(jline(id="slow", text=GOOD.format(n=99)))
        for i in range(6):
            fh.write(jline(id=f"ok{i}", text=GOOD.format(n=i + 1)))
    for workers in (1, 2):
        db = tmp_path / f"f{workers}.db"
        stats = run([src], db=db, workers=workers, batch_size=2, progress=False, time_budget=1.0,
                    on_error=lambda e: None)
        assert stats.reasons == {"over time budget": 1}
        assert {i for (i,) in rows(db, "select id from documents")} == {f"ok{i}" for i in range(6)}
        assert rows(db, "select doc_id, line, kind from errors") == [("slow", "1", "over time budget")]


def test_strict_makes_any_skip_an_error(tmp_path):
    src = tmp_path / "d.jsonl"
    src.write_text(jline(id="a", text=GOOD.format(n=1)) + jline(id="a", text=GOOD.format(n=2)), encoding="utf-8")
    relaxed = vnmetrics("extract", src, "--db", tmp_path / "f.db", "--workers", 1)
    strict = vnmetrics("extract", src, "--db", tmp_path / "g.db", "--workers", 1, "--strict")
    assert relaxed.returncode == 0 and "1 id collisions" in relaxed.stderr
    assert strict.returncode == 1


# --- silently wrong values ------------------------------------------------------

DIRTY = yaml.safe_load((ROOT / "tests" / "cases" / "dirty_values.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", DIRTY, ids=[c["text"][:40] for c in DIRTY])
def test_dirty_value_case(case):
    by_quote = {f["quote"]: f for f in extract(case["text"])}
    for want in case["facts"]:
        assert want["quote"] in by_quote, (want["quote"], sorted(by_quote))
        for key, value in want.items():
            if isinstance(value, (int, float)):
                assert by_quote[want["quote"]][key] == pytest.approx(value), key
            else:
                assert by_quote[want["quote"]][key] == value, key


def test_a_number_beyond_a_float_is_no_fact_and_jsonl_stays_json(tmp_path):
    src = tmp_path / "d.jsonl"
    src.write_text(jline(id="inf", text="Con số 1" + ".000" * 103 + " tỷ đồng và lãi 5 tỷ đồng."), encoding="utf-8")
    out = tmp_path / "facts.jsonl"
    r = vnmetrics("extract", src, "--jsonl", out, "--workers", 1)
    assert r.returncode == 0, r.stderr

    def no_constants(name):
        raise ValueError(f"{name} is not JSON")

    facts = [json.loads(line, parse_constant=no_constants) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [f["quote"] for f in facts] == ["5 tỷ đồng"]


def _tcvn3(text: str) -> bytes:
    back = {v: k for k, v in TCVN3.items()}
    return "".join(back.get(c, c) for c in unicodedata.normalize("NFC", text)).encode("latin-1")


def _cp1258(text: str) -> bytes:
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:  # a toned letter: base (with its shape mark) + combining tone
            parts = unicodedata.normalize("NFD", ch)
            tone = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tone))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return out


LEGACY = "Năm 2020, doanh thu của công ty đạt 91 tỷ đồng, lợi nhuận được 5 tỷ đồng và không có nợ xấu."


@pytest.mark.parametrize("encoding", ["TCVN3", "Windows-1258", "UTF-16"])
def test_legacy_encodings_are_converted(tmp_path, encoding):
    raw = {"TCVN3": _tcvn3, "Windows-1258": _cp1258, "UTF-16": lambda t: t.encode("utf-16")}[encoding](LEGACY)
    (tmp_path / "cu.txt").write_bytes(raw)
    notes, errors = [], []
    stats = run([tmp_path / "cu.txt"], jsonl=str(tmp_path / "o.jsonl"), workers=1, progress=False,
                on_error=errors.append, on_info=lambda what, d: notes.append(d))
    assert errors == [] and stats.documents == 1
    assert any(encoding.split("-")[0] in n for n in notes), notes
    facts = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [f["value"] for f in facts] == [91e9, 5e9]


def test_tcvn3_mojibake_saved_as_utf8_is_converted_and_vni_named(tmp_path):
    mojibake = _tcvn3(LEGACY).decode("latin-1")
    vni = "Naêm 2020, doanh thu cuûa coâng ty ñaït 91 tyû ñoàng, lôïi nhuaän ñöôïc 5 tyû ñoàng."
    src = tmp_path / "d.jsonl"
    src.write_text(jline(id="tcvn3", text=mojibake) + jline(id="vni", text=vni), encoding="utf-8")
    errors = []
    run([src], jsonl=str(tmp_path / "o.jsonl"), workers=1, progress=False, on_error=errors.append,
        on_info=lambda *a: None)
    facts = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(f["doc_id"], f["value"]) for f in facts] == [("tcvn3", 91e9), ("tcvn3", 5e9)]
    assert len(errors) == 1 and errors[0].line == 2 and "VNI" in errors[0].reason


def test_vni_bytes_are_named(tmp_path):
    raw = "Naêm 2020 doanh thu cuûa coâng ty ñaït 91 tyû ñoàng.".encode("cp1252")
    (tmp_path / "vni.txt").write_bytes(raw)
    errors = []
    run([tmp_path / "vni.txt"], jsonl=str(tmp_path / "o.jsonl"), workers=1, progress=False, on_error=errors.append)
    assert len(errors) == 1 and "VNI" in errors[0].reason and errors[0].kind == "encoding"


# --- damaged archives -------------------------------------------------------------

def _archive(n=200) -> bytes:
    return b"".join(jline(id=f"d{i}", text=GOOD.format(n=i + 1) * 3).encode() for i in range(n))


def test_truncated_jsonl_gz_gives_the_line(tmp_path):
    f = tmp_path / "cut.jsonl.gz"
    raw = gzip.compress(_archive())
    f.write_bytes(raw[: len(raw) // 2])
    errors = []
    stats = run([f], db=tmp_path / "f.db", workers=1, progress=False, on_error=errors.append)
    assert len(errors) == 1 and errors[0].line == stats.documents + 1 and "cut short" in errors[0].reason
    assert rows(tmp_path / "f.db", "select line, kind from errors") == [(str(stats.documents + 1), "damaged archive")]


def test_corrupted_gzip_names_the_file_and_line(tmp_path):
    f = tmp_path / "bad.jsonl.gz"
    raw = bytearray(gzip.compress(_archive()))
    raw[len(raw) // 2] ^= 0xFF
    f.write_bytes(bytes(raw))
    errors = []
    run([f], db=tmp_path / "f.db", workers=1, progress=False, on_error=errors.append)
    assert errors, "a corrupted archive must be reported"
    assert all(e.path == str(f) for e in errors)
    damaged = [e for e in errors if e.kind == "damaged archive"]
    assert damaged and isinstance(damaged[0].line, int) and damaged[0].line > 1
    assert "damaged" in damaged[0].reason


def test_truncated_plain_warc_stores_no_partial_page(tmp_path):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = "<html><body><article><p>" + GOOD.format(n=9) + " Lợi nhuận tăng mạnh so với cùng kỳ. " * 20
    arc = tmp_path / "crawl.warc"
    with open(arc, "wb") as fh:
        w = WARCWriter(fh, gzip=False)
        for i in range(3):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(f"https://bao.vn/{i}.htm", "response",
                                                payload=BytesIO((page + "</p></article></body></html>").encode()),
                                                http_headers=headers))
    data = arc.read_bytes()
    arc.write_bytes(data[:-300])
    errors = []
    stats = run([arc], db=tmp_path / "f.db", workers=1, progress=False, on_error=errors.append)
    assert stats.documents == 2
    assert len(errors) == 1 and errors[0].line == "record 3" and "truncated" in errors[0].reason
    texts = [t for (t,) in rows(tmp_path / "f.db", "select text from documents")]
    assert all("\ufffd" not in t for t in texts)


# --- database faults ------------------------------------------------------------------

@pytest.fixture
def one_doc(tmp_path):
    src = tmp_path / "d.jsonl"
    src.write_text(jline(id="a", text=GOOD.format(n=3)), encoding="utf-8")
    return src


def test_another_programs_sqlite_file_is_refused_before_touching_it(tmp_path, one_doc):
    other = tmp_path / "app.db"
    con = sqlite3.connect(other)
    con.execute("create table users (id integer primary key, name text)")
    con.execute("insert into users (name) values ('an')")
    con.commit()
    con.close()
    before = sha(other)
    r = vnmetrics("extract", one_doc, "--db", other)
    no_traceback(r)
    assert r.returncode == 2 and f"{other}: is another program's SQLite database (tables: users)" in r.stderr
    assert sha(other) == before and not Path(f"{other}-wal").exists()


@pytest.mark.parametrize("what", ["text file", "folder", "missing folder"])
def test_a_bad_db_path_is_one_line(tmp_path, one_doc, what):
    db = tmp_path / "x.db"
    if what == "text file":
        db.write_text("ghi chú\n", encoding="utf-8")
    elif what == "folder":
        db.mkdir()
    else:
        db = tmp_path / "nope" / "x.db"
    before = sha(db) if db.is_file() else None
    r = vnmetrics("extract", one_doc, "--db", db)
    no_traceback(r)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and str(db) in r.stderr
    if before:
        assert sha(db) == before


def test_read_only_database_and_folder_are_refused(tmp_path, one_doc, monkeypatch):
    db = tmp_path / "ro" / "f.db"
    db.parent.mkdir()
    run([one_doc], db=db, workers=1, progress=False)
    (tmp_path / "e.jsonl").write_text(jline(id="b", text=GOOD.format(n=4)), encoding="utf-8")
    before = rows(db, "select id from documents")
    denied = {str(db)}
    if os.geteuid() == 0:  # root writes anything: let the permission check see what a user would
        real = os.access
        monkeypatch.setattr(os, "access", lambda p, m, **k: False if (m & os.W_OK) and str(p) in denied
                            else real(p, m, **k))
    db.chmod(0o444)
    try:
        with pytest.raises(StoreError, match="the database is read-only"):
            run([tmp_path / "e.jsonl"], db=db, workers=1, progress=False)
        db.chmod(0o644)
        db.parent.chmod(0o555)
        denied = {str(db.parent)}
        with pytest.raises(StoreError, match="folder .* is read-only"):
            run([tmp_path / "e.jsonl"], db=db, workers=1, progress=False)
    finally:
        db.parent.chmod(0o755)
        db.chmod(0o644)
    assert rows(db, "select id from documents") == before


def test_a_locked_database_is_one_line_and_unchanged(tmp_path, one_doc):
    db = tmp_path / "f.db"
    run([one_doc], db=db, workers=1, progress=False)
    (tmp_path / "e.jsonl").write_text(jline(id="b", text=GOOD.format(n=4)), encoding="utf-8")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        r = vnmetrics("extract", tmp_path / "e.jsonl", "--db", db, env={**os.environ, "VNMETRICS_BUSY_TIMEOUT": "1"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    no_traceback(r)
    assert r.returncode == 2 and f"{db}: the database is locked by another program" in r.stderr
    assert rows(db, "select id from documents") == [("a",)]


def test_jsonl_to_a_full_device_is_one_line(one_doc):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    r = vnmetrics("extract", one_doc, "--jsonl", "/dev/full")
    no_traceback(r)
    assert r.returncode == 2 and "/dev/full: cannot write (No space left on device)" in r.stderr


def test_two_writers_on_one_new_database(tmp_path):
    """Two real processes: no crash, no organization twice, every fact reachable by --org."""
    orgs = ["Công ty Cổ phần Sông Đà", "Ngân hàng TMCP Tiên Phong", "Công ty Cổ phần Sữa Việt Nam",
            "Công ty Điện lực Hưng Yên", "Bưu điện tỉnh Bắc Giang"]
    for side in ("a", "b"):
        with open(tmp_path / f"{side}.jsonl", "w", encoding="utf-8") as fh:
            for i in range(120):
                org = orgs[(i + (side == "b")) % len(orgs)]
                fh.write(jline(id=f"{side}{i}", text=f"Năm 2020, {org} đạt doanh thu {i + 1} tỷ đồng, lãi {i + 2} tỷ đồng."))
    for trial in range(2):
        db = tmp_path / f"two{trial}.db"
        exe = shutil.which("vnmetrics") or str(Path(sys.executable).parent / "vnmetrics")
        procs = [subprocess.Popen([exe, "extract", str(tmp_path / f"{s}.jsonl"), "--db", str(db), "--workers", "1",
                                   "--batch-size", "5"], stderr=subprocess.PIPE, text=True) for s in ("a", "b")]
        outs = [p.communicate(timeout=300)[1] for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outs
        assert rows(db, "select count(*) from documents") == [(240,)]
        names = [n for (n,) in rows(db, "select name from organizations")]
        assert len({org_key(n) for n in names}) == len(names) == len(orgs)
        store = Store(db)
        for org in orgs:
            assert len(store.facts(org=org, limit=None)) == 2 * 48, org  # 240 docs, 2 facts each, 1/5 of them
        assert rows(db, "select count(*) from facts where org is not null and org_id is null") == [(0,)]


# --- small ones ---------------------------------------------------------------------------

def test_jsonl_to_a_closed_pipe_exits_0_quietly(tmp_path):
    src = tmp_path / "d.jsonl"
    src.write_text("".join(jline(id=f"d{i}", text=GOOD.format(n=i + 1)) for i in range(3000)), encoding="utf-8")
    exe = shutil.which("vnmetrics") or str(Path(sys.executable).parent / "vnmetrics")
    p = subprocess.Popen([exe, "extract", str(src), "--jsonl", "-", "--workers", "1"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    p.stdout.readline()
    p.stdout.close()  # what `| head -1` does
    _, err = p.communicate(timeout=120)
    assert p.returncode == 0 and err.decode() == ""


def test_failed_load_leaves_no_database(tmp_path):
    (tmp_path / "shards").mkdir()
    db = tmp_path / "f.db"
    r = vnmetrics("load", tmp_path / "shards", "--db", db)
    assert r.returncode == 2 and "no shards" in r.stderr and not db.exists()


def test_unreachable_scheduler_is_one_line(tmp_path, one_doc):
    r = vnmetrics("extract", one_doc, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--shards",
                  tmp_path / "s")
    no_traceback(r)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    assert "tcp://127.0.0.1:9: no Dask scheduler answers there" in r.stderr


def test_show_into_a_missing_folder_facts_json_and_unknown_org(tmp_path, one_doc):
    db = tmp_path / "f.db"
    run([one_doc], db=db, workers=1, progress=False)
    r = vnmetrics("show", "a", "--db", db, "--html", tmp_path / "nope" / "a.html")
    no_traceback(r)
    assert r.returncode == 2 and "cannot write" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = vnmetrics("facts", "--db", db, "--json")
    assert all(isinstance(json.loads(line)["flags"], list) for line in r.stdout.splitlines())
    r = vnmetrics("facts", "--db", db, "--org", "Sông Hồng")
    assert "no organization named 'Sông Hồng'" in r.stderr
    r = vnmetrics("facts", "--db", db, "--org", "Sông Đà")
    assert "no organization named" not in r.stderr or "Công ty Cổ phần Sông Đà" in r.stderr


# --- hypothesis: extract never raises, quotes are the text, values are finite -------------------

_PIECES = st.sampled_from(["5", "12,5", "1.000", "91 352", "2020", "hai", "ba mươi", " tỷ", " triệu", " đồng", "%",
                           " người", "năm ", "từ ", " đến ", "\u200b", "\u00a0", "\u202f", "\u00ad", "\ufeff",
                           ". ", ", ", "\n", "Công ty ", "Ngân hàng ", "tăng ", "quý I/", "-", "/", "(", ")"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40).map("".join))
@example("\U0001e4f0")  # a digit newer than Python's Unicode tables: `\d` matched it, float() refused it
def test_extract_never_raises_and_quotes_are_the_text(text):
    norm = unicodedata.normalize("NFC", text)
    for f in extract(text):
        assert f["quote"] == norm[f["start"]:f["end"]]
        assert math.isfinite(f["value"]) and (f["value_max"] is None or math.isfinite(f["value_max"]))
