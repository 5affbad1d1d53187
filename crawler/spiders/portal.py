"""One generic spider, driven by a portal's configuration: follows links in scope, fetches images, hands pages over."""
from __future__ import annotations

import hashlib
import io

import scrapy
import re

from audit.document import NotHTML, decode, parse, sniff_binary
from crawler.items import ImageItem, PageItem
from crawler.urls import Scope, canonical

MAX_IMAGE_PIXELS = 40_000_000  # refuse decompression bombs before decoding
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


class PortalSpider(scrapy.Spider):
    """Crawls one portal within its scope and bounds."""

    name = "portal"

    def __init__(self, portal=None, *, max_pages: int = 5000, max_depth: int = 12, fetch_images: bool = True,
                 max_image_bytes: int = 5 * 1024 * 1024, clock=None, **kwargs):
        super().__init__(name=f"portal-{portal.name}" if portal else None, **kwargs)
        self.portal = portal
        self.scope = Scope(portal.allowed_domains, portal.allow, portal.deny)
        self.max_pages = portal.max_pages or max_pages
        self.max_depth = portal.max_depth if portal.max_depth is not None else max_depth
        self.fetch_images = fetch_images
        self.max_image_bytes = max_image_bytes
        self.clock = clock
        self.seen: set[str] = set()  # every URL discovered, once (canonical form)
        self.images_seen: set[str] = set()
        self.scheduled = 0

    def now(self) -> str:
        return self.clock()

    async def start(self):
        for url in self.portal.start_urls:
            for item in self._discover(url, 0):
                yield item

    def _discover(self, url: str, depth: int):
        """Decide once what happens to a newly discovered URL: a request, or a skipped record with its reason."""
        if not url.startswith(("http://", "https://", "HTTP://", "HTTPS://")):
            return  # mailto:, tel:, javascript: are not pages
        url = canonical(url)
        if url in self.seen:
            return
        self.seen.add(url)
        reason = self.scope.reason(url)
        if reason:
            yield self._page(url, "skipped", reason, depth=depth)
        elif depth > self.max_depth:
            yield self._page(url, "skipped", "depth limit", depth=depth)
        elif self.scheduled >= self.max_pages:
            yield self._page(url, "skipped", "page limit", depth=depth)
        else:
            self.scheduled += 1
            yield scrapy.Request(url, callback=self.parse, errback=self.failed, dont_filter=True,
                                 meta={"depth": depth, "blindaje_url": url})

    def _page(self, url, outcome, reason="", **kw) -> PageItem:
        return PageItem(portal=self.portal.name, url=url, outcome=outcome, reason=reason, fetched_at=self.now(), **kw)

    def parse(self, response):
        url = response.meta.get("blindaje_url", response.url)
        depth = response.meta.get("depth", 0)
        final = response.url if response.url != url else None
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1").split(";")[0].strip().lower()
        body = response.body
        digest = hashlib.sha256(body).hexdigest()
        common = dict(final_url=final, http_status=response.status, content_hash=digest, depth=depth,
                      content_type=ctype, bytes=len(body))
        if response.status >= 400:
            yield self._page(url, "failed", f"HTTP {response.status}", **common)
            return
        if ctype not in HTML_TYPES:
            yield self._page(url, "skipped", "not HTML", **common)
            return
        reason = sniff_binary(body)
        if reason:
            yield self._page(url, "skipped" if reason == "not HTML" else "failed", reason, **common)
            return
        declared = _charset(response.headers.get(b"Content-Type", b""))
        try:
            document = parse(response.url, decode(body, declared))
        except (NotHTML, ValueError) as e:
            yield self._page(url, "failed", f"unparseable: {e}"[:200], **common)
            return
        yield self._page(url, "audited", "", document=document, body=body, **common)
        for link in document.links:
            yield from self._discover(link, depth + 1)
        if self.fetch_images:
            for image in document.images:
                yield from self._image(image.src, url)

    def _image(self, src: str, page_url: str):
        src = canonical(src)
        if src in self.images_seen or self.scope.reason(src):
            return  # images outside the portal's hosts are never fetched
        self.images_seen.add(src)
        yield scrapy.Request(src, callback=self.parse_image, errback=self.image_failed, dont_filter=True, priority=-10,
                             meta={"download_maxsize": self.max_image_bytes, "page_url": page_url, "blindaje_url": src})

    def parse_image(self, response):
        from PIL import Image, UnidentifiedImageError

        url, page = response.meta["blindaje_url"], response.meta["page_url"]
        item = ImageItem(self.portal.name, url, page, "audited", http_status=response.status, bytes=len(response.body),
                         content_hash=hashlib.sha256(response.body).hexdigest())
        if response.status >= 400:
            item.outcome, item.reason = "failed", f"HTTP {response.status}"
            yield item
            return
        try:
            with Image.open(io.BytesIO(response.body)) as img:  # reads the header only
                item.width, item.height, item.format = img.width, img.height, (img.format or "").lower()
            if item.width * item.height > MAX_IMAGE_PIXELS:
                item.outcome, item.reason = "skipped", "too many pixels"
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as e:
            item.outcome, item.reason = "failed", f"not an image: {type(e).__name__}"
        yield item

    def image_failed(self, failure):
        request = failure.request
        yield ImageItem(self.portal.name, request.meta.get("blindaje_url", request.url), request.meta.get("page_url", ""),
                        "failed", _reason(failure))

    def failed(self, failure):
        request = failure.request
        url = request.meta.get("blindaje_url", request.url)
        reason = _reason(failure)
        outcome = "skipped" if reason.startswith(("redirect out of scope", "redirect denied", "out of scope")) else "failed"
        response = getattr(failure.value, "response", None)
        yield self._page(url, outcome, reason, depth=request.meta.get("depth", 0),
                         final_url=request.url if request.url != url else None,
                         http_status=response.status if response is not None else None)


def _reason(failure) -> str:
    """A short, stable reason for a failed request."""
    from scrapy.exceptions import IgnoreRequest
    from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError as TxTimeout

    exc = failure.value
    name = type(exc).__name__
    if isinstance(exc, IgnoreRequest):
        return str(exc) or "ignored"
    if isinstance(exc, (TxTimeout, TCPTimedOutError)) or "Timeout" in name:
        return "timeout"
    if isinstance(exc, DNSLookupError):
        return "DNS lookup failed"
    if "Cancelled" in name or "maxsize" in str(exc).lower() or "Expected to receive" in str(exc):
        return "too large"
    if "ConnectionRefused" in name:
        return "connection refused"
    return name[:80]


def _charset(content_type: bytes) -> str | None:
    m = re.search(rb"charset=[\"']?([\w.:-]+)", content_type or b"", re.I)
    return m.group(1).decode("ascii") if m else None
