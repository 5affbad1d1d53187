"""Incremental nights: conditional requests; unchanged pages carry their findings over without re-audit."""
from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import sqlite3
import threading
from http.server import ThreadingHTTPServer
from types import SimpleNamespace

import pytest
import yaml

from blindaje.demo import SITE, QuietHandler, serve_site, write_demo_config
from conftest import blindaje, copy_data

pytestmark = pytest.mark.slow


def audited(data, run_id):
    db = sqlite3.connect(data / "blindaje.db")
    try:
        return db.execute("select carried, http_status, count(*), coalesce(sum(bytes), 0) from pages "
                          "where run_id = ? and outcome = 'audited' group by 1, 2 order by 1, 2", [run_id]).fetchall()
    finally:
        db.close()


def counts(data, run_id):
    db = sqlite3.connect(data / "blindaje.db")
    try:
        return (db.execute("select rule, severity, count(*) from findings where run_id = ? and status != 'fixed' "
                           "group by 1, 2 order by 1, 2", [run_id]).fetchall(),
                db.execute("select pages_total, pages_audited, findings_total from runs where id = ?", [run_id]).fetchone())
    finally:
        db.close()


def test_unchanged_pages_are_not_downloaded_or_audited_again(demo_site, tmp_path):
    base, site = demo_site
    config = write_demo_config(base, tmp_path / "config")
    data = tmp_path / "data"
    assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
    first = json.loads(blindaje("export", "--data", data).stdout)
    [(carried, status, pages, size)] = audited(data, 1)
    assert (carried, status) == (0, 200) and pages >= 40 and size > 100_000

    assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
    assert audited(data, 2) == [(1, 304, pages, 0)]  # every page asked, conditionally; none re-audited
    second = json.loads(blindaje("export", "--data", data).stdout)
    assert sorted(f["id"] for f in second) == sorted(f["id"] for f in first)
    assert {f["status"] for f in second} == {"open"}
    kept = [k for k in first[0] if k not in ("run_id", "status", "last_seen")]
    assert sorted([f[k] for k in kept] for f in second) == sorted([f[k] for k in kept] for f in first)
    assert counts(data, 2) == counts(data, 1)  # what the report counts: findings by rule and severity, pages
    assert (data / "reports" / "run-2" / "index.html").is_file()

    edited = site / "noticias" / "cierre-vial-bulevar-carranza.html"
    served = edited.stat().st_mtime
    edited.write_text(edited.read_text("utf-8").replace("</main>", "<p>Inauguramos 40 kilómetros de drenaje.</p></main>"),
                      "utf-8")
    os.utime(edited, (served + 60, served + 60))  # Last-Modified has one-second resolution: surely later, no waiting
    assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
    rows = audited(data, 3)
    assert rows[0][:3] == (0, 200, 1) and rows[1][:3] == (1, 304, pages - 1)  # exactly the edited page
    new = [f for f in json.loads(blindaje("export", "--data", data).stdout) if f["status"] == "new"]
    assert [f["url"] for f in new] == [base + "noticias/cierre-vial-bulevar-carranza.html"]


@pytest.fixture(scope="module")
def first_night(tmp_path_factory):
    """The demo site (never edited here) served for the module, and one night's crawl of it; read, or copied."""
    tmp = tmp_path_factory.mktemp("incremental")
    with serve_site(SITE) as base:
        config = write_demo_config(base, tmp / "config")
        res = blindaje("crawl", "--force", "--config", config, "--data", tmp / "data")
        yield SimpleNamespace(base=base, config=config, data=tmp / "data", res=res)


