"""Address guard: no connection to private, loopback, link-local or reserved addresses unless the portal lives there."""
from __future__ import annotations

import functools
import ipaddress
import socket
import sys
import threading
from urllib.parse import urlsplit

from scrapy.resolver import CachingHostnameResolver, HostResolution
from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.interfaces import IHostnameResolver
from twisted.internet.threads import deferToThreadPool
from zope.interface import implementer

from blindaje.audit.reasons import Reason

PRIVATE = Reason.PRIVATE_ADDRESS


@functools.lru_cache(maxsize=4096)  # asked for every request's host: a portal has few addresses
def is_public(address: str) -> bool:
    """True for a globally routable unicast address; False for private, loopback, link-local, reserved, multicast…"""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if ip.version == 6:
        # ::ffff:169.254.169.254 and 2002:a9fe:a9fe:: reach the embedded IPv4 address
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None:
            ip = embedded
    return ip.is_global and not ip.is_multicast


def refusal(addresses, home) -> Reason | None:
    """Why a host resolving to `addresses` may not be requested by a portal whose own hosts resolve to `home`."""
    for address in addresses:
        if not is_public(address) and address not in home:
            return PRIVATE
    return None


@functools.lru_cache(maxsize=4096)
def literal(host: str) -> str | None:
    """The host as an IP address when it is one (no DNS needed), else None."""
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


def resolve(host: str) -> list[str]:
    """Every address the system resolver gives for `host`; [] when it does not resolve (the download then fails)."""
    ip = literal(host)
    if ip:
        return [ip]
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return sorted({literal(str(info[4][0]).split("%", 1)[0]) or str(info[4][0]) for info in infos})


def _host(entry: str) -> str:
    """A host from an allowed_domains entry, which may carry a port ('127.0.0.1:8080')."""
    try:
        return (urlsplit("//" + entry.strip()).hostname or "").lower()
    except ValueError:
        return entry.strip().lower()


class AddressGuard:
    """Refuses URLs whose host resolves to a non-public address that none of the portal's allowed hosts resolves to.

    The crawl and `check` ask with dns=False: IP literals only, before the request (a redirect to 169.254.169.254
    is named at once); host names are checked by GuardedResolver where the connection is made. With dns=True
    (tools, tests) the portal's hosts and every host checked are resolved once (cached), blocking.
    """

    def __init__(self, allowed_hosts, resolver=resolve):
        self.allowed = [h for h in (_host(e) for e in allowed_hosts) if h]
        self.resolver = resolver
        self.cache: dict[str, list[str]] = {}
        self._home: set[str] | None = None

    def addresses(self, host: str) -> list[str]:
        ip = literal(host)
        if ip:
            return [ip]
        if host not in self.cache:
            self.cache[host] = self.resolver(host)
        return self.cache[host]

    @property
    def home(self) -> set[str]:
        if self._home is None:
            self._home = {a for h in self.allowed for a in self.addresses(h)}
        return self._home

    def reason(self, url: str, *, dns: bool = True) -> Reason | None:
        """PRIVATE when the URL may not be requested, else None. With dns=False only IP-literal hosts are checked."""
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            return None  # the scope check names malformed URLs
        if not host:
            return None
        if not dns:  # IP literals only, against the portal's own literals: no DNS (the resolver checks names)
            ip = literal(host)
            return refusal([ip], {a for a in map(literal, self.allowed) if a}) if ip else None
        return refusal(self.addresses(host), self.home)


