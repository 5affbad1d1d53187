"""Politeness per host for the whole run: every portal's crawler in this process shares one limit and one delay per host.

Scrapy keeps its download slots (concurrency per domain, delay) inside each crawler's Downloader, so 20 portals on
www.gob.mx with `concurrency_per_host: 2` would send 40 requests at once. `HostDownloader` asks the process-wide
`HOSTS` before each download leaves its slot: at most the slot's concurrency in flight per host, and starts spaced by
at least the slot's delay (AutoThrottle's current delay, never under `delay_seconds`), across all crawlers. Like
Scrapy's process-wide `dnscache`, one table per process: one process is one run (the reactor starts once).
"""
from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

from scrapy.core.downloader import Downloader
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred


class Abandoned(IgnoreRequest):
    """A request still waiting for its host when its crawler closed (time budget, signal): never sent."""


@dataclass
class _Host:
    active: int = 0
    last_start: float = float("-inf")
    waiting: deque = field(default_factory=deque)  # (deferred, owner, concurrency, delay), first come first served
    timer: object | None = None


class HostSlots:
    """Per-host admission shared by every downloader of the process: concurrency and spacing of request starts."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.hosts: dict[str, _Host] = {}
        self.max_active: dict[str, int] = {}  # the most requests ever in flight per host (for tests and benchmarks)

    def acquire(self, key: str, owner, concurrency: int, delay: float) -> Deferred:
        """A Deferred that fires when a request to host `key` may start; call release(key) when it is done."""
        host = self.hosts.setdefault(key, _Host())
        d: Deferred = Deferred()
        host.waiting.append((d, owner, max(1, int(concurrency or 1)), max(0.0, float(delay or 0.0))))
        self._pump(key)
        return d

    def release(self, key: str) -> None:
        host = self.hosts.get(key)
        if host is None:
            return
        host.active = max(0, host.active - 1)
        self._pump(key)

    def abandon(self, owner) -> None:
        """Fail the requests of `owner` (a closing downloader) still waiting: they are never sent."""
        for key, host in list(self.hosts.items()):
            mine = [w for w in host.waiting if w[1] is owner]
            if not mine:
                continue
            host.waiting = deque(w for w in host.waiting if w[1] is not owner)
            for d, *_ in mine:
                d.errback(Abandoned("crawl closed before the host was free"))
            self._pump(key)

    def _pump(self, key: str) -> None:
        host = self.hosts[key]
        while host.waiting:
            d, _, concurrency, delay = host.waiting[0]
            if d.called:  # cancelled while waiting (its crawl stopped): it takes no slot
                host.waiting.popleft()
                continue
            if host.active >= concurrency:
                return
            now = self.clock()
            wait = host.last_start + delay - now
            if wait > 0:
                if host.timer is None:
                    host.timer = call_later(wait, self._wake, key)
                return
            host.waiting.popleft()
            host.active += 1
            host.last_start = now
            self.max_active[key] = max(self.max_active.get(key, 0), host.active)
            d.callback(None)
        if not host.active and host.timer is None and self.clock() - host.last_start > 60:
            del self.hosts[key]  # idle for a minute: forget it (as Scrapy's slot GC does)

    def _wake(self, key: str) -> None:
        host = self.hosts.get(key)
        if host is not None:
            host.timer = None
            self._pump(key)


HOSTS = HostSlots()


class HostDownloader(Downloader):
    """Scrapy's downloader, whose requests also wait for their host in the process-wide HostSlots."""

    hosts: HostSlots = HOSTS

    async def _download(self, slot, request):
        key = request.meta.get(self.DOWNLOAD_SLOT) or self.get_slot_key(request)
        await maybe_deferred_to_future(self.hosts.acquire(key, self, slot.concurrency, slot.delay))
        try:
            return await super()._download(slot, request)
        finally:
            self.hosts.release(key)

    def close(self) -> None:
        self.hosts.abandon(self)
        super().close()
