"""Single URLs fetched for `blindaje check` the way a crawl fetches pages: same downloader, scope, address policy,
size bound, total timeout per request and truncation check, each target a one-page "portal" on its own host."""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from blindaje.audit.reasons import Detailed, Reason
from blindaje.crawler import settings as project_settings
from blindaje.crawler.addresses import AddressGuard
from blindaje.crawler.charset import header_charset
from blindaje.crawler.spiders.portal import _reason
from blindaje.crawler.urls import Scope


@dataclass
class Fetched:
    """What came back for a URL: its bytes, or why there are none (`error`, a crawl reason such as 'timeout')."""

    url: str
    final_url: str = ""
    status: int | None = None
    body: bytes = b""
    charset: str | None = None
    error: str = ""
    images: dict[str, Fetched] = field(default_factory=dict)  # image URL as written -> its fetch


class FetchSpider(scrapy.Spider):
    """Fetches one target (and, when `images_of` names them, its images) within the target's host."""

    name = "fetch"
    custom_settings = {"ITEM_PIPELINES": {}, "EXTENSIONS": {},
                       "SPIDER_MIDDLEWARES": {"blindaje.crawler.middlewares.RecordCrashes": None}}

    def __init__(self, target: str = "", *, results: dict | None = None,
                 images_of: Callable[[str, bytes, str | None], list[str]] | None = None,
                 max_image_bytes: int = 5 * 1024 * 1024, **kwargs):
        super().__init__(**kwargs)
        host = (urlsplit(target).hostname or "").lower()
        self.target = target
        self.scope = Scope([host])  # any port of the target's host, as a portal's allowed_domains entry
        self.guard = AddressGuard([host])  # IP literals only (no DNS): host names meet the resolver's policy
        self.results = results if results is not None else {}
        self.images_of = images_of
        self.max_image_bytes = max_image_bytes

    async def start(self):
        yield scrapy.Request(self.target, callback=self.page, errback=self.failed, dont_filter=True)

    def page(self, response):
        fetched = Fetched(self.target, final_url=response.url, status=response.status, body=response.body,
                          charset=header_charset(response.headers.get(b"Content-Type")))
        self.results[self.target] = fetched
        if response.status >= 400:
            fetched.error = Detailed.HTTP_STATUS(response.status)
            return
        for src in dict.fromkeys(self.images_of(response.url, response.body, fetched.charset)
                                 if self.images_of else ()):
            if reason := self.scope.reason(src) or self.guard.reason(src, dns=False):
                fetched.images[src] = Fetched(src, error=reason)
                continue
            fetched.images[src] = Fetched(src, error=Reason.NOT_FETCHED)  # until it answers
            yield scrapy.Request(src, callback=self.image, errback=self.image_failed, dont_filter=True,
                                 meta={"download_maxsize": self.max_image_bytes, "src": src})

    def image(self, response):
        src = response.meta["src"]
        fetched = Fetched(src, final_url=response.url, status=response.status, body=response.body)
        if response.status >= 400:
            fetched.error = Detailed.HTTP_STATUS(response.status)
        self.results[self.target].images[src] = fetched

    def failed(self, failure):
        self.results[self.target] = Fetched(self.target, error=_reason(failure))

    def image_failed(self, failure):
        src = failure.request.meta["src"]
        self.results[self.target].images[src] = Fetched(src, error=_reason(failure))


def fetch_targets(urls: list[str], crawl, *, images_of=None, log_level: str = "ERROR") -> dict[str, Fetched]:
    """Fetch `urls` as `_fetch` does, in a child process of its own: Twisted's reactor runs once per process, so a
    `check` called twice in one process (a library user, the tests' CliRunner) fetches both times."""
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_fetch_into, args=(send, urls, crawl, images_of, log_level), daemon=True)
    child.start()
    send.close()
    try:
        results = receive.recv()  # before join: the bodies may be more than a pipe's buffer
    except EOFError:  # the child died without answering
        results = {}
    child.join()
    return {url: results.get(url) or Fetched(url, error=Reason.TIMEOUT if child.exitcode == 0 else Reason.INTERRUPTED)
            for url in urls}


def _fetch_into(pipe, urls, crawl, images_of, log_level) -> None:
    try:
        pipe.send(_fetch(urls, crawl, images_of=images_of, log_level=log_level))
    finally:
        pipe.close()


def _fetch(urls: list[str], crawl, *, images_of=None, log_level: str = "ERROR") -> dict[str, Fetched]:
    """Fetch `urls` (each within its own host) with the `crawl:` settings, in this process's one reactor run.

    Each request is bounded by crawl.timeout_seconds from connection to last byte, and the whole fetch by twice that
    (a page, then its images): what has not answered by then is a 'timeout'. `images_of(url, body, charset)` lists
    the image URLs of a fetched page to fetch too (same host only). Returns {url: Fetched}.
    """
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.update(project_settings.crawl_settings(crawl), priority="cmdline")
    settings.set("CLOSESPIDER_TIMEOUT", 2 * crawl.timeout_seconds + 1, priority="cmdline")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")  # the command's own logging stays as it is
    settings.set("BLINDAJE_PORTAL_HOSTS", [[urlsplit(u).hostname or ""] for u in urls], priority="cmdline")
    process = CrawlerProcess(settings)
    results: dict[str, Fetched] = {}
    for url in dict.fromkeys(urls):
        process.crawl(FetchSpider, target=url, results=results, images_of=images_of,
                      max_image_bytes=crawl.max_image_bytes)
    process.start()
    for url in urls:
        if url not in results:  # the whole fetch's time ran out before it answered
            results[url] = Fetched(url, error=Reason.TIMEOUT)
    return results
