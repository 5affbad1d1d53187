"""Nights that are not what they say (issue 22 items 5, 6, 8): a collapsed site, a full disk, a crawl killed -9."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from html import escape
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from conftest import blindaje, wait_for, write_config
from loopback import LoopbackServer
from hostile_server import BOAST, page

MAINTENANCE = page("Sitio en mantenimiento", "<h1>Sitio en mantenimiento</h1><p>Disculpe las molestias.</p>")


class MoodyServer(LoopbackServer):
    """A portal of `pages` pages on 127.0.0.1 whose mood the test sets between nights:
    "normal" (each page boasts, so each has a finding), "maintenance" (every URL answers 200 with one "Sitio en
    mantenimiento" page, without links), "maintenance-nav" (the same page, with links to every page), "dies" (the
    start page, then every page hangs up), "slow" (each page answers after `delay` seconds)."""

    def __init__(self, pages: int = 12, delay: float = 0.0):
        super().__init__(MoodyHandler)
        self.pages, self.delay, self.mood = pages, delay, "normal"
        self.hits = 0
        self.lock = threading.Lock()


class MoodyHandler(BaseHTTPRequestHandler):
    server: MoodyServer

    def log_message(self, *args):
        pass

    def do_GET(self):
        srv = self.server
        with srv.lock:
            srv.hits += 1
        links = "".join(f"<li><a href='/p/{i}'>Aviso {i}</a></li>" for i in range(srv.pages))
        try:
            if srv.mood == "maintenance":
                return self.send(MAINTENANCE)
            if srv.mood == "maintenance-nav":
                return self.send(MAINTENANCE.replace("</main>", f"<ul>{links}</ul></main>"))
            if self.path == "/":
                return self.send(page("Avisos", f"<h1>Avisos</h1><ul>{links}</ul>"))
            if srv.mood == "dies":
                self.connection.shutdown(2)  # the site went down after its start page
                return None
            if srv.delay:
                time.sleep(srv.delay)  # the server's pace, not a wait for another process
            return self.send(page(f"Aviso {escape(self.path)}", f"<h1>Aviso {escape(self.path)}</h1>"
                                  f"<p>{BOAST} en {escape(self.path)}.</p>"))
        except (BrokenPipeError, ConnectionResetError, OSError):
            return None

    def send(self, html: str):
        data = html.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def fast_settings(**crawl) -> dict:
    return {"crawl": {"delay_seconds": 0, "autothrottle": False, "retries": 0, "timeout_seconds": 5,
                      "concurrency_per_host": 4, "portal_budget_seconds": 60, **crawl}}


def export(data: Path, run: int, *extra) -> list[dict]:
    res = blindaje("export", "--run", run, "--data", data, *extra)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


# 5. a collapsed night is incomplete, and fixes nothing ----------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("mood", ["maintenance", "maintenance-nav", "dies"])
def test_a_collapsed_night_is_incomplete_and_keeps_its_findings(tmp_path, mood):
    from blindaje.reports.mail import render_email
    from blindaje.runner import open_store

    with MoodyServer(pages=12) as server:
        config = write_config(tmp_path / "config", server.base_url, settings=fast_settings())
        data = tmp_path / "data"
        first = blindaje("crawl", "--force", "--config", config, "--data", data)
        assert first.returncode == 0 and "run 1 complete" in first.stdout, first.stdout + first.stderr
        night1 = {f["id"]: f for f in export(data, 1)}
        assert len({f["url"] for f in night1.values()}) == 12  # a finding on every page

        server.mood = mood
        second = blindaje("crawl", "--force", "--config", config, "--data", data)
        assert second.returncode == 1, second.stdout + second.stderr
        assert "run 2 incomplete (coverage collapsed: fixture:" in second.stdout, second.stdout
        assert "Traceback" not in second.stderr
        night2 = {f["id"]: f for f in export(data, 2)}
        # not one finding marked fixed; each of last night's is still shown, with its first and last sighting
        assert night2.keys() == night1.keys()
        assert {f["status"] for f in night2.values()} == {"open"}
        assert all(night2[i]["last_seen"] == night1[i]["last_seen"] for i in night1)
        report = (data / "reports" / "run-2" / "index.html").read_text("utf-8")
        alert = report.index('id="incomplete"')
        assert "coverage collapsed" in report[alert:alert + 2000].lower()
        portal_page = (data / "reports" / "run-2" / "portal-fixture.html").read_text("utf-8")
        assert portal_page.count("no verificado esta noche") >= 12  # each finding kept says it was not seen
        subject, text, html = render_email(open_store(data), 2)
        assert "coverage collapsed" in text.lower() and "coverage collapsed" in html.lower()

        server.mood = "normal"  # the site is back: its findings are open, never "new" again, none fixed
        third = blindaje("crawl", "--force", "--config", config, "--data", data)
        assert third.returncode == 0 and "run 3 complete" in third.stdout, third.stdout + third.stderr
        night3 = {f["id"]: f for f in export(data, 3)}
        assert night3.keys() == night1.keys() and {f["status"] for f in night3.values()} == {"open"}
        assert all(night3[i]["first_seen"] == night1[i]["first_seen"] for i in night1)


@pytest.mark.slow
def test_a_smaller_night_that_is_not_a_collapse_stays_complete(tmp_path):
    with MoodyServer(pages=12) as server:
        config = write_config(tmp_path / "config", server.base_url, settings=fast_settings())
        data = tmp_path / "data"
        assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
        server.pages = 8  # 4 pages removed: 9 of 13 audited, more than half; their findings are fixed
        res = blindaje("crawl", "--force", "--config", config, "--data", data)
        assert res.returncode == 0 and "run 2 complete" in res.stdout, res.stdout + res.stderr
        statuses = [f["status"] for f in export(data, 2)]
        assert statuses.count("open") == 8 and statuses.count("fixed") == 0  # unreached pages: not fixed either


# 6. a full disk stops the crawl and fails the run ------------------------------------------------------------------

@pytest.mark.slow
def test_a_full_disk_stops_the_crawl_and_fails_the_run(tmp_path):
    from blindaje.store import open_db

    pages = 400
    with MoodyServer(pages=pages, delay=0.01) as server:
        config = write_config(tmp_path / "config", server.base_url, portal={"max_pages": 1000},
                              settings=fast_settings())
        data = tmp_path / "data"
        db = open_db(data / "blindaje.db")  # migrated: the crawl's first page that needs room finds the "disk" full
        full = db.execute("pragma page_count").fetchone()[0]
        db.conn.close()
        start = time.monotonic()
        res = blindaje("crawl", "--force", "--config", config, "--data", data,
                       env={"BLINDAJE_DB_MAX_PAGES": str(full)})
        seconds = time.monotonic() - start
        hits = server.hits
    print(f"\nfull disk: stopped after {hits} requests of {pages + 1}, {seconds:.1f} s")
    assert res.returncode == 1, res.stdout + res.stderr
    assert "Traceback" not in res.stderr + res.stdout
    assert res.stderr == ""  # one line to the user, on stdout like every run's summary
    lines = res.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("run 1 failed: storage failed: database or disk is full"), lines
    assert hits < pages / 2, "the crawl must stop at the first storage failure"
    with sqlite3.connect(data / "blindaje.db") as con:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        status, message = con.execute("select status, message from runs where id = 1").fetchone()
        assert status == "failed" and "database or disk is full" in message
        # whatever was stored is whole: each page with all of its findings
        assert con.execute("select count(*) from pages p where run_id = 1 and findings != (select count(*) from "
                           "findings f where f.run_id = 1 and f.url = p.url)").fetchone()[0] == 0
        assert con.execute("select count(*) from findings where status = 'fixed'").fetchone()[0] == 0


# 8. kill -9 of a crawl leaves no process behind --------------------------------------------------------------------

def _processes() -> dict[int, tuple[int, str, str]]:
    """pid -> (parent pid, state, start time) of every process (Linux /proc)."""
    out = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        out[int(entry)] = (int(fields[1]), fields[0], fields[19])
    return out


def descendants(pid: int) -> dict[int, str]:
    """pid -> start time of every live descendant of `pid`."""
    procs = _processes()
    found, todo = {}, [pid]
    while todo:
        parent = todo.pop()
        for child, (ppid, state, started) in procs.items():
            if ppid == parent and child not in found and state != "Z":
                found[child] = started
                todo.append(child)
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def alive(pid: int, started: str) -> bool:
    """Is this process (the same one: same start time, not a reused pid) still running (not a zombie)?"""
    info = _processes().get(pid)
    return info is not None and info[2] == started and info[1] != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG and /proc are Linux's")
def test_kill_9_of_a_crawl_leaves_no_worker_behind(tmp_path):
    with MoodyServer(pages=80, delay=0.3) as server:
        config = write_config(tmp_path / "config", server.base_url,
                              settings=fast_settings(concurrency_per_host=2, audit_workers=2))
        proc = subprocess.Popen([sys.executable, "-m", "blindaje.cli", "crawl", "--force", "--config", str(config),
                                 "--data", str(tmp_path / "data")], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            def workers():
                found = descendants(proc.pid)
                lines = [cmdline(p) for p in found]
                # the fork server and its 2 forked workers share its command line (spawned workers: spawn_main)
                ready = ((sum("forkserver" in c for c in lines) >= 3 or sum("spawn_main" in c for c in lines) >= 2)
                         and any("resource_tracker" in c for c in lines) and server.hits >= 3)
                return found if ready or proc.poll() is not None else None
            found = wait_for(workers, 60, "the crawl's fork server, audit workers and resource tracker")
            assert proc.poll() is None, "the crawl must still be running"
            killed = time.monotonic()
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            wait_for(lambda: not any(alive(p, s) for p, s in found.items()), 30,
                     "every worker of the killed crawl to exit: "
                     + "; ".join(cmdline(p)[:80] for p, s in found.items() if alive(p, s)))
            print(f"\nkill -9: {len(found)} descendant(s) gone {time.monotonic() - killed:.2f} s after the kill")
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


# 17. a data directory or database that cannot be used: one line, never a traceback; `blindaje doctor` ----------

def healthy_data(data: Path, pages: int = 1) -> Path:
    """A real database with one finished run of `pages` pages, closed (its write-ahead log checkpointed)."""
    from blindaje.runner import open_store
    from blindaje.store.records import PageRecord

    store = open_store(data)
    run_id = store.start_run(started_at="2027-04-06T02:30:00-06:00", run_date="2027-04-06", portals=["fixture"],
                             forced=True, version="test", rules_fingerprint="x")
    for i in range(pages):
        body = (f"<html><body><h1>Aviso {i}</h1>" + "<p>Requisitos del trámite.</p>" * 200 + "</body></html>").encode()
        import hashlib

        store.add_page(run_id, PageRecord("fixture", f"http://127.0.0.1/p/{i}", "audited", "", None, 200,
                                          hashlib.sha256(body).hexdigest() + str(i), "2027-04-06T02:31:00-06:00",
                                          1, "text/html", len(body), f"Aviso {i}"), body=body + str(i).encode())
    store.finish_run(run_id, finished_at="2027-04-06T02:40:00-06:00", status="complete")
    store.db.conn.close()
    return data


def one_line_error(res, *, exit_code: int, contains: str) -> None:
    assert res.exit_code == exit_code, res.output
    assert "Traceback" not in res.output and "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and contains in lines[0], res.stderr


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
@pytest.mark.parametrize("command", [["report"], ["export"], ["export", "--pages"], ["waivers"]])
def test_a_damaged_database_is_said_in_one_line(tmp_path, damage, command):
    from click.testing import CliRunner

    from blindaje.cli import cli

    data = healthy_data(tmp_path / "data", pages=120 if damage == "truncated" else 1)
    db = data / "blindaje.db"
    if damage == "garbage":
        db.write_bytes(b"not a database " * 1000)
    else:
        whole = db.read_bytes()
        assert len(whole) > 100_000
        db.write_bytes(whole[: len(whole) // 3])
    before = db.read_bytes()
    res = CliRunner().invoke(cli, [*command, "--data", str(data)])
    one_line_error(res, exit_code=1, contains=f"the database {db} is damaged")
    assert "restore it from a backup" in res.stderr
    assert db.read_bytes() == before  # nothing written over it


def test_doctor_on_a_healthy_installation_and_on_a_damaged_one(tmp_path):
    from click.testing import CliRunner

    from blindaje.cli import cli

    config = write_config(tmp_path / "config", "http://127.0.0.1:9/")
    data = healthy_data(tmp_path / "data")
    res = CliRunner().invoke(cli, ["doctor", "--config", str(config), "--data", str(data)])
    lines = res.output.strip().splitlines()
    names = [line.split(": ", 2)[1] for line in lines]
    assert names == ["configuration", "data directory", "free space", "database", "migrations", "runs", "tesseract",
                     "chromium", "face model"], lines
    for line in lines[:6]:
        assert line.startswith("ok: "), line
    assert res.exit_code == (0 if all(line.startswith("ok: ") for line in lines) else 1)

    # a run left 'running' by a dead process, then a corrupt file, then a configuration error
    con = sqlite3.connect(data / "blindaje.db")
    con.execute("update runs set status = 'running', pid = 999999 where id = 1")
    con.commit()
    con.close()
    res = CliRunner().invoke(cli, ["doctor", "--config", str(config), "--data", str(data)])
    assert res.exit_code == 1
    assert "problem: runs: run 1 started 2027-04-06T02:30:00-06:00 (pid 999999) is left 'running'" in res.output
    (data / "blindaje.db").write_bytes(b"\0" * 4096)
    (config / "portals.yaml").write_text("portals: [{name: Mal Nombre}]\n", "utf-8")
    res = CliRunner().invoke(cli, ["doctor", "--config", str(config), "--data", str(data)])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "problem: configuration: " in res.output and "`blindaje validate` lists them" in res.output
    assert f"problem: database: {data / 'blindaje.db'} is damaged" in res.output


def test_doctor_on_a_data_directory_that_cannot_be(tmp_path):
    from click.testing import CliRunner

    from blindaje.cli import cli

    (tmp_path / "file").write_text("x")
    res = CliRunner().invoke(cli, ["doctor", "--config", str(tmp_path / "none"), "--data",
                                   str(tmp_path / "file" / "data")])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert f"problem: data directory: {tmp_path / 'file' / 'data'} does not exist and cannot be created" in res.output
    assert "problem: configuration: " in res.output


def test_a_bad_database_cap_is_a_usage_error(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from blindaje.cli import cli

    data = healthy_data(tmp_path / "data")
    monkeypatch.setenv("BLINDAJE_DB_MAX_PAGES", "mucho")
    one_line_error(CliRunner().invoke(cli, ["export", "--data", str(data)]), exit_code=2,
                   contains="BLINDAJE_DB_MAX_PAGES must be a number of pages")


def as_another_user() -> list[str]:
    """A command prefix that runs a command as a user who cannot write a root-owned folder (root writes anything: a
    read-only folder is read-only for others only); empty when the tests do not run as root."""
    import shutil

    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: a read-only folder cannot be made")
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    # The other user must be able to run Blindaje: a checkout inside a folder only root may enter (mktemp -d) is not.
    probe = subprocess.run([*prefix, sys.executable, "-c", "import blindaje.cli"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"user 65534 cannot import Blindaje from {sys.prefix} (a parent folder is closed to it): "
                    f"{probe.stderr.strip().splitlines()[-1] if probe.stderr.strip() else probe.returncode}")
    return prefix


@pytest.mark.slow
def test_a_read_only_or_impossible_data_directory_is_said_in_one_line(tmp_path):
    import shutil
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="blindaje-ro-"))  # outside pytest's private tmp: the other user reads it
    try:
        root.chmod(0o755)
        config = write_config(root / "config", "http://127.0.0.1:9/")
        data = healthy_data(root / "data")
        for path in [data, *data.rglob("*")]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
        env = dict(os.environ, HOME=str(root))
        cases = [(["crawl", "--force"], data, 2, f"cannot write to the data directory {data}"),
                 (["report"], data, 2, f"cannot write to the data directory {data}"),
                 (["export"], data, 2, f"cannot write to the data directory {data}"),
                 (["crawl", "--force"], data / "nueva", 2, f"cannot write to the data directory {data / 'nueva'}"),
                 (["crawl", "--force"], root / "config" / "portals.yaml" / "data", 2, "Not a directory")]
        for args, where, status, message in cases:
            res = subprocess.run([*as_another_user(), sys.executable, "-m", "blindaje.cli", *args, "--config",
                                  str(config), "--data", str(where)], capture_output=True, text=True, env=env,
                                 timeout=120, cwd=root)
            assert res.returncode == status, (args, res.stdout, res.stderr)
            lines = res.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], (args, res.stderr)
            assert "Traceback" not in res.stdout
        assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before
    finally:
        for path in [root, *root.rglob("*")]:
            if path.is_dir():
                path.chmod(0o755)
        shutil.rmtree(root)


# the same, in process: the collapse rule and the lifecycle of a collapsed night on a real SQLite file ------------

def _night(store, date: str, pages: dict, *, collapsed=False) -> int:
    """One run of portal "alfa": `pages` maps a path to (body, findings); settled as complete, or collapsed when
    runner.collapse finds it so (`collapsed` says what the test expects)."""
    from blindaje.runner import collapse
    from blindaje.store.records import PageRecord

    at = f"{date}T02:30:00-06:00"
    run_id = store.start_run(started_at=at, run_date=date, portals=["alfa"], forced=False, version="t",
                             rules_fingerprint="r")
    for path, (body, found) in pages.items():
        digest = __import__("hashlib").sha256(body.encode()).hexdigest()
        store.add_page(run_id, PageRecord("alfa", "https://alfa.gob.mx/" + path, "audited", http_status=200,
                                          content_hash=digest, fetched_at=at), found)
    why = collapse(store, run_id, "alfa")
    assert bool(why) == collapsed, why
    store.finish_run(run_id, finished_at=f"{date}T02:45:00-06:00", status="incomplete" if why else "complete",
                     collapsed=frozenset({"alfa"} if why else ()))
    return run_id


def test_a_collapsed_night_fixes_nothing_and_keeps_what_it_did_not_see(tmp_path):
    from blindaje.audit.model import FindingRecord
    from blindaje.runner import open_store

    def boast(path):
        return [FindingRecord.from_row({
            "id": f"id-{path}", "portal": "alfa", "url": "https://alfa.gob.mx/" + path, "rule": "achievement-language",
            "severity": "medium", "evidence": "inauguramos", "location": "p", "kind": "p", "context": "",
            "message": "Retire el contenido.", "legal_basis": "Art. 134 CPEUM", "grp": "violation", "data": {}})]

    store = open_store(tmp_path)
    site = {f"p/{i}": (f"aviso {i}", boast(f"p/{i}")) for i in range(6)}
    first = _night(store, "2027-04-06", site)
    maintenance = {path: ("Sitio en mantenimiento", []) for path in site}
    second = _night(store, "2027-04-07", maintenance, collapsed=True)  # every page one same body
    kept = store.findings(second)
    assert {f["id"]: f["status"] for f in kept} == {f"id-p/{i}": "open" for i in range(6)}
    assert all(f["data"]["not_reached"] and f["last_seen"].startswith("2027-04-06") for f in kept)
    assert "collapsed" not in store.run(second)["message"]  # the runner writes the message, the store settles
    third = _night(store, "2027-04-08", {"p/0": ("aviso 0", boast("p/0"))}, collapsed=True)  # 1 page of 6
    assert {f["status"] for f in store.findings(third)} == {"open"} and len(store.findings(third)) == 6
    # the site is back, one page fixed: fixed at last, the others open since the first night
    back = dict(site, **{"p/5": ("aviso 5 corregido", [])})
    fourth = _night(store, "2027-04-09", back)
    status = {f["id"]: (f["status"], f["first_seen"][:10]) for f in store.findings(fourth)}
    assert status["id-p/5"][0] == "fixed"
    assert all(status[f"id-p/{i}"] == ("open", "2027-04-06") for i in range(5))
    assert first < second < third < fourth


def test_what_is_and_is_not_a_collapse(tmp_path):
    from blindaje.runner import open_store

    store = open_store(tmp_path)
    same = {f"p/{i}": ("misma plantilla", []) for i in range(6)}
    _night(store, "2027-04-06", same)  # no complete night before: nothing to compare with
    _night(store, "2027-04-07", same)  # a site that always served one body: not a change
    varied = {f"p/{i}": (f"aviso {i}", []) for i in range(6)}
    _night(store, "2027-04-08", varied)
    _night(store, "2027-04-09", {k: v for k, v in list(varied.items())[:3]})  # half of 6: not fewer than half
    _night(store, "2027-04-10", {k: v for k, v in list(varied.items())[:1]}, collapsed=True)  # 1 of 3: collapsed


def test_the_store_pipeline_stops_at_the_first_storage_failure(tmp_path):
    import hashlib

    from blindaje.crawler.items import PageItem
    from blindaje.crawler.pipelines import StorePipeline
    from blindaje.store import Store, open_db

    path = tmp_path / "blindaje.db"
    store = Store(open_db(path))
    run_id = store.start_run(started_at="2027-04-06T02:30:00-06:00", run_date="2027-04-06", portals=["p"],
                             forced=True, version="t", rules_fingerprint="r")
    full = store.db.execute("pragma page_count").fetchone()[0]
    capped = Store(open_db(path, environ={"BLINDAJE_DB_MAX_PAGES": str(full + 3)}))
    pipeline = StorePipeline(capped, run_id, batch_pages=5, batch_seconds=3600)
    for i in range(200):
        body = (f"<p>aviso {i}</p>" * 300).encode()
        pipeline.process_item(PageItem("p", f"https://p.gob.mx/{i}", "audited", content_hash=hashlib.sha256(
            body).hexdigest(), body=body, findings=[], fetched_at="2027-04-06T02:31:00-06:00"))
        if pipeline.failed:
            break
    assert pipeline.failed == "database or disk is full"
    assert i < 100, "it stops at the first failure, not on every page"
    stored = store.db.execute("select count(*) from pages where run_id = ?", [run_id]).fetchone()[0]
    assert stored % 5 == 0 and stored < i  # whole batches only: the failed one left nothing half-written
    assert store.db.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_what_counts_as_a_storage_failure():
    import errno
    import sqlite3

    from blindaje.store.db import storage_failure

    assert storage_failure(sqlite3.OperationalError("database or disk is full")) == "database or disk is full"
    assert storage_failure(sqlite3.OperationalError("attempt to write a readonly database"))
    assert storage_failure(sqlite3.DatabaseError("database disk image is malformed"))
    assert storage_failure(OSError(errno.ENOSPC, "No space left on device", "/d/x.warc.gz")) == \
        "No space left on device: /d/x.warc.gz"
    for one_row in (sqlite3.IntegrityError("UNIQUE constraint failed"), sqlite3.DataError("string or blob too big"),
                    sqlite3.OperationalError("database is locked"), ValueError("x"), OSError(errno.ENOENT, "gone")):
        assert storage_failure(one_row) is None, one_row
