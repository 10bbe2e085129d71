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

import dataclasses
import functools
import operator
import threading

import regex

from . import engines
from . import metrics, patternbook, text as text_mod
from .text import memo_of
from .provinces import province_regex
from .org_mentions import (acts_as_org, brand_candidates, coordinated, grammar, is_source, is_syllable, org_category,
                           strong_brand)
from .org_mentions import category as _category, is_generic, type_of, dictionary, brand_like
from .org_mentions import _CAP_AFTER as _NAME_AFTER   # a capital right after the type word: a name goes on (or a place's)


class _Rules:
    def __init__(self):
        d = patternbook.load("organizations")
        alt = patternbook.alternation
        markers = d["no_org_markers"]  # case-sensitive (`thế giới` is no `Ngân hàng Thế giới`), sentence-initial too
        o = patternbook.load("ownership")
        markers = [m for m in markers if m not in o["ratio_markers"]] + list(o["market_markers"])  # `chỉ số P/E` is a company's
        # (Prefiltered: tried only where a phrase starts, found by a faster `re` scan; same matches)
        no_org = list(markers) + [m[:1].upper() + m[1:] for m in markers]
        unless = d["no_org_marker_not_before"]   # `ngành` (a sector), not `ngành đào tạo` (a school's programme)
        plain = [m for m in no_org if m.lower() not in unless]
        qualified = "".join(r"|" + alt([m for m in no_org if m.lower() == k]) + r"(?!\s+" + alt(v, lead=False) + r")"
                            for k, v in unless.items())
        self.no_org = patternbook.Prefiltered(engines.compile(r"(?:" + alt(plain) + qualified + r"|(?<!\w)" + patternbook.choice(_capitalised(o["ratio_markers"])) + r"(?!\w)(?!\s+"
                                                            + alt(o["company_ratios"], lead=False) + r"))"),
                                              no_org + _capitalised(o["ratio_markers"]))
        self.object_before = regex.compile(alt(d["object_markers"]) + r"\s*$", regex.REVERSE)
        # `hơn đội nhì bảng Viettel ba điểm`: the one compared, a few words of its kind between
        # (`thấp hơn giá SMBC mua vào 39.417 đồng`: after a difference word even the one's metric makes it the reference,
        # and the difference is the clause subject's: `BVH ở mức 57.400 đồng, thấp hơn giá SMBC mua vào 39.417 đồng`)
        self.difference_before = regex.compile(alt(o["difference_words"]) + r"(?:\s+[\p{Ll}\d]+){0,5}\s*$")
        plain = [w for w in o["compared_before"] if w not in o["difference_words"]]
        self.compared_before = regex.compile(r"(?:" + alt(plain) + r"\s+(?!" + alt(o["compared_metrics"]) + r")|"
                                             + alt(o["difference_words"]) + r"\s+)(?:\s*(?!" + alt(o["clause_openers"])
                                             + r")[\p{Ll}\d]+(?![\p{Ll}\d])){1,5}\s*$")
        # (each of the 1-5 pieces a whole word: `\s*` may be empty, and a word split into pieces every way was
        # backtracked through; a split adds no match, the openers starting only after a blank: `(?<!\w)`)
        # `SMBC gây chú ý khi Sumitomo Life chi thêm ...`: a clause word, then a name acting
        self.new_subject = regex.compile(alt(list(o["clause_openers"]) + list(o["subject_joiners"])) + r"\s+(\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,2})\s+\p{Ll}")
        # `VCB kéo 2,16 điểm`: a stock's pull on an index, in the index's points
        self.index_pull = regex.compile(alt(o["index_pull_verbs"]) + r"(?:\s+\p{Ll}+){0,2}\s*$")
        # `Viettel nâng tỷ lệ xã phủ ... trên toàn quốc lên`: a business's own verb (auxiliaries before it) opens on the object
        self.coverage_verb = engines.compile(r"\s*(?:" + alt(d["predicate_auxiliaries"]) + r"\s+)*" + alt(o["coverage_verbs"]) + r"\s")
        self.coverage_scopes = frozenset(o["coverage_scopes"])
        self.predicate_joiners = tuple(o["predicate_joiners"])
        self.activity_market = regex.compile(r"^\s*" + alt(o["activity_market_links"]) + r"(?:\s+" + alt(o["activity_market_heads"])
                                             + r"(?:\s+[\p{Ll}\d]+){0,3})?\s+$")
        self.object_near = regex.compile(alt(d["object_markers"]) + r"(?:\s+\p{Ll}+){0,2}\s*$")
        self.place = engines.compile(alt(d["place_markers"]), regex.I)
        self.place_at = patternbook.Prefiltered(self.place, d["place_markers"])  # (for `_in` only)
        self.non_org_possessor = engines.compile(r"(?<!\w)của\s+(?:" + alt(d["non_org_possessors"]) + r"|(?:" + patternbook.choice(d["plural_org_quantifiers"]) + r"|\d+)\s+"
                                            + alt(d["plural_org_nouns"]) + ")")
        self.possessor_at = patternbook.Prefiltered(self.non_org_possessor, ["của"])  # (for `_in` only)
        self.market_after = regex.compile(r"\s*(?:" + alt(o["reference_time_words"]) + r"\s+)?của\s+(?:"
                                          + alt(d["non_org_possessors"]) + r"(?!\s+\p{Lu})|" + alt(o["reference_possessors"]) + ")")
        self.person = patternbook.Prefiltered(regex.compile(alt(d["person_titles"]) + r"\s+\p{Lu}\w*(?:\s+\p{Lu}\w*){0,3}"),
                                              d["person_titles"])
        self.owners_owner = regex.compile(r"^\s*của\s+(?:" + alt(d["person_titles"]) + r"\s+(?:\p{Lu}\w*\s*){1,4})?")
        self.first_person = engines.compile(alt(d["first_person"]))
        self.org_title = regex.compile(alt(d["org_titles"]) + r"\s*$", regex.REVERSE)
        self.speaking = engines.compile(alt(d["speaking_verbs"]))
        # `Theo ông X, Tổng giám đốc Công ty Y, ...`: a fronted `theo`, a person phrase up to its comma or dash (or none),
        # then the officer's post right before the organization's name
        self.post_quoted = engines.compile(r"(?<!\w)" + patternbook.choice(d["source_of_openers"]) + r"\s+(?:[^,;:.!?()\n]{1,40}?(?:,|\s[-–])\s*)?"
                                         + alt(o["speaking_posts"], lead=False) + r"\s*$")
        # what the quoted officer's clause may open on, its own subject: a market, people, a territory
        people = list(o["person_subjects"]) + list(o["reported_people_heads"])  # (not customers: `khách hàng vay` is its business)
        self.reported_subject = regex.compile(r"[\s,:]*[\"“]?\s*(?:" + alt(_capitalised(o["market_subjects"])) + r"\s+(?!\d)\w|"
                                              + alt(_capitalised(people)) + r"\s+\p{Ll}|" + alt(_capitalised(o["territory_words"])) + r"\s+\p{Lu})")
        # `Theo ông Hùng, ...`, `bà Yến cho biết, ...`: a person named by title and name speaking in the figure's sentence
        honorific = patternbook.choice(o["speaker_honorifics"])
        self.named_speaker = regex.compile(r"(?:(?<!\w)" + patternbook.choice(d["source_of_openers"]) + r"\s+" + honorific
                                           + r"\s+(\p{Lu}\w*(?:\s+\p{Lu}\w*){0,3})\s*,|(?<!\w)" + honorific
                                           + r"\s+(\p{Lu}\w*(?:\s+\p{Lu}\w*){0,3})\s+" + alt(d["speaking_verbs"]) + r"\s*[,:]?)")
        self.speaker_honorific = honorific
        self.honorific_at = engines.compile(r"(?<!\w)" + honorific + r"\s")   # (`_candidate`'s cheap test for a person)
        self.label_or_possessor = engines.compile(r":|(?<!\w)" + patternbook.choice(o["possessor_links"]) + r"(?!\w)")
        # (a post may carry its abbreviation: `Chủ tịch Hội đồng quản trị (HĐQT) Tân Tạo`)
        self.post_before = regex.compile(alt(o["speaking_posts"]) + r"(?:\s*\(\p{Lu}[\p{Lu}&-]{1,7}\))?\s*$")
        self.holding = regex.compile(alt(d["holding_verbs"]) + r"(?:\s+\S+){0,4}?\s+" + patternbook.choice(d["held_securities"]) + r"\s*$", regex.REVERSE)
        self.joint = engines.compile(r"^\s*(?:,|&|" + alt(d["joint_words"]) + r")\s*$")
        self.reporting_verb = engines.compile(alt(list(o["reporting_verbs"]) + list(o["directive_verbs"])))
        self.directive_verb = engines.compile(alt(o["ordering_verbs"]))
        self.bare_company_words = frozenset(o["bare_company_words"])
        self.generic_compound = engines.compile(alt(o["generic_compound_before"]) + r"\s*$")
        self.referent_not_after = engines.compile(alt(o["referent_not_after"]) + r"\s+$")
        self.grants = engines.compile(alt(o["granting_verbs"]))
        self.set_share = engines.compile(r"\s*" + patternbook.choice(o["plural_markers"]) + r"\s+" + alt(list(o["set_nouns"]) + list(o["set_share_nouns"]))
                                       + r"(?!\s+" + alt(o["own_unit_after"]) + r")")
        self.forecast_verb = engines.compile(alt(o["forecast_verbs"]))
        self.report_of = regex.compile(r"(?:" + patternbook.choice(d["source_of_openers"]) + r"\s+)?" + alt(_capitalised(o["report_nouns"]))
                                       + r"(?:\s+\S+){0,3}?\s+" + patternbook.choice(d["source_of_links"]) + r"\s"
                                       r"|(?:^|[,;:]\s*)" + patternbook.choice(d["source_of_openers"]) + r"(?:\s+\p{Ll}+){0,3}\s*$")  # `Theo chủ đầu tư Ban X, ...`
        self.own_metric = engines.compile(alt(o["body_own_metrics"]), regex.I)
        # a clause ends at `;` `:`, a comma that is no decimal comma (`2,1%`), or a contrast word (`trong khi`)
        self.clause_sep = engines.compile(r"[;:]|,(?!\d)|\s(?:" + "|".join(o["clause_contrast_words"]) + r")\s")
        self.later_subject = engines.compile(r"(?<!\w)" + patternbook.choice(o["later_subject_openers"]) + r"[ \t]*,?[ \t]*$")
        # (plain words: a text holding none of them has no contrast cut; else None, always scanned)
        self.contrast_words = tuple(o["clause_contrast_words"]) \
            if all(ch.isalnum() or ch == " " for w in o["clause_contrast_words"] for ch in w) else None
        num = r"\d[\d.,]*(?:\s*[-–]\s*\d[\d.,]*)?\s*"
        self.spec_unit = engines.compile(num + alt(o["spec_units"], lead=False) + r"\s*$")
        self.dimension_unit = engines.compile(num + alt(o["dimension_units"], lead=False) + r"\s*$")
        self.market_count = engines.compile(num + alt(o["market_count_units"], lead=False) + r"\s*$")
        self.rule = engines.compile(alt(o["rule_markers"]))
        # (not `hãng xe`, a carmaker: `hãng xe Ford`)
        self.vehicle_part = engines.compile(r"(?<!" + patternbook.choice(_capitalised(o["maker_words"])) + r"\s)" + alt(_capitalised(o["vehicle_parts"])) + r"(?!\w)")
        # `Luật X quy định ...`, `Theo Điểm b, Khoản 2, Điều 3 Thông tư số 92/2015/TT-BTC: ...`: a law named, by its name,
        # its number or its act (not `luật sư`, a lawyer)
        self.law_named = regex.compile(alt(_capitalised(o["law_names"])) + r"\s+(?:\p{Lu}|\d|" + alt(o["law_name_links"], lead=False) + r"(?!\w))")
        group = alt(list(o["group_quantifiers"]) + [g[:1].upper() + g[1:] for g in o["group_quantifiers"]]) \
            + r"\s+" + alt(o["group_nouns"])
        countries = alt(d["countries"])
        self.fallback_never = set(o["fallback_never"])
        self.product_price_keys = set(o["product_price_keys"])
        self.never_owned = set(o["never_owned"])
        persons = list(o["person_subjects"]) + [w[:1].upper() + w[1:] for w in o["person_subjects"]]
        # (`Chị T.H ở Bình Phước đã đi vay ...`: the person's name may follow, when no report of theirs does: `Ông X cho biết`)
        self.person_subject = regex.compile(r"(?:^|(?<=[,;:.])|(?<=\s" + patternbook.literal_trie(o["person_subject_copulas"])
                                            + r"))\s*" + alt(persons) + r"(?:\s+\p{Lu}[\p{L}.]*){0,4}(?!\s+(?:\p{Ll}+\s+)?"
                                            + alt(d["speaking_verbs"]) + r")\s+\p{Ll}")
        # `..., giúp vị tỷ phú thu về 43 triệu USD`: a person made the subject of the figure's verb
        self.person_caused = regex.compile(alt(o["causing_words"]) + r"\s+" + alt(o["person_subjects"]) + r"\s+\p{Ll}")
        self.person_possessor = engines.compile(r"(?<!\w)của\s+" + alt(persons) + r"(?!\w)")  # `thu nhập của họ`
        self.territory_subject = regex.compile(r"(?:^|(?<=[,;:.]))\s*" + alt(o["territory_words"]) + r"\s+\p{Lu}")
        self.spec_before = engines.compile(alt(_capitalised(o["spec_nouns"])) + r"(?:\s+\S+){0,3}?\s*$")
        # `Độ chính xác trích xuất thông tin theo trường đạt trên 98%`: a specification opening the figure's segment
        self.spec_head = engines.compile(r"\s*" + alt(_capitalised(o["spec_nouns"])))
        self.spec_verb = engines.compile(alt(o["spec_verbs"]) + r"\s*$")
        self.spec_after = engines.compile(r"\s*" + alt(o["spec_nouns"]))
        not_subject = r"(?=\p{Lu})(?<!(?:" + "|".join(map(regex.escape, o["not_subject_after"])) + r")\s)"
        self.other_subject = regex.compile(r"(?:" + group + r"|" + not_subject + countries + r"\s+\p{Ll})")
        # `Đơn cử như Hà Nội còn nợ 2.170 tỷ đồng`, `Mỗi năm An Giang đón hơn 6 triệu lượt khách`: a province acting,
        # not inside a longer name (`Bưu điện Hà Nội`) nor after a place word (`tại`, `địa bàn`)
        placed = r"(?<!(?:" + "|".join(map(regex.escape, list(o["not_subject_after"]) + list(o["place_heads"]))) + r")(?:\s+(?:" \
            + "|".join(map(regex.escape, o["territory_words"])) + r"))?\s)"
        typed = r"(?<!(?:" + "|".join(map(regex.escape, sorted({t for ts in d["org_types"].values() for t in ts}, key=len,
                                                                 reverse=True))) + r")(?:\s+\p{Ll}+){1,3}\s)"  # `Nhà máy đạm Ninh Bình`
        self.located_leads = frozenset(o["located_leads"])
        self.province_subject = regex.compile(not_subject + placed + typed + r"(?<![-–&]\s|[\p{L}\d.])("
                                              + province_regex().pattern + r")\s+\p{Ll}")
        self.group_subject = regex.compile(group + r"(?:\s+\p{Ll}+){0,2}?\s+" + alt(o["group_verbs"]) + r"\s")
        # (Prefiltered: every match begins with a country, the lookarounds before it zero-width)
        self.country_subject = patternbook.Prefiltered(regex.compile(not_subject + countries + r"\s+"
                                                                     + alt(o["country_auxiliaries"]) + r"\s"), d["countries"])
        # `Mỹ, Trung Quốc, Nhật Bản và Đức vẫn chiếm 4 vị trí`: countries listed as the subject of the figure's verb
        self.country_list = patternbook.Prefiltered(regex.compile(r"(?<![\p{L}\d]\s?)" + countries + r"(?:\s*,\s*" + countries + r")*\s*,?\s+và\s+"
                                                                  + countries + r"\s+" + alt(o["country_auxiliaries"]) + r"\s"), d["countries"])
        self.held_by = engines.compile(r"[\s)]*" + alt(o["held_by_words"]) + r"\s+")
        self.points = engines.compile(r"\d\s*" + alt(patternbook.load("counts")["points"]) + r"\s*$")  # not `3,47km/điểm`
        # (asked only whether the text ends so: read from the end, `match`)
        self.stake_of = regex.compile(r"\d\s*%\s*" + alt(o["stake_of"]) + r"\s*$|" + alt(o["stake_of"]) + r"\s*$", regex.REVERSE)
        # `chính phủ Mỹ và Quỹ X thông báo khoản đầu tư chung`: a partner named by its kind before the joint word
        self.partner_before = regex.compile(alt(o["joint_partners"]) + r"(?:\s+\p{Lu}[\p{L}.-]*){0,3}\s+"
                                            + alt(d["joint_words"]) + r"\s*$")
        self.joint_after = regex.compile(r"^(?:\s+\p{Ll}+){0,2}\s*,?\s*" + alt(o["joint_after"]))
        units = list(o["unit_nouns"]) + [u[:1].upper() + u[1:] for u in o["unit_nouns"]]
        self.unit_of = regex.compile(r"^\s*" + alt(units) + r"(?:\s+\p{Ll}+){0,5}\s+của\s*$")
        # `X - công ty mẹ của Y`, `X, một trong những công ty con của Y`: Y names X's relative, never the owner
        self.relative_of = regex.compile(r"(?:[-–(,]\s*|(?<!\p{L})" + alt(o["relative_leads"]) + r"\s+)"
                                         + alt(o["relative_nouns"]) + r"\s+của\s*$")
        self.setting_verb = engines.compile(alt(o["setting_verbs"]))
        self.set_rate = engines.compile(alt(o["set_rates"]), regex.I)
        self.plan_of = engines.compile(alt(o["plan_nouns"]) + r"\s+của\s*$")
        self.object_verb = regex.compile(alt(o["object_before"]) + r"\s*$", regex.REVERSE)  # (read as stake_of)
        self.personal = regex.compile(alt(o["personal_holdings"]) + r"\s+của\s+" + alt(d["person_titles"]) + r"\s+\p{Lu}")
        self.countries = set(d["countries"])
        # `hãng nghiên cứu thị trường IDC`, `công ty nghiên cứu Campden Wealth`: a research firm, named by its kind right before
        # (or its researchers: `Các nhà nghiên cứu ở Trường đại học Yale cho biết ... 13% - 18%`)
        self.research_firm = regex.compile(r"(?:" + alt(_capitalised(o["research_firm_heads"])) + r"\s+" + alt(o["research_firm_kinds"])
                                           + r"(?:\s+\p{Ll}+){0,3}|" + alt(_capitalised(o["researchers"])) + r"\s+"
                                           + alt(o["researcher_links"]) + r")\s*$")
        self.survey = patternbook.Prefiltered(engines.compile(alt(o["survey_nouns"])), o["survey_nouns"])
        self.forecast_noun = engines.compile(alt(_capitalised(o["forecast_nouns"])))
        self.singular_i = engines.compile(alt(o["singular_first_person"]))
        # `các hệ thống bán lẻ lớn như X, Y`: each name of the examples is one of several
        # (`như:` too; a listed name may carry its parent in parentheses: `Đại học Kinh tế - Luật (Đại học Quốc gia TP HCM)`)
        self.plural_examples = regex.compile(r"(?:" + group + r")(?:\s+\p{Ll}+){0,4}\s+" + alt(o["example_words"])
                                             + r":?\s+(?:[^,.;:()\n]{1,40}(?:\([^()\n]{1,40}\))?,\s*)*$")
        self.plural_apposition = patternbook.Prefiltered(regex.compile(r"(?:" + group + r")(?:\s+\p{Ll}+){0,3}\s*$"),
                                                         list(o["group_quantifiers"]) + [g[:1].upper() + g[1:] for g in o["group_quantifiers"]])
        # (not after `/`: `từ 49.900 đồng/CP lên 50.500 đồng/CP` is a price per share, `CP` no ticker moving)
        self.ticker_subject = regex.compile(r"(?<![\p{L}\d/])\p{Lu}[\p{Lu}\d]{1,5}\s+(?:" + patternbook.choice(d["ticker_move_adverbs"]) + r"\s+)?"
                                         + alt(list(o["ticker_moves"]) + list(d["ticker_move_verbs"])))
        self.one_of = engines.compile(alt(o["one_of"]) + r"\s*$")
        self.each_subject = regex.compile(r"(?:^|(?<=[,;:.]))\s*" + alt(_capitalised(o["each_word"])) + r"\s+(?!"
                                          + alt(o["time_nouns"]) + r")\p{Ll}+")  # `Tính ra, mỗi đội bóng nhận ...`
        self.each = regex.compile(alt(o["each_word"]) + r"\s+(?!" + alt(o["time_nouns"]) + r")\p{Ll}+")
        self.territorial = _words(d["territorial_types"])
        self.reporting_types = _words(o["reporting_body_types"])
        self.facility = _words(o["facility_types"])
        self.sold_to_words = tuple({str(w).split()[-1] for w in o["sold_to"]})   # (a cheap test first: `cho`)
        self.example_words = tuple(str(w) for w in o["example_words"])
        self.sold_to = regex.compile(r"(?:\s+\p{Ll}+){0,4}?\s+(?:" + alt(o["sale_passive"]) + r"\s+)?" + alt(o["sold_to"]) + r"\s+")
        self.public = _words(list(o["reporting_body_types"]) + list(o["public_units"]))
        self.service_units = _words(o["public_units"])
        self.service_classifiers = frozenset(o["service_classifiers"])
        self.enforcement = _words(o["enforcement_bodies"])
        self.justice = _words(o["justice_bodies"])
        self.act_breakdown = engines.compile(alt(o["act_breakdowns"]))
        self.enforcement_offices = _words(o["enforcement_offices"])
        self.passive_marks = frozenset(o["passive_marks"])
        self.enforcement_acts_in = engines.compile(alt(o["enforcement_own_acts"]))
        self.act_follow_up = engines.compile(r"\d[^,;.]{0,25}[,;]\s*" + alt(o["act_follow_ups"]) + r"(?:\s+" + alt(d["count_leads"]) + r"){0,2}\s*$")
        self.enforcement_act = engines.compile(alt(o["enforcement_own_acts"]) + r"(?:\s+" + alt(d["count_leads"]) + r"){0,2}\s*$")
        # `thu giữ 2kg ma túy đá và 3.000 viên hồng phiến`: the later items of the act's object list, each a figure and
        # its lowercase noun, joined by a comma or an item joiner
        self.enforcement_act_list = regex.compile(
            alt(o["enforcement_own_acts"]) + r"(?:\s+" + alt(d["count_leads"]) + r"){0,2}(?:\s*\d[\d.,]*\s*\p{L}[\p{L}\d]*(?:\s+\p{Ll}+){0,5}\s*(?:,|"
            + patternbook.choice(d["joint_words"]) + r")(?:\s+" + alt(d["count_leads"]) + r")?)+\s*$")
        self.issuer_before = engines.compile(alt(o["issuer_before"]) + r"\s+" + patternbook.choice(o["issuer_links"]) + r"\s+(?:" + alt(o["issuer_heads"])
                                           + r"\s+)?$")
        self.no_ratio_units = _words(o["no_fallback_ratio_units"])
        self.own_count = regex.compile(r"(?:[\d.,]+|\p{Ll}+)\s*(?:[-–]\s*[\d.,]+\s*)?(?:\p{L}+\s+)?" + alt(o["body_own_counts"]) + r"(?!\w)")
        # `Bệnh viện X tiếp nhận 40 ca`, `Viện Y xét nghiệm 10.000 mẫu`: a public unit's service, counted right after it
        self.service_act = engines.compile(alt(o["public_service_acts"]) + r"(?:\s+" + alt(o["service_fillers"]) + r")*\s*$")
        # `Hội Nông dân tỉnh đã giúp 3.000 hộ thoát nghèo`: whom any public body helps, counted right after its act
        self.aid_act = engines.compile(alt(list(o["gift_verbs"]) + list(o["aid_verbs"])) + r"(?:\s+" + alt(o["service_fillers"]) + r")*\s*$")
        self.not_names = set(d["name_stoppers"]) | set(d["not_brands"]) | set(d["not_tickers"]) | set(d["countries"]) \
            | {f.upper().rstrip(".") for f in d["legal_forms"]}  # `Co., LTD`: the end of a name
        self.retail = engines.compile(alt(o["retail_cues"]))
        self.price_before = regex.compile(r"(?<!" + patternbook.choice(o["price_compound_words"]) + r"\s)" + alt(o["price_words"]) + r"(?:\s+\p{Ll}+){0,3}\s*$")
        # (a discourse lead may come first: `Hay tại FCCOM, lợi nhuận ...`, `Trong khi đó, tại X, ...`)
        self.topic_opener = engines.compile(r"^\s*(?:" + alt(o["located_leads"]) + r"\s*,?\s*)?" + alt(o["topic_openers"])
                                          + r"\s*$")
        self.object_lead = regex.compile(r"(?<!\p{L})" + alt(o["object_leads"]) + r"(?!\p{L})")
        self.located_opener = regex.compile(r"\s*(?:" + alt(o["located_leads"]) + r"\s*,?\s*)?" + alt(o["topic_openers"])
                                            + r"\s+(?=\p{Lu})")
        self.relation_count = engines.compile(r"\S+\s+(?:" + alt(o["relation_counts"], lead=False) + r"|"
                                            + alt(o["peer_counts"], lead=False) + r"(?!\s+" + alt(o["own_unit_after"]) + r"))(?!\w)")
        stakes = list(o["stake_nouns"]) + list(o["stake_verbs"]) + list(o["stake_issue_verbs"]) \
            + [p.rsplit(" ", 1)[0] for p in o["invest_into"]]
        self.stake_at = regex.compile(alt(stakes) + r"(?:\s+[\p{Ll}\d]+){0,5}?\s+" + alt(o["stake_at_links"])
                                      + r"(?:\s+" + alt(o["plural_markers"]) + r")?\s*$")
        self.family_before = engines.compile(alt(_capitalised(list(o["family_before"]) + list(o["people_before"]))) + r"\s*$")
        self.group_before = engines.compile(alt(o["group_before"]) + r"\s*$")
        # `nhóm ngân hàng TMCP khác (chiếm 48,42%)`: a group of organizations by their kind, no name, before a parenthesis
        self.group_kind_before = engines.compile(alt(o["group_before"]) + r"\s+" + alt(d["plural_org_nouns"])
                                               + r"(?:\s+[^\s,;:()]+){0,4}\s*$")
        self.team_post = engines.compile(alt(o["team_posts"]) + r"\s*$")
        self.central_banks = _words(o["central_banks"])
        # `Nhà nghiên cứu Yuangeng Huang, Đại học X, ...`: the organization after a person's name and a comma
        self.affiliation = regex.compile(r"(?<!" + patternbook.choice(o["affiliation_not_after"]) + r"\s+)" + alt(_capitalised(o["person_nouns"])) + r"\s+\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,3}"
                                         r"\s*[,\-–]\s*$")
        self.market_rate = engines.compile(alt(o["market_rates"]), regex.I)
        # (the fallback's own checks: asked only of a figure the article's organization would take)
        self.product = regex.compile(alt(_capitalised(o["product_nouns"])) + r"|(?<![\p{L}\d])(?:[a-z]+[A-Z][A-Za-z]*"
                                     r"|(?:[A-Za-z]+\s+)?[A-Z]?\d{1,3}[A-Za-z]?\s+" + alt(o["model_suffixes"]) + r")")
        self.product_head = regex.compile(r"[\s\"“]*(?:" + self.product.pattern + r")")  # opening the sentence
        self.product_sales = set(o["product_sales_metrics"])
        self.product_kind = engines.compile(alt(o["product_kinds"]) + r"\s*$")
        self.opener = engines.compile(alt(o["price_clause_ends"]))
        self.capability = engines.compile(alt(o["capability_cues"]))
        self.price_head = engines.compile(r"\s*" + alt(_capitalised(o["price_words"])) + r"(?!\s+" + patternbook.choice(o["price_compound_words"]) + r")")
        self.quoted_possessor = engines.compile(r"(?<!\w)của\s+[\"“”]")
        self.set_after = engines.compile(r"\s*(?:" + patternbook.choice(o["plural_markers"]) + r"\s+)?" + alt(o["set_nouns"]) + r"(?!\s+" + alt(o["own_unit_after"]) + r")")
        self.set_link = regex.compile(r"(?:\s+\p{Ll}+){0,3}?\s+" + alt(o["set_links"]) + r"\s+" + alt(o["set_nouns"]))
        self.each_person = engines.compile(alt(o["each_word"]) + r"\s+" + alt(list(o["each_people"]) + list(o["person_subjects"])))
        self.customer_subject = regex.compile(r"(?:^|(?<=[,;:.]))[\s\-–•+*]*" + alt(_capitalised(o["customer_subjects"]))
                                              + r"\s+(?!" + alt(o["customer_kinds"]) + r")\p{Ll}")
        # `15 CLB sáng lập sẽ nhận ...`, `3 mẫu xe này đã chiếm ...`: a counted group opening the clause as its subject
        self.counted_subject = regex.compile(r"\s*(?:\d+|" + alt(_capitalised(o["number_words"])) + r")\s+"
                                             + alt(list(o["peer_counts"]) + list(o["set_nouns"]) + list(o["product_kinds"]))
                                             + r"(?:\s+\p{Ll}+){0,3}?\s+" + alt(o["group_verbs"]) + r"\s")
        self.authority_subject = regex.compile(r"(?:^|(?<=[,;:.]))\s*" + alt(_capitalised(o["authority_subjects"])) + r"\s+\p{Ll}")
        self.paid_out = set(o["paid_out_metrics"])
        self.assigned_own = set(o["assigned_own_metrics"])
        self.respective = engines.compile(patternbook.alternation(d["respective_words"]))
        self.respective_words = _literal_words(d["respective_words"])   # (`holds_any`: most sentences hold none)
        self.person_holder = engines.compile(alt(o["person_holders"]) + r"(?:\s+\S+){0,5}?\s+" + alt(o["person_holding_verbs"])
                                           + r"(?:\s+" + patternbook.choice(o["person_holding_hedges"]) + r")?\s*$")
        self.invest_into = regex.compile(alt(o["invest_into"]) + r"\s+\p{Lu}[^()]{0,60}\(\s*[\p{Ll}\s]{0,30}$")
        self.unit_rate = regex.compile(r"\s*" + alt(o["unit_rate_openers"]) + r"\s+" + alt(o["unit_rate_units"]) + r"\s+\p{Ll}")
        self.region_share = engines.compile(alt(list(o["share_regions"]) + list(d["countries"]))
                                          + r"\s*" + patternbook.choice(o["share_region_verbs"]) + r"?\s*"
                                          + patternbook.choice(o["share_region_hedges"]) + r"?\s*$")
        places = alt(_capitalised(o["place_subjects"]), lead=False)
        self.place_subject = regex.compile(r"\s*(?:" + places + r"\s+\p{Lu}|\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*){0,3}\s+"
                                           + alt(o["place_naming_links"], lead=False) + r"\s+" + alt(o["place_subjects"], lead=False) + r"(?!\w))")
        self.price_cut = engines.compile(alt(o["price_cut_words"]))
        self.model_after = regex.compile(r"\s+(?:\p{Lu}[\p{L}\d+]*|\p{L}*\d[\p{L}\d+]*)(?!\s*[,;:])")  # `Samsung Galaxy`, `Xiaomi Mi`
        self.model_before = regex.compile(r"(?<!\w)(?:\p{Ll}*\p{Lu}[\p{L}\d+]*\s+\p{L}*\d[\p{L}\d+]*|\p{Ll}+\p{Lu}[\p{L}\d+]*"
                                        r"|\p{Lu}\p{L}*\d[\p{L}\d+]*)\s+" + alt(o["model_maker_links"], lead=False) + r"\s*$")  # `iPhone 12 của`, `Galaxy S20 của` (not `99,99 của`)
        self.set_of_others = engines.compile(alt(o["set_of_others_links"]) + r"\s+" + alt(o["set_of_others_nouns"], lead=False) + r"(?!\w)")
        self.building_subject = engines.compile(r"\s*" + alt(o["building_subjects"]) + r"\s+(?:" + patternbook.choice(o["building_predicates"]) + r"|\d)")
        self.user_possessor = engines.compile(r"(?<!\w)của\s+" + alt(o["user_possessors"]))
        self.household = engines.compile(alt(o["household_words"]) + r"\s+" + alt(d["person_titles"]) + r"(?!\w)")
        # `lớn hơn 90% các vật thể`: a rank among a population (a comparative, `hơn`, the share, a plural noun)
        self.rank_before = engines.compile(alt(o["rank_comparatives"]) + r"\s+hơn\s*$")
        self.plural_after = regex.compile(r"\s+" + patternbook.choice(o["plural_markers"]) + r"\s+\p{Ll}")
        self.population_after = engines.compile(r"\s*(?:" + patternbook.choice(o["plural_markers"]) + r"\s+)?" + alt(o["population_nouns"]))
        # `mức phí 6 tỷ USD mà European Super League sẽ ...`: a relative clause whose subject is a name
        self.held_by_name = regex.compile(r"\s*mà\s+(\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*)*)\s+\p{Ll}")
        self.person_relative = regex.compile(r"(?<!\w)mà\s+" + alt(persons) + r"\s+\p{Ll}")
        self.outside_speaker = regex.compile(alt(_capitalised(o["outside_speakers"])) + r"(?:\s+\S+){0,8}?\s+"
                                             + alt(o["reporting_verbs"]) + r"\s*[:,]")
        self.type_heads = _words([t for group in d["org_types"].values() for t in group]
                                 + [w[:1].upper() + w[1:] for w in d["organ_words"]])
        self.scope_after = regex.compile(r"(?:\s+\p{Ll}+){0,5}?\s+" + alt(o["territory_scopes"]))
        self.depicted_by = regex.compile(alt(_capitalised(o["depiction_nouns"])) + r"(?:\s+\p{Ll}+){0,3}?\s+"
                                         + alt(o["depiction_agents"]) + r"\s*$")
        self.publishes = regex.compile(r"\s*(?:\p{Ll}+\s+){0,2}?" + alt(o["publishing_verbs"]) + r"\s+" + alt(o["depiction_nouns"]))
        self.contributes = regex.compile(alt(o["elided_subject_openers"]) + r"\s+(?:\p{Ll}+\s+){0,2}?"
                                         + alt(o["contributing_verbs"]) + r"\s")
        self.fronted_opener = engines.compile(r"\s*[\"“]?" + alt(_capitalised(o["fronted_openers"])) + r"\s")
        self.elided_subject = engines.compile(alt(o["elided_subject_verbs"]) + r"\s")
        self.fronted_comparison = engines.compile(r"(?<!\w)" + alt(o["fronted_comparisons"]) + r"\s")
        self.contributing_words = tuple(o["contributing_verbs"])  # (a cheap test before `contributed_to`)
        # `đóng góp 45 - 50% vào tổng lợi nhuận hợp nhất của`: a figure contributed, then its receiver after `của`
        self.contributed_to = engines.compile(alt(o["contributing_verbs"]) + r"\s[^.;:!?\n]{0,40}?\d[^.;:!?\n]{0,100}?"
                                            + r"(?<!\w)của\s*$")
        self.act_of = regex.compile(alt(_capitalised(o["authority_acts"])) + r"(?:\s+\p{Ll}+){0,6}?\s+của\s*$")
        self.conjunct = regex.compile(r"\s*" + alt(o["conjunct_words"]) + r"(?:\s+\p{Ll}+)?\s*")
        self.own_unit_after = engines.compile(r"(?:\s+\S+){0,2}?\s+" + alt(o["own_unit_after"]))
        self.own_unit_in = regex.compile(r"\p{L}\s+" + alt(o["own_unit_after"]) + r"$")   # (`4 công ty con`: the quote holds it)
        # `..., cậu ấy thường cần đến 8-9 trận`: a person spoken of opens the figure's segment
        self.pronoun_subject = regex.compile(r"\s*[\"“]?\s*" + alt(_capitalised(o["person_pronouns"]))
                                          + r"(?!\s+(?:\p{Ll}+\s+)?" + alt(d["speaking_verbs"]) + r")(?![\"”]?\s+"
                                          + alt(o["pronoun_not_before"]) + r")\s+\p{Ll}")
        self.permitted = regex.compile(alt(o["permission_before"]) + r"\s*$", regex.REVERSE)
        year = r"(?:(?:" + alt(o["located_span_year"]) + r")\s+)?\d{4}"   # (`từ năm 2015 đến 2019`: a span of years)
        span = r"(?:\s+(?:(?:" + alt(o["located_span_from"]) + r")\s+)?" + year + r"\s*(?:" + alt(o["located_span_to"]) + r")\s*" + year + r")?"
        self.located_measure = regex.compile(r"(?<!\w)" + alt(list(o["located_measures"]) + _capitalised(o["located_measures"])) + r"(?:\s+(?!" + alt(d["holding_verbs"])
                                             + r")[\p{Ll}\d]+){0,%d}" % o["located_qualifier_words"] + span + r"\s+" + alt(o["located_at"]) + r"\s*$")
        self.located_at = tuple(str(w) for w in o["located_at"])
        # a lowercase word after a name, not `và`: its predicate (`_joint`)
        self.predicate_next = regex.compile(r"[ \t]+(?!" + alt(o["source_name_joiners"]) + r")\p{Ll}")
        # `UBND tỉnh giao 21,1 ha đất`, `tịch thu 4.500 lít dầu`, `xử phạt hành chính 2 tỷ đồng`: an act on others' things
        self.acts_on = regex.compile(r"(?<!(?:" + "|".join(_capitalised(o["acts_not_after"])) + r")\s)" + alt(o["acts_on_others"])
                                     + r"(?!\s+" + alt(o["acts_not_before"]) + r")")
        self.fine_act = engines.compile(alt(o["fine_acts"]))
        # a number with its scale words (scales.yaml, not the abbreviations): `20.000 liều`, `817,12 triệu đơn vị`
        sc = patternbook.load("scales")
        scale = alt([w for w in sc["scales"] if w not in sc["abbreviated_scales"]], lead=False)
        self.counted_before_word = engines.compile(r"\d(?:[\d.,]*\d)?(?:\s+" + scale + r")*\s+$")
        self.counted_before_product = regex.compile(r"\d\s*" + scale + r"?\s*(?:\p{Ll}+\s+)?$")
        self.act_before_figure = engines.compile(alt(o["acts_before_figure"]) + r"\s+(?:" + alt(o["act_figure_fillers"], lead=False)
                                               + r"\s+)?$")
        self.act_passive = engines.compile(alt(o["acts_passive"]) + r"\s*$")
        self.act_own_count = engines.compile(r"[\d.,]+\s+" + alt(o["act_own_counts"]))
        # `..., thu về 73,5 tỷ đồng`: after the act, a clause where the body acts again (organizations.yaml business verbs)
        self.new_clause = engines.compile(r"[,;]\s*(?:(?:" + alt(d["predicate_auxiliaries"]) + r"|" + patternbook.choice(o["new_clause_joiners"]) + r")\s+)*"
                                        + alt(list(d["business_verbs"]) + list(d["activity_verbs"])) + r"(?!\w)")
        self.fine_filler = engines.compile(r"(?:\s*" + alt(o["fine_fillers"]) + r")*\s*")
        self.payer_after = engines.compile(r"[^,;.:]{0,60}?" + alt(o["payer_links"]) + r"\s+(?!" + alt(o["fine_fillers"]) + r")\w")
        self.act_own_money = engines.compile(alt(o["act_own_money"]))
        self.counted_cases = regex.compile(r"(?<![\p{L}\d.,])\d[\d.,]*\s+" + alt(o["fine_cases"]))  # `234 vụ`
        self.fine_total = regex.compile(alt(o["fine_totals"]) + "|" + self.counted_cases.pattern)
        self.fine_total_word = engines.compile(alt(o["fine_totals"]))
        self.count_object = regex.compile(alt(o["count_object_before"]) + r"(?:\s+\p{Ll}+)?\s*$")
        # `cổ phần của Lee Jae Yong trong ... tăng 0,06%`: a holding of a named holder (no title needed; not an organization)
        self.holding_of = regex.compile(alt(o["personal_holdings"]) + r"\s+của\s+(\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,3})")
        self.name_then_link = engines.compile(r"\s+" + alt(o["name_links"]) + r"\s")
        self.party_before = engines.compile(alt(o["party_before"]) + r"\s*$")
        self.reporting_after = engines.compile(r"\s*(?:" + alt(d["reporting_auxiliaries"]) + r"\s+)?" + alt(o["reporting_verbs"]))
        # (counts: right after the number, a scale word or a classifier between: `1,2 triệu cổ phiếu`, `250.000 con bò`)
        counted = r"(?:[\d.,]+|\p{Ll}+)\s*(?:[-–]\s*[\d.,]+\s*)?(?:\p{L}+\s+)?"
        self.resource_count = regex.compile(counted + alt(o["fallback_count_heads"], lead=False) + r"(?!\w)")
        self.fallback_count_metrics = set(o["fallback_count_metrics"])
        self.quota_count = regex.compile(counted + alt(o["quota_count_heads"], lead=False) + r"(?!\w)")
        self.share_of_count = regex.compile(r"(?<![\w.,])(\d[\d.,]*\s+\p{Ll}+)\s*,?\s*" + alt(o["share_of_count_links"])
                                            + r"(?:\s+\p{Ll}+){0,2}\s*$")
        self.share_trader = regex.compile(r"^\s*\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*)+(?:\s+\p{Ll}+){0,2}?\s+"
                                          + alt(o["share_trade_verbs"]) + r"(?:\s+\p{Ll}+){0,2}\s+$")
        self.share_volume = engines.compile(r"(?:[\d.,]+\s*" + alt([w for w in patternbook.load("scales")["scales"] if w not in patternbook.load("scales")["abbreviated_scales"]], lead=False) + r"|\d{1,3}(?:[.,]\d{3})+|\d{4,})\s+"
                                          + alt(o["share_count_heads"], lead=False) + r"(?!\w)")
        self.discourse_count = regex.compile(r"(?:[\d.,]+|\p{Ll}+)\s*" + alt(o["discourse_counts"], lead=False) + r"(?!\w)")
        self.span_count = regex.compile(r"(?:[\d.,]+|\p{Ll}+)\s*" + alt(patternbook.load("counts")["span_units"], lead=False) + r"\s+"
                                        + alt(o["span_after"], lead=False) + r"(?!\w)")
        self.span_unit = regex.compile(r"(?:[\d.,]+|\p{Ll}+)\s*" + alt(patternbook.load("counts")["span_units"], lead=False) + r"(?!\w)")
        self.span_before = engines.compile(r"(?:" + alt(o["span_before"]) + r"|\d\s+trong)\s*$")
        self.restated = regex.compile(r"\p{Lu}[^,;:.()]{0,40}?\s" + alt(o["restating_joiners"], lead=False)
                                      + r"\s+[^,;:.()]{0,25}?\p{Lu}[^,;:.()]{0,25}?\s(?:" + patternbook.choice(o["restating_adverbs"]) + r"\s+)?"
                                      + patternbook.choice(o["restating_copulas"]) + r"\s*$")
        self.product_sale = engines.compile(alt(o["product_sale_words"]))
        self.dash_parent = regex.compile(r"(?<!\w)" + alt(_capitalised(o["dash_parent_units"])) + r"(?:\s+[\p{L}\d&.]+){1,8}?\s+[-–]\s*$")
        self.other_possessor = regex.compile(r"(?:\s+\p{Ll}+){0,3}?\s+của\s+" + alt(o["other_possessor_kinds"]) + r"(?!\s*\p{Lu})")
        self.part_count = regex.compile(counted + alt(o["product_parts"], lead=False) + r"(?!\w)")
        self.product_next = regex.compile(r"\s+(?:" + self.product.pattern + r")")  # `43.700 liều vắc xin`
        self.spec_product = regex.compile(self.product.pattern + r"|" + alt(_capitalised(o["spec_product_nouns"])))
        self.spec_cue = engines.compile(alt(o["spec_metric_cues"]) + r"(?!\w)(?:[^.;:!?\n]|(?<=\d)[.,](?=\d)){0,50}$")
        self.spec_business = engines.compile(alt(o["spec_business_words"]) + r"(?!\w)")
        # `..., MSB (4,6%)`, `xếp trên Real Madrid (67 điểm/31 trận)`: a name right before a parenthesis of figures
        # (`cao hơn cả Amazon (39,1%)`, `vượt Singapore (337,5 tỷ USD)`: after a comparative of cues.yaml, an intensifier between)
        paren_leads = list(o["paren_name_after"]) + list(patternbook.load("cues")["comparative_before_parenthesis"])
        self.name_before_paren = regex.compile(r"(?:^|[,;:]\s*|\s" + alt(paren_leads, lead=False) + r"(?:\s+"
                                               + alt(o["paren_name_intensifiers"], lead=False) + r")?\s+)"
                                               r"\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,2}\s*$")
        self.times = engines.compile(r"(?:" + patternbook.choice(o["times_words"]) + r"|[\d\s][xX])\s*$|^\s*"
                                   + patternbook.choice(o["times_openers"]))
        # a stake: its noun after the ratio, the company held after that; a holding verb right before the ratio
        self.stake_after = engines.compile(r"\s*" + alt(o["stake_nouns"]) + r"(?:\s+" + alt(o["stake_links"]) + r")?\s*")
        self.held_this = regex.compile(alt(o["held_pointers"]) + r"(?:\s+\p{Ll}+){0,3}?\s+này(?!\w)")
        self.stake_verb = engines.compile(alt(o["stake_verbs"]) + r"(?:\s+" + alt(o["stake_verb_adverbs"]) + r")*\s*$")
        self.stake_holder = regex.compile(alt(list(o["state_holders"]) + list(o["person_holders"]))
                                          + r"(?:\s+\p{Ll}+){0,3}?\s*$")
        self.stake_issue = engines.compile(alt(o["stake_issue_verbs"]))
        self.elided_holder = engines.compile(alt(list(o["elided_subject_openers"]) + list(o["elided_holder_openers"])) + r"\s*$")
        self.directed = patternbook.Prefiltered(regex.compile(r"(?<!(?:" + "|".join(_capitalised(o["directed_not_after"])) + r")\s)"
                                                              + alt(o["directed_verbs"]) + r"\s+(?!" + alt(o["directed_not"])
                                                              + r")(?:" + alt(o["directed_objects"]) + r"\s|\p{Lu})"),
                                                o["directed_verbs"])
        # (session 9, owners in the wild) `máy lọc nước Karofi có khả năng khử ...`: a product right before its brand
        brand_products = list(o["branded_product_nouns"]) + list(o["product_nouns"]) + list(o["spec_product_nouns"])
        self.product_before_brand = regex.compile(alt(_capitalised(brand_products)) + r"(?:\s+(?!của\s)\p{Ll}+){0,4}\s*$")
        self.feature_count = regex.compile(counted + r"(?:\s+" + patternbook.choice(o["feature_adjectives"]) + r")?\s*" + alt(o["feature_nouns"], lead=False) + r"(?!\w)")
        self.source_scope = engines.compile(r"(?<!\w)(?:" + countries + r"|" + alt(o["source_scopes"], lead=False) + r")(?!\w)")
        self.passive_grant = regex.compile(r"\s*" + alt(o["passive_grant_verbs"]) + r"(?:\s+\p{Ll}+){0,2}?\s*$")
        # (session 10) `Bộ Y tế phân bổ 50.000 liều cho X`, `cấp cho X 3 tỷ đồng`, `43.700 liều vắc xin cấp cho X`
        self.allocation_verb = frozenset(o["allocation_verbs"])
        given = r"(?<!(?:" + "|".join(_capitalised(o["allocation_not_after"])) + r")\s)" \
            + alt(list(o["allocation_verbs"]) + list(o["gift_verbs"]))
        self.give_then_figure = regex.compile(r"(" + given + r")(?:\s+" + alt(o["allocation_fillers"], lead=False) + r")*\s*$")
        to = alt(o["allocation_receiver_marks"], lead=False)
        self.give_to_then_figure = regex.compile(r"(" + given + r")\s+(" + to + r")\s+(?:(?!" + to + r"\s)[^,;.:()\d]){1,80}?\s*$")
        self.to_after_figure = engines.compile(r"[^,;.:()]{0,50}?(?<!\w)(" + to + r")\s")
        self.allocation_proposal = engines.compile(alt(o["allocation_proposals"]))
        self.figure_given_to = regex.compile(r"(?:\s+\p{Ll}+){0,4}?\s+(" + given + r")\s+(" + to + r")\s")
        self.attendance_holders = tuple(o["attendance_holders"])   # (no holder in the 160 characters: no scan)
        self.attendance = regex.compile(r"(?:" + alt(o["attendance_holders"], lead=False) + r"(?:\s+[\p{Ll},]+){0,4}?\s+|"
                                        + alt(o["attendance_meetings"], lead=False) + r"\s+)"
                                        + alt(o["attendance_cues"], lead=False) + r"(?!\w)")
        self.attendance_stop = engines.compile(r";|" + alt(o["attendance_stops"]))
        self.lost_found = engines.compile(alt(o["lost_found_words"]))
        contrast = alt(o["contrast_links"])
        self.contrast_after = regex.compile(r"(?:\s+\p{Ll}+){0,2}?\s+" + contrast + r"\s+\d")
        self.contrast_before = regex.compile(r"\d[\d.,-]*\s+\p{Ll}+(?:\s+\p{Ll}+){0,2}?\s+" + contrast + r"\s*$")
        self.between_before = engines.compile(alt(o["between_words"]) + r"\s*$")
        self.round_count = regex.compile(r"(?:[\d.,]+|\p{Ll}+)\s*" + alt(o["round_units"], lead=False) + r"(?!\w)")
        self.after_before = engines.compile(alt(o["round_leads"]) + r"\s*$")
        # `... như VCG tăng 2,16%`: an example right after `như`, moving on its own
        self.example_mover = engines.compile(alt(o["example_words"]) + r"\s+$")
        self.fronted_phrase = engines.compile(r"\s*" + alt(o["fronted_phrase_openers"]) + r"\s[^,.;:!?\n]*$")
        self.listed_on = engines.compile(alt(o["listing_verbs"]) + r"\s*$")
        self.listing_floors = frozenset(o["listing_floors"])
        self.single_of = engines.compile(alt(o["single_counts"], lead=False) + r"\s")
        # (no word before `của`: the owner right after the figure, read before this)
        self.possessed_run = regex.compile(r"(?:\s+(?!" + alt(o["possessed_run_stops"], lead=False) + r"(?!\w))\p{Ll}+){0,5}\s+"
                                           + alt(o["possessed_links"], lead=False) + r"\s+")
        self.possessed_link_words = _literal_words(o["possessed_links"])
        self.nationwide = engines.compile(alt(o["nationwide_phrases"]) + r"(?!\w)")
        # (`joint_after` matches its phrases as written, so a mention followed by none of their first words is no joint)
        self.points_words = tuple(patternbook.load("counts")["points"])   # (`_not_its_figure`: made once)
        self.joint_after_words = tuple(sorted({str(p).split()[0] for p in o["joint_after"] if str(p).split()}))
        self.market_subject = engines.compile(r"(?:^|(?<=[,;:.]))\s*(?:" + alt(o["market_subject_leads"]) + r"\s+)?"
                                            + alt(_capitalised(o["market_subjects"])) + r"\s+(?!\d)\w")
        self.breakdown_opener = engines.compile(r"\s*" + alt(o["breakdown_openers"]) + r"(?!\w)")
        self.conditional = engines.compile(alt(o["conditional_words"]) + r"\s+(?:[\d.,]+\s*%?\s+)?"
                                         + alt(o["conditional_subjects"], lead=False) + r"(?!\w)")
        self.conditional_kinds = frozenset(w.lower() for w in o["conditional_subjects"])
        # `"... tăng 25% ...", đại diện Cảng X cho biết.`: a quotation closing, then its speaker and a speaking verb to the
        # sentence's end (group 1: the speaker); `speaker_for`: a representative or a post, then a name within 40 characters
        self.trailing_speaker = engines.compile(r"[\"”]\s*[,–-]\s*([^\"“”\n]{3,160}?)\s+" + alt(d["speaking_verbs"], lead=False)
                                              + r"(?:\s+" + alt(o["speaker_verb_tails"], lead=False) + r")?\s*[.!]?[\"”]?\s*")
        self.speaker_for = regex.compile(alt(_capitalised(o["speaker_representatives"]) + list(o["speaking_posts"]))
                                         + r"(?:\s+(?:của\s+)?\p{Ll}+){0,4}\s+(?:của\s+)?(?=\p{Lu})")
        self.conditional_words = _literal_words(o["conditional_words"])   # (`holds_any`: most sentences hold none)
        self.condition_close = engines.compile(r",|" + alt(o["condition_closers"]) + r"(?!\w)")
        nouns = "|".join(regex.escape(w) for w in o["fine_nouns"])
        self.fine_verb = regex.compile(r"(?<!(?<!\w)(?:" + nouns + r")\s)" + alt(o["fine_acts"]) + r"(?!\w)")
        self.fine_passive = engines.compile(alt(o["fine_passives"]) + r"(?!\w)")
        self.fine_decisions = tuple(o["fine_decisions"])
        self.place_before = engines.compile(alt(o["place_before"]) + r"\s*$")
        # asked only whether they match right before a position: read from the end (`_from_end`)
        for name in ("depicted_by", "relative_of", "dash_parent", "family_before", "object_near", "spec_verb",
                     "one_of", "group_before", "plan_of", "team_post", "affiliation", "partner_before", "act_of",
                     "party_before", "counted_before_word"):
            setattr(self, name, _from_end(getattr(self, name)))
        # asked of the text right before a mention or a figure, which mostly ends on none of the words they end on
        for name, lasts in (("permitted", o["permission_before"]), ("object_before", d["object_markers"]),
                            ("holding", d["held_securities"]), ("stake_of", o["stake_of"]),
                            ("object_verb", o["object_before"]), ("org_title", d["org_titles"]),
                            ("team_post", o["team_posts"]), ("affiliation", [",", "-", "–"]),
                            ("partner_before", d["joint_words"]), ("party_before", o["party_before"]),
                            ("depicted_by", o["depiction_agents"]),
                            ("issuer_before", list(o["issuer_links"]) + list(o["issuer_heads"])),
                            ("relative_of", ["của"]), ("dash_parent", ["-", "–"]),
                            ("family_before", _capitalised(list(o["family_before"]) + list(o["people_before"]))),
                            ("plan_of", ["của"])):
            setattr(self, name, _EndsIn(getattr(self, name), lasts))


