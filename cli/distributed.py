"""Beyond one machine (SPEC §12): one RQ job per portal on Redis; workers crawl into scratch databases, the
coordinator alone ingests their results into the run."""
from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import logging
import os
import shutil
import signal
import socket
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from blindaje import __version__
from blindaje.evidence_store import warc_path
from blindaje.lock import RunLock
from blindaje.runner import RunOutcome, audit_key, clock_for, close_run, open_store, run_processes

log = logging.getLogger("blindaje")
QUEUE_NAME = "blindaje-portals"
JOB_FUNCTION = "blindaje.distributed.crawl_job"
MAX_RESULT_BYTES = 400 * 1024 * 1024  # Redis holds a value of 512 MB at most; a bigger result fails its job, saying so
POLL_SECONDS = 0.5


class QueueError(Exception):
    """Redis cannot be used: a wrong URL, or a server that does not answer (one line, for the user)."""


class BadQueueURL(QueueError):
    """--queue is not a Redis URL (a usage error: exit 2)."""


class JobRefused(Exception):
    """A worker cannot run this job as the coordinator asked (its configuration differs, the portal is unknown)."""


def shown(url: str) -> str:
    """A Redis URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    return parts._replace(netloc=("***@" if not parts.username else f"{parts.username}:***@") + netloc).geturl()


def connect(url: str):
    """A Redis client for `url` (redis://, rediss:// with TLS, unix://), checked with a PING."""
    import redis

    if urlsplit(url).scheme not in ("redis", "rediss", "unix"):
        raise BadQueueURL(f"--queue {shown(url)!r} is not a Redis URL (redis://HOST:PORT/DB, rediss://…, unix://…)")
    try:
        client = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10, health_check_interval=15)
        client.ping()
    except (redis.exceptions.RedisError, ValueError, OSError) as e:
        raise QueueError(f"Redis at {shown(url)} is unreachable: {e}") from None
    return client


def config_digest(config, portal, portraits: dict) -> str:
    """Everything a portal's crawl and audit depend on, independent of where the configuration directory lies:
    a worker whose digest differs from the coordinator's refuses the job (SPEC §12: same run, same export)."""
    context = config.audit_context(portal)
    officials = [[o.name, o.position, o.jurisdiction, list(o.aliases), o.exact,
                  [hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in o.photos]] for o in context.officials]
    index = portraits.get(context.officials)
    blob = json.dumps([config.rules.fingerprint(), officials, portal.model_dump(mode="json"),
                       config.settings.crawl.model_dump(mode="json"), config.settings.evidence.model_dump(mode="json"),
                       config.calendar.timezone, __version__, index.fingerprint if index else []],
                      sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


def portal_origins(portal) -> list[str]:
    """The servers a portal's crawl talks to, as host:port: its start URLs' and its allowed domains' (on the start
    URLs' ports). Two portals on one server are never crawled by two workers at once."""
    ports = {urlsplit(u).port or (443 if urlsplit(u).scheme == "https" else 80) for u in portal.start_urls}
    hosts = {urlsplit(u).hostname for u in portal.start_urls} | {d.lower() for d in portal.allowed_domains}
    return sorted(f"{h}:{p}" for h in hosts if h for p in ports)


# the worker ----------------------------------------------------------------------------------------------------

@dataclass
class WorkerContext:
    config: object
    scratch: Path
    lock_seconds: int


_WORKER: WorkerContext | None = None  # set by run_worker in the worker process; its job processes inherit it


class HostLocks:
    """`with HostLocks(redis, origins, seconds):` holds one Redis lock per server (taken in sorted order: no two
    workers deadlock), renewed by a thread; a worker that dies stops renewing, and its locks expire."""

    def __init__(self, client, origins: list[str], seconds: int):
        self.locks = [client.lock(f"blindaje:host:{o}", timeout=seconds, sleep=0.2, thread_local=False)
                      for o in sorted(origins)]
        self.seconds = seconds
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._renew, daemon=True, name="blindaje-host-locks")

    def __enter__(self):
        for lock in self.locks:
            lock.acquire(blocking=True)
        self.thread.start()
        return self

    def _renew(self):
        while not self.stop.wait(max(0.5, self.seconds / 3)):
            for lock in self.locks:
                try:
                    lock.reacquire()
                except Exception as e:  # noqa: BLE001 - Redis restarting: the crawl goes on, the next renewal retries
                    log.warning("could not renew the lock %s: %s", lock.name, e)

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=5)
        for lock in reversed(self.locks):
            try:
                lock.release()
            except Exception:  # noqa: BLE001 - expired (or Redis lost it): nothing to release
                pass
        return False


