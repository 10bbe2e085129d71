"""The cheap tests of `pipeline.quantities` say no only where the regex they stand for cannot match."""
from __future__ import annotations

import random

from pipeline import quantities


def _by_regex(three: str, lead: bool) -> int:
    mask = 0
    for t in quantities._TESTS:
        if t.lead == lead and t.pre.match(three) is not None:
            mask |= t.bit
    return mask


def test_head_masks_from_the_heads_table_are_the_regexes():
    quantities.grammar()
    rng = random.Random(11)
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
    pool = list(letters + letters.upper() + " \t/%$.,-()0123456789") + ["K", "ſ", "İ", "ı", "ẞ", "Å", "\u00a0"]
    keys = {"", " ", "  "} | {"".join(rng.choice(pool) for _ in range(rng.randint(1, 3))) for _ in range(20000)}
    for three in sorted(keys):
        for lead in (True, False):
            quantities._LEAD_MASKS.clear()
            quantities._HEAD_MASKS.clear()
            assert quantities._heads_mask(three, lead) == _by_regex(three, lead), (three, lead)