class _EndsIn:
    r"""A case-sensitive pattern every match of which ends with one of `lasts` (the last words of the phrases it
    ends on) and blanks (`...\s*$`): its `match` and `search` first ask whether the text, blanks stripped, ends
    so (`str.isspace` holds every `\s` of `regex`): a text that does not has no match, and no regex call is made."""

    __slots__ = ("rx", "lasts")

    def __init__(self, rx, lasts):
        if rx.flags & regex.IGNORECASE or not rx.pattern.endswith((r"\s*$", r"\s+$", r"\s+)?$")):
            raise ValueError(f"_EndsIn: {rx.pattern[-40:]!r} is case-blind or does not end in blanks and `$`")
        self.rx, self.lasts = rx, tuple(sorted({str(w).split()[-1] for w in lasts if str(w).split()}))

    def match(self, text: str, pos: int = 0, endpos: int | None = None):
        return self.rx.match(text, pos, endpos, False) if text[pos:endpos].rstrip().endswith(self.lasts) else None

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        return self.rx.search(text, pos, endpos) if text[pos:endpos].rstrip().endswith(self.lasts) else None


def _capitalised(words) -> list:
    """The words and their sentence-initial forms (`số liệu`, `Số liệu`)."""
    return list(words) + [w[:1].upper() + w[1:] for w in words]


