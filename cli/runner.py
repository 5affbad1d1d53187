"""One run: lock, record, crawl the active portals, settle the findings' lifecycle, render the report."""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from blindaje import __version__
from blindaje.calendar import active_processes, covers
from blindaje.evidence_store import describe, keep_days_for, prune_captures, warc_path
from blindaje.lock import RunLock
from blindaje.notify import notify_run
from blindaje.store import Store, open_db
from blindaje.store.db import storage_failure

log = logging.getLogger("blindaje")
INCOMPLETE_SHARE = 0.5  # a run where more than half the fetched pages failed is not a clean night
COLLAPSE_SHARE = 0.5  # a portal that audits fewer than half the pages of its last complete night collapsed
SAME_BODY_MIN = 3  # pages serving one body (most of the night's) that make a maintenance or error page


def collapse(store: Store, run_id: int, portal: str) -> str | None:
    """Why a portal's night collapsed compared with its last complete night, or None: far fewer pages audited (a
    site that died mid-crawl, a start page without its links), or most pages serving one same body (a "Sitio en
    mantenimiento" or error page answered with 200 for every URL)."""
    previous = store.last_complete_night(portal, run_id)
    if previous is None:
        return None
    now, before = store.portal_night(run_id, portal), store.portal_night(previous, portal)
    if (now["top_n"] >= SAME_BODY_MIN and now["top_n"] > COLLAPSE_SHARE * now["audited"]
            and not before["top_n"] > COLLAPSE_SHARE * before["audited"]):
        return (f"{portal}: {now['top_n']} of {now['audited']} pages audited served one same page (sha256 "
                f"{now['top_hash'][:12]}…: maintenance or error?), unlike its last complete night (run {previous})")
    if now["audited"] < COLLAPSE_SHARE * before["audited"]:
        return (f"{portal}: {now['audited']} pages audited, fewer than half the {before['audited']} of its last "
                f"complete night (run {previous}): the site failed or changed")
    return None


@dataclass
class RunOutcome:
    run_id: int
    run: dict
    report: Path


