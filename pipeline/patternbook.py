"""Load the pattern data files of `patterns/` once per process.

The files ship inside the wheel as the package `pipeline.patterns` (see
pyproject.toml); in a source checkout they are read from the top-level
`patterns/` folder. Nothing in Python hard-codes a unit or a cue word.
"""
from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path

import ahocorasick
import regex
import yaml

try:
    from re import _constants as _K, _parser as _sre
    from re._casefix import _EXTRA_CASES as _RE_EXTRA_CASES   # what `re`'s case-blind matching adds to lower case
except ImportError:   # Python < 3.11
    import sre_constants as _K
    import sre_parse as _sre
    _RE_EXTRA_CASES = {}

from . import engines
from . import regexcache


def _pattern_dir():
    # a source checkout reads its own `patterns/`: an editable install maps `pipeline.patterns` to the
    # checkout it was installed from, which for another worktree is not this one
    here = Path(__file__).resolve().parent.parent / "patterns"
    if (here / "units.yaml").is_file():
        return here
    try:
        root = resources.files("pipeline.patterns")
        if root.joinpath("units.yaml").is_file():
            return root
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / "patterns"


# libyaml's loader when PyYAML has it: the same data, 7x less start-up time for every command and worker
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed YAML file `patterns/<name>.yaml`."""
    with _pattern_dir().joinpath(f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LOADER)


def alternation(phrases, boundary=True, lead=True) -> str:
    """A regex alternation of literal phrases, spaces matching any blank but a newline (a phrase never runs on into
    the next line: the lines are the paragraphs).

    Built as a trie (`tỷ(?:[^\\S\\n]+đồng)?`), not `a|b|c`: the regex engine then
    tests each position against a handful of first letters instead of
    hundreds of phrases (the unit and count-noun list scans 25x faster). The longest
    phrase wins, as in a longest-first alternation: optional tails are greedy.
    """
    unique = sorted({str(p) for p in phrases if str(p)})
    key = (tuple(unique), bool(boundary), bool(lead))
    known = regexcache.memo("alternation", __file__)  # building the trie is most of a start once patterns are cached
    found = known.get(key)
    if found is not None:
        return found
    groups: dict = {}
    for p in unique:
        head = r"(?<!\w)" if boundary and lead and p[0].isalnum() else ""
        tail = r"(?!\w)" if boundary and p[-1].isalnum() else ""
        groups.setdefault((head, tail), []).append(p)
    # the boundary-free group last: `%` must not beat a longer phrase that ends in a letter
    parts = [head + _trie(ps, tail) for (head, tail), ps in sorted(groups.items(), key=lambda kv: (-len(kv[0][0]), -len(kv[0][1])))]
    known[key] = out = "(?:" + "|".join(parts) + ")"
    return out


def choice(words) -> str:
    """Literal words as `(?:a|b|c)` in the order written, no word boundary added: where two can match at
    one place the first written is tried first, as in an alternation written by hand in a pattern."""
    return "(?:" + "|".join(regex.escape(str(w)) for w in words) + ")"


_BLANK = object()


def _trie(phrases, tail: str, escape=regex.escape, tokens=None) -> str:
    root: dict = {}
    for p in phrases:
        node = root
        for tok in (tokens or _tokens)(p):
            node = node.setdefault(tok, {})
        node[""] = True
    return _emit(root, tail, escape)


def literal_trie(words) -> str:
    """The words as one `re` pattern shaped as a trie, every character literal (blanks too): what their
    alternation longest first matches. `re` tries an alternation's words one after another wherever a first
    letter stands (`h` is in most Vietnamese words); a trie tries one branch a letter (the scan 2x faster)."""
    return _trie(sorted({str(w) for w in words if str(w)}), "", re.escape, iter)


def _tokens(phrase):
    prev_blank = False
    for ch in phrase:
        if ch.isspace():
            if not prev_blank:
                yield _BLANK
            prev_blank = True
        else:
            prev_blank = False
            yield ch


def _emit(node: dict, tail: str, escape=regex.escape) -> str:
    """Regex of a trie node; `tail` is checked where a phrase ends."""
    branches = []
    for tok in sorted((k for k in node if k != ""), key=lambda k: "" if k is _BLANK else k):
        esc = r"[^\S\n]+" if tok is _BLANK else escape(tok)
        branches.append(esc + _emit(node[tok], tail, escape))
    end = "" in node
    if not branches:
        return tail
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return "(?:" + body + "|" + tail + ")" if tail else "(?:" + body + ")?"
    return body


_PLAIN_I, _TURKISH_I = frozenset("iI"), frozenset(map(chr, (0x130, 0x131)))   # `re` takes İ and ı for either i


@functools.lru_cache(maxsize=4096)
def cases_of(ch: str) -> frozenset:
    """The characters case-blind matching takes for the character `ch` in either engine (`ſ` and `S` for `s`;
    `re` also takes the Turkish `ı` for `i` and `İ` for `I`): a pattern of `engines.compile` may run on either."""
    from regex import _regex

    out = {chr(d) for d in _regex.get_all_cases(regex.I | regex.U, ord(ch))}
    near = set(out)
    for c in out:
        low = c.lower()
        extra = _RE_EXTRA_CASES.get(ord(low), ()) if len(low) == 1 else ()
        near |= {c.upper(), low} | {chr(e) for e in extra} | {chr(e).upper() for e in extra}
    if near & _PLAIN_I:
        near |= _TURKISH_I
    same = re.compile(re.escape(ch), re.I).fullmatch
    return frozenset(out | {c for c in near if len(c) == 1 and same(c)})


def odd_cases(texts) -> tuple:
    """The characters `regex`'s case-blind matching takes for a character of `texts` but `str.lower`
    folds otherwise (`ſ` for `s`, `K` for `k`, `İ`): a `str.lower` test standing in for a case-blind
    pattern is exact only on a text that holds none of them."""
    return tuple(sorted({c for t in texts for ch in str(t) for c in cases_of(ch) if c.lower() != ch.lower()}))


_FIRST_WORD = re.compile(r"\S*")
_FEW_WORDS = 4   # more first words: one trie scan costs less than a `find` of each


def case_blind_scan(phrases):
    r"""Where one of `phrases` may begin case-blind: the cases `regex` takes for their first letters (`c`, `C`), then
    the rest of any of them case-blind. `re` skips to the places one of those letters stands, which it cannot do for
    a case-blind first letter (the trie scanned case-blind tries every place): the places it finds hold every place a
    case-blind phrase begins (and a few more: each rest after each first letter), for the pattern to be tried at."""
    return re.compile(_case_blind_head([str(p) for p in phrases if str(p)]))


def _case_blind_head(phrases) -> str:
    """The `re` source of `case_blind_scan`: the first letters' cases spelt out, the rests case-blind."""
    cases = {c for p in phrases for c in cases_of(p[0])} | {p[0] for p in phrases}
    rests = sorted({p[1:] for p in phrases})
    rest = "" if "" in rests else "(?i:" + alternation(rests, boundary=False) + ")"
    return "[" + "".join(re.escape(c) for c in sorted(cases)) + "]" + rest


