"""Records that cross a layer keep their shape: each one's row round-trips through a real SQLite file; every reason
the crawler can give is a code with a Spanish label."""
from __future__ import annotations

import ast
import hashlib
from pathlib import Path

import numpy as np
import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TimeoutError as TxTimeout
from twisted.python.failure import Failure

from blindaje.audit.model import Finding, FindingRecord, Severity
from blindaje.audit.portraits import Analysis, Face, Refused, analysis_from_row
from blindaje.audit.reasons import SPANISH, Detailed, Reason, parse, spanish
from blindaje.config import Portal
from blindaje.crawler.addresses import AddressGuard
from blindaje.crawler.middlewares import REDIRECTED, OutOfScope, ScopeMiddleware
from blindaje.crawler.spiders.portal import REFUSED, UNFETCHED, PortalSpider, _reason
from blindaje.crawler.traps import CalendarTraps, url_trap
from blindaje.crawler.urls import Scope
from blindaje.store import Store, open_db
from blindaje.store.records import CacheEntry, ImageRecord, PageRecord

ROOT = Path(__file__).resolve().parent.parent
URL = "https://www.coahuila.gob.mx/noticias/1"


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(open_db(tmp_path / "blindaje.db"))


def new_run(store: Store) -> int:
    return store.start_run(started_at="2027-04-06T02:00:00-06:00", run_date="2027-04-06", portals=["coahuila"],
                           forced=True, version="t", rules_fingerprint="x")


def a_finding(**kw) -> Finding:
    values = dict(rule="official-image", severity=Severity.HIGH, url=URL, location="main > img:nth-of-type(2)",
                  kind="img", evidence="https://www.coahuila.gob.mx/f/Evento.JPG?utm_source=x",
                  context="⟦Lucía Ortega⟧ en el evento", message="Retire la imagen.", legal_basis="Art. 134 CPEUM",
                  group="review", exception="transparency", data={"official": "Lucía Ortega", "how": "hash"},
                  occurrence=1)
    return Finding(**{**values, **kw})


# findings -------------------------------------------------------------------------------------------------------

def test_a_finding_record_round_trips_through_its_row_and_the_store(store):
    finding = a_finding()
    record = FindingRecord.of("coahuila", finding, image_url="https://www.coahuila.gob.mx/f/Evento.JPG")
    assert record.id == finding.id and record.group == "review"
    assert record.data == {"official": "Lucía Ortega", "how": "hash",
                           "image_url": "https://www.coahuila.gob.mx/f/Evento.JPG"}
    row = record.to_row()
    assert row["grp"] == "review" and row["severity"] == "high" and isinstance(row["data"], str)
    again = FindingRecord.from_row(row)
    assert again == record and again.data == record.data and again.severity is Severity.HIGH
    run_id = new_run(store)
    store.add_page(run_id, PageRecord("coahuila", URL, "audited", http_status=200), [record])
    stored = store.findings(run_id)
    assert len(stored) == 1 and stored[0]["status"] == "new" and stored[0]["grp"] == "review"
    from_store = FindingRecord.from_row(stored[0])
    assert from_store == record and from_store.data == record.data


def test_a_finding_row_cached_before_records_still_reads():
    """Page caches written before records kept `data` as a mapping, not JSON text."""
    row = FindingRecord.of("coahuila", a_finding()).to_row()
    row["data"] = {"official": "Lucía Ortega", "how": "hash"}
    assert FindingRecord.from_row(row).data == {"official": "Lucía Ortega", "how": "hash"}


# pages, images, the incremental cache ------------------------------------------------------------------------------

