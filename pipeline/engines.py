"""Which regular-expression engine runs a pattern: `re` where it reads the pattern as `regex` does, else `regex`.

Most of the extractor's patterns are tries of literal words with `(?<!\\w)`/`(?!\\w)` bounds, which both
engines read the same; on those `re` runs the extractor's calls in about 20 % less CPU time than `regex`
(replayed calls of 300 baomoi articles, medians of 7 interleaved rounds). Patterns that need what only `regex`
has (`\\p{..}` classes, variable-width lookbehind, reverse search, a group name used twice) stay with `regex`.
Callers therefore use the calls both engines share: `p.match(s)`, `p.search(s, pos, endpos)` with ints,
`p.sub(repl, s)`, `p.finditer(s, pos, endpos)`; no `None` for pos/endpos, no `regex`-only arguments.

Where the two engines still differ is in characters news text hardly holds: `re` counts other numbers (`½`, `²`,
`①`) as word characters (`\\w`) and `regex` does not, marks the other way round; case-blind, `re` takes the
Turkish `ı` and `İ` for `i` and `I`. On the identity set (all of dantri, 6,000 baomoi articles) one fact of
53,466 reads otherwise: the metric of `chưa đến ½ (46%)`. `patternbook.cases_of` gives the cases of both engines,
so its gates stay exact for either.

`re` parses a pattern in Python on every start; what it builds (`_sre.compile`'s arguments) is kept between
runs in a `regexcache.memo`, as `regexcache` keeps `regex`'s, with the patterns `re` refused.
`VNMETRICS_ONE_ENGINE=regex` turns the choice off (every pattern on `regex`), to compare the two.
"""
from __future__ import annotations

import os
import re
import warnings
from array import array

import regex

from . import regexcache

try:
    import _sre
    from re import _compiler, _parser
except ImportError:   # Python < 3.11: no cache of the parse, `re.compile` each start
    _sre = _compiler = _parser = None

# flags both engines read with the same meaning and value (regex.V0 is `regex`'s default: no change)
_SHARED_FLAGS = int(regex.I | regex.M | regex.S | regex.X | regex.U)
_V0 = int(regex.V0)
# syntax that `re` parses but reads otherwise than `regex` (POSIX classes, nested sets): left to `regex`
_OTHER_MEANING = ("[:", "[[")
_REFUSED = 0   # memo value: `re` cannot read this pattern
_ONLY_REGEX = os.environ.get("VNMETRICS_ONE_ENGINE") == "regex"
_CODE_WORD = "I" if array("I").itemsize == 4 else "L"
_served: set = set()   # (pattern, flags) of every pattern `re` runs in this process: what tests/test_engines.py compares


def compile(pattern, flags=0):
    """The compiled pattern, from `re` when it reads `pattern` as `regex` would, else from `regex`."""
    fl = int(flags)
    if _ONLY_REGEX or not isinstance(pattern, str) or fl & ~(_SHARED_FLAGS | _V0) \
            or any(s in pattern for s in _OTHER_MEANING):
        return regex.compile(pattern, flags)
    fl &= ~_V0
    known = regexcache.memo("sre", __file__) if _sre is not None else {}
    key = (pattern, fl)
    built = known.get(key)
    if built is None:
        built = _parse(pattern, fl)
        if len(known) < regexcache._MOST:   # (a caller compiling a pattern per text leaves the kept file bounded)
            known[key] = built
    if built == _REFUSED:
        return regex.compile(pattern, flags)
    if len(_served) < regexcache._MOST:
        _served.add(key)
    if _sre is None:
        return re.compile(pattern, fl)
    flags_out, code, groups, groupindex, indexgroup = built
    return _sre.compile(pattern, flags_out, array(_CODE_WORD, code).tolist(), groups, groupindex, indexgroup)


def served() -> list:
    """(pattern, flags) of the patterns given to `re` so far in this process."""
    return sorted(_served)


def _parse(pattern: str, flags: int):
    """`_sre.compile`'s arguments after the pattern (as `re._compiler.compile` passes them), or _REFUSED."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # `re`'s FutureWarning on a possible set operation: another meaning
        try:
            if _sre is None:
                re.compile(pattern, flags)
                return ()
            p = _parser.parse(pattern, flags)
            code = _compiler._code(p, flags)
        except (re.error, Warning, ValueError, TypeError, OverflowError, RecursionError):
            return _REFUSED
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    # the code as bytes of 32-bit words (`_sre`'s SRE_CODE): a list of ints takes ten times longer to unmarshal
    return (int(flags | p.state.flags), array(_CODE_WORD, code).tobytes(), p.state.groups - 1, groupindex,
            tuple(indexgroup))
