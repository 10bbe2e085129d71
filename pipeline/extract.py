"""From one document to its facts: the whole extraction, in reading order.

`extract_document` is the one place that joins the stages: quantities
(`quantities`), separator ambiguity (`ambiguity`), meaning (`meaning`),
metric (`metrics`), organization (`orgs`) and time (`timeexpr`). The CLI,
the spaCy component and the Dask engine all call it.
"""
from __future__ import annotations

import bisect
import functools

import regex

from . import engines
from . import ambiguity, meaning, metric_compose, metrics, org_mentions, orgs, patternbook, timeexpr, timing, windows
from .fact import Fact
from .quantities import find_quantities, grammar, per_after_noun, per_named
from .text import clause_end, clause_start, has_invisible, nfc, sentences, shadow, true_end, unglued

class _Context:
    """The extraction's own word lists (patterns/units.yaml, counts.yaml), compiled once."""

    def __init__(self):
        units, counts = patternbook.load("units"), patternbook.load("counts")
        alt = patternbook.alternation
        self.money = engines.compile(alt(units["money_context"]), regex.I)
        self.per_time = engines.compile(alt(units["per_one"]) + r"\s+(" + alt(units["per_time_before"]) + r")(?!\w)", regex.I)
        self.per_one_numerals = {str(w).lower() for w in units["per_one_numerals"]}
        self.per_one_span = engines.compile(alt(units["per_one_span_after"]) + r"\s+" + alt(units["per_one_numerals"])
                                          + r"\s+\w+$", regex.I)
        self.per_one_moment = engines.compile(r"\s+" + alt(units["per_one_moment_before"]), regex.I)
        self.per_one_rate = engines.compile(alt(units["per_one_rate_lead"]), regex.I)
        self.per_one_may = patternbook.FirstWords(units["per_one"]).may   # (`_per_before`: most clauses hold none)
        self.equivalent_gap = engines.compile(r"\s*\(\s*(?:" + alt(units["equivalent_open"]) + r"\s*)?$", regex.I)
        self.list_gap = engines.compile(r"\s*(?:[,;]\s*)?(?:" + alt(units["per_list_links"]) + r"\s+)?", regex.I)
        self.index = engines.compile(alt(units["index_points_context"]), regex.I)
        self.points = {str(p) for p in counts["points"]}   # `điểm`: index points in an index's context
        self.birth_decades = {str(d).lower() for d in units["birth_decades"]}
        self.zoom_before = engines.compile(alt(units["zoom_before"]) + r"\s*$", regex.I)
        self.range_lead = engines.compile(r"(?:" + "|".join(patternbook.load("cues")["range_lead"]) + r")\s*$", regex.I)
        # the same pattern matched from the end: whether it matches at all, without trying every start
        self.range_lead_at_end = regex.compile(r"(?:" + "|".join(patternbook.load("cues")["range_lead"]) + r")\s*$",
                                               regex.I | regex.REVERSE)
        self.range_lead_may = patternbook.LastWords(patternbook.load("cues")["range_lead"]).may   # (most figures: no scan)
        self.ordinal_before = regex.compile(alt(counts["not_count_after"]) + r"\s*$", regex.I | regex.REVERSE)
        # `chiều 1/5`, `30/4 và 1/5`: a day and month after a part of the day or another date (`date_before`)
        self.day_month = engines.compile(r"(?:[1-9]|[12][0-9]|3[01])/(?:[1-9]|1[0-2])(?![0-9])")
        self.date_before = regex.compile(r"(?:" + alt(counts["date_before"]) + r"|(?<![0-9])[0-9]{1,2}/[0-9]{1,2}\s*"
                                         + alt(counts["date_links"], lead=False) + r")\s*$", regex.I | regex.REVERSE)
        self.ordinal_may = patternbook.LastWords(counts["not_count_after"]).may   # (most figures: no scan)
        self.side_word = str(counts["side_word"])
        self.side_part = engines.compile(r"\S+[ \t]+" + regex.escape(self.side_word) + r"[ \t]+" + alt(counts["side_parts"]),
                                       regex.I)   # `hai bên đường`: on both sides of the road
        # `ngày 5.2 đưa tin`: a day and month written with a dot after a day word (counts.yaml dotted_date_before)
        self.dotted_day_month = engines.compile(r"(?:[1-9]|[12][0-9]|3[01])\.(?:[1-9]|1[0-2])(?![0-9.,])")
        self.dotted_date_before = regex.compile(r"(?<!" + alt(counts["dotted_date_not_after"]) + r"\s+)"
                                                + alt(counts["dotted_date_before"]) + r"\s*$", regex.I)
        self.class_parts = {str(w) for w in counts["class_parts"]}
        self.class_head_before = regex.compile(alt(counts["class_heads"]) + r"(?:\s+" + alt(counts["class_head_modifiers"])
                                               + r")?\s*$", regex.I | regex.REVERSE)
        self.measure_label_before = regex.compile(alt(counts["not_measure_after"]) + r"\s*$", regex.I | regex.REVERSE)
        self.counted_before = regex.compile(alt(counts["count_after"]) + r"\s*$", regex.I | regex.REVERSE)
        scales = patternbook.load("scales")
        full = [w for w in scales["scales"] if w not in scales["abbreviated_scales"]]
        # a plain small number (`số 5`, `cấp 3`), not one with a scale word (`cấp 2,8 triệu thẻ`)
        self.plain_small = engines.compile(r"[0-9]{1,4}(?![0-9.,]|\s*" + alt(full, lead=False) + ")")
        self.per_one_before = regex.compile(alt(counts["denominator_one_after"]) + r"\s*$", regex.I | regex.REVERSE)
        self.slash_one_before = regex.compile(alt(counts["denominator_one_after_slash"]) + r"\s*$", regex.REVERSE)
        self.one_vague = {str(w) for w in counts["one_vague_nouns"]}
        self.time_pointer = engines.compile(r"[ \t]+" + alt(counts["time_pointers"]), regex.I)
        self.span_units = {str(w) for w in counts["span_units"]}
        self.span_before = regex.compile(alt(counts["span_before"]) + r"\s*$", regex.I | regex.REVERSE)
        self.span_after = engines.compile(r"\s+" + alt(counts["span_after"]), regex.I)
        self.plate_number = engines.compile(counts["plate_number"])
        self.plate_before = regex.compile(counts["plate_before"])
        self.version_number = engines.compile(counts["version_number"])
        self.body_pairs = {str(w) for w in counts["body_pairs"]}
        self.fixed_sets = {str(k): float(v) for k, v in counts["fixed_sets"].items()}
        self.quoted_name_open = regex.compile(alt(counts["quoted_name_heads"]) + r"\s*[“\"]([^”\"\n]{0,80})$",
                                              regex.I | regex.REVERSE)
        self.quoted_name_close = engines.compile(r"[^”\"\n]{0,80}?[”\"]")
        self.quoted_name_words = int(counts["quoted_name_words"])
        self.body_pair_role = engines.compile(r"[ \t]+" + alt(counts["body_pair_roles"]) + r"(?!\w)", regex.I)
        self.body_pair_surgery = engines.compile(alt(counts["body_pair_surgery"]) + r"[^,.;:()]{0,20}$", regex.I)


