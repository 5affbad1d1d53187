"""Evidence in process (SPEC §10): the WARC writer's records as a standard reader reads them, which items the Store
pipeline captures and when their rows are committed, retention, and the evidence settings."""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from blindaje.audit.model import FindingRecord, Severity
from blindaje.config import EvidenceSettings, SettingsFile
from blindaje.crawler.evidence import Evidence
from blindaje.crawler.items import ImageItem, PageItem
from blindaje.crawler.pipelines import StorePipeline
from blindaje.crawler.warc import HEADERS_BOUND, Exchange, WarcFile, exchange_of, payload_digest
from blindaje.evidence_store import keep_days_for, prune_captures, warc_path
from blindaje.store import Store, open_db
from blindaje.store.records import CaptureRecord, PageRecord

URL = "https://www.coahuila.gob.mx/noticias/1?p=2"
BODY = "<html><body><h1>Inauguramos la clínica</h1></body></html>".encode()
SHA = hashlib.sha256(BODY).hexdigest()
NIGHT1, NIGHT2 = "2027-04-06T02:00:00-06:00", "2027-04-07T02:00:00-06:00"
ROOT = Path(__file__).resolve().parent.parent


def exchange(status=200, **kw) -> Exchange:
    return Exchange(URL, status, kw.pop("headers", [("Content-Type", "text/html; charset=utf-8")]),
                    [("User-Agent", "Blindaje/0.1"), ("Accept-Encoding", "gzip")], **kw)


def read(path: Path, capture) -> list:
    """(type, WARC headers, HTTP headers, payload) of each record in the capture's range, digests checked."""
    data = path.read_bytes()[capture.offset:capture.offset + capture.length]
    return [(r.rec_type, r.rec_headers, r.http_headers, r.content_stream().read())
            for r in ArchiveIterator(io.BytesIO(data), check_digests="raise")]


def finding(url=URL, fid="f1") -> FindingRecord:
    return FindingRecord(fid, "coahuila", url, "logros", Severity.HIGH, "Inauguramos", "h1", "phrase", "ctx",
                         "msg", "art. 134")


# the WARC writer ----------------------------------------------------------------------------------------------------

def test_a_response_capture_is_a_request_then_a_response_that_replay_the_page(tmp_path):
    warc = WarcFile(tmp_path / "e.warc.gz", "evidence/run-1/x.warc.gz", "coahuila")
    capture = warc.response(URL, exchange(ip_address="10.0.0.7"), BODY, NIGHT1, SHA)
    warc.close()
    assert (capture.offset, capture.kind, capture.payload_sha256, capture.http_status) == (0, "response", SHA, 200)
    assert capture.length == (tmp_path / "e.warc.gz").stat().st_size and capture.captured_at == "2027-04-06T08:00:00Z"
    (rq, rq_head, rq_http, _), (rs, rs_head, rs_http, payload) = read(tmp_path / "e.warc.gz", capture)
    assert (rq, rs) == ("request", "response") and payload == BODY
    assert rs_head.get_header("WARC-Record-ID") == capture.record_id == rq_head.get_header("WARC-Concurrent-To")
    assert rs_head.get_header("WARC-Target-URI") == rq_head.get_header("WARC-Target-URI") == URL
    assert rs_head.get_header("WARC-Date") == rq_head.get_header("WARC-Date") == "2027-04-06T08:00:00Z"
    assert rs_head.get_header("WARC-Payload-Digest") == payload_digest(SHA)
    assert rs_head.get_header("WARC-IP-Address") == "10.0.0.7"
    assert rq_http.protocol == "GET" and rq_http.statusline == "/noticias/1?p=2 HTTP/1.1"
    assert rq_http.get_header("User-Agent") == "Blindaje/0.1"
    assert rs_http.statusline == "200 OK" and rs_http.get_header("Content-Length") == str(len(BODY))


def test_each_record_is_its_own_gzip_member(tmp_path):
    warc = WarcFile(tmp_path / "e.warc.gz", "e.warc.gz", "coahuila")
    capture = warc.response(URL, exchange(), BODY, NIGHT1, SHA)
    warc.close()
    raw = (tmp_path / "e.warc.gz").read_bytes()
    first = gzip.GzipFile(fileobj=io.BytesIO(raw))
    text = first.read()
    assert text.count(b"WARC/1.1\r\n") == 2 and raw.count(b"\x1f\x8b\x08") >= 2 and capture.length == len(raw)


