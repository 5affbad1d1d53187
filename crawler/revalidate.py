"""Last night's pages asked "changed?" ahead of the crawl, without Scrapy's per-request machinery.

On a night after the first, most pages answer 304 Not Modified. Through Scrapy each such answer costs about 1.2 ms of
CPU (scheduler, downloader and spider middlewares, Twisted's HTTP client, the spider's callback chain): 2,000
unchanged pages, 2.4 s, most of an unchanged night. `revalidate` sends the same conditional GETs (the same headers
Scrapy would send, the validators last night's responses gave) with aiohttp, at about 0.15 ms each, under the same
politeness (the process-wide per-host slots of crawler.politeness: concurrency and delay), the same address policy
(crawler.addresses: the address checked is the address connected to) and the same timeout. Only 304 answers are
kept; the spider turns each into the response Scrapy would have given it when the crawl reaches that URL through
links, so scope, depth, bounds, twins and carried-over findings work as before. Any other answer (a changed page,
a redirect, an error) is dropped unread and the page is requested through Scrapy as on any night.
"""
from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from blindaje.crawler.warc import Exchange, bounded_pairs

log = logging.getLogger("blindaje.crawl")
# A host whose first PROBE pages asked ahead give no 304 ignores validators (or changed them all): the rest of its
# pages are not asked ahead, so that it does not get every page requested twice a night.
PROBE = 20


@dataclass(frozen=True)
class NotModified:
    """A 304 answer: its Content-Type header (raw) and the exchange as a capture records it."""

    content_type: bytes
    exchange: Exchange


def request_headers(settings) -> list[tuple[str, str]]:
    """The headers Scrapy sends with every request of this crawl, in its order (DefaultHeaders, UserAgent,
    HttpCompression middlewares); a conditional GET adds the validators."""
    from scrapy.downloadermiddlewares.httpcompression import ACCEPTED_ENCODINGS

    headers = [(str(k), str(v)) for k, v in settings.getdict("DEFAULT_REQUEST_HEADERS").items()]
    if settings.get("USER_AGENT"):
        headers.append(("User-Agent", settings.get("USER_AGENT")))
    headers.append(("Accept-Encoding", b", ".join(ACCEPTED_ENCODINGS).decode("ascii")))
    return headers


def _guarded_resolver(policy):
    """aiohttp's resolver through the run's AddressPolicy: the policy's lookup (blocking) in a thread; a host it
    refuses, or that does not resolve, fails the connection (the page is then requested through Scrapy, which
    records why)."""
    from aiohttp.abc import AbstractResolver

    class GuardedResolver(AbstractResolver):
        async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET):
            found = await asyncio.get_running_loop().run_in_executor(None, policy.lookup, host.lower())
            if not found:
                raise OSError(f"{host}: not resolved, or refused by the address policy")
            return [{"hostname": host, "host": a, "port": port, "proto": 0, "flags": socket.AI_NUMERICHOST,
                     "family": socket.AF_INET6 if ":" in a else socket.AF_INET} for a in found]

        async def close(self) -> None:
            pass

    return GuardedResolver()


async def revalidate(urls: dict[str, tuple[str, str]], *, settings, policy, hosts, owner,
                     budget: float | None) -> dict[str, NotModified]:
    """{url: NotModified} for the pages of `urls` ({url: (etag, last_modified)}) that answer 304 to a conditional
    GET. `hosts` is the process-wide HostSlots (concurrency per host, delay between starts), `owner` the spider;
    `budget`: seconds after which the pages not asked yet are left to the crawl (one in flight ends within the
    download timeout)."""
    import aiohttp
    import yarl
    from scrapy.utils.defer import maybe_deferred_to_future

    per_host = settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
    delay = settings.getfloat("DOWNLOAD_DELAY")
    if settings.getbool("AUTOTHROTTLE_ENABLED"):
        delay = max(delay, settings.getfloat("AUTOTHROTTLE_START_DELAY"))
    timeout = aiohttp.ClientTimeout(total=settings.getfloat("DOWNLOAD_TIMEOUT"))
    found: dict[str, NotModified] = {}
    answered: Counter = Counter()  # per host: pages that answered (or failed), and those that answered 304
    unchanged: Counter = Counter()
    common = request_headers(settings)
    start = time.monotonic()
    deadline = start + budget if budget else float("inf")

    def ignores_validators(host: str) -> bool:  # its pages are left to the crawl, not asked twice a night
        return answered[host] >= PROBE and not unchanged[host]

    async def ask(session, url: str, validators: tuple[str, str]) -> None:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if ignores_validators(host):
            return
        sent = common + [(k, v) for k, v in zip(("If-None-Match", "If-Modified-Since"), validators) if v]
        slot = hosts.acquire(host, owner, per_host, delay)
        if not slot.called:  # the host is busy: wait for its turn (most often it is free at once)
            await maybe_deferred_to_future(slot)
        try:
            if time.monotonic() > deadline or ignores_validators(host):
                return  # never cancelled while waiting for its host: the host's slot would be lost
            # ssl=False: Scrapy's default TLS context does not verify certificates either
            # the URL as the crawl canonicalised it, sent as it is (yarl would quote it again otherwise)
            async with session.get(yarl.URL(url, encoded=True), headers=sent, allow_redirects=False,
                                   ssl=False) as response:
                if response.status != 304:
                    return  # left unread: the connection is closed, the page is crawled as on any night
                transport = response.connection.transport if response.connection else None
                peer = transport.get_extra_info("peername") if transport else None
                received = response.raw_headers
                unchanged[host] += 1
                found[url] = NotModified(
                    next((v for k, v in received if k.lower() == b"content-type"), b""),
                    Exchange(url, 304, bounded_pairs(received), bounded_pairs([("Host", parts.netloc), *sent]),
                             "GET", f"HTTP/{response.version.major}.{response.version.minor}",
                             peer[0] if peer else ""))
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError, ValueError) as e:
            log.debug("revalidating %s: %s (left to the crawl)", url, e)
        finally:
            answered[host] += 1
            hosts.release(host)

    work = iter(urls.items())

    async def asker(session) -> None:
        for url, validators in work:  # one shared iterator: each page taken by one asker
            await ask(session, url, validators)

    connector = aiohttp.TCPConnector(resolver=_guarded_resolver(policy), limit=0, use_dns_cache=True,
                                     ttl_dns_cache=None)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout, trust_env=False,
                                     cookie_jar=aiohttp.DummyCookieJar(), auto_decompress=False,
                                     skip_auto_headers=("Accept", "Accept-Encoding", "User-Agent")) as session:
        await asyncio.gather(*(asker(session) for _ in range(max(1, settings.getint("CONCURRENT_REQUESTS")))))
    log.info("%d of %d pages unchanged (304), asked ahead of the crawl in %.1f s", len(found), len(urls),
             time.monotonic() - start)
    return found
