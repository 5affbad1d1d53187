"""The `blindaje` command line: one click group, one function per command."""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from pathlib import Path

import click

from blindaje.audit.loader import ConfigError

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_BUSY = 0, 1, 2, 3
EXIT_NOT_AUDITED = 3  # `check`: nothing found, but a target (or part of one) could not be audited
log = logging.getLogger("blindaje")


class CommandError(click.ClickException):
    """A problem the user can fix: one line per problem on stderr (`error: …`), exit status 2 unless told."""

    def __init__(self, *problems: str, prefix: str = "error", exit_code: int = EXIT_USAGE):
        super().__init__("\n".join(f"{prefix}: {p}" for p in problems))
        self.exit_code = exit_code

    def show(self, file=None) -> None:
        click.echo(self.message, file=file, err=True)  # without click's "Error: " prefix: the SPEC's one-liners


def _now() -> dt.datetime:
    """The clock for the default date and the reports' "generated" time: read here, once per command, passed down."""
    return dt.datetime.now().astimezone()


def _setup_logging(data_dir: Path | None, verbose: bool) -> None:
    root = logging.getLogger("blindaje")
    if root.handlers:
        return
    root.setLevel(logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S")
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setLevel(logging.INFO if verbose else logging.WARNING)
    stderr.setFormatter(fmt)
    root.addHandler(stderr)
    if data_dir is not None:
        try:
            Path(data_dir).mkdir(parents=True, exist_ok=True)
            fh = logging.FileHandler(Path(data_dir) / "blindaje.log", encoding="utf-8")
            fh.setFormatter(fmt)
            root.addHandler(fh)
        except OSError:
            pass


def cache_dir() -> Path:
    """Where downloads are kept between commands (the demo's photo): $XDG_CACHE_HOME/blindaje, ~/.cache/blindaje."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "blindaje"


def config_option(f=None, *, used=True, help_used="Configuration directory (or BLINDAJE_CONFIG)."):
    """--config DIR. Every command accepts it (SPEC §5: one wrapper passes the same pair to all); unused, it is ignored."""
    option = click.option("--config", "config_dir", type=click.Path(file_okay=False, path_type=Path),
                          default="config", envvar="BLINDAJE_CONFIG", show_default=True, expose_value=used,
                          help=help_used if used else "Configuration directory (or BLINDAJE_CONFIG). Not read.")
    return option(f) if f else option


def _remember_data(ctx, param, value):
    """The data directory, kept for the one-line message when it cannot be used (BlindajeGroup)."""
    ctx.meta["blindaje.data"] = value
    return value


def data_option(f=None, *, used=True):
    """--data DIR, accepted by every command like --config."""
    option = click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
                          default="data", envvar="BLINDAJE_DATA", show_default=True, expose_value=used,
                          callback=_remember_data,
                          help="Data directory: DATA/blindaje.db and DATA/reports/ (or BLINDAJE_DATA)."
                          + ("" if used else " Not read."))
    return option(f) if f else option


def verbose_option(f):
    return click.option("-v", "--verbose", is_flag=True, help="Log each decision to stderr too.")(f)


def load_configuration(config_dir: Path):
    """The configuration, or CommandError listing every problem found (exit 2)."""
    from blindaje.config import load_config

    try:
        return load_config(config_dir)
    except ConfigError as e:
        raise CommandError(*e.problems, prefix="configuration error") from None


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _store(data_dir: Path, must_exist: bool = True):
    from blindaje.runner import open_store

    if must_exist and not (Path(data_dir) / "blindaje.db").exists():
        raise CommandError(f"no database at {Path(data_dir) / 'blindaje.db'}; run `blindaje crawl` first")
    return open_store(data_dir)


def _run_id(store, value: str) -> int:
    if value in (None, "latest"):
        run_id = store.latest_run_id()
        if run_id is None:
            raise CommandError("there is no finished run yet")
        return run_id
    try:
        run_id = int(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a run id or 'latest'") from None
    if store.run(run_id) is None:
        raise CommandError(f"there is no run {run_id}")
    return run_id


def safe(text) -> str:
    """Text from a page, made harmless for a terminal: no escape sequences or control characters."""
    return "".join(ch if ch.isprintable() or ch in "\t" else "\ufffd" for ch in str(text))


class BlindajeGroup(click.Group):
    """The command group: a data directory or database that cannot be used (read-only, full, corrupt, missing) is
    said in one line with what to do, exit 2 (fix the setup) or 1 (the storage failed), never a traceback."""

    def invoke(self, ctx):
        import sqlite3

        from blindaje.doctor import storage_problem
        from blindaje.store.db import StoreError

        try:
            return super().invoke(ctx)
        except (sqlite3.DatabaseError, OSError, StoreError) as e:
            problem = storage_problem(e, Path(ctx.meta.get("blindaje.data") or "data"))
            if problem is None:
                raise
            log.info("storage problem", exc_info=True)
            raise CommandError(safe(problem[0]), exit_code=problem[1]) from None


@click.group(cls=BlindajeGroup)
@click.version_option(package_name="blindaje")
def cli():
    """Blindaje: audits government portals for propaganda forbidden during Mexico's electoral blackout.

    Example: blindaje demo
    """


@cli.command()
@data_option
@verbose_option
@config_option(used=False)
def demo(data_dir, verbose):
    """Serve the bundled sample portal on 127.0.0.1, crawl and audit it, render the report, print its path.

    Needs no configuration. With the faces extra, the first demo fetches one public-domain photo from PyPI (Grace
    Hopper's official portrait, inside matplotlib's wheel) into ~/.cache/blindaje (or $XDG_CACHE_HOME/blindaje) and
    shows it on a promotional card, so that the report finds an official by her face; later demos need no network.
    Offline, the demo runs without that card.

    Example: blindaje demo --data /tmp/blindaje-demo
    """
    from blindaje.calendar import today
    from blindaje.demo import demo_config, demo_site, serve_site
    from blindaje.runner import run_crawl

    _setup_logging(data_dir, verbose)
    site, portrait = demo_site(cache_dir(), data_dir / "demo-site")
    with serve_site(site) as base_url:
        config = demo_config(base_url, data_dir / "demo-config", portrait)
        outcome = run_crawl(config, data_dir, date=today(config, _now()), portals=config.portals, forced=True)
    click.echo(outcome.report)


@cli.command()
@config_option
@data_option
@click.option("--portal", "portal_names", multiple=True, help="Only this portal (repeatable).")
@click.option("--force", is_flag=True, help="Crawl even if the calendar says no blackout is on.")
@click.option("--if-active", is_flag=True, help="Exit 0 quietly when no portal is active (for cron).")
@click.option("--date", "date_text", help="Date to decide activity for (YYYY-MM-DD); default today.")
@click.option("--queue", "queue_url", envvar="BLINDAJE_QUEUE", metavar="REDIS_URL",
              help="Crawl on workers (`blindaje worker`) through Redis: redis://HOST:PORT/DB, rediss://… "
                   "(or BLINDAJE_QUEUE).")
@verbose_option
@click.pass_context
def crawl(ctx, config_dir, data_dir, portal_names, force, if_active, date_text, queue_url, verbose):
    """Crawl and audit the portals active on the date, store the run, render its report, print a summary.

    With --queue, each portal is a job on Redis for `blindaje worker` processes on any machine; this process waits,
    ingests their results into the one database and settles the run as on one machine.

    Exit 0 on success, 1 when the run failed or was incomplete (or Redis is unreachable), 2 on a configuration
    error, 3 when another run is in progress.

    Example: blindaje crawl --portal bienestar --force
    """
    from blindaje.calendar import portal_activity, today
    from blindaje.lock import Busy
    from blindaje.runner import open_store, run_crawl, summary_line

    config = load_configuration(config_dir)
    _setup_logging(data_dir, verbose)
    date = _date(date_text) or today(config, _now())
    portals = config.portals
    if portal_names:
        unknown = [n for n in portal_names if config.portal(n) is None]
        if unknown:
            raise CommandError(f"unknown portal(s): {', '.join(unknown)} (portals.yaml has: "
                               f"{', '.join(p.name for p in config.portals)})")
        portals = [config.portal(n) for n in portal_names]
    if not force:
        activity = {p.name: portal_activity(config, p, date) for p in portals}
        inactive = [p.name for p in portals if not activity[p.name].active]
        portals = [p for p in portals if activity[p.name].active]
        log.info("%s active: %s; skipped: %s", date, ", ".join(p.name for p in portals) or "none",
                 ", ".join(inactive) or "none")
        if not portals:
            if not if_active:
                click.echo(f"no portal is active on {date}; nothing crawled (use --force to crawl anyway)")
            return
    try:
        if queue_url:
            from blindaje.distributed import BadQueueURL, QueueError, run_queued

            try:
                outcome = run_queued(config, data_dir, queue_url, date=date, portals=portals, forced=force)
            except QueueError as e:
                raise CommandError(str(e), exit_code=EXIT_USAGE if isinstance(e, BadQueueURL) else EXIT_FAIL) from None
        else:
            outcome = run_crawl(config, data_dir, date=date, portals=portals, forced=force,
                                log_level="INFO" if verbose else "WARNING")
    except Busy as e:
        raise CommandError(str(e), exit_code=EXIT_BUSY) from None
    click.echo(summary_line(outcome, open_store(data_dir)))
    ctx.exit(EXIT_OK if outcome.run["status"] == "complete" else EXIT_FAIL)


def _given(ctx, name: str) -> bool:
    """Whether the user gave this option (command line or environment), not its default."""
    from click.core import ParameterSource

    return ctx.get_parameter_source(name) in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT)


def _missing_target(target: str) -> str:
    """Why a target that is neither a URL nor an existing file cannot be read, with what to type instead."""
    import re

    if re.match(r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(:\d+)?(/|$)", target, re.IGNORECASE):
        return f"no such file; for a web page give its scheme: https://{target}"
    return "no such file"


def plain_error(e: BaseException, timeout: float) -> str:
    """What went wrong reading a target, in plain words (not `URLError: <urlopen error …>`)."""
    import http.client
    import socket
    import ssl
    import urllib.error

    if isinstance(e, urllib.error.HTTPError):
        return f"the server answered HTTP {e.code} ({e.reason}): check the address"
    reason = e.reason if isinstance(e, urllib.error.URLError) else e
    if isinstance(reason, socket.gaierror):
        return "the host name could not be resolved: check the address and the network connection"
    if isinstance(reason, ConnectionRefusedError):
        return "the server refused the connection: check that the site is online and the port is right"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} s: the site is slow or offline; try again later"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the site's TLS certificate could not be verified ({reason.verify_message})"
    if isinstance(reason, ssl.SSLError):
        return "the secure (TLS) connection failed"
    if isinstance(reason, (ConnectionResetError, http.client.RemoteDisconnected, http.client.IncompleteRead)):
        return "the server closed the connection before answering in full; try again later"
    if isinstance(reason, FileNotFoundError):
        return str(reason) if reason.args and not reason.filename else "no such file"
    if isinstance(reason, IsADirectoryError):
        return "this is a folder, not a file: give the files inside it"
    if isinstance(reason, PermissionError):
        return "permission denied reading this file"
    if isinstance(reason, urllib.error.URLError) or isinstance(e, urllib.error.URLError):
        return f"could not connect: {reason}"
    if isinstance(reason, OSError):
        return f"could not read it: {reason.strerror or reason}"
    if isinstance(e, ValueError) and str(e):  # our own reasons: "larger than N bytes", "not a document we read"…
        return str(e)
    return f"{type(e).__name__}: {e}"


def plain_reason(code: str, crawl) -> str:
    """A fetch's reason code (crawler/fetch.py, as in the coverage export) in plain words, saying what to do."""
    import re
    from http import HTTPStatus

    from blindaje.audit.reasons import Reason

    status = re.fullmatch(r"HTTP (\d{3})", code)
    if status:
        n = int(status.group(1))
        phrase = HTTPStatus(n).phrase if n in HTTPStatus._value2member_map_ else "error"
        return f"the server answered HTTP {n} ({phrase}): check the address"
    return {
        Reason.CONNECTION_REFUSED: "the server refused the connection: check that the site is online and the port "
                                   "is right",
        Reason.DNS_LOOKUP_FAILED: "the host name could not be resolved: check the address and the network connection",
        Reason.TIMEOUT: f"no complete answer within {crawl.timeout_seconds:g} s: the site is slow or offline; try "
                        "again later",
        Reason.INCOMPLETE_RESPONSE: "the server closed the connection before sending all it announced (the page is "
                                    "cut short); try again later",
        Reason.TOO_LARGE: f"larger than crawl.max_page_bytes ({crawl.max_page_bytes:,} bytes)",
        Reason.PRIVATE_ADDRESS: "the host is on a private or reserved address, which is never fetched",
        Reason.REDIRECT_PRIVATE_ADDRESS: "it redirects to a private or reserved address, which is never fetched",
        Reason.REDIRECT_OUT_OF_SCOPE: "it redirects to another host, which is not followed: check the page there",
    }.get(code, code)


@cli.command()
@click.option("--queue", "queue_url", envvar="BLINDAJE_QUEUE", metavar="REDIS_URL", required=True,
              help="The coordinator's Redis: redis://HOST:PORT/DB, rediss://… (or BLINDAJE_QUEUE).")
@config_option
@click.option("--burst", is_flag=True, help="Exit once the queue is empty (for tests and batch machines).")
@click.option("--scratch", type=click.Path(file_okay=False, path_type=Path), envvar="BLINDAJE_SCRATCH",
              help="Folder for the jobs' scratch databases (default: the system's temporary folder).")
@data_option(used=False)
@verbose_option
def worker(queue_url, config_dir, burst, scratch, verbose):
    """Take portal jobs from a `blindaje crawl --queue` run: crawl and audit each portal, hand the result back.

    Needs the same configuration directory as the coordinator (a job whose portal, rules, officials or crawl
    settings differ is refused, saying so); never opens the coordinator's database. SIGTERM stops it after the
    running job.

    Example: blindaje worker --queue redis://cola.interna:6379/0 --config /etc/blindaje
    """
    import tempfile

    from blindaje.distributed import BadQueueURL, QueueError, run_worker

    config = load_configuration(config_dir)
    _setup_logging(None, verbose)
    try:
        run_worker(config, queue_url, burst=burst, scratch=scratch or Path(tempfile.gettempdir()) / "blindaje-worker")
    except QueueError as e:
        raise CommandError(str(e), exit_code=EXIT_USAGE if isinstance(e, BadQueueURL) else EXIT_FAIL) from None


def _finding_out(f) -> dict:
    return {"rule": f.rule, "severity": f.severity.value, "group": f.group, "url": f.url, "evidence": f.evidence,
            "location": f.location, "context": f.context, "message": f.message, "legal_basis": f.legal_basis,
            "exception": f.exception, "id": f.id}


def _image_sources(url: str, body: bytes, charset: str | None) -> list[str]:
    """The images a fetched HTML page shows (absolute URLs), for `check` to fetch with the page; none for a document
    or an image."""
    from blindaje.audit.document import decode, is_image, parse, sniff_binary
    from blindaje.audit.files import file_kind

    if file_kind(body, "", url) or is_image(body) or sniff_binary(body):
        return []
    return [img.src for img in parse(url, decode(body, charset)).images]


def _read_target(url: str, body: bytes, charset: str | None, target: str, crawl, pixels: bool, fetched=None):
    """What `check` audits in a target's bytes: (its Document, its images' analyses or None). A document is read as
    the crawl reads it (audit.files), an image by its pixels (its text, its faces), anything else as HTML."""
    from blindaje.audit.document import decode, image_document, image_unread, is_image, parse, sniff_binary
    from blindaje.audit.files import FileLimits, file_kind, read_file

    kind = file_kind(body, "", url)
    if kind:
        document = read_file(url, body, kind, FileLimits(max_pages=crawl.max_document_pages,
                                                         max_seconds=crawl.max_document_seconds), ocr=crawl.ocr)
        if isinstance(document, str):
            raise ValueError(document)
        return document, {} if pixels else None
    if is_image(body):
        from blindaje.audit.portraits import examine

        analysis = examine(body, max_pixels=crawl.max_image_pixels, ocr=crawl.ocr, faces=pixels)
        if isinstance(analysis, str):
            raise ValueError(analysis)
        document = image_document(url, analysis.text, image_unread(analysis.text, analysis.text_status, crawl.ocr))
        return document, {url: analysis} if pixels else None
    reason = sniff_binary(body)
    if reason:
        raise ValueError(reason)
    document = parse(url, decode(body, charset))
    return document, _page_images(document, target, crawl, fetched) if pixels else None


def _page_images(document, target: str, crawl, fetched=None) -> dict:
    """The page's images analysed as a crawl would (fetched with the page by the crawler's fetch path, on the same
    host; or read from the HTML file's own folder), or why not."""
    import urllib.parse
    import urllib.request

    from blindaje.audit.portraits import ImageRefused, analyse

    folder = None if target.startswith(("http://", "https://")) else Path(target).resolve().parent
    out = {}
    for img in document.images:
        src = urllib.parse.urlsplit(img.src)
        try:
            if folder is not None and src.scheme == "file":
                path = Path(urllib.request.url2pathname(src.path)).resolve()
                if not path.is_relative_to(folder):
                    raise ImageRefused("outside the page's folder")
                if path.stat().st_size > crawl.max_image_bytes:
                    raise ImageRefused("too large")
                data = path.read_bytes()
            elif folder is None and fetched is not None and img.src in fetched.images:
                image = fetched.images[img.src]
                if image.error:
                    raise ImageRefused(image.error)
                data = image.body
            else:
                raise ImageRefused("out of scope")
            out[img.src] = analyse(data, max_pixels=crawl.max_image_pixels)
        except ImageRefused as e:
            out[img.src] = str(e)
        except (OSError, ValueError) as e:
            out[img.src] = f"not fetched: {type(e).__name__}"
    return out


@cli.command()
@click.argument("targets", nargs=-1, required=True)
@config_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@data_option(used=False)
@click.pass_context
def check(ctx, targets, config_dir, fmt):
    """Audit single pages, documents or images (URLs or local files: HTML, PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG…)
    without crawling or storing; exit 1 when anything is found, 3 when nothing was found but a target (or part of
    it) could not be audited, 2 for a --config directory that does not exist.

    Uses the officials and rule packs of the configuration directory; without --config and without ./config, the
    shipped packs (no officials), saying so on stderr.

    Example: blindaje check borrador.html informe.pdf tarjeta.png https://www.gob.mx/bienestar/prensa/123 --format json
    """
    from blindaje.audit.engine import Auditor
    from blindaje.audit.loader import load_rules
    from blindaje.audit.model import AuditContext
    from blindaje.config import SettingsFile

    if Path(config_dir).is_dir():
        config = load_configuration(config_dir)
        rules, settings = config.rules, config.settings
        context_for = config.audit_context
    elif _given(ctx, "config_dir"):
        raise CommandError(f"configuration directory {config_dir} does not exist (omit --config to check with the "
                           "shipped rule packs alone)")
    else:
        click.echo(f"note: no configuration directory ./{config_dir} (give --config DIR): checking with the shipped "
                   "rule packs only, without officials' names or portraits", err=True)
        try:
            rules = load_rules(None)
        except ConfigError as e:
            raise CommandError(str(e), prefix="configuration error") from None
        settings, context_for = SettingsFile(), lambda portal=None: AuditContext()
    auditor = Auditor(rules, context_for(None))
    urls = [t for t in targets if t.startswith(("http://", "https://"))]
    fetches = {}
    if urls:  # fetched as a crawl fetches: scope, address policy, size, total timeout, truncation
        from blindaje.crawler.fetch import fetch_targets

        fetches = fetch_targets(urls, settings.crawl, images_of=_image_sources if auditor.needs_pixels else None)
    results, found, errors = [], 0, 0
    for target in targets:
        entry = {"target": target, "findings": [], "error": None}
        try:
            fetched = fetches.get(target)
            if fetched is not None:
                if fetched.error:  # not audited: never reported clean
                    entry["error"], entry["reason"] = plain_reason(fetched.error, settings.crawl), fetched.error
                    errors += 1
                    results.append(entry)
                    continue
                url, body, charset = fetched.final_url, fetched.body, fetched.charset
            else:
                path = Path(target)
                if not path.exists():
                    raise FileNotFoundError(_missing_target(target))
                url, body, charset = path.resolve().as_uri(), path.read_bytes(), None
            document, images = _read_target(url, body, charset, target, settings.crawl, auditor.needs_pixels,
                                            fetched)
            result = auditor.audit_document(document, images)
            entry["url"] = url
            entry["exceptions"] = result.exceptions
            entry["findings"] = [_finding_out(f) for f in result.findings]
            entry["images_not_checked"] = result.unchecked_images
            entry["not_read"] = result.unread
            found += len(result.findings)
            errors += bool(result.unread)  # what could not be read is not clean
        except Exception as e:  # noqa: BLE001 - every target is reported, none aborts the others
            log.info("%s not audited", target, exc_info=True)
            entry["error"] = plain_error(e, settings.crawl.timeout_seconds)
            errors += 1
        results.append(entry)
    if fmt == "json":
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for entry in results:
            if entry["error"]:
                click.echo(f"{safe(entry['target'])}: NOT AUDITED ({safe(entry['error'])})")
                continue
            click.echo(f"{safe(entry['target'])}: {len(entry['findings'])} finding(s)")
            for f in entry["findings"]:
                click.echo(f"  [{f['severity']}] {f['rule']} at {safe(f['location'])}: {safe(f['context'])}")
                click.echo(f"      {safe(f['message'])} ({f['legal_basis']})")
            for src, why in entry["images_not_checked"].items():
                click.echo(f"  image NOT checked for officials' faces or portraits: {safe(src)} ({safe(why)})")
            for why in entry["not_read"]:
                click.echo(f"  NOT READ: {safe(why)}")
    ctx.exit(EXIT_FAIL if found else EXIT_NOT_AUDITED if errors else EXIT_OK)


@cli.command()
@data_option
@click.option("--run", "run_ref", default="latest", show_default=True, help="Run id or 'latest'.")
@config_option(used=False)
def report(data_dir, run_ref):
    """Render (again) the HTML report of a run and print its path.

    Example: blindaje report --run 12
    """
    from blindaje.reports.render import render_run

    store = _store(data_dir)
    run_id = _run_id(store, run_ref)
    click.echo(render_run(store, run_id, Path(data_dir) / "reports", now=_now()))


@cli.command()
@data_option
@click.option("--run", "run_ref", default="latest", show_default=True, help="Run id or 'latest'.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout.")
@click.option("--pages", is_flag=True, help="Export the run's coverage (every URL discovered) instead of findings.")
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True,
              help="es: Spanish headers and values, and for findings the context, what to do and the waiver.")
