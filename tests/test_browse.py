"""`blindaje browse`: Datasette on 127.0.0.1, read-only, with Spanish metadata, facets and canned queries, started
as a real subprocess and queried through its JSON API; then seen in headless Chromium at desktop and phone width,
with the report's plain-language places (screenshots in test-artifacts/)."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

import pytest

from test_browser import ARTIFACTS, CHROMIUM, Browser, Tab, inside
from test_notify import free_port
from test_reports import BACK, BOAST, SLOGAN, build_nights

pytestmark = pytest.mark.slow


def get(base: str, path: str, **params) -> dict:
    url = f"{base}{path}" + (f"?{urllib.parse.urlencode(params)}" if params else "")
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return json.load(resp)
    except urllib.error.HTTPError as e:
        return json.load(e)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    nights = build_nights(tmp_path_factory.mktemp("browse"))
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "blindaje.cli", "browse", "--data", str(nights["data"]),
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline, started = time.monotonic() + 60, time.monotonic()
    while True:  # poll until it answers
        try:
            with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise AssertionError(f"datasette did not answer: {proc.communicate()}")
            time.sleep(0.1)
    print(f"\nbrowse: answered in {time.monotonic() - started:.2f} s")
    try:
        yield dict(nights, base=base, proc=proc, port=port)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_browse_serves_the_database_with_spanish_metadata_and_facets(served):
    store, base, last = served["store"], served["base"], served["last"]
    meta = get(base, "/-/metadata.json")
    assert meta["title"] == "Blindaje · vista para analistas"
    findings = meta["databases"]["blindaje"]["tables"]["findings"]
    assert findings["title"] == "Hallazgos por noche" and "Severidad" in findings["columns"]["severity"]
    tables = {t["name"]: t for t in get(base, "/blindaje.json")["tables"]}
    assert not tables["findings"]["hidden"] and tables["bodies"]["hidden"] and tables["blobs"]["hidden"]

    page = get(base, "/blindaje/findings.json", run_id=last)
    facets = {k: {r["value"]: r["count"] for r in v["results"]} for k, v in page["facet_results"].items()}
    assert set(facets) == {"rule", "severity", "status", "portal"}
    rows = store.findings(last)
    for column in facets:
        assert facets[column] == dict(Counter(f[column] for f in rows)), column

    # read-only: no write gets through
    refused = get(base, "/blindaje.json", sql="delete from runs")
    assert refused["ok"] is False and "SELECT" in refused["error"]
    assert store.run(last) is not None and len(store.runs()) == 3


def test_canned_queries_answer_the_analysts_questions(served):
    store, base, last = served["store"], served["base"], served["last"]
    rows = store.findings(last)

    open_rows = get(base, "/blindaje/abiertos_por_dias.json", portal="", _shape="objects")["rows"]
    active = [f for f in rows if f["status"] in ("new", "open")]
    assert sorted(r["id"] for r in open_rows) == sorted(f["id"] for f in active)
    days = [r["dias_en_linea"] for r in open_rows]
    assert days == sorted(days, reverse=True) and days[0] == 3
    assert {r["severidad"] for r in open_rows} <= {"alta", "media", "baja"}
    beta = get(base, "/blindaje/abiertos_por_dias.json", portal="beta", _shape="objects")["rows"]
    assert beta and {r["portal"] for r in beta} == {"beta"}

    named = get(base, "/blindaje/paginas_que_nombran.json", nombre="Montiel", _shape="objects")["rows"]
    expected = {f["url"] for f in rows if f["rule"] in ("official-name", "official-image")
                and f["status"] in ("new", "open", "waived") and "montiel" in f["evidence"].lower()}
    assert expected and {r["pagina"] for r in named} == expected

    changed = get(base, "/blindaje/cambios_ultima_noche.json", _shape="objects")["rows"]
    assert {(r["cambio"], r["id"]) for r in changed} == {
        ("corregido", BOAST["id"]), ("reapareció", BACK["id"]), ("dispensa vencida", SLOGAN["id"])}


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_datasette_view_and_report_places_in_chromium_at_desktop_and_phone_width(served):
    browser = Browser(CHROMIUM)
    try:
        for width, height, mobile, suffix in ((1280, 900, False, ""), (375, 740, True, "-phone")):
            tab = Tab(browser, width=width, height=height, mobile=mobile)
            tab.open(f"{served['base']}/blindaje/findings?run_id={served['last']}")
            assert tab.js("document.querySelector('h1').textContent.trim()") == "Hallazgos por noche"
            facets = tab.js("[...document.querySelectorAll('.facet-info')].map(e => e.getAttribute('data-column'))")
            assert set(facets) >= {"rule", "severity", "status", "portal"}, facets
            tab.screenshot(ARTIFACTS / f"datasette-findings{suffix}.png", full_page=not mobile)
            tab.open(f"{served['base']}/blindaje/abiertos_por_dias?portal=")
            assert "Hallazgos abiertos por días en línea" in tab.js("document.body.innerText")
            assert tab.js("document.querySelectorAll('table.rows-and-columns tbody tr').length") > 0
            tab.screenshot(ARTIFACTS / f"datasette-query{suffix}.png", full_page=not mobile)
            assert all(u.startswith(served["base"]) for u in tab.requests()), "nothing fetched from elsewhere"

            report = served["reports"] / f"run-{served['last']}" / "portal-alfa.html"
            tab = Tab(browser, width=width, height=height, mobile=mobile)  # its own requests only
            tab.open(report.as_uri())
            places = tab.js("[...document.querySelectorAll('.finding .place')].map(e => e.textContent)")
            assert "encabezado principal" in places and "texto alternativo de imagen" in places, places
            assert tab.js("document.documentElement.scrollWidth - window.innerWidth") <= 1, "no sideways scroll"
            assert tab.errors() == [] and all(inside(u, served["reports"]) for u in tab.requests())
            tab.js("document.querySelector('.finding').scrollIntoView()")  # the phone shot shows a finding's place
            tab.screenshot(ARTIFACTS / f"report-places{suffix}.png", full_page=not mobile)
    finally:
        browser.close()


def test_browse_stops_with_its_server(served):
    proc, base = served["proc"], served["base"]
    proc.send_signal(signal.SIGTERM)
    proc.wait(20)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/-/versions.json", timeout=1)
        except OSError:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("datasette still answers after `blindaje browse` stopped")
    out, err = proc.communicate()
    assert f"http://127.0.0.1:{served['port']}/blindaje" in out and "Traceback" not in err


def test_browse_without_a_database_is_a_one_line_error(tmp_path):
    from click.testing import CliRunner

    from blindaje.cli import cli

    res = CliRunner().invoke(cli, ["browse", "--data", str(tmp_path / "nada")])
    assert res.exit_code == 2 and res.output.strip().splitlines() == [
        f"error: no database at {tmp_path / 'nada' / 'blindaje.db'}; run `blindaje crawl` first"]
