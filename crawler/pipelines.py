"""Item pipelines: the Audit pipeline turns a parsed page into findings, then the Store pipeline records it."""
from __future__ import annotations

import logging
import time
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import DropItem, NotConfigured
from twisted.internet import task

from blindaje.audit.document import image_document, image_unread
from blindaje.audit.engine import Auditor
from blindaje.audit.model import FindingRecord, PageResult
from blindaje.audit.portraits import Analysis
from blindaje.audit.reasons import Reason
from blindaje.crawler.auditing import LARGE_PAGE, audit_failed, build_auditor, give_memory_back
from blindaje.crawler.items import ImageItem, PageItem
from blindaje.store import Store, open_db
from blindaje.store.db import storage_failure
from blindaje.store.records import CacheEntry, ImageRecord, PageRecord

log = logging.getLogger("blindaje.crawl")
BATCH_BYTES = 16 * 1024 * 1024  # page bodies held for one commit, at most (about)
NO_ENGINE = "no OCR engine"  # the prefix of every reason why no OCR engine could read (audit.reasons)


def audit_args(settings) -> tuple:
    """What a portal's Auditor is built from, as plain values (they travel to the audit worker processes)."""
    return (settings.get("BLINDAJE_CONFIG_DIR") or "", list(settings.getlist("BLINDAJE_OFFICIALS")),
            dict(settings.getdict("BLINDAJE_EXCEPTION_PATHS")), settings.getbool("BLINDAJE_CHECK_PIXELS"))


