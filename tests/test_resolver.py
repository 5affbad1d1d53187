"""The address policy where connections are made (issue 22 item 15): the resolver hands the connection only allowed
addresses, resolving in threads; the address checked is the address connected to."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml

from blindaje.crawler.addresses import PRIVATE, AddressPolicy
from conftest import blindaje, write_config
from loopback import send_body

# A name server that answers differently the second time (DNS rebinding), played by the system resolver's functions
# patched before anything imports them: `portal.prueba` is a public address once, then 127.0.0.1. Every lookup of it
# is logged with the thread it ran on. Then the command line runs as usual.
REBINDING = r"""
import json, socket, sys, threading
real_getaddrinfo, real_gethostbyname = socket.getaddrinfo, socket.gethostbyname
log, seen = sys.argv.pop(1), []

def answer(host):
    seen.append(host)
    with open(log, "a") as f:
        f.write(json.dumps([host, threading.current_thread() is threading.main_thread()]) + "\n")
    return "8.8.8.8" if seen.count(host) == 1 else "127.0.0.1"

def getaddrinfo(host, *args, **kwargs):
    if isinstance(host, bytes):
        host = host.decode()
    return real_getaddrinfo(answer(host) if host == "portal.prueba" else host, *args, **kwargs)

def gethostbyname(host):
    return answer(host) if host == "portal.prueba" else real_gethostbyname(host)

socket.getaddrinfo, socket.gethostbyname = getaddrinfo, gethostbyname
sys.argv[0] = "blindaje"
from blindaje.cli import main
main()
"""


class Counting(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), CountingHandler)
        self.hosts: list[str] = []


class CountingHandler(BaseHTTPRequestHandler):
    server: Counting

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.hosts.append(self.headers.get("Host", "").split(":")[0])
        send_body(self, b"<html><body><h1>Inicio</h1><p>Requisitos del tramite.</p></body></html>")


@pytest.mark.slow
def test_a_name_that_rebinds_to_loopback_is_never_connected_to(tmp_path):
    srv = Counting()
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    port = srv.server_address[1]
    try:
        config = write_config(tmp_path / "config", srv.base_url if hasattr(srv, "base_url") else
                              f"http://127.0.0.1:{port}/", settings={"crawl": {
                                  "delay_seconds": 0, "autothrottle": False, "retries": 0, "timeout_seconds": 5}})
        portals = [{"name": "rebinding", "jurisdiction": "MX-COA", "start_urls": [f"http://portal.prueba:{port}/"],
                    "allowed_domains": ["portal.prueba"]},
                   {"name": "local", "jurisdiction": "MX-COA", "start_urls": [f"http://127.0.0.1:{port}/"],
                    "allowed_domains": ["127.0.0.1"]}]
        (config / "portals.yaml").write_text(yaml.safe_dump({"portals": portals}), "utf-8")
        data, log = tmp_path / "data", tmp_path / "lookups.jsonl"
        res = subprocess.run([sys.executable, "-c", REBINDING, str(log), "crawl", "--force", "--config", str(config),
                              "--data", str(data)], capture_output=True, text=True, timeout=120)
        assert "Traceback" not in res.stderr, res.stderr
        pages = {p["url"]: (p["outcome"], p["reason"])
                 for p in json.loads(blindaje("export", "--pages", "--data", data).stdout)}
    finally:
        srv.shutdown()
        srv.server_close()
    assert srv.hosts == ["127.0.0.1"], "only the portal on 127.0.0.1 reached the server"
    assert pages == {f"http://portal.prueba:{port}/": ("skipped", PRIVATE),
                     f"http://127.0.0.1:{port}/": ("audited", "")}
    lookups = [json.loads(line) for line in log.read_text().splitlines()]
    assert len(lookups) >= 2 and not any(on_main for _, on_main in lookups), "DNS resolved on the reactor thread"


def test_the_policy_checks_the_answer_it_hands_over():
    answers = {"portal.gob.mx": [["200.57.1.1"], ["169.254.169.254"]], "localhost": [["127.0.0.1"]],
               "intranet.gob.mx": [["10.0.0.5"], ["10.0.0.5"]]}

    def resolver(host):
        queue = answers.get(host, [[]])
        return queue.pop(0) if len(queue) > 1 else queue[0]

    policy = AddressPolicy([["portal.gob.mx"], ["intranet.gob.mx"], ["127.0.0.1:8000", "localhost"]], resolver)
    assert policy.lookup("portal.gob.mx") == []  # home was 200.57.1.1; the answer to connect to is the metadata IP
    assert policy.refused == {"portal.gob.mx": ["169.254.169.254"]}
    assert policy.refused_host("http://portal.gob.mx/x") and not policy.refused_host("http://intranet.gob.mx/")
    assert policy.lookup("intranet.gob.mx") == ["10.0.0.5"]  # an intranet portal lives there
    assert policy.lookup("localhost") == ["127.0.0.1"] and policy.lookup("127.0.0.1") == ["127.0.0.1"]
    assert policy.lookup("10.0.0.5") == []  # not the home of a portal listing it
    assert policy.lookup("no-existe.invalid") == []


def test_the_scope_middleware_resolves_no_name_on_the_reactor():
    from types import SimpleNamespace

    from scrapy import Request

    from blindaje.crawler.addresses import AddressGuard
    from blindaje.crawler.middlewares import OutOfScope, ScopeMiddleware
    from blindaje.crawler.urls import Scope

    calls = []
    guard = AddressGuard(["www.gob.mx"], lambda host: calls.append(host) or ["200.57.1.1"])
    spider = SimpleNamespace(scope=Scope(["www.gob.mx"]), guard=guard)
    mw = ScopeMiddleware()
    assert mw.process_request(Request("https://www.gob.mx/prensa"), spider) is None
    with pytest.raises(OutOfScope, match="private address"):
        mw.process_request(Request("http://10.0.0.1/"), spider)  # IP literals need no DNS
    assert calls == []  # names are resolved where the connection is made, in the resolver's threads
