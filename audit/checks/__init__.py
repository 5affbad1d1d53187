"""Check types: the small, closed set of matching mechanisms that rule packs compose (Vale's model).

REGISTRY is the one list of check types: the loader validates each rule file with its type's model, the engine
builds each rule's check with its type's factory, and the published JSON Schema is generated from it.
"""
from __future__ import annotations

from blindaje.audit.checks.base import HEADLINE_PLACES, CheckType, Hit, Shared
from blindaje.audit.checks import achievement, images, media, names, offensive, phrases

REGISTRY: dict[str, CheckType] = {c.name: c for c in (names.CHECK, images.CHECK, achievement.CHECK, phrases.CHECK,
                                                         media.CHECK, offensive.CHECK)}

__all__ = ["HEADLINE_PLACES", "REGISTRY", "CheckType", "Hit", "Shared"]
