"""Two of Scrapy's components, imported and built when first used rather than when the crawl starts.

An unchanged night's pages answer 304 ahead of the crawl (crawler.revalidate), so Scrapy may send no request at all;
its HTTP/1.1 download handler (TLS set-up at import, about 100 ms) and its cookies middleware (tldextract, filelock
and requests at import, about 70 ms) would be imported for nothing, every night. Both are Scrapy's own, unchanged,
behind these stand-ins; crawler.settings puts the stand-ins in their places (and names the handler's TunnelError
among the retried exceptions only when a proxy is configured: naming it imports the handler).
"""
from __future__ import annotations

import importlib
import inspect
import sys

from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import build_from_crawler

HTTP11 = "scrapy.core.downloader.handlers.http11"


def _two_frames(context: int = 1) -> list[inspect.FrameInfo]:
    """inspect.stack() as Scrapy's create_deprecated_class reads it (its caller's frame, [1]): the first two
    frames, without their source lines."""
    frame = sys._getframe(1)
    return [inspect.FrameInfo(f, *inspect.getframeinfo(f, 0)) for f in (frame, frame.f_back)]


def import_http11():
    """Scrapy's HTTP/1.1 handler module. Importing it defines deprecated classes whose module Scrapy finds with
    inspect.stack(), which reads every frame's source: from the crawl's stack, with ~900 modules loaded, the import
    took 0.21 s, just before the first request; with the two frames Scrapy reads, 0.04 s (2026-12-05)."""
    if HTTP11 in sys.modules:
        return sys.modules[HTTP11]
    stack = inspect.stack
    inspect.stack = _two_frames
    try:
        return importlib.import_module(HTTP11)
    finally:
        inspect.stack = stack


class LazyHTTP11:
    """Scrapy's HTTP11DownloadHandler for http and https, built at the first request (a `lazy` handler)."""

    lazy = True

    def __init__(self, crawler):
        self.handler = build_from_crawler(import_http11().HTTP11DownloadHandler, crawler)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def download_request(self, request):
        return await self.handler.download_request(request)

    async def close(self) -> None:
        await self.handler.close()


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
        if request.meta.get("dont_merge_cookies") and self.cookies is None:
            return None  # what Scrapy's middleware does with it, without building it
        return self._real().process_request(request)

    def process_response(self, request, response):
        if request.meta.get("dont_merge_cookies") and self.cookies is None:
            return response
        return self._real().process_response(request, response)
