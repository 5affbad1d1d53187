"""The scheduler firing a real crawl, one run at a time, SIGTERM during a run; the lock of a killed process."""
from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from zoneinfo import ZoneInfo

from blindaje.config import load_config
from blindaje.demo import SITE, serve_site
from blindaje.schedule import Nightly, build_scheduler
from conftest import ROOT, blindaje, gated_site, runs, wait_for, write_config

MX = ZoneInfo("America/Mexico_City")


def crawl_command(config: Path, data: Path) -> list[str]:
    return [sys.executable, "-m", "blindaje.cli", "crawl", "--force", "--config", str(config), "--data", str(data)]


def test_nightly_trigger_is_the_configured_local_time():
    from apscheduler.schedulers.background import BackgroundScheduler

    scheduler = build_scheduler(load_config(ROOT / "config"), lambda: None, scheduler_cls=BackgroundScheduler)
    trigger = scheduler.get_job("nightly").trigger
    fire = trigger.get_next_fire_time(None, dt.datetime(2027, 4, 3, 12, 0, tzinfo=MX))
    assert fire == dt.datetime(2027, 4, 4, 2, 30, tzinfo=MX)
    job = scheduler.get_job("nightly")
    assert job.max_instances == 1 and job.coalesce is True


def test_nightly_job_runs_the_crawl_command_and_takes_no_night_once_stopped(tmp_path):
    job = Nightly(tmp_path / "config", tmp_path / "data", python="/usr/bin/python3")
    assert job.command() == ["/usr/bin/python3", "-m", "blindaje.cli", "crawl", "--if-active", "--config",
                             str(tmp_path / "config"), "--data", str(tmp_path / "data")]
    job.stop()
    assert job() is None and job.child is None  # no child process started after a stop


def active_today_config(directory: Path, base_url: str) -> Path:
    day = dt.datetime.now(MX).date()
    return write_config(directory, base_url, processes=[{
        "name": "Proceso de prueba", "applies_to": ["MX-COA"], "blackout_start": (day - dt.timedelta(days=1)).isoformat(),
        "blackout_end": (day + dt.timedelta(days=1)).isoformat()}])


@pytest.mark.slow
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
            wait_for(lambda: codes, 120, "the scheduled crawl to finish", interval=0.2)
        finally:
            scheduler.shutdown(wait=True)
    assert codes == [0]
    assert runs(tmp_path / "data") == [(1, "complete")]


@pytest.mark.slow
def test_two_simultaneous_crawls_never_both_run(tmp_path):
    # The site answers nothing until the second crawl has been refused: the first surely holds the lock meanwhile.
    with gated_site() as (base, gate):
        config = write_config(tmp_path / "config", base, settings={"crawl": {
            "delay_seconds": 0, "autothrottle": False, "retries": 0, "timeout_seconds": 300}})
        data = tmp_path / "data"
        first = subprocess.Popen(crawl_command(config, data), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            wait_for(lambda: runs(data) == [(1, "running")], 120, "the first crawl to record its run")
            wait_for(lambda: gate.held, 60, "the first crawl's first request")
            second = subprocess.run(crawl_command(config, data), capture_output=True, text=True, timeout=120)
            gate.open()
            out, err = first.communicate(timeout=180)
        finally:
            if first.poll() is None:
                first.kill()
    assert second.returncode == 3 and "another Blindaje run is in progress" in second.stderr, second.stderr
    assert f"pid {first.pid}" in second.stderr
    assert first.returncode == 0, err
    assert runs(data) == [(1, "complete")]


@pytest.mark.slow
def test_sigterm_during_a_crawl_marks_the_run_interrupted(tmp_path):
    # The first requests are answered, then the site holds the next one: the signal surely arrives mid-crawl, with
    # pages done and pages queued. The held request times out on its own after the signal (timeout_seconds).
    with gated_site(let_through=20) as (base, gate):
        config = write_config(tmp_path / "config", base, settings={"crawl": {
            "concurrency_per_host": 1, "delay_seconds": 0, "autothrottle": False, "retries": 0,
            "timeout_seconds": 3}})
        data = tmp_path / "data"
        proc = subprocess.Popen(crawl_command(config, data), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            wait_for(lambda: gate.held, 120, "the crawl to reach the held request")
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == 1, err
    assert "interrupted" in out
    assert runs(data) == [(1, "interrupted")]
    pages = json.loads(blindaje("export", "--pages", "--data", data).stdout)
    audited = [p for p in pages if p["outcome"] == "audited"]
    assert 0 < len(audited) <= 20  # some pages were done (at most those let through), not all
    assert any(p["reason"] == "interrupted" for p in pages)  # and those still queued say why they were not
    # a re-run completes normally and the lock was released
    with serve_site(SITE) as base2:
        config2 = write_config(tmp_path / "config2", base2)
        res = blindaje("crawl", "--force", "--config", config2, "--data", data)
    assert res.returncode == 0, res.stderr
    assert runs(data) == [(1, "interrupted"), (2, "complete")]


@pytest.mark.slow
def test_schedule_command_stops_cleanly_on_sigterm_after_its_crawl(tmp_path):
    with serve_site(SITE, delay=0.1) as base:
        config = active_today_config(tmp_path / "config", base)
        data = tmp_path / "data"
        proc = subprocess.Popen([sys.executable, "-m", "blindaje.cli", "schedule", "--now", "--config", str(config),
                                 "--data", str(data)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            wait_for(lambda: runs(data), 60, "the scheduled crawl to record its run")
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
        "import sys; from blindaje.lock import RunLock\n"
        f"with RunLock({str(tmp_path)!r}):\n    print('locked', flush=True); sys.stdin.read()")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        from blindaje.lock import Busy, RunLock

        with pytest.raises(Busy) as busy:
            with RunLock(tmp_path):
                pass
        assert str(holder.pid) in str(busy.value)
    finally:
        holder.kill()  # kill -9: no chance to clean up
        holder.wait()
    with RunLock(tmp_path):  # the kernel released the stale lock with the process
        assert (tmp_path / "blindaje.lock").read_text() == str(os.getpid())
