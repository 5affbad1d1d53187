"""Achievement language: inflected boast verbs, intensifiers, attributions and figures, combined per sentence."""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Literal

from pydantic import Field

from blindaje.audit.checks.base import HEADLINE_PLACES, CheckType, Hit, Regex, RuleBase, Strict
from blindaje.audit.text import TOKEN_RE, PatternSet, Prefiltered, fold, ids_of, lemma, sentences, snippet

WORDS = re.compile(r"[^\W\d_]{4,}")
UNITS = {"pesos", "peso", "dolares", "mensuales", "bimestrales", "anuales", "diarios", "horas", "dias", "anos", "meses",
         "semanas", "minutos", "por", "de"}  # '1,900 pesos destinados': an amount, not a count of things done
CREDIT = re.compile(r"\bgracias a(?:l| la| el| los| las)?(?: [a-z]+){0,2} ?$")
PARTICIPLE = re.compile(r"(ad|id)(o|a|os|as)$")
WE = ("amos", "emos", "imos")
PAST3 = ("aron", "ieron", "eron", "io")
ANNOUNCING = ("sera", "seran", "es", "son", "esta", "estan")
DETERMINERS = ("la", "el", "los", "las", "un", "una", "su", "sus", "esta", "este", "cada", "nuestra", "nuestro")


class AchievementVocabulary(Strict):
    """Boast verbs and the signals that make them a boast within one sentence. Regexes run on folded text."""

    verbs: list[str] = Field([], description="Infinitives, matched in any person and tense")
    weak_verbs: list[str] = Field(
        [], description="Infinitives that count only with credit, a figure or an intensifier")
    auxiliaries: list[str] = Field([], description="Words before a participle that make it passive or perfect")
    strong: list[Regex] = Field([], description="Regexes that suffice alone")
    intensifiers: list[Regex] = Field([], description="Regexes for boasts such as 'histórico', 'por primera vez'")
    actors: list[str] = Field([], description="Words naming a government actor")
    numbers: list[Regex] = Field([], description="Regexes for beneficiary counts and money")
    events: list[Regex] = Field([], description="Regexes for achievement events named as nouns (banderazo…)")
    unless: list[Regex] = Field([], description="Regexes on the folded sentence that cancel a match")
    unless_weak: list[Regex] = Field(
        [], description="Regexes on the folded sentence that cancel a match without a strong pattern in it "
                        "(requirements: 'presente su solicitud en la ventanilla')")


class AchievementRule(RuleBase):
    """A rule of check type `achievement`: government achievements and boasts, sentence by sentence."""

    check: Literal["achievement"]
    vocabulary: AchievementVocabulary = AchievementVocabulary()


def _alternation(patterns: list[str], prefilter) -> Prefiltered | None:
    return Prefiltered("|".join(f"(?:{p})" for p in patterns), prefilter) if patterns else None


EVIDENCE_CHARS = 300


