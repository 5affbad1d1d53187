"""Official names: one Aho-Corasick pass over folded text for every name, alias and title form."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import ahocorasick

from typing import Literal

from pydantic import Field

from blindaje.audit.checks.base import HEADLINE_PLACES, CheckType, Hit, Regex, RuleBase, Strict
from blindaje.audit.model import Official
from blindaje.audit.text import fold, is_capitalised, is_spanish_word, lemma, sentences, snippet

WORD = re.compile(r"[^\W_]+\.?", re.UNICODE)
LIFESPAN = re.compile(r"\s*\([^()]{0,60}\b1[0-9]{3}\b")  # a bracket with a year before 2000 right after the name


class NamesVocabulary(Strict):
    """How names are told apart from other words; image-names and media read names with this same vocabulary."""

    titles: dict[str, list[str]] = Field({}, description="First word(s) of a position -> titles that precede a surname")
    honorifics: list[str] = Field([], description="Honorifics that precede a surname (lic., dra.…)")
    place_words: list[str] = Field([], description="Words before a name that make it a place or programme")
    stopwords: list[str] = Field([], description="Capitalised words that may precede a name without being part of it")
    responsible_line: list[Regex] = Field(
        [], description="Regexes on folded text marking the legally required 'responsible' line")
    directory_cues: list[Regex] = Field([], description="Regexes on folded text marking a directory entry")


class NamesRule(RuleBase):
    """A rule of check type `names`: configured officials named in the page's text."""

    check: Literal["names"]
    vocabulary: NamesVocabulary = NamesVocabulary()


@dataclass(frozen=True)
class NameMatch:
    start: int
    end: int
    official: int  # index into the officials list
    form: str  # 'full', 'alias', 'title' (and 'word' for a single word found next to another part of the name)


MIN_NAME_CHARS = 4  # a name or alias shorter than this (folded) is never looked for: it would match everywhere


def common_word(text: str) -> bool:
    """A single-word name or alias that is also a Spanish word ('Rosa', 'Leal', 'Cruz'): alone, it names nobody.
    Such a word counts only after a title or next to another part of the name (unless the official is `exact`);
    a single word that is no Spanish word ('Sheinbaum', 'Kershenobich') names the official wherever it stands."""
    words = text.lower().split()
    return len(words) == 1 and is_spanish_word(words[0].strip(".,;:"))


def name_warnings(officials) -> list[tuple[str, str]]:
    """(key, problem) for names and aliases that will not be matched as their author expects: too short ones are
    never looked for ('Ana', 'Li'); a single word is matched wherever the word appears ('Rosa', 'Cruz' in 'Cruz
    Roja'). `blindaje validate` prints them: silence here would look like coverage."""
    out = []
    for i, off in enumerate(officials):
        for key, text in ((f"officials.{i}.name", off.name),
                          *((f"officials.{i}.aliases.{j}", a) for j, a in enumerate(off.aliases))):
            folded = " ".join(fold(text).split())
            if len(folded) < MIN_NAME_CHARS:
                out.append((key, f"{text!r} is shorter than {MIN_NAME_CHARS} letters and is never looked for"))
            elif " " not in folded and common_word(text) and off.exact:
                out.append((key, f"{text!r} is a common word marked `exact: true`: it is found wherever the word "
                                 "appears ('Cruz' in 'Cruz Roja'); prefer the full name or title and surname"))
            elif " " not in folded and common_word(text):
                out.append((key, f"{text!r} is a common word: alone it is found only after a title or next to "
                                 "another part of the name; mark the official `exact: true` to find it anywhere"))
    return out


def name_parts(name: str) -> tuple[list[str], list[str]]:
    """Given names and surnames, Spanish style: the last two words are surnames when there are three or more."""
    words = name.split()
    if len(words) >= 3:
        return words[:-2], words[-2:]
    if len(words) == 2:
        return words[:1], words[1:]
    return [], words


