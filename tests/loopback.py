"""HTTP servers the tests start on 127.0.0.1 (a free port), served from a thread for the duration of a block."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LoopbackServer(ThreadingHTTPServer):
    """`with Server(Handler) as srv:` serves on srv.base_url until the block ends; `stopping` is set at its end (a
    handler that stalls on purpose waits on it, so the test never waits for it)."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, handler: type[BaseHTTPRequestHandler], address: str = "127.0.0.1"):
        super().__init__((address, 0), handler)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://{self.server_address[0]}:{self.server_address[1]}/"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.shutdown()
        self.server_close()
        return False


def send_body(handler: BaseHTTPRequestHandler, body: bytes, status: int = 200,
              content_type: str = "text/html; charset=utf-8") -> None:
    """A whole answer: status, type, length and the body."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)
