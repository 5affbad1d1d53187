"""The image gate: a page whose images' pixels must be checked waits until the last of its images is analysed."""
from __future__ import annotations

from collections.abc import Callable

from blindaje.audit.portraits import ImageAnalysis, Refused
from blindaje.audit.reasons import Reason
from blindaje.crawler.items import PageItem


class ImageGate:
    """Holds pages until their images are analysed; each image is fetched once however many pages show it."""

    def __init__(self):
        self.results: dict[str, ImageAnalysis] = {}  # canonical image URL -> its analysis, or why it has none
        self.waiting: dict[str, set[str]] = {}  # image URL in flight -> pages waiting for it
        self.held: dict[str, tuple[PageItem, set[str]]] = {}  # page URL -> (its item, images it still waits for)

    def admit(self, item: PageItem, refusal: Callable[[str], str | None]) -> tuple[list[str], PageItem | None]:
        """The images to fetch for this page (canonical URLs, not yet asked for), and the page when it need not wait.

        `refusal(url)` says why an image is never fetched (out of scope, a trap), or None.
        """
        fetch, waits = [], set()
        for src in dict.fromkeys((item.image_urls or {}).values()):
            if src in self.results:
                continue
            if src not in self.waiting:
                if reason := refusal(src):
                    self.results[src] = Refused(reason)
                    continue
                self.waiting[src] = set()
                fetch.append(src)
            waits.add(src)
        for src in waits:
            self.waiting[src].add(item.url)
        if waits:
            self.held[item.url] = (item, waits)
            return fetch, None
        return fetch, self._release(item)

    def done(self, src: str, result: ImageAnalysis) -> list[PageItem]:
        """Record an image's analysis (or why there is none); the pages that were waiting only for it, released."""
        self.results[src] = result
        released = []
        for page_url in self.waiting.pop(src, ()):
            item, waits = self.held.get(page_url, (None, set()))
            waits.discard(src)
            if item is not None and not waits:
                del self.held[page_url]
                released.append(self._release(item))
        return released

    def release_all(self) -> list[PageItem]:
        """Every page still held (the crawl is stopping), released without the images it waits for."""
        released = [self._release(item) for item, _ in self.held.values()]
        self.held.clear()
        return released

    def _release(self, item: PageItem) -> PageItem:
        item.images = {raw: self.results.get(src, Refused(Reason.NOT_FETCHED))
                       for raw, src in (item.image_urls or {}).items()}
        return item