@config_option(help_used="Configuration directory: its rule packs give --lang es its 'qué hacer' column.")
def export(data_dir, run_ref, fmt, output, pages, lang, config_dir):
    """Write the findings of a run (default the latest), or its pages with --pages, as JSON or CSV.

    CSV is UTF-8 with a byte-order mark (Excel reads the accents) and any cell starting with =, +, -, @, tab or CR
    starts with an apostrophe (never run as a formula). The default columns are SPEC §6's; --lang es gives Spanish
    headers and values (severidad alta/media/baja, estado nuevo/abierto/corregido/dispensado) plus context, what
    to do and the waiver.

    Example: blindaje export --format csv --lang es --output hallazgos.csv
    """
    from blindaje.reports.csvfile import csv_text, spanish_rows
    from blindaje.store.queries import EXPORT_FIELDS, PAGE_FIELDS

    if output is not None and not output.parent.is_dir():
        raise CommandError(f"cannot write {output}: folder {output.parent} does not exist (create it first)")
    store = _store(data_dir)
    run_id = _run_id(store, run_ref)
    if lang == "es":
        rows, fields = spanish_rows(store, run_id, pages, config_dir)
    else:
        rows = store.export_pages(run_id) if pages else store.export_findings(run_id)
        fields = PAGE_FIELDS if pages else EXPORT_FIELDS
    if fmt == "json":
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    else:
        text = csv_text(rows, fields, spanish=lang == "es")
    if output:
        tmp = output.with_name(f".{output.name}.tmp")
        try:
            tmp.write_text(text, encoding="utf-8", newline="")
            os.replace(tmp, output)  # whole or not at all
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise CommandError(f"cannot write {output}: {e.strerror or e}") from None
    else:
        click.echo(text, nl=False)


