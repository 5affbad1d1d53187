"""The run's glue in-process: what a page's audit depends on (audit key), the summary line, the demo's site and config."""
from __future__ import annotations

import datetime as dt
import urllib.request
from pathlib import Path

from blindaje.demo import DEMO_SLOGANS, demo_config, serve_site
from blindaje.runner import RunOutcome, audit_key, clock_for, open_store, summary_line
from conftest import write_config


def test_audit_key_changes_with_what_the_audit_depends_on(tmp_path):
    from blindaje.config import load_config

    directory = write_config(tmp_path / "config", "http://127.0.0.1:8000/")
    config = load_config(directory)
    key = audit_key(config, config.portals[0])
    assert len(key) == 24 and audit_key(load_config(directory), config.portals[0]) == key, "night after night"
    officials = directory / "officials.yaml"
    officials.write_text(officials.read_text("utf-8") + "  - name: Nadia Torres Luna\n    jurisdiction: MX-COA\n",
                         "utf-8")
    assert audit_key(load_config(directory), config.portals[0]) != key
    officials.write_text(officials.read_text("utf-8").split("  - name: Nadia")[0], "utf-8")
    assert audit_key(load_config(directory), config.portals[0]) == key
    excepted = load_config(write_config(directory, "http://127.0.0.1:8000/",
                                        portal={"exception_paths": {"transparency": ["^/directorio"]}}))
    assert audit_key(excepted, excepted.portals[0]) != key


def test_summary_line_and_clock(tmp_path):
    store = open_store(tmp_path / "data")
    clock = clock_for(dt.timezone(dt.timedelta(hours=-6)))
    run_id = store.start_run(started_at=clock(), run_date="2027-04-06", portals=["alfa"], forced=True, version="t",
                             rules_fingerprint="r")
    store.add_page(run_id, {"portal": "alfa", "url": "https://alfa.gob.mx/", "outcome": "audited"})
    store.add_page(run_id, {"portal": "alfa", "url": "https://alfa.gob.mx/x", "outcome": "failed", "reason": "timeout"})
    run = store.finish_run(run_id, finished_at=clock(), status="complete")
    assert clock().endswith("-06:00") and dt.datetime.fromisoformat(clock()).utcoffset() == dt.timedelta(hours=-6)
    line = summary_line(RunOutcome(run_id, run, Path("data/reports/run-1/index.html")), store)
    assert line == ("run 1 complete: 1 portal(s), 2 pages (1 audited, 0 skipped, 1 failed), 0 findings (0 new, 0 open, "
                    "0 fixed, 0 waived); report: data/reports/run-1/index.html")


def test_demo_site_is_served_and_its_config_is_valid(tmp_path):
    with serve_site() as base:
        with urllib.request.urlopen(base + "index.html", timeout=10) as page:
            assert page.status == 200 and b"Coahuila" in page.read()
        config = demo_config(base, tmp_path / "config")
    assert config.portals[0].start_urls == [base] and config.portals[0].allowed_domains == ["127.0.0.1"]
    assert set(DEMO_SLOGANS) <= {t.text for t in config.rules.rules["propaganda"].vocabulary.terms}
