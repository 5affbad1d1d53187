"""Middlewares: every request, redirects included, stays in the portal's scope; a crashing callback's page is kept."""
from __future__ import annotations

import logging

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse

from blindaje.audit.reasons import Detailed, Reason

log = logging.getLogger("blindaje.crawl")


class OutOfScope(IgnoreRequest):
    """A request (often a redirect's target) left the portal's configured scope or reached a private address."""


# A refusal met on a redirect's target is named as such.
REDIRECTED = {Reason.PRIVATE_ADDRESS: Reason.REDIRECT_PRIVATE_ADDRESS, Reason.OUT_OF_SCOPE: Reason.REDIRECT_OUT_OF_SCOPE,
              Reason.DENIED: Reason.REDIRECT_DENIED, Reason.MALFORMED_URL: Reason.REDIRECT_MALFORMED_URL,
              Reason.NOT_HTTP: Reason.REDIRECT_NOT_HTTP}


INTERNAL = "blindaje_internal"  # meta of a request of the spider's own (no page), let through the scope check


class ScopeMiddleware:
    """Refuses, before anything is downloaded, any request outside the spider's scope (redirect targets included)
    and any request to an IP literal that is private, loopback, link-local or reserved and not the portal's own."""

    def __init__(self, crawler=None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        if request.meta.get(INTERNAL) and request.url == "data:,":
            return None  # the spider's own empty data: URL: no network, no page
        spider = getattr(self.crawler, "spider", None) or spider
        scope, guard = getattr(spider, "scope", None), getattr(spider, "guard", None)
        # IP literals first (no DNS): a redirect to 169.254.169.254 is named for what it is, not just 'out of scope'.
        # Host names are checked where the connection is made: the resolver (addresses.GuardedResolver) hands the
        # connection only the addresses the policy allows, off the reactor thread.
        reason = guard.reason(request.url, dns=False) if guard else None
        if not reason and scope:
            reason = scope.reason(request.url)
        if reason:
            if request.meta.get("redirect_urls"):
                reason = REDIRECTED[reason]
            raise OutOfScope(reason)
        return None


class RecordCrashes:
    """Spider middleware: a page whose callback raised is recorded as failed with the exception's name, not lost."""

    def __init__(self, crawler=None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_spider_exception(self, response, exception, spider=None):
        spider = getattr(self.crawler, "spider", None) or spider
        url = response.meta.get("blindaje_url", response.url)
        if "page_url" in response.meta or url not in getattr(spider, "pending", {}):
            return None  # an image, or a page already recorded before the crash: Scrapy logs it
        log.warning("crawler error on %s: %r", url, exception, exc_info=exception)
        self.crawler.stats.inc_value("blindaje/crawler_errors")
        return [spider._page(url, "failed", Detailed.CRAWLER_ERROR(type(exception).__name__),
                             depth=response.meta.get("depth", 0), http_status=response.status,
                             final_url=response.url if response.url != url else None)]


class WireEncoding:
    """Notes the Content-Encoding a response came with before Scrapy inflates it (and drops the header): a capture
    keeps the inflated body, and says how it travelled (X-Archive-Orig-Content-Encoding)."""

    def process_response(self, request, response, spider=None):
        encoding = response.headers.getlist(b"Content-Encoding")
        if encoding:
            request.meta["blindaje_wire_encoding"] = b", ".join(encoding).decode("latin-1")[:200]
        return response


# Scrapy reads a meta refresh in a page's first 4,096 characters: at most 16,384 bytes in an encoding where ASCII
# letters are their own bytes (UTF-8, Latin-1, Windows-1252…). UTF-16 and UTF-32 are not such encodings.
_WIDE = (b"\xff\xfe", b"\xfe\xff")
_WIDE_CHARSETS = (b"utf-16", b"utf16", b"utf-32", b"utf32", b"ucs-2", b"ucs2")


class MetaRefresh(MetaRefreshMiddleware):
    """Scrapy's MetaRefreshMiddleware, asked only about a page whose first bytes hold the word "refresh". Scrapy's
    decodes the whole page (and infers its encoding) to read its first 4,096 characters; the crawl hands pages over
    as bytes and decodes them in the audit workers, so that decoding was done for nothing on nearly every page."""

    def process_response(self, request, response, spider=None):
        if isinstance(response, HtmlResponse) and not _may_refresh(response):
            return response
        return super().process_response(request, response)


def _may_refresh(response) -> bool:
    body = response.body
    if body[:2] in _WIDE or b"\x00" in body[:64]:
        return True
    charset = response.headers.get(b"Content-Type", b"").lower()
    if any(wide in charset for wide in _WIDE_CHARSETS):
        return True
    return b"refresh" in body[:16384].lower()