@cli.command()
@config_option
@click.option("--date", "date_text", help="Date (YYYY-MM-DD); default today in the calendar's time zone.")
@data_option(used=False)
def calendar(config_dir, date_text):
    """List the processes in blackout on the date and which portals are active; when inactive ones open next.

    Example: blindaje calendar --date 2027-05-01
    """
    from blindaje.calendar import active_processes, portal_activity, today

    config = load_configuration(config_dir)
    date = _date(date_text) or today(config, _now())
    procs = active_processes(config.calendar, date)
    click.echo(f"{date} ({config.calendar.timezone})")
    click.echo(f"processes in blackout: {len(procs)}")
    for p in procs:
        status = f", {p.status}" if p.status else ""
        click.echo(f"  {p.name} [{', '.join(p.applies_to)}] {p.blackout_start} → {p.blackout_end}{status}")
    click.echo("portals:")
    for portal in config.portals:
        a = portal_activity(config, portal, date)
        if a.active:
            click.echo(f"  {portal.name} ({portal.jurisdiction}): active — {'; '.join(a.processes)}")
        else:
            nxt = f"next window opens {a.next_start}" if a.next_start else "no upcoming window"
            click.echo(f"  {portal.name} ({portal.jurisdiction}): inactive — {nxt}")


@cli.command()
@config_option
@data_option
@click.option("--now", "run_now", is_flag=True, help="Also crawl (if active) right away, then every night.")
@verbose_option
def schedule(config_dir, data_dir, run_now, verbose):
    """Run in the foreground: every night at schedule.time, crawl the active portals; never two runs at once.

    Each night's crawl runs as its own process (`blindaje crawl --if-active`). SIGTERM stops the scheduler after
    the running crawl finishes.

    Example: blindaje schedule --config /etc/blindaje --data /var/lib/blindaje
    """
    from blindaje.schedule import run_scheduler

    config = load_configuration(config_dir)
    _setup_logging(data_dir, True if verbose else False)
    run_scheduler(config, config_dir, data_dir, now=_now().astimezone(config.timezone) if run_now else None,
                  announce=click.echo)