def _literal_words(phrases) -> tuple:
    """A word of each phrase (its longest), less those holding another: every match of a case-sensitive
    `alternation(phrases)` holds one of them as written, so a text holding none has no match (`patternbook.holds_any`)."""
    words = {max(str(p).split(), key=len) for p in phrases if str(p).split()}
    return tuple(sorted(w for w in words if not any(v != w and v in w for v in words)))


def _words(types) -> tuple[frozenset, tuple]:
    """Type words to match as whole words at the start of a name: the exact names and the `type + space` prefixes."""
    return frozenset(types), tuple(t + " " for t in types)


def opens_on(name: str, types) -> bool:
    """`name` opens on one of `types` (a `_words` pair) as a whole word: `Ban Quản lý` on `Ban`, never
    `Bandai Namco` or `Bank of America`."""
    exact, prefixes = types
    return name in exact or name.startswith(prefixes)


@functools.lru_cache(maxsize=1)
def rules() -> _Rules:
    return _Rules()


def no_org_context(clause: str) -> bool:
    return bool(rules().no_org.search(clause))


def place_context(clause: str) -> bool:
    return bool(rules().place.search(clause))


def is_object(text: str, mention) -> bool:
    """A mention governed by `kế hoạch`, `so với`, `cho vay`, `sở hữu ... cổ phiếu` is not the clause's subject; a type
    word and its trade before the name (`tại công ty dịch vụ tài chính Mỹ X`) stand between them as part of it."""
    known = _memo(text, "is_object")
    found = known.get(mention.start)
    if found is None:
        g, lo = grammar(), max(0, mention.start - 60)
        # (the reverse search tries every place of the 60 characters: first, whether a type word stands in them)
        head = g.described_head_end.search(text, lo, mention.start, False) if g.described_head_may.may(text[lo:mention.start]) else None
        at = mention.start if head is None else head.start()   # `tại công ty dịch vụ tài chính Mỹ Cowen & Co`: `tại` governs the name
        before = text[max(0, at - 60):at]
        r = rules()
        # (the reverse patterns end in `\s*$`: `match` from the end finds what `search` does (`compared_before` is
        # faster forward, its first words skipped to); an `_EndsIn` pattern tests the end words of its piece first)
        found = known[mention.start] = not r.permitted.match(before[-30:]) and not _located_at(before, mention) and bool(
            r.object_before.match(before[-40:]) or r.compared_before.search(before[-40:], None, None, False)
            or r.holding.match(before) or r.stake_of.match(before[-30:]) or r.object_verb.match(before[-30:]))
    return found


def _located_at(before: str, mention) -> bool:
    """`lãi suất kỳ hạn 12 tháng tại Vietcombank`: a business's measure read at it, whose owner it is."""
    return before.rstrip().endswith(rules().located_at) and mention.org is not None and org_category(mention.org) in ("company", "bank") \
        and rules().located_measure.search(before, None, None, False) is not None


def _found_by(text: str, rx, name: str, s0: int, s1: int | None, q: int, anchored: bool = False) -> bool:
    """Whether `rx`, a `regex` pattern that reads nothing after its match, matches at `s0` (`anchored`) or is found in
    text[s0:q]. The figures of a sentence [s0, s1) ask in turn: its match in the whole sentence is found once (per
    text and sentence); one ending by `q` is a match in [s0, q), none is none there; only one ending after `q` (or no
    sentence end) asks again."""
    find = rx.match if anchored else rx.search
    if s1 is None or q > s1:
        return find(text, s0, q) is not None
    known = _memo(text, name)
    end = known.get((s0, s1))
    if end is None:
        m = find(text, s0, s1)
        end = known[(s0, s1)] = m.end() if m is not None else -1
    if end <= q:
        return end >= 0
    return find(text, s0, q) is not None


def _memo(text: str, name: str) -> dict:
    """This text's answers to `name` (`text.memo_of`)."""
    return memo_of(text, "attribution." + name)


def _in(text: str, pf, a: int, b: int) -> bool:
    r"""Whether the Prefiltered pattern `pf` matches in text[a:b] (`pf.search(text[a:b])`), tried from the first
    place one of its phrases begins (found by the phrases' trie consumed: `re` skips to their first letters),
    on the whole text: a match there sees what it sees in the slice (these patterns look behind one character,
    `(?<!\w)`, at their first place only), except at the slice's first place, matched on the slice."""
    first = pf.first.search
    c = first(text, a, b)
    if c is None:
        return False
    match = pf.rx.match
    if c.start() == a:
        if match(text[a:b]) is not None:
            return True
        c = first(text, a + 1, b)
    return _matches_from(first, match, text, c, b)   # (the next places a phrase begins)


def _matches_from(first, match, text: str, c, b: int) -> bool:
    """`patternbook.first_match_at` from `c`, the place `first` found (not scanned for again): whether `match`
    matches at it or at one of the next places `first` finds before `b`."""
    while c is not None:
        if match(text, c.start(), b) is not None:
            return True
        c = first(text, c.start() + 1, b)
    return False


def _search(text: str, pf, a: int, b: int) -> bool:
    """`pf.search(text, a, b)`, asked only where one of its phrases begins (the first such place found once)."""
    first = pf.first.search
    return _matches_from(first, pf.rx.match, text, first(text, a, b), b)


def _begins(text: str, pf, a: int, b: int) -> bool:
    """One of the phrases of `pf` begins in [a, b) and ends by `b`: else `pf` matches nowhere there."""
    return pf.first.search(text, a, b) is not None


def _from_end(rx):
    r"""`rx`, a pattern every alternative of which ends in `\s*$` (or `\s+$`), compiled to read from the end
    (`regex.REVERSE`): its `.match(text, a, b)` matches where `rx.search(text, a, b)` does (not the same span),
    without trying every start. Asked only whether it matches."""
    if not rx.pattern.endswith((r"\s*$", r"\s+$")) or _splits_at_top(rx.pattern):
        raise ValueError(f"_from_end: {rx.pattern[-40:]!r} does not end every match in a blank run and `$`")
    return regex.compile(rx.pattern, rx.flags | regex.REVERSE)


def _splits_at_top(pattern: str) -> bool:
    """The pattern has a `|` outside every group and class (an alternative that may not end as the last one does)."""
    depth, k, in_class = 0, 0, False
    while k < len(pattern):
        ch = pattern[k]
        if ch == "\\":
            k += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[k + 1:k + 2] == "^":
                k += 1
            if pattern[k + 1:k + 2] == "]":
                k += 1   # (a `]` first in a class is a character)
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
        k += 1
    return False



def in_title(text: str, mention, pos: int) -> bool:
    """`ông X - Chủ tịch Vingroup - sở hữu ...`, `Nhà nghiên cứu X, Đại học Y, đã ...`: the organization names a
    person's post or affiliation, and the person does not speak for it before the figure at `pos`."""
    r = rules()
    known = _memo(text, "titled")  # (what stands before the mention: once per text for its start)
    titled = known.get(mention.start)
    if titled is None:
        before = text[max(0, mention.start - 25):mention.start]
        titled = known[mention.start] = bool(r.org_title.match(before) or r.team_post.match(before)
                                             or r.affiliation.match(text, max(0, mention.start - 60), mention.start))
    if not titled:
        return False
    said = r.speaking.search(text, mention.end, pos)
    if said:
        # (`..., cho biết thị trường căn hộ tăng 10%`: not what it says of itself; a name opening what it says may be
        # its own body's, `cho biết, HĐQT sẽ đề cử 2 ứng cử viên`)
        return r.reported_subject.match(text, said.end(), pos, False) is not None
    # (a business's leader only: a state body's figures after `theo` are its territory's, which no verb here tells apart)
    return not (mention.org is not None and org_category(mention.org) in ("company", "bank")
                and r.post_quoted.search(text, max(0, mention.start - 80), mention.start)
                and not _said_of_another(text, mention, pos))


_APPOSITION_END = engines.compile(r"[^,;:.!?\n]*,")  # the rest of a person's post, through its comma
_REPORT_OPENING = engines.compile(r"[\s,:]*[\"“]?\s*")  # blanks, a colon, a quotation mark before what is reported


def _said_of_another(text: str, mention, pos: int) -> bool:
    """`Theo ông X, Tổng giám đốc Công ty Y, Chính phủ có chủ trương ... 1.300 km`, `..., thị trường căn hộ tăng 10%`,
    `..., người nuôi tôm lãi ...`: the reported clause opens on a subject of its own (a name that is not the
    organization's, a market, people, a territory), whose figure it is."""
    end = _APPOSITION_END.match(text, mention.end, pos)
    if end is None:
        return False
    at = end.end()  # (right after the comma: `reported_subject` reads from there)
    start = _REPORT_OPENING.match(text, at).end()
    if start >= pos:
        return False
    if text[start].isupper() and not any(text.startswith(n, start) for n in mention.org.names if n):
        return True
    return rules().reported_subject.match(text, at, pos) is not None


def _in_parenthesis(text: str, start: int, s0: int) -> bool:
    before = text[s0:start]
    return before.rfind("(") > before.rfind(")")


def _joint(text: str, m, mentions) -> bool:
    """`Ngân hàng A, B và C niêm yết`: one of several organizations named together."""
    r = rules()
    after = text[m.end:m.end + 30]
    # (every match holds the first word of one of its phrases: most mentions are followed by none)
    if (patternbook.holds_any(after, r.joint_after_words) and r.joint_after.match(after, None, None, False)) or coordinated(text, m.start, m.end) \
            or r.partner_before.match(text, max(0, m.start - 50), m.start):
        return True  # `Ban Chỉ huy Quân sự xã cùng người dân bao vây`, `chính phủ Mỹ và Quỹ X`: one of several actors
    for o in mentions:
        if o is m or o.org is None or o.org is m.org:
            continue
        if not (o.end <= m.start and m.start - o.end < 12 or m.end <= o.start and o.start - m.end < 12):
            continue  # (too far to be a partner, either side: the tests below need one within 12 characters)
        if o.generic and r.counted_before_word.match(text, max(0, o.start - 24), o.start, False):
            continue  # `CTG khớp 2,9 triệu đơn vị, STB khớp ...`: a counting unit after its number, no partner
        if o.end <= m.start and m.start - o.end < 12 and r.joint.match(text[o.end:m.start]) and not is_object(text, o) \
                and not (text[o.end:m.start].strip() == "," and r.predicate_next.match(text, m.end, None, False)
                         and (is_source(text, o) or _fronted_phrase(text, o))):
            return True  # (`Giống như Fed, ngân hàng trung ương X giữ ...`: the first is a comparison, not a partner;
            # `Theo dữ liệu của X, Y đã xuất xưởng ...`: the source's phrase ends at the comma, Y's predicate
            # follows; `Theo Tổng cục X, Bộ Y (...), ...`, `Bộ Y và ...`: Y is still the source's, its parent)
        if m.end <= o.start and o.start - m.end < 12 and r.joint.match(text[m.end:o.start]):
            return True
    return False


def _fronted_phrase(text: str, o) -> bool:
    """`Về thị giá cổ phiếu EIB, SMBC đã lãi 37%`: `o` closes a phrase that opens its sentence on a fronted_phrase_opener."""
    lo = max(0, o.start - 80)
    cut = max(text.rfind(c, lo, o.start) for c in ".;:!?\n")
    return (cut >= 0 or lo == 0) and rules().fronted_phrase.match(text, cut + 1, o.start) is not None


def usable(text: str, m, mentions, s0: int, main_org=None) -> bool:
    """A mention that can own the figure: a source only when it is the organization the article is
    about (`Theo Ngân hàng X, doanh số cho vay đạt ...` in an article about X); `main_org` is None otherwise."""
    if m.org is None:
        return False
    # the figures of a sentence ask again: once per text for the mention, its start, the article's
    # organization and the mentions it reads (those within 12 characters of [s0, m.end): `_joint`, `_other_actor`)
    key = (id(m), s0, id(main_org), tuple([id(o) for o in mentions if o.end > s0 - 12 and o.start < m.end + 12]))
    known = _memo(text, "usable")
    found = known.get(key)
    if found is None:
        found = known[key] = _usable(text, m, mentions, s0, main_org)
    return found


def _usable(text: str, m, mentions, s0: int, main_org) -> bool:
    r = rules()
    if r.plural_apposition.search(text, max(s0, m.start - 60), m.start):
        return False  # `Các hãng hàng không Vietnam Airlines, Pacific Airlines và VASCO`: one of several
    if patternbook.holds_any(text[max(s0, m.start - 160):m.start], r.example_words) and r.plural_examples.search(text, max(s0, m.start - 160), m.start, False):
        return False  # `các hệ thống bán lẻ lớn như X, Y ... giảm 4 triệu đồng`: one of the examples
    if m.kind == "alias" and not m.surface.isupper() and _reporting_body(m.org) and m.org.name.endswith(" " + m.surface):
        return False  # `Bulgaria tuyên bố ...`: a country's or a place's name, not its ministry
    lo = max(s0, m.start - 20)
    if _begins(text, r.no_org, lo, m.end) and any(x.start() <= m.start < x.end() for x in r.no_org.finditer(text, lo, m.end)):
        return False  # `thị trường liên ngân hàng`: a word of a market's name, no organization
    if getattr(m, "generic", False) and m.surface.endswith(" này") and _other_actor(text, s0, m.start, mentions, False):
        return False  # `General Motors dự kiến ... khiến công ty này thiệt hại`: the name before it, untied
    if getattr(m, "generic", False) and m.surface.endswith(" này") and _antecedent_other(text, m, mentions, s0):
        return False  # `... với Energy Future Holdings. Khi đó, công ty này đang nợ 8 tỷ USD`
    if getattr(m, "generic", False) and rules().counted_before_word.match(text, max(0, m.start - 24), m.start, False):
        return False  # `khối lượng giao dịch đạt 817,12 triệu đơn vị`: a counting unit after its number, no organization
    if getattr(m, "generic", False) and not m.surface.endswith(" này") and _generic_elsewhere(text, m, mentions, s0):
        return False  # `Tổng tài sản của PNJ ... Trong đó, khoản tiền mặt của công ty tăng ...` in an article about SJC
    if r.depicted_by.match(text, max(s0, m.start - 40), m.start):
        return False  # `Hình ảnh do MMEA công bố cho thấy hai tàu`: the source of a picture, not the owner of what it shows
    if r.issuer_before.search(text, max(s0, m.start - 50), m.start):
        return False  # `Bằng khen của Trung ương Hội X`: the issuer of an honour, not the owner of the prize's value
    if r.relative_of.match(text, max(s0, m.start - 50), m.start):
        return False  # `Cen Group - công ty mẹ của Cen Land đã đầu tư 1 triệu USD`: the parent's, named before
    if r.dash_parent.match(text, max(s0, m.start - 80), m.start):
        return False  # `Trường Phổ thông Năng khiếu - Đại học Quốc gia TPHCM có 20 học sinh`: the unit's, not its parent's
    if rules().family_before.match(text, max(s0, m.start - 16), m.start):
        return False  # `gia đình Samsung`, `sinh viên UEF`: the family, the people, not the organization
    if m.surface in rules().countries:
        return False  # `khiến Australia thiệt hại 20 tỷ AUD`: the country, not a body named after it
    if _territorial(m.org) and not opens_on(m.surface, rules().reporting_types):
        return False  # `lượng khách đến Vũng Tàu`: the place, not its People's Committee
    if (text[max(s0, m.start - 6):m.start].rstrip().endswith("của")
            and rules().unit_of.match(text[_segment_start(text, s0, m.start):m.start], None, None, False)) or (
            m.generic and _OF_ANOTHER.match(text, m.end, m.end + 50, False)):
        return False  # `Công ty tài chính tiêu dùng của tập đoàn này có 900 chi nhánh`: the unit's, not its parent's
    # (read only now: every test above answers alone)
    source = is_source(text, m) or (text[max(0, m.start - 6):m.start].rstrip().endswith("của")
                                    and rules().act_of.match(text, max(s0, m.start - 60), m.start, False) is not None) \
        or (rules().party_before.match(text, max(s0, m.start - 8), m.start) is not None
            and rules().reporting_after.match(text, m.end, m.end + 40) is not None)
    if source and m.org is not main_org:
        return False
    if not source:
        head = text[s0:m.start]
        # `Với Công ty A, ...`, `Còn tại Ngân hàng B, ...`: the clause is about it (else not an object)
        if not (_TOPIC.match(head) or rules().topic_opener.match(head)) and is_object(text, m):
            return False
    return not _in_parenthesis(text, m.start, s0) and not _joint(text, m, mentions)


