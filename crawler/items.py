"""What the spider hands over: pages (parsed, not judged) and fetched images."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class PageItem:
    portal: str
    url: str
    outcome: str  # 'audited' once the pipeline audits it; 'skipped' or 'failed' with a reason otherwise
    reason: str = ""
    final_url: str | None = None
    http_status: int | None = None
    content_hash: str | None = None
    fetched_at: str = ""
    depth: int = 0
    content_type: str = ""
    bytes: int = 0
    etag: str = ""
    last_modified: str = ""
    carried: bool = False  # unchanged since its last audit (304 or same hash): findings and links carried over
    links: list[str] | None = None  # outgoing links, kept for the next night
    cached: dict | None = field(default=None, repr=False)  # the last audit, for a carried-over page
    document: Any = None  # audit.document.Document, when there is something to audit
    images: dict | None = None  # image URL -> its portraits.Analysis or why it has none, when pixels are checked
    body: bytes | None = field(default=None, repr=False)


@dataclass
class ImageItem:
    portal: str
    url: str
    page_url: str
    outcome: str
    reason: str = ""
    http_status: int | None = None
    content_hash: str | None = None
    width: int | None = None
    height: int | None = None
    format: str = ""
    bytes: int = 0
    body: bytes | None = field(default=None, repr=False)  # kept (by hash) for the report's thumbnails
    analysis: dict | str | None = field(default=None, repr=False)  # portraits.Analysis JSON, or why there is none
    new_analysis: bool = False  # analysed tonight (not found in the cache): the pipeline caches it
