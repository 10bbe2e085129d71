"""What a figure measures (tests/cases/metrics.yaml): every metric key of
patterns/metrics.yaml read from a sentence, and the metric phrase itself."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline import extract, metrics, patternbook

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "metrics.yaml").read_text(encoding="utf-8"))
KEYS = patternbook.load("metrics")["keys"]


def _fact(case):
    facts = extract(case["text"])
    by_quote = {f["quote"]: f for f in facts}
    assert case["quote"] in by_quote, f"missing {case['quote']!r}; got {sorted(by_quote)}"
    return by_quote[case["quote"]]


def test_every_key_has_a_sentence():
    covered = {c["key"] for c in CASES["keys"]}
    assert set(KEYS) - covered == set()
    assert covered - set(KEYS) == set()


def test_every_phrase_names_one_key():
    seen = {}
    for key, spec in KEYS.items():
        for w in spec["words"] if isinstance(spec, dict) else spec:
            assert str(w).lower() not in seen, (w, key, seen.get(str(w).lower()))
            seen[str(w).lower()] = key
        if isinstance(spec, dict) and "broader" in spec:
            assert spec["broader"] in KEYS, key


@pytest.mark.parametrize("case", CASES["keys"], ids=[c["key"] for c in CASES["keys"]])
def test_key(case):
    f = _fact(case)
    assert f["metric_key"] == case["key"], (f["metric"], f["metric_key"])
    for w in case.get("words", []):
        assert w in (f["metric"] or ""), (w, f["metric"])


@pytest.mark.parametrize("case", CASES["phrases"], ids=[c["text"][:40] for c in CASES["phrases"]])
def test_phrase(case):
    got = _fact(case)["metric"]
    if "metric" in case:
        assert got == case["metric"]
    if "starts" in case:
        assert got is not None and got.startswith(case["starts"]), got
    if "has" in case:
        assert case["has"] in (got or ""), got
    for w in case.get("lacks", []):
        assert w not in (got or "").split(), (w, got)


@pytest.mark.parametrize("case", CASES["sentences"], ids=[c["text"][:40] for c in CASES["sentences"]])
def test_sentence(case):
    """Every fact of the sentence is listed (an extra fact fails) with its metric."""
    facts = extract(case["text"])
    assert sorted(f["quote"] for f in facts) == sorted(w["quote"] for w in case["facts"])
    by_quote = {f["quote"]: f for f in facts}
    for want in case["facts"]:
        got = by_quote[want["quote"]]["metric"]
        if "metric" in want:
            assert got == want["metric"], (want["quote"], got)
        if "has" in want:
            assert want["has"] in (got or ""), (want["quote"], got)
        if want.get("lacks_date"):
            assert not any(ch.isdigit() for ch in (got or "")), (want["quote"], got)


def test_broader_keys_agree_narrower_never_across():
    assert metrics.keys_agree("profit", "profit_before_tax")
    assert metrics.keys_agree("profit_after_tax", "profit")
    assert not metrics.keys_agree("profit_before_tax", "profit_after_tax")
    assert not metrics.keys_agree("revenue", "profit")
    assert metrics.keys_agree("revenue", "net_revenue")
    assert not metrics.keys_agree(None, "revenue")
