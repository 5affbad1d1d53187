"""One generic spider, driven by a portal's configuration: follows links in scope, fetches images, hands pages over."""
from __future__ import annotations

import hashlib
import io
import logging
import warnings

import scrapy
from scrapy.exceptions import IgnoreRequest
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError as TxTimeout

from blindaje.audit.document import decode, parse, sniff_binary
from blindaje.crawler.addresses import AddressGuard
from blindaje.crawler.charset import header_charset
from blindaje.crawler.items import ImageItem, PageItem
from blindaje.crawler.traps import CalendarTraps, url_trap
from blindaje.crawler.urls import Scope, canonical

log = logging.getLogger("blindaje.crawl")
MAX_IMAGE_PIXELS = 40_000_000  # refuse decompression bombs before decoding
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
# Refusals by Blindaje itself (scope, addresses) are skipped pages; everything else that stops a download failed.
REFUSED = ("out of scope", "redirect out of scope", "denied by configuration", "redirect denied by configuration",
           "private address", "redirect to a private address", "not http", "redirect not http")
# Why a page still queued when the crawl stopped was never fetched, by Scrapy's finish reason.
UNFETCHED = {"closespider_timeout": "time budget", "shutdown": "interrupted", "closespider_pagecount": "page limit"}


class PortalSpider(scrapy.Spider):
    """Crawls one portal within its scope and bounds."""

    name = "portal"

    def __init__(self, portal=None, *, max_pages: int = 5000, max_depth: int = 12, fetch_images: bool = True,
                 max_image_bytes: int = 5 * 1024 * 1024, max_image_pixels: int = MAX_IMAGE_PIXELS,
                 max_url_length: int = 2048, max_calendar_pages: int = 100, clock=None, resolver=None,
                 audit_key: str = "", analyser=None, **kwargs):
        super().__init__(name=f"portal-{portal.name}" if portal else None, **kwargs)
        self.portal = portal
        self.scope = Scope(portal.allowed_domains, portal.allow, portal.deny)
        self.guard = AddressGuard(portal.allowed_domains, *([resolver] if resolver else []))
        self.max_pages = portal.max_pages or max_pages
        self.max_depth = portal.max_depth if portal.max_depth is not None else max_depth
        self.fetch_images = fetch_images
        self.max_image_bytes = max_image_bytes
        self.max_image_pixels = max_image_pixels
        self.max_url_length = max_url_length
        self.calendars = CalendarTraps(max_calendar_pages)
        self.clock = clock
        self.seen: set[str] = set()  # every URL discovered, once (canonical form)
        self.raw_seen: set[str] = set()  # every link as written on the pages
        self.audit_key = audit_key  # rules, officials, version: a page audited under another key is audited again
        self.validators: dict = {}
        self.pending: dict[str, int] = {}  # URL -> depth: requested, no outcome recorded yet
        self.images_seen: set[str] = set()
        self.scheduled = 0
        # Officials' photos: a page whose images need their pixels checked waits for them before its audit.
        self.analyser = analyser  # crawler.imaging.Analyser (worker processes), or None to analyse inline
        self.image_results: dict = {}  # canonical image URL -> portraits.Analysis, or why there is none
        self.waiting: dict[str, set[str]] = {}  # image URL in flight -> pages waiting for it
        self.held: dict[str, tuple[PageItem, set[str]]] = {}  # page URL -> (its item, images it still waits for)

    def now(self) -> str:
        return self.clock()

    async def start(self):
        store = getattr(self, "store", None)
        if store is not None and self.audit_key:
            self.validators = store.validators(self.portal.name)
        for url in self.portal.start_urls:
            for item in self._discover(url, 0):
                yield item

    def _discover(self, url: str, depth: int):
        """Decide once what happens to a newly discovered URL: a request, or a skipped record with its reason."""
        if url in self.raw_seen:
            return  # menus repeat the same links on every page: skip them before canonicalising (MEASURED §5)
        self.raw_seen.add(url)
        if not url[:8].lower().startswith(("http://", "https://")):
            return  # mailto:, tel:, javascript: are not pages
        url = canonical(url)
        if url in self.seen:
            return
        self.seen.add(url)
        reason = (self.guard.reason(url, dns=False) or self.scope.reason(url)
                  or url_trap(url, max_length=self.max_url_length))
        if reason:
            yield self._page(url, "skipped", reason, depth=depth)
        elif depth > self.max_depth:
            yield self._page(url, "skipped", "depth limit", depth=depth)
        elif reason := self.calendars.reason(url):
            yield self._page(url, "skipped", reason, depth=depth)
        elif self.scheduled >= self.max_pages:
            yield self._page(url, "skipped", "page limit", depth=depth)
        else:
            self.scheduled += 1
            self.pending[url] = depth
            headers = {}
            known = self.validators.get(url)
            if known and known[3] == self.audit_key:
                # Asked every night, conditionally: never skipped on heuristic freshness (MEASURED §6).
                etag, modified = known[0], known[1]
                headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", modified)) if v}
            yield scrapy.Request(url, callback=self.parse, errback=self.failed, dont_filter=True, headers=headers,
                                 meta={"depth": depth, "blindaje_url": url})

    def _page(self, url, outcome, reason="", **kw) -> PageItem:
        self.pending.pop(url, None)  # its outcome is now on its way to the store
        return PageItem(portal=self.portal.name, url=url, outcome=outcome, reason=reason, fetched_at=self.now(), **kw)

    def unfinished(self, finish_reason: str) -> list[PageItem]:
        """Pages requested but never answered when the crawl stopped (budget, signal), skipped with the reason;
        pages still waiting for their images, audited without them (those images count as not checked)."""
        why = UNFETCHED.get(finish_reason, f"not fetched ({finish_reason})")
        held = [self._release(item) for item, _ in self.held.values()]
        self.held.clear()
        return held + [self._page(url, "skipped", why, depth=depth) for url, depth in list(self.pending.items())]

    @property
    def needs_pixels(self) -> bool:
        auditor = getattr(self, "auditor", None)
        return bool(self.fetch_images and auditor is not None and auditor.needs_pixels)

    def _hold(self, item: PageItem):
        """Yield the page's image requests; the page itself now, or once its last image is analysed."""
        waits = set()
        for image in item.document.images:
            src = canonical(image.src)
            if src in self.image_results:
                continue
            if src in self.waiting:
                waits.add(src)
            elif reason := self._image_refusal(src):
                self.image_results[src] = reason
            else:
                waits.add(src)
                self.waiting[src] = set()
                self.images_seen.add(src)
                yield self._image_request(src, item.url, priority=10)  # before new pages: held pages stay few
        for src in waits:
            self.waiting[src].add(item.url)
        if waits:
            self.held[item.url] = (item, waits)
        else:
            yield self._release(item)

    def _release(self, item: PageItem) -> PageItem:
        item.images = {img.src: self.image_results.get(canonical(img.src), "not fetched") for img in item.document.images}
        return item

    def _image_done(self, src: str, result):
        """Record an image's analysis (or why there is none) and release the pages that were waiting for it."""
        self.image_results[src] = result
        for page_url in self.waiting.pop(src, ()):
            item, waits = self.held.get(page_url, (None, set()))
            waits.discard(src)
            if item is not None and not waits:
                del self.held[page_url]
                yield self._release(item)

    def parse(self, response):
        url = response.meta.get("blindaje_url", response.url)
        depth = response.meta.get("depth", 0)
        final = response.url if response.url != url else None
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1").split(";")[0].strip().lower()
        body = response.body
        digest = hashlib.sha256(body).hexdigest()
        common = dict(final_url=final, http_status=response.status, content_hash=digest, depth=depth,
                      content_type=ctype, bytes=len(body))
        known = self.validators.get(url)
        unchanged = known and known[3] == self.audit_key and (response.status == 304 or known[2] == digest)
        if unchanged:
            yield from self._carry_over(url, depth, final, response.status, known[2], len(body) if response.status != 304 else 0)
            return
        if response.status >= 400 or response.status == 304:
            yield self._page(url, "failed", f"HTTP {response.status}", **common)
            return
        if ctype not in HTML_TYPES:
            yield self._page(url, "skipped", "not HTML", **common)
            return
        reason = sniff_binary(body)
        if reason:
            yield self._page(url, "skipped" if reason == "not HTML" else "failed", reason, **common)
            return
        try:
            document = parse(response.url, decode(body, header_charset(response.headers.get(b"Content-Type"))))
        except Exception as e:  # noqa: BLE001 - hostile markup is a failed page with its reason, never a lost one
            log.warning("could not parse %s: %s", url, e)
            yield self._page(url, "failed", f"unparseable: {type(e).__name__}", **common)
            return
        page = self._page(url, "audited", "", document=document, body=body, links=document.links,
                          etag=_header(response, b"ETag"), last_modified=_header(response, b"Last-Modified"), **common)
        if self.needs_pixels:
            yield from self._hold(page)
        else:
            yield page
            if self.fetch_images:
                for image in document.images:
                    yield from self._image(image.src, url)
        for link in document.links:
            yield from self._discover(link, depth + 1)

    def _carry_over(self, url, depth, final, status, content_hash, size):
        """An unchanged page: no parse, no audit; its findings and links come from its last audit."""
        cached = self.store.cached_page(self.portal.name, url)
        if cached is None:  # the cache row vanished: audit it properly next night, record this one as failed
            yield self._page(url, "failed", "cache entry missing", http_status=status, depth=depth)
            return
        yield self._page(url, "audited", "", final_url=final, http_status=status, content_hash=content_hash,
                         depth=depth, content_type="text/html", bytes=size, carried=True, links=cached["links"],
                         cached=cached)
        for link in cached["links"]:
            yield from self._discover(link, depth + 1)

    def _image_refusal(self, src: str) -> str:
        """Why an image is never fetched: outside the portal's scope, or a trap."""
        return self.scope.reason(src) or url_trap(src, max_length=self.max_url_length) or ""

    def _image(self, src: str, page_url: str):
        src = canonical(src)
        if src in self.images_seen or self._image_refusal(src):
            return  # images outside the portal's hosts are never fetched
        self.images_seen.add(src)
        yield self._image_request(src, page_url, priority=-10)

    def _image_request(self, src: str, page_url: str, priority: int) -> scrapy.Request:
        return scrapy.Request(src, callback=self.parse_image, errback=self.image_failed, dont_filter=True,
                              priority=priority, meta={"download_maxsize": self.max_image_bytes, "page_url": page_url,
                                                       "blindaje_url": src})

    async def parse_image(self, response):
        item = self._image_item(response)
        if self.needs_pixels:
            result = item.reason or "not analysed"
            if item.outcome == "audited":
                result = await self._analyse(item, response.body)
            yield item
            if isinstance(result, dict):
                from blindaje.audit.portraits import Analysis

                result = Analysis.from_json(result)
            for page in self._image_done(item.url, result):
                yield page
        else:
            yield item

    async def _analyse(self, item: ImageItem, body: bytes) -> dict | str:
        """The image's analysis, from the cache by content hash or from a worker; recorded on the item."""
        from blindaje.audit.portraits import ANALYSER_VERSION

        store = getattr(self, "store", None)
        result = store.image_analysis(item.content_hash, ANALYSER_VERSION) if store is not None else None
        if result is None:
            if self.analyser is not None:
                result = await self.analyser.analyse(body, self.max_image_pixels)
            else:
                from blindaje.crawler.imaging import analyse_bytes

                result = analyse_bytes(body, self.max_image_pixels)
            item.new_analysis = True
        item.analysis = result
        return result

    def _image_item(self, response) -> ImageItem:
        """The fetched image's record; its header (never its pixels) says whether it may be decoded."""
        from PIL import Image

        url, page = response.meta["blindaje_url"], response.meta["page_url"]
        item = ImageItem(self.portal.name, url, page, "audited", http_status=response.status, bytes=len(response.body),
                         content_hash=hashlib.sha256(response.body).hexdigest(), body=response.body)
        if response.status >= 400:
            item.outcome, item.reason = "failed", f"HTTP {response.status}"
            return item
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(response.body)) as img:  # reads the header only, never the pixels
                    item.width, item.height, item.format = img.width, img.height, (img.format or "").lower()
            if item.width * item.height > self.max_image_pixels:
                item.outcome, item.reason = "skipped", "too many pixels"
        except Image.DecompressionBombError:  # Pillow's own bound, checked on the header as well
            item.outcome, item.reason = "skipped", "too many pixels"
        except Exception as e:  # noqa: BLE001 - any header Pillow cannot read is a failed image, not a crash
            item.outcome, item.reason = "failed", f"not an image: {type(e).__name__}"
        return item

    def image_failed(self, failure):
        request = failure.request
        src = request.meta.get("blindaje_url", request.url)
        item = ImageItem(self.portal.name, src, request.meta.get("page_url", ""), "failed", _reason(failure))
        yield item
        if self.needs_pixels:
            yield from self._image_done(src, item.reason)

    def failed(self, failure):
        request = failure.request
        url = request.meta.get("blindaje_url", request.url)
        reason = _reason(failure)
        outcome = "skipped" if reason in REFUSED else "failed"
        response = getattr(failure.value, "response", None)
        yield self._page(url, outcome, reason, depth=request.meta.get("depth", 0),
                         final_url=request.url if request.url != url else None,
                         http_status=response.status if response is not None else None)


