"""The Dask engine on a real `dask.distributed.LocalCluster`: same facts as the local engine."""
from __future__ import annotations

import gzip
import itertools
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED
from pipeline.cluster import extract_partition, load_shards, run_dask, shard_names
from pipeline.readers import partitions
from pipeline.runner import run

VNMETRICS = str(Path(sys.executable).parent / "vnmetrics")

COLUMNS = ("doc_id, start, end, quote, sentence, class, value, value_max, unit, per, approx, change, base, kind, "
           "metric, metric_key, org, year, period, org_source, time_source, flags")


def table(db):
    con = sqlite3.connect(db)
    facts = con.execute(f"select {COLUMNS}, o.name from facts left join organizations o on o.id = facts.org_id "
                        "order by doc_id, start").fetchall()
    docs = con.execute("select id, url, title, date, text, content_hash, n_facts from documents order by id").fetchall()
    return docs, facts


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """corpus/ plus 300 archive articles (invented ones when ../shared is absent) and a bad line."""
    d = tmp_path_factory.mktemp("input")
    lines = []
    archive = SHARED / "data" / "dantri-2020.jsonl.gz"
    if archive.exists():
        with gzip.open(archive, "rt", encoding="utf-8") as fh:
            lines = [line.rstrip("\n") for line in itertools.islice(fh, 300)]
    if not lines:  # no ../shared here: invented articles of the same shape
        lines = [json.dumps({"id": f"gen{i:04d}", "text": f"Năm {2015 + i % 7}, Công ty Cổ phần Số {i % 13} đạt doanh thu "
                             f"{100 + i},{i % 10} tỷ đồng, tăng {i % 30}% so với cùng kỳ; lãi {i % 50} tỷ đồng."},
                            ensure_ascii=False) for i in range(300)]
    lines.insert(5, "{not json")
    with gzip.open(d / "archive.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return [ROOT / "corpus", d / "archive.jsonl.gz"]


@pytest.fixture(scope="module")
def local_db(sample, tmp_path_factory):
    db = tmp_path_factory.mktemp("local") / "local.db"
    run(sample, db=db, workers=2, progress=False, on_error=lambda e: None)
    return db


def test_dask_engine_gives_the_same_database_as_the_local_engine(sample, local_db, tmp_path):
    errors = []
    stats = run_dask(sample, tmp_path / "shards", workers=2, partition_size=50, on_error=errors.append)
    assert stats.partitions > 3 and stats.documents > 0
    assert len(errors) == 1 and "archive.jsonl.gz:6: bad JSON" in errors[0]
    db = tmp_path / "dask.db"
    load_shards(tmp_path / "shards", db)
    local_docs, local_facts = table(local_db)
    dask_docs, dask_facts = table(db)
    assert len(dask_facts) > 100
    assert dask_docs == local_docs
    assert dask_facts == local_facts


def test_shards_are_parquet_an_analyst_can_read_directly(sample, tmp_path):
    import pandas as pd

    part = partitions(sample, 1000)[0]
    extract_partition(part, str(tmp_path))
    facts = pd.read_parquet(tmp_path / "facts")
    assert {"doc_id", "value", "unit", "metric", "org", "year", "quote"} <= set(facts.columns)
    assert len(facts) > 0 and facts["value"].dtype == float


def test_rerun_skips_finished_partitions_and_reload_never_duplicates(sample, local_db, tmp_path):
    shards = tmp_path / "shards"
    parts = partitions(sample, 50)
    extract_partition(parts[1], str(shards))  # as if a first run had died after one partition
    stats = run_dask(sample, shards, workers=2, partition_size=50, on_error=lambda m: None)
    assert stats.partitions_done_before == 1 and len(shard_names(shards)) == len(parts)
    db = tmp_path / "dask.db"
    load_shards(shards, db)
    load_shards(shards, db)
    assert table(db) == table(local_db)


def test_cli_extract_with_dask_engine_then_load(tmp_path):
    shards, db = tmp_path / "shards", tmp_path / "facts.db"
    out = subprocess.run([VNMETRICS, "extract", ROOT / "corpus" / "seeds", "--engine", "dask", "--shards", shards,
                          "--workers", "1"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "5 documents" in out.stderr
    out = subprocess.run([VNMETRICS, "load", shards, "--db", db], capture_output=True, text=True)
    assert out.returncode == 0 and "loaded 5 documents" in out.stderr
    assert sqlite3.connect(db).execute("select count(*) from facts").fetchone()[0] > 10


def test_load_of_a_folder_without_shards_is_a_clear_error(tmp_path):
    out = subprocess.run([VNMETRICS, "load", tmp_path, "--db", tmp_path / "x.db"], capture_output=True, text=True)
    assert out.returncode == 2 and "no shards" in out.stderr


def test_cli_runs_on_a_scheduler_given_by_address(tmp_path):
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = subprocess.run([VNMETRICS, "extract", ROOT / "corpus", "--engine", "dask", "--scheduler",
                              cluster.scheduler_address, "--shards", tmp_path / "shards", "--db", tmp_path / "d.db",
                              "--partition-size", "10"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "45 documents" in out.stderr and "loaded 45 documents" in out.stderr
    local = tmp_path / "l.db"
    run([ROOT / "corpus"], db=local, workers=1, progress=False)
    assert table(tmp_path / "d.db") == table(local)


def _errors(db):
    return sorted(sqlite3.connect(db).execute("select file, line, doc_id, kind, reason from errors").fetchall(),
                  key=repr)


def test_dask_engine_logs_the_same_errors_as_the_local_engine_once_however_often_loaded(sample, local_db, tmp_path):
    run_dask(sample, tmp_path / "shards", workers=2, partition_size=50, on_error=lambda m: None)
    db = tmp_path / "dask.db"
    load_shards(tmp_path / "shards", db)
    load_shards(tmp_path / "shards", db)
    assert _errors(db) == _errors(local_db)
    kinds = [r[3] for r in _errors(db)]
    assert kinds.count("bad JSON") == 1
    if (SHARED / "data").exists():  # corpus/ holds some of the archive's articles: their ids repeat
        assert kinds.count("id collision") > 0


def test_an_id_repeated_across_partitions_keeps_the_first_like_the_local_engine(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    rows = [{"id": f"d{i}", "text": f"Năm 2020, Công ty Cổ phần Hoa Sen {i} lãi {i + 1} tỷ đồng."} for i in range(6)]
    (folder / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    again = {"id": "d1", "text": "Năm 2021, Công ty Cổ phần Hoa Sen lãi 99 tỷ đồng."}
    (folder / "b.jsonl").write_text(json.dumps(again, ensure_ascii=False) + "\n", encoding="utf-8")
    shards, db, local = tmp_path / "shards", tmp_path / "d.db", tmp_path / "l.db"
    out = subprocess.run([VNMETRICS, "extract", folder, "--engine", "dask", "--shards", shards, "--db", db,
                          "--workers", "1", "--partition-size", "3"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr  # a repeated id is reported, not a failure (unless --strict)
    assert "id 'd1' was already read" in out.stderr and "the first is kept" in out.stderr
    run([folder], db=local, workers=1, progress=False, on_error=lambda e: None)
    assert table(db) == table(local)
    assert [r[2:4] for r in _errors(db)] == [("d1", "id collision")]
    assert "99 tỷ" not in " ".join(r[3] for r in table(db)[1])


def test_a_document_over_its_time_budget_on_a_dask_worker_thread_is_reported_and_the_rest_stored(tmp_path, monkeypatch):
    """Dask runs tasks in threads, where SIGALRM cannot reach: the budget must still hold."""
    import time

    from dask.distributed import LocalCluster

    import pipeline.runner as runner

    real = runner.extract_document

    def slow_on_one(doc):
        if doc["id"] == "slow":
            end = time.monotonic() + 30
            while time.monotonic() < end:  # a runaway stage, in Python
                pass
        return real(doc)

    monkeypatch.setattr(runner, "extract_document", slow_on_one)
    rows = [{"id": "slow", "text": "Công ty A lãi 1 tỷ đồng."},
            {"id": "fine", "text": "Năm 2020, Công ty Cổ phần Hoa Sen lãi 7 tỷ đồng."}]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    messages = []
    t0 = time.monotonic()
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        stats = run_dask([src], tmp_path / "shards", scheduler=cluster.scheduler_address, time_budget=0.5,
                         on_error=messages.append)
    assert time.monotonic() - t0 < 25
    assert stats.documents == 1 and stats.input_errors == 0
    assert len(messages) == 1 and "'slow'" in messages[0] and "budget" in messages[0]
    load_shards(tmp_path / "shards", tmp_path / "d.db")
    assert [r[0] for r in table(tmp_path / "d.db")[0]] == ["fine"]
    assert [r[2:4] for r in _errors(tmp_path / "d.db")] == [("slow", "over time budget")]
