"""The store on a temporary SQLite file: migrations, the findings' lifecycle night by night, waivers, caches."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zlib

import pytest

from blindaje.audit.model import FindingRecord
from blindaje.audit.portraits import Analysis, Refused, analysis_from_row
from blindaje.audit.reasons import Reason
from blindaje.store import Store, open_db
from blindaje.store.db import migrations
from blindaje.store.queries import ZSTD_MAGIC
from blindaje.store.records import CacheEntry, ImageRecord, PageRecord

URL = "https://alfa.gob.mx/"


def finding(page: str, rule: str, evidence: str) -> FindingRecord:
    url = URL + page
    return FindingRecord.from_row({
        "id": hashlib.sha256(f"{rule}|{url}|{evidence}".encode()).hexdigest()[:16], "portal": "alfa", "url": url,
        "rule": rule, "severity": "high", "evidence": evidence, "location": "p", "kind": "p", "context": "",
        "message": "Retire el contenido.", "legal_basis": "Art. 134 CPEUM", "grp": "violation", "data": {}})


NAME = finding("nota", "official-name", "Ariadna Montiel")
BOAST = finding("nota", "achievement-language", "inauguramos")
SLOGAN = finding("otra", "propaganda", "Avanza Contigo")


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(open_db(tmp_path / "blindaje.db"))


def night(store: Store, date: str, pages: dict, failed: dict | None = None) -> int:
    """One finished run: `pages` maps a page to its findings (audited); `failed` maps a page to its HTTP status."""
    at = f"{date}T02:30:00-06:00"
    run_id = store.start_run(started_at=at, run_date=date, portals=["alfa"], forced=False, version="t",
                             rules_fingerprint="r")
    for page, findings in pages.items():
        store.add_page(run_id, PageRecord("alfa", URL + page, "audited", http_status=200, fetched_at=at), findings)
    for page, status in (failed or {}).items():
        store.add_page(run_id, PageRecord("alfa", URL + page, "failed", f"HTTP {status}" if status else "timeout",
                                          http_status=status, fetched_at=at))
    store.finish_run(run_id, finished_at=f"{date}T02:45:00-06:00", status="complete")
    return run_id


def statuses(store: Store, run_id: int) -> dict[str, str]:
    return {f["id"]: f["status"] for f in store.findings(run_id)}


def test_migrations_apply_once_and_the_database_is_wal(tmp_path):
    db = open_db(tmp_path / "d" / "blindaje.db")
    tables = set(db.table_names())
    assert {"runs", "pages", "findings", "tracked", "waivers", "page_cache", "image_analyses", "blobs"} <= tables
    applied = list(db.query("select name from _sqlite_migrations"))
    db.conn.close()
    again = open_db(tmp_path / "d" / "blindaje.db")
    assert list(again.query("select name from _sqlite_migrations")) == applied
    names = [r["name"] for r in applied]
    assert names == [m.name for m in migrations._migrations] and names == sorted(names)  # all, in numbered order
    assert again.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert again.execute("pragma foreign_keys").fetchone()[0] == 1


def test_lifecycle_new_open_fixed_and_reopened(store):
    one = night(store, "2027-04-05", {"nota": [NAME, BOAST], "otra": [SLOGAN]})
    assert statuses(store, one) == {NAME.id: "new", BOAST.id: "new", SLOGAN.id: "new"}
    assert store.run(one)["findings_total"] == 3 and store.run(one)["pages_audited"] == 2

    two = night(store, "2027-04-06", {"nota": [NAME, BOAST], "otra": [SLOGAN]})
    assert set(statuses(store, two).values()) == {"open"}
    assert {f["first_seen"] for f in store.findings(two)} == {"2027-04-05T02:45:00-06:00"}  # night 1 settled

    # the boast is removed; the other page times out, which proves nothing about its slogan
    three = night(store, "2027-04-07", {"nota": [NAME]}, failed={"otra": None})
    assert statuses(store, three) == {NAME.id: "open", BOAST.id: "fixed"}
    assert store.run(three)["findings_total"] == 1

    # the slogan's page answers again (still there: open, never fixed), the boast comes back (reopened)
    four = night(store, "2027-04-08", {"nota": [NAME, BOAST], "otra": [SLOGAN]})
    assert statuses(store, four) == {NAME.id: "open", BOAST.id: "open", SLOGAN.id: "open"}
    by_id = {f["id"]: f for f in store.findings(four)}
    assert (by_id[BOAST.id]["reopened"], by_id[BOAST.id]["times_reopened"]) == (1, 1)
    assert (by_id[SLOGAN.id]["reopened"], by_id[SLOGAN.id]["times_reopened"]) == (0, 0)
    assert [t["present"] for t in store.trend()] == [3, 3, 1, 3]


def test_a_page_that_is_gone_fixes_its_findings(store):
    night(store, "2027-04-05", {"nota": [NAME], "otra": [SLOGAN]})
    two = night(store, "2027-04-06", {"nota": [NAME]}, failed={"otra": 404})
    assert statuses(store, two) == {NAME.id: "open", SLOGAN.id: "fixed"}
    three = night(store, "2027-04-07", {"nota": [NAME]}, failed={"otra": 500})
    assert statuses(store, three) == {NAME.id: "open"}, "fixed once, not again every night"


def test_waivers_cover_their_nights_and_expire(store):
    one = night(store, "2027-04-05", {"nota": [NAME, BOAST]})
    assert not store.finding_exists("0" * 16) and store.finding_exists(NAME.id)
    store.waive(NAME.id, reason="Nota informativa revisada", by="unidad", created_at="2027-04-05T09:00:00-06:00",
                until="2027-04-06")
    store.waive(BOAST.id, reason="Aviso de protección civil", by="enlace", created_at="2027-04-05T09:05:00-06:00",
                until=None)
    # issue 21 item 3: a finished night is not rewritten; the waivers take effect from the next run
    assert statuses(store, one) == {NAME.id: "new", BOAST.id: "new"}, "a later decision, not a change to that night"
    assert store.run(one)["counts"]["new"] == 2 and store.run(one)["counts"]["waived"] == 0
    listed = {w["finding_id"]: w for w in store.waivers()}
    assert (listed[NAME.id]["by"], listed[NAME.id]["url"], listed[NAME.id]["until"]) == (
        "unidad", URL + "nota", "2027-04-06")
    assert set(store.active_waivers("2027-04-07")) == {BOAST.id}

    two = night(store, "2027-04-06", {"nota": [NAME, BOAST]})
    assert set(statuses(store, two).values()) == {"waived"}
    three = night(store, "2027-04-07", {"nota": [NAME, BOAST]})
    assert statuses(store, three) == {NAME.id: "open", BOAST.id: "waived"}
    assert [f["id"] for f in store.expired_waivers(three)] == [NAME.id]
    assert store.run(three)["findings_total"] == 2, "a waived finding is still online: it counts"


def test_a_run_left_running_by_a_dead_process_is_marked_interrupted(store):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    orphan = store.start_run(started_at="2027-04-05T02:30:00-06:00", run_date="2027-04-05", portals=["alfa"],
                             forced=False, version="t", rules_fingerprint="r", pid=int(dead))
    mine = store.start_run(started_at="2027-04-05T02:31:00-06:00", run_date="2027-04-05", portals=["alfa"],
                           forced=False, version="t", rules_fingerprint="r", pid=os.getpid())
    assert store.latest_run_id() is None and store.latest_run_id(finished_only=False) == mine
    assert store.recover_interrupted("2027-04-05T03:00:00-06:00") == [orphan]
    assert (store.run(orphan)["status"], store.run(mine)["status"]) == ("interrupted", "running")
    # Under the run lock no run can be in progress: one whose PID is alive again (reused: a container's PID 1) is
    # stale too.
    assert store.recover_interrupted("2027-04-05T03:05:00-06:00", locked=True) == [mine]
    assert store.run(mine)["status"] == "interrupted"


def test_pages_written_in_one_batch_are_all_kept_or_none(store):
    run_id = night(store, "2027-04-05", {})
    cache = CacheEntry("k", '"1"', "", [URL + "c"])
    store.add_pages(run_id, [(PageRecord("alfa", URL + "nota", "audited", content_hash="aa" * 32), [NAME, BOAST],
                              b"<html>", cache),
                             (PageRecord("alfa", URL + "x", "failed", "timeout"), [], None, None)])
    assert {p["url"]: p["findings"] for p in store.pages(run_id)} == {URL + "nota": 2, URL + "x": 0}
    assert {f["id"] for f in store.findings(run_id)} == {NAME.id, BOAST.id} and store.body("aa" * 32) == b"<html>"
    assert [f["id"] for f in store.cached_page("alfa", URL + "nota").findings] == [NAME.id, BOAST.id]
    # the same page again updates its row (an upsert), as one page at a time did
    store.add_pages(run_id, [(PageRecord("alfa", URL + "x", "audited", title="Ahora sí"), [SLOGAN], None, None)])
    assert {p["url"]: (p["outcome"], p["title"]) for p in store.pages(run_id)}[URL + "x"] == ("audited", "Ahora sí")
    with pytest.raises(Exception):  # the second page cannot be written: the first one is not kept either
        store.add_pages(run_id, [(PageRecord("alfa", URL + "y", "audited"), [], None, None),
                                 (PageRecord("alfa", URL + "z", "audited", title=object()), [], None, None)])
    assert {p["url"] for p in store.pages(run_id)} == {URL + "nota", URL + "x"}


def test_page_cache_bodies_and_image_analyses(store):
    run_id = night(store, "2027-04-05", {})
    assert not store.has_cache(["alfa", "beta"])  # a first night: the crawl starts its workers' server at once
    body = "<html><body>Inauguramos</body></html>".encode()
    digest = hashlib.sha256(body).hexdigest()
    for url in ("a", "b"):  # two URLs, the same bytes: kept once
        store.add_page(run_id, PageRecord("alfa", URL + url, "audited", content_hash=digest, title="Nota",
                                          exceptions=["transparency"]), [NAME], body=body,
                       cache=CacheEntry("k", '"1"', "", [URL + "c"]))
    assert store.body(digest) == body
    assert store.db.execute("select count(*) from bodies").fetchone()[0] == 1
    assert store.db.execute("select body from bodies").fetchone()[0].startswith(ZSTD_MAGIC)
    # a body an earlier version stored (a zlib stream) is read as well
    store.db.execute("insert into bodies (hash, body, size) values (?, ?, ?)", ["bb" * 32, zlib.compress(body), 9])
    assert store.body("bb" * 32) == body and store.body("cc" * 32) is None
    assert store.validators("alfa")[URL + "a"] == ('"1"', "", digest, "k") and store.validators("beta") == {}
    assert store.has_cache(["beta", "alfa"]) and not store.has_cache(["beta"]) and not store.has_cache([])
    cached = store.cached_page("alfa", URL + "b")
    assert (cached.links, cached.title, cached.exceptions) == ([URL + "c"], "Nota", ["transparency"])
    assert [f["id"] for f in cached.findings] == [NAME.id] and store.cached_page("alfa", URL + "z") is None

    image = b"\x89PNG fake bytes"
    image_hash = hashlib.sha256(image).hexdigest()
    analysis = Analysis("00000000000000ff", 8, 8, [], "checked")
    store.add_image(run_id, ImageRecord("alfa", URL + "f.png", URL + "a", "audited", content_hash=image_hash), image,
                    (image_hash, "v1", analysis.to_row()))
    store.add_image(run_id, ImageRecord("alfa", URL + "g.png", URL + "a", "skipped", Reason.TOO_MANY_PIXELS), None,
                    ("ee" * 32, "v1", Refused(Reason.TOO_MANY_PIXELS).to_row()))
    assert store.blob(image_hash) == image
    cached_analysis = analysis_from_row(store.image_analysis(image_hash, "v1"))
    assert isinstance(cached_analysis, Analysis)
    assert (cached_analysis.phash, cached_analysis.faces) == ("00000000000000ff", [])
    refused = analysis_from_row(store.image_analysis("ee" * 32, "v1"))
    assert isinstance(refused, Refused) and refused == "too many pixels"
    assert store.image_analysis(image_hash, "v2") is None, "another analyser version analyses again"
    with pytest.raises(ValueError, match="does not match"):
        store.add_blob("00" * 32, image)


def test_a_nights_figures_are_a_snapshot_later_waivers_are_later_events(store):
    """Issue 21 item 3: an earlier night's row in the index does not change after waivers (87 new / 0 waived)."""
    one = night(store, "2027-04-05", {"nota": [NAME, BOAST], "otra": [SLOGAN]})
    before = store.run_status_counts()[one]
    assert (before["new"], before["waived"]) == (3, 0)
    store.waive(NAME.id, reason="Revisado", by="unidad", created_at="2027-04-05T09:00:00-06:00", until=None)
    store.waive(BOAST.id, reason="Revisado", by="unidad", created_at="2027-04-05T09:01:00-06:00", until=None)
    assert store.run_status_counts()[one] == before, "the night's row as it was"
    assert store.run(one)["counts"] == {"new": 3, "open": 0, "fixed": 0, "waived": 0, "reopened": 0,
                                        "expired_waivers": 0}
    assert {f["status"] for f in store.export_findings(one)} == {"new"}
    two = night(store, "2027-04-06", {"nota": [NAME, BOAST], "otra": [SLOGAN]})
    assert (store.run_status_counts()[two]["waived"], store.run_status_counts()[two]["open"]) == (2, 1)


