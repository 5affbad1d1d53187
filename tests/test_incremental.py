"""Incremental nights: conditional requests; unchanged pages carry their findings over without re-audit."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
from types import SimpleNamespace

import pytest

from blindaje.demo import SITE, serve_site, write_demo_config
from conftest import blindaje, copy_data

pytestmark = pytest.mark.slow


def audited(data, run_id):
    db = sqlite3.connect(data / "blindaje.db")
    try:
        return db.execute("select carried, http_status, count(*), coalesce(sum(bytes), 0) from pages "
                          "where run_id = ? and outcome = 'audited' group by 1, 2 order by 1, 2", [run_id]).fetchall()
    finally:
        db.close()


def counts(data, run_id):
    db = sqlite3.connect(data / "blindaje.db")
    try:
        return (db.execute("select rule, severity, count(*) from findings where run_id = ? and status != 'fixed' "
                           "group by 1, 2 order by 1, 2", [run_id]).fetchall(),
                db.execute("select pages_total, pages_audited, findings_total from runs where id = ?", [run_id]).fetchone())
    finally:
        db.close()


def test_unchanged_pages_are_not_downloaded_or_audited_again(demo_site, tmp_path):
    base, site = demo_site
    config = write_demo_config(base, tmp_path / "config")
    data = tmp_path / "data"
    assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
    first = json.loads(blindaje("export", "--data", data).stdout)
    [(carried, status, pages, size)] = audited(data, 1)
    assert (carried, status) == (0, 200) and pages >= 40 and size > 100_000

    assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
    assert audited(data, 2) == [(1, 304, pages, 0)]  # every page asked, conditionally; none re-audited
    second = json.loads(blindaje("export", "--data", data).stdout)
    assert sorted(f["id"] for f in second) == sorted(f["id"] for f in first)
    assert {f["status"] for f in second} == {"open"}
    kept = [k for k in first[0] if k not in ("run_id", "status", "last_seen")]
    assert sorted([f[k] for k in kept] for f in second) == sorted([f[k] for k in kept] for f in first)
    assert counts(data, 2) == counts(data, 1)  # what the report counts: findings by rule and severity, pages
    assert (data / "reports" / "run-2" / "index.html").is_file()

    edited = site / "noticias" / "cierre-vial-bulevar-carranza.html"
    served = edited.stat().st_mtime
    edited.write_text(edited.read_text("utf-8").replace("</main>", "<p>Inauguramos 40 kilómetros de drenaje.</p></main>"),
                      "utf-8")
    os.utime(edited, (served + 60, served + 60))  # Last-Modified has one-second resolution: surely later, no waiting
    assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
    rows = audited(data, 3)
    assert rows[0][:3] == (0, 200, 1) and rows[1][:3] == (1, 304, pages - 1)  # exactly the edited page
    new = [f for f in json.loads(blindaje("export", "--data", data).stdout) if f["status"] == "new"]
    assert [f["url"] for f in new] == [base + "noticias/cierre-vial-bulevar-carranza.html"]


@pytest.fixture(scope="module")
def first_night(tmp_path_factory):
    """The demo site (never edited here) served for the module, and one night's crawl of it; read, or copied."""
    tmp = tmp_path_factory.mktemp("incremental")
    with serve_site(SITE) as base:
        config = write_demo_config(base, tmp / "config")
        res = blindaje("crawl", "--force", "--config", config, "--data", tmp / "data")
        yield SimpleNamespace(base=base, config=config, data=tmp / "data", res=res)


def test_a_change_of_officials_or_rules_forces_a_new_audit(first_night, tmp_path):
    assert first_night.res.returncode == 0, first_night.res.stderr
    data = copy_data(first_night.data, tmp_path / "data")
    config = shutil.copytree(first_night.config, tmp_path / "config")
    officials = config / "officials.yaml"
    officials.write_text(officials.read_text("utf-8") + "  - name: Nadia Torres Luna\n    position: Directora\n"
                         "    jurisdiction: MX-COA\n", "utf-8")
    assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
    rows = audited(data, 2)
    assert rows[0][:2] == (0, 200) and len(rows) == 1  # all audited afresh, none carried
    [(_, _, pages, _)] = audited(data, 1)
    assert rows[0][2] == pages


def test_the_same_rules_carry_every_page_over(first_night, tmp_path):
    """Control for the test above: on a copy of the same night, unchanged configuration, every page is carried."""
    data = copy_data(first_night.data, tmp_path / "data")
    assert blindaje("crawl", "--force", "--config", first_night.config, "--data", data).returncode == 0
    [(carried, status, pages, size)] = audited(data, 2)
    assert (carried, status, size) == (1, 304, 0) and pages == audited(first_night.data, 1)[0][2]
    assert [r[0] for r in sqlite3.connect(first_night.data / "blindaje.db").execute("select id from runs")] == [1], \
        "the shared night was copied, not changed"


def test_one_page_under_two_urls_is_audited_once_and_named_twice(tmp_path):
    """Issue 21 item 2: '/' and '/index.html' (and 'b/' and 'b/index.html') serve the same bytes: one audit, one
    set of findings (one waiver), the other URL skipped as its duplicate, the same every night."""
    from blindaje.demo import serve_site
    from conftest import write_config

    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    boast = "<p>Inauguramos 120 nuevas clínicas en el estado.</p>"
    (site / "index.html").write_text(
        f"<html><head><title>Inicio</title></head><body><main>{boast}<a href='index.html'>Inicio</a>"
        "<a href='b/'>B</a><a href='b/index.html'>B otra vez</a><a href='c.html'>C</a></main></body></html>", "utf-8")
    (site / "b" / "index.html").write_text(f"<html><body><main><h1>Sección B</h1>{boast}</main></body></html>",
                                           "utf-8")
    (site / "c.html").write_text("<html><body><main><p>Trámites y servicios.</p></main></body></html>", "utf-8")
    with serve_site(site) as base:
        config = write_config(tmp_path / "config", base)
        data = tmp_path / "data"
        exports = []
        for night in (1, 2):
            res = blindaje("crawl", "--force", "--config", config, "--data", data)
            assert res.returncode == 0, res.stderr
            exports.append(json.loads(blindaje("export", "--data", data).stdout))
            pages = {p["url"]: p for p in json.loads(blindaje("export", "--pages", "--data", data).stdout)}
            assert (pages[base + "index.html"]["outcome"], pages[base + "index.html"]["reason"]) == ("skipped",
                                                                                                    "duplicate")
            assert (pages[base + "b/index.html"]["outcome"], pages[base + "b/index.html"]["reason"]) == (
                "skipped", "duplicate")
            assert pages[base]["outcome"] == pages[base + "b/"]["outcome"] == "audited"
    first, second = exports
    assert sorted({f["url"] for f in first}) == [base, base + "b/"]  # never under the duplicates' URLs
    assert sorted(f["id"] for f in second) == sorted(f["id"] for f in first)
    assert {f["status"] for f in second} == {"open"}
    portal_page = (data / "reports" / "run-2" / "portal-fixture.html").read_text("utf-8")
    assert "La misma página se publica también en" in portal_page and base + "b/index.html" in portal_page
