"""`blindaje schedule`: APScheduler in the foreground, one crawl process per night, never two at once."""
from __future__ import annotations

import datetime as dt
import logging
import signal
import subprocess
import sys
import threading
from pathlib import Path

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger

log = logging.getLogger("blindaje")


class Nightly:
    """The nightly job: runs `blindaje crawl --if-active` as a child process (the Twisted reactor cannot restart)."""

    def __init__(self, config_dir: Path, data_dir: Path, python: str = sys.executable):
        self.config_dir, self.data_dir, self.python = Path(config_dir), Path(data_dir), python
        self.child: subprocess.Popen | None = None
        self.lock = threading.Lock()
        self.stopping = False

    def command(self) -> list[str]:
        return [self.python, "-m", "blindaje.cli", "crawl", "--if-active", "--config", str(self.config_dir),
                "--data", str(self.data_dir)]

    def __call__(self) -> int | None:
        with self.lock:
            if self.stopping:
                return None
            log.info("nightly crawl starting: %s", " ".join(self.command()))
            self.child = subprocess.Popen(self.command(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out, err = self.child.communicate()
        code = self.child.returncode
        for line in (out.strip().splitlines() + err.strip().splitlines())[-5:]:
            log.info("crawl: %s", line)
        (log.info if code == 0 else log.error)("nightly crawl finished with exit status %s", code)
        self.child = None
        return code

    def stop(self) -> None:
        """Stop taking new nights; the running crawl is allowed to finish."""
        self.stopping = True


def build_scheduler(config, job, scheduler_cls=BlockingScheduler, now: dt.datetime | None = None):
    """A scheduler with the nightly cron job; with `now`, also one run a second after that instant."""
    tz = config.timezone
    hour, minute = (int(x) for x in config.settings.schedule.time.split(":"))
    scheduler = scheduler_cls(timezone=tz)
    scheduler.add_job(job, CronTrigger(hour=hour, minute=minute, timezone=tz), id="nightly", max_instances=1,
                      coalesce=True, misfire_grace_time=config.settings.schedule.misfire_grace_seconds)
    if now is not None:
        scheduler.add_job(job, DateTrigger(now + dt.timedelta(seconds=1), timezone=tz), id="now",
                          misfire_grace_time=config.settings.schedule.misfire_grace_seconds)
    return scheduler


def next_run_line(scheduler, config) -> str:
    """One line saying when the next crawl starts (the started scheduler's earliest job)."""
    times = [j.next_run_time for j in scheduler.get_jobs() if j.next_run_time is not None]
    when = min(times).astimezone(config.timezone) if times else None
    nxt = when.strftime("%Y-%m-%d %H:%M %Z (UTC%z)") if when else "none scheduled"
    return (f"scheduler started: next crawl {nxt}, then nightly at {config.settings.schedule.time} "
            f"{config.calendar.timezone}; SIGTERM or Ctrl-C stops it")


def run_scheduler(config, config_dir: Path, data_dir: Path, now: dt.datetime | None = None, announce=None) -> None:
    """Nightly crawls until SIGTERM or SIGINT; with `now` (the caller's clock), also one right away. `announce`
    receives one line saying when the next crawl starts."""
    job = Nightly(config_dir, data_dir)
    # In the background, with the main thread waking every half second: a SIGTERM that the kernel hands to the
    # job's thread is then still handled at once, not when a blocking scheduler next wakes (02:30 the next night).
    scheduler = build_scheduler(config, job, scheduler_cls=BackgroundScheduler, now=now)
    stop = threading.Event()

    def on_signal(signum, frame):
        log.info("signal %s: stopping after the running crawl (if any)", signum)
        job.stop()
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    log.info("scheduler started: nightly at %s %s", config.settings.schedule.time, config.calendar.timezone)
    scheduler.start()
    if announce is not None:
        announce(next_run_line(scheduler, config))
    while not stop.wait(0.5):
        pass
    scheduler.shutdown(wait=True)  # the running crawl is allowed to finish
    log.info("scheduler stopped")
