"""How many phrases of Duckling's Vietnamese money corpus vnmetrics reads right (issue 11).

    python benchmarks/duckling_corpus.py PATH/TO/Duckling/AmountOfMoney/VI/Corpus.hs [--misses]

The corpus (facebook/duckling, BSD licence) is not shipped here: pass the path of a copy.
Each `examples (KIND CURRENCY VALUE) [ "phrase", ... ]` block is read from the Haskell
source; a phrase is read right when vnmetrics finds exactly one money fact in it with
  simple  -> the value and currency, no range;
  between -> value, value_max and currency;
  under   -> the value, currency and a bound below it (approx `under` or `at_most`);
  above   -> the value, currency and a bound above it (approx `over` or `at_least`).
Duckling's `Dollar` is read as USD, `Pound` as GBP, `Cent` as hundredths of a USD.
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path

CURRENCY = {"Dollar": ("USD", 1.0), "Cent": ("USD", 0.01), "Pound": ("GBP", 1.0)}
BLOCK = re.compile(r"examples\s*\((?P<kind>simple|between|under|above)\s+(?P<cur>\w+)\s+"
                   r"(?P<val>\([^)]*\)|[\d.]+)\)\s*\[(?P<body>[^\]]*)\]", re.S)
PHRASE = re.compile(r'"((?:[^"\\]|\\.)*)"')
BOUNDS = {"under": {"under", "at_most"}, "above": {"over", "at_least"}}


def parse_corpus(text: str) -> list[dict]:
    """Every example of the corpus as {phrase, kind, currency, value, value_max}."""
    out = []
    for b in BLOCK.finditer(text):
        cur, factor = CURRENCY.get(b.group("cur"), (b.group("cur"), 1.0))
        nums = [float(x) * factor for x in re.findall(r"[\d.]+", b.group("val"))]
        lo, hi = nums[0], (nums[1] if len(nums) > 1 else None)
        for p in PHRASE.finditer(b.group("body")):
            out.append({"phrase": p.group(1), "kind": b.group("kind"), "currency": cur, "value": lo, "value_max": hi})
    return out


def _close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def judge(example: dict, facts: list[dict]) -> tuple[bool, str]:
    money = [f for f in facts if f["class"] == "money"]
    if len(money) != 1:
        return False, f"{len(money)} money facts: {[f['quote'] for f in money]}"
    f = money[0]
    got = f"{f['value']} {f['unit']} max={f['value_max']} approx={f['approx']}"
    if f["unit"] != example["currency"] or not _close(f["value"], example["value"]):
        return False, got
    if example["kind"] == "between":
        return _close(f["value_max"], example["value_max"]), got
    if f["value_max"] is not None:
        return False, got
    if example["kind"] in BOUNDS:
        return f["approx"] in BOUNDS[example["kind"]], got
    return True, got


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", help="path of Duckling/AmountOfMoney/VI/Corpus.hs")
    ap.add_argument("--misses", action="store_true", help="list the phrases read wrong")
    a = ap.parse_args(argv)
    path = Path(a.corpus)
    if not path.is_file():
        print(f"duckling_corpus: no such file: {path}", file=sys.stderr)
        return 2
    examples = parse_corpus(path.read_text(encoding="utf-8"))
    if not examples:
        print(f"duckling_corpus: {path}: no `examples (...) [...]` blocks found", file=sys.stderr)
        return 2
    from pipeline import extract

    right = 0
    misses = []
    for ex in examples:
        ok, got = judge(ex, extract(ex["phrase"]))
        right += ok
        if not ok:
            misses.append((ex, got))
    by_kind: dict = {}
    for ex in examples:
        by_kind.setdefault(ex["kind"], [0, 0])[1] += 1
    for ex, _ in misses:
        by_kind[ex["kind"]][0] += 1
    print(f"Duckling VI amount-of-money corpus: {right} of {len(examples)} phrases read right "
          f"(value, currency, range, bound)")
    print("  " + ", ".join(f"{k} {n - m}/{n}" for k, (m, n) in by_kind.items()))
    if a.misses:
        for ex, got in misses:
            want = f"{ex['kind']} {ex['value']} {ex['currency']}" + (f"-{ex['value_max']}" if ex["value_max"] else "")
            print(f"  miss: {ex['phrase']!r:45} want {want:24} got {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
