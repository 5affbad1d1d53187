"""Hostile and broken websites: bounded, in scope, nothing lost, nothing injected (crawls of hostile_server.py)."""
from __future__ import annotations

import json
import os
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import lxml.html
import pytest
from scrapy import Request
from scrapy.http import Response

from blindaje.config import Portal
from conftest import blindaje, write_config
from blindaje.crawler.addresses import PRIVATE, AddressGuard, is_public, refusal
from blindaje.audit.document import charset_of as page_charset
from blindaje.crawler.middlewares import OutOfScope, ScopeMiddleware
from blindaje.crawler.spiders.portal import PortalSpider
from blindaje.crawler.traps import CalendarTraps, calendar_key, url_trap
from blindaje.crawler.urls import Scope, canonical
from hostile_server import (BOAST, FAILING_LINKS, INDEX_LINKS, HostileServer, brotli_bomb, deflate_bomb,
                            png_header)

CHROMIUM = Path("/usr/bin/chromium")
BUDGET = 60  # seconds: the hostile crawl must finish on its own well before its portal budget
MAX_RSS_MB = 500


def hostile_settings(**crawl) -> dict:
    return {"crawl": {"delay_seconds": 0, "autothrottle": False, "retries": 0, "timeout_seconds": 2,
                      "concurrency_per_host": 8, "max_page_bytes": 2 * 1024 * 1024, "max_calendar_pages": 5,
                      "portal_budget_seconds": BUDGET, **crawl}}


def run_measured(args, cwd: Path) -> SimpleNamespace:
    """Run the CLI in a child process; return its exit status, output, wall time and its own peak RSS (MB)."""
    out, err = cwd / "stdout.txt", cwd / "stderr.txt"
    start = time.monotonic()
    with out.open("wb") as o, err.open("wb") as e:
        proc = subprocess.Popen([sys.executable, "-m", "blindaje.cli", *map(str, args)], stdout=o, stderr=e)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's rusage, not every child pytest ever had
        proc.returncode = os.waitstatus_to_exitcode(status)
    return SimpleNamespace(returncode=proc.returncode, stdout=out.read_text("utf-8"), stderr=err.read_text("utf-8"),
                           seconds=time.monotonic() - start, peak_mb=usage.ru_maxrss / 1024)


@pytest.fixture(scope="module")
def server():
    with HostileServer() as srv:
        yield srv


@pytest.fixture(scope="module")
def hostile(server, tmp_path_factory):
    """One crawl of the whole hostile site, through `blindaje crawl`, shared by the assertions below."""
    tmp = tmp_path_factory.mktemp("hostile")
    config = write_config(tmp / "config", server.base_url, settings=hostile_settings(),
                          portal={"allowed_domains": ["127.0.0.1", "localhost"], "max_depth": 50})
    data = tmp / "data"
    res = run_measured(["crawl", "--force", "--config", config, "--data", data], tmp)
    pages = json.loads(blindaje("export", "--pages", "--data", data).stdout)
    findings = json.loads(blindaje("export", "--data", data).stdout)
    print(f"\nhostile crawl: {res.seconds:.1f} s, peak RSS {res.peak_mb:.0f} MB, {len(pages)} pages")
    return SimpleNamespace(res=res, data=data, pages={p["url"]: p for p in pages}, findings=findings,
                           base=server.base_url.rstrip("/"), port=server.server_address[1], hits=Counter(server.hits))


# bounds, traps and canonical URLs: pure functions ---------------------------------------------------------------

@pytest.mark.parametrize("url, expected", [
    ("HTTP://WWW.Gob.MX:80/prensa?b=2&a=1#arriba", "http://www.gob.mx/prensa?a=1&b=2"),
    ("https://www.gob.mx:443/a?utm_source=fb&utm_medium=x&fbclid=IwAR0&gclid=1&q=1", "https://www.gob.mx/a?q=1"),
    ("https://www.gob.mx/a;jsessionid=0A1B2C?x=1", "https://www.gob.mx/a?x=1"),
    ("https://www.gob.mx/a?PHPSESSID=abc&sid=9&page=2", "https://www.gob.mx/a?page=2"),
    ("https://www.gob.mx/a?q=más", "https://www.gob.mx/a?q=m%C3%A1s"),
    ("https://www.gob.mx/a/./b/../c?", "https://www.gob.mx/a/c"),
    ("http://127.0.0.1:8080/x", "http://127.0.0.1:8080/x"),
])
def test_canonical_urls(url, expected):
    assert canonical(url) == expected


