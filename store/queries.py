"""Every query Blindaje makes: runs, pages, findings and their night-to-night lifecycle, waivers."""
from __future__ import annotations

import json
import os
import zlib
from collections import Counter
from datetime import datetime

from sqlite_utils import Database

EXPORT_FIELDS = ("id", "run_id", "portal", "url", "rule", "severity", "status", "evidence", "location", "message",
                 "legal_basis", "first_seen", "last_seen")
PAGE_FIELDS = ("portal", "url", "final_url", "http_status", "outcome", "reason", "content_hash", "fetched_at")
PRESENT = ("new", "open", "waived")
MAX_BODY_BYTES = 2_000_000


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
    def recover_interrupted(self, now: str) -> list[int]:
        """Runs left 'running' by a process that no longer exists (kill -9, power cut) become 'interrupted'."""
        stale = [r["id"] for r in self.db.query("select id, pid from runs where status = 'running'")
                 if not _pid_alive(r["pid"])]
        with self.db.atomic():
            for run_id in stale:
                self.db["runs"].update(run_id, {"status": "interrupted", "finished_at": now,
                                                "message": "the process stopped before the run finished"})
        return stale

    def start_run(self, *, started_at: str, run_date: str, portals: list[str], forced: bool, version: str,
                  rules_fingerprint: str, processes: list[str] = (), pid: int | None = None) -> int:
        with self.db.atomic():
            table = self.db["runs"].insert({
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
    def add_page(self, run_id: int, page: dict, findings: list[dict] = (), body: bytes | None = None) -> None:
        """Record one page and its findings in one transaction."""
        row = {k: page.get(k) for k in ("portal", "url", "final_url", "http_status", "outcome", "reason",
                                        "content_hash", "fetched_at", "depth", "content_type", "bytes", "title",
                                        "suppressed")}
        row["run_id"] = run_id
        row["exceptions"] = json.dumps(page.get("exceptions") or [])
        row["findings"] = len(findings)
        with self.db.atomic():
            self.db["pages"].upsert(row, pk=("run_id", "url"))
            if findings:
                rows = []
                for f in findings:
                    r = dict(f)
                    r["run_id"] = run_id
                    r["data"] = json.dumps(r.get("data") or {}, ensure_ascii=False)
                    r.setdefault("status", "new")
                    r.setdefault("reopened", 0)
                    rows.append(r)
                self.db["findings"].upsert_all(rows, pk=("run_id", "id"))
            if body is not None and page.get("content_hash") and len(body) <= MAX_BODY_BYTES:
                self.db.execute("insert or ignore into bodies (hash, body, size) values (?, ?, ?)",
                                [page["content_hash"], zlib.compress(body, 6), len(body)])

    def add_image(self, run_id: int, image: dict) -> None:
        with self.db.atomic():
            self.db["images"].upsert({**image, "run_id": run_id}, pk=("run_id", "url"))

    def images(self, run_id: int) -> list[dict]:
        return list(self.db.query("select * from images where run_id = ? order by url", [run_id]))

    def page_urls(self, run_id: int) -> set[str]:
        return {r["url"] for r in self.db.query("select url from pages where run_id = ?", [run_id])}

    def body(self, content_hash: str) -> bytes | None:
        rows = list(self.db.query("select body from bodies where hash = ?", [content_hash]))
        return zlib.decompress(rows[0]["body"]) if rows else None

    # lifecycle ------------------------------------------------------------------------------------------
    def previous_run_of_portal(self, portal: str, run_id: int) -> int | None:
        rows = list(self.db.query(
            "select max(p.run_id) as id from pages p join runs r on r.id = p.run_id "
            "where p.portal = ? and p.run_id < ? and r.status in ('complete', 'incomplete')", [portal, run_id]))
        return rows[0]["id"] if rows and rows[0]["id"] else None

    def active_waivers(self, on_date: str) -> dict[str, dict]:
        return {w["finding_id"]: w for w in self.db.query(
            "select * from waivers where until is null or until = '' or until >= ?", [on_date])}

    def finish_run(self, run_id: int, *, finished_at: str, status: str, message: str = "") -> dict:
        """Settle every finding's status (new, open, fixed, waived) against each portal's previous run; count."""
        run = self.run(run_id)
        waivers = self.active_waivers(run["run_date"] or finished_at[:10])
        with self.db.atomic():
            portals = [r["portal"] for r in self.db.query("select distinct portal from pages where run_id = ?", [run_id])]
            for portal in portals:
                self._settle(run_id, portal, finished_at, waivers)
            counts = {r["outcome"]: r["n"] for r in self.db.query(
                "select outcome, count(*) as n from pages where run_id = ? group by outcome", [run_id])}
            findings = next(self.db.query(
                "select count(*) as n from findings where run_id = ? and status != 'fixed'", [run_id]))["n"]
            self.db["runs"].update(run_id, {
                "finished_at": finished_at, "status": status, "message": message,
                "pages_total": sum(counts.values()), "pages_audited": counts.get("audited", 0),
                "pages_skipped": counts.get("skipped", 0), "pages_failed": counts.get("failed", 0),
                "findings_total": findings,
            })
        return self.run(run_id)

    def _settle(self, run_id: int, portal: str, now: str, waivers: dict) -> None:
        prev = self.previous_run_of_portal(portal, run_id)
        before = {}
        if prev:
            before = {r["id"]: r for r in self.db.query(
                "select * from findings where run_id = ? and portal = ? and status in ('new', 'open', 'waived')",
                [prev, portal])}
        audited = {r["url"] for r in self.db.query(
            "select url from pages where run_id = ? and portal = ? and outcome = 'audited'", [run_id, portal])}
        current = list(self.db.query("select id, url, rule from findings where run_id = ? and portal = ?",
                                     [run_id, portal]))
        ids = [c["id"] for c in current]
        tracked = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            tracked.update({t["id"]: t for t in self.db.query(
                f"select * from tracked where id in ({','.join('?' * len(part))})", part)})
        for c in current:
            t = tracked.get(c["id"])
            reopened = 0
            if t is None:
                status, first_seen = "new", now
            else:
                first_seen = t["first_seen"]
                status = "open"
                if c["id"] not in before:
                    reopened = 1  # it was gone (fixed) and came back
            if c["id"] in waivers:
                status = "waived"
            self.db.execute("update findings set status = ?, first_seen = ?, last_seen = ?, reopened = ? "
                            "where run_id = ? and id = ?", [status, first_seen, now, reopened, run_id, c["id"]])
            self.db["tracked"].upsert({
                "id": c["id"], "portal": portal, "url": c["url"], "rule": c["rule"], "first_seen": first_seen,
                "last_seen": now, "last_run_id": run_id,
                "times_reopened": (t["times_reopened"] if t else 0) + reopened,
            }, pk="id")
        present = set(ids)
        fixed = []
        for fid, row in before.items():
            if fid in present or row["url"] not in audited:
                continue  # a page that was not audited tonight proves nothing about its findings
            row = dict(row)
            row.update(run_id=run_id, status="fixed")
            fixed.append(row)
        if fixed:
            self.db["findings"].insert_all(fixed, pk=("run_id", "id"), replace=True)

    # reading findings -----------------------------------------------------------------------------------
    def findings(self, run_id: int, portal: str | None = None) -> list[dict]:
        sql = "select * from findings where run_id = ?"
        args: list = [run_id]
        if portal:
            sql += " and portal = ?"
            args.append(portal)
        sql += " order by portal, url, case severity when 'high' then 0 when 'medium' then 1 else 2 end, rule, id"
        out = []
        for r in self.db.query(sql, args):
            r["data"] = json.loads(r["data"] or "{}")
            out.append(r)
        return out

    def export_findings(self, run_id: int) -> list[dict]:
        return [{k: r[k] for k in EXPORT_FIELDS} for r in self.findings(run_id)]

    def pages(self, run_id: int, portal: str | None = None) -> list[dict]:
        sql = "select * from pages where run_id = ?"
        args: list = [run_id]
        if portal:
            sql += " and portal = ?"
            args.append(portal)
        out = []
        for r in self.db.query(sql + " order by portal, url", args):
            r["exceptions"] = json.loads(r["exceptions"] or "[]")
            out.append(r)
        return out

    def export_pages(self, run_id: int) -> list[dict]:
        return [{k: r[k] for k in PAGE_FIELDS} for r in self.pages(run_id)]

    def summary(self, run_id: int) -> dict:
        """Counts a report shows: by status, rule, severity and portal; failure reasons."""
        rows = self.findings(run_id)
        pages = self.pages(run_id)
        return {
            "status": Counter(r["status"] for r in rows),
            "rule": Counter(r["rule"] for r in rows if r["status"] != "fixed"),
            "severity": Counter(r["severity"] for r in rows if r["status"] != "fixed"),
            "portal": Counter(r["portal"] for r in rows if r["status"] != "fixed"),
            "outcome": Counter(p["outcome"] for p in pages),
            "reasons": Counter(p["reason"] for p in pages if p["outcome"] != "audited"),
        }

    def trend(self, portals: list[str] | None = None, limit: int = 60) -> list[dict]:
        """Per finished run: findings present (not fixed) and new ones, oldest first."""
        rows = list(self.db.query(
            "select r.id, r.run_date, r.started_at, "
            "sum(case when f.status in ('new','open') then 1 else 0 end) as present, "
            "sum(case when f.status = 'new' then 1 else 0 end) as new, "
            "sum(case when f.status = 'fixed' then 1 else 0 end) as fixed "
            "from runs r left join findings f on f.run_id = r.id where r.status != 'running' "
            "group by r.id order by r.id desc limit ?", [limit]))
        return list(reversed(rows))

    # waivers --------------------------------------------------------------------------------------------
    def finding_exists(self, finding_id: str) -> bool:
        return bool(list(self.db.query("select 1 from tracked where id = ? union select 1 from findings where id = ?",
                                       [finding_id, finding_id])))

    def waive(self, finding_id: str, *, reason: str, by: str, created_at: str, until: str | None) -> None:
        with self.db.atomic():
            self.db["waivers"].upsert({"finding_id": finding_id, "reason": reason, "by": by,
                                       "created_at": created_at, "until": until or ""}, pk="finding_id")
            latest = list(self.db.query("select max(run_id) as r from findings where id = ?", [finding_id]))
            if latest and latest[0]["r"]:
                self.db.execute("update findings set status = 'waived' where run_id = ? and id = ? and status in ('new','open')",
                                [latest[0]["r"], finding_id])

    def waivers(self) -> list[dict]:
        return list(self.db.query(
            "select w.*, t.portal, t.url, t.rule from waivers w left join tracked t on t.id = w.finding_id "
            "order by w.created_at desc"))