# `match` below is a pattern of either engine (`Prefiltered`, `Anchored` hold what `engines.compile` gives): called
# with what both engines share, the note in `engines`.


def first_match_at(scan, match, text: str, pos: int, end: int):
    """The first match of `match` (a `regex` pattern's) tried only at the places `scan` finds (a superset of where it can match): the
    same answer as a search, without trying every place."""
    c = scan(text, pos, end)
    while c is not None:
        m = match(text, c.start(), end)
        if m is not None:
            return m
        c = scan(text, c.start() + 1, end)
    return None


def _matches_at(scan, match, text: str, pos: int, end: int):
    """Every match of `match`, tried only at the places `scan` finds, as finditer gives them (an empty match moves
    on by one place)."""
    c = scan(text, pos, end)
    while c is not None:
        p = c.start()
        m = match(text, p, end)
        if m is None:
            c = scan(text, p + 1, end)
            continue
        yield m
        c = scan(text, m.end() if m.end() > p else p + 1, end)


class Prefiltered:
    """A compiled `regex` pattern every match of which begins with one of `phrases`.

    `search` and `finditer` try the pattern only where a phrase stands, found by a
    `re` scan of the phrases' trie (`first`: consumed, so `re` skips to their first
    letters; a case-blind one by `case_blind_scan`; searched again from the place
    after each): `re` walks a trie of literals five times faster than `regex` does.
    The matches are the pattern's own, in the same order; the scan may only
    over-report, since `re`'s blank (`\\s`) and case folding accept at least what
    `regex`'s do (tests/test_patterns.py checks it for every character). Other
    methods go to the pattern unchanged; `sub` returns the text as it is when no
    phrase stands in it.
    """

    __slots__ = ("rx", "words", "first")

    def __init__(self, rx, phrases):
        self.rx = rx
        phrases = {str(p) for p in phrases if str(p)}
        flags = re.IGNORECASE if rx.flags & regex.IGNORECASE else 0
        self.first = case_blind_scan(phrases) if flags else re.compile(_trie(phrases, "", re.escape))
        # A few case-kept phrases: `str.find` of their first words says first whether any can stand in the range
        # (most texts hold none of `cách`, `từng`...). Exact: the trie's phrase is literal up to its first blank.
        firsts = {_FIRST_WORD.match(p).group() for p in phrases}
        self.words = tuple(sorted(firsts)) if not flags and len(firsts) <= _FEW_WORDS and "" not in firsts else None

    def _absent(self, text, pos, end) -> bool:
        words = self.words
        if words is None:
            return False
        for w in words:   # (a loop, not `all` over a generator: asked for most figures)
            if text.find(w, pos, end) >= 0:
                return False
        return True

    def finditer(self, text, pos=0, endpos=None):
        end = len(text) if endpos is None else endpos
        if self._absent(text, pos, end):
            return
        yield from _matches_at(self.first.search, self.rx.match, text, pos, end)

    def search(self, text, pos=0, endpos=None):
        end = len(text) if endpos is None else endpos
        if self._absent(text, pos, end):
            return None
        return first_match_at(self.first.search, self.rx.match, text, pos, end)

    def sub(self, repl, text, *args, **kwargs):
        if self.first.search(text) is None:
            return text
        return self.rx.sub(repl, text, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.rx, name)