@functools.lru_cache(maxsize=1)
def _context() -> _Context:
    return _Context()


def extract(text: str, doc_id: str = "text", **meta) -> list[dict]:
    """Facts of one text, as dicts in the schema of FACTS.md (plus provenance fields)."""
    return [f.to_dict() for f in extract_document({"id": doc_id, "text": text, **meta})]


def extract_document(doc: dict) -> list[Fact]:
    text = nfc(doc["text"])
    spaced, glued = unglued(text)
    if not glued:
        return _extract(doc, text)
    # `đạt1.885 tỷ đồng`: read the text with the missing blanks put in, then give each fact its offsets,
    # quote and sentence in the text itself (a blank put in at `p` sits at `p + i` for the i-th one)
    facts = _extract(doc, spaced)
    put = [p + i for i, p in enumerate(glued)]

    def back(x):
        return x - bisect.bisect_left(put, x)

    for f in facts:
        f.start, f.end = back(f.start), back(f.end)
        f.sentence_start, f.sentence_end = back(f.sentence_start), back(f.sentence_end)
        f.quote, f.sentence = text[f.start:f.end], text[f.sentence_start:f.sentence_end]
    return facts


def _extract(doc: dict, text: str) -> list[Fact]:
    sh = shadow(text)
    quantities = [q for q in find_quantities(sh) if _keep(sh, q)]
    if has_invisible(text):  # `đ\u00adồng`: the quote ends where the word does
        for q in quantities:
            q.end = true_end(text, sh, q.end)
    if not quantities:
        return []
    sents = sentences(sh)
    starts = [s.start for s in sents]
    ambiguity.resolve(quantities, sh)
    pub = timeexpr.published(sh, doc.get("date"), doc.get("url"))
    explicit = timeexpr.explicit_mentions(sh)
    # `giá thuê 2000 USD (46 triệu đồng)`: a bare number before a currency or a measure is that figure, not a year
    own = {q.start for q in quantities if q.cls in ("money", "ratio", "measure")}
    if own:
        explicit = [t for t in explicit if not (t.start in own and sh[t.start].isdigit() and t.period == str(t.year))]
    # `Năm 2021 Ngân hàng ...`: a number inside a worded time expression is a year, not a count
    inside = [(t.start, t.end) for t in explicit if not sh[t.start].isdigit()]
    if inside:
        i_starts, i_ends = [a for a, _ in inside], [b for _, b in inside]
        quantities = [q for q in quantities if not windows.inside_spans(i_starts, i_ends, q.start)]
        if not quantities:
            return []
    years, times = timing.anchor(sh, explicit, pub)
    # no date in the metadata: the time of writing is a guess (from the head or the years the text names) that a year
    # the text tells as past may correct (`timing.told_past_bound`)
    guessed = not doc.get("date")
    past_bound = timing.told_past_bound(sh, explicit, years.now) if guessed else years.now
    pub_read = pub if pub is None or not guessed or past_bound is None or past_bound <= pub.year else None
    title = doc.get("title") or ""
    title_time = timing.title_time(title, years)
    mentions = orgs.find_mentions(sh)
    org_list = orgs.link(sh, mentions, title)
    main_org = org_list[0] if org_list else None
    # org names never name a metric: blank them (same length) for the metric reader
    sh_metric = _blank_spans(sh, [m for m in mentions if not m.pointer and not (
        m.generic and metrics.names_scope(sh[max(0, m.start - 40):m.start], m.surface))])
    # The article's organization owns otherwise unattributed figures only when the
    # article is about that one organization.
    about_one = orgs.about_one(sh, org_list, title)
    t_starts, m_starts = windows.starts_of(times), windows.starts_of(mentions)
    para_first = {snt.paragraph: snt for snt in reversed(sents)}   # paragraph -> its first sentence
    facts: list[Fact] = []
    ctx, carry = _context(), _carry()
    list_leads: dict = {}    # sentence index -> `_list_lead` (the same for every figure of a sentence)
    prev_in_sentence: dict = {}
    money_passed: dict = {}  # sentence index -> the money figure's metric its last count declined (passed on)
    share_parts: dict = {}   # share phrase -> its part, for `metric_compose.carried` (this document only)
    recent_of: dict = {}     # sentence index -> the sentences before it that frame its time (`_attribute_time`)
    carried_of: dict = {}    # the time carried into a sentence that names none (`timing.attribute`)
    times_of: dict = {}      # sentence index -> the time mentions its figures read
    sentence_of = [max(0, bisect.bisect_right(starts, q.start) - 1) for q in quantities]
    last_in = dict(zip(sentence_of, (q.start for q in quantities)))   # sentence index -> its last figure's start
    cues_of: dict = {}       # sentence index -> `meaning.figure_cues` up to its last figure (read once for all)
    counted_after: dict = {}   # a count's start -> the words after it in its clause, whether it opens it (`metric_compose._counted`)
    carried_into: set = set()  # the starts of the figures whose metric is the figure before's (a count's gives way)
    levels: set = set()   # the starts of the figures that are a level a change reached (metric_compose.reached_level)
    owner_of: dict = {}      # sentence index -> the one organization owning its figures (False: several, or another's)
    topic_of: dict = {}      # sentence index -> `_topic` (read only from the sentences before it: the same for all its figures)
    for i, q in enumerate(quantities):
        si = sentence_of[i]
        sent = sents[si] if sents else None
        s0, s1 = (sent.start, sent.end) if sent else (0, len(sh))
        c0 = clause_start(sh, s0, q.start)
        c1 = clause_end(sh, q.end, s1)
        prev = prev_in_sentence.get(si)
        seg0 = max(c0, prev.end) if prev else c0
        nxt = quantities[i + 1].start if i + 1 < len(quantities) else len(sh)
        before = sh[seg0:q.start]
        after = sh[q.end:min(nxt, c1)]
        cls, unit = q.cls, q.unit
        cue_hits = cues_of.get(si, False)
        if cue_hits is False:
            cue_hits = cues_of[si] = meaning.figure_cues(sh, s0, min(last_in[si], s1)) if sent else None
        if meaning.is_no_fact(sh[s0:q.start], cue_hits and cue_hits.found(s0, q.start)):
            continue
        if prev is not None and "/" in before and before.strip() == "/" and prev.unit != unit \
                and (cls == "measure" or prev.cls == "money" and q.value <= 10 or unit in ctx.span_units):
            continue   # `1,8 lít/100 km`, `950.000 đồng/60ml`, `300.000 đồng/3 môn`, `73 điểm/32 trận`: the denominator of
            # the figure before (FACTS.md: the total after the slash is no fact); `RAM 6GB/8GB`, `333 hộ/1.750 nhân khẩu`,
            # `dư nợ 3.107 tỷ đồng/137.834 khách hàng` stay two
        if (cls == "count" or cls == "measure") and meaning.supposed(sh[s0:q.start]):
            continue   # `nếu 2 người ...`: a condition's supposed figure (cues.yaml condition_open)
        if q.bare_scale:
            span = _TIME_AFTER.match(sh, q.end)
            if span and span.group(1).lower() in grammar().time_words \
                    and not _context().time_pointer.match(sh, span.end()):
                continue  # `cách đây 3 tỷ năm`, `mất 10 triệu năm`: a span of time (FACTS.md: no fact), not money
            resolved = _bare_scale(sh[c0:q.start])
            if resolved is None:
                continue
            cls, unit = resolved
        named = (prev.end, prev.per) if prev is not None else (-1, "")   # `mỗi túi đóng 2-3 khúc, nặng 1-1,3kg`
        f_per = q.per or cls != "ratio" and (per_after_noun(sh, q.end, min(nxt, c1)) or _per_before(sh[c0:q.start])) \
            or per_named(sh, c0, q.start, q.end, min(nxt, c1), cls, unit, *named)
        if cls == "count" and unit in ctx.points and ctx.index.search(sh[c0:q.start]):
            cls = "measure"
        lead = _strip_range_lead(before)
        f = Fact(doc_id=str(doc["id"]), start=q.start, end=q.end, quote=text[q.start:q.end],
                 sentence=text[s0:s1], cls=cls, value=q.value, value_max=q.value_max, unit=unit, per=f_per,
                 flags=list(q.flags), sentence_start=s0, sentence_end=s1, url=doc.get("url"))
        f.approx = meaning.approx_of(lead, after) or q.bound
        from_lead = len(lead) < len(before)   # a range's opening word (cues.yaml `range_lead`: `từ`) stood before it
        if f.approx is None and cls == "money" and q.value_max is None and from_lead and nxt >= c1:
            f.approx = "at_least"   # `giá chỉ từ 2,69 triệu đồng.`: a price from; no range, no level it went to
        f.change = meaning.change_of(before, cls, after, cue_hits and cue_hits.found(seg0, q.start))
        if cls == "ratio" or f.change:
            f.base = meaning.base_of(before, after.split(",", 1)[0].split(";", 1)[0])   # (up to its first `,` or `;`)
        lead_in = list_leads.get(si)
        if lead_in is None:
            lead_in = list_leads[si] = _list_lead(sh, sents, si)
        f.kind = meaning.kind_of(sh[c0:q.start], lead_in + sh[s0:c0], after, cue_hits and cue_hits.found(c0, q.start),
                                 cue_hits.found(s0, c0) if cue_hits and not lead_in else None)
        own = metrics.metric_after(after, money=cls == "money", measure=cls == "measure") or metrics.ticker_moved(sh[seg0:q.start]) or metrics.metric_before(
            sh_metric[seg0:q.start], prev is not None and seg0 == prev.end)
        # words of its own read as a clause naming no metric: in another unit than the figure before, another
        # thing (`trên tổng diện tích 9,1ha, ... được quy hoạch thành 2 phân khu`), nothing to carry in; in the
        # same unit, the next value of its metric (`nặng tới 173 tấn, riêng lưỡi ... nặng tới 8 tấn`)
        rejected = own == metrics.REJECTED and (prev is None or (prev.cls, prev.unit, prev.per) != (cls, unit, f_per))
        f.metric = metric_compose.with_purpose(own or None, after, cls == "measure")
        f.metric = metric_compose.respectively(sh_metric[c0:c1], q.start - c0) or f.metric
        if cls != "count":   # (a count names what it counts: its unit)
            f.metric = metric_compose.copula_subject(f.metric, sh_metric[c0:q.start])
        if (cls == "ratio" and unit == "%" or cls == "measure") and not f.change and not f.base:
            share = metric_compose.share_in(sh_metric[seg0:q.start], prev is not None and seg0 == prev.end, after,
                                            metric_compose.part_of(prev.cls, prev.metric, prev.unit, share=True)
                                            if prev is not None else None,
                                            share_parts) \
                if cls == "ratio" else None
            f.metric = share or metric_compose.choose(f.metric, after, cls)
        if prev is not None and prev.sentence_start == s0 and prev.cls in ("count", "measure"):
            f.metric = metric_compose.value_of(f.metric, prev.metric, prev.unit if prev.cls == "count" else None,
                                               sh[prev.end:q.start] if cls == "money" else "")
        # a count names what it counts (its unit): it takes no amount of money's metric nor a size's, but passes it
        # on to the figure after it (`trị giá 10 triệu đồng, 25 người trúng giải nhì mỗi giải 300.000 đồng`; `có diện
        # tích 120 m2, gồm 4 phòng ngủ`: the rooms are no area)
        if cls != "count" and (not f.metric or metric_compose.headless(f.metric)):
            # `mức giảm thấp nhất là 44 triệu đồng`: the subject of its own clause, for no metric or a headless piece
            f.metric = metric_compose.opening_subject(sh_metric[c0:q.start], f.metric) or f.metric
        passed = money_passed.pop(si, None) if prev is not None and prev.cls == "count" and not prev.metric else None
        if not f.metric and not rejected and prev is not None and prev.sentence_start == s0:
            carried = passed or metric_compose.carried(
                metric_compose.part_of(prev.cls, prev.metric, prev.unit) if cls == "ratio" else prev.metric, share_parts)
            if carried and not passed and cls != prev.cls and cls != "ratio" and not f.change \
                    and metrics.bare_verb(carried, cls == "money"):
                carried = None   # `tốn 2 triệu đồng ... nhưng sà lan 800 tấn`: the verb had its own object
            if cls == "count" and (prev.cls == "money" or passed
                                   or prev.cls in ("measure", "count") and metric_compose.sized(prev.metric_key)):
                money_passed[si] = carried
            else:
                f.metric = carried
                carried_into.add(f.start)
        if not f.metric and prev is None and si > 0 and si - 1 in prev_in_sentence \
                and sents[si - 1].paragraph == sent.paragraph and metric_compose.continues(sh[s0:q.start]):
            # `Cụ thể, năm 2016 đạt 70 triệu đồng/ha`: the sentence goes on about the metric before
            f.metric = prev_in_sentence[si - 1].metric
            carried_into.add(f.start)
        if prev is None and cls != "count" and si > 0 and sents[si - 1].paragraph == sent.paragraph:
            # (a count names what it counts) `Năm 2017, tỷ lệ này đạt 42,9%`: a pointer to the metric of the sentence before
            back = metric_compose.pointed_back(sh_metric[c0:q.start], f.metric, cls, unit,
                                               _facts_of_sentence(facts, sents[si - 1].start))
            if back:
                f.metric = back
                carried_into.add(f.start)
        f.metric = metric_compose.with_unit(metric_compose.with_segment(f.metric, sh_metric[c0:q.start]), f_per)
        if cls == "money":   # `phiên bản 64GB có giá`: the price of what
            f.metric = metric_compose.priced(f.metric, sh_metric[c0:q.start])
        if cls != "count":   # (a count's words are read again by `of_count`, prepositions and all)
            f.metric = metric_compose.trimmed(f.metric)
            if not f.change and metric_compose.reached_level(before, prev is not None and prev.start in levels):
                levels.add(f.start)   # `mức giảm giá 5 triệu đồng, xuống còn 24,99 triệu đồng`: the price, not the cut
                f.metric = metric_compose.level_reached(f.metric)
        if metrics.person_only(f.metric, cls):
            f.metric = None   # `Khách hàng được giảm thêm 1 triệu đồng`: the subject, not what is measured
            if f.start not in carried_into:   # `số tiền lãi mà ... chưa trả đủ cho khách hàng đã lên tới`
                f.metric = metric_compose.opening_subject(sh_metric[c0:q.start])
        f.metric_key = metrics.figure_key(f.metric, unit, f.change, cls)
        f.metric = metric_compose.goods_priced(f.metric, f.metric_key, f_per) if cls == "money" else f.metric
        if cls == "count":
            counted_after[f.start] = after, metric_compose.count_is_subject(sh[c0:q.start]), sh_metric[c0:q.start]
        p0 = para_first[sents[si].paragraph].start if sents else 0  # = _paragraph_start, by lookup
        # the mentions `attribution.owner` reads: its paragraph up to just after the figure (paragraphs are bounded)
        if f.cls in ("money", "ratio") and si not in topic_of:
            topic_of[si] = _topic(owner_of, si, sents, mentions, m_starts)
        found = _attribute_org(f, sh, c0, s0, q, windows.between(mentions, m_starts, p0 - 300, q.end + 60), main_org,
                               about_one, p0, s1, _after_quote(sh, q.end, mentions, m_starts),
                               topic_of[si] if f.cls in ("money", "ratio") else None)
        if found is not None:
            cur = owner_of.get(si)
            owner_of[si] = found if cur is None or cur is found else False   # (the same organization, not an equal one)
        elif f.org_source == "other-actor":
            owner_of[si] = False
        else:
            owner_of.setdefault(si, None)   # (figures that no one owns: no topic, unless another figure of it is owned)
        # time expressions of this paragraph and the sentences carried before it (all `_attribute_time` reads; the
        # same list for every figure of the sentence: `carried_of` keys on the sentence alone)
        near = times_of.get(si)
        if near is None:
            t_lo = min(para_first[sent.paragraph].start, sents[max(0, si - carry)].start) if sents else s0
            near = times_of[si] = windows.between(times, t_starts, t_lo, s1)
        _attribute_time(f, sh, q, seg0, c0, c1, si, sents, nxt, near, years, title_time, recent_of, carried_of)
        if f.kind == "actual" and (timing.after_publication(f.year, f.period, pub_read, past_bound)
                                   and not (guessed and timing.figure_told_past(sh, s0, q.end))
                                   or timing.from_date_after(sh, s0, q.start, pub)):
            f.kind = "target"   # about a time after publication, or in force from a later date (`từ ngày 1/5`): a plan
        if f.kind == "actual" and si > 0 and f.cls != "count" and f.time_source in _UNTIMED \
                and _from_to_level().search(before):
            last = prev_in_sentence.get(si - 1)
            if (last is not None and last.kind == "target" and last.change == f.change
                    and (last.cls, last.unit, last.per) == (f.cls, f.unit, f.per)
                    and _from_to_level(True).search(sh, max(0, last.start - 12), last.start)
                    and sents and sents[si - 1].paragraph == sent.paragraph
                    and not timing.figure_told_past(sh, s0, q.end)):
                # `... sẽ tăng giá vé từ 70.000 đồng/lượt lên 110.000 đồng/lượt. Xe từ 12 ghế tăng từ
                # 90.000 đồng/lượt lên 160.000 đồng/lượt.`: a sentence of no time nor cue of its own that goes on with
                # the same move from a level to another (cues.yaml from_level: `tăng từ X lên Y`) of the same unit as
                # the planned one that ends the sentence before it in its paragraph is the next item of that plan (an
                # ellipsis of its cue: a toll or price list); a past told in it (`đã`) keeps it actual
                f.kind = "target"
        _share_enumeration(f, prev, sh)
        facts.append(f)
        prev_in_sentence[si] = f
    _sentence_final_base(facts, sh)
    _elliptic_items(facts, sh)
    _equivalent_per(facts, sh)
    _listed_per(facts, sh)
    _breakdown_owner(facts, sh)
    for i, f in enumerate(facts):
        if f.cls == "measure":   # `B61-12 dài 3,6 m`, `cách TP Tam Kỳ 15km`: the dimension, not the clause
            before = facts[i - 1] if i and facts[i - 1].sentence_start == f.sentence_start else None
            # (after the figures after it have read their metric)
            dim = before is not None and metrics.dimension_between(sh[before.end:f.start], f.unit, f.per) \
                or metrics.dimension(f.metric, f.unit, f.per)
            if dim is not f.metric:
                f.metric, f.metric_key = dim, metrics.figure_key(dim, f.unit, f.change, f.cls)
            if metrics.other_dimension(f.metric, f.unit, f.per, sh[f.end:f.end + 8],
                                      sh[max(0, f.start - 80):f.start]):
                f.metric = f.metric_key = None   # `độ sâu` carried to `100m2`: a size of another dimension
            if metric_compose.priced_measure(f.metric_key):   # (after the figures after it carried its words)
                f.metric = f.metric_key = None   # `giá của sản phẩm ... (64GB)`: a size or weight is no price
        if f.cls == "count":   # after the figures after it have read their metric from it
            after, subject, before = counted_after[f.start]
            # a subject that is the number of things (`số doanh nghiệp tạm ngừng ... là 4.100 doanh nghiệp`); read
            # here, not lent to the figures after (`tổng số chỗ đỗ ... là 50 vị trí nhưng ... cần 67 vị trí`)
            own = metric_compose.copula_count_subject(metric_compose.of_count(f.metric), before)
            lent = f.metric
            f.metric = metric_compose.count_metric(own, f.unit, after, f.start in carried_into, subject, before)
            f.metric_key = metrics.count_key(f.metric, f.quote) if f.metric == own else None   # (the counted phrase: no key)
            if f.metric and f.metric != lent and f.metric != f.unit.lower():
                _changes_of_count(facts, i, lent, sh, carried_into)
    return facts