@pytest.mark.parametrize("url, reason", [
    ("https://www.gob.mx/agenda/a/b/a/b/a/b/", "crawler trap: repeated path segments"),
    ("https://www.gob.mx/x/x/x", "crawler trap: repeated path segments"),
    ("https://www.gob.mx/" + "/".join(f"s{i}" for i in range(70)), "crawler trap: repeated path segments"),
    ("https://www.gob.mx/buscar?" + "&".join(["p=1"] * 5), "crawler trap: repeated query parameters"),
    ("https://www.gob.mx/buscar?" + "&".join(f"k{i}=1" for i in range(40)), "crawler trap: too many query parameters"),
    ("https://www.gob.mx/" + "x" * 3000, "crawler trap: URL too long"),
    ("https://www.gob.mx/agenda/a/b/a/b/", None),
    ("https://www.gob.mx/noticias/2024/01/01/nota", None),
    ("https://www.gob.mx/buscar?tipo=a&tipo=b&q=1", None),
])
def test_url_traps(url, reason):
    assert url_trap(url) == reason


def test_calendar_traps_count_urls_that_differ_only_in_a_date():
    assert calendar_key("http://x/agenda/2027-04-06") == calendar_key("http://x/agenda/2027-05-01")
    assert calendar_key("http://x/cal?mes=5&anio=2027") == calendar_key("http://x/cal?anio=2028&mes=1")
    assert calendar_key("http://x/noticias/2024/05/12/a") != calendar_key("http://x/noticias/2024/05/13/b")
    assert calendar_key("http://x/noticias/123") is None
    traps = CalendarTraps(limit=3)
    reasons = [traps.reason(f"http://x/agenda?fecha=2027-04-{d:02d}") for d in range(1, 6)]
    assert reasons == [None, None, None, "crawler trap: calendar", "crawler trap: calendar"]
    assert traps.reason("http://x/noticias/nota-1") is None


def test_charset_of_latin1_pages_that_lie():
    html = f"<html><head><title>Clínica</title></head><body><p>{BOAST}.</p></body></html>"
    body = html.encode("cp1252")
    for declared in (None, "utf-8", "iso-8859-1"):
        assert body.decode(page_charset(body, declared)) == html
    assert page_charset(html.encode("utf-8"), "iso-8859-1") == "utf-8"
    meta = "<meta charset='iso-8859-15'><p>€ año</p>".encode("iso-8859-15")
    assert meta.decode(page_charset(meta, None)) == "<meta charset='iso-8859-15'><p>€ año</p>"


def test_bomb_streams_are_what_they_claim():
    import gzip
    import zlib

    import brotli
    for container, inflate in (("gzip", gzip.decompress), ("zlib", zlib.decompress)):
        length, chunks = deflate_bomb(4 << 20, container)
        data = b"".join(chunks)
        assert len(data) == length < 8000 and inflate(data) == bytes(4 << 20)
    assert brotli.decompress(b"".join(brotli_bomb(4 << 20))) == bytes(4 << 20)
    length, _ = deflate_bomb(1 << 30)
    assert length < 2 * 1024 * 1024  # 1 GiB inflated fits under the crawl's 2 MB max_page_bytes compressed


# scope and private addresses --------------------------------------------------------------------------------

@pytest.mark.parametrize("address, public", [
    ("200.57.1.1", True), ("2806:2f0::1", True), ("8.8.8.8", True),
    ("169.254.169.254", False), ("10.0.0.1", False), ("172.16.5.4", False), ("192.168.1.1", False),
    ("127.0.0.1", False), ("0.0.0.0", False), ("100.64.0.1", False), ("224.0.0.1", False), ("240.0.0.1", False),
    ("::1", False), ("fe80::1", False), ("fc00::1", False), ("::ffff:169.254.169.254", False),
    ("2002:a9fe:a9fe::1", False), ("not an address", False),
])
def test_is_public(address, public):
    assert is_public(address) is public


