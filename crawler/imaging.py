"""CPU work off the reactor: worker processes hash images, encode faces and audit pages while Scrapy keeps crawling."""
from __future__ import annotations

import asyncio
import logging
import os
import pickle
import socket
import struct
from collections import deque
from collections.abc import Callable

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


def _serve(sock: socket.socket, initializer: Callable | None, initargs: tuple) -> None:
    """A worker process's life: bound to its parent's (die_with_parent), the pool's initializer, then tasks read from
    its socket, each answered in turn, until the crawl closes the socket (or dies)."""
    die_with_parent()
    if initializer is not None:
        initializer(*initargs)
    with sock, sock.makefile("rb") as incoming:
        while True:
            header = incoming.read(FRAME.size)
            if len(header) < FRAME.size:
                return  # the crawl closed the socket: no more tasks
            function, args = pickle.loads(incoming.read(FRAME.unpack(header)[0]))
            try:
                answer = (True, function(*args))
            except Exception as e:  # noqa: BLE001 - raised again in the crawl, as a pool would
                answer = (False, e)
            try:
                payload = pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
            except Exception as e:  # noqa: BLE001
                payload = pickle.dumps((False, RuntimeError(f"{function.__name__}: its result could not be sent: {e!r}")))
            try:
                sock.sendall(FRAME.pack(len(payload)) + payload)
            except OSError:
                return  # the crawl is gone


FRAME = struct.Struct("!Q")  # a task or an answer on a worker's socket: its pickle's length, then the pickle


class Crashed(Exception):
    """A worker process died on a task twice, the second time running it alone (a hostile input that kills it): the
    task has no result."""


class _Died(Exception):
    """The worker a task was handed to died before answering."""


class _Worker:
    """One worker process and its socket, driven from the crawl's event loop with no thread in between: a task is
    written (what the socket does not take at once is sent when it is writable), answers are read when readable."""

    def __init__(self, process, sock: socket.socket, loop: asyncio.AbstractEventLoop, answered: Callable,
                 ended: Callable):
        self.process, self.sock, self.loop = process, sock, loop
        self.answered, self.ended = answered, ended  # what the pool does with an answer, and at the worker's end
        self.in_flight: deque[tuple[asyncio.Future, int]] = deque()  # (task, its size): answered in this order
        self.held = 0  # bytes of the tasks handed over and not answered yet
        self.alive = True
        self.outgoing: deque[memoryview] = deque()  # what the socket has not taken yet
        self.incoming = bytearray()
        sock.setblocking(False)
        loop.add_reader(sock.fileno(), self._readable)

    def hand_over(self, future: asyncio.Future, payload: bytes) -> None:
        self.in_flight.append((future, len(payload)))
        self.held += len(payload)
        waiting = bool(self.outgoing)
        if len(payload) < 1 << 16:  # a page: one write
            self.outgoing.append(memoryview(FRAME.pack(len(payload)) + payload))
        else:
            self.outgoing.extend((memoryview(FRAME.pack(len(payload))), memoryview(payload)))
        if not waiting:
            self._writable()
            if self.outgoing and self.alive:
                self.loop.add_writer(self.sock.fileno(), self._writable)

    def _writable(self) -> None:
        """Send what the socket takes now (a task of megabytes goes in pieces, none of them copied)."""
        while self.outgoing:
            try:
                sent = self.sock.send(self.outgoing[0])
            except BlockingIOError:
                return
            except OSError:
                return self.died()
            if sent < len(self.outgoing[0]):
                self.outgoing[0] = self.outgoing[0][sent:]
                return
            self.outgoing.popleft()
        if self.alive:
            self.loop.remove_writer(self.sock.fileno())

    def _readable(self) -> None:
        try:
            data = self.sock.recv(1 << 16)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:  # the worker is gone
            return self.died()
        self.incoming += data
        while self.alive and len(self.incoming) >= FRAME.size:
            end = FRAME.size + FRAME.unpack_from(self.incoming)[0]
            if len(self.incoming) < end:
                return
            payload = bytes(self.incoming[FRAME.size:end])
            del self.incoming[:end]
            future, size = self.in_flight.popleft()
            self.held -= size
            self.answered(self, future, payload)

    def died(self) -> None:
        if not self.alive:
            return
        self.close()
        while self.in_flight:
            future, _ = self.in_flight.popleft()
            if not future.done():
                future.set_exception(_Died())
        self.ended(self)

    def close(self) -> None:
        """Close the socket: the worker reads the end of its tasks and exits."""
        self.alive = False
        if not self.loop.is_closed():
            self.loop.remove_reader(self.sock.fileno())
            self.loop.remove_writer(self.sock.fileno())
        self.sock.close()


