"""Beyond one machine (SPEC §12): `crawl --queue` and `worker` on a real redis-server with real worker processes;
the distributed run's exports against a local run's; a worker killed mid-job, Redis restarting, a coordinator
killed; ingest once; host locks."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from blindaje.demo import SITE, serve_site, write_demo_config
from conftest import CONTRACT, blindaje, wait_for

REDIS = shutil.which("redis-server")
needs_redis = pytest.mark.skipif(REDIS is None, reason="redis-server is not installed (Debian: apt-get install "
                                                        "redis-server; .ci/run installs it)")
# Fields that must differ between two runs of the same portals: when each page was fetched and each finding seen.
TIMES = {"first_seen", "last_seen", "fetched_at"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """A real redis-server on 127.0.0.1, in its own folder; `persistent`: append-only file, fsync'd each write."""

    def __init__(self, folder: Path, persistent: bool = False):
        self.folder, self.persistent, self.port = folder, persistent, free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = None
        folder.mkdir(parents=True, exist_ok=True)

    def start(self):
        persistence = ["--appendonly", "yes", "--appendfsync", "always"] if self.persistent else ["--appendonly", "no"]
        self.proc = subprocess.Popen([REDIS, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      *persistence, "--dir", str(self.folder)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(self.ping, 10, "redis-server to answer")
        return self

    def ping(self) -> bool:
        import redis

        try:
            return redis.Redis(port=self.port, socket_timeout=1).ping()
        except redis.exceptions.RedisError:
            return False

    def client(self):
        import redis

        return redis.Redis(port=self.port)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path / "redis").start()
    yield server
    server.stop()


def queue_config(bases: list[str], directory: Path, *, queue: dict | None = None, names=None) -> Path:
    """The demo portal's configuration with one portal per served copy (demo-0, demo-1…), a fast heartbeat."""
    write_demo_config(bases[0], directory)
    entry = yaml.safe_load((directory / "portals.yaml").read_text("utf-8"))["portals"][0]
    portals = [dict(entry, name=(names or [f"demo-{i}" for i in range(len(bases))])[i], start_urls=[b])
               for i, b in enumerate(bases)]
    (directory / "portals.yaml").write_text(yaml.safe_dump({"portals": portals}, allow_unicode=True), "utf-8")
    settings = yaml.safe_load((directory / "settings.yaml").read_text("utf-8"))
    settings["queue"] = {"heartbeat_seconds": 1, **(queue or {})}
    (directory / "settings.yaml").write_text(yaml.safe_dump(settings), "utf-8")
    return directory


def cli(*args) -> list[str]:
    return [sys.executable, "-m", "blindaje.cli", *map(str, args)]


class Workers:
    """`blindaje worker` processes, each in its own session: kill -9 of one takes its job process with it."""

    def __init__(self, url: str, config: Path, tmp: Path):
        self.url, self.config, self.tmp, self.procs = url, config, tmp, []

    def start(self, n: int = 1, config: Path | None = None):
        for _ in range(n):
            log = open(self.tmp / f"worker-{len(self.procs)}.log", "w")
            self.procs.append(subprocess.Popen(cli("worker", "--queue", self.url, "--config", config or self.config,
                                                   "--scratch", self.tmp / "scratch", "-v"),
                                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        return self

    def kill(self, proc):
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)

    def stop(self):
        for p in self.procs:
            if p.poll() is None:
                p.terminate()  # RQ's warm shutdown: after the running job
        for p in self.procs:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)


def coordinator(config: Path, data: Path, url: str, *extra) -> subprocess.Popen:
    return subprocess.Popen(cli("crawl", "--force", "--queue", url, "--config", config, "--data", data, "-v", *extra),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def db_rows(data: Path, sql: str, args=()) -> list[tuple]:
    import sqlite3

    path = data / "blindaje.db"
    if not path.exists():
        return []
    with contextlib.closing(sqlite3.connect(path, timeout=10)) as conn:
        try:
            return conn.execute(sql, args).fetchall()
        except sqlite3.OperationalError:  # not migrated yet
            return []


def exports(data: Path) -> tuple[list[dict], list[dict]]:
    findings = json.loads(blindaje("export", "--format", "json", "--data", data).stdout)
    pages = json.loads(blindaje("export", "--pages", "--data", data).stdout)
    return findings, pages


def comparable(rows: list[dict]) -> list[dict]:
    return sorted(({k: v for k, v in r.items() if k not in TIMES} for r in rows),
                  key=lambda r: json.dumps(r, sort_keys=True))


def running_jobs(server: RedisServer) -> int:
    from rq import Queue
    from rq.registry import StartedJobRegistry

    from blindaje.distributed import QUEUE_NAME

    return len(StartedJobRegistry(queue=Queue(QUEUE_NAME, connection=server.client())).get_job_ids())


def queued_jobs(server: RedisServer) -> int:
    from rq import Queue

    from blindaje.distributed import QUEUE_NAME

    return Queue(QUEUE_NAME, connection=server.client()).count


@pytest.fixture
def sites():
    with contextlib.ExitStack() as stack:
        yield lambda n, delay=0.0: [stack.enter_context(serve_site(SITE, delay=delay)) for _ in range(n)]


# the distributed run is the local run ---------------------------------------------------------------------------

@needs_redis
@pytest.mark.slow
def test_two_workers_give_the_local_run_s_exports_night_after_night(tmp_path, redis_server, sites):
    config = queue_config(sites(3), tmp_path / "config")
    workers = Workers(redis_server.url, config, tmp_path).start(2)
    try:
        for night in (1, 2):  # the second night is incremental: the workers get the portals' caches with the job
            queued = coordinator(config, tmp_path / "queued", redis_server.url)
            out, err = queued.communicate(timeout=300)
            assert queued.returncode == 0, err[-2000:]
            assert f"run {night} complete: 3 portal(s)" in out
            local = blindaje("crawl", "--force", "--config", config, "--data", tmp_path / "local")
            assert local.returncode == 0, local.stderr[-2000:]
            (qf, qp), (lf, lp) = exports(tmp_path / "queued"), exports(tmp_path / "local")
            assert qf and qp
            assert comparable(qf) == comparable(lf)  # every field but first_seen/last_seen (times of the nights)
            assert comparable(qp) == comparable(lp)  # every field but fetched_at
            assert {f["run_id"] for f in qf} == {night}
            if CONTRACT.exists():  # ../shared/contract, beside a checkout of the project
                checked = subprocess.run([sys.executable, CONTRACT], input=json.dumps(qf), capture_output=True,
                                         text=True)
                assert checked.returncode == 0, checked.stdout + checked.stderr
        carried = db_rows(tmp_path / "queued", "select count(*) from pages where run_id = 2 and carried = 1")[0][0]
        assert carried == db_rows(tmp_path / "local", "select count(*) from pages where run_id = 2 and carried = 1")[0][0]
        assert carried > 40  # unchanged pages carried over from the cache the jobs brought
        assert {f["status"] for f in qf} == {"open"}
        jobs = db_rows(tmp_path / "queued", "select run_id, state, ingested_at is not null from queue_jobs")
        assert sorted(jobs) == [(1, "ingested", 1)] * 3 + [(2, "ingested", 1)] * 3
        assert not list((tmp_path / "scratch").iterdir())  # each job's scratch database is gone
    finally:
        workers.stop()


# faults -----------------------------------------------------------------------------------------------------------

@needs_redis
@pytest.mark.slow
def test_a_worker_killed_mid_job_loses_nothing_and_counts_nothing_twice(tmp_path, redis_server, sites):
    config = queue_config(sites(1, delay=0.05), tmp_path / "config")
    queued = coordinator(config, tmp_path / "queued", redis_server.url)
    workers = Workers(redis_server.url, config, tmp_path).start(1)
    try:
        wait_for(lambda: running_jobs(redis_server), 60, "the worker to start the portal's job")
        wait_for(lambda: list((tmp_path / "scratch").glob("job-*/blindaje.db")), 30, "the job's crawl to start")
        workers.kill(workers.procs[0])  # kill -9: the worker and its job process, mid-crawl
        workers.start(1)  # another machine's worker: the job is re-run once the dead one's pulse lapses (3 s)
        out, err = queued.communicate(timeout=300)
        assert queued.returncode == 0, err[-2000:]
        local = blindaje("crawl", "--force", "--config", config, "--data", tmp_path / "local")
        (qf, qp), (lf, lp) = exports(tmp_path / "queued"), exports(tmp_path / "local")
        assert comparable(qf) == comparable(lf) and comparable(qp) == comparable(lp)
        assert len({p["url"] for p in qp}) == len(qp)
        assert db_rows(tmp_path / "queued", "select state from queue_jobs") == [("ingested",)]
    finally:
        workers.stop()
        if queued.poll() is None:
            queued.kill()


@needs_redis
@pytest.mark.slow
def test_a_job_whose_workers_keep_dying_is_failed_with_the_reason(tmp_path, redis_server, sites):
    config = queue_config(sites(1, delay=0.05), tmp_path / "config", queue={"retries": 0})
    queued = coordinator(config, tmp_path / "queued", redis_server.url)
    workers = Workers(redis_server.url, config, tmp_path).start(1)
    try:
        wait_for(lambda: running_jobs(redis_server), 60, "the worker to start the portal's job")
        workers.kill(workers.procs[0])
        out, err = queued.communicate(timeout=120)
        assert queued.returncode == 1
        status, message = db_rows(tmp_path / "queued", "select status, message from runs")[0]
        assert status == "failed"
        assert "portal demo-0 not crawled" in message and "AbandonedJobError" in message, message
        assert db_rows(tmp_path / "queued", "select count(*) from pages")[0][0] == 0
    finally:
        workers.stop()


def take_job_and_die(server: RedisServer) -> str:
    """What a worker killed between taking a job and starting it leaves: the job moved to RQ's intermediate list,
    its status still queued, in no registry."""
    from rq import Queue

    from blindaje.distributed import QUEUE_NAME

    queue = Queue(QUEUE_NAME, connection=server.client())
    job_id = server.client().lmove(queue.key, queue.intermediate_queue.key)
    assert job_id, "no job in the queue"
    return job_id.decode()


@needs_redis
@pytest.mark.slow
@pytest.mark.parametrize("retries", [0, 1])
def test_a_job_taken_by_a_worker_that_died_before_starting_it_is_re_run_or_failed(tmp_path, redis_server, sites,
                                                                                  retries):
    config = queue_config(sites(1), tmp_path / "config", queue={"retries": retries})
    queued = coordinator(config, tmp_path / "queued", redis_server.url)
    workers = Workers(redis_server.url, config, tmp_path)
    try:
        wait_for(lambda: queued_jobs(redis_server), 60, "the coordinator to enqueue the portal's job")
        job_id = take_job_and_die(redis_server)
        if retries:
            wait_for(lambda: queued_jobs(redis_server), 60, "the stranded job to be enqueued again")
            workers.start(1)
        out, err = queued.communicate(timeout=120)
        assert f"job {job_id} was taken by a worker that died before starting it" in err
        status, message = db_rows(tmp_path / "queued", "select status, message from runs")[0]
        if retries:
            assert queued.returncode == 0 and status == "complete", err[-2000:]
            assert db_rows(tmp_path / "queued", "select count(*) from pages")[0][0] > 0
        else:
            assert queued.returncode == 1 and status == "failed"
            assert "portal demo-0 not crawled" in message and "AbandonedJobError" in message, message
    finally:
        workers.stop()
        if queued.poll() is None:
            queued.kill()


@needs_redis
@pytest.mark.slow
def test_a_worker_with_another_configuration_refuses_the_job_saying_why(tmp_path, redis_server, sites):
    bases = sites(1)
    config = queue_config(bases, tmp_path / "config", queue={"retries": 0})
    other = queue_config(bases, tmp_path / "other", queue={"retries": 0})
    (other / "officials.yaml").write_text("officials: []\n", "utf-8")
    queued = coordinator(config, tmp_path / "queued", redis_server.url)
    workers = Workers(redis_server.url, config, tmp_path).start(1, config=other)
    try:
        queued.communicate(timeout=120)
        assert queued.returncode == 1
        message = db_rows(tmp_path / "queued", "select message from runs")[0][0]
        assert "configuration" in message and "differs from the coordinator's" in message, message
    finally:
        workers.stop()


@needs_redis
@pytest.mark.slow
@pytest.mark.parametrize("persistent", [True, False], ids=["append-only file", "no persistence"])
def test_redis_restarting_mid_run_the_coordinator_waits_and_resumes(tmp_path, sites, persistent):
    server = RedisServer(tmp_path / "redis", persistent=persistent).start()
    config = queue_config(sites(2), tmp_path / "config")
    queued = coordinator(config, tmp_path / "queued", server.url)
    workers = Workers(server.url, config, tmp_path)
    try:
        wait_for(lambda: queued_jobs(server) == 2, 60, "both portals' jobs on the queue")
        server.stop()
        wait_for(lambda: "unreachable" in (tmp_path / "queued" / "blindaje.log").read_text("utf-8"), 30,
                 "the coordinator to notice Redis is gone")
        server.start()  # the same port and folder: with the append-only file the jobs are still there; without, the
        workers.start(2)  # coordinator enqueues them again from what it kept
        out, err = queued.communicate(timeout=300)
        assert queued.returncode == 0, err[-2000:]
        assert "run 1 complete: 2 portal(s)" in out
        log = (tmp_path / "queued" / "blindaje.log").read_text("utf-8")
        assert ("vanished from Redis" in log) is (not persistent)
        assert db_rows(tmp_path / "queued", "select count(*) from queue_jobs where state = 'ingested'")[0][0] == 2
    finally:
        workers.stop()
        server.stop()


@needs_redis
@pytest.mark.slow
def test_redis_gone_for_good_fails_the_run_clearly(tmp_path, redis_server, sites):
    config = queue_config(sites(1), tmp_path / "config", queue={"redis_wait_seconds": 2})
    queued = coordinator(config, tmp_path / "queued", redis_server.url)
    wait_for(lambda: queued_jobs(redis_server) == 1, 60, "the portal's job on the queue")
    redis_server.stop()
    out, err = queued.communicate(timeout=120)
    assert queued.returncode == 1
    status, message = db_rows(tmp_path / "queued", "select status, message from runs")[0]
    assert status == "failed" and f"unreachable for 2 s" in message and redis_server.url.split("//")[1] in message


@needs_redis
@pytest.mark.slow
def test_a_killed_coordinator_s_run_is_marked_interrupted_naming_what_was_not_ingested(tmp_path, redis_server, sites):
    config = queue_config(sites(2), tmp_path / "config")
    first = coordinator(config, tmp_path / "queued", redis_server.url)
    wait_for(lambda: queued_jobs(redis_server) == 2, 60, "both portals' jobs on the queue")
    first.kill()  # kill -9: its jobs stay on the queue
    first.wait(10)
    workers = Workers(redis_server.url, config, tmp_path).start(2)
    try:
        second = coordinator(config, tmp_path / "queued", redis_server.url)
        out, err = second.communicate(timeout=300)
        assert second.returncode == 0, err[-2000:]
        runs = db_rows(tmp_path / "queued", "select id, status, message from runs order by id")
        assert runs[0][1] == "interrupted"
        assert "results never ingested for 2 portal(s) of the queue: demo-0, demo-1" in runs[0][2]
        assert runs[1][1] == "complete"
        assert db_rows(tmp_path / "queued", "select count(*) from pages where run_id = 1")[0][0] == 0
    finally:
        workers.stop()


# bad input ----------------------------------------------------------------------------------------------------------

def test_queue_url_must_be_redis_and_reachable(tmp_path, closed_port):
    config = queue_config(["http://127.0.0.1:9/"], tmp_path / "config")
    res = blindaje("crawl", "--force", "--queue", "http://127.0.0.1:6379/0", "--config", config, "--data", tmp_path)
    assert res.returncode == 2 and res.stderr.startswith("error: --queue") and "Traceback" not in res.stderr
    res = blindaje("crawl", "--force", "--queue", f"redis://:secreto@127.0.0.1:{closed_port}/0", "--config", config,
                   "--data", tmp_path)
    assert res.returncode == 1 and "unreachable" in res.stderr and "secreto" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "blindaje.db").exists()  # nothing recorded: no run was started
    res = blindaje("worker", "--queue", f"redis://127.0.0.1:{closed_port}/0", "--config", config)
    assert res.returncode == 1 and "unreachable" in res.stderr and "Traceback" not in res.stderr


# ingest once; host locks ---------------------------------------------------------------------------------------

def test_a_result_is_ingested_once_per_run_and_portal(tmp_path):
    from blindaje.store import Store, open_db
    from blindaje.store.records import PageRecord

    main = Store(open_db(tmp_path / "main.db"))
    run_id = main.start_run(started_at="2027-04-06T02:30:00-06:00", run_date="2027-04-06", portals=["a"],
                            forced=False, version="t", rules_fingerprint="x")
    main.write_seed(tmp_path / "seed.db", "a", run_id)
    shutil.copyfile(tmp_path / "seed.db", tmp_path / "job.db")
    job = Store(open_db(tmp_path / "job.db"))
    assert job.run(run_id)["status"] == "running"  # the seed carries the run the worker records pages under
    page = PageRecord("a", "http://127.0.0.1:1/", "audited", "", None, 200, "0" * 64, "2027-04-06T02:31:00-06:00", 0,
                      "text/html", 10, "Inicio", {}, 0, {}, False, None, [])
    job.add_pages(run_id, [(page, [], b"<html></html>", None)])
    job.db.close()
    assert main.ingest(run_id, "a", "job-1", tmp_path / "job.db", "2027-04-06T02:40:00-06:00") is True
    assert main.ingest(run_id, "a", "job-1-again", tmp_path / "job.db", "2027-04-06T02:41:00-06:00") is False
    assert [r["url"] for r in main.pages(run_id)] == ["http://127.0.0.1:1/"]
    assert [(j["job_id"], j["state"]) for j in main.queue_jobs(run_id)] == [("job-1", "ingested")]


@needs_redis
def test_host_locks_keep_a_server_to_one_worker_at_a_time(redis_server):
    from blindaje.distributed import HostLocks, portal_origins

    class P:
        start_urls = ["http://127.0.0.1:8001/"]
        allowed_domains = ["127.0.0.1"]

    assert portal_origins(P) == ["127.0.0.1:8001"]
    client = redis_server.client()
    inside, entered = threading.Event(), threading.Event()
    order = []

    def second():
        with HostLocks(client, ["127.0.0.1:8001"], 5):
            order.append("second")
            entered.set()

    with HostLocks(client, ["127.0.0.1:8001", "127.0.0.1:8002"], 5):
        thread = threading.Thread(target=second)
        thread.start()
        inside.set()
        assert not entered.wait(0.5)  # the other worker waits while the server is held
        order.append("first done")
    assert entered.wait(10)
    thread.join(10)
    assert order == ["first done", "second"]


@needs_redis
@pytest.mark.slow
def test_two_portals_on_one_server_are_never_crawled_by_two_workers_at_once(tmp_path, redis_server):
    import functools
    import time
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    fetched: list[tuple[str, float]] = []

    class Logged(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_head(self):
            fetched.append((self.path, time.monotonic()))
            return super().send_head()

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Logged, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    config = queue_config([base, base], tmp_path / "config", names=["demo-a", "demo-b"])
    workers = Workers(redis_server.url, config, tmp_path).start(2)
    try:
        queued = coordinator(config, tmp_path / "queued", redis_server.url)
        out, err = queued.communicate(timeout=300)
        assert queued.returncode == 0, err[-2000:]
        seen: dict[str, list[float]] = {}
        for path, at in fetched:
            seen.setdefault(path, []).append(at)
        assert sum(len(t) == 2 for t in seen.values()) > 40  # each page fetched once by each portal's crawl
        first_crawl_ends = max(t[0] for t in seen.values())
        second_crawl_starts = min(t[1] for t in seen.values() if len(t) > 1)
        assert first_crawl_ends < second_crawl_starts  # one portal's crawl, then the other's: never interleaved
    finally:
        workers.stop()
        server.shutdown()
        server.server_close()
