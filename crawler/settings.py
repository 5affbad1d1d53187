"""Scrapy settings shared by every Blindaje crawl; per-deployment values come from settings.yaml (see crawl_settings).

Blindaje's own settings share the BLINDAJE_ prefix. Per crawl: BLINDAJE_MAX_PAGES, BLINDAJE_MAX_DEPTH,
BLINDAJE_FETCH_IMAGES, BLINDAJE_MAX_IMAGE_BYTES, BLINDAJE_MAX_IMAGE_PIXELS, BLINDAJE_MAX_URL_LENGTH,
BLINDAJE_MAX_CALENDAR_PAGES, BLINDAJE_DOCUMENTS, BLINDAJE_MAX_DOCUMENT_PAGES, BLINDAJE_MAX_DOCUMENT_SECONDS,
BLINDAJE_OCR (crawl_settings), BLINDAJE_ASK_AHEAD (default on: an incremental night's conditional
requests sent ahead of the crawl, crawler.revalidate). Per portal (crawler.run.portal_settings): BLINDAJE_DB (the
SQLite file), BLINDAJE_RUN_ID, BLINDAJE_CONFIG_DIR (rule packs: the shipped ones and the directory's rules/),
BLINDAJE_OFFICIALS, BLINDAJE_EXCEPTION_PATHS, BLINDAJE_AUDIT_KEY (empty: no incremental nights),
BLINDAJE_CHECK_PIXELS (images wait for their pixels to be analysed before their page's audit), BLINDAJE_PORTAL,
BLINDAJE_DATA_DIR and BLINDAJE_WARC (the portal's WARC file, relative to the data directory; empty: no captures)
and BLINDAJE_CAPTURE_ALL (capture every audited page, not only the evidence). The Store pipeline
commits pages in batches of BLINDAJE_STORE_BATCH_PAGES (500), at least every BLINDAJE_STORE_BATCH_SECONDS (0.5).
Per process (crawler.run.crawl_portals): BLINDAJE_PORTAL_HOSTS, every portal's allowed_domains (the address policy).
"""
from scrapy.settings import default_settings

BOT_NAME = "blindaje"
SPIDER_MODULES = ["blindaje.crawler.spiders"]
NEWSPIDER_MODULE = "blindaje.crawler.spiders"
ROBOTSTXT_OBEY = False
TELNETCONSOLE_ENABLED = False
HTTPERROR_ALLOW_ALL = True  # 404 and 500 pages are recorded as failed, with their status, never dropped silently
REDIRECT_MAX_TIMES = 5
DOWNLOAD_WARNSIZE = 0
LOG_LEVEL = "WARNING"
# WireEncoding sees each response before HttpCompressionMiddleware (590) inflates it: a capture records how it came.
DOWNLOADER_MIDDLEWARES = {"blindaje.crawler.middlewares.ScopeMiddleware": 50,
                          "blindaje.crawler.middlewares.WireEncoding": 595}
# Scrapy's cookies middleware and HTTP/1.1 handler, imported at their first use (crawler.lazy): a night whose pages
# all answered 304 ahead of the crawl sends Scrapy no request. Scrapy's MetaRefreshMiddleware decoded every page to
# look for a refresh: crawler.middlewares.MetaRefresh first looks at its bytes. Replaced in the base lists: a
# component set to None is still imported.
_REPLACED = {"scrapy.downloadermiddlewares.cookies.CookiesMiddleware": "blindaje.crawler.lazy.LazyCookies",
             "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": "blindaje.crawler.middlewares.MetaRefresh"}
DOWNLOADER_MIDDLEWARES_BASE = {_REPLACED.get(path, path): order
                               for path, order in default_settings.DOWNLOADER_MIDDLEWARES_BASE.items()}
DOWNLOAD_HANDLERS_BASE = {**default_settings.DOWNLOAD_HANDLERS_BASE, "http": "blindaje.crawler.lazy.LazyHTTP11",
                          "https": "blindaje.crawler.lazy.LazyHTTP11"}
# The spider keeps each page's depth and refuses over-long URLs itself (recorded as skipped, with the reason):
# Scrapy's DepthMiddleware would only repeat the count, and its UrlLengthMiddleware would drop URLs longer than
# 2,083 characters silently if crawl.max_url_length were set above that. Both cost a layer on every response.
SPIDER_MIDDLEWARES = {"blindaje.crawler.middlewares.RecordCrashes": 50,
                      "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
                      "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": None}