def account_name() -> str:
    """Who is running this, when no --by or BLINDAJE_USER says: the login name, else the account of the uid."""
    import pwd

    name = os.environ.get("USER") or os.environ.get("LOGNAME")
    if name:
        return name
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:  # a uid without a passwd entry (containers)
        return f"uid {os.getuid()}"


def _fold(text: str) -> str:
    return " ".join(str(text or "").split()).casefold()


@cli.command()
@click.argument("finding_ids", nargs=-1)
@data_option
@click.option("--reason", help="Why this is allowed or a false positive (mandatory to waive).")
@click.option("--until", "until_text", help="Last day the waiver holds (YYYY-MM-DD, today or later); default: no end.")
@click.option("--by", "by", envvar="BLINDAJE_USER",
              help="Who decides (default: BLINDAJE_USER, the login name, or the account of the uid).")
@click.option("--revoke", is_flag=True, help="End the waivers of the given finding ids instead.")
@click.option("--rule", help="Waive every open finding of this rule (with --evidence, and --portal to narrow).")
@click.option("--evidence", help="With --rule: the evidence text (case and spacing ignored).")
@click.option("--portal", "portal_name", help="With --rule: only this portal's findings.")
@click.option("--group", "group", help="Waive every open finding of this template problem (its id in the portal "
              "report: g…).")
