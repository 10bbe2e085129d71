"""Link organization mentions of one document into organizations, with their aliases.

Names tie together when the article ties them: a parenthesis or a dash after a
name (`Ngân hàng TMCP Quân đội (MB - mã: MBB)`, `... Hà Nội - Habeco`), the
proper part used alone later (`CTCP Licogi 13` ... `Licogi 13`), the initials
of the name (`Tập đoàn Than - Khoáng sản Việt Nam` ... `TKV`), a brand spelling
the name's syllables (`LienVietPostBank` of `Ngân hàng TMCP Bưu điện Liên
Việt`), the well-known short names of `patterns/organizations.yaml`. A brand
the article never ties stands for an organization when it acts as one.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field

import regex

from . import engines
from . import patternbook
from .org_mentions import (TICKER_CODE, Mention, _HAS_UPPER, _plain, _unit_place, acts_as_org, ticker_moves, brand_candidates, brand_like, category, defined_names,
                           dictionary, find_generic, grammar, is_generic, is_reporting, is_syllable, model_name,
                           named_person, named_thing, org_category, branded_category, scan_name, strong_brand, syllable_brand,
                           syllable_names, type_of, new_referent)
from .provinces import city_in, district_names, province_in, province_regex
from .text import memo_of


@dataclass
class Org:
    names: list = field(default_factory=list)   # surfaces seen in the document
    mentions: list = field(default_factory=list)
    key: str | None = None
    weak: set = field(default_factory=set)      # names that tie only within this document (`Samsung` of `... Samsung`)
    named_only: bool = False  # known by its name alone (`Ant Group`), never acting: it owns no article (`about_one`)
    described: set = field(default_factory=set)  # brands read only as the short form of `công ty X` in lowercase (`about_one`)

    @property
    def name(self) -> str:
        """The fullest name the document gives; among equally full ones the form the article writes with a
        capital (`Tập đoàn FPT`, not `tập đoàn FPT` of a later sentence), less a lead word never part of a name
        (organizations.yaml `name_dropped_leads`: `hãng Tesla` -> `Tesla`): a stored name is always a piece of its
        document."""
        specific = [n for n in self.names if not is_generic(n)] or self.names
        return _without_dropped_lead(max(specific, key=lambda n: (len(n.split()), n[:1].isupper(), len(n))))

    @property
    def aliases(self) -> list:
        """Other names of this organization; never a generic word (`Công ty`, `ngân hàng này`), which would
        tie every organization of the archive into one in the store."""
        return sorted(n for n in set(self.names) - {self.name} - self.weak if not is_generic(n) and n[:1].isupper()
                      and n.split()[-1] != "này")

    def actor_mentions(self, text: str) -> list:
        """Mentions where the organization acts, not merely quoted as a source or named as an object
        (each place judged once per text: the ranking and `about_one` ask again)."""
        from .attribution import is_object
        memo = memo_of(text, "actor_mentions")   # (start, end) of a mention -> whether it acts
        out = []
        for m in self.mentions:
            key = (m.start, m.end)
            acts = memo.get(key)
            if acts is None:
                acts = memo[key] = not is_reporting(text, m) and not is_object(text, m)
            if acts:
                out.append(m)
        return out




@functools.lru_cache(maxsize=1)
def _alias_split():
    """Pieces of a parenthesis after a name: commas, spaced dashes, a dash glued before a label (`MB -mã: MBB`)."""
    labels = patternbook.load("organizations")["alias_labels"]
    return engines.compile(r"\s*[,;]\s*|\s+[-–]\s+|\s*[-–]\s*(?=" + "|".join(regex.escape(x) for x in labels) + ")")


_WORD_SPLIT = engines.compile(r"[\s\-–]+")
_SENT_SPLIT = engines.compile(r"[.!?…](?=\s)")
_JOINT_WORDS = patternbook.choice(patternbook.load("organizations")["near_joint_words"])
_JOINT = engines.compile(r",|\s" + _JOINT_WORDS + r"\s")
_ALIAS_PAREN = regex.compile(r"[ \t]*(?:[-–][ \t]*(?P<dash>[\p{Lu}][\w&.]*(?:[ \t][\p{Lu}][\w&.]*){0,2})[ \t]*)?"
                             r"\([ \t]*(?P<inner>[^()\n]{1,60}?)[ \t]*\)")
_ALIAS_DASH = regex.compile(r"[ \t]*[-–][ \t]*(?P<dash>[\p{Lu}][\w&.]*(?:[ \t][\p{Lu}][\w&.]*){0,2})(?=[ \t]*[,.;:(]|[ \t]+\p{Ll})")


def parse_aliases(text: str, end: int) -> list[str]:
    """Aliases written right after a name: `(VPBank, mã: VPB)`, `(MB - mã: MBB)`, `- Habeco (Mã CK: BHN)`, `(mã CII)`."""
    g = grammar()
    d = patternbook.load("organizations")
    m = _ALIAS_PAREN.match(text, end, None, False) or _ALIAS_DASH.match(text, end, None, False)  # (the GIL note in `designators`)
    if not m:
        return []
    pieces = [m.group("dash")] if m.group("dash") and brand_like(m.group("dash").split()[0]) \
        and not g.type_start.match(m.group("dash")) else []
    inner = m.groupdict().get("inner")
    if inner:
        inner_pieces = [p for p in _alias_split().split(inner) if p.strip()]
        if len(inner_pieces) > 2 and not any(p.strip().startswith(tuple(d["alias_labels"])) for p in inner_pieces):
            inner_pieces = []  # `(VinSmart, VinHMS, VinFast)`: a list of others, not this one's names
        pieces += inner_pieces
    out = []
    labels = sorted(d["alias_labels"], key=len, reverse=True)
    for p in pieces:
        p = (p or "").strip()
        for lab in labels:
            if p.startswith(lab):
                p = p[len(lab):].lstrip(" :")
                break
        if not p or p in d["alias_not"] or any(c.isdigit() for c in p[:1]) or ":" in p or province_in(p):
            continue
        words = p.split()
        if len(words) > 3 or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
            continue
        if len(words) == 1 and not brand_like(p) and len(p) < 2:
            continue
        out.append(p)
    return out


@functools.lru_cache(maxsize=1 << 14)
def _proper_part(name: str) -> str:
    t = type_of(name)
    return name[len(t):].strip() if t else ""


@functools.lru_cache(maxsize=1 << 14)  # pure, and the same names come back (callers only read the list)
def short_forms(name: str) -> list[str]:
    """Forms of a typed name an article uses alone later: its proper part when distinctive, its initials."""
    g = grammar()
    out = []
    proper = _proper_part(name)
    words = proper.split()
    if not words:
        return out
    caps = [w for w in words if w[:1].isupper() or w[:1].isdigit()]
    distinctive = (len(caps) == len(words) and proper.lower() not in dictionary() and not province_in(proper)
                   and (any(brand_like(w) or w.isdigit() for w in words) or len(words) >= 3))
    if distinctive and not (len(words) == 1 and proper in g.known and type_of(name) in _member_types()
                            and type_of(name) not in _club_types()):
        out.append(proper)  # `CTCP Licogi 13` ... `Licogi 13`; not `TKV` of `Điện lực TKV`: the group, not its member
    tail = _name_after_domain(words, g)
    if tail and tail not in out:
        out.append(tail)  # `Công ty Vàng bạc Đá quý Bảo Tín Minh Châu` ... `tại Bảo Tín Minh Châu`
    if len(words) >= 2 and brand_like(words[-1]) and words[-1] not in g.not_brands and not _sector_words(words[:-1]):
        out.append(words[-1])  # `Tập đoàn A.S. Watson` ... `Watson` (weak: `Samsung` of `... nhân thọ Samsung`)
    if type_of(name) not in _club_types():  # (`CLB Barcelona` ... `Barcelona`: the club)
        out = [f for f in out if not _bare_place_name(f)]  # `Trung tâm Carnegie Moscow` is not `Moscow`, Russia
    return out


def _lowercase_business(name: str) -> str | None:
    """`công ty Coolcat`, `ngân hàng VIB`: a business's type word in lowercase writing before a one-word brand, read as
    the typed name (`Công ty Coolcat`), whose brand the article then uses alone (`Coolcat sẽ đưa ra 6 gói ...`); None
    for any other name (`quỹ KCB BHYT`, `nhà máy PP`, `công ty Phi Thanh Vân`: no business's word, no one brand)."""
    if not name[:1].islower():
        return None
    cap = name[:1].upper() + name[1:]
    t = type_of(cap)
    proper = cap[len(t):].split() if t else []
    from .attribution import rules   # (ownership.yaml bare_company_words, read once there)
    if len(proper) != 1 or t.lower() not in rules().bare_company_words or not brand_like(proper[0]):
        return None
    return cap


def _name_after_domain(words: list[str], g) -> str:
    """The capitalised name after a line of business that opens the proper part (`Vàng bạc Đá quý` of
    `Công ty Vàng bạc Đá quý Bảo Tín Minh Châu`): three or more capitalised words after whole two-syllable
    dictionary words, none a family name first (a person), a province or a country (`Thành phố Hồ Chí Minh`).
    The article names the company by it alone, as by the proper part of `Công ty Bảo Tín Minh Châu`. After lines
    joined by `và` (`Đầu tư và Công nghiệp Tân Tạo`: a company's descriptive name) two words are name enough."""
    d, k, joined = dictionary(), 0, False
    while k + 1 < len(words) and " ".join(words[k:k + 2]).lower() in d:
        if joined and k + 3 >= len(words):
            break  # lines of business joined by `và` say a company's name follows: the last two words stay it
        k += 2
        if k + 2 < len(words) and words[k] in g.joiners and " ".join(words[k + 1:k + 3]).lower() in d:
            k, joined = k + 1, True  # `Đầu tư và Công nghiệp Tân Tạo`
    rest = words[k:]
    if not k or len(rest) < (2 if joined else 3) or not all(w[:1].isupper() for w in rest) or rest[0] in g.family:
        return ""
    tail = " ".join(rest)
    if _opens_on_place(tail):
        return ""  # `Trung tâm văn hóa TP Hà Tiên`: the unit's town, which the article names alone as the place
    if province_in(tail) or g.country_re.search(tail) or tail.lower() in d and not joined \
            or len(rest) == 2 and tail in district_names():  # (`Xây dựng Tam Bình` ... `huyện Tam Bình`: the place)
        return ""
    return tail  # (`Tân Tạo` spells a word too: found only written with two capitals)


def _opens_on_place(tail: str) -> bool:
    """A tail opening on a place word (organizations.yaml `province_place_words`: `TP Hà Tiên`, `huyện Ea Súp`)."""
    low = tail.lower()
    return any(low.startswith(w.lower() + " ") for w in patternbook.load("organizations")["province_place_words"])


def _bare_place_name(form: str) -> bool:
    """A country or a world city alone (`Moscow`, `Tokyo`): the place or its government, no short form. (A province
    alone, `TP.HCM` of `Đại học Quốc gia TP.HCM`, is left as it was: without it the fallback of some articles falls
    to a company named in a caption; see the session 8 report.)"""
    return form in grammar().countries or form in _world_cities()


@functools.lru_cache(maxsize=1)
def _world_cities() -> frozenset:
    return frozenset(patternbook.load("organizations")["world_cities"])


def _sector_words(words: list[str]) -> bool:
    """`Tài chính Tiêu dùng`, `Bảo hiểm nhân thọ`: the words are a line of business (two or more common
    two-syllable words; one alone, `Chứng khoán SSI`, is often the brand's own name), so the brand after them names the parent group, not this arm (`Công ty Tài chính Tiêu
    dùng SMBC` ... `SMBC chi 4 tỷ yên`: the bank, not its consumer-finance company)."""
    low = [w.lower() for w in words]
    if len(low) < 4 or len(low) % 2:
        return False
    d = dictionary()
    return all(" ".join(low[i:i + 2]) in d for i in range(0, len(low), 2))


@functools.lru_cache(maxsize=1 << 14)
def initials(name: str) -> set[str]:
    """`Tập đoàn Than - Khoáng sản Việt Nam` -> {TKV, TKSVN...}: capitals of the proper part's words."""
    proper = _proper_part(name) or name
    parts = [w for w in _WORD_SPLIT.split(proper) if w and w != "và"]
    caps = "".join(w[0] for w in parts if w[:1].isupper())
    full = "".join(w[0].upper() for w in parts if w[:1].isalpha())
    out = {caps, full}
    if proper.endswith("Việt Nam"):
        out |= {caps[:-2] + "V", full[:-2] + "V"}
    t = type_of(name)
    if t:
        out |= {t[0].upper() + x for x in list(out)}
    return {_plain(x).upper() for x in out if len(x) >= 2}


def link(text: str, mentions: list[Mention], title: str = "") -> list[Org]:
    """Group mentions into organizations; return them, the main one first (the others in the order found).

    Adds to `mentions` (in place, text order kept) the later uses of aliases,
    short forms and brands, and the generic mentions (`Công ty`, `ngân hàng này`)."""
    g = grammar()
    orgs: list[Org] = []
    by_key: dict = {}
    orig = list(mentions)

    def add(m: Mention, org: Org):
        m.org = org
        org.mentions.append(m)
        if m.surface not in org.names and not (_bare_place(m.surface) and any(
                n.startswith(m.surface + " ") for n in org.names)):  # `UBND TP` of `UBND TP Hà Nội`: no name
            org.names.append(m.surface)

    def org_for(surface: str):
        key = g.known.get(surface) or _equivalent_key(surface)
        if key and key in by_key:
            return by_key[key], key
        for o in orgs:
            if any(_same(surface, n) for n in o.names) and not _other_place(surface, o.names):
                return o, key
        return None, key

    suffix_at: set = set()   # where a parent's name stands as the suffix of a member's (`Tổng công ty Điện lực - TKV`)
    for m in list(mentions):
        if is_generic(m.surface):  # `Bưu điện tỉnh` alone: resolved below like `Công ty`
            m.generic, m.kind = True, "generic"
            mentions.remove(m)
            continue
        if m.start in suffix_at:
            mentions.remove(m)  # part of the member's name before it, not the parent acting
            continue
        if m.kind == "known" and not type_of(m.surface):
            end = _member_suffix(text, m.end)
            if end < 0:
                end = _branch_end(text, m.end)  # `Agribank chi nhánh Nghệ An`: a branch, not the bank
            if end > 0 and g.known.get(text[m.end:end].strip(" \t-–")) != g.known.get(m.surface):
                m.end, m.surface = end, " ".join(text[m.start:end].split())  # `PVC - IC`: the member, not PVC
        aliases = parse_aliases(text, m.end)
        target, key = org_for(m.surface)
        if m.kind == "typed" and aliases:
            parent = aliases[0]
            at = text.find(parent, m.end)
            if 0 <= at - m.end <= 4 and text[m.end:at].strip() in ("-", "–") and _parent_suffix(
                    parent, [m.surface] + (target.names if target else []), by_key, g):
                suffix_at.add(at)  # `Tổng công ty Điện lực - TKV`: the member of TKV is named so, TKV is not named
                m.end, m.surface = at + len(parent), m.surface + " - " + parent
                aliases = aliases[1:]
        if target is None:
            target = Org(key=key)
            orgs.append(target)
        if key:
            by_key.setdefault(key, target)
        add(m, target)
        for alias in aliases:
            if _holds_parent(alias, target.names, g):
                continue  # `Tổng công ty Điện lực TKV (trước đây là Tổng công ty Điện lực – Vinacomin)`: the group
            if alias not in target.names:
                target.names.append(alias)
            k = g.known.get(alias)
            if k:
                by_key.setdefault(k, target)
            by_key.setdefault(alias, target)
    # later uses of aliases, short forms, initials; brands acting as organizations
    forms: dict = {}
    weak_forms: set = set()
    for o in orgs:
        for n in o.names:
            if n not in forms and (n in by_key or brand_like(n.split()[0]) and len(n.split()) <= 3):
                forms[n] = o
            cap = _lowercase_business(n) or n
            sf = short_forms(cap)
            for s in sf:
                if cap != n and s not in forms and s not in o.names:
                    o.described.add(s)   # (`Coolcat` of `công ty Coolcat` alone, not `Apple` of `hãng Apple`, a name too)
                forms.setdefault(s, o)
            if len(sf) == 2 or (sf and len(sf[0].split()) == 1 and sf[0] != _proper_part(cap)):
                weak_forms.add(sf[-1])
        for n in list(o.names):
            for ini in initials(n):
                forms.setdefault(ini, o)
    for o in orgs:  # `Tập đoàn SMBC` owns `SMBC`, not its arm `Công ty Tài chính Tiêu dùng SMBC` named first
        for n in o.names:
            p = _proper_part(n)
            if p in weak_forms and forms.get(p) is not o and _proper_part(forms[p].name) != p:
                forms[p] = o
                weak_forms.discard(p)
    taken = [(m.start, m.end) for m in mentions]
    cands = brand_candidates(text, taken)
    added = []
    spelled_by = _Speller(orgs)
    member_spans: list = []
    for s, e, surf in cands:
        if member_spans and any(a <= s < b for a, b in member_spans):
            continue  # `IC` of `PVC - IC`: read with the name it ends
        parent = forms.get(surf) or by_key.get(g.known.get(surf, ""))
        # `PVC - IC` after `... (PVC)`: the short name of an organization of the article, a dash, a suffix no name
        end, word = _member_suffix(text, e) if parent is not None and " " not in surf else -1, None
        if end > 0 and text[e:end].strip(" \t-–") in g.known:
            end = -1  # `X - FPT`: another name after it, not a suffix of its own
        if end < 0 and surf in g.known:
            word = g.member_after.match(text, e)  # `Viettel Post`: another company of the group
            end = word.end() if word else -1
        elif end < 0 and parent is None and " " in surf and _known_member(surf):  # (one word: no member)
            end, word = e, True  # (read as one brand)
        if end > 0 and g.known.get(text[e:end].strip(" \t-–")) != g.known.get(surf, surf):
            full = " ".join(text[s:end].split())  # `PVC - IC`: the member, not PVC
            o = forms.get(full) or (None if word else forms.get(text[e:end].strip(" \t-–"))) or next(
                (x for x in orgs if any(n.endswith(" " + full) and _proper_part(n[:1].upper() + n[1:]) == full
                                        for n in x.names)), None)  # `công ty Samsung C&T` ... `Samsung C&T`
            if o is None:
                o = Org(key=full)
                orgs.append(o)
                forms[full] = o
            mm = Mention(s, end, full, kind="alias")
            add(mm, o)
            added.append(mm)
            member_spans.append((s, end))
            continue
        o = forms.get(surf) or by_key.get(g.known.get(surf, "")) or spelled_by(surf)
        if o is not None and _PLACE_BEFORE.search(text, max(0, s - 12), s):
            continue  # `ở tỉnh Konya` in an article about `Đại học Kỹ thuật Konya`: the place, not the university
        if o is not None:
            mm = Mention(s, e, surf, kind="alias")
            add(mm, o)
            added.append(mm)
            if surf in weak_forms or surf not in forms:  # a last word, a spelling: not a name to store
                o.weak.add(surf)
    # multi-word short forms (`Licogi 13`, `A.S. Watson`) and names not caught as candidates
    for form, o in forms.items():
        if " " not in form and "." not in form:
            continue
        for at in _occurrences(text, form):
            if any(a <= at < b for a, b in taken) or any(x.start <= at < x.end for x in added):
                continue
            mm = Mention(at, at + len(form), form, kind="alias")
            add(mm, o)
            added.append(mm)
    taken += [(m.start, m.end) for m in added]
    brands: dict = {}
    covered = _covering(taken)
    for s, e, surf in cands:
        if covered(s):
            continue
        brands.setdefault(surf, []).append((s, e))
    listed = _listed_brands(text, brands, [m for m in mentions + added if m.kind == "known" or m.surface in g.known]) \
        if brands else set()
    by_base: dict = {}   # a name less its legal tail -> its organization (`William Grant & Sons Ltd`, `William Grant & Sons`)
    for surf, spans in brands.items():
        acting = surf in listed or any(acts_as_org(text, s, e) or ticker_moves(text, s, e) for s, e in spans)
        if not (acting or _corporate_suffix(surf, g) and not any(_AMP_BEFORE.search(text, max(0, s - 30), s, False) for s, _ in spans)):
            continue  # (`Ant Group`, `Foo Holdings`: the name says what it is, it needs no verb)
        if named_thing(text, surf) or model_name(text, surf) or not strong_brand(surf.split()[0]) and (
                named_person(text, surf) or _short_of_full_name(text, surf, spans[0][0], g)
                or _founder(text, surf, brands)):
            continue  # `Zuckerberg đã chi` in an article that calls him `tỷ phú Zuckerberg`
        if not acting:  # `Theo văn phòng dịch vụ khai thuế Transforma AG, ...`: named as the source, no owner there
            spans = [(s, e) for s, e in spans if not _source_clause().search(text, max(0, s - 120), s)]
            if not spans:
                continue
        base = _legal_tail().sub("", surf)
        o = by_base.get(base)
        if o is None:
            o = by_base[base] = Org(key=surf, named_only=not acting)
            orgs.append(o)
        elif acting:
            o.named_only = False
        for s, e in spans:
            mm = Mention(s, e, surf, kind="brand")
            add(mm, o)
            added.append(mm)
    taken += [(m.start, m.end) for m in added if m.kind == "brand"]
    syllabic: dict = {}
    for s, e, surf in syllable_names(text, taken):
        syllabic.setdefault(surf, []).append((s, e))
    for surf, spans in syllabic.items():  # `Bảo Tín Minh Châu niêm yết ...` with `cửa hàng Bảo Tín Minh Châu`
        if not syllable_brand(text, spans) or named_person(text, surf):
            continue
        o = Org(key=surf)
        orgs.append(o)
        for s, e in spans:
            mm = Mention(s, e, surf, kind="brand")
            add(mm, o)
            added.append(mm)
            taken.append((s, e))
    _add_defined(text, taken, orgs, add, added)
    head = headline_subject(text, title, taken)
    free = [at for at in _occurrences(text, head) if not any(a <= at < b for a, b in taken)] if head else []
    if free:  # every occurrence inside another name: no organization of its own (it would have no mention)
        o = Org(key=head)
        orgs.append(o)
        for at in free:
            mm = Mention(at, at + len(head), head, kind="brand")
            add(mm, o)
            added.append(mm)
    mentions.extend(added)
    generic = {m.start: m for m in find_generic(text, taken)}
    generic.update({m.start: m for m in orig if m.generic})  # one mention per place
    late = g.clause_generics   # (a lowercase `, trường có ...` resolved after the others: it adds no weight to their choice)
    for m in sorted(generic.values(), key=lambda x: (x.surface[:1].islower() and x.surface in late, x.start)):
        if _points_to_unnamed(text, m):
            mentions.append(m)  # the clause's subject, an organization the article never names: no owner
            continue
        o = _resolve_generic(m, orgs, mentions)
        if o is None and m.surface.split()[-1].lower() in g.end_connectors:  # `Bưu điện tỉnh`: never named further
            o = next((x for x in orgs if m.surface in x.names), None)
            if o is None:
                o = Org(key=m.surface)
                orgs.append(o)
        if o is not None:
            add(m, o)
            mentions.append(m)
    mentions.sort(key=lambda x: x.start)
    for o in orgs:
        _name_unit_place(text, o)
    title_l = title or text[:200]

    if len(orgs) > 1:  # (one organization: nothing to rank)
        # The main one: the greatest weight (acting mentions, + 2 when named in the title; then named first),
        # the earliest in `orgs` among equals, as a stable sort by weight would put first. Only it is the
        # caller's (`main_org`, `about_one`): the acting mentions (the costly part) are read only of those
        # whose mentions alone could still reach it, and the others keep their order.
        bound = []
        for i, o in enumerate(orgs):
            first = min(x.start for x in o.mentions)
            in_title = any(n in title_l for n in o.names)
            bound.append((len(o.mentions) + 2 * in_title, -first, -i, in_title))
        bound.sort(reverse=True)
        best = best_key = None
        for most, neg_first, neg_i, in_title in bound:
            if best_key is not None and (most, neg_first, neg_i) < best_key:
                break
            o = orgs[-neg_i]
            key = (len(o.actor_mentions(text)) + 2 * in_title, neg_first, neg_i)
            if best_key is None or key > best_key:
                best, best_key = o, key
        if best is not orgs[0]:
            orgs.remove(best)
            orgs.insert(0, best)
    if any(w in text for w in _stock_pointer_re()[2]):   # (after the ranking: a pointer weighs nothing in what the article is about)
        pointers = _stock_pointers(text, mentions, taken)
        for m in pointers:
            m.org.mentions.append(m)   # (its words are no name of the company: `Mã này` is never its name)
        if pointers:
            mentions.extend(pointers)
            mentions.sort(key=lambda x: x.start)
    return orgs


# A place level and a capital in a name (`huyện Sơn Dương`, `TP. Vinh`): the name holds its place already.
_NAMED_PLACE = regex.compile(r"(?<!\w)" + patternbook.alternation(patternbook.load("organizations")["unit_place_levels"],
                                                                   boundary=False) + r"[ \t]*\p{Lu}")


def _name_unit_place(text: str, o: Org) -> None:
    """`Sở Giáo dục và Đào tạo (GD&ĐT) tỉnh Bến Tre`, `Bộ đội Biên phòng (BĐBP) tỉnh Đắk Lắk`: a province written
    after the parenthesis of a name's short form makes the name that of the province's unit (a province's unit keeps
    its place name), once the article gives it one place only; the name then runs on through the place. An
    organization already named with a place (`Ngân hàng CSXH huyện Sơn Dương`) keeps that name."""
    if any(_places(n) or _NAMED_PLACE.search(n, None, None, False) for n in o.names):
        return
    places, bases = set(), []
    for m in o.mentions:
        if m.generic or "(" not in text[m.end:m.end + 3] and text[m.end:m.end + 1] != ")":
            continue  # (a cheap test first: the place comes after a parenthesis)
        paren = _ALIAS_PAREN.match(text, m.end, None, False)  # the name, then its short form in parentheses
        if paren and not paren.group("dash"):
            pos = paren.end()
        elif text[m.end:m.end + 1] == ")" and text[m.start - 1:m.start] == "(":
            pos = m.end + 1  # the short form itself, inside its parentheses
        else:
            continue
        end = _unit_place(text, pos)
        place = " ".join(text[pos:end].split())
        if end > pos and _HAS_UPPER.search(place, None, None, False):  # (a bare `tỉnh` names no place)
            places.add(place)
            bases.append(m.surface)
    if len(places) == 1:  # the fullest name of those the place follows, with the place
        name = max(bases, key=lambda n: len(n.split())) + " " + places.pop()
        if name not in o.names:
            o.names.append(name)


_BRACKET_AFTER = engines.compile(r"[ \t]*\(")


@functools.lru_cache(maxsize=1)
def _list_gaps():
    """What separates two items of a list of names: a bracketed figure or note of the first item (`TPBank (8,91%)`),
    then a comma, `và` or both; read forwards after a name, backwards before one."""
    gap = r"[ \t]*(?:\([^()\n]{0,40}\)[ \t]*)?(?:,[ \t]*(?:" + _JOINT_WORDS + r"[ \t]+)?|" + _JOINT_WORDS + r"[ \t]+)"
    return engines.compile(gap), engines.compile(gap + r"$")


def _listed_brands(text: str, brands: dict, known: list) -> set:
    """The brands listed, each with its own bracketed figure, next to a well-known organization or next to another
    brand so listed (`CTG (402 nghìn đơn vị), DCM (731 nghìn đơn vị), SKG (68 nghìn đơn vị)`, `Vietnam Airlines (5
    chuyến) và Bamboo (3 chuyến)`): an item of a list of organizations of one kind is one too (`_listed_with_org`)."""
    if not known:
        return set()
    ends, starts = {m.end for m in known}, {m.start for m in known}
    todo = dict(brands)
    out: set = set()
    grown = True
    while grown:
        grown = False
        for surf, spans in list(todo.items()):
            if any(_listed_with_org(text, s, e, ends, starts) for s, e in spans):
                out.add(surf)
                del todo[surf]
                ends.update(e for _, e in spans)
                starts.update(s for s, _ in spans)
                grown = True
    return out


def _listed_with_org(text: str, s: int, e: int, org_ends, org_starts) -> bool:
    """A brand with its own bracketed figure, listed next to an organization at `org_ends` or `org_starts`
    (`BIDV (13,47%), VIB (5,25%)`). Without the bracket a list of codes is often a market's (`KDH và STB tăng
    trần`), read by its own rules."""
    if not _BRACKET_AFTER.match(text, e):
        return False
    after, before = _list_gaps()
    m = after.match(text, e)
    if m and m.end() in org_starts:
        return True
    m = before.search(text, max(0, s - 60), s)
    return bool(m) and m.start() in org_ends


_AMP_BEFORE = regex.compile(r"\p{Lu}[\p{L}.]*[ \t]*&[ \t]*$")  # `William Grant & Sons Ltd`: the tail of a longer name


_NEXT_NAME_WORD = regex.compile(r"[ \t]+(\p{Lu}\p{Ll}+)(?![\p{L}\d&])")


@functools.lru_cache(maxsize=1)
def _person_after_name():
    d = patternbook.load("organizations")
    return engines.compile(r"[ \t]*(?:" + patternbook.choice(d["born_after_name"]) + r"(?!\w)|[,(][ \t]*\d+[ \t]+"
                         + patternbook.choice(d["age_words"]) + r"(?!\w))")


def _short_of_full_name(text: str, surface: str, first: int, g) -> bool:
    """A one-word name first written in the article as the opening of a person's full name (two sentence-case
    words, then a birth or an age: `Rupert Grint sinh ngày ...`, later `Rupert bỏ ra 4,5 triệu bảng`): the person
    called by the given name, as news writing does (`Amazon Prime`, `Honda Motor` name no one born)."""
    if " " in surface:
        return False
    at = text.find(surface + " ", 0, first)
    while at > 0 and text[at - 1].isalnum():
        at = text.find(surface + " ", at + 1, first)
    if at < 0:
        return False
    m = _NEXT_NAME_WORD.match(text, at + len(surface), None, False)
    return bool(m) and m.group(1) not in g.stoppers and bool(_person_after_name().match(text, m.end()))


def _founder(text: str, surface: str, brands: dict) -> bool:
    """`Peter Speake-Marin` where `Speake-Marin` is another brand of the article and no model (`model_name`): one
    word before a brand is the person the brand is named after, not another organization."""
    first, _, rest = surface.partition(" ")
    if not rest or " " in rest or rest not in brands or not first.isalpha():
        return False
    return not model_name(text, rest)


def _without_dropped_lead(name: str) -> str:
    """`hãng Tesla` -> `Tesla`: a lead word that is never part of a name (organizations.yaml name_dropped_leads) is
    left out when a capitalised name follows it."""
    head, _, rest = name.partition(" ")
    if rest[:1].isupper() and head.lower() in _dropped_leads():
        return rest
    return name


@functools.lru_cache(maxsize=None)
def _dropped_leads() -> frozenset:
    return frozenset(w.lower() for w in patternbook.load("organizations")["name_dropped_leads"])


@functools.lru_cache(maxsize=1)
def _legal_tail():
    """A company's legal form at the end of its name (`William Grant & Sons Ltd`, `Tuya Inc.`, `Foo Co., Ltd`): the
    article writes the same company with or without it (organizations.yaml `corporate_legal_tails`); not the `Co` of
    `Cowen & Co`, which is the name's own."""
    tails = patternbook.choice(patternbook.load("organizations")["corporate_legal_tails"])
    return engines.compile(r"(?<=[^\s&])(?:,?[ \t]+" + tails + r"\.?)+$")


@functools.lru_cache(maxsize=1)
def _source_clause():
    """A clause opened by a source's word (`Theo`), with no comma yet or one before an apposition (`Theo ông X, một
    lãnh đạo tại công ty Y`, `Theo bà X, giám đốc tại Y`): a name in it is who reports, not who owns; not a clause
    after the source's comma (`Theo nguồn tin, hiện HSBC Holdings đang tư vấn`: the subject)."""
    d = patternbook.load("organizations")
    openers = patternbook.choice(d["source_of_openers"])
    appositions = patternbook.choice(list(d["apposition_leads"]) + list(d["role_before_name"]))
    return engines.compile(r"(?:^|[.!?;:\n]\s*|,\s*)(?<!\w)" + openers + r"\s[^,.;:!?\n]*(?:,\s*" + appositions
                         + r"\s[^,.;:!?\n]*)?$")


def _corporate_suffix(surface: str, g) -> bool:
    """A brand of two or more words ending on a company word of English (`corporate_suffixes`: `Ant Group`,
    `Foo Holdings`): a company by its own name, whatever the article says it does; so is one word glued onto such
    a word (`corporate_glued`: `DongABank`, `Eximbank`; three letters or more before it, `Eubank` is a family name)."""
    words = surface.split()
    if len(words) == 1:
        return any(len(surface) >= len(x) + 3 and surface[:-len(x)].isalpha()
                   for x in g.corporate_glued if surface.endswith(x))
    return words[-1].rstrip(".") in g.corporate_suffixes and words[0] not in g.corporate_suffixes


def _add_defined(text: str, taken: list, orgs: list, add, added: list) -> None:
    """`Hoàng Anh Gia Lai (HAG)`: a name the article defines by a ticker is an organization when the
    ticker is labelled (`mã:`, `HOSE:`) or when the name or its code acts as one (`HAG bị đưa vào
    diện kiểm soát`); the code's organization, if the article has one already, takes the name."""
    for s, e, name, code, labelled in defined_names(text, taken):
        uses = [(a, a + len(code)) for a in _occurrences(text, code)]
        if not (labelled or acts_as_org(text, s, e) or any(acts_as_org(text, a, b) for a, b in uses)):
            continue
        if named_thing(text, name) or named_person(text, name):
            continue
        o = next((x for x in orgs if code in x.names), None)
        if o is None:
            o = Org(key=name)
            orgs.append(o)
        spans = [(a, a + len(name), name) for a in _occurrences(text, name)]
        spans += [(a, b, code) for a, b in uses if not any(x.start <= a < x.end for x in o.mentions)]
        for a, b, surface in spans:
            if any(x <= a < y for x, y in taken):
                continue
            mm = Mention(a, b, surface, kind="alias" if surface == code else "brand")
            add(mm, o)
            added.append(mm)
            taken.append((a, b))
        if code not in o.names:
            o.names.append(code)


def headline_subject(text: str, title: str, taken) -> str | None:
    """`Than Cao Sơn sản xuất trên 2 triệu tấn than`: a capitalised Vietnamese name opening the headline
    as the subject of a business verb is the organization the article is about (not a place, a country
    or a person)."""
    g = grammar()
    d = patternbook.load("organizations")
    first_line = _first_line(text)
    for line, offset in ((title, None), (first_line, text.find(first_line))):
        line = (line or "").strip()
        if not line or not line[:1].isupper():
            continue
        if not g.activity_word.search(line):
            return None  # no business verb anywhere in the line: `g.activity` below cannot match (9 lines in 10)
        chunks = line.split()  # the name read below is a part of the line: what the line lacks, it lacks
        if sum(c[:1].isupper() for c in chunks) < 2 or chunks[0] in g.stoppers or chunks[0] in g.family:
            return None
        end = scan_name(line, 0)
        run = line[:end].strip()
        words = run.split()
        if len(words) < 2 or (offset is not None and any(a <= offset < b for a, b in taken)):
            return None
        if sum(w[:1].isupper() for w in words) < 2 or run.lower() in dictionary():
            return None  # `Thu nhập lãi thuần ...`: a capitalised common word opening a sentence, not a name
        if not all(is_syllable(w) or w.isdigit() for w in words):
            return None  # a foreign name opening a headline is as often a person's (`Victoria Beckham`)
        if (words[0] in g.stoppers or words[0] in g.family or province_in(run) or any(c in run for c in d["countries"])
                or g.type_start.match(run) or any(w in g.not_brands for w in words)):
            return None
        if g.activity.match(line[end:end + 40]):
            return run
        return None
    return None


def _covering(spans):
    """`pos -> any(a <= pos < b for a, b in spans)` in O(log n): the starts in order and the farthest end
    reached by a span starting at or before each."""
    spans = sorted(spans)
    starts = [a for a, _ in spans]
    reach, far = [], -1
    for _, b in spans:
        far = b if b > far else far
        reach.append(far)

    def covered(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos)
        return i > 0 and reach[i - 1] > pos
    return covered


def _first_line(text: str) -> str:
    """The first line with more than blanks (`next(ln for ln in text.split("\\n") if ln.strip())`, unsplit)."""
    start = 0
    while True:
        nl = text.find("\n", start)
        line = text[start:] if nl < 0 else text[start:nl]
        if line.strip():
            return line
        if nl < 0:
            return ""
        start = nl + 1


def _occurrences(text: str, form: str):
    """Where `form` stands as whole words in `text` (str.find: no regex compiled per name)."""
    at = text.find(form)
    while at >= 0:
        end = at + len(form)
        if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "&.")) and \
                (end >= len(text) or not (text[end].isalnum() or text[end] == "&")):
            yield at
        at = text.find(form, at + 1)