def test_refusal_allows_what_the_portal_itself_resolves_to():
    assert refusal(["200.57.1.1"], set()) is None
    assert refusal(["169.254.169.254"], {"200.57.1.1"}) == PRIVATE
    assert refusal(["10.1.2.3"], {"10.1.2.3"}) is None  # an intranet portal may crawl itself
    assert refusal(["10.1.2.3", "10.9.9.9"], {"10.1.2.3"}) == PRIVATE


def fake_resolver(table):
    calls = []

    def resolve(host):
        calls.append(host)
        return table.get(host, [])
    resolve.calls = calls
    return resolve


def test_address_guard_resolves_once_per_host():
    resolve = fake_resolver({"www.gob.mx": ["200.57.1.1"], "intranet.gob.mx": ["10.0.0.5"],
                             "localhost": ["127.0.0.1"]})
    guard = AddressGuard(["www.gob.mx", "127.0.0.1:8080"], resolve)
    assert guard.reason("https://www.gob.mx/a") is None
    assert guard.reason("http://127.0.0.1:8080/") is None  # the portal's own address, even if loopback
    assert guard.reason("http://localhost:8080/") is None  # a name resolving to the portal's own address
    assert guard.reason("https://intranet.gob.mx/") == PRIVATE
    assert guard.reason("http://169.254.169.254/latest/meta-data/") == PRIVATE
    assert guard.reason("http://[::ffff:a9fe:a9fe]/") == PRIVATE
    assert guard.reason("http://intranet.gob.mx/otra", dns=False) is None  # names wait until they are in scope
    guard.reason("https://www.gob.mx/b")
    assert sorted(resolve.calls) == ["intranet.gob.mx", "localhost", "www.gob.mx"]  # cached per host


def scope_spider(allowed, table):
    resolve = fake_resolver(table)
    return SimpleNamespace(scope=Scope(allowed), guard=AddressGuard(allowed, resolve)), resolve


def test_scope_middleware_refuses_before_download():
    spider, resolve = scope_spider(["www.gob.mx"], {"www.gob.mx": ["200.57.1.1"]})
    mw = ScopeMiddleware()

    def refused(url, redirected=False):
        meta = {"redirect_urls": ["https://www.gob.mx/r"]} if redirected else {}
        try:
            assert mw.process_request(Request(url, meta=meta), spider) is None
        except OutOfScope as e:
            return str(e)
        return None

    assert refused("https://www.gob.mx/prensa") is None
    assert refused("http://169.254.169.254/latest/meta-data/", redirected=True) == "redirect to a private address"
    assert refused("http://10.0.0.1/", redirected=True) == "redirect to a private address"
    assert refused("http://10.0.0.1/") == "private address"
    assert refused("https://evil.example/", redirected=True) == "redirect out of scope"
    assert refused("https://evil.example/") == "out of scope"
    assert refused("ftp://www.gob.mx/") == "not http"
    assert "evil.example" not in resolve.calls  # off-scope names are never even resolved


def test_scope_middleware_with_a_portal_on_loopback():
    # The portal lives on 127.0.0.1 and is also reachable as localhost: both are its own hosts, so loopback is fine
    # for them; another loopback address or a private one is not, redirect or not.
    spider, _ = scope_spider(["127.0.0.1", "localhost"], {"localhost": ["127.0.0.1"]})
    mw = ScopeMiddleware()
    assert mw.process_request(Request("http://127.0.0.1:8000/"), spider) is None
    assert mw.process_request(Request("http://localhost:8000/"), spider) is None
    for url in ("http://127.0.0.2:8000/", "http://169.254.169.254/", "http://192.168.0.1/"):
        with pytest.raises(OutOfScope, match="private address"):
            mw.process_request(Request(url, meta={"redirect_urls": ["http://127.0.0.1:8000/r"]}), spider)


# images: refused by pixel count, never decoded ---------------------------------------------------------------