def test_one_byte_changed_fails_the_payload_digest(tmp_path):
    warc = WarcFile(tmp_path / "e.warc.gz", "e.warc.gz", "coahuila")
    capture = warc.response(URL, exchange(), BODY, NIGHT1, SHA)
    warc.close()
    text = bytearray(gzip.decompress((tmp_path / "e.warc.gz").read_bytes()))
    text[text.index("clínica".encode())] ^= 1
    with pytest.raises(ArchiveLoadFailed):
        for record in ArchiveIterator(io.BytesIO(gzip.compress(bytes(text))), check_digests="raise"):
            record.content_stream().read()
    assert capture.length


def test_a_revisit_refers_to_the_earlier_response_and_holds_no_payload(tmp_path):
    warc = WarcFile(tmp_path / "e.warc.gz", "e.warc.gz", "coahuila")
    first = warc.response(URL, exchange(), BODY, NIGHT1, SHA)
    again = warc.revisit(URL, exchange(304, headers=[("ETag", '"e1"')]), NIGHT2, SHA, first.to_row())
    orphan = warc.revisit(URL, exchange(304), NIGHT2, SHA, None)
    warc.close()
    assert again.offset == first.offset + first.length and (again.kind, again.refers_to) == ("revisit", first.record_id)
    [(kind, head, http, payload)] = read(tmp_path / "e.warc.gz", again)
    assert kind == "revisit" and payload == b"" and http.statusline == "304 Not Modified"
    assert head.get_header("WARC-Profile") == "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
    assert head.get_header("WARC-Refers-To") == first.record_id
    assert head.get_header("WARC-Refers-To-Target-URI") == URL
    assert head.get_header("WARC-Refers-To-Date") == "2027-04-06T08:00:00Z"
    assert head.get_header("WARC-Payload-Digest") == payload_digest(SHA)
    [(_, head, _, _)] = read(tmp_path / "e.warc.gz", orphan)
    assert orphan.refers_to == "" and head.get_header("WARC-Refers-To") is None


def test_headers_that_describe_the_wire_are_kept_renamed():
    """Scrapy de-chunks and inflates the body before anyone sees it: the record keeps those bytes, so the headers that
    described the wire form must not make a reader decode them again."""
    from blindaje.crawler.warc import _response_headers

    ex = exchange(headers=[("Transfer-Encoding", "chunked"), ("Content-Length", "17")], wire_encoding="gzip")
    headers = dict(_response_headers(ex, 100).headers)
    assert headers == {"X-Archive-Orig-Transfer-Encoding": "chunked", "X-Archive-Orig-Content-Length": "17",
                       "X-Archive-Orig-Content-Encoding": "gzip", "Content-Length": "100"}


def test_the_exchange_keeps_the_headers_as_sent_and_received_bounded():
    request = Request(URL, headers={"User-Agent": "Blindaje/0.1", "If-None-Match": '"e1"'})
    huge = {f"X-H{i}": "v" * 1000 for i in range(100)}
    response = HtmlResponse(URL, status=200, body=BODY, request=request,
                            headers={"Content-Type": "text/html", **huge})
    ex = exchange_of(response)
    assert ex.request_headers[0] == ("Host", "www.coahuila.gob.mx")
    assert ("If-None-Match", '"e1"') in ex.request_headers and ex.status == 200
    assert ex.response_headers[0] == ("Content-Type", "text/html")
    assert sum(len(n) + len(v) + 4 for n, v in ex.response_headers) <= HEADERS_BOUND < 100 * 1000


# the Store pipeline's captures ----------------------------------------------------------------------------------

@pytest.fixture
def store(tmp_path) -> Store:
    return Store(open_db(tmp_path / "blindaje.db"))


def new_run(store: Store) -> int:
    return store.start_run(started_at=NIGHT1, run_date="2027-04-06", portals=["coahuila"], forced=True, version="t",
                           rules_fingerprint="x")


def page(url=URL, findings=(), body=BODY, **kw) -> PageItem:
    return PageItem("coahuila", url, "audited", http_status=kw.pop("http_status", 200),
                    content_hash=hashlib.sha256(body).hexdigest() if body else SHA, fetched_at=kw.pop("at", NIGHT1),
                    body=body or None, findings=list(findings), exchange=exchange(kw.pop("status", 200)), **kw)


