"""Open the database (WAL, foreign keys) and apply the registered migrations."""
from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("blindaje")


@migrations()
def m001_initial(db: Database) -> None:
    db["runs"].create({
        "id": int, "started_at": str, "finished_at": str, "status": str, "run_date": str, "portals": str,
        "forced": int, "pages_total": int, "pages_audited": int, "pages_skipped": int, "pages_failed": int,
        "findings_total": int, "pid": int, "version": str, "rules_fingerprint": str, "message": str,
        "processes": str,
    }, pk="id", not_null={"started_at", "status"})
    db["pages"].create({
        "run_id": int, "portal": str, "url": str, "final_url": str, "http_status": int, "outcome": str,
        "reason": str, "content_hash": str, "fetched_at": str, "depth": int, "content_type": str, "bytes": int,
        "title": str, "exceptions": str, "suppressed": int, "findings": int,
    }, pk=("run_id", "url"), foreign_keys=[("run_id", "runs", "id")])
    db["findings"].create({
        "run_id": int, "id": str, "portal": str, "url": str, "rule": str, "severity": str, "status": str,
        "evidence": str, "location": str, "kind": str, "context": str, "message": str, "legal_basis": str,
        "grp": str, "exception": str, "data": str, "first_seen": str, "last_seen": str, "reopened": int,
    }, pk=("run_id", "id"), foreign_keys=[("run_id", "runs", "id")])
    db["tracked"].create({
        "id": str, "portal": str, "url": str, "rule": str, "first_seen": str, "last_seen": str,
        "last_run_id": int, "times_reopened": int,
    }, pk="id")
    db["waivers"].create({
        "finding_id": str, "reason": str, "by": str, "created_at": str, "until": str,
    }, pk="finding_id")
    db["bodies"].create({"hash": str, "body": bytes, "size": int}, pk="hash")
    db["images"].create({
        "run_id": int, "portal": str, "url": str, "page_url": str, "http_status": int, "outcome": str,
        "reason": str, "content_hash": str, "width": int, "height": int, "format": str, "bytes": int,
    }, pk=("run_id", "url"), foreign_keys=[("run_id", "runs", "id")])
    db["pages"].create_index(["portal", "run_id"])
    db["findings"].create_index(["portal", "run_id"])
    db["findings"].create_index(["url"])


@migrations()
def m002_image_blobs_and_lookups(db: Database) -> None:
    # Fetched image bytes by content hash (deduplicated across nights): the reports' thumbnails and the evidence.
    db["blobs"].create({"hash": str, "body": bytes, "size": int}, pk="hash", if_not_exists=True)
    # The lifecycle and the reports look findings and images up by id and URL across runs.
    db["findings"].create_index(["id", "run_id"], if_not_exists=True)
    db["images"].create_index(["url", "run_id"], if_not_exists=True)
    db["tracked"].create_index(["portal", "last_run_id"], if_not_exists=True)


@migrations()
def m003_page_cache(db: Database) -> None:
    """What incremental nights need per URL: validators, the body's hash, the audit's key, its findings and links."""
    db["page_cache"].create({
        "portal": str, "url": str, "etag": str, "last_modified": str, "content_hash": str, "audit_key": str,
        "title": str, "exceptions": str, "suppressed": int, "links": bytes, "findings": bytes, "run_id": int,
    }, pk=("portal", "url"))
    db["pages"].add_column("carried", int)


@migrations()
def m004_image_analysis(db: Database) -> None:
    """Officials' photos: each image's pixels analysed once per content hash, and what a run could not check."""
    db["image_analyses"].create({"hash": str, "version": str, "analysis": str, "refused": str}, pk="hash")
    for column, kind in (("phash", str), ("faces", int), ("analysis", str)):
        db["images"].add_column(column, kind)  # analysis: 'checked', or why the pixels were not (fully) checked
    db["pages"].add_column("unchecked_images", str)  # JSON: image URL -> why its pixels were not checked
    db["page_cache"].add_column("unchecked_images", str)
    db["runs"].add_column("image_analysis", str)  # the face model used, or why faces were not checked


@migrations()
def m005_documents(db: Database) -> None:
    """Documents and text in images (SPEC §9): the page a file was linked from, the parts of a file not read, and
    the text read in an image."""
    db["pages"].add_column("linked_from", str)  # a document: the page that linked it (its findings show under it)
    db["pages"].add_column("unread", str)  # JSON list: parts of a document not read, and why
    db["page_cache"].add_column("unread", str)
    db["page_cache"].add_column("content_type", str)  # a document carried over keeps its type
    db["page_cache"].add_column("images", str)  # JSON: the page's images, whose text findings it carries over
    db["images"].add_column("text_status", str)  # '' when the image's text was read, else why not; NULL: not tried


@migrations()
def m006_captures(db: Database) -> None:
    """Evidence (SPEC §10): where each capture of a page or file lies in the run's WARC files."""
    db["captures"].create({
        "run_id": int, "portal": str, "url": str, "warc": str, "offset": int, "length": int, "record_id": str,
        "kind": str, "refers_to": str, "payload_sha256": str, "captured_at": str, "http_status": int,
    }, pk=("run_id", "url"), foreign_keys=[("run_id", "runs", "id")])
    db["captures"].create_index(["url", "run_id"])


