"""Embedded audio, video and social-media posts: a person has to watch or listen to judge them."""
from __future__ import annotations

from urllib.parse import urlsplit

from blindaje.audit.checks import Hit


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
