"""The `blindaje` command line: one click group, one function per command."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import os
import sys
from pathlib import Path

import click

from blindaje.audit.loader import ConfigError

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_BUSY = 0, 1, 2, 3
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


def config_option(f=None, *, used=True):
    """--config DIR. Every command accepts it (SPEC §5: one wrapper passes the same pair to all); unused, it is ignored."""
    option = click.option("--config", "config_dir", type=click.Path(file_okay=False, path_type=Path),
                          default="config", envvar="BLINDAJE_CONFIG", show_default=True, expose_value=used,
                          help="Configuration directory (or BLINDAJE_CONFIG)." + ("" if used else " Not read."))
    return option(f) if f else option


def data_option(f=None, *, used=True):
    """--data DIR, accepted by every command like --config."""
    option = click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
                          default="data", envvar="BLINDAJE_DATA", show_default=True, expose_value=used,
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


@click.group()
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
            raise CommandError(f"unknown portal(s): {', '.join(unknown)} (see portals.yaml)")
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


def _fetch(url: str, limit: int, timeout: float, agent: str) -> tuple[str, bytes, str | None]:
    import urllib.request

    req = urllib.request.Request(url, headers={"User-Agent": agent})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        body = resp.read(limit + 1)
        if len(body) > limit:
            raise ValueError(f"larger than {limit} bytes")
        return resp.geturl(), body, resp.headers.get_content_charset()


def _read_target(url: str, body: bytes, charset: str | None, target: str, crawl, pixels: bool):
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
    return document, _page_images(document, target, crawl) if pixels else None


def _page_images(document, target: str, crawl) -> dict:
    """The page's images analysed as a crawl would (same host, or the HTML file's own folder), or why not."""
    import urllib.parse
    import urllib.request

    from blindaje.audit.portraits import ImageRefused, analyse

    page = urllib.parse.urlsplit(document.url)
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
            elif folder is None and src.scheme in ("http", "https") and src.hostname == page.hostname:
                data = _fetch(img.src, crawl.max_image_bytes, crawl.timeout_seconds, crawl.user_agent)[1]
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
    without crawling or storing; exit 1 when anything is found or could not be read.

    Uses the officials and rule packs of the configuration directory when it exists, the shipped packs otherwise.

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
    else:
        try:
            rules = load_rules(None)
        except ConfigError as e:
            raise CommandError(str(e), prefix="configuration error") from None
        settings, context_for = SettingsFile(), lambda portal=None: AuditContext()
    auditor = Auditor(rules, context_for(None))
    results, found, errors = [], 0, 0
    for target in targets:
        entry = {"target": target, "findings": [], "error": None}
        try:
            if target.startswith(("http://", "https://")):
                url, body, charset = _fetch(target, settings.crawl.max_page_bytes, settings.crawl.timeout_seconds,
                                            settings.crawl.user_agent)
            else:
                path = Path(target)
                url, body, charset = path.resolve().as_uri(), path.read_bytes(), None
            document, images = _read_target(url, body, charset, target, settings.crawl, auditor.needs_pixels)
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
            entry["error"] = f"{type(e).__name__}: {e}"
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
    ctx.exit(EXIT_FAIL if found or errors else EXIT_OK)


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
@config_option(used=False)
def export(data_dir, run_ref, fmt, output, pages):
    """Write the findings of a run (default the latest), or its pages with --pages, as JSON or CSV.

    Example: blindaje export --format csv --output hallazgos.csv
    """
    from blindaje.store.queries import EXPORT_FIELDS, PAGE_FIELDS

    store = _store(data_dir)
    run_id = _run_id(store, run_ref)
    rows = store.export_pages(run_id) if pages else store.export_findings(run_id)
    fields = PAGE_FIELDS if pages else EXPORT_FIELDS
    if fmt == "json":
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    else:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        text = buf.getvalue()
    if output:
        output.write_text(text, encoding="utf-8")
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
    run_scheduler(config, config_dir, data_dir, now=_now().astimezone(config.timezone) if run_now else None)


@cli.command()
@click.argument("finding_id")
@data_option
@click.option("--reason", required=True, help="Why this is allowed or a false positive (mandatory).")
@click.option("--until", "until_text", help="Last day the waiver holds (YYYY-MM-DD); default: no end.")
@click.option("--by", "by", envvar="BLINDAJE_USER", help="Who waives it (default: BLINDAJE_USER or the login name).")
@config_option(used=False)
def waive(finding_id, data_dir, reason, until_text, by):
    """Mark a finding as waived (an allowed exception or a false positive), with its reason.

    Example: blindaje waive 3f9a0c1d2e4b5a69 --reason "Directorio: obligación de transparencia" --until 2027-06-06
    """
    until = _date(until_text)
    if not reason.strip():
        raise click.BadParameter("a reason is required", param_hint="--reason")
    store = _store(data_dir)
    if not store.finding_exists(finding_id):
        raise CommandError(f"no finding with id {finding_id}")
    who = by or os.environ.get("USER") or os.environ.get("LOGNAME") or "unknown"
    now = _now()
    store.waive(finding_id, reason=reason.strip(), by=who, created_at=now.isoformat(timespec="seconds"),
                until=until.isoformat() if until else None)
    click.echo(f"waived {finding_id}" + (f" until {until}" if until else "") + f" by {who}")
    latest = store.latest_run_id()
    if latest is not None:  # the morning report shows the waiver at once
        from blindaje.reports.render import render_run

        render_run(store, latest, Path(data_dir) / "reports", now=now)


@cli.command()
@data_option
@config_option(used=False)
def waivers(data_dir):
    """List waivers: finding, who, when, until when and why.

    Example: blindaje waivers
    """
    store = _store(data_dir)
    rows = store.waivers()
    if not rows:
        click.echo("no waivers")
    for w in rows:
        until = w["until"] or "no end"
        click.echo(f"{w['finding_id']} {w['rule'] or ''} {safe(w['url'] or '')} — by {w['by']} on {w['created_at']}, "
                   f"until {until}: {safe(w['reason'])}")


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


@cli.command()
@config_option
@data_option(used=False)
def validate(config_dir):
    """Check the configuration directory and report every problem found (file, key, problem); exit 2 if any.

    Example: blindaje validate --config /etc/blindaje
    """
    config = load_configuration(config_dir)
    click.echo(f"configuration OK: {len(config.portals)} portal(s), {len(config.officials)} official(s), "
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


def main():
    cli()


if __name__ == "__main__":
    main()