@config_option(used=False)
def waive(finding_ids, data_dir, reason, until_text, by, revoke, rule, evidence, portal_name, group):
    """Mark findings as waived (an allowed exception or a false positive), with the reason; or revoke waivers.

    Several ids at once, every open finding matching --rule and --evidence (and --portal), or every open finding
    of a template problem (--group, the id its portal report shows). Waiving again
    replaces the waiver; every decision is kept (`blindaje waivers --all`). A waiver takes effect from the next
    run: the figures of a finished night do not change. --until must be today or later.

    Example: blindaje waive 3f9a0c1d2e4b5a69 --reason "Directorio: obligación de transparencia" --until 2027-06-06
    """
    now = _now()
    today = now.date().isoformat()
    until = _date(until_text)
    selecting = rule or evidence or portal_name or group
    if revoke and (selecting or until_text):
        raise CommandError("--revoke takes finding ids only (no --rule, --evidence, --portal, --group or --until)")
    if not revoke:
        if reason is None or not reason.strip():
            raise CommandError("--reason is required: say why this is allowed or a false positive")
        if until is not None and until.isoformat() < today:
            raise CommandError(f"--until {until} is in the past (today is {today}); give today or a later date")
    if selecting and finding_ids:
        raise CommandError("give finding ids, --rule with --evidence, or --group: one of them")
    if group and (rule or evidence or portal_name):
        raise CommandError("--group selects the findings by itself (no --rule, --evidence or --portal)")
    if selecting and not group and not (rule and evidence):
        raise CommandError("--rule and --evidence together select the findings to waive (--portal narrows them)")
    if not selecting and not finding_ids:
        raise CommandError("give the finding ids to " + ("revoke" if revoke else "waive")
                           + ("" if revoke else ", or --rule with --evidence"))
    store = _store(data_dir)
    who = by or account_name()
    stamp = now.isoformat(timespec="seconds")
    if group:
        from blindaje.store.groups import group_id

        found = [f for f in store.open_findings(today) if group_id(f) == group]
        if not found:
            raise CommandError(f"no open finding belongs to the template problem {group} (see its portal report)")
        finding_ids = tuple(dict.fromkeys(f["id"] for f in found))
    elif selecting:
        found = [f for f in store.open_findings(today, rule=rule, portal=portal_name)
                 if _fold(f["evidence"]) == _fold(evidence)]
        if not found:
            where = f" in portal {portal_name}" if portal_name else ""
            raise CommandError(f"no open finding of rule {rule}{where} has the evidence {evidence!r}")
        finding_ids = tuple(dict.fromkeys(f["id"] for f in found))
    else:
        unknown = [i for i in dict.fromkeys(finding_ids) if not store.finding_exists(i)]
        if unknown:  # none is written when any is wrong
            raise CommandError(*(f"no finding with id {i}" for i in unknown))
        finding_ids = tuple(dict.fromkeys(finding_ids))
    if revoke:
        waived = {w["finding_id"] for w in store.waivers()}
        without = [i for i in finding_ids if i not in waived]
        if without:
            raise CommandError(*(f"finding {i} has no waiver to revoke" for i in without))
        for fid in finding_ids:
            store.revoke(fid, by=who, created_at=stamp, reason=(reason or "").strip())
            click.echo(f"revoked the waiver of {fid} by {who}: it counts again from the next run")
    else:
        for fid in finding_ids:
            before = store.waive(fid, reason=reason.strip(), by=who, created_at=stamp,
                                 until=until.isoformat() if until else None)
            replaced = f" (replaces the waiver by {before['by']} of {before['created_at'][:10]})" if before else ""
            click.echo(f"waived {fid}" + (f" until {until}" if until else "") + f" by {who}{replaced}")
    latest = store.latest_run_id()
    if latest is not None:  # the morning report shows the decision at once, as a later event
        from blindaje.reports.render import render_run

        render_run(store, latest, Path(data_dir) / "reports", now=now)