DIGIT = "\x00digit"   # (`firsts`, `metrics._needs`: any digit)
def firsts(pattern: str, flags: int = regex.I):
    """What every match of `pattern` begins with: literals (up to the first blank; lower-case when `flags` hold
    `regex.I`) and `DIGIT` for a digit; None when no such list is known (a match may begin anywhere, or with
    nothing). Read from the pattern's `re` parse tree (as `metrics._needs` reads the literals a match holds);
    lookarounds take no character."""
    fold = bool(flags & regex.I)
    if any(x in pattern for x in ("\\p", "\\P", "\\N", "[[", "(?r")):
        return None   # `regex`-only syntax: `re` would misread it
    try:
        tree = _sre.parse(pattern, re.IGNORECASE if fold else 0)
    except Exception:
        return None
    zero = (_K.AT, _K.ASSERT, _K.ASSERT_NOT)
    repeats = (_K.MAX_REPEAT, _K.MIN_REPEAT, getattr(_K, "POSSESSIVE_REPEAT", None))

    def char(c):
        ch = chr(c)
        if ch.isspace() or len(ch.lower()) != 1:
            raise ValueError(ch)   # (a prefix ends before a blank; a letter lower-cased to two is not read)
        return ch.lower() if fold else ch

    def exact(op, av):
        """The strings the node matches, all of them (few), or None."""
        if op in zero:
            return {""}
        if op is _K.LITERAL:
            try:
                return {char(av)}
            except ValueError:
                return None
        if op is _K.IN:
            if av == [(_K.CATEGORY, _K.CATEGORY_DIGIT)]:
                return {DIGIT}
            if len(av) <= 16 and all(o is _K.LITERAL for o, _ in av):
                try:
                    return {char(a) for _, a in av}
                except ValueError:
                    return None
            return None
        if op is _K.SUBPATTERN:
            if (av[1] | av[2]) & (re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE):
                raise ValueError("inline flag")
            return seq_exact(av[3])
        if op is getattr(_K, "ATOMIC_GROUP", None):
            return seq_exact(av)
        if op is _K.BRANCH:
            out = set()
            for b in av[1]:
                e = seq_exact(b)
                if e is None:
                    return None
                out |= e
            return out if len(out) <= 64 else None
        if op in repeats and av[0] == 0 and av[1] == 1:
            e = seq_exact(av[2])
            return None if e is None else e | {""}
        return None

    def seq_exact(items):
        out = {""}
        for op, av in items:
            e = exact(op, av)
            if e is None or len(out) * len(e) > 64:
                return None
            out = {a + b for a in out for b in e}
        return out

    def seq_first(items):
        """Prefixes every match of the sequence begins with ("" among them: none known)."""
        out = {""}
        for j, (op, av) in enumerate(items):
            e = exact(op, av)
            if e is not None and len(out) * len(e) <= 256:
                out = {a + b for a in out for b in e}
                if any(DIGIT in a for a in out) or all(len(a) >= 3 for a in out):
                    break   # (long enough to find few places; a digit ends what is read)
                continue
            if op in repeats and av[0] == 0:
                f = seq_first(av[2]) | seq_first(items[j + 1:])   # (the node, or what follows it)
            else:
                f = node_first(op, av)
            if f is not None and len(out) * len(f) <= 256:
                out = {a + b for a in out for b in f}
            break   # (after a node read only in part, nothing after it is known)
        return out

    def node_first(op, av):
        if op is _K.SUBPATTERN:
            if (av[1] | av[2]) & (re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE):
                raise ValueError("inline flag")
            f = seq_first(av[3])
        elif op is getattr(_K, "ATOMIC_GROUP", None):
            f = seq_first(av)
        elif op is _K.BRANCH:
            f = set()
            for b in av[1]:
                f |= seq_first(b)
        elif op in repeats and av[0] >= 1:
            f = seq_first(av[2])
        else:
            return None
        return None if "" in f else f

    try:
        found = seq_first(tree)
    except ValueError:
        return None
    if "" in found:
        return None
    # a literal ends at the first digit (a digit stands for any: `DIGIT` alone)
    out = set()
    for f in found:
        i = f.find(DIGIT)
        out.add(DIGIT if i == 0 else f if i < 0 else f[:i])
    return out


