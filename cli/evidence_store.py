"""Where a run's captures go (SPEC §10), and their retention: expired WARC files pruned, open findings' evidence kept."""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from blindaje.calendar import covers
from blindaje.reports.markup import slug

log = logging.getLogger("blindaje")
AFTER_BLACKOUT_DAYS = 90  # captures kept this long after the blackout they were made in (or after the capture)


def warc_path(run_id: int, portal: str) -> str:
    """A run's WARC file for a portal, relative to the data directory (what captures.warc holds)."""
    return f"evidence/run-{run_id}/{slug(portal)}.warc.gz"


def keep_days_for(config):
    """The retention rule of `settings.evidence.keep_days`: (portal name, capture date) -> days to keep it.

    Unset, a capture is kept until 90 days after the end of the last blackout window covering its portal that had
    started by the capture's date (the blackout it was made in), and at least 90 days: a tribunal's complaint may
    come weeks after election day.
    """
    fixed = config.settings.evidence.keep_days
    follow = config.settings.calendar.federal_portals_follow_state_processes
    portals = {p.name: p for p in config.portals}

    def days(portal: str, captured: dt.date) -> int:
        if fixed is not None:
            return fixed
        known = portals.get(portal)
        ends = [p.blackout_end for p in config.calendar.processes
                if known is not None and covers(p, known.jurisdiction, follow) and p.blackout_start <= captured]
        after_blackout = (max(ends) - captured).days + AFTER_BLACKOUT_DAYS if ends else 0
        return max(AFTER_BLACKOUT_DAYS, after_blackout)

    return days


def prune_captures(store, data_dir: Path, *, now: dt.datetime, keep_days_for) -> dict:
    """Delete the WARC files whose captures have all expired, with their captures rows; returns what was freed,
    {"files": n, "bytes": n, "captures": n}.

    A file is kept whole while any of its captures is unexpired, or is of a URL whose finding is still new, open or
    waived (the evidence a dossier rests on, every night it was seen), or holds a response that a kept revisit
    record refers to (a revisit without its response proves nothing).
    """
    files = store.capture_files()
    needed = store.unsettled_finding_urls()
    kept = {_key(f) for f in files if any(not _expired(c, f["portal"], now, keep_days_for) or c["url"] in needed
                                          for c in f["captures"])}
    kept |= _referred(files, kept)
    freed = {"files": 0, "bytes": 0, "captures": 0}
    for f in files:
        if _key(f) in kept:
            continue
        path = Path(data_dir) / f["warc"]
        size = path.stat().st_size if path.exists() else 0
        path.unlink(missing_ok=True)
        _remove_empty(path.parent, Path(data_dir))
        freed["captures"] += store.delete_captures(f["run_id"], f["warc"])
        freed["files"] += 1
        freed["bytes"] += size
    return freed


def _key(f: dict) -> tuple:
    return f["run_id"], f["warc"]


def _expired(capture: dict, portal: str, now: dt.datetime, keep_days_for) -> bool:
    captured = dt.datetime.fromisoformat(capture["captured_at"].replace("Z", "+00:00"))
    return now >= captured + dt.timedelta(days=keep_days_for(portal, captured.date()))


def _referred(files: list[dict], kept: set) -> set:
    """The files holding responses that kept revisits refer to, added until none is missing."""
    where = {c["record_id"]: _key(f) for f in files for c in f["captures"] if c["kind"] == "response"}
    by_key = {_key(f): f for f in files}
    kept, todo = set(kept), list(kept)
    while todo:
        for c in by_key[todo.pop()]["captures"]:
            target = where.get(c["refers_to"]) if c["refers_to"] else None
            if target is not None and target not in kept:
                kept.add(target)
                todo.append(target)
    return kept


def _remove_empty(directory: Path, data_dir: Path) -> None:
    """A run's evidence directory goes with its last file."""
    try:
        if directory != data_dir and directory.is_dir() and not any(directory.iterdir()):
            directory.rmdir()
    except OSError:
        pass


def describe(freed: dict) -> str:
    """One line for the log: what pruning freed."""
    return (f"evidence pruned: {freed['files']} WARC file(s), {freed['captures']} capture(s), "
            f"{freed['bytes'] / 1e6:.1f} MB freed")
