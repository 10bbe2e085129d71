"""What the archive's facts say they measure (issue 11), one command:

    python benchmarks/metrics_report.py [ARCHIVE.jsonl.gz] [--sample 20] [--seed 11] [--show-junk N]

Runs the extraction over a whole archive (default ../shared/data/dantri-2020.jsonl.gz)
and prints:
  - the share of money facts with a `metric_key` (target >= 70 %);
  - the share of stored metric phrases holding a verb of reporting or a person's name
    (target <= 3 %);
  - the number of VND facts whose quote holds no currency or money-scale word next
    to the number (target 0 unless the sentence makes money plain), and how many of
    those sentences name no money anywhere;
  - a random sample of metric phrases, so a reader can judge them.
The detector word lists are data: `reporting_verbs`, `person_titles`, `surnames`,
`money_words` and `dong_compounds` in patterns/metrics.yaml of this checkout.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from pathlib import Path

import regex
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "dantri-2020.jsonl.gz"


class Detectors:
    """The report's word lists, read from this checkout's patterns/metrics.yaml (not
    through the pipeline, so the same detectors can judge another version's output)."""

    def __init__(self, path: Path = ROOT / "patterns" / "metrics.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        alt = _alternation
        self.reporting = regex.compile(alt(data["reporting_verbs"]) + r"(?!\s+" + alt(data["reporting_noun_before"]) + ")",
                                       regex.I)
        cap = r"\p{Lu}[\w.]*"
        titles = r"(?i:" + alt(data["person_titles"]) + r")"
        surnames = alt([str(s).capitalize() for s in data["surnames"]])
        # a title before a capitalised name, or a capitalised run opening with a surname
        not_name = r"(?!" + alt(data["not_name_openers"]) + ")"
        places = r"(?i:" + alt(data["place_words"]) + r")"
        not_person = r"(?!" + alt(data["not_person_names"]) + ")"
        self.person = regex.compile(titles + r"\s+(" + not_name + cap + r"(?:\s+" + cap + r"){0,3})(?!\w)"
                                    r"|(?<!" + places + r"\s+)" + not_person + "(" + surnames + r"(?:\s+" + cap
                                    + r"){1,3})(?!\w)")
        self.money = regex.compile(alt(data["money_words"]), regex.I)
        # two money words written glued (`192tỷđồng`, `10,8 triệuđồng`: the extractor reads them as money)
        plain = "|".join(regex.escape(str(p)) for p in sorted(data["money_words"], key=len, reverse=True))
        self.money_glued = regex.compile(r"(?<!\p{L})(?:" + plain + r")(?:" + plain + r")(?!\p{L})", regex.I)
        self.dong_compound = regex.compile(r"^\s+" + alt(data["dong_compounds"]), regex.I)
        self.places = _places()

    def persons(self, sentence: str) -> list[str]:
        out = []
        for m in self.person.finditer(sentence):
            name = m.group(1) or m.group(2)
            if m.group(2) and name in self.places:
                continue
            out.append(name.lower())
        return out

    def junk(self, metric: str, sentence: str) -> str | None:
        """Why a stored metric phrase is no noun phrase: a reporting verb or a person in it."""
        if self.reporting.search(metric):
            return "reporting verb"
        for name in self.persons(sentence):
            if regex.search(r"(?<!\w)" + regex.escape(name) + r"(?!\w)", metric):
                return "person"
        return None

    def money_in_quote(self, quote: str, after: str) -> bool:
        """A currency or a scale of money in the quote, and `đồng` not the head of
        another word (`5 đồng bào`, `đồng hồ`)."""
        words = [m for m in self.money.finditer(quote)]
        if not words:
            return bool(self.money_glued.search(quote))
        if len(words) == 1 and words[0].group(0).lower() == "đồng" and self.dong_compound.match(after):
            return False
        return True


def _alternation(phrases) -> str:
    ps = sorted({str(p) for p in phrases if str(p)}, key=len, reverse=True)
    # letters bound a word, digits do not (`60.000đ/kg`)
    return r"(?<!\p{L})(?:" + "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in ps) + r")(?!\p{L})"


def _places() -> set:
    try:
        from pipeline.provinces import province_names
        return set(province_names())
    except Exception:  # an older pipeline without the province list: no exclusions
        return set()


def read_docs(path: Path):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("archive", nargs="?", default=str(DEFAULT), help="JSONL(.gz) documents (default: %(default)s)")
    ap.add_argument("--sample", type=int, default=20, help="random metric phrases to print")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--show-junk", type=int, default=0, metavar="N", help="also print N junk phrases")
    ap.add_argument("--show-vnd", type=int, default=0, metavar="N", help="also print N VND facts without money")
    a = ap.parse_args(argv)
    path = Path(a.archive)
    if not path.is_file():
        print(f"metrics_report: no such archive: {path}", file=sys.stderr)
        return 2

    from pipeline.extract import extract_document

    det = Detectors()
    t0 = time.perf_counter()
    n_docs = n_facts = n_money = n_money_key = 0
    phrases, junk, vnd_bare, vnd_plain_sentence = [], [], [], 0
    for doc in read_docs(path):
        n_docs += 1
        text = doc["text"]
        for f in extract_document(doc):
            n_facts += 1
            if f.cls == "money":
                n_money += 1
                n_money_key += bool(f.metric_key)
            if f.metric:
                phrases.append((f.metric, f.metric_key, f.quote))
                why = det.junk(f.metric, f.sentence)
                if why:
                    junk.append((why, f.metric, f.sentence))
            if f.unit == "VND":
                after = text[f.end:f.end + 20] if len(text) >= f.end else ""
                if not det.money_in_quote(f.quote, after):
                    rest = f.sentence.replace(f.quote, " ", 1)
                    plain = any(not det.dong_compound.match(rest[m.end():m.end() + 20]) for m in det.money.finditer(rest)
                                if m.group(0).lower() in ("đồng", "vnd", "vnđ", "đ"))
                    vnd_plain_sentence += plain
                    vnd_bare.append((f.quote, plain, f.sentence))
    secs = time.perf_counter() - t0

    def pct(a_, b_):
        return f"{100 * a_ / b_:.1f} %" if b_ else "n/a"

    print(f"archive: {path}  ({n_docs} documents, {n_facts} facts, {secs:.0f} s)")
    print(f"money facts with a metric_key: {n_money_key}/{n_money} = {pct(n_money_key, n_money)}   (target >= 70 %)")
    print(f"metric phrases with a reporting verb or a person: {len(junk)}/{len(phrases)} = "
          f"{pct(len(junk), len(phrases))}   (target <= 3 %; "
          f"{sum(w == 'reporting verb' for w, _, _ in junk)} reporting verb, {sum(w == 'person' for w, _, _ in junk)} person)")
    print(f"VND facts with no currency or money-scale word in the quote: {len(vnd_bare)}   (target 0 unless the "
          f"sentence makes money plain; {vnd_plain_sentence} of them in a sentence that names a currency)")
    rnd = random.Random(a.seed)
    print(f"\n{a.sample} random metric phrases (seed {a.seed}): metric | key | quote")
    for metric, key, quote in rnd.sample(phrases, min(a.sample, len(phrases))):
        print(f"  {metric} | {key or '-'} | {quote}")
    if a.show_junk:
        print(f"\n{a.show_junk} junk phrases:")
        for why, metric, sentence in rnd.sample(junk, min(a.show_junk, len(junk))):
            print(f"  [{why}] {metric}\n      {sentence[:200]}")
    if a.show_vnd:
        print(f"\n{a.show_vnd} VND facts without money in the quote:")
        for quote, plain, sentence in vnd_bare[:a.show_vnd]:
            print(f"  {quote!r} (sentence names money: {plain})\n      {sentence[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
