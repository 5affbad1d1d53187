"""Hostile and broken websites: bounded, in scope, nothing lost, nothing injected (crawls of hostile_server.py)."""
from __future__ import annotations

import json
import os
import re
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

from blindaje.audit.document import charset_of as page_charset
from blindaje.crawler.urls import canonical
from conftest import blindaje, wait_for, write_config
from hostile_server import BOAST, FAILING_LINKS, INDEX_LINKS, HostileServer, brotli_bomb, deflate_bomb

CHROMIUM = Path("/usr/bin/chromium")
BUDGET = 60  # seconds: the hostile crawl must finish on its own well before its portal budget
MAX_RSS_MB = 500


def hostile_settings(**crawl) -> dict:
    return {"crawl": {"delay_seconds": 0, "autothrottle": False, "retries": 0, "timeout_seconds": 2,
                      "concurrency_per_host": 8, "max_page_bytes": 2 * 1024 * 1024, "max_calendar_pages": 5,
                      "portal_budget_seconds": BUDGET, **crawl}}


# Linux records, at exec, the peak RSS of the memory the new program replaces: a child started straight from pytest
# (vfork shares pytest's memory until exec) reports pytest's own peak if that is larger (580 MB after the face tests).
# A small launcher process starts the CLI instead, and reports the CLI's rusage (with its workers') as JSON.
LAUNCHER = """
import json, os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(proc.pid, 0)
print(json.dumps({"status": os.waitstatus_to_exitcode(status), "maxrss": usage.ru_maxrss}), file=sys.stderr)
"""


def run_measured(args, cwd: Path) -> SimpleNamespace:
    """Run the CLI in a child process; return its exit status, output, wall time and its own peak RSS (MB)."""
    out, err = cwd / "stdout.txt", cwd / "stderr.txt"
    start = time.monotonic()
    with out.open("wb") as o, err.open("wb") as e:
        subprocess.run([sys.executable, "-c", LAUNCHER, sys.executable, "-m", "blindaje.cli", *map(str, args)],
                       stdout=o, stderr=e)
    stderr = err.read_text("utf-8")
    usage = json.loads(stderr.rstrip().rsplit("\n", 1)[-1])  # the launcher's last line
    return SimpleNamespace(returncode=usage["status"], stdout=out.read_text("utf-8"), stderr=stderr,
                           seconds=time.monotonic() - start, peak_mb=usage["maxrss"] / 1024)


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
    before = Counter(server.hits)  # the server is shared: count only what this crawl asked for
    res = run_measured(["crawl", "--force", "--config", config, "--data", data], tmp)
    hits = Counter(server.hits) - before
    pages = json.loads(blindaje("export", "--pages", "--data", data).stdout)
    findings = json.loads(blindaje("export", "--data", data).stdout)
    print(f"\nhostile crawl: {res.seconds:.1f} s, peak RSS {res.peak_mb:.0f} MB, {len(pages)} pages")
    return SimpleNamespace(res=res, data=data, pages={p["url"]: p for p in pages}, findings=findings,
                           base=server.base_url.rstrip("/"), port=server.server_address[1], hits=hits)


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


# the crawl of the hostile server -----------------------------------------------------------------------------

@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_images_are_bounded(hostile):
    db = sqlite3.connect(hostile.data / "blindaje.db")
    rows = dict((u, (o, r)) for u, o, r in db.execute("select url, outcome, reason from images"))
    assert rows[hostile.base + "/img/gigante.png"] == ("skipped", "too many pixels")


@pytest.mark.slow
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


@pytest.mark.slow
def test_page_content_never_becomes_markup_in_reports(hostile):
    from blindaje.reports.markup import SORT_JS

    files = report_files(hostile.data)
    assert len(files) >= 3
    # the index's one script (ours, allowed by its hash) aside, no script at all
    text = "\n".join(f.read_text("utf-8").replace(f"<script>{SORT_JS}</script>", "", 1) for f in files)
    assert "&lt;script" in text, "the hostile strings reach the report, as text"
    lowered = text.lower()
    for needle in ("<script", "javascript:", "\x1b"):
        assert needle not in lowered, needle
    # no tag carries an id or an event handler that came from a page (escaped or percent-encoded text is fine)
    assert not re.search(r"<[a-z][^>]*\s(id=[\"']?inyectado|on[a-z]+\s*=)", lowered)
    assert 'http-equiv="content-security-policy"' in lowered and "default-src 'none'" in lowered