def crawl_job(payload: dict) -> dict:
    """One portal of a queued run, in a worker's job process: its crawl and audit (crawler.run, as on one machine)
    into a scratch database seeded by the coordinator; returns that database and the portal's WARC file."""
    from rq import get_current_job

    from blindaje.audit.portraits import prepare_portraits
    from blindaje.crawler.forkserver import die_with_parent
    from blindaje.crawler.run import crawl_portals
    from blindaje.store.db import compact_copy

    ctx = _WORKER
    if ctx is None:
        raise JobRefused("crawl_job runs inside `blindaje worker`")
    die_with_parent()  # RQ runs a job in its own process group: a worker killed -9 would leave it crawling alone
    config, name, run_id = ctx.config, payload["portal"], payload["run_id"]
    portal = config.portal(name)
    if portal is None:
        raise JobRefused(f"portal {name!r} is not in this worker's portals.yaml ({config.directory})")
    contexts = {name: config.audit_context(portal)}
    portraits = prepare_portraits(contexts.values())
    if config_digest(config, portal, portraits) != payload["digest"]:
        raise JobRefused(f"this worker's configuration ({config.directory}) differs from the coordinator's for portal "
                         f"{name!r} (rule packs, officials and photos, portal, crawl settings, version or face model): "
                         "deploy the same configuration directory and version on every machine")
    ctx.scratch.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f"job-{name}-", dir=ctx.scratch))
    try:
        db = scratch / "blindaje.db"
        db.write_bytes(gzip.decompress(payload["seed"]))
        warc = warc_path(run_id, name)
        with HostLocks(get_current_job().connection, portal_origins(portal), ctx.lock_seconds):
            results = crawl_portals(portals=[portal], crawl=config.settings.crawl, config_dir=config.directory,
                                    contexts=contexts, db=db, portraits=portraits, run_id=run_id,
                                    clock=clock_for(config.timezone), audit_keys={name: payload["audit_key"]},
                                    data_dir=scratch, warcs={name: warc},
                                    capture_all=config.settings.evidence.capture_all)
        packed = scratch / "result.db"
        compact_copy(db, packed)
        data = gzip.compress(packed.read_bytes(), 6)
        warc_bytes = (scratch / warc).read_bytes() if (scratch / warc).exists() else None
        size = len(data) + len(warc_bytes or b"")
        if size > MAX_RESULT_BYTES:
            raise RuntimeError(f"the result of portal {name!r} is {size // 2**20} MB, over the queue's bound of "
                               f"{MAX_RESULT_BYTES // 2**20} MB: crawl it with `blindaje crawl` on one machine")
        return {"portal": name, "run_id": run_id, "db": data, "warc": warc_bytes, "worker": socket.gethostname(),
                **{k: results[name][k] for k in ("finish_reason", "image_analysis", "stats")}}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _worker_class():
    from rq import Worker

    class PortalWorker(Worker):
        """RQ's forking worker (each job in a fresh process: Twisted's reactor cannot be restarted), whose pulse
        lapses after 3 heartbeats, not RQ's fixed 60 s: a killed worker's job is re-run sooner."""

        def get_heartbeat_ttl(self, job, working_time: float = 0.0) -> int:
            return 3 * self.job_monitoring_interval

    return PortalWorker


