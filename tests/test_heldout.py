"""The project's own held-out annotation (benchmarks/heldout) stays usable: gold-format lines, documents
that exist in the archives, quotes found where the lines say (when ../shared/data is present)."""
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "benchmarks" / "heldout"
KEYS = {"doc_id", "quote", "occ", "class", "value", "value_max", "unit", "per", "approx", "change", "base", "kind",
        "metric", "org", "org_aliases", "year", "period", "note"}


SETS = sorted(p.name[:-len("-ids.txt")] for p in HELDOUT.glob("*-ids.txt"))


def _facts(name):
    return [json.loads(line) for line in (HELDOUT / f"{name}-facts.jsonl").open(encoding="utf-8")]


def test_every_set_is_found():
    assert {"dev3", "dev4", "dev5"} <= set(SETS)


@pytest.mark.parametrize("name", SETS)
def test_lines_have_the_gold_keys_and_known_documents(name):
    ids = set((HELDOUT / f"{name}-ids.txt").read_text(encoding="utf-8").split())
    facts = _facts(name)
    assert len(ids) == 16 and len(facts) >= 100
    for f in facts:
        assert set(f) == KEYS, f
        assert f["doc_id"] in ids
        assert f["class"] in ("money", "ratio", "measure", "count")


@pytest.mark.parametrize("name", SETS)
def test_every_quote_is_found_in_its_archive_document(name, tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import score_gold

    docs = score_gold.heldout_docs(name, tmp_path / "docs.jsonl")
    if docs is None:
        pytest.skip("../shared/data (the archives) not present")
    texts = {d["id"]: d["text"] for d in map(json.loads, docs.open(encoding="utf-8"))}
    for f in _facts(name):
        at = -1
        for _ in range(f["occ"] + 1):
            at = texts[f["doc_id"]].find(f["quote"], at + 1)
            assert at >= 0, (f["doc_id"], f["quote"], f["occ"])