class Anchored:
    """A `regex` pattern tried only where one of its first literals stands (`firsts`): one `re` scan that skips to
    their first letters (or any digit) finds the places, in order; the pattern is matched at each. `search`,
    `finditer` and `sub` give the pattern's own answers (a match begins only where a first literal does, as `regex`
    reads it: a case-blind scan takes every case `regex` takes of a first letter, `re`'s case folding the rest);
    other methods are the pattern's. The pattern itself when no first literal is known."""

    __slots__ = ("rx", "scan", "match", "fullmatch", "pattern", "flags")

    def __init__(self, rx):
        self.rx = rx
        self.match, self.fullmatch, self.pattern, self.flags = rx.match, rx.fullmatch, rx.pattern, rx.flags   # (no lookup)
        found = firsts(rx.pattern, rx.flags) if not rx.flags & ~(regex.I | regex.U | regex.V0) else None
        if found is None:
            self.scan = None
            return
        digit = DIGIT in found
        words = sorted(w for w in found if w != DIGIT and not (digit and w[0].isdigit()))   # (`19`: a digit's place)
        if not words:
            self.scan = re.compile(r"\d").search   # (only digits open a match)
            return
        head = _case_blind_head(words) if rx.flags & regex.I else _trie(words, "", re.escape)
        self.scan = re.compile(r"\d|" + head if digit else head).search

    def search(self, s: str, pos: int = 0, endpos: int | None = None):
        if self.scan is None:
            return self.rx.search(s, pos, endpos)
        end = len(s) if endpos is None else endpos
        return first_match_at(self.scan, self.rx.match, s, pos, end)

    def finditer(self, s: str, pos: int = 0, endpos: int | None = None):
        if self.scan is None:
            yield from self.rx.finditer(s, pos, endpos)
            return
        end = len(s) if endpos is None else endpos
        yield from _matches_at(self.scan, self.rx.match, s, pos, end)

    def sub(self, repl, s: str, *args, **kwargs):
        if self.scan is None or args or kwargs or type(repl) is not str or "\\" in repl:
            return self.rx.sub(repl, s, *args, **kwargs)
        scan, match = self.scan, self.rx.match
        out, at = [], 0
        c = scan(s)
        while c is not None:
            p = c.start()
            m = match(s, p)
            if m is None:
                c = scan(s, p + 1)
                continue
            if m.end() == p:
                return self.rx.sub(repl, s)   # (an empty match: `regex`'s own rules for what follows it)
            out += (s[at:p], repl)
            at = m.end()
            c = scan(s, at)
        return s if not out else "".join(out) + s[at:]

    def __getattr__(self, name):
        return getattr(self.rx, name)


