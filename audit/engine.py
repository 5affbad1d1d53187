"""The audit engine: a document, the rule packs and the context in; findings (violations and needs-review) out."""
from __future__ import annotations

from dataclasses import dataclass, replace

from blindaje.audit.checks import HEADLINE_PLACES, REGISTRY, Hit, Shared
from blindaje.audit.checks.names import NameMatcher, NamesVocabulary
from blindaje.audit.document import Document, parse
from blindaje.audit.loader import RuleSet
from blindaje.audit.model import REVIEW, VIOLATION, AuditContext, Finding, PageResult, Severity
from blindaje.audit.text import Prefilter, Prefiltered, fold, user_regex

MAX_FINDINGS_PER_RULE = 200  # a page that repeats a name a thousand times still gets a readable report


def _at_least(patterns: list[Prefiltered], texts: list[tuple[str, set[int]]], n: int) -> bool:
    """Do at least n of the patterns occur in the texts (each with what the prefilter found in it)? Stops as soon as
    the answer is known. Each pattern runs only on the texts where its strings are: a pattern that begins with \\b
    gives `re` no literal to jump to, and over a whole page's text it costs a scan of every character."""
    occur = 0
    anywhere = set().union(*(found for _, found in texts))
    for i, p in enumerate(patterns):
        if p.id in anywhere and any(p.id in found and p.regex.search(text) for text, found in texts):
            occur += 1
            if occur >= n:
                return True
        elif occur + len(patterns) - i - 1 < n:
            return False
    return False


def _any(patterns: list[str], prefilter: Prefilter) -> Prefiltered | None:
    return Prefiltered("|".join(f"(?:{p})" for p in patterns), prefilter) if patterns else None


def _lead(doc: Document):
    """The lead: the first paragraph of the page's own content after its main heading (a dateline is no lead); in
    a file without headings (a PDF boletín: its text has no markup), its first paragraph."""
    seen_h1 = doc.kind != "html" and not any(block.kind == "h1" for block in doc.blocks)
    for block in doc.blocks:
        if block.chrome:
            continue
        if block.kind == "h1":
            seen_h1 = True
        elif seen_h1 and block.kind == "p" and len(block.text.split()) >= 12:
            return block
    return None



@dataclass
class Prepared:
    """Work shared by the checks: per block, its folded text, the officials it names and the patterns that can match
    in it (Prefilter ids)."""

    folded: list[str]
    names: list[list]
    found: list[set[int]]
    images: dict | None = None  # image URL -> portraits.Analysis, or why it was not analysed