_M = patternbook.load("metrics")
_ELLIPTIC_VERBS = frozenset(str(w).lower() for w in _M["elliptic_item_verbs"])
_ELLIPTIC_APPROX = frozenset(str(w).lower() for w in _M["elliptic_item_approx"])
_ELLIPTIC_NOT = engines.compile(r"(?<!\w)(?:" + patternbook.alternation(_M["elliptic_item_not"]) + r")(?!\w)", regex.I)
_ELLIPTIC_LINKS = tuple(str(w).lower() for w in _M["elliptic_links"])
_ELLIPTIC_WORDS = int(_M["elliptic_item_words"])
_ELLIPTIC_PIECE = engines.compile(r"\s*,\s*([^\W\d][^,;:()\d]*?)\s*$")


def _ends_with_phrase(words: list, phrases) -> int:
    """How many of `words`' last words (two or one) make one of `phrases`; 0 for none."""
    return 2 if " ".join(words[-2:]) in phrases and len(words) > 1 else 1 if words and words[-1] in phrases else 0


def _elliptic_items(facts: list, sh: str):
    """`Doanh thu của chi nhánh A đạt 120 tỷ đồng, chi nhánh B đạt 80 tỷ đồng`: a figure whose comma-piece holds only
    a part (no metric noun, no key) and a verb of level (metrics.yaml `elliptic_item_verbs`), or only a name (`tỷ lệ
    này ở Tây Ban Nha là 69%, Pháp 67%`), right after a figure of
    the same class and unit whose metric is a measure, a link (`elliptic_links`: `của`, `ở`) and a part, measures that
    measure of its own part: `doanh thu của chi nhánh b`, not `chi nhánh b` (nor the first part's, when carried)."""
    for i in range(1, len(facts)):
        p, g = facts[i - 1], facts[i]
        if g.cls == "count" or g.cls != p.cls or g.unit != p.unit or g.per != p.per or not p.metric \
                or g.sentence_start != p.sentence_start or "," not in sh[p.end:g.start]:
            continue
        m = _ELLIPTIC_PIECE.match(sh, p.end, g.start)
        if m is None:
            continue
        said = m.group(1).split()
        words = [w.lower() for w in said]
        while n := _ends_with_phrase(words, _ELLIPTIC_APPROX):
            words = words[:-n]
        n = _ends_with_phrase(words, _ELLIPTIC_VERBS)
        if n:
            words = words[:-n]
        elif not all(w[:1].isupper() for w in said[:len(words)]):
            continue   # (without a verb, only a name: `tỷ lệ này ở Tây Ban Nha là 69%, Pháp 67%`)
        item = " ".join(words)
        if not words or len(words) > _ELLIPTIC_WORDS or _ELLIPTIC_NOT.search(item) or metrics.has_head(item) \
                or metrics.metric_key(item):
            continue   # (no verb: a list of parts, not an item; a metric noun: the item names its own measure)
        pw = p.metric.split()
        at = next((k for k in range(1, len(pw)) if pw[k] in _ELLIPTIC_LINKS), None)
        measure = " ".join(pw[:at]) if at is not None else ""
        if at is None or p.metric_key and metrics.metric_key(measure) != p.metric_key \
                or not (p.metric_key or metrics.has_head(measure) or metrics.names_size(measure)):
            continue   # (the words before the link are the measure: `doanh thu`, not `doanh thu` + a part of it)
        part = words if words[0] in _ELLIPTIC_LINKS else [pw[at]] + words
        g.metric = " ".join(pw[:at] + part)
        g.metric_key = metrics.figure_key(g.metric, g.unit, g.change, g.cls)