class FirstWords:
    """`may(s)` is False only when no phrase can match `s` case-blind: none of their first words,
    lower-cased, stands in `s.lower()` (always True when `s` holds a character `str.lower` folds
    otherwise than `regex`: `odd_cases`)."""

    __slots__ = ("words", "odd")

    def __init__(self, phrases):
        firsts = {str(p).split()[0] for p in phrases if str(p).split()}
        self.words = tuple(sorted({w.lower() for w in firsts}))
        self.odd = odd_cases(firsts)

    def may(self, s: str) -> bool:
        for o in self.odd:
            if o in s:
                return True
        low = s.lower()
        for w in self.words:
            if w in low:
                return True
        return False


# The characters `str.lower` does not map one to one: `İ` becomes two, `Σ` reads what stands around it.
_CASE_SHIFTERS = "İΣ"


class LastWords:
    """`may(s)` is False only when `alternation(phrases) + r"\\s*$"`, case-blind, cannot match `s`: `s`
    without its end blanks, lower-cased, ends with no phrase's last word (always True when that end holds a
    character `str.lower` folds otherwise than `regex`, or lower-casing changes its length)."""

    __slots__ = ("lasts", "odd", "by_end", "reach")

    def __init__(self, phrases):
        self.lasts = tuple(sorted({str(p).split()[-1].lower() for p in phrases if str(p).split()}))
        self.odd = tuple(sorted(set(odd_cases(phrases)).union(_CASE_SHIFTERS)))
        self.reach = max(map(len, self.lasts), default=1)
        self.by_end: dict = {}   # the last letter of a last word -> those last words
        for w in self.lasts:
            self.by_end[w[-1]] = self.by_end.get(w[-1], ()) + (w,)

    def may(self, s: str) -> bool:
        # Only the end a last word can cover is read (a case-blind match of one lies in it): with none of
        # `odd` there, `str.lower` maps each of its characters to one, as in the whole text lower-cased.
        end = s.rstrip()[-self.reach:]   # (`str.isspace` holds every `\s` of `regex`)
        for o in self.odd:
            if o in end:
                return True
        low = end.lower()
        lasts = self.by_end.get(low[-1]) if low else None
        return lasts is not None and low.endswith(lasts)


class PhraseGroups:
    """Which of several phrase lists (name -> phrases) `alternation(phrases)`, case-insensitive, matches
    somewhere in a text: `PhraseSet.found` for every list from one Aho-Corasick pass. `found` says
    None (cannot tell) for the texts `PhraseSet.found` cannot tell about."""

    __slots__ = ("ac", "odd")

    def __init__(self, groups: dict):
        self.ac = ahocorasick.Automaton()
        keys: dict = {}
        for name, phrases in groups.items():
            for p in (str(p) for p in phrases):
                if p.strip():
                    keys.setdefault(" ".join(p.split()).lower(), []).append((name, p[0].isalnum(), p[-1].isalnum()))
        for key, entries in keys.items():
            self.ac.add_word(key, (len(key), tuple(entries)))
        self.ac.make_automaton()
        self.odd = odd_cases([str(p) for phrases in groups.values() for p in phrases])

    def found(self, s: str):
        """The names of the lists one of whose phrases matches in `s` (a set); None: cannot tell."""
        low = _folded(s, self.odd)
        if low is None:
            return None
        n, out, known = len(low), set(), _WORD_CHARS
        for end, (size, entries) in self.ac.iter(low):
            start = end - size + 1
            # (the table read inline: most hits are a cue inside a longer word, `ước` in `nước`)
            word_before = start > 0 and known[low[start - 1]]
            word_after = end + 1 < n and known[low[end + 1]]
            for name, lead, tail in entries:
                if not (lead and word_before or tail and word_after):
                    out.add(name)
        return out

    def slices(self, text: str, a: int, b: int):
        """`found` for the slices of `text[a:b]`, from one pass over it (`SliceHits`); None when the pass
        cannot stand in for theirs: `found` cannot tell, or reads it squeezed (a double space), or
        lower-casing a letter depends on what follows it (`Σ`)."""
        s = text[a:b]
        if "  " in s or "Σ" in s:
            return None
        low = _folded(s, self.odd)
        if low is None or len(low) != len(s):
            return None
        n, known = len(low), _WORD_CHARS
        valid, by_start, by_end = [], {}, {}
        for end, (size, entries) in self.ac.iter(low):
            start = end - size + 1
            word_before = start > 0 and known[low[start - 1]]
            word_after = end + 1 < n and known[low[end + 1]]
            hit = (a + start, a + end + 1, word_before, word_after, entries)
            if any(not (lead and word_before or tail and word_after) for _, lead, tail in entries):
                valid.append(hit)   # (most hits are a cue inside a longer word: counted only at a slice's edge)
            by_start.setdefault(a + start, []).append(hit)
            by_end.setdefault(a + end + 1, []).append(hit)
        return SliceHits(a, b, valid, by_start, by_end)


