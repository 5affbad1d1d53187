"""Command line: configuration errors, check, calendar, lock, help texts and the README."""
from __future__ import annotations

import json
import os
import re
import shutil

import pytest
import yaml
from click.testing import CliRunner

from blindaje.cli import cli
from blindaje.lock import Busy, RunLock
from conftest import ROOT, blindaje

REPO_CONFIG = ROOT / "config"


def test_repository_config_is_valid():
    res = CliRunner().invoke(cli, ["validate", "--config", str(REPO_CONFIG)])
    assert res.exit_code == 0, res.output
    assert "configuration OK" in res.output


@pytest.mark.parametrize("file,mutate,expected", [
    ("portals.yaml", lambda d: d["portals"][0].update(colour="red"), "portals.yaml: portals.0.colour: unknown key"),
    ("portals.yaml", lambda d: d["portals"][0].update(max_pages="many"), "portals.yaml: portals.0.max_pages:"),
    ("portals.yaml", lambda d: d["portals"][0].update(deny=["(unclosed"]), "bad regular expression"),
    ("portals.yaml", lambda d: d["portals"][0].update(allow=[r"(?<!/en)/prensa"]), "no backreferences or lookarounds"),
    ("portals.yaml", lambda d: d["portals"].append(dict(d["portals"][0])), "duplicate portal name 'bienestar'"),
    ("portals.yaml", lambda d: d["portals"][0].update(jurisdiction="Coahuila"), "is not 'federal' or an ISO 3166-2"),
    ("calendar.yaml", lambda d: d["processes"][0].update(blackout_start="2027-13-40"), "calendar.yaml: processes.0.blackout_start"),
    ("calendar.yaml", lambda d: d["processes"][0].update(blackout_end="2020-01-01"), "is after blackout_end"),
    ("officials.yaml", lambda d: d["officials"][0].update(photos=["photos/nadie.jpg"]), "photo file 'photos/nadie.jpg' not found"),
    ("settings.yaml", lambda d: d["crawl"].update(concurency_per_host=3), "settings.yaml: crawl.concurency_per_host: unknown key"),
])
def test_broken_config_names_file_key_and_problem(tmp_path, file, mutate, expected):
    config = tmp_path / "config"
    shutil.copytree(REPO_CONFIG, config)
    data = yaml.safe_load((config / file).read_text("utf-8"))
    mutate(data)
    (config / file).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    for command in (["validate"], ["calendar"], ["crawl", "--force"]):
        res = CliRunner().invoke(cli, [*command, "--config", str(config)])
        assert res.exit_code == 2, (command, res.output)
        assert expected in res.output, res.output


def test_every_problem_is_reported_at_once(tmp_path):
    config = tmp_path / "config"
    shutil.copytree(REPO_CONFIG, config)
    (config / "settings.yaml").write_text("crawl: {retries: lots}\nschedule: {time: '25:99'}\n", "utf-8")
    (config / "rules").mkdir(exist_ok=True)
    (config / "rules" / "propaganda.yaml").write_text("id: propaganda\ncheck: nonsense\n", "utf-8")
    res = CliRunner().invoke(cli, ["validate", "--config", str(config)])
    assert res.exit_code == 2
    assert "settings.yaml: crawl.retries" in res.output and "settings.yaml: schedule.time" in res.output
    assert "rules/propaganda.yaml:2: check: unknown check type 'nonsense'" in res.output


def test_missing_config_directory(tmp_path):
    res = CliRunner().invoke(cli, ["validate", "--config", str(tmp_path / "nope")])
    assert res.exit_code == 2 and "does not exist" in res.output


