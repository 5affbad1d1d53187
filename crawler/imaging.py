"""CPU work off the reactor: worker processes hash images, encode faces and audit pages while Scrapy keeps crawling."""
from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from blindaje.audit.portraits import ImageAnalysis, Refused, examine
from blindaje.audit.reasons import Reason
from blindaje.crawler.forkserver import die_with_parent, start_fork_server, worker_context

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


def _die_with_parent(initializer: Callable | None, initargs: tuple) -> None:
    """A worker's start: bound to its parent's life (die_with_parent), then the pool's own initializer."""
    die_with_parent()
    if initializer is not None:
        initializer(*initargs)


class Crashed(Exception):
    """A worker process died on a task twice, the second time running it alone (a hostile input that kills it): the
    task has no result."""


class Workers:
    """A pool of worker processes, started on first use; a worker that dies costs its task only, never the crawl.

    When a worker dies, every task in flight on the pool fails with it, the innocent ones with the culprit. The pool
    is restarted once (by the first task to see it broken), and each of those tasks runs again alone, one at a time,
    in a one-worker pool of its own: a task that kills that one too is the culprit (Crashed), the others get their
    results."""

    def __init__(self, workers: int, initializer: Callable | None = None, initargs: tuple = ()):
        self.workers = workers
        self.initializer, self.initargs = initializer, initargs
        self.pool: ProcessPoolExecutor | None = None
        self.alone: ProcessPoolExecutor | None = None  # where a task in flight when a worker died runs again
        self.one_at_a_time: asyncio.Lock | None = None
        self.ready = False  # a task came back: the workers exist, and handing one over no longer waits for a start

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=worker_context(), initializer=_die_with_parent,
                                   initargs=(self.initializer, self.initargs))

    def _start(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = self._new_pool(self.workers)
        return self.pool

    async def run(self, function: Callable, *args):
        """function(*args) in a worker; raises Crashed when it killed its worker twice."""
        pool = self._start()
        try:
            if self.ready:
                submitted = pool.submit(function, *args)
            else:
                # The fork server starts when a first task needs it (an unchanged night never does), from this
                # thread: it dies with the thread that started it. Starting a worker then waits for the server to
                # load the audit: never on the reactor's thread.
                start_fork_server()
                submitted = await asyncio.to_thread(pool.submit, function, *args)
            result = await asyncio.wrap_future(submitted)
            self.ready = True
            return result
        except BrokenProcessPool:
            if self.pool is pool:  # the first task to see this pool broken restarts it; the others find it new
                log.warning("a worker process died; restarting the pool", exc_info=True)
                pool.shutdown(wait=False, cancel_futures=True)
                self.pool, self.ready = None, False
        return await self._run_alone(function, args)

    async def _run_alone(self, function: Callable, args: tuple):
        if self.one_at_a_time is None:
            self.one_at_a_time = asyncio.Lock()
        async with self.one_at_a_time:
            if self.alone is None:
                self.alone = self._new_pool(1)
            try:
                return await asyncio.wrap_future(self.alone.submit(function, *args))
            except BrokenProcessPool:
                log.warning("a worker process died again on the same task, run alone: it has no result")
                self.alone.shutdown(wait=False, cancel_futures=True)
                self.alone = None
        raise Crashed(getattr(function, "__name__", "task"))

    def close(self) -> None:
        if self.alone is not None:
            self.alone.shutdown(wait=True, cancel_futures=True)
            self.alone = None
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
