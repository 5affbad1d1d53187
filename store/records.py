"""What the crawler hands the store: a page's outcome, a fetched image, a page's incremental cache; each maps its row."""
from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field


@dataclass
class PageRecord:
    """One URL of a run: audited, skipped or failed (with its reason), and what its audit found besides findings."""

    portal: str
    url: str
    outcome: str  # 'audited', 'skipped' or 'failed'
    reason: str = ""  # a blindaje.audit.reasons code when not audited
    final_url: str | None = None
    http_status: int | None = None
    content_hash: str | None = None
    fetched_at: str = ""
    depth: int = 0
    content_type: str = ""
    bytes: int = 0
    title: str | None = None
    exceptions: list[str] = field(default_factory=list)
    suppressed: int | None = None
    unchecked_images: dict[str, str] = field(default_factory=dict)  # image URL -> why its pixels were not checked
    carried: bool = False  # unchanged since its last audit: its findings were carried over
    linked_from: str | None = None  # a document: the page that linked it
    unread: list[str] = field(default_factory=list)  # parts of a document not read, and why
    same_as: str | None = None  # skipped as a duplicate: the URL audited with the same body in this run

    def to_row(self) -> dict:
        """Its columns in the pages table (without run_id and the count of findings, which the store adds)."""
        return {"portal": self.portal, "url": self.url, "final_url": self.final_url, "http_status": self.http_status,
                "outcome": str(self.outcome), "reason": str(self.reason), "content_hash": self.content_hash,
                "fetched_at": self.fetched_at, "depth": self.depth, "content_type": self.content_type,
                "bytes": self.bytes, "title": self.title, "suppressed": self.suppressed, "carried": int(self.carried),
                "exceptions": json.dumps(self.exceptions or []),
                "unchecked_images": json.dumps(self.unchecked_images or {}, ensure_ascii=False),
                "linked_from": self.linked_from, "unread": json.dumps(self.unread or [], ensure_ascii=False),
                "same_as": self.same_as}

    @classmethod
    def from_row(cls, row: dict) -> PageRecord:
        exceptions = row.get("exceptions")
        unchecked = row.get("unchecked_images")
        return cls(row["portal"], row["url"], row["outcome"], row.get("reason") or "", row.get("final_url"),
                   row.get("http_status"), row.get("content_hash"), row.get("fetched_at") or "", row.get("depth") or 0,
                   row.get("content_type") or "", row.get("bytes") or 0, row.get("title"),
                   json.loads(exceptions) if isinstance(exceptions, str) else list(exceptions or []),
                   row.get("suppressed"),
                   json.loads(unchecked) if isinstance(unchecked, str) else dict(unchecked or {}),
                   bool(row.get("carried")), row.get("linked_from"), _json_list(row.get("unread")), row.get("same_as"))


@dataclass
class ImageRecord:
    """One image fetched in a run, and what its pixels gave (or why they were not analysed)."""

    portal: str
    url: str  # canonical: the crawler canonicalises an image's URL once, where it finds it on a page
    page_url: str
    outcome: str
    reason: str = ""
    http_status: int | None = None
    content_hash: str | None = None
    width: int | None = None
    height: int | None = None
    format: str = ""
    bytes: int = 0
    phash: str | None = None
    faces: int | None = None
    analysis: str | None = None  # 'checked', why faces were not checked, or why the pixels were not analysed
    text_status: str | None = None  # its text: '' audited (read, or none to read), else why not read; None: not tried

    def to_row(self) -> dict:
        """Its columns in the images table (without run_id, which the store adds)."""
        return {"portal": self.portal, "url": self.url, "page_url": self.page_url, "outcome": str(self.outcome),
                "reason": str(self.reason), "http_status": self.http_status, "content_hash": self.content_hash,
                "width": self.width, "height": self.height, "format": self.format, "bytes": self.bytes,
                "phash": self.phash, "faces": self.faces, "analysis": None if self.analysis is None else str(self.analysis),
                "text_status": self.text_status}

    @classmethod
    def from_row(cls, row: dict) -> ImageRecord:
        return cls(row["portal"], row["url"], row["page_url"], row["outcome"], row.get("reason") or "",
                   row.get("http_status"), row.get("content_hash"), row.get("width"), row.get("height"),
                   row.get("format") or "", row.get("bytes") or 0, row.get("phash"), row.get("faces"),
                   row.get("analysis"), row.get("text_status"))