class AddressPolicy:
    """Which addresses each host may be connected to during a run: public ones, and the non-public addresses of the
    portals that list the host among their allowed domains (their "home": an intranet portal, or 127.0.0.1 for tests
    and the demo). `groups` holds each portal's allowed_domains. Thread-safe: used from the resolver's threads."""

    def __init__(self, groups, resolver=resolve):
        self.groups = [[h for h in (_host(e) for e in group) if h] for group in groups]
        self.resolver = resolver
        self.lock = threading.Lock()
        self.homes: dict[str, list[str]] = {}  # allowed host -> its addresses, resolved once per run
        self.refused: dict[str, list[str]] = {}  # host -> the addresses it resolved to, refused

    def _resolve(self, host: str) -> list[str]:
        ip = literal(host)
        return [ip] if ip else self.resolver(host)

    def _addresses_of(self, host: str) -> list[str]:
        with self.lock:
            if host in self.homes:
                return self.homes[host]
        found = self._resolve(host)
        with self.lock:
            return self.homes.setdefault(host, found)

    def home(self, host: str) -> set[str]:
        """The non-public addresses `host` may use: those of every allowed host of the portals that list it."""
        host = (literal(host) or host).lower()
        out: set[str] = set()
        for group in self.groups:
            if host in group or host in (literal(h) for h in group):
                for allowed in group:
                    out.update(self._addresses_of(allowed))
        return out

    def lookup(self, host: str) -> list[str]:
        """The addresses to connect to for `host` (blocking: run it off the reactor), [] when it does not resolve or
        when it resolves to an address the policy refuses (then recorded in `refused`). The portal's home is
        resolved first, and the addresses returned are those checked: DNS answering differently later changes
        nothing, since the connection is made to these."""
        home = self.home(host)
        found = self._resolve(host)
        if found and refusal(found, home):
            with self.lock:
                self.refused[host.lower()] = found
            return []
        return found

    def refused_host(self, url: str) -> bool:
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            return False
        return host in self.refused or (literal(host) or "") in self.refused


@implementer(IHostnameResolver)
class GuardedResolver(CachingHostnameResolver):
    """Scrapy's TWISTED_DNS_RESOLVER for Blindaje: resolves in the reactor's thread pool (never on the reactor) and
    hands the connection only addresses the AddressPolicy allows, so the address checked is the address connected to.

    Built once per process from BLINDAJE_PORTAL_HOSTS (every portal's allowed_domains, one list per portal); the
    answers are cached for the run (DNSCACHE_ENABLED, DNSCACHE_SIZE), refusals too.
    """

    def __init__(self, reactor, cache_size: int, policy: AddressPolicy):
        super().__init__(reactor, cache_size)
        self.policy = policy
        self.cache_size = cache_size
        self.answers: dict[str, list[str]] = {}

    @classmethod
    def from_crawler(cls, crawler, reactor):
        settings = crawler.settings
        size = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        return cls(reactor, size, AddressPolicy(settings.getlist("BLINDAJE_PORTAL_HOSTS")))

    def resolveHostName(self, resolutionReceiver, hostName, portNumber=0, addressTypes=None,
                        transportSemantics="TCP"):
        resolution = HostResolution(hostName)
        resolutionReceiver.resolutionBegan(resolution)
        key = hostName.lower()
        if key in self.answers:
            self._deliver(resolutionReceiver, self.answers[key], portNumber, addressTypes)
            return resolution
        d = deferToThreadPool(self.reactor, self.reactor.getThreadPool(), self.policy.lookup, key)

        def done(found):
            if self.cache_size and len(self.answers) < self.cache_size:
                self.answers[key] = found
            self._deliver(resolutionReceiver, found, portNumber, addressTypes)

        def failed(failure):
            self._deliver(resolutionReceiver, [], portNumber, addressTypes)

        d.addCallbacks(done, failed)
        return resolution

    @staticmethod
    def _deliver(receiver, found, port, types) -> None:
        for address in found:
            kind = IPv6Address if ":" in address else IPv4Address
            if types is None or kind in types:
                receiver.addressResolved(kind("TCP", address, port))
        receiver.resolutionComplete()


def private_refusal(url: str) -> bool:
    """True when the process's resolver refused `url`'s host for its addresses (its connection failed for that)."""
    reactor = sys.modules.get("twisted.internet.reactor")  # never installs one: no reactor, no resolver refused it
    policy = getattr(getattr(reactor, "nameResolver", None), "policy", None)
    return isinstance(policy, AddressPolicy) and policy.refused_host(url)
