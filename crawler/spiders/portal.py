"""One generic spider, driven by a portal's configuration: follows links in scope, fetches images, hands pages over."""
from __future__ import annotations

import hashlib
import logging
from collections import deque
from itertools import chain
from pathlib import Path
from urllib.parse import urljoin

import scrapy
from scrapy.exceptions import IgnoreRequest
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError as TxTimeout

from blindaje.audit.document import sniff_binary
from blindaje.audit.files import file_kind, kind_by_name, read_file
from blindaje.audit.pixels import MAX_PIXELS, ImageRefused, untrusted_image
from blindaje.audit.portraits import ImageAnalysis, Refused, analysis_from_row, analysis_version, examine
from blindaje.audit.reasons import Detailed, Reason, code
from blindaje.crawler.addresses import PRIVATE, AddressGuard, AddressPolicy, private_refusal
from blindaje.crawler.auditing import LARGE_PAGE, parse_page
from blindaje.crawler.charset import header_charset
from blindaje.crawler.gate import ImageGate
from blindaje.crawler.items import ImageItem, PageItem
from blindaje.crawler.lazy import import_http11
from blindaje.crawler.middlewares import INTERNAL
from blindaje.crawler.traps import CalendarTraps, url_trap
from blindaje.crawler.urls import Scope, canonical
from blindaje.crawler.warc import exchange_of

