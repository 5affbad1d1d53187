"""The portal spider on saved responses, in-process (City Bureau style): what each answer becomes, what it leads to."""
from __future__ import annotations

import asyncio
import hashlib
import io
import resource
import time

import pytest
from PIL import Image
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TimeoutError as TxTimeout
from twisted.python.failure import Failure

from blindaje.audit.portraits import Analysis, Refused
from blindaje.crawler.items import ImageItem, PageItem
from blindaje.crawler.middlewares import OutOfScope
from blindaje.demo import SITE
from blindaje.store import Store, open_db
from blindaje.store.records import CacheEntry, PageRecord
from conftest import NIGHT, make_spider, portal, saved_response
from hostile_server import BOAST, png_header

BASE = "http://127.0.0.1:8000/"


def collect(agen) -> list:
    """Everything an async generator (the spider's start, an async callback) yields."""
    async def drain():
        return [x async for x in agen]
    return asyncio.run(drain())


def first_request(spider) -> Request:
    [request] = collect(spider.start())
    return request


def split(output) -> tuple[list[PageItem], list[Request], list[ImageItem]]:
    output = list(output)
    pages = [x for x in output if isinstance(x, PageItem)]
    requests = [x for x in output if isinstance(x, Request)]
    images = [x for x in output if isinstance(x, ImageItem)]
    assert len(pages) + len(requests) + len(images) == len(output), output
    return pages, requests, images


def parse_page(path: str, *, spider=None, **response):
    """Parse the demo portal's saved page at `path` as the spider's request for it."""
    spider = spider or make_spider(portal(BASE + path, allowed_domains=["127.0.0.1"]))
    request = first_request(spider)
    return spider, request, split(spider.parse(saved_response(request, SITE / path, **response)))


# pages ----------------------------------------------------------------------------------------------------------

def test_home_page_is_handed_over_parsed_with_its_links_and_images():
    spider, request, (pages, requests, _) = parse_page("index.html", headers={"Content-Type": "text/html"})
    assert request.url == BASE + "index.html" and request.meta["depth"] == 0
    body = (SITE / "index.html").read_bytes()
    [home] = [p for p in pages if p.url == BASE + "index.html"]
    assert (home.outcome, home.http_status, home.depth, home.fetched_at) == ("audited", 200, 0, NIGHT)
    assert home.content_hash == hashlib.sha256(body).hexdigest() and home.bytes == len(body) and home.body == body
    assert home.content_type == "text/html" and home.final_url is None
    assert home.document.title and any("Centro Comunitario Las Margaritas" in b.text for b in home.document.blocks)
    pages_asked = {r.url: r for r in requests if r.callback == spider.parse}
    images_asked = {r.url: r for r in requests if r.callback == spider.parse_image}
    assert {BASE + "noticias/index.html", BASE + "transparencia/index.html", BASE + "contacto.html"} <= set(pages_asked)
    assert all(r.meta["depth"] == 1 and r.meta["blindaje_url"] == url for url, r in pages_asked.items())
    assert BASE + "index.html" not in pages_asked, "a page links to itself: it is not asked twice"
    assert {BASE + "img/banner-coahuila-avanza.jpg", BASE + "img/escudo-coahuila.png"} <= set(images_asked)
    assert all(r.priority < 0 and r.meta["page_url"] == BASE + "index.html" for r in images_asked.values())
    skipped = {p.url: p.reason for p in pages if p.outcome == "skipped"}
    assert skipped == {"https://www.facebook.com/SIDSCoahuila": "out of scope"}
    assert set(spider.pending) == set(pages_asked)


def test_menus_repeated_on_the_next_page_are_not_asked_again():
    spider, _, (_, first, _) = parse_page("index.html")
    news = next(r for r in first if r.url == BASE + "noticias/index.html")
    pages, again, _ = split(spider.parse(saved_response(news, SITE / "noticias" / "index.html")))
    asked_before = {r.url for r in first}
    assert not {r.url for r in again} & asked_before
    assert BASE + "noticias/entrega-tarjetas-torreon.html" in {r.url for r in again}
    assert all(r.meta["depth"] == 2 for r in again if r.callback == spider.parse)
    assert [p.url for p in pages if p.outcome == "audited"] == [BASE + "noticias/index.html"]


