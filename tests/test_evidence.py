"""Evidence dossiers (SPEC §10): built from WARC captures written at test time as the crawl writes them, verified,
tampered with, replayed, opened in a browser; and the reports' pointer to each finding's dossier."""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import sqlite3
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from blindaje.audit.model import FindingRecord
from blindaje.cli import cli
from blindaje.reports.evidence import verify_dossier, write_dossier
from blindaje.reports.render import render_run
from blindaje.reports.warcs import digest_matches, hex_of
from blindaje.store import Store, open_db
from blindaje.store.records import CaptureRecord, PageRecord
from conftest import blindaje, write_config

URL = "https://alfa.gob.mx/noticias/1"
NIGHTS = [("2027-04-05", "08:31:12"), ("2027-04-06", "08:30:40"), ("2027-04-07", "08:32:05")]
HOSTILE = "<script>alert('x')</script>"
PAGE = ("<!doctype html><html lang='es'><head><meta charset='utf-8'><title>Noticia</title></head><body>"
        "<h1>La secretaria Ariadna Montiel inauguró el hospital</h1><img src='https://cdn.example.com/x.png'>"
        f"<p>{HOSTILE}</p></body></html>").encode("utf-8")
FIXED_PAGE = ("<!doctype html><html lang='es'><head><meta charset='utf-8'><title>Noticia</title></head><body>"
              "<h1>La Secretaría inauguró el hospital</h1></body></html>").encode("utf-8")
NAME = {"id": "a1b2c3d4e5f60718", "portal": "alfa", "url": URL, "rule": "official-name", "severity": "high",
        "evidence": "Ariadna Montiel", "location": "h1", "kind": "h1",
        "context": f"La secretaria ⟦Ariadna Montiel⟧ inauguró el hospital {HOSTILE}",
        "message": "Retire el nombre de la servidora pública del encabezado.",
        "legal_basis": "Art. 134 párr. 8 CPEUM",
        "grp": "violation", "exception": "", "data": {}}
NOW = dt.datetime(2027, 4, 8, 9, 15, tzinfo=dt.timezone(dt.timedelta(hours=-6)))
MX = __import__("zoneinfo").ZoneInfo("America/Mexico_City")


# captures as the crawl writes them (store.records.CaptureRecord is the contract) ---------------------------------
def write_capture(data: Path, run_id: int, url: str, body: bytes, at: str, *, status: int = 200,
                  revisit_of: CaptureRecord | None = None) -> CaptureRecord:
    """Append one capture to DATA/evidence/run-N/alfa.warc.gz: request then response, gzip per record, or a single
    revisit record referring to an earlier response with the same payload; return its captures row."""
    rel = f"evidence/run-{run_id}/alfa.warc.gz"
    path = data / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    with open(path, "r+b") as fh:
        fh.seek(0, io.SEEK_END)
        offset = fh.tell()
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders(f"{status} OK", [("Content-Type", "text/html; charset=utf-8"),
                                                    ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
        if revisit_of is not None:
            record = writer.create_revisit_record(
                url, f"sha256:{revisit_of.payload_sha256}", url, revisit_of.captured_at.replace("+00:00", "Z"),
                http_headers=headers, warc_headers_dict={"WARC-Date": at, "WARC-Refers-To": revisit_of.record_id})
            writer.write_record(record)
            kind = "revisit"
        else:
            parts = urllib.parse.urlsplit(url)
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), warc_headers_dict={
                "WARC-Date": at}, http_headers=StatusAndHeaders(f"GET {parts.path} HTTP/1.1", [
                    ("Host", parts.netloc), ("User-Agent", "Blindaje")], is_http_request=True))
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": at})
            request.rec_headers.add_header("WARC-Concurrent-To", record.rec_headers.get_header("WARC-Record-ID"))
            writer.write_record(request)
            writer.write_record(record)
            kind = "response"
        length = fh.tell() - offset
    return CaptureRecord("alfa", url, rel, offset, length, record.rec_headers.get_header("WARC-Record-ID"), kind,
                         hashlib.sha256(body).hexdigest(), at, status,
                         revisit_of.record_id if revisit_of is not None else "")


