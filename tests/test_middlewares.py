"""Requests before download: canonical URLs, traps, scope and private addresses (the middlewares), crashing callbacks,
the crawl's settings and progress line; all in-process."""
from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from collections import Counter
from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.http import Response

from blindaje.config import CrawlSettings
from blindaje.crawler.addresses import PRIVATE, AddressGuard, is_public, refusal, resolve
from blindaje.crawler.charset import header_charset
from blindaje.crawler.extensions import Progress
from blindaje.crawler.items import PageItem
from blindaje.crawler.middlewares import OutOfScope, RecordCrashes, ScopeMiddleware
from blindaje.crawler.settings import crawl_settings
from blindaje.crawler.traps import CalendarTraps, calendar_key, url_trap
from blindaje.crawler.urls import Scope, canonical
from conftest import make_spider, portal


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


def test_a_crashing_callback_still_records_its_page():
    stats = SimpleNamespace(counts=Counter())
    stats.inc_value = lambda key, n=1: stats.counts.update({key: n})
    spider = make_spider(portal("http://127.0.0.1/a"))
    crawler = SimpleNamespace(spider=spider, stats=stats)
    [request] = [r for r in spider._discover("http://127.0.0.1/a", 1) if isinstance(r, Request)]
    response = Response(request.url, status=200, body=b"<html>", request=request)
    items = RecordCrashes(crawler).process_spider_exception(response, RecursionError("deep"))
    assert [(i.url, i.outcome, i.reason, i.depth) for i in items] == [
        ("http://127.0.0.1/a", "failed", "crawler error: RecursionError", 1)]
    assert isinstance(items[0], PageItem) and not spider.pending
    assert RecordCrashes(crawler).process_spider_exception(response, ValueError()) is None  # recorded once
    assert stats.counts == {"blindaje/crawler_errors": 1}
    image = Response("http://127.0.0.1/f.png", request=Request("http://127.0.0.1/f.png", meta={"page_url": "x"}))
    assert RecordCrashes(crawler).process_spider_exception(image, ValueError()) is None  # images: Scrapy logs them


def test_scope_middleware_built_by_the_crawler_reads_its_spider():
    spider = make_spider(portal("http://127.0.0.1:8000/", allowed_domains=["127.0.0.1"], deny=[r"^/privado/"]))
    mw = ScopeMiddleware.from_crawler(SimpleNamespace(spider=spider))
    assert mw.process_request(Request("http://127.0.0.1:8000/noticias")) is None
    for url, reason in (("http://127.0.0.1:8000/privado/x", "denied by configuration"),
                        ("http://127.0.0.2:8000/", "private address"), ("https://www.ine.mx/", "out of scope")):
        with pytest.raises(OutOfScope) as refused:
            mw.process_request(Request(url))
        assert str(refused.value) == reason


def test_scope_allow_and_deny_patterns():
    scope = Scope(["www.gob.mx", "127.0.0.1:8080"], allow=[r"^/bienestar/"], deny=[r"\.pdf$", r"[?&]print=1"])
    assert scope.reason("https://www.gob.mx/bienestar/prensa") is None
    assert scope.reason("https://www.gob.mx/sep/prensa") == "out of scope"
    assert scope.reason("https://www.gob.mx/bienestar/informe.pdf") == "denied by configuration"
    assert scope.reason("https://www.gob.mx/bienestar/a?print=1") == "denied by configuration"
    assert scope.reason("https://sub.www.gob.mx/bienestar/") == "out of scope"  # subdomains are not implied
    assert scope.reason("http://127.0.0.1:8080/bienestar/") is None and scope.reason("http://127.0.0.1:9090/") == \
        "out of scope"
    assert scope.reason("http://[::1/") == "malformed URL"


def test_a_catastrophic_scope_pattern_cannot_hang_the_crawl():
    """`(a+)+$` takes `re` minutes over one long URL; RE2 runs in linear time (issue 22, item 11)."""
    import time

    scope = Scope(["www.gob.mx"], deny=[r"(a+)+$"])
    start = time.perf_counter()
    assert scope.reason("https://www.gob.mx/" + "a" * 50_000 + "b") is None
    assert time.perf_counter() - start < 0.5
    assert scope.reason("https://www.gob.mx/aaa") == "denied by configuration"


