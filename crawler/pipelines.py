"""Item pipelines: the Audit pipeline turns a parsed page into findings, then the Store pipeline records it."""
from __future__ import annotations

import logging
import time
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import DropItem, NotConfigured
from twisted.internet import task

from blindaje.audit.engine import Auditor
from blindaje.audit.loader import load_rules
from blindaje.audit.model import AuditContext, FindingRecord, Official
from blindaje.audit.portraits import ANALYSER_VERSION, Analysis, portraits_for
from blindaje.audit.reasons import Detailed
from blindaje.crawler.items import ImageItem, PageItem
from blindaje.store import Store, open_db
from blindaje.store.records import CacheEntry, ImageRecord, PageRecord

log = logging.getLogger("blindaje.crawl")
BATCH_BYTES = 16 * 1024 * 1024  # page bodies held for one commit, at most (about)


def officials_setting(officials) -> list[dict]:
    """Officials (audit.model.Official) as the plain values of the BLINDAJE_OFFICIALS setting."""
    return [{"name": o.name, "position": o.position, "jurisdiction": o.jurisdiction, "aliases": list(o.aliases),
             "photos": list(o.photos)} for o in officials]


def officials_from_setting(entries) -> tuple[Official, ...]:
    return tuple(Official(e["name"], e.get("position", ""), e.get("jurisdiction", "federal"),
                          tuple(e.get("aliases", ())), tuple(e.get("photos", ()))) for e in entries or ())


