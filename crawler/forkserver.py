"""How the crawl's worker processes start: forked from a fork server that loaded the audit once. A module of its own,
with nothing heavy imported, so that the server can start first thing in a run, while the rest loads."""
from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.context
import os
import signal
import sys

log = logging.getLogger("blindaje.crawl")


def die_with_parent() -> None:
    """On Linux, have the kernel kill this process when its parent dies, however it dies (kill -9 included), so
    that no worker outlives a crawl holding its output pipes: the fork server dies with the crawl, a worker with the
    fork server."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except OSError:
            pass
        if os.getppid() == 1:  # the parent died before the line above: nobody is waiting for this process
            os._exit(0)


def audit_workers(configured: int | None) -> int:
    """How many audit worker processes a crawl runs: `crawl.audit_workers`, or by default one per core when there
    are several (on one core pages are audited inline). On the 2,000-page text-heavy portal (2 cores), 2 workers took
    16.5 s, 1 worker 22.8 s."""
    if configured is not None:
        return configured
    cores = os.cpu_count() or 1
    return cores if cores > 1 else 0


PRELOAD = ["blindaje.crawler.preload"]  # what the fork server imports before it forks a worker


def worker_context() -> multiprocessing.context.BaseContext:
    """How worker processes start: forked from a fork server, a clean process (no reactor, no threads: never fork
    the crawl's own process) that imported the audit and loaded the lemmatiser's dictionary once. A spawned worker
    paid 1.3 s of CPU for them and the first page waited for it; a forked one starts in milliseconds and shares
    them. Spawn where there is no fork server (not Linux or BSD)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def start_fork_server() -> None:
    """Start the fork server now (it returns at once; the server loads the audit on its own, about a second), from
    the thread whose life it is bound to (die_with_parent): the crawl's reactor thread."""
    if worker_context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def stop_fork_server() -> None:
    """Stop the fork server once the crawl's pools are closed: its memory goes back, and its CPU time and its workers'
    are counted as the crawl's (it waits for them, and the crawl waits for it). Through the standard library's own
    stop (private in 3.11; without it the server ends with the crawl's process)."""
    from multiprocessing import forkserver

    stop = getattr(forkserver._forkserver, "_stop", None)
    if stop is not None:
        try:
            stop()
        except OSError:
            log.debug("the fork server was gone already", exc_info=True)
