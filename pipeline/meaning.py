"""What a figure means: `approx`, `change`, `base`, `kind` (FACTS.md "Meaning").

Each is read from cue words of `patterns/cues.yaml` around the figure, in
its own clause. Figures that follow one another joined only by `và`, `,`,
`lần lượt` form an enumeration and share change and base.
"""
from __future__ import annotations

import functools
import re as _re

import regex

from . import engines
from . import lexicon, patternbook, text as text_mod
from .patternbook import FirstWords, PhraseGroups, PhraseSet
# (patterns of `engines.compile` may run on `re`: their calls take what both engines share, the note in `engines`;
# a call on a `regex.compile` pattern (one only `regex` reads) is given `None, None, False` after its string, or
# `0, None, None, False` after `sub`'s: concurrent=False, no release of the GIL around it, the note in `designators`)


class _Cues:
    def __init__(self):
        c = patternbook.load("cues")
        alt = patternbook.alternation
        self.approx = [(k, engines.compile(alt(v) + r"\s*$", regex.I), _last_tokens(v)) for k, v in c["approx"].items()]
        self.illustration = engines.compile(alt(c["illustration"]), regex.I)
        self.illustration_may = FirstWords(c["illustration"])
        self.illustration_real = regex.compile(
            alt(c["illustration_real"]) + r"(?:\s*,\s*|\s+)(?:" + alt(c["illustration_real_lead"]) + r"\s+)?"
            r"(?:" + alt(c["illustration_real_year_words"], lead=False) + r"\s+(?:[0-9]{4}|" + alt(c["illustration_real_year"], lead=False) + r")|[0-9]{4}(?![0-9])"
            r"|(?!" + alt(c["illustration_real_not"]) + r")(?-i:\p{Lu})\p{L}+)", regex.I)
        self.hypothetical = engines.compile(alt(c["condition"]) + r"(?!\s+" + alt(c["condition_not"]) + r")[^.;!?]*?"
                                          + alt(c["condition_then"]) + r"(?P<rest>[^.;!?]*)$", regex.I)
        self.hedge = engines.compile(alt(c["hypothetical_hedge"]), regex.I)
        # a figure inside a condition (`nếu 95% dân số ...`): the condition's last opener, then no close before the figure
        self.condition_seek = engines.compile(alt(c["condition_open"]), regex.I).search
        self.condition_may = FirstWords(c["condition_open"])   # (`nếu` is rare: a `str` test first, not a search of it)
        self.condition_threshold = regex.compile(alt(c["condition_threshold"]) + r"\s*$", regex.I | regex.REVERSE)
        self.condition_past = engines.compile(alt(c["condition_past"]) + r"(?!\w)|(?<![0-9])[0-9]{4}(?![0-9])", regex.I)
        self.condition_figure = engines.compile(alt(c["condition_open"]) + r"(?!\s+" + alt(c["condition_figure_not"]) + r")"
                                              r"(?:(?!" + alt(c["condition_close"]) + r")(?:[^,;:.!?()\"“”]|\.(?=\S)))*$", regex.I)   # (`TP.HCM`)
        self.counterfactual = engines.compile(alt(c["counterfactual"]) + r"(?!\s+" + alt(c["counterfactual_not"]) + r")[^.;!?]*?" + alt(c["counterfactual_then"])
                                            + r"[^.;!?]*?" + alt(c["counterfactual_past"]) + r"[^.;!?]*$", regex.I)
        self.counterfactual_may = FirstWords(c["counterfactual"])
        self.consequence = engines.compile(alt(c["consequence_open"]) + r"(?!\s+" + alt(c["condition_figure_not"] + c["consequence_not"]) + r")"
                                         r"(?:(?!" + alt(c["condition_past"]) + r"|" + alt(c["consequence_close"]) + r")[^.;!?])*"
                                         + alt(c["consequence_close"]) + r"(?:(?!" + alt(c["consequence_end"]) + r")[^.;!?])*?"
                                         + alt(c["consequence_modal"]) + r"(?:(?!" + alt(c["consequence_end"]) + r")[^.;!?])*$", regex.I)
        self.consequence_may = FirstWords(c["consequence_open"])
        self.segment = regex.compile(alt(c["price_segment"]) + r"(?:\s+" + alt(c["price_segment_bounds"]) + r")?\s*$",
                                     regex.I | regex.REVERSE)
        self.segment_may = FirstWords(c["price_segment"])
        self.denial = engines.compile(alt(c["denial"]) + r"(?!\s+" + alt(c["denial_not"]) + r")(?:(?!" + alt(c["denial_end"]) + r")[^.;!?])*$", regex.I)
        self.denial_may = FirstWords(c["denial"])
        self.then_words = [str(w) for w in c["condition_then"]]   # a cheap test before the scan
        self.then_seek = _re.compile("|".join(map(_re.escape, self.then_words))).search
        # which of illustration, denial, counterfactual can match a sentence: one pass for the three
        no_fact = {"illustration": c["illustration"], "denial": c["denial"], "counterfactual": c["counterfactual"]}
        self.no_fact_groups = PhraseGroups(no_fact)
        self.enumeration = engines.compile(alt(c["enumeration_words"]), regex.I)
        # a bound that denies more or less (`không quá`, `không dưới`) cancels a change; `tăng ít nhất 3%`,
        # `tăng tối đa 5%` stay changes
        negated = [b for b in c["approx"]["at_most"] + c["approx"]["at_least"] if str(b).split()[0] in c["negations"]]
        self.negated_bound = regex.compile(alt(negated) + r"\s*$", regex.I | regex.REVERSE)
        self.level_bound = regex.compile(alt(c["bound_level_nouns"]) + r"\s+" + alt(c["approx"]["at_most"] + c["approx"]["at_least"])
                                         + r"\s*$", regex.I | regex.REVERSE)
        self.from_level = engines.compile(r"[\s,]*" + alt(c["from_level"], lead=False), regex.I)
        # (the gap holds no clause mark: a `lên` in the next clause is another verb's)
        self.from_level_far = engines.compile(r"[^,;.!?:]{1,45}?(?<!" + alt(c["from_level_far_not_after"], lead=False)
                                            + r"\s)" + alt(c["from_level_far"]) + r"(?!\w)", regex.I)
        self.range_lead = {str(w) for w in c["range_lead_words"]}
        self.comparative = [(k, engines.compile(alt(v) + r"\s*$", regex.I), _last_tokens(v))
                            for k, v in c["comparative_bound"].items()]
        # (a comparative after a verb of playing: a difference, no bound; cues.yaml comparative_difference_verbs)
        # (... a count right before another number is the side compared: `đá ít hơn hai đối thủ 1 trận`)
        # (a blank alone after it: the next figure follows it at once)
        numerals = list(patternbook.load("units")["per_one_numerals"]) + list(patternbook.load("scales")["word_number_starts"])
        self.difference_party = engines.compile(r"\s+$|\s*(?:\d|" + alt(numerals) + r")", regex.I)
        self.difference = engines.compile(alt(c["comparative_difference_verbs"]) + r"\s+" + alt(c["comparative_bound"]["over"]
                                        + c["comparative_bound"]["under"]) + r"(?:\s+[^\s\d,;:()]+){0,3}\s*$", regex.I)
        # every last piece of both lists: a text ending with none of them skips both loops (most figures)
        self.bound_lasts = tuple({p for _, _, lasts in self.approx + self.comparative for p in lasts})
        # what `str.lower` cannot stand in for: then every end-anchored cue is tried
        self.bound_odd = patternbook.odd_cases([w for v in list(c["approx"].values()) + list(c["comparative_bound"].values())
                                                for w in v])
        self.comparison_after = engines.compile(r"[\s,]*(?:" + alt(c["comparison_after"]) + ")", regex.I)
        # `thấp hơn so với các trường khác từ 15 - 20%`: the comparison's own `với` is no level verb when a gap's
        # lead ends it and no level noun opens it (`so với mức 780 triệu USD` is the level compared)
        cb = c["comparison_between"]
        self.comparison_words = engines.compile(alt(cb["words"]) + r"(?!\s+" + alt(cb["level_nouns"]) + r"(?!\w))(?=.*"
                                              + alt(cb["gap_leads"]) + r"\s*$)", regex.I)
        self.bound_after = {" ".join(k.split()): v for k, v in c["bound_after"].items()}
        self.bound_after_rx = engines.compile(r"[\s,]*(?P<b>" + alt(c["bound_after"]) + ")", regex.I)
        # longest cue wins: test all, keep the longest match
        # (every match is one of the cues: tried only where a cue's first letter and rest stand, `Prefiltered`)
        self.change = patternbook.Prefiltered(engines.compile(
            r"(?P<up>" + alt(c["change"]["up"]) + r")|(?P<down>" + alt(c["change"]["down"]) + ")", regex.I),
            list(c["change"]["up"]) + list(c["change"]["down"]))
        self.change_not = engines.compile(alt(c["change_not"]), regex.I)
        self.overcome = engines.compile(alt(c["overcome_before_count"]) + r"(?!\w)", regex.I)
        self.compared = {" ".join(str(w).lower().split()) for w in c["comparative_before_parenthesis"]}
        self.cost_verbs = {" ".join(str(w).lower().split()) for w in c["cost_verbs"]}
        self.cost_before = engines.compile(alt(c["cost_before"]) + r"\s+$", regex.I)
        self.cost_after = engines.compile(r"\s+" + alt(c["cost_after"]) + r"(?!\w)", regex.I)
        self.cost_verb_levels = frozenset(c["cost_verb_levels"])
        self.cost_verb_price = engines.compile(alt(c["cost_verb_prices"]), regex.I)
        self.change_free_word = {str(w).lower() for w in c["change_free_word"]}
        self.change_free_stop = engines.compile(r"[,;:.\"“”()]|" + alt(c["change_free_word_stops"]) + r"(?!\w)", regex.I)
        change = list(c["change"]["up"]) + list(c["change"]["down"])
        self.change_set = PhraseSet(change)
        # (reverse, ending in `\s*$`: `match` from the end finds what `search` does, trying one place)
        self.approx_not_words = regex.compile(alt(c["approx_not_words"]) + r"\s*$", regex.I | regex.REVERSE)
        # `9 trên 12 CLB`: `trên` right after a bare number (not a year, a date, a name's `-19`) is `out of`, no bound
        self.approx_out_of = engines.compile(r"(?<![-/\w.,])(?!(?:19|20)\d\d(?!\d))\d+(?:[.,]\d+)*[ \t]+(?-i:" + alt(c["approx_out_of"])
                                           + r")\s*$", regex.I)   # (lower case: `5 Trên 500 triệu` opens a table's row)
        self.approx_not_initial = engines.compile(r"(?:^|[,;:.(\n])\s*" + alt(c["approx_not_clause_initial"]) + r"\s*$",
                                                regex.I)
        self.level = engines.compile(alt(c["level_verbs"]), regex.I)
        self.level_have = engines.compile(alt(c["change_level_have"]), regex.I)
        self.have_only_after = {" ".join(str(w).lower().split()) for w in c["change_have_only_after"]}
        # (a gap word is no number: `tăng 1 hoặc 2%`, `hạ hai hoặc ba con` join the figure's own numbers)
        gap = r"(?:\s+(?!\d)(?!" + alt(patternbook.load("scales")["word_number_starts"]) + r")[\w-]+){0,2}?"
        self.change_closed = engines.compile(gap + r"\s*,?\s*" + alt(c["change_closed_by"]) + r"(?!\w)", regex.I)
        self.change_comma = engines.compile(gap + r"\s*,\s*")
        self.change_comma_words = int(c["change_comma_words"])
        self.change_comma_list = engines.compile(alt(c["change_comma_list"]), regex.I)
        self.change_comma_size = engines.compile(r"\s*(?:[\d(]|" + alt(c["change_comma_size"]) + r"(?!\w))", regex.I)
        self.change_size = engines.compile(r"\s+" + alt(c["change_size_words"]) + r"(?!\w)(?:\s+\S+){0,2}\s*$", regex.I)
        self.growth = engines.compile(alt(c["growth_verbs"]), regex.I)
        self.base_after = engines.compile(
            r"^[\s,]*(?:(?P<plan>" + alt(c["base"]["plan"]) + r")|(?P<prior>" + alt(c["base"]["prior"]) + "))",
            regex.I)
        self.base_before_plan = engines.compile(alt(c["exceed_plan"] + c["base_before_plan"]), regex.I)
        self.base_before_prior = engines.compile(alt(c["base_before_prior"]), regex.I)
        self.base_multiple_before = engines.compile(r"(?<!\w)" + c["base_multiple_before"], regex.I)
        self.base_multiple_prior = engines.compile(c["base_multiple_prior"], regex.I)
        # neither can match a text without one of their first words (`so`, `vượt`): no scan
        self.base_before_may = FirstWords(c["exceed_plan"] + c["base_before_plan"] + c["base_before_prior"])
        # (every match is one of the cues: tried only where one stands, `Prefiltered`)
        self.estimate = patternbook.Prefiltered(engines.compile(alt(c["kind"]["estimate"]), regex.I), c["kind"]["estimate"])
        self.target = engines.compile(alt(c["kind"]["target"]), regex.I)   # (`Prefiltered` is slower: common first letters)
        self.estimate_may = FirstWords(c["kind"]["estimate"])
        self.target_set = PhraseSet(c["kind"]["target"])
        # which of estimate and target cues can match a text: one pass for both
        kind = {"estimate": c["kind"]["estimate"], "target": c["kind"]["target"]}
        self.kind_groups = PhraseGroups(kind)
        # the no-fact, change and kind lists in one automaton, read once per sentence for all its figures (`figure_cues`)
        self.figure_groups = PhraseGroups({**no_fact, "change": change, **kind})
        self.not_target_before = regex.compile(alt(c["target_not_after"]) + r"\s*$", regex.I | regex.REVERSE)
        # (session 19) nor across a past marker: `Hai bên từng ước hẹn sẽ ...`, `4 người đã thiệt mạng và dự kiến ...`
        # (the figure's own verb is done; the cue heads a later predicate)
        # (session 29) nor across a dash between blanks, which opens another clause (`tiền đặt cọc 35 triệu đồng - phụ
        # huynh sẽ được nhận lại`)
        self.target_after = engines.compile(r"(?:(?!khi|\s[-–—]\s|" + alt(c["target_after_not_past"]) + r"|(?<!\w)"
                                          + alt(c["target_after_not_across"]) + r"\s+(?!\d))[^,;.:()]){0,25}?"
                                          + alt(c["target_after"]), regex.I)
        # a match's first word begins within 25 characters: only these are looked at first
        self.target_after_may = FirstWords(c["target_after"])
        self.target_after_reach = 25 + max(len(w) for w in self.target_after_may.words)
        self.past_before = regex.compile(r"(?<!" + alt(c["target_after_not_past_not_after"]) + r"\s)"
                                         + alt(c["target_after_not_past"]) + r"(?![\w])[^,;:]*$", regex.I)
        self.plan_paren = regex.compile(alt(c["plan_parenthesis"]) + r"[^()]{0,20}\(\s*$", regex.I | regex.REVERSE)
        self.base_cue = engines.compile(alt(c["base_cues"]), regex.I)
        self.after_figure = regex.compile(r"\d\s*%?\s*$", regex.REVERSE)
        self.target_done = engines.compile(r"[^,;.:]{0,20}?" + alt(c["target_done_after"]), regex.I)
        self.not_target_after = engines.compile(r"^\s*" + alt(c["target_not_followed_by"]), regex.I)
        self.possible = {" ".join(str(w).lower().split()) for w in c["possible_cues"]}
        self.wishes = {" ".join(str(w).lower().split()) for w in c["wish_cues"]}
        self.wish_opening = engines.compile(r"(?:^|[,;:.!?“(])\s*(?:" + alt(c["wish_heads"]) + r"\s+)?$") \
            if c.get("wish_void_opening") else None
        quant = r"(?:\s+" + alt(c["cue_noun_quantifiers"]) + r")*"
        self.cue_nouns = {" ".join(str(cue).lower().split()): (
            engines.compile(alt(v["before"]) + r"(?:\s+[^\s\d,;:.()]+){0,%d}\s*$" % int(v["gap"]), regex.I) if v["before"] else None,
            engines.compile(quant + r"\s+" + alt(v["after"]), regex.I) if v["after"] else None)
            for cue, v in c["cue_nouns"].items()}
        self.approvals = tuple(str(w).lower() for w in c["approval_cues"])
        self.own_clause_only = engines.compile(alt(c["own_clause_cues"]), regex.I)
        self.own_clause_frame = engines.compile(r"(?<!\w)" + alt(c["own_clause_frames"]) + r"\s+(?:" + alt(c["cue_noun_quantifiers"])
                                              + r"\s+)?$", regex.I)   # (`theo các phương án`)
        self.vote = engines.compile(r"\s+" + alt(c["vote_link"]) + r"(?:\s*$|\s+\d)", regex.I)   # (the figure, or the vote's first)
        self.wish_void = engines.compile(r"(?:" + alt(c["wish_void_before"]) + r"|" + alt(c["wish_condition"])
                                       + r"(?:\s+[^\s,;:()]+){0,%d})\s+(?:" % int(c["wish_condition_gap"])
                                       + alt(c["wish_heads"]) + r"\s+)?$", regex.I)
        self.possible_forecast = engines.compile(r"(?:\s+" + alt(c["possible_gap"]) + r")*\s+(?P<verb>" + alt(c["possible_forecast_verbs"]) + ")",
                                               regex.I)
        # `có thể lên đến 18 km` right before the figure: the extent a thing can reach (cues.yaml possible_extent_links)
        # (no change verb between: `có thể sụt giảm lên tới 2,5 tỷ USD` forecasts a fall)
        self.possible_extent = engines.compile(r"(?:\s+(?!" + alt(list(c["change"]["up"]) + list(c["change"]["down"]) + list(c["possible_extent_not_verbs"]))
                                             + r")[^\s,;:()]+){0,%d}?\s+" % int(c["possible_extent_gap"])
                                             + alt(c["possible_extent_links"]) + r"(?:\s+" + alt(c["possible_extent_hedges"])
                                             + r")?\s*(?:$|(?=\d))", regex.I)   # (the figure, or in a clause before, its figure)
        self.possible_real = engines.compile(alt(c["possible_real"]) + r"(?!\w)", regex.I)
        self.possible_future = engines.compile(alt(c["possible_extent_future"]) + r"(?!\w)", regex.I)
        # `có thể tăng tốc từ 0-100 km/h`: a verb of amount that starts another word (`change_not`) is a capability
        self.possible_degree = {str(w) for w in c["possible_degree_words"]}
        self.possible_not = engines.compile(r"(?:\s+" + alt(c["possible_gap"]) + r")*\s+" + alt(c["change_not"]), regex.I)
        self.breakdown = engines.compile(r"^[\s,]*" + alt(c["breakdown"]), regex.I)
        # the last `, nhưng` / `, trong khi` of a clause: where its contrasting predicate begins (searched backwards)
        self.contrast_cut = regex.compile(r"[,:\-–]\s*" + alt(c["contrast_openers"]), regex.I | regex.REVERSE)
        self.actual_again = engines.compile(alt(c["actual_again"]), regex.I)
        now = alt(c["now_level_words"]) + r"(?!\w)"
        self.now_level_after = engines.compile(r"\s*\)?\s*(?:" + alt(c["now_level_links"]) + r"\s+)?" + now, regex.I)
        self.compared_figure = engines.compile(r"(?<!\w)(?:" + alt(c["now_level_compare"]) + r")(?:\s+(?!" + alt(c["compared_figure_not"]) + r"(?!\w))[^\s\d,;:.()]+){0,%d}\s*$"
                                             % int(c["compared_figure_gap"]), regex.I)
        self.habitual = engines.compile(r"(?:^|[.!?:\n]\s*)[\"“]?\s*" + alt(c["habitual_openers"]) + r"\s*,", regex.I)
        self.habitual_future = engines.compile(alt(c["habitual_future"]) + r"(?!\w)", regex.I)
        self.now_compared = engines.compile(r"(?<!\w)" + alt(c["now_level_compare"]) + r"\s+" + now, regex.I)
        self.connector = engines.compile(
            r"^[\s,]*(?:" + alt(c["enumeration_joiners"]) + r"|,|" + alt(c["enumeration_words"]) + r"|;)?[\s,]*(?:"
            + alt(c["enumeration_words"]) + r")?[\s,]*$", regex.I)
        offer = c["offer_up_to"]
        self.offer_up_to = regex.compile(alt(offer["offer"]) + r"\s+" + alt(offer["link"]) + r"\s*$",
                                         regex.I | regex.REVERSE)   # (reverse: `match` from the end, as `search`)
        self.restatement = engines.compile(r"^[\s,]*" + alt(c["restatement_joiners"]) + r"\s*$", regex.I)