class NameMatcher:
    """Finds configured officials in text: full names, aliases, derived forms and title + surname forms."""

    def __init__(self, officials: tuple[Official, ...], vocabulary: NamesVocabulary):
        self.officials = officials
        self.place_words = {fold(w) for w in vocabulary.place_words}
        self.stopwords = {fold(w).rstrip(".") for w in vocabulary.stopwords}
        titles = {fold(k): [fold(t) for t in v] for k, v in vocabulary.titles.items()}
        honorifics = [fold(h) for h in vocabulary.honorifics]
        patterns: dict[str, list[tuple[int, str]]] = {}
        # Title + surname forms ("la secretaria Montiel") are found as the surname, then checked for a title just
        # before it: one pattern per surname instead of one per title, which keeps 20,000 officials cheap.
        self.titles: list[tuple[str, ...]] = []
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}

        def add(text: str, idx: int, form: str) -> None:
            key = " ".join(fold(text).split())
            if len(key) >= MIN_NAME_CHARS and (idx, form) not in patterns.setdefault(key, []):
                patterns[key].append((idx, form))
            if form in ("full", "alias") and " " in key:
                # Written as one word in a hashtag or handle ('#EquipoGasparCanché'): found only there.
                tag = key.replace(" ", "")
                if (idx, "tag") not in patterns.setdefault(tag, []):
                    patterns[tag].append((idx, "tag"))

        # The folded words of each official's name and aliases: a common word alone ('Rosa') counts next to one.
        self.parts: list[frozenset[str]] = []
        for idx, off in enumerate(officials):
            self.parts.append(frozenset(w for t in (off.name, *off.aliases) for w in fold(t).split() if len(w) > 2))
            add(off.name, idx, "word" if common_word(off.name) and not off.exact else "full")
            given, surnames = name_parts(off.name)
            for alias in off.aliases:
                add(alias, idx, "word" if common_word(alias) and not off.exact else "alias")
            if given and surnames:
                add(f"{given[0]} {' '.join(surnames)}", idx, "full")
                add(f"{given[0]} {surnames[0]}", idx, "alias")
            if len(surnames) == 2:
                add(" ".join(surnames), idx, "alias")
            position = fold(off.position).split()
            title_words = set()
            for n in (2, 1):
                head = " ".join(position[:n])
                if head in titles:
                    title_words.update(titles[head])
                    break
            else:
                if position:
                    title_words.add(position[0])
            forms = tuple(sorted(set(title_words) | set(honorifics), key=len, reverse=True))
            self.titles.append(shared.setdefault(forms, forms))
            add(surnames[0], idx, "surname")
            add(" ".join(surnames), idx, "surname")
        self.automaton = ahocorasick.Automaton()
        for key, entries in patterns.items():
            # A surname alone needs a title just before it; with 20,000 officials one surname stands for hundreds,
            # who share a few title sets: a key whose entries are all surnames is dismissed with one check per set.
            bare = all(form == "surname" for _, form in entries)
            title_sets = tuple({id(self.titles[idx]): self.titles[idx] for idx, _ in entries}.values()) if bare else ()
            self.automaton.add_word(key, (len(key), tuple(entries), title_sets))
        if patterns:
            self.automaton.make_automaton()
        self.empty = not patterns

    def _previous_words(self, text: str, start: int, n: int = 4) -> list[str]:
        return [m.group() for m in WORD.finditer(text[max(0, start - 80):start])][-n:]

    def find(self, text: str, folded: str | None = None) -> list[NameMatch]:
        """Every official named in `text`, leftmost-longest among the forms that hold, on word boundaries.

        Every key the automaton finds is a candidate, not only the leftmost-longest one: a rejected longer form must
        not hide a shorter one inside it or overlapping it ('el gobernador Juan Pérez López': the alias 'gobernador
        Juan Pérez' is refused because a surname follows, and the full name 'Juan Pérez López' is the match).
        """
        if self.empty or not text:
            return []
        folded = folded if folded is not None else fold(text)
        candidates = []
        tags: list[tuple[int, int]] | None = None  # the text's hashtags and handles, found at the first tag form
        for end, (length, entries, title_sets) in self.automaton.iter(folded):
            start, stop = end - length + 1, end + 1
            if entries[0][1] == "tag":
                if tags is None:
                    tags = [m.span() for m in TAG.finditer(folded)]
                    tag_starts = [s for s, _ in tags]
                if not _in_tag(tags, tag_starts, start):
                    continue
            elif start > 0 and folded[start - 1].isalnum() or stop < len(folded) and folded[stop].isalnum():
                continue
            candidates.append((start, stop, entries, title_sets))
        candidates.sort(key=lambda c: (c[0], -c[1]))
        out: list[NameMatch] = []
        taken = 0  # end of the last accepted match: matches never overlap
        for start, stop, entries, title_sets in candidates:
            if start < taken:
                continue
            if title_sets and all(self._title_before(folded, start, titles) is None for titles in title_sets):
                continue  # a bare surname names nobody in particular
            for idx, form in entries:
                begin = start
                if form == "tag":
                    out.append(NameMatch(begin, stop, idx, form))  # a hashtag names its official, whatever follows
                    taken = stop
                    break
                if form == "surname":
                    begin = self._title_before(folded, start, self.titles[idx])
                    if begin is None or begin < taken:
                        continue  # a bare surname names nobody in particular
                    form = "title"
                elif form == "word":
                    titled = self._title_before(folded, start, self.titles[idx])
                    if titled is not None and titled >= taken:
                        begin, form = titled, "title"
                    elif self._next_to_part(folded, start, stop, idx):
                        form = "full"  # with its own name next to it ('Rosa Icela'): that capital is no one else's
                    else:
                        continue  # a common word alone ('Rosa', 'Cruz Roja') names nobody in particular
                if not self._rejected(text, begin, stop, form):
                    out.append(NameMatch(begin, stop, idx, form))
                    taken = stop
                    break
        return out

    def _next_to_part(self, folded: str, start: int, stop: int, idx: int) -> bool:
        """Whether the word before or after [start, stop) is another part of official `idx`'s name."""
        own = folded[start:stop]
        before = folded[max(0, start - 40):start].split()
        after = folded[stop:stop + 40].split()
        near = [w.strip(".,;:()\"'") for w in (before[-1:] + after[:1])]
        return any(w != own and w in self.parts[idx] for w in near)

    def _title_before(self, folded: str, start: int, titles: tuple[str, ...]) -> int | None:
        """Where the official's title or honorific right before a surname starts ('la secretaria ⟦Montiel⟧')."""
        seg_start = max(0, start - 40)
        before = folded[seg_start:start]
        stripped = before.rstrip()
        if len(stripped) == len(before):
            return None  # no space between title and surname
        for title in titles:
            if stripped.endswith(title):
                at = seg_start + len(stripped) - len(title)
                if at == 0 or not folded[at - 1].isalnum():
                    return at
        return None

    def _rejected(self, text: str, start: int, stop: int, form: str) -> bool:
        if text[start:start + 1] == "@":
            return False  # a social-network handle names its holder whatever words surround it
        prev = self._previous_words(text, start)
        # A place or programme named after someone: 'Escuela Benito Juárez', 'Beca Rita Cetina'.
        for word in reversed(prev):
            if fold(word).rstrip(".") in self.place_words:
                return True
            if not is_capitalised(word):
                break
        if LIFESPAN.match(text, stop):
            return True  # 'Alfonso Reyes (Monterrey, 1889 – Ciudad de México, 1959)': a historical namesake
        if text[start:stop].isupper() or title_case(text):
            return False  # all-caps or Title Case text: capitals say nothing about where a name ends
        if form != "title" and prev and text[start - 1:start] == " " and text[:start - 1].endswith(prev[-1]):
            word = prev[-1]
            before = text[:start - 1 - len(word)].rstrip()
            sentence_start = not before or before[-1] in ".:;!?¡¿\"'(«—-–|•"
            if is_capitalised(word) and fold(word).rstrip(".") not in self.stopwords:
                # Part of a longer name: someone else who shares these names ('Ximena Morales López'). At the start
                # of a sentence any word is capitalised: there only a word that is no inflected form ('Inaugura
                # Montiel Reyes…' is a verb) reads as a given name.
                if not sentence_start or lemma(word.lower()) == fold(word.lower()):
                    return True
        if form in ("alias", "title"):
            after = re.match(r" ([^\W\d_]{2,})", text[stop:stop + 40])
            if after and is_capitalised(after.group(1)) and fold(after.group(1)) not in self.stopwords:
                return True
        return False


