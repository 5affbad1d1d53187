"""Run the crawl of several portals in this process (one Twisted reactor, started once) and return their stats."""
from __future__ import annotations

from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from blindaje.crawler import settings as project_settings
from blindaje.crawler.auditing import Auditors, officials_setting
from blindaje.crawler.forkserver import audit_workers, stop_fork_server
from blindaje.crawler.imaging import Analyser
from blindaje.crawler.pipelines import audit_args
from blindaje.crawler.spiders.portal import PortalSpider


def portal_settings(*, db: Path, run_id: int, config_dir: Path | None, context, audit_key: str = "",
                    check_pixels: bool = False, portal: str = "", warc: str = "", data_dir: Path | None = None,
                    capture_all: bool = False) -> dict:
    """The BLINDAJE_* settings of one portal's crawl: where its pages go and what its audit needs (plain values);
    `warc`: where its captures go, relative to `data_dir` (empty: none are kept)."""
    return {"BLINDAJE_PORTAL": portal, "BLINDAJE_WARC": warc, "BLINDAJE_DATA_DIR": str(data_dir or ""),
            "BLINDAJE_CAPTURE_ALL": capture_all,"BLINDAJE_DB": str(db), "BLINDAJE_RUN_ID": run_id,
            "BLINDAJE_CONFIG_DIR": str(config_dir) if config_dir else "",
            "BLINDAJE_OFFICIALS": officials_setting(context.officials),
            "BLINDAJE_EXCEPTION_PATHS": dict(context.exception_paths), "BLINDAJE_AUDIT_KEY": audit_key,
            "BLINDAJE_CHECK_PIXELS": check_pixels}


def ocr_note(enabled: bool) -> dict:
    """What the run can read in images and image-only PDF pages: {"engine": version}, or {"error": why not}."""
    if not enabled:
        return {"error": "crawl.ocr is false"}
    from blindaje.audit.ocr import engine_version, ocr_engine

    version = engine_version()
    if version is not None:
        return {"engine": version}
    engine = ocr_engine()  # why there is none, as a reason code
    return {"error": engine} if isinstance(engine, str) else {"engine": engine.version}


def crawl_portals(*, portals, crawl, config_dir: Path | None, contexts, db: Path, run_id: int, clock,
                  log_level: str = "WARNING", audit_keys: dict | None = None, portraits: dict | None = None,
                  data_dir: Path | None = None, warcs: dict | None = None, capture_all: bool = False) -> dict:
    """Crawl `portals` (Portal models) with the `crawl:` settings; pages go to the SQLite file `db` under `run_id`.

    `config_dir` holds the local rule packs (rules/); `contexts` maps a portal name to its AuditContext; `clock()`
    returns the current ISO timestamp with offset; `audit_keys` maps a portal name to the key of everything its
    audit depends on (empty: no incremental nights); `portraits` maps a tuple of officials to its prepared
    PortraitIndex (audit.portraits.prepare_portraits): a portal whose officials have one waits for its images' pixels.
    `warcs` maps a portal name to its WARC file, relative to `data_dir` (SPEC §10; none: no captures);
    `capture_all` captures every audited page, not only those that are evidence.
    Returns {portal: {"finish_reason": …, "image_analysis": …, "stats": {…}}}.
    """
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.update(project_settings.crawl_settings(crawl, concurrent_total=16 * max(1, len(portals))), priority="cmdline")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    settings.set("LOG_INSTALL_ROOT_HANDLER", True, priority="cmdline")
    settings.set("BLINDAJE_PORTAL_HOSTS", [list(p.allowed_domains) for p in portals], priority="cmdline")
    text_note = ocr_note(crawl.ocr)
    if "error" in text_note:  # no engine: documents and images are still audited, their pixels' text is not read
        settings.set("BLINDAJE_OCR", False, priority="cmdline")
    process = CrawlerProcess(settings)
    crawlers = {}
    analyser = Analyser(crawl.image_workers)  # one pool of worker processes for every portal
    portraits = portraits or {}
    for portal in portals:
        context = contexts[portal.name]
        crawler = process.create_crawler(PortalSpider)
        crawler.settings.update(portal_settings(
            db=db, run_id=run_id, config_dir=config_dir, context=context,
            audit_key=(audit_keys or {}).get(portal.name, ""), check_pixels=bool(portraits.get(context.officials)),
            portal=portal.name, warc=(warcs or {}).get(portal.name, ""), data_dir=data_dir, capture_all=capture_all),
            priority="cmdline")
        crawlers[portal.name] = crawler
    workers = audit_workers(crawl.audit_workers)
    # Each portal's Auditor is made in the workers from these plain values and the portraits prepared here.
    args = {p.name: (*audit_args(crawlers[p.name].settings), portraits.get(contexts[p.name].officials))
            for p in portals}
    auditors = Auditors(workers, args) if workers else None
    for portal in portals:
        process.crawl(crawlers[portal.name], portal=portal, clock=clock, analyser=analyser, auditors=auditors)
    try:
        process.start()
    finally:
        analyser.close()
        if auditors is not None:
            auditors.close()
        stop_fork_server()
    out = {}
    indexes = [index for index in portraits.values() if index]
    note = {"mode": "pixels", **indexes[0].describe()} if indexes else {"mode": "text", "reason": "no portraits"}
    if indexes and not crawl.fetch_images:
        note = {"mode": "text", "reason": "fetch_images is false"}
    note = {**note, "ocr": text_note}
    for name, crawler in crawlers.items():
        stats = crawler.stats.get_stats() if crawler.stats else {}
        out[name] = {"finish_reason": stats.get("finish_reason", "unknown"), "image_analysis": note,
                     "stats": {k: v for k, v in stats.items() if isinstance(v, (int, float, str))}}
    return out
