"""Fixed phrases and patterns (parties, slogans, calls to vote), compiled once into word-bounded alternations."""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from blindaje.audit.checks.base import CheckType, Hit, Regex, RuleBase, Strict
from blindaje.audit.text import Prefiltered, fold, sentences, snippet


class Term(Strict):
    """A fixed phrase: accent- and case-folded unless exact_case."""

    text: str
    exact_case: bool = Field(False, description="Match the case as written: acronyms such as PAN ('pan' is bread)")


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
    unless: list[Regex] = Field([], description="Regexes on the folded sentence that cancel a match")


class PhrasesRule(RuleBase):
    """A rule of check type `phrases`: fixed phrases and patterns anywhere in the page's text."""

    check: Literal["phrases"]
    vocabulary: PhrasesVocabulary = PhrasesVocabulary()


def _bounded(alternatives: list[str], flags: int = 0) -> Prefiltered | None:
    if not alternatives:
        return None
    return Prefiltered(r"(?<![\w#])(?:" + "|".join(alternatives) + r")(?!\w)", flags)


class PhrasesCheck:
    """Political-electoral vocabulary: a configured term or pattern anywhere in the page's text."""

    def __init__(self, rule):
        v = rule.vocabulary
        self.rule = rule
        folded, exact = [], []
        for term in v.terms:
            if term.exact_case:
                exact.append(re.escape(term.text))
            else:
                folded.append(r"\s+".join(re.escape(w) for w in fold(term.text).split()))
        by_length = lambda xs: sorted(xs, key=len, reverse=True)
        self.folded = _bounded(by_length(folded))
        self.exact = _bounded(by_length(exact))
        self.patterns = Prefiltered("|".join(f"(?:{p})" for p in v.patterns)) if v.patterns else None
        self.unless = Prefiltered("|".join(f"(?:{p})" for p in v.unless)) if v.unless else None

    def _first(self, text: str, folded: str):
        found = []
        if self.exact and not text.isupper():  # in ALL-CAPS text 'PAN' may be bread: case says nothing
            found += [m for m in [self.exact.search(text)] if m]
        if self.folded:
            found += [m for m in [self.folded.search(folded)] if m]
        if self.patterns:
            found += [m for m in [self.patterns.search(folded)] if m]
        return min(found, key=lambda m: m.start()) if found else None

    def run(self, doc, prepared) -> list[Hit]:
        hits = []
        for bi, block in enumerate(doc.blocks):
            folded_block = prepared.folded[bi]
            if not self._first(block.text, folded_block):
                continue  # cheap block-level test before sentence splitting
            for a, b in sentences(block.text):
                text, folded = block.text[a:b], folded_block[a:b]
                m = self._first(text, folded)
                if not m or self.unless and self.unless.search(folded):
                    continue
                hits.append(Hit(block.kind, block.location, text[m.start():m.end()],
                                snippet(text, m.start(), m.end()), {"term": fold(m.group())}))
        return hits


CHECK = CheckType("phrases", PhrasesRule, lambda rule, shared: PhrasesCheck(rule))