def _last_tokens(phrases) -> tuple:
    """The last blank-free pieces of `phrases`, lower case: a cue matched at the end of a text (`cue\\s*$`)
    leaves the text, cut of its end blanks, ending with one of them."""
    return tuple({str(p).split()[-1].lower() for p in phrases if str(p).split()})


@functools.lru_cache(maxsize=1)
def cues() -> _Cues:
    return _Cues()


def approx_of(before: str, after: str = "") -> str | None:
    """The qualifier right before the number (`gần`, `trên`, `khoảng`, `không quá` ...), a bare
    comparative (`thấp hơn 50%.`), or a bound after it (`từ 7.000 đồng trở xuống`)."""
    c = cues()
    tail = before[-25:]
    # the cues end the tail: only those whose last piece it ends with are tried (`str.endswith`)
    low = tail.rstrip().lower()
    for o in c.bound_odd:   # (a loop, not `any` over a generator: run for every figure)
        if o in tail:
            low = None
            break
    best = None
    if low is not None and not low.endswith(c.bound_lasts):
        b = c.bound_after_rx.match(after) if after else None
        return c.bound_after[" ".join(b.group("b").lower().split())] if b else None
    for key, rx, lasts in c.approx:
        if low is not None and not low.endswith(lasts):
            continue
        m = rx.search(tail)
        if m and key == "over" and c.approx_not_initial.search(before[-40:]):
            continue  # `Ngoài hai chiếc ...`: besides, not over
        if m and key == "over" and c.approx_out_of.search(before[-40:]):
            continue  # `9 trên 12 CLB`: out of, not over
        if m and c.approx_not_words.match(tail, None, None, False):
            continue  # `dựa trên 3 yếu tố`: based on, not over; `kích cỡ 38mm`: the size, not about
        if m and (best is None or len(m.group(0)) > best[1]):
            best = (key, len(m.group(0)))
    if best is None and c.offer_up_to.match(tail, None, None, False):
        best = ("at_most", 0)   # `ưu đãi lên đến 50%`: an offer's `up to`
    if after:
        b = c.bound_after_rx.match(after)
        if b:
            return c.bound_after[" ".join(b.group("b").lower().split())]
    if c.difference.search(before[-60:]):
        # `đá ít hơn 1 trận`: a difference, no bound (nor `over` for the comparative's own `hơn`)
        return best[0] if best and not (low or tail.rstrip().lower()).endswith("hơn") else None
    for key, rx, lasts in c.comparative:
        if low is not None and not low.endswith(lasts):
            continue
        m = rx.search(tail)
        if m and (best is None or len(m.group(0)) >= best[1]):
            if c.comparison_after.match(after):
                return None  # `cao hơn 17 triệu đồng so với ...` is a change, not a bound
            best = (key, len(m.group(0)))
    return best[0] if best else None