def test_check_files_text_and_json(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./config: the shipped packs
    bad = tmp_path / "borrador.html"
    bad.write_text("<html><body><h1>Inauguramos el hospital más grande de la historia</h1>"
                   "<p>Vota por Morena este 6 de junio.</p></body></html>", "utf-8")
    good = tmp_path / "tramite.html"
    good.write_text("<html><body><h1>Requisitos</h1><p>Acude con tu CURP de lunes a viernes.</p></body></html>", "utf-8")
    runner = CliRunner()
    res = runner.invoke(cli, ["check", str(bad)])
    assert res.exit_code == 1 and "achievement-language" in res.output and "propaganda" in res.output
    res = runner.invoke(cli, ["check", str(good)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["check", str(bad), str(good), "--format", "json", "--config", str(REPO_CONFIG)])
    data = json.loads(res.output)
    assert [len(e["findings"]) > 0 for e in data] == [True, False]
    res = runner.invoke(cli, ["check", str(tmp_path / "missing.html")])
    assert res.exit_code == 3 and "NOT AUDITED (no such file)" in res.output, "could not audit: 3, not 1"


def test_check_output_neutralises_terminal_escapes(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><body><p>Gracias al gobierno \x1b[2J\x1b]0;pwned\x07 inauguramos todo.</p></body></html>")
    res = CliRunner().invoke(cli, ["check", str(page), "--config", str(REPO_CONFIG)])
    assert "\x1b" not in res.output and "\x07" not in res.output


def test_calendar_shipped_config_federal_process():
    res = CliRunner().invoke(cli, ["calendar", "--date", "2027-05-01", "--config", str(REPO_CONFIG)])
    assert res.exit_code == 0, res.output
    assert "Proceso Electoral Federal 2026-2027" in res.output
    assert re.search(r"bienestar \(federal\): active", res.output)
    res = CliRunner().invoke(cli, ["calendar", "--date", "2026-12-01", "--config", str(REPO_CONFIG)])
    assert "bienestar (federal): inactive — next window opens 2027-03-05" in res.output


def test_crawl_if_active_outside_blackout_is_silent(tmp_path):
    res = blindaje("crawl", "--if-active", "--date", "2026-12-01", "--config", REPO_CONFIG, "--data", tmp_path / "d")
    assert res.returncode == 0 and res.stdout == "" and res.stderr == ""
    assert not (tmp_path / "d" / "blindaje.db").exists()


def test_one_run_at_a_time(tmp_path):
    with RunLock(tmp_path):
        with pytest.raises(Busy):
            with RunLock(tmp_path):
                pass
    with RunLock(tmp_path):  # released: the next run may start
        pass


def test_every_command_has_help_with_example_and_is_in_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert readme.index("blindaje demo") < 400, "the README starts with its two commands"
    for name, command in cli.commands.items():
        res = CliRunner().invoke(cli, [name, "--help"])
        assert res.exit_code == 0 and "Example:" in res.output, name
        assert f"blindaje {name}" in readme, name


def test_every_command_accepts_the_config_and_data_pair(tmp_path):
    # SPEC §5: one wrapper script passes the same --config/--data pair to every command.
    for name, command in cli.commands.items():
        opts = {o for p in command.params for o in getattr(p, "opts", [])}
        assert {"--config", "--data"} <= opts, name
    page = tmp_path / "limpia.html"
    page.write_text("<html><body><h1>Horario de atención</h1><p>Lunes a viernes.</p></body></html>", "utf-8")
    res = CliRunner().invoke(cli, ["check", str(page), "--config", str(REPO_CONFIG), "--data", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert not (tmp_path / "blindaje.db").exists()  # check stores nothing, whatever --data says


def usage_error(res, message: str) -> None:
    """Exit status 2 and one line on stderr that names the problem (SPEC §5), nothing on stdout."""
    assert res.exit_code == 2, res.output
    assert res.stderr.splitlines() == [f"error: {message}"], res.stderr
    assert res.stdout == ""


def test_data_commands_without_a_database_or_run_exit_2(tmp_path):
    from blindaje.store import Store, open_db

    data = tmp_path / "data"
    db = data / "blindaje.db"
    runner = CliRunner()
    for command in (["report"], ["export"], ["waivers"], ["waive", "abc", "--reason", "x"]):
        usage_error(runner.invoke(cli, [*command, "--data", str(data)]),
                    f"no database at {db}; run `blindaje crawl` first")
    store = Store(open_db(db))
    store.start_run(started_at="2027-04-05T02:30:00-06:00", run_date="2027-04-05", portals=["alfa"], forced=True,
                    version="t", rules_fingerprint="x")  # still running: not a finished run
    usage_error(runner.invoke(cli, ["report", "--data", str(data)]), "there is no finished run yet")
    usage_error(runner.invoke(cli, ["export", "--run", "7", "--data", str(data)]), "there is no run 7")
    usage_error(runner.invoke(cli, ["waive", "0123abcd", "--reason", "x", "--data", str(data)]),
                "no finding with id 0123abcd")
    res = runner.invoke(cli, ["export", "--run", "siete", "--data", str(data)])
    assert res.exit_code == 2 and "'siete' is not a run id or 'latest'" in res.stderr


def test_crawl_usage_errors_exit_2_and_a_held_lock_exits_3(tmp_path):
    from conftest import write_config

    config = write_config(tmp_path / "config", "http://127.0.0.1:9/")
    data = tmp_path / "data"
    common = ("--config", config, "--data", data)
    res = blindaje("crawl", "--portal", "nadie", "--force", *common)  # a process: crawl sets up logging for good
    assert (res.returncode, res.stdout) == (2, "")
    assert res.stderr.splitlines() == ["error: unknown portal(s): nadie (portals.yaml has: fixture)"], res.stderr
    res = blindaje("crawl", "--date", "2027-13-01", *common)
    assert res.returncode == 2 and "'2027-13-01' is not a date in the form YYYY-MM-DD" in res.stderr
    with RunLock(data):
        res = blindaje("crawl", "--force", *common)
    assert res.returncode == 3, res.stderr
    assert res.stderr.splitlines() == [f"error: another Blindaje run is in progress (pid {os.getpid()}, lock "
                                       f"{data / 'blindaje.lock'})"]
    assert not (data / "blindaje.db").exists(), "nothing recorded while another run holds the lock"


def test_configuration_errors_are_one_line_each_on_stderr(tmp_path):
    config = tmp_path / "config"
    shutil.copytree(REPO_CONFIG, config)
    (config / "settings.yaml").write_text("crawl: {retries: lots}\nschedule: {time: '25:99'}\n", "utf-8")
    res = CliRunner().invoke(cli, ["calendar", "--config", str(config)])
    assert res.exit_code == 2 and res.stdout == ""
    lines = res.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith("configuration error: settings.yaml: ") for line in lines), lines


def test_validate_warns_about_names_that_match_nothing_or_everything(tmp_path):
    """Issue 22, item 18: 'Ana' is never looked for, 'Rosa' only by context; both are said."""
    config = tmp_path / "config"
    shutil.copytree(REPO_CONFIG, config)
    data = yaml.safe_load((config / "officials.yaml").read_text("utf-8"))
    data["officials"][0]["aliases"] = ["Ana", "Rosa", "secretaria Montiel"]
    (config / "officials.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    res = CliRunner().invoke(cli, ["validate", "--config", str(config)])
    assert res.exit_code == 0, res.output
    warnings = [line for line in res.output.splitlines() if line.startswith("warning: officials.yaml")]
    assert warnings == [
        "warning: officials.yaml: officials.0.aliases.0: 'Ana' is shorter than 4 letters and is never looked for",
        "warning: officials.yaml: officials.0.aliases.1: 'Rosa' is a common word: alone it is found only after a "
        "title or next to another part of the name; mark the official `exact: true` to find it anywhere"]