class SliceHits:
    """`PhraseGroups.found(text[a:b])` for slices of one text read once (`PhraseGroups.slices`): a hit inside
    the slice counts as that pass would count it, its word boundary at the slice's edge being the edge."""

    __slots__ = ("a", "b", "valid", "by_start", "by_end")

    def __init__(self, a, b, valid, by_start, by_end):
        self.a, self.b, self.valid, self.by_start, self.by_end = a, b, valid, by_start, by_end

    def found(self, a: int, b: int):
        """The names `found(text[a:b])` gives; None when [a, b) is not within the text read."""
        if a < self.a or b > self.b or a > b:
            return None
        out = set()
        for hits in (self.valid, self.by_start.get(a, ()), self.by_end.get(b, ())):
            for start, end, word_before, word_after, entries in hits:
                if start < a or end > b:
                    continue
                word_before = word_before and start > a
                word_after = word_after and end < b
                for name, lead, tail in entries:
                    if not (lead and word_before or tail and word_after):
                        out.add(name)
        return out


def holds_any(s: str, parts) -> bool:
    """One of `parts` stands in `s` (a loop, not `any` over a generator: asked for most figures)."""
    for o in parts:
        if o in s:
            return True
    return False


def _folded(s: str, odd) -> str | None:
    """`s` lower-cased with its runs of spaces as one, which the phrase automata read; None when that does not
    stand in for `s`: a blank other than the space, or a letter lower-casing folds otherwise than `regex` (`odd`)."""
    if not s.isprintable():
        return None
    for o in odd:   # (a loop, not `any`: called for most figures by several stages)
        if o in s:
            return None
    low = s.lower()
    while "  " in low:
        low = low.replace("  ", " ")
    return low