def test_the_system_resolver_never_raises():
    assert resolve("127.0.0.1") == ["127.0.0.1"] and resolve("[::1]") == ["::1"]
    assert resolve("localhost") and set(resolve("localhost")) <= {"127.0.0.1", "::1"}
    assert resolve("no-existe.invalid") == []  # RFC 6761: never resolves; the download then fails on its own


def test_header_charset():
    assert header_charset(b"text/html; charset=ISO-8859-1") == "ISO-8859-1"
    assert header_charset(b'text/html; charset="utf-8"') == "utf-8"
    assert header_charset(b"text/html") is None and header_charset(None) is None


def test_crawl_settings_map_settings_yaml_onto_scrapy():
    crawl = CrawlSettings(concurrency_per_host=3, delay_seconds=0.5, contact="webmaster@example.gob.mx",
                          portal_budget_seconds=600, max_page_bytes=2048, retries=1)
    got = crawl_settings(crawl, concurrent_total=32)
    assert got["USER_AGENT"].endswith("(+webmaster@example.gob.mx)")
    assert (got["CONCURRENT_REQUESTS"], got["CONCURRENT_REQUESTS_PER_DOMAIN"], got["DOWNLOAD_DELAY"]) == (32, 3, 0.5)
    assert (got["CLOSESPIDER_TIMEOUT"], got["DOWNLOAD_MAXSIZE"], got["RETRY_TIMES"]) == (600, 2048, 1)


def test_scrapy_s_tunnel_error_is_retried_only_behind_a_proxy(monkeypatch):
    """Without a proxy the crawl does not name Scrapy's TunnelError (naming it imports the HTTP handler that
    crawler.lazy builds at the first download); with one, Scrapy's retried exceptions are all there."""
    from scrapy.settings import default_settings

    from blindaje.crawler.settings import retry_exceptions

    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    tunnel = "scrapy.core.downloader.handlers.http11.TunnelError"
    assert tunnel not in retry_exceptions() and len(retry_exceptions()) == len(default_settings.RETRY_EXCEPTIONS) - 1
    monkeypatch.setenv("https_proxy", "http://proxy.example.gob.mx:3128")
    assert retry_exceptions() == list(default_settings.RETRY_EXCEPTIONS) and tunnel in retry_exceptions()


