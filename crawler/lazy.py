"""Scrapy's cookies middleware, imported and built when first used rather than when the crawl starts.

An unchanged night's pages answer 304 ahead of the crawl (crawler.revalidate), so Scrapy may send no request at all;
its cookies middleware (tldextract, filelock and requests at import, about 70 ms) would be imported for nothing,
every night. It is Scrapy's own, unchanged, behind this stand-in; crawler.settings puts the stand-in in its place.
(Scrapy's HTTP/1.1 handler is imported at start-up anyway: RetryMiddleware loads its TunnelError.)
"""
from __future__ import annotations

from scrapy.exceptions import NotConfigured


class LazyCookies:
    """Scrapy's CookiesMiddleware (COOKIES_ENABLED), built at the first request it sees."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.cookies = None

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("COOKIES_ENABLED"):
            raise NotConfigured
        return cls(crawler)

    def _real(self):
        if self.cookies is None:
            from scrapy.downloadermiddlewares.cookies import CookiesMiddleware

            self.cookies = CookiesMiddleware.from_crawler(self.crawler)
        return self.cookies

    def process_request(self, request):
        return self._real().process_request(request)

    def process_response(self, request, response):
        return self._real().process_response(request, response)
