"""One import of an official account's export: read, resolve threads, judge by the calendar, audit, store, report."""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from blindaje import __version__
from blindaje.audit.engine import Auditor
from blindaje.audit.model import FindingRecord
from blindaje.audit.reasons import Reason
from blindaje.audit.social import Post, dedupe_hashtag_findings, post_document, resolve
from blindaje.calendar import covers
from blindaje.lock import RunLock
from blindaje.notify import notify_run
from blindaje.runner import RunOutcome, open_store
from blindaje.social.readers import read_exports
from blindaje.store.records import PageRecord

log = logging.getLogger("blindaje")
BATCH = 2000
MAX_STORED_TEXT = 4000  # a post's text kept in the posts table (its findings keep their own evidence)


@dataclass
class AuditedPost:
    post: Post
    in_veda: bool
    local: dt.datetime  # the post's time in the calendar's zone
    findings: list  # audit.model.Finding (for a post outside the veda: what would have been found)


def in_veda(config, account, day: dt.date) -> bool:
    """Is the day inside a blackout window that applies to the account's jurisdiction?"""
    follow = config.settings.calendar.federal_portals_follow_state_processes
    return any(covers(p, account.jurisdiction, follow) and p.blackout_start <= day <= p.blackout_end
               for p in config.calendar.processes)


def audit_posts(config, account, posts: list[Post], auditor: Auditor | None = None) -> list[AuditedPost]:
    """Every post audited with the configuration's rules and officials; dated in the calendar's time zone."""
    auditor = auditor or Auditor(config.rules, config.audit_context(None), portraits=False)
    tz = config.timezone
    out = []
    for post in posts:
        local = post.created.astimezone(tz)
        result = auditor.audit_document(post_document(post))
        out.append(AuditedPost(post, in_veda(config, account, local.date()), local,
                               dedupe_hashtag_findings(result.findings)))
    return out


def read_account(config, account, paths: list[Path], platform: str | None) -> list[Post]:
    """The account's posts from its exports (social.readers.ExportError when they cannot be read)."""
    from blindaje.social.readers import ExportError

    export = read_exports(paths, platform=platform, handle=account.handle, tz=config.timezone)
    if export.platform not in ("csv", account.platform) and platform is None:
        raise ExportError(f"the export is from {export.platform}, but account {account.name!r} is on "
                          f"{account.platform} (accounts.yaml); pass --platform {export.platform} to import it anyway")
    return resolve(export.posts, account.handle)


def run_social_import(config, data_dir: Path, account, posts: list[Post], files: list[str], *,
                      now: dt.datetime, auditor: Auditor | None = None) -> RunOutcome:
    """Audit the posts and store them as one run of kind 'social', batch by batch (the list is emptied as it goes:
    100,000 posts never stand audited in memory at once), settle their findings' lifecycle, render the report.
    Raises lock.Busy when another run holds the lock."""
    auditor = auditor or Auditor(config.rules, config.audit_context(None), portraits=False)
    from blindaje.reports.render import render_run

    tz = config.timezone
    clock = lambda: dt.datetime.now(tz).isoformat(timespec="seconds")  # noqa: E731
    follow = config.settings.calendar.federal_portals_follow_state_processes
    today = now.astimezone(tz).date()
    days = {p.created.astimezone(tz).date() for p in posts}
    processes = sorted({p.name for p in config.calendar.processes if covers(p, account.jurisdiction, follow)
                        and any(p.blackout_start <= d <= p.blackout_end for d in days)})
    total, inside = len(posts), 0
    with RunLock(data_dir):
        store = open_store(data_dir)
        store.recover_interrupted(clock(), locked=True)
        run_id = store.start_run(started_at=clock(), run_date=today.isoformat(), portals=[account.name], forced=False,
                                 version=__version__, rules_fingerprint=config.rules.fingerprint(),
                                 processes=processes, pid=os.getpid(), kind="social")
        status, message = "complete", f"{total} post(s) from {len(files)} file(s)"
        try:
            posts.reverse()  # consumed from the end, oldest first
            while posts:
                batch = [posts.pop() for _ in range(min(BATCH, len(posts)))]
                chunk = audit_posts(config, account, batch, auditor)
                del batch
                inside += sum(a.in_veda for a in chunk)
                entries, rows = [], []
                for a in chunk:
                    p = a.post
                    records = [FindingRecord.of(account.name, f) for f in a.findings]
                    page = PageRecord(account.name, p.url, "audited" if a.in_veda else "skipped",
                                      "" if a.in_veda else Reason.OUTSIDE_BLACKOUT, fetched_at=a.local.isoformat(),
                                      content_type="social/" + p.kind, bytes=len(p.text.encode("utf-8")),
                                      title=f"{p.location} · {a.local:%Y-%m-%d %H:%M} · {p.text[:100]}")
                    entries.append((page, records if a.in_veda else [], None, None))
                    rows.append({"account": account.name, "url": p.url, "key": p.key,
                                  "created_at": a.local.isoformat(), "kind": p.kind, "location": p.location,
                                  "in_veda": int(a.in_veda), "text": p.text[:MAX_STORED_TEXT],
                                  "media": json.dumps([list(m) for m in p.media][:20], ensure_ascii=False),
                                  "rules": json.dumps(sorted({f.rule for f in a.findings})),
                                  "findings": len(a.findings)})
                store.add_pages(run_id, entries)
                store.add_posts(run_id, rows)
        except Exception as e:  # the run is recorded as failed, never left 'running'
            log.exception("social run %s failed: %s", run_id, e)
            status, message = "failed", f"{type(e).__name__}: {e}"
        if status == "complete":
            message += f": {inside} in veda, {total - inside} fuera de veda"
        run = store.finish_run(run_id, finished_at=clock(), status=status, message=message)
        try:
            report = render_run(store, run_id, Path(data_dir) / "reports", now=now)
        except Exception as e:  # the run is stored; `blindaje report` can render it later
            log.exception("run %s: the report could not be rendered: %s", run_id, e)
            report = Path(data_dir) / "reports" / f"run-{run_id}" / "index.html (not rendered: see the log)"
        notify_run(config, store, run_id, report if report.exists() else None, os.environ)  # as after a crawl
        return RunOutcome(run_id, run, report)