@pytest.mark.parametrize("status, body, ctype, outcome, reason", [
    (404, b"<html><body>No existe</body></html>", "text/html", "failed", "HTTP 404"),
    (500, b"<html><body>Error</body></html>", "text/html", "failed", "HTTP 500"),
    (200, b"%PDF-1.4 contratos", "application/pdf", "failed", "malformed file"),  # a document, unreadable
    (200, b"%PDF-1.4 contratos", "text/html", "failed", "malformed file"),  # the bytes say what it is
    (200, b"<html><body>Aviso</body></html>", "application/pdf", "failed", "mislabelled content"),
    (200, b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png", "skipped", "not HTML"),
    (200, bytes(range(256)) * 8, "text/html; charset=utf-8", "failed", "binary content served as HTML"),
    (200, b"", "text/html", "failed", "empty body"),
])
def test_what_is_not_an_html_page_is_recorded_with_its_reason(status, body, ctype, outcome, reason):
    spider = make_spider(portal(BASE + "pagina"))
    request = first_request(spider)
    pages, requests, _ = split(spider.parse(saved_response(request, body, status=status,
                                                           headers={"Content-Type": ctype})))
    assert [(p.url, p.outcome, p.reason, p.http_status) for p in pages] == [(BASE + "pagina", outcome, reason, status)]
    assert pages[0].document is None and requests == [] and not spider.pending


def test_documents_off_are_skipped_as_not_html():
    spider = make_spider(portal(BASE + "informe.pdf"), documents=False)
    pages, _, _ = split(spider.parse(saved_response(first_request(spider), b"%PDF-1.4 informe",
                                                    headers={"Content-Type": "application/pdf"})))
    assert [(p.outcome, p.reason) for p in pages] == [("skipped", "not HTML")]


@pytest.mark.parametrize("declared", [None, "utf-8", "iso-8859-1"])
def test_latin1_page_decodes_whatever_its_header_claims(declared):
    html = f"<html><head><title>Clínica regional</title></head><body><p>{BOAST}.</p></body></html>"
    headers = {"Content-Type": "text/html" + (f"; charset={declared}" if declared else "")}
    spider = make_spider(portal(BASE + "latin1"))
    [page], _, _ = split(spider.parse(saved_response(first_request(spider), html.encode("cp1252"), headers=headers)))
    assert page.document.title == "Clínica regional"
    assert any(BOAST in b.text for b in page.document.blocks)


def test_a_redirected_page_keeps_the_url_that_was_asked():
    spider = make_spider(portal(BASE + "viejo"))
    request = first_request(spider)
    response = saved_response(request, b"<html><body><a href='hija'>x</a></body></html>", url=BASE + "nuevo/")
    [page], [child], _ = split(spider.parse(response))
    assert (page.url, page.final_url, page.outcome) == (BASE + "viejo", BASE + "nuevo/", "audited")
    assert child.url == BASE + "nuevo/hija", "links resolve against where the page really is"


def test_depth_page_and_trap_limits_cut_links_with_their_reason():
    links = "".join(f'<a href="/nota-{i}">n</a>' for i in range(5)) + (
        '<a href="/a/b/a/b/a/b/">bucle</a><a href="/agenda/2027-04-06">1</a><a href="/agenda/2027-04-07">2</a>'
        '<a href="/agenda/2027-04-08">3</a><a href="mailto:x@example.gob.mx">correo</a><a href="ftp://127.0.0.1/x">f</a>')
    body = f"<html><body>{links}</body></html>".encode()

    deep = make_spider(portal(BASE, max_depth=0))
    pages, requests, _ = split(deep.parse(saved_response(first_request(deep), body)))
    assert requests == []
    assert {p.reason for p in pages if p.outcome == "skipped"} == {"depth limit", "crawler trap: repeated path segments"}

    bounded = make_spider(portal(BASE, max_pages=4), max_calendar_pages=2)
    pages, requests, _ = split(bounded.parse(saved_response(first_request(bounded), body)))
    assert len(requests) == 3  # the start page counts: four pages in all
    reasons = sorted(p.reason for p in pages if p.outcome == "skipped")
    assert reasons == ["crawler trap: calendar", "crawler trap: repeated path segments"] + ["page limit"] * 4
    assert not any("mailto" in p.url or p.url.startswith("ftp") for p in pages)


def test_a_page_still_queued_when_the_crawl_stops_is_recorded_with_why():
    spider, _, (_, requests, _) = parse_page("index.html")
    queued = {r.url for r in requests if r.callback == spider.parse}
    left = spider.unfinished("shutdown")
    assert {p.url for p in left} == queued and {(p.outcome, p.reason) for p in left} == {("skipped", "interrupted")}
    assert not spider.pending
    assert {p.reason for p in make_spider(portal(BASE)).unfinished("closespider_timeout")} == set()


# failed downloads ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("error, outcome, reason", [
    (TxTimeout(), "failed", "timeout"),
    (DNSLookupError(), "failed", "DNS lookup failed"),
    (ConnectionRefusedError(), "failed", "connection refused"),
    (IgnoreRequest("Cancelling download: size exceeds DOWNLOAD_MAXSIZE"), "failed", "too large"),
    (OutOfScope("redirect to a private address"), "skipped", "redirect to a private address"),
    (OutOfScope("out of scope"), "skipped", "out of scope"),
])
def test_a_failed_request_is_a_page_with_its_reason(error, outcome, reason):
    spider = make_spider(portal(BASE + "x"))
    request = first_request(spider)
    failure = Failure(error)
    failure.request = request
    [page] = list(spider.failed(failure))
    assert (page.url, page.outcome, page.reason, page.http_status) == (BASE + "x", outcome, reason, None)
    assert not spider.pending


