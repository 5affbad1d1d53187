"""Spanish text helpers: offset-preserving accent/case folding, tokens, lemmas, sentences."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import ahocorasick
import simplemma

# Build a 1:1 folding table so offsets in folded text map straight back to the original.
_FOLD: dict[int, str] = {}
for _cp in range(0x00C0, 0x0250):
    _ch = chr(_cp)
    _base = unicodedata.normalize("NFD", _ch)[0]
    if _base != _ch and len(_base) == 1 and _base.isascii():
        _FOLD[_cp] = _base.lower()
_FOLD.update({ord("ß"): "s", 0x2019: "'", 0x2018: "'", 0x00A0: " ", 0x201C: '"', 0x201D: '"'})


def fold(text: str) -> str:
    """Lower-case and strip accents, keeping the length (and so every offset) unchanged."""
    out = text.translate(_FOLD).lower()
    if len(out) != len(text):  # a few characters change length when lower-cased (İ); keep offsets exact
        out = "".join((c.translate(_FOLD).lower() or c)[0] for c in text)
    return out


TOKEN_RE = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Word and number tokens with their offsets."""
    return [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Lemma of a lower-case Spanish word (simplemma, offline)."""
    return fold(simplemma.lemmatize(word, lang="es"))


_SENTENCE_END = re.compile(r"(?<=[.!?;…])\s+(?=[\"'«¿¡(]?[A-ZÁÉÍÓÚÑ0-9])|\n{2,}|\s*[|•·]\s+")
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


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Strings of which every match of `pattern` contains at least one, or None when no such set is known.

    Read from the stdlib's own parse of the pattern: a run of literal characters in a branch is required (zero-width
    assertions such as \\b and lookbehinds do not break a run); a group or a repeat of at least one contributes the
    strings its content requires; an alternation requires one of its branches' strings. Case-insensitive patterns
    get None.
    """
    from re import _constants as c
    from re import _parser

    def sequence(items) -> frozenset[str] | None:
        best: frozenset[str] | None = None
        run: list[str] = []

        def consider(candidate: frozenset[str] | None) -> None:
            nonlocal best
            if candidate and (best is None or min(map(len, candidate)) > min(map(len, best))):
                best = candidate

        for op, av in items:
            if op is c.LITERAL:
                run.append(chr(av))
                continue
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue  # zero-width: the characters around it are still adjacent in the match
            consider(frozenset(["".join(run)]) if run else None)
            run = []
            if op is c.SUBPATTERN and not av[1] & re.IGNORECASE:
                consider(sequence(av[-1]))
            elif op is c.ATOMIC_GROUP:
                consider(sequence(av))
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
                consider(sequence(av[2]))
            elif op is c.BRANCH:
                branches = [sequence(b) for b in av[1]]
                consider(None if None in branches else frozenset().union(*branches))
        consider(frozenset(["".join(run)]) if run else None)
        return best

    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    return sequence(parsed.data)


AUTOMATON_FROM = 6  # literals; below this, plain `in` tests are faster than an automaton


class Prefiltered:
    """A compiled pattern that skips, with plain substring tests, every text lacking all the strings a match needs.

    Rule packs' alternations of dozens of phrases with lookbehinds are slow to scan with `re` (no literal prefix to
    jump to); most page blocks contain none of their words, and `in` finds that out at C speed.
    """

    def __init__(self, pattern: str, flags: int = 0, *, min_length: int = 2):
        self.regex = re.compile(pattern, flags)
        literals = required_literals(pattern, flags)
        self.literals = literals if literals and min(map(len, literals)) >= min_length else None
        self._automaton = None
        if self.literals and len(self.literals) > AUTOMATON_FROM:
            # Many literals (an alternation of dozens of phrases): one Aho-Corasick pass instead of one `in` each.
            self._automaton = ahocorasick.Automaton()
            for literal in self.literals:
                self._automaton.add_word(literal, None)
            self._automaton.make_automaton()

    def possible(self, text: str) -> bool:
        if self.literals is None:
            return True
        if self._automaton is not None:
            return next(self._automaton.iter(text), None) is not None
        return any(s in text for s in self.literals)

    def search(self, text: str):
        return self.regex.search(text) if self.possible(text) else None

    def finditer(self, text: str):
        return self.regex.finditer(text) if self.possible(text) else iter(())


class PatternSet:
    """Many patterns over one text: one Aho-Corasick pass over every pattern's required strings says which patterns
    can match, and only those run.

    A rule pack's list of regexes joined into one alternation makes `re` try every branch at every position of the
    text, with no literal to jump to; most branches cannot match a given block at all.
    """

    def __init__(self, patterns: list[str], flags: int = 0, *, min_length: int = 2):
        self.regexes = [re.compile(p, flags) for p in patterns]
        self.always: list[int] = []  # patterns with no usable literal: they run on every text
        self._automaton = ahocorasick.Automaton()
        by_literal: dict[str, set[int]] = {}
        for i, pattern in enumerate(patterns):
            literals = required_literals(pattern, flags)
            if not literals or min(map(len, literals)) < min_length:
                self.always.append(i)
                continue
            for literal in literals:
                by_literal.setdefault(literal, set()).add(i)
        for literal, indices in by_literal.items():
            self._automaton.add_word(literal, tuple(indices))
        self._empty = not by_literal
        if by_literal:
            self._automaton.make_automaton()

    def __bool__(self) -> bool:
        return bool(self.regexes)

    def candidates(self, text: str) -> set[int]:
        found = set(self.always)
        if not self._empty:
            for _, indices in self._automaton.iter(text):
                found.update(indices)
        return found

    def possible(self, text: str) -> bool:
        return bool(self.always) or (not self._empty and next(self._automaton.iter(text), None) is not None)

    def matches(self, text: str) -> bool:
        """Does any pattern match? Stops at the first that does."""
        return any(self.regexes[i].search(text) for i in self.candidates(text))

    def finditer(self, text: str) -> list:
        """Matches of every pattern that can match, in order of start (patterns may overlap one another)."""
        out = []
        for i in sorted(self.candidates(text)):
            out.extend(self.regexes[i].finditer(text))
        out.sort(key=lambda m: (m.start(), -m.end()))
        return out

    def search(self, text: str):
        """The earliest match of any pattern that can match."""
        best = None
        for i in self.candidates(text):
            m = self.regexes[i].search(text)
            if m and (best is None or (m.start(), -m.end()) < (best.start(), -best.end())):
                best = m
        return best
