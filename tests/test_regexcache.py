"""Patterns and word lists kept between runs (pipeline/regexcache.py) give the same extraction."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = ("Theo Công ty CP Sữa Việt Nam (Vinamilk), 6 tháng đầu năm 2021 doanh thu thuần đạt 28.000 tỷ đồng, "
        "tăng 5,8% so với cùng kỳ; Ngân hàng TMCP Quân đội (MB) lãi trước thuế gần 7.000 tỷ đồng.")
PROBE = ("import json, sys; from pipeline import extract; from pipeline.org_mentions import dictionary; "
         "from pipeline.lexicon import compounds; from pipeline import regexcache; "
         "print(json.dumps([extract(sys.argv[1]), len(dictionary()), len(compounds()), bool(regexcache._state)]))")


def _run(env_extra: dict) -> list:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VNMETRICS_")}
    env.update(PYTHONPATH=str(ROOT), **env_extra)
    out = subprocess.run([sys.executable, "-c", PROBE, TEXT], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_cached_runs_extract_the_same(tmp_path):
    cold = _run({"VNMETRICS_CACHE_DIR": str(tmp_path)})      # compiles, then writes the files at exit
    files = sorted(p.name.split("-")[0] for p in tmp_path.iterdir())
    assert files == ["alternation", "compounds", "regex", "sre"]   # the word list once: org names read it through lexicon
    warm = _run({"VNMETRICS_CACHE_DIR": str(tmp_path)})      # builds every pattern from the file
    plain = _run({"VNMETRICS_NO_CACHE": "1"})
    assert cold[0] and cold[:3] == warm[:3] == plain[:3]
    assert warm[3] and not plain[3]


def test_unreadable_cache_only_costs_the_compile(tmp_path):
    for name in ("regex-x.marshal",):
        (tmp_path / name).write_bytes(b"\x00garbage")
    first = _run({"VNMETRICS_CACHE_DIR": str(tmp_path)})
    for p in tmp_path.iterdir():
        p.write_bytes(b"not marshal")
    assert _run({"VNMETRICS_CACHE_DIR": str(tmp_path)})[:3] == first[:3]


def test_the_pattern_file_stays_bounded_and_stale_files_go(tmp_path, monkeypatch):
    """A caller compiling one pattern per document must not grow the file at every run; cache
    files of other code states that nobody used for weeks are removed."""
    import marshal
    import os
    import time

    from pipeline import regexcache

    path = tmp_path / "regex-abc.marshal"
    stale = tmp_path / "regex-old.marshal"
    stale.write_bytes(marshal.dumps({}))
    os.utime(stale, (time.time() - 30 * 86400,) * 2)
    fresh = tmp_path / "regex-other.marshal"
    fresh.write_bytes(marshal.dumps({}))
    monkeypatch.setattr(regexcache, "_MOST", 5)
    for run in range(3):
        monkeypatch.setattr(regexcache, "_state", {"path": path, "new": {(f"p{run}-{i}", 0): (i,) for i in range(10)}})
        regexcache._save()
        assert len(marshal.loads(path.read_bytes())) == 5
    assert not stale.exists() and fresh.exists()


def test_a_file_full_of_other_code_states_still_takes_this_process_patterns(tmp_path, monkeypatch):
    """One file serves every checkout and upgrade: once other states of the code have filled it,
    the patterns this process used and built must still be kept (the oldest others make room),
    or every later start compiles them again (`vnmetrics verify` took 2 s instead of 0.8 s)."""
    import marshal

    from pipeline import regexcache

    path = tmp_path / "regex-abc.marshal"
    others = {(f"old-{i}", 0): (i,) for i in range(5)}
    path.write_bytes(marshal.dumps(others))
    monkeypatch.setattr(regexcache, "_MOST", 5)
    used = {("old-1", 0): None, ("mine-used", 0): None}   # old-1 came from the file; mine-used was built here
    new = {("mine-used", 0): (7,), ("mine-new", 0): (8,)}
    monkeypatch.setattr(regexcache, "_state", {"path": path, "new": new, "used": used})
    regexcache._save()
    kept = marshal.loads(path.read_bytes())
    assert len(kept) == 5
    assert {("old-1", 0), ("mine-used", 0), ("mine-new", 0)} <= set(kept)   # this process's, all kept
    assert ("old-4", 0) in kept and ("old-0", 0) not in kept                # the oldest others went
    assert list(kept)[-3:] == [("old-1", 0), ("mine-used", 0), ("mine-new", 0)]   # most recently used last
