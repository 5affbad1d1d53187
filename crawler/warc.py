"""WARC captures (SPEC §10): an HTTP exchange as fetched, appended to a run's WARC file, one gzip member a record."""
from __future__ import annotations

import base64
import datetime as dt
import http
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from blindaje.store.records import CaptureRecord

HEADERS_BOUND = 32 * 1024  # bytes of request or response headers kept: a hostile server may send megabytes of them
REVISIT_PROFILE = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
# Headers that describe the bytes on the wire, not the payload kept: Scrapy has already de-chunked and inflated the
# body (pages.content_hash and the audit read those bytes), so a reader must not try to do it again.
WIRE_HEADERS = ("content-length", "transfer-encoding", "content-encoding")


@dataclass
class Exchange:
    """An HTTP exchange as the spider saw it: the request as sent, the response's status line and headers."""

    url: str  # the URL fetched (after redirects): the records' WARC-Target-URI
    status: int
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    method: str = "GET"
    protocol: str = "HTTP/1.1"
    ip_address: str = ""
    wire_encoding: str = ""  # the Content-Encoding the body came with, before Scrapy inflated it


def exchange_of(response) -> Exchange:
    """The exchange behind a Scrapy response, headers bounded (HEADERS_BOUND each way)."""
    request = response.request
    sent = _bounded(request.headers) if request is not None else []
    if not any(name.lower() == "host" for name, _ in sent):
        sent.insert(0, ("Host", urlsplit(response.url).netloc))  # Twisted adds it below Scrapy's headers
    ip = getattr(response, "ip_address", None)
    return Exchange(response.url, response.status, _bounded(response.headers), sent,
                    request.method if request is not None else "GET", response.protocol or "HTTP/1.1",
                    str(ip) if ip else "", str(response.meta.get("blindaje_wire_encoding", "")))


def _bounded(headers) -> list[tuple[str, str]]:
    """Scrapy's headers as (name, value) text pairs, in order, up to HEADERS_BOUND bytes."""
    return bounded_pairs((name, value) for name, values in headers.items() for value in values)


def bounded_pairs(pairs) -> list[tuple[str, str]]:
    """(name, value) header pairs, bytes or text, as text pairs in order, up to HEADERS_BOUND bytes."""
    out, size = [], 0
    for name, value in pairs:
        pair = (name.decode("latin-1") if isinstance(name, bytes) else name,
                value.decode("latin-1") if isinstance(value, bytes) else value)
        size += len(pair[0]) + len(pair[1]) + 4
        if size > HEADERS_BOUND:
            return out
        out.append(pair)
    return out


