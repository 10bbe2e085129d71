"""Kill a run mid-archive (SIGKILL), resume it with the same command, compare with a clean run."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

VNMETRICS = str(Path(sys.executable).parent / "vnmetrics")
ORGS = ["Bưu điện tỉnh Bắc Giang", "Công ty Điện lực Hưng Yên", "Ngân hàng TMCP Tiên Phong", "Tập đoàn FPT"]


def make_archive(path: Path, n: int) -> None:
    rnd = random.Random(7)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            org, year = rnd.choice(ORGS), rnd.randint(2015, 2021)
            sentences = [f"Năm {year}, {org} đạt doanh thu {rnd.randint(10, 999)},{rnd.randint(1, 9)} tỷ đồng, "
                         f"tăng {rnd.randint(1, 40)}% so với cùng kỳ, đạt {rnd.randint(80, 130)}% kế hoạch."
                         for _ in range(12)]
            fh.write(json.dumps({"id": f"doc{i:05d}", "text": " ".join(sentences)}, ensure_ascii=False) + "\n")


def facts_of(db: Path):
    con = sqlite3.connect(db)
    rows = con.execute("select doc_id, start, end, value, unit, org, year from facts order by doc_id, start").fetchall()
    docs = con.execute("select count(*) from documents").fetchone()[0]
    return docs, rows


def test_killed_run_resumes_to_the_same_result(tmp_path):
    archive = tmp_path / "archive.jsonl"
    make_archive(archive, 2000)
    clean, broken = tmp_path / "clean.db", tmp_path / "broken.db"
    subprocess.run([VNMETRICS, "extract", archive, "--db", clean, "--workers", "2", "--batch-size", "20"],
                   check=True, capture_output=True)

    proc = subprocess.Popen([VNMETRICS, "extract", archive, "--db", broken, "--workers", "2", "--batch-size", "20"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:  # wait until some batches are committed
        time.sleep(0.1)
        try:
            stored = sqlite3.connect(broken, timeout=1).execute("select count(*) from documents").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= 200:
            break
    assert proc.poll() is None, "the run finished before it could be killed; make the archive larger"
    os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, as a power cut would
    proc.wait()
    interrupted_docs, _ = facts_of(broken)
    assert 0 < interrupted_docs < 2000

    resumed = subprocess.run([VNMETRICS, "extract", archive, "--db", broken, "--workers", "2", "--batch-size", "20"],
                             check=True, capture_output=True, text=True)
    assert f"{interrupted_docs} already stored" in resumed.stderr
    assert facts_of(broken) == facts_of(clean)