@cli.command()
@data_option
@click.option("--all", "show_all", is_flag=True, help="Also every past decision (waived, replaced, revoked).")
@config_option(used=False)
def waivers(data_dir, show_all):
    """List waivers: the finding's rule, page and waived evidence, who, when, until when and why; warn about those
    that end within 7 days. --all adds the history of every decision.

    Example: blindaje waivers --all
    """
    store = _store(data_dir)
    today = _now().date()
    rows = store.waivers()
    if not rows:
        click.echo("no waivers")
    for w in rows:
        until = w["until"] or "no end"
        ended = " (ended)" if w["until"] and w["until"] < today.isoformat() else ""
        click.echo(f"{w['finding_id']} {w['rule'] or ''} {safe(w['url'] or '')} «{safe(w['evidence'] or '')}» — "
                   f"by {safe(w['by'])} on {w['created_at']}, until {until}{ended}: {safe(w['reason'])}")
    for w in store.expiring_waivers(today.isoformat()):
        days = (dt.date.fromisoformat(w["until"]) - today).days
        when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
        click.echo(f"warning: the waiver of {w['finding_id']} ({w['rule'] or ''} «{safe(w['evidence'] or '')}») "
                   f"ends {when}, on {w['until']}: renew it with `blindaje waive {w['finding_id']} --reason … "
                   "--until …` or let it count again")
    if show_all:
        click.echo("history:")
        for h in store.waiver_history():
            what = {"waive": "waived", "revoke": "revoked"}.get(h["action"], h["action"])
            until = f", until {h['until']}" if h["until"] else ""
            reason = f": {safe(h['reason'])}" if h["reason"] else ""
            click.echo(f"  {h['created_at']} {what} {h['finding_id']} {h['rule'] or ''} «{safe(h['evidence'] or '')}» "
                       f"by {safe(h['by'])}{until}{reason}")


def _timezone(config_dir: Path):
    """The calendar's time zone when the configuration directory exists, else America/Mexico_City."""
    from zoneinfo import ZoneInfo

    if Path(config_dir).is_dir():
        return load_configuration(config_dir).timezone
    return ZoneInfo("America/Mexico_City")


@cli.command(options_metavar="[OPTIONS]")
@click.argument("args", nargs=-1, metavar="FINDING_ID --out DIR | verify DIR")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the dossier to (created if needed).")
@click.option("--screenshot/--no-screenshot", "shot", default=True, show_default=True,
              help="Draw the captured page with headless Chromium when `chromium` is installed (no network).")