def figure_cues(text: str, start: int, end: int):
    """The no-fact, change and kind cues of `text[start:end]` (a sentence up to its last figure) read in one
    pass: `.found(a, b)` gives the cue lists matching in `text[a:b]` (None: outside, or not read that way),
    which `is_no_fact`, `change_of` and `kind_of` take instead of each scanning its slice again."""
    return cues().figure_groups.slices(text, start, end)


def is_no_fact(sentence_before: str, found=None) -> bool:
    """An illustration (`Ví dụ: 100 đồng ...`), a denied claim (`không có nghĩa là ... 25.000 tỷ`), a
    counterfactual (`nếu không có ..., đã ...`), a market's price band (`phân khúc dưới 2 triệu`) or a hypothetical (`nếu ... thì lợi nhuận khoảng ...`) before the figure in its sentence: FACTS.md says
    none is a fact."""
    c = cues()
    # (None: cannot tell, each is tried as before; `found`: `figure_cues` of the same text, where a caller has them)
    groups = c.no_fact_groups.found(sentence_before) if found is None else found
    if groups is None:
        if c.illustration_may.may(sentence_before) and _illustrates(sentence_before):
            return True
        if c.denial_may.may(sentence_before) and c.denial.search(sentence_before):
            return True
    else:
        if "illustration" in groups and _illustrates(sentence_before):
            return True
        if "denial" in groups and c.denial.search(sentence_before):
            return True
    tail = sentence_before[-30:]
    if c.segment_may.may(tail) and c.segment.match(tail, None, None, False):   # (reverse, ending in `\s*$`: `match` from the end)
        return True   # `phân khúc dưới 2 triệu`, `tầm giá 1 tỷ đồng`: a band of a market, not a figure
    if (c.counterfactual_may.may(sentence_before) if groups is None else "counterfactual" in groups) \
            and c.counterfactual.search(sentence_before):
        return True   # `nếu không có ..., đội đã rớt hạng từ 2 vòng trước`: what would have been
    h = c.hypothetical.search(sentence_before) if c.then_seek(sentence_before) else None
    return bool(h and c.hedge.search(h.group("rest")))