# images -------------------------------------------------------------------------------------------------------------

def image_response(spider, src: str, body: bytes, status: int = 200):
    request = spider._image_request(src, BASE, priority=-10)
    return saved_response(request, body, status=status, headers={"Content-Type": "image/png"})


def png(size=(100, 80)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, "blue").save(buf, "PNG")
    return buf.getvalue()


def test_images_are_recorded_from_their_header():
    spider = make_spider(portal(BASE))
    [ok] = collect(spider.parse_image(image_response(spider, BASE + "a.png", png())))
    assert (ok.outcome, ok.width, ok.height, ok.format, ok.page_url) == ("audited", 100, 80, "png", BASE)
    [missing] = collect(spider.parse_image(image_response(spider, BASE + "b.png", b"no", status=404)))
    assert (missing.outcome, missing.reason) == ("failed", "HTTP 404")
    [junk] = collect(spider.parse_image(image_response(spider, BASE + "c.png", b"<html>no es imagen</html>")))
    assert (junk.outcome, junk.reason) == ("failed", "not an image: UnidentifiedImageError")


def test_giant_png_refused_from_its_header():
    spider = make_spider(portal(BASE))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for size in ((20000, 20000), (9000, 9000), (100, 80)):
        started = time.monotonic()
        item = spider._image_item(image_response(spider, BASE + "img/gigante.png", png_header(*size)))
        assert time.monotonic() - started < 0.5
        if size == (100, 80):
            assert (item.outcome, item.width, item.height, item.format) == ("audited", 100, 80, "png")
        else:
            assert (item.outcome, item.reason) == ("skipped", "too many pixels")
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # 20000² RGB would be 1.2 GB


def test_a_page_waits_for_its_images_when_their_pixels_are_checked():
    spider = make_spider(portal(BASE + "galeria"), check_pixels=True)  # officials with reference portraits
    html = (b'<html><body><img src="/uno.png"><img src="/dos.png"><img src="https://cdn.example.com/f.jpg">'
            b'<a href="/otra">otra</a></body></html>')
    pages, requests, _ = split(spider.parse(saved_response(first_request(spider), html)))
    assert pages == [], "the page waits for its images"
    images = [r for r in requests if r.callback == spider.parse_image]
    assert sorted(r.url for r in images) == [BASE + "dos.png", BASE + "uno.png"] and all(r.priority > 0 for r in images)
    assert [r.url for r in requests if r.callback == spider.parse] == [BASE + "otra"]

    first, second = images
    out = collect(spider.parse_image(saved_response(first, png())))
    assert [type(x) for x in out] == [ImageItem], "one image analysed, one still awaited"
    failure = Failure(TxTimeout())
    failure.request = second
    image, page = spider.image_failed(failure)
    assert (image.outcome, image.reason) == ("failed", "timeout")
    assert page.url == BASE + "galeria" and page.outcome == "audited"
    assert page.images[second.url] == "timeout" and page.images["https://cdn.example.com/f.jpg"] == "out of scope"
    assert isinstance(page.images[second.url], Refused) and isinstance(page.images["https://cdn.example.com/f.jpg"],
                                                                       Refused)
    assert isinstance(page.images[first.url], Analysis), "the analysed image carries its analysis"
    assert not spider.gate.held and not spider.gate.waiting


