"""A third archive, never read while the rules were written: VietNews as vnmetrics JSONL.

    python benchmarks/heldout_corpus.py SRC [--out /tmp/heldout-vietnews.jsonl] [--all]

Source: the VietNews summarisation corpus (Nguyen et al., "VNDS: A Vietnamese Dataset for
Summarization", 2019; articles of tuoitre.vn, vnexpress.net and nguoiduatin.vn, about 2016-2019),
GitHub repository ThanhChinhBK/vietnews, folders data/{train,val,test}_tokenized/*.txt.seg
(150,704 files), commit a20d9b7f5d37b95f39f28f08999092f9fa400983. SRC is either a checkout of
that repository (or the folder `data` of one) or its bare git directory, from which the files are
read at that commit. The data itself is never committed here.

Each file is one article, word-segmented (syllables of a word joined by `_`, punctuation spaced
off): title line, blank line, lead paragraph, blank line, body with one sentence a line, blank
line, photo caption. The segmentation is undone (`_` -> space, no space before `,` `.` `%` `)` or
after `(`, quotes closed up) so that the text reads as the outlet wrote it; a line that the
segmenter cut after an initial or abbreviation (`ông Th .` / `đưa cho Huy`) is joined to the next.
The caption is dropped. The text starts with the title line, as in the dantri archive. The corpus
has no URL, date or outlet per article.

By default only the economy articles are written (8,126 of 143,821 distinct texts): a profit,
revenue, capital, assets or budget contribution (the words of the baomoi business slice of
benchmarks/conflicts_review.py, with tuoitre's spelling `tỉ` too) or an economic indicator (exports,
credit, investment, dividends, output, profit or loss...) stated in figures within one sentence,
because that is where an archive retells one organization's results many times. `--all` writes
every article (143,821). `--rest` writes a second set, disjoint from the first: the other articles
that name a company, bank or group and an amount of money (10,617; mostly courts, fraud, projects),
held out from the rules written after reading the first set's conflicts. `--fresh` writes a third
set, disjoint from both (session 7, read before any rule of that session was written): the other
articles that state an amount of money and name an organization in a wider sense (`ORGANIZATION`,
or an airline `hãng`, a ministry or department `Bộ X` / `Sở X`, `Tổng cục`, `Hiệp hội`, `UBND`, or
an acronym of three capitals) (10,535 articles).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

COMMIT = "a20d9b7f5d37b95f39f28f08999092f9fa400983"
SPLITS = ("train", "val", "test")
_FIGURE = r"[^.]{0,80}\d[\d.,]*\s*(?:nghìn tỷ|nghìn tỉ|tỷ|tỉ|triệu|%)"
MONEY = re.compile(r"\d[\d.,]*\s*(?:nghìn tỷ|nghìn tỉ|tỷ|tỉ|triệu)\s*(?:đồng|USD|đô)")
ORGANIZATION = re.compile(r"[Cc]ông ty|[Nn]gân hàng|[Tt]ập đoàn|[Tt]ổng công ty|doanh nghiệp")
ECONOMY = re.compile(
    r"(?:lợi nhuận|doanh thu|lãi trước thuế|lãi sau thuế|lãi ròng|vốn điều lệ|tổng tài sản|nộp ngân sách"
    r"|xuất khẩu|nhập khẩu|kim ngạch|GDP|vốn đầu tư|giải ngân|thu ngân sách|tín dụng|dư nợ|vốn hóa|vốn hoá"
    r"|cổ tức|thị phần|sản lượng|doanh số|tổng vốn|lãi|lỗ)" + _FIGURE)

# --fresh: an organization in a wider sense than ORGANIZATION
ORGANIZATION_WIDE = re.compile(r"[Cc]ông ty|[Nn]gân hàng|[Tt]ập đoàn|[Tt]ổng công ty|doanh nghiệp|[Hh]ãng|Tổng cục"
                               r"|Hiệp hội|Bộ [A-ZĐ]|Sở [A-ZĐ]|UBND|\b[A-Z]{3,}\b")

_SPACE_BEFORE = re.compile(r" +([,.;:!?%…)\]”’])")
_SPACE_AFTER = re.compile(r"([(\[“‘]) +")
_STRAIGHT_QUOTE = re.compile(r'"')
# a line the segmenter cut after a name's initial: `ông Th .`, `Trần_Nhật_S.`, `Bảo_Th .`
_INITIAL = re.compile(r"(?:^|[\s_])[A-ZĐ][hgr]? ?\.$")


def _quotes(line: str) -> str:
    """Straight quotes alternate open, close: close up the space inside each pair."""
    parts = _STRAIGHT_QUOTE.split(line)
    if len(parts) % 2 == 0:  # unpaired: leave as is
        return line
    out = [parts[0]]
    for i, p in enumerate(parts[1:]):
        if i % 2 == 0:  # inside a pair
            out.append('"' + p.strip() + '"')
        else:
            out.append(p)
    return "".join(out)


def detokenize(line: str) -> str:
    line = line.replace("_", " ")
    line = _SPACE_BEFORE.sub(r"\1", line)
    line = _SPACE_AFTER.sub(r"\1", line)
    return _quotes(line).strip()


def _sentences(lines: list[str]) -> list[str]:
    """Body lines; a line cut after an initial (`Th .`) is joined to the next."""
    out: list[str] = []
    carry = ""
    for raw in lines:
        raw = raw.strip()
        if not raw:
            continue
        joined = f"{carry} {raw}" if carry else raw
        if _INITIAL.search(raw):
            carry = joined
            continue
        out.append(joined)
        carry = ""
    if carry:
        out.append(carry)
    return out


def parse(raw: str) -> tuple[str, str]:
    """(title, text) of one .txt.seg file."""
    blocks = [b for b in re.split(r"\n\s*\n", raw.strip("\n"))]
    title = detokenize(blocks[0].strip()) if blocks else ""
    lead = blocks[1] if len(blocks) > 1 else ""
    body = blocks[2] if len(blocks) > 2 else ""  # blocks[3:] is the caption
    lines = [detokenize(s) for s in _sentences(lead.split("\n"))]
    lines += [detokenize(s) for s in _sentences(body.split("\n"))]
    return title, "\n".join([title] + [ln for ln in lines if ln])


def files(src: Path):
    """(split, number, raw text) for every article, from a checkout or a bare git directory."""
    data = src / "data" if (src / "data").is_dir() else src
    if data.is_dir() and any((data / f"{s}_tokenized").is_dir() for s in SPLITS):
        for split in SPLITS:
            for f in sorted((data / f"{split}_tokenized").glob("*.txt.seg")):
                yield split, f.name.split(".")[0], f.read_text(encoding="utf-8")
        return
    git = ["git", f"--git-dir={src}"]
    listing = subprocess.run(git + ["ls-tree", "-r", COMMIT, "data"], check=True,
                             capture_output=True, text=True).stdout.splitlines()
    entries = [(ln.split("\t")[1], ln.split()[2]) for ln in listing if ln.endswith(".txt.seg")]
    entries.sort(key=lambda e: (SPLITS.index(e[0].split("/")[1].split("_")[0]), e[0]))
    proc = subprocess.Popen(git + ["cat-file", "--batch"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)
    for path, blob in entries:
        proc.stdin.write(f"{blob}\n".encode())
        proc.stdin.flush()
        size = int(proc.stdout.readline().split()[2])
        raw = proc.stdout.read(size)
        proc.stdout.read(1)
        split = path.split("/")[1].split("_")[0]
        yield split, path.rsplit("/", 1)[1].split(".")[0], raw.decode("utf-8")
    proc.stdin.close()
    proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("src", type=Path, help="checkout (or its data folder) or bare git dir of ThanhChinhBK/vietnews")
    ap.add_argument("--out", type=Path, default=Path("/tmp/heldout-vietnews.jsonl"))
    ap.add_argument("--all", action="store_true", help="every article, not only the economy ones")
    ap.add_argument("--rest", action="store_true",
                    help="the other articles naming a company, bank or group and an amount of money")
    ap.add_argument("--fresh", action="store_true",
                    help="a third set, disjoint from both: the other articles naming money and an organization (wide)")
    args = ap.parse_args()
    seen, n, kept = set(), 0, 0
    with args.out.open("w", encoding="utf-8") as w:
        for split, num, raw in files(args.src):
            n += 1
            title, text = parse(raw)
            if text in seen or not text.strip():
                continue
            economy = bool(ECONOMY.search(text))
            rest = not economy and bool(MONEY.search(text) and ORGANIZATION.search(text))
            if args.rest:
                if not rest:
                    continue
            elif args.fresh:
                if economy or rest or not (MONEY.search(text) and ORGANIZATION_WIDE.search(text)):
                    continue
            elif not args.all and not economy:
                continue
            seen.add(text)
            kept += 1
            w.write(json.dumps({"id": f"vietnews_{split}_{num}", "text": text, "title": title,
                                "source": "vietnews"}, ensure_ascii=False) + "\n")
    print(f"{n} articles read, {kept} written to {args.out}")


if __name__ == "__main__":
    main()
