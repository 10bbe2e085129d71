"""Score the extractor on the development gold with the shared scorer (issue 3), one command:

    python benchmarks/score_gold.py [--errors 30]
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    docs, gold, scorer = SHARED / "gold/dev-docs.jsonl", SHARED / "gold/dev-facts.jsonl", SHARED / "eval/score.py"
    exe = Path(sys.executable).parent / "vnmetrics"
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        subprocess.run([str(exe), "extract", str(docs), "--jsonl", str(pred), "--workers", "1"], check=True)
        return subprocess.run([sys.executable, str(scorer), "--docs", str(docs), "--gold", str(gold),
                               "--pred", str(pred), *argv]).returncode


if __name__ == "__main__":
    sys.exit(main())
