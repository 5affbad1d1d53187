"""A real browser opens the generated report from disk: no console errors, nothing fetched from outside the report
folder, the figures match the database, readable on a phone, printable; a screenshot is kept in test-artifacts/.

Headless Chromium is driven over its DevTools pipe (--remote-debugging-pipe): no driver binary, no extra package.
"""
from __future__ import annotations

import base64
import contextlib
import functools
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import ROOT
from test_reports import build_nights

CHROMIUM = next((p for p in (os.environ.get("BLINDAJE_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium",
                             shutil.which("chromium-browser"), shutil.which("google-chrome")) if p and Path(p).exists()),
                None)
ARTIFACTS = ROOT / "test-artifacts"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio", "--remote-debugging-pipe"]


class Browser:
    """Chromium over the DevTools protocol on fds 3 (commands in) and 4 (replies and events out), NUL-separated."""

    def __init__(self, executable: str, timeout: float = 30):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="blindaje-chromium-")
        to_child, self._w = os.pipe()
        self._r, from_child = os.pipe()

        def fds():  # the child's fds 3 and 4, as Chromium's pipe mode expects
            os.dup2(to_child, 3)
            os.dup2(from_child, 4)

        self.proc = subprocess.Popen([executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                     preexec_fn=fds, pass_fds=(3, 4), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child)
        os.close(from_child)
        self._next, self._replies, self.events = 0, {}, []
        self._cv = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        buf = b""
        with os.fdopen(self._r, "rb") as pipe:
            while chunk := pipe.read1(1 << 16):
                buf += chunk
                while b"\0" in buf:
                    raw, buf = buf.split(b"\0", 1)
                    msg = json.loads(raw)
                    with self._cv:
                        if "id" in msg:
                            self._replies[msg["id"]] = msg
                        else:
                            self.events.append(msg)
                        self._cv.notify_all()

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        with self._cv:
            self._next += 1
            key = self._next
        msg = {"id": key, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        with self._cv:
            if not self._cv.wait_for(lambda: key in self._replies, self.timeout):
                raise TimeoutError(f"no answer to {method}")
            reply = self._replies.pop(key)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    def wait_event(self, method: str, session: str, since: int) -> dict:
        def found():
            return next((e for e in self.events[since:] if e["method"] == method and e.get("sessionId") == session),
                        None)
        with self._cv:
            if not self._cv.wait_for(found, self.timeout):
                raise TimeoutError(f"no {method}")
            return found()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.send("Browser.close")
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        with contextlib.suppress(OSError):
            os.close(self._w)
        shutil.rmtree(self.profile, ignore_errors=True)


class Tab:
    """One page: what it requested, what it logged, and JavaScript evaluated in it (by the test, not the report)."""

    def __init__(self, browser: Browser, width: int = 1280, height: int = 900, mobile: bool = False):
        self.b = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.start = len(browser.events)
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                                         "mobile": mobile})

    def send(self, method, params=None):
        return self.b.send(method, params, self.session)

    def open(self, url: str) -> None:
        mark = len(self.b.events)
        self.send("Page.navigate", {"url": url})
        self.b.wait_event("Page.loadEventFired", self.session, mark)

    def js(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def _mine(self):
        return [e for e in self.b.events[self.start:] if e.get("sessionId") == self.session]

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self._mine() if e["method"] == "Network.requestWillBeSent"]

    def errors(self) -> list[str]:
        out = []
        for e in self._mine():
            p = e["params"]
            if e["method"] == "Runtime.exceptionThrown":
                out.append(p["exceptionDetails"].get("text", "exception"))
            elif e["method"] == "Runtime.consoleAPICalled" and p["type"] in ("error", "assert"):
                out.append(" ".join(str(a.get("value", a.get("description", ""))) for a in p["args"]))
            elif e["method"] == "Log.entryAdded" and p["entry"]["level"] == "error":
                out.append(p["entry"]["text"])
            elif e["method"] == "Network.loadingFailed":
                out.append(f"failed to load: {p.get('errorText')} {p.get('blockedReason', '')}")
        return out

    def screenshot(self, path: Path, full_page: bool = True) -> Path:
        data = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": full_page})["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path