def test_a_change_of_officials_or_rules_forces_a_new_audit(first_night, tmp_path):
    assert first_night.res.returncode == 0, first_night.res.stderr
    data = copy_data(first_night.data, tmp_path / "data")
    config = shutil.copytree(first_night.config, tmp_path / "config")
    officials = config / "officials.yaml"
    officials.write_text(officials.read_text("utf-8") + "  - name: Nadia Torres Luna\n    position: Directora\n"
                         "    jurisdiction: MX-COA\n", "utf-8")
    assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
    rows = audited(data, 2)
    assert rows[0][:2] == (0, 200) and len(rows) == 1  # all audited afresh, none carried
    [(_, _, pages, _)] = audited(data, 1)
    assert rows[0][2] == pages


def test_the_same_rules_carry_every_page_over(first_night, tmp_path):
    """Control for the test above: on a copy of the same night, unchanged configuration, every page is carried."""
    data = copy_data(first_night.data, tmp_path / "data")
    assert blindaje("crawl", "--force", "--config", first_night.config, "--data", data).returncode == 0
    [(carried, status, pages, size)] = audited(data, 2)
    assert (carried, status, size) == (1, 304, 0) and pages == audited(first_night.data, 1)[0][2]
    assert [r[0] for r in sqlite3.connect(first_night.data / "blindaje.db").execute("select id from runs")] == [1], \
        "the shared night was copied, not changed"


def test_one_page_under_two_urls_is_audited_once_and_named_twice(tmp_path):
    """Issue 21 item 2: '/' and '/index.html' (and 'b/' and 'b/index.html') serve the same bytes: one audit, one
    set of findings (one waiver), the other URL skipped as its duplicate, the same every night."""
    from blindaje.demo import serve_site
    from conftest import write_config

    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    boast = "<p>Inauguramos 120 nuevas clínicas en el estado.</p>"
    (site / "index.html").write_text(
        f"<html><head><title>Inicio</title></head><body><main>{boast}<a href='index.html'>Inicio</a>"
        "<a href='b/'>B</a><a href='b/index.html'>B otra vez</a><a href='c.html'>C</a></main></body></html>", "utf-8")
    (site / "b" / "index.html").write_text(f"<html><body><main><h1>Sección B</h1>{boast}</main></body></html>",
                                           "utf-8")
    (site / "c.html").write_text("<html><body><main><p>Trámites y servicios.</p></main></body></html>", "utf-8")
    with serve_site(site) as base:
        config = write_config(tmp_path / "config", base)
        data = tmp_path / "data"
        exports = []
        for night in (1, 2):
            res = blindaje("crawl", "--force", "--config", config, "--data", data)
            assert res.returncode == 0, res.stderr
            exports.append(json.loads(blindaje("export", "--data", data).stdout))
            pages = {p["url"]: p for p in json.loads(blindaje("export", "--pages", "--data", data).stdout)}
            assert (pages[base + "index.html"]["outcome"], pages[base + "index.html"]["reason"]) == ("skipped",
                                                                                                    "duplicate")
            assert (pages[base + "b/index.html"]["outcome"], pages[base + "b/index.html"]["reason"]) == (
                "skipped", "duplicate")
            assert pages[base]["outcome"] == pages[base + "b/"]["outcome"] == "audited"
    first, second = exports
    assert sorted({f["url"] for f in first}) == [base, base + "b/"]  # never under the duplicates' URLs
    assert sorted(f["id"] for f in second) == sorted(f["id"] for f in first)
    assert {f["status"] for f in second} == {"open"}
    portal_page = (data / "reports" / "run-2" / "portal-fixture.html").read_text("utf-8")
    assert "La misma página se publica también en" in portal_page and base + "b/index.html" in portal_page


