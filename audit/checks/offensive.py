"""Offensive replies: insults, mockery and partisan epithets in an official account's replies to citizens (R13)."""
from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from blindaje.audit.checks.base import CheckType, Hit, Regex, RuleBase, Strict
from blindaje.audit.social import REPLY as REPLY_LOCATION, quoted_spans
from blindaje.audit.text import sentences, snippet


class OffensiveVocabulary(Strict):
    """Epithets and insults (regexes on folded text, word-bounded by the check), and the cues of reported speech."""

    partisan: list[Regex] = Field([], description="Partisan epithets: offensive, and high severity in a blackout")
    insults: list[Regex] = Field([], description="Insults and slurs aimed at the person replied to")
    mockery: list[Regex] = Field([], description="Mockery and contempt (laughing at a complaint, 'ardido')")
    conditional: list[Regex] = Field([], description="Words offensive only when aimed at someone ('conservadores'): "
                                     "they count when a cue of `aimed` is in the same sentence")
    aimed: list[Regex] = Field([], description="Cues that a conditional word is aimed at the interlocutor or a camp")
    reported: list[Regex] = Field([], description="Cues of reported speech ('usted dice', 'nos llamó'): what follows, "
                                  "to the end of the clause, is the citizen's word quoted, not the account's")
    unless: list[Regex] = Field([], description="Regexes on the folded sentence that cancel a match")


class OffensiveRule(RuleBase):
    """A rule of check type `offensive`: the account's replies to citizens, for insults, mockery and epithets."""

    check: Literal["offensive"]
    vocabulary: OffensiveVocabulary = OffensiveVocabulary()


def _words(patterns: list[str]) -> re.Pattern | None:
    return re.compile(r"(?<![\w@#])(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?!\w)") if patterns else None


class OffensiveCheck:
    """Insults, mockery or partisan epithets in a reply by the account to a citizen."""

    def __init__(self, rule):
        v = rule.vocabulary
        self.rule = rule
        self.kinds = [(name, _words(getattr(v, name))) for name in ("partisan", "insults", "mockery", "conditional")]
        self.aimed = _words(v.aimed)
        self.reported = re.compile("|".join(f"(?:{p})" for p in v.reported)) if v.reported else None
        self.unless = re.compile("|".join(f"(?:{p})" for p in v.unless)) if v.unless else None

    def _quoted(self, text: str, folded: str) -> list[tuple[int, int]]:
        """Spans that quote someone else: between quotation marks, or after a reporting cue to the clause's end."""
        spans = quoted_spans(text)
        if self.reported:
            for m in self.reported.finditer(folded):
                end = re.search(r"[.;:!?¡¿]|\s(?:pero|sin embargo|le informamos|le pedimos|le invitamos)\s", folded[m.end():])
                spans.append((m.start(), m.end() + (end.start() if end else len(folded) - m.end())))
        return spans

    def run(self, doc, prepared) -> list[Hit]:
        hits = []
        for bi, block in enumerate(doc.blocks):
            if block.location != REPLY_LOCATION:
                continue  # only the account's replies to someone else: posts and threads are other rules' matter
            folded_block = prepared.folded[bi]
            for a, b in sentences(block.text):
                text, folded = block.text[a:b], folded_block[a:b]
                if self.unless and self.unless.search(folded):
                    continue
                quoted = self._quoted(text, folded)
                found = []
                for kind, pattern in self.kinds:
                    if pattern is None:
                        continue
                    for m in pattern.finditer(folded):
                        if any(s <= m.start() < e for s, e in quoted):
                            continue  # the citizen's own word, quoted back courteously
                        if kind == "conditional" and not (self.aimed and self.aimed.search(folded)):
                            continue
                        found.append((kind, m))
                if not found:
                    continue
                kinds = {k for k, _ in found}
                partisan = "partisan" in kinds or "conditional" in kinds
                kind, m = min(found, key=lambda f: f[1].start())
                hits.append(Hit(block.kind, block.location, text[m.start():m.end()],
                                snippet(text, m.start(), m.end()),
                                {"kinds": sorted(kinds), "partisan": partisan},
                                strong=True, severity="high" if partisan else None))
        return hits


CHECK = CheckType("offensive", OffensiveRule, lambda rule, shared: OffensiveCheck(rule))