@config_option
@data_option
@click.pass_context
def evidence(ctx, args, out_dir, shot, config_dir, data_dir):
    """Write a finding's evidence dossier, or verify one.

    `blindaje evidence FINDING_ID --out DIR` writes DIR/index.html (Spanish, self-contained, printable: the finding,
    its evidence in context, legal basis, every night it was seen, each capture's time in UTC and in the calendar's
    time zone, hashes, when it was first gone), DIR/capture.warc.gz (the WARC records it rests on, copied byte for
    byte), DIR/manifest.json (each file's and record's SHA-256), and DIR/screenshot.png with Chromium. Exit 2 for an
    unknown id, 1 when a capture is missing or does not match the database.

    `blindaje evidence verify DIR` recomputes every hash of the manifest and every WARC record digest; exit 0 when
    all hold, 1 naming each file or record that does not.

    Example: blindaje evidence 3f9a0c1d2e4b5a69 --out evidencia-3f9a0c1d2e4b5a69
    && blindaje evidence verify evidencia-3f9a0c1d2e4b5a69
    """
    from blindaje.reports.evidence import DossierError, UnknownFinding, verify_dossier, write_dossier

    if args and args[0] == "verify":
        if len(args) != 2 or out_dir is not None:
            raise CommandError("usage: blindaje evidence verify DIR")
        folder = Path(args[1])
        if not folder.is_dir():
            raise CommandError(f"no dossier folder at {folder}")
        problems, counts = verify_dossier(folder)
        for problem in problems:
            click.echo(f"FAILED: {safe(problem)}")
        if problems:
            ctx.exit(EXIT_FAIL)
        click.echo(f"OK: {counts['files']} file(s) and {counts['records']} WARC record(s) "
                   f"({counts['digests']} digest(s)) match {folder / 'manifest.json'}")
        return
    if len(args) != 1 or out_dir is None:
        raise CommandError("usage: blindaje evidence FINDING_ID --out DIR, or blindaje evidence verify DIR")
    from blindaje.reports.evidence import DOSSIER_FILES

    if out_dir.is_dir():
        others = sorted(p.name for p in out_dir.iterdir() if p.name not in DOSSIER_FILES)
        if others:  # verify would report them as not in the manifest: a dossier's folder holds the dossier alone
            raise CommandError(f"{out_dir} holds other files ({', '.join(others[:3])}); choose an empty folder")
    tz = _timezone(config_dir)
    store = _store(data_dir)
    draw = None
    if shot:
        from blindaje.reports.screenshot import find_chromium, screenshot

        chromium = find_chromium()
        if chromium:
            def draw(html, content_type, png):
                return screenshot(chromium, html, content_type, png)
    try:
        dossier = write_dossier(store, args[0], Path(data_dir), out_dir, now=_now(), tz=tz, screenshot=draw)
    except UnknownFinding:
        raise CommandError(f"no finding with id {args[0]}") from None
    except DossierError as e:
        raise CommandError(str(e), exit_code=EXIT_FAIL) from None
    if not dossier.captures:
        click.echo(f"warning: no capture of {args[0]} was kept (runs before evidence was recorded?): the dossier "
                   "holds the findings' rows only", err=True)
    click.echo(f"{dossier.path / 'index.html'}: {dossier.captures} capture(s), {dossier.records} WARC record(s)"
               + (", screenshot" if dossier.screenshot else ""))


@cli.group()
@config_option(used=False)
@data_option(used=False)
def social():
    """Official social-media accounts, audited from the exports their owners download (SPEC §11).

    Example: blindaje social import twitter-2027-04-20.zip --account bienestar-x
    """


@social.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE_OR_DIR...")
@click.option("--account", "account_name", required=True, help="The account's name in accounts.yaml.")
@click.option("--platform", type=click.Choice(["x", "facebook", "instagram", "csv"]),
              help="The export's format (default: detected).")
@config_option
@data_option
@verbose_option
def social_import(paths, account_name, platform, config_dir, data_dir, verbose):
    """Import an account's export (X archive or its zip, Facebook or Instagram "Download your information" JSON, or
    CSV with id,date,text,url,reply_to,media_type) as one run of kind social: every post and reply audited, posts
    dated inside a blackout window of the account's jurisdiction judged, the others listed as outside the veda.

    A file that is no supported export, or a malformed one, stops the import with exit 2 and nothing stored.

    Example: blindaje social import twitter-2027-04-20.zip --account bienestar-x
    """
    from blindaje.lock import Busy
    from blindaje.social.readers import ExportError
    from blindaje.social_import import read_account, run_social_import

    config = load_configuration(config_dir)
    _setup_logging(data_dir, verbose)
    account = config.account(account_name)
    if account is None:
        known = ", ".join(a.name for a in config.accounts or []) or "none"
        raise CommandError(f"unknown account {account_name!r} (accounts.yaml lists: {known})")
    try:
        posts = read_account(config, account, list(paths), platform)
    except ExportError as e:
        raise CommandError(safe(e)) from None
    except (OSError, RecursionError, MemoryError) as e:
        raise CommandError(f"cannot read the export: {type(e).__name__}: {safe(e)}") from None
    if not posts:
        raise CommandError(f"{', '.join(map(str, paths))}: the export holds no post")
    total = len(posts)
    try:
        outcome = run_social_import(config, data_dir, account, posts, [str(p) for p in paths], now=_now())
    except Busy as e:
        raise CommandError(str(e), exit_code=EXIT_BUSY) from None
    run = outcome.run
    store = _store(data_dir)
    inside = store.post_counts(outcome.run_id, account.name)["in_veda"]
    by_status = store.summary(outcome.run_id)["status"]
    click.echo(f"run {outcome.run_id} {run['status']}: account {account.name}, {total} post(s) "
               f"({inside} in veda, {total - inside} fuera de veda), {run['findings_total']} findings "
               f"({by_status.get('new', 0)} new, {by_status.get('open', 0)} open, {by_status.get('fixed', 0)} fixed, "
               f"{by_status.get('waived', 0)} waived); report: {outcome.report}")