@contextlib.contextmanager
def counted_site(root, hold: float = 0.0, validators: bool = True):
    """Serve `root` on 127.0.0.1, recording every request: (path, whether it was conditional, the status sent), and
    the most requests ever in flight at once (each held `hold` seconds)."""
    seen: list[tuple[str, bool, int]] = []
    flight = {"now": 0, "most": 0}
    lock = threading.Lock()

    class Handler(QuietHandler):
        def send_head(self):
            if not validators:  # a server that sends Last-Modified but ignores If-Modified-Since: always 200
                conditional = self.headers.get("If-Modified-Since")
                del self.headers["If-Modified-Since"]
                if conditional:
                    self.headers["X-Was-Conditional"] = "1"
            return super().send_head()

        def parse_request(self):  # from its request line read until its answer leaves: one request in flight
            with lock:
                flight["now"] += 1
                flight["most"] = max(flight["most"], flight["now"])
            return super().parse_request()

        def send_response(self, code, message=None):
            conditional = self.headers.get("If-Modified-Since") or self.headers.get("X-Was-Conditional")
            seen.append((self.path, bool(conditional), code))
            threading.Event().wait(hold)  # the server's own pace, not a wait for another process
            super().send_response(code, message)

        def end_headers(self):
            with lock:  # before the answer leaves: the client cannot start its next request while this one counts
                flight["now"] -= 1
            super().end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", seen, flight
    finally:
        server.shutdown()
        server.server_close()


def test_unchanged_pages_are_asked_once_ahead_of_the_crawl_and_changed_ones_crawled(tmp_path):
    """An unchanged night's 304s come from the requests sent ahead of the crawl (crawler.revalidate), one per page;
    a page changed since is asked ahead, answered 200 (left unread) and crawled; a page gone is crawled and failed."""
    site = shutil.copytree(SITE, tmp_path / "site")
    with counted_site(site) as (base, seen, _):
        config = write_demo_config(base, tmp_path / "config")
        data = tmp_path / "data"
        assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
        [(_, _, pages, _)] = audited(data, 1)
        first = json.loads(blindaje("export", "--data", data).stdout)

        seen.clear()
        night = blindaje("crawl", "--force", "--config", config, "--data", data, "-v")
        assert night.returncode == 0, night.stderr
        assert f"{pages} of {pages} pages unchanged (304), asked ahead of the crawl" in night.stderr
        fetched = {r[0] for r in sqlite3.connect(data / "blindaje.db").execute(
            "select url from pages where run_id = 1 and http_status is not null")}
        assert sorted(base.rstrip("/") + s[0] for s in seen) == sorted(fetched)  # each page asked once, no more
        audited_before = {r[0] for r in sqlite3.connect(data / "blindaje.db").execute(
            "select url from pages where run_id = 1 and outcome = 'audited'")}
        # what was audited has validators: asked conditionally, 304; a duplicate URL or a broken link has none
        assert {base.rstrip("/") + p for p, conditional, status in seen if conditional and status == 304} == \
            audited_before
        assert audited(data, 2) == [(1, 304, pages, 0)]
        second = json.loads(blindaje("export", "--data", data).stdout)
        kept = [k for k in first[0] if k not in ("run_id", "status", "last_seen")]
        assert sorted([f[k] for k in kept] for f in second) == sorted([f[k] for k in kept] for f in first)

        edited, gone = site / "noticias" / "cierre-vial-bulevar-carranza.html", site / "contacto.html"
        assert gone.is_file()
        served = edited.stat().st_mtime
        edited.write_text(edited.read_text("utf-8").replace("</main>", "<p>Inauguramos 40 kilómetros de drenaje."
                                                                       "</p></main>"), "utf-8")
        os.utime(edited, (served + 60, served + 60))
        gone.unlink()
        seen.clear()
        assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
    paths = [s[0] for s in seen]
    assert paths.count("/noticias/cierre-vial-bulevar-carranza.html") == 2  # asked ahead (200, unread), then crawled
    assert paths.count("/contacto.html") == 2 and [s[2] for s in seen if s[0] == "/contacto.html"] == [404] * 2
    rows = audited(data, 3)
    assert rows[0][:3] == (0, 200, 1) and rows[1][:3] == (1, 304, pages - 2)
    failed = sqlite3.connect(data / "blindaje.db").execute(
        "select url, http_status from pages where run_id = ? and outcome = 'failed' order by url", [3]).fetchall()
    assert failed == [(base + "contacto.html", 404), (base + "noticias/archivo-2019.html", 404)]  # the latter: always
    new = [f for f in json.loads(blindaje("export", "--data", data).stdout) if f["status"] == "new"]
    assert [f["url"] for f in new] == [base + "noticias/cierre-vial-bulevar-carranza.html"]


