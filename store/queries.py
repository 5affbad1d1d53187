"""Every query Blindaje makes: runs, pages, findings and their night-to-night lifecycle, waivers."""
from __future__ import annotations

import hashlib
import json
import os
import threading
import zlib
from collections import Counter
from pathlib import Path

import zstandard
from sqlite_utils import Database

from blindaje.audit.reasons import Detailed
from blindaje.store.records import CacheEntry, CachedPage, ImageRecord, PageRecord

EXPORT_FIELDS = ("id", "run_id", "portal", "url", "rule", "severity", "status", "evidence", "location", "message",
                 "legal_basis", "first_seen", "last_seen")
PAGE_FIELDS = ("portal", "url", "final_url", "http_status", "outcome", "reason", "content_hash", "fetched_at")
PRESENT = ("new", "open", "waived")
MAX_BODY_BYTES = 2_000_000
# Page bodies are stored as Zstandard frames, level 3: on the text-heavy benchmark's pages 0.055 ms a page for 17.2 % of
# the bytes, where zlib took 0.30 ms for 15.7 % (level 6) or 0.12 ms for 19.4 % (level 1). Bodies stored by earlier
# versions are zlib streams; both are read (a zlib stream never starts with the Zstandard magic number).
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_compressors = threading.local()  # a ZstdCompressor is not to be shared between threads


def pack_body(body: bytes) -> bytes:
    compressor = getattr(_compressors, "zstd", None)
    if compressor is None:
        compressor = _compressors.zstd = zstandard.ZstdCompressor(level=3)
    return compressor.compress(body)


def unpack_body(stored: bytes) -> bytes:
    if stored.startswith(ZSTD_MAGIC):
        return zstandard.ZstdDecompressor().decompress(stored, max_output_size=MAX_BODY_BYTES)
    return zlib.decompress(stored)
MAX_BLOB_BYTES = 5 * 1024 * 1024  # the crawler's default max_image_bytes: larger images are not kept
IMAGE_RULE = "official-image"  # its evidence is an image URL
GONE_STATUSES = (404, 410)  # a page that answers "not found" or "gone" was removed: its findings are fixed