_PLAN_IS = engines.compile(r"\s*là\s")
_PREDICATE = engines.compile(r"(?<!\w)là\s+$")
_OF_ANOTHER = regex.compile(r"(?:\s+\p{Ll}+){0,5}\s+của\s")
_TOPIC = engines.compile(r"^\s*(?:" + patternbook.choice(patternbook.load("ownership")["topic_with_leads"]) + r"\s+)?"
                       + patternbook.choice(patternbook.load("ownership")["topic_with"]) + r"\s*$")


@functools.lru_cache(maxsize=4096)
def _segment_start(text: str, s0: int, pos: int) -> int:
    """After the last `,` `;` `:` before `pos` in the sentence, not counting those inside parentheses."""
    piece = text[s0:pos]
    paren = "(" in piece
    if paren:
        piece = text_mod.BRACKET.sub(lambda m: " " * len(m.group(0)), piece)
    # the last `;` `:` or `,` not before a digit is a cut; a contrast word can only follow it (it holds none of them)
    r = max(piece.rfind(";"), piece.rfind(":"))
    c = _cut_comma_in(piece, 0) if paren else _last_cut_comma(text, s0, piece)
    r = max(r, c)
    words = _contrast_needles()
    if words is not None:
        for w in words:
            if piece.find(w, r + 1) >= 0:
                break
        else:
            return s0 + r + 1
    last = max((m.end() for m in rules().clause_sep.finditer(piece, r + 1)), default=r + 1)
    return s0 + last


_DIGIT = engines.compile(r"\d")
_CUT_MEMO = threading.local()


def _cut_comma_in(piece: str, pos: int) -> int:
    r"""The last comma of piece[pos:] that no digit (`\d`) follows, -1 if none (`str.rfind`: a regex call costs
    more than the few commas of a piece; `\d` asked of `regex` only for a letter outside ASCII)."""
    i = piece.rfind(",", pos)
    while i >= 0:
        after = piece[i + 1:i + 2]
        if not after or (not "0" <= after <= "9" if after.isascii() else _DIGIT.match(after) is None):
            return i
        i = piece.rfind(",", pos, i)
    return -1


def _last_cut_comma(text: str, s0: int, piece: str) -> int:
    """The last comma of `piece` (`text[s0:pos]`, no parentheses) that no digit follows, -1 if none. The figures
    of a sentence ask in turn with longer pieces: the answer for the last one is kept (per thread), so a later
    one searches only what its piece adds; searching the whole piece each time was quadratic in the figures of
    a sentence listing hundreds (`12,5% 12,5% ...`)."""
    n, last = len(piece), getattr(_CUT_MEMO, "last", None)
    c = -2
    if last is not None and last[0] is text and last[1] == s0 and last[2] <= n:
        end = last[2] - 1   # the comma that ended the last piece may have a digit after it now
        c = _cut_comma_in(piece, max(0, end))
        if c < 0 and last[3] < end:
            c = last[3]
        elif c < 0:
            c = -2
    if c == -2:
        c = _cut_comma_in(piece, 0)
    _CUT_MEMO.last = (text, s0, n, c)
    return c


@functools.lru_cache(maxsize=1)
def _contrast_needles():
    """`rules().contrast_words` less those holding another (`trong khi đó` holds `trong khi`): a text holds one of
    these exactly when it holds one of those."""
    words = rules().contrast_words
    if words is None:
        return None
    return tuple(w for w in words if not any(v != w and v in w for v in words))


def _territorial(org) -> bool:
    t = rules().territorial
    return any(opens_on(n, t) for n in org.names if n)


def _paragraph_subject(text: str, p0: int, s0: int, mentions, own_org):
    """`SSI ... tiếp tục gặt hái thành công. Doanh thu ... đạt 696 tỷ đồng`: the one organization the
    paragraph's first sentence names as its subject owns the figures of the paragraph's later sentences
    that name no one (when the paragraph names no other organization before them)."""
    before = [m for m in mentions if p0 <= m.start < s0 and m.org is not None]
    if not before:
        return None
    first_end = text.find(". ", p0, s0)
    first_end = s0 if first_end < 0 else first_end
    if len({id(m.org) for m in before}) != 1:
        return None  # (asked first: cheaper than whether a mention is usable)
    lead = next((m for m in before if m.start < first_end and usable(text, m, mentions, p0, own_org)), None)
    if lead is None or in_title(text, lead, first_end):
        return None
    org = lead.org
    if not _named_business(org):
        return None  # a business named as such; a club's, a ministry's or a foreign name's paragraph is no report
    if _market_after(text, lead.end, first_end):
        return None
    return lead.org


_SENTENCE_BREAK = regex.compile(r"[.!?…][\"”]?\s|\n", regex.REVERSE)
_PREVIOUS_REACH = 300  # characters before a paragraph's start that extract.py's mention window covers


def _previous_subject(text: str, s0: int, q_start: int, mentions, own_org):
    """`Lợi nhuận thuần ... của Vinhomes ... giảm 30%.` / `Tổng lợi nhuận kế toán hợp nhất trước thuế ghi nhận 7.085 tỷ
    đồng`: a sentence that opens its own paragraph on a metric noun (news sites set each sentence apart), naming no
    one, goes on with the sentence just before it, when that one names one business as its subject (as
    `_paragraph_subject` reads a paragraph's first sentence). Not a labelled item (`Tổng mức đầu tư: 6.398 tỷ đồng`,
    a fact sheet's) nor a metric with a possessor of its own (`Tổng vốn đầu tư của dự án`, `Giá trị của CLB`)."""
    if not metrics.reader().head.match(text, _BLANKS.match(text, s0).end()):
        return None
    if rules().label_or_possessor.search(text, s0, q_start):
        return None
    end = s0
    while end > 0 and text[end - 1].isspace():
        end -= 1  # (the previous sentence's end: its stop is left out of the search for the break before it)
    brk = _SENTENCE_BREAK.search(text, max(0, s0 - _PREVIOUS_REACH), end - 1, False) if end > 1 else None
    if brk is None:
        return None  # (no start of that sentence within reach: the caller reads mentions from 300 characters before)
    return _paragraph_subject(text, brk.end(), s0, mentions, own_org)


def _named_business(org) -> bool:
    """A company or a bank named as such somewhere (typed, known or an alias of one), not only spelled as a brand."""
    return org_category(org) in ("company", "bank") and any(m.kind in ("typed", "known", "alias") for m in org.mentions)


def _topic_owner(text: str, s0: int, q_start: int, mentions, topic):
    """`Cụ thể, tổng doanh thu thuần của Vincom Retail đạt 2.226 tỷ đồng. Trong đó, ... doanh thu đạt 1.712 tỷ đồng.` /
    `Doanh thu từ mảng chuyển nhượng bất động sản đạt 452 tỷ đồng`: a sentence naming no one that opens on a metric
    noun (after a continuation word or none) goes on with the report of the sentence just before it, when that
    sentence's figures are one business's (`topic`: its owner, read from its own clause or carried in, as
    `_previous_subject` reads a named subject) and nothing between names another. Not a labelled item nor a metric
    with a possessor of its own (`_previous_subject`'s tests)."""
    org, prev_s0 = topic
    at = _BLANKS.match(text, s0).end()
    lead = metrics.reader().continuation.match(text, at, q_start)
    if lead is not None:
        at = _COMMA_GAP.match(text, lead.end()).end()
    if not metrics.reader().head.match(text, at):
        return None
    if rules().label_or_possessor.search(text, s0, q_start):
        return None
    if any(prev_s0 <= m.start < q_start and m.org is not org for m in mentions):
        return None  # another organization (or an unresolved word of one) named since
    if not _named_business(org):
        return None  # (as `_paragraph_subject`: a business named as such)
    return org


def _other_actor(text: str, s0: int, pos: int, mentions, first_person: bool = True, own=None) -> bool:
    """Someone else acts in the sentence: a speaker in the first person (`Tôi đi lại ... mất 300.000 đồng`) or
    a foreign name the article never tied to an organization (`Apple từng phải bồi thường 950 triệu USD`).
    `own`: the article's organization, whose name opening a longer one is its product (`Lenovo ThinkPad P51
    có giá 1.049 USD`), no one else."""
    if first_person and rules().first_person.search(text, s0, pos):
        return True
    g = grammar()
    taken = [(m.start - s0, m.end - s0) for m in mentions if m.end > s0 and m.start < pos]
    known = _memo(text, "other_actor")   # (a figure asks twice; the figures of a sentence often alike)
    key = (s0, pos, tuple(taken))
    found = known.get(key)
    if found is None:
        found = known[key] = [surf for a, _, surf in brand_candidates(text[s0:pos], taken)
                              if not strong_brand(surf.split()[0]) and surf.split()[0] not in g.not_brands
                              and not _qualifies_noun(text, s0 + a, g)]
    if own is not None and found:  # (its name as a brand, not an alias the linker read: `Gary` of `Gary Kimber`)
        brands = _brand_forms(own)
        return any(not any(surf == n or surf.startswith(n + " ") for n in brands) for surf in found)
    return bool(found)


def _qualifies_noun(text: str, at: int, g) -> bool:
    """The name at `at` follows a lowercase noun it qualifies (`thân vỏ Platinum 950`, `phiên bản Titanium Grade
    5`): no clause's subject. A stop word, a joiner (organizations.yaml `subject_joiners`) or no word before it (a
    clause's start, a comma) may open a subject."""
    if text[at - 1:at] not in (" ", "\t"):
        return False
    m = _PREV_WORD.search(text, max(0, at - 24), at, False)
    if m is None:
        return False
    w = m.group(1)
    if not (w.isalpha() and w.islower()) or w in g.stop or w in _subject_joiners():
        return False
    if g.person_before.match(text[max(0, at - 30):at], None, None, False):
        return False  # `vợ Priscilla Chan`: a person, who may act
    return not _role_before().search(text, max(0, at - 50), at, False)  # `Giám đốc điều hành Goldsun`: the role's company


_PREV_WORD = regex.compile(r"(\w+)[ \t]+$", regex.REVERSE)


@functools.lru_cache(maxsize=1)
def _role_before():
    """A person's role, up to two words qualifying it, right before a name (`Giám đốc điều hành X`, `đại diện Lữ hành X`)."""
    roles = patternbook.load("organizations")["role_before_name"]
    return regex.compile(r"(?<!\w)" + patternbook.alternation(roles) + r"(?:[ \t]+\w+){0,2}[ \t]+$", regex.REVERSE)


@functools.lru_cache(maxsize=1)
def _subject_joiners() -> frozenset:
    return frozenset(patternbook.load("organizations")["subject_joiners"])


def _brand_forms(org) -> set:
    """How the article writes the organization as a bare brand: its brand mentions, its typed names without the
    type word (`Toyota` of `hãng Toyota`, `Formosa Hà Tĩnh` of `Công ty Formosa Hà Tĩnh`); not its aliases."""
    forms = {m.surface for m in org.mentions if m.kind in ("brand", "known")}
    for m in org.mentions:
        if m.kind == "typed":
            t = type_of(m.surface)
            at = next((i for i, c in enumerate(m.surface) if c.isupper()), None)
            proper = m.surface[len(t):].strip() if t else m.surface[at:] if at else ""
            if proper[:1].isupper():
                forms.add(proper)
    return forms


_MAKER_MODELS = 3   # models written after the brand that make its article one about a maker and its products


def _maker_article(text: str, org) -> bool:
    """The article writes the organization's bare brand (a company's) before a model this often (`Speake-Marin Crazy Skulls`,
    `Speake-Marin One`, `Speake-Marin Wing Commander`): it presents a maker's products, whose prices the maker
    sets (the price of a version named without the brand, `Giá bán phiên bản Titanium là ...`, is its too)."""
    memo = _memo(text, "maker_article")
    key = id(org)
    if key not in memo or memo[key][0] is not org:   # (the organization is kept with its answer: an id is reused once freed)
        n = 0
        if org_category(org) == "company":   # (a bank's brand before its branches' names is no maker)
            for form in _brand_forms(org):
                if " " in form:
                    continue
                at = text.find(form + " ")
                while at >= 0 and n < _MAKER_MODELS:
                    nxt = at + len(form) + 1
                    if nxt < len(text) and text[nxt].isupper() and (at == 0 or not text[at - 1].isalnum()) \
                            and _model_word(text, nxt):
                        n += 1
                    at = text.find(form + " ", nxt)
        memo[key] = org, n >= _MAKER_MODELS
    return memo[key][1]


_WORD_AT = engines.compile(r"([\w-]+)([ \t]+\d)?")


def _model_word(text: str, at: int) -> bool:
    """The word at `at` may name a model: not a Vietnamese syllable (`Agribank Bắc Nghệ An` is a branch and its place;
    `Crazy`, `Galaxy`, `A8`, `X10` are models), or one followed by a number (`Mi 11`)."""
    m = _WORD_AT.match(text, at)
    return bool(m) and (not is_syllable(m.group(1)) or bool(m.group(2)))


def _own_product(text: str, org, s0: int, q_start: int) -> bool:
    """The sentence names a product of the organization before the figure: its bare brand, then a capitalised word or a
    model number (`Honda City`, `Lenovo ThinkPad P51`, `Toyota Yaris 2017`). A brand of two words or more is as often
    a product the linker took for its maker (`Honda Wave`): not read."""
    for form in _brand_forms(org):
        if " " in form and not any(m.kind == "typed" and m.surface.endswith(form) for m in org.mentions):
            continue
        at = text.find(form + " ", s0, q_start)
        while at >= 0:
            nxt = at + len(form) + 1
            if nxt < q_start and (text[nxt].isupper() or text[nxt].isdigit()) and (at == 0 or not text[at - 1].isalnum()):
                return True
            at = text.find(form + " ", nxt, q_start)
    return False


_CLAUSE_HEAD = regex.compile(r"\s*[\"“]?\s*\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,2}")  # the clause's opening name
def _other_ticker(text: str, start: int, end: int, mentions) -> bool:
    """`..., như NVL tăng 5,2%`: a ticker no organization of the article moves in the figure's segment."""
    starts = {m.start for m in mentions}
    return any(t.start() not in starts and not _ROMAN.match(t.group(0))
               for t in rules().ticker_subject.finditer(text, start, end, False, False))


_ROMAN = engines.compile(r"(?:X{0,3}(?:IX|IV|V?I{0,3})|X{1,3})\s")  # `quý III tăng 12%`: a quarter, no ticker


def _new_subject(text: str, start: int, end: int, mentions, contrast_only: bool = False) -> bool:
    """`SMBC gây chú ý khi Sumitomo Life chi thêm 4.012 tỷ đồng`: a clause word, then a name the article never
    tied acting, between the organization and the figure (`contrast_only`: only after a contrast, `trong khi`, `còn`)."""
    r = rules()
    for x in r.new_subject.finditer(text, start, end, False, False):
        if contrast_only and not r.later_subject.search(text, max(0, x.start(1) - 16), x.start(1)):
            continue
        if not any(m.start == x.start(1) for m in mentions) and (
                (_person_name(x.group(1)) and not _AGENT.match(x.group(0)) and not r.name_then_link.match(text, x.end(1)))
                or _untied_head(text, x.start(1), x.end(1) + 1, mentions)):
            return True
    return False


_AGENT = engines.compile(r"[Dd]o\s")  # `tập đoàn X do Lý Vân Phong đứng đầu có ...`: a relative clause's agent, no new subject


def _possessor_only(text: str, m, q_start: int) -> bool:
    """`FE Credit được cho là "gà đẻ trứng vàng" của VPBank khi đóng góp 45 - 50% vào tổng lợi nhuận`: the
    organization only possesses a phrase about the subject; the contribution that follows is the subject's."""
    if not text[max(0, m.start - 6):m.start].rstrip().endswith("của"):
        return False
    return rules().contributes.search(text, m.end, q_start, False) is not None


def _receiver_only(text: str, m, c0: int) -> bool:
    """`X đóng góp 45 - 50% vào tổng lợi nhuận hợp nhất của ngân hàng ... hay 28,5% năm 2020`: the organization
    only receives a contribution its clause names before it; a share that follows is still the contributor's."""
    if not text[max(0, m.start - 6):m.start].rstrip().endswith("của"):
        return False
    r = rules()
    lo = max(c0, m.start - 200)
    return patternbook.holds_any(text[lo:m.start], r.contributing_words) and r.contributed_to.search(text, lo, m.start) is not None


def _contributor(text: str, m, q_start: int, c0: int, s0: int, mentions, own_org):
    """The organization contributing the figure when `m`, the last one named before it, is only the possessor or
    the receiver of the contribution (`FE Credit ... của VPBank khi đóng góp 45 - 50%`, `FE Credit đóng góp ... của
    VPBank ... hay 28,5%`): the clause's first usable organization before `m`, another one; else None (`mảng bán lẻ
    đóng góp 45% doanh thu của PNJ, hay 28,5% năm 2020`: the parent's, the unit no organization)."""
    if not (_possessor_only(text, m, q_start) or _receiver_only(text, m, c0)):
        return None
    return next((o.org for o in mentions if c0 <= o.start and o.end <= m.start and o.org is not None and o.org is not m.org
                 and usable(text, o, mentions, s0, own_org)), None)


def _person_name(run: str) -> bool:
    """`... và Triệu Vy nắm giữ 10% cổ phần`: two or three capitalised Vietnamese syllables no organization's type
    word opens (not `Ban Giám đốc`, `Tổng giám đốc`): a person's name (or a place's), acting as the new subject."""
    words = run.split()
    r = rules()
    return 2 <= len(words) <= 3 and words[0] not in r.not_names and run not in r.not_names and not opens_on(run, r.type_heads) \
        and all(w[:1].isupper() and w.isalpha() and is_syllable(w) for w in words)


def _untied_head(text: str, start: int, end: int, mentions) -> bool:
    """`... trong khi BOE sẽ thực hiện 5,3%`: the figure's segment opens on a name the article never tied."""
    head = _CLAUSE_HEAD.match(text, start, end, False)
    if not head or any(head.start() <= m.start < head.end() for m in mentions):
        return False
    first = head.group(0).split()[0].lstrip("\"“")
    if first in rules().not_names:
        return False
    if first.isupper() and len(first) >= 2 and "." not in first and (first.isascii() or not is_syllable(first)) \
            and first not in rules().not_names:
        return True  # a ticker or an acronym no organization of the article bears (not `PGS.TS`, not `ĐÀ NẴNG-`)
    return _other_actor(text, start, head.end(), mentions, first_person=False)


_NAMED_POSSESSOR = regex.compile(r"(?<!\w)của\s+(\p{Lu}[\p{L}\d&.-]*(?:\s+\p{Lu}[\p{L}\d&.-]*){0,2})")


def _other_possessor(text: str, start: int, end: int, mentions) -> bool:
    """The figure's own segment names its possessor, a name the article never made an organization
    (`giá trị cổ phiếu của Man Utd`): the figure is that one's, not the sentence subject's."""
    starts = {m.start for m in mentions}
    return any(p.start(1) not in starts for p in _NAMED_POSSESSOR.finditer(text, start, end, False, False))


_POSSESSOR_NEXT = regex.compile(r"\s*" + _NAMED_POSSESSOR.pattern)   # (right after the figure)


def _possessor_after(text: str, q_end: int, mentions) -> bool:
    """`Thị phần của Walmart là 5%, thấp hơn nhiều so với 39% của Amazon`: the figure is followed at once by
    `của` and a name of its own, one the article never made an organization and no type word opens (not
    `của Công ty`, the subject again): the figure is that one's, not the subject of an earlier segment."""
    p = _POSSESSOR_NEXT.match(text, q_end, q_end + 60, False)
    if p is None or any(m.start <= p.start(1) < m.end for m in mentions):
        return False
    r = rules()
    run = p.group(1)
    return run.split()[0] not in r.not_names and not opens_on(run, r.type_heads)


def _located_brand(text: str, start: int, end: int, mentions, org) -> bool:
    """`..., đặc biệt tại FE Credit thu nhập này tăng gần 110%`: the figure's segment opens on `tại` and a name spelled
    as a brand that no mention covers and the organization does not bear: the figure is where that company is."""
    h = rules().located_opener.match(text, start, end, False)
    if h is None or any(m.start <= h.end() < m.end for m in mentions):
        return False
    cands = brand_candidates(text[h.end():end], [])
    if not cands or cands[0][0] != 0:
        return False
    surf = cands[0][2]
    g = grammar()
    if not strong_brand(surf.split()[0]) or surf.split()[0] in g.not_brands or surf in g.countries \
            or province_regex().fullmatch(surf):
        return False
    return not any(_as_words(surf, n)
                   for n in list(org.names) + list(org.aliases) if n)


def _market_after(text: str, start: int, end: int, org=None) -> bool:
    """A market, index or territory named between the organization and the figure, not as its object:
    `IATA dự báo doanh thu của ngành hàng không ... 743 tỷ USD` (the industry's, as IATA reports it)."""
    r = rules()
    if not _begins(text, r.no_org, start, end):
        return False
    covering = _covering(text, start, end, org)
    for m in r.no_org.finditer(text, start, end):
        if m.group(0).lower() in r.coverage_scopes and (covering or _second_predicate_covers(text, start, m.start(), org)):
            continue  # `Viettel nâng tỷ lệ xã phủ cáp quang trên toàn quốc lên 70%`: the scope of what the business covers
        if r.set_rate.match(m.group(0)) and r.setting_verb.search(text, start, m.start()):
            return False  # `Ngân hàng Nhà nước giữ lãi suất điều hành ở mức 4%`: the rate it sets
        if m.group(0).split()[0] in r.listing_floors and r.listed_on.search(text, max(start, m.start() - 16), m.start()):
            continue  # `Cổ phiếu BHN giao dịch trên sàn HOSE với giá tham chiếu ...`: where its stock trades
        if r.activity_market.match(text[start:m.start()], None, None, False):
            continue  # `thị phần của Xiaomi trên thị trường smartphone toàn cầu`: where it does business, right after it
        if not r.object_near.match(text[max(start, m.start() - 40):m.start()], None, None, False):
            return True  # (`so với bình quân ngành`: a comparison, not the figure's market)
    return False