def build(base: Path) -> dict:
    """Three nights: the finding seen on nights 1 and 2 (night 2 a revisit: the page did not change), gone on night
    3 (the page fixed, captured that night too)."""
    data = base / "data"
    store = Store(open_db(data / "blindaje.db"))
    captures, first = [], None
    for night, (date, clock) in enumerate(NIGHTS, 1):
        started = f"{date}T02:30:00-06:00"
        run_id = store.start_run(started_at=started, run_date=date, portals=["alfa"], forced=False, version="t",
                                 rules_fingerprint="x")
        body = FIXED_PAGE if night == 3 else PAGE
        at = f"{date}T{clock}Z"
        capture = write_capture(data, run_id, URL, body, at, revisit_of=first if night == 2 else None)
        first = first or capture
        store.add_page(run_id, PageRecord("alfa", URL, "audited", http_status=200, fetched_at=started,
                                          content_hash=hashlib.sha256(body).hexdigest()),
                       [] if night == 3 else [FindingRecord.from_row(NAME)])
        store.add_captures(run_id, [capture])
        captures.append(capture)
        store.finish_run(run_id, finished_at=f"{date}T02:45:00-06:00", status="complete")
    return {"store": store, "data": data, "captures": captures, "runs": [1, 2, 3]}


@pytest.fixture
def nights(tmp_path):
    return build(tmp_path)


@pytest.fixture
def dossier(nights, tmp_path):
    out = tmp_path / "evidencia"
    write_dossier(nights["store"], NAME["id"], nights["data"], out, now=NOW, tz=MX)
    return out


def text(path: Path) -> str:
    return " ".join(lxml_html.fromstring(path.read_text("utf-8")).text_content().split())


# the dossier ---------------------------------------------------------------------------------------------------
def test_dossier_holds_the_finding_its_nights_captures_and_hashes(nights, dossier):
    assert sorted(p.name for p in dossier.iterdir()) == ["capture.warc.gz", "index.html", "manifest.json"]
    page = text(dossier / "index.html")
    for expected in ("Nombre de servidor público", "official-name", "alta", NAME["message"], "Art. 134 párr. 8 CPEUM",
                     URL, "h1", HOSTILE):
        assert expected in page, expected
    doc = lxml_html.fromstring((dossier / "index.html").read_text("utf-8"))
    assert doc.xpath("//td[@id='evidence']/mark/text()") == ["Ariadna Montiel"]
    assert not doc.xpath("//script") and "http" not in "".join(doc.xpath("//@src | //link/@href"))
    first, revisit, gone = nights["captures"]
    # capture times in UTC and in the calendar's time zone (no DST in Mexico City since 2022: UTC-6)
    assert "2027-04-05T08:31:12Z" in page and "2027-04-05T02:31:12-06:00" in page
    assert "2027-04-06T08:30:40Z" in page and "2027-04-06T02:30:40-06:00" in page
    for c in nights["captures"]:
        assert c.payload_sha256 in page and c.record_id in page
    rows = cells(doc, "capture-table")
    assert len(rows) == 3 and "respuesta" in rows[0] and "revisit" in rows[1] and first.record_id in rows[1]
    assert all("HTTP 200" in r for r in rows)
    nights_rows = cells(doc, "nights")
    assert [r.split()[:2] for r in nights_rows] == [["1", "2027-04-05"], ["2", "2027-04-06"], ["3", "2027-04-07"]]
    assert "nuevo" in nights_rows[0] and "abierto" in nights_rows[1] and "ausente (corregido)" in nights_rows[2]
    assert "ejecución 1, noche del 2027-04-05" in text_of(doc, "first-seen")
    assert "ejecución 2, noche del 2027-04-06" in text_of(doc, "last-seen")
    gone_text = text_of(doc, "first-gone")
    assert "ejecución 3, noche del 2027-04-07" in gone_text and gone.record_id in gone_text
    assert gone.payload_sha256 in gone_text
    manifest = json.loads((dossier / "manifest.json").read_text("utf-8"))
    assert manifest["finding_id"] == NAME["id"] and manifest["created_at"] == "2027-04-08T09:15:00-06:00"
    files = {f["name"]: f for f in manifest["files"]}
    assert set(files) == {"index.html", "capture.warc.gz"}
    for name, f in files.items():
        assert f["sha256"] == hashlib.sha256((dossier / name).read_bytes()).hexdigest()
        assert f["size"] == (dossier / name).stat().st_size
    assert files["capture.warc.gz"]["sha256"] in page  # the page lists the files with their hashes
    assert [(r["type"], r["target_uri"]) for r in manifest["records"]] == [
        ("request", URL), ("response", URL), ("revisit", URL), ("request", URL), ("response", URL)]
    assert [r["payload_sha256"] for r in manifest["records"] if r["type"] != "request"] == [
        c.payload_sha256 for c in nights["captures"]]


