"""The audit's side of the crawl's worker processes: a page's or file's bytes in, its findings out, with no Scrapy
and no Twisted imported (a worker starts from a fork of a server that has imported this module and loaded the
lemmatiser's dictionary once: no worker pays for either)."""
from __future__ import annotations

import ctypes
import gc
import logging
import sys
from pathlib import Path

from blindaje.audit.document import decode, parse
from blindaje.audit.engine import Auditor
from blindaje.audit.files import read_file
from blindaje.audit.loader import load_rules
from blindaje.audit.model import AuditContext, Official, PageResult
from blindaje.audit.portraits import portraits_for
from blindaje.audit.reasons import Detailed
from blindaje.crawler.imaging import Crashed, Workers, one_thread

log = logging.getLogger("blindaje.crawl")


def officials_setting(officials) -> list[dict]:
    """Officials (audit.model.Official) as the plain values of the BLINDAJE_OFFICIALS setting."""
    return [{"name": o.name, "position": o.position, "jurisdiction": o.jurisdiction, "aliases": list(o.aliases),
             "photos": list(o.photos), "exact": o.exact} for o in officials]


def officials_from_setting(entries) -> tuple[Official, ...]:
    return tuple(Official(e["name"], e.get("position", ""), e.get("jurisdiction", "federal"),
                          tuple(e.get("aliases", ())), tuple(e.get("photos", ())), bool(e.get("exact")))
                 for e in entries or ())


def build_auditor(config_dir: str, officials: list, exception_paths: dict, check_pixels: bool,
                  portraits=None) -> Auditor:
    """`portraits`: the officials' PortraitIndex made already (the audit workers get the crawl's: they then never
    load the face model, ~150 MB each); else made here when pixels are checked."""
    rules = load_rules(Path(config_dir)) if config_dir else load_rules()
    context = AuditContext(officials_from_setting(officials), exception_paths)
    if check_pixels and portraits is None:
        portraits = portraits_for(context.officials)
    return Auditor(rules, context, portraits if check_pixels else None)


_auditors: dict[str, Auditor] = {}  # in an audit worker: each portal's Auditor, built on its first page
_audit_args: dict[str, tuple] = {}


def warm() -> None:
    """Load what every audit needs on its first page: the lemmatiser's Spanish dictionary (0.6 s, ~100 MB). Never
    raises: a worker that cannot warm up loads it on its first page instead."""
    try:
        from blindaje.audit.text import is_spanish_word, lemma

        lemma("inauguró")
        is_spanish_word("rosa")
    except Exception:  # noqa: BLE001
        log.warning("could not load the lemmatiser's dictionary ahead of the audit", exc_info=True)


def _start_auditor(args_by_portal: dict[str, tuple]) -> None:
    one_thread()
    _audit_args.update(args_by_portal)


def _audit_in_worker(portal: str, document, images) -> PageResult:
    auditor = _auditors.get(portal)
    if auditor is None:
        auditor = _auditors[portal] = build_auditor(*_audit_args[portal])
    return auditor.audit_document(document, images)


def parse_page(url: str, body: bytes, charset: str | None):
    """The page's Document, or why it has none (a reason code): hostile markup is a failed page, never a lost one."""
    try:
        return parse(url, decode(body, charset))
    except Exception as e:  # noqa: BLE001
        log.warning("could not parse %s: %s", url, e, exc_info=True)
        return Detailed.UNPARSEABLE(type(e).__name__)


def audit_failed(url: str, e: Exception) -> str:
    """Why a page has no audit (a reason code), logged: a hostile page must never stop the run, nor pass as clean."""
    log.warning("audit failed for %s: %s", url, e, exc_info=not isinstance(e, Crashed))
    return Detailed.AUDIT_ERROR(type(e).__name__)


def _audit_read(portal: str, url: str, document) -> PageResult | str:
    """In a worker: the audit of a page or file just read, or why it has none (the reader's reason, or the audit's)."""
    if isinstance(document, str):
        return document
    try:
        return _audit_in_worker(portal, document, None)
    except Exception as e:  # noqa: BLE001
        return audit_failed(url, e)


def _parse_and_audit_in_worker(portal: str, url: str, body: bytes, charset: str | None) -> PageResult | str:
    """A page whose images' pixels need no checking, from its bytes: its audit, or why it has none (a reason)."""
    try:
        return _audit_read(portal, url, parse_page(url, body, charset))
    finally:
        if len(body) > LARGE_PAGE:  # its tree is gone with _audit_read's frame: hand the memory back
            give_memory_back()


def _read_and_audit_in_worker(portal: str, url: str, body: bytes, kind: str, limits, ocr: bool) -> PageResult | str:
    """A document from its bytes: its audit, or why it has none (a reason)."""
    try:
        return _audit_read(portal, url, read_file(url, body, kind, limits, ocr=ocr))
    finally:
        if len(body) > LARGE_PAGE:
            give_memory_back()


LARGE_PAGE = 512 * 1024  # bytes: after such a page a worker hands its freed memory back to the system


def give_memory_back() -> None:
    """A large page's tree (a hostile 2 MB page of nested tags makes ~300 MB) is freed, but glibc keeps the pages:
    a worker that parses several would keep growing. malloc_trim returns them (Linux, glibc)."""
    gc.collect()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):
            pass


class Auditors(Workers):
    """Page audits in worker processes: the parsed page in, its findings out; each worker builds each portal's
    Auditor once, from the plain values every portal's settings give (audit_args)."""

    def __init__(self, workers: int, args_by_portal: dict[str, tuple]):
        super().__init__(workers, _start_auditor, (args_by_portal,))

    async def audit(self, portal: str, document, images) -> PageResult:
        return await self.run(_audit_in_worker, portal, document, images)

    async def parse_and_audit(self, portal: str, url: str, body: bytes, charset: str | None) -> PageResult | str:
        """The page handed over once: its bytes in, its audit (with its links and images) out, or why not."""
        try:
            return await self.run(_parse_and_audit_in_worker, portal, url, body, charset)
        except Crashed as e:
            return audit_failed(url, e)

    async def read_and_audit(self, portal: str, url: str, body: bytes, kind: str, limits,
                             ocr: bool) -> PageResult | str:
        """A document handed over once: its bytes in, its audit out, or why not (a worker that dies on a hostile
        file costs that file only)."""
        try:
            return await self.run(_read_and_audit_in_worker, portal, url, body, kind, limits, ocr)
        except Crashed as e:
            return audit_failed(url, e)
