"""Where extraction spends its time: CPU seconds per stage of `extract_document` on a sample.

    python benchmarks/stage_times.py [--archive ../shared/data/baomoi-2017.jsonl.gz] [--sample 600] [--rounds 3]

Each stage function that `pipeline.extract` calls is wrapped with a CPU-time counter (this
thread's time, so other processes on a busy machine count little); a stage's number is its
minimum over the rounds, and its share is of the fastest whole round. Stages nest (`link`
includes what it calls, `_attribute_org` the owner rules), so shares are not to be added up
across levels. The tool to choose what to make faster; `throughput.py` is the benchmark.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import itertools
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT.parent / "shared" / "data" / "baomoi-2017.jsonl.gz"

# (module attribute of pipeline.extract, function names): what extract_document calls
STAGES = {
    None: ["find_quantities", "_keep", "shadow", "sentences", "clause_start", "clause_end",
           "_blank_spans", "_attribute_org", "_attribute_time", "_sentence_final_base"],
    "ambiguity": ["resolve"],
    "timeexpr": ["published", "explicit_mentions"],
    "timing": ["anchor", "title_time"],
    "orgs": ["find_mentions", "link", "about_one"],
    "meaning": ["is_no_fact", "approx_of", "change_of", "base_of", "kind_of"],
    "metrics": ["metric_after", "metric_before", "metric_key"],
    "metric_compose": ["with_purpose", "respectively", "share_in", "choose", "value_of", "carried",
                       "continues", "with_segment", "with_unit", "of_count"],
}


def load(path, n):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in itertools.islice(fh, n)]


def wrap(owner, name, label, spent):
    fn = getattr(owner, name)

    def timed(*args, **kwargs):
        t = time.thread_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] += time.thread_time() - t
    setattr(owner, name, timed)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--archive", default=str(DEFAULT))
    ap.add_argument("--sample", type=int, default=600)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args(argv)
    if not Path(a.archive).exists():
        sys.exit(f"{a.archive}: no such archive (give --archive)")
    import importlib

    E = importlib.import_module("pipeline.extract")   # the module (the package exports a function of that name)

    spent: collections.Counter = collections.Counter()
    for mod, names in STAGES.items():
        owner = E if mod is None else getattr(E, mod)
        for name in names:
            wrap(owner, name, name if mod is None else f"{mod}.{name}", spent)
    docs = load(a.archive, a.sample)
    for d in docs[: min(100, len(docs))]:   # patterns compiled, caches warm
        E.extract_document(d)
    best: dict = {}
    totals = []
    for _ in range(a.rounds):
        spent.clear()
        t = time.thread_time()
        for d in docs:
            E.extract_document(d)
        totals.append(time.thread_time() - t)
        for k, v in spent.items():
            best[k] = min(best.get(k, v), v)
    total = min(totals)
    print(f"{len(docs)} documents, CPU s per round {[round(x, 2) for x in totals]}; per stage, minimum over rounds:")
    for k, v in sorted(best.items(), key=lambda kv: -kv[1]):
        if v >= 0.005:
            print(f"  {v / total:6.1%} {v:7.2f}  {k}")


if __name__ == "__main__":
    main()