def _reason(failure) -> str:
    """A short, stable reason for a failed request."""
    exc = failure.value
    name = type(exc).__name__
    text = str(exc)
    if isinstance(exc, IgnoreRequest):
        if "DOWNLOAD_MAXSIZE" in text:  # HttpCompressionMiddleware: a compression bomb, stopped while inflating
            return "too large"
        if "max redirections" in text:
            return "too many redirects"
        return text[:200] or "ignored"
    if isinstance(exc, (TxTimeout, TCPTimedOutError)) or "Timeout" in name:
        return "timeout"
    if isinstance(exc, DNSLookupError) or name == "CannotResolveHostError":
        return "DNS lookup failed"
    if "Cancelled" in name or "maxsize" in text.lower() or "Expected to receive" in text:
        return "too large"  # Scrapy cancels a download once it passes DOWNLOAD_MAXSIZE (or announces more)
    if "ConnectionRefused" in name:
        return "connection refused"
    if "DataLoss" in name:
        return "incomplete response"
    if name in ("DownloadFailedError", "ResponseNeverReceived", "ResponseFailed", "ConnectionLost", "ConnectionDone"):
        return "connection lost"  # the server hung up before a complete response
    return name[:80]


def _header(response, name: bytes) -> str:
    return (response.headers.get(name) or b"").decode("latin-1")[:200]
