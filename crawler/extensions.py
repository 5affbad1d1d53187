"""Progress on a terminal (pages done, failed, findings, rate); silent when not attached to one (cron)."""
from __future__ import annotations

import sys
import time

from scrapy import signals
from twisted.internet import task


class Progress:
    """Rewrites one status line on stderr every second while a crawl runs, if stderr is a terminal."""

    def __init__(self, crawler, stream=None):
        self.crawler = crawler
        self.stream = stream or sys.stderr
        self.loop = None
        self.started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider):
        self.started = time.monotonic()
        if self.stream.isatty():
            self.loop = task.LoopingCall(self.show, spider)
            self.loop.start(1.0, now=False)

    def line(self, spider) -> str:
        get = self.crawler.stats.get_value
        audited, failed = get("blindaje/pages/audited", 0), get("blindaje/pages/failed", 0)
        skipped, findings = get("blindaje/pages/skipped", 0), get("blindaje/findings", 0)
        rate = (audited + failed) / max(time.monotonic() - self.started, 1e-6)
        return (f"{spider.portal.name}: {audited} audited, {failed} failed, {skipped} skipped, "
                f"{findings} findings, {rate:.1f} pages/s")

    def show(self, spider):
        self.stream.write("\r\x1b[K" + self.line(spider))
        self.stream.flush()

    def closed(self, spider, reason):
        if self.loop and self.loop.running:
            self.loop.stop()
            self.stream.write("\r\x1b[K")
            self.stream.flush()