@pytest.fixture(scope="module")
def browser():
    b = Browser(CHROMIUM)
    try:
        yield b
    finally:
        b.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """Four nights of two portals rendered to disk (thumbnails, waivers, reopened and fixed findings, failures)."""
    base = tmp_path_factory.mktemp("browser")
    return build_nights(base)


def inside(url: str, folder: Path) -> bool:
    return url.startswith(folder.resolve().as_uri() + "/")


def test_run_page_in_chromium(browser, report):
    store, reports_dir, run_id = report["store"], report["reports"], report["last"]
    started = time.monotonic()
    tab = Tab(browser)
    tab.open((reports_dir / f"run-{run_id}" / "index.html").as_uri())
    shot = tab.screenshot(ARTIFACTS / "report-run.png")
    assert shot.stat().st_size > 10_000

    assert tab.errors() == []
    requests = tab.requests()
    assert requests and all(inside(u, reports_dir) for u in requests), requests
    assert tab.js("document.scripts.length") == 0

    run = store.run(run_id)
    status = store.summary(run_id)["status"]
    shown = tab.js("Object.fromEntries([...document.querySelectorAll('.card b[id]')].map(e => [e.id, e.textContent]))")
    assert shown == {
        "pages-total": str(run["pages_total"]), "pages-audited": str(run["pages_audited"]),
        "pages-skipped": str(run["pages_skipped"]), "pages-failed": str(run["pages_failed"]),
        "findings-total": str(run["findings_total"]), "findings-new": str(status["new"]),
        "findings-open": str(status["open"]), "findings-fixed": str(status["fixed"]),
        "findings-waived": str(status["waived"]),
    }
    assert shown["findings-new"] == "0" and all(int(v) > 0 for k, v in shown.items() if k != "findings-new"), shown
    # the rule × severity table adds up to the active (new + open) findings in the database
    assert int(tab.js("document.getElementById('active-total').textContent")) == status["new"] + status["open"]
    assert tab.js("document.querySelectorAll('svg.trend circle').length") == 2 * len(store.trend(upto=run_id))
    assert tab.js("document.getElementById('run-status').textContent") == "completa"
    print(f"\nbrowser: run page checked in {time.monotonic() - started:.2f} s")


def test_portal_page_in_chromium(browser, report):
    store, reports_dir, run_id = report["store"], report["reports"], report["last"]
    tab = Tab(browser)
    page = reports_dir / f"run-{run_id}" / "portal-alfa.html"
    tab.open(page.as_uri())
    tab.screenshot(ARTIFACTS / "report-portal.png")
    assert tab.errors() == []
    assert all(inside(u, reports_dir) for u in tab.requests()), tab.requests()
    thumbs = tab.js("[...document.querySelectorAll('.thumb img')].map(i => [i.getAttribute('src'), i.naturalWidth])")
    assert thumbs and all(src.startswith("img/") and width > 0 for src, width in thumbs), thumbs
    assert tab.js("document.querySelectorAll('.placeholder').length") >= 1  # an image never fetched
    findings = store.findings(run_id, portal="alfa")
    for status in ("new", "open", "fixed", "waived"):
        assert tab.js(f"document.getElementById('p-{status}').textContent") == str(
            sum(f["status"] == status for f in findings))
    assert "reapareció" in tab.js("document.body.innerText")
    # hostile page text is shown as text: the planted <img onerror> never became an element
    assert tab.js("document.querySelectorAll('img[onerror], script').length") == 0
    assert "<script>alert('x')</script>" in tab.js("document.body.textContent")
    tab.open((reports_dir / f"run-{run_id}" / "portal-beta.html").as_uri())
    waived = tab.js("document.querySelector('#waived').nextElementSibling.textContent")
    assert waived.startswith("Excepciones") and tab.js("document.getElementById('p-waived').textContent") == "1"
    assert tab.errors() == []