def test_giant_png_refused_from_its_header():
    portal = Portal(name="p", jurisdiction="federal", start_urls=["http://127.0.0.1/"], allowed_domains=["127.0.0.1"])
    spider = PortalSpider(portal, clock=lambda: "2027-04-06T02:00:00-06:00")
    request = Request("http://127.0.0.1/img/gigante.png", meta={"blindaje_url": "http://127.0.0.1/img/gigante.png",
                                                                  "page_url": "http://127.0.0.1/"})
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for size in ((20000, 20000), (9000, 9000), (100, 80)):
        started = time.monotonic()
        item = spider._image_item(Response(request.url, body=png_header(*size), request=request))
        assert time.monotonic() - started < 0.5
        if size == (100, 80):
            assert (item.outcome, item.width, item.height, item.format) == ("audited", 100, 80, "png")
        else:
            assert (item.outcome, item.reason) == ("skipped", "too many pixels")
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # 20000² RGB would be 1.2 GB


# the crawl of the hostile server -----------------------------------------------------------------------------

def test_hostile_crawl_finishes_on_its_own_within_bounds(hostile):
    res = hostile.res
    assert res.returncode in (0, 1), res.stderr
    assert "Traceback" not in res.stderr
    assert res.seconds < BUDGET / 2, "the crawl must end on its own, long before its time budget"
    assert res.peak_mb < MAX_RSS_MB, f"peak RSS {res.peak_mb:.0f} MB"
    run = sqlite3.connect(hostile.data / "blindaje.db").execute("select status, message from runs").fetchone()
    assert run[0] in ("complete", "incomplete") and "time budget" not in run[1]


def expected_outcomes(base: str, port: int) -> dict[str, tuple[str, str]]:
    trap = "crawler trap: "
    out = {
        "/": ("audited", ""),
        "/crece?x=1&x=1&x=1&x=1&x=1": ("skipped", trap + "repeated query parameters"),
        "/rama/a/b/a/b/a/b/": ("skipped", trap + "repeated path segments"),
        "/largo/" + "x" * 3000: ("skipped", trap + "URL too long"),
        "/calendario/2027-04-11": ("skipped", trap + "calendar"),
        "/enorme": ("failed", "too large"), "/enorme-flujo": ("failed", "too large"),
        "/bomba.gz": ("failed", "too large"), "/bomba.zz": ("failed", "too large"),
        "/bomba.br": ("failed", "too large"),
        "/lenta": ("failed", "timeout"),
        "/bucle": ("failed", "too many redirects"),
        "/fuera": ("skipped", "redirect out of scope"),
        "/metadatos": ("skipped", "redirect to a private address"),
        "/privada": ("skipped", "redirect to a private address"),
        "/binario": ("failed", "binary content served as HTML"),
        "/vacia": ("failed", "empty body"),
        "/cuelga": ("failed", "connection lost"),
        "/error": ("failed", "HTTP 500"), "/no-existe": ("failed", "HTTP 404"),
        "/script/%22%3E%3Cscript%3Ealert(1)%3C/script%3E": ("failed", "HTTP 404"),
    }
    for path in ("/galeria", "/localhost", "/latin1-miente", "/latin1-sin-charset", "/malformada", "/nul", "/script",
                 "/normal", "/largo", "/rama/a/b/", "/rama/a/b/a/b/"):
        out[path] = ("audited", "")
    for n in range(1, 5):
        out["/crece?" + "&".join(["x=1"] * n)] = ("audited", "")
    for day in range(6, 11):
        out[f"/calendario/2027-04-{day:02d}"] = ("audited", "")
    out = {base + k: v for k, v in out.items()}
    out[f"http://localhost:{port}/hola"] = ("audited", "")
    out["http://169.254.169.254/latest/meta-data/"] = ("skipped", "private address")
    out["http://www.example.net/fuera-de-alcance"] = ("skipped", "out of scope")
    out["http://fuera.example/%22%3E%3Cscript%20id=inyectado-url%3Ealert(1)%3C/script%3E"] = ("skipped", "out of scope")
    return out


