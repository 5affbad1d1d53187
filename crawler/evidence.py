"""Which pages, files and images a run captures as evidence (SPEC §10), written to its WARC file as they are stored."""
from __future__ import annotations

import logging
from pathlib import Path

from blindaje.crawler.items import ImageItem, PageItem
from blindaje.crawler.warc import WarcFile
from blindaje.store.records import CaptureRecord

log = logging.getLogger("blindaje.crawl")


class Evidence:
    """Captures, for one portal's crawl, every audited page or file with findings (new or carried over), every one
    whose URL had findings still online before tonight (the night they are gone, the page as it then was proves the
    removal), every image whose text has findings, and, with `capture_all`, every audited page.

    A page unchanged since its last capture is kept as a revisit record referring to it: its bytes are never
    written twice. The Store pipeline commits the rows `capture` returns, after `flush()`.
    """

    def __init__(self, warc: WarcFile, store, *, capture_all: bool = False, watched: set[str] | None = None):
        self.warc = warc
        self.store = store  # read only here: the earlier capture a revisit refers to
        self.capture_all = capture_all
        self.watched = watched or set()
        self.failed = 0  # captures that could not be written (logged; the page itself is still stored)

    @classmethod
    def for_run(cls, store, data_dir: Path, relative: str, portal: str, run_id: int, *,
                capture_all: bool = False) -> Evidence:
        """The portal's evidence for run `run_id`, appended to DATA/`relative`."""
        return cls(WarcFile(Path(data_dir) / relative, relative, portal), store, capture_all=capture_all,
                   watched=store.watched_urls(portal, run_id))

    def wanted(self, item: PageItem | ImageItem) -> bool:
        """Is this record evidence tonight?"""
        if isinstance(item, ImageItem):
            return bool(item.findings) and not item.carried and item.outcome == "audited"
        if item.exchange is None:
            return False
        if item.outcome == "audited":
            return bool(item.findings) or self.capture_all or item.url in self.watched
        # A watched page that now answers 404 or 410: the answer is the proof that it was taken down.
        return item.url in self.watched and item.http_status is not None

    def capture(self, item: PageItem | ImageItem) -> CaptureRecord | None:
        """Write the item's capture when it is evidence, and return its row (to commit after `flush()`)."""
        if not self.wanted(item):
            return None
        try:
            record = self._write(item)
        except Exception as e:  # noqa: BLE001 - a capture that cannot be written loses itself, never the page
            log.error("could not capture %s: %s", item.url, e, exc_info=True)
            self.failed += 1
            return None
        return record

    def _write(self, item) -> CaptureRecord | None:
        when, digest = item.fetched_at, item.content_hash
        carried = getattr(item, "carried", False)
        if carried:
            earlier = self.store.response_capture(item.url, digest)
            if earlier is not None or not item.body:  # a 304 has no bytes: a revisit, even with nothing to refer to
                return self.warc.revisit(item.url, item.exchange, when, digest, earlier)
        if item.body is None or digest is None:
            return None
        return self.warc.response(item.url, item.exchange, item.body, when, digest)

    def flush(self) -> None:
        """The captures written so far onto the disk, before their rows are committed."""
        self.warc.flush()

    def close(self) -> None:
        self.warc.close()