class AuditPipeline:
    """Audits each parsed page against the rule packs, the officials and the portal's exceptions (in the spider's
    audit worker processes when it has them); a page unchanged since its last audit brings that audit's findings
    instead. Findings are attached to the page item.

    While pages wait for a worker, Scrapy's scraper holds their responses and stops downloading once they pass
    SCRAPER_SLOT_MAX_ACTIVE_SIZE (5 MB): the crawl slows down instead of queueing pages without bound.
    """

    def __init__(self, auditor: Auditor | None = None, stats=None, *, args: tuple = (), crawler=None):
        """`auditor`, or `args` (audit_args) to build one in this process when first needed."""
        self._auditor = auditor
        self.args = args
        self.stats = stats
        self.crawler = crawler
        self.where = {"worker processes": 0, "the crawl's process": 0}  # pages audited, by where

    @property
    def auditor(self) -> Auditor:
        """The Auditor of this process (without worker processes, or when the crawl is stopping)."""
        if self._auditor is None:
            self._auditor = build_auditor(*self.args)
        return self._auditor

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(None, crawler.stats, args=audit_args(crawler.settings), crawler=crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def spider_closed(self, spider, reason):
        """Pages still waiting for their images when the crawl stops are audited without them, here (before they are
        stored: this pipeline connects to the signal before the Store pipeline does)."""
        for item in spider.unfinished(reason):
            if self._needs_audit(item):
                item.attach(self._inline(item))
        log.info("%s: pages parsed and audited in worker processes: %s; pages audited in %s",
                 getattr(spider, "name", "crawl"), getattr(spider, "parsed_in_workers", 0),
                 ", ".join(f"{where}: {n}" for where, n in self.where.items()))

    async def process_item(self, item, spider=None):
        if isinstance(item, ImageItem):
            self._image_text(item)
            return item
        if self._needs_audit(item):
            workers = getattr(getattr(self.crawler, "spider", None), "auditors", None)
            if workers is None or len(item.body or b"") > LARGE_PAGE:
                # A large page's parsed tree is audited where it was parsed: pickled to a worker it would be held
                # twice (a hostile 2 MB page of nested tags makes a ~300 MB tree).
                result = self._inline(item)
                if len(item.body or b"") > LARGE_PAGE:
                    item.document = None
                    give_memory_back()
            else:
                self.where["worker processes"] += 1
                try:
                    result = await workers.audit(item.portal, item.document, item.images)
                except Exception as e:  # noqa: BLE001 - a worker that died on the page, or an audit that raised
                    result = audit_failed(item.url, e)
            item.attach(result)
        return item

    def _image_text(self, item: ImageItem) -> None:
        """The text read in an image's pixels, audited like a page (SPEC §9: its findings' url is the image's,
        their location 'image text'): a few words, audited here. Its faces are the page's audit's business."""
        result = item.analysis
        if not isinstance(result, Analysis) or result.text_status == Reason.OCR_OFF or \
                result.text_status.startswith(NO_ENGINE):
            return  # not analysed, or its text not looked for tonight (the run's report says why, once)
        item.text_status = image_unread(result.text, result.text_status)
        if not result.text:
            return
        try:
            audit = self.auditor.audit_document(image_document(item.url, result.text))
        except Exception as e:  # noqa: BLE001 - the image's text is then not audited, and says so
            item.text_status = audit_failed(item.url, e)
            return
        item.findings = [FindingRecord.of(item.portal, f) for f in audit.findings if f.location == "image text"]

    def _needs_audit(self, item) -> bool:
        """Is this a page to audit tonight? Pages carried over from their last audit get its findings here."""
        if not isinstance(item, PageItem) or item.outcome != "audited" or item.findings is not None:
            return False
        if item.carried:
            cached = item.cached  # read once, by the spider, which needed its links
            item.findings = [FindingRecord.from_row(row) for row in cached.findings]
            item.title, item.exceptions, item.suppressed = cached.title, cached.exceptions, cached.suppressed
            item.unchecked_images, item.unread = cached.unchecked_images, cached.unread
            self._inc("blindaje/pages/carried_over")
            return False
        return True

    def _inline(self, item) -> PageResult | str:
        self.where["the crawl's process"] += 1
        try:
            return self.auditor.audit_document(item.document, item.images)
        except Exception as e:  # noqa: BLE001
            return audit_failed(item.url, e)

    def _inc(self, key: str, n: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(key, n)


class StorePipeline:
    """Records every page (audited, skipped or failed, with its reason), its findings and every fetched image;
    refreshes the incremental cache of each page audited tonight.

    Pages are committed in batches (every `batch_pages` pages, and at least every `batch_seconds`), each batch one
    transaction: a killed crawl loses at most the last fraction of a second of pages, never half a page, and its run
    is marked interrupted as before. Images are committed one by one: a later image reads their cached analysis.

    With `evidence` (crawler.evidence.Evidence), the pages and images that are evidence are captured to the run's
    WARC file as they arrive; the file is flushed to disk before the batch's capture rows are committed, right after
    its pages.

    The first failure of the storage itself (disk full, read-only, I/O error: store.db.storage_failure) stops the
    crawl at once (finish reason "storage failed", the cause in the stat blindaje/storage_failed): nothing more can be
    kept, so nothing more is fetched; the run is then marked failed.
    """

    def __init__(self, store: Store, run_id: int, audit_key: str = "", stats=None, *, batch_pages: int = 1,
                 batch_seconds: float = 0.5, monotonic=time.monotonic, evidence=None, crawler=None):
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
        self.evidence = evidence
        self.captures: list = []  # rows of the batch's captures (store.records.CaptureRecord), committed after it
        self.crawler = crawler
        self.failed: str | None = None  # why the storage failed: nothing more is written

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.get("BLINDAJE_DB"):
            raise NotConfigured("BLINDAJE_DB (the SQLite file) is not set")
        store = Store(open_db(Path(settings["BLINDAJE_DB"])))
        run_id = settings.getint("BLINDAJE_RUN_ID")
        evidence = None
        if settings.get("BLINDAJE_WARC"):  # where this portal's captures go, relative to BLINDAJE_DATA_DIR
            from blindaje.crawler.evidence import Evidence

            evidence = Evidence.for_run(store, Path(settings["BLINDAJE_DATA_DIR"]), settings["BLINDAJE_WARC"],
                                        settings.get("BLINDAJE_PORTAL", ""), run_id,
                                        capture_all=settings.getbool("BLINDAJE_CAPTURE_ALL"))
        pipeline = cls(store, run_id, settings.get("BLINDAJE_AUDIT_KEY", ""), crawler.stats,
                       batch_pages=settings.getint("BLINDAJE_STORE_BATCH_PAGES", 500),
                       batch_seconds=settings.getfloat("BLINDAJE_STORE_BATCH_SECONDS", 0.5), evidence=evidence,
                       crawler=crawler)
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
        for item in [] if self.failed else spider.unfinished(reason):
            try:
                self.process_item(item)
            except DropItem as e:
                log.error("%s: %s", item.url, e)
        self.flush()
        if self.evidence is not None:
            self.evidence.close()
            if self.evidence.failed:
                self._inc("blindaje/captures/failed", self.evidence.failed)

    def _storage_failed(self, e: Exception) -> bool:
        """Is `e` a failure of the storage itself? The first one stops the crawl (said once, in one log line)."""
        cause = storage_failure(e)
        if cause is None:
            return False
        if self.failed is None:
            self.failed = cause
            log.info("storage failed (%s): the crawl stops", cause)  # the run's one line says it to the user
            if self.stats is not None:
                self.stats.set_value("blindaje/storage_failed", cause)
            engine = getattr(self.crawler, "engine", None)
            if engine is not None and engine.spider is not None:
                from scrapy.utils.defer import deferred_from_coro

                deferred_from_coro(engine.close_spider_async(reason="storage failed"))
        return True

    def process_item(self, item, spider=None):
        if self.failed:  # the crawl is stopping: nothing more can be kept
            self._inc("blindaje/pages/not_stored")
            item.document = item.body = item.cached = item.images = None
            return item
        if isinstance(item, ImageItem):
            try:
                self._image(item)
            except Exception as e:
                if not self._storage_failed(e):
                    raise
            return item
        if not isinstance(item, PageItem):
            raise DropItem("not a Blindaje item")
        if item.outcome == "audited" and item.findings is None:
            raise DropItem("page not audited: the Audit pipeline must run before the Store pipeline")
        page = PageRecord(item.portal, item.url, item.outcome, item.reason, item.final_url, item.http_status,
                          item.content_hash, item.fetched_at, item.depth, item.content_type, item.bytes, item.title,
                          item.exceptions, item.suppressed, item.unchecked_images, item.carried, item.linked_from,
                          item.unread, item.same_as)
        findings = item.findings or []
        fresh = item.outcome == "audited" and not item.carried
        cache = CacheEntry(self.audit_key, item.etag, item.last_modified, item.links or [],
                           list(dict.fromkeys((item.image_urls or {}).values()))) if fresh and self.audit_key else None
        body = item.body if fresh else None  # a carried page's bytes are stored already, by hash
        if (record := self._capture(item)) is not None:
            self.captures.append(record)
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

    def _capture(self, item):
        record = self.evidence.capture(item) if self.evidence is not None else None
        if record is not None:
            self._inc(f"blindaje/captures/{record.kind}")
        return record

    def _commit_captures(self, rows: list) -> None:
        """Capture rows, once their bytes are on disk: a killed crawl never leaves a row that points past its WARC
        file's end."""
        if not rows:
            return
        self.evidence.flush()
        try:
            self.store.add_captures(self.run_id, rows)
        except Exception as e:  # noqa: BLE001 - logged and counted: the pages themselves are stored
            if not self._storage_failed(e):
                log.error("could not store %d captures: %s", len(rows), e, exc_info=True)
            self._inc("blindaje/captures/not_stored", len(rows))

    def flush(self) -> None:
        """Commit the waiting pages in one transaction; if that fails, page by page, so one bad row loses only itself.
        Their captures are committed right after."""
        batch, self.batch, self.batch_bytes = self.batch, [], 0
        captures, self.captures = self.captures, []
        if not batch:
            return
        if self.failed:
            self._inc("blindaje/pages/not_stored", len(batch))
            return
        try:
            self.store.add_pages(self.run_id, batch)
            self._commit_captures(captures)
            return
        except Exception as e:  # noqa: BLE001 - retried one by one below; each failure is logged and counted
            if self._storage_failed(e):
                self._inc("blindaje/pages/not_stored", len(batch))
                return
            log.warning("could not store a batch of %d pages (%s); storing them one by one", len(batch), e)
        for entry in batch:
            if self.failed:
                self._inc("blindaje/pages/not_stored")
                continue
            try:
                self.store.add_pages(self.run_id, [entry])
            except Exception as e:  # noqa: BLE001 - a page that cannot be stored is logged, never silent
                if self._storage_failed(e):
                    self._inc("blindaje/pages/not_stored")
                    continue
                log.error("could not store page %s: %s", entry[0].url, e, exc_info=True)
                self._inc("blindaje/pages/not_stored")
        self._commit_captures(captures)

    def _image(self, item: ImageItem) -> None:
        """Record a fetched image, what its analysis found (or why there is none), and cache a new analysis."""
        result = item.analysis
        record = ImageRecord(item.portal, item.url, item.page_url, item.outcome, item.reason, item.http_status,
                             item.content_hash, item.width, item.height, item.format, item.bytes)
        if isinstance(result, Analysis):
            record.phash, record.faces, record.analysis = result.phash, result.faces_total, result.face_status
        elif result:
            record.analysis = str(result)
        elif item.carried_row:
            last = item.carried_row
            record.phash, record.faces, record.analysis = last["phash"], last["faces"], last["analysis"]
        record.text_status = item.text_status
        cache = None
        if item.new_analysis and item.content_hash and result:
            cache = (item.content_hash, item.analysis_version, result.to_row())
        self.store.add_image(self.run_id, record, item.body, cache, item.findings)
        if (capture := self._capture(item)) is not None:
            self._commit_captures([capture])
        self._inc("blindaje/findings", len(item.findings))
        self._inc(f"blindaje/images/{item.outcome}")
        if result is not None:
            self._inc("blindaje/images/analysed" if isinstance(result, Analysis) else "blindaje/images/unanalysed")

    def _inc(self, key: str, n: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(key, n)