def run_worker(config, url: str, *, burst: bool, scratch: Path) -> None:
    """Take portal jobs from the queue until stopped (SIGTERM/SIGINT: after the running job), or until the queue is
    empty with `burst`. Redis going away is waited for (settings queue.redis_wait_seconds), then a QueueError."""
    import redis
    from rq import Queue

    global _WORKER
    client = connect(url)
    settings = config.settings.queue
    _WORKER = WorkerContext(config, Path(scratch), lock_seconds=3 * settings.heartbeat_seconds)
    worker_class = _worker_class()
    while True:
        try:
            worker = worker_class([Queue(QUEUE_NAME, connection=client)], connection=client,
                                  job_monitoring_interval=settings.heartbeat_seconds,
                                  name=f"blindaje-{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}")
            worker.work(burst=burst, logging_level="WARNING", with_scheduler=False)
            return
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as e:
            log.warning("worker lost Redis at %s (%s); waiting up to %s s", shown(url), e, settings.redis_wait_seconds)
            _wait_for_redis(client, url, settings.redis_wait_seconds)


def _wait_for_redis(client, url: str, seconds: int) -> None:
    import redis

    deadline = time.monotonic() + seconds
    while True:
        try:
            client.ping()
            return
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as e:
            if time.monotonic() > deadline:
                raise QueueError(f"Redis at {shown(url)} unreachable for {seconds} s: {e}") from None
            time.sleep(POLL_SECONDS)


# the coordinator -----------------------------------------------------------------------------------------------

def run_queued(config, data_dir: Path, url: str, *, date, portals: list, forced: bool, clock=None) -> RunOutcome:
    """`blindaje crawl --queue URL`: the same run as run_crawl, its portals crawled by workers. Raises QueueError
    before anything is recorded when Redis cannot be reached, lock.Busy when another run holds the lock."""
    from blindaje.audit.portraits import prepare_portraits

    client = connect(url)
    clock = clock or clock_for(config.timezone)
    processes = run_processes(config, date, portals)
    contexts = {p.name: config.audit_context(p) for p in portals}
    with RunLock(data_dir):
        portraits = prepare_portraits(contexts.values())
        store = open_store(data_dir)
        for stale in store.recover_interrupted(clock(), locked=True):
            log.warning("run %s was interrupted (its process died); marked interrupted: %s", stale,
                        store.run(stale)["message"])
            _cancel_jobs(client, store.queue_jobs(stale))
        run_id = store.start_run(started_at=clock(), run_date=date.isoformat(), portals=[p.name for p in portals],
                                 forced=forced, version=__version__, rules_fingerprint=config.rules.fingerprint(),
                                 processes=processes, pid=os.getpid())
        log.info("run %s started on the queue %s: %s", run_id, shown(url), ", ".join(p.name for p in portals))
        status, message = "complete", ""
        try:
            coordinator = Coordinator(config, store, Path(data_dir), client, url, run_id, clock)
            results = coordinator.run(portals, portraits)
            notes = [results[p.name]["image_analysis"] for p in portals if results[p.name].get("image_analysis")]
            if notes:
                store.set_image_analysis(run_id, notes[0])
            budget = [n for n, r in results.items() if r.get("finish_reason") == "closespider_timeout"]
            failed = {n: r["error"] for n, r in results.items() if r.get("error")}
            if budget:
                message = "time budget spent for: " + ", ".join(budget)
            if failed:
                status = "incomplete" if len(failed) < len(portals) else "failed"
                message = "; ".join(filter(None, [message, *(f"portal {n} not crawled: {why}"
                                                            for n, why in failed.items())]))
            if coordinator.stopped or any(r.get("finish_reason") == "shutdown" for r in results.values()):
                status, message = "interrupted", "stopped by a signal before the crawl finished"
        except Exception as e:  # the run is recorded as failed, never left 'running'
            log.exception("run %s failed: %s", run_id, e)
            status, message = "failed", f"{type(e).__name__}: {e}"
        return close_run(config, store, data_dir, run_id, status, message, clock)


def _cancel_jobs(client, rows: list[dict]) -> None:
    """The jobs of a run that died: not started ones are cancelled (nobody would ingest them)."""
    from rq.job import Job

    for row in rows:
        if row["ingested_at"]:
            continue
        try:
            Job.fetch(row["job_id"], connection=client).cancel()
        except Exception:  # noqa: BLE001 - gone already, or running: its result then expires unread, as said
            pass


