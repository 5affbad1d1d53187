"""Run the crawl of several portals in this process (one Twisted reactor, started once) and return their stats."""
from __future__ import annotations

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from blindaje.audit.engine import Auditor
from blindaje.crawler.imaging import Analyser
from blindaje.crawler import settings as project_settings
from blindaje.crawler.spiders.portal import PortalSpider


def crawl_portals(*, portals, crawl, rules, contexts, store, run_id: int, clock, log_level: str = "WARNING",
                  audit_keys: dict | None = None, portraits: dict | None = None) -> dict:
    """Crawl `portals` (Portal models) with the `crawl:` settings; pages go to `store` under `run_id`.

    `contexts` maps a portal name to its AuditContext; `clock()` returns the current ISO timestamp with offset;
    `audit_keys` maps a portal name to the key of everything its audit depends on (empty: no incremental nights);
    `portraits` maps a tuple of officials to its prepared PortraitIndex (audit.portraits.prepare_portraits).
    Returns {portal: {"finish_reason": …, "stats": {…}}}.
    """
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.update(project_settings.crawl_settings(crawl, concurrent_total=16 * max(1, len(portals))), priority="cmdline")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    settings.set("LOG_INSTALL_ROOT_HANDLER", True, priority="cmdline")
    process = CrawlerProcess(settings)
    crawlers = {}
    analyser = Analyser(crawl.image_workers)
    portraits = dict(portraits or {})  # one index of reference portraits per list of officials, shared
    for portal in portals:
        context = contexts[portal.name]
        auditor = Auditor(rules, context, portraits.get(context.officials))
        portraits[context.officials] = auditor.portraits
        crawler = process.create_crawler(PortalSpider)
        crawlers[portal.name] = crawler
        process.crawl(crawler, portal=portal, max_pages=crawl.max_pages, max_depth=crawl.max_depth,
                      fetch_images=crawl.fetch_images, max_image_bytes=crawl.max_image_bytes,
                      max_image_pixels=crawl.max_image_pixels, max_url_length=crawl.max_url_length,
                      max_calendar_pages=crawl.max_calendar_pages, clock=clock,
                      auditor=auditor, store=store, run_id=run_id, analyser=analyser,
                      audit_key=(audit_keys or {}).get(portal.name, ""))
    try:
        process.start()
    finally:
        analyser.close()
    out = {}
    indexes = [index for index in portraits.values() if index]
    note = {"mode": "pixels", **indexes[0].describe()} if indexes else {"mode": "text", "reason": "no portraits"}
    if indexes and not crawl.fetch_images:
        note = {"mode": "text", "reason": "fetch_images is false"}
    for name, crawler in crawlers.items():
        stats = crawler.stats.get_stats() if crawler.stats else {}
        out[name] = {"finish_reason": stats.get("finish_reason", "unknown"), "image_analysis": note,
                     "stats": {k: v for k, v in stats.items() if isinstance(v, (int, float, str))}}
    return out