def _changes_of_count(facts: list, i: int, lent: str | None, sh: str, carried_into: set):
    """`thành phố A đón 3,2 triệu lượt khách, tăng 5%, đạt 57% kế hoạch`: the ratios right after a count that took the
    words before it (its subject and verb, lent before the count read its own phrase) measure what it counts: its
    counted phrase (`lượt khách`). Only the ratios that carried those words (when they name a known measure, the
    counted phrase names it too: `tổng thị phần của 4 hãng ... 57%` stays), one after another in the count's
    comma-pieces: a `;`, a `:` or a closing bracket between them opens another item (`(3.498 người thiệt mạng và 7.920
    người bị thương), tăng 3%`: the change of the total before the brackets)."""
    f = facts[i]
    carried = {lent, metric_compose.part_of(f.cls, lent, f.unit)} - {None}
    end = f.end
    for g in facts[i + 1:]:
        if g.sentence_start != f.sentence_start or g.cls != "ratio" or g.metric not in carried \
                or g.start not in carried_into or _ITEM_END.search(sh, end, g.start):
            break
        key = metrics.figure_key(f.metric, g.unit, g.change, g.cls)
        if g.metric_key is not None and key != g.metric_key:
            break
        end = g.end
        g.metric, g.metric_key = f.metric, key