def test_report_reads_on_a_phone_and_prints_collapsed_sections(browser, report):
    reports_dir, run_id = report["reports"], report["last"]
    tab = Tab(browser, width=375, height=740, mobile=True)
    for name in ("portal-alfa.html", "index.html"):
        tab.open((reports_dir / f"run-{run_id}" / name).as_uri())
        overflow = tab.js("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} scrolls sideways on a phone by {overflow}px"
    tab.screenshot(ARTIFACTS / "report-portal-phone.png", full_page=False)
    # printing shows what <details> hides on screen
    hidden = "[...document.querySelectorAll('details:not([open]) > :not(summary)')]"
    assert tab.js(f"{hidden}.length") > 0
    assert tab.js(f"{hidden}.every(e => !e.checkVisibility())")
    tab.send("Emulation.setEmulatedMedia", {"media": "print"})
    assert tab.js(f"{hidden}.every(e => e.checkVisibility())")
    assert tab.errors() == []


def test_the_checks_catch_an_outside_request(browser, tmp_path):
    """Control: the same checks fail on a page that reaches outside its folder (a server on 127.0.0.1 here)."""
    hits = []

    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        beacon = f"http://127.0.0.1:{server.server_address[1]}/beacon.png"
        (tmp_path / "leaky.html").write_text(f'<!doctype html><img src="{beacon}">', "utf-8")
        csp = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self'\">")
        (tmp_path / "blocked.html").write_text(f'<!doctype html>{csp}<img src="{beacon}">', "utf-8")
        tab = Tab(browser)
        tab.open((tmp_path / "leaky.html").as_uri())
        assert beacon in tab.requests() and not all(inside(u, tmp_path) for u in tab.requests())
        deadline = time.monotonic() + 5
        while not hits and time.monotonic() < deadline:
            time.sleep(0.05)
        assert hits == ["/beacon.png"]
        tab2 = Tab(browser)
        tab2.open((tmp_path / "blocked.html").as_uri())
        assert any("Content Security Policy" in e or "csp" in e.lower() for e in tab2.errors()), tab2.errors()
        assert hits == ["/beacon.png"]  # the report's policy stopped the second one
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("width, mobile, name", [(1280, False, "report-index.png"), (390, True, "report-index-phone.png")])
def test_index_shows_the_veda_and_its_tables_sort_and_filter(browser, report, width, mobile, name):
    """Issue 21 item 9, in a real browser: the one inline script runs (allowed by its hash: no CSP error), a click
    on a header sorts, the filter hides rows; with scripts off the page shows every row all the same."""
    reports_dir = report["reports"]
    tab = Tab(browser, width=width, height=900, mobile=mobile)
    tab.open((reports_dir / "index.html").as_uri())
    tab.screenshot(ARTIFACTS / name)
    assert tab.errors() == []
    assert all(inside(u, reports_dir) for u in tab.requests()), tab.requests()
    assert tab.js("document.querySelectorAll('svg.severity-trend polyline').length") == 3
    assert tab.js("document.querySelectorAll('input.filter').length") == 3  # one per sortable table
    runs = "[...document.querySelectorAll('#runs tbody tr')].map(r => r.cells[0].textContent.trim())"
    shown = tab.js(runs)
    assert shown == sorted(shown, key=int, reverse=True) and len(shown) >= 3
    tab.js("document.querySelector('#runs thead th').click()")
    assert tab.js(runs) == sorted(shown, key=int)
    tab.js("const f = document.querySelector('input.filter[aria-label]'); f.value = 'beta'; "
           "f.dispatchEvent(new Event('input'))")
    visible = tab.js("[...document.querySelectorAll('#veda-portals tbody tr')].filter(r => !r.hidden)"
                     ".map(r => r.dataset.portal)")
    assert visible == ["beta"]
    if not mobile:
        off = Tab(browser)
        off.send("Emulation.setScriptExecutionDisabled", {"value": True})
        off.open((reports_dir / "index.html").as_uri())
        assert off.js("document.querySelectorAll('input.filter').length") == 0  # (evaluated by the test, not the page)
        assert off.js("document.querySelectorAll('#veda-portals tbody tr').length") == 2
