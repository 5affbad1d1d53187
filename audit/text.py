"""Spanish text helpers: offset-preserving accent/case folding, tokens, lemmas, sentences."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import chain
from operator import itemgetter

import ahocorasick

# Build a 1:1 folding table so offsets in folded text map straight back to the original.
_FOLD: dict[int, str] = {}
for _cp in range(0x00C0, 0x0250):
    _ch = chr(_cp)
    _base = unicodedata.normalize("NFD", _ch)[0]
    if _base != _ch and len(_base) == 1 and _base.isascii():
        _FOLD[_cp] = _base.lower()
_FOLD.update({ord("ß"): "s", 0x2019: "'", 0x2018: "'", 0x00A0: " ", 0x201C: '"', 0x201D: '"'})


# Spanish text's own accented letters, replaced one by one (str.replace runs in C); str.translate with a dict looks
# every character up in Python objects, 9x slower on a page of prose (benchmarks/audit_speed.py).
_COMMON = tuple((chr(cp), fold_to) for cp, fold_to in _FOLD.items() if chr(cp) in "áéíóúñü")


def fold(text: str) -> str:
    """Lower-case and strip accents, keeping the length (and so every offset) unchanged."""
    out = text.lower()
    if out.isascii() and len(out) == len(text):
        return out
    for accented, plain in _COMMON:
        if accented in out:
            out = out.replace(accented, plain)
    if not out.isascii():
        out = out.translate(_FOLD)
    if len(out) != len(text):  # a few characters change length when lower-cased (İ); keep offsets exact
        out = "".join((c.lower().translate(_FOLD) or c)[0] for c in text)
    return out


TOKEN_RE = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Word and number tokens with their offsets."""
    return [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


@lru_cache(maxsize=4096)
def is_spanish_word(word: str) -> bool:
    """Whether a lower-case word is in simplemma's Spanish vocabulary ('rosa', 'cruz', 'leal': yes; 'sheinbaum': no)."""
    import simplemma  # imported at first use (its rules for every language: 30 ms), not by every command

    return simplemma.is_known(word, lang="es")


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Lemma of a lower-case Spanish word (simplemma, offline)."""
    import simplemma

    return fold(simplemma.lemmatize(word, lang="es"))


_SENTENCE_END = re.compile(r"(?<=[.!?;…])\s+(?=[\"'«¿¡(]?[A-ZÁÉÍÓÚÑ0-9])|\n{2,}|\s*[|•·]\s+(?!(19|20)\d\d\s*[-–]\s*(19|20)\d\d\b)")
_ABBREVIATION = re.compile(r"(?:^|\s)(lic|licda?|dra?|mtr[oa]|ing|sra?|srta|c|av|col|no|n[uú]m|tel|ext|prof|profa|arq|gral|mtro|dip|sen|pdte|pte|[A-ZÁÉÍÓÚÑ])\.$", re.I)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) inside a block of text; 'Lic. Ortega' does not end a sentence."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[max(0, m.start() - 8):m.start()]):
            continue
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def squash(text: str) -> str:
    """Collapse runs of white space."""
    return " ".join(text.split())


def snippet(text: str, start: int, end: int, width: int = 90) -> str:
    """The match in its context, marked with ⟦ ⟧, bounded in size."""
    a, b = max(0, start - width), min(len(text), end + width)
    head = ("…" if a > 0 else "") + text[a:start]
    tail = text[end:b] + ("…" if b < len(text) else "")
    return squash(head) + " ⟦" + squash(text[start:end]) + "⟧ " + squash(tail)


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


FIXED_TEXTS = 64  # the most texts a run of fixed items may stand for (a product of alternations grows fast)


def required_sets(pattern: str, flags: int = 0) -> list[frozenset[str]]:
    """Sets of strings such that every match of `pattern` contains one string of each set (the best first: the one
    whose shortest string is longest); [] when none is known.

    Read from the stdlib's own parse of the pattern: a run of items that match a few fixed texts (literal
    characters, small alternations and optional parts of them: '(ya|hoy) (son|hay)') requires one of those texts
    (zero-width assertions such as \\b and lookbehinds do not break a run); a group or a repeat of at least one
    contributes the strings its content requires; an alternation requires one of its branches' strings.
    Case-insensitive patterns get [].
    """
    from re import _constants as c
    from re import _parser

    def key(candidate: frozenset[str]) -> int:
        return min(map(len, candidate))

    def fixed(items) -> set[str] | None:
        """Every text `items` can match, when they match a few fixed texts only ('(ya|hoy) (son|hay)': four), else
        None."""
        out = {""}
        for op, av in items:
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue  # zero-width: it changes no text
            if op is c.LITERAL:
                texts = {chr(av)}
            elif op is c.IN and all(iop is c.LITERAL for iop, _ in av) and len(av) <= 8:
                texts = {chr(iav) for _, iav in av}
            elif op is c.SUBPATTERN and not av[1] & re.IGNORECASE:
                texts = fixed(av[-1])
            elif op is c.BRANCH:
                branches = [fixed(b) for b in av[1]]
                texts = None if None in branches else set().union(*branches)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] in (0, 1) and av[1] == 1:
                texts = fixed(av[2])
                if texts is not None and av[0] == 0:
                    texts = texts | {""}
            else:
                return None
            if texts is None or len(out) * len(texts) > FIXED_TEXTS:
                return None
            out = {a + b for a in out for b in texts}
        return out

    def sequence(items) -> list[frozenset[str]]:
        required: list[frozenset[str]] = []
        span = {""}  # the fixed texts the items read so far can be, since the last item that is not fixed

        def flush() -> None:
            nonlocal span
            if "" not in span:
                required.append(frozenset(span))
            span = {""}

        for op, av in items:
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue  # zero-width: the characters around it are still adjacent in the match
            texts = fixed([(op, av)])
            if texts is not None and len(span) * len(texts) <= FIXED_TEXTS:
                span = {a + b for a in span for b in texts}
                continue
            flush()
            if texts is not None:
                span = texts
            elif op is c.SUBPATTERN and not av[1] & re.IGNORECASE:
                required.extend(sequence(av[-1]))
            elif op is c.ATOMIC_GROUP:
                required.extend(sequence(av))
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
                required.extend(sequence(av[2]))
            elif op is c.BRANCH:
                branches = [sequence(b) for b in av[1]]
                if all(branches):  # each branch contributes its best set: one of them is in every match
                    required.append(frozenset().union(*(max(b, key=key) for b in branches)))
        flush()
        unique = list(dict.fromkeys(r for r in required if r and key(r)))
        return sorted(unique, key=lambda r: -key(r))  # stable: at equal length, the first in the pattern

    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return []
    if parsed.state.flags & re.IGNORECASE:
        return []
    return sequence(parsed.data)


COMMON_WORDS = frozenset("de del la las el los en con que por para una uno unos unas como mas sus este esta".split())
CONDITIONS = 1 << 30  # Prefilter ids from here on are further conditions of a pattern, not patterns


class Prefilter:
    """One Aho-Corasick automaton over the required strings of every pattern of a rule set: one pass over a text
    says which patterns can match in it, and only those run.

    Rule packs' alternations of dozens of phrases with lookbehinds are slow to scan with `re` (no literal prefix to
    jump to), and most page blocks contain none of their words; asking each pattern in turn costs a Python loop per
    pattern per block. Patterns register while the checks are built; the automaton is made on the first scan.
    """

    def __init__(self):
        self.count = 0  # patterns registered; ids are 0..count-1
        self.always: set[int] = set()  # patterns with no usable literal: they run on every text
        self._keys: dict[str, set[int]] = {}  # literal as found in folded text -> pattern ids (and raw checks)
        self._raw: dict[int, tuple[str, int]] = {}  # raw check id (negative) -> (exact-case literal, pattern id)
        self._conditions: dict[int, frozenset[int]] = {}  # pattern id -> the further conditions it needs found
        self._next_condition = 0
        self._automaton = None

    def add(self, literals: frozenset[str] | None, *, raw: bool = False, also: tuple[frozenset[str], ...] = ()) -> int:
        """Register a pattern whose every match contains one of `literals` (None: no such set) and one string of
        each set in `also`; its id.

        `raw` patterns read the original text, not the folded one: their literals are looked up folded, then
        checked as written in the original text (folding keeps offsets, so the folded text holds the folded form).
        """
        pattern = self.count
        self.count += 1
        self._automaton = None
        if literals is None:
            self.always.add(pattern)
        elif also and not raw:
            # Each further set is a condition of its own (an id past every pattern's): the pattern stays a candidate
            # only where all are found ('más … que han … alcanzado' needs 'que' and 'alcanzado', not one of them).
            conditions = self._conditions[pattern] = frozenset(range(CONDITIONS + self._next_condition,
                                                                     CONDITIONS + self._next_condition + len(also)))
            self._next_condition += len(also)
            for condition, strings in zip(sorted(conditions), also):
                for literal in strings:
                    self._keys.setdefault(literal, set()).add(condition)
        for literal in literals or ():
            if raw:
                check = -1 - len(self._raw)
                self._raw[check] = (literal, pattern)
                self._keys.setdefault(fold(literal), set()).add(check)
            else:
                self._keys.setdefault(literal, set()).add(pattern)
        return pattern

    def scan(self, folded: str, text: str | None = None) -> set[int]:
        """Ids of the patterns that can match: `folded` is the text folded patterns read, `text` the original (for
        exact-case patterns; without it they are left out)."""
        if self._automaton is None:
            self._automaton = ahocorasick.Automaton()
            for key, ids in self._keys.items():
                self._automaton.add_word(key, tuple(ids))
            if self._keys:
                self._automaton.make_automaton()
        found = set(self.always)
        if self._keys:
            # No Python code runs per occurrence: the automaton's values go straight into the set.
            found.update(chain.from_iterable(map(itemgetter(1), self._automaton.iter(folded))))
        for check in self._raw.keys() & found:
            literal, pattern = self._raw[check]
            if text is not None and literal in text:
                found.add(pattern)
        for pattern in self._conditions.keys() & found:
            if not found.issuperset(self._conditions[pattern]):
                found.discard(pattern)
        return found


class Prefiltered:
    """A compiled pattern that runs only on texts where the rule set's prefilter found a string its matches need."""

    def __init__(self, pattern: str, prefilter: Prefilter, flags: int = 0, *, raw: bool = False, min_length: int = 2):
        self.regex = re.compile(pattern, flags)
        sets = required_sets(pattern, flags)
        literals = sets[0] if sets else None
        if literals and min(map(len, literals)) < min_length:
            literals = None
        # Up to three further sets of strings of four characters or more narrow it down; not a set with a word that
        # is in nearly every block (' de ', ' que '): the automaton would report hundreds of them a page for nothing.
        also = tuple(x for x in sets[1:] if min(map(len, x)) >= 4 and not {w.strip() for w in x} & COMMON_WORDS
                     )[:3] if literals else ()
        if raw and literals and any("Σ" in s for s in literals):
            literals = None  # the only letter whose lower case depends on its neighbours: folding may not keep it
        self.literals = literals
        self.raw = raw  # reads the original text: exact-case terms ('PAN')
        self.prefilter = prefilter
        self.id = prefilter.add(literals, raw=raw, also=also)

    def _possible(self, found: set[int] | None, text: str) -> bool:
        if found is None:  # a text on its own, not a page block the engine scanned
            found = self.prefilter.scan(fold(text), text) if self.raw else self.prefilter.scan(text)
        return self.id in found

    def search(self, text: str, found: set[int] | None = None):
        """`found`: what the prefilter found in the block that holds `text`."""
        return self.regex.search(text) if self._possible(found, text) else None

    def finditer(self, text: str, found: set[int] | None = None):
        return self.regex.finditer(text) if self._possible(found, text) else iter(())


