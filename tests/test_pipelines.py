"""The crawler's parts in process: the image gate, the Audit pipeline on page items, the Store pipeline on a real
SQLite file, both built from BLINDAJE_* settings, and what they do with the pages left when a crawl stops."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from types import SimpleNamespace

import pytest
from scrapy import Request, signals
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from blindaje.audit.document import parse
from blindaje.audit.engine import Auditor
from blindaje.audit.loader import load_rules
from blindaje.audit.model import AuditContext, FindingRecord, Official
from blindaje.audit.portraits import Analysis, Refused, analysis_version
from blindaje.audit.reasons import Reason
from blindaje.config import Portal
from blindaje.crawler.auditing import officials_setting
from blindaje.crawler.gate import ImageGate
from blindaje.crawler.items import ImageItem, PageItem
from blindaje.crawler.pipelines import AuditPipeline, StorePipeline
from blindaje.crawler.spiders.portal import PortalSpider
from blindaje.demo import HERE as DEMO
from blindaje.store import Store, open_db
from blindaje.store.records import CachedPage

BASE = "https://www.coahuila.gob.mx"
URL = f"{BASE}/noticias/1"
ORTEGA = Official("Lucía Fernanda Ortega Salinas", "Secretaria de Inclusión", "MX-COA", ("Lucía Ortega",))
PAGE = ("<html><head><title>Boletín</title></head><body><h1>La secretaria Lucía Ortega inauguró la clínica</h1>"
        "<img src='/f/Foto.JPG#portada' alt='Lucía Ortega en el evento'><p>Horario de atención.</p></body></html>")
NOW = "2027-04-06T02:00:00-06:00"


def page_item(url: str = URL, html: str = PAGE, **kw) -> PageItem:
    document = parse(url, html)
    return PageItem("coahuila", url, "audited", document=document, body=html.encode(), links=document.links,
                    image_urls={i.src: i.src.split("#")[0] for i in document.images}, fetched_at=NOW,
                    content_hash="ab" * 32, http_status=200, **kw)


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor(load_rules(), AuditContext((ORTEGA,)))


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(open_db(tmp_path / "blindaje.db"))


def new_run(store: Store) -> int:
    return store.start_run(started_at=NOW, run_date="2027-04-06", portals=["coahuila"], forced=True, version="t",
                           rules_fingerprint="x")


# the image gate ---------------------------------------------------------------------------------------------------

def test_the_gate_fetches_each_image_once_and_releases_a_page_with_its_last_image():
    gate = ImageGate()
    one = PageItem("p", f"{BASE}/1", "audited", image_urls={"/a.jpg": f"{BASE}/a.jpg", "/b.jpg": f"{BASE}/b.jpg",
                                                           "https://cdn.example.com/c.jpg": "https://cdn.example.com/c.jpg"})
    two = PageItem("p", f"{BASE}/2", "audited", image_urls={"a.jpg?x": f"{BASE}/a.jpg"})
    refusal = lambda src: Reason.OUT_OF_SCOPE if "cdn." in src else None  # noqa: E731
    assert gate.admit(one, refusal) == ([f"{BASE}/a.jpg", f"{BASE}/b.jpg"], None)
    assert gate.admit(two, refusal) == ([], None)  # a.jpg is on its way already
    hashed = Analysis("00ff00ff00ff00ff", 10, 10, [], "checked")
    assert gate.done(f"{BASE}/a.jpg", hashed) == [two]
    assert two.images == {"a.jpg?x": hashed}
    assert gate.done(f"{BASE}/b.jpg", Refused(Reason.TOO_MANY_PIXELS)) == [one]
    assert one.images == {"/a.jpg": hashed, "/b.jpg": "too many pixels",
                          "https://cdn.example.com/c.jpg": Reason.OUT_OF_SCOPE}
    assert all(isinstance(v, Refused) for k, v in one.images.items() if k != "/a.jpg")
    three = PageItem("p", f"{BASE}/3", "audited", image_urls={"/a.jpg": f"{BASE}/a.jpg"})
    assert gate.admit(three, refusal) == ([], three)  # every image known: no wait
    assert not gate.held and not gate.waiting


def test_pages_held_when_the_crawl_stops_are_released_without_their_images():
    gate = ImageGate()
    page = PageItem("p", f"{BASE}/1", "audited", image_urls={"/a.jpg": f"{BASE}/a.jpg"})
    gate.admit(page, lambda src: None)
    assert gate.release_all() == [page] and page.images == {"/a.jpg": Reason.NOT_FETCHED}
    assert isinstance(page.images["/a.jpg"], Refused) and not gate.held


# the Audit pipeline -----------------------------------------------------------------------------------------------

def _audited(pipeline, item):
    """The item as the pipeline hands it on (process_item is a coroutine: it may await a worker process)."""
    return asyncio.run(pipeline.process_item(item))


def test_the_audit_pipeline_turns_a_page_into_finding_records(auditor):
    item = _audited(AuditPipeline(auditor), page_item())
    assert item.outcome == "audited" and item.title == "Boletín"
    assert all(isinstance(f, FindingRecord) and f.portal == "coahuila" for f in item.findings)
    by_rule = {f.rule: f for f in item.findings}
    assert by_rule["official-name"].evidence == "Lucía Ortega" and by_rule["official-name"].kind == "h1"
    image = by_rule["official-image"]
    assert image.evidence == f"{BASE}/f/Foto.JPG#portada"  # as the page writes it: the finding's id depends on it
    assert image.data["image_url"] == f"{BASE}/f/Foto.JPG"  # and as the crawler fetched it
    assert "image_url" not in by_rule["official-name"].data


def test_a_page_the_audit_cannot_handle_fails_with_its_reason_and_traceback(caplog):
    class Broken:
        def audit_document(self, document, images):
            raise RecursionError("deep")

    with caplog.at_level(logging.WARNING, logger="blindaje.crawl"):
        item = _audited(AuditPipeline(Broken()), page_item())
    assert (item.outcome, item.reason, item.findings) == ("failed", "audit error: RecursionError", [])
    assert any(r.exc_info and r.exc_info[0] is RecursionError for r in caplog.records)


def test_a_page_whose_audit_worker_died_fails_with_its_reason(caplog):
    from blindaje.crawler.imaging import Crashed

    class DyingWorkers:
        async def audit(self, portal, document, images):
            raise Crashed("_audit_in_worker")

    crawler = SimpleNamespace(spider=SimpleNamespace(auditors=DyingWorkers()))
    with caplog.at_level(logging.WARNING, logger="blindaje.crawl"):
        item = _audited(AuditPipeline(None, crawler=crawler), page_item())
    assert (item.outcome, item.reason, item.findings) == ("failed", "audit error: Crashed", [])


def test_the_audit_pipeline_leaves_what_it_does_not_audit_alone(auditor):
    pipeline = AuditPipeline(auditor)
    skipped = PageItem("coahuila", f"{BASE}/x.pdf", "skipped", Reason.NOT_HTML)
    image = ImageItem("coahuila", f"{BASE}/a.jpg", URL, "audited")
    assert _audited(pipeline, skipped) is skipped and skipped.findings is None
    assert _audited(pipeline, image) is image


def test_a_carried_over_page_brings_its_last_findings(auditor):
    record = FindingRecord.of("coahuila", auditor.audit_document(parse(URL, PAGE)).findings[0])
    cached = CachedPage("Boletín", ["directory"], 2, {f"{BASE}/a.jpg": "not fetched"}, [f"{BASE}/2"],
                        [record.to_row()])
    stats = SimpleNamespace(values={}, inc_value=lambda k, n=1: stats.values.__setitem__(k, stats.values.get(k, 0) + n))
    item = _audited(AuditPipeline(auditor, stats),
                    PageItem("coahuila", URL, "audited", carried=True, cached=cached, links=cached.links))
    assert item.findings == [record] and (item.title, item.exceptions, item.suppressed) == ("Boletín", ["directory"], 2)
    assert item.unchecked_images == {f"{BASE}/a.jpg": "not fetched"}
    assert stats.values == {"blindaje/pages/carried_over": 1}


# the Store pipeline -----------------------------------------------------------------------------------------------

def test_the_store_pipeline_writes_pages_findings_images_and_the_cache(store, auditor):
    run_id = new_run(store)
    pipeline = StorePipeline(store, run_id, audit_key="key-1")
    audited = _audited(AuditPipeline(auditor), page_item(etag='"e1"'))
    pipeline.process_item(audited)
    pipeline.process_item(PageItem("coahuila", "https://www.ine.mx/", "skipped", Reason.OUT_OF_SCOPE, fetched_at=NOW))
    pipeline.process_item(PageItem("coahuila", f"{BASE}/caida", "failed", "HTTP 500", http_status=500,
                                   fetched_at=NOW))
    analysis = Analysis("00ff00ff00ff00ff", 400, 300, [], "checked")
    pipeline.process_item(ImageItem("coahuila", f"{BASE}/f/Foto.JPG", URL, "audited", http_status=200,
                                    content_hash="cd" * 32, width=400, height=300, format="jpeg", bytes=9,
                                    analysis=analysis, new_analysis=True, analysis_version=analysis_version(True, False)))
    pages = {p["url"]: p for p in store.pages(run_id)}
    assert (pages[URL]["outcome"], pages[URL]["title"], pages[URL]["findings"]) == ("audited", "Boletín", 3)
    assert (pages["https://www.ine.mx/"]["outcome"], pages["https://www.ine.mx/"]["reason"]) == ("skipped",
                                                                                                 "out of scope")
    assert pages[f"{BASE}/caida"]["reason"] == "HTTP 500"
    found = store.findings(run_id)
    assert sorted(f["rule"] for f in found) == ["achievement-language", "official-image", "official-name"]
    assert {f["id"] for f in found} == {f.id for f in audited.findings}
    assert store.body("ab" * 32) == PAGE.encode() and audited.document is None  # kept, and released from memory
    assert store.validators("coahuila") == {URL: ('"e1"', "", "ab" * 32, "key-1")}
    assert store.cached_page("coahuila", URL).links == audited.links
    image = store.images(run_id)[0]
    assert (image["url"], image["phash"], image["faces"], image["analysis"]) == (f"{BASE}/f/Foto.JPG",
                                                                                 "00ff00ff00ff00ff", 0, "checked")
    assert store.image_analysis("cd" * 32, analysis_version(True, False))["analysis"]
    assert store.image_analysis("cd" * 32, analysis_version(False, True)) is None  # made without text: no stand-in


def test_the_store_pipeline_refuses_a_page_nobody_audited(store):
    with pytest.raises(DropItem, match="Audit pipeline"):
        StorePipeline(store, new_run(store)).process_item(page_item())


def test_the_store_pipeline_commits_pages_in_batches(store, auditor):
    run_id = new_run(store)
    clock = SimpleNamespace(now=0.0)
    pipeline = StorePipeline(store, run_id, batch_pages=3, batch_seconds=0.5, monotonic=lambda: clock.now)
    skipped = [PageItem("coahuila", f"{BASE}/s{i}", "skipped", Reason.OUT_OF_SCOPE, fetched_at=NOW) for i in range(5)]
    for item in skipped[:2]:
        pipeline.process_item(item)
    assert store.pages(run_id) == []  # waiting for a full batch
    pipeline.process_item(skipped[2])
    assert len(store.pages(run_id)) == 3  # a full batch
    pipeline.process_item(skipped[3])
    clock.now = 0.6
    pipeline.process_item(_audited(AuditPipeline(auditor), page_item()))
    assert len(store.pages(run_id)) == 5 and len(store.findings(run_id)) == 3  # half a second passed
    pipeline.process_item(skipped[4])
    pipeline.flush()  # what the timer does while no page arrives
    assert len(store.pages(run_id)) == 6


def test_a_batch_that_cannot_be_written_is_written_page_by_page(store, caplog):
    run_id = new_run(store)
    pipeline = StorePipeline(store, run_id, batch_pages=10)
    good = PageItem("coahuila", f"{BASE}/bien", "skipped", Reason.OUT_OF_SCOPE, fetched_at=NOW)
    bad = PageItem("coahuila", f"{BASE}/mal", "skipped", Reason.OUT_OF_SCOPE, fetched_at=NOW, title=object())
    pipeline.process_item(good)
    pipeline.process_item(bad)
    with caplog.at_level(logging.WARNING, logger="blindaje.crawl"):
        pipeline.flush()
    assert [p["url"] for p in store.pages(run_id)] == [f"{BASE}/bien"]
    assert f"could not store page {BASE}/mal" in caplog.text


# built from settings, and the pages left when a crawl stops -----------------------------------------------------

def settings(tmp_path, officials=(ORTEGA,), **extra) -> dict:
    return {"BLINDAJE_DB": str(tmp_path / "blindaje.db"), "BLINDAJE_RUN_ID": 1,
            "BLINDAJE_OFFICIALS": officials_setting(officials), "BLINDAJE_EXCEPTION_PATHS": {}, **extra}


def test_pipelines_are_built_from_blindaje_settings(tmp_path):
    crawler = get_crawler(PortalSpider, settings(tmp_path, BLINDAJE_AUDIT_KEY="key-9"))
    audit, keep = AuditPipeline.from_crawler(crawler), StorePipeline.from_crawler(crawler)
    assert audit.auditor.context.officials == (ORTEGA,)
    assert (keep.run_id, keep.audit_key) == (1, "key-9") and (tmp_path / "blindaje.db").is_file()
    with pytest.raises(NotConfigured):
        StorePipeline.from_crawler(get_crawler(PortalSpider, {}))


def test_the_auditor_is_made_for_the_first_page_that_needs_an_audit(tmp_path):
    """A night on which every page is carried over compiles no rule pack and analyses no reference portrait."""
    pipeline = AuditPipeline.from_crawler(get_crawler(PortalSpider, settings(tmp_path)))
    cached = CachedPage("Boletín", [], 0, {}, [], [])
    _audited(pipeline, PageItem("coahuila", URL, "audited", carried=True, cached=cached))
    assert pipeline._auditor is None
    item = _audited(pipeline, page_item())
    assert pipeline._auditor is not None and {f.rule for f in item.findings} >= {"official-name"}


def test_when_a_crawl_stops_held_pages_are_audited_and_every_page_is_stored(tmp_path):
    store = Store(open_db(tmp_path / "blindaje.db"))
    run_id = new_run(store)
    with_portrait = replace(ORTEGA, photos=(str(DEMO / "photos" / "jorge-alberto-trevino-garza.jpg"),))
    crawler = get_crawler(PortalSpider, settings(tmp_path, (with_portrait,), BLINDAJE_RUN_ID=run_id,
                                                 BLINDAJE_CHECK_PIXELS=True))
    portal = Portal(name="coahuila", jurisdiction="MX-COA", start_urls=[BASE + "/"],
                    allowed_domains=["www.coahuila.gob.mx"])
    spider = PortalSpider.from_crawler(crawler, portal, clock=lambda: NOW, resolver=lambda host: ["93.184.216.34"])
    crawler.spider = spider
    # in ITEM_PIPELINES' order; kept, as Scrapy keeps them (signals hold their handlers weakly)
    pipelines = [AuditPipeline.from_crawler(crawler), StorePipeline.from_crawler(crawler)]
    assert spider.needs_pixels and spider.store is not None
    request = next(r for r in spider._discover(URL, 1) if isinstance(r, Request))
    queued = next(r for r in spider._discover(f"{BASE}/nunca", 1) if isinstance(r, Request))
    out = list(spider.parse(HtmlResponse(URL, body=PAGE.encode(), encoding="utf-8", request=request,
                                         headers={"Content-Type": "text/html"})))
    fetch = [r.url for r in out if isinstance(r, Request) and r.callback == spider.parse_image]
    assert fetch == [f"{BASE}/f/Foto.JPG"]
    assert not [i for i in out if isinstance(i, PageItem)] and URL in spider.gate.held  # waiting for its image
    crawler.signals.send_catch_log(signals.spider_closed, spider=spider, reason="shutdown")
    assert len(pipelines) == 2
    pages = {p["url"]: p for p in store.pages(run_id)}
    assert (pages[URL]["outcome"], pages[URL]["findings"]) == ("audited", 3)
    assert pages[URL]["unchecked_images"] == '{"https://www.coahuila.gob.mx/f/Foto.JPG#portada": "not fetched"}'
    assert (pages[queued.url]["outcome"], pages[queued.url]["reason"]) == ("skipped", "interrupted")