class Workers:
    """A pool of worker processes, started on first use; a worker that dies costs its task only, never the crawl.

    Each worker is driven through a socket from the crawl's event loop: a task's arguments are pickled and written,
    its answer read when it comes (measured on the text-heavy portal: concurrent.futures' pool spent 0.9 s of the
    crawl's CPU in its two threads handing 2,000 pages over and back). A worker holds up to PER_WORKER tasks, or
    PER_WORKER_BYTES of them (one at least), waiting in its socket while it computes, so that it never waits for the
    crawl's busy moments (a batch of pages committed, a burst of responses); the others wait here, in order, as
    they were given (pickled when handed over).

    When a worker dies, the tasks it held fail with it, the innocent ones with the culprit. It is replaced, and each
    of those tasks runs again alone, one at a time, in a one-worker pool of its own: a task that kills that one too is
    the culprit (Crashed), the others get their results."""

    # Measured on the text-heavy portal (2,000 pages, 2 workers): 2 tasks a worker 0.93 of the bare spider's speed,
    # 8 tasks 1.02-1.03 (the workers no longer ran dry while the crawl's process was busy).
    PER_WORKER = 8
    PER_WORKER_BYTES = 4 * 1024 * 1024

    def __init__(self, workers: int, initializer: Callable | None = None, initargs: tuple = ()):
        self.workers = workers
        self.initializer, self.initargs = initializer, initargs
        self.live: list[_Worker] = []
        self.waiting: deque[tuple[asyncio.Future, Callable, tuple]] = deque()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.starting: asyncio.Future | None = None
        self.alone: Workers | None = None  # where a task held by a worker that died runs again
        self.one_at_a_time: asyncio.Lock | None = None
        self.ready = False  # a task came back: the workers exist, and handing one over no longer waits for a start

    async def run(self, function: Callable, *args):
        """function(*args) in a worker; raises Crashed when it killed its worker twice."""
        try:
            result = await self._call(function, args)
        except _Died:
            log.warning("a worker process died; its tasks run again, one at a time")
            return await self._run_alone(function, args)
        self.ready = True
        return result

    async def _call(self, function: Callable, args: tuple):
        loop = asyncio.get_running_loop()
        if self.loop is not loop:  # first use, or a new event loop (a test's): the workers are bound to the old one
            self._stop_workers()
            self.loop = loop
        future = loop.create_future()
        self.waiting.append((future, function, args))
        if len(self.live) < self.workers:
            await self._start()
        self._hand_over()
        return await future

    async def _start(self) -> None:
        """Start the missing workers (one start at a time; every task waits for it). Starting a worker waits for the
        fork server to load the audit (about a second, the first time): never on the event loop's thread."""
        if self.starting is None:
            self.starting = asyncio.ensure_future(self._spawn(self.workers - len(self.live)))
        starting = self.starting
        try:
            await asyncio.shield(starting)
        finally:
            if self.starting is starting and starting.done():
                self.starting = None

    async def _spawn(self, count: int) -> None:
        # The fork server starts when a first task needs it (an unchanged night never does), from this thread: it
        # dies with the thread that started it (die_with_parent), and a thread of asyncio's pool may end any time.
        start_fork_server()
        started = await asyncio.to_thread(self._processes, count)
        self.live += [_Worker(process, sock, self.loop, self._answered, self._ended) for process, sock in started]

    def _processes(self, count: int) -> list:
        context, started = worker_context(), []
        for _ in range(count):
            ours, theirs = socket.socketpair()
            process = context.Process(target=_serve, args=(theirs, self.initializer, self.initargs), daemon=True)
            process.start()
            theirs.close()
            started.append((process, ours))
        return started

    def _hand_over(self) -> None:
        while self.waiting:
            free = [w for w in self.live if w.alive and (not w.in_flight or len(w.in_flight) < self.PER_WORKER
                                                          and w.held < self.PER_WORKER_BYTES)]
            if not free:
                return
            future, function, args = self.waiting.popleft()
            if future.done():
                continue
            try:
                payload = pickle.dumps((function, args), pickle.HIGHEST_PROTOCOL)
            except Exception as e:  # noqa: BLE001 - as a pool would: the task fails, the crawl goes on
                future.set_exception(e)
                continue
            min(free, key=lambda w: len(w.in_flight)).hand_over(future, payload)

    def _answered(self, worker: _Worker, future: asyncio.Future, payload: bytes) -> None:
        try:
            ok, value = pickle.loads(payload)
        except Exception as e:  # noqa: BLE001 - an answer that cannot be read fails its task, not the crawl
            ok, value = False, RuntimeError(f"a worker's answer could not be read: {e!r}")
        if future.done():
            pass
        elif ok:
            future.set_result(value)
        else:
            future.set_exception(value)
        self._hand_over()

    def _ended(self, worker: _Worker) -> None:
        """A worker died: what it held failed with it (run() runs it again alone); what waits goes to the others, or
        to a new worker."""
        if worker in self.live:
            self.live.remove(worker)
        if self.waiting and self.live:
            self._hand_over()
        elif self.waiting:
            asyncio.ensure_future(self._restart())

    async def _restart(self) -> None:
        try:
            await self._start()
        finally:
            self._hand_over()

    async def _run_alone(self, function: Callable, args: tuple):
        if self.one_at_a_time is None:
            self.one_at_a_time = asyncio.Lock()
        async with self.one_at_a_time:
            if self.alone is None:
                self.alone = Workers(1, self.initializer, self.initargs)
            try:
                return await self.alone._call(function, args)
            except _Died:
                log.warning("a worker process died again on the same task, run alone: it has no result")
                self.alone.close()
                self.alone = None
        raise Crashed(getattr(function, "__name__", "task"))

    def _stop_workers(self) -> None:
        """Stop the workers; the tasks they held and those waiting are cancelled (nothing waits for them forever)."""
        futures = [f for w in self.live for f, _ in w.in_flight] + [f for f, _, _ in self.waiting]
        self.waiting.clear()
        for worker in self.live:
            worker.close()
        for future in futures:
            try:
                future.cancel()
            except RuntimeError:  # its event loop is closed: nothing can wait for it any more
                pass
        for worker in self.live:
            worker.process.join(10)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join(5)
        self.live, self.starting, self.ready = [], None, False

    def close(self) -> None:
        """Stop the workers: each finishes the task it computes and exits."""
        if self.alone is not None:
            self.alone.close()
            self.alone = None
        self._stop_workers()


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
