"""Score the extractor on the development sets with the shared scorer, one command:

    python3 benchmarks/score_gold.py [--set dev|dev2|dev3|dev4|dev5] [--errors 30]

`dev` flatters the tool (its first rules were written on it); `dev2` scores like unseen articles.
`dev3`, `dev4` and `dev5` (benchmarks/heldout/, only with `--set NAME`) are the project's own blind
annotations of 16 random archive articles each (sessions 10, 15 and 21): their documents are taken from
../shared/data by id, never committed.
"""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _python() -> str | None:
    """A Python that can run vnmetrics from this checkout: the one running, or the project's `.venv`
    (the README runs this script with a plain `python`)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for exe in (sys.executable, ROOT / ".venv/bin/python", ROOT / ".venv/Scripts/python.exe"):
        if Path(exe).exists() and subprocess.run([str(exe), "-c", "import pipeline.cli"], env=env,
                                                 capture_output=True).returncode == 0:
            return str(exe)
    return None


HELDOUT = ROOT / "benchmarks" / "heldout"
ARCHIVES = ("baomoi-2017.jsonl.gz", "dantri-2020.jsonl.gz")


def heldout_docs(name: str, out: Path) -> Path | None:
    """Write the documents of a held-out set (ids in HELDOUT/NAME-ids.txt, in that order) from the archives
    of ../shared/data to `out`; None when an archive or a document is missing."""
    ids = (HELDOUT / f"{name}-ids.txt").read_text(encoding="utf-8").split()
    found: dict = {}
    for archive in ARCHIVES:
        path = SHARED / "data" / archive
        if not path.exists():
            return None
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                head = line[:60]
                if any(f'"{i}"' in head for i in ids):
                    doc = json.loads(line)
                    if doc["id"] in ids:
                        found[doc["id"]] = line
    if len(found) != len(ids):
        return None
    out.write_text("".join(found[i] for i in ids), encoding="utf-8")
    return out


def gold_paths(name: str, tmp: Path):
    """(documents, gold facts) of a set: dev and dev2 from ../shared/gold, a held-out set (benchmarks/heldout/
    NAME-ids.txt) written from the archives into `tmp`; the documents are None when the archives lack some."""
    if (HELDOUT / f"{name}-ids.txt").exists():
        return heldout_docs(name, tmp / "docs.jsonl"), HELDOUT / f"{name}-facts.jsonl"
    return SHARED / f"gold/{name}-docs.jsonl", SHARED / f"gold/{name}-facts.jsonl"


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    sets = ["dev", "dev2"]
    if "--set" in argv:
        i = argv.index("--set")
        sets, argv = [argv[i + 1]], argv[:i] + argv[i + 2:]
    scorer = SHARED / "eval/score.py"
    if not scorer.exists():
        print(f"score_gold: {scorer} not found (the development gold lives in ../shared)", file=sys.stderr)
        return 2
    python = _python()
    if python is None:
        print("score_gold: vnmetrics is not installed for this Python, and there is no .venv here; run"
              " `python3 -m venv .venv && .venv/bin/pip install .` first", file=sys.stderr)
        return 2
    worst = 0
    for name in sets:
        print(f"== {name}", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            docs, gold = gold_paths(name, Path(tmp))
            if docs is None:
                print(f"score_gold: the documents of {name} come from {SHARED / 'data'}, which lacks some",
                      file=sys.stderr)
                return 2
            pred = Path(tmp) / "pred.jsonl"
            subprocess.run([python, "-m", "pipeline.cli", "extract", str(docs), "--jsonl", str(pred), "--workers", "1",
                            "--quiet"], check=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                           stdout=subprocess.DEVNULL)
            worst = max(worst, subprocess.run([sys.executable, str(scorer), "--docs", str(docs), "--gold", str(gold),
                                               "--pred", str(pred), *argv]).returncode)
    return worst


if __name__ == "__main__":
    sys.exit(main())