log = logging.getLogger("blindaje.crawl")
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
# What a server calls a document Blindaje reads: bytes that are not one are mislabelled, never silently skipped.
DOCUMENT_TYPES = ("application/pdf", "application/x-pdf",
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet")
# Refusals by Blindaje itself (scope, addresses) are skipped pages; everything else that stops a download failed.
REFUSED = (Reason.OUT_OF_SCOPE, Reason.REDIRECT_OUT_OF_SCOPE, Reason.DENIED, Reason.REDIRECT_DENIED,
           Reason.PRIVATE_ADDRESS, Reason.REDIRECT_PRIVATE_ADDRESS, Reason.NOT_HTTP, Reason.REDIRECT_NOT_HTTP)
# A link named as a document (informe.pdf) is fetched after the pages and images waiting: reading a PDF costs what
# tens of pages cost, and the pages' audit is what the morning's report needs first (benchmarks/run.py --pdfs).
DOCUMENT_PRIORITY = -20
# While the audit workers start, a page's links are read in the crawl's process only when fewer requests than this
# wait for an answer: enough to keep the downloads going, without reading hundreds of pages twice (text-heavy
# benchmark: 200 pages read twice, 1.3 ms each, before; 30 after).
READ_AHEAD = 64
# Why a page still queued when the crawl stopped was never fetched, by Scrapy's finish reason.
UNFETCHED = {"closespider_timeout": Reason.TIME_BUDGET, "shutdown": Reason.INTERRUPTED,
             "closespider_pagecount": Reason.PAGE_LIMIT}


def media_type(content_type: bytes) -> str:
    """The media type of a Content-Type header: 'text/html; charset=utf-8' -> 'text/html'."""
    return content_type.decode("latin-1").split(";")[0].strip().lower()


class PortalSpider(scrapy.Spider):
    """Crawls one portal within its scope and bounds."""

    name = "portal"

    def __init__(self, portal=None, *, max_pages: int = 5000, max_depth: int = 12, fetch_images: bool = True,
                 max_image_bytes: int = 5 * 1024 * 1024, max_image_pixels: int = MAX_PIXELS,
                 max_url_length: int = 2048, max_calendar_pages: int = 100, clock=None, resolver=None,
                 audit_key: str = "", check_pixels: bool = False, store=None, analyser=None, auditors=None,
                 documents: bool = True, max_document_pages: int = 200, max_document_seconds: float = 20.0,
                 ocr: bool = True, **kwargs):
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
        self.store = store  # read only: last nights' validators, cached pages and cached image analyses
        self.validators: dict = {}
        # One page, one audit: body hash -> the URL audited with that body in this run ('/' and '/index.html').
        self.twins: dict[str, str] = {}
        self.cached_twins: dict[str, str] = {}  # body hash -> the URL it was audited under on an earlier night
        self.pending: dict[str, int] = {}  # URL -> depth: requested, no outcome recorded yet
        self.images_seen: set[str] = set()
        self.scheduled = 0
        # Officials' photos: a page whose images need their pixels checked waits at the gate before its audit.
        self.needs_pixels = bool(fetch_images and check_pixels)
        self.read_images = bool(fetch_images and ocr)  # the text in images, read by OCR and audited (SPEC §9)
        self.gate = ImageGate()
        self.analyser = analyser  # crawler.imaging.Analyser (worker processes), or None to analyse inline
        self.auditors = auditors  # crawler.pipelines.Auditors (worker processes), or None to audit inline
        self.parsed_in_workers = 0
        self.responses = 0  # of the `scheduled` pages, those answered (parsed, or a 304 asked ahead)
        # Documents linked in scope (PDF, office files) are read and audited like pages, within these bounds.
        self.documents = documents
        self.ocr = ocr
        self.file_limits = None
        if documents:
            from blindaje.audit.files import FileLimits

            self.file_limits = FileLimits(max_pages=max_document_pages, max_seconds=max_document_seconds)
        self._unfinished: list[PageItem] | None = None
        # Pages that answered 304 ahead of the crawl (crawler.revalidate), settled when links reach them, in order.
        self.not_modified: dict = {}
        self.answered: deque = deque()
        self.answering = False

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        """The crawl's bounds and the store to read last nights from, from the BLINDAJE_* settings."""
        settings = crawler.settings
        bounds = {"max_pages": settings.getint("BLINDAJE_MAX_PAGES", 5000),
                  "max_depth": settings.getint("BLINDAJE_MAX_DEPTH", 12),
                  "fetch_images": settings.getbool("BLINDAJE_FETCH_IMAGES", True),
                  "max_image_bytes": settings.getint("BLINDAJE_MAX_IMAGE_BYTES", 5 * 1024 * 1024),
                  "max_image_pixels": settings.getint("BLINDAJE_MAX_IMAGE_PIXELS", MAX_PIXELS),
                  "max_url_length": settings.getint("BLINDAJE_MAX_URL_LENGTH", 2048),
                  "max_calendar_pages": settings.getint("BLINDAJE_MAX_CALENDAR_PAGES", 100),
                  "audit_key": settings.get("BLINDAJE_AUDIT_KEY", ""),
                  "check_pixels": settings.getbool("BLINDAJE_CHECK_PIXELS"),
                  "documents": settings.getbool("BLINDAJE_DOCUMENTS", True),
                  "max_document_pages": settings.getint("BLINDAJE_MAX_DOCUMENT_PAGES", 200),
                  "max_document_seconds": settings.getfloat("BLINDAJE_MAX_DOCUMENT_SECONDS", 20.0),
                  "ocr": settings.getbool("BLINDAJE_OCR", True)}
        if settings.get("BLINDAJE_DB") and "store" not in kwargs:
            from blindaje.store import Store, open_db

            kwargs["store"] = Store(open_db(Path(settings["BLINDAJE_DB"])))
        return super().from_crawler(crawler, *args, **{**bounds, **kwargs})

    def now(self) -> str:
        return self.clock()

    async def start(self):
        if self.store is not None and self.audit_key:
            self.validators = self.store.validators(self.portal.name)
            for url, known in sorted(self.validators.items(), reverse=True):
                self.cached_twins[known[2]] = url  # several: the first URL in order, the same every night
            self.not_modified = await self._ask_ahead()
        if self.not_modified:
            # The pages answered ahead are settled as items; Scrapy's scraper closes on a signal only once no item
            # is in its pipelines, and it checks that after a callback's items, not after start()'s: the start URLs
            # are discovered in the callback of one request that needs no network (a data: URL), not here.
            yield scrapy.Request("data:,", callback=self._start_urls, errback=self._start_urls, dont_filter=True,
                                 meta={INTERNAL: True, "dont_merge_cookies": True})
            return
        for item in self._start_urls():
            yield item

    def _start_urls(self, _response_or_failure=None):
        for url in self.portal.start_urls:
            yield from self._discover(url, 0)

    def _discover(self, url: str, depth: int, parent: str | None = None):
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
            yield self._page(url, "skipped", Reason.DEPTH_LIMIT, depth=depth)
        elif reason := self.calendars.reason(url):
            yield self._page(url, "skipped", reason, depth=depth)
        elif self.scheduled >= self.max_pages:
            yield self._page(url, "skipped", Reason.PAGE_LIMIT, depth=depth)
        else:
            self.scheduled += 1
            self.pending[url] = depth
            if url in self.not_modified:
                self.responses += 1  # answered ahead (304): never a request waiting
                self.answered.append((url, depth, parent))
                if not self.answering:
                    yield from self._settle_answered()
                return
            headers = {}
            known = self.validators.get(url)
            if known and known[3] == self.audit_key:
                # Asked every night, conditionally: never skipped on heuristic freshness (MEASURED §6).
                etag, modified = known[0], known[1]
                headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", modified)) if v}
            # crawler.lazy builds Scrapy's HTTP handler at the first download, after the host's slot is taken: imported
            # now (0.04 s, once), it does not delay that request past the host's delay.
            import_http11()
            yield scrapy.Request(url, callback=self.parse, errback=self.failed, dont_filter=True, headers=headers,
                                 priority=DOCUMENT_PRIORITY if self.documents and kind_by_name(url) else 0,
                                 meta={"depth": depth, "blindaje_url": url, "parent": parent})

    async def _ask_ahead(self) -> dict:
        """Last night's pages asked "changed?" before the crawl (crawler.revalidate): {url: NotModified} for those
        that answered 304. Not when robots.txt is obeyed or a proxy is used (Scrapy's middlewares handle those), nor
        without the run's address policy (a crawl with another resolver)."""
        import sys

        from blindaje.crawler.settings import proxied

        crawler = getattr(self, "crawler", None)
        reactor = sys.modules.get("twisted.internet.reactor")  # never installs one
        policy = getattr(getattr(reactor, "nameResolver", None), "policy", None)
        if crawler is None or not isinstance(policy, AddressPolicy):
            return {}
        settings = crawler.settings
        if (not settings.getbool("BLINDAJE_ASK_AHEAD", True) or settings.getbool("ROBOTSTXT_OBEY")
                or settings.getbool("HTTPPROXY_ENABLED") and proxied()):
            return {}
        urls = {url: (known[0] or "", known[1] or "") for url, known in self.validators.items()
                if known[3] == self.audit_key and (known[0] or known[1])
                and not (self.guard.reason(url, dns=False) or self.scope.reason(url)
                         or url_trap(url, max_length=self.max_url_length))}
        if not urls:
            return {}
        from blindaje.crawler.politeness import HostDownloader
        from blindaje.crawler.revalidate import revalidate

        try:
            found = await revalidate(urls, settings=settings, policy=policy, hosts=HostDownloader.hosts, owner=self,
                                     budget=settings.getfloat("CLOSESPIDER_TIMEOUT") or None)
        except Exception as e:  # noqa: BLE001 - the crawl asks each page itself, as on a first night
            log.warning("portal %s: asking ahead failed (%s: %s); every page is asked by the crawl",
                        self.portal.name, type(e).__name__, e)
            return {}
        crawler.stats.set_value("blindaje/asked_ahead", len(urls))
        crawler.stats.set_value("blindaje/not_modified_ahead", len(found))
        return found

    def _settle_answered(self):
        """The pages that answered 304 ahead of the crawl, settled as their Scrapy responses would be (`_unchanged`).
        A queue, not recursion: an unchanged page's links lead to more such pages, and those met while the queue is
        being worked on join it."""
        self.answering = True
        stats = self.crawler.stats
        try:
            while self.answered:
                url, depth, parent = self.answered.popleft()
                answer = self.not_modified.pop(url)
                stats.inc_value("downloader/response_status_count/304")
                common = dict(final_url=None, http_status=304, content_hash=EMPTY_SHA256, depth=depth,
                              content_type=media_type(answer.content_type), bytes=0, exchange=answer.exchange)
                yield from self._unchanged(url, self.validators[url], common, answer.content_type, parent, b"")
        finally:
            self.answering = False

    def _discover_all(self, links, depth: int, parent: str | None = None):
        """The links of one page: most were seen on every other page (menus), and are passed over before any work."""
        seen = self.raw_seen
        for link in links:
            if link not in seen:
                yield from self._discover(link, depth, parent)

    def _page(self, url, outcome, reason="", **kw) -> PageItem:
        self.pending.pop(url, None)  # its outcome is now on its way to the store
        return PageItem(portal=self.portal.name, url=url, outcome=outcome, reason=reason, fetched_at=self.now(), **kw)

    def unfinished(self, finish_reason: str) -> list[PageItem]:
        """Pages requested but never answered when the crawl stopped (budget, signal), skipped with the reason;
        pages still waiting for their images, released without them (those images count as not checked).

        The same list on every call: the Audit pipeline audits the released pages, then the Store pipeline keeps all.
        """
        if self._unfinished is None:
            why = UNFETCHED.get(finish_reason) or Detailed.UNFETCHED(finish_reason)
            self._unfinished = self.gate.release_all() + [self._page(url, "skipped", why, depth=depth)
                                                          for url, depth in list(self.pending.items())]
        return self._unfinished

    def parse(self, response):
        """The page's records and the requests it leads to: a generator, or an async one when an audit worker
        parses and audits it (a document, or a page whose images' pixels need no checking). A page settled without
        an audit (unchanged, failed, skipped) gives a plain list: Scrapy's path for async output costs more, and an
        unchanged night is made of such pages."""
        if self.auditors is None:
            return self._parse_here(response)
        self.responses += 1
        page, settled = self._triage(response)
        if page is None:
            return settled
        if self.needs_pixels and not page["kind"]:  # it waits for its images at the gate: parsed here
            return chain(settled, self._parsed_here(page, response.url))
        return self._parse_in_worker(page, settled, response)

    def _triage(self, response):
        """(what the page is, or None when it is settled already, and the records that settle it)."""
        url = response.meta.get("blindaje_url", response.url)
        depth = response.meta.get("depth", 0)
        final = response.url if response.url != url else None
        ctype = media_type(response.headers.get(b"Content-Type", b""))
        body = response.body
        digest = hashlib.sha256(body).hexdigest()
        exchange = exchange_of(response)  # its headers as sent and received, should the page be evidence
        common = dict(final_url=final, http_status=response.status, content_hash=digest, depth=depth,
                      content_type=ctype, bytes=len(body), exchange=exchange)
        known = self.validators.get(url)
        unchanged = known and known[3] == self.audit_key and (response.status == 304 or known[2] == digest)
        twin_key = (known[2] if unchanged else digest, response.headers.get(b"Content-Type", b""))
        if unchanged:
            return None, self._unchanged(url, known, common, twin_key[1], response.meta.get("parent"),
                                         body if response.status != 304 else b"")
        if response.status == 200 and (twin := self._twin(url, twin_key)):
            return None, [self._page(url, "skipped", Reason.DUPLICATE, same_as=twin, **common)]
        if response.status >= 400 or response.status == 304:
            # Its body goes with it: a page whose findings were online yesterday and now answers 404 is captured.
            return None, [self._page(url, "failed", Detailed.HTTP_STATUS(response.status), body=body, **common)]
        page = dict(url=url, depth=depth, common=common, body=body, etag=_header(response, b"ETag"),
                    last_modified=_header(response, b"Last-Modified"),
                    charset=header_charset(response.headers.get(b"Content-Type")), kind="")
        if self.documents and (kind := file_kind(body, ctype, url)):
            common["linked_from"] = response.meta.get("parent")
            return {**page, "kind": kind}, []
        if self.documents and ctype in DOCUMENT_TYPES:  # the server says a document; the bytes are not one
            return None, [self._page(url, "failed", Reason.MISLABELLED, linked_from=response.meta.get("parent"),
                                     **common)]
        if ctype not in HTML_TYPES:
            return None, [self._page(url, "skipped", Reason.NOT_HTML, **common)]
        reason = sniff_binary(body)
        if reason:
            reason = code(reason) or reason  # audit.document names what it sniffed with a code's string
            return None, [self._page(url, "skipped" if reason == Reason.NOT_HTML else "failed", reason, **common)]
        return page, []

    def _unchanged(self, url: str, known: tuple, common: dict, content_type: bytes, parent, body: bytes) -> list:
        """An unchanged page's records: skipped as the duplicate of another URL with the same page, or its last
        audit carried over."""
        if twin := self._twin(url, (known[2], content_type)):
            return [self._page(url, "skipped", Reason.DUPLICATE, same_as=twin, **common)]
        return list(self._carry_over(url, common["depth"], common["final_url"], common["http_status"], known[2], body,
                                     parent, common["exchange"]))

    def _twin(self, url: str, key: tuple[str, bytes]) -> str | None:
        """The other URL whose page is this one in this run, or None when this URL is the one to audit.

        The same page: the same bytes with the same Content-Type header (a charset changes the text), at a URL whose
        relative links resolve the same ('/' and '/index.html'; not '/a' and '/a/'). The first URL to come with it
        is audited, unless another URL was audited with those bytes on an earlier night and is crawled tonight as
        well: then that one is, so a finding keeps its URL (and its id) from night to night whichever answers first.
        """
        first = self.twins.get(key)
        if first is None:
            cached = self.cached_twins.get(key[0])
            first = cached if cached is not None and cached != url and cached in self.seen else url
            self.twins[key] = first
        return first if first != url and urljoin(first, ".") == urljoin(url, ".") else None

    def _parse_here(self, response):
        page, settled = self._triage(response)
        yield from settled
        if page is not None:
            yield from self._parsed_here(page, response.url)

    def _parsed_here(self, page: dict, response_url: str):
        """A page parsed (or a document read) and, when its images' pixels need checking, held at the gate."""
        url, depth = page["url"], page["depth"]
        if page["kind"]:
            document = read_file(response_url, page["body"], page["kind"], self.file_limits, ocr=self.ocr)
        else:
            document = parse_page(response_url, page["body"], page["charset"])
        if isinstance(document, str):  # why it could not be parsed
            yield self._page(url, "failed", document, **page["common"])
            return
        item = self._audited(page, document.links, [image.src for image in document.images], document=document)
        if self.needs_pixels:
            fetch, released = self.gate.admit(item, self._image_refusal)
            for src in fetch:
                self.images_seen.add(src)
                yield self._image_request(src, url, priority=10)  # before new pages: held pages stay few
            if released is not None:
                yield released
            yield from self._discover_all(document.links, depth + 1, url)
        else:
            yield from self._handed_over(item, depth)

    async def _parse_in_worker(self, page: dict, settled: list, response):
        for record in settled:
            yield record
        discovered = False
        if (not page["kind"] and not self.auditors.ready and len(page["body"]) <= LARGE_PAGE
                and self.scheduled - self.responses < READ_AHEAD):
            # The workers are still starting (the fork server loads the audit) and few requests are left: the page's
            # links are read here, so that the crawl goes on meanwhile and the workers find pages waiting for them
            # (not a large page's: its tree would be built twice, here and in the worker).
            document = parse_page(response.url, page["body"], page["charset"])
            if not isinstance(document, str):
                discovered = True
                for record in self._discover_all(document.links, page["depth"] + 1, page["url"]):
                    yield record
        if page["kind"]:
            result = await self.auditors.read_and_audit(self.portal.name, response.url, page["body"], page["kind"],
                                                        self.file_limits, self.ocr)
        else:
            result = await self.auditors.parse_and_audit(self.portal.name, response.url, page["body"],
                                                         page["charset"])
        self.parsed_in_workers += 1
        if isinstance(result, str):  # unparseable, or the audit failed: a failed page with its reason
            yield self._page(page["url"], "failed", result, **page["common"])
            return
        item = self._audited(page, result.links, result.images)
        item.attach(result)
        for record in self._handed_over(item, page["depth"], discover=not discovered):
            yield record

    def _audited(self, page: dict, links: list[str], images: list[str], document=None) -> PageItem:
        # Image URLs are canonicalised here, once: the images table and the findings' data agree on them.
        return self._page(page["url"], "audited", "", document=document, body=page["body"], links=links,
                          kind=page["kind"],
                          image_urls={src: canonical(src) for src in images}, etag=page["etag"],
                          last_modified=page["last_modified"], **page["common"])

    def _handed_over(self, item: PageItem, depth: int, discover: bool = True):
        """A page that waits for no image: the page, its images (fetched for the record), the pages it links to
        (unless they were discovered already)."""
        yield item
        if self.fetch_images:
            for src in dict.fromkeys(item.image_urls.values()):
                yield from self._image(src, item.url)
        if discover:
            yield from self._discover_all(item.links, depth + 1, item.url)

    def _carry_over(self, url, depth, final, status, content_hash, body, parent, exchange=None):
        """An unchanged page: no parse, no audit; its findings and links come from its last audit."""
        cached = self.store.cached_page(self.portal.name, url)
        if cached is None:  # the cache row vanished: audit it properly next night, record this one as failed
            yield self._page(url, "failed", Reason.CACHE_ENTRY_MISSING, http_status=status, depth=depth)
            return
        ctype = cached.content_type or "text/html"
        yield self._page(url, "audited", "", final_url=final, http_status=status, content_hash=content_hash,
                         depth=depth, content_type=ctype, bytes=len(body), carried=True, links=cached.links,
                         cached=cached, linked_from=parent if ctype != "text/html" else None, body=body or None,
                         exchange=exchange)
        for src in cached.images:
            if src not in self.images_seen:
                self.images_seen.add(src)
                yield from self._carried_image(src, url)
        yield from self._discover_all(cached.links, depth + 1, url)

    def _carried_image(self, src: str, page_url: str):
        """An image of an unchanged page: not fetched again; last night's record and its text's findings, as the
        page's own findings are carried over."""
        last = self.store.last_image(self.portal.name, src)
        if last is None:
            return
        row, findings = last
        from blindaje.audit.model import FindingRecord

        yield ImageItem(self.portal.name, src, page_url, row["outcome"], row["reason"] or "",
                        http_status=row["http_status"], content_hash=row["content_hash"], width=row["width"],
                        height=row["height"], format=row["format"] or "", bytes=0, carried=True,
                        carried_row=row, text_status=row.get("text_status"),
                        findings=[FindingRecord.from_row(f) for f in findings])

    def _image_refusal(self, src: str) -> Reason | None:
        """Why an image is never fetched: outside the portal's scope, or a trap."""
        return self.scope.reason(src) or url_trap(src, max_length=self.max_url_length)

    def _image(self, src: str, page_url: str):
        """A request for an image (canonical URL) shown on a page, unless it was asked for already or is refused."""
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
        if self.needs_pixels or self.read_images:
            result = Refused(item.reason or Reason.NOT_ANALYSED)
            if item.outcome == "audited":
                result = await self._analyse(item, response.body)
            yield item
            if self.needs_pixels:
                for page in self.gate.done(item.url, result):
                    yield page
        else:
            yield item

    async def _analyse(self, item: ImageItem, body: bytes) -> ImageAnalysis:
        """The image's analysis (its faces when officials have portraits, its text when OCR is on), from the cache
        by content hash or from a worker; recorded on the item."""
        version = item.analysis_version = analysis_version(self.needs_pixels, self.read_images)
        row = self.store.image_analysis(item.content_hash, version) if self.store is not None else None
        if row is not None:
            result = analysis_from_row(row)
        else:
            if self.analyser is not None:
                result = await self.analyser.analyse(body, self.max_image_pixels, self.needs_pixels, self.read_images)
            else:
                result = examine(body, max_pixels=self.max_image_pixels, faces=self.needs_pixels, ocr=self.read_images)
            item.new_analysis = True
        item.analysis = result
        return result

    def _image_item(self, response) -> ImageItem:
        """The fetched image's record; its header (never its pixels) says whether it may be decoded."""
        url, page = response.meta["blindaje_url"], response.meta["page_url"]
        item = ImageItem(self.portal.name, url, page, "audited", http_status=response.status, bytes=len(response.body),
                         content_hash=hashlib.sha256(response.body).hexdigest(), body=response.body,
                         exchange=exchange_of(response), fetched_at=self.now())
        if response.status >= 400:
            item.outcome, item.reason = "failed", Detailed.HTTP_STATUS(response.status)
            return item
        try:
            with untrusted_image(response.body, self.max_image_pixels) as img:
                item.width, item.height, item.format = img.width, img.height, (img.format or "").lower()
        except ImageRefused as e:
            reason = e.args[0]
            item.outcome, item.reason = ("skipped" if reason == Reason.TOO_MANY_PIXELS else "failed"), reason
        return item

    def image_failed(self, failure):
        request = failure.request
        src = request.meta.get("blindaje_url", request.url)
        item = ImageItem(self.portal.name, src, request.meta.get("page_url", ""), "failed", _reason(failure))
        yield item
        if self.needs_pixels:
            yield from self.gate.done(src, Refused(item.reason))

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
    """A short, stable reason for a failed request: a code, or the exception's name when no code fits."""
    exc = failure.value
    name = type(exc).__name__
    text = str(exc)
    if isinstance(exc, IgnoreRequest):
        if "DOWNLOAD_MAXSIZE" in text:  # HttpCompressionMiddleware: a compression bomb, stopped while inflating
            return Reason.TOO_LARGE
        if "max redirections" in text:
            return Reason.TOO_MANY_REDIRECTS
        return code(text) or text[:200] or Reason.IGNORED  # the scope middleware's refusals are codes
    if isinstance(exc, (TxTimeout, TCPTimedOutError)) or "Timeout" in name:
        return Reason.TIMEOUT
    if isinstance(exc, DNSLookupError) or name == "CannotResolveHostError":
        request = getattr(failure, "request", None)
        if request is not None and private_refusal(request.url):  # the resolver gave no address it may use
            return Reason.REDIRECT_PRIVATE_ADDRESS if request.meta.get("redirect_urls") else PRIVATE
        return Reason.DNS_LOOKUP_FAILED
    if "Cancelled" in name or "maxsize" in text.lower() or "Expected to receive" in text:
        return Reason.TOO_LARGE  # Scrapy cancels a download once it passes DOWNLOAD_MAXSIZE (or announces more)
    if "ConnectionRefused" in name:
        return Reason.CONNECTION_REFUSED
    if "DataLoss" in name:
        return Reason.INCOMPLETE_RESPONSE
    if name in ("DownloadFailedError", "ResponseNeverReceived", "ResponseFailed", "ConnectionLost", "ConnectionDone"):
        return Reason.CONNECTION_LOST  # the server hung up before a complete response
    return name[:80]


def _header(response, name: bytes) -> str:
    return (response.headers.get(name) or b"").decode("latin-1")[:200]
