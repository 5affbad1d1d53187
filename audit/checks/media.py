"""Embedded audio, video and social-media posts: a person has to watch or listen to judge them."""
from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field

from blindaje.audit.checks.base import CheckType, Hit, RuleBase, Strict


class MediaVocabulary(Strict):
    """Which embeds carry voices and images: other iframes (maps, forms) are left alone."""

    hosts: list[str] = Field([], description="Media hosts, matched as a suffix of the embed's host (youtube.com…)")


class MediaRule(RuleBase):
    """A rule of check type `media`: embedded video, audio and social-media posts, for human review."""

    check: Literal["media"]
    vocabulary: MediaVocabulary = MediaVocabulary()


class MediaCheck:
    """Embedded video, audio and social-media posts, listed for human review."""

    def __init__(self, rule, matcher=None):
        self.rule = rule
        self.hosts = tuple(h.lower().lstrip(".") for h in rule.vocabulary.hosts)
        self.matcher = matcher

    def _known_host(self, src: str) -> str:
        try:
            host = (urlsplit(src).hostname or "").lower()
        except ValueError:
            return ""
        return next((h for h in self.hosts if host == h or host.endswith("." + h)), "")

    def run(self, doc, prepared) -> list[Hit]:
        hits = []
        for item in doc.media:
            host = self._known_host(item.src) if item.src else ""
            if item.kind in ("iframe", "embed", "object") and not host:
                continue  # maps, forms and other iframes carry no voices
            evidence = item.src or item.title or item.kind
            context = f"{item.kind}: {item.title}" if item.title else item.kind
            data = {"kind": item.kind, "host": host, "title": item.title}
            severity = None
            if self.matcher and item.title and self.matcher.find(item.title):
                severity = "medium"  # the title names an official: likely their voice
                data["official_in_title"] = True
            hits.append(Hit(item.kind, item.location, evidence[:500], context[:300], data, severity=severity))
        return hits


CHECK = CheckType("media", MediaRule, lambda rule, shared: MediaCheck(rule, shared.matcher))