def _pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Store:
    """Blindaje's database: the only place that reads or writes SQL."""

    def __init__(self, db: Database):
        self.db = db

    # runs -----------------------------------------------------------------------------------------------
    def recover_interrupted(self, now: str, *, locked: bool = False) -> list[int]:
        """Runs left 'running' by a process that no longer exists (kill -9, power cut) become 'interrupted'.

        `locked`: the caller holds the run lock, so no run can be in progress and every 'running' one is stale,
        whatever its PID: a PID is reused (a container runs each crawl as PID 1), and would keep it 'running' forever.
        """
        stale = [r["id"] for r in self.db.query("select id, pid from runs where status = 'running'")
                 if locked or not _pid_alive(r["pid"])]
        with self.db.atomic():
            for run_id in stale:
                message = "the process stopped before the run finished"
                lost = [r["portal"] for r in self.db.query(
                    "select portal from queue_jobs where run_id = ? and ingested_at is null order by portal", [run_id])]
                if lost:  # a queued run's coordinator died: what the workers did for it is never ingested, and said
                    message += f"; results never ingested for {len(lost)} portal(s) of the queue: {', '.join(lost)}"
                self.db["runs"].update(run_id, {"status": "interrupted", "finished_at": now, "message": message})
        return stale

    def start_run(self, *, started_at: str, run_date: str, portals: list[str], forced: bool, version: str,
                  rules_fingerprint: str, processes: list[str] = (), pid: int | None = None,
                  kind: str = "crawl") -> int:
        with self.db.atomic():
            table = self.db["runs"].insert({
                "kind": kind,
                "started_at": started_at, "status": "running", "run_date": run_date, "portals": json.dumps(portals),
                "forced": int(forced), "pages_total": 0, "pages_audited": 0, "pages_skipped": 0, "pages_failed": 0,
                "findings_total": 0, "pid": pid or os.getpid(), "version": version,
                "rules_fingerprint": rules_fingerprint, "message": "", "processes": json.dumps(list(processes)),
            })
        return table.last_pk

    def run(self, run_id: int) -> dict | None:
        rows = list(self.db.query("select * from runs where id = ?", [run_id]))
        if not rows:
            return None
        row = rows[0]
        row["portals"] = json.loads(row["portals"] or "[]")
        row["processes"] = json.loads(row["processes"] or "[]")
        row["image_analysis"] = json.loads(row.get("image_analysis") or "{}")
        row["counts"] = json.loads(row.get("counts") or "null")
        return row

    def latest_run_id(self, finished_only: bool = True) -> int | None:
        where = "where status != 'running'" if finished_only else ""
        rows = list(self.db.query(f"select max(id) as id from runs {where}"))
        return rows[0]["id"] if rows else None

    def runs(self) -> list[dict]:
        out = []
        for row in self.db.query("select * from runs order by id desc"):
            row["portals"] = json.loads(row["portals"] or "[]")
            out.append(row)
        return out

    # pages and findings ---------------------------------------------------------------------------------
    def add_page(self, run_id: int, page: PageRecord, findings=(), body: bytes | None = None,
                 cache: CacheEntry | None = None) -> None:
        """Record one page and its findings (records with to_row(), such as audit.model.FindingRecord) in one
        transaction; `cache` refreshes the page's incremental entry."""
        self.add_pages(run_id, [(page, findings, body, cache)])

    def add_pages(self, run_id: int, entries) -> None:
        """Record many pages in one transaction: each entry is (page, findings, body, cache) as for add_page.

        All of them or none: a crawl that writes in batches leaves, if killed, only whole pages with their findings.
        """
        pages, findings, cached, bodies = [], [], [], []
        for page, found, body, cache in entries:
            rows = [{**f.to_row(), "run_id": run_id, "status": "new", "reopened": 0} for f in found or ()]
            pages.append({**page.to_row(), "run_id": run_id, "findings": len(rows)})
            findings += rows
            if cache is not None:
                kept = [{k: v for k, v in r.items() if k not in ("run_id", "status", "reopened")} for r in rows]
                cached.append({**CachedPage.to_row(page, cache, kept), "run_id": run_id})
            if body is not None and page.content_hash and len(body) <= MAX_BODY_BYTES:
                bodies.append((page.content_hash, pack_body(body), len(body)))
        with self.db.atomic():
            # A URL two portals of the run reach (an outside link both pages give) has one row: the first portal's by
            # name, whichever crawl recorded it first, so a run's coverage is the same on one machine or many.
            self._upsert("pages", ("run_id", "url"), pages,
                         where="excluded.portal = pages.portal or excluded.portal < pages.portal")
            self._upsert("findings", ("run_id", "id"), findings)
            self._upsert("page_cache", ("portal", "url"), cached)
            if bodies:
                self.db.conn.executemany("insert or ignore into bodies (hash, body, size) values (?, ?, ?)", bodies)

    def _upsert(self, table: str, pk: tuple[str, ...], rows: list[dict], where: str = "") -> None:
        """Insert rows, or update the given columns of those already there (sqlite-utils' upsert, without its
        per-call introspection: one statement per set of columns, run with executemany)."""
        by_columns: dict[tuple[str, ...], list[tuple]] = {}
        for row in rows:
            by_columns.setdefault(tuple(row), []).append(tuple(row.values()))
        for columns, values in by_columns.items():
            update = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c not in pk)
            sql = (f"insert into [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
                   f"values ({', '.join('?' * len(columns))}) on conflict ({', '.join(pk)}) "
                   + (f"do update set {update}" + (f" where {where}" if where else "") if update else "do nothing"))
            self.db.conn.executemany(sql, values)

    def add_captures(self, run_id: int, captures) -> None:
        """Record where captures (store.records.CaptureRecord) lie in the run's WARC files."""
        with self.db.atomic():  # committed: another process (`blindaje evidence`) reads them
            self._upsert("captures", ("run_id", "url"), [{**c.to_row(), "run_id": run_id} for c in captures])

    def captures(self, url: str) -> list[dict]:
        """Every capture of a URL, oldest run first (each row with its run_id)."""
        return list(self.db.query("select * from captures where url = ? order by run_id", [url]))

    def capture_by_record(self, record_id: str) -> dict | None:
        """The capture whose response (or revisit) has this WARC-Record-ID: what a revisit refers to."""
        rows = list(self.db.query("select * from captures where record_id = ? order by run_id limit 1", [record_id]))
        return rows[0] if rows else None

    def finding_nights(self, finding_id: str) -> list[dict]:
        """Every run's row of a finding, oldest first, with the run's date and times: the nights it was seen (any
        status but 'fixed') and the nights it was first gone ('fixed')."""
        return [dict(r, data=json.loads(r["data"] or "{}")) for r in self.db.query(
            "select f.*, r.run_date, r.started_at as run_started_at, r.finished_at as run_finished_at, "
            "r.status as run_status from findings f join runs r on r.id = f.run_id where f.id = ? order by f.run_id",
            [finding_id])]

    def response_capture(self, url: str, payload_sha256: str) -> dict | None:
        """The latest kept response capture of a URL with this payload: what a revisit record refers to."""
        rows = list(self.db.query(
            "select * from captures where url = ? and kind = 'response' and payload_sha256 = ? "
            "order by run_id desc limit 1", [url, payload_sha256]))
        return rows[0] if rows else None

    def watched_urls(self, portal: str, run_id: int) -> set[str]:
        """URLs (pages, files, images) with findings still online before `run_id`: captured tonight whatever their
        audit finds, so that the night a finding is gone the page as it then was is kept (the proof of removal)."""
        return {r["url"] for r in self.db.query(
            "select distinct t.url from tracked t where t.portal = ? and t.last_run_id < ? and not exists ("
            "  select 1 from findings x where x.id = t.id and x.status = 'fixed' and x.run_id > t.last_run_id)",
            [portal, run_id])}

    def capture_files(self) -> list[dict]:
        """Every WARC file with captures: (run_id, portal, warc) with its captures' urls, kinds, record ids,
        refers_to and times (retention reads them)."""
        files: dict[tuple, dict] = {}
        for r in self.db.query("select run_id, portal, warc, url, kind, record_id, refers_to, captured_at "
                               "from captures order by run_id"):
            entry = files.setdefault((r["run_id"], r["warc"]), {"run_id": r["run_id"], "portal": r["portal"],
                                                                 "warc": r["warc"], "captures": []})
            entry["captures"].append(r)
        return list(files.values())

    def unsettled_finding_urls(self) -> set[str]:
        """URLs with a finding new, open or waived in the latest run of its portal: their captures are evidence
        still needed, never pruned."""
        return {r["url"] for r in self.db.query(
            "select distinct f.url from findings f join (select portal, max(run_id) as run_id from pages "
            "group by portal) last on last.portal = f.portal and last.run_id = f.run_id "
            "where f.status in ('new', 'open', 'waived')")}

    def delete_captures(self, run_id: int, warc: str) -> int:
        """Forget the captures in one run's WARC file (its file is being deleted); how many rows went."""
        with self.db.atomic():
            return self.db.execute("delete from captures where run_id = ? and warc = ?", [run_id, warc]).rowcount

    def has_cache(self, portals: list[str]) -> bool:
        """Has any of these portals pages kept from an earlier night (an incremental night ahead)?"""
        marks = ", ".join("?" * len(portals))
        return bool(portals) and bool(list(self.db.query(
            f"select 1 from page_cache where portal in ({marks}) limit 1", list(portals))))

    def validators(self, portal: str) -> dict[str, tuple[str, str, str, str]]:
        """url -> (etag, last_modified, content_hash, audit_key) of every page audited before, for conditional GETs."""
        return {r["url"]: (r["etag"], r["last_modified"], r["content_hash"], r["audit_key"]) for r in self.db.query(
            "select url, etag, last_modified, content_hash, audit_key from page_cache where portal = ?", [portal])}

    def cached_page(self, portal: str, url: str) -> CachedPage | None:
        """The last audit of an unchanged page: title, exceptions, findings and outgoing links, to carry over."""
        cursor = self.db.execute("select title, exceptions, suppressed, unchecked_images, links, findings, unread, "
                                 "content_type, images "
                                 "from page_cache where portal = ? and url = ?", [portal, url])
        row = cursor.fetchone()
        return CachedPage.from_row(dict(zip([c[0] for c in cursor.description], row))) if row else None

    def add_image(self, run_id: int, image: ImageRecord, body: bytes | None = None,
                  analysis: tuple[str, str, dict] | None = None, findings=()) -> None:
        """Record one fetched image; its bytes (`body`) go to the blob store; `analysis` (content hash, analyser
        version, the analysis's row: audit.portraits.Analysis.to_row()) is cached in the same transaction;
        `findings`: what the audit of the text read in its pixels found (their url is the image's)."""
        with self.db.atomic():
            self.db["images"].upsert({**image.to_row(), "run_id": run_id}, pk=("run_id", "url"))
            rows = [{**f.to_row(), "run_id": run_id, "status": "new", "reopened": 0} for f in findings]
            self._upsert("findings", ("run_id", "id"), rows)
            if body and image.content_hash and image.outcome == "audited":
                self._put_blob(image.content_hash, body)
            if analysis is not None:
                content_hash, version, row = analysis
                self.db["image_analyses"].upsert({"hash": content_hash, "version": version, **row}, pk="hash")

    def last_image(self, portal: str, url: str) -> tuple[dict, list[dict]] | None:
        """An image's row from the last run that recorded it, and the findings on its text that run still showed:
        what an unchanged page carries over for the images it shows."""
        rows = list(self.db.query("select * from images where portal = ? and url = ? order by run_id desc limit 1",
                                  [portal, url]))
        if not rows:
            return None
        findings = list(self.db.query("select * from findings where run_id = ? and url = ? and status != 'fixed'",
                                      [rows[0]["run_id"], url]))
        return rows[0], findings

    def image_analysis(self, content_hash: str, version: str) -> dict | None:
        """An image's cached analysis row (audit.portraits.analysis_from_row reads it), or None if never analysed."""
        rows = list(self.db.query("select analysis, refused from image_analyses where hash = ? and version = ?",
                                  [content_hash, version]))
        return rows[0] if rows else None

    def set_image_analysis(self, run_id: int, note: dict) -> None:
        """What the run's image analysis could do: the face model used, or why faces were not checked."""
        self.db["runs"].update(run_id, {"image_analysis": json.dumps(note, ensure_ascii=False)})

    def image_coverage(self, run_id: int, portal: str | None = None, limit: int = 200) -> dict:
        """Images fetched and analysed, and the images whose pixels could not be checked, page by page."""
        where, args = ("run_id = ? and portal = ?", [run_id, portal]) if portal else ("run_id = ?", [run_id])
        counts = {(r["outcome"], r["hashed"]): r["n"] for r in self.db.query(
            f"select outcome, phash is not null as hashed, count(*) as n from images where {where} group by 1, 2", args)}
        unchecked = [{"page": page, "image": src, "reason": why}
                     for page, images in sorted(self._unchecked_images(run_id, portal).items())
                     for src, why in images.items()]
        unchecked += [{"page": r["page_url"], "image": r["url"], "reason": Detailed.TEXT_NOT_READ(r["text_status"])}
                      for r in self.db.query(f"select url, page_url, text_status from images where {where} "
                                             "and text_status is not null and text_status != '' order by page_url, url",
                                             args)]
        return {"fetched": sum(n for (o, _), n in counts.items() if o == "audited"),
                "analysed": sum(n for (_, hashed), n in counts.items() if hashed),
                "failed": sum(n for (o, _), n in counts.items() if o != "audited"),
                "unchecked": unchecked[:limit], "unchecked_total": len(unchecked)}

    def _unchecked_images(self, run_id: int, portal: str | None = None) -> dict[str, dict[str, str]]:
        """Audited pages with images whose pixels could not be checked: page URL -> {image URL: why}."""
        where, args = ("run_id = ? and portal = ?", [run_id, portal]) if portal else ("run_id = ?", [run_id])
        return {r["url"]: json.loads(r["unchecked_images"]) for r in self.db.query(
            f"select url, unchecked_images from pages where {where} and outcome = 'audited' "
            "and unchecked_images is not null and unchecked_images != '{}'", args)}

    def add_blob(self, content_hash: str | None, data: bytes) -> str | None:
        """Keep an image's bytes under its sha256 (once, whatever the night); return the hash, or None if too large."""
        with self.db.atomic():
            return self._put_blob(content_hash, data)

    def _put_blob(self, content_hash: str | None, data: bytes) -> str | None:
        digest = hashlib.sha256(data).hexdigest()
        if content_hash and content_hash != digest:
            raise ValueError(f"content hash {content_hash} does not match the bytes ({digest})")
        if len(data) > MAX_BLOB_BYTES:
            return None
        self.db.execute("insert or ignore into blobs (hash, body, size) values (?, ?, ?)", [digest, data, len(data)])
        return digest

    def blob(self, content_hash: str) -> bytes | None:
        rows = list(self.db.query("select body from blobs where hash = ?", [content_hash]))
        return rows[0]["body"] if rows else None

    def image_evidence(self, run_id: int, urls: list[str]) -> dict[str, dict]:
        """For image URLs: the latest fetch at or before the run that got bytes (hash, size, format, blob kept?)."""
        out: dict[str, dict] = {}
        urls = sorted(set(urls))
        for chunk in range(0, len(urls), 500):
            part = urls[chunk:chunk + 500]
            for r in self.db.query(
                    "select i.url, i.run_id, i.content_hash, i.width, i.height, i.format, i.bytes, "
                    "(b.hash is not null) as kept from images i left join blobs b on b.hash = i.content_hash "
                    f"where i.run_id <= ? and i.content_hash is not null and i.url in ({','.join('?' * len(part))}) "
                    "order by i.run_id desc", [run_id, *part]):
                out.setdefault(r["url"], r)
        return out

    def images(self, run_id: int) -> list[dict]:
        return list(self.db.query("select * from images where run_id = ? order by url", [run_id]))

    def page_urls(self, run_id: int) -> set[str]:
        return {r["url"] for r in self.db.query("select url from pages where run_id = ?", [run_id])}

    def body(self, content_hash: str) -> bytes | None:
        rows = list(self.db.query("select body from bodies where hash = ?", [content_hash]))
        return unpack_body(rows[0]["body"]) if rows else None

    # lifecycle ------------------------------------------------------------------------------------------
    def previous_run_of_portal(self, portal: str, run_id: int) -> int | None:
        rows = list(self.db.query(
            "select max(p.run_id) as id from pages p join runs r on r.id = p.run_id "
            "where p.portal = ? and p.run_id < ? and r.status in ('complete', 'incomplete')", [portal, run_id]))
        return rows[0]["id"] if rows and rows[0]["id"] else None

    def previous_run_id(self, run_id: int) -> int | None:
        """The last finished run before `run_id` (what "since the previous run" compares with)."""
        rows = list(self.db.query("select max(id) as id from runs where id < ? and status != 'running'", [run_id]))
        return rows[0]["id"] if rows and rows[0]["id"] else None

    def active_waivers(self, on_date: str) -> dict[str, dict]:
        return {w["finding_id"]: w for w in self.db.query(
            "select * from waivers where until is null or until = '' or until >= ?", [on_date])}

    def portal_night(self, run_id: int, portal: str) -> dict:
        """A portal's coverage in a run: pages audited (a page skipped as the duplicate of another was audited under
        that URL), and the body most of them served (its hash and how many)."""
        where = "run_id = ? and portal = ? and (outcome = 'audited' or same_as is not null)"
        audited = next(self.db.query(f"select count(*) as n from pages where {where}", [run_id, portal]))["n"]
        top = list(self.db.query(
            f"select content_hash, count(*) as n from pages where {where} and content_hash is not null "
            "group by content_hash order by n desc limit 1", [run_id, portal]))
        return {"audited": audited, "top_hash": top[0]["content_hash"] if top else None,
                "top_n": top[0]["n"] if top else 0}

    def last_complete_night(self, portal: str, run_id: int) -> int | None:
        """The last run before `run_id` that completed and audited pages of the portal."""
        rows = list(self.db.query(
            "select max(p.run_id) as id from pages p join runs r on r.id = p.run_id where p.portal = ? "
            "and p.run_id < ? and r.status = 'complete' and p.outcome = 'audited'", [portal, run_id]))
        return rows[0]["id"] if rows and rows[0]["id"] else None

    def fail_run(self, run_id: int, *, finished_at: str, message: str) -> dict | None:
        """Mark a run failed without settling its findings (its storage failed: the smallest write that says so)."""
        with self.db.atomic():
            self.db.execute("update runs set status = 'failed', finished_at = ?, message = ? where id = ?",
                            [finished_at, message, run_id])
        return self.run(run_id)

    def finish_run(self, run_id: int, *, finished_at: str, status: str, message: str = "",
                   collapsed: frozenset[str] = frozenset()) -> dict:
        """Settle every finding's status (new, open, fixed, waived) against what each portal last showed; count.

        `collapsed`: portals whose night collapsed (a dead or "in maintenance" site): none of their findings is fixed
        tonight, and those not seen tonight are kept in the run with their status (data.not_reached)."""
        run = self.run(run_id)
        waivers = self.active_waivers(run["run_date"] or finished_at[:10])
        with self.db.atomic():
            portals = [r["portal"] for r in self.db.query("select distinct portal from pages where run_id = ?", [run_id])]
            for portal in portals:
                self._settle(run_id, portal, finished_at, waivers, collapsed=portal in collapsed,
                             absent_is_gone=run.get("kind") == "social" and status == "complete")  # a failed
                # import proves nothing deleted
            counts = {r["outcome"]: r["n"] for r in self.db.query(
                "select outcome, count(*) as n from pages where run_id = ? group by outcome", [run_id])}
            findings = next(self.db.query(
                "select count(*) as n from findings where run_id = ? and status != 'fixed'", [run_id]))["n"]
            self.db["runs"].update(run_id, {
                "finished_at": finished_at, "status": status, "message": message,
                "pages_total": sum(counts.values()), "pages_audited": counts.get("audited", 0),
                "pages_skipped": counts.get("skipped", 0), "pages_failed": counts.get("failed", 0),
                "findings_total": findings, "counts": json.dumps(self._status_counts(run_id)),
            })
        return self.run(run_id)

    def _status_counts(self, run_id: int) -> dict[str, int]:
        """The run's findings by status, reopened and expired waivers: its figures as they stand when it finishes."""
        out = {s: 0 for s in ("new", "open", "fixed", "waived")}
        for r in self.db.query("select status, count(*) as n, sum(reopened) as reopened from findings "
                               "where run_id = ? group by status", [run_id]):
            out[r["status"]] = r["n"]
            out["reopened"] = out.get("reopened", 0) + (r["reopened"] or 0)
        out.setdefault("reopened", 0)
        out["expired_waivers"] = len(self.expired_waivers(run_id))
        return out

    def _still_online(self, run_id: int, portal: str) -> dict[str, dict]:
        """Findings of the portal last seen before this run and not fixed since: each one's row from that night.

        Measured against each finding's own last sighting, not only the previous run, so a page that failed one
        night neither fixes its findings nor makes them "reappear" when it is audited again.
        """
        return {r["id"]: r for r in self.db.query(
            "select f.* from tracked t join findings f on f.id = t.id and f.run_id = t.last_run_id "
            "where t.portal = ? and t.last_run_id < ? and not exists ("
            "  select 1 from findings x where x.id = t.id and x.status = 'fixed' and x.run_id > t.last_run_id)",
            [portal, run_id])}

    def _settle(self, run_id: int, portal: str, now: str, waivers: dict, collapsed: bool = False,
                absent_is_gone: bool = False) -> None:
        before = self._still_online(run_id, portal)
        # A page skipped as the duplicate of another was audited under that URL: its own old findings are settled.
        audited = {r["url"] for r in self.db.query(
            "select url from pages where run_id = ? and portal = ? and (outcome = 'audited' or same_as is not null) "
            "union all "
            "select url from images where run_id = ? and portal = ? and text_status = ''", [run_id, portal] * 2)}
        statuses = ",".join(map(str, GONE_STATUSES))
        gone = {r["url"] for r in self.db.query(
            f"select url from pages where run_id = ? and portal = ? and outcome = 'failed' "
            f"and http_status in ({statuses}) union all select url from images where run_id = ? and portal = ? "
            f"and outcome = 'failed' and http_status in ({statuses})", [run_id, portal] * 2)}
        if absent_is_gone:  # an account's export is whole: a post it no longer holds was deleted
            listed = {r["url"] for r in self.db.query("select url from pages where run_id = ? and portal = ?",
                                                      [run_id, portal])}
            gone |= {row["url"] for row in before.values() if row["url"] not in listed}
        unchecked = self._unchecked_images(run_id, portal)
        current = list(self.db.query("select id, url, rule from findings where run_id = ? and portal = ?",
                                     [run_id, portal]))
        ids = [c["id"] for c in current]
        tracked = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            tracked.update({t["id"]: t for t in self.db.query(
                f"select * from tracked where id in ({','.join('?' * len(part))})", part)})
        updates, rows = [], []
        for c in current:
            t = tracked.get(c["id"])
            reopened = 0
            if t is None:
                status, first_seen = "new", now
            else:
                first_seen = t["first_seen"]
                status = "open"
                if c["id"] not in before and t["last_run_id"] < run_id:
                    reopened = 1  # it was fixed after its last sighting and came back
            if c["id"] in waivers:
                status = "waived"
            updates.append((status, first_seen, now, reopened, run_id, c["id"]))
            rows.append({
                "id": c["id"], "portal": portal, "url": c["url"], "rule": c["rule"], "first_seen": first_seen,
                "last_seen": now, "last_run_id": run_id,
                "times_reopened": ((t["times_reopened"] or 0) if t else 0) + reopened,
            })
        if updates:
            self.db.conn.executemany("update findings set status = ?, first_seen = ?, last_seen = ?, reopened = ? "
                                     "where run_id = ? and id = ?", updates)
            self.db["tracked"].upsert_all(rows, pk="id")
        present = set(ids)
        if collapsed:  # tonight proves nothing about what was not seen: kept as it was, and shown
            kept = []
            for fid, row in before.items():
                if fid in present:
                    continue
                row = dict(row)
                data = json.loads(row.get("data") or "{}")
                data["not_reached"] = True
                row.update(run_id=run_id, status="waived" if fid in waivers else "open", reopened=0,
                           data=json.dumps(data, ensure_ascii=False))
                kept.append(row)
            if kept:
                self.db["findings"].insert_all(kept, pk=("run_id", "id"), replace=True)
            return
        fixed = []
        for fid, row in before.items():
            if fid in present or (row["url"] not in audited and row["url"] not in gone):
                continue  # a page that was not audited tonight proves nothing about its findings
            if row["rule"] == IMAGE_RULE and row["evidence"] in unchecked.get(row["url"], {}):
                continue  # nor does an image whose pixels could not be checked tonight
            row = dict(row)
            row.update(run_id=run_id, status="fixed", reopened=0)
            fixed.append(row)
        if fixed:
            self.db["findings"].insert_all(fixed, pk=("run_id", "id"), replace=True)

    # official accounts' posts --------------------------------------------------------------------------------
    def add_posts(self, run_id: int, rows: list[dict]) -> None:
        """Record imported posts (account, url, key, created_at, kind, location, in_veda, text, media, rules,
        findings) in one transaction."""
        with self.db.atomic():
            self._upsert("posts", ("run_id", "url"), [{**r, "run_id": run_id} for r in rows])

    def posts(self, run_id: int, account: str | None = None, in_veda: bool | None = None,
              limit: int | None = None) -> list[dict]:
        """A social run's posts, oldest first; `rules`: what their audit found (for posts outside the veda, what it
        would have found)."""
        sql, args = "select * from posts where run_id = ?", [run_id]
        if account:
            sql += " and account = ?"
            args.append(account)
        if in_veda is not None:
            sql += " and in_veda = ?"
            args.append(int(in_veda))
        sql += " order by created_at, url"
        if limit is not None:
            sql += " limit ?"
            args.append(limit)
        return [dict(r, rules=json.loads(r["rules"] or "[]"), media=json.loads(r["media"] or "[]"))
                for r in self.db.query(sql, args)]

    def post_counts(self, run_id: int, account: str) -> dict:
        """Posts of a social run by kind and veda: {'total', 'in_veda', 'outside', 'replies', 'outside_flagged'}."""
        row = next(self.db.query(
            "select count(*) as total, coalesce(sum(in_veda), 0) as in_veda, "
            "coalesce(sum(kind = 'reply'), 0) as replies, "
            "coalesce(sum(in_veda = 0 and rules != '[]'), 0) as outside_flagged "
            "from posts where run_id = ? and account = ?", [run_id, account]))
        return {**row, "outside": row["total"] - row["in_veda"]}

    # beyond one machine (SPEC §12) ------------------------------------------------------------------------
    def _columns(self, table: str) -> str:
        return ", ".join(f"[{r['name']}]" for r in self.db.query(f"select name from pragma_table_info('{table}')"))

    def _copy(self, table: str, source: str, target: str, where: str = "", args=(), verb: str = "insert",
              conflict: str = "") -> int:
        cols = self._columns(table)
        sql = f"{verb} into {target}.[{table}] ({cols}) select {cols} from {source}.[{table}] as t {where} {conflict}"
        return self.db.execute(sql, list(args)).rowcount

    def _attached(self, path: Path, name: str):
        """`path` attached to this connection as `name` (outside any transaction, as SQLite requires)."""
        store = self

        class Attached:
            def __enter__(self):
                store.db.execute(f"attach database ? as {name}", [str(path)])
                return self

            def __exit__(self, *exc):
                store.db.conn.commit()
                store.db.execute(f"detach database {name}")
                return False

        return Attached()

    def write_seed(self, target: Path, portal: str, run_id: int) -> None:
        """What a worker's crawl of `portal` for `run_id` reads from the database, copied into the fresh database
        `target` (same schema): the runs, the portal's incremental cache, its images' last rows with their text
        findings and cached analyses, what it still has online (the evidence watch list) and its latest response
        captures (what revisit records refer to). Nothing else of the coordinator's database leaves it."""
        from blindaje.store.db import open_db

        open_db(Path(target)).close()
        with self._attached(target, "seed"):
            with self.db.atomic():
                self._copy("runs", "main", "seed", "where id <= ?", [run_id])
                self._copy("page_cache", "main", "seed", "where portal = ?", [portal])
                self._copy("images", "main", "seed", "where portal = ? and run_id = (select max(i.run_id) from "
                           "main.images i where i.url = t.url and i.portal = t.portal)", [portal])
                self._copy("findings", "main", "seed", "where portal = ? and exists (select 1 from seed.images i "
                           "where i.run_id = t.run_id and i.url = t.url)", [portal], verb="insert or ignore")
                self._copy("image_analyses", "main", "seed", "where hash in (select content_hash from seed.images)")
                self._copy("tracked", "main", "seed", "where portal = ?", [portal])
                self._copy("findings", "main", "seed", "where portal = ? and status = 'fixed' and exists (select 1 "
                           "from main.tracked r where r.id = t.id and t.run_id > r.last_run_id)", [portal],
                           verb="insert or ignore")
                self._copy("captures", "main", "seed", "where portal = ? and kind = 'response' and run_id = (select "
                           "max(c.run_id) from main.captures c where c.url = t.url and c.kind = 'response' and "
                           "c.payload_sha256 = t.payload_sha256)", [portal])

    def record_job(self, run_id: int, portal: str, job_id: str, *, state: str, at: str, detail: str = "") -> None:
        """A portal's job of a queued run was enqueued (again: `attempts` counts), failed, or was given up."""
        with self.db.atomic():
            self.db.execute(
                "insert into queue_jobs (run_id, portal, job_id, state, detail, enqueued_at, attempts) "
                "values (?, ?, ?, ?, ?, ?, 1) on conflict (run_id, portal) do update set job_id = excluded.job_id, "
                "state = excluded.state, detail = excluded.detail, attempts = attempts + "
                "(excluded.job_id != queue_jobs.job_id)", [run_id, portal, job_id, state, detail, at])

    def queue_jobs(self, run_id: int) -> list[dict]:
        return list(self.db.query("select * from queue_jobs where run_id = ? order by portal", [run_id]))

    def ingest(self, run_id: int, portal: str, job_id: str, source: Path, at: str) -> bool:
        """A worker's result (its scratch database `source`) for one portal of a queued run, copied into the run in
        one transaction: the portal's pages, findings, images, captures, refreshed cache entries, page bodies,
        image bytes and analyses. Once per portal and run: False (nothing written) when it was ingested already."""
        with self._attached(Path(source), "job"):
            with self.db.atomic():
                done = list(self.db.query("select job_id from queue_jobs where run_id = ? and portal = ? and "
                                          "ingested_at is not null", [run_id, portal]))
                if done:
                    return False
                # As on one machine (add_pages): a URL two portals both record (a link out of scope) is kept once,
                # from the first portal by name, whichever result comes first.
                columns = [r["name"] for r in self.db.query("select name from pragma_table_info('pages')")]
                self._copy("pages", "job", "main", "where run_id = ? and portal = ?", [run_id, portal],
                           conflict="on conflict (run_id, url) do update set " + ", ".join(
                               f"[{c}] = excluded.[{c}]" for c in columns if c not in ("run_id", "url"))
                           + " where excluded.portal < pages.portal")
                for table in ("findings", "images", "captures", "page_cache"):
                    self._copy(table, "job", "main", "where run_id = ? and portal = ?", [run_id, portal],
                               verb="insert or replace")
                for table in ("bodies", "blobs", "image_analyses"):
                    self._copy(table, "job", "main", verb="insert or ignore")
                self.db.execute(
                    "insert into queue_jobs (run_id, portal, job_id, state, detail, enqueued_at, ingested_at, attempts) "
                    "values (?, ?, ?, 'ingested', '', ?, ?, 1) on conflict (run_id, portal) do update set "
                    "job_id = excluded.job_id, state = 'ingested', detail = '', ingested_at = excluded.ingested_at",
                    [run_id, portal, job_id, at, at])
        return True

    # reading findings -----------------------------------------------------------------------------------
    def findings(self, run_id: int, portal: str | None = None, statuses: tuple[str, ...] | None = None) -> list[dict]:
        """A run's findings, most severe first per page, each with its waiver (if any) and times reopened."""
        sql = ("select f.*, w.reason as waiver_reason, w.by as waiver_by, w.until as waiver_until, "
               "w.created_at as waiver_created_at, t.times_reopened as times_reopened "
               "from findings f left join waivers w on w.finding_id = f.id left join tracked t on t.id = f.id "
               "where f.run_id = ?")
        args: list = [run_id]
        if portal:
            sql += " and f.portal = ?"
            args.append(portal)
        if statuses:
            sql += f" and f.status in ({','.join('?' * len(statuses))})"
            args.extend(statuses)
        sql += (" order by f.portal, f.url, case f.severity when 'high' then 0 when 'medium' then 1 else 2 end, "
                "f.rule, f.id")
        out = []
        for r in self.db.query(sql, args):
            r["data"] = json.loads(r["data"] or "{}")
            out.append(r)
        return out

    def export_findings(self, run_id: int) -> list[dict]:
        return [{k: r[k] for k in EXPORT_FIELDS} for r in self.findings(run_id)]

    def pages(self, run_id: int, portal: str | None = None, outcomes: tuple[str, ...] | None = None,
              limit: int | None = None) -> list[dict]:
        sql = "select * from pages where run_id = ?"
        args: list = [run_id]
        if portal:
            sql += " and portal = ?"
            args.append(portal)
        if outcomes:
            sql += f" and outcome in ({','.join('?' * len(outcomes))})"
            args.extend(outcomes)
        sql += " order by portal, url"
        if limit is not None:
            sql += " limit ?"
            args.append(limit)
        out = []
        for r in self.db.query(sql, args):
            r["exceptions"] = json.loads(r["exceptions"] or "[]")
            out.append(r)
        return out

    def export_pages(self, run_id: int) -> list[dict]:
        return [{k: r[k] for k in PAGE_FIELDS} for r in self.pages(run_id)]

    def problem_pages(self, run_id: int, portal: str | None = None, limit: int | None = None) -> list[dict]:
        """Pages not audited (failed first, then skipped), with their reasons."""
        sql, args = "select * from pages where run_id = ? and outcome != 'audited'", [run_id]
        if portal:
            sql += " and portal = ?"
            args.append(portal)
        sql += " order by outcome, portal, reason, url"
        if limit is not None:
            sql += " limit ?"
            args.append(limit)
        return list(self.db.query(sql, args))

    def twins(self, run_id: int, portal: str) -> dict[str, list[str]]:
        """Audited URL -> the other URLs that served the same body in the run (skipped as its duplicates)."""
        out: dict[str, list[str]] = {}
        for r in self.db.query("select url, same_as from pages where run_id = ? and portal = ? and same_as is not null "
                               "order by url", [run_id, portal]):
            out.setdefault(r["same_as"], []).append(r["url"])
        return out

    def linked_from(self, run_id: int, portal: str | None = None) -> dict[str, str]:
        """Files (documents, images whose text was read) -> the page that links or shows them, for the reports."""
        where, args = ("run_id = ? and portal = ?", [run_id, portal]) if portal else ("run_id = ?", [run_id])
        rows = self.db.query(f"select url, page_url as parent from images where {where} and text_status is not null "
                             f"union all select url, linked_from as parent from pages where {where} "
                             "and linked_from is not null", args + args)
        return {r["url"]: r["parent"] for r in rows}

    def partly_read(self, run_id: int, portal: str | None = None, limit: int = 2000) -> list[dict]:
        """Audited documents with parts not read (a bound, image-only pages without OCR): url, portal, unread."""
        where, args = ("run_id = ? and portal = ?", [run_id, portal]) if portal else ("run_id = ?", [run_id])
        return [{**r, "unread": json.loads(r["unread"])} for r in self.db.query(
            f"select portal, url, unread from pages where {where} and outcome = 'audited' and unread is not null "
            "and unread != '[]' order by portal, url limit ?", args + [limit])]

    def page_titles(self, run_id: int, portal: str | None = None) -> dict[str, str]:
        sql, args = "select url, title from pages where run_id = ? and title is not null and title != ''", [run_id]
        if portal:
            sql += " and portal = ?"
            args.append(portal)
        return {r["url"]: r["title"] for r in self.db.query(sql, args)}

    def coverage(self, run_id: int) -> list[dict]:
        """Pages per portal, outcome and reason (failures and skips grouped by reason), most frequent first."""
        return list(self.db.query(
            "select portal, outcome, coalesce(reason, '') as reason, count(*) as n from pages where run_id = ? "
            "group by portal, outcome, coalesce(reason, '') order by portal, outcome, n desc, reason", [run_id]))

    def summary(self, run_id: int) -> dict:
        """Counts a report shows: by status, rule, severity and portal (present = not fixed); outcomes, reasons."""
        rows = list(self.db.query(
            "select portal, rule, severity, status, sum(reopened) as reopened, count(*) as n from findings "
            "where run_id = ? group by portal, rule, severity, status", [run_id]))
        out = {k: Counter() for k in ("status", "rule", "severity", "portal", "rule_severity", "portal_severity",
                                      "active_rule_severity", "portal_status", "outcome", "reasons", "portal_outcome")}
        out["reopened"] = 0
        for r in rows:
            n = r["n"]
            out["status"][r["status"]] += n
            out["portal_status"][(r["portal"], r["status"])] += n
            out["reopened"] += r["reopened"] or 0
            if r["status"] != "fixed":
                out["rule"][r["rule"]] += n
                out["severity"][r["severity"]] += n
                out["portal"][r["portal"]] += n
                out["rule_severity"][(r["rule"], r["severity"])] += n
            if r["status"] in ("new", "open"):
                out["active_rule_severity"][(r["rule"], r["severity"])] += n
                out["portal_severity"][(r["portal"], r["severity"])] += n
        out["requested"] = next(self.db.query(  # fetched or attempted: everything but URLs never requested
            "select count(*) as n from pages where run_id = ? and (outcome != 'skipped' or http_status is not null)",
            [run_id]))["n"]
        for c in self.coverage(run_id):
            out["outcome"][c["outcome"]] += c["n"]
            out["portal_outcome"][(c["portal"], c["outcome"])] += c["n"]
            if c["outcome"] != "audited":
                out["reasons"][c["reason"]] += c["n"]
        return out

    def expired_waivers(self, run_id: int) -> list[dict]:
        """Findings of the run whose waiver ended before the run's date: they count again (status open)."""
        return [dict(r, data=json.loads(r["data"] or "{}")) for r in self.db.query(
            "select f.*, w.reason as waiver_reason, w.by as waiver_by, w.until as waiver_until, "
            "w.created_at as waiver_created_at from findings f join waivers w on w.finding_id = f.id "
            "join runs r on r.id = f.run_id where f.run_id = ? and f.status in ('new', 'open') "
            "and w.until is not null and w.until != '' and w.until < r.run_date order by f.portal, f.url", [run_id])]

    def trend(self, portals: list[str] | None = None, limit: int = 60, upto: int | None = None) -> list[dict]:
        """Per finished run up to `upto`: findings present (new or open), new, fixed and waived, oldest first."""
        where, args = ["r.status != 'running'"], []
        if upto is not None:
            where.append("r.id <= ?")
            args.append(upto)
        join = "f.run_id = r.id"
        if portals:
            join += f" and f.portal in ({','.join('?' * len(portals))})"
            args = [*portals, *args]
        rows = list(self.db.query(
            "select r.id, r.run_date, r.started_at, r.status, "
            "coalesce(sum(case when f.status in ('new','open') then 1 else 0 end), 0) as present, "
            "coalesce(sum(case when f.status = 'new' then 1 else 0 end), 0) as new, "
            "coalesce(sum(case when f.status = 'fixed' then 1 else 0 end), 0) as fixed, "
            "coalesce(sum(case when f.status = 'waived' then 1 else 0 end), 0) as waived, "
            + ", ".join(f"coalesce(sum(case when f.status in ('new','open') and f.severity = '{s}' then 1 else 0 end), "
                        f"0) as {s}" for s in ("high", "medium", "low")) + " "
            f"from runs r left join findings f on {join} where {' and '.join(where)} "
            "group by r.id order by r.id desc limit ?", [*args, limit]))
        return list(reversed(rows))

    def portal_pages(self, run_id: int) -> dict[str, dict]:
        """Per portal of a run: pages audited, and those of them with findings to fix (new or open)."""
        return {r["portal"]: r for r in self.db.query(
            "select p.portal, count(*) as audited, sum(exists(select 1 from findings f where f.run_id = p.run_id "
            "and f.url = p.url and f.status in ('new', 'open'))) as flagged from pages p "
            "where p.run_id = ? and p.outcome = 'audited' group by p.portal", [run_id])}

    def run_status_counts(self) -> dict[int, Counter]:
        """Findings per run and status (for the index of all runs): each run's figures as stored when it finished
        (later waivers do not change an earlier night's row); counted from its rows for runs finished before."""
        out: dict[int, Counter] = {}
        for r in self.db.query("select run_id, status, count(*) as n from findings group by run_id, status"):
            out.setdefault(r["run_id"], Counter())[r["status"]] = r["n"]
        for r in self.db.query("select id, counts from runs where counts is not null"):
            out[r["id"]] = Counter({k: v for k, v in json.loads(r["counts"]).items()
                                    if k in ("new", "open", "fixed", "waived")})
        return out

    # waivers --------------------------------------------------------------------------------------------
    def finding_exists(self, finding_id: str) -> bool:
        return bool(list(self.db.query("select 1 from tracked where id = ? union select 1 from findings where id = ?",
                                       [finding_id, finding_id])))

    def waive(self, finding_id: str, *, reason: str, by: str, created_at: str, until: str | None) -> dict | None:
        """Record (or replace) a waiver, keeping every decision in waiver_history; return the waiver it replaces.

        A finished night's rows are not changed: the waiver takes effect from the next run, and the reports show it
        as a later decision (issue 21: a run's figures are a snapshot of that night).
        """
        with self.db.atomic():
            before = list(self.db.query("select * from waivers where finding_id = ?", [finding_id]))
            self.db["waivers"].upsert({"finding_id": finding_id, "reason": reason, "by": by,
                                       "created_at": created_at, "until": until or ""}, pk="finding_id")
            self.db["waiver_history"].insert({"finding_id": finding_id, "action": "waive", "reason": reason,
                                              "by": by, "created_at": created_at, "until": until or ""})
        return before[0] if before else None

    def revoke(self, finding_id: str, *, by: str, created_at: str, reason: str = "") -> dict | None:
        """End a waiver now (the finding counts again from the next run); the revoked waiver, or None if none."""
        with self.db.atomic():
            before = list(self.db.query("select * from waivers where finding_id = ?", [finding_id]))
            if not before:
                return None
            self.db.execute("delete from waivers where finding_id = ?", [finding_id])
            self.db["waiver_history"].insert({"finding_id": finding_id, "action": "revoke", "reason": reason,
                                              "by": by, "created_at": created_at, "until": ""})
        return before[0]

    def waivers(self) -> list[dict]:
        """The waivers in force (or expired, not revoked), newest first, with the finding's portal, URL, rule and
        the evidence that was waived."""
        return list(self.db.query(
            "select w.*, t.portal, t.url, t.rule, (select f.evidence from findings f where f.id = w.finding_id "
            "order by f.run_id desc limit 1) as evidence from waivers w left join tracked t on t.id = w.finding_id "
            "order by w.created_at desc"))

    def waiver_history(self) -> list[dict]:
        """Every waive and revoke decision, oldest first, with the finding's portal, URL, rule and evidence."""
        return list(self.db.query(
            "select h.*, t.portal, t.url, t.rule, (select f.evidence from findings f where f.id = h.finding_id "
            "order by f.run_id desc limit 1) as evidence from waiver_history h "
            "left join tracked t on t.id = h.finding_id order by h.id"))

    def expiring_waivers(self, on_date: str, days: int = 7) -> list[dict]:
        """Waivers whose last day falls within `days` days from `on_date` (inclusive), soonest first."""
        import datetime as dt

        end = (dt.date.fromisoformat(on_date) + dt.timedelta(days=days)).isoformat()
        return [w for w in sorted(self.waivers(), key=lambda w: (w["until"] or "", w["finding_id"]))
                if w["until"] and on_date <= w["until"] <= end]

    def open_findings(self, on_date: str, *, rule: str | None = None, portal: str | None = None) -> list[dict]:
        """Findings still online and not waived on `on_date` (new or open on their latest sighting, not fixed
        since, no waiver in force)."""
        sql = ("select f.* from tracked t join findings f on f.id = t.id and f.run_id = t.last_run_id "
               "where f.status in ('new', 'open') and not exists (select 1 from findings x where x.id = t.id "
               "and x.status = 'fixed' and x.run_id > t.last_run_id) "
               "and not exists (select 1 from waivers w where w.finding_id = t.id and (w.until = '' or w.until is "
               "null or w.until >= ?))")
        args: list = [on_date]
        if rule:
            sql += " and f.rule = ?"
            args.append(rule)
        if portal:
            sql += " and f.portal = ?"
            args.append(portal)
        return list(self.db.query(sql + " order by f.portal, f.url, f.id", args))