@dataclass
class CaptureRecord:
    """Where one capture of a page or file lies (SPEC §10): `length` bytes from `offset` in the WARC file `warc`
    (a path relative to the data directory) are whole gzip members: its request record, then its response record
    (`kind` 'response'), or a single revisit record (`kind` 'revisit') whose `refers_to` is the record id of the
    earlier response with the same payload. `record_id` is the response's (or revisit's) WARC-Record-ID;
    `payload_sha256` the hex SHA-256 of the HTTP payload (the body as fetched); `captured_at` ISO 8601 in UTC."""

    portal: str
    url: str
    warc: str
    offset: int
    length: int
    record_id: str
    kind: str
    payload_sha256: str
    captured_at: str
    http_status: int | None = None
    refers_to: str = ""

    def to_row(self) -> dict:
        return {"portal": self.portal, "url": self.url, "warc": self.warc, "offset": self.offset,
                "length": self.length, "record_id": self.record_id, "kind": self.kind, "refers_to": self.refers_to,
                "payload_sha256": self.payload_sha256, "captured_at": self.captured_at,
                "http_status": self.http_status}

    @classmethod
    def from_row(cls, row: dict) -> CaptureRecord:
        return cls(row["portal"], row["url"], row["warc"], row["offset"], row["length"], row["record_id"],
                   row["kind"], row["payload_sha256"], row["captured_at"], row.get("http_status"),
                   row.get("refers_to") or "")


@dataclass
class CacheEntry:
    """What an audited page leaves for the next night: its validators, the audit's key and its outgoing links."""

    audit_key: str
    etag: str = ""
    last_modified: str = ""
    links: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)  # its images' canonical URLs: carried over with the page


@dataclass
class CachedPage:
    """The last audit of a page, for a night on which it has not changed: carried over, not audited again."""

    title: str
    exceptions: list[str]
    suppressed: int
    unchecked_images: dict[str, str]
    links: list[str]
    findings: list[dict]  # finding rows (blindaje.audit.model.FindingRecord.from_row reads them)
    unread: list[str] = field(default_factory=list)
    content_type: str = ""
    images: list[str] = field(default_factory=list)

    @staticmethod
    def to_row(page: PageRecord, cache: CacheEntry, findings: list[dict]) -> dict:
        """The page_cache row of an audited page (without run_id, which the store adds)."""
        return {"portal": page.portal, "url": page.url, "etag": cache.etag or "",
                "last_modified": cache.last_modified or "", "content_hash": page.content_hash,
                "audit_key": cache.audit_key, "title": page.title or "", "exceptions": json.dumps(page.exceptions or []),
                "suppressed": page.suppressed or 0,
                "unchecked_images": json.dumps(page.unchecked_images or {}, ensure_ascii=False),
                "unread": json.dumps(page.unread or [], ensure_ascii=False), "content_type": page.content_type,
                "images": json.dumps(cache.images or [], ensure_ascii=False),
                "links": zlib.compress(json.dumps(cache.links or []).encode(), 6),
                "findings": zlib.compress(json.dumps(findings, ensure_ascii=False).encode(), 6)}

    @classmethod
    def from_row(cls, row: dict) -> CachedPage:
        return cls(row.get("title") or "", json.loads(row.get("exceptions") or "[]"), row.get("suppressed") or 0,
                   json.loads(row.get("unchecked_images") or "{}"), json.loads(zlib.decompress(row["links"])),
                   json.loads(zlib.decompress(row["findings"])), _json_list(row.get("unread")),
                   row.get("content_type") or "", _json_list(row.get("images")))


def _json_list(value) -> list:
    return json.loads(value) if isinstance(value, str) else list(value or [])
