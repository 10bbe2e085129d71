"""spaCy integration: a Vietnamese `Language` segmented by underthesea, with facts on the Doc.

    >>> from pipeline.nlp import make_nlp
    >>> nlp = make_nlp()
    >>> doc = nlp("Năm 2023, Bưu điện tỉnh Bắc Giang nộp ngân sách 12,7 tỷ đồng.")
    >>> [(s.text, s._.fact["value"]) for s in doc.spans["facts"]]
    [('12,7 tỷ đồng', 12700000000.0)]

The `vnmetrics_facts` component runs the same extraction as the CLI on
`doc.text` and puts each fact on a Span (`doc.spans["facts"]`, `span._.fact`),
so spaCy's tools (Matcher, displaCy) work on facts. Word segmentation costs
~150 k characters/s per core, so the archive path (`pipeline.runner`) does not
build Docs; this is for reading, rendering and for users who live in spaCy.
"""
from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .extract import extract_document

if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=[])
if not Doc.has_extension("meta"):
    Doc.set_extension("meta", default={})
if not Span.has_extension("fact"):
    Span.set_extension("fact", default=None)


class UndertheseaTokenizer:
    """underthesea's word segmentation as a spaCy tokenizer: `Tổng doanh thu` is one token."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        from underthesea import word_tokenize

        words, spaces, pos = [], [], 0
        for token in word_tokenize(text):
            at = text.find(token, pos)
            if at < 0:  # underthesea normalised something: fall back to the raw characters
                continue
            if at > pos and text[pos:at].strip():
                words.append(text[pos:at].strip())
                spaces.append(True)
            words.append(token)
            pos = at + len(token)
            spaces.append(pos < len(text) and text[pos].isspace())
            while pos < len(text) and text[pos].isspace():
                pos += 1
        return Doc(self.vocab, words=words, spaces=spaces)


@spacy.registry.tokenizers("vnmetrics.underthesea_tokenizer.v1")
def create_tokenizer():
    def make(nlp):
        return UndertheseaTokenizer(nlp.vocab)
    return make


@Language.component("vnmetrics_facts")
def facts_component(doc: Doc) -> Doc:
    """Extract facts from the Doc's text; attach them as spans labelled with their class."""
    meta = doc._.meta or {}
    facts = [f.to_dict() for f in extract_document({"id": meta.get("id", "doc"), "text": doc.text, **meta})]
    spans = []
    for f in facts:
        span = doc.char_span(f["start"], f["end"], label=f["class"].upper(), alignment_mode="expand")
        if span is not None:
            span._.fact = f
            spans.append(span)
    doc._.facts = facts
    doc.spans["facts"] = spans
    return doc


def make_nlp() -> Language:
    """A blank Vietnamese pipeline: underthesea tokens, then the facts component."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "vnmetrics.underthesea_tokenizer.v1"}}})
    nlp.add_pipe("vnmetrics_facts")
    return nlp