def about_one(text: str, orgs: list[Org], title: str = "") -> bool:
    """The article is about one organization, so it owns the figures no clause gives to anyone.

    Either its headline (the title, else the text's first lines) names that
    organization first and alone, and the text names it as often as any other;
    or the text names it far more than any other, from its lead on."""
    if not orgs:
        return False
    main = orgs[0]
    if main.named_only:
        return False  # `Jiangsu Shagang Group` named in a digest of a market: its name says company, not subject
    d = patternbook.load("organizations")
    headline = title or _SENT_SPLIT.split(text[:200], maxsplit=1)[0]  # the title, else the first sentence
    opens = _opens_headline(headline, main)
    if any(type_of(n) in d["no_fallback_types"] for n in main.names) and not _admissions(headline, main, d):
        return False  # a city's or a ministry's article reports a territory's or a sector's figures
    if any(n in d["no_fallback_names"] for n in main.names):
        return False  # a legislature's article reports a country's figures
    typed = [m for m in main.mentions if m.kind == "typed"]
    if typed and all(m.surface[:1].islower() for m in typed) and not opens:
        # (its brand alone, read as the short form of such a description, `công ty Coolcat` ... `Coolcat`, no name either)
        if all(m.kind in ("typed", "anaphor", "generic") or (m.surface in main.described and main.name[:1].islower())
               for m in main.mentions):   # (`hãng Apple`: its name is `Apple`, the lead word dropped)
            return False  # only `công ty X` in lowercase: a description more than a name (unless it opens the headline)
    weak = all(m.kind in ("brand", "anaphor") for m in main.mentions) and not (
        main.key and (strong_brand(main.key.split()[0]) or len(main.key.split()) >= 2))

    def count(o):  # `Công ty` read as the organization named last does not make it the article's subject
        return len([m for m in o.actor_mentions(text) if m.kind != "anaphor"])

    n_main = count(main)
    others_read = []  # (the other organizations' acting mentions are read only when a test asks)

    def second_count():
        if not others_read:
            others_read.append(max((count(o) for o in orgs[1:]), default=0))
        return others_read[0]
    if weak and (n_main < _WEAK_BRAND_ACTS or second_count() * _WEAK_BRAND_LEAD > n_main):
        return False  # a capitalised foreign word acting once (`Shiloh`, `Ghana`), or beside another actor, is too
        # weak to own an article: only the one actor of its article, acting often, is a company (`Sony ra mắt ...`)
    from .attribution import no_org_context, place_context
    if (no_org_context(headline) or place_context(headline)) and not any(n in headline for n in main.names):
        return False  # `CPI cả năm dự báo ở mức 3,8%`: an article about a market or an indicator
    if title and _market_headline(title, d) and not any(n in title for n in main.names):
        return False  # `Cuộc đua trên thị trường đồ chơi cao cấp`: a market's article, its players' figures each their own
    if _research_firm(text, main):
        return False  # `hãng thống kê CIES`, `công ty nghiên cứu Virac`: its report's figures are what it found of others
    first_in = {}
    for o in orgs:
        specific = [n for n in o.names if not is_generic(n) or len(n.split()) >= 3] or o.names
        at = [headline.find(n) for n in specific if n in headline]
        if at:
            first_in[id(o)] = min(at)
    opened = id(main) not in first_in and opens
    if opened:
        first_in[id(main)] = 0
    if id(main) in first_in and not opened and not _headline_subject(headline, main):
        return False  # `Đức tăng chi tiêu quốc phòng ... tại NATO`: named in the headline, but not as its subject
    if id(main) in first_in and min(first_in.values()) == first_in[id(main)] and \
            max(n_main, len(main.mentions) if second_count() == 0 else 0) >= max(1, 1.5 * second_count()):
        others = [v for k, v in first_in.items() if k != id(main)]
        head_mentions = [m for m in main.mentions if m.start < 200 and not title]
        joint = any(_near_joint(headline, v, first_in[id(main)]) for v in others)
        if not joint and not (head_mentions and all(m.generic for m in head_mentions) and not title and False):
            return True
    if weak:
        return False  # a sentence-case brand owns an article only as its headline's subject (`Sony ra mắt ...`)
    lead = text[:max(300, len(text) // 3)]
    named_early = any(m.start < len(lead) for m in main.mentions)
    return named_early and n_main >= 4 and n_main >= 3 * second_count()


def _market_headline(title: str, d: dict) -> bool:
    """The title speaks of a market (organizations.yaml `market_headline_words`, `thị trường đồ chơi`), not of a
    product put on one (`market_headline_launch`: `ra mắt thị trường`)."""
    low = title.lower()
    launch = tuple(" " + v for v in d["market_headline_launch"])
    return any(at >= 0 and not (" " + low[:at].rstrip()).endswith(launch)
               for at in (low.find(w) for w in d["market_headline_words"]))


def _research_firm(text: str, main) -> bool:
    """The article's organization is named as a research, survey or statistics firm (`hãng thống kê CIES`):
    ownership.yaml research_firm_heads + research_firm_kinds right before one of its mentions."""
    from .attribution import rules
    rx = rules().research_firm
    return any(rx.search(text, max(0, m.start - 60), m.start, False) for m in main.mentions if m.kind != "anaphor")


def _opens_headline(headline: str, main) -> bool:
    """`Formosa Hà Tĩnh chi 3.150 tỷ ...` of `Công ty Formosa Hà Tĩnh`, `Toyota đầu tư ...` of `hãng Toyota`: the
    name without its type word opens the headline, then a lowercase word (its verb): the headline's subject."""
    for n in main.names:
        proper = _proper_part(n) or n[next((i for i, c in enumerate(n) if c.isupper()), len(n)):]
        if proper and proper != n and proper[:1].isupper() and headline.startswith(proper) \
                and regex.match(r"[ \t]+\p{Ll}", headline[len(proper):]) and not _bare_place_name(proper):
            return True
    return False


def _admissions(headline: str, main, d) -> bool:
    """`Trường ĐH Sài Gòn tuyển 4.000 chỉ tiêu`: a school (`admission_types`) named in the headline that speaks of
    admissions (`admission_words`): the article is about the school's own intake, not a sector's figures."""
    return any(type_of(n) in d["admission_types"] and n in headline for n in main.names) and \
        bool(_admission_word().search(headline))


@functools.lru_cache(maxsize=1)
def _admission_word():
    return engines.compile(patternbook.alternation(patternbook.load("organizations")["admission_words"]))


_WEAK_BRAND_ACTS = 3  # a sentence-case brand that acts this often (`Sony ra mắt ...`, `Sony cho biết`) is a company
_WEAK_BRAND_LEAD = 5  # ... and this many times as often as any other actor (`Speake-Marin` acting 7 times beside its
# founder's firm named once): one passing actor does not take the article from the brand it is about


@functools.lru_cache(maxsize=1)
def _not_subject_before():
    o = patternbook.load("ownership")
    posts = r"(?<!(?:^|\s)" + patternbook.alternation(o["headline_post_taken"], lead=False) + r"\s+(?:\S+\s+){0,2})" \
        + patternbook.alternation(o["headline_person_posts"], lead=False)   # (`từ nhiệm Tổng giám đốc`: its last words too)
    return regex.compile(r"(?:^|\s)(?:" + patternbook.alternation(o["headline_not_subject"], lead=False) + r"|" + posts + r"|"
                         + patternbook.alternation(o["headline_passive"], lead=False) + r"(?:\s+\S+){0,6})\s*$", regex.I)


def _headline_subject(headline: str, main) -> bool:
    """The headline names the organization at least once where it can be the subject: not after a preposition or
    an object's verb (`... tại NATO`), nor inside a parenthesis (`(ảnh: Vingroup/Forbes)`)."""
    for n in main.names:
        if not n:
            continue
        for at in _whole_words(headline, n):
            before = headline[max(0, at - 45):at]
            if not _not_subject_before().search(before, None, None, False) and before.rfind("(") <= before.rfind(")"):
                return True
    return False


_WORD_CHAR = engines.compile(r"\w")


def _whole_words(s: str, n: str):
    """Where `regex.finditer(r"(?<!\\w)" + regex.escape(n) + r"(?!\\w)", s)` matches, by str.find (no
    pattern compiled per name): left to right, the next after the end of the last."""
    at = s.find(n)
    while at >= 0:
        end = at + len(n)
        if (at == 0 or not _WORD_CHAR.match(s, at - 1)) and not _WORD_CHAR.match(s, end):
            yield at
            at = s.find(n, end)
        else:
            at = s.find(n, at + 1)


def _near_joint(headline: str, a: int, b: int) -> bool:
    """`BoJ, ECB nên học theo Fed`: two organizations named together at the head of a headline."""
    lo, hi = sorted((a, b))
    return hi - lo < 25 and bool(_JOINT.search(headline[lo:hi]))


def _resolve_generic(m: Mention, orgs: list[Org], mentions: list[Mention]):
    """`Công ty`, `ngân hàng này`, `Bưu điện tỉnh`: an organization of that kind named in the article; the
    one the article is mostly about when there is one, else the one named last before."""
    words = m.surface.split()
    t = type_of(m.surface) or type_of(words[0].capitalize() + (" " + " ".join(words[1:]) if len(words) > 1 else ""))
    d = patternbook.load("organizations")
    cat = category(t) if t else None
    if cat is None:
        cat = next((c for c, kinds in d["generic_categories"].items() if m.surface.lower().startswith(tuple(kinds))), None)
    named_before = {id(x.org) for x in mentions if x.org is not None and x.start < m.start}
    earlier = [o for o in orgs if id(o) in named_before]  # an anaphor points back, never ahead
    local = words[-1].lower() in d["local_unit_lasts"]  # `Bưu điện tỉnh`, often in a headline before the name
    same_type = [o for o in (orgs if local else earlier)
                 if t and any(n.lower().startswith(t.lower()) and not is_generic(n) for n in o.names)]
    if local:  # a local unit: never the national body, never another kind
        same_type = [o for o in same_type if not any(x in o.name for x in _national())]
        if not same_type:
            return None
    # (a bare `Bệnh viện`, `Sở` opening a clause: one of its own names, never another body of its category)
    kind = [] if local or m.surface in grammar().subject_generics else \
        [o for o in earlier if cat is not None and (cat == "any" or org_category(o) == cat)]
    pool = list({id(o): o for o in same_type + kind}.values())
    if not pool and cat is not None and not local:
        # `ABBank ... Năm 2020, ngân hàng lãi ...`: the article's one brand of that kind (by its last word), named
        # before; several (`VPBank`, `TPBank`, `TechcomBank`) leave the bare word to banks in general
        branded = [o for o in orgs if branded_category(o) == cat]
        return branded[0] if len(branded) == 1 and id(branded[0]) in named_before else None
    if not pool:
        return None
    if len(pool) == 1:
        return pool[0]
    dom = _dominant(pool) if words[-1] != "này" else []
    if dom:
        return dom[0]
    before = [x for x in mentions if x.org in pool and x.end <= m.start and not x.generic]
    if before:
        m.kind = "anaphor"
        return max(before, key=lambda x: x.end).org
    return None


def _stock_pointers(text: str, mentions: list, taken) -> list:
    """`Cổ phiếu HPG của Hòa Phát được giao dịch mạnh nhất. Mã này cũng tăng giá 2,8%`: `mã này`, `cổ phiếu này` point
    to the organization named last before it (in its line or the line before, a sentence set apart: within
    `_STOCK_REACH` characters) when that one's share is named there (a code of three capitals, or a name right after
    `cổ phiếu`, `mã`); `hai mã này`, `các cổ phiếu này` (several) point to no one."""
    g = grammar()
    rx, named_by, _ = _stock_pointer_re()
    covered = _covering(taken)
    out = []
    named = sorted((m for m in mentions if m.org is not None and not m.generic), key=lambda x: x.start)
    starts = [m.start for m in named]
    for p in rx.finditer(text):
        a = p.start()
        if covered(a) or g.plural_before.match(text[max(0, a - 16):a], None, None, False) or _QUANTITY_OF.search(text, max(0, a - 8), a):
            continue  # `hai mã này`, `các cổ phiếu này`: several; `số cổ phiếu này`: a block of shares, a holder's
        reach = max(0, a - _STOCK_REACH)   # (`lo` is never before it: no scan back to the text's start)
        line = text.rfind("\n", reach, a)
        line = text.rfind("\n", reach, line) if line > 0 else line   # (the line before too: a sentence set apart)
        lo = max(0, a - _STOCK_REACH, line + 1)
        before = [m for m in named[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, a)] if m.end <= a]
        if not before:
            continue
        last = before[-1]
        if not any(_TICKER.fullmatch(m.surface, None, None, False) or named_by.search(text, max(0, m.start - 30), m.start)
                   for m in before if m.org is last.org):
            continue  # the last organization named before it is named as no share (`Ngân hàng X cho biết ... mã này`)
        if org_category(last.org) not in ("company", "bank"):
            continue
        out.append(Mention(a, p.end(), p.group(0), org=last.org, generic=True, kind="anaphor", pointer=True))
    return out


_QUANTITY_OF = engines.compile(r"(?<!\w)số\s+$", regex.I)
_STOCK_REACH = 300   # characters before `mã này` searched for the share it points to (the sentence before, about)
_TICKER = regex.compile(TICKER_CODE)


@functools.lru_cache(maxsize=1)
def _stock_pointer_re():
    """The pointers' pattern, the share-naming words' pattern, and the pointers' last words (a cheap gate: `này`, as
    written; the pattern itself is case-blind). The pointers' pattern is tried only where a pointer stands
    (`Prefiltered`: most texts hold `này`, few `mã này`; the case-blind scan of the whole text cost three times that)."""
    d = patternbook.load("organizations")
    return (patternbook.Prefiltered(engines.compile(r"(?<!\w)" + patternbook.alternation(d["stock_pointers"]) + r"(?!\w)",
                                                  regex.I), d["stock_pointers"]),
            engines.compile(r"(?<!\w)" + patternbook.alternation(d["stock_named_by"]) + r"\s+(?:\S+\s+){0,2}(?:của\s+)?$",
                          regex.I),
            frozenset(str(w).split()[-1] for w in d["stock_pointers"]))


def _points_to_unnamed(text: str, m: Mention) -> bool:
    """`... để về công ty chuyên về thiết bị đeo ... Công ty này được Fossil mua lại`: `này` points to the
    nearest noun of its kind before it (within about two sentences), here an unnamed one brought in."""
    words = m.surface.split()
    head = " ".join(words[:-1]) if words[-1] == "này" else m.surface if _THIS_AFTER.match(text, m.end) else None
    if not head:
        return False
    head = head.lower()
    lo = max(0, m.start - _ANAPHOR_REACH)
    at = text[lo:m.start].lower().rfind(head)
    return at >= 0 and new_referent(text, lo + at, lo + at + len(head))


_ANAPHOR_REACH = 400  # characters before `... này` searched for its noun
_THIS_AFTER = engines.compile(r"[ \t]+này(?!\w)")  # `Công ty này`, when the mention is `Công ty`


def _dominant(orgs: list[Org]) -> list[Org]:
    """`Công ty` in an article that names one organization far more than any other: that one."""
    counts = sorted(((len(o.mentions), i) for i, o in enumerate(orgs)), reverse=True)
    if counts and counts[0][0] >= 2 and (len(counts) == 1 or counts[0][0] >= 2 * counts[1][0]):
        return [orgs[counts[0][1]]]
    return []


def _national():
    return patternbook.load("organizations")["national_markers"]


class _Speller:
    """`LienVietPostBank` spells two syllables of `... Bưu điện Liên Việt` in a row: that organization (the
    first in `orgs` order). One per link: an organization's syllable pairs are read once per count of its
    names (names only grow there); the brand is not read when no name has a pair."""

    __slots__ = ("orgs", "pairs")

    def __init__(self, orgs: list[Org]):
        self.orgs = orgs
        self.pairs: dict = {}  # id(org) -> (len(org.names) when read, the pairs of its names in order)

    def __call__(self, brand: str):
        if len(brand) < 6:
            return None
        pairs, found = self.pairs, []
        for o in self.orgs:
            got = pairs.get(id(o))
            if got is None or got[0] != len(o.names):
                got = pairs[id(o)] = (len(o.names), tuple(p for n in o.names for p in _syllable_pairs(n)))
            if got[1]:
                found.append((o, got[1]))
        if not found:
            return None
        b = _plain(brand).replace(" ", "")
        for o, ps in found:
            if any(pair in b for pair in ps):
                return o
        return None


@functools.lru_cache(maxsize=1 << 14)
def _syllable_pairs(name: str) -> tuple:
    """Two capitalised syllables of the proper part in a row, plain and joined, six letters or more."""
    syl = [_plain(w) for w in _proper_part(name).split() if w[:1].isupper()]
    return tuple(syl[i] + syl[i + 1] for i in range(len(syl) - 1) if len(syl[i] + syl[i + 1]) >= 6)


@functools.lru_cache(maxsize=1 << 14)
def _equivalent_key(surface: str) -> str | None:
    d = patternbook.load("organizations")
    for group in d["equivalents"]:
        for form in group:
            if surface.startswith(form + " ") and len(surface) > len(form) + 1:
                return group[0] + " " + surface[len(form) + 1:]
    return None


def _other_place(surface: str, names) -> bool:
    """`Hội Khuyến học Việt Nam` against an organization named `Hội Khuyến học tỉnh Bạc Liêu`: both name a
    place, and not the same one; a body of one province or country is never another's (through a short
    form they share, `Hội Khuyến học`, the names of two provinces' bodies would otherwise join)."""
    mine = _places(surface)
    if not mine:
        return False
    theirs = set()
    for n in names:
        theirs |= _places(n)
    return bool(theirs) and not (mine & theirs)


# A place word right before a name (`tỉnh Konya`, `thành phố Osaka`): the name is the place's there.
_PLACE_BEFORE = engines.compile(r"(?<!\w)" + patternbook.alternation(patternbook.load("organizations")["province_place_words"], boundary=False)
                              + r"[ \t]+$")


@functools.lru_cache(maxsize=1)
def _place_word():
    """A place word (organizations.yaml `province_place_words`) and the up to three words after it."""
    words = patternbook.load("organizations")["province_place_words"]
    return regex.compile(r"(?:^|\s)" + patternbook.alternation(words, boundary=False) + r"\s+(\p{Lu}\p{Ll}*(?:\s+\p{L}+){0,2})")


@functools.lru_cache(maxsize=1 << 14)
def _places(name: str, countries: bool = True) -> frozenset:
    """The provinces (after a place word in any case: `tỉnh Bạc liêu`) and countries a name holds."""
    found = {m.group(0) for m in province_regex().finditer(name)}
    for m in _place_word().finditer(name, None, None, False, False):
        p = province_regex().match(" ".join(w[:1].upper() + w[1:] for w in m.group(1).split()))
        if p:
            found.add(p.group(0))
    if countries:  # (`Việt Nam`; `Anh`, `Mỹ` are syllables of names too)
        found |= {c for c in _spaced_countries() if c in name}
    return frozenset(found)


@functools.lru_cache(maxsize=1)
def _spaced_countries() -> tuple:
    """The countries of two words or more (`Việt Nam`), read once: `_places` looks for each in every new name."""
    return tuple(c for c in grammar().countries if " " in c)


@functools.lru_cache(maxsize=1 << 14)
def _bare_place(name: str) -> bool:
    """`UBND TP`, `Sở Y tế tỉnh`: a name ending on a place word with no place after it."""
    return name.split()[-1].lower() in _place_ends()


@functools.lru_cache(maxsize=1)
def _place_ends() -> frozenset:
    """The place words a name may end on (`end_connectors`, `bare_places`), joined once, not per name."""
    g = grammar()
    return frozenset(g.end_connectors | g.bare_places)


@functools.lru_cache(maxsize=1 << 16)
def _same(a: str, b: str) -> bool:
    """Two names of one organization: one extends the other (`Hãng Sơn Đông Á` in
    `Công ty cổ phần Hãng Sơn Đông Á`), or they share a type and one's name words
    are a subsequence of the other's (`Nông trường Long Tân`, `Nông trường Cao su Long Tân`)."""
    if a.lower() == b.lower():
        return True
    short, long_ = sorted((a, b), key=len)
    if is_generic(short):
        return False
    if long_.startswith(short + " "):
        if short == a and _bare_place(short):
            return True  # `UBND TP` after `UBND TP Hà Nội`: the place word alone refers back to the place named
        rest = long_[len(short):]
        if not type_of(short) and _member_words(rest):
            return False  # `Viettel Post`, `Agribank chi nhánh X`: a member named by its parent's name and its own words
        return not (province_in(rest) or city_in(rest) or _places(rest, countries=False))  # `VNPT Đồng Nai` is a unit
        # (`tỉnh Bạc liêu`; a city: `Trường Đại học FPT AI Quy Nhơn`, a campus of `Trường Đại học FPT`, its venue)
    if long_.endswith(" " + short):  # `Hãng Sơn Đông Á` of `Công ty cổ phần Hãng Sơn Đông Á`, not `Samsung` of
        if type_of(long_) in _member_types() and type_of(long_) not in _club_types() and not type_of(short):
            return False  # `Điện lực TKV`, `Bưu điện Viettel`: a unit or member of TKV, not TKV
        if _proper_part(long_) == short and not province_in(short) and short not in grammar().countries:
            return True  # `Ngân hàng Sacombank` is `Sacombank`: the type word and the name, nothing between
        return bool(type_of(short)) and not province_in(short)  # `Công ty Bảo hiểm nhân thọ Samsung`
    t = type_of(short)
    if t and long_.startswith(t):
        sw, lw = short[len(t):].split(), iter(long_[len(t):].split())
        if " ".join(sw) in (province_in(short), city_in(short)) and category(short) != "state":
            return False  # `Trường ĐH Hà Nội` is named by its city alone, not `Trường ĐH Bách khoa Hà Nội`
            # (a state body named by its place is that place's: `UBND Hà Nội`, `UBND thành phố Hà Nội`)
        return bool(sw) and all(w in lw for w in sw)
    return False


@functools.lru_cache(maxsize=1)
def _member_types() -> frozenset:
    return frozenset(patternbook.load("organizations")["member_types"])


@functools.lru_cache(maxsize=1)
def _member_tail():
    """Words after a name that make it a member's: a line of business (`Post`, `Telecom`), a branch
    (`chi nhánh`), a suffix after a spaced dash (`PVC - IC`)."""
    d = patternbook.load("organizations")
    return regex.compile(r"[ \t]*(?:[-–][ \t]*\p{Lu}[\p{Lu}\d&]{0,4}(?![\w&])|" + patternbook.alternation(
        list(d["group_member_words"]) + list(d["member_connectors"])) + ")")


@functools.lru_cache(maxsize=1 << 14)
def _member_words(rest: str) -> bool:
    """`rest`, what a longer name adds to a shorter one, opens on a member's own words."""
    return bool(_member_tail().match(rest, None, None, False))


def _member_suffix(text: str, end: int) -> int:
    """`PVC - IC`, `PVC-IC`: a short name followed by a dash and a short capitalised suffix (not a ticker label,
    not a parenthesis) is the name of a member; returns where that name ends, else -1."""
    m = _MEMBER_DASH.match(text, end, None, False)
    if not m or m.group(1) in patternbook.load("organizations")["alias_labels"]:
        return -1
    return m.end()


_MEMBER_DASH = regex.compile(r"[ \t]*[-–][ \t]*(\p{Lu}[\p{Lu}\d&]{0,4})(?![\w&.(])(?![ \t]*\()")


def _parent_suffix(alias: str, names: list, by_key: dict, g) -> bool:
    """`Tổng công ty Điện lực - TKV`: the piece after the dash names the group this one belongs to, not a second
    name of this one (`Tổng công ty Bia - Rượu - NGK Hà Nội - Habeco`), when the article has named that group by a
    full name of its own (`Tập đoàn Than - Khoáng sản Việt Nam (TKV)`), or when a name of this one already holds
    the group's name with words of its own (`Điện lực TKV`, then `Tổng công ty Điện lực - Vinacomin`)."""
    other = by_key.get(alias) or by_key.get(g.known.get(alias, ""))
    if other is not None and any(type_of(n) and not is_generic(n) for n in other.names):
        return True
    return _holds_parent(alias, names, g)


def _holds_parent(alias: str, names: list, g) -> bool:
    """A name of this organization holds `alias` (or another form the list gives its organization) with words
    of its own (`Tổng công ty Điện lực TKV`, `Điện lực TKV` against `TKV`, `Vinacomin`): `alias` names its group,
    not it. A type word and the alias alone (`CTCP Licogi 13` against `Licogi 13`) is the alias's own name."""
    forms = _known_forms(g.known.get(alias, "")) | {alias}
    for n in names:
        if n in forms:
            continue
        t = type_of(n[:1].upper() + n[1:])
        proper = n[len(t):].strip() if t else n
        if (proper not in forms or t in _member_types()) and any(_has_word(n, f) for f in forms):
            return True
    return False


@functools.lru_cache(maxsize=1 << 12)
def _known_forms(key: str) -> frozenset:
    """Every form the list gives the well-known organization `key` (`TKV`, `Vinacomin`)."""
    return frozenset(f for f, k in grammar().known.items() if k == key) if key else frozenset()


def _has_word(name: str, form: str) -> bool:
    return next(_whole_words(name, form), None) is not None


@functools.lru_cache(maxsize=1)
def _branch_re():
    d = patternbook.load("organizations")
    return regex.compile(r"[ \t]+" + patternbook.alternation(d["member_connectors"]) +
                         r"[ \t]+(?:" + patternbook.choice(d["unit_place_levels"]) + r"[ \t]+)?\p{Lu}[\w.]*(?:[ \t]+\p{Lu}[\w.]*){0,3}")


def _branch_end(text: str, end: int) -> int:
    """`Agribank chi nhánh Nghệ An`, `Vietcombank chi nhánh Sài Gòn`: where the branch's name ends, else -1."""
    m = _branch_re().match(text, end, None, False)
    return m.end() if m else -1


@functools.lru_cache(maxsize=1 << 14)
def _known_member(surf: str) -> bool:
    """`Viettel Post`, `FPT Telecom` read as one brand: a well-known group's name and a member's word after it."""
    g = grammar()
    words = surf.split()
    return any(" ".join(words[:i]) in g.known and g.member_after.match(" " + " ".join(words[i:]))
               for i in range(1, len(words)))


@functools.lru_cache(maxsize=1)
def _club_types() -> frozenset:
    return frozenset(patternbook.load("organizations")["member_keeps_short_form"])