def cells(doc, table_id: str) -> list[str]:
    """Each body row of a table: its cells' texts joined by single spaces."""
    return [" ".join(" ".join(td.text_content().split()) for td in tr.xpath("td|th"))
            for tr in doc.xpath(f"//table[@id='{table_id}']/tbody/tr")]


def text_of(doc, element_id: str) -> str:
    return " ".join(doc.get_element_by_id(element_id).text_content().split())


def test_the_warc_is_the_captures_bytes_verbatim_and_replays(nights, dossier):
    data = nights["data"]
    warc = (dossier / "capture.warc.gz").read_bytes()
    expected = b""
    for c in nights["captures"]:
        with open(data / c.warc, "rb") as fh:
            fh.seek(c.offset)
            expected += fh.read(c.length)
    assert warc == expected
    # replay: a standard reader finds the page with its original bytes, and each response's digest holds
    responses = []
    for record in ArchiveIterator(io.BytesIO(warc), check_digests=True):
        if record.rec_type == "response":
            assert record.rec_headers.get_header("WARC-Target-URI") == URL
            assert record.http_headers.get_statuscode() == "200"
            responses.append(record.content_stream().read())
    assert responses == [PAGE, FIXED_PAGE]


def test_a_revisit_brings_its_original_when_that_night_is_not_in_the_dossier(tmp_path):
    nights = build(tmp_path)
    store = nights["store"]
    # the finding is first seen on night 2: its capture is a revisit of night 1's response, which must travel too
    store.db.execute("delete from findings where run_id = 1")
    out = tmp_path / "e"
    write_dossier(store, NAME["id"], nights["data"], out, now=NOW, tz=MX)
    types = [r["type"] for r in json.loads((out / "manifest.json").read_text())["records"]]
    assert types == ["request", "response", "revisit", "request", "response"]
    assert verify_dossier(out)[0] == []


# the command and verify ----------------------------------------------------------------------------------------
def test_evidence_command_writes_and_verify_passes(nights, tmp_path):
    out = tmp_path / f"evidencia-{NAME['id']}"
    runner = CliRunner()
    res = runner.invoke(cli, ["evidence", NAME["id"], "--out", str(out), "--data", str(nights["data"]),
                              "--config", str(tmp_path / "none"), "--no-screenshot"])
    assert res.exit_code == 0, res.output
    assert "3 capture(s), 5 WARC record(s)" in res.output
    res = runner.invoke(cli, ["evidence", "verify", str(out)])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("OK: 2 file(s) and 5 WARC record(s)")


def test_the_calendar_time_zone_is_used(nights, tmp_path):
    config = write_config(tmp_path / "config", "http://127.0.0.1:1/")
    cal = config / "calendar.yaml"
    cal.write_text(cal.read_text().replace("America/Mexico_City", "America/Tijuana"))
    out = tmp_path / "e"
    res = CliRunner().invoke(cli, ["evidence", NAME["id"], "--out", str(out), "--data", str(nights["data"]),
                                   "--config", str(config), "--no-screenshot"])
    assert res.exit_code == 0, res.output
    page = text(out / "index.html")
    assert "America/Tijuana" in page and "2027-04-05T01:31:12-07:00" in page  # Tijuana keeps DST


