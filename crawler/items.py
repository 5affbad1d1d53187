"""What the spider hands over: pages (parsed, not judged) and fetched images."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class PageItem:
    portal: str
    url: str
    outcome: str  # 'audited' once the pipeline audits it; 'skipped' or 'failed' with a reason otherwise
    reason: str = ""  # a blindaje.audit.reasons code
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
    cached: Any = field(default=None, repr=False)  # store.records.CachedPage: the last audit of a carried-over page
    document: Any = None  # audit.document.Document, when there is something to audit
    image_urls: dict[str, str] | None = None  # each image's URL as the page gives it -> its canonical URL
    images: dict | None = None  # image URL as on the page -> its portraits.Analysis or Refused, when pixels are checked
    body: bytes | None = field(default=None, repr=False)
    # Filled by the Audit pipeline: findings is None until the page is audited (or its last audit carried over).
    findings: list | None = None  # audit.model.FindingRecord
    title: str | None = None
    exceptions: list[str] = field(default_factory=list)
    suppressed: int | None = None
    unchecked_images: dict[str, str] = field(default_factory=dict)
    kind: str = ""  # a document's kind (audit.files.KINDS); empty for an HTML page
    linked_from: str | None = None  # a document: the page that linked it
    unread: list[str] = field(default_factory=list)  # parts of a document not read, and why
    same_as: str | None = None  # skipped as a duplicate: the URL audited with the same body in this run
    exchange: Any = field(default=None, repr=False)  # crawler.warc.Exchange: its HTTP headers, for its capture

    def attach(self, result) -> None:
        """Record the page's audit (an audit.model.PageResult), or, given a reason code, why it has none."""
        from blindaje.audit.model import FindingRecord

        if isinstance(result, str):
            self.outcome, self.reason, self.findings = "failed", result, []
            return
        images = self.image_urls or {}
        # An image written on the page in another form than its canonical URL (the images table's key) keeps both.
        self.findings = [FindingRecord.of(self.portal, f, **({"image_url": images[f.evidence]}
                                                             if images.get(f.evidence, f.evidence) != f.evidence else {}))
                         for f in result.findings]
        self.title, self.exceptions, self.suppressed = result.title, result.exceptions, result.suppressed
        self.unchecked_images = result.unchecked_images
        self.unread = result.unread


@dataclass
class ImageItem:
    portal: str
    url: str  # canonical
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
    analysis: Any = field(default=None, repr=False)  # audit.portraits.Analysis or Refused, when pixels are checked
    new_analysis: bool = False  # analysed tonight (not found in the cache): the pipeline caches it
    analysis_version: str = ""  # what the analysis looked for (audit.portraits.analysis_version): its cache key
    text_status: str | None = None  # its text: '' audited, else why not read; None: not looked for
    findings: list = field(default_factory=list)  # audit.model.FindingRecord: what its text says (SPEC §9)
    carried: bool = False  # shown by an unchanged page: not fetched again, last night's record carried over
    carried_row: dict | None = field(default=None, repr=False)  # that record (phash, faces, analysis)
    exchange: Any = field(default=None, repr=False)  # crawler.warc.Exchange: its HTTP headers, for its capture
    fetched_at: str = ""  # when it was fetched (its capture's time)