def _covering(text: str, start: int, end: int, org) -> bool:
    """text[start:end] opens on a business's own verb of coverage or holding (ownership.yaml coverage_verbs): a
    country- or world-wide scope after it qualifies its object (`nâng tỷ lệ xã phủ ... trên toàn quốc lên 70%`)."""
    return org is not None and rules().coverage_verb.match(text, start, end) is not None \
        and org_category(org) in ("company", "bank")


def _second_predicate_covers(text: str, start: int, end: int, org) -> bool:
    """The last joiner (`và`, ownership.yaml predicate_joiners) of text[start:end] opens a second predicate of the business with a verb of coverage: `Viettel đặt
    mục tiêu ... và nâng tỷ lệ xã phủ cáp quang trên toàn quốc lên 70%`."""
    k = max((text.rfind(f" {w} ", start, end) + len(w) + 2 for w in rules().predicate_joiners), default=-1)
    return k > start and _covering(text, k, end, org)


_OWNER_AFTER = engines.compile(r"^\s*(?:của)\s*$")
_OF = engines.compile(r"\s*của\s+")


def _described_after_of(text: str, q_end: int, start: int) -> bool:
    """`947 triệu USD của công ty phần mềm Tuya Inc.`: `của`, a type word and its trade (org_mentions
    `described_head`), then the name at `start`: the name is the possessor, as right after `của`."""
    of = _OF.match(text, q_end, start)
    if of is None:
        return False
    head = grammar().described_head.match(text, of.end(), start + 1, False)
    return head is not None and head.end() == start


def owner(text: str, q_start: int, q_end: int, s0: int, c0: int, mentions, main_org, about_one: bool,
          p0: int | None = None, cls: str | None = None, metric_key: str | None = None, s1: int | None = None,
          later=None, topic=None):
    """(org, source) for the figure at [q_start, q_end) in the sentence starting at s0 (ending at s1), clause at c0,
    paragraph at p0: the organization the clause gives it (`_candidate`), unless the figure is one
    no organization reports (`_not_its_figure`). `later`: the sentence's mentions after those of `mentions`, read
    only for a speaker named after a quotation (`_quote_speaker`). `topic`: (the one business owning the figures of
    the sentence before, that sentence's start), or None (`_topic_owner`)."""
    if metric_key in rules().never_owned:
        return None, "market-or-place"  # `giá vàng SJC niêm yết tại 55,6 triệu đồng/lượng`: a commodity's price
    if cls == "count" and _number_of_name(text, q_start, mentions):
        return None, "not-owner"  # `Công ty TNHH Thiết bị y tế 736 phân loại ...`: the number ends a name, no one's count
    for m in mentions:   # (a loop, not `any` over a generator: asked for every figure)
        if s0 <= m.start < q_start and m.generic and not m.pointer:
            mentions = _repointed(text, s0, q_start, mentions)
            break
    org, source = _respective_owner(text, q_start, s0, mentions)
    if org is None:
        org, source = _candidate(text, q_start, q_end, s0, c0, mentions, main_org, about_one, p0, cls, metric_key,
                                 s1, later, topic)
    if org is not None and cls == "ratio":
        held = _stake_owner(text, org, q_start, q_end, s0, c0, mentions, main_org if about_one else None)
        if held is not None:
            org, source = held
    if org is not None and source != "document" and not (about_one and org is main_org) and _facility(org):
        org, source = _facility_owner(text, org, source, s0, q_end, mentions)  # `Nhà máy Lọc dầu X ... của Công ty`
        if org is None:
            return None, source
    if org is not None and cls == "ratio" and source in ("paragraph", "document", "sentence-list"):
        buyer = _sold_to(text, q_end, mentions)
        if buyer is not None and buyer is not org:
            return buyer, "holder"  # `49% vốn được bán cho SMBC` with the seller only named before the sentence: the buyer's
    if org is not None and source in _CARRIED_SOURCES and _later_subject(text, org, q_end, mentions):
        return None, "other-actor"  # `PV Power lãi 1.000 tỷ đồng, trong khi PV Gas lãi ...`: not PV Gas's
    if org is not None and source in _CARRIED_SOURCES and _points_elsewhere(text, q_end, s0, s1, mentions):
        return None, "other-actor"  # `73% lượng rượu ... của công ty này`, `này` pointing at a name never tied: not the article's
    if org is not None and cls == "money" and _invested_into(text, q_start, s0):
        return None, "other-actor"  # `SMBC còn đầu tư vào Nhiệt điện BOT Vân Phong 1 (vốn đầu tư 2,58 tỷ USD)`: the project's
    if org is not None and _directed(text, org, q_start, s0, mentions, metric_key):
        return None, "directed"
    if org is not None and cls == "money" and _grants(text, org, q_start, s0, mentions):
        return None, "directed"  # `UBND TP đã trao Giấy chứng nhận đăng ký đầu tư ... cho Công ty X ... với số vốn 750 triệu USD`
    if org is not None and source in ("segment", "sentence"):
        given = _allocated_to(text, org, q_start, q_end, s0, mentions)
        if given is not None:
            return given  # `Bộ Y tế phân bổ 50.000 liều cho Trung tâm X`: the receiver's (session 10)
    if org is not None and _publishes(text, org, q_start, s0, mentions):
        return None, "reported"  # `tạp chí X công bố danh sách 500 người giàu`: the list's, not the publisher's
    if org is not None and cls == "ratio" and rules().set_share.match(text, q_end, q_end + 40):
        return None, "not-owner"  # `có đến 60% các hồ sơ xin việc của nhiều ứng viên`, `75% các doanh nghiệp khu vực ASEAN`
    if org is not None and rules().market_after.match(text, q_end, q_end + 40, False):
        return None, "market-or-place"  # `so với mức P/E bình quân của thị trường`: the market's; `vượt xa mức phạt
        # kỷ lục 1 tỷ USD trước đó của chính quyền Trung Quốc`: the reference's, another's
    if org is not None and _hypothetical(text, q_start, s0, mentions):
        return None, "hypothetical"  # `nếu doanh nghiệp đạt trên 600 điểm`: anyone's, no organization's
    if org is not None:
        why = _not_its_figure(text, org, source, q_start, q_end, s0, c0, mentions, cls, metric_key)
        if why:
            return None, why
    if org is not None and cls == "measure" and source in ("segment", "sentence") and _length_at_place(text, org, q_start, q_end, s0, mentions):
        return None, "dimension"  # `Còn tại Trường Mầm non X ... nước ngập sâu hơn 1m`: the place's
    if org is not None and cls == "money" and source in ("segment", "sentence") and _imposes_fine(text, org, q_start, s0, mentions):
        return None, "directed"  # `UBND Thành phố đã ban hành quyết định xử phạt hành chính 1 tỷ đồng`: the fined one's
    name = org.name if org is not None else None   # (a property: made once)
    if name is not None and name[:1].islower() and is_generic(name):
        return None, "not-owner"  # `doanh nghiệp`, `tập đoàn` (a bare type word the linker made an organization): it names no one
    return org, source


def _example_mover(text: str, m, mentions, s0: int) -> bool:
    """`các mã bluechip khác ... như VCG tăng 2,16%`: a ticker opens the examples right after `như` and a move verb of
    its own follows it at once: the subject of that move, its share price, not one of several named together (`như
    X, Y giảm 4 triệu đồng` stays the group's; a brand's example, `như Thế Giới Di Động giảm 4 triệu đồng`, too)."""
    r = rules()
    return m.org is not None and r.example_mover.search(text, max(s0, m.start - 8), m.start) is not None \
        and r.ticker_subject.match(text, m.start, m.end + 30, False) is not None and not _joint(text, m, mentions)


def _later_subject(text: str, org, q_end: int, mentions) -> bool:
    """The organization a figure would take from the article or the paragraph is the subject of a later clause
    of the figure's sentence, one opened on a contrast (`trong khi PV Gas lãi ...`): the figure before it is
    another's (its clause's subject, though no organization we read)."""
    later = [m for m in mentions if m.start >= q_end and m.org is org]
    if not later:
        return False
    end = _SENTENCE_END.search(text, q_end)
    stop = end.start() if end else len(text)
    return any(m.start < stop and rules().later_subject.search(text, max(q_end, m.start - 16), m.start) for m in later)


_NUMBER = engines.compile(r"\d+")


def _number_of_name(text: str, q_start: int, mentions) -> bool:
    """The figure's number is the last word of an organization's name (`Công ty TNHH Trang thiết bị vật tư y tế 736`),
    inside a mention or right after one that the name goes on from (`... y tế` + ` 736`)."""
    num = None   # (read once a mention stands close enough before the figure: for most figures none does)
    for m in mentions:
        if m.org is None or m.start >= q_start or q_start - m.start > 120:
            continue
        if num is None:
            num = _NUMBER.match(text, q_start)
            if num is None:
                return False
            digits = num.group(0)
        if m.end > q_start:
            return True
        if not any(digits in n for n in m.org.names if n):
            continue  # (a name ending in the number holds it: most names hold no digit)
        run = " ".join((text[m.start:q_start] + num.group(0)).split()).casefold()
        if any(" ".join(n.split()).casefold().endswith(run) for n in m.org.names if n):
            return True
    return False


_FIGURE_TOKEN = regex.compile(r"(?<![\p{L}\d/.,])(?<!" + patternbook.choice(patternbook.load("ownership")["respective_not_after"])
                              + r"\s)\d[\d.,]*(?![\d/])")
_NAME_BEFORE_LIST = regex.compile(r"\p{Lu}[\p{L}\d&.-]*\s*(?:,|" + patternbook.choice(patternbook.load("ownership")["respective_list_joiners"])
                                  + r")\s*$")
_CLAUSE_STOP = engines.compile(r"[.!?](?=\s)|[;:\n]")
# between two paired figures: the first one's unit (no number, no clause mark, no verb's object), then `,` or `và`
_PAIRED_GAP = engines.compile(r"[^\d;:()\n]{0,20}?\s*(?:,|\s" + patternbook.choice(patternbook.load("ownership")["paired_figure_joiners"])
                            + r")\s*$")


def _respective_owner(text: str, q_start: int, s0: int, mentions):
    """`Vietcombank và BIDV lần lượt đạt 23.000 tỷ đồng và 13.000 tỷ đồng`: organizations named together, then
    `lần lượt`, give each its own figure in order (the i-th figure after the word is the (i mod n)-th name's:
    `lần lượt tăng 87% và 21% lên 457 tỷ đồng và 668 tỷ đồng`). (None, None) unless the list is plain: n distinct
    organizations joined only by `,` `và` `cùng`, no other name before them, the word after them, no other name
    before the figure, and a multiple of n figures after the word in the clause."""
    r = rules()
    if not patternbook.holds_any(text[s0:q_start], r.respective_words) or not r.respective.search(text, s0, q_start):
        return _paired_owner(text, q_start, s0, mentions)
    said = None
    for said in r.respective.finditer(text, s0, q_start):
        pass
    return _listed_names_owner(text, q_start, s0, mentions, said.start(), said.end(), False)


def _paired_owner(text: str, q_start: int, s0: int, mentions):
    """`KDH và STB tăng trần lên 35.300 đồng và 22.450 đồng`: as many figures as names, the figures joined as the
    names are (`và`, `,`), nothing between them but each one's unit: each name its own figure in order, as after
    `lần lượt` (`_respective_owner`). (None, None) unless the names' list is plain (the same tests) and the chain of
    figures holds exactly one figure per name."""
    if sum(1 for m in mentions if s0 <= m.start and m.end <= q_start) < 2:
        return None, None   # (fewer than two names before the figure: no pairs; the cheap test before the scans)
    stop = _CLAUSE_STOP.search(text, q_start)
    end = stop.start() if stop else len(text)
    back = max((x.end() for x in _CLAUSE_STOP.finditer(text, s0, q_start)), default=s0)
    tokens = list(_FIGURE_TOKEN.finditer(text, back, end, False, False))
    at = next((i for i, t in enumerate(tokens) if t.start() == q_start), None)
    if at is None:
        return None, None
    lo = at   # the chain of figures around the figure, each joined to the next by its unit and a joiner only
    while lo > 0 and _PAIRED_GAP.match(text[tokens[lo - 1].end():tokens[lo].start()]):
        lo -= 1
    hi = at
    while hi + 1 < len(tokens) and _PAIRED_GAP.match(text[tokens[hi].end():tokens[hi + 1].start()]):
        hi += 1
    if hi == lo or hi + 1 < len(tokens) and text.find(",", tokens[hi].end(), tokens[hi + 1].start()) < 0:
        return None, None   # (one figure; or another figure follows in the clause: `tăng 87% và 21% lên 457 tỷ đồng ...`)
    first = tokens[lo].start()
    if any(t.start() < first for t in tokens if t.start() >= back):
        return None, None   # another figure before the chain in the clause
    org = _listed_names_owner(text, q_start, s0, mentions, first, first, True, [t.start() for t in tokens[lo:hi + 1]])
    return org


def _listed_names_owner(text: str, q_start: int, s0: int, mentions, a: int, b: int, paired: bool, figures=None):
    """The names joined right before [a, b) (`lần lượt`, or the first of paired figures), each the owner of its own
    figure in order (`_respective_owner`, `_paired_owner`)."""
    r = rules()
    said = (a, b)
    run = [m for m in mentions if s0 <= m.start and m.end <= said[0]]
    if any(said[1] <= m.start < q_start for m in mentions):
        return None, None
    names = []
    for m in reversed(run):  # the names joined right before the word, last first
        gap = text[m.end:names[-1].start] if names else text[m.end:said[0]]
        if names and not r.joint.match(gap) or not names and (_CLAUSE_STOP.search(gap) or len(gap) > 60
                                                               or any(m2.start >= m.end for m2 in run if m2 is not m)):
            break
        names.append(m)
    names.reverse()
    if len(names) < 2 or any(m.org is None for m in names) or len({id(m.org) for m in names}) != len(names):
        return None, None
    first = names[0]
    if _NAME_BEFORE_LIST.search(text, max(s0, first.start - 40), first.start, False) or is_object(text, first) \
            or _in_parenthesis(text, first.start, s0) or any(is_source(text, m) for m in names):
        return None, None
    if paired:
        if len(figures) != len(names) or q_start not in figures or any(m.generic for m in names):
            # (no bare type word a linker resolved: `Công ty Cổ phần tư vấn ...`, read as `Công ty Cổ phần`, is no name)
            return None, None
        return names[figures.index(q_start)].org, "respective"
    stop = _CLAUSE_STOP.search(text, said[1])
    end = stop.start() if stop else len(text)
    figures = [f.start() for f in _FIGURE_TOKEN.finditer(text, said[1], end, False, False)]
    if q_start not in figures or len(figures) % len(names):
        return None, None
    return names[figures.index(q_start) % len(names)].org, "respective"


def _stake_owner(text: str, org, q_start: int, q_end: int, s0: int, c0: int, mentions, own_org):
    """A stake belongs to its holder (FACTS.md): (owner, how) when the organization the clause gave the ratio is
    not its holder, else None. `Nhà nước nắm giữ 100% vốn`, `Agribank do nhà nước sở hữu 100% vốn`: a holder the
    article never made an organization (the state, shareholders, a person) right before the holding verb, no one's.
    `... điều khiển Samsung Electronics do nắm 8,51% cổ phần trong hãng điện tử này`, `gồm 4,2% cổ phần tại Công ty
    điện tử Samsung`: the organization is the company held in; the holder is the sentence's subject when the holding
    verb has none of its own (`do nắm`), else no one named. Not a company issuing or selling its own shares."""
    r = rules()
    verb = r.stake_verb.search(text, max(s0, q_start - 40), q_start)
    after = r.stake_after.match(text, q_end, q_end + 40)
    if verb is None and (after is None or after.end() == q_end):
        return None
    by = [m for m in mentions if m.org is not None and s0 <= m.start and m.end <= q_start]
    if verb is not None:
        holder = r.stake_holder.search(text, max(s0, verb.start() - 40), verb.start(), False)
        if holder and not any(m.start <= holder.start() < m.end or holder.start() <= m.start for m in by):
            return None, "person"  # `nhà nước sở hữu 100% vốn`: the state's, a shareholder's, a person's stake
    if after is None or after.end() == q_end:
        return None
    held = [m.org for m in mentions if m.org is not None and m.start == after.end()]
    if not held and r.held_this.match(text, after.end(), None, False) and by:
        held = [by[-1].org]  # `trong hãng điện tử này`: the one named last before
    if not held or not (held[0] is org or _same_name(held[0], org, by)):
        return None
    if r.stake_issue.search(text, c0, q_start):
        return None  # `X chào bán 10% cổ phần của công ty`: its own shares
    if verb is not None and r.elided_holder.search(text, max(s0, verb.start() - 12), verb.start()):
        subjects = [m for m in by if m.org is not held[0] and not _same_name(held[0], m.org, by)
                    and usable(text, m, mentions, s0, own_org)]
        if subjects:
            return subjects[0].org, "holder"  # `X ... điều khiển Y do nắm 8,51% cổ phần trong hãng này`: X's
    return None, "not-owner"


def _same_name(held, org, by) -> bool:
    """`Công ty điện tử Samsung` and the `Samsung` named before the stake: one company the linker kept apart (the
    held one's name holds a mention's name of the organization as a whole word)."""
    names = [m.surface for m in by if m.org is org]
    return any(_as_words(n, h) for n in names for h in held.names if n and h != n)


def _invested_into(text: str, q_start: int, s0: int) -> bool:
    """The figure opens a parenthesis right after a project the clause invests in: the project's size."""
    paren = text.rfind("(", s0, q_start)
    return paren >= 0 and text.rfind(")", paren, q_start) < 0 \
        and rules().invest_into.search(text, max(s0, paren - 100), q_start, False) is not None


def _antecedent_other(text: str, m, mentions, s0: int) -> bool:
    """`Buffett đề cập đến thất bại với Energy Future Holdings. Khi đó, công ty này đang nợ 8 tỷ USD`: `X này`
    points back to what the recent sentences are about; when they name, after the pointed organization's own last
    mention, a name the article never tied, `X này` is that one, not the organization. The recent sentences are
    the sentences before it in its paragraph (`Tháng 12, Sotheby's Wine cho biết ... . Mảng này chiếm 20% ... .
    73% ... của công ty này`: the paragraph's subject, not a company of the paragraphs before); when the pointer's
    sentence opens its paragraph, the whole paragraph before (`Bà B, đại diện Lữ hành Fiditour cho biết, ... . Dù
    đã ... .` / `..., lượng khách đặt tour của đơn vị này tăng 15-20%`)."""
    if text[:s0].rstrip(" \t").endswith("\n"):
        cut = text.rfind("\n", 0, len(text[:s0].rstrip()) - 1) + 1
    else:
        cut = text.rfind("\n", 0, max(0, s0 - 1)) + 1
    own = [o.end for o in mentions if o.org is m.org and o is not m and not o.generic and o.end <= m.start]
    a = max([cut] + own)
    return a < s0 and _other_actor(text, a, s0, mentions, first_person=False)


def _points_elsewhere(text: str, q_end: int, s0: int, s1, mentions) -> bool:
    """The figure's sentence (up to a little after the figure) holds `X này` pointing at a name the article never tied
    (`_antecedent_other`): the sentence is about that one, so no owner is carried in from elsewhere."""
    hi = q_end + 60 if s1 is None else min(s1, q_end + 60)
    return any(m.generic and not m.pointer and s0 <= m.start < hi and m.surface.endswith(" này")
               and _antecedent_other(text, m, mentions, s0) for m in mentions)


def _generic_elsewhere(text: str, m, mentions, s0: int) -> bool:
    """`công ty`, `doanh nghiệp` refers to the company of the kind named last: when the sentence up to it and the
    sentence before it in its paragraph name, by name, only other organizations of its organization's kind (`Tổng tài
    sản của PNJ ... . Trong đó, khoản tiền mặt của công ty tăng` in an article about SJC), it is no sure mention of
    the organization the linker gave it (the article's)."""
    return _generic_referent(text, m, mentions, s0) is not None


_UNTIED = object()   # (`_generic_referent`: the word is a name the linker never read, no organization of the article's)


def _generic_referent(text: str, m, mentions, s0: int):
    """What `_generic_elsewhere` reads: None when the bare word is the linker's organization; else the other one it
    refers to (the one named last before it, of its kind), or `_UNTIED` (a name never tied to an organization)."""
    if m.surface.lower() not in rules().bare_company_words:
        return None  # (`Bưu điện tỉnh`: a unit named by its place, no bare word for any company)
    if rules().generic_compound.search(text, max(0, m.start - 20), m.start):
        return None  # `chi phí quản lý doanh nghiệp`: a metric's word, no reference to a company
    lo = max(text.rfind("\n", 0, s0) + 1, text.rfind(". ", 0, max(0, s0 - 2)) + 1)
    named = [o for o in mentions if lo <= o.start < m.start and o.org is not None and not o.generic]
    if any(o.org is m.org for o in named):
        return None
    if not named:  # `Năm 2020,DOJIđạt ... . ROE của doanh nghiệp là 5,3%`: a name of the article glued to its words
        named = _glued_names(text, lo, m.start, m, mentions)
        if not named and not text[lo:s0].strip(" \t") and text[:s0].rstrip(" \t").endswith("\n"):
            end = len(text[:s0].rstrip())  # (opening its paragraph: the last sentence of the one before, for a glued name;
            # a name read normally there may be an object: `phát hành cho ... Ngân hàng Mizuho.` / `Đồng thời, ngân hàng ...`)
            plo = max(text.rfind("\n", 0, end) + 1, text.rfind(". ", 0, max(0, end - 2)) + 1)
            named = _glued_names(text, plo, end, m, mentions)
            prev = [o for o in mentions if plo <= o.start < end and o.org is not None and not o.generic]
            if not named and prev and not any(o.org is m.org for o in prev) and not is_object(text, prev[0]) \
                    and not rules().object_lead.search(text, plo, prev[0].start, False):
                named = prev[:1]  # `Hàng tồn kho của PNJ đạt ...` / `Hết năm 2020, tổng nợ đi vay của doanh nghiệp là`
    if not named:  # `Dallas-Fort Worth NBC ghi nhận lợi nhuận ... giá trị của công ty là 800 triệu USD`: a name never tied
        untied = s0 < m.start and (_other_actor(text, s0, m.start, mentions, first_person=False)
                                   or _acting_run(text, s0, m.start, m, mentions)) and not any(
            _as_words(n, text[s0:m.start])
            for n in list(m.org.names) + list(m.org.aliases) if n and n[:1].isupper())  # (`Savico là công ty`: its alias)
        return _UNTIED if untied else None
    if _PREDICATE.search(text, max(0, m.start - 6), m.start):
        return None  # `X là công ty ...`: a predicate of the name before it, the linker's
    kind = org_category(m.org)
    last = named[-1].org
    if org_category(last) != kind or kind not in ("company", "bank"):
        return None
    # (`PAN Group` and `CTCP Tập đoàn PAN`: one company the linker kept apart, by an acronym of its names)
    words = {w for n in last.names for w in n.split() if w.isupper() and len(w) > 1 and w not in rules().not_names}
    if any(w in n.split() for n in m.org.names for w in words) or _names_within(m.org, last) \
            or _names_within(last, m.org):
        return None  # (`Công ty CP Tập đoàn Masan` and `Masan`: one company)
    return last


