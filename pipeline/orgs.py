"""Find organization mentions and link them to one organization per document.

Rules come from `patterns/organizations.yaml`: an org-type word followed by a
proper name (`Bưu điện tỉnh Bắc Giang`, `Chi cục Hải quan cảng Sài Gòn khu
vực IV`), well-known short names with their long forms, and aliases given in
parentheses (`Ngân hàng TMCP Tiên Phong (TPBank - mã: TPB)`). A generic
mention (`Bưu điện tỉnh`, `Công ty`) refers to the article's organization of
that type. The organization is reported as fully named in the document.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

import regex

from . import patternbook
from .provinces import province_regex


@dataclass
class Mention:
    start: int
    end: int
    surface: str
    org: "Org | None" = None
    generic: bool = False


@dataclass
class Org:
    names: list = field(default_factory=list)   # surfaces seen in the document
    mentions: list = field(default_factory=list)

    @property
    def name(self) -> str:
        """The fullest name the document gives."""
        specific = [n for n in self.names if not _is_generic(n)] or self.names
        return max(specific, key=lambda n: (len(n.split()), len(n)))

    @property
    def aliases(self) -> list:
        return sorted(set(self.names) - {self.name})


class _OrgRules:
    def __init__(self):
        d = patternbook.load("organizations")
        self.types = sorted(d["org_types"], key=len, reverse=True)
        self.type_re = regex.compile(r"(?<![\w])(?P<type>" + "|".join(regex.escape(t) for t in self.types) + r")(?!\w)")
        inner = {t.lower() for t in self.types if " " in t} | {" ".join(t.lower().split()[1:]) for t in self.types if " " in t}
        self.connectors = sorted({c.lower() for c in d["name_connectors"]} | inner, key=len, reverse=True)
        self.stoppers = set(d["name_stoppers"])
        self.generic = sorted(d["generic_mentions"], key=len, reverse=True)
        self.generic_set = {g.lower() for g in self.generic}
        self.known = {}  # surface -> key
        for key, forms in d["known"].items():
            self.known[key] = key
            for f in forms or []:
                self.known[f] = key
        self.known_re = regex.compile(r"(?<![\w])(?:" + "|".join(
            regex.escape(k) for k in sorted(self.known, key=len, reverse=True)) + r")(?![\w])")
        self.equivalents = [[e for e in group] for group in d["equivalents"]]
        self.tickers = [regex.compile(p) for p in d["ticker_patterns"]]
        self.no_org = regex.compile(patternbook.alternation(d["no_org_markers"]), regex.I)
        self.object_before = regex.compile(patternbook.alternation(d["object_markers"]) + r"\s*$", regex.I)
        self.word = regex.compile(r"[\w.\-]+")
        self.family_names = set(d["family_names"])
        self.name_end_connectors = {c.lower() for c in d["name_end_connectors"]}
        self.national = d["national_markers"]


@functools.lru_cache(maxsize=1)
def rules() -> _OrgRules:
    return _OrgRules()


def _is_generic(name: str) -> bool:
    return name.lower() in rules().generic_set or not any(
        w[0].isupper() for w in name.split()[len(_type_of(name).split()):] if w)


def _type_of(name: str) -> str:
    for t in rules().types:
        if name.startswith(t):
            return t
    return ""


_BLANK = regex.compile(r"[ \t]+")


def _scan_name(text: str, pos: int, limit: int = 9) -> int:
    """End of the proper name that starts at `pos` (after an org-type word)."""
    r = rules()
    end = good_end = pos
    prev_cap = False
    for n in range(limit):
        m = _BLANK.match(text, end)
        if not m:
            break
        at = m.end()
        prov = province_regex().match(text, at)
        if prov:
            return prov.end()
        low = text[at:at + 30].lower()
        conn = next((c for c in r.connectors if low.startswith(c) and (
            at + len(c) >= len(text) or not text[at + len(c)].isalnum())), None)
        w = r.word.match(text, at)
        if not w:
            break
        word = w.group(0)
        word = word if word.endswith("TP.") else word.rstrip(".,-")
        if conn:
            end = at + len(conn)
            prev_cap = False
            if conn in r.name_end_connectors:
                good_end = end
        elif word and word[0].isupper() and word not in r.stoppers:
            if n > 0 and word in r.family_names and _capitalised_run(text, at + len(word)) >= 1:
                break  # a person's name follows the organization
            end = good_end = at + len(word)
            prev_cap = True
        elif word and prev_cap and word.isalpha() and _capitalised_run(text, at + len(word)) >= 1:
            end = at + len(word)  # `Cục Dự trữ Liên bang Mỹ`: a lowercase syllable inside the name
            prev_cap = False
        else:
            break
        if len(word) < len(w.group(0)) and w.group(0)[len(word):][:1] in ",":
            break
    return good_end


_NEXT_WORD = regex.compile(r"[ \t]+([\w]+)")


def _capitalised_run(text: str, pos: int) -> int:
    n = 0
    while n < 3:
        m = _NEXT_WORD.match(text, pos)
        if not m or not m.group(1)[0].isupper():
            return n
        n += 1
        pos = m.end()
    return n


def find_mentions(text: str) -> list[Mention]:
    r = rules()
    out = []
    covered = bytearray(len(text) + 1)  # inside a mention already found (a set of spans: linear)
    for m in r.known_re.finditer(text):
        end = m.end()
        if m.group(0) in r.types:  # `VNPT Hưng Yên` is a unit of VNPT, not VNPT itself
            end = _scan_name(text, m.end())
        out.append(Mention(m.start(), end, " ".join(text[m.start():end].split())))
        covered[m.start():end] = b"\x01" * (end - m.start())
    for m in r.type_re.finditer(text):
        if covered[m.start()]:
            continue
        end = _scan_name(text, m.end())
        surface = " ".join(text[m.start():end].split())
        generic = _is_generic(surface)
        if end == m.end() and surface not in r.known:
            continue  # a bare type word (`Công ty`) is resolved later as generic
        out.append(Mention(m.start(), end, surface, generic=generic))
        covered[m.start():end] = b"\x01" * (end - m.start())
    out.sort(key=lambda x: x.start)
    return out


def link(text: str, mentions: list[Mention], title: str = "") -> list[Org]:
    """Group mentions into organizations; return them, the main one first."""
    r = rules()
    orgs: list[Org] = []
    by_key: dict = {}

    def add(m: Mention, org: Org):
        m.org = org
        org.mentions.append(m)
        if m.surface not in org.names:
            org.names.append(m.surface)

    specific = [m for m in mentions if not m.generic]
    for m in specific:
        key = r.known.get(m.surface) or _known_inside(m.surface) or _equivalent_key(m.surface)
        target = by_key.get(key) if key else None
        if target is None:
            target = next((o for o in orgs if any(_same(m.surface, n) for n in o.names)), None)
        if target is None:
            target = Org()
            orgs.append(target)
        if key:
            by_key[key] = target
        add(m, target)
        # aliases in parentheses right after the mention
        tail = text[m.end:m.end + 40]
        for rx in r.tickers:
            t = rx.match(tail.lstrip())
            if t:
                for alias in t.groups():
                    if alias and alias not in target.names:
                        target.names.append(alias)
                        by_key.setdefault(r.known.get(alias, alias), target)
                break
    for m in mentions:
        if m.generic:
            t = _type_of(m.surface)
            cands = [o for o in orgs if any(n.startswith(t) for n in o.names)] if t else []
            if m.surface.split()[-1].lower() in ("tỉnh", "tp", "tp.", "phố"):
                cands = [o for o in cands if not any(x in o.name for x in r.national)]
            if cands:
                add(m, max(cands, key=lambda o: len(o.mentions)))
            else:
                target = next((o for o in orgs if m.surface in o.names), None) or Org()
                if target not in orgs:
                    orgs.append(target)
                add(m, target)
    title_l = title or text[:200]

    def weight(o: Org):
        first = min(x.start for x in o.mentions)
        in_title = any(n in title_l for n in o.names)
        return (len(o.mentions) + 2 * in_title, -first)
    orgs.sort(key=weight, reverse=True)
    return orgs


def _equivalent_key(surface: str) -> str | None:
    for group in rules().equivalents:
        for form in group:
            if surface.startswith(form + " ") and len(surface) > len(form) + 1:
                return group[0] + " " + surface[len(form) + 1:]
    return None


def _known_inside(surface: str) -> str | None:
    r = rules()
    for m in r.known_re.finditer(surface):
        if m.group(0) not in r.types:
            return r.known[m.group(0)]
    return None


def _same(a: str, b: str) -> bool:
    """Two names of one organization: one extends the other (`Hãng Sơn Đông Á` in
    `Công ty cổ phần Hãng Sơn Đông Á`), or they share a type and one's name words
    are a subsequence of the other's (`Nông trường Long Tân`, `Nông trường Cao su Long Tân`)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if _is_generic(short):
        return False
    if long_.startswith(short + " ") or long_.endswith(" " + short):
        return True
    t = _type_of(short)
    if t and long_.startswith(t):
        sw, lw = short[len(t):].split(), iter(long_[len(t):].split())
        return bool(sw) and all(w in lw for w in sw)
    return False


def no_org_context(clause: str) -> bool:
    return bool(rules().no_org.search(clause))


def is_object(text: str, mention: Mention) -> bool:
    """A mention governed by `kế hoạch`, `so với`, `của` ... is not a sentence's subject."""
    return bool(rules().object_before.search(text[max(0, mention.start - 15):mention.start]))