# A hashtag or handle: what follows '#' or '@', up to 100 word characters (a longer run of letters is no tag).
TAG = re.compile(r"[#@]\w{1,100}")


def _in_tag(tags: list[tuple[int, int]], starts: list[int], start: int) -> bool:
    """Is `start` inside one of the text's hashtags or handles ('#equipo⟦gasparcanche⟧', '@⟦gasparcanche⟧')?"""
    i = bisect_right(starts, start) - 1
    return i >= 0 and start < tags[i][1]


def title_case(text: str) -> bool:
    """Headings Written Like This, where capitals do not mark names."""
    words = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    # Five words at least: a table cell or caption of three ('Patricio Patrón Laviada') is a name, not a heading.
    return len(words) >= 5 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


class NamesCheck:
    """An official named on the page (headings, captions, body text)."""

    def __init__(self, rule, matcher: NameMatcher):
        self.rule = rule
        self.matcher = matcher
        v = rule.vocabulary
        self.responsible = re.compile("|".join(v.responsible_line)) if v.responsible_line else None
        self.directory = re.compile("|".join(v.directory_cues)) if v.directory_cues else None

    def run(self, doc, prepared) -> list[Hit]:
        hits = []
        for bi, block in enumerate(doc.blocks):
            if block.kind == "img":
                continue  # names in alt and title text are the image rule's
            matches = prepared.names[bi]
            seen = set()
            for m in matches:
                if m.official in seen:
                    continue
                seen.add(m.official)
                official = self.matcher.officials[m.official]
                sent = next(((a, b) for a, b in sentences(block.text) if a <= m.start < b), (0, len(block.text)))
                folded_sentence = prepared.folded[bi][sent[0]:sent[1]]
                lead = prepared.folded[bi][max(0, m.start - 120):m.end + 40]
                local = ""
                if self.responsible and (self.responsible.search(folded_sentence) or self.responsible.search(lead)):
                    local = "transparency"
                elif self.directory and block.kind not in HEADLINE_PLACES and self.directory.search(prepared.folded[bi]):
                    local = "transparency"
                hits.append(Hit(block.kind, block.location, block.text[m.start:m.end],
                                snippet(block.text, m.start, m.end), {"official": official.name, "form": m.form,
                                                                       "position": official.position},
                                local_exception=local))
        return hits


CHECK = CheckType("names", NamesRule, lambda rule, shared: NamesCheck(rule, shared.matcher))
