"""Pipeline: each page goes through the audit library, then into the store, one transaction per page."""
from __future__ import annotations

import logging

from scrapy import signals
from scrapy.exceptions import DropItem

from blindaje.crawler.items import ImageItem, PageItem

log = logging.getLogger("blindaje.crawl")


def finding_row(portal: str, f) -> dict:
    return {"id": f.id, "portal": portal, "url": f.url, "rule": f.rule, "severity": f.severity.value,
            "evidence": f.evidence, "location": f.location, "kind": f.kind, "context": f.context,
            "message": f.message, "legal_basis": f.legal_basis, "grp": f.group, "exception": f.exception,
            "data": f.data}


class AuditStorePipeline:
    """Audits parsed pages with the spider's Auditor and records every page, image and finding."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def spider_closed(self, spider, reason):
        """Pages still queued when the crawl stops (time budget, SIGTERM) are recorded as skipped with why."""
        for item in spider.unfinished(reason):
            self.process_item(item)

    def process_item(self, item, spider=None):
        spider = self.crawler.spider
        store, run_id = spider.store, spider.run_id
        if isinstance(item, ImageItem):
            self._image(store, run_id, item)
            return item
        if not isinstance(item, PageItem):
            raise DropItem("not a Blindaje item")
        findings = []
        page = {k: v for k, v in vars(item).items() if k not in ("document", "body", "links", "cached", "images")}
        cache = None
        if item.carried:
            cached = item.cached  # read once, by the spider, which needed its links
            findings = cached["findings"]
            page.update(title=cached["title"], exceptions=cached["exceptions"], suppressed=cached["suppressed"],
                        unchecked_images=cached["unchecked_images"])
            self.stats.inc_value("blindaje/pages/carried_over")
        elif item.outcome == "audited":
            try:
                result = spider.auditor.audit_document(item.document, item.images)
                findings = [finding_row(item.portal, f) for f in result.findings]
                page.update(title=result.title, exceptions=result.exceptions, suppressed=result.suppressed,
                            unchecked_images=result.unchecked_images)
                if spider.audit_key:
                    cache = {"etag": item.etag, "last_modified": item.last_modified, "audit_key": spider.audit_key,
                             "links": item.links}
            except Exception as e:  # a hostile page must never stop the run, nor pass as clean
                log.warning("audit failed for %s: %s", item.url, e)
                page.update(outcome="failed", reason=f"audit error: {type(e).__name__}")
                findings = []
        store.add_page(run_id, page, findings, body=item.body if page["outcome"] == "audited" else None, cache=cache)
        self.stats.inc_value(f"blindaje/pages/{page['outcome']}")
        if page["outcome"] != "audited":
            self.stats.inc_value(f"blindaje/pages/{page['outcome']}/{page['reason']}")
        for f in findings:
            self.stats.inc_value(f"blindaje/findings/{f['rule']}")
        self.stats.inc_value("blindaje/findings", len(findings))
        item.document = item.body = item.cached = item.images = None  # release memory early
        return item

    def _image(self, store, run_id: int, item: ImageItem) -> None:
        """Record a fetched image, what its analysis found (or why there is none), and cache a new analysis."""
        from blindaje.audit.portraits import ANALYSER_VERSION

        row = {k: v for k, v in vars(item).items() if k not in ("analysis", "new_analysis")}
        result = item.analysis
        if isinstance(result, dict):
            row.update(phash=result["phash"], faces=result.get("faces_total", 0), analysis=result["face_status"])
        elif result:
            row["analysis"] = result
        cache = None
        if item.new_analysis and item.content_hash and result:
            cache = (item.content_hash, ANALYSER_VERSION, result if isinstance(result, dict) else None,
                     "" if isinstance(result, dict) else result)
        store.add_image(run_id, row, cache)
        self.stats.inc_value(f"blindaje/images/{item.outcome}")
        if result is not None:
            self.stats.inc_value("blindaje/images/analysed" if isinstance(result, dict) else "blindaje/images/unanalysed")
