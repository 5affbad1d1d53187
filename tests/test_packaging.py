"""The wheel installs one top-level package, `blindaje`, that works away from the checkout."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # No build isolation: the test extra brings setuptools, and tests never reach the network.
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(out), str(ROOT)], check=True, capture_output=True, cwd=out)
    (built,) = out.glob("blindaje-*.whl")
    return built


def test_the_wheel_holds_only_the_blindaje_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/", 1)[0] for n in names}
    assert {t for t in top if not t.endswith(".dist-info")} == {"blindaje"}
    for needed in ("blindaje/cli.py", "blindaje/audit/engine.py", "blindaje/audit/rules/propaganda.yaml",
                   "blindaje/crawler/spiders/portal.py", "blindaje/crawler/settings.py",
                   "blindaje/reports/templates/run.html", "blindaje/store/queries.py",
                   "blindaje/demo/site/index.html", "blindaje/demo/expected.yaml", "blindaje/demo/photo.py",
                   "blindaje/demo/card.py"):
        assert needed in names, needed
    (record,) = [n for n in names if n.endswith(".dist-info/top_level.txt")] or [None]
    if record:
        assert zipfile.ZipFile(wheel).read(record).decode().split() == ["blindaje"]


def test_the_installed_wheel_audits_away_from_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    packages = {p.name for p in target.iterdir() if (p / "__init__.py").exists() or p.suffix == ".py"}
    assert packages == {"blindaje"}  # bin/ holds the console script
    env = {**os.environ, "PYTHONPATH": str(target), "PYTHONNOUSERSITE": "1"}
    where = subprocess.run([sys.executable, "-c", "import blindaje.audit, blindaje.crawler.settings as s; "
                            "print(blindaje.audit.__file__); print(s.SPIDER_MODULES[0])"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout.split()
    assert Path(where[0]).is_relative_to(target), "the checkout, not the wheel, was imported"
    assert where[1] == "blindaje.crawler.spiders"
    page = next((FIXTURES / "rules" / "propaganda").glob("flag-*.html"))
    proc = subprocess.run([sys.executable, "-m", "blindaje.cli", "check", str(page), "--format", "json"],
                          cwd=tmp_path, env=env, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert "propaganda" in {f["rule"] for f in json.loads(proc.stdout)[0]["findings"]}


def test_scrapy_cfg_names_the_installed_settings():
    cfg = (ROOT / "scrapy.cfg").read_text("utf-8")
    assert "default = blindaje.crawler.settings" in cfg
    proc = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["portal"]
