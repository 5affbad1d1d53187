"""Shared fixtures: a real HTTP server on 127.0.0.1, configuration directories, the CLI run as a user runs it,
waiting on another process with a deadline, and the spider fed saved responses (the fast tier)."""
from __future__ import annotations

import contextlib
import functools
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from blindaje.demo import HERE as DEMO, SITE, QuietHandler, serve_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CONTRACT = ROOT.parent / "shared" / "contract" / "check_export.py"


@pytest.fixture
def demo_site(tmp_path):
    """A writable copy of the bundled demo portal, served on 127.0.0.1; yields (base_url, site_dir)."""
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    with serve_site(site) as base:
        yield base, site


def write_config(directory: Path, base_url: str, *, officials: Path | None = None, processes=None, portal=None,
                 settings=None) -> Path:
    """A configuration directory for one portal served at base_url (jurisdiction MX-COA)."""
    directory.mkdir(parents=True, exist_ok=True)
    host = base_url.split("//", 1)[1].split("/", 1)[0].split(":")[0]
    entry = {"name": "fixture", "title": "Portal de prueba", "jurisdiction": "MX-COA", "start_urls": [base_url],
             "allowed_domains": [host], "max_pages": 300, "max_depth": 6, "contact": "webmaster@example.gob.mx"}
    entry.update(portal or {})
    (directory / "portals.yaml").write_text(yaml.safe_dump({"portals": [entry]}, allow_unicode=True), "utf-8")
    officials = officials or (DEMO / "officials.yaml")
    shutil.copyfile(officials, directory / "officials.yaml")
    if (officials.parent / "photos").is_dir():  # reference portraits travel with their officials.yaml
        shutil.copytree(officials.parent / "photos", directory / "photos", dirs_exist_ok=True)
    cal = {"timezone": "America/Mexico_City", "processes": processes or [
        {"name": "Proceso de prueba", "applies_to": ["MX-COA"], "blackout_start": "2027-03-05",
         "blackout_end": "2027-06-06"}]}
    (directory / "calendar.yaml").write_text(yaml.safe_dump(cal, allow_unicode=True), "utf-8")
    (directory / "settings.yaml").write_text(yaml.safe_dump(settings or {
        "crawl": {"delay_seconds": 0, "autothrottle": False, "retries": 0, "timeout_seconds": 10,
                  "concurrency_per_host": 8}}), "utf-8")
    return directory


def blindaje(*args, cwd=None, env=None, timeout=180) -> subprocess.CompletedProcess:
    """Run the `blindaje` command in a fresh process, as a user (or cron) does."""
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "blindaje.cli", *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def officials_file() -> Path:
    return FIXTURES / "officials.yaml"


# waiting for another process ----------------------------------------------------------------------------------

def wait_for(predicate, timeout: float, what: str, interval: float = 0.05):
    """Poll `predicate` until it returns something truthy (returned) or `timeout` seconds pass (the test fails
    naming `what` it waited for). Never a bare sleep: another process is as fast or as slow as the machine is."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            pytest.fail(f"waited {timeout:g} s for {what}")
        time.sleep(interval)


def runs(data: Path) -> list[tuple]:
    """(id, status) of every run in DATA/blindaje.db, read-only; [] while the database or its schema is not there."""
    path = Path(data) / "blindaje.db"
    if not path.exists():
        return []
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.OperationalError:
        return []
    try:
        return db.execute("select id, status from runs order by id").fetchall()
    except sqlite3.OperationalError:  # the file exists, its tables are still being created
        return []
    finally:
        db.close()


@pytest.fixture
def closed_port():
    """A port on 127.0.0.1 where a connection is surely refused: bound by this test and never listened on, so no
    other process can take it meanwhile (unlike a port assumed free, such as 9)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


class Gate:
    """What a gated site lets through: the first `let_through` requests, then none until `open()`."""

    def __init__(self, let_through: int):
        self.let_through = let_through
        self.answered = 0
        self.held = 0  # requests waiting at the gate now
        self.opened = threading.Event()
        self.lock = threading.Lock()

    def open(self) -> None:
        self.opened.set()

    def wait(self) -> None:
        with self.lock:
            if self.answered < self.let_through:
                self.answered += 1
                return
            self.held += 1
        self.opened.wait(300)  # bounded: a test that forgets to open must not hang its server thread forever
        with self.lock:
            self.held -= 1


@contextlib.contextmanager
def served(handler):
    """Serve with `handler` (a request handler class or factory) on 127.0.0.1 on a free port for the duration of
    the block; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def respond(handler, body: bytes, headers=()) -> None:
    """Answer a request of a BaseHTTPRequestHandler with 200, the `headers` (name, value) pairs and `body`."""
    handler.send_response(200)
    for name, value in headers:
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@contextlib.contextmanager
def gated_site(root: Path = SITE, let_through: int = 0):
    """Serve `root` on 127.0.0.1, holding every request after the first `let_through` until the test opens the
    gate: a crawl that is surely still running, for exactly as long as the test needs. Yields (base_url, gate)."""
    gate = Gate(let_through)

    class Handler(QuietHandler):
        def send_head(self):
            gate.wait()
            return super().send_head()

    try:
        with served(functools.partial(Handler, directory=str(root))) as base:
            yield base, gate
    finally:
        gate.open()


def copy_data(source: Path, target: Path) -> Path:
    """A private copy of a data directory (the database through SQLite's backup, the reports as files), so a test
    can run more nights on top of a crawl that other tests share without changing what they read."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("blindaje.db*", "blindaje.lock"))
    src = sqlite3.connect(source / "blindaje.db")
    dst = sqlite3.connect(target / "blindaje.db")
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


# the spider on saved responses (City Bureau's file_response) ------------------------------------------------------

NIGHT = "2027-04-06T02:30:00-06:00"


def portal(base_url: str = "http://127.0.0.1:8000/", **fields):
    """A Portal model for a site at base_url (as portals.yaml would declare it)."""
    from blindaje.config import Portal

    host = base_url.split("//", 1)[1].split("/", 1)[0].split(":")[0]
    entry = {"name": "fixture", "jurisdiction": "MX-COA", "start_urls": [base_url], "allowed_domains": [host]}
    return Portal(**{**entry, **fields})


def make_spider(portal, *, store=None, check_pixels: bool = False, audit_key: str = "", **kwargs):
    """The portal spider as its `from_crawler` builds it from the BLINDAJE_* settings, without a crawler or a
    reactor: `store` to read last nights from, `check_pixels` when pages wait for their images' analysis."""
    from blindaje.crawler.spiders.portal import PortalSpider

    return PortalSpider(portal, clock=lambda: NIGHT, audit_key=audit_key, store=store, check_pixels=check_pixels,
                        **kwargs)


def saved_response(request, body: bytes | Path, *, status: int = 200, headers: dict | None = None, url: str = ""):
    """The response a server gave to `request` (one the spider made), from saved bytes; `url` when redirected."""
    from scrapy.http import HtmlResponse

    if isinstance(body, Path):
        body = body.read_bytes()
    return HtmlResponse(url=url or request.url, status=status, headers=headers or {}, body=body, request=request)