def test_asking_ahead_keeps_to_the_hosts_concurrency(tmp_path):
    with counted_site(SITE, hold=0.02) as (base, seen, flight):
        config = write_demo_config(base, tmp_path / "config")
        settings = yaml.safe_load((config / "settings.yaml").read_text("utf-8"))
        settings["crawl"]["concurrency_per_host"] = 2
        (config / "settings.yaml").write_text(yaml.safe_dump(settings), "utf-8")
        data = tmp_path / "data"
        assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
        flight["most"] = 0
        night = blindaje("crawl", "--force", "--config", config, "--data", data, "-v")
    assert night.returncode == 0 and "pages unchanged (304), asked ahead of the crawl" in night.stderr
    assert flight["most"] == 2  # reached, never passed


def test_a_server_that_ignores_validators_is_not_asked_every_page_twice(tmp_path):
    """After PROBE answers from a host and no 304, its other pages are left to the crawl: each page is fetched once
    by Scrapy (same bytes: carried over), plus at most PROBE and the asks then in flight."""
    from blindaje.crawler.revalidate import PROBE

    with counted_site(SITE, validators=False) as (base, seen, _):
        config = write_demo_config(base, tmp_path / "config")
        data = tmp_path / "data"
        assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
        [(_, _, pages, _)] = audited(data, 1)
        seen.clear()
        assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
    assert audited(data, 2) == [(1, 200, pages, audited(data, 1)[0][3])]  # re-read, same bytes: carried over
    assert all(status == 200 for path, _, status in seen if path != "/noticias/archivo-2019.html")
    extra = len(seen) - len({s[0] for s in seen})
    assert PROBE <= extra <= PROBE + 8 < pages  # 8: the demo's concurrency per host, asks in flight at the PROBEth


def test_a_sigterm_while_an_unchanged_night_settles_its_pages_ends_the_run(tmp_path):
    """SIGTERM as the pages answered ahead are being settled: the crawl stops within seconds, the run is recorded
    (interrupted, or complete if the settling won the race), never left running. Settled as items of start(), the
    pages kept Scrapy's scraper from ever closing: the process hung."""
    import signal
    import subprocess
    import sys

    from conftest import write_config

    site = tmp_path / "site"
    site.mkdir()
    n = 1500  # a settling that lasts a few tenths of a second
    for i in range(n):
        links = "".join(f"<a href='p{j}.html'>{j}</a>" for j in (i + 1, i * 2 + 1) if j < n)
        (site / f"p{i}.html").write_text(f"<html><body><main><h1>Trámite {i}</h1><p>Requisitos.</p>{links}"
                                         "</main></body></html>", "utf-8")
    with serve_site(site) as base:
        config = write_config(tmp_path / "config", base + "p0.html", portal={"max_pages": 5000, "max_depth": 50})
        data = tmp_path / "data"
        assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
        assert audited(data, 1)[0][2] > n - 20  # the test server's backlog may refuse a few (no retries)
        proc = subprocess.Popen([sys.executable, "-m", "blindaje.cli", "crawl", "--force", "--config", str(config),
                                 "--data", str(data), "-v"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                text=True)
        try:
            for line in proc.stderr:
                if "asked ahead of the crawl" in line:
                    proc.send_signal(signal.SIGTERM)
                    break
            proc.stderr.close()
            assert proc.wait(timeout=60) in (0, 1)
        finally:
            if proc.poll() is None:
                proc.kill()
    status, = sqlite3.connect(data / "blindaje.db").execute("select status from runs where id = 2").fetchone()
    assert status in ("interrupted", "complete")