def supposed(sentence_before: str) -> bool:
    """A count or a measure inside a condition (`nếu 95 người ...`, `Nếu TP.HCM làm nhà 5 tầng thì`, `nếu nhận thêm 1
    thẻ vàng, anh sẽ`): what the condition supposes, no fact (FACTS.md: hypotheticals); a bound before it makes it a
    rule's threshold, a fact (`nếu đạt trên 700 điểm`, cues.yaml condition_threshold). Only counts and measures:
    a price or a rate named in a condition is mostly the one in force (`nếu cắt khúc giá bán khoảng 300.000 đồng/kg`,
    `nếu Fed giữ nguyên lãi suất 0%-0,25%`). So is a count or a measure after the condition with a modal of what would
    come before it (`Nếu vô địch, đội sẽ có 8 lần vô địch`, cues.yaml consequence_open); a price, a fine or a prize
    there is mostly a rule in force (`nếu vi phạm, có thể bị phạt 100 USD`), a rate mostly a study's finding."""
    c = cues()
    if c.consequence_may.may(sentence_before) and c.consequence.search(sentence_before):
        return True   # `Nếu vô địch, đội sẽ có 8 lần`: a count or a measure a supposition would bring
    if not c.condition_may.may(sentence_before) or not c.condition_seek(sentence_before):
        return False
    m = c.condition_figure.search(sentence_before)
    return bool(m and not c.condition_threshold.search(sentence_before[-24:], None, None, False)   # `nếu đạt trên 700 điểm`: a rule's bound
                and not c.condition_past.search(sentence_before, m.start()))   # `Nếu tuần trước chỉ 25 chuyến`: a contrast