def test_page_records_round_trip_through_the_store(store):
    run_id = new_run(store)
    audited = PageRecord("coahuila", URL, "audited", "", "https://www.coahuila.gob.mx/noticias/1/", 200, "ab" * 32,
                         "2027-04-06T02:01:00-06:00", 2, "text/html", 1234, "Noticias", ["transparency"], 3,
                         {"https://www.coahuila.gob.mx/f/a.jpg": Reason.NOT_FETCHED}, False)
    skipped = PageRecord("coahuila", "https://www.ine.mx/", "skipped", Reason.OUT_OF_SCOPE,
                         fetched_at="2027-04-06T02:01:00-06:00", depth=3)
    for page in (audited, skipped):
        store.add_page(run_id, page)
    rows = {r["url"]: r for r in store.db.query("select * from pages where run_id = ?", [run_id])}
    assert PageRecord.from_row(rows[URL]) == audited
    assert PageRecord.from_row(rows["https://www.ine.mx/"]) == skipped
    assert rows["https://www.ine.mx/"]["title"] is None and rows["https://www.ine.mx/"]["suppressed"] is None
    exported = {p["url"]: p for p in store.export_pages(run_id)}
    assert type(exported["https://www.ine.mx/"]["reason"]) is str  # the export contract's string, exactly
    assert exported["https://www.ine.mx/"]["reason"] == "out of scope" and exported[URL]["reason"] == ""


def test_a_cached_page_brings_back_its_findings_and_links(store):
    run_id = new_run(store)
    record = FindingRecord.of("coahuila", a_finding())
    page = PageRecord("coahuila", URL, "audited", content_hash="cd" * 32, title="Noticias", exceptions=["directory"],
                      suppressed=2, unchecked_images={"https://www.coahuila.gob.mx/f/b.jpg": "too many pixels"})
    store.add_page(run_id, page, [record], body=b"<html>", cache=CacheEntry("key-1", '"e1"', "Tue", [URL + "/2"]))
    assert store.validators("coahuila") == {URL: ('"e1"', "Tue", "cd" * 32, "key-1")}
    cached = store.cached_page("coahuila", URL)
    assert (cached.title, cached.exceptions, cached.suppressed, cached.links) == ("Noticias", ["directory"], 2,
                                                                                 [URL + "/2"])
    assert cached.unchecked_images == page.unchecked_images
    assert [FindingRecord.from_row(r) for r in cached.findings] == [record]
    assert store.cached_page("coahuila", URL + "/other") is None


def test_image_records_and_analyses_round_trip_through_the_store(store):
    run_id = new_run(store)
    body = b"\xff\xd8\xff fake jpeg"
    digest = hashlib.sha256(body).hexdigest()
    analysis = Analysis("8f3c2a1b0d0e0f10", 640, 480, [Face((1, 2, 30, 40), np.arange(128, dtype=np.float32) / 128)],
                        "checked", 1)
    image = ImageRecord("coahuila", "https://www.coahuila.gob.mx/f/a.jpg", URL, "audited", "", 200, digest, 640, 480,
                        "jpeg", len(body), analysis.phash, 1, "checked")
    store.add_image(run_id, image, body, (digest, "2", analysis.to_row()))
    assert ImageRecord.from_row(store.images(run_id)[0]) == image
    assert store.blob(digest) == body
    back = analysis_from_row(store.image_analysis(digest, "2"))
    assert isinstance(back, Analysis) and (back.phash, back.width, back.height, back.face_status, back.faces_total) \
        == (analysis.phash, 640, 480, "checked", 1)
    assert back.faces[0].box == (1, 2, 30, 40)
    assert np.allclose(back.faces[0].encoding, analysis.faces[0].encoding, atol=1e-5)  # kept to 5 decimals
    assert store.image_analysis(digest, "3") is None  # another analyser version: analysed again
    store.add_image(run_id, ImageRecord("coahuila", "https://www.coahuila.gob.mx/f/b.png", URL, "skipped",
                                        Reason.TOO_MANY_PIXELS, 200, "ef" * 32),
                    None, ("ef" * 32, "2", Refused(Reason.TOO_MANY_PIXELS).to_row()))
    refused = analysis_from_row(store.image_analysis("ef" * 32, "2"))
    assert isinstance(refused, Refused) and refused.reason == "too many pixels"


# reasons ----------------------------------------------------------------------------------------------------------

