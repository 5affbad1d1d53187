"""The charset an HTTP Content-Type header declares (the page's bytes decide in audit.document.charset_of)."""
from __future__ import annotations

import re

_HEADER = re.compile(rb"charset=[\"']?([\w.:-]+)", re.I)


def header_charset(content_type: bytes | None) -> str | None:
    m = _HEADER.search(content_type or b"")
    return m.group(1).decode("ascii") if m else None