class PatternSet:
    """Many patterns over one text, each run only where the prefilter found a string it needs.

    A rule pack's list of regexes joined into one alternation makes `re` try every branch at every position of the
    text, with no literal to jump to; most branches cannot match a given block at all.
    """

    def __init__(self, patterns: list[str], prefilter: Prefilter, flags: int = 0, *, min_length: int = 2):
        self.patterns = {p.id: p for p in (Prefiltered(x, prefilter, flags, min_length=min_length) for x in patterns)}
        self.ids = frozenset(self.patterns)

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def candidates(self, found: set[int]) -> list:
        """The regexes that can match, in the order of the list."""
        return [self.patterns[i].regex for i in sorted(self.ids & found)]

    def matches(self, text: str, found: set[int]) -> bool:
        """Does any pattern match? Stops at the first that does."""
        return any(r.search(text) for r in self.candidates(found))

    def finditer(self, text: str, found: set[int]) -> list:
        """Matches of every pattern that can match, in order of start (patterns may overlap one another)."""
        out = []
        for r in self.candidates(found):
            out.extend(r.finditer(text))
        out.sort(key=lambda m: (m.start(), -m.end()))
        return out

    def search(self, text: str, found: set[int]):
        """The earliest match of any pattern that can match."""
        best = None
        for r in self.candidates(found):
            m = r.search(text)
            if m and (best is None or (m.start(), -m.end()) < (best.start(), -best.end())):
                best = m
        return best