_ITEM_END = engines.compile(r"[;:)]")


@functools.lru_cache(maxsize=1)
def _breakdown_lead():
    o, alt = patternbook.load("ownership"), patternbook.alternation
    approx = patternbook.load("counts")["elided_count"]["approx"]
    lead = engines.compile(r"(?<!\w)" + alt(o["count_breakdown_leads"]) + r"(?!\w)")
    opener = engines.compile(r"(?:" + alt(list(o["count_breakdown_leads"]) + list(o["count_breakdown_item_openers"]))
                           + r")\s*(?:" + alt(approx) + r"\s+)?$")
    return lead, opener


def _breakdown_owner(facts, sh):
    """An unowned count in the breakdown of an owned count of its sentence (the same noun, larger, a breakdown lead
    between them) is that count's owner's (ownership.yaml count_breakdown_leads)."""
    lead = None
    for i, f in enumerate(facts):
        if f.cls != "count" or f.org is not None or f.org_source == "not-its-count":
            continue   # (not a part a public body does not count as its own: `trong đó 6 ca đã 2 lần âm tính`)
        for g in reversed(facts[:i]):
            if g.sentence_start != f.sentence_start:
                break
            if g.cls == "count" and g.org is not None and g.unit == f.unit and g.value > (f.value_max or f.value):
                lead = lead or _breakdown_lead()
                if lead[0].search(sh, g.end, f.start):   # (else a part before it: the whole is further back)
                    if lead[1].search(sh, max(g.end, f.start - 40), f.start):
                        f.org, f.org_aliases, f.org_source = g.org, list(g.org_aliases), "breakdown"
                    break