def audit_key(config, portal, portraits: dict | None = None) -> str:
    """Everything a page's audit depends on besides its bytes: rule packs, officials, portal exceptions, version,
    and the reference portraits with the face model (`portraits`: officials tuple -> PortraitIndex)."""
    context = config.audit_context(portal)
    index = (portraits or {}).get(context.officials)
    crawl = config.settings.crawl
    documents = [crawl.documents, crawl.max_document_pages, crawl.max_document_seconds, crawl.ocr]
    blob = json.dumps([config.rules.fingerprint(), [list(map(str, dataclasses.astuple(o))) for o in context.officials],
                       context.exception_paths, __version__, index.fingerprint if index else [], documents],
                      sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


def clock_for(tz):
    return lambda: dt.datetime.now(tz).isoformat(timespec="seconds")


def db_path(data_dir: Path) -> Path:
    return Path(data_dir) / "blindaje.db"


def open_store(data_dir: Path) -> Store:
    return Store(open_db(db_path(data_dir)))


def run_processes(config, date: dt.date, portals: list) -> list[dict]:
    """The blackout processes a run of `portals` on `date` is in, with their dates and status (the report marks
    estimated dates as such)."""
    follow = config.settings.calendar.federal_portals_follow_state_processes
    return [{"name": p.name, "blackout_start": p.blackout_start.isoformat(), "blackout_end": p.blackout_end.isoformat(),
             "status": p.status or ""}
            for p in active_processes(config.calendar, date)
            if any(covers(p, portal.jurisdiction, follow) for portal in portals)]


def run_crawl(config, data_dir: Path, *, date: dt.date, portals: list, forced: bool, clock=None,
              log_level: str = "WARNING") -> RunOutcome:
    """Crawl `portals` as one run. Raises lock.Busy when another run holds the lock."""
    from blindaje.audit.portraits import prepare_portraits
    from blindaje.crawler.forkserver import audit_workers, start_fork_server, stop_fork_server

    clock = clock or clock_for(config.timezone)
    processes = run_processes(config, date, portals)
    contexts = {p.name: config.audit_context(p) for p in portals}
    with RunLock(data_dir):
        portraits = prepare_portraits(contexts.values())  # before the run is recorded: slow, and nothing to lose
        store = open_store(data_dir)
        for stale in store.recover_interrupted(clock(), locked=True):
            log.warning("run %s was interrupted (its process died); marked interrupted", stale)
        run_id = store.start_run(started_at=clock(), run_date=date.isoformat(), portals=[p.name for p in portals],
                                 forced=forced, version=__version__, rules_fingerprint=config.rules.fingerprint(),
                                 processes=processes, pid=os.getpid())
        log.info("run %s started: %s", run_id, ", ".join(p.name for p in portals))
        if audit_workers(config.settings.crawl.audit_workers) and not store.has_cache([p.name for p in portals]):
            # A first night audits every page: the fork server loads the audit (about a second) while Scrapy
            # loads. Otherwise most pages are unchanged: it starts when a first page needs a worker, if one does.
            start_fork_server()
        from blindaje.crawler.run import crawl_portals  # Scrapy and the crawler: 0.4 s, while the server loads
        status, message = "complete", ""
        try:
            results = crawl_portals(portals=portals, crawl=config.settings.crawl, config_dir=config.directory,
                                    contexts=contexts, db=db_path(data_dir), portraits=portraits,
                                    run_id=run_id, clock=clock, log_level=log_level,
                                    audit_keys={p.name: audit_key(config, p, portraits) for p in portals},
                                    data_dir=Path(data_dir), warcs={p.name: warc_path(run_id, p.name) for p in portals},
                                    capture_all=config.settings.evidence.capture_all)
            if results:
                store.set_image_analysis(run_id, next(iter(results.values()))["image_analysis"])
            budget = [n for n, r in results.items() if r["finish_reason"] == "closespider_timeout"]
            if budget:
                message = "time budget spent for: " + ", ".join(budget)
            if any(r["finish_reason"] == "shutdown" for r in results.values()):
                status, message = "interrupted", "stopped by a signal before the crawl finished"
            storage = next((r["stats"]["blindaje/storage_failed"] for r in results.values()
                            if r["stats"].get("blindaje/storage_failed")), None)
            if storage:
                status, message = "failed", storage_message(storage, data_dir)
        except Exception as e:  # the run is recorded as failed, never left 'running'
            if storage_failure(e):
                status, message = "failed", storage_message(storage_failure(e), data_dir)
            else:
                log.exception("run %s failed: %s", run_id, e)
                status, message = "failed", f"{type(e).__name__}: {e}"
        stop_fork_server()  # stopped by the crawl already, unless it failed before
        return close_run(config, store, data_dir, run_id, status, message, clock)


def close_run(config, store: Store, data_dir: Path, run_id: int, status: str, message: str, clock) -> RunOutcome:
    """A run's end, on one machine or many: its status from its pages (a collapsed portal, most pages failed), its
    findings settled, report, notices; a storage failure ends it as failed with nothing settled."""
    from blindaje.reports.render import render_run

    if status == "failed" and message.startswith("storage failed"):
        return close_failed(config, store, run_id, clock(), message, data_dir)
    collapsed = {name: why for name in store.run(run_id)["portals"] if (why := collapse(store, run_id, name))}
    if collapsed:
        status = "incomplete" if status == "complete" else status
        message = "; ".join(["coverage collapsed: " + "; ".join(collapsed.values())
                             + " (findings not seen tonight keep their status)"] + ([message] if message else []))
    counts = store.summary(run_id)["outcome"]
    fetched = counts.get("audited", 0) + counts.get("failed", 0)
    if status == "complete" and (counts.get("audited", 0) == 0 or counts.get("failed", 0) > INCOMPLETE_SHARE * fetched):
        status = "incomplete"
        message = (message + "; " if message else "") + (
            f"{counts.get('failed', 0)} of {fetched} pages failed" if fetched else "no page could be fetched")
    log.info("run %s settling findings (status %s)", run_id, status)
    try:
        run = store.finish_run(run_id, finished_at=clock(), status=status, message=message,
                               collapsed=frozenset(collapsed))
    except Exception as e:
        if not storage_failure(e):
            raise
        return close_failed(config, store, run_id, clock(), storage_message(storage_failure(e), data_dir), data_dir)
    try:
        report = render_run(store, run_id, Path(data_dir) / "reports", now=dt.datetime.now().astimezone(),
                            tz=config.timezone)
    except Exception as e:  # the run and its findings are stored; `blindaje report` can render it later
        log.exception("run %s: the report could not be rendered: %s", run_id, e)
        report = Path(data_dir) / "reports" / f"run-{run_id}" / "index.html (not rendered: see the log)"
    log.info("run %s %s: %s pages, %s findings", run_id, status, run["pages_total"], run["findings_total"])
    notify_run(config, store, run_id, report if report.exists() else None, os.environ)
    prune_evidence(config, store, data_dir, clock)
    return RunOutcome(run_id, run, report)


def storage_message(cause: str, data_dir: Path) -> str:
    return (f"storage failed: {cause} (database {db_path(data_dir)}); the crawl was stopped: free space in or "
            "repair the data directory (`blindaje doctor`), then crawl again")


def close_failed(config, store: Store, run_id: int, now: str, message: str, data_dir: Path) -> RunOutcome:
    """The run marked failed after its storage failed: nothing settled (no finding fixed, none carried), the pages
    stored before the failure kept as they are, no report written (the e-mail, if any, says why). If even that
    cannot be written, the next run marks it interrupted."""
    log.info("run %s failed: %s", run_id, message)  # to the log file; the user gets the summary line
    try:
        run = store.fail_run(run_id, finished_at=now, message=message)
    except Exception as e:  # noqa: BLE001 - the database cannot take even this: said, and left for the next run
        log.error("run %s could not be marked failed (%s): the next crawl will mark it interrupted", run_id, e)
        run = None
    if run is not None:
        notify_run(config, store, run_id, None, os.environ)
    run = run or {"id": run_id, "status": "failed", "message": message, "portals": [], "pages_total": 0,
                  "pages_audited": 0, "pages_skipped": 0, "pages_failed": 0, "findings_total": 0}
    return RunOutcome(run_id, run, Path(data_dir) / "reports" / f"run-{run_id}" / "index.html (not rendered)")


def prune_evidence(config, store: Store, data_dir: Path, clock) -> dict | None:
    """Expired captures deleted after each run (settings.evidence.keep_days), said in one log line; a failure is
    logged and never fails the run, whose findings are stored already."""
    try:
        freed = prune_captures(store, Path(data_dir), now=dt.datetime.fromisoformat(clock()),
                               keep_days_for=keep_days_for(config))
    except Exception as e:  # noqa: BLE001
        log.exception("evidence could not be pruned: %s", e)
        return None
    log.info(describe(freed))
    return freed


def summary_line(outcome: RunOutcome, store: Store) -> str:
    run = outcome.run
    if run["status"] == "failed" and (run.get("message") or "").startswith("storage failed"):
        return f"run {outcome.run_id} failed: {run['message']}"
    by_status = run.get("counts") or store.summary(outcome.run_id)["status"]  # the night's figures, as stored
    expiring = store.expiring_waivers(run["run_date"]) if run.get("run_date") else []
    warning = (f"; warning: {len(expiring)} waiver(s) expire within 7 days, the first on {expiring[0]['until']} "
               "(blindaje waivers)") if expiring else ""
    why = f" ({run['message']})" if run["status"] != "complete" and run.get("message") else ""
    return (f"run {outcome.run_id} {run['status']}{why}: {len(run['portals'])} portal(s), {run['pages_total']} pages "
            f"({run['pages_audited']} audited, {run['pages_skipped']} skipped, {run['pages_failed']} failed), "
            f"{run['findings_total']} findings ({by_status.get('new', 0)} new, {by_status.get('open', 0)} open, "
            f"{by_status.get('fixed', 0)} fixed, {by_status.get('waived', 0)} waived); report: {outcome.report}{warning}")
