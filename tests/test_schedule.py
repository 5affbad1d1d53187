"""Calendar windows, the scheduler firing a real crawl, one run at a time, SIGTERM during a run."""
from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from zoneinfo import ZoneInfo

from blindaje.calendar import portal_activity, today
from blindaje.config import load_config
from blindaje.demo import SITE, serve_site
from blindaje.schedule import Nightly, build_scheduler
from conftest import ROOT, blindaje, write_config

MX = ZoneInfo("America/Mexico_City")


@pytest.fixture(scope="module")
def shipped():
    return load_config(ROOT / "config")


@pytest.mark.parametrize("date,active", [
    ("2027-03-04", False),  # the day before the first state campaigns (COL, GRO, NLE, SLP, SON)
    ("2027-03-05", True),   # first day, inclusive
    ("2027-06-06", True),   # election day, inclusive
    ("2027-06-07", False),
])
def test_federal_portal_window_boundaries(shipped, date, active):
    assert portal_activity(shipped, shipped.portals[0], dt.date.fromisoformat(date)).active is active


def test_time_zone_edges_at_midnight_in_mexico_city(shipped):
    before = dt.datetime(2027, 3, 5, 5, 59, tzinfo=dt.timezone.utc)  # 23:59 on 4 March in Mexico City
    after = dt.datetime(2027, 3, 5, 6, 0, tzinfo=dt.timezone.utc)    # 00:00 on 5 March
    assert today(shipped, before) == dt.date(2027, 3, 4)
    assert today(shipped, after) == dt.date(2027, 3, 5)
    assert not portal_activity(shipped, shipped.portals[0], today(shipped, before)).active
    assert portal_activity(shipped, shipped.portals[0], today(shipped, after)).active


def test_state_processes_cover_federal_portals_unless_turned_off(tmp_path):
    state_only = [{"name": "Local Coahuila", "applies_to": ["MX-COA"], "blackout_start": "2026-05-05",
                   "blackout_end": "2026-06-07"}]
    for follow, expected in ((True, True), (False, False)):
        config_dir = write_config(tmp_path / f"c{follow}", "http://127.0.0.1:1/", processes=state_only,
                                  portal={"jurisdiction": "federal"},
                                  settings={"calendar": {"federal_portals_follow_state_processes": follow}})
        config = load_config(config_dir)
        assert portal_activity(config, config.portals[0], dt.date(2026, 5, 20)).active is expected
        other = write_config(tmp_path / f"o{follow}", "http://127.0.0.1:1/", processes=state_only,
                             portal={"jurisdiction": "MX-VER"})
        cfg = load_config(other)
        assert not portal_activity(cfg, cfg.portals[0], dt.date(2026, 5, 20)).active


def test_nightly_trigger_is_the_configured_local_time(shipped):
    from apscheduler.schedulers.background import BackgroundScheduler

    scheduler = build_scheduler(shipped, lambda: None, scheduler_cls=BackgroundScheduler)
    trigger = scheduler.get_job("nightly").trigger
    fire = trigger.get_next_fire_time(None, dt.datetime(2027, 4, 3, 12, 0, tzinfo=MX))
    assert fire == dt.datetime(2027, 4, 4, 2, 30, tzinfo=MX)
    job = scheduler.get_job("nightly")
    assert job.max_instances == 1 and job.coalesce is True


def active_today_config(directory: Path, base_url: str) -> Path:
    day = dt.datetime.now(MX).date()
    return write_config(directory, base_url, processes=[{
        "name": "Proceso de prueba", "applies_to": ["MX-COA"], "blackout_start": (day - dt.timedelta(days=1)).isoformat(),
        "blackout_end": (day + dt.timedelta(days=1)).isoformat()}])


def runs(data: Path) -> list[tuple]:
    db = sqlite3.connect(data / "blindaje.db")
    try:
        return db.execute("select id, status from runs order by id").fetchall()
    except sqlite3.OperationalError:  # the file exists, its tables are still being created
        return []
    finally:
        db.close()