@pytest.mark.slow
def test_page_content_never_reaches_a_terminal(hostile):
    outputs = [hostile.res.stdout,
               blindaje("export", "--data", hostile.data, "--format", "csv").stdout,
               blindaje("export", "--data", hostile.data, "--pages", "--format", "csv").stdout,
               blindaje("export", "--data", hostile.data).stdout,
               blindaje("check", hostile.base + "/script", cwd=hostile.data).stdout]  # no ./config there
    assert "Inauguramos" in outputs[-1]
    for out in outputs:
        assert "\x1b" not in out and "\x07" not in out


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium for the browser check")
def test_reports_in_a_browser_carry_no_injected_element(hostile, tmp_path):
    from blindaje.reports.markup import SORT_JS

    for report in report_files(hostile.data):
        dom = subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
                              "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}",
                              "--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=60).stdout
        assert "</html>" in dom, report
        tree = lxml.html.fromstring(dom)
        assert not tree.xpath("//*[starts-with(@id, 'inyectado')]"), report
        assert not tree.xpath("//iframe | //object | //embed"), report
        own = [s for s in tree.xpath("//script") if s.text and s.text.strip() == SORT_JS.strip() and not s.get("src")]
        assert len(tree.xpath("//script")) == len(own) <= (report.name == "index.html"), report  # ours only
        assert not tree.xpath("//@*[starts-with(name(), 'on')]"), report
        assert not tree.xpath("//body[@data-pwned]") and "pwned" not in (tree.findtext(".//title") or "")


@pytest.mark.slow
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


@pytest.mark.slow
def test_time_budget_records_every_queued_page(server, tmp_path):
    # Up to CONCURRENT_REQUESTS (16) requests already handed to the downloader finish after the budget ends, and a
    # loaded machine lets a few more through before the timer fires: enough pages that most are surely left queued.
    n = 150
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


def stored_pages(db_path: Path) -> int:
    """Pages the running crawl has stored so far (read-only: the crawl is the writer)."""
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
            return db.execute("select count(*) from pages").fetchone()[0]
    except sqlite3.OperationalError:  # no file yet, or the schema is being created
        return 0