def test_every_reason_code_has_a_spanish_label():
    assert set(SPANISH) == set(Reason)
    for reason in Reason:
        assert reason.spanish and reason.spanish != reason.value
        assert spanish(reason.value) == reason.spanish  # as read back from the database: a plain str
    for kind in Detailed:
        reason = kind("OSError")
        assert parse(reason) == (kind, "OSError") and spanish(reason) != reason
    assert spanish("HTTP 404") == "respuesta HTTP 404"
    assert spanish("not an image: UnidentifiedImageError") == "no es una imagen legible (UnidentifiedImageError)"
    assert spanish("") == "—" and spanish("SomeNewError") == "SomeNewError"  # unknown: shown as it is


def test_export_contract_reasons_keep_their_strings():
    """SPEC §6 names these reasons in the pages export: the codes' values are those strings."""
    for text in ("out of scope", "too large", "timeout", "redirect to a private address", "depth limit", "duplicate",
                 "not HTML"):
        assert Reason(text).value == text


def emitted_reasons() -> list[str]:
    """Reasons the crawler's components give for a sample of URLs and failures."""
    out = []
    scope = Scope(["www.coahuila.gob.mx"], deny=[r"/privado/"])
    for url in ("https://www.ine.mx/", "ftp://www.coahuila.gob.mx/", "http://[::1/",
                "https://www.coahuila.gob.mx/privado/"):
        out.append(scope.reason(url))
    for url in ("https://x.mx/" + "a" * 3000, "https://x.mx/" + "a/b/" * 5, "https://x.mx/?" + "&".join(
            f"k{i}=1" for i in range(40)), "https://x.mx/?p=1&p=2&p=3&p=4&p=5"):
        out.append(url_trap(url))
    traps = CalendarTraps(1)
    out.append([traps.reason(f"https://x.mx/agenda/2027-04-0{d}") for d in (1, 2)][-1])
    guard = AddressGuard(["www.coahuila.gob.mx"], resolver=lambda host: ["93.184.216.34"])
    out.append(guard.reason("http://169.254.169.254/"))
    portal = Portal(name="p", jurisdiction="federal", start_urls=["https://www.coahuila.gob.mx/"],
                    allowed_domains=["www.coahuila.gob.mx"], deny=[r"/privado/"])
    spider = PortalSpider(portal, resolver=lambda host: ["93.184.216.34"], clock=lambda: "t")
    middleware = ScopeMiddleware(type("Crawler", (), {"spider": spider})())
    for url in ("https://www.ine.mx/", "http://10.0.0.1/", "https://www.coahuila.gob.mx/privado/x"):
        with pytest.raises(OutOfScope) as refused:
            middleware.process_request(Request(url, meta={"redirect_urls": ["https://www.coahuila.gob.mx/r"]}))
        out.append(str(refused.value))
    request = Request("https://www.coahuila.gob.mx/a")
    for exc in (TxTimeout(), DNSLookupError(), ConnectionRefusedError(),
                IgnoreRequest("Cancelling download: DOWNLOAD_MAXSIZE"), IgnoreRequest("max redirections reached"),
                OutOfScope(Reason.REDIRECT_OUT_OF_SCOPE), IgnoreRequest("")):
        failure = Failure(exc)
        failure.request = request
        out.append(_reason(failure))
    out += [*UNFETCHED.values(), *REFUSED, *REDIRECTED.values()]
    return out


def test_every_reason_the_crawler_gives_is_a_code_with_a_label():
    reasons = emitted_reasons()
    assert len(reasons) > 30 and all(r is not None for r in reasons)
    for reason in reasons:
        assert parse(reason) is not None, reason
        assert spanish(reason) != reason, reason


def test_the_crawler_writes_no_reason_as_a_bare_string():
    """A page or image recorded with a literal reason would escape the codes (and their Spanish labels)."""
    literals = []
    for path in (ROOT / "crawler").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                    "_page", "ImageItem", "PageItem"):
                args = node.args[1:] + [k.value for k in node.keywords if k.arg == "reason"]
                literals += [(path.name, node.lineno, a.value) for a in args
                             if isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value
                             and a.value not in ("audited", "skipped", "failed")]
    assert literals == []
