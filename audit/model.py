"""Plain data shared by the audit library: officials, findings, page results."""
from __future__ import annotations

import hashlib
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


@dataclass(frozen=True)
class AuditContext:
    """Everything the audit needs besides the page: officials, the portal's own exception paths."""

    officials: tuple[Official, ...] = ()
    exception_paths: dict = field(default_factory=dict, hash=False, compare=False)