def test_scheduler_fires_a_real_crawl(tmp_path):
    from apscheduler.schedulers.background import BackgroundScheduler

    with serve_site(SITE) as base:
        config_dir = active_today_config(tmp_path / "config", base)
        config = load_config(config_dir)
        job = Nightly(config_dir, tmp_path / "data")
        codes = []
        scheduler = build_scheduler(config, lambda: codes.append(job()), scheduler_cls=BackgroundScheduler,
                                    now=dt.datetime.now(config.timezone))
        scheduler.start()
        try:
            deadline = time.monotonic() + 90
            while not codes and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            scheduler.shutdown(wait=True)
    assert codes == [0]
    assert runs(tmp_path / "data") == [(1, "complete")]


def test_two_simultaneous_crawls_never_both_run(tmp_path):
    with serve_site(SITE, delay=0.15) as base:
        config = write_config(tmp_path / "config", base)
        cmd = [sys.executable, "-m", "blindaje.cli", "crawl", "--force", "--config", str(config),
               "--data", str(tmp_path / "data")]
        first = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        second = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        out, err = first.communicate(timeout=180)
    assert first.returncode == 0, err
    assert second.returncode == 3 and "another Blindaje run is in progress" in second.stderr
    assert runs(tmp_path / "data") == [(1, "complete")]


def test_sigterm_during_a_crawl_marks_the_run_interrupted(tmp_path):
    with serve_site(SITE, delay=0.4) as base:
        config = write_config(tmp_path / "config", base, settings={"crawl": {
            "concurrency_per_host": 1, "delay_seconds": 0, "autothrottle": False, "retries": 0}})
        data = tmp_path / "data"
        proc = subprocess.Popen([sys.executable, "-m", "blindaje.cli", "crawl", "--force", "--config", str(config),
                                 "--data", str(data)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not ((data / "blindaje.db").exists() and runs(data)):
            time.sleep(0.2)
        time.sleep(1.5)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err
    assert runs(data) == [(1, "interrupted")]
    pages = json.loads(blindaje("export", "--pages", "--data", data).stdout)
    audited = [p for p in pages if p["outcome"] == "audited"]
    assert 0 < len(audited) < 40  # some pages were done, not all
    assert any(p["reason"] == "interrupted" for p in pages)  # and those still queued say why they were not
    # a re-run completes normally and the lock was released
    with serve_site(SITE) as base2:
        config2 = write_config(tmp_path / "config2", base2)
        res = blindaje("crawl", "--force", "--config", config2, "--data", data)
    assert res.returncode == 0, res.stderr
    assert runs(data) == [(1, "interrupted"), (2, "complete")]


def test_schedule_command_stops_cleanly_on_sigterm_after_its_crawl(tmp_path):
    with serve_site(SITE, delay=0.1) as base:
        config = active_today_config(tmp_path / "config", base)
        data = tmp_path / "data"
        proc = subprocess.Popen([sys.executable, "-m", "blindaje.cli", "schedule", "--now", "--config", str(config),
                                 "--data", str(data)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not ((data / "blindaje.db").exists() and runs(data)):
                time.sleep(0.2)
            proc.send_signal(signal.SIGTERM)  # the scheduler only: its running crawl is allowed to finish
            out, err = proc.communicate(timeout=120)
        finally:
            if proc.poll() is None:  # a scheduler left behind would run every night of the test machine
                proc.kill()
    assert proc.returncode == 0, err
    assert runs(data) == [(1, "complete")]
    assert "scheduler stopped" in (data / "blindaje.log").read_text("utf-8")


def test_lock_of_a_killed_process_is_cleared(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from blindaje.lock import RunLock\n"
        f"with RunLock({str(tmp_path)!r}):\n    print('locked', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    from blindaje.lock import Busy, RunLock

    with pytest.raises(Busy) as busy:
        with RunLock(tmp_path):
            pass
    assert str(holder.pid) in str(busy.value)
    holder.kill()  # kill -9: no chance to clean up
    holder.wait()
    with RunLock(tmp_path):  # the kernel released the stale lock with the process
        assert (tmp_path / "blindaje.lock").read_text() == str(os.getpid())
