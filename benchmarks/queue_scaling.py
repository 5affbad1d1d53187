"""Beyond one machine: 8 portals crawled through `blindaje crawl --queue` by one worker, then by two.

Each portal is a copy of the demo site served on its own 127.0.0.1 port with a per-response latency (a remote
government server answers in tens of milliseconds; --latency), crawled with the shipped politeness defaults
(settings.yaml: 4 requests at a time per host, 0.25 s between requests, AutoThrottle): a night is bound by
politeness, not by the CPU, which is why it is spread over workers (`--politeness none`: no delay, 8 at a time).
Prints each run's wall time (the coordinator's, from enqueueing to the report), the medians, their ratio (target
<= 0.6) and whether every run's findings are identical (every export field but first_seen/last_seen).
(Not named queue.py: run as a script, a benchmark's folder is first on sys.path, and a queue.py there would shadow
the standard library's `queue` for every benchmark and for multiprocessing.)
Usage: python benchmarks/queue_scaling.py [--portals 8] [--runs 3] [--latency 0.05] [--politeness default|none]
"""
from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from blindaje.demo import SITE, serve_site, write_demo_config


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(*args) -> list[str]:
    return [sys.executable, "-m", "blindaje.cli", *map(str, args)]


def config_for(bases: list[str], directory: Path, politeness: str) -> Path:
    write_demo_config(bases[0], directory)
    if politeness == "default":  # the demo's own settings crawl without delay; settings.yaml's defaults instead
        (directory / "settings.yaml").write_text(yaml.safe_dump({"crawl": {"retries": 0, "timeout_seconds": 10}}))
    entry = yaml.safe_load((directory / "portals.yaml").read_text("utf-8"))["portals"][0]
    portals = [dict(entry, name=f"demo-{i}", start_urls=[b]) for i, b in enumerate(bases)]
    (directory / "portals.yaml").write_text(yaml.safe_dump({"portals": portals}, allow_unicode=True), "utf-8")
    return directory


def findings(data: Path) -> list[str]:
    out = subprocess.run(cli("export", "--format", "json", "--data", data), capture_output=True, text=True, check=True)
    return sorted(json.dumps({k: v for k, v in f.items() if k not in ("first_seen", "last_seen")}, sort_keys=True)
                  for f in json.loads(out.stdout))


def ping(port: int) -> bool:
    import redis

    try:
        return redis.Redis(port=port, socket_timeout=1).ping()
    except redis.exceptions.RedisError:
        return False


def one_run(config: Path, url: str, work: Path, workers: int, index: int) -> tuple[float, list[str]]:
    data = work / f"data-{workers}-{index}"
    procs = [subprocess.Popen(cli("worker", "--queue", url, "--config", config, "--scratch", work / "scratch"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
             for _ in range(workers)]
    try:
        started = time.monotonic()
        res = subprocess.run(cli("crawl", "--force", "--queue", url, "--config", config, "--data", data),
                             capture_output=True, text=True)
        elapsed = time.monotonic() - started
        if res.returncode != 0:
            sys.exit(f"the queued crawl failed: {res.stdout}{res.stderr[-2000:]}")
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            p.wait(60)
    return elapsed, findings(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--portals", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds each response waits (default 0.05)")
    parser.add_argument("--politeness", choices=["default", "none"], default="default")
    args = parser.parse_args()
    redis_server = shutil.which("redis-server")
    if not redis_server:
        sys.exit("redis-server is not installed (Debian: apt-get install redis-server)")
    with tempfile.TemporaryDirectory(prefix="blindaje-queue-bench-") as tmp, contextlib.ExitStack() as stack:
        work = Path(tmp)
        port = free_port()
        server = subprocess.Popen([redis_server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                   "--appendonly", "no", "--dir", str(work)], stdout=subprocess.DEVNULL)
        stack.callback(server.terminate)
        deadline = time.monotonic() + 10
        while not ping(port):
            if time.monotonic() > deadline:
                sys.exit("redis-server did not answer")
            time.sleep(0.05)
        bases = [stack.enter_context(serve_site(SITE, delay=args.latency)) for _ in range(args.portals)]
        config = config_for(bases, work / "config", args.politeness)
        url = f"redis://127.0.0.1:{port}/0"
        times, seen = {1: [], 2: []}, []
        for index in range(args.runs):
            for workers in (1, 2):
                elapsed, found = one_run(config, url, work, workers, index)
                times[workers].append(elapsed)
                seen.append(found)
                print(f"run {index + 1}, {workers} worker(s): {elapsed:.1f} s, {len(found)} findings", flush=True)
        one, two = statistics.median(times[1]), statistics.median(times[2])
        identical = all(s == seen[0] for s in seen)
        print(f"{args.portals} portals, {len(seen[0])} findings, latency {args.latency * 1000:.0f} ms a response, "
              f"politeness: {args.politeness}")
        print(f"1 worker: median {one:.1f} s; 2 workers: median {two:.1f} s; ratio {two / one:.2f} (target <= 0.6)")
        print(f"findings identical in every run: {'yes' if identical else 'NO'}")


if __name__ == "__main__":
    main()