@migrations()
def m007_social(db: Database) -> None:
    """Official accounts (SPEC §11): a run's kind, and each imported post with where it stands and what it holds."""
    db["runs"].add_column("kind", str, not_null_default="crawl")  # 'crawl' or 'social' (one import of an account)
    db["posts"].create({
        "run_id": int, "account": str, "url": str, "key": str, "created_at": str, "kind": str, "location": str,
        "in_veda": int, "text": str, "media": str, "rules": str, "findings": int,
    }, pk=("run_id", "url"), foreign_keys=[("run_id", "runs", "id")])
    db["posts"].create_index(["account", "run_id"])


@migrations()
def m009_ux(db: Database) -> None:
    """Issue 21: a run's figures as they were when it finished; every waiver decision kept (waived, revoked)."""
    db["runs"].add_column("counts", str)  # JSON: findings by status (and reopened, expired waivers) at finish
    db["waiver_history"].create({
        "id": int, "finding_id": str, "action": str, "reason": str, "by": str, "created_at": str, "until": str,
    }, pk="id")
    db["waiver_history"].create_index(["finding_id", "id"])
    # the waivers in place before history was kept are its first entries
    db.execute("insert into waiver_history (finding_id, action, reason, by, created_at, until) "
               "select finding_id, 'waive', reason, by, created_at, until from waivers order by created_at")


@migrations()
def m010_queue(db: Database) -> None:
    """Beyond one machine (SPEC §12): each portal's job of a queued run, and whether its result was ingested."""
    db["queue_jobs"].create({
        "run_id": int, "portal": str, "job_id": str, "state": str, "detail": str, "enqueued_at": str,
        "ingested_at": str, "attempts": int,
    }, pk=("run_id", "portal"), foreign_keys=[("run_id", "runs", "id")], if_not_exists=True)


@migrations()
def m012_same_as(db: Database) -> None:
    """One page, one audit: a URL whose body is the same as another audited URL's in the run names that URL."""
    db["pages"].add_column("same_as", str)


MAX_PAGES_ENV = "BLINDAJE_DB_MAX_PAGES"
STORAGE_ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EIO, errno.EDQUOT, errno.EACCES, errno.EPERM}


class StoreError(Exception):
    """The store cannot be used as configured (one line saying why)."""


def storage_failure(e: BaseException) -> str | None:
    """Why `e` means the store cannot be written any more (disk or quota full, read-only, I/O error, a corrupt file),
    in one line; None for an error of one row or statement (a constraint, a value too big), which costs that row only.
    """
    if isinstance(e, StoreError):
        return str(e)
    if isinstance(e, OSError) and e.errno in STORAGE_ERRNOS:
        return f"{e.strerror or e}" + (f": {e.filename}" if e.filename else "")
    if isinstance(e, (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError, sqlite3.DataError)):
        return None
    if isinstance(e, (sqlite3.OperationalError, sqlite3.DatabaseError)):
        text = str(e)
        if "locked" in text or "no such" in text or "syntax error" in text:
            return None  # busy, or a bug in a statement: not the storage's fault
        return text
    return None


def open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that can never change the file (`blindaje doctor`): no migration, no write."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)


def integrity_problems(conn: sqlite3.Connection, most: int = 5) -> list[str]:
    """SQLite's integrity check: ['ok'], or up to `most` lines saying what is damaged."""
    return [r[0] for r in conn.execute(f"pragma integrity_check({int(most)})")]


def running_runs(conn: sqlite3.Connection) -> list[tuple]:
    """(id, started_at, pid) of the runs still marked 'running'."""
    return list(conn.execute("select id, started_at, pid from runs where status = 'running'"))


def open_db(path: Path, environ=os.environ) -> Database:
    """Open (creating) the database at `path`, in WAL mode, with every migration applied.

    BLINDAJE_DB_MAX_PAGES (environment) caps the file at that many pages once migrated (SQLite's max_page_count on
    this connection): past it every write fails as on a full disk ("database or disk is full"). The tests fill the
    "disk" with it; an operator may use it to bound the database."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(path)
    db.execute("PRAGMA busy_timeout = 10000")
    db.enable_wal()
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db)
    cap = environ.get(MAX_PAGES_ENV, "").strip()
    if cap:
        if not cap.isdigit():
            raise StoreError(f"{MAX_PAGES_ENV} must be a number of pages, not {cap!r}")
        db.execute(f"PRAGMA max_page_count = {int(cap)}")
    return db


def compact_copy(source: Path, target: Path) -> None:
    """A self-contained copy of the database `source` (its WAL folded in, free pages dropped) written to `target`:
    what a worker hands back, whole, even while its crawl's connections are still open."""
    db = Database(source)
    try:
        db.execute("VACUUM INTO ?", [str(target)])
    finally:
        db.close()
