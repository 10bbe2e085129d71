"""pipeline/engines.py: a pattern runs on `re` only where `re` reads it as `regex` does."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import regex
from hypothesis import given, settings, strategies as st

from pipeline import engines
from pipeline.extract import extract

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = [json.loads(line)["text"] for line in (ROOT / "corpus" / "sample.jsonl").read_text(encoding="utf-8").splitlines()]
TEXT = ("Theo Công ty CP Sữa Việt Nam (Vinamilk), 6 tháng đầu năm 2021 doanh thu thuần đạt 28.000 tỷ đồng, "
        "tăng 5,8% so với cùng kỳ; Ngân hàng TMCP Quân đội (MB) lãi trước thuế gần 7.000 tỷ đồng.")


def _served_patterns():
    extract(TEXT)   # patterns built at first use are compiled by then
    return sorted(set(engines.served()))


def _spans(p, s):
    return [(m.span(), m.groups()) for m in p.finditer(s)]


def test_engine_choice():
    assert isinstance(engines.compile(r"(?<!\w)(?:doanh thu|lợi nhuận)(?!\w)", regex.I), re.Pattern)
    assert isinstance(engines.compile(r"\p{Lu}\p{Ll}+"), regex.Pattern)            # Unicode properties: regex only
    assert isinstance(engines.compile(r"(?<!\w)(?:ông|bà)\s+$", regex.REVERSE), regex.Pattern)   # reverse search
    assert isinstance(engines.compile(r"(?<!(?:cả|hàng)\s+)\d"), regex.Pattern)   # variable-width lookbehind
    assert isinstance(engines.compile(r"[[:alpha:]]+"), regex.Pattern)            # POSIX class: another meaning in re


def test_every_pattern_given_to_re_finds_what_regex_finds_on_the_sample_corpus():
    served = _served_patterns()
    assert len(served) > 300   # most of the extractor's patterns run on re
    differ = []
    for pattern, flags in served:
        a, b = re.compile(pattern, flags), regex.compile(pattern, flags)
        for s in SAMPLE:
            if _spans(a, s) != _spans(b, s):
                differ.append(pattern[:80])
                break
    assert differ == []


_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
_TEXT = st.text(alphabet=_LETTERS + _LETTERS.upper() + "0123456789 .,;:%/()-–\"“”\n\t", max_size=80)


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(_TEXT, min_size=1, max_size=5), pick=st.randoms(use_true_random=False))
def test_both_engines_agree_on_any_vietnamese_text(texts, pick):
    served = _served_patterns()
    for pattern, flags in pick.sample(served, 25):
        a, b = re.compile(pattern, flags), regex.compile(pattern, flags)
        for s in texts:
            assert _spans(a, s) == _spans(b, s), pattern[:80]


def test_one_engine_extracts_the_same():
    probe = "import json, sys; from pipeline import extract; print(json.dumps(extract(sys.argv[1])))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("VNMETRICS_")}
    env.update(PYTHONPATH=str(ROOT))
    both = subprocess.run([sys.executable, "-c", probe, TEXT], env=env, capture_output=True, text=True, check=True)
    env["VNMETRICS_ONE_ENGINE"] = "regex"
    one = subprocess.run([sys.executable, "-c", probe, TEXT], env=env, capture_output=True, text=True, check=True)
    assert json.loads(both.stdout) and json.loads(both.stdout) == json.loads(one.stdout)