class Coordinator:
    """Enqueues a run's portals, watches their jobs, ingests each result once, re-enqueues what Redis lost."""

    def __init__(self, config, store, data_dir: Path, client, url: str, run_id: int, clock):
        self.config, self.store, self.data_dir, self.client, self.url = config, store, data_dir, client, url
        self.run_id, self.clock = run_id, clock
        self.settings = config.settings.queue
        self.payloads: dict[str, dict] = {}
        self.pending: dict[str, str] = {}  # portal -> job id
        self.results: dict[str, dict] = {}
        self.stopped = False
        self.inbox = Path(data_dir) / "queue-inbox"
        self.stranded: dict[str, float] = {}  # job id -> when first seen taken but not started

    def run(self, portals: list, portraits: dict) -> dict:
        from rq import Queue

        self.queue = Queue(QUEUE_NAME, connection=self.client)
        self.inbox.mkdir(parents=True, exist_ok=True)
        for portal in portals:
            seed = self.inbox / f"seed-{self.run_id}-{portal.name}.db"
            seed.unlink(missing_ok=True)
            self.store.write_seed(seed, portal.name, self.run_id)
            self.payloads[portal.name] = {
                "run_id": self.run_id, "portal": portal.name, "seed": gzip.compress(seed.read_bytes(), 6),
                "digest": config_digest(self.config, portal, portraits),
                "audit_key": audit_key(self.config, portal, portraits)}
            seed.unlink()
            self._enqueue(portal.name)
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            self._watch()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return self.results

    def _stop(self, signum, frame):
        self.stopped = True

    def _enqueue(self, portal: str) -> None:
        from rq import Retry

        job_id = f"blindaje-{self.run_id}-{portal}-{uuid.uuid4().hex[:12]}"
        crawl = self.config.settings.crawl
        self.queue.enqueue(JOB_FUNCTION, self.payloads[portal], job_id=job_id,
                           job_timeout=crawl.portal_budget_seconds + 1800,
                           result_ttl=self.settings.result_ttl_days * 86400,
                           failure_ttl=self.settings.result_ttl_days * 86400,
                           ttl=self.settings.run_timeout_seconds,
                           retry=Retry(max=self.settings.retries) if self.settings.retries else None,
                           description=f"blindaje run {self.run_id}: portal {portal}")
        self.store.record_job(self.run_id, portal, job_id, state="queued", at=self.clock())
        self.pending[portal] = job_id

    def _watch(self) -> None:
        import redis
        from rq.registry import StartedJobRegistry

        deadline = time.monotonic() + self.settings.run_timeout_seconds
        outage = None
        while self.pending and not self.stopped:
            try:
                StartedJobRegistry(queue=self.queue).cleanup()  # jobs whose worker's pulse lapsed: re-run or failed
                self._rescue_stranded()
                for portal, job_id in list(self.pending.items()):
                    self._check(portal, job_id)
                if outage is not None:
                    log.warning("Redis at %s is back after %.0f s; the run goes on", shown(self.url),
                                time.monotonic() - outage)
                    outage = None
            except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as e:
                if outage is None:
                    outage = time.monotonic()
                    log.warning("Redis at %s is unreachable (%s); waiting up to %s s", shown(self.url), e,
                                self.settings.redis_wait_seconds)
                elif time.monotonic() - outage > self.settings.redis_wait_seconds:
                    raise QueueError(f"Redis at {shown(self.url)} unreachable for "
                                     f"{self.settings.redis_wait_seconds} s: {e}") from None
            if time.monotonic() > deadline:
                for portal, job_id in list(self.pending.items()):
                    self._give_up(portal, job_id, f"not done within queue.run_timeout_seconds "
                                                  f"({self.settings.run_timeout_seconds} s)")
                break
            time.sleep(POLL_SECONDS)
        if self.stopped:
            _cancel_jobs(self.client, [{"job_id": j, "ingested_at": None} for j in self.pending.values()])

    def _rescue_stranded(self) -> None:
        """Jobs of this run a worker took from the queue but died before starting (RQ keeps them in the queue's
        intermediate list, status still queued, and only a live worker's hourly maintenance would notice): after 3
        heartbeats they are re-run while retries are left, else failed as abandoned, like a job whose worker died
        while running it."""
        from rq.job import Job, JobStatus
        from rq.job_lifecycle import record_job_failure

        taken = set(self.queue.intermediate_queue.get_job_ids()) & set(self.pending.values())
        taken -= set(self.queue.started_job_registry.get_job_ids())
        self.stranded = {j: t for j, t in self.stranded.items() if j in taken}
        for job_id in taken:
            first = self.stranded.setdefault(job_id, time.monotonic())
            if time.monotonic() - first < 3 * self.settings.heartbeat_seconds:
                continue
            job = Job.fetch(job_id, connection=self.client)
            if job.get_status() != JobStatus.QUEUED:
                continue
            log.warning("run %s: job %s was taken by a worker that died before starting it", self.run_id, job_id)
            with self.client.pipeline() as pipeline:
                pipeline.lrem(self.queue.intermediate_queue.key, 0, job_id)
                if job.retries_left:
                    job.retry(self.queue, pipeline)
                else:
                    record_job_failure(job, "Moved to FailedJobRegistry, due to AbandonedJobError: its worker died "
                                            "after taking it, before starting it", pipeline)
                pipeline.execute()
            self.stranded.pop(job_id, None)

    def _check(self, portal: str, job_id: str) -> None:
        from rq.exceptions import NoSuchJobError
        from rq.job import Job, JobStatus

        try:
            job = Job.fetch(job_id, connection=self.client)
        except NoSuchJobError:  # Redis restarted without its data: the job is enqueued again, from its payload
            log.warning("run %s: the job of portal %s vanished from Redis (restarted without persistence?); "
                        "enqueued again", self.run_id, portal)
            self._enqueue(portal)
            return
        status = job.get_status()
        if status == JobStatus.FINISHED:
            self._ingest(portal, job)
        elif status in (JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED):
            result = job.latest_result()
            why = (result.exc_string or "").strip().splitlines()[-1:] if result else []
            tries = f" after {self.settings.retries + 1} attempt(s)" if job.retries_left == 0 or not self.settings.retries else ""
            self._give_up(portal, job_id, f"job {job_id} {status.value}{tries}: " + (why[0] if why else status.value))

    def _give_up(self, portal: str, job_id: str, why: str) -> None:
        log.error("run %s: portal %s not crawled: %s", self.run_id, portal, why)
        self.store.record_job(self.run_id, portal, job_id, state="failed", at=self.clock(), detail=why)
        self.results[portal] = {"error": why}
        self.pending.pop(portal, None)

    def _ingest(self, portal: str, job) -> None:
        result = job.return_value()
        if not isinstance(result, dict) or result.get("run_id") != self.run_id or result.get("portal") != portal:
            self._give_up(portal, job.id, f"job {job.id} returned no result for this run and portal")
            return
        scratch = self.inbox / f"{job.id}.db"
        scratch.write_bytes(gzip.decompress(result["db"]))
        try:
            if result.get("warc"):  # its bytes on disk before the rows that point into them
                target = self.data_dir / warc_path(self.run_id, portal)
                target.parent.mkdir(parents=True, exist_ok=True)
                partial = target.with_name(target.name + ".part")
                partial.write_bytes(result["warc"])
                os.replace(partial, target)
            fresh = self.store.ingest(self.run_id, portal, job.id, scratch, self.clock())
        finally:
            scratch.unlink(missing_ok=True)
        log.info("run %s: portal %s %s (worker %s, %s)", self.run_id, portal,
                 "ingested" if fresh else "was ingested already", result.get("worker"), result.get("finish_reason"))
        self.results[portal] = {k: result.get(k) for k in ("finish_reason", "image_analysis", "stats", "worker")}
        self.pending.pop(portal, None)
        try:
            job.delete()  # ingested: its result need not wait in Redis's memory
        except Exception:  # noqa: BLE001 - it expires on its own (queue.result_ttl_days)
            pass
