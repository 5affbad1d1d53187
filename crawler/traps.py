"""Crawler traps: URLs that generate endless pages (calendars, growing queries, repeating paths), cut with a reason."""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import parse_qsl, urlsplit

from blindaje.audit.reasons import Reason

MAX_QUERY_PARAMS = 32  # real forms and listings use a handful; hundreds mean the query grows with each link
MAX_KEY_REPEATS = 4  # ?p=2&p=3&p=4&p=5&p=6: a link that appends to its own query (multi-select filters repeat less)
MAX_SEGMENT_REPEATS = 2  # /a/b/a/b/a/b/: relative links resolved against a path that never ends
MAX_SEGMENTS = 64  # deeper paths are generated, not written; also bounds the cost of the repetition check

# A date in a path or query value: 2027-04-06, 2027/04/06, 06-04-2027, 20270406, 2027/04 (month views).
_DATE = re.compile(
    r"(?<!\d)(?:(?:19|20)\d\d[-/_.](?:0?[1-9]|1[0-2])(?:[-/_.](?:0?[1-9]|[12]\d|3[01]))?"
    r"|(?:0?[1-9]|[12]\d|3[01])[-/_.](?:0?[1-9]|1[0-2])[-/_.](?:19|20)\d\d"
    r"|(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?!\d)")
# Query keys that carry a date part; their numeric values are placeholders too (?mes=5&anio=2027).
_DATE_KEYS = re.compile(r"^(date|fecha|day|dia|día|month|mes|year|anio|año|ano|week|semana|cal|start|inicio|desde|"
                        r"hasta|ts|timestamp)$", re.I)


def url_trap(url: str, *, max_length: int = 2048) -> Reason | None:
    """Why this URL looks like a crawler trap by its shape alone, or None."""
    if len(url) > max_length:
        return Reason.TRAP_URL_TOO_LONG
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) > MAX_SEGMENTS or _repeats(segments) > MAX_SEGMENT_REPEATS:
        return Reason.TRAP_REPEATED_SEGMENTS
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if len(pairs) > MAX_QUERY_PARAMS:
        return Reason.TRAP_TOO_MANY_PARAMETERS
    if pairs and max(Counter(k for k, _ in pairs).values()) > MAX_KEY_REPEATS:
        return Reason.TRAP_REPEATED_PARAMETERS
    return None


def _repeats(segments: list[str]) -> int:
    """The most times a run of one or more path segments repeats back to back (/a/b/a/b/a/b/ gives 3)."""
    best = 1
    n = len(segments)
    for size in range(1, n // 2 + 1):
        for start in range(0, n - 2 * size + 1):
            block, count, i = segments[start:start + size], 1, start + size
            while segments[i:i + size] == block:
                count, i = count + 1, i + size
            best = max(best, count)
            if best > MAX_SEGMENT_REPEATS:
                return best
    return best


def calendar_key(url: str) -> str | None:
    """The URL with its dates replaced by a placeholder, or None when it carries no date."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    path, dated = _DATE.subn("{date}", parts.path)
    query = []
    for k, v in parse_qsl(parts.query, keep_blank_values=True):
        v, n = _DATE.subn("{date}", v)
        if not n and _DATE_KEYS.match(k) and re.fullmatch(r"-?\d{1,13}", v):
            v, n = "{n}", 1
        dated += n
        query.append(f"{k}={v}")
    if not dated:
        return None
    return f"{parts.netloc}{path}?{'&'.join(sorted(query))}"


class CalendarTraps:
    """Counts URLs that differ only in their dates; beyond `limit` of one pattern the calendar is a trap."""

    def __init__(self, limit: int):
        self.limit = limit
        self.counts: Counter[str] = Counter()

    def reason(self, url: str) -> Reason | None:
        key = calendar_key(url)
        if key is None:
            return None
        self.counts[key] += 1
        return Reason.TRAP_CALENDAR if self.counts[key] > self.limit else None
