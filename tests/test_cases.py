"""Table tests from tests/cases/*.yaml: text in, expected facts out."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline import extract

CASES = Path(__file__).parent / "cases"


def _load(name):
    return yaml.safe_load((CASES / name).read_text(encoding="utf-8"))


def _ids(cases):
    return [c["text"][:40] for c in cases]


def _check(case, complete=False):
    """Each expected fact is found with its values; with `complete`, no other fact is extracted."""
    meta = {k: case[k] for k in ("date", "title", "url") if k in case}
    facts = extract(case["text"], **meta)
    by_quote = {f["quote"]: f for f in facts}
    for want in case["facts"]:
        assert want["quote"] in by_quote, f"missing {want['quote']!r}; got {sorted(by_quote)}"
        got = by_quote[want["quote"]]
        for key, value in want.items():
            if key == "quote":
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool) and got[key] is not None:
                assert got[key] == pytest.approx(value, rel=1e-9), (want["quote"], key)
            elif isinstance(value, list):
                assert sorted(got[key]) == sorted(value), (want["quote"], key, got[key])
            else:
                assert got[key] == value, (want["quote"], key, got[key])
    if not case["facts"]:
        assert facts == [], [f["quote"] for f in facts]
    if complete:  # every fact of the sentence is listed: an extra (wrong) fact fails the case
        assert sorted(f["quote"] for f in facts) == sorted(w["quote"] for w in case["facts"])
    for quote in case.get("none", []):
        assert quote not in by_quote


QUANTITY_CASES = _load("quantities.yaml")
ATTRIBUTION_CASES = _load("attribution.yaml")
MENTION_CASES = _load("org_mentions.yaml")


@pytest.mark.parametrize("case", QUANTITY_CASES, ids=_ids(QUANTITY_CASES))
def test_quantity_case(case):
    _check(case, complete=True)


@pytest.mark.parametrize("case", ATTRIBUTION_CASES, ids=_ids(ATTRIBUTION_CASES))
def test_attribution_case(case):
    _check(case, complete=True)


@pytest.mark.parametrize("case", MENTION_CASES, ids=_ids(MENTION_CASES))
def test_org_mention_case(case):
    """Organization names are whole and never cut inside a word; non-names are not found."""
    from pipeline.orgs import find_mentions
    from pipeline.text import shadow

    text = shadow(case["text"])
    mentions = find_mentions(text)
    assert [m.surface for m in mentions] == case["names"]
    if "orgs" in case or "generic" in case:  # brands acting as organizations, and what is no organization at all
        from pipeline.orgs import link
        orgs = link(text, mentions)
        if "orgs" in case:
            assert sorted(o.name for o in orgs) == sorted(case["orgs"])
        if "generic" in case:  # the bare type words that refer back (`công ty`, `ngân hàng này`)
            assert [m.surface for m in mentions if m.generic] == case["generic"]


def test_offsets_point_into_the_original_text():
    text = "Doanh thu đạt 84,130 tỷ\u00a0đồng, tăng 7,5%."
    for f in extract(text):
        assert text[f["start"]:f["end"]] == f["quote"]
        assert f["quote"] in f["sentence"]
