"""Downloader middleware that keeps every request, redirects included, inside the portal's scope."""
from __future__ import annotations

from scrapy.exceptions import IgnoreRequest


class OutOfScope(IgnoreRequest):
    """A request (often a redirect's target) left the portal's configured scope."""


class ScopeMiddleware:
    """Refuses any request outside the spider's scope, including the targets of redirects."""

    def __init__(self, crawler=None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        scope = getattr(getattr(self.crawler, "spider", None) or spider, "scope", None)
        if scope is None:
            return None
        reason = scope.reason(request.url)
        if reason:
            raise OutOfScope(f"redirect {reason}" if request.meta.get("redirect_urls") else reason)
        return None