def _repointed(text: str, s0: int, q_start: int, mentions) -> list:
    """`Tổng tài sản của PNJ đạt 8.483 tỷ đồng. ... Hết năm 2020, tổng nợ đi vay của doanh nghiệp là 1.839 tỷ đồng` in an
    article about SJC: a bare word of a company's kind (`doanh nghiệp`, `công ty`, `ngân hàng`) before the figure, which
    the linker gave the article's organization, refers to the one company of its kind named just before it
    (`_generic_referent`: in its sentence or the one before, by name) when no other of that kind is named there: the
    mention is read as that company's (a copy; the linker's mention stays as it was)."""
    known = _memo(text, "repointed")
    out = []
    for m in mentions:
        if s0 <= m.start < q_start and m.generic and not m.pointer and m.org is not None:
            key = (id(m), s0)
            if key not in known:   # (the copy is kept here: every figure reads the same object, and `usable`'s memo,
                other = _local_referent(text, m, mentions, s0)   # keyed by ids, never meets a freed copy's id reused)
                known[key] = dataclasses.replace(m, org=other, kind="anaphor") if other is not None else None
            m = known[key] or m
        out.append(m)
    return out


def _local_referent(text: str, m, mentions, s0: int):
    """The one company `m` (a bare word of its kind) refers to instead of the linker's, or None."""
    if _NAME_AFTER.match(text, m.end, None, False):
        return None  # `Dự án của Công ty TNHH dịch vụ ... Shinhan`: a name the scanner did not read, no bare word
    other = _generic_referent(text, m, mentions, s0)
    if other is None or other is _UNTIED or _facility(other):
        return None  # (`Nhà máy Lọc dầu X ... của Công ty`: a plant is no company, its operator is)
    lo = text.rfind("\n", 0, max(0, s0 - 2)) + 1 if text[:s0].rstrip(" \t").endswith("\n") else \
        max(text.rfind("\n", 0, s0) + 1, text.rfind(". ", 0, max(0, s0 - 2)) + 1)
    kind = org_category(other)
    named = [o for o in mentions if lo <= o.start < m.start and o.org is not None and not o.generic]
    if any(o.org is not other and org_category(o.org) == kind for o in named):
        return None  # another of its kind named there too: no one sure referent
    own = [o for o in named if o.org is other]
    if own and (is_object(text, own[-1]) or rules().referent_not_after.search(text, max(0, own[-1].start - 12), own[-1].start)):
        return None  # `... dự đoán việc X sẽ nộp đơn phá sản. Điều này khiến công ty lỗ`: named as an object, no subject
    return other


def _acting_run(text: str, lo: int, hi: int, m, mentions) -> bool:
    """A capitalised run ending on a word spelled as a brand (`Dallas-Fort Worth NBC ghi nhận lợi nhuận`), which no
    mention covers and the organization does not bear, acts as a company in [lo, hi): a name the linker never read."""
    g = grammar()
    for x in _NAME_RUN.finditer(text, lo, hi, False, False):
        last = x.group(0).split()[-1]
        if not strong_brand(last) or last in g.not_brands or any(o.start < x.end() and x.start() < o.end for o in mentions):
            continue
        if any(x.group(0) in n for n in list(m.org.names) + list(m.org.aliases) if n):
            continue
        if acts_as_org(text, x.end() - len(last), x.end()):
            return True
    return False


_NAME_RUN = regex.compile(r"(?<![\p{L}\d])\p{Lu}[\p{L}\d&.-]*(?:\s\p{Lu}[\p{L}\d&.-]*){1,3}(?![\p{L}\d])")


def _glued_names(text: str, lo: int, hi: int, m, mentions) -> list:
    """Mentions of the article's other organizations whose capitals-only short name stands in [lo, hi) glued to the
    words around it (`Năm 2020,DOJIđạt`: archive text that lost the blanks around a link), where no mention was read."""
    piece, own = text[lo:hi], set(m.org.names) | set(m.org.aliases)
    out = []
    for o in mentions:
        if o.org is None or o.org is m.org or getattr(o, "generic", False) or any(x.org is o.org for x in out):
            continue
        for n in set(o.org.aliases) | {o.surface}:
            if len(n) >= 3 and n.isupper() and n not in own and _GLUED.search(piece.replace(n, "\x00"), None, None, False):
                out.append(o)
                break
    return out


_GLUED = regex.compile(r"\x00(?=\p{Ll})|(?<=[\p{Ll},])\x00")


def _as_words(name: str, text: str) -> bool:
    """`name` stands in `text` as whole words (not `Vina` inside `Vinamilk`)."""
    return regex.search(r"(?<!\w)" + regex.escape(name) + r"(?!\w)", text) is not None


def _names_within(a, b) -> bool:
    """A proper name of `a` (no bare type word) stands as whole words inside a longer name of `b`."""
    exact = rules().type_heads[0]
    return any(_as_words(n, h)
               for n in a.names if n and n[:1].isupper() and n not in exact for h in b.names if len(h) > len(n))


def _publishes(text: str, org, q_start: int, s0: int, mentions) -> bool:
    """The organization, named last before the figure, publishes a picture or a list right after its name
    (`X công bố danh sách 500 người giàu nhất`): the figure is what the list or picture shows."""
    by = [m for m in mentions if m.org is org and s0 <= m.start and m.end <= q_start]
    return bool(by) and rules().publishes.match(text, by[-1].end, q_start, False) is not None


def _grants(text: str, org, q_start: int, s0: int, mentions) -> bool:
    """The organization, named last before the figure in its clause, grants a licence or approves a project between
    its name and the figure: the project's capital is the investor's, not the licensing body's."""
    a = max(s0, text.rfind(";", s0, q_start) + 1)
    by = [m for m in mentions if m.org is org and a <= m.start and m.end <= q_start]
    return bool(by) and rules().grants.search(text, by[-1].end, q_start) is not None


def _allocated_to(text: str, org, q_start: int, q_end: int, s0: int, mentions):
    """A public body, named last before the figure in its sentence, gives it to a receiver with `cho` (`Bộ Y tế phân bổ
    50.000 liều cho X`, `cấp cho X 3 tỷ đồng`, `43.700 liều vắc xin cấp cho X`): (receiver, source) when the receiver
    is an organization, (None, "acted-upon") for an allocation to no organization, None when the rule does not apply
    (a gift to no organization, a company's own allocation, a count of receivers right after `cho`)."""
    r = rules()
    if not _public_body(org):
        return None
    by = [m for m in mentions if m.org is org and s0 <= m.start and m.end <= q_start]
    if not by or r.new_clause.search(text, by[-1].end, q_start):
        return None
    a = by[-1].end
    found = None
    for x in (r.give_to_then_figure.search(text, a, q_start), r.give_then_figure.search(text, a, q_start)):
        if x is not None and not r.act_passive.search(text, max(a, x.start() - 12), x.start()):
            if r.allocation_proposal.search(text, a, x.start()):
                return None  # `đề xuất phân bổ 20 tỷ đồng cho các huyện`: the body's plan
            cho = x.end(2) if x.re is r.give_to_then_figure else None
            if cho is None:
                after = r.to_after_figure.match(text, q_end)
                cho = after.end(1) if after else None
            if cho is not None:
                found = (x.group(1), cho, "segment" if cho < q_start else "segment-after")
                break
    if found is None:
        later = r.figure_given_to.match(text, q_end, None, False)
        if later is None:
            return None
        found = (later.group(1), later.end(2), "segment-after")
    verb, cho, source = found
    receiver = [m for m in mentions if m.org is not None and m.org is not org and cho < m.start <= cho + 2]
    if receiver:
        return receiver[0].org, source
    if cho < q_start and not text[cho:q_start].strip():
        return None  # `cấp thuốc cho 3.000 người`: the count of those it reached
    return (None, "acted-upon") if verb in r.allocation_verb else None


def _directed(text: str, org, q_start: int, s0: int, mentions, metric_key: str | None = None) -> bool:
    """`Bộ GTVT đã giao Tổng cục Đường bộ đàm phán với các nhà đầu tư của 2 dự án`: the figure is in the task an
    order gives someone; neither the one who orders nor the one told owns it (the organization's last mention
    before the figure stands before the order's object, or is that object; an organization named only later in
    the task may still act: `yêu cầu Ant Group tái cấu trúc và phạt Tập đoàn Alibaba 2,8 tỷ USD`)."""
    r = rules()
    a = max(s0, text.rfind(";", s0, q_start) + 1)
    if not _begins(text, r.directed, a, q_start):
        return False
    last = None
    for d in r.directed.finditer(text, a, q_start):
        if not any(x.start <= d.start() < x.end for x in mentions):  # (`Bộ Ngoại giao Mỹ`: a name, no order)
            last = d
    if last is None:
        return False
    by = [m for m in mentions if m.org is org and a <= m.start and m.end <= q_start]
    if by and last.start() <= by[-1].start < last.end() and metric_key in r.assigned_own:
        return False  # `giao TKV khai thác thêm 2 triệu tấn than`: the one told, its own output set as its target
    return not by or by[-1].start < last.end()


def _acted_upon(text: str, m, q_start: int, q_end: int, cls, mentions) -> bool:
    """A state body's act on others' things stands between its last mention `m` and the figure, in the figure's clause:
    it approves, allocates, licenses, inspects, finds or seizes (`UBND tỉnh giao 21,1 ha đất ... để ICISE thực hiện dự
    án`, `tịch thu 4.500 lít dầu`), or fines someone named (`phạt hành chính nhà hàng X ... (12,5 triệu đồng)`,
    `xử phạt hành chính 2 tỷ đồng ... đối với 6 cơ sở`): the figure is the project's, the receiver's, the goods', the
    payer's. Not when the body is acted on (`được giao`), not its own activities counted (`kiểm tra 203 cuộc`), its own
    budget (`phê duyệt ... tổng kinh phí 93 tỷ đồng`), nor its total of fines (`xử phạt 120 vụ, ... 2 tỷ đồng`,
    `chi cục xử phạt hành chính với số tiền 1,8 tỷ đồng`: no payer named)."""
    r = rules()

    def acts(pattern):
        for x in pattern.finditer(text, m.end, q_start):
            if not any(y.start <= x.start() < y.end for y in mentions) \
                    and not r.act_passive.search(text, max(m.end, x.start() - 12), x.start()) \
                    and not r.new_clause.search(text_mod.BRACKET.sub("", text[x.end():q_start])):
                yield x
    if cls in ("money", "ratio"):
        for fine in acts(r.fine_act):
            payer = any(fine.end() <= x.start < q_start and x.org is not None and x.org is not m.org for x in mentions)
            if payer or not r.counted_cases.search(text, m.end, q_start, False):
                if payer or not r.fine_filler.fullmatch(text, fine.end(), q_start) \
                        or r.payer_after.match(text, q_end) or r.act_passive.search(text, max(0, m.start - 12), m.start):
                    return True  # (named between, after, or before `bị`: `X bị UBND tỉnh phạt 300.000 đồng`)
    if cls == "count" and r.act_own_count.match(text, q_start):
        return False
    if any(not r.act_own_money.search(text, x.end(), q_start) for x in acts(r.acts_on)):
        return True
    given = r.act_before_figure.search(text, max(m.end, q_start - 20), q_start)  # `giao 21,1 ha đất`
    return given is not None and not r.act_passive.search(text, max(m.end, given.start() - 12), given.start())


_BLANKS = engines.compile(r"\s*")
_PAREN_FIGURES = regex.compile(r"[\d.,%\s/\p{Ll}]*")  # `(65 điểm/30 trận)`: the parenthesis holds only figures
_AFTER_FIGURE = regex.compile(r"(?<!" + patternbook.choice(patternbook.load("ownership")["converted_not_after"]) + r"\s)(?<![\d.,])\d[\d.,]*(?:\s+[\p{L}/%$€£¥]+){0,4}\s*$")


def _said_by(text: str, m, q_start: int, s0: int) -> tuple[int, int] | None:
    """The reporting or directing verb between a body's mention and the figure (`Sở Y tế ... xác nhận, 3
    trường hợp`), or the report phrase quoting it (`theo báo cáo của Sở Y tế`), as (start, end) in `text`;
    None when the body acts."""
    r = rules()
    said = r.reporting_verb.search(text, m.end, q_start)
    if said:
        return said.span()
    w0 = max(s0, m.start - 80)
    quoted = r.report_of.search(text[w0:m.start], None, None, False)  # (a slice: the pattern's `^` is the window's start)
    return (w0 + quoted.start(), w0 + quoted.end()) if quoted else None


def _own_metric(text: str, start: int, end: int, s0: int) -> bool:
    """A body's own metric named in [start, end), not inside a parenthesis (`Cục X (Bộ Kế hoạch và Đầu tư)
    cho thấy, số doanh nghiệp ...`: `Đầu tư` names the ministry, not an investment)."""
    return any(not _in_parenthesis(text, x.start(), s0) for x in rules().own_metric.finditer(text, start, end))


def _public_body(org) -> bool:
    """A state body or a public-service unit (hospital, school, institute, centre), not a business or a club."""
    t = rules().public
    return any(opens_on(n, t) for n in org.names if n[:1].isupper())


def _business(org) -> bool:
    """A company (not a bank, a club or a public body): index points (`measure` in `điểm`) are never its own."""
    return org_category(org) == "company"


def _sold_to(text: str, q_end: int, mentions):
    """The organization a stake right before is sold to (`49% vốn được bán cho X`), else None."""
    r = rules()
    if not patternbook.holds_any(text[q_end:q_end + 60], r.sold_to_words):
        return None
    sold = r.sold_to.match(text, q_end, q_end + 60, False)
    if sold is None:
        return None
    return next((m.org for m in mentions if m.start == sold.end() and m.org is not None), None)


def _facility(org) -> bool:
    """A plant, a mine, a site or a complex (`Nhà máy Lọc dầu X`, `Trung tâm Logistics X`): a thing a company
    owns, no organization of its own unless the article is about it."""
    types = rules().facility
    names = [n[:1].upper() + n[1:] for n in org.names if not is_generic(n)]  # (`nhà máy Chernobyl` in lowercase writing)
    return bool(names) and all(opens_on(n, types) for n in names)


_SENTENCE_END = engines.compile(r"[.!?…](?=\s|$)|\n")


def _facility_owner(text: str, org, source: str, s0: int, q_end: int, mentions):
    """The figure of a facility is the company's that the sentence names with it: `Công ty` (the article's), or
    a company named before it (`Hyosung sẽ xây ... nhà máy PP`, `dừng vận hành Nhà máy X ... của Công ty`); the
    facility's own when it acts as a business (`Nhà máy X có lãi 600.000 đồng/tấn`); else no one's (its capacity,
    its area, its investment as a project)."""
    end = _SENTENCE_END.search(text, q_end)
    s1 = end.start() if end else len(text)
    here = [m for m in mentions if s0 <= m.start < s1 and m.org is not None]
    first = next((m.start for m in here if m.org is org), s1)
    for m in here:
        if m.org is not org and (m.generic or m.start < first) and not _facility(m.org) \
                and org_category(m.org) in ("company", "bank") and _has_name(m.org):
            return m.org, "facility-owner"
    if any(m.org is org and acts_as_org(text, m.start, m.end) for m in here):
        return org, source
    return None, "facility"


def _has_name(org) -> bool:
    """A typed name with a proper part that is not a mere line of business (`Công ty CP Đầu tư`, `Công ty TNHH
    Luyện kim`: a name cut short), or a brand of capitals (`BSR`, `EVN`)."""
    for n in org.names:
        if is_generic(n):
            continue
        t = type_of(n)
        proper = n[len(t):].strip() if t else n
        words = proper.split()
        if words and (t == "" and brand_like(words[0]) or t and proper.lower() not in dictionary()
                      and len(words) >= (1 if brand_like(words[-1]) else 2)):
            return True
    return False


def _enforcement_act(text: str, org, source: str, q_start: int, s0: int, mentions, cls=None):
    """A police force, a court or a procuracy named before the figure in its clause (`justice_bodies`) owns what it
    did itself, the figure right after one of its acts (`Công an tỉnh X thu giữ 200 kg ma túy`, `TAND tỉnh Y đã xét
    xử 350 vụ án`: '' for its own), and no other figure of a crime report (`vụ trộm trị giá 1 tỉ đồng`, `bồi thường
    60,5 triệu đồng`: a reason), nor any as the agent of a passive (`bị Công an phạt 200 triệu đồng`: the payer's).
    An enforcement office (`enforcement_offices`) owns its act's figure the same way. None when the rule does not
    apply (another body, no mention of it before the figure, an office's other figure)."""
    r = rules()
    if source not in ("segment", "sentence"):
        return None
    justice = any(opens_on(n.lower(), r.justice) for n in org.names if n)
    if not justice and not any(opens_on(n.lower(), r.enforcement_offices) for n in org.names if n):
        return None
    by = [x for x in mentions if x.org is org and s0 <= x.start and x.end <= q_start]
    if not by:
        return None
    last = by[-1]
    if _act_listed(text, last.end, q_start, mentions):
        return ""  # `tiêu hủy tang vật ..., gồm hơn 10kg heroin, trong đó có một gói 797g heroin`
    passive = any(w in r.passive_marks for w in text[max(0, last.start - 12):last.start].split()[-1:])
    acted = r.enforcement_act.search(text, max(last.end, q_start - 50), q_start) is not None \
        or (r.enforcement_act_list.search(text, max(last.end, q_start - 150), q_start, False) is not None
            and not any(last.end <= x.start < q_start for x in mentions))
    if not justice:  # an enforcement office: its act's figure, else what any state body's would be
        return "" if acted and not passive and not _imposes_fine(text, org, q_start, s0, mentions) \
            else None  # (one decision's fine: the payer's)
    if passive:
        return "acted-upon"  # `bị TAND tuyên phạt ... vì đã lừa đảo 5 tỷ đồng`: the subject's, the body only its agent
    if acted:
        return ""
    if r.act_follow_up.search(text, max(last.end, q_start - 30), q_start) and r.enforcement_acts_in.search(text, last.end, q_start):
        return ""  # `đã thu nộp ngân sách 4.548 tỉ đồng, đạt 102,14% kế hoạch`: its act's figure, measured
    if cls == "money" and r.enforcement_acts_in.search(text, last.end, q_start) \
            and r.counted_cases.search(text, last.end, q_start) and r.fine_total_word.search(text, max(last.end, q_start - 40), q_start):
        return ""  # `đã xử phạt 1.200 trường hợp với tổng số tiền 3 tỷ đồng`: its total over the cases it counted
    return "not-its-act"


def _act_listed(text: str, lo: int, q_start: int, mentions) -> bool:
    """The figure is a part of what the body acted on, listed after its act (`tiến hành tiêu hủy tang vật ..., gồm hơn
    10kg heroin`): an own act, then a breakdown word, then the figure, no other organization nor figure-free clause
    opener between (read in the last 400 characters only: a long list's last items, `..., một gói 10,3 kg heroin, 263
    gram heroin và gần 1kg ma túy đá`, are as much its parts as the first)."""
    r = rules()
    act = r.enforcement_acts_in.search(text, max(lo, q_start - 400), q_start)
    if act is None:
        return False
    listed = r.act_breakdown.search(text, act.end(), q_start)
    return listed is not None and not any(act.end() <= x.start < q_start for x in mentions)


def _own_count(text: str, org, q_start: int, q_end: int, s0: int, mentions) -> bool:
    """A public body's own count: a kind it has or does (`body_own_counts`). A hospital's, a school's, an
    institute's (`public_units`, not a ministry's or a department's, which report on others) also when its service
    classifier's noun comes after the quote (`6.000 lượt bệnh nhân`), or when its own service act counts right after
    the unit names it, no reporting verb, comma nor other organization between (`Bệnh viện X mỗi ngày tiếp nhận 40
    ca`, `Viện Y xét nghiệm 10.000 mẫu`); any public body's help the same way (`Hội Nông dân tỉnh đã giúp 3.000
    hộ`)."""
    r = rules()
    if r.own_count.match(text[q_start:q_end], None, None, False):
        return True
    unit = any(opens_on(n, r.service_units) for n in org.names if n[:1].isupper())
    if unit and text[q_start:q_end].split()[-1] in r.service_classifiers and r.own_count.match(text, q_start):
        return True
    by = [m for m in mentions if m.org is org and s0 <= m.start and m.end <= q_start]
    if not by or any(by[-1].end <= x.start < q_start for x in mentions if x.org is not org):
        return False
    act = (r.service_act if unit else r.aid_act).search(text, max(by[-1].end, q_start - 40), q_start) \
        or (r.aid_act.search(text, max(by[-1].end, q_start - 40), q_start) if unit else None)
    return act is not None and _said_by(text, by[-1], act.start(), s0) is None \
        and not _CLAUSE_PUNCT.search(text, by[-1].end, act.start())


def _reporting_body(org) -> bool:
    types = rules().reporting_types
    return any(opens_on(n, types) for n in org.names if n[:1].isupper())