ITEM_PIPELINES = {"blindaje.crawler.pipelines.AuditPipeline": 300, "blindaje.crawler.pipelines.StorePipeline": 400}
EXTENSIONS = {"blindaje.crawler.extensions.Progress": 500}
# Scrapy's RemoteControl (on by default since 2.19) runs Python code sent to a localhost HTTP server: off, like the
# telnet console. Scrapy imports every component it is given, a disabled one too (to resolve its name), so both are
# left out of the base list rather than set to None: the crawl is also spared aiohttp's import (0.1 s a night).
EXTENSIONS_BASE = {path: order for path, order in default_settings.EXTENSIONS_BASE.items()
                   if path not in ("scrapy.extensions.remote_control.RemoteControl",
                                   "scrapy.extensions.telnet.TelnetConsole")}
# Our pipelines are synchronous, so items gain nothing from running concurrently, while Scrapy starts CONCURRENT_ITEMS
# asyncio tasks for every response whatever its item count: 100 per page was a fifth of an unchanged night's CPU.
CONCURRENT_ITEMS = 1
# Scrapy parses each callback's source on every response to warn about `return value` in generators (its cache misses
# bound methods): a development lint, a tenth of an unchanged night. tests/test_spider.py checks ours instead.
WARN_ON_GENERATOR_RETURN_VALUE = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
# Politeness per host across every portal of the run (crawler.politeness), not per crawler.
DOWNLOADER = "blindaje.crawler.politeness.HostDownloader"
# The address policy where connections are made: resolved in threads, only allowed addresses handed over
# (crawler.addresses.GuardedResolver; BLINDAJE_PORTAL_HOSTS lists each portal's allowed_domains).
TWISTED_DNS_RESOLVER = "blindaje.crawler.addresses.GuardedResolver"
FEED_EXPORT_ENCODING = "utf-8"


def proxied() -> bool:
    """Does the environment configure a proxy (http_proxy, https_proxy…), which Scrapy's HttpProxyMiddleware uses?"""
    from urllib.request import getproxies

    return bool(getproxies())


def retry_exceptions() -> list:
    """Scrapy's retried exceptions. Its TunnelError (an HTTPS proxy refusing a CONNECT) is named only when the
    environment configures a proxy: without one it cannot be raised, and naming it imports Scrapy's HTTP/1.1 handler
    as the crawl starts, which crawler.lazy.LazyHTTP11 leaves to the first request."""
    if proxied():
        return list(default_settings.RETRY_EXCEPTIONS)
    return [e for e in default_settings.RETRY_EXCEPTIONS if not (isinstance(e, str) and e.endswith(".TunnelError"))]


def crawl_settings(crawl, *, concurrent_total: int = 16) -> dict:
    """Scrapy settings from the `crawl:` section of settings.yaml (a CrawlSettings model)."""
    agent = crawl.user_agent + (f" (+{crawl.contact})" if crawl.contact else "")
    return {
        "USER_AGENT": agent,
        "CONCURRENT_REQUESTS": max(concurrent_total, crawl.concurrency_per_host),
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrency_per_host,
        "DOWNLOAD_DELAY": crawl.delay_seconds,
        "AUTOTHROTTLE_ENABLED": crawl.autothrottle,
        "AUTOTHROTTLE_START_DELAY": max(crawl.delay_seconds, 0.1),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(crawl.concurrency_per_host),
        "DOWNLOAD_TIMEOUT": crawl.timeout_seconds,
        "RETRY_TIMES": crawl.retries,
        "RETRY_EXCEPTIONS": retry_exceptions(),
        "DOWNLOAD_MAXSIZE": crawl.max_page_bytes,
        "ROBOTSTXT_OBEY": crawl.obey_robots_txt,
        "CLOSESPIDER_TIMEOUT": crawl.portal_budget_seconds,
        "BLINDAJE_MAX_PAGES": crawl.max_pages,
        "BLINDAJE_MAX_DEPTH": crawl.max_depth,
        "BLINDAJE_FETCH_IMAGES": crawl.fetch_images,
        "BLINDAJE_MAX_IMAGE_BYTES": crawl.max_image_bytes,
        "BLINDAJE_MAX_IMAGE_PIXELS": crawl.max_image_pixels,
        "BLINDAJE_MAX_URL_LENGTH": crawl.max_url_length,
        "BLINDAJE_MAX_CALENDAR_PAGES": crawl.max_calendar_pages,
        "BLINDAJE_DOCUMENTS": crawl.documents,
        "BLINDAJE_MAX_DOCUMENT_PAGES": crawl.max_document_pages,
        "BLINDAJE_MAX_DOCUMENT_SECONDS": crawl.max_document_seconds,
        "BLINDAJE_OCR": crawl.ocr,
    }