def _facts_of_sentence(facts: list, start: int) -> list:
    """The facts of the sentence starting at `start`, last first (read from the end of `facts`: only its tail)."""
    out = []
    for f in reversed(facts):
        if f.sentence_start < start:
            break
        if f.sentence_start == start:
            out.append(f)
    return out


def _blank_spans(sh: str, spans) -> str:
    """`sh` with the spans blanked (same length), joined from slices: no list of every character."""
    parts, at = [], 0
    for m in sorted(spans, key=lambda x: x.start):
        a = max(m.start, at)
        if m.end > a:
            parts += (sh[at:a], " " * (m.end - a))
            at = m.end
    parts.append(sh[at:])
    return "".join(parts)


def _list_lead(sh, sents, si) -> str:
    """`3 phương án ... gồm:` then the items: a sentence ending in a colon heads the one after it."""
    if si == 0 or not sents:
        return ""
    prev = sents[si - 1]
    text = sh[prev.start:prev.end].rstrip()
    return text + " " if text.endswith(":") else ""


def _sentence_final_base(facts, sh):
    """A comparison named after the last figure of a sentence applies to every change in it."""
    by_sentence: dict = {}
    for f in facts:
        by_sentence.setdefault(f.sentence_start, []).append(f)
    for group in by_sentence.values():
        last = group[-1]
        base = meaning.base_of("", sh[last.end:last.sentence_end])
        if base is None:
            continue
        for f in group:
            if f.change and f.base is None:
                f.base = base


def _equivalent_per(facts, sh):
    """`7.700 tỷ yên (68 tỷ USD/tháng)`: an amount and its restatement in another currency in the parenthesis right
    after it are one quantity, so the denominator one of them names is the other's too (units.yaml equivalent_open).
    In the same currency the parenthesis is another figure (`bán được 28 triệu đồng (100.000 đồng/kg)`: the price)."""
    gap = _context().equivalent_gap
    for a, b in zip(facts, facts[1:]):
        if a.cls != "money" or b.cls != "money" or a.unit == b.unit or bool(a.per) == bool(b.per) \
                or b.start - a.end > 24 or sh[b.end:b.end + 2].strip()[:1] != ")" or not gap.fullmatch(sh, a.end, b.start):
            continue
        a.per = b.per = a.per or b.per


def _listed_per(facts, sh):
    """`giảm lần lượt 300.000 đồng và 150.000 đồng/lượng`, `mức 25.000 đồng, 27.000 đồng/cổ phiếu`, `12km, 14km và 26km
    mỗi ngày`: amounts in one unit listed with nothing but a comma or a link between them (units.yaml per_list_links)
    share the denominator the last of them names (FACTS.md `per`), read from the end of the list."""
    gap = _context().list_gap
    for a, b in zip(reversed(facts[:-1]), reversed(facts[1:])):
        if a.per or not b.per or a.cls not in ("money", "measure") or (a.cls, a.unit) != (b.cls, b.unit) \
                or a.sentence_start != b.sentence_start or b.start == a.end or not gap.fullmatch(sh, a.end, b.start):
            continue
        a.per = b.per


_NEXT_WORD = engines.compile(r"[ \t]+(\w+)")


def _span_after(ctx, sh, q) -> bool:
    """A span's closing word after the count (`7 trận gần nhất`), or after the rest of a longer span unit the count's
    noun begins (`5 trận đấu cuối`: `trận đấu`)."""
    if ctx.span_after.match(sh, q.end):
        return True
    w = _NEXT_WORD.match(sh, q.end)
    return bool(w) and f"{q.unit} {w.group(1).lower()}" in ctx.span_units and bool(ctx.span_after.match(sh, w.end()))