def _illustrates(text: str) -> bool:
    """A cue of an illustration that is no example taken from the world (cues.yaml illustration_real)."""
    c = cues()
    return any(not c.illustration_real.match(text, m.start(), None, False) for m in c.illustration.finditer(text))


def change_of(before: str, cls: str, after: str | None = None, found=None) -> str | None:
    """`tăng 7,5%` up, `giảm 1,1%` down; a level verb after the change verb cancels it
    (`tăng 40,8% lên 64.340 tỷ đồng`: the second figure is a level), and so does a bare
    comparative with no comparison after the figure (`thấp hơn 50%.` is a bound)."""
    c = cues()
    if (c.change_set.found(before) is False) if found is None else "change" not in found:
        return None   # no change cue anywhere (one Aho-Corasick pass; `found`: `figure_cues` of `before`)
    last = previous = None
    for m in c.change.finditer(before):
        if c.change_not.match(before, m.start()):
            continue
        if m.group(0).lower() in c.change_free_word and (
                _inside_word(before, m) or _ends_word(before, m) or c.change_free_stop.search(before, m.end())):
            continue
        if ("”" in before or '"' in before) and _quoted(before, m.start(), m.end()):
            continue   # `chương trình “Triệu bước đi, đẩy lùi Cô-vi”, gây quỹ 2 tỷ đồng`: a word of a name
        previous, last = last, m
    if last is None:
        return None
    if cls == "count" and c.overcome.match(before, last.start()):
        return None   # `vượt qua 300 ứng viên khác`: rivals overcome, no rise (cues.yaml overcome_before_count)
    direction = "up" if last.group("up") else "down"
    rest = c.enumeration.sub(" ", before[last.end():])
    if rest.rfind("(") > rest.rfind(")") and " ".join(last.group(0).lower().split()) in c.compared:
        return None   # `vượt Singapore (337,5 tỷ USD)`: the level of what is compared (cues.yaml)
    if last.group(0).lower() in c.cost_verbs:
        if c.cost_before.search(before, max(0, last.start() - 12), last.start()) or after and c.cost_after.match(after):
            return None   # `phải mất 1.599 USD để mua vé`: what it takes, no fall (cues.yaml cost_verbs)
        if cls in c.cost_verb_levels and not (previous is not None and not before[previous.end():last.start()].strip()) \
                and not (cls == "money" and c.cost_verb_price.search(before)):
            return None   # `bị mất 20 triệu đồng`, `mất 2 cầu thủ`: what was lost or spent (cues.yaml cost_verb_levels)
    lead = max(0, last.start() - 12)
    nb = c.negated_bound.search(before[lead:], None, None, False)
    if nb and not (len(before[last.end():lead + nb.start()].split()) > 1
                   and " ".join(last.group(0).lower().split()) in c.compared):
        return None  # `không được vượt quá 20%` is a bound, not a change (its negation stands before the verb);
        # after a comparative with its comparison between (`thấp hơn năm ngoái nhưng không quá 3 điểm`) it bounds
        # the gap, which is still a change
    if c.level_bound.search(before, last.end(), None, False):
        return None  # `cao hơn mức tối thiểu 8%`, `vượt quá giới hạn tối đa 500m`: the level of the bound
    words = rest.split()
    if after is not None and (c.from_level.match(after) or c.from_level_far.match(after)) \
            and (words[-1:] and words[-1] in c.range_lead or len(words) <= 3 and c.range_lead & set(words)):
        return None  # `tăng từ 37.088 tỷ đồng lên 47.325 tỷ đồng`, `tăng vốn điều lệ đăng ký từ 12.500 tỷ đồng lên`:
        # the level it starts from
    if after is not None and not rest.strip() and not c.comparison_after.match(after) \
            and any(rx.search(before[last.start():]) for _, rx, _ in c.comparative) \
            and not (c.difference.search(before[-60:])
                     and not c.difference_party.match(after)):
        return None
    if (c.level.search(c.comparison_words.sub(" ", rest)) or c.level_have.search(rest) and " ".join(last.group(0).lower().split()) not in c.have_only_after) \
            and not c.change_size.match(before, last.end()):
        if cls == "ratio" and c.growth.search(before[max(0, last.start() - 8):last.end() + 1]):
            return direction  # `tăng trưởng tín dụng đạt 5%` is a growth rate
        return None
    if "," in rest and not any(ch.isdigit() for ch in rest):
        head, _, tail = rest.rpartition(",")
        head = head.split(",", 1)[0]
        if tail.strip() and len(head.split()) <= c.change_comma_words and not c.change_comma_size.match(tail) \
                and not c.change_comma_list.search(head):
            return None   # `chúng tôi giảm giá, bán 1,7 triệu đồng/kg`: another predicate's level (cues.yaml change_comma_size)
    if len(rest.split()) > 8 and not (len(rest.split()) <= 20 and " ".join(last.group(0).lower().split()) in c.compared
                                      and c.comparison_words.search(rest)):
        return None   # (a comparative's own comparison, `so với` ... a gap's lead, may name a long list of rivals)
    if c.change_closed.match(rest) or not before[:last.start()].strip() and c.change_comma.fullmatch(rest):
        return None   # `có 397 mã tăng và 120 mã giảm`, `80 mã tăng, 60 mã giảm`: the verb is the figure's before
        # (cues.yaml change_closed_by)
    return direction


