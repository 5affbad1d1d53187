"""Plain data shared by the audit library: officials, findings, page results."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from enum import Enum

from blindaje.audit.text import fold


class Severity(str, Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    def lowered(self) -> "Severity":
        return {Severity.HIGH: Severity.MEDIUM, Severity.MEDIUM: Severity.LOW, Severity.LOW: Severity.LOW}[self]


VIOLATION = "violation"
REVIEW = "review"


@dataclass(frozen=True)
class Official:
    """A public servant whose promotion the rules look for."""

    name: str
    position: str = ""
    jurisdiction: str = "federal"
    aliases: tuple[str, ...] = ()
    photos: tuple[str, ...] = ()  # absolute paths of reference portraits
    exact: bool = False  # a single-word name or alias that is a Spanish word matches anywhere, not only by context


@dataclass(frozen=True)
class Finding:
    """One thing on one page that the blackout rules forbid or that needs a human's review."""

    rule: str
    severity: Severity
    url: str
    location: str  # CSS-like selector shown to the webmaster
    kind: str  # stable place descriptor used in the id: 'title', 'h1', 'p', 'img[alt]', 'iframe'…
    evidence: str
    context: str  # snippet with the match wrapped in ⟦ ⟧
    message: str
    legal_basis: str
    group: str = VIOLATION  # 'violation' or 'review' (axe-core's "needs review")
    exception: str = ""  # allowed-content class that lowered the finding, if any
    data: dict = field(default_factory=dict, compare=False, hash=False)
    occurrence: int = 0  # nth identical (rule, kind, evidence) on the page

    @property
    def id(self) -> str:
        """Stable across nights: rule, page, kind of place and normalised evidence only."""
        parts = [self.rule, self.url, self.kind, " ".join(fold(self.evidence).split()), str(self.occurrence)]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass
class PageResult:
    """What the audit of one page produced: findings, plus what was suppressed by an allowed-content exception."""

    url: str
    findings: list[Finding]
    exceptions: list[str]  # allowed-content classes recognised on the page
    suppressed: int = 0
    title: str = ""
    links: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    unchecked_images: dict[str, str] = field(default_factory=dict)  # image URL -> why its pixels were not checked
    unread: list[str] = field(default_factory=list)  # parts of a document not read, and why (bounds, no OCR engine)


@dataclass(frozen=True)
class AuditContext:
    """Everything the audit needs besides the page: officials, the portal's own exception paths."""

    officials: tuple[Official, ...] = ()
    exception_paths: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class FindingRecord:
    """A finding as recorded for a portal: what the store keeps of it, and what a carried-over page brings back."""

    id: str
    portal: str
    url: str
    rule: str
    severity: Severity
    evidence: str
    location: str
    kind: str
    context: str
    message: str
    legal_basis: str
    group: str = VIOLATION
    exception: str = ""
    data: dict = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def of(cls, portal: str, finding: Finding, **data) -> FindingRecord:
        """The record of an audit's finding on one of the portal's pages; `data` adds to what the check used."""
        return cls(finding.id, portal, finding.url, finding.rule, finding.severity, finding.evidence, finding.location,
                   finding.kind, finding.context, finding.message, finding.legal_basis, finding.group,
                   finding.exception, {**finding.data, **data})

    def to_row(self) -> dict:
        """Its columns in the findings table (the group is `grp`: GROUP is an SQL keyword; data as JSON)."""
        return {"id": self.id, "portal": self.portal, "url": self.url, "rule": self.rule,
                "severity": self.severity.value, "evidence": self.evidence, "location": self.location,
                "kind": self.kind, "context": self.context, "message": self.message,
                "legal_basis": self.legal_basis, "grp": self.group, "exception": self.exception,
                "data": json.dumps(self.data or {}, ensure_ascii=False)}

    @classmethod
    def from_row(cls, row: dict) -> FindingRecord:
        """The record from its row (columns beyond the finding's own, such as status or run_id, are ignored)."""
        data = row.get("data")
        data = json.loads(data) if isinstance(data, str) else dict(data or {})
        return cls(row["id"], row["portal"], row["url"], row["rule"], Severity(row["severity"]), row["evidence"],
                   row["location"], row["kind"], row["context"], row["message"], row["legal_basis"],
                   row.get("grp") or VIOLATION, row.get("exception") or "", data)