def _not_its_figure(text: str, org, source: str, q_start: int, q_end: int, s0: int, c0: int, mentions, cls,
                    metric_key: str | None = None):
    """Why the figure is no organization's though a clause or the article names one: a specification
    (`3GB RAM`), a body's report about a territory or sector (`Sở Y tế xác nhận 3 trường hợp`), a
    forecast (`ADB dự báo`), a rule's threshold, or a figure the article's organization does not report
    (a dimension, a market count, another subject's figure)."""
    r = rules()
    quote = text[q_start:q_end]
    if cls in ("measure", "count") and r.spec_unit.search(quote):
        return "spec"
    if cls == "count" and r.spec_verb.match(text, max(s0, q_start - 30), q_start, False):
        return "spec"  # `Lenovo tích hợp 2 nút bấm`: the product's parts
    if cls in ("measure", "count") and quote.rstrip().endswith(r.points_words) and r.index_pull.search(text, max(s0, q_start - 25), q_start, False):
        return "market-or-place"  # `VCB kéo 2,16 điểm`: the index's points
    if cls == "measure" and r.points.search(quote) and _business(org):
        return "market-or-place"  # `Giám đốc phân tích của Công ty chứng khoán VPS nói: ... 1.280 điểm`: an index level
    if cls == "count" and r.relation_count.match(text, q_start, q_end + 30) \
            and not (source in ("segment", "sentence") and r.stake_at.search(text, max(s0, q_start - 60), q_start, False)):
        return "not-owner"  # `hai đối thủ`, `ba nguồn tin`: a relation, not a possession (not `vốn góp tại 5 công ty`)
    if cls == "count" and r.discourse_count.match(text, q_start, q_end + 30, False):
        return "not-owner"  # `trên cả 3 phương diện`, `đáp ứng đủ 4 yếu tố`: points of the text, no one's holding
    if cls == "count" and r.span_unit.match(text, q_start, q_end + 20, False) and (
            r.span_count.match(text, q_start, q_end + 30, False) or r.span_before.search(text, max(s0, q_start - 20), q_start)):
        return "not-owner"  # `hai trận gần nhất`, `20 điểm sau 12 trận`: a span of the season, not what the team did
    if source in ("segment", "sentence") and (cls == "count" or (cls == "ratio" and r.times.search(quote))) \
            and _product_spec(text, org, q_start, q_end, c0, mentions, cls, metric_key):
        return "spec"  # `Oppo cũng tạo riêng cho mẫu máy này 6 hình nền`: the product's, not its maker's
    if cls in ("ratio", "measure") and r.spec_cue.search(text, max(s0, q_start - 60), q_start) \
            and _spec_measure(text, q_start, q_end, s0, mentions, metric_key):
        return "spec"  # `sản phẩm điều hòa ... LG còn gây ấn tượng với khả năng làm lạnh nhanh hơn đến 40%`
    if cls == "count" and not _public_body(org) and r.other_possessor.match(text, q_end, q_end + 40, False):
        return "other-actor"  # `từ chối suất ăn tới 39 học sinh của trường`: the school's pupils, not the caterer's
    if cls == "count" and r.restated.search(text, max(s0, q_start - 90), q_start, False):
        return "not-owner"  # `Bò Lế Rồ và gà nướng Ò Ó O là hai thương hiệu`: the things named before, restated
    if cls == "ratio" and any(opens_on(n, r.central_banks) for n in org.names) and r.market_rate.search(text, s0, q_start):
        return "market-or-place"  # the banks' deposit rates a central bank reports on
    why = _enforcement_act(text, org, source, q_start, s0, mentions, cls)
    if why is not None:
        return why or None
    if cls == "count" and _public_body(org) and (not _own_count(text, org, q_start, q_end, s0, mentions) or (_reporting_body(org) and (
            r.count_object.search(text, max(s0, q_start - 12), q_start, False) or r.scope_after.match(text, q_end, q_end + 60, False)))):
        return "not-its-count"  # `Bộ Y tế Campuchia ... 71 người tử vong`: the territory's, the patients'
    if cls == "ratio" and _public_body(org):
        counted = r.share_of_count.search(text, max(s0, q_start - 50), q_start, False)
        if counted and not _own_count(text, org, counted.start(1), counted.end(1), s0, mentions):
            return "not-its-count"  # `23 vụ, chiếm hơn 45%`: the share of a count the body reports, not its own
    if cls == "count" and (r.one_of.match(text, max(c0, q_start - 15), q_start, False) or r.each.search(text, max(_segment_start(text, s0, q_start), q_start - 40), q_start, False)):
        return "not-owner"  # `1 trong 5 bệnh viện`, `mỗi thí sinh đăng ký tối đa 3 nguyện vọng`
    if cls != "money" and (r.spec_before.search(text, max(c0, q_start - 30), q_start) or r.spec_after.match(text, q_end)
                           or r.spec_head.match(text, _segment_start(text, s0, q_start), q_start)):
        return "spec"  # `tải trọng từ 2 tấn`, `tăng 20% hiệu năng CPU`
    if r.personal.search(text, c0, q_start, False):
        return "person"  # `cổ phần của ông Lee tại Samsung Electronics đã tăng từ 0,7%`
    if any(not any(x.start <= h.start(1) < x.end for x in mentions) and h.group(1).split()[0] not in r.not_names
           for h in r.holding_of.finditer(text, c0, q_start, False, False)):
        return "other-actor"  # `cổ phần của Lee Jae Yong`, `cổ phiếu của Man Utd`: a holder the article never made an organization
    by = [m for m in mentions if m.org is org and s0 <= m.start and m.end <= q_start]
    m = by[-1] if by else None
    if m is not None and source in ("segment", "sentence") and _survey_author(text, m, s0):
        return "reported"  # `Theo kết quả một cuộc khảo sát ... của công ty Gallup, 36% người dân Mỹ ...`: its findings
    if m is not None and cls == "measure" and source in ("segment", "sentence") and r.dimension_unit.search(quote) \
            and r.reporting_after.match(text, m.end, q_start):
        return "dimension"  # `ESA tiết lộ kích thước miệng núi lửa nhỏ nhất vào khoảng 28 km`: the size of what it reports on
    if m is not None and source in ("segment", "sentence") and r.research_firm.search(text, max(s0, m.start - 60), m.start, False):
        return "reported"  # `Theo hãng nghiên cứu thị trường IDC, Huawei và Vivo bán được ... 69,2 triệu máy`: what it found
    if cls != "money" and _attendance(text, q_start, s0):
        return "not-owner"  # `Tham gia Đại hội có các cổ đông đại diện cho 840.903.660 cổ phần`: the attendees'
    if cls == "count" and (r.contrast_after.match(text, q_end, q_end + 40, False) or r.between_before.search(text, max(s0, q_start - 8), q_start)
                           or r.contrast_before.search(text, max(s0, q_start - 60), q_start, False)):
        return "not-owner"  # `quản lý 3-5 người nó khác so với 300-500 người`, `giữa hai chương trình`: no one's figure
    if cls == "count" and ((r.after_before.search(text, max(s0, q_start - 6), q_start) and r.round_count.match(text, q_start, q_end + 12))
                           or r.nationwide.search(text, max(s0, q_start - 12), q_end)):
        return "not-owner"  # `16 điểm sau 10 vòng đấu`: the league's time; `khắp 3 miền`: the country as a whole
    if source == "segment-after" and cls == "count" and r.single_of.match(text, q_start, q_end):
        return "not-owner"  # `vượt qua 1 hậu vệ của CLB X`: one of its people, no count the club has
    if cls == "money" and r.lost_found.search(text, s0, q_start):
        return "person"  # `nhặt được một xấp tiền ..., tổng trị giá 29.500.000 đồng`: the loser's
    if m is not None and source in ("segment", "sentence") and text[max(s0, m.start - 6):m.start].rstrip().endswith("được") \
            and r.passive_grant.match(text, m.end, q_start, False):
        return "acted-upon"  # `tỉnh này đã được Bộ Y tế phân bổ 6.700 liều`: the receiver's, not the giver's
    if m is not None and cls in ("money", "ratio") and source in ("segment", "sentence") and (r.model_after.match(text, m.end, None, False) or r.model_before.search(text, max(s0, m.start - 30), m.start, False)) \
            and r.price_cut.search(text, m.end, q_start) and not any(m.end <= x.start < q_start for x in mentions):
        return "not-reported"  # `Samsung Galaxy Note20 (mức giảm từ 2 đến 5 triệu đồng)`: the seller's cut (session 10)
    if m is not None and cls in ("count", "ratio", "measure", "money") and source in ("segment", "sentence"):
        why = _product_or_source(text, org, m, q_start, q_end, s0, cls, metric_key)
        if why:
            return why  # `máy lọc nước Karofi ... 5/1000`, `Theo IHME, đỉnh dịch ở Ấn Độ ... 13.000 ca/ngày`
    if m is not None and ((_begins(text, r.country_subject, m.end, q_start) and (r.country_subject.search(text, m.end, q_start)
                                                                              or r.country_list.search(text, m.end, q_start)))
                          or r.group_subject.search(text, m.end, q_start, False)):
        return "other-actor"  # `IMF kỳ vọng Ấn Độ sẽ hồi phục ... 12,5%`: the country's
    if m is not None and (r.singular_i.search(text, m.end, q_start) or _search(text, r.survey, max(c0, m.start - 30), q_start)):
        return "reported"  # a speaker's own words (`... trả lời: tôi không biết ...`), a survey's findings
    if m is not None:
        if r.forecast_verb.search(text, m.end, q_start) and not _own_forecast(text, org, m, q_start, mentions, metric_key):
            return "reported"  # `IHME dự đoán, số người chết ... 960.000 ca`
        if _reporting_body(org):
            if (cls in ("count", "measure") or _territorial(org)) and any(_said_by(text, b, q_start, s0) for b in by):
                return "reported"  # (any mention: `UBND X cho biết, nhiều tổ chức, đơn vị ... 315 tấn`)
            said = _said_by(text, m, q_start, s0)  # its own figure is named after the verb, when the verb follows it
            if said and not _own_metric(text, said[1] if said[0] >= m.end else m.end, q_start, s0):
                return "reported"  # unless its own (`cho biết, thu ngân sách ... đạt 397 tỷ đồng`)
            if said and said[0] >= m.end and r.directive_verb.fullmatch(text, *said):
                return "directed"  # `Thanh tra X yêu cầu thu hồi ... 680 triệu đồng đã thanh toán thừa`: what it orders
                # recovered, paid or cut is the one's it orders (not its own recovery: `Chi cục Thuế đã thu hồi 2 tỷ đồng`)
            named = [b for b in by if opens_on(b.surface, r.reporting_types)]  # (not `TP Nha Trang`, the place)
            if _acted_upon(text, named[-1] if named else m, q_start, q_end, cls, mentions):
                return "acted-upon"  # `UBND tỉnh giao 21,1 ha đất`, `tịch thu 4.500 lít dầu`: the receiver's, the goods'
    if (source == "sentence" or source in _CARRIED_SOURCES) and r.rule.search(text, m.end if m else s0, q_start):
        return "rule"  # `Theo quy định, mỗi cổ đông chỉ được nắm tối đa 30% vốn`
    if source in _CARRIED_SOURCES:
        if r.law_named.search(text, s0, q_start, False):
            return "rule"  # `Luật Phòng, chống tác hại của thuốc lá quy định ... phí đóng góp ... 1,5%`: the law's, no one's figure
        if any(opens_on(n.lower(), r.enforcement) for n in org.names if n) and not _own_metric(text, c0, q_start, s0) \
                and not r.counted_cases.search(text, s0, q_start, False):
            return "acted-upon"  # `Lô hàng có tổng giá trị hàng hóa vi phạm trên 3,9 tỷ đồng`: the inspected's goods
            # (not its total over counted cases: `phát hiện 234 vụ, ... trị giá hàng vi phạm ước tính trên 117 tỉ đồng`)
        business = org_category(org) in ("company", "bank")
        if cls == "ratio" and r.person_holder.search(text, max(c0, q_start - 80), q_start):
            return "person"  # `con trai cố Chủ tịch Lee đang nắm khoảng 30% cổ phần Samsung Life`: the person's stake
        if cls in ("measure", "count") and (r.building_subject.match(text, c0) or r.building_subject.match(text, s0)):
            return "dimension"  # `Công trình là nhà 2 tầng, có diện tích 456m2`: the building's size
        if cls in ("measure", "count") and (r.place_subject.match(text, c0) or r.place_subject.match(text, s0)):
            return "dimension"  # `Hòn Khoai là một cụm đảo, ... diện tích rộng hơn 4 km2`: the place's size (session 10)
        if cls == "ratio" and r.set_of_others.search(text, s0, q_start):
            return "other-actor"  # `... của các tổ chức/cá nhân đăng ký gửi đề cử, ... chiếm 16,3%`: the set's shares (session 10)
        if cls == "ratio" and r.region_share.search(text, max(_segment_start(text, s0, q_start), q_start - 40), q_start):
            return "other-actor"  # `tiếp đến là Bắc Mỹ 32%; châu Âu 21,7%`: the region's share
        if r.unit_rate.match(text, c0) or r.unit_rate.match(text, s0):
            return "not-reported"  # `1 tấn thép sản xuất ra phát thải 1,8-2 tấn CO2`: a conversion across the industry
        if cls == "ratio" and any(opens_on(n, r.no_ratio_units) for n in org.names if n[:1].isupper()):
            return "not-reported"  # `tỷ lệ nam gấp 2 lần so với nữ giới` in a hospital's article: the disease's
        if cls == "measure" and (not business or r.dimension_unit.search(quote)):
            return "dimension"  # `độ cao 900-1200m`: no company's output
        if cls == "measure" and r.spec_head.search(text, max(s0, q_start - _SPEC_REACH), q_start):
            return "spec"  # `Trọng lượng của máy tương đối nhẹ, chỉ 157 gram`: the product's, named a clause before
        if cls == "count" and (not (business or r.quota_count.match(text, q_start, q_end + 30, False)) or r.market_count.search(quote)):
            return "not-reported"  # `15 mã giảm sàn`: the market's
        if r.forecast_noun.search(text, c0, q_start) or _search(text, r.survey, s0, q_start):
            return "reported"  # `Mức dự báo này cao hơn so với mức 6,3% mà ADB đưa ra`
        held = r.held_by.match(text, q_end, q_end + 40)
        if held and any(x.start == held.end() and x.org is not None and x.org is not org for x in mentions):
            return "other-actor"  # `mức phí 6 tỷ USD mà European Super League sẽ được ... hậu thuẫn`
        if any(opens_on(n, r.central_banks) for n in org.names) and not r.set_rate.search(text, c0, q_start):
            return "market-or-place"  # in a central bank's article, the interbank market's, the banks' totals
        own = cls == "money" and (_own_product(text, org, s0, q_start) or _maker_article(text, org))
        # (`Honda City có giá bán ...` in Honda's article; any price in an article about a maker and its models)
        if (metric_key in r.fallback_never and not (own and metric_key in r.product_price_keys)) or (cls == "money" and not own and (r.price_before.search(text, max(c0, q_start - 30), q_start, False)
                                                                   or r.retail.search(text, c0, q_start))):
            return "not-reported"  # `mức giá dao động từ 35,99 triệu đồng`, `nhận được 73% tiền thắng`
        clause = text[c0:q_start]
        if r.other_subject.search(clause) or r.person_subject.search(clause) or r.territory_subject.search(clause) \
                or _province_subject(clause, org) \
                or r.each_subject.search(clause, None, None, False) \
                or r.person_possessor.search(clause) \
                or _other_ticker(text, _segment_start(text, s0, q_start), q_start, mentions) \
                or _other_possessor(text, _segment_start(text, s0, q_start), q_start, mentions) \
                or _possessor_after(text, q_end, mentions) \
                or _located_brand(text, _segment_start(text, s0, q_start), q_start, mentions, org):
            return "other-actor"  # `Hầu hết các chủ đầu tư KCN ... tăng 8,1%`, `Trung Quốc chiếm 90%`
        if _market_subject(text, s0, q_start):
            return "market-or-place"  # `trong đó thị trường Bắc Ninh có mức tăng mạnh nhất, ở mức 9%`: the market's
        held = None if own else _fallback_holder(text, q_start, q_end, s0, c0, cls, metric_key, org, mentions)
        if held:
            return held
        if cls == "measure" and metric_key not in r.product_sales and r.vehicle_part.search(text, c0, q_start):
            return "spec"  # `Động cơ xăng 4 xy-lanh, dung tích 1,5 lít`, `khoang hành lý của xe ... đạt 570 lít`: the vehicle's size
        if cls == "count" and not (metric_key in r.fallback_count_metrics or r.resource_count.match(text, q_start, q_end + 30, False)
                                   or r.quota_count.match(text, q_start, q_end + 30, False)):
            return "not-reported"  # `cổ đông hỏi đến 8 câu hỏi`: no count of what an organization has or does
        if cls == "ratio" and not metric_key and r.times.search(quote):
            return "not-reported"  # `rút ngắn và hiệu quả hơn 30 lần`: a product's or a process's ratio, naming no metric of its own
    return None


def _own_forecast(text: str, org, m, q_start: int, mentions, metric_key) -> bool:
    """`Honda cũng nâng dự báo về lợi nhuận ròng của cả tài khóa ... lên 545 tỷ yen`: a business forecasting its own
    revenue or profit (assigned_own_metrics), no one else named between it and the figure: its own target."""
    if metric_key not in rules().assigned_own or org_category(org) not in ("company", "bank"):
        return False
    return not any(m.end <= x.start < q_start and x.org is not org for x in mentions) \
        and not _other_possessor(text, m.end, q_start, mentions) and not _in(text, rules().possessor_at, m.end, q_start)


_SPEC_REACH = 60  # characters before a measure searched for the specification it gives (`trọng lượng`, `kích thước`)


def _province_subject(clause: str, org) -> bool:
    """A province acts in the clause (`Mỗi năm An Giang đón hơn 6 triệu lượt khách`): the territory's figure, unless
    the organization is that province's unit (`Quảng Bình đã phải đầu tư` of `Bưu điện tỉnh Quảng Bình`)."""
    r = rules()
    for m in r.province_subject.finditer(clause, None, None, False, False):
        before = clause[:m.start()].split()
        if before and before[-1][:1].isupper() and before[-1] not in r.located_leads:
            continue  # a longer name's end (`Becamex Bình Dương`), not a clause's lead (`Riêng Kiên Giang`)
        if not any(m.group(1) in n for n in org.names if n):
            return True
    return False


_PHRASE_BREAK = engines.compile(r"[,;:\"“”()]")


def _survey_author(text: str, m, s0: int) -> bool:
    """`Theo kết quả một cuộc khảo sát từ tháng 1/2017 của công ty Gallup, ...`, `Trong cuộc khảo sát do Viện X đưa ra,
    ...`: the mention is the author of a survey or a study named before it in its phrase (ownership.yaml survey_nouns,
    no comma, colon or quotation between): the figures it found are of those it surveyed, not its own."""
    r = rules()
    lo = max(s0, m.start - 80)
    if not _begins(text, r.survey, lo, m.start):
        return False
    last = None
    for x in r.survey.finditer(text, lo, m.start):
        last = x
    return last is not None and _PHRASE_BREAK.search(text, last.end(), m.start) is None


def _market_subject(text: str, s0: int, q_start: int) -> bool:
    """A clause of the figure's sentence, before it, opens on a market as its subject (`Theo thống kê, thị trường
    hàng không giữa 2 nước đạt ...`, `trong đó thị trường Bắc Ninh có mức tăng ...`): the market's figure."""
    r = rules()
    if r.breakdown_opener.match(text, s0):
        return False  # `Trong đó, thị trường miền Bắc tiêu thụ 2.276 xe`: the previous sentence's figure broken down by
        # market, the organization's own sales
    return r.market_subject.search(text[s0:q_start]) is not None


def _hypothetical(text: str, q_start: int, s0: int, mentions) -> bool:
    """The figure follows, in its sentence, a condition whose subject is anyone of a kind (`nếu doanh nghiệp đạt
    trên 600 điểm`, `nếu nhà đầu tư nào ... có thể lãi 20%`) and no organization is named between: a hypothetical."""
    r = rules()
    if not patternbook.holds_any(text[s0:q_start], r.conditional_words):
        return False  # (no condition's word: no condition)
    last = None
    for last in r.conditional.finditer(text, s0, q_start):
        pass
    if last is None:
        return False
    close = r.condition_close.search(text, last.end(), q_start)  # the condition's own clause ends (`, `, `thì`)
    lo = close.end() if close else last.end()   # (an object inside the condition: `nếu nhà đầu tư "bắt đáy" NVL`)
    return not any(lo <= m.start < q_start and m.surface.lower() not in r.conditional_kinds for m in mentions)
    # (the kind named again is no organization: `trường hợp doanh nghiệp có thu tiền ... thì doanh nghiệp kê khai`)


def _named_before(org, mentions, s0: int, q_start: int) -> list:
    """The mentions of `org` in the figure's sentence before it."""
    return [m for m in mentions if m.org is org and s0 <= m.start and m.end <= q_start]


def _imposes_fine(text: str, org, q_start: int, s0: int, mentions) -> bool:
    """The organization named before the amount in its sentence fines someone (`UBND Thành phố đã ban hành quyết định
    xử phạt hành chính 1 tỷ đồng`): a fining verb after its last mention, no passive word (`bị`, `được`) between,
    no other organization between: the amount is the fined one's, not the authority's."""
    by = _named_before(org, mentions, s0, q_start)
    if not by:
        return False
    lo = by[-1].end
    r = rules()
    v = r.fine_verb.search(text, lo, q_start, False)
    if v is None or r.fine_passive.search(text, lo, v.start()) or _CLAUSE_MARK.search(text, lo, v.start()):
        return False
    if not any(w in text[max(lo, v.start() - 30):v.start()].lower() for w in r.fine_decisions) \
            or r.counted_cases.search(text, lo, q_start, False):
        return False  # (a body's total over counted cases, or with no one decision named: its own)
    return not any(lo <= m.start < q_start and m.org is not org for m in mentions)


_CLAUSE_MARK = engines.compile(r"[.;:]")


def _length_at_place(text: str, org, q_start: int, q_end: int, s0: int, mentions) -> bool:
    """A length (`1m`, `1 km`) whose clause names the organization only as a place (`tại X`, `cổng trụ sở X`)."""
    r = rules()
    if not r.dimension_unit.search(text, q_start, q_end):
        return False
    by = _named_before(org, mentions, s0, q_start)
    return bool(by) and r.place_before.search(text, max(s0, by[-1].start - 20), by[-1].start) is not None


def _attendance(text: str, q_start: int, s0: int) -> bool:
    """Shareholders attending a meeting named in the sentence before the figure, with nothing the meeting adopts
    between (`61 cổ đông tham dự, đại diện cho 512.070.324 cổ phần, chiếm tỷ lệ 41,65%`)."""
    r = rules()
    lo = max(s0, q_start - 160)
    if not any(text.find(h, lo, q_start) >= 0 for h in r.attendance_holders):
        return False   # (the attendees are named as holders: `các cổ đông ... đại diện cho`)
    cue = None
    for cue in r.attendance.finditer(text, lo, q_start, False, False):
        pass
    return cue is not None and not r.attendance_stop.search(text, cue.end(), q_start)


def _product_or_source(text: str, org, m, q_start: int, q_end: int, s0: int, cls, metric_key) -> str | None:
    """The clause's organization `m` is only the brand of a product named right before it (`máy lọc nước Karofi có
    khả năng khử ... 5/1000`) or a source that is no business (`Theo IHME, đỉnh dịch ở Ấn Độ ... 13.000 ca/ngày`),
    or the count is of a product's features (`Apple còn bổ sung thêm hơn 200 biểu tượng cảm xúc`): the product's
    specification, the territory's figure (money: only the source's, `Theo một báo cáo của SIA, ... khu vực sẽ cần
    ... 1 nghìn tỷ USD`). Only regex scans near the figure and the mention."""
    r = rules()
    if metric_key in r.product_sales:
        return None
    if cls == "count" and r.feature_count.match(text, q_start, q_end + 30, False):
        return "spec"
    p = r.product_before_brand.search(text, max(s0, m.start - 60), m.start, False) if cls != "money" else None
    if p and not r.counted_before_product.search(text, max(s0, p.start() - 20), p.start()) \
            and not r.product_sale.search(text, p.start(), q_end + 20) \
            and not r.spec_business.search(text, max(s0, p.start() - 30), q_end + 15):
        return "spec"
    if (is_source(text, m) or r.report_of.search(text, max(s0, m.start - 80), m.start, False)) \
            and r.source_scope.search(text, m.end, q_start) \
            and not any(_category(n) in ("company", "bank") for n in org.names) \
            and not r.spec_business.search(text, m.end, q_end + 15):
        return "reported"  # (a typed company or bank tells its own figures: `Theo VNA, thị phần của hãng tại ...`)
    return None


def _product_spec(text: str, org, q_start: int, q_end: int, c0: int, mentions, cls, metric_key) -> bool:
    """A product named between the organization's last mention in the clause (or the clause's start) and the figure,
    or owned by it (`cảm biến ... của Samsung, kết hợp cùng thấu kính 6 lớp`), with no word of selling or making it
    from the piece of the sentence that names the one or the other: the figure is the product's specification."""
    r = rules()
    if metric_key in r.product_sales and not (cls == "count" and r.product_kind.search(text, q_start, q_end)):
        return False  # (asked first: whatever product is named, the figure is a sale of products)
    by = [m for m in mentions if m.org is org and c0 <= m.start and m.end <= q_start]
    a = by[-1].end if by else c0
    # (the first product named is all that is read: the scan stops there)
    named = next((at for at in map(_START, r.product.finditer(text, a, q_start, False, False)) if not _within_any(at, mentions)
                  and not r.counted_before_product.search(text, max(0, at - 20), at, False)), None)  # (not `200.000 sản phẩm`: products counted)
    if named is None and by and text[max(c0, by[-1].start - 6):by[-1].start].rstrip().endswith("của"):
        named = next((at for at in map(_START, r.product.finditer(text, max(c0, by[-1].start - 60), by[-1].start, False, False))
                      if not _within_any(at, mentions)), None)  # (a product of the organization's)
    if named is None:
        return False  # (not a word of a name: `Công ty CP Phần mềm X`)
    seg0 = _segment_start(text, c0, q_start)
    if r.product_sale.search(text, min(named, a, seg0), q_end + 20) or (
            (r.product.search(text, q_start, q_end, False) or r.product_next.match(text, q_end, None, False))
            and not r.part_count.match(text, q_start, q_end + 20, False)):
        return False  # (`bán ra 4 mẫu iPhone 12`, `3 sản phẩm/khách hàng`: products counted, not a product's part)
    return True


_START = operator.methodcaller("start")


