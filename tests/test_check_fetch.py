"""`blindaje check URL` fetches through the crawler's download path (issue 22 item 14): a total timeout, truncation
is not clean, redirects and images stay on the target's host and off private addresses."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from blindaje.demo import HERE as DEMO
from conftest import blindaje, write_config

BOAST = "Inauguramos la clínica más grande de la región gracias a nuestro gobierno"
CLEAN = "<html><body><h1>Trámites</h1><p>Requisitos para la credencial.</p>"
PHOTO = (DEMO / "photos" / "jorge-alberto-trevino-garza.jpg").read_bytes()


class Site(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: str):
        super().__init__((address, 0), SiteHandler)
        self.stopping = threading.Event()
        self.other = ""  # base URL of the other server (on 127.0.0.2)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://{self.server_address[0]}:{self.server_address[1]}/"

    def close(self):
        self.stopping.set()
        self.shutdown()
        self.server_close()


class SiteHandler(BaseHTTPRequestHandler):
    server: Site

    def log_message(self, *args):
        pass

    def head(self, status: int, length: int | None, ctype="text/html; charset=utf-8", location=""):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length is not None:
            self.send_header("Content-Length", str(length))
        if location:
            self.send_header("Location", location)
        self.end_headers()

    def do_GET(self):
        port = self.server.server_address[1]
        full = f"{CLEAN}<p>{BOAST}.</p></body></html>".encode()
        try:
            if self.path == "/goteo":  # a byte every 0.25 s: each read is quick, the whole page takes 40 s
                self.head(200, len(full))
                for byte in full:
                    if self.server.stopping.wait(0.25):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
            elif self.path == "/cortada":  # announces the whole page, sends its clean half, hangs up
                self.head(200, len(full))
                self.wfile.write(full[:len(CLEAN)])
            elif self.path == "/a-otro-host":
                self.head(302, 0, location=f"http://localhost:{port}/logro")
            elif self.path == "/a-otra-direccion":
                self.head(302, 0, location=self.server.other + "logro")
            elif self.path == "/logro":
                self.head(200, len(full))
                self.wfile.write(full)
            elif self.path == "/galeria":
                page = (f"{CLEAN}<img src='/foto.jpg' alt='Feria'><img src='/foto-fuera' alt='Feria'>"
                        f"<img src='{self.server.other}foto.jpg' alt='Feria'></body></html>").encode()
                self.head(200, len(page))
                self.wfile.write(page)
            elif self.path == "/foto.jpg":
                self.head(200, len(PHOTO), "image/jpeg")
                self.wfile.write(PHOTO)
            elif self.path == "/foto-fuera":
                self.head(302, 0, location=self.server.other + "foto.jpg")
            else:
                self.head(404, 0)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture
def sites():
    main, other = Site("127.0.0.1"), Site("127.0.0.2")  # 127.0.0.2: loopback too, but not the target's address
    main.other, other.other = other.base_url, other.base_url
    try:
        yield main, other
    finally:
        main.close()
        other.close()


def check(config, *urls):
    started = time.monotonic()
    res = blindaje("check", *urls, "--config", config, "--format", "json", timeout=120)
    assert "Traceback" not in res.stderr, res.stderr
    return res, {e["target"].rsplit("/", 1)[-1]: e for e in json.loads(res.stdout)}, time.monotonic() - started


@pytest.mark.slow
def test_check_bounds_the_whole_fetch_and_never_calls_a_cut_page_clean(sites, tmp_path):
    main, _ = sites
    config = write_config(tmp_path / "config", main.base_url, settings={"crawl": {
        "timeout_seconds": 2, "retries": 0, "delay_seconds": 0, "autothrottle": False}})
    res, entries, seconds = check(config, main.base_url + "goteo", main.base_url + "cortada",
                                  main.base_url + "logro")
    assert res.returncode == 1
    assert entries["goteo"]["reason"] == "timeout" and entries["goteo"]["findings"] == []
    assert entries["cortada"]["reason"] == "incomplete response" and "cut short" in entries["cortada"]["error"]
    assert entries["logro"]["error"] is None and {f["rule"] for f in entries["logro"]["findings"]} >= {
        "achievement-language"}
    assert seconds < 15, f"{seconds:.1f} s: 2 s of timeout per request, not per read"


@pytest.mark.slow
def test_check_stays_on_the_targets_host_for_the_page_and_its_images(sites, tmp_path):
    main, other = sites
    config = write_config(tmp_path / "config", main.base_url, settings={"crawl": {
        "timeout_seconds": 5, "retries": 0, "delay_seconds": 0, "autothrottle": False}})
    res, entries, _ = check(config, main.base_url + "a-otro-host", main.base_url + "a-otra-direccion",
                            main.base_url + "galeria")
    assert res.returncode == 1
    assert entries["a-otro-host"]["reason"] == "redirect out of scope"
    assert entries["a-otra-direccion"]["reason"] == "redirect to a private address"
    gallery = entries["galeria"]
    assert gallery["error"] is None
    images = {f["evidence"] for f in gallery["findings"] if f["rule"] == "official-image"}
    assert images == {main.base_url + "foto.jpg"}  # the portrait on the target's host is found
    assert gallery["images_not_checked"] == {main.base_url + "foto-fuera": "redirect to a private address",
                                             other.base_url + "foto.jpg": "out of scope"}
