"""The owner of a figure: which organization the clause says has, reports, earns, sets or spends it.

Plain values in, (organization, how) out. The owner is the organization that
is the subject or the possessor of the figure's clause (`lợi nhuận của X`);
never one quoted as a source (`theo Tổng cục Thống kê`), named as an object
(`cho vay X`, `so với X`), listed jointly with others (`X, Y và Z niêm yết`)
or inside a parenthesis. A figure about a person, a place, a market, an index
or a commodity has no owner. The article's organization owns what is left
only when the article is about that one organization (`org_linking.about_one`).
"""
from __future__ import annotations

import functools

import regex

from . import patternbook
from .org_mentions import is_source


class _Rules:
    def __init__(self):
        d = patternbook.load("organizations")
        alt = patternbook.alternation
        markers = d["no_org_markers"]  # case-sensitive (`thế giới` is no `Ngân hàng Thế giới`), sentence-initial too
        self.no_org = regex.compile(alt(list(markers) + [m[:1].upper() + m[1:] for m in markers]))
        self.object_before = regex.compile(alt(d["object_markers"]) + r"\s*$", regex.REVERSE)
        self.place = regex.compile(alt(d["place_markers"]), regex.I)
        self.non_org_possessor = regex.compile(r"(?<!\w)của\s+(?:" + alt(d["non_org_possessors"]) + r"|(?:các|những|nhiều|một số|\d+)\s+"
                                            + alt(d["plural_org_nouns"]) + ")")
        self.person = regex.compile(alt(d["person_titles"]) + r"\s+\p{Lu}\w*(?:\s+\p{Lu}\w*){0,3}")
        self.first_person = regex.compile(alt(d["first_person"]))
        self.org_title = regex.compile(alt(d["org_titles"]) + r"\s*$", regex.REVERSE)
        self.speaking = regex.compile(alt(d["speaking_verbs"]))
        self.holding = regex.compile(alt(d["holding_verbs"]) + r"(?:\s+\S+){0,4}?\s+cổ phiếu\s*$", regex.REVERSE)
        self.joint = regex.compile(r"^\s*(?:,|&|" + alt(d["joint_words"]) + r")\s*$")


@functools.lru_cache(maxsize=1)
def rules() -> _Rules:
    return _Rules()


def no_org_context(clause: str) -> bool:
    return bool(rules().no_org.search(clause))


def place_context(clause: str) -> bool:
    return bool(rules().place.search(clause))


def is_object(text: str, mention) -> bool:
    """A mention governed by `kế hoạch`, `so với`, `cho vay`, `sở hữu ... cổ phiếu` is not the clause's subject."""
    before = text[max(0, mention.start - 60):mention.start]
    return bool(rules().object_before.search(before[-40:]) or rules().holding.search(before))


def in_title(text: str, mention, pos: int) -> bool:
    """`ông X - Chủ tịch Vingroup - sở hữu ...`: the organization names a person's post, and the person does not
    speak for it before the figure at `pos`."""
    r = rules()
    if not r.org_title.search(text[max(0, mention.start - 25):mention.start]):
        return False
    return not r.speaking.search(text, mention.end, pos)


def _in_parenthesis(text: str, start: int, s0: int) -> bool:
    before = text[s0:start]
    return before.rfind("(") > before.rfind(")")


def _joint(text: str, m, mentions) -> bool:
    """`Vietcombank, ACB và DongABank niêm yết`: one of several organizations named together."""
    r = rules()
    for o in mentions:
        if o is m or o.org is None or o.org is m.org:
            continue
        if o.end <= m.start and m.start - o.end < 12 and r.joint.match(text[o.end:m.start]):
            return True
        if m.end <= o.start and o.start - m.end < 12 and r.joint.match(text[m.end:o.start]):
            return True
    return False


def usable(text: str, m, mentions, s0: int, main_org=None) -> bool:
    """A mention that can own the figure: a source only when it is the organization the article is
    about (`Theo Ngân hàng X, doanh số cho vay đạt ...` in an article about X); `main_org` is None otherwise."""
    source = is_source(text, m)
    topic = bool(_TOPIC.match(text[s0:m.start]))  # `Với Vinatex, ...`, `Riêng với TKV, ...`: the clause is about it
    return (m.org is not None and (m.org is main_org or not source) and (source or topic or not is_object(text, m))
            and not _in_parenthesis(text, m.start, s0) and not _joint(text, m, mentions))


_OWNER_OF = regex.compile(r"^\s*của\s+")
_TOPIC = regex.compile(r"^\s*(?:(?:Riêng|riêng|Đối|đối)\s+)?(?:với|Với)\s*$")
_PAREN = regex.compile(r"\([^()]*\)")
_SEP = regex.compile(r"[,;:]")


def _segment_start(text: str, s0: int, pos: int) -> int:
    """After the last `,` `;` `:` before `pos` in the sentence, not counting those inside parentheses."""
    piece = text[s0:pos]
    if "(" in piece:
        piece = _PAREN.sub(lambda m: " " * len(m.group(0)), piece)
    return s0 + max(piece.rfind(","), piece.rfind(";"), piece.rfind(":")) + 1  # after the last `_SEP`


def _territorial(org) -> bool:
    d = patternbook.load("organizations")
    return any(n.split()[0] in d["territorial_types"] or any(n.startswith(t + " ") for t in d["territorial_types"])
               for n in org.names)