@cli.command()
@config_option
@data_option
@click.option("--test", "test", is_flag=True, help="Send a sample message instead of a run's summary.")
@click.option("--run", "run_ref", default="latest", show_default=True, help="Run id or 'latest' (without --test).")
@click.option("--to", "to", multiple=True, help="Send to this address instead of the configured ones (repeatable).")
def notify(config_dir, data_dir, test, run_ref, to):
    """E-mail a run's summary again, or with --test a sample message that checks the SMTP settings (email.*).

    Exit 0 when every message was accepted, 1 when the server could not be reached or refused a recipient, 2 when
    e-mail is not configured.

    Example: blindaje notify --test
    """
    import smtplib

    from blindaje.config import is_email
    from blindaje.notify import Recipient, build_message, deliver, report_link, send_test

    config = load_configuration(config_dir)
    email = config.settings.email
    if not email.enabled:
        raise CommandError("e-mail is not configured: set email.smtp_host, email.from and email.to in settings.yaml")
    bad = [a for a in to if not is_email(a)]
    if bad:
        raise CommandError(f"--to {bad[0]!r} is not an e-mail address")
    if not (to or email.to):
        raise CommandError("no recipient: set email.to in settings.yaml or give --to ADDRESS")
    password = os.environ.get(email.password_env) if email.password_env else None
    if email.password_env and password is None:
        raise CommandError(f"environment variable {email.password_env} (email.password_env) is not set")
    server = f"{email.smtp_host}:{email.smtp_port}"
    try:
        if test:
            sent, failures = send_test(email, now=_now(), tz=config.timezone, password=password, to=list(to))
        else:
            store = _store(data_dir)
            run_id = _run_id(store, run_ref)
            page = Path(data_dir) / "reports" / f"run-{run_id}" / "index.html"
            report = page if page.exists() else None
            targets = [Recipient(a, None) for a in dict.fromkeys(to or email.to)]
            sent, failures = deliver(email, [(t.address, build_message(store, run_id, email, t, report,
                                                                       config.timezone)) for t in targets], password)
    except (OSError, smtplib.SMTPException) as e:
        raise CommandError(f"could not send through {server}: {type(e).__name__}: {e}", exit_code=EXIT_FAIL) from None
    for failure in failures:
        click.echo(f"error: not delivered to {safe(failure)}", err=True)
    click.echo(f"{'sample' if test else 'summary'} sent to {sent} recipient{'' if sent == 1 else 's'} through {server}")
    if failures:
        raise SystemExit(EXIT_FAIL)


@cli.command()
@data_option
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535), help="Port on 127.0.0.1.")
@config_option(used=False)
def browse(data_dir, port):
    """Open the database in Datasette on 127.0.0.1, read-only, for analysts: Spanish titles and descriptions,
    facets on rule, severity, status and portal, and saved queries (open findings by days online, pages naming an
    official, what changed last night). Runs until Ctrl-C.

    Example: blindaje browse --data /var/lib/blindaje --port 8001
    """
    import importlib.util
    import signal
    import subprocess

    from blindaje.reports.browse import datasette_command, write_metadata

    if importlib.util.find_spec("datasette") is None:
        raise CommandError("Datasette is not installed (pip install 'datasette>=0.65.1,<1')")
    _store(data_dir)  # the database exists and its schema is current
    metadata = write_metadata(Path(data_dir) / "datasette-metadata.json")
    command = datasette_command(Path(data_dir) / "blindaje.db", metadata, port, sys.executable)
    click.echo(f"Blindaje en Datasette: http://127.0.0.1:{port}/blindaje (solo lectura; Ctrl-C para terminar)")
    proc = subprocess.Popen(command)
    signal.signal(signal.SIGTERM, lambda *_: proc.terminate())  # stopping `browse` stops its server
    try:
        code = proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        code = proc.wait()
    if code not in (0, -signal.SIGTERM, -signal.SIGINT):
        raise CommandError(f"Datasette stopped with status {code} (is port {port} in use?)", exit_code=EXIT_FAIL)


@cli.command()
@config_option
@data_option(used=False)
def validate(config_dir):
    """Check the configuration directory and report every problem found (file, key, problem); exit 2 if any.

    Example: blindaje validate --config /etc/blindaje
    """
    config = load_configuration(config_dir)
    click.echo(f"configuration OK: {len(config.portals)} portal(s), {len(config.accounts or [])} account(s), "
               f"{len(config.officials)} official(s), "
               f"{len(config.calendar.processes)} process(es), {len(config.rules.rules)} rule(s)")
    from blindaje.audit.checks.names import name_warnings

    for key, problem in name_warnings(config.officials):
        click.echo(f"warning: officials.yaml: {key}: {safe(problem)}")
    if any(o.photos for o in config.officials):
        from blindaje.audit.portraits import prepare_portraits

        for index in prepare_portraits([config.audit_context(None)]).values():
            note = index.describe()
            faces = f"faces checked ({note['model']})" if note["faces"] else f"faces NOT checked: {note['error']}"
            click.echo(f"reference portraits: {note['portraits']} of {note['officials']} official(s); {faces}")
            for problem in note["problems"]:
                click.echo(f"warning: officials.yaml: {safe(problem['photo'])}: {problem['problem']}")


@cli.command()
@config_option
@data_option
@click.pass_context
def doctor(ctx, config_dir, data_dir):
    """Check that this installation can run tonight, one line per check (ok or problem, and what to do): the
    configuration (as validate does), the data directory (exists, writable, free space), the database (integrity,
    migrations, no run left 'running'), Tesseract, Chromium and the face model. Exit 0 when all are ok, 1 otherwise.
    Changes nothing.

    Example: blindaje doctor --config /etc/blindaje --data /var/lib/blindaje
    """
    from blindaje.doctor import diagnose

    checks = diagnose(config_dir, data_dir)
    for check in checks:
        click.echo(safe(check.line()))
    ctx.exit(EXIT_OK if all(c.ok for c in checks) else EXIT_FAIL)


def main():
    logging.raiseExceptions = False  # a log line that cannot be written (a full disk) is lost, not a traceback
    cli()


if __name__ == "__main__":
    main()