class AuditPipeline:
    """Audits each parsed page against the rule packs, the officials and the portal's exceptions; a page unchanged
    since its last audit brings that audit's findings instead. Findings are attached to the page item."""

    def __init__(self, auditor: Auditor | None = None, stats=None, *, build=None):
        """`auditor`, or `build`, a function that makes it: then made for the first page that needs an audit, so a
        night on which nothing changed compiles no rule pack and analyses no reference portrait."""
        self._auditor = auditor
        self._build = build
        self.stats = stats

    @property
    def auditor(self) -> Auditor:
        if self._auditor is None:
            self._auditor = self._build()
        return self._auditor

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        config_dir = settings.get("BLINDAJE_CONFIG_DIR")
        context = AuditContext(officials_from_setting(settings.getlist("BLINDAJE_OFFICIALS")),
                               settings.getdict("BLINDAJE_EXCEPTION_PATHS"))
        check_pixels = settings.getbool("BLINDAJE_CHECK_PIXELS")

        def build() -> Auditor:
            rules = load_rules(Path(config_dir)) if config_dir else load_rules()
            return Auditor(rules, context, portraits_for(context.officials) if check_pixels else None)

        pipeline = cls(stats=crawler.stats, build=build)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def spider_closed(self, spider, reason):
        """Pages still waiting for their images when the crawl stops are audited without them (before they are
        stored: this pipeline connects to the signal before the Store pipeline does)."""
        for item in spider.unfinished(reason):
            self.process_item(item)

    def process_item(self, item, spider=None):
        if not isinstance(item, PageItem) or item.outcome != "audited" or item.findings is not None:
            return item
        if item.carried:
            cached = item.cached  # read once, by the spider, which needed its links
            item.findings = [FindingRecord.from_row(row) for row in cached.findings]
            item.title, item.exceptions, item.suppressed = cached.title, cached.exceptions, cached.suppressed
            item.unchecked_images = cached.unchecked_images
            self._inc("blindaje/pages/carried_over")
            return item
        try:
            result = self.auditor.audit_document(item.document, item.images)
        except Exception as e:  # a hostile page must never stop the run, nor pass as clean
            log.warning("audit failed for %s: %s", item.url, e, exc_info=True)
            item.outcome, item.reason, item.findings = "failed", Detailed.AUDIT_ERROR(type(e).__name__), []
            return item
        images = item.image_urls or {}
        # An image written on the page in another form than its canonical URL (the images table's key) keeps both.
        item.findings = [FindingRecord.of(item.portal, f, **({"image_url": images[f.evidence]}
                                                             if images.get(f.evidence, f.evidence) != f.evidence else {}))
                         for f in result.findings]
        item.title, item.exceptions, item.suppressed = result.title, result.exceptions, result.suppressed
        item.unchecked_images = result.unchecked_images
        return item

    def _inc(self, key: str, n: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(key, n)


class StorePipeline:
    """Records every page (audited, skipped or failed, with its reason), its findings and every fetched image;
    refreshes the incremental cache of each page audited tonight.

    Pages are committed in batches (every `batch_pages` pages, and at least every `batch_seconds`), each batch one
    transaction: a killed crawl loses at most the last fraction of a second of pages, never half a page, and its run
    is marked interrupted as before. Images are committed one by one: a later image reads their cached analysis.
    """

    def __init__(self, store: Store, run_id: int, audit_key: str = "", stats=None, *, batch_pages: int = 1,
                 batch_seconds: float = 0.5, monotonic=time.monotonic):
        self.store = store
        self.run_id = run_id
        self.audit_key = audit_key  # empty: no incremental nights, nothing cached
        self.stats = stats
        self.batch_pages = max(1, batch_pages)
        self.batch_seconds = batch_seconds
        self.monotonic = monotonic
        self.batch: list[tuple] = []  # (page, findings, body, cache): recorded, not yet committed
        self.batch_started = 0.0
        self.batch_bytes = 0  # the waiting pages' bodies: a batch of large pages is committed sooner
        self.timer = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.get("BLINDAJE_DB"):
            raise NotConfigured("BLINDAJE_DB (the SQLite file) is not set")
        pipeline = cls(Store(open_db(Path(settings["BLINDAJE_DB"]))), settings.getint("BLINDAJE_RUN_ID"),
                       settings.get("BLINDAJE_AUDIT_KEY", ""), crawler.stats,
                       batch_pages=settings.getint("BLINDAJE_STORE_BATCH_PAGES", 500),
                       batch_seconds=settings.getfloat("BLINDAJE_STORE_BATCH_SECONDS", 0.5))
        crawler.signals.connect(pipeline.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def spider_opened(self, spider):
        """Commit a waiting batch even while no page arrives (a slow portal)."""
        self.timer = task.LoopingCall(self.flush)
        self.timer.start(self.batch_seconds, now=False)

    def spider_closed(self, spider, reason):
        """Pages still queued when the crawl stops (time budget, SIGTERM) are recorded as skipped with why."""
        if self.timer is not None and self.timer.running:
            self.timer.stop()
        for item in spider.unfinished(reason):
            try:
                self.process_item(item)
            except DropItem as e:
                log.error("%s: %s", item.url, e)
        self.flush()

    def process_item(self, item, spider=None):
        if isinstance(item, ImageItem):
            self._image(item)
            return item
        if not isinstance(item, PageItem):
            raise DropItem("not a Blindaje item")
        if item.outcome == "audited" and item.findings is None:
            raise DropItem("page not audited: the Audit pipeline must run before the Store pipeline")
        page = PageRecord(item.portal, item.url, item.outcome, item.reason, item.final_url, item.http_status,
                          item.content_hash, item.fetched_at, item.depth, item.content_type, item.bytes, item.title,
                          item.exceptions, item.suppressed, item.unchecked_images, item.carried)
        findings = item.findings or []
        fresh = item.outcome == "audited" and not item.carried
        cache = CacheEntry(self.audit_key, item.etag, item.last_modified, item.links or []) \
            if fresh and self.audit_key else None
        body = item.body if item.outcome == "audited" else None
        if not self.batch:
            self.batch_started = self.monotonic()
        self.batch.append((page, findings, body, cache))
        self.batch_bytes += len(body or b"")
        self._inc(f"blindaje/pages/{item.outcome}")
        if item.outcome != "audited":
            self._inc(f"blindaje/pages/{item.outcome}/{item.reason}")
        for f in findings:
            self._inc(f"blindaje/findings/{f.rule}")
        self._inc("blindaje/findings", len(findings))
        item.document = item.body = item.cached = item.images = None  # release memory early
        if (len(self.batch) >= self.batch_pages or self.batch_bytes >= BATCH_BYTES
                or self.monotonic() - self.batch_started >= self.batch_seconds):
            self.flush()
        return item

    def flush(self) -> None:
        """Commit the waiting pages in one transaction; if that fails, page by page, so one bad row loses only itself."""
        batch, self.batch, self.batch_bytes = self.batch, [], 0
        if not batch:
            return
        try:
            self.store.add_pages(self.run_id, batch)
            return
        except Exception as e:  # noqa: BLE001 - retried one by one below; each failure is logged and counted
            log.warning("could not store a batch of %d pages (%s); storing them one by one", len(batch), e)
        for entry in batch:
            try:
                self.store.add_pages(self.run_id, [entry])
            except Exception as e:  # noqa: BLE001 - a page that cannot be stored is logged, never silent
                log.error("could not store page %s: %s", entry[0].url, e, exc_info=True)
                self._inc("blindaje/pages/not_stored")

    def _image(self, item: ImageItem) -> None:
        """Record a fetched image, what its analysis found (or why there is none), and cache a new analysis."""
        result = item.analysis
        record = ImageRecord(item.portal, item.url, item.page_url, item.outcome, item.reason, item.http_status,
                             item.content_hash, item.width, item.height, item.format, item.bytes)
        if isinstance(result, Analysis):
            record.phash, record.faces, record.analysis = result.phash, result.faces_total, result.face_status
        elif result:
            record.analysis = str(result)
        cache = None
        if item.new_analysis and item.content_hash and result:
            cache = (item.content_hash, ANALYSER_VERSION, result.to_row())
        self.store.add_image(self.run_id, record, item.body, cache)
        self._inc(f"blindaje/images/{item.outcome}")
        if result is not None:
            self._inc("blindaje/images/analysed" if isinstance(result, Analysis) else "blindaje/images/unanalysed")

    def _inc(self, key: str, n: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(key, n)