def test_scrapy_s_http_handler_is_imported_with_its_classes_named_and_inspect_untouched():
    """crawler.lazy imports Scrapy's HTTP/1.1 handler with an inspect.stack that gives only the frames Scrapy reads:
    its deprecated classes still know their module, and inspect.stack is the real one afterwards (a fresh process:
    this one may have imported the handler already)."""
    code = textwrap.dedent("""
        import inspect, sys
        stack = inspect.stack
        from blindaje.crawler.lazy import HTTP11, import_http11
        assert HTTP11 not in sys.modules
        assert import_http11().HTTP11DownloadHandler and inspect.stack is stack
        from scrapy.core.downloader.contextfactory import ScrapyClientContextFactory
        assert ScrapyClientContextFactory.__module__ == "scrapy.core.downloader.contextfactory"
        assert import_http11() is sys.modules[HTTP11]
        print("ok")
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "ok", done.stderr


def test_progress_line_is_written_only_to_a_terminal():
    stats = {"blindaje/pages/audited": 7, "blindaje/pages/failed": 1, "blindaje/findings": 3}
    crawler = SimpleNamespace(stats=SimpleNamespace(get_value=lambda key, default=None: stats.get(key, default)))
    spider = make_spider(portal("http://127.0.0.1:8000/"))
    piped = io.StringIO()  # cron: not a terminal
    progress = Progress(crawler, stream=piped)
    assert progress.line(spider).startswith("fixture: 7 audited, 1 failed, 0 skipped, 3 findings, ")
    progress.opened(spider)
    progress.closed(spider, "finished")
    assert progress.loop is None and piped.getvalue() == ""


def test_the_crawl_runs_no_remote_console():
    """Scrapy's RemoteControl (an HTTP server that runs Python code sent to it) and telnet console stay out of a crawl
    of untrusted portals."""
    from scrapy.settings import Settings
    from scrapy.utils.conf import build_component_list

    from blindaje.crawler import settings as project_settings

    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    enabled = build_component_list(settings.get_component_priority_dict_with_base("EXTENSIONS"))
    assert "blindaje.crawler.extensions.Progress" in enabled
    assert not [e for e in enabled if "remote_control" in e or "telnet" in e]


@pytest.mark.slow
def test_cookies_a_portal_sets_are_sent_back(tmp_path):
    """Scrapy's cookies middleware, built at its first use (crawler.lazy): a page that answers only with the session
    cookie the home page set is audited; without cookies it would fail with 403."""
    import sqlite3
    from http.server import BaseHTTPRequestHandler

    from conftest import blindaje, respond, served, write_config

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path == "/":
                body, extra = b"<html><body><main><a href='/tramites.html'>Tramites</a></main></body></html>", \
                    [("Set-Cookie", "sesion=abc123; Path=/")]
            elif "sesion=abc123" in (self.headers.get("Cookie") or ""):
                body, extra = "<html><body><main><p>Inauguramos 40 clínicas.</p></main></body></html>".encode(), []
            else:
                self.send_error(403)
                return
            respond(self, body, [("Content-Type", "text/html; charset=utf-8"), *extra])

    with served(Handler) as base:
        config = write_config(tmp_path / "config", base)
        assert blindaje("crawl", "--force", "--config", config, "--data", tmp_path / "data").returncode == 0
    rows = sqlite3.connect(tmp_path / "data" / "blindaje.db").execute(
        "select url, outcome, http_status from pages order by url").fetchall()
    assert rows == [(base, "audited", 200), (base + "tramites.html", "audited", 200)]


@pytest.mark.parametrize("body, ctype, may", [
    (b"<html><head><meta http-equiv='Refresh' content='0; url=/nuevo.html'></head></html>", b"text/html", True),
    (b"<html><head><title>Tr\xc3\xa1mites</title></head><body>" + b"<p>texto</p>" * 3000, b"text/html", False),
    ("<html><head><meta http-equiv='refresh' content='0;url=/x'></head></html>".encode("utf-16"), b"text/html",
     True),  # a BOM: letters are not their own bytes, Scrapy decides
    ("<html><head><title>x</title></head></html>".encode("utf-16-le"), b"text/html; charset=UTF-16LE", True),
    (b"<html><head><title>x</title></head></html>", b"text/html; charset=windows-1252", False)])
def test_a_page_is_decoded_for_its_meta_refresh_only_when_its_bytes_can_hold_one(body, ctype, may):
    from scrapy.http import HtmlResponse

    from blindaje.crawler.middlewares import _may_refresh

    assert _may_refresh(HtmlResponse("http://127.0.0.1/", body=body, headers={"Content-Type": ctype})) is may


@pytest.mark.slow
def test_a_meta_refresh_is_followed_in_utf8_and_utf16(tmp_path):
    """Scrapy's meta refresh, asked only when a page's bytes can hold one (crawler.middlewares.MetaRefresh): a home
    page that refreshes to another (UTF-8) and a page in UTF-16 that does are followed; their targets are audited."""
    import json
    from http.server import BaseHTTPRequestHandler

    from conftest import blindaje, respond, served, write_config

    pages = {
        "/": ("utf-8", "<html><head><meta http-equiv='Refresh' content='0; url=/inicio.html'></head></html>"),
        "/inicio.html": ("utf-8", "<html><body><main><p>Inicio.</p><a href='/viejo.html'>Aviso</a></main></body>"
                                  "</html>"),
        "/viejo.html": ("utf-16", "<html><head><meta http-equiv=\"refresh\" content=\"0;url=/nuevo.html\"></head>"
                                  "</html>"),
        "/nuevo.html": ("utf-8", "<html><body><main><p>Inauguramos 40 clínicas.</p></main></body></html>")}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path not in pages:
                self.send_error(404)
                return
            charset, text = pages[self.path]
            respond(self, text.encode(charset), [("Content-Type", f"text/html; charset={charset}")])

    with served(Handler) as base:
        config = write_config(tmp_path / "config", base)
        assert blindaje("crawl", "--force", "--config", config, "--data", tmp_path / "data").returncode == 0
    exported = json.loads(blindaje("export", "--pages", "--data", tmp_path / "data").stdout)
    assert sorted((p["url"], p["final_url"], p["outcome"]) for p in exported) == [
        (base, base + "inicio.html", "audited"), (base + "viejo.html", base + "nuevo.html", "audited")]
    found = json.loads(blindaje("export", "--data", tmp_path / "data").stdout)
    assert [(f["url"], f["rule"]) for f in found] == [(base + "nuevo.html", "achievement-language")]