def ids_of(*patterns) -> frozenset[int]:
    """The prefilter ids of Prefiltered patterns and PatternSets (None ignored): when none is in a block's found set,
    none of them can match there (a pattern with no literal is in every found set)."""
    ids: set[int] = set()
    for p in patterns:
        if isinstance(p, Prefiltered):
            ids.add(p.id)
        elif isinstance(p, PatternSet):
            ids |= p.ids
    return frozenset(ids)


def user_regex(pattern: str):
    """A pattern from the configuration (a portal's allow, deny and exception paths), compiled by RE2: it runs in
    time linear in the text whatever the pattern, so a catastrophic one ('(a+)+$', which `re` takes minutes over on
    one URL) cannot hang the crawl on the reactor's thread. Raises ValueError, saying why, for what RE2 does not
    support (backreferences, lookarounds): the configuration is refused with the file and the key."""
    import re2

    options = re2.Options()
    options.log_errors = False  # the error is raised and reported once, not also printed by the library
    try:
        return re2.compile(pattern, options=options)
    except re2.error as e:
        detail = e.args[0].decode("utf-8", "replace") if e.args and isinstance(e.args[0], bytes) else str(e)
        raise ValueError(f"bad regular expression {pattern!r} (RE2 syntax: no backreferences or lookarounds): "
                         f"{detail}") from None