def test_unknown_finding_exits_2(nights, tmp_path):
    res = CliRunner().invoke(cli, ["evidence", "ffffffffffffffff", "--out", str(tmp_path / "x"),
                                   "--data", str(nights["data"])])
    assert res.exit_code == 2 and res.stderr.splitlines() == ["error: no finding with id ffffffffffffffff"]
    assert not (tmp_path / "x").exists()
    for args in (["evidence", "verify"], ["evidence", NAME["id"]], ["evidence", "verify", str(tmp_path / "nada")]):
        res = CliRunner().invoke(cli, [*args, "--data", str(nights["data"])])
        assert res.exit_code == 2 and len(res.stderr.splitlines()) == 1, (args, res.output)


def test_a_missing_capture_file_fails_the_dossier(nights, tmp_path):
    (nights["data"] / nights["captures"][0].warc).unlink()
    res = CliRunner().invoke(cli, ["evidence", NAME["id"], "--out", str(tmp_path / "x"), "--data",
                                   str(nights["data"]), "--no-screenshot"])
    assert res.exit_code == 1 and "evidence/run-1/alfa.warc.gz" in res.stderr, res.output


def test_a_finding_without_captures_still_gets_its_dossier_and_a_warning(nights, tmp_path):
    nights["store"].db.execute("delete from captures")
    nights["store"].db.conn.commit()
    out = tmp_path / "e"
    res = CliRunner().invoke(cli, ["evidence", NAME["id"], "--out", str(out), "--data", str(nights["data"]),
                                   "--no-screenshot"])
    assert res.exit_code == 0 and "warning: no capture" in res.stderr, res.output
    assert "No se guardaron capturas" in text(out / "index.html")
    assert CliRunner().invoke(cli, ["evidence", "verify", str(out)]).exit_code == 0


def test_the_dossier_wants_a_folder_of_its_own(nights, tmp_path):
    out = tmp_path / "e"
    out.mkdir()
    (out / "otro.txt").write_text("x")
    res = CliRunner().invoke(cli, ["evidence", NAME["id"], "--out", str(out), "--data", str(nights["data"])])
    assert res.exit_code == 2 and "holds other files (otro.txt)" in res.stderr
    (out / "otro.txt").unlink()
    for _ in range(2):  # written again over itself: still one dossier
        res = CliRunner().invoke(cli, ["evidence", NAME["id"], "--out", str(out), "--data", str(nights["data"]),
                                       "--no-screenshot"])
        assert res.exit_code == 0, res.output
    assert verify_dossier(out)[0] == []