def _clause(text: str, start: int, end: int) -> str:
    """The sentence around a match, cut to EVIDENCE_CHARS around it when longer."""
    sentence = " ".join(text.split())
    if len(sentence) <= EVIDENCE_CHARS:
        return sentence
    middle = (start + end) // 2
    a = max(0, min(middle - EVIDENCE_CHARS // 2, len(text) - EVIDENCE_CHARS))
    return ("…" if a else "") + " ".join(text[a:a + EVIDENCE_CHARS].split()) + ("…" if a + EVIDENCE_CHARS < len(text) else "")


class AchievementCheck:
    """Government achievements: who did what, boasted, credited or counted, within one sentence."""

    def __init__(self, rule, prefilter):
        v = rule.vocabulary
        self.rule = rule
        self.weak = {fold(x) for x in v.weak_verbs}
        self.verbs = {fold(x) for x in v.verbs} | self.weak
        self.aux = {fold(x) for x in v.auxiliaries}
        self._verbs_seen: dict[tuple[str, str], str | None] = {}
        # The block gate's memory of lower-case tokens, as sets: a block's tokens are checked against them in C, and
        # only tokens never seen before are read.
        self._gate_seen: set[str] = set()
        self._gate_verbs: set[str] = set()
        self.strong = PatternSet(v.strong, prefilter)
        self.intensifiers = PatternSet(v.intensifiers, prefilter)
        self.numbers = PatternSet(v.numbers, prefilter)
        self.events = PatternSet(v.events, prefilter)
        self.unless = PatternSet(v.unless, prefilter)
        self.unless_weak = PatternSet(v.unless_weak, prefilter)
        self.actors = _alternation([r"\b" + re.escape(fold(a)) + r"\b" for a in v.actors], prefilter)
        self.gate_ids = ids_of(self.strong, self.intensifiers, self.events)

    def _verb(self, word: str, folded: str) -> str | None:
        """The achievement verb this token is a form of, if any (remembered: a page repeats its words)."""
        key = (word, folded)
        if key not in self._verbs_seen:
            if len(self._verbs_seen) > 200_000:
                self._verbs_seen.clear()
            self._verbs_seen[key] = self._verb_of(word, folded)
        return self._verbs_seen[key]

    def _any_verb(self, text: str) -> bool:
        """Does the text hold a form of an achievement verb (a lower-case word of four letters or more)?

        Read by whitespace-separated tokens ('inauguró,' and 'obra-puente' as they stand): a page's tokens repeat,
        each is looked at once (its words, as WORDS finds them, lemmatised), then a block is a set operation in C.
        Letters never span white space, so a block's words are those of its tokens."""
        tokens = set(text.lower().split())  # accented: see _verb_of
        if len(self._gate_seen) > 200_000:  # bounded: a hostile site of made-up words must not fill memory
            self._gate_seen.clear()
            self._gate_verbs.clear()
        new = tokens - self._gate_seen
        if new:
            self._gate_seen |= new
            self._gate_verbs.update(t for t in new if any(self._verb(w, w) for w in WORDS.findall(t)))
        return not self._gate_verbs.isdisjoint(tokens)

    def _verb_of(self, word: str, folded: str) -> str | None:
        # Lemmatise the accented word: folded first, 'destinó' would read as the noun 'destino'.
        lem = lemma(word.lower())
        if lem in self.verbs:
            return lem
        m = PARTICIPLE.search(folded)
        if m:
            stem = folded[: m.start()]
            for ending in (("ar",) if m.group(1) == "ad" else ("er", "ir")):
                if stem + ending in self.verbs:
                    return stem + ending
        return None

    def _form(self, word: str, folded: str, prev: list[str], first: bool, next_word: str, headline: bool) -> str | None:
        """'we', 'past', 'passive', 'present' (or future) or None (infinitive, imperative, noun use)."""
        if folded.endswith(WE):
            return "we"
        if PARTICIPLE.search(folded):
            aux = next((p for p in reversed(prev[-3:]) if p in self.aux), None)
            if aux is None:
                # '200 pozos rehabilitados', '3 mil apoyos entregados': a count of things done, a headline's passive.
                counted = prev[-2:-1] and prev[-2][:1].isdigit() or (
                    len(prev) == 3 and prev[0][:1].isdigit() and prev[1] in ("mil", "millones", "millon"))
                if counted and prev[-1] not in UNITS:
                    return "passive"
                return None
            # 'será otorgado', 'es entregado': a rule of the service or an announcement, not a thing done.
            return "present" if aux in ANNOUNCING else "passive"
        if prev[-1:] and prev[-1] in DETERMINERS:
            return None  # 'la entrega de', 'su apoyo': a noun
        if folded.endswith(PAST3) or word.endswith(("ó", "é", "í", "Ó", "É", "Í")):
            return "passive" if prev[-1:] == ["se"] else "past"
        if word.lower().endswith(("rá", "rán")):
            return "present"  # the future announces, like the present: 'beneficiará a 220 mil habitantes'
        if folded.endswith(("ando", "iendo")):
            return "present"  # 'beneficiando a más de 3 mil familias'
        if folded.endswith(("a", "e", "an", "en")) and next_word not in ("de", "del", "y"):
            if headline and first:
                return "past"  # headline verb first: 'Inaugura Secretaría nuevo comedor'
            return "present"  # 'el programa beneficia a 4,325 mujeres', 'triplica la capacidad'
        return None

    def _tokens(self, text: str, folded: str) -> tuple[list[tuple[int, int]], list[str | None]]:
        """A block's word and number tokens (found in the folded text: fold keeps every offset, and letters stay
        letters) and, for each, the achievement verb it is a form of, or None: once per block, not per sentence."""
        spans = [m.span() for m in TOKEN_RE.finditer(folded)]
        verbs = [None if len(low := folded[s:e]) < 4 or low[0].isdigit() else self._verb(text[s:e], low)
                 for s, e in spans]
        return spans, verbs

    def _verb_forms(self, text: str, folded: str, spans: list, verbs: list, lo: int, hi: int, a: int,
                    headline: bool) -> dict:
        """Boasting verb forms in one sentence, the block's tokens lo..hi-1, starting at offset a:
        {'we'|'past'|'passive'|'present'|'weak': (start, end, verb)}, offsets in the sentence."""
        signals = {}
        for i in range(lo, hi):
            verb = verbs[i]
            if not verb:
                continue
            s, e = spans[i]
            low = folded[s:e]
            prev = [folded[x:y] for x, y in spans[max(lo, i - 3):i]]
            next_word = folded[spans[i + 1][0]:spans[i + 1][1]] if i + 1 < hi else ""
            form = self._form(text[s:e], low, prev, i == lo, next_word, headline)
            if form and verb in self.weak:
                if form == "we" and "weak_we" not in signals:
                    signals["weak_we"] = (s - a, e - a, verb)  # 'blindamos 1,150 escuelas': the government's own voice
                form = "weak"
            if form and form not in signals:
                signals[form] = (s - a, e - a, verb)
        return signals

    def run(self, doc, prepared) -> list[Hit]:
        hits = []
        patterns = (("strong", self.strong), ("intensifier", self.intensifiers), ("figure", self.numbers),
                    ("actor", self.actors), ("event", self.events))
        for bi, block in enumerate(doc.blocks):
            folded_block, possible = prepared.folded[bi], prepared.found[bi]
            if not (self._any_verb(block.text)
                    or not self.gate_ids.isdisjoint(possible)
                    and any(p.matches(folded_block, possible) for p in (self.strong, self.intensifiers, self.events))
                    or prepared.names[bi] and "gracias a" in folded_block):
                continue  # most blocks hold no achievement vocabulary at all
            # Each pattern runs once over the block; sentences then look their matches up by offset.
            found = {name: [(m.start(), m.end(), m.group()) for m in p.finditer(folded_block, possible)] if p else []
                     for name, p in patterns}
            headline = block.kind in HEADLINE_PLACES or block.kind.startswith("h")
            spans, verbs = self._tokens(block.text, folded_block)
            starts = [s for s, _ in spans]
            for a, b in sentences(block.text):
                lo, hi = bisect_left(starts, a), bisect_left(starts, b)
                signals = self._verb_forms(block.text, folded_block, spans, verbs, lo, hi, a, headline)
                inside = {name: next(((x - a, y - a, g) for x, y, g in spans_ if a <= x < b), None)
                          for name, spans_ in found.items()}
                credit = any(a <= m.start < b and CREDIT.search(folded_block[max(a, m.start - 40):m.start])
                             for m in prepared.names[bi])
                if not (signals or inside["strong"] or inside["intensifier"] or inside["event"] or credit):
                    continue
                if self.unless.search(folded_block[a:b], possible):
                    continue  # vetoes read the sentence alone ('^…' is its start)
                if not inside["strong"] and self.unless_weak.search(folded_block[a:b], possible):
                    continue  # a requirement's words, unless the sentence boasts outright
                text = block.text[a:b]
                signals.update({k: v for k, v in inside.items() if v})
                if prepared.names[bi] and any(a <= m.start < b for m in prepared.names[bi]):
                    signals["official"] = (0, 0, "")
                if credit:
                    signals["strong"] = (0, 0, "")  # 'gracias a @handle', 'gracias al gobernador Pérez'
                has = signals.__contains__
                # An institution's own account speaks for the government: what it boasts of, it claims.
                credited = has("actor") or has("official") or doc.kind == "social"
                flagged = (has("strong") or has("we") or has("passive")
                           or (has("past") or has("event")) and (credited or has("intensifier") or has("figure"))
                           or has("present") and has("figure") and "peso" not in signals["figure"][2]
                           or has("intensifier") and (credited or has("figure"))
                           or (has("present") or has("weak")) and (has("figure") or has("intensifier")) and credited
                           or has("weak_we") and has("figure"))
                if not flagged:
                    continue
                key = next(k for k in ("strong", "we", "passive", "past", "event", "intensifier", "weak", "present")
                           if has(k))
                s, e = signals[key][0], signals[key][1]
                # Strong boasts survive an allowed-content exception (lowered to review, never erased).
                strong = (has("strong") or has("intensifier") or has("official") or has("we")
                          or has("figure") and (has("passive") or has("past") or has("event")))
                severity = "high" if has("official") else None
                # The evidence is the sentence that boasts, not its verb alone ('llevó' tells a reader nothing);
                # the context marks the word that gave it away.
                hits.append(Hit(block.kind, block.location, _clause(text, s, e), snippet(text, s, e),
                                {"signals": sorted(k for k in signals), "trigger": text[s:e]},
                                strong=strong, severity=severity))
        return hits


CHECK = CheckType("achievement", AchievementRule, lambda rule, shared: AchievementCheck(rule, shared.prefilter))