class Auditor:
    """Audits pages against a rule set, for a given list of officials and portal exceptions."""

    def __init__(self, rules: RuleSet, context: AuditContext, portraits=None):
        self.rules = rules
        self.context = context
        # Every check that reads names (in text, around images, in media titles) reads them the names rule's way.
        names_rule = next((r for r in rules.rules.values() if r.check == "names"), None)
        self.matcher = NameMatcher(context.officials, names_rule.vocabulary if names_rule else NamesVocabulary())
        self.portraits = portraits
        if portraits is None and any(REGISTRY[r.check].needs_portraits for r in rules.rules.values()):
            from blindaje.audit.portraits import portraits_for

            self.portraits = portraits_for(context.officials)
        # Every pattern of every check, and the engine's own, in one automaton: one pass per block finds them all.
        self.prefilter = Prefilter()
        shared = Shared(self.matcher, self.portraits, self.prefilter)
        self.checks = [REGISTRY[rule.check].build(rule, shared) for rule in rules.rules.values()]
        # One pattern per class for paths and headings; cues stay separate so their distinct matches can be counted.
        self.classes = {
            name: (
                _any(c.paths, self.prefilter),
                _any(c.headings, self.prefilter),
                [Prefiltered(p, self.prefilter) for p in c.cues],
                c.min_cues,
            )
            for name, c in rules.allowed.classes.items()
        }
        self.portal_paths = {
            name: [user_regex(p) for p in pats] for name, pats in (context.exception_paths or {}).items()
        }

    def audit_html(self, url: str, html: str, images: dict | None = None) -> PageResult:
        return self.audit_document(parse(url, html), images)

    @property
    def needs_pixels(self) -> bool:
        """Do images have to be analysed (hash, faces)? Only when some official has a reference portrait."""
        return bool(self.portraits)

    def classify(self, doc: Document, body: list[tuple[str, set[int]]]) -> list[str]:
        """Allowed-content classes recognised from the page: URL path, title and headings, vocabulary (in `body`:
        the folded text of the page's own blocks, each with what the prefilter found in it)."""
        path = fold(doc.path)
        heads = fold(" | ".join([doc.title] + [b.text for b in doc.blocks if b.kind == "h1"][:3]))
        found = []
        for name, pats in self.portal_paths.items():
            if any(p.search(doc.path) for p in pats):
                found.append(name)
        for name, (paths, headings, cues, min_cues) in self.classes.items():
            if name in found:
                continue
            if paths and paths.search(path) or headings and headings.search(heads):
                found.append(name)
            elif cues and _at_least(cues, body, min_cues):
                found.append(name)
        return found

    def audit_document(self, doc: Document, images: dict | None = None) -> PageResult:
        """Audit a parsed page. `images` maps image URLs to their portraits.Analysis, or to why they were not analysed."""
        folded = [fold(b.text) for b in doc.blocks]
        prepared = Prepared(folded, [self.matcher.find(b.text, f) for b, f in zip(doc.blocks, folded)],
                            [self.prefilter.scan(f, b.text) for b, f in zip(doc.blocks, folded)], images)
        exceptions = self.classify(doc, [(f, found) for b, f, found in zip(doc.blocks[:600], folded, prepared.found)
                                         if not b.chrome])
        lead = _lead(doc)
        findings: list[Finding] = []
        suppressed = 0
        seen: dict[tuple, int] = {}
        for check in self.checks:
            rule = check.rule
            count = 0
            for hit in check.run(doc, prepared):
                finding = self._finding(rule, hit, doc.url, exceptions, lead)
                if finding is None:
                    suppressed += 1
                    continue
                key = (finding.rule, finding.kind, fold(finding.evidence))
                occurrence = seen.get(key, 0)
                seen[key] = occurrence + 1
                if occurrence:
                    finding = replace(finding, occurrence=occurrence)
                count += 1
                if count <= MAX_FINDINGS_PER_RULE:
                    findings.append(finding)
        return PageResult(doc.url, findings, exceptions, suppressed, doc.title, doc.links, [i.src for i in doc.images],
                          self._unchecked(doc, images), [*doc.limits_hit, *doc.not_read])

    def _unchecked(self, doc: Document, images: dict | None) -> dict[str, str]:
        """Images whose pixels should have been checked and were not, with why: their findings cannot be settled."""
        if not self.portraits:
            return {}
        out = {}
        for img in doc.images:
            got = (images or {}).get(img.src)
            if got is None:
                out[img.src] = "not fetched"
            elif isinstance(got, str):
                out[img.src] = got
            elif got.faces is None and (self.portraits.has_faces or self.portraits.face_error):
                out[img.src] = got.face_status  # faces could not be looked for: a face found before stays open
        return out

    def _finding(self, rule, hit: Hit, url: str, exceptions: list[str], lead=None) -> Finding | None:
        severity = Severity(hit.severity or rule.places.get(hit.place.split("[")[0], rule.severity))
        group = hit.group or rule.group
        applied = ""
        classes = ([hit.local_exception] if hit.local_exception else []) + exceptions
        in_lead = lead is not None and hit.location == lead.location and hit.evidence.strip("…") in lead.text
        for cls in classes:
            effect = rule.exceptions.get(cls, "none")
            if effect == "none":
                continue
            content = self.rules.allowed.classes.get(cls)  # None for a portal's own exception paths
            headline = hit.place in HEADLINE_PLACES or in_lead and not (content and content.covers_lead)
            if rule.headline_overrides_exception and headline and not hit.local_exception:
                break  # an exception never clears or softens a promoted name or boast in the headline or the lead
            if effect == "suppress" and (not hit.strong or content and content.clears_strong):
                return None
            applied = cls
            severity = severity.lowered()
            group = REVIEW
            break
        label = self.rules.allowed.classes[applied].label if applied in self.rules.allowed.classes else applied
        message = rule.message.strip()
        if hit.data.get("official"):
            message = f"{message} Servidor público: {hit.data['official']}."
        message = f"{message} {rule.fix.strip()}"
        if applied:
            message += f" (Contenido permitido reconocido: {label}; revise que no haya promoción.)"
        return Finding(rule=rule.id, severity=severity, url=url, location=hit.location[:300], kind=hit.place,
                       evidence=hit.evidence[:500] or hit.place, context=hit.context[:600], message=message,
                       legal_basis=rule.legal_basis, group=group if group in (VIOLATION, REVIEW) else VIOLATION,
                       exception=applied, data=hit.data)