def test_every_hostile_url_is_accounted_for(hostile):
    pages = hostile.pages
    expected = expected_outcomes(hostile.base, hostile.port)
    got = {url: (p["outcome"], p["reason"]) for url, p in pages.items()}
    nested = got.pop(hostile.base + "/anidada")  # 20000 nested elements: audited or failed, but recorded
    assert nested[0] == "audited" or (nested[0] == "failed" and nested[1])
    assert got == expected
    assert {canonical(urljoin(hostile.base, link)) for link in INDEX_LINKS} <= set(pages)
    assert all(p["reason"] for p in pages.values() if p["outcome"] != "audited")
    assert all(len(p["content_hash"]) == 64 for p in pages.values() if p["outcome"] == "audited")
    assert pages[hostile.base + "/cuelga"]["http_status"] is None
    # every request the server saw is a page or an image of the run; no trap was followed past its cut
    hits = hostile.hits
    requested = {hostile.base + path for path in hits if not path.startswith("/img/")}
    requested = {u.replace(hostile.base + "/hola", f"http://localhost:{hostile.port}/hola") for u in requested}
    assert requested - {hostile.base + "/bucle-b"} <= set(pages)
    assert not any(path.startswith(("/calendario/2027-04-11", "/largo/")) for path in hits)
    assert hits["/rama/a/b/a/b/a/b/"] == 0 and hits["/crece?" + "&".join(["x=1"] * 5)] == 0
    assert hits["/bucle"] + hits["/bucle-b"] == 6  # the first request and five redirects


def test_images_are_bounded(hostile):
    db = sqlite3.connect(hostile.data / "blindaje.db")
    rows = dict((u, (o, r)) for u, o, r in db.execute("select url, outcome, reason from images"))
    assert rows[hostile.base + "/img/gigante.png"] == ("skipped", "too many pixels")


def test_latin1_boasts_are_decoded_and_found(hostile):
    boasts = {f["url"] for f in hostile.findings if f["rule"] == "achievement-language"}
    assert {hostile.base + "/latin1-miente", hostile.base + "/latin1-sin-charset"} <= boasts
    db = sqlite3.connect(hostile.data / "blindaje.db")
    titles = dict(db.execute("select url, title from pages where url like '%latin1%'"))
    assert set(titles.values()) == {"Clínica regional"}
    report = (hostile.data / "reports" / "run-1" / "portal-fixture.html").read_text("utf-8")
    assert BOAST.split()[1] in report and "cl\ufffdnica" not in report


def report_files(data: Path) -> list[Path]:
    return sorted((data / "reports").rglob("*.html"))


def test_page_content_never_becomes_markup_in_reports(hostile):
    files = report_files(hostile.data)
    assert len(files) >= 3
    text = "\n".join(f.read_text("utf-8") for f in files)
    assert "&lt;script" in text, "the hostile strings reach the report, as text"
    lowered = text.lower()
    for needle in ("<script", "javascript:", "\x1b"):
        assert needle not in lowered, needle
    # no tag carries an id or an event handler that came from a page (escaped or percent-encoded text is fine)
    assert not re.search(r"<[a-z][^>]*\s(id=[\"']?inyectado|on[a-z]+\s*=)", lowered)
    assert 'http-equiv="content-security-policy"' in lowered and "default-src 'none'" in lowered


def test_page_content_never_reaches_a_terminal(hostile):
    outputs = [hostile.res.stdout,
               blindaje("export", "--data", hostile.data, "--format", "csv").stdout,
               blindaje("export", "--data", hostile.data, "--pages", "--format", "csv").stdout,
               blindaje("export", "--data", hostile.data).stdout,
               blindaje("check", hostile.base + "/script", "--config", hostile.data / "none").stdout]
    assert "Inauguramos" in outputs[-1]
    for out in outputs:
        assert "\x1b" not in out and "\x07" not in out


@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium for the browser check")
def test_reports_in_a_browser_carry_no_injected_element(hostile, tmp_path):
    for report in report_files(hostile.data):
        dom = subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
                              "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}",
                              "--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=60).stdout
        assert "</html>" in dom, report
        tree = lxml.html.fromstring(dom)
        assert not tree.xpath("//*[starts-with(@id, 'inyectado')]"), report
        assert not tree.xpath("//script | //iframe | //object | //embed"), report
        assert not tree.xpath("//@*[starts-with(name(), 'on')]"), report
        assert not tree.xpath("//body[@data-pwned]") and "pwned" not in (tree.findtext(".//title") or "")


