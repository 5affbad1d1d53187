"""Check types: the small, closed set of matching mechanisms that rule packs compose (Vale's model)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Hit:
    """A candidate finding produced by a check, before allowed-content exceptions are applied."""

    place: str  # kind of place: 'title', 'h1', 'p', 'img[alt]', 'iframe'…
    location: str
    evidence: str
    context: str
    data: dict = field(default_factory=dict)
    strong: bool = False  # a strong signal: an allowed-content exception lowers it instead of suppressing it
    local_exception: str = ""  # allowed-content class recognised around the match itself
    severity: str | None = None  # overrides the rule's place-based severity
    group: str | None = None


HEADLINE_PLACES = {"title", "h1", "banner", "meta"}
