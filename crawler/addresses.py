"""Address guard: no request to private, loopback, link-local or reserved addresses unless the portal lives there."""
from __future__ import annotations

import functools
import ipaddress
import socket
from urllib.parse import urlsplit

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

    The portal's hosts and every host checked are resolved once per crawl (cached): a portal on an intranet or on
    127.0.0.1 is crawled, a redirect from it to 169.254.169.254 or 10.0.0.1 is not.
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
        if not dns and literal(host) is None:
            return None
        return refusal(self.addresses(host), self.home)