def test_waiver_history_revoke_and_expiring(store):
    """Issue 21 item 5: waiving again keeps the history; revoking ends it; waivers ending within 7 days are listed."""
    one = night(store, "2027-04-05", {"nota": [NAME, BOAST]})
    assert store.waive(NAME.id, reason="Primera", by="a", created_at="2027-04-05T09:00:00-06:00",
                       until="2027-04-10") is None
    replaced = store.waive(NAME.id, reason="Segunda", by="b", created_at="2027-04-05T10:00:00-06:00",
                           until="2027-04-20")
    assert (replaced["reason"], replaced["by"]) == ("Primera", "a")
    store.waive(BOAST.id, reason="Aviso", by="c", created_at="2027-04-05T11:00:00-06:00", until="2027-04-12")
    history = store.waiver_history()
    assert [(h["finding_id"], h["action"], h["reason"], h["until"]) for h in history] == [
        (NAME.id, "waive", "Primera", "2027-04-10"), (NAME.id, "waive", "Segunda", "2027-04-20"),
        (BOAST.id, "waive", "Aviso", "2027-04-12")]
    assert history[0]["evidence"] == NAME.evidence and history[0]["url"] == URL + "nota"
    assert [w["finding_id"] for w in store.expiring_waivers("2027-04-05")] == [BOAST.id]  # 04-12 is 7 days on
    assert [w["finding_id"] for w in store.expiring_waivers("2027-04-04")] == []  # 8 days away: not yet
    assert store.open_findings("2027-04-05") == []
    assert store.revoke(BOAST.id, by="c", created_at="2027-04-06T08:00:00-06:00")["reason"] == "Aviso"
    assert store.revoke(BOAST.id, by="c", created_at="2027-04-06T08:00:00-06:00") is None, "nothing left to revoke"
    assert [h["action"] for h in store.waiver_history()][-1] == "revoke"
    assert [f["id"] for f in store.open_findings("2027-04-06")] == [BOAST.id]
    two = night(store, "2027-04-06", {"nota": [NAME, BOAST]})
    assert statuses(store, two) == {NAME.id: "waived", BOAST.id: "open"}, "revoked: it counts again"
    assert one < two


@pytest.mark.parametrize("order", [("alfa", "beta"), ("beta", "alfa")])
def test_a_url_two_portals_reach_is_kept_from_the_first_portal_by_name_in_any_order(tmp_path, order):
    """One machine or many, the crawls finish in any order: an outside link both portals give has one row, the same."""
    store = Store(open_db(tmp_path / "blindaje.db"))
    run_id = store.start_run(started_at="2027-04-05T02:30:00-06:00", run_date="2027-04-05", portals=["alfa", "beta"],
                             forced=False, version="t", rules_fingerprint="x")
    for portal in order:
        store.add_page(run_id, PageRecord(portal, "https://www.facebook.com/x", "skipped", Reason.OUT_OF_SCOPE))
        store.add_page(run_id, PageRecord(portal, f"https://{portal}.gob.mx/", "audited", http_status=200))
    rows = {r["url"]: r["portal"] for r in store.pages(run_id)}
    assert rows == {"https://www.facebook.com/x": "alfa", "https://alfa.gob.mx/": "alfa",
                    "https://beta.gob.mx/": "beta"}
