"""A hostile web server on 127.0.0.1: traps, huge and slow pages, compression bombs, bad redirects, broken encodings."""
from __future__ import annotations

import datetime as dt
import random
import struct
import threading
import time
import zlib
from collections import Counter
from html import escape
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

import brotli

from loopback import LoopbackServer

MiB = 1 << 20
BOAST = "Inauguramos la clínica más grande de la región"
# Page content that would run or add elements if a report or a terminal ever interpreted it.
SCRIPT = '<script id="inyectado">document.title="pwned"</script>'
IMG = '<img id="inyectado-img" src="x" onerror="document.body.dataset.pwned=1">'
ESCAPE = "\x1b[2J\x1b]0;pwned\x07"


def deflate_bomb(total: int, container: str = "gzip", chunk: int = MiB):
    """(length, chunks): a gzip or zlib stream of `total` zero bytes, made by zlib without holding them in memory.

    Each chunk of zeros is compressed with a full flush, which resets zlib's state, so every chunk after the first
    compresses to the same bytes: zlib compresses three chunks and the stream repeats the middle one.
    """
    n = max(total // chunk, 3)
    total = n * chunk
    zeros = bytes(chunk)
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = z.compress(zeros) + z.flush(zlib.Z_FULL_FLUSH)
    middle = z.compress(zeros) + z.flush(zlib.Z_FULL_FLUSH)
    last = z.compress(zeros) + z.flush(zlib.Z_FINISH)
    check = 0 if container == "gzip" else 1
    for _ in range(n):
        check = (zlib.crc32 if container == "gzip" else zlib.adler32)(zeros, check)
    if container == "gzip":
        head, tail = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03", struct.pack("<II", check, total & 0xFFFFFFFF)
    else:
        head, tail = b"\x78\xda", struct.pack(">I", check)
    length = len(head) + len(first) + len(middle) * (n - 2) + len(last) + len(tail)

    def chunks():
        yield head + first
        for _ in range(n - 2):
            yield middle
        yield last + tail

    return length, chunks()


def brotli_bomb(total: int, chunk: int = MiB):
    z = brotli.Compressor(quality=1)  # fast; 1 GiB of zeros still fits in ~200 KB
    zeros = bytes(chunk)
    for _ in range(max(total // chunk, 1)):
        out = z.process(zeros)
        if out:
            yield out
    yield z.finish()


def png_header(width: int, height: int) -> bytes:
    """A valid PNG that declares width × height pixels and carries none: Pillow reads the size from IHDR."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def page(title: str, body: str) -> str:
    return f"<!doctype html><html lang='es'><head><title>{title}</title></head><body><main>{body}</main></body></html>"


LATIN1 = page("Clínica regional",
              f"<h1>Clínica regional</h1><p>{BOAST}.</p><p>Horario de atención: lunes a viernes.</p>")
MALFORMED = ("<html><head><title>Roto</titl><body><div><p>Texto sin cerrar<table><tr><td>celda<p>otra</div></span>"
             "<<<>>><a href='/normal?desde=malformado'>enlace</a><!-- comentario sin cerrar <p>resto")
SCRIPTED = (
    f"<!doctype html><html><head><title>Inauguramos la clínica {SCRIPT}{ESCAPE}</title></head><body><main>"
    f"<h1>Inauguramos la clínica más grande &lt;b id=\"inyectado-b\"&gt;de la región&lt;/b&gt;</h1>"
    f"<p>Inauguramos la clínica más grande de la región {escape(SCRIPT)} {escape(IMG)}{ESCAPE}.</p>"
    f"<img src='/img/retrato.png?x=\"&gt;&lt;script&gt;' alt='Jorge Treviño {escape(SCRIPT)}' title='{escape(IMG)}'>"
    f"<a href='/script/\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;'>enlace con script en la URL</a>"
    f"<a href='http://fuera.example/\"&gt;&lt;script id=inyectado-url&gt;alert(1)&lt;/script&gt;'>fuera</a>"
    f"<a href='javascript:alert(1)'>javascript</a>"
    "</main></body></html>")


class HostileServer(LoopbackServer):
    """`with HostileServer() as server:` serves on server.base_url until the block ends; `hits` counts each path."""

    def __init__(self, *, slow_seconds: float = 40.0, bomb_bytes: int = 1 << 30, huge_bytes: int = 60 * MiB):
        super().__init__(Handler)
        self.slow_seconds = slow_seconds
        self.bomb_bytes = bomb_bytes
        self.huge_bytes = huge_bytes
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    server: HostileServer

    def log_message(self, *args):
        pass

    def do_GET(self):
        parts = urlsplit(self.path)
        with self.server.lock:
            self.server.hits[self.path] += 1
        query = parse_qs(parts.query)
        path = parts.path
        try:
            for prefix, route in ROUTES:
                if path == prefix or (len(prefix) > 1 and prefix.endswith("/") and path.startswith(prefix)):
                    return route(self, path, query)
            self.send(404, page("No encontrada", "<p>No existe.</p>"))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawler hung up (too large, timeout): that is the point

    # helpers ----------------------------------------------------------------------------------------------
    def send(self, status: int, body, ctype: str = "text/html; charset=utf-8", headers=()):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def redirect(self, location: str):
        self.send(302, "", headers=[("Location", location)])

    def stream(self, chunks, headers, length: int | None = None):
        self.send_response(200)
        for k, v in headers:
            self.send_header(k, v)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()
        for data in chunks:
            if self.server.stopping.is_set():
                return
            self.wfile.write(data)

    # endpoints --------------------------------------------------------------------------------------------
    def index(self, path, query):
        links = INDEX_LINKS if path == "/" else FAILING_LINKS
        items = "".join(f"<li><a href='{escape(u)}'>{escape(u)}</a></li>" for u in links)
        self.send(200, page("Portal hostil", f"<h1>Portal hostil</h1><ul>{items}</ul>"))

    def calendar(self, path, query):
        day = dt.date.fromisoformat(path.rsplit("/", 1)[-1])
        self.send(200, page(f"Agenda {day}", f"<h1>Agenda del {day}</h1><p>Sin eventos.</p>"
                                             f"<a href='/calendario/{day + dt.timedelta(days=1)}'>día siguiente</a>"))

    def growing(self, path, query):
        self.send(200, page("Búsqueda", f"<p>Resultados.</p><a href='{escape(self.path)}&amp;x=1'>más</a>"))

    def branch(self, path, query):
        self.send(200, page("Rama", "<p>Sección.</p><a href='a/b/'>subsección</a>"))

    def long_url(self, path, query):
        self.send(200, page("Largo", f"<a href='/largo/{'x' * 3000}'>largo</a>"))

    def huge(self, path, query):
        block = (b"<p>" + b"relleno " * 8000 + b"</p>\n")
        n = self.server.huge_bytes // len(block) + 1
        self.stream((block for _ in range(n)), [("Content-Type", "text/html; charset=utf-8")],
                    length=n * len(block) if path == "/enorme" else None)

    def slow(self, path, query):
        end = time.monotonic() + self.server.slow_seconds
        while time.monotonic() < end and not self.server.stopping.is_set():
            time.sleep(0.05)
        self.send(200, page("Lenta", "<p>Por fin.</p>"))

    def bomb(self, path, query):
        kind = path.rsplit(".", 1)[-1]
        headers = [("Content-Type", "text/html; charset=utf-8")]
        if kind == "br":
            self.stream(brotli_bomb(self.server.bomb_bytes), headers + [("Content-Encoding", "br")])
            return
        length, chunks = deflate_bomb(self.server.bomb_bytes, "gzip" if kind == "gz" else "zlib")
        self.stream(chunks, headers + [("Content-Encoding", "gzip" if kind == "gz" else "deflate")], length)

    def gallery(self, path, query):
        self.send(200, page("Galería", "<h1>Galería</h1><p>Fotos del parque.</p>"
                                       "<img src='/img/gigante.png' alt='Vista del parque'>"))

    def image(self, path, query):
        if path == "/img/gigante.png":
            self.send(200, png_header(20000, 20000), "image/png")
        else:
            self.send(200, png_header(2, 2), "image/png")

    def loop(self, path, query):
        self.redirect("/bucle-b" if path == "/bucle" else "/bucle")

    def offsite(self, path, query):
        self.redirect("http://www.example.com/")

    def metadata(self, path, query):
        self.redirect("http://169.254.169.254/latest/meta-data/iam/security-credentials/")

    def private(self, path, query):
        self.redirect("http://10.0.0.1/admin")

    def localhost(self, path, query):
        port = self.server.server_address[1]
        self.send(200, page("Localhost", f"<a href='http://localhost:{port}/hola'>mismo servidor por nombre</a>"))

    def hello(self, path, query):
        self.send(200, page("Hola", "<p>Servido a localhost, que resuelve a la dirección del portal.</p>"))

    def latin1_lying(self, path, query):
        self.send(200, LATIN1.encode("cp1252"), "text/html; charset=utf-8")

    def latin1_bare(self, path, query):
        self.send(200, LATIN1.encode("cp1252"), "text/html")

    def malformed(self, path, query):
        self.send(200, MALFORMED)

    def nested(self, path, query):
        self.send(200, "<html><body>" + "<div><span>" * 20000 + "hondo" + "</span></div>" * 20000 + "</body></html>")

    def nul(self, path, query):
        self.send(200, page("Con NUL", "<p>Texto\x00 con\x00 bytes\x00 nulos.</p>").encode("utf-8"))

    def binary(self, path, query):
        self.send(200, random.Random(20270406).randbytes(64 * 1024), "text/html")

    def empty(self, path, query):
        self.send(200, b"")

    def scripted(self, path, query):
        self.send(200, SCRIPTED)

    def hangup(self, path, query):
        self.close_connection = True
        self.connection.shutdown(2)

    def error(self, path, query):
        self.send(500, page("Error", "<p>Error interno.</p>"))

    def normal(self, path, query):
        self.send(200, page("Trámites", "<h1>Trámites</h1><p>Requisitos para la credencial.</p>"))

    def slow_site(self, path, query):
        """/lento-sitio/?n=N&delay=S links to N pages that each answer after S seconds."""
        if path.startswith("/lento-sitio/p/"):
            time.sleep(float(query.get("delay", ["0.3"])[0]))
            self.send(200, page("Aviso", f"<h1>Aviso {escape(path)}</h1><p>Consulta los requisitos.</p>"))
            return
        n, delay = int(query.get("n", ["50"])[0]), query.get("delay", ["0.3"])[0]
        items = "".join(f"<li><a href='/lento-sitio/p/{i}?delay={delay}'>aviso {i}</a></li>" for i in range(n))
        self.send(200, page("Avisos", f"<ul>{items}</ul>"))


# What the index links to: every hostile endpoint, the start of each trap, and links that must never be requested.
INDEX_LINKS = ["/calendario/2027-04-06", "/crece?x=1", "/rama/a/b/", "/largo", "/enorme", "/enorme-flujo", "/lenta",
               "/bomba.gz", "/bomba.zz", "/bomba.br", "/galeria", "/bucle", "/fuera", "/metadatos", "/privada",
               "/localhost", "/latin1-miente", "/latin1-sin-charset", "/malformada", "/anidada", "/nul", "/binario",
               "/vacia", "/script", "/cuelga", "/error", "/normal", "/no-existe",
               "http://169.254.169.254/latest/meta-data/", "http://www.example.net/fuera-de-alcance"]
# A portal whose pages mostly fail: /fallas links only to endpoints that cannot be audited.
FAILING_LINKS = ["/enorme", "/bomba.gz", "/binario", "/vacia", "/cuelga", "/error", "/no-existe", "/bucle"]

ROUTES = [
    ("/fallas", Handler.index),
    ("/", Handler.index),
    ("/calendario/", Handler.calendar),
    ("/crece", Handler.growing),
    ("/rama/", Handler.branch),
    ("/largo", Handler.long_url),
    ("/enorme", Handler.huge),
    ("/enorme-flujo", Handler.huge),
    ("/lenta", Handler.slow),
    ("/bomba.gz", Handler.bomb),
    ("/bomba.zz", Handler.bomb),
    ("/bomba.br", Handler.bomb),
    ("/galeria", Handler.gallery),
    ("/img/", Handler.image),
    ("/bucle", Handler.loop),
    ("/bucle-b", Handler.loop),
    ("/fuera", Handler.offsite),
    ("/metadatos", Handler.metadata),
    ("/privada", Handler.private),
    ("/localhost", Handler.localhost),
    ("/hola", Handler.hello),
    ("/latin1-miente", Handler.latin1_lying),
    ("/latin1-sin-charset", Handler.latin1_bare),
    ("/malformada", Handler.malformed),
    ("/anidada", Handler.nested),
    ("/nul", Handler.nul),
    ("/binario", Handler.binary),
    ("/vacia", Handler.empty),
    ("/script", Handler.scripted),
    ("/cuelga", Handler.hangup),
    ("/error", Handler.error),
    ("/normal", Handler.normal),
    ("/lento-sitio/", Handler.slow_site),
]
