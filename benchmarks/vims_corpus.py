"""A held-out archive of clusters of articles about one event: ViMs as vnmetrics JSONL.

    python benchmarks/vims_corpus.py SRC [--out /tmp/vims.jsonl]

Source: ViMs, the Vietnamese multi-document summarisation corpus (Tran, Nghiem et al., "ViMs: a
high-quality Vietnamese dataset for abstractive multi-document summarization", Language Resources
and Evaluation 54, 2020; Google News clusters of 2016, world, domestic, business, entertainment and
sports news), GitHub repository CLC-HCMUS/ViMs-Dataset. SRC is its bare git directory (the file
`Data_and_summary.zip` of commit ab58f030d3eaff797eb836fb202ebb6a24bc5d40 is read from it; the
later `ViMs.zip` is not in the stored snapshot) or that zip file itself. The data is never committed.

300 clusters of 4 to 10 articles (1,950 files): each cluster retells one event, so the same figures
are written again and again by different outlets — where an archive contradicts itself. Each file
is plain text: title line, then the body; no URL, date or outlet. The text is NFC-normalised, line
ends made `\\n`, blank lines dropped; an article whose text repeats an earlier one is skipped. The
id is `vims_CCC_N` (cluster, file number), and `cluster` is kept for the reader.
"""
from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path

COMMIT = "ab58f030d3eaff797eb836fb202ebb6a24bc5d40"
ZIP = "Data_and_summary.zip"
_FILE = re.compile(r"Data_and_summary/data/Cluster_(\d+)/(\d+)\.txt$")


def archive(src: Path) -> zipfile.ZipFile:
    if src.is_file():
        return zipfile.ZipFile(src)
    raw = subprocess.run(["git", f"--git-dir={src}", "show", f"{COMMIT}:{ZIP}"], check=True,
                         capture_output=True).stdout
    return zipfile.ZipFile(io.BytesIO(raw))


def articles(zf: zipfile.ZipFile):
    """(cluster, number, title, text) in cluster then file order."""
    found = sorted((int(m[1]), int(m[2]), name) for name in zf.namelist() if (m := _FILE.search(name)))
    for cluster, num, name in found:
        raw = unicodedata.normalize("NFC", zf.read(name).decode("utf-8-sig"))
        lines = [" ".join(ln.split()) for ln in raw.splitlines()]
        lines = [ln for ln in lines if ln]
        if lines:
            yield cluster, num, lines[0], "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("src", type=Path, help="bare git dir of CLC-HCMUS/ViMs-Dataset, or its Data_and_summary.zip")
    ap.add_argument("--out", type=Path, default=Path("/tmp/vims.jsonl"))
    args = ap.parse_args()
    seen, n, kept = set(), 0, 0
    with args.out.open("w", encoding="utf-8") as w:
        for cluster, num, title, text in articles(archive(args.src)):
            n += 1
            if text in seen:
                continue
            seen.add(text)
            kept += 1
            w.write(json.dumps({"id": f"vims_{cluster:03d}_{num}", "text": text, "title": title, "source": "vims",
                                "cluster": cluster}, ensure_ascii=False) + "\n")
    print(f"{n} articles read, {kept} written to {args.out}")


if __name__ == "__main__":
    main()
