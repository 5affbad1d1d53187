"""The nightly e-mail, delivered to a real SMTP server (aiosmtpd) on 127.0.0.1 started by the tests."""
from __future__ import annotations

import email
import email.policy
import socket
from types import SimpleNamespace

import pytest
import yaml
from click.testing import CliRunner

from blindaje.cli import cli
from blindaje.config import EmailSettings
from blindaje.demo import write_demo_config
from blindaje.notify import notify_run, recipients, send_run_summary
from conftest import blindaje
from test_reports import A, B, BETA_NAME, EVIL, build_nights

aiosmtpd = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd is in the test extra")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), msg, session.authenticated))
        return "250 OK"

    def by_rcpt(self):
        return {rcpt[0]: msg for rcpt, msg, _ in self.messages}


class Login:
    def __call__(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        return AuthResult(success=(auth_data.login, auth_data.password) == (b"blindaje", b"s3creto"))


@pytest.fixture
def smtp():
    inbox = Inbox()
    port = free_port()
    controller = aiosmtpd.Controller(inbox, hostname="127.0.0.1", port=port, authenticator=Login(),
                                     auth_require_tls=False)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    return build_nights(tmp_path_factory.mktemp("mail"), upto=1)


def parts(msg):
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    return text, html


def test_unit_gets_every_portal_and_each_webmaster_only_theirs(nights, smtp):
    inbox, port = smtp
    store, run_id = nights["store"], nights["last"]
    settings = EmailSettings.model_validate({
        "smtp_host": "127.0.0.1", "smtp_port": port, "from": "blindaje@unidad.gob.mx",
        "to": ["unidad@unidad.gob.mx", "oic@unidad.gob.mx"], "username": "blindaje", "password_env": "SMTP_PASS"})
    contacts = {"alfa": "webmaster@alfa.gob.mx", "beta": "https://beta.gob.mx/contacto"}  # a URL gets no mail
    sent, failures = send_run_summary(store, run_id, settings, contacts, report=nights["reports"] / "run-1" / "index.html",
                                      password="s3creto")
    assert (sent, failures) == (3, [])
    got = inbox.by_rcpt()
    assert sorted(got) == ["oic@unidad.gob.mx", "unidad@unidad.gob.mx", "webmaster@alfa.gob.mx"]
    assert all(auth for _, _, auth in inbox.messages), "logged in with the password from password_env"
    new = [f for f in store.findings(run_id) if f["status"] == "new"]

    unit_text, unit_html = parts(got["unidad@unidad.gob.mx"])
    assert got["unidad@unidad.gob.mx"]["From"] == "blindaje@unidad.gob.mx"
    assert f"Hallazgos nuevos ({len(new)})" in unit_text and f"{len(new)} nuevos" in got["unidad@unidad.gob.mx"]["Subject"]
    assert "- alfa:" in unit_text and "- beta:" in unit_text and BETA_NAME["url"] in unit_text
    assert all(f["id"] in unit_text and f["id"] in unit_html for f in new)
    assert "run-1/index.html" in unit_text

    alfa_text, alfa_html = parts(got["webmaster@alfa.gob.mx"])
    alfa_new = [f for f in new if f["portal"] == "alfa"]
    assert f"Hallazgos nuevos ({len(alfa_new)})" in alfa_text and "portal alfa" in got["webmaster@alfa.gob.mx"]["Subject"]
    assert B not in alfa_text and B not in alfa_html and BETA_NAME["id"] not in alfa_text
    assert "run-1/portal-alfa.html" in alfa_text and f"{A}/noticias/1" in alfa_html

    # page text: escaped in HTML, plain in text; the highlight is the only markup added
    assert "<script" not in unit_html and "onerror=alert(1)>" not in unit_html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in unit_html and "<mark>" in unit_html
    assert "«<script>alert('x')</script>" in unit_text and EVIL["id"] in unit_text


def test_recipients_skip_duplicates_and_non_addresses():
    settings = EmailSettings.model_validate({"smtp_host": "h", "from": "b@u.mx", "to": ["unidad@u.mx", "unidad@u.mx"]})
    got = recipients(settings, {"a": "UNIDAD@u.mx", "b": "web@b.mx", "c": "", "d": "Oficina de prensa"},
                     ["a", "b", "c", "d", "b"])
    assert [(r.address, r.portal) for r in got] == [("unidad@u.mx", None), ("web@b.mx", "b")]
    off = settings.model_copy(update={"portal_contacts": False})
    assert [r.portal for r in recipients(off, {"b": "web@b.mx"}, ["b"])] == [None]


def test_a_failure_to_send_is_logged_never_raised(nights, caplog):
    settings = EmailSettings.model_validate({"smtp_host": "127.0.0.1", "smtp_port": free_port(), "from": "b@u.mx",
                                             "to": ["unidad@u.mx"], "timeout_seconds": 5})
    config = SimpleNamespace(settings=SimpleNamespace(email=settings), portals=[])
    with caplog.at_level("ERROR", logger="blindaje"):
        notify_run(config, nights["store"], nights["last"], None, {})
    assert "e-mail not sent" in caplog.text and "ConnectionRefusedError" in caplog.text
    caplog.clear()
    needs_password = settings.model_copy(update={"username": "u", "password_env": "NOPE_NOT_SET"})
    config.settings.email = needs_password
    with caplog.at_level("ERROR", logger="blindaje"):
        notify_run(config, nights["store"], nights["last"], None, {})
    assert "NOPE_NOT_SET" in caplog.text


@pytest.mark.parametrize("email_settings,expected", [
    ({"smtp_host": "mail.gob.mx"}, "settings.yaml: email: from is required when smtp_host is set"),
    ({"to": ["no es correo"]}, "settings.yaml: email.to: 'no es correo' is not an e-mail address"),
    ({"smtp_host": "m", "from": "a@b.mx", "starttls": True, "ssl": True}, "starttls and ssl are exclusive"),
    ({"smtp_host": "m", "from": "a@b.mx", "username": "u"}, "username needs password_env"),
    ({"smtp_hots": "m"}, "settings.yaml: email.smtp_hots: unknown key"),
])
def test_email_settings_are_validated(tmp_path, email_settings, expected):
    from conftest import write_config

    config = write_config(tmp_path / "config", "http://127.0.0.1:9/", settings={"email": email_settings})
    res = CliRunner().invoke(cli, ["validate", "--config", str(config)])
    assert res.exit_code == 2 and expected in res.output, res.output


@pytest.mark.slow
def test_crawl_mails_the_summary_and_survives_a_dead_server(demo_site, tmp_path, smtp):
    inbox, port = smtp
    base, _ = demo_site
    config = write_demo_config(base, tmp_path / "config")
    settings = yaml.safe_load((config / "settings.yaml").read_text("utf-8"))
    settings["email"] = {"smtp_host": "127.0.0.1", "smtp_port": port, "from": "blindaje@sids.demo.gob.mx",
                         "to": ["unidad@sids.demo.gob.mx"], "report_url": "https://intranet.sids.demo.gob.mx/blindaje"}
    (config / "settings.yaml").write_text(yaml.safe_dump(settings), "utf-8")
    data = tmp_path / "data"
    res = blindaje("crawl", "--force", "--config", config, "--data", data)
    assert res.returncode == 0, res.stderr
    got = inbox.by_rcpt()
    assert sorted(got) == ["unidad@sids.demo.gob.mx", "webmaster@sids.demo.gob.mx"]
    text, html = parts(got["webmaster@sids.demo.gob.mx"])
    assert "https://intranet.sids.demo.gob.mx/blindaje/run-1/portal-demo.html" in text
    findings = blindaje("export", "--data", data).stdout
    assert text.count("  Id: ") == findings.count('"status": "new"') > 0

    settings["email"]["smtp_port"] = free_port()  # nothing listens there now
    (config / "settings.yaml").write_text(yaml.safe_dump(settings), "utf-8")
    res = blindaje("crawl", "--force", "--config", config, "--data", data)
    assert res.returncode == 0, res.stderr
    assert "run 2 complete" in res.stdout and "e-mail not sent" in res.stderr
    log = (data / "blindaje.log").read_text("utf-8")
    assert "e-mail not sent" in log
    assert "Traceback" in log and "ConnectionRefusedError" in log, "the log keeps the traceback"
    assert "Traceback" not in res.stderr, "stderr keeps one line per problem"
    assert len(inbox.messages) == 2