# incremental nights: conditional requests, unchanged pages carried over ------------------------------------------

def test_an_unchanged_page_is_asked_conditionally_and_carried_over(tmp_path):
    store = Store(open_db(tmp_path / "blindaje.db"))
    run_id = store.start_run(started_at=NIGHT, run_date=NIGHT[:10], portals=["fixture"], forced=True, version="t",
                             rules_fingerprint="r")
    url = BASE + "nota"
    store.add_page(run_id, PageRecord("fixture", url, "audited", http_status=200, content_hash="ab" * 32, title="Nota"),
                   [], cache=CacheEntry("k1", '"v1"', "Tue, 06 Apr 2027 08:00:00 GMT", [BASE + "hija"]))

    stale = make_spider(portal(url), store=store, audit_key="k2")  # the rules changed: audited afresh
    assert "If-None-Match" not in first_request(stale).headers

    spider = make_spider(portal(url), store=store, audit_key="k1")
    request = first_request(spider)
    assert request.headers["If-None-Match"] == b'"v1"'
    assert request.headers["If-Modified-Since"] == b"Tue, 06 Apr 2027 08:00:00 GMT"
    [page], [child], _ = split(spider.parse(saved_response(request, b"", status=304)))
    assert (page.outcome, page.carried, page.http_status, page.content_hash, page.bytes) == (
        "audited", True, 304, "ab" * 32, 0)
    assert page.cached.title == "Nota" and page.links == [BASE + "hija"] and page.document is None
    assert child.url == BASE + "hija" and child.meta["depth"] == 1


def test_pages_answered_ahead_are_settled_in_a_callback_not_in_start(tmp_path):
    """Pages that answered 304 ahead of the crawl (crawler.revalidate) are carried over as items of one callback:
    Scrapy's scraper, closing on a signal, waits for items in its pipelines and re-checks only after a callback's
    (items from start() in flight left a SIGTERMed crawl hanging). A page's links reach the next page through a queue,
    whatever the depth; a page not answered ahead is requested."""
    from types import SimpleNamespace

    from blindaje.crawler.revalidate import NotModified
    from blindaje.crawler.warc import Exchange

    store = Store(open_db(tmp_path / "blindaje.db"))
    run_id = store.start_run(started_at=NIGHT, run_date=NIGHT[:10], portals=["fixture"], forced=True, version="t",
                             rules_fingerprint="r")
    chain = [BASE + f"n{i}" for i in range(300)]  # each page links the next: deeper than Python's recursion
    for i, url in enumerate(chain):
        store.add_page(run_id, PageRecord("fixture", url, "audited", http_status=200, content_hash=f"{i:064x}"), [],
                       cache=CacheEntry("k1", f'"v{i}"', "", chain[i + 1:i + 2] + [BASE + "nuevo"]))
    spider = make_spider(portal(chain[0], max_depth=len(chain)), store=store, audit_key="k1")
    spider.crawler = SimpleNamespace(stats=SimpleNamespace(inc_value=lambda *a, **k: None))

    async def answered():
        return {url: NotModified(b"", Exchange(url, 304)) for url in chain}

    spider._ask_ahead = answered
    [trigger] = collect(spider.start())
    assert trigger.url == "data:," and trigger.callback == spider._start_urls
    pages, requests, _ = split(trigger.callback(None))
    assert [p.url for p in pages] == chain and all(p.carried and p.http_status == 304 for p in pages)
    assert [r.url for r in requests] == [BASE + "nuevo"]  # discovered once, not answered ahead: asked by Scrapy


@pytest.mark.parametrize("callback", ["parse", "failed", "image_failed", "_carry_over", "_discover", "_image",
                                      "_start_urls", "_settle_answered"])
def test_no_generator_callback_returns_a_value(callback):
    """Scrapy's own check of this (WARN_ON_GENERATOR_RETURN_VALUE) parses the callback's source on every response,
    so the crawl turns it off; this test keeps what it guarded: a `return value` in a generator loses the value."""
    from scrapy.utils.misc import is_generator_with_return_value

    from blindaje.crawler.spiders.portal import PortalSpider

    assert not is_generator_with_return_value(getattr(PortalSpider, callback))