def _keep(sh: str, q) -> bool:
    """Drop what FACTS.md says is no fact (list markers, ordinals, names, `bình quân 1 HTX`). (Every figure asks:
    calls on `regex`-only patterns pass `concurrent=False` positionally, so the GIL is not released and retaken around
    each; the others may run on `re`, the note in `engines`.)"""
    ctx = _context()
    cls = q.cls
    before = sh[max(0, q.start - 14):q.start]
    if cls == "count" or cls == "measure":   # each test only where its outcome counts: all are pure
        label = ctx.ordinal_may(before) and ctx.ordinal_before.search(before, None, None, False) \
            and not ctx.counted_before.search(before, None, None, False)
        if label and (ctx.plain_small.match(sh, q.start) or sh[q.start].isalpha()):
            if cls == "count" or ctx.measure_label_before.search(before, None, None, False):
                return False  # `số 5 xã`, `cấp 3`, `quả 11m`; but `cấp 2,8 triệu thẻ` is a count
        if cls == "count" and sh.find("/", q.start + 1, q.start + 3) >= 0 and ctx.day_month.match(sh, q.start) \
                and ctx.date_before.search(sh, max(0, q.start - 12), q.start, False):   # (`day_month`: a `/` 1-2 on)
            return False  # `kỳ nghỉ 30/4 - 1/5 kéo dài`, `chiều 1/5 tỉnh Hà Nam`: a date (FACTS.md), no count
        if cls == "count" and q.value % 1 and ctx.dotted_day_month.match(sh, q.start) \
                and ctx.dotted_date_before.search(before, None, None, False):
            return False  # `hôm 5.2 đưa tin`, `ngày 7.2 dẫn lời`: a date (FACTS.md), no count
        if cls == "count" and q.value == 1 and ctx.per_one_before.search(before, None, None, False):
            return False
        if q.value == 1 and q.value_max is None and ctx.slash_one_before.search(before, None, None, False):
            return False  # `4 người/1 phòng`, `tấn/1ha/1 vụ`: a denominator, not a figure
        if cls == "count" and q.value == 1 and q.unit in ctx.one_vague and sh[q.start:q.start + 1] == "1":
            return False  # `1 số tỉnh` (một số: some), `1 chút đường`: a vague amount
        if cls == "count" and q.unit in ctx.span_units and _span_after(ctx, sh, q) \
                and ctx.span_before.search(before, None, None, False) and "/" not in sh[q.start:q.end]:
            return False  # `trong 7 trận gần nhất`: the period of another figure (`10/11 trận`: 10 won, a count)
    if cls == "count" and q.unit.startswith(ctx.side_word) and ctx.side_part.match(sh, q.start):
        return False  # `hai bên đường`, `2 bên bờ kênh`: a place on both sides, no count (counts.yaml side_parts)
    if cls == "count" and q.unit in ctx.class_parts and ctx.class_head_before.search(sh, max(0, q.start - 30), q.start, False):
        return False  # `xe khách 45 chỗ`, `váy hai dây`: the kind of thing (counts.yaml class_parts)
    if cls == "count" and q.value == 2 and q.value_max is None and q.unit in ctx.body_pairs \
            and not ctx.body_pair_role.match(sh, q.end) \
            and not ctx.body_pair_surgery.search(sh, max(0, q.start - 40), q.start):
        return False  # `hai tay đút túi quần`, `đỏ cả hai mắt`: a person's pair, no figure (counts.yaml body_pairs)
    if cls == "count" and q.value_max is None and ctx.fixed_sets.get(q.unit) == q.value:
        return False  # `tượng 12 con giáp`: a fixed set's name (counts.yaml fixed_sets)
    if cls == "count" and ("“" in before or '"' in before or "“" in sh[max(0, q.start - 80):q.start - 14]) \
            and _quoted_name(ctx, sh, q):
        return False  # `chương trình “1 hộp sữa, 1 viên gạch”`: a number inside a name (counts.yaml quoted_name_heads)
    if ctx.plate_number.match(sh, q.start) and ctx.plate_before.search(before, None, None, False):
        return False  # `BKS 37K1 - 648.69 lưu thông`: a vehicle's plate
    glued_times = cls == "ratio" and q.unit == "times" and sh[q.end - 2:q.end - 1].isdigit()   # `2X`, `3x`
    if (cls == "count" or glued_times) and q.value_max is None:
        # (`_MODEL_BEFORE` ends in blanks and `$`, which may stand before a final newline: most figures follow none)
        model = _MODEL_BEFORE.search(before, None, None, False) if before.endswith(_BLANK_ENDS) else None
        if model and (ctx.plain_small.match(sh, q.start) or ctx.version_number.match(sh, q.start)) and not model.group(1).isupper() \
                and not org_mentions.is_syllable(model.group(1)):
            return False  # `iPhone 12 series`, `Galaxy 5 camera`, `Optimus 2X`, `iOS 14.5 phiên bản`: a number in a
            # product's name or version (FACTS.md: no fact)
    if glued_times and sh[q.start:q.end].lower() in ctx.birth_decades and not grammar().times.search(sh, max(0, q.start - 25), q.start, False) \
            and not ctx.zoom_before.search(before):
        return False  # `cô gái 9X`, `thế hệ 8X`: people born in the 1990s, 1980s, not a ratio
    return True


def _quoted_name(ctx, sh: str, q) -> bool:
    """The figure stands inside a short quoted name right after the noun the name is of."""
    o = ctx.quoted_name_open.search(sh, max(0, q.start - 120), q.start, False)
    c = o and ctx.quoted_name_close.match(sh, q.end)
    return bool(c) and len((o.group(1) + sh[q.start:c.end() - 1]).split()) <= ctx.quoted_name_words


# a capitalised word that is no Vietnamese syllable right before the number (`iPhone`, `Galaxy`, `Model`)
# (at most one match, the last word: found from the end, not tried at every start)
_MODEL_BEFORE = regex.compile(r"(?<![\w.])(\p{L}*\p{Lu}\p{L}*)[ \t]+$", regex.REVERSE)
_BLANK_ENDS = (" ", "\t", " \n", "\t\n")


# the word after a bare scale amount, unless a number follows it (`lãi 3 tỷ năm 2020`: a year, the amount stays;
# so `mất 200 triệu năm ngoái`: counts.yaml time_pointers)
_TIME_AFTER = engines.compile(r"[ \t]+(\w+)(?![ \t]*[0-9])")


def _bare_scale(clause_before: str):
    """`dành trên 600 triệu từ Quỹ lương`: money in VND, or a count of the noun named before."""
    g = grammar()
    tail = clause_before[-80:]
    count_at = max((m.end() for m in g.count.finditer(tail) if m.group("noun")), default=-1)
    money_at = max((m.end() for m in _context().money.finditer(tail)), default=-1)
    if count_at > money_at:
        noun = [m for m in g.count.finditer(tail)][-1].group("noun")
        return "count", " ".join(noun.lower().split())
    if money_at >= 0:
        return "money", "VND"
    return None


def _per_before(clause_before: str) -> str:
    """`Mỗi ngày ... lãi gần 3 tỷ đồng`: a time after `mỗi` (or `một`) earlier in the clause; not `một` + time
    as a span or a moment (`trong một tuần qua`, `Một năm sau đó`) but for a rate (`Trung bình trong một ngày`):
    units.yaml per_one_span_after."""
    ctx = _context()
    if not ctx.per_one_may(clause_before):
        return ""
    for m in ctx.per_time.finditer(clause_before):
        if m.group(0).split()[0].lower() in ctx.per_one_numerals and (
                ctx.per_one_moment.match(clause_before, m.end())
                or ctx.per_one_span.search(clause_before, max(0, m.start() - 16), m.end())
                and not ctx.per_one_rate.search(clause_before, max(0, m.start() - 40), m.start())):
            continue
        return m.group(1).lower()
    return ""


