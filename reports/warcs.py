"""WARC records read back from their bytes: each record's place, headers and recomputed digests (warcio's reader)."""
from __future__ import annotations

import base64
import binascii
import hashlib
import io
from dataclasses import dataclass

from warcio.archiveiterator import ArchiveIterator

HTTP_BLOCK = ("application/http",)


@dataclass
class WarcRecord:
    """One record of a WARC file as read back: where it starts, what it says, and whether its digests hold."""

    offset: int
    record_id: str
    type: str
    target_uri: str
    warc_date: str
    refers_to: str
    payload_sha256: str  # recomputed from the bytes ('' for a revisit, which carries no payload)
    payload_digest: str  # the WARC-Payload-Digest header as written
    block_ok: bool | None  # None: no WARC-Block-Digest to check
    payload_ok: bool | None  # None: no WARC-Payload-Digest to check, or a revisit (its digest is the original's)
    payload: bytes  # the HTTP payload (the body as fetched), b'' for a revisit
    http_headers: dict[str, str]
    http_status: int | None


def digest_matches(header: str, data: bytes) -> bool | None:
    """Does a WARC digest header ('sha1:BASE32', 'sha256:BASE32' as warcio writes them, or hex) describe `data`?
    None when the algorithm is not one hashlib knows."""
    algorithm, _, value = (header or "").strip().partition(":")
    name = algorithm.lower().replace("-", "")
    if not value or name not in hashlib.algorithms_available:
        return None
    digest = hashlib.new(name, data).digest()
    value = value.strip()
    if len(value) == 2 * len(digest):
        try:
            return binascii.unhexlify(value) == digest
        except binascii.Error:
            return False
    try:
        return base64.b32decode(value.upper() + "=" * (-len(value) % 8)) == digest
    except (binascii.Error, ValueError):
        return False


def hex_of(header: str) -> str:
    """The hex form of a 'sha256:' digest header (base32 or hex), or '' for another algorithm or a bad value."""
    algorithm, _, value = (header or "").strip().partition(":")
    if algorithm.lower().replace("-", "") != "sha256" or not value:
        return ""
    if len(value) == 64:
        return value.lower()
    try:
        return base64.b32decode(value.upper() + "=" * (-len(value) % 8)).hex()
    except (binascii.Error, ValueError):
        return ""


def read_records(data: bytes) -> list[WarcRecord]:
    """Every record of a (gzip per record, or plain) WARC file, digests recomputed; raises ValueError naming the
    offset when the bytes cannot be read as WARC records (a damaged gzip member, a truncated record)."""
    out: list[WarcRecord] = []
    iterator = ArchiveIterator(io.BytesIO(data), no_record_parse=True)
    offset = 0
    try:
        for record in iterator:
            read = _record(offset, record)  # the block first: asking warcio for the offset reads the record away
            read.offset = offset = iterator.get_record_offset()
            out.append(read)
    except Exception as e:  # noqa: BLE001 - zlib, EOF and warcio's own errors: all mean damaged bytes
        raise ValueError(f"unreadable after offset {offset}: {type(e).__name__}: {e}") from None
    payloads = {r.record_id: r.payload_sha256 for r in out if r.type != "revisit"}
    for r in out:  # a revisit's payload is its original's, when the original travels with it
        if r.type == "revisit":
            r.payload_sha256 = payloads.get(r.refers_to) or hex_of(r.payload_digest)
    return out


def _record(offset: int, record) -> WarcRecord:
    h = record.rec_headers
    block = record.raw_stream.read()
    block_digest = h.get_header("WARC-Block-Digest")
    block_ok = digest_matches(block_digest, block) if block_digest else None
    kind = h.get_header("WARC-Type") or ""
    headers: dict[str, str] = {}
    status = None
    payload = block
    if (h.get_header("Content-Type") or "").split(";")[0].strip().lower() in HTTP_BLOCK:
        head, sep, payload = block.partition(b"\r\n\r\n")
        if not sep:
            head, payload = block, b""
        lines = head.decode("iso-8859-1").split("\r\n")
        if kind in ("response", "revisit") and lines and lines[0].startswith("HTTP/"):
            try:
                status = int(lines[0].split()[1])
            except (IndexError, ValueError):
                status = None
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    payload_digest = h.get_header("WARC-Payload-Digest") or ""
    revisit = kind == "revisit"
    payload_ok = None if revisit or not payload_digest else digest_matches(payload_digest, payload)
    return WarcRecord(offset, h.get_header("WARC-Record-ID") or "", kind, h.get_header("WARC-Target-URI") or "",
                      h.get_header("WARC-Date") or "", h.get_header("WARC-Refers-To") or "",
                      "" if revisit else hashlib.sha256(payload).hexdigest(), payload_digest, block_ok, payload_ok,
                      b"" if revisit else payload, headers, status)