def flip(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


def verify_fails(folder: Path, *names: str) -> list[str]:
    res = CliRunner().invoke(cli, ["evidence", "verify", str(folder)])
    assert res.exit_code == 1, res.output
    for name in names:
        assert name in res.output, (name, res.output)
    return res.output.splitlines()


def test_one_byte_flipped_in_the_warc_fails_naming_it(dossier):
    warc = dossier / "capture.warc.gz"
    flip(warc, warc.stat().st_size // 2)
    verify_fails(dossier, "FAILED: capture.warc.gz")


def test_one_byte_changed_inside_a_record_fails_naming_the_record(dossier):
    """The attacker re-gzips the member after the change: the file hash and the record's digests both catch it."""
    manifest = json.loads((dossier / "manifest.json").read_text())
    offsets = [r["offset_in_capture"] for r in manifest["records"]]
    response = manifest["records"][1]
    warc = (dossier / "capture.warc.gz").read_bytes()
    start, end = offsets[1], offsets[2]
    member = bytearray(gzip.decompress(warc[start:end]))
    at = member.index(b"Ariadna")
    member[at] = ord("B")
    (dossier / "capture.warc.gz").write_bytes(warc[:start] + gzip.compress(bytes(member)) + warc[end:])
    lines = verify_fails(dossier, "capture.warc.gz: SHA-256 does not match", response["record_id"],
                         "WARC-Payload-Digest does not match")
    assert not any(manifest["records"][0]["record_id"] in line for line in lines)


def test_one_byte_flipped_in_the_page_fails_naming_it(dossier):
    flip(dossier / "index.html", 200)
    lines = verify_fails(dossier, "index.html")
    assert lines == ["FAILED: index.html: SHA-256 does not match the manifest"]


def test_a_missing_file_and_an_extra_file_are_named(dossier):
    (dossier / "index.html").unlink()
    (dossier / "notas.txt").write_text("añadido después")
    lines = verify_fails(dossier, "index.html: missing", "notas.txt: not in the manifest")
    assert len(lines) == 2


def test_a_missing_manifest_fails(dossier):
    (dossier / "manifest.json").unlink()
    verify_fails(dossier, "manifest.json: missing")


def test_a_record_dropped_from_the_manifest_is_named(dossier):
    manifest = json.loads((dossier / "manifest.json").read_text())
    dropped = manifest["records"].pop(2)
    (dossier / "manifest.json").write_text(json.dumps(manifest))
    verify_fails(dossier, f"record {dropped['record_id']}: in capture.warc.gz, not in the manifest")


def test_digest_headers_in_base32_and_hex():
    data = b"carga"
    sha256 = hashlib.sha256(data)
    b32 = __import__("base64").b32encode(sha256.digest()).decode()
    assert digest_matches(f"sha256:{b32}", data) and digest_matches(f"sha256:{b32.rstrip('=')}", data)
    assert digest_matches(f"sha256:{sha256.hexdigest()}", data)
    assert digest_matches(f"sha1:{__import__('base64').b32encode(hashlib.sha1(data).digest()).decode()}", data)
    assert digest_matches(f"sha256:{b32}", b"otra") is False
    assert digest_matches("md99:abc", data) is None
    assert hex_of(f"sha256:{b32}") == hex_of(f"sha256:{sha256.hexdigest()}") == sha256.hexdigest()


# the reports point at the dossier ------------------------------------------------------------------------------
def test_reports_show_the_dossier_command_and_when_a_fixed_finding_was_gone(nights, tmp_path):
    reports = tmp_path / "reports"
    command = f"blindaje evidence {NAME['id']} --out evidencia-{NAME['id']}"
    render_run(nights["store"], 2, reports, now=NOW)
    portal = lxml_html.fromstring((reports / "run-2" / "portal-alfa.html").read_text("utf-8"))
    item = portal.get_element_by_id(f"f-{NAME['id']}")
    assert item.xpath(".//p[contains(@class, 'dossier')]/code/text()") == [command]
    oldest = lxml_html.fromstring((reports / "run-2" / "index.html").read_text("utf-8")).get_element_by_id("oldest")
    assert command in oldest.getnext().text_content()  # the open findings, oldest first, name their dossier too
    render_run(nights["store"], 3, reports, now=NOW)
    portal = lxml_html.fromstring((reports / "run-3" / "portal-alfa.html").read_text("utf-8"))
    fixed = portal.get_element_by_id(f"f-{NAME['id']}")
    assert command in fixed.text_content()
    assert "visto por última vez el 06/04/2027; ausente por primera vez en la ejecución 3 (07/04/2027)" in " ".join(
        fixed.text_content().split())
    run_page = lxml_html.fromstring((reports / "run-3" / "index.html").read_text("utf-8"))
    row = " ".join(run_page.get_element_by_id(f"row-{NAME['id']}").text_content().split())
    assert command in row and "ausente por primera vez en la ejecución 3" in row


# a real browser ------------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_the_dossier_opens_in_chromium_with_nothing_from_outside(nights, tmp_path):
    from test_browser import CHROMIUM, Browser, Tab, inside

    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from blindaje.reports.screenshot import screenshot

    out = tmp_path / "evidencia"
    dossier = write_dossier(nights["store"], NAME["id"], nights["data"], out, now=NOW, tz=MX,
                            screenshot=lambda html, ctype, png: screenshot(CHROMIUM, html, ctype, png))
    assert dossier.screenshot and (out / "screenshot.png").read_bytes().startswith(b"\x89PNG")
    manifest = json.loads((out / "manifest.json").read_text())
    assert "screenshot.png" in {f["name"] for f in manifest["files"]}
    assert verify_dossier(out)[0] == []
    browser = Browser(CHROMIUM)
    try:
        tab = Tab(browser)
        tab.open((out / "index.html").as_uri())
        assert tab.errors() == []
        requests = tab.requests()
        assert requests and all(inside(u, out) for u in requests), requests
        assert tab.js("document.scripts.length") == 0
        assert tab.js("document.querySelector('img').naturalWidth") > 0
        assert HOSTILE in tab.js("document.body.textContent")
    finally:
        browser.close()


# end to end ----------------------------------------------------------------------------------------------------
def _captures_written(data: Path) -> int:
    db = data / "blindaje.db"
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        try:
            return conn.execute("select count(*) from captures").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


@pytest.mark.slow
def test_crawl_then_dossier_then_verify_end_to_end(demo_site, tmp_path):
    base, _ = demo_site
    config = write_config(tmp_path / "config", base)
    data = tmp_path / "data"
    res = blindaje("crawl", "--force", "--config", config, "--data", data)
    assert res.returncode in (0, 1), res.stderr
    assert _captures_written(data), "the crawl kept no capture of the pages with findings"
    findings = json.loads(blindaje("export", "--data", data).stdout)
    assert findings
    finding = next(f for f in findings if f["rule"] == "official-name")
    out = tmp_path / "dossier"
    res = blindaje("evidence", finding["id"], "--out", out, "--config", config, "--data", data)
    assert res.returncode == 0, res.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert any(r["type"] == "response" and r["target_uri"] == finding["url"] for r in manifest["records"])
    assert finding["url"] in (out / "index.html").read_text("utf-8")
    res = blindaje("evidence", "verify", out, "--data", data)
    assert res.returncode == 0, res.stdout + res.stderr
    for name in ("capture.warc.gz", "index.html"):
        flip(out / name, (out / name).stat().st_size // 2)
        res = blindaje("evidence", "verify", out, "--data", data)
        assert res.returncode == 1 and name in res.stdout, res.stdout
        flip(out / name, (out / name).stat().st_size // 2)
    assert blindaje("evidence", "verify", out).returncode == 0


@pytest.mark.slow
def test_the_screenshot_never_reaches_the_network(tmp_path):
    """The captured page names a server that is up on 127.0.0.1: drawing the capture asks it for nothing."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from test_browser import CHROMIUM

    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from blindaje.reports.screenshot import screenshot

    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    live = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        page = (f"<!doctype html><html><head><link rel=stylesheet href='{live}/css'><script src='{live}/js'></script>"
                f"</head><body><h1>Captura</h1><img src='{live}/img.png'><script>fetch('{live}/fetch')</script>"
                f"<iframe src='{live}/frame'></iframe></body></html>").encode()
        assert screenshot(CHROMIUM, page, "text/html; charset=utf-8", tmp_path / "s.png")
        assert (tmp_path / "s.png").read_bytes().startswith(b"\x89PNG")
        # A PDF (or any file that is no page) is not drawn: Chromium would show its raw bytes as text.
        assert not screenshot(CHROMIUM, b"%PDF-1.4 informe", "application/pdf", tmp_path / "pdf.png")
        assert not screenshot(CHROMIUM, b"%PDF-1.4 informe", "text/html", tmp_path / "pdf2.png")
        assert not (tmp_path / "pdf.png").exists() and not (tmp_path / "pdf2.png").exists()
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []
