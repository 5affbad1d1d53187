"""Incremental nights: conditional requests; unchanged pages carry their findings over without re-audit."""
from __future__ import annotations

import json
import sqlite3
import time

from blindaje.demo import write_demo_config
from conftest import blindaje


def audited(data, run_id):
    db = sqlite3.connect(data / "blindaje.db")
    try:
        return db.execute("select carried, http_status, count(*), coalesce(sum(bytes), 0) from pages "
                          "where run_id = ? and outcome = 'audited' group by 1, 2 order by 1, 2", [run_id]).fetchall()
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

    time.sleep(1.1)  # Last-Modified has one-second resolution
    edited = site / "noticias" / "cierre-vial-bulevar-carranza.html"
    edited.write_text(edited.read_text("utf-8").replace("</main>", "<p>Inauguramos 40 kilómetros de drenaje.</p></main>"),
                      "utf-8")
    assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
    rows = audited(data, 3)
    assert rows[0][:3] == (0, 200, 1) and rows[1][:3] == (1, 304, pages - 1)  # exactly the edited page
    new = [f for f in json.loads(blindaje("export", "--data", data).stdout) if f["status"] == "new"]
    assert [f["url"] for f in new] == [base + "noticias/cierre-vial-bulevar-carranza.html"]


def test_a_change_of_officials_or_rules_forces_a_new_audit(demo_site, tmp_path):
    base, site = demo_site
    config = write_demo_config(base, tmp_path / "config")
    data = tmp_path / "data"
    assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
    officials = config / "officials.yaml"
    officials.write_text(officials.read_text("utf-8") + "  - name: Nadia Torres Luna\n    position: Directora\n"
                         "    jurisdiction: MX-COA\n", "utf-8")
    assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
    rows = audited(data, 2)
    assert rows[0][:2] == (0, 200) and len(rows) == 1  # all audited afresh, none carried