def _quoted(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] stands between an opening quote and its closing quote (both in `text`) and more than a word
    follows the closing quote (`giá "tăng vọt" 2 triệu đồng`, `"tăng sốc" thêm 5%`: a scare-quoted change still
    governs the figure right after it)."""
    rest = text[b:]
    if text.rfind("“", 0, a) > text.rfind("”", 0, a) and rest.find("”") >= 0 \
            and (rest.find("“") < 0 or rest.find("“") > rest.find("”")):
        return len(rest[rest.find("”") + 1:].split()) > 1
    if text.count('"', 0, a) % 2 == 1 and '"' in rest:
        return len(rest[rest.find('"') + 1:].split()) > 1
    return False


def base_of(before: str, after: str) -> str | None:
    c = cues()
    m = c.base_after.match(after)   # (anchored at `^`: `match` is `search`, without trying every later start)
    if m:
        return "plan" if m.group("plan") else "prior"
    if before.endswith(" ") and c.base_multiple_before.search(before[-30:]) \
            and c.base_multiple_prior.match(after):
        return "prior"   # `gấp 20 lần tổng số ca bệnh của năm 2020` (cues.yaml base_multiple_prior)
    if not before or not c.base_before_may.may(before):
        return None
    if c.base_before_plan.search(before):
        return "plan"
    if c.base_before_prior.search(before):
        return "prior"
    return None


@functools.lru_cache(maxsize=4096)
def _cues_in(text: str) -> tuple:
    """(kind, position) of every estimate and plan cue in `text` (cached: the sentence before
    a clause is read again for every figure of the clause)."""
    c = cues()
    if not text:
        return ()
    groups = c.kind_groups.found(text)   # (None: cannot tell, both are scanned)
    found = [("estimate", m.start()) for m in c.estimate.finditer(text)
             if not _inside_word(text, m) and not _ends_word(text, m)] \
        if (groups is None or "estimate" in groups) else []
    if groups is not None and "target" not in groups:
        return tuple(found)   # already in order
    for m in c.target.finditer(text):
        lead = text[max(0, m.start() - 15):m.start()]
        if c.not_target_before.search(lead, None, None, False):
            continue
        if c.after_figure.search(lead, None, None, False) and c.base_cue.fullmatch(m.group(0)):
            continue  # `đạt 102 kế hoạch`; but `năm 2017 đặt mục tiêu` is a plan
        if _inside_word(text, m):
            continue
        if c.not_target_after.search(text[m.end():m.end() + 20]):
            continue
        if m.group(0).lower() in c.wishes and (c.wish_void.search(text, max(0, m.start() - 30), m.start())
                                               or c.wish_opening and c.wish_opening.search(text, max(0, m.start() - 12), m.start())):
            continue  # `không muốn`, `ai muốn`, `nếu muốn`, `khách muốn`, `Muốn thắng, ...`: no one plans the figure
        nouns = c.cue_nouns.get(" ".join(m.group(0).lower().split()))
        if nouns and (nouns[0] and nouns[0].search(text, max(0, m.start() - 60), m.start())
                      or nouns[1] and nouns[1].match(text, m.end())):
            continue  # `vấn đề đặt ra`, `đặt ra câu hỏi`, `vốn cam kết`: another word, no plan (cues.yaml cue_nouns)
        if m.group(0).lower().endswith(c.approvals) and c.vote.match(text, m.end()):
            continue  # `được thông qua với 95% số đại biểu tán thành`: how a vote went, no plan
        piece = max(0, text.rfind(",", 0, m.start()) + 1)   # (where the cue's comma-piece starts)
        if m.group(0).lower() in c.possible and c.possible_real.search(text, piece, m.start()):
            found.append(("estimate", m.start()))   # `số ca thực tế có thể cao gấp 30 lần`: a guess at what is now
            continue
        if m.group(0).lower() in c.possible and not _possible_forecast(text, m.end()):
            continue  # `tàu có thể chở 30 trực thăng`, `xe có thể tăng tốc từ 0-100 km/h`: a capability, no plan
        if m.group(0).lower() in c.possible and c.possible_extent.match(text, m.end()) \
                and not c.possible_future.search(text, piece, m.start()):
            continue  # `bão có độ cao có thể lên đến 18 km`: how far it can go, no forecast (cues.yaml possible_extent_links)
        if c.base_cue.fullmatch(m.group(0)) and c.target_done.match(text, m.end()):
            continue  # `Chỉ tiêu xuất khẩu vượt kế hoạch`: a plan met is no plan cue
        found.append(("target", m.start()))
    return tuple(sorted(found, key=lambda x: x[1]))


def _possible_forecast(text: str, at: int) -> bool:
    """Whether `có thể` ending at `at` heads a verb of amount (`có thể đạt`, `có thể sẽ giảm`): a forecast. A verb of
    `change_not` (`có thể tăng tốc`) or a verb that starts a longer word (`nhận` in `có thể nhận diện`) is another
    verb: a capability; a degree word after it keeps the verb (`có thể giảm nhẹ`, `có thể nâng cao`)."""
    c = cues()
    f = c.possible_forecast.match(text, at)
    if not f or c.possible_not.match(text, at):
        return False
    verb = f.group("verb")
    nxt = _NEXT_SYLLABLE.match(text, f.end(), None, False)
    return not (" " not in verb and nxt and nxt.group(1).lower() not in c.possible_degree
                and lexicon.is_word(f"{verb.lower()} {nxt.group(1).lower()}"))


def _inside_word(text: str, m) -> bool:
    """A cue whose last syllable starts a longer word is no cue (`ước` in `ước mơ`, `được giao` in `được giao dịch`;
    `sẽ` stays). A cue of several syllables that is a word itself keeps them (`dự báo giá vàng`, not `báo giá`)."""
    cue = m.group(0)
    if " " in cue and lexicon.is_word(cue.lower()):
        return False
    nxt = _NEXT_SYLLABLE.match(text, m.end(), None, False)
    return bool(nxt and lexicon.is_word(f"{cue.split()[-1].lower()} {nxt.group(1).lower()}"))


_NEXT_SYLLABLE = regex.compile(r"[ \t]+(\p{L}+)")


def _ends_word(text: str, m) -> bool:
    """A one-syllable estimate cue that ends a longer word is no cue (`ước` in `mơ ước`,
    `hiệp ước`); only estimate cues: `mong muốn` is still a wish."""
    cue = m.group(0)
    if " " in cue:
        return False
    prev = _PREV_SYLLABLE.search(text, 0, m.start(), False)
    return bool(prev and lexicon.is_word(f"{prev.group(1).lower()} {cue.lower()}"))


_PREV_SYLLABLE = regex.compile(r"(\p{L}+)[ \t]+$")


def kind_of(clause_before: str, sentence_before: str = "", after: str = "", found=None, found_before=None) -> str:
    kind = _kind_of(clause_before, sentence_before, after, found, found_before)
    if kind != "actual" and (_now_level(clause_before, after) or _habitual(sentence_before + clause_before)):
        return "actual"
    return kind


def _habitual(before: str) -> bool:
    """A sentence opening with a word of habit (cues.yaml habitual_openers: `Thông thường, sẽ có khoảng 30.000 quân
    nhân tham gia`) whose only plan cues are `sẽ` (habitual_future) tells what usually happens: no plan."""
    c = cues()
    if c.habitual.search(before) is None:
        return False
    at = [p for k, p in _cues_in(before) if k == "target"]
    return bool(at) and all(c.habitual_future.match(before, p) for p in at)


def _now_level(clause_before: str, after: str) -> bool:
    """The figure is the level of now inside a plan (cues.yaml now_level_words): a now word right after it (`từ mức
    37% như hiện tại lên 39,6%`), or a comparison with now before it in its clause after the last cue (`tăng 25% so với
    hiện nay trung bình khoảng 60.000 lượt`), or the base the plan is compared with (cues.yaml compared_figure_gap:
    `so với mức 4.200 xe`)."""
    c = cues()
    if c.now_level_after.match(after):
        return True
    base = c.compared_figure.search(clause_before)
    if base is not None and not _cues_in(clause_before[base.start():]):
        return True   # `dự kiến đạt 2,9%, cao hơn so với mức tăng 2,4% của năm 2016`: the base a plan is set against
    m = None
    for m in c.now_compared.finditer(clause_before):
        pass
    if m is None:
        return False
    rest = clause_before[m.end():]   # (no figure, bracket nor cue between: `so với hiện nay (giảm chi 9,94 tỉ đồng)`)
    return "(" not in rest and not any(ch.isdigit() for ch in rest) and not _cues_in(rest)


def _kind_of(clause_before: str, sentence_before: str = "", after: str = "", found=None, found_before=None) -> str:
    """What governs a figure: a cue in its own clause (a plan cue beating an
    estimate cue after it), else a plan cue earlier in the sentence, whose
    `;`-separated list it heads; `đã` makes a figure actual again. Also a plan
    whose amount is given in parentheses (`60% kế hoạch (782,3 tỷ đồng)`), and a
    plan cue right after the figure (`4.783 tỷ đồng ... sẽ được dùng`). `found`, `found_before`: `figure_cues`
    of `clause_before` and of `sentence_before`, where the caller has them."""
    c = cues()
    window = clause_before[-40:]
    if "(" in window and c.plan_paren.search(window, None, None, False):   # (its every match holds a `(`: most clauses none)
        return "target"
    # (no estimate nor plan cue in the clause: no scan; `_cues_in` finds none)
    own = () if found is not None and "estimate" not in found and "target" not in found else _cues_in(clause_before)
    earlier = () if found_before is not None and "estimate" not in found_before and "target" not in found_before \
        else _cues_in(sentence_before)
    if own or earlier:   # a cue before the clause's contrast (`, nhưng`, `, trong khi`) governs nothing after it
        cut = c.contrast_cut.search(clause_before, None, None, False)
        if cut:   # `giá có thể lên tới 80.000 đồng/kg, nhưng hiện chỉ còn 20.000 đồng/kg`
            own, earlier = tuple((k, p) for k, p in own if p >= cut.end()), ()
    if own:   # a plan noun that may name a topic governs its own comma-piece only (cues.yaml own_clause_cues)
        own = tuple((k, p) for k, p in own if k != "target" or not _topic_plan(clause_before, p))
    if own:
        kind, at = own[-1]
        if any(k == "target" for k, _ in own):
            kind, at = "target", [p for k, p in own if k == "target"][-1]
        if c.actual_again.search(clause_before, max(at + 1, len(clause_before) - 30)):
            return "actual"  # `đã đạt 5 tỷ`; a far `đã` (`ước tính ... ngân hàng đã niêm yết ... là`) is no verb of the figure
        return kind
    if earlier:   # a plan noun that names a topic governs its own comma-piece only (cues.yaml own_clause_cues)
        earlier = tuple((k, p) for k, p in earlier if k != "target" or not _topic_plan(sentence_before, p))
    if earlier and ";" in sentence_before:
        # a plan cue inside a middle item of a `;` list governs that item only (`...; xây dựng kế hoạch thiết lập
        # bệnh viện 200 giường; có 5 khu cách ly`); one in the head before the first `;` heads the whole list
        first = sentence_before.find(";")
        earlier = tuple((k, p) for k, p in earlier if not (first < p and ";" in sentence_before[p:]))
    if earlier:
        kinds = [k for k, _ in earlier]
        if "target" in kinds:
            if c.actual_again.search(clause_before):
                return "actual"   # a clause of its own that tells what was done (`...; tỉnh đã thu hút 19 dự án`)
            return "target"
        if c.breakdown.search(clause_before):
            return "estimate"
    if after and c.target_after_may.may(after[:c.target_after_reach]) and c.target_after.match(after) \
            and not c.past_before.search(clause_before, max(0, len(clause_before) - 30), None, False):
        return "target"
    return "actual"


def _topic_plan(text: str, at: int) -> bool:
    """The plan cue at `at` is one of cues.yaml own_clause_cues that governs no figure past the end of `text`: a `,` or
    `;` (outside brackets) stands between them, and the cue does not open its sentence or clause as its subject (`Phương án mở rộng được chọn là ..., công suất 10 triệu khách/năm`
    sets every figure of the sentence), nor frames what follows (`theo phương án ..., tổng vốn khoảng 88.530 tỷ đồng`)."""
    c = cues()
    if not c.own_clause_only.match(text, at):
        return False
    head = text[:at]
    cut = max(head.rfind(ch) for ch in ".:;!?\n")
    if not any(ch.isalpha() for ch in head[cut + 1:]) or c.own_clause_frame.search(head, max(0, at - 20)):
        return False
    rest = text_mod.BRACKET.sub("", text[at:])
    return "," in rest or ";" in rest



def is_connector(gap: str) -> bool:
    return bool(cues().connector.match(gap))


def is_restatement(gap: str) -> bool:
    """`tương ứng`, `tương đương`, `(` alone between two figures: the second says the first again."""
    return bool(cues().restatement.match(gap))
