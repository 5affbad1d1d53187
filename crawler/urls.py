"""URL canonicalisation and scope: one form per page, never off the configured hosts and paths."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

from blindaje.audit.reasons import Reason
from blindaje.audit.text import user_regex

TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid|ref_src|"
                      r"jsessionid|phpsessid|sid|sessionid|aspsessionid\w*|cfid|cftoken)$", re.I)
DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical(url: str) -> str:
    """Drop the fragment, tracking and session parameters and a default port; sort the query; normalise escapes."""
    try:
        parts = urlsplit(url)
        scheme, netloc = parts.scheme.lower(), parts.netloc.lower()
        if parts.port == DEFAULT_PORTS.get(scheme):
            netloc = netloc.rsplit(":", 1)[0]
    except ValueError:
        return url
    path = re.sub(r";jsessionid=[^/?#]*", "", parts.path, flags=re.I)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)])
    return canonicalize_url(urlunsplit((scheme, netloc, path, query, "")))


class Scope:
    """Which URLs belong to a portal: exact allowed hosts (subdomains are not implied), allow and deny on the path."""

    def __init__(self, allowed_domains, allow=(), deny=()):
        self.hosts = {h.lower().strip() for h in allowed_domains}
        self.allow = [user_regex(p) for p in allow]  # RE2: linear time, a catastrophic pattern cannot hang the crawl
        self.deny = [user_regex(p) for p in deny]

    def reason(self, url: str) -> Reason | None:
        """None when the URL is in scope, else why not."""
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
            port = parts.port
        except ValueError:
            return Reason.MALFORMED_URL
        if parts.scheme not in ("http", "https"):
            return Reason.NOT_HTTP
        netloc = f"{host}:{port}" if port else host
        if host not in self.hosts and netloc not in self.hosts:
            return Reason.OUT_OF_SCOPE
        target = parts.path or "/"
        full = target + ("?" + parts.query if parts.query else "")
        if self.allow and not any(p.search(target) or p.search(full) for p in self.allow):
            return Reason.OUT_OF_SCOPE
        if any(p.search(target) or p.search(full) for p in self.deny):
            return Reason.DENIED
        return None