def pipeline(store, tmp_path, run_id, **kw) -> StorePipeline:
    rel = warc_path(run_id, "coahuila")
    evidence = Evidence.for_run(store, tmp_path, rel, "coahuila", run_id, **kw)
    return StorePipeline(store, run_id, batch_pages=100, evidence=evidence)


def test_pages_with_findings_are_captured_and_their_rows_wait_for_the_batch(store, tmp_path):
    run = new_run(store)
    pipe = pipeline(store, tmp_path, run)
    pipe.process_item(page(findings=[finding()]))
    pipe.process_item(page(URL + "&clean=1"))
    assert store.captures(URL) == []  # not before the batch: the row follows its page
    pipe.flush()
    [row] = store.captures(URL)
    assert row["warc"] == "evidence/run-1/coahuila.warc.gz" and row["kind"] == "response"
    assert row["offset"] + row["length"] == (tmp_path / row["warc"]).stat().st_size
    assert store.captures(URL + "&clean=1") == []  # no finding, not watched: no capture


def test_capture_all_captures_every_audited_page_but_not_skipped_ones(store, tmp_path):
    run = new_run(store)
    pipe = pipeline(store, tmp_path, run, capture_all=True)
    pipe.process_item(page(URL + "&clean=1"))
    pipe.process_item(PageItem("coahuila", URL + "&out=1", "skipped", "out of scope", fetched_at=NIGHT1))
    pipe.flush()
    assert len(store.captures(URL + "&clean=1")) == 1 and store.captures(URL + "&out=1") == []


def test_an_unchanged_page_is_a_revisit_of_its_last_capture_and_a_watched_page_is_captured_clean(store, tmp_path):
    run1 = new_run(store)
    pipe = pipeline(store, tmp_path, run1)
    pipe.process_item(page(findings=[finding()]))
    pipe.spider_closed(type("S", (), {"unfinished": lambda self, reason: []})(), "finished")
    store.finish_run(run1, finished_at=NIGHT1, status="complete")
    run2 = store.start_run(started_at=NIGHT2, run_date="2027-04-07", portals=["coahuila"], forced=True,
                           version="t", rules_fingerprint="x")
    pipe = pipeline(store, tmp_path, run2)
    assert pipe.evidence.watched == {URL}
    carried = page(findings=[finding()], body=b"", at=NIGHT2, carried=True, http_status=304, status=304)
    pipe.process_item(carried)
    clean = b"<html><body>Aviso retirado</body></html>"
    pipe.process_item(page(URL + "&gone=1", body=clean, at=NIGHT2))  # not watched, no findings: not kept
    pipe.flush()
    first, second = store.captures(URL)
    assert (second["kind"], second["refers_to"], second["payload_sha256"]) == ("revisit", first["record_id"], SHA)
    assert second["warc"] == "evidence/run-2/coahuila.warc.gz"


def test_a_watched_page_that_now_answers_404_is_captured_and_a_clean_unwatched_one_is_not(store, tmp_path):
    evidence = Evidence(WarcFile(tmp_path / "e.warc.gz", "e.warc.gz", "coahuila"), store, watched={URL})
    gone = PageItem("coahuila", URL, "failed", "HTTP 404", http_status=404, fetched_at=NIGHT2,
                    content_hash=hashlib.sha256(b"").hexdigest(),
                    body=b"", exchange=exchange(404))
    record = evidence.capture(gone)
    assert (record.kind, record.http_status) == ("response", 404)
    assert not evidence.wanted(page(URL + "&other=1"))
    assert not evidence.wanted(PageItem("coahuila", URL, "failed", "timeout", fetched_at=NIGHT2))  # no answer


def test_an_image_whose_text_has_findings_is_captured_at_once(store, tmp_path):
    run = new_run(store)
    pipe = pipeline(store, tmp_path, run)
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 50
    src = "https://www.coahuila.gob.mx/img/banner.png"
    pipe.process_item(ImageItem("coahuila", src, URL, "audited", content_hash=hashlib.sha256(png).hexdigest(),
                                body=png, findings=[finding(src)], exchange=Exchange(src, 200), fetched_at=NIGHT1))
    [row] = store.captures(src)
    assert row["payload_sha256"] == hashlib.sha256(png).hexdigest()
    assert read(tmp_path / row["warc"], type("C", (), row))[1][3] == png


