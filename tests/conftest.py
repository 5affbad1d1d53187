"""Shared fixtures: a real HTTP server on 127.0.0.1, configuration directories, the CLI run as a user runs it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from blindaje.demo import HERE as DEMO, SITE, serve_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CONTRACT = ROOT.parent / "shared" / "contract" / "check_export.py"


@pytest.fixture
def demo_site(tmp_path):
    """A writable copy of the bundled demo portal, served on 127.0.0.1; yields (base_url, site_dir)."""
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    with serve_site(site) as base:
        yield base, site


def write_config(directory: Path, base_url: str, *, officials: Path | None = None, processes=None, portal=None,
                 settings=None) -> Path:
    """A configuration directory for one portal served at base_url (jurisdiction MX-COA)."""
    directory.mkdir(parents=True, exist_ok=True)
    host = base_url.split("//", 1)[1].split("/", 1)[0].split(":")[0]
    entry = {"name": "fixture", "title": "Portal de prueba", "jurisdiction": "MX-COA", "start_urls": [base_url],
             "allowed_domains": [host], "max_pages": 300, "max_depth": 6, "contact": "webmaster@example.gob.mx"}
    entry.update(portal or {})
    (directory / "portals.yaml").write_text(yaml.safe_dump({"portals": [entry]}, allow_unicode=True), "utf-8")
    officials = officials or (DEMO / "officials.yaml")
    shutil.copyfile(officials, directory / "officials.yaml")
    if (officials.parent / "photos").is_dir():  # reference portraits travel with their officials.yaml
        shutil.copytree(officials.parent / "photos", directory / "photos", dirs_exist_ok=True)
    cal = {"timezone": "America/Mexico_City", "processes": processes or [
        {"name": "Proceso de prueba", "applies_to": ["MX-COA"], "blackout_start": "2027-03-05",
         "blackout_end": "2027-06-06"}]}
    (directory / "calendar.yaml").write_text(yaml.safe_dump(cal, allow_unicode=True), "utf-8")
    (directory / "settings.yaml").write_text(yaml.safe_dump(settings or {
        "crawl": {"delay_seconds": 0, "autothrottle": False, "retries": 0, "timeout_seconds": 10,
                  "concurrency_per_host": 8}}), "utf-8")
    return directory


def blindaje(*args, cwd=None, env=None, timeout=180) -> subprocess.CompletedProcess:
    """Run the `blindaje` command in a fresh process, as a user (or cron) does."""
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "blindaje.cli", *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def officials_file() -> Path:
    return FIXTURES / "officials.yaml"