def _strip_range_lead(before: str) -> str:
    ctx = _context()
    return ctx.range_lead.sub("", before) if ctx.range_lead_may(before) and ctx.range_lead_at_end.search(before, None, None, False) else before


def _paragraph_start(sents, si) -> int:
    if not sents:
        return 0
    para = sents[si].paragraph
    return min(s.start for s in sents if s.paragraph == para)


def _after_quote(sh: str, pos: int, mentions, m_starts) -> list | None:
    """The mentions of the paragraph after the figure's window (from `pos` + 61), when a quotation mark follows the
    figure in its paragraph (`attribution.owner` reads them only for a speaker named after a quotation); else None."""
    end = orgs.line_end(sh, pos)
    if sh.find("\"", pos, end) < 0 and sh.find("”", pos, end) < 0:
        return None
    return windows.between(mentions, m_starts, pos + 61, end)


def _topic(owner_of: dict, si: int, sents, mentions, m_starts):
    """(the one organization owning the figures of the last sentence with figures before sentence `si`, that sentence's
    start), when nothing since names another organization and each sentence between (without figures) names it
    again (`Theo SSI, ...`)."""
    last = si - 1
    while last >= 0 and last not in owner_of:
        last -= 1
    if last < 0 or not owner_of[last]:
        return None
    org, t0 = owner_of[last], sents[last].start
    if any(m.org is not org for m in windows.between(mentions, m_starts, t0, sents[si].start - 1)):
        return None
    for k in range(last + 1, si):
        if not any(m.org is org for m in windows.between(mentions, m_starts, sents[k].start, sents[k].end)):
            return None
    return org, t0


def _attribute_org(f: Fact, sh, c0, s0, q, mentions, main_org, about_one, p0, s1=None, later=None, topic=None):
    """The figure's owner (`attribution.owner`), returned; `org_source` says how it was found. `later`: the
    paragraph's mentions after `mentions` (read only for a speaker named after a quotation); `topic`: the owner of the
    sentence before's figures, with that sentence's start."""
    org, source = orgs.owner(sh, q.start, q.end, s0, c0, mentions, main_org, about_one, p0, f.cls, f.metric_key,
                             s1, later, topic)
    f.org_source = source
    if org is not None:
        f.org, f.org_aliases = org.name, org.aliases
    return org


def _attribute_time(f: Fact, sh, q, seg0, c0, c1, si, sents, nxt, times, years, title_time, recent_of: dict,
                    carried_of: dict):
    """Year and period (pipeline.timing); `time_source` says how they were found. `recent_of`: the
    document's sentences before each sentence (the same for every figure of a sentence: made once);
    `carried_of`: `timing.attribute`'s memo of the time a sentence naming none carries (the same `times`)."""
    s0, s1 = f.sentence_start, f.sentence_end
    recent = recent_of.get(si)
    if recent is None:
        para = sents[si].paragraph if sents else None
        recent = [(s.start, s.end) for s in reversed(sents[max(0, si - _carry()):si]) if s.paragraph == para]
        # a short paragraph's lead sentence frames all of it (`7 tháng đầu năm 2017, ...`); a long one's does not
        same = windows.paragraph_of(sents, si, _carry() * 3) if sents else []
        if same and len(same) <= _carry() * 3 and same[0].start < s0 and (same[0].start, same[0].end) not in recent:
            recent.append((same[0].start, same[0].end))
        # a paragraph opening with a connective (`Tuy nhiên, ...`) goes on with the one before: its last sentence next,
        # when the time it carries is a plain one (no plan's, no horizon: `tầm nhìn đến năm 2030`)
        first = si
        while first > 0 and sents[first - 1].paragraph == para and si - first < _carry() - 1:   # (`times` reach that far back)
            first -= 1
        if (first > 0 and sents[first - 1].paragraph != para and _continuing().match(sh, sents[first].start)
                and timing.carries_over(sh, times, sents[first - 1].start, sents[first - 1].end)):
            recent.append((sents[first - 1].start, sents[first - 1].end))
        recent = recent_of[si] = tuple(recent)
    span = timing.Span(q.start, q.end, seg0, c0, c1, s0, s1, nxt)
    f.year, f.period, f.time_source = timing.attribute(sh, span, times, years, title_time, recent, carried_of)
    f.year, f.period, f.time_source = timing.undated_past(sh, span, years, (f.year, f.period, f.time_source),
                                                          recent)


@functools.lru_cache(maxsize=2)
def _from_to_level(end: bool = False):
    """cues.yaml range_lead (`từ`) or from_level_far (`lên`, `xuống`) right before a figure: one end of a move (`end`:
    only the level it went to, not a range's `từ X đến Y`)."""
    c = patternbook.load("cues")
    words = list(c["from_level_far"]) + ([] if end else list(c["range_lead"]))
    return engines.compile(r"(?<!\w)" + patternbook.alternation(words) + r"\s*$", regex.I)


# the time sources of a figure whose own sentence names no time (None: no year found at all)
_UNTIMED = frozenset({"publication", "document", "paragraph", "title", None})


@functools.lru_cache(maxsize=1)
def _carry() -> int:
    return int(patternbook.load("time")["carry_sentences"])


@functools.lru_cache(maxsize=1)
def _continuing():
    """time.yaml continuing_openers at a sentence's start, then a comma or a blank."""
    words = patternbook.load("time")["continuing_openers"]
    return engines.compile(r"[\s\"“]*" + patternbook.alternation(words) + r"(?=[,\s])")


def _share_enumeration(f: Fact, prev: Fact | None, sh: str):
    """`tăng lần lượt 31% và 21% so với cùng kỳ`: one change and one base for all; `tăng 9,84 điểm tương ứng 0,8%`:
    the change again in other terms, of another class."""
    if prev is None or prev.sentence_start != f.sentence_start:
        return
    gap = sh[prev.end:f.start]
    if prev.cls != f.cls:
        if f.change is None and prev.change is not None and meaning.is_restatement(gap):
            f.change = prev.change
        return
    if not meaning.is_connector(gap):
        return
    if f.change is None and prev.change is not None:
        f.change = prev.change
    if f.base is not None and prev.base is None and prev.change == f.change:
        prev.base = f.base
    if f.base is None and prev.base is not None:
        f.base = prev.base