def _paragraph_subject(text: str, p0: int, s0: int, mentions, own_org):
    """`SSI ... tiếp tục gặt hái thành công. Doanh thu ... đạt 696 tỷ đồng`: the one organization the
    paragraph's first sentence names as its subject owns the figures of the paragraph's later sentences
    that name no one (when the paragraph names no other organization before them)."""
    before = [m for m in mentions if p0 <= m.start < s0 and m.org is not None]
    if not before:
        return None
    first_end = text.find(". ", p0, s0)
    first_end = s0 if first_end < 0 else first_end
    lead = [m for m in before if m.start < first_end and usable(text, m, mentions, p0, own_org)]
    if not lead or len({id(m.org) for m in before}) != 1 or in_title(text, lead[0], first_end):
        return None
    from .org_linking import _org_category
    org = lead[0].org
    if _org_category(org) not in ("company", "bank") or not any(m.kind in ("typed", "known", "alias") for m in org.mentions):
        return None  # a business named as such; a club's, a ministry's or a foreign name's paragraph is no report
    if _market_after(text, lead[0].end, first_end):
        return None
    return lead[0].org


def _other_actor(text: str, s0: int, pos: int, mentions) -> bool:
    """Someone else acts in the sentence: a speaker in the first person (`Tôi đi lại ... mất 300.000 đồng`) or
    a foreign name the article never tied to an organization (`Apple từng phải bồi thường 950 triệu USD`)."""
    from .org_mentions import brand_candidates, grammar, strong_brand

    if rules().first_person.search(text, s0, pos):
        return True
    g = grammar()
    taken = [(m.start - s0, m.end - s0) for m in mentions if m.end > s0 and m.start < pos]
    return any(not strong_brand(surf.split()[0]) and surf.split()[0] not in g.not_brands
               for _, _, surf in brand_candidates(text[s0:pos], taken))


def _market_after(text: str, start: int, end: int) -> bool:
    """A market, index or territory named between the organization and the figure, not as its object:
    `IATA dự báo doanh thu của ngành hàng không ... 743 tỷ USD` (the industry's, as IATA reports it)."""
    r = rules()
    for m in r.no_org.finditer(text, start, end):
        if not r.object_before.search(text[max(start, m.start() - 40):m.start()]):
            return True
    return False


_OWNER_AFTER = regex.compile(r"^\s*(?:của)\s*$")


def owner(text: str, q_start: int, q_end: int, s0: int, c0: int, mentions, main_org, about_one: bool,
          p0: int | None = None, cls: str | None = None, metric_key: str | None = None):
    """(org, source) for the figure at [q_start, q_end) in the sentence starting at s0, clause at c0,
    paragraph at p0."""
    r = rules()
    paren = text.rfind("(", s0, q_start)
    if paren >= 0 and text.rfind(")", paren, q_start) < 0:  # `cao hơn cả Viettel (40,8%)`: the name before it
        named = [m for m in mentions if m.org is not None and 0 <= paren - m.end <= 2]
        if named:
            return named[0].org, "parenthesis"
    seg0 = _segment_start(text, s0, q_start)
    in_clause = [m for m in mentions if c0 <= m.start and m.end <= q_start]
    near = [m for m in in_clause if m.start >= seg0]
    # what stands between the last organization and the figure may make it someone else's
    last_end = max((m.end for m in near), default=seg0)
    between = text[last_end:q_start]
    between = _OWNER_OF.sub("", between) if near else between  # `Masan của tỷ phú X`: the owner's owner
    if r.person.search(between) or r.non_org_possessor.search(between):
        return None, "person-or-place"
    own_org = main_org if about_one else None
    near_ok = [m for m in near if usable(text, m, mentions, s0, own_org)]
    if near_ok and _territorial(near_ok[-1].org) and r.place.search(text[near_ok[-1].end:q_start]):
        return None, "market-or-place"  # `UBND TP X: tổng sản phẩm trên địa bàn tăng 7%`: the territory's
    if near_ok and in_title(text, near_ok[-1], q_start):
        return None, "person"
    if near_ok:
        if _market_after(text, near_ok[-1].end, q_start):
            return None, "market-or-place"
        return near_ok[-1].org, "segment"
    if near and not near_ok:
        return None, "not-owner"  # the segment's organization is a source, object or one of several
    after = [m for m in mentions if q_end <= m.start < q_end + 25 and m.org is not None
             and _OWNER_AFTER.match(text[q_end:m.start])]
    if after:
        return after[0].org, "segment-after"
    clause_before = text[c0:q_start]
    if r.no_org.search(text[seg0:q_end]):
        return None, "market-or-place"
    subjects = [m for m in in_clause if usable(text, m, mentions, s0, own_org)]
    if subjects and _territorial(subjects[0].org) and r.place.search(text[subjects[0].end:q_start]):
        return None, "market-or-place"
    if subjects and in_title(text, subjects[0], q_start):
        return None, "person"
    if subjects and not r.person.search(text[subjects[0].end:q_start]):
        if _market_after(text, subjects[0].end, q_start):
            return None, "market-or-place"
        return subjects[0].org, "sentence"
    if in_clause:
        return None, "not-owner"
    if r.no_org.search(clause_before + text[q_start:q_end]) or r.person.search(clause_before):
        return None, "market-or-place"
    if not about_one and r.place.search(clause_before):
        return None, "market-or-place"
    if p0 is not None and p0 < s0 and cls in ("money", "ratio") and not any(s0 <= m.start < q_start for m in mentions) \
            and not _other_actor(text, s0, q_start, mentions):
        lead = _paragraph_subject(text, p0, s0, mentions, main_org if about_one else None)
        if lead is not None:
            return lead, "paragraph"
    if about_one and main_org is not None:
        if cls == "count" and not metric_key:
            return None, "not-reported"  # `hai lần`, `6 số`, `3 cổ phiếu cần quan tâm`: a count names no one's result
        if _other_actor(text, s0, q_start, mentions):
            return None, "other-actor"
        return main_org, "document"
    return None, None
