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


# the whole night, and a sample to check the settings (issue 21 item 4) ---------------------------------------------
@pytest.fixture(scope="module")
def three_nights(tmp_path_factory):
    return build_nights(tmp_path_factory.mktemp("mail3"), upto=3)


def test_the_email_tells_the_whole_night(three_nights):
    from blindaje.reports.mail import render_email
    from test_reports import BACK, SLOGAN

    store, run_id = three_nights["store"], three_nights["last"]  # night 3: BACK reappeared, SLOGAN's waiver expired
    subject, text, html = render_email(store, run_id)
    assert subject.startswith("Blindaje 07/04/2027: severidad máxima ALTA · 0 nuevos, 1 reapareció, "
                              "1 dispensa vencida, "), subject
    assert "INCOMPLETA" not in subject and "(s)" not in subject
    reopened = text.split("Hallazgos que reaparecieron (se habían corregido) (1):", 1)[1].split("Dispensas", 1)[0]
    assert f"Id: {BACK['id']}" in reopened and SLOGAN["id"] not in reopened
    expired = text.split("Dispensas vencidas: los hallazgos vuelven a contar (1):", 1)[1]
    assert f"Id: {SLOGAN['id']}" in expired and "Dispensa vencida el 06/04/2027: Aviso institucional revisado" in expired
    assert "No hay hallazgos nuevos" in text and "Dónde: texto (p)" in text
    assert BACK["id"] in html.split('id="reopened"', 1)[1] and SLOGAN["id"] in html.split('id="expired"', 1)[1]

    # the same night, incomplete: the subject says so first, the body says why and what to do
    store.db["runs"].update(run_id, {"status": "incomplete", "message": "3 of 12 pages failed"})
    try:
        subject, text, html = render_email(store, run_id, portal="beta")
    finally:
        store.db["runs"].update(run_id, {"status": "complete", "message": ""})
    assert subject.startswith("Blindaje 07/04/2027: INCOMPLETA · severidad máxima ALTA · 0 nuevos, 1 abierto"), subject
    assert subject.endswith("— portal beta")
    assert "vuelva a ejecutar `blindaje crawl --portal alfa`" in text and "Fallaron 3 de 12" in text
    assert "vuelva a ejecutar `blindaje crawl --portal alfa`" in html


def notify_config(tmp_path, port, **email):
    from conftest import write_config

    settings = {"email": {"smtp_host": "127.0.0.1", "smtp_port": port, "from": "blindaje@unidad.gob.mx",
                          "to": ["unidad@unidad.gob.mx"], "username": "blindaje", "password_env": "SMTP_PASS",
                          "timeout_seconds": 5, **email}}
    return write_config(tmp_path / "config", "http://127.0.0.1:9/", settings=settings)


def test_notify_test_sends_a_sample_through_the_configured_server(smtp, tmp_path):
    inbox, port = smtp
    config = notify_config(tmp_path, port)
    args = ["notify", "--test", "--config", str(config), "--data", str(tmp_path / "data")]
    res = CliRunner().invoke(cli, args, env={"SMTP_PASS": "s3creto"})
    assert res.exit_code == 0, res.output
    assert res.output.strip() == f"sample sent to 1 recipient through 127.0.0.1:{port}"
    [(rcpt, msg, authenticated)] = inbox.messages
    assert rcpt == ["unidad@unidad.gob.mx"] and authenticated
    assert msg["Subject"].startswith("Blindaje: mensaje de prueba (") and "(UTC−06:00))" in msg["Subject"]
    text, html = parts(msg)
    assert "la configuración de correo (email.* en settings.yaml) funciona" in text and "mensaje de prueba" in html

    res = CliRunner().invoke(cli, [*args, "--to", "otra@unidad.gob.mx"], env={"SMTP_PASS": "s3creto"})
    assert res.exit_code == 0 and inbox.messages[-1][0] == ["otra@unidad.gob.mx"]


@pytest.mark.parametrize("case,code,expected", [
    ("dead server", 1, "error: could not send through 127.0.0.1:{port}: ConnectionRefusedError"),
    ("no password", 2, "error: environment variable SMTP_PASS (email.password_env) is not set"),
    ("not configured", 2, "error: e-mail is not configured: set email.smtp_host"),
    ("bad --to", 2, "error: --to 'nadie' is not an e-mail address"),
])
def test_notify_test_says_in_one_line_what_is_wrong(smtp, tmp_path, case, code, expected):
    _, port = smtp
    if case == "dead server":
        port = free_port()
    email = {"smtp_host": ""} if case == "not configured" else {}
    config = notify_config(tmp_path, port, **email)
    env = {} if case == "no password" else {"SMTP_PASS": "s3creto"}
    extra = ["--to", "nadie"] if case == "bad --to" else []
    res = CliRunner().invoke(cli, ["notify", "--test", "--config", str(config), *extra], env=env)
    assert res.exit_code == code, res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(expected.format(port=port)), res.output
    assert "Traceback" not in res.output


def test_notify_sends_a_runs_summary_again(smtp, tmp_path):
    inbox, port = smtp
    config = notify_config(tmp_path, port)
    build_nights(tmp_path, upto=2)
    res = CliRunner().invoke(cli, ["notify", "--run", "1", "--config", str(config), "--data", str(tmp_path / "data")],
                             env={"SMTP_PASS": "s3creto"})
    assert res.exit_code == 0, res.output
    [(_, msg, _)] = inbox.messages
    # the night as it was: the two waivers given after it count from night 2 (issue 21 item 3)
    assert msg["Subject"].startswith("Blindaje 05/04/2027: severidad máxima ALTA · 11 nuevos"), msg["Subject"]
