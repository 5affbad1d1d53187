"""Two of Scrapy's components, imported and built when first used rather than when the crawl starts.

An unchanged night's pages answer 304 ahead of the crawl (crawler.revalidate), so Scrapy may send no request at all;
its HTTP/1.1 download handler (TLS set-up at import, about 100 ms) and its cookies middleware (tldextract, filelock
and requests at import, about 70 ms) would be imported for nothing, every night. Both are Scrapy's own, unchanged,
behind these stand-ins; crawler.settings puts the stand-ins in their places (and names the handler's TunnelError
among the retried exceptions only when a proxy is configured: naming it imports the handler).
"""
from __future__ import annotations

from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import build_from_crawler


class LazyHTTP11:
    """Scrapy's HTTP11DownloadHandler for http and https, built at the first request (a `lazy` handler)."""

    lazy = True

    def __init__(self, crawler):
        from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler

        self.handler = build_from_crawler(HTTP11DownloadHandler, crawler)

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