def test_mostly_failing_run_is_incomplete_and_says_so(server, tmp_path):
    config = write_config(tmp_path / "config", server.base_url + "fallas", settings=hostile_settings())
    data = tmp_path / "data"
    res = blindaje("crawl", "--force", "--config", config, "--data", data)
    assert res.returncode == 1 and "incomplete" in res.stdout, res.stdout + res.stderr
    pages = json.loads(blindaje("export", "--pages", "--data", data).stdout)
    assert {p["url"].rsplit("/", 1)[-1] for p in pages} == {"fallas", *(u.lstrip("/") for u in FAILING_LINKS)}
    assert sum(p["outcome"] == "failed" for p in pages) == len(FAILING_LINKS)
    html = (data / "reports" / "run-1" / "index.html").read_text("utf-8")
    assert 'id="incomplete"' in html


def test_time_budget_records_every_queued_page(server, tmp_path):
    n = 60
    config = write_config(tmp_path / "config", server.base_url + f"lento-sitio/?n={n}&delay=0.5",
                          settings=hostile_settings(portal_budget_seconds=2, concurrency_per_host=2))
    data = tmp_path / "data"
    started = time.monotonic()
    blindaje("crawl", "--force", "--config", config, "--data", data)
    assert time.monotonic() - started < 30
    pages = json.loads(blindaje("export", "--pages", "--data", data).stdout)
    assert len(pages) == n + 1, "every discovered URL ends in the pages table"
    outcomes = [(p["outcome"], p["reason"]) for p in pages]
    assert outcomes.count(("skipped", "time budget")) > n / 2
    assert set(outcomes) <= {("audited", ""), ("skipped", "time budget")}
    message = sqlite3.connect(data / "blindaje.db").execute("select message from runs").fetchone()[0]
    assert "time budget" in message


