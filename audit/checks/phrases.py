"""Fixed phrases and patterns (parties, slogans, calls to vote), compiled once into word-bounded alternations."""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from blindaje.audit.checks.base import CheckType, Hit, Regex, RuleBase, Strict
from blindaje.audit.social import REPLY, quoted_spans
from blindaje.audit.text import PatternSet, Prefiltered, fold, ids_of, sentences, snippet


class Term(Strict):
    """A fixed phrase: accent- and case-folded unless exact_case."""

    text: str
    exact_case: bool = Field(False, description="Match the case as written: acronyms such as PAN ('pan' is bread)")
    kind: Literal["party", "coalition", "slogan", "brand", "other"] = Field(
        "other", description="What the phrase is. Parties and coalitions also appear in legitimate records (votes by "
        "parliamentary group, public financing), so an allowed-content exception may clear them; slogans and "
        "administration brands are never part of such a record: an exception only lowers them to review")


def _term(value: Any) -> Any:
    if isinstance(value, str):
        return {"text": value}
    if not isinstance(value, (dict, Term)):
        raise ValueError("a term is a phrase, or a mapping {text: ..., exact_case: true}")
    return value


class PhrasesVocabulary(Strict):
    """Political-electoral vocabulary: phrases and patterns, and the sentences that cancel them."""

    terms: list[Annotated[Term, BeforeValidator(_term, json_schema_input_type=str | Term)]] = Field(
        [], description="Fixed phrases (a string, or {text, exact_case})")
    patterns: list[Regex] = Field([], description="Regexes on folded text (lower case, no accents)")
    strong_patterns: list[Regex] = Field([], description="Regexes on folded text for administration brands, slogans "
                                         "and calls to vote: an allowed-content class only lowers them")
    unless: list[Regex] = Field([], description="Regexes on the folded sentence that cancel a match")


class PhrasesRule(RuleBase):
    """A rule of check type `phrases`: fixed phrases and patterns anywhere in the page's text."""

    check: Literal["phrases"]
    vocabulary: PhrasesVocabulary = PhrasesVocabulary()


def _bounded(alternatives: list[str], prefilter, *, raw: bool = False) -> Prefiltered | None:
    if not alternatives:
        return None
    return Prefiltered(r"(?<![\w#])(?:" + "|".join(alternatives) + r")(?!\w)", prefilter, raw=raw)


def _unquoted(text: str, spans_of: str | None = None) -> str:
    """The text with what stands between quotation marks blanked out (offsets kept)."""
    for a, b in quoted_spans(spans_of if spans_of is not None else text):
        text = text[:a] + " " * (b - a) + text[b:]
    return text


class PhrasesCheck:
    """Political-electoral vocabulary: a configured term or pattern anywhere in the page's text."""

    def __init__(self, rule, prefilter):
        v = rule.vocabulary
        self.rule = rule
        # Two sets, so a match says whether an allowed-content exception may clear it: weak (parties, coalitions,
        # `patterns`) or strong (slogans, brands, `strong_patterns`).
        by_length = lambda xs: sorted(set(xs), key=len, reverse=True)
        self.sets = []
        for strong in (False, True):
            folded, exact, tags = [], [], []
            for term in v.terms:
                if (term.kind in ("slogan", "brand")) != strong:
                    continue
                if term.exact_case:
                    exact.append(re.escape(term.text))
                else:
                    words = fold(term.text).split()
                    folded.append(r"\s+".join(re.escape(w) for w in words))
                    if len(words) > 1 and term.kind != "party":
                        tags.append(re.escape("".join(words)))  # the hashtag form: #PrimeroLosPobres
            patterns = v.strong_patterns if strong else v.patterns
            self.sets.append((
                _bounded(by_length(exact), prefilter, raw=True),
                _bounded(by_length(folded), prefilter),
                Prefiltered("#(?:" + "|".join(by_length(tags)) + r")(?!\w)", prefilter) if tags else None,
                PatternSet(patterns, prefilter) if patterns else None,
            ))
        self.unless = PatternSet(v.unless, prefilter) if v.unless else None
        self.ids = ids_of(*(p for patterns in self.sets for p in patterns))

    def _first(self, text: str, folded: str, found: set[int]):
        """The earliest match in the text, and whether it is strong (`found`: the prefilter's ids for its block)."""
        if self.ids.isdisjoint(found):
            return None  # most blocks: no string any pattern needs
        best = None
        for strong, (exact, plain, tags, patterns) in zip((False, True), self.sets):
            matches = []
            if exact and not text.isupper():  # in ALL-CAPS text 'PAN' may be bread: case says nothing
                matches.append(exact.search(text, found))
            for pattern in (plain, tags, patterns):
                if pattern:
                    matches.append(pattern.search(folded, found))
            for m in matches:
                if m and (best is None or m.start() < best[0].start()):
                    best = (m, strong)
        return best

    def run(self, doc, prepared) -> list[Hit]:
        hits = []
        for bi, block in enumerate(doc.blocks):
            folded_block, found = prepared.folded[bi], prepared.found[bi]
            if not self._first(block.text, folded_block, found):
                continue  # cheap block-level test before sentence splitting
            for a, b in sentences(block.text):
                text, folded = block.text[a:b], folded_block[a:b]
                if block.location == REPLY:  # a reply quoting the citizen's words: the quote is not the account's
                    text, folded = _unquoted(text), _unquoted(folded, text)
                first = self._first(text, folded, found)
                if not first or self.unless and self.unless.search(folded, found):
                    continue
                m, strong = first
                hits.append(Hit(block.kind, block.location, text[m.start():m.end()],
                                snippet(text, m.start(), m.end()), {"term": fold(m.group())}, strong=strong))
        return hits


CHECK = CheckType("phrases", PhrasesRule, lambda rule, shared: PhrasesCheck(rule, shared.prefilter))