def start_crawl_and_wait(config, data: Path, at_least: int, below: int) -> subprocess.Popen:
    """Start `blindaje crawl` in a child process; return it once `at_least` pages are stored (fewer than `below`)."""
    proc = subprocess.Popen([sys.executable, "-m", "blindaje.cli", "crawl", "--force", "--config", str(config),
                             "--data", str(data)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def progress():
        n = stored_pages(data / "blindaje.db")
        return (n,) if n >= at_least or proc.poll() is not None else None
    [stored] = wait_for(progress, 60, f"the crawl to store {at_least} pages", interval=0.02)
    assert at_least <= stored < below, "the signal must arrive mid-crawl"
    return proc


@pytest.mark.slow
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
        # pages are committed in batches while the crawl runs: those finished before the kill are kept, whole
        assert db.execute("select count(*) from pages where run_id = 1").fetchone()[0] >= 5
        assert db.execute("select count(*) from pages p where run_id = 1 and findings != (select count(*) from "
                          "findings f where f.run_id = 1 and f.url = p.url)").fetchone()[0] == 0
    res = blindaje("crawl", "--force", "--config", config, "--data", data)
    assert res.returncode == 0 and "run 2 complete" in res.stdout, res.stdout + res.stderr
    with sqlite3.connect(db_path) as db:
        assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
        runs = dict(db.execute("select id, status from runs"))
        assert runs == {1: "interrupted", 2: "complete"}
        outcomes = db.execute("select outcome, reason, count(*) from pages where run_id = 2 group by 1, 2").fetchall()
        assert outcomes == [("audited", "", n + 1)], outcomes


@pytest.mark.slow
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


@pytest.mark.slow
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


# image analysis: a worker that dies on an image costs that image only -----------------------------------------

def crash_on_poison(data: bytes, max_pixels: int, faces: bool = True, ocr: bool = False):
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


def test_a_worker_that_dies_while_others_are_busy_costs_one_image_only():
    """Tasks in flight when a worker dies all see the pool broken: the first restarts it, the others run again on the
    new pool (one of them shutting down the new pool had cancelled its neighbours' tasks: a crawl left waiting on
    them forever)."""
    import asyncio

    from blindaje.audit.portraits import Refused
    from blindaje.audit.reasons import Reason
    from blindaje.crawler.imaging import Analyser

    analyser = Analyser(2, function=crash_on_poison)
    try:
        async def night():
            images = [b"x" * n for n in range(1, 41)]
            images[17] = b"poison"
            return images, await asyncio.wait_for(
                asyncio.gather(*(analyser.analyse(data, 100) for data in images)), 60)
        images, results = asyncio.run(night())
        for data, result in zip(images, results):
            if data == b"poison":
                assert isinstance(result, Refused) and result.reason == Reason.ANALYSIS_CRASHED
            else:
                assert result == {"size": len(data)}, (data, result)
    finally:
        analyser.close()


class LoopTicks:
    """Inside a running event loop, counts the loop's turns, one every `every` seconds, over an `async with` block: a
    loop that something blocks counts few. `ticks` and `waited` (seconds) are set when the block ends."""

    def __init__(self, every: float):
        self.every, self.ticks, self.waited = every, 0, 0.0

    async def _tick(self):
        import asyncio

        while True:
            await asyncio.sleep(self.every)
            self.ticks += 1

    async def __aenter__(self):
        import asyncio

        self.beat, self.started = asyncio.ensure_future(self._tick()), time.monotonic()
        return self

    async def __aexit__(self, *exc):
        self.waited = time.monotonic() - self.started
        self.beat.cancel()

    def kept_going(self, share: float) -> bool:
        """Did the loop turn at least `share` of the times it could have?"""
        return self.ticks >= share * self.waited / self.every


def echo_or_raise(data: bytes):
    """A task for the worker pool: its bytes' size and first and last byte back, or an error raised in the worker."""
    if data == b"raise":
        raise ValueError("refused in the worker")
    if data == b"unpicklable":
        return lambda: None
    return len(data), data[:1], data[-1:]


def test_worker_tasks_keep_their_order_errors_and_large_payloads_without_blocking_the_loop():
    """Tasks go to the workers through sockets driven by the event loop: 100 tasks of up to 12 MB each come back to
    their callers whole, an exception raised in a worker is raised to its caller, an answer that cannot be sent is
    an error of that task only, and the loop keeps ticking while megabytes are written."""
    import asyncio

    from blindaje.crawler.imaging import Workers

    workers = Workers(2)
    sizes = [1, 100, 70_000, 12_000_000, 5, 3_000_000] * 16 + [0, 0, 0, 0]

    async def night():
        payloads = [bytes([k % 251]) * n if n else (b"raise" if k % 2 else b"unpicklable") for k, n in enumerate(sizes)]
        async with LoopTicks(0.005) as loop:
            answers = await asyncio.wait_for(asyncio.gather(*(workers.run(echo_or_raise, p) for p in payloads),
                                                            return_exceptions=True), 120)
        return payloads, answers, loop, [w.process for w in workers.live]

    try:
        payloads, answers, loop, processes = asyncio.run(night())
    finally:
        workers.close()
    for data, answer in zip(payloads, answers):
        if data == b"raise":
            assert isinstance(answer, ValueError) and str(answer) == "refused in the worker"
        elif data == b"unpicklable":
            assert isinstance(answer, RuntimeError) and "could not be sent" in str(answer)
        else:
            assert answer == (len(data), data[:1], data[-1:])
    assert loop.kept_going(0.3), (loop.ticks, loop.waited)
    assert len(processes) == 2 and not any(p.is_alive() for p in processes)  # closed: none left running


def worker_facts() -> dict:
    """What a worker process finds when it starts (run in one)."""
    from blindaje.audit.text import lemma

    return {"preloaded": "blindaje.crawler.preload" in sys.modules, "parent": os.getppid(),
            "lemmas": lemma.cache_info().currsize, "scrapy": "scrapy" in sys.modules}


def test_workers_are_forked_from_a_server_that_loaded_the_audit_once():
    """Issue 16: a spawned worker imported the audit (and Scrapy) and loaded the lemmatiser's dictionary itself,
    1.3 s of CPU each while the first page waited; workers are forked from a server that did it once."""
    import asyncio

    from blindaje.crawler.forkserver import start_fork_server, stop_fork_server
    from blindaje.crawler.imaging import Workers

    start_fork_server()
    workers = Workers(1)
    try:
        facts = asyncio.run(workers.run(worker_facts))
    finally:
        workers.close()
        stop_fork_server()
    assert facts["preloaded"] and facts["lemmas"] >= 1  # the dictionary was loaded before the fork
    assert facts["parent"] != os.getpid()  # the fork server's child, not a copy of this (threaded) process
    assert not facts["scrapy"]  # the audit's side of a worker needs no Scrapy


def test_the_first_task_never_blocks_the_event_loop_while_the_fork_server_starts():
    """Starting a worker waits for the fork server to load the audit (about a second): the crawl's reactor must go on
    meanwhile (issue 16: it froze there, downloading nothing, on every crawl's first page)."""
    import asyncio

    from blindaje.crawler.forkserver import stop_fork_server
    from blindaje.crawler.imaging import Workers

    stop_fork_server()  # a cold start, as a crawl's first page sees it
    workers = Workers(1)

    async def crawl_start():
        assert not workers.ready
        async with LoopTicks(0.01) as loop:
            facts = await workers.run(worker_facts)
        return facts, loop, workers.ready

    try:
        facts, loop, ready = asyncio.run(crawl_start())
    finally:
        workers.close()
        stop_fork_server()
    assert facts["preloaded"] and ready  # after the first task, handing over no longer goes through a thread
    assert loop.waited > 0.2  # a cold start: the fork server loaded the audit first
    assert loop.kept_going(0.5), (loop.ticks, loop.waited)  # the loop ticked through the wait
