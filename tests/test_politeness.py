"""Politeness per host across the portals of one run (issue 22 item 12): one host, four portals, one limit."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml

from conftest import blindaje, write_config
from loopback import send_body

PORTALS = ["uno", "dos", "tres", "cuatro"]
PAGES = 6  # per portal, besides its index
ANSWER_SECONDS = 0.25


class Recorder(ThreadingHTTPServer):
    """Serves /<portal>/ (an index linking to PAGES pages) and records when each request arrived and the most
    requests it was ever answering at once."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), RecordingHandler)
        self.lock = threading.Lock()
        self.active = 0
        self.max_active = 0
        self.starts: list[float] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


class RecordingHandler(BaseHTTPRequestHandler):
    server: Recorder

    def log_message(self, *args):
        pass

    def do_GET(self):
        srv = self.server
        with srv.lock:
            srv.starts.append(time.monotonic())
            srv.active += 1
            srv.max_active = max(srv.max_active, srv.active)
        time.sleep(ANSWER_SECONDS)  # a slow server: requests overlap unless the crawler holds them back
        with srv.lock:  # before the answer leaves: the crawler cannot start the next request while this one counts
            srv.active -= 1
        portal, _, rest = self.path.strip("/").partition("/")
        links = "" if rest else "".join(f"<a href='/{portal}/{i}'>aviso {i}</a>" for i in range(PAGES))
        send_body(self, f"<html><body><h1>Avisos {portal} {rest}</h1><p>Requisitos.</p>{links}</body></html>".encode())


@pytest.mark.slow
def test_the_limit_and_delay_per_host_hold_across_portals(tmp_path):
    concurrency, delay = 2, 0.2
    srv = Recorder()
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        config = write_config(tmp_path / "config", srv.base_url, settings={"crawl": {
            "concurrency_per_host": concurrency, "delay_seconds": delay, "autothrottle": False, "retries": 0,
            "timeout_seconds": 20}})
        portals = [{"name": name, "jurisdiction": "MX-COA", "start_urls": [srv.base_url + name + "/"],
                    "allowed_domains": ["127.0.0.1"], "allow": [f"^/{name}/"]} for name in PORTALS]
        (config / "portals.yaml").write_text(yaml.safe_dump({"portals": portals}), "utf-8")
        data = tmp_path / "data"
        res = blindaje("crawl", "--force", "--config", config, "--data", data, timeout=120)
        assert res.returncode == 0, res.stdout + res.stderr
        pages = json.loads(blindaje("export", "--pages", "--data", data).stdout)
        assert sum(p["outcome"] == "audited" for p in pages) == len(PORTALS) * (PAGES + 1)
        starts = sorted(srv.starts)
    finally:
        srv.shutdown()
        srv.server_close()
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    print(f"\n{len(starts)} requests, at most {srv.max_active} at once, smallest gap {min(gaps):.3f} s, "
          f"wall {starts[-1] - starts[0]:.1f} s")
    assert len(starts) == len(PORTALS) * (PAGES + 1)
    assert srv.max_active <= concurrency  # four portals with 2 each would send 8 at once
    # starts spaced by the delay across portals (a few ms of scheduling slack between the crawler and the server)
    assert min(gaps) >= delay - 0.03, sorted(gaps)[:5]


def test_host_slots_admit_up_to_the_limit_first_come_first_served_and_drop_a_closed_crawlers_waiters():
    from blindaje.crawler.politeness import Abandoned, HostSlots

    slots, order, dropped = HostSlots(), [], []
    a, b = object(), object()  # two portals' downloaders
    for n, owner in enumerate([a, b, a, b, a]):
        d = slots.acquire("www.gob.mx", owner, 2, 0)
        d.addCallbacks(lambda _, n=n: order.append(n), lambda f, n=n: dropped.append((n, f.check(Abandoned))))
    slots.acquire("www.ine.mx", b, 2, 0).addCallback(lambda _: order.append("ine"))
    assert order == [0, 1, "ine"]  # two in flight on www.gob.mx, whoever asked; other hosts are not held up
    slots.release("www.gob.mx")
    assert order == [0, 1, "ine", 2]
    slots.abandon(a)  # portal a's crawl closed: its request still waiting is never sent
    assert dropped == [(4, Abandoned)]
    slots.release("www.gob.mx")
    assert order == [0, 1, "ine", 2, 3] and slots.max_active["www.gob.mx"] == 2


def test_a_waiter_cancelled_before_its_turn_takes_no_slot():
    """An ask sent ahead of the crawl (crawler.revalidate) waits for its host as a Deferred; cancelled when its crawl
    stops, it is passed over when the host frees up, never called twice, and holds no slot."""
    from twisted.internet.defer import CancelledError

    from blindaje.crawler.politeness import HostSlots

    slots, order = HostSlots(), []
    first = slots.acquire("www.gob.mx", "a", 1, 0)
    waiting = slots.acquire("www.gob.mx", "a", 1, 0)
    waiting.addErrback(lambda f: order.append(f.check(CancelledError) and "cancelled"))
    after = slots.acquire("www.gob.mx", "b", 1, 0)
    after.addCallback(lambda _: order.append("next"))
    assert first.called and not waiting.called
    waiting.cancel()
    slots.release("www.gob.mx")
    assert order == ["cancelled", "next"] and slots.hosts["www.gob.mx"].active == 1