def _within_any(pos: int, mentions) -> bool:
    """`pos` falls inside one of `mentions` (a loop: asked for each product a clause names)."""
    for x in mentions:
        if x.start <= pos < x.end:
            return True
    return False


def _spec_measure(text: str, q_start: int, q_end: int, s0: int, mentions, metric_key) -> bool:
    """A ratio or measure after a performance cue (the caller's check; whether the clause, the paragraph or the article
    names the organization) with a product named in the sentence before it,
    outside an organization's name (`nền tảng Aruba ESP`, `chip Snapdragon 780G`), and no word of the maker's business
    near it (market share, sales, growth, price): the product's specification, as `_product_spec` says of counts."""
    r = rules()
    if metric_key in r.product_sales or r.spec_business.search(text, max(s0, q_start - 60), q_end + 15):
        return False
    return any(not any(x.start <= p.start() < x.end for x in mentions) for p in r.spec_product.finditer(text, s0, q_start, False, False))


_PIECE_AFTER = engines.compile(r"[^.;:,!?\n]{0,60}")  # what follows a figure up to its piece's end


def _fallback_holder(text: str, q_start: int, q_end: int, s0: int, c0: int, cls, metric_key, org=None,
                     mentions=()) -> str | None:
    """Who else holds a figure the article's organization (`org`) would take as a fallback (no organization
    in its clause): a product (its specification, price or share), a customer or a person, a set of
    organizations, an outside speaker. Only regex scans of the figure's own sentence."""
    r = rules()
    seg0 = _segment_start(text, s0, q_start)
    clause = text[c0:q_start]
    head = r.price_head.match(text, c0) or r.price_head.match(text, seg0)
    if head and not r.opener.search(text, head.end(), q_start):
        return "not-reported"  # `Giá dao động từ 3 euro ... lên tới 50 euro`: the clause is a price (not `Giá thép tăng thì ...`)
    if (r.product.search(text, seg0, q_start, False) or r.product_head.match(text, s0, None, False)) and not (
            metric_key in r.product_sales and not (cls == "count" and r.product_kind.search(text, q_start, q_end))):
        return "spec"  # `Với gói dữ liệu ... 10GB/tháng`, `iPhone 12 Pro hiện chỉ chiếm 15%`
    if cls != "money" and r.capability.search(clause):
        return "spec"  # `DrAid có khả năng hỗ trợ chẩn đoán 20 dấu hiệu`
    if r.quoted_possessor.search(clause):
        return "spec"  # `số tiền bảo hiểm của "FWD Nâng tầm vị thế" sẽ tăng 15%`: a named product's
    if (r.customer_subject.search(clause) and metric_key not in r.paid_out) or r.user_possessor.search(clause) or r.person_relative.search(clause) \
            or r.each_person.search(text, seg0, q_start) or r.household.search(text, seg0, q_start) \
            or (cls == "ratio" and r.population_after.match(text, q_end)):
        return "person"  # `Khách hàng mua xe ... được tặng`, `số tiền mà ông cho con`, `mỗi người sẽ nhận về`
    end = _PIECE_AFTER.match(text, q_end).end()
    if r.person_possessor.search(text, q_end, end):
        return "person"  # `chiếm tới 70-80% thu nhập của họ`
    if cls == "ratio" and r.plural_after.match(text, q_end, None, False) and r.rank_before.search(text, max(s0, q_start - 20), q_start):
        return "not-owner"  # `AF8 vẫn lớn hơn 90% các vật thể`: the subject's rank among a population, no one's share
    if (cls == "ratio" and r.set_after.match(text, q_end)) or r.set_link.match(text, q_end, end):
        return "not-owner"  # `100% bệnh viện trên toàn quốc`, `150 kỹ sư thuộc các công ty đối tác`
    if r.counted_subject.match(text, c0) or (seg0 > c0 and r.counted_subject.match(text, seg0)):
        return "not-owner"  # `15 CLB sáng lập sẽ nhận ngay khoảng 400 triệu euro`: several, none the article's
    held = r.held_by_name.match(text, q_end, None, False)
    if held and any(m.org is org and m.start == held.start(1) for m in mentions):
        held = None  # `500 tỷ đồng mà Công ty đặt ra`: the organization itself
    if r.authority_subject.search(clause, None, None, False) or held:
        return "other-actor"  # `mức phí 6 tỷ USD mà European Super League sẽ được ... hậu thuẫn`
    if r.outside_speaker.search(text, s0, q_start, False):
        return "other-actor"  # `Chủ doanh nghiệp Đ.H. ... cho biết: "... qua 2 trạm ..."`
    return None


_FRONTED_END = engines.compile(r"[^,;:.!?\n]*,\s*")  # the rest of a fronted phrase, through its comma


def _fronted_subject(text: str, s0: int, c0: int, q_start: int, q_end: int, mentions, own_org, s1: int | None = None):
    """`Với 15.000 lao động, Công ty X là doanh nghiệp lớn nhất huyện`, `Sở hữu 200 cửa hàng, X ...`: a figure in a
    phrase fronted before its sentence's first comma (opened by `với`, `sở hữu`, `nhờ`) describes the main clause's
    subject; when a business the article names as such (by its type, a known name or an alias) opens that clause,
    the figure is its own. None when a person, a place or a product opens it (`Với 3 điểm có được, đoàn quân của HLV X`)."""
    if c0 != s0 or not _found_by(text, rules().fronted_opener, "fronted", s0, s1, q_start, anchored=True):
        return None
    comma = _FRONTED_END.match(text, q_end)
    if comma is None or "," in text[s0:q_start]:
        return None
    if rules().fronted_comparison.search(text, s0, q_start):
        return None  # `Nhờ ... như hai ray tàu, X ...`: a likeness, nothing of the subject's
    subject = next((m for m in mentions if m.start == comma.end() and m.org is not None), None)
    if subject is None or not _named_business(subject.org) or not usable(text, subject, mentions, s0, own_org):
        return None  # (a name only spelled as a brand may be a film's, a band's: `Với số điểm 5% ..., Rings được xếp`;
        # a state body's fronted figure may be what it acts on: `Với mức phạt 200 triệu đồng, Cục X đã xử lý Công ty Y`)
    return subject.org


def _list_subject(text: str, s0: int, c0: int, mentions, own_org):
    """`Năm 2020, doanh thu của X đạt ...; lợi nhuận trước thuế đạt ...`: a clause after a semicolon that
    opens on a metric noun or on a verb (`...; tăng 24% so với năm 2019`: its subject dropped; no subject of its
    own: not `VCB tăng 4,6%`) goes on with its sentence when
    everything before it names one organization, named in the sentence's first piece (its subject, not
    one named in passing later: `...; doanh thu đạt 103% kế hoạch Tổng Công ty giao; ...`)."""
    if c0 <= s0 or not text[s0:c0].rstrip().endswith(";"):
        return None
    at = _BLANKS.match(text, c0).end()
    if not (metrics.reader().head.match(text, at) or rules().elided_subject.match(text, at)):
        return None  # (`...; tăng 24% so với năm 2019`: a verb first, the subject dropped, the one before goes on)
    named = [m for m in mentions if s0 <= m.start and m.end <= c0 and m.org is not None]
    if not named or any(m.org is not named[0].org for m in named) or ";" in text[s0:named[0].start]:
        return None
    return named[0].org if usable(text, named[0], mentions, s0, own_org) else None


_POST_APPOSITION = engines.compile(r"\s*(?:,|[-–])\s*[^,;.\n]{0,40}")   # `Ông X, Tổng giám đốc` / `Ông X - ...`
_COMMA_GAP = engines.compile(r"\s*,?\s*")
_CLAUSE_PUNCT = engines.compile(r"[,;:]")
_CARRIED_SOURCES = frozenset({"document", "paragraph", "officer", "speaker", "topic"})   # owners not read from the clause itself


def _officer_speaking(text: str, s0: int, q_start: int, mentions, main_org=None):
    """`Theo ông Hùng, lợi nhuận quý I đạt 120 tỷ đồng`, `bà Yến cho biết, dự án có diện tích khoảng 200ha`: a person
    named by honorific and name speaks, in a sentence naming no organization before the figure, whom the article
    introduced earlier as the officer of one business (`Ông Lê Văn Hùng, Tổng giám đốc Công ty X`, `Tổng giám đốc
    Công ty X, ông Lê Văn Hùng`): the person speaks for it, as in the sentence that gives the post. None when the
    reported clause opens on a market, people or a territory, names a place or a market, or the article gives the
    person no single business. The post may stand anywhere before in the article: every mention of the organizations
    the figure's window names, and of the article's organization, is read (`Org.mentions`)."""
    r = rules()
    if any(s0 <= m.start < q_start for m in mentions):
        return None
    said = r.named_speaker.search(text, s0, q_start, False)
    if said is None or r.reported_subject.match(text, said.end(), q_start, False) \
            or _in(text, r.no_org, said.end(), q_start) or _in(text, r.place_at, said.end(), q_start):
        return None  # (`Theo ông X, trên địa bàn TP hiện có bốn nhà máy nước`: the territory's)
    name = regex.escape(said.group(1) or said.group(2))
    person = regex.compile(r"(?<!\w)" + r.speaker_honorific + r"\s+(?:\p{Lu}\w*\s+){0,3}" + name + r"(?!\w)")
    posts = set()
    named = {id(m.org): m.org for m in mentions if m.org is not None}
    if main_org is not None:
        named[id(main_org)] = main_org
    pool = {id(m): m for m in mentions}
    for org in named.values():
        pool.update((id(m), m) for m in org.mentions if m.end <= s0)
    for m in pool.values():
        if m.end > s0 or m.org is None or m.generic or org_category(m.org) not in ("company", "bank") \
                or not r.post_before.search(text, max(0, m.start - 45), m.start, False):
            continue
        before = text.rfind("\n", 0, m.start) + 1  # (the post's own paragraph: `Ông X, Tổng giám đốc Công ty Y`)
        lead = person.search(text, max(before, m.start - 90), m.start, False)
        if (lead and _POST_APPOSITION.fullmatch(text, lead.end(), m.start)) \
                or person.match(text, _COMMA_GAP.match(text, m.end, m.end + 4).end()):
            posts.add(id(m.org))
            found = m.org
    return found if len(posts) == 1 else None


_QUOTE_MARKS = engines.compile(r"[\"“”]")


_QUOTE_REACH = 500  # characters after a figure within which its quotation may close (a paragraph's few sentences)


def line_end(text: str, pos: int) -> int:
    """The end of the paragraph (line) holding `pos`, at most `_QUOTE_REACH` characters on (a text of one line
    would be searched to its end for every figure)."""
    end = text.find("\n", pos, pos + _QUOTE_REACH)
    return min(len(text), pos + _QUOTE_REACH) if end < 0 else end


def _quote_speaker(text: str, q_start: int, q_end: int, s0: int, c0: int, s1: int, p0, mentions, main_org):
    """`"... lượng khách tăng 25% ...", đại diện Cảng X cho biết.`: a figure inside a quotation whose speaker is named
    after it closes, at the end of the sentence, as a representative or an officer of an organization (`đại diện X`,
    `Giám đốc ... của X`): the organization the speaker represents tells its own figure, as `X cho biết` does. When
    the name there is none the article made an organization (`đại diện truyền thông hệ thống Shopdunk`), the figure is
    that one's, not the article's organization's: (None, "other-actor"). None (no answer) when no such speaker, or the
    quoted clause speaks of a market, a place, people or a person (`giá dầu ...`, `Tôi ...`)."""
    r = rules()
    lo = max(s0 if p0 is None else min(p0, s0), q_start - _QUOTE_REACH)  # (a paragraph's start within reach)
    if text.find("“", lo, q_start) < 0 and text.find("\"", lo, q_start) < 0:
        return None  # (no quotation opens before the figure: a cheap test first)
    end = line_end(text, q_end)  # (the quotation may close sentences later, in its paragraph)
    close = _QUOTE_MARKS.search(text, q_end, end)
    if close is None or close.group(0) == "“":
        return None
    marks = _QUOTE_MARKS.findall(text, lo, q_start)
    if not (marks and (marks[-1] == "“" or marks.count("\"") % 2 == 1)):
        return None  # (the figure is not inside the quotation that closes)
    said = (close.start() < s1 and r.trailing_speaker.fullmatch(text, close.start(), s1)) \
        or r.trailing_speaker.fullmatch(text, close.start(), end)
    if not said:
        return None
    lead = r.speaker_for.search(text, said.start(1), said.end(1), False)
    if lead is None:
        return None
    if r.reported_subject.match(text, c0, q_start, False) or r.singular_i.search(text, c0, q_start) \
            or _in(text, r.no_org, c0, q_end) or _in(text, r.place_at, c0, q_start) or _in(text, r.person, c0, q_start):
        return None
    named = [m for m in mentions if lead.start() <= m.start and m.end <= said.end(1) and m.org is not None]
    if named:
        m = named[-1]  # (the post's organization closes the speaker's phrase: `Giám đốc Khối ... của hệ thống X`)
        # (a business's speaker only: a state body's speaker tells of its territory, `Có trung tâm ... 1 - 2 sự kiện`)
        return (m.org, "speaker") if not m.generic and org_category(m.org) in ("company", "bank") \
            and usable(text, m, mentions, s0) else None
    if main_org is not None and any(text.startswith(n, lead.end()) for n in main_org.names if n):
        return None
    return None, "other-actor"


def _candidate(text: str, q_start: int, q_end: int, s0: int, c0: int, mentions, main_org, about_one: bool,
               p0: int | None = None, cls: str | None = None, metric_key: str | None = None, s1: int | None = None,
               later=None, topic=None):
    r = rules()
    if s0 > 0 and _found_by(text, r.honorific_at, "honorific", s0, s1, q_start):  # (a cheap test first: most sentences name no person)
        officer = _officer_speaking(text, s0, q_start, mentions, main_org)
        if officer is not None:
            return officer, "officer"
    paren = text.rfind("(", s0, q_start)
    if paren >= 0 and text.rfind(")", paren, q_start) < 0:  # `cao hơn cả Viettel (40,8%)`: the name before it
        named = [m for m in mentions if m.org is not None and 0 <= paren - m.end <= 2]
        if named:
            if r.group_before.match(text, max(s0, named[0].start - 8), named[0].start, False):
                return None, "not-owner"  # `nhóm ngân hàng TMCP Nhà nước (chiếm 43%)`: a group of banks
            if in_title(text, named[0], q_start):
                return None, "person"  # `HLV trưởng CLB X (136 trận, thắng 55 trận)`: the coach's record
            return named[0].org, "parenthesis"
        if r.group_kind_before.search(text, max(s0, paren - 50), paren):
            return None, "not-owner"  # `nhóm ngân hàng TMCP khác (chiếm 48,42%)`: a group of banks, named by kind
        if r.name_before_paren.search(text, max(s0, paren - 30), paren, False) and _PAREN_FIGURES.fullmatch(text, paren + 1, q_start, False):
            return None, "not-owner"  # `..., MSB (4,6%)`: the name before it, though no organization we know
        if not text[paren + 1:q_start].strip() and _AFTER_FIGURE.search(text, max(s0, paren - 40), paren, False):
            # `60 tỷ euro (64,7 tỷ USD)`: the same amount converted, the same owner as the figure before it
            before = [m for m in mentions if m.end <= paren]
            return _candidate(text, paren, paren, s0, c0, before, main_org, about_one, p0, cls, metric_key)
    seg0 = _segment_start(text, s0, q_start)
    in_clause = [m for m in mentions if c0 <= m.start and m.end <= q_start]
    planned = [m for m in in_clause if m.org is not None and r.plan_of.match(text, max(s0, m.start - 20), m.start)
               and _PLAN_IS.match(text, m.end, m.end + 12)]
    if planned and all(m.org is planned[-1].org for m in in_clause if m.start > planned[-1].start):
        return planned[-1].org, "plan"  # `Mục tiêu của ngân hàng trung ương là giữ lạm phát ở mức 2%`
    near = [m for m in in_clause if m.start >= seg0]
    # what stands between the last organization and the figure may make it someone else's
    last_end = max((m.end for m in near), default=seg0)
    a = last_end
    if near and text.find("của", last_end, q_start) >= 0:  # `Masan của tỷ phú X`: the owner's owner left out
        own = r.owners_owner.match(text[last_end:q_start], None, None, False)
        a += own.end() if own else 0
    if _in(text, r.person, a, q_start) or _in(text, r.possessor_at, a, q_start):
        return None, "person-or-place"
    own_org = main_org if about_one else None
    # (only the last usable mention of the segment is read: asked from the end, the ones before it never are)
    last_ok = next((m for m in reversed(near) if usable(text, m, mentions, s0, own_org)), None)
    if last_ok is not None and _territorial(last_ok.org) and _in(text, r.place_at, last_ok.end, q_start):
        return None, "market-or-place"  # `UBND TP X: tổng sản phẩm trên địa bàn tăng 7%`: the territory's
    if last_ok is not None and in_title(text, last_ok, q_start):
        return None, "person"
    if last_ok is not None:
        if _market_after(text, last_ok.end, q_start, last_ok.org):
            return None, "market-or-place"
        if cls == "count" and not last_ok.generic and r.conjunct.fullmatch(text, last_ok.end, q_start, False) \
                and not r.own_unit_after.match(text, q_end, q_end + 30) and not r.own_unit_in.search(text, q_start, q_end, False):
            return None, "not-owner"  # `Đại diện của Bộ X và 8 thành viên ngoài trường`: the other conjunct
        contributor = _contributor(text, last_ok, q_start, c0, s0, mentions, own_org)
        if contributor is not None:
            return contributor, "sentence"  # (the clause's subject, named in the sentence)
        if _other_ticker(text, last_ok.end, q_start, mentions) or _new_subject(text, last_ok.end, q_start, mentions) \
                or _possessor_only(text, last_ok, q_start):
            return None, "other-actor"  # `VIC tăng 1.700 đồng ... còn VHM tăng 1.100 đồng`: the second ticker's
        return last_ok.org, "segment"
    if near and _example_mover(text, near[-1], mentions, s0):
        return near[-1].org, "segment"  # `các mã bluechip khác ... như VCG tăng 2,16%`: the first example, its own move
    if near and not all(r.difference_before.search(text, max(s0, m.start - 40), m.start, False) for m in near):
        return None, "not-owner"  # the segment's organization is a source, object or one of several
    after = [m for m in mentions if q_end <= m.start < q_end + 60 and m.org is not None
             and (m.start < q_end + 25 and _OWNER_AFTER.match(text[q_end:m.start])
                  or _described_after_of(text, q_end, m.start))]
    if after:
        return after[0].org, "segment-after"
    if cls == "count" and patternbook.holds_any(text[q_end:q_end + 45], r.possessed_link_words) \
            and not r.span_unit.match(text, q_start, q_end + 20, False):
        run = r.possessed_run.match(text, q_end, q_end + 45, False)  # (not `12 trận đấu của CLB X`: the player's span of its season)
        owned = run and next((m for m in mentions if m.start == run.end() and m.org is not None), None)
        if owned is not None:
            return owned.org, "segment-after"  # `hai mẫu điện thoại sắp ra mắt của Samsung`: the possessor's count
    if _in(text, r.no_org, seg0, q_end):
        return None, "market-or-place"
    # (only the first usable mention of the clause is read; those of the segment are not usable, asked above)
    subject = next((m for m in in_clause if m.start < seg0 and usable(text, m, mentions, s0, own_org)), None)
    if subject is not None and _territorial(subject.org) and _in(text, r.place_at, subject.end, q_start):
        return None, "market-or-place"
    if subject is not None and in_title(text, subject, q_start):
        return None, "person"
    if subject is not None and not _in(text, r.person, subject.end, q_start):
        if _market_after(text, subject.end, q_start, subject.org):
            return None, "market-or-place"
        head = _CLAUSE_HEAD.match(text, c0, subject.start, False)
        if head and head.group(0).split()[0].lstrip("\"“") not in r.not_names and (
                _other_actor(text, c0, head.end(), mentions, first_person=False)
                or _untied_head(text, c0, subject.start, mentions)):
            return None, "other-actor"  # `Nagelsmann có 58% ... giúp Leipzig`, `SHBFC ..., vốn điều lệ 1.000 tỷ đồng, SHB sở hữu`
        if r.person_caused.search(text, subject.end, q_start, False):
            return None, "person"
        if subject.end <= seg0 and (_other_possessor(text, seg0, q_start, mentions) or _possessor_after(text, q_end, mentions)
                                    or _new_subject(text, max(subject.end, seg0 - 12), q_start, mentions, contrast_only=True)
                                    or r.pronoun_subject.match(text, seg0, q_start, False) or (
                _other_ticker(text, seg0, q_start, mentions)) or _untied_head(text, seg0, q_start, mentions)):
            return None, "other-actor"  # `Sau sự sụp đổ của X, giá cổ phiếu của Man Utd đã giảm từ 17,6 USD`
        return subject.org, "sentence"
    if in_clause and in_clause[-1].end <= seg0 and _example_mover(text, in_clause[-1], mentions, s0):
        return in_clause[-1].org, "sentence"  # `... như VCG tăng 2,16%, lên 14.200 đồng`: its move goes on
    if in_clause:
        return None, "not-owner"
    fronted = _fronted_subject(text, s0, c0, q_start, q_end, mentions, own_org, s1)
    if fronted is not None:
        return fronted, "sentence"
    # (text[c0:q_end]; when the segment is the clause (nothing `near`), both searches above said no)
    if seg0 != c0 and (_in(text, r.no_org, c0, q_end) or _in(text, r.person, c0, q_start)):
        return None, "market-or-place"
    if not about_one and _in(text, r.place_at, c0, q_start):
        return None, "market-or-place"
    listed = _list_subject(text, s0, c0, mentions, own_org)
    if listed is not None:
        return listed, "sentence-list"
    if s1 is not None and later is not None:   # (a quotation mark follows the figure in its paragraph)
        spoken = _quote_speaker(text, q_start, q_end, s0, c0, s1, p0, list(mentions) + list(later), main_org)
        if spoken is not None:
            return spoken
    if p0 is not None and p0 < s0 and cls in ("money", "ratio") and not any(s0 <= m.start < q_start for m in mentions):
        # (the paragraph's lead first: mostly there is none, and it is cheaper than asking whether someone else acts)
        lead = _paragraph_subject(text, p0, s0, mentions, main_org if about_one else None)
        if lead is not None and not _other_actor(text, s0, q_start, mentions):
            return lead, "paragraph"
    if p0 == s0 and cls in ("money", "ratio") and not any(s0 <= m.start < q_start for m in mentions):
        carried = _previous_subject(text, s0, q_start, mentions, main_org if about_one else None)
        if carried is not None and not (about_one and carried is main_org) and not _other_actor(text, s0, q_start, mentions):
            return carried, "paragraph"
    if topic is not None and not any(s0 <= m.start < q_start for m in mentions):   # (money and ratios only: extract)
        carried = _topic_owner(text, s0, q_start, mentions, topic)
        if carried is not None and not (about_one and carried is main_org) and not _other_actor(text, s0, q_start, mentions):
            return carried, "topic"
    if about_one and main_org is not None:
        if cls == "count" and not metric_key and not (rules().quota_count.match(text, q_start, q_end + 30, False)
                                                      or (rules().share_volume.match(text, q_start, q_end + 30)
                                                          and not rules().share_trader.match(text[seg0:q_start], None, None, False))):
            # (not `Tân Liên Phát đã bán 28,9 triệu cổ phiếu TTF`: a holder the article never made an organization trades them)
            return None, "not-reported"  # `hai lần`, `6 số`, `3 cổ phiếu cần quan tâm`: a count names no one's result
        if _other_actor(text, s0, q_start, mentions, own=main_org):
            return None, "other-actor"
        return main_org, "document"
    return None, None