def start_crawl_and_wait(config, data: Path, at_least: int, below: int) -> subprocess.Popen:
    """Start `blindaje crawl` in a child process; return it once `at_least` pages are stored (fewer than `below`)."""
    db_path = data / "blindaje.db"
    proc = subprocess.Popen([sys.executable, "-m", "blindaje.cli", "crawl", "--force", "--config", str(config),
                             "--data", str(data)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline, stored = time.monotonic() + 60, 0
    while time.monotonic() < deadline and stored < at_least and proc.poll() is None:
        time.sleep(0.05)
        if db_path.exists():
            try:
                with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
                    stored = db.execute("select count(*) from pages").fetchone()[0]
            except sqlite3.OperationalError:
                pass  # the schema is being created
    assert at_least <= stored < below, "the signal must arrive mid-crawl"
    return proc


def test_kill_9_mid_crawl_leaves_a_sound_database(server, tmp_path):
    n = 60
    # A generous timeout: the shared test server can be slow under the whole suite, and a page timing out in the
    # second run would be a failed page, not the database fault this test looks for.
    config = write_config(tmp_path / "config", server.base_url + f"lento-sitio/?n={n}&delay=0.3",
                          settings=hostile_settings(concurrency_per_host=4, timeout_seconds=15))
    data = tmp_path / "data"
    db_path = data / "blindaje.db"
    proc = start_crawl_and_wait(config, data, 5, n)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with sqlite3.connect(db_path) as db:
        assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
        assert db.execute("select status from runs where id = 1").fetchone()[0] == "running"
    res = blindaje("crawl", "--force", "--config", config, "--data", data)
    assert res.returncode == 0 and "run 2 complete" in res.stdout, res.stdout + res.stderr
    with sqlite3.connect(db_path) as db:
        assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
        runs = dict(db.execute("select id, status from runs"))
        assert runs == {1: "interrupted", 2: "complete"}
        outcomes = db.execute("select outcome, reason, count(*) from pages where run_id = 2 group by 1, 2").fetchall()
        assert outcomes == [("audited", "", n + 1)], outcomes


def test_sigterm_mid_crawl_records_every_queued_page(server, tmp_path):
    n = 60
    config = write_config(tmp_path / "config", server.base_url + f"lento-sitio/?n={n}&delay=0.3",
                          settings=hostile_settings(concurrency_per_host=2))
    data = tmp_path / "data"
    proc = start_crawl_and_wait(config, data, 5, n)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 1 and "interrupted" in out, out + err
    pages = json.loads(blindaje("export", "--pages", "--run", "1", "--data", data).stdout)
    assert len(pages) == n + 1
    outcomes = {(p["outcome"], p["reason"]) for p in pages}
    assert outcomes == {("audited", ""), ("skipped", "interrupted")}


def test_depth_and_page_limits_are_recorded(server, tmp_path):
    config = write_config(tmp_path / "a" / "config", server.base_url + "calendario/2027-04-06",
                          portal={"max_depth": 3}, settings=hostile_settings(max_calendar_pages=100))
    blindaje("crawl", "--force", "--config", config, "--data", tmp_path / "a" / "data")
    pages = json.loads(blindaje("export", "--pages", "--data", tmp_path / "a" / "data").stdout)
    assert [(p["url"][-10:], p["outcome"], p["reason"]) for p in pages] == [
        (f"2027-04-{d:02d}", "audited", "") for d in range(6, 10)] + [("2027-04-10", "skipped", "depth limit")]
    config = write_config(tmp_path / "b" / "config", server.base_url + "lento-sitio/?n=30&delay=0",
                          portal={"max_pages": 10}, settings=hostile_settings())
    blindaje("crawl", "--force", "--config", config, "--data", tmp_path / "b" / "data")
    pages = json.loads(blindaje("export", "--pages", "--data", tmp_path / "b" / "data").stdout)
    assert len(pages) == 31
    assert sum(p["outcome"] == "audited" for p in pages) == 10
    assert sum((p["outcome"], p["reason"]) == ("skipped", "page limit") for p in pages) == 21


def test_a_crashing_callback_still_records_its_page():
    from blindaje.crawler.items import PageItem
    from blindaje.crawler.middlewares import RecordCrashes

    stats = SimpleNamespace(counts=Counter())
    stats.inc_value = lambda key, n=1: stats.counts.update({key: n})
    portal = Portal(name="p", jurisdiction="federal", start_urls=["http://127.0.0.1/"], allowed_domains=["127.0.0.1"])
    spider = PortalSpider(portal, clock=lambda: "2027-04-06T02:00:00-06:00")
    crawler = SimpleNamespace(spider=spider, stats=stats)
    request = next(r for r in spider._discover("http://127.0.0.1/a", 1) if isinstance(r, Request))
    response = Response(request.url, status=200, body=b"<html>", request=request)
    items = RecordCrashes(crawler).process_spider_exception(response, RecursionError("deep"))
    assert [(i.url, i.outcome, i.reason, i.depth) for i in items] == [
        ("http://127.0.0.1/a", "failed", "crawler error: RecursionError", 1)]
    assert isinstance(items[0], PageItem) and not spider.pending
    assert RecordCrashes(crawler).process_spider_exception(response, ValueError()) is None  # recorded once


# image analysis: a worker that dies on an image costs that image only -----------------------------------------

def crash_on_poison(data: bytes, max_pixels: int):
    """A stand-in for the analysis that kills its worker process on one image (as a crash in native code would)."""
    if data == b"poison":
        os._exit(1)
    return {"size": len(data)}


def test_a_worker_that_dies_costs_one_image_and_the_pool_recovers():
    import asyncio

    from blindaje.audit.portraits import Refused
    from blindaje.audit.reasons import Reason
    from blindaje.crawler.imaging import Analyser

    analyser = Analyser(1, function=crash_on_poison)
    try:
        async def night():
            return [await analyser.analyse(b"fine", 100), await analyser.analyse(b"poison", 100),
                    await analyser.analyse(b"after", 100)]
        fine, poison, after = asyncio.run(night())
        assert (fine, after) == ({"size": 4}, {"size": 5})
        assert isinstance(poison, Refused) and poison.reason == Reason.ANALYSIS_CRASHED
    finally:
        analyser.close()
