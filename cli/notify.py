"""E-mail the night's summary: the compliance unit gets every portal, each portal's contact only its own."""
from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from blindaje.config import EmailSettings, is_email

log = logging.getLogger("blindaje")


@dataclass(frozen=True)
class Recipient:
    address: str
    portal: str | None  # None: the compliance unit (every portal)


def recipients(email: EmailSettings, contacts: dict[str, str], portals: list[str]) -> list[Recipient]:
    """The unit's addresses (all portals), then each crawled portal's contact (its portal only), no duplicates.

    A contact who is also on the unit's list already gets every portal, so gets nothing more.
    """
    unit = list(dict.fromkeys(a.strip() for a in email.to))
    out = [Recipient(a, None) for a in unit]
    known = {a.lower() for a in unit}
    if email.portal_contacts:
        for portal in dict.fromkeys(portals):
            contact = (contacts.get(portal) or "").strip()
            if not contact or contact.lower() in known:
                continue
            if not is_email(contact):
                log.info("portal %s: contact %r is not an e-mail address; no e-mail for it", portal, contact)
                continue
            out.append(Recipient(contact, portal))
    return out


def report_link(email: EmailSettings, report: Path | None, run_id: int, portal: str | None) -> str:
    """Where the reader finds the full report: under report_url when the reports are published, else the file."""
    from blindaje.reports.pages import portal_file

    page = portal_file(portal)
    if email.report_url:
        return f"{email.report_url.rstrip('/')}/run-{run_id}/{page}"
    if report is not None:
        return str(Path(report).resolve().parent / page)  # absolute: the reader is not in our directory
    return ""


def build_message(store, run_id: int, email: EmailSettings, to: Recipient, report: Path | None,
                  tz=None) -> EmailMessage:
    from blindaje.reports.mail import render_email

    subject, text, html = render_email(store, run_id, portal=to.portal, max_findings=email.max_findings,
                                       report_link=report_link(email, report, run_id, to.portal), tz=tz)
    return _message(email, to.address, subject, text, html)


def _message(email: EmailSettings, to: str, subject: str, text: str, html: str) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = email.from_address
    msg["To"] = to
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid("blindaje", domain=email.from_address.rsplit("@", 1)[-1])
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a nightly robot
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    return msg


def send_run_summary(store, run_id: int, email: EmailSettings, contacts: dict[str, str], *,
                     report: Path | None = None, password: str | None = None, tz=None) -> tuple[int, list[str]]:
    """Send one message per recipient over one SMTP connection; return (sent, failures). Raises if none can go."""
    run = store.run(run_id)
    targets = recipients(email, contacts, run["portals"])
    if not targets:
        return 0, []
    return deliver(email, [(t.address, build_message(store, run_id, email, t, report, tz)) for t in targets], password)


def send_test(email: EmailSettings, *, now, tz=None, password: str | None = None,
              to: list[str] | None = None) -> tuple[int, list[str]]:
    """`blindaje notify --test`: a sample message to the unit's addresses (or `to`) through the configured server, so
    that host, port, TLS, login and addresses are checked before a night depends on them. Raises if none can go."""
    from blindaje.reports.mail import render_sample

    subject, text, html = render_sample(now, tz, f"{email.smtp_host}:{email.smtp_port}")
    targets = list(dict.fromkeys(a.strip() for a in (to or email.to)))
    return deliver(email, [(a, _message(email, a, subject, text, html)) for a in targets], password)


def deliver(email: EmailSettings, messages: list[tuple[str, EmailMessage]],
            password: str | None) -> tuple[int, list[str]]:
    """Send the messages over one SMTP connection: (sent, failures, one per refused address)."""
    if not messages:
        return 0, []
    connect = smtplib.SMTP_SSL if email.ssl else smtplib.SMTP
    kwargs = {"context": ssl.create_default_context()} if email.ssl else {}
    sent, failures = 0, []
    with connect(email.smtp_host, email.smtp_port, timeout=email.timeout_seconds, **kwargs) as smtp:
        if email.starttls:
            smtp.starttls(context=ssl.create_default_context())
        if email.username:
            smtp.login(email.username, password or "")
        for address, msg in messages:
            try:
                smtp.send_message(msg)
                sent += 1
            except smtplib.SMTPException as e:  # one refused address must not stop the others
                failures.append(f"{address}: {e}")
    return sent, failures


def notify_run(config, store, run_id: int, report: Path | None, environ: dict) -> None:
    """After a run: e-mail its summary if configured. Never raises: a failure to send is logged, the run stands."""
    email = config.settings.email
    if not email.enabled:
        return
    password = environ.get(email.password_env) if email.password_env else None
    if email.password_env and password is None:
        log.error("run %s: e-mail not sent: environment variable %s (email.password_env) is not set",
                  run_id, email.password_env)
        return
    contacts = {p.name: p.contact for p in config.portals}
    contacts.update({a.name: a.contact for a in getattr(config, "accounts", None) or []})  # official accounts too
    try:
        sent, failures = send_run_summary(store, run_id, email, contacts, report=report, password=password,
                                          tz=getattr(config, "timezone", None))
    except Exception as e:  # noqa: BLE001 - SMTP down, refused login, DNS…: logged, never fatal to the run
        log.error("run %s: e-mail not sent (%s:%s): %s: %s", run_id, email.smtp_host, email.smtp_port,
                  type(e).__name__, e)
        log.info("run %s: why the e-mail was not sent", run_id, exc_info=True)  # to the log file (stderr with -v)
        return
    for failure in failures:
        log.error("run %s: e-mail not delivered to %s", run_id, failure)
    log.info("run %s: summary e-mailed to %d recipient(s)", run_id, sent)
