"""The spaCy pipeline: underthesea tokens, facts as spans, the Matcher on top."""
from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def nlp():
    from pipeline.nlp import make_nlp

    return make_nlp()


def test_facts_are_spans_on_underthesea_tokens(nlp):
    text = "Tổng doanh thu năm 2020 ước đạt 91.352 triệu đồng, đạt 102% kế hoạch."
    doc = nlp(text)
    assert doc.text == text
    assert "Tổng doanh thu" in [t.text for t in doc]  # a compound word is one token
    spans = doc.spans["facts"]
    assert [s.text for s in spans] == ["91.352 triệu đồng", "102%"]
    assert spans[0].label_ == "MONEY" and spans[0]._.fact["value"] == 91352000000
    assert [f["base"] for f in doc._.facts] == [None, "plan"]


def test_matcher_works_on_fact_documents(nlp):
    from spacy.matcher import Matcher

    doc = nlp("Lợi nhuận trước thuế đạt 1.848 tỷ đồng.")
    matcher = Matcher(nlp.vocab)
    matcher.add("PROFIT", [[{"LOWER": "lợi nhuận"}]])
    assert [doc[s:e].text for _, s, e in matcher(doc)] == ["Lợi nhuận"]
    assert doc.spans["facts"][0]._.fact["metric"].startswith("lợi nhuận")