def warc_date(iso: str) -> str:
    """An ISO 8601 time with its offset (the crawl's clock), in UTC as WARC-Date writes it."""
    moment = dt.datetime.fromisoformat(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def payload_digest(sha256_hex: str) -> str:
    """The WARC-Payload-Digest of a payload whose hex SHA-256 is known, in warcio's form (sha256:BASE32)."""
    return "sha256:" + base64.b32encode(bytes.fromhex(sha256_hex)).decode("ascii")


class Sha256Writer(WARCWriter):
    """warcio's writer with SHA-256 block and payload digests (warcio defaults to SHA-1): the captures table and
    pages.content_hash use SHA-256, so a record's digest and its row name the same hash."""

    @staticmethod
    def _create_digester():
        return Digester("sha256")


class WarcFile:
    """One run's WARC file for one portal, appended record by record; opened on its first capture, so a night
    without captures leaves no file."""

    def __init__(self, path: Path, relative: str, portal: str):
        self.path = Path(path)
        self.relative = relative  # what captures.warc holds: the path from the data directory
        self.portal = portal
        self._out = None
        self._writer = None
        self.written = 0  # bytes appended tonight

    def _open(self):
        if self._out is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._out = open(self.path, "ab")
            self._out.seek(0, os.SEEK_END)
            self._writer = Sha256Writer(self._out, gzip=True, warc_version="1.1")
        return self._out

    def response(self, url: str, exchange: Exchange, body: bytes, captured_at: str,
                 payload_sha256: str) -> CaptureRecord:
        """The request record, then the response record with the body as fetched; the row that says where."""
        out = self._open()
        when = warc_date(captured_at)
        response = self._writer.create_warc_record(
            exchange.url, "response", payload=io.BytesIO(body), length=len(body),
            http_headers=_response_headers(exchange, len(body)), warc_headers_dict=self._warc_headers(when, exchange))
        request = self._writer.create_warc_record(
            exchange.url, "request", http_headers=_request_headers(exchange),
            warc_headers_dict={"WARC-Date": when})
        for record in (response, request):
            self._writer.ensure_digest(record, block=True, payload=False)
        request.rec_headers.add_header("WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID"))
        start = out.tell()
        self._writer.write_record(request)  # request first: the contract's range is the request, then the response
        self._writer.write_record(response)
        return self._row(url, start, response, "response", payload_sha256, when, exchange.status)

    def revisit(self, url: str, exchange: Exchange | None, captured_at: str, payload_sha256: str,
                earlier: dict | None) -> CaptureRecord:
        """A revisit record: the page answered tonight with the payload of `earlier` (a captures row, or None when
        no capture of it is kept), whose bytes are not written again."""
        out = self._open()
        when = warc_date(captured_at)
        headers = {**self._warc_headers(when, exchange), "WARC-Profile": REVISIT_PROFILE,
                   "WARC-Payload-Digest": payload_digest(payload_sha256)}
        if earlier:
            headers.update({"WARC-Refers-To": earlier["record_id"], "WARC-Refers-To-Target-URI": earlier["url"],
                            "WARC-Refers-To-Date": warc_date(earlier["captured_at"])})
        record = self._writer.create_warc_record(
            exchange.url if exchange else url, "revisit", warc_headers_dict=headers,
            http_headers=_response_headers(exchange, None) if exchange else None)
        self._writer.ensure_digest(record, block=True, payload=False)
        start = out.tell()
        self._writer.write_record(record)
        return self._row(url, start, record, "revisit", payload_sha256, when,
                         exchange.status if exchange else None, earlier["record_id"] if earlier else "")

    @staticmethod
    def _warc_headers(when: str, exchange: Exchange | None) -> dict:
        headers = {"WARC-Date": when}
        if exchange and exchange.ip_address:
            headers["WARC-IP-Address"] = exchange.ip_address
        return headers

    def _row(self, url, start, record, kind, payload_sha256, when, status, refers_to="") -> CaptureRecord:
        end = self._out.tell()
        self.written += end - start
        return CaptureRecord(self.portal, url, self.relative, start, end - start,
                             record.rec_headers.get_header("WARC-Record-ID"), kind, payload_sha256, when, status,
                             refers_to)

    def flush(self) -> None:
        """Onto the disk before the rows that point into the file are committed: a killed crawl never leaves a row
        pointing past the file's end."""
        if self._out is not None:
            self._out.flush()
            os.fsync(self._out.fileno())

    def close(self) -> None:
        if self._out is not None:
            self.flush()
            self._out.close()
            self._out = None


def _response_headers(exchange: Exchange, payload_length: int | None) -> StatusAndHeaders:
    """The response's status line and headers as received; those describing the wire form of a body kept inflated
    and de-chunked are renamed X-Archive-Orig-* (the web archives' convention), and Content-Length states the kept
    payload's length."""
    headers = []
    for name, value in exchange.response_headers:
        if name.lower() in WIRE_HEADERS and payload_length is not None:
            headers.append(("X-Archive-Orig-" + name, value))
        else:
            headers.append((name, value))
    if exchange.wire_encoding and payload_length is not None:
        headers.append(("X-Archive-Orig-Content-Encoding", exchange.wire_encoding))
    if payload_length is not None:
        headers.append(("Content-Length", str(payload_length)))
    reason = _reason_phrase(exchange.status)
    return StatusAndHeaders(f"{exchange.status} {reason}".strip(), headers, protocol=exchange.protocol)


def _request_headers(exchange: Exchange) -> StatusAndHeaders:
    parts = urlsplit(exchange.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return StatusAndHeaders(f"{exchange.method} {target} {exchange.protocol}", exchange.request_headers,
                            is_http_request=True)


def _reason_phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""