class PhraseSet:
    """Whether `patternbook.alternation(phrases)`, case-insensitive, matches somewhere in a text:
    one Aho-Corasick pass over the text lower-cased, then the word-boundary test at each hit.
    Exact for a text whose only blank is the space and that holds no character lower-casing
    folds otherwise than `regex` does (`odd`); `found` says None for any other text."""

    __slots__ = ("ac", "odd", "one_group", "longest", "opening")

    def __init__(self, phrases):
        self.ac = ahocorasick.Automaton()
        phrases = {str(p) for p in phrases if str(p).strip()}
        for p in phrases:
            key = " ".join(p.split()).lower()
            self.ac.add_word(key, (len(key), p[0].isalnum(), p[-1].isalnum()))
        self.ac.make_automaton()
        self.longest = max((len(" ".join(p.split())) for p in phrases), default=0)
        self.opening: dict = {}   # the first two characters of a phrase (its one if it has one) -> phrases
        for p in phrases:
            key = " ".join(p.split()).lower()
            self.opening.setdefault(key[:2], []).append((key, p[0].isalnum(), p[-1].isalnum()))
        # all phrases in one group of the alternation (word boundary at both ends): at the
        # leftmost start the longest phrase wins, as the trie tries longer continuations first
        self.one_group = all(p[0].isalnum() and p[-1].isalnum() for p in phrases)
        self.odd = odd_cases(phrases)

    def _odd_in(self, s: str) -> bool:
        return holds_any(s, self.odd)

    def _plain(self, s: str) -> bool:
        """The lower-cased text stands in for `s` exactly: single spaces its only blanks, no odd letter."""
        return "  " not in s and s.isprintable() and not self._odd_in(s)

    def found(self, s: str) -> bool | None:
        low = _folded(s, self.odd)
        if low is None:
            return None
        n = len(low)
        for end, (size, lead, tail) in self.ac.iter(low):
            start = end - size + 1
            if lead and start > 0 and is_word_char(low[start - 1]):
                continue
            if tail and end + 1 < n and is_word_char(low[end + 1]):
                continue
            return True
        return False

    def first(self, s: str):
        """(start, end) of the match `regex.search` finds in `s` (leftmost, then longest), None when
        there is none, False when this cannot tell (see the class; nor a double blank)."""
        if not self.one_group or not self._plain(s):
            return False
        low = s.lower()
        n, best = len(low), None
        for end, (size, lead, tail) in self.ac.iter(low):
            start = end - size + 1
            if best is not None and start > best[0]:
                continue
            if lead and start > 0 and is_word_char(low[start - 1]):
                continue
            if tail and end + 1 < n and is_word_char(low[end + 1]):
                continue
            if best is None or start < best[0] or end + 1 > best[1]:
                best = (start, end + 1)
        return best

    def covers(self, s: str) -> bool | None:
        """Whether one phrase is the whole of `s` (`fullmatch`); None: cannot tell."""
        if not self._plain(s):
            return None
        low = s.lower()
        return self.ac.get(low, None) is not None

    def before_blanks(self, s: str):
        """The spans `finditer` gives for the alternation followed by `\\s+` (each phrase with the
        blank after it), None when this cannot tell: at each start the longest phrase a blank
        follows wins, and the scan goes on after that blank."""
        if not self.one_group or not self._plain(s):
            return None
        low = s.lower()
        n, ends = len(low), {}
        for end, (size, lead, tail) in self.ac.iter(low):
            start = end - size + 1
            if end + 1 >= n or low[end + 1] != " " or lead and start > 0 and is_word_char(low[start - 1]):
                continue
            if ends.get(start, -1) < end + 2:
                ends[start] = end + 2
        return _leftmost_longest(ends) if ends else []   # (most texts: no hit, nothing to sort)

    def spans(self, s: str):
        """The spans `finditer` gives for the alternation as whole words, None when this cannot tell:
        at the leftmost start the longest phrase, then on after it."""
        if not self.one_group or not self._plain(s):
            return None
        low = s.lower()
        n = len(low)
        if n != len(s):
            return None
        longest: dict = {}
        for end, (size, _, _) in self.ac.iter(low):
            start = end - size + 1
            if start > 0 and is_word_char(low[start - 1]) or end + 1 < n and is_word_char(low[end + 1]):
                continue
            if longest.get(start, 0) <= end:
                longest[start] = end + 1
        return _leftmost_longest(longest) if longest else []

    def at(self, s: str, pos: int = 0) -> bool | None:
        """Whether the alternation matches at `pos` of `s` (`match(s, pos)`); None: cannot tell.
        Reads only the characters a match there can touch, however long `s` is."""
        w0 = pos - 1 if pos > 0 else 0
        win = s[w0:pos + self.longest + 1]
        if not self._plain(win):
            return None
        low = win.lower()
        n, p = len(low), pos - w0
        if p >= n:
            return False
        lead_ok = p == 0 or not is_word_char(low[p - 1])
        for opening in (low[p:p + 2], low[p]) if p + 1 < n else (low[p],):
            for key, lead, tail in self.opening.get(opening, ()):
                if lead and not lead_ok or not low.startswith(key, p):
                    continue
                end = p + len(key)
                if tail and end < n and is_word_char(low[end]):
                    continue
                return True
        return False


def _leftmost_longest(end_at: dict) -> list:
    """`finditer`'s choice among overlapping matches, given the furthest end at each start: the
    leftmost start wins, and the scan goes on after its end."""
    spans, pos = [], 0
    for start in sorted(end_at):
        if start >= pos:
            pos = end_at[start]
            spans.append((start, pos))
    return spans


class CharClass(dict):
    """`chars[c]`: whether the one character `c` is in the `regex` class `pattern` (`\\s`, `\\p{Lu}`), the
    pattern's own answer kept per character (after the first time, a dict lookup: no Python call)."""

    __slots__ = ("match",)

    def __init__(self, pattern: str):
        super().__init__()
        self.match = regex.compile(pattern).match

    def __missing__(self, c: str) -> bool:
        found = self[c] = self.match(c) is not None
        return found


_WORD_CHARS = CharClass(r"\w")   # `regex`'s `\w`, per character (lower-casing keeps it)


def is_word_char(c: str) -> bool:
    """`regex`'s `\\w` for one character (checked for every character: a table lookup)."""
    return _WORD_CHARS[c]