# retention ----------------------------------------------------------------------------------------------------------

def captured_file(store, tmp_path, run_id: int, url: str, at: str, kind="response", refers_to=""):
    rel = warc_path(run_id, "coahuila")
    path = tmp_path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(path.read_bytes() + b"x" * 100 if path.exists() else b"x" * 100)
    record = CaptureRecord("coahuila", url, rel, 0, 100, f"<urn:uuid:{run_id}-{url[-1]}>", kind, SHA, at, 200,
                           refers_to)
    store.add_captures(run_id, [record])
    return record


def test_pruning_frees_expired_files_and_keeps_open_findings_and_what_revisits_refer_to(store, tmp_path):
    runs = [new_run(store) for _ in range(3)]
    old = captured_file(store, tmp_path, runs[0], URL + "&a", "2027-01-01T08:00:00Z")
    captured_file(store, tmp_path, runs[1], URL + "&b", "2027-01-01T08:00:00Z")
    captured_file(store, tmp_path, runs[2], URL + "&a", "2027-05-01T08:00:00Z", "revisit", old.record_id)
    # run 2's page still has an open finding in the latest run of its portal
    store.add_pages(runs[2], [(PageRecord("coahuila", URL + "&b", "audited"), [finding(URL + "&b")], None, None)])
    now = dt.datetime(2027, 5, 2, tzinfo=dt.timezone.utc)
    freed = prune_captures(store, tmp_path, now=now, keep_days_for=lambda portal, day: 30)
    assert freed == {"files": 0, "bytes": 0, "captures": 0}  # run 1: referred to; run 2: open finding; run 3: fresh
    later = dt.datetime(2027, 7, 1, tzinfo=dt.timezone.utc)
    freed = prune_captures(store, tmp_path, now=later, keep_days_for=lambda portal, day: 30)
    assert freed == {"files": 2, "bytes": 200, "captures": 2}  # runs 1 and 3; the open finding's file stays
    assert (tmp_path / warc_path(runs[1], "coahuila")).exists()
    assert not (tmp_path / f"evidence/run-{runs[0]}").exists()
    assert [c["run_id"] for c in store.captures(URL + "&b")] == [runs[1]] and store.captures(URL + "&a") == []


def test_captures_are_kept_90_days_after_the_blackout_they_were_made_in_or_keep_days():
    from types import SimpleNamespace

    from blindaje.config import CalendarFile, Portal

    calendar = CalendarFile.model_validate({"processes": [
        {"name": "PEL", "applies_to": ["MX-COA"], "blackout_start": "2027-03-05", "blackout_end": "2027-06-06"},
        {"name": "Otro", "applies_to": ["MX-JAL"], "blackout_start": "2027-03-05", "blackout_end": "2027-12-31"}]})
    portal = Portal(name="coahuila", jurisdiction="MX-COA", start_urls=["https://a.mx/"], allowed_domains=["a.mx"])

    def config(**evidence):
        return SimpleNamespace(settings=SettingsFile.model_validate({"evidence": evidence}), calendar=calendar,
                               portals=[portal])

    days = keep_days_for(config())
    assert days("coahuila", dt.date(2027, 6, 1)) == 5 + 90  # until 90 days after the blackout's end
    assert days("coahuila", dt.date(2027, 1, 10)) == 90  # before any blackout: 90 days after the capture
    assert days("coahuila", dt.date(2027, 12, 1)) == 90  # long after it (a forced crawl): 90 days
    assert days("gone-portal", dt.date(2027, 6, 1)) == 90
    assert keep_days_for(config(keep_days=7))("coahuila", dt.date(2027, 6, 1)) == 7


def test_evidence_settings_are_strict_and_documented():
    assert SettingsFile().evidence == EvidenceSettings(capture_all=False, keep_days=None)
    with pytest.raises(ValueError):
        EvidenceSettings(keep_days=0)
    with pytest.raises(ValueError):
        SettingsFile.model_validate({"evidence": {"keep": 3}})
    readme = (ROOT / "README.md").read_text("utf-8")
    for key in EvidenceSettings.model_fields:
        assert f"`evidence.{key}`" in readme, key
    assert "## Evidence" in readme
