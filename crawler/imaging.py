"""CPU work off the reactor: worker processes hash images, encode faces and audit pages while Scrapy keeps crawling."""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from blindaje.audit.portraits import ImageAnalysis, Refused, examine
from blindaje.audit.reasons import Reason

log = logging.getLogger("blindaje.crawl")


def one_thread() -> None:
    """One thread for BLAS and OpenCV in this process: a face's matrices are too small to gain from more (measured:
    same wall time, twice the CPU), and the crawl's parallelism is its worker processes. Set by the process that
    runs the analyses, never by the library."""
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(1)
    except ImportError:
        pass
    try:
        import cv2
        cv2.setNumThreads(1)
    except ImportError:
        pass


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


def _die_with_parent(initializer: Callable | None, initargs: tuple) -> None:
    """A worker's start: bound to its parent's life (die_with_parent), then the pool's own initializer."""
    die_with_parent()
    if initializer is not None:
        initializer(*initargs)


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
    """Start the fork server now, so that it loads while the crawl starts Scrapy (a worker is forked only when a page
    needs one: an unchanged night never makes any)."""
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


class Crashed(Exception):
    """A worker process died twice on the same task (a hostile input that kills it): the task has no result."""


class Workers:
    """A pool of worker processes, started on first use; a worker that dies costs its task only, never the crawl."""

    def __init__(self, workers: int, initializer: Callable | None = None, initargs: tuple = ()):
        self.workers = workers
        self.initializer, self.initargs = initializer, initargs
        self.pool: ProcessPoolExecutor | None = None
        self.ready = False  # a task came back: the workers exist, and handing one over no longer waits for a start

    def _start(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.workers, mp_context=worker_context(),
                                            initializer=_die_with_parent, initargs=(self.initializer, self.initargs))
        return self.pool

    async def run(self, function: Callable, *args):
        """function(*args) in a worker; raises Crashed when the pool broke on it twice."""
        for attempt in (1, 2):
            try:
                pool = self._start()
                if self.ready:
                    submitted = pool.submit(function, *args)
                else:  # starting a worker waits for the fork server to be ready: never on the reactor's thread
                    submitted = await asyncio.to_thread(pool.submit, function, *args)
                result = await asyncio.wrap_future(submitted)
                self.ready = True
                return result
            except BrokenProcessPool:
                log.warning("a worker process died; restarting the pool (attempt %s)", attempt, exc_info=True)
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool, self.ready = None, False
        raise Crashed(getattr(function, "__name__", "task"))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool, self.ready = None, False


def analyse_bytes(data: bytes, max_pixels: int, faces: bool = True, ocr: bool = False) -> ImageAnalysis:
    """In a worker: the image's analysis (its faces, its text), or why it has none."""
    return examine(data, max_pixels=max_pixels, faces=faces, ocr=ocr)


def _warm() -> None:
    one_thread()  # the face model loads on a worker's first image that needs faces (an OCR-only crawl never does)


def default_workers() -> int:
    """One per core: image analysis is the crawl's largest CPU cost when officials have reference portraits.

    Measured (benchmarks/run.py, 2 cores, 1,000 distinct photos on 2,000 pages, dlib's HOG then): 2 workers 0.67 of
    the bare crawl's pages/s, 1 worker 0.58.
    """
    return max(1, os.cpu_count() or 1)


class Analyser(Workers):
    """Image analyses in worker processes."""

    def __init__(self, workers: int = 0, function=analyse_bytes):
        super().__init__(workers or default_workers(), _warm)
        self.function = function  # what a worker runs on (bytes, max_pixels, faces, ocr)

    async def analyse(self, data: bytes, max_pixels: int, faces: bool = True, ocr: bool = False) -> ImageAnalysis:
        try:
            return await self.run(self.function, data, max_pixels, faces, ocr)
        except Crashed:
            return Refused(Reason.ANALYSIS_CRASHED)
