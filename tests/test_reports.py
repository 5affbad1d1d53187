"""Reports and the findings' lifecycle over several nights, built through the Store API (no crawl)."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from PIL import Image

from blindaje.cli import cli
from blindaje.reports.render import OPEN_PAGES_UP_TO, render_run
from blindaje.audit.model import FindingRecord
from blindaje.store import Store, open_db
from blindaje.store.records import ImageRecord, PageRecord

NIGHTS = ["2027-04-05", "2027-04-06", "2027-04-07"]
HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"
A = "https://alfa.gob.mx"
B = "https://beta.gob.mx"
NOW = dt.datetime(2027, 4, 8, 9, 15, tzinfo=dt.timezone(dt.timedelta(hours=-6)))  # the clock the caller passes


def finding(url, rule, evidence, *, location="p", severity="medium", context=None, portal=None):
    fid = hashlib.sha256(f"{rule}|{url}|{location}|{evidence}".encode()).hexdigest()[:16]
    return {"id": fid, "portal": portal or ("beta" if url.startswith(B) else "alfa"), "url": url, "rule": rule,
            "severity": severity, "evidence": evidence, "location": location, "kind": location,
            "context": context if context is not None else f"… texto antes ⟦{evidence}⟧ texto después …",
            "message": f"Mensaje de la regla {rule}. Retire el contenido.", "legal_basis": "Art. 134 párr. 8 CPEUM",
            "grp": "violation", "exception": "", "data": {}}


def jpeg(color="red", size=(400, 300)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "JPEG")
    return buf.getvalue()


# What each night's crawl found: {url: [findings]} for audited pages, plus failed and skipped pages.
NAME_H1 = finding(f"{A}/noticias/1", "official-name", "Ariadna Montiel", location="h1", severity="high")
BOAST = finding(f"{A}/noticias/1", "achievement-language", "inauguramos el hospital")
SLOGAN = finding(f"{A}/noticias/2", "propaganda", "Coahuila Avanza Contigo", severity="high")
PHOTO = finding(f"{A}/galeria", "official-image", f"{A}/img/secretaria.jpg", location="img[alt]", severity="high")
REMOTE_PHOTO = finding(f"{A}/galeria", "official-image", "https://cdn.example.com/foto.jpg", location="img[alt]",
                       severity="high")
EVIL = finding(f"{A}/hostil", "official-name", HOSTILE, context=f"antes ⟦{HOSTILE}⟧ después")
BACK = finding(f"{A}/reaparece", "achievement-language", "entregamos 500 becas")
FLAKY = finding(f"{A}/intermitente", "official-name", "la secretaria Montiel")
GONE = finding(f"{A}/borrada", "propaganda", "Vota por el partido", severity="high")
VIDEO = finding(f"{B}/videos", "media-review", "https://www.youtube.com/embed/abc", location="iframe", severity="low")
BETA_NAME = finding(f"{B}/", "official-name", "Manolo Jiménez", location="title", severity="high")


def nights_plan():
    """Night by night: audited pages with their findings, failed pages (url, status, reason), skipped URLs."""
    base_pages = {f"{A}/": [], f"{A}/noticias/1": [NAME_H1, BOAST], f"{A}/noticias/2": [SLOGAN],
                  f"{A}/galeria": [PHOTO, REMOTE_PHOTO], f"{A}/hostil": [EVIL], f"{A}/intermitente": [FLAKY],
                  f"{A}/reaparece": [BACK], f"{A}/borrada": [GONE], f"{B}/": [BETA_NAME], f"{B}/videos": [VIDEO]}
    failed = [(f"{A}/roto", 500, "HTTP 500"), (f"{A}/lento", None, "timeout"), (f"{A}/lento2", None, "timeout")]
    skipped = [("https://www.ine.mx/", "out of scope"), ("https://facebook.com/x", "out of scope"),
               (f"{A}/informe.pdf", "not HTML")] + [(f"https://redes.example.com/{i}", "out of scope") for i in range(30)]
    night1 = dict(pages=base_pages, failed=failed, skipped=skipped)
    # night 2: BACK's page is clean (fixed), FLAKY's page times out (proves nothing), GONE's page answers 404
    p2 = dict(base_pages, **{f"{A}/reaparece": []})
    p2.pop(f"{A}/intermitente")
    p2.pop(f"{A}/borrada")
    night2 = dict(pages=p2, failed=failed + [(f"{A}/intermitente", None, "timeout"), (f"{A}/borrada", 404, "HTTP 404")],
                  skipped=skipped)
    # night 3: BACK comes back, FLAKY's page is audited again (still there), the boast is removed
    p3 = dict(base_pages, **{f"{A}/noticias/1": [NAME_H1]})
    p3.pop(f"{A}/borrada")
    night3 = dict(pages=p3, failed=failed, skipped=skipped)
    return [night1, night2, night3]


def run_night(store: Store, date: str, plan: dict, reports: Path) -> int:
    at = f"{date}T02:30:00-06:00"
    run_id = store.start_run(started_at=at, run_date=date, portals=["alfa", "beta"], forced=False, version="test",
                             rules_fingerprint="x", processes=["PEL 2026-2027 Coahuila"])
    for url, fs in plan["pages"].items():
        portal = "beta" if url.startswith(B) else "alfa"
        title = "Galería <b>oficial</b>" if url.endswith("galeria") else f"Página {url.rsplit('/', 1)[-1]}"
        store.add_page(run_id, PageRecord(portal, url, "audited", http_status=200, fetched_at=at, title=title,
                                          content_hash=hashlib.sha256(url.encode()).hexdigest()),
                       [FindingRecord.from_row(f) for f in fs])
    for url, status, reason in plan["failed"]:
        store.add_page(run_id, PageRecord("alfa", url, "failed", reason, http_status=status, fetched_at=at))
    for url, reason in plan["skipped"]:
        store.add_page(run_id, PageRecord("alfa", url, "skipped", reason, fetched_at=at))
    photo = jpeg()
    store.add_image(run_id, ImageRecord("alfa", PHOTO["evidence"], PHOTO["url"], "audited", http_status=200,
                                        content_hash=hashlib.sha256(photo).hexdigest(), width=400, height=300,
                                        format="JPEG", bytes=len(photo)), photo)
    store.finish_run(run_id, finished_at=f"{date}T02:45:00-06:00", status="complete")
    render_run(store, run_id, reports, now=NOW)
    return run_id


def build_nights(base: Path, upto: int = 3) -> dict:
    """Three nights of two portals, rendered; a waiver that ends on night 2 and one without end."""
    store = Store(open_db(base / "data" / "blindaje.db"))
    reports = base / "data" / "reports"
    exports = {}
    for i, (date, plan) in enumerate(zip(NIGHTS[:upto], nights_plan())):
        run_id = run_night(store, date, plan, reports)
        exports[run_id] = {f["id"]: f for f in store.export_findings(run_id)}
        if i == 0:
            store.waive(SLOGAN["id"], reason="Aviso institucional revisado", by="unidad",
                        created_at="2027-04-05T09:00:00-06:00", until=NIGHTS[1])
            store.waive(VIDEO["id"], reason="Video de protección civil <sin promoción>", by="enlace",
                        created_at="2027-04-05T09:05:00-06:00", until=None)
    return {"store": store, "reports": reports, "last": run_id, "exports": exports, "data": base / "data"}


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    return build_nights(tmp_path_factory.mktemp("nights"))


def doc(path: Path):
    return lxml_html.fromstring(path.read_text("utf-8"))


def text_of(el) -> str:
    return " ".join(el.text_content().split())


def cells(table) -> list[str]:
    """Each body row of a table as its cells' texts joined by single spaces."""
    return [" ".join(text_of(c) for c in tr.xpath("td|th")) for tr in table.xpath(".//tbody/tr")]


# lifecycle -------------------------------------------------------------------------------------------------------
def test_statuses_night_by_night(nights):
    e = nights["exports"]
    assert {f["status"] for f in e[1].values()} == {"new"}
    assert e[2][BACK["id"]]["status"] == "fixed"
    assert e[2][GONE["id"]]["status"] == "fixed", "a page that answers 404 was removed: its findings are fixed"
    assert FLAKY["id"] not in e[2], "a page that timed out proves nothing: not fixed, not listed"
    assert e[2][SLOGAN["id"]]["status"] == "waived" and e[2][VIDEO["id"]]["status"] == "waived"
    assert e[3][BOAST["id"]]["status"] == "fixed" and e[3][NAME_H1["id"]]["status"] == "open"
    assert GONE["id"] not in e[3], "fixed once, not again"


def test_a_finding_that_comes_back_is_reopened_and_says_so(nights):
    store, run_id = nights["store"], nights["last"]
    row = next(f for f in store.findings(run_id) if f["id"] == BACK["id"])
    assert (row["status"], row["reopened"], row["times_reopened"]) == ("open", 1, 1)
    assert row["first_seen"] == nights["exports"][1][BACK["id"]]["first_seen"]
    flaky = next(f for f in store.findings(run_id) if f["id"] == FLAKY["id"])
    assert (flaky["status"], flaky["reopened"]) == ("open", 0), "a night of timeouts is not a fix"
    portal = doc(nights["reports"] / f"run-{run_id}" / "portal-alfa.html")
    item = portal.get_element_by_id(f"f-{BACK['id']}")
    assert item.xpath(".//span[contains(@class, 'badge')]/text()") == ["abierto", "reapareció"]
    assert "reapareció" not in text_of(portal.get_element_by_id(f"f-{FLAKY['id']}"))
    run_page = doc(nights["reports"] / f"run-{run_id}" / "index.html")
    assert BACK["evidence"] in text_of(run_page.get_element_by_id("reopened"))
    assert text_of(run_page.get_element_by_id("findings-reopened")) == "1"


def test_expired_waiver_reopens_the_finding(nights):
    store, run_id = nights["store"], nights["last"]
    assert nights["exports"][2][SLOGAN["id"]]["status"] == "waived"  # night 2 = the waiver's last day
    assert nights["exports"][3][SLOGAN["id"]]["status"] == "open"  # night 3: expired
    assert [f["id"] for f in store.expired_waivers(run_id)] == [SLOGAN["id"]]
    run_page = doc(nights["reports"] / f"run-{run_id}" / "index.html")
    expired = run_page.get_element_by_id("expired-waivers").getnext()
    assert SLOGAN["evidence"] in text_of(expired) and "06/04/2027" in text_of(expired)
    item = doc(nights["reports"] / f"run-{run_id}" / "portal-alfa.html").get_element_by_id(f"f-{SLOGAN['id']}")
    assert "dispensa vencida el 06/04/2027" in text_of(item)
    assert item.getparent().getparent().tag == "details", "an expired waiver puts it back among the pages to fix"


def test_waived_findings_stay_visible_in_their_own_section(nights):
    run_id = nights["last"]
    run_page = doc(nights["reports"] / f"run-{run_id}" / "index.html")
    waived = text_of(run_page.get_element_by_id("waived").getnext())
    assert VIDEO["id"] in waived and "enlace" in waived and "Video de protección civil <sin promoción>" in waived
    assert "sin término" in waived
    beta = doc(nights["reports"] / f"run-{run_id}" / "portal-beta.html")
    item = beta.get_element_by_id(f"f-{VIDEO['id']}")
    assert "dispensado" in text_of(item)
    section = beta.get_element_by_id("waived")
    following = "".join(lxml_html.tostring(s, encoding="unicode") for s in section.itersiblings())
    assert f'id="f-{VIDEO["id"]}"' in following.split('id="fixed"')[0]
    assert not beta.xpath("//details[.//li[@id=$i]]", i=f"f-{VIDEO['id']}"), "not among the pages to fix"


# the compliance unit's run page -------------------------------------------------------------------------------
def test_run_page_figures_tables_and_coverage(nights):
    store, run_id = nights["store"], nights["last"]
    page = doc(nights["reports"] / f"run-{run_id}" / "index.html")
    run = store.run(run_id)
    status = store.summary(run_id)["status"]
    figures = {i: text_of(page.get_element_by_id(i)) for i in (
        "pages-total", "pages-audited", "pages-skipped", "pages-failed", "findings-total", "findings-new",
        "findings-open", "findings-fixed", "findings-waived")}
    assert figures == {"pages-total": str(run["pages_total"]), "pages-audited": str(run["pages_audited"]),
                       "pages-skipped": "33", "pages-failed": "3", "findings-total": str(run["findings_total"]),
                       "findings-new": "0", "findings-open": str(status["open"]), "findings-fixed": "1",
                       "findings-waived": "1"}
    assert text_of(page.get_element_by_id("run-status")) == "completa"
    table = page.get_element_by_id("rule-severity")
    row = table.xpath(".//tr[@data-rule='official-name']")[0]
    counts = {td.get("data-severity"): int(td.text_content()) for td in row.xpath("td[@data-severity]")}
    assert counts == {"high": 2, "medium": 2, "low": 0}  # h1 + beta title; FLAKY + EVIL
    assert int(text_of(page.get_element_by_id("active-total"))) == status["new"] + status["open"]
    coverage = cells(page.get_element_by_id("coverage").getnext().getnext())
    assert coverage == ["omitida fuera del alcance configurado (out of scope) 32",
                        "fallida tiempo de espera agotado (timeout) 2", "fallida respuesta HTTP 500 (HTTP 500) 1",
                        "omitida no es una página HTML (not HTML) 1"]
    listed = page.xpath("//h2[@id='coverage']/following-sibling::details")[0]
    assert listed.get("open") is None and len(listed.xpath(".//tbody/tr")) == 36  # many URLs: collapsed
    assert cells(listed)[0].startswith("fallida respuesta HTTP 500 500"), "failures before skips"
    assert text_of(page.get_element_by_id("pages-requested")) == "12"  # audited + failed; skipped were never asked
    oldest = cells(page.get_element_by_id("oldest").getnext())
    assert oldest and oldest[0].startswith("3 05/04/2027 alfa alta")
    assert "PEL 2026-2027 Coahuila" in text_of(page.get_element_by_id("processes").getnext())
    assert page.xpath("//a[@href='portal-alfa.html']") and page.xpath("//a[@href='portal-beta.html']")
    assert len(page.xpath("//svg[@class='trend']//circle")) == 2 * 3


def test_regenerated_old_run_shows_its_own_nights_only(nights, tmp_path):
    data = tmp_path / "data"  # a copy: the shared nights stay as the other tests expect
    shutil.copytree(nights["data"], data)
    res = CliRunner().invoke(cli, ["report", "--run", "1", "--data", str(data)])
    assert res.exit_code == 0, res.output
    assert Path(res.output.strip()) == data / "reports" / "run-1" / "index.html"
    page = doc(Path(res.output.strip()))
    assert len(page.xpath("//svg[@class='trend']//circle")) == 2, "night 1 knows nothing of nights 2 and 3"
    assert "Primera ejecución" in text_of(page.get_element_by_id("changes").getnext())
    index = doc(data / "reports" / "index.html")
    assert [a.get("href") for a in index.xpath("//table[@id='runs']//a")] == [
        "run-3/index.html", "run-2/index.html", "run-1/index.html"]


def test_pages_show_the_time_the_caller_passes_and_nothing_else_varies(nights, tmp_path):
    generated = "Generado 08/04/2027 09:15 (UTC−06:00)"
    run_dir = nights["reports"] / f"run-{nights['last']}"
    for path in (run_dir / "index.html", run_dir / "portal-alfa.html", nights["reports"] / "index.html"):
        assert generated in text_of(doc(path)), path
    again = tmp_path / "reports"
    render_run(nights["store"], nights["last"], again, now=NOW)
    for path in sorted(run_dir.rglob("*.*")):
        assert (again / path.relative_to(nights["reports"])).read_bytes() == path.read_bytes(), path
    later = NOW + dt.timedelta(days=1, seconds=1)
    render_run(nights["store"], nights["last"], again, now=later)
    assert "Generado 09/04/2027 09:15 (UTC−06:00)" in text_of(doc(again / f"run-{nights['last']}" / "index.html"))


# the webmaster's portal page ----------------------------------------------------------------------------------
def test_portal_page_says_what_where_why_and_what_to_do(nights):
    run_id = nights["last"]
    page = doc(nights["reports"] / f"run-{run_id}" / "portal-alfa.html")
    item = page.get_element_by_id(f"f-{NAME_H1['id']}")
    assert item.xpath(".//mark")[0].text == "Ariadna Montiel"
    assert "h1" in text_of(item) and "alta" in text_of(item).lower()
    group = item.getparent().getprevious()
    assert "Retire el contenido" in text_of(group) and "Art. 134 párr. 8 CPEUM" in text_of(group)
    details = page.xpath("//details[.//li[@id=$i]]", i=f"f-{NAME_H1['id']}")[0]
    assert details.get("open") is not None  # few pages: open
    summary = [text_of(d.find("summary")) for d in page.xpath("//h2[@id='flagged']/following-sibling::details")]
    assert summary[0].startswith(f"{A}/galeria «Galería <b>oficial</b>» — 2 hallazgos: alta 2"), summary[0]
    assert "Galería <b>oficial</b>" in text_of(page)  # the page title, as text
    assert page.xpath("//a[@href=$u][@rel='noreferrer noopener']", u=f"{A}/noticias/1")
    beta = doc(nights["reports"] / f"run-{run_id}" / "portal-beta.html")
    assert f"{A}/" not in text_of(beta.get_element_by_id("flagged").getparent()), "each portal sees only its own"


def test_image_findings_show_a_thumbnail_or_a_placeholder(nights):
    run_dir = nights["reports"] / f"run-{nights['last']}"
    page = doc(run_dir / "portal-alfa.html")
    item = page.get_element_by_id(f"f-{PHOTO['id']}")
    src = item.xpath(".//img/@src")[0]
    digest = hashlib.sha256(jpeg()).hexdigest()
    assert src == f"img/{digest}.jpg" and digest in text_of(item)
    with Image.open(run_dir / src) as im:
        assert im.format == "JPEG" and max(im.size) <= 240 and im.size[0] > im.size[1]
    remote = page.get_element_by_id(f"f-{REMOTE_PHOTO['id']}")
    assert not remote.xpath(".//img") and "no se descargó" in text_of(remote.xpath(".//*[@class='placeholder']")[0])


def test_blob_store_checks_the_hash_and_bounds_the_size(tmp_path):
    store = Store(open_db(tmp_path / "b.db"))
    data = jpeg()
    digest = hashlib.sha256(data).hexdigest()
    assert store.add_blob(digest, data) == digest and store.blob(digest) == data
    assert store.add_blob(None, data) == digest  # idempotent, hash computed when not given
    with pytest.raises(ValueError):
        store.add_blob("0" * 64, data)
    assert store.add_blob(None, b"x" * (5 * 1024 * 1024 + 1)) is None
    error_page = b"<html>404</html>"
    run_id = store.start_run(started_at="t", run_date="2027-04-05", portals=["alfa"], forced=True, version="t",
                             rules_fingerprint="x")
    store.add_image(run_id, ImageRecord("alfa", f"{A}/x.jpg", f"{A}/", "failed", "HTTP 404",
                                        content_hash=hashlib.sha256(error_page).hexdigest()), error_page)
    assert store.images(run_id)[0]["reason"] == "HTTP 404"
    assert store.blob(hashlib.sha256(error_page).hexdigest()) is None, "only images that were read are kept"


def test_many_flagged_pages_start_collapsed(tmp_path):
    store = Store(open_db(tmp_path / "data" / "blindaje.db"))
    run_id = store.start_run(started_at="2027-04-05T02:30:00-06:00", run_date="2027-04-05", portals=["alfa"],
                             forced=True, version="t", rules_fingerprint="x")
    for i in range(OPEN_PAGES_UP_TO + 5):
        url = f"{A}/n/{i}"
        store.add_page(run_id, PageRecord("alfa", url, "audited", http_status=200),
                       [FindingRecord.from_row(finding(url, "official-name", "Ariadna Montiel", location="h1",
                                                       severity="high", context=f"Nota {i}: ⟦Ariadna Montiel⟧"))])
    store.finish_run(run_id, finished_at="2027-04-05T02:50:00-06:00", status="complete")
    render_run(store, run_id, tmp_path / "data" / "reports", now=NOW)
    page = doc(tmp_path / "data" / "reports" / f"run-{run_id}" / "portal-alfa.html")
    pages = page.xpath("//h2[@id='flagged']/following-sibling::details")
    assert len(pages) == OPEN_PAGES_UP_TO + 5 and all(d.get("open") is None for d in pages)
    new = doc(tmp_path / "data" / "reports" / f"run-{run_id}" / "index.html").get_element_by_id("new")
    assert new.get("open") is None and len(new.xpath(".//tbody/tr")) == OPEN_PAGES_UP_TO + 5


# safety ----------------------------------------------------------------------------------------------------------
def all_pages(reports: Path):
    return sorted(reports.rglob("*.html"))


def test_page_text_is_escaped_everywhere(nights):
    pages = all_pages(nights["reports"])
    assert len(pages) >= 7
    for path in pages:
        raw = path.read_text("utf-8")
        if path == nights["reports"] / "index.html":  # its one script, allowed by hash, is checked on its own
            raw = re.sub(r"<script>.*?</script>", "", raw, count=1, flags=re.S)
        assert "<script" not in raw.lower(), path
        tree = lxml_html.fromstring(raw)
        assert not tree.xpath("//*[@onerror or @onload or @onclick]"), path
        assert all(m.getparent().tag != "mark" for m in tree.xpath("//mark/*")), path
    portal = (nights["reports"] / f"run-{nights['last']}" / "portal-alfa.html").read_text("utf-8")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in portal
    assert "Galería &lt;b&gt;oficial&lt;/b&gt;" in portal


def test_reports_are_self_contained(nights):
    reports = nights["reports"].resolve()
    for path in all_pages(reports):
        tree = lxml_html.fromstring(path.read_text("utf-8"))
        assert not tree.xpath("//link|//iframe|//object|//embed|//base|//form|//video|//audio"), path
        assert all(not s.get("src") for s in tree.xpath("//script")), path  # inline only (the index's, by hash)
        for style in tree.xpath("//style/text()|//@style"):
            assert "url(" not in style and "@import" not in style, path
        for src in tree.xpath("//img/@src"):
            target = (path.parent / src).resolve()
            assert "://" not in src and target.is_file() and reports in target.parents, (path, src)
        for href in tree.xpath("//a/@href"):
            if href.startswith("#"):
                continue
            if re.match(r"^https?://", href):
                assert tree.xpath("//a[@href=$h]/@rel", h=href) == ["noreferrer noopener"] * len(
                    tree.xpath("//a[@href=$h]", h=href)), (path, href)
                continue
            target = (path.parent / href.split("#")[0]).resolve()
            assert target.is_file() and reports in target.parents, (path, href)
        csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert csp and "default-src 'none'" in csp[0], path


def test_image_note_warns_when_only_dlibs_hog_looks_for_faces():
    from blindaje.reports.pages import image_analysis_es

    note = {"mode": "pixels", "faces": True, "error": "", "portraits": 2, "officials": 2, "problems": []}
    warn, text = image_analysis_es({**note, "model": "dlib 20.0.1: OpenCV ResNet-10 SSD + landmarks + ResNet-128 (numpy)"})
    assert not warn and "80 píxeles" not in text
    warn, text = image_analysis_es({**note, "model": "dlib 20.0.1: HOG + landmarks + ResNet-128 (numpy)"})
    assert warn and "80 píxeles" in text


def test_documents_and_image_texts_show_under_the_page_that_links_them(tmp_path):
    """SPEC §9: a document's findings are located inside it, shown in its own entry and named under its page; an
    image's text findings under the page that shows it; a file read only in part is listed, not passed as clean."""
    store = Store(open_db(tmp_path / "data" / "blindaje.db"))
    run_id = store.start_run(started_at="2027-04-05T02:30:00-06:00", run_date="2027-04-05", portals=["alfa"],
                             forced=True, version="t", rules_fingerprint="x")
    page, pdf, card = f"{A}/informes.html", f"{A}/docs/informe<b>.pdf", f"{A}/img/tarjeta.png"
    store.add_page(run_id, PageRecord("alfa", page, "audited", http_status=200, title="Informes"))
    store.add_page(run_id, PageRecord("alfa", pdf, "audited", http_status=200, content_type="application/pdf",
                                      linked_from=page, unread=["pages 201-812: not read (page limit)"]),
                   [FindingRecord.from_row(finding(pdf, "achievement-language", "Inauguramos 40 hospitales",
                                                   location="page 2", severity="high"))])
    store.add_image(run_id, ImageRecord("alfa", card, page, "audited", content_hash="c" * 64, text_status=""),
                    findings=[FindingRecord.from_row(finding(card, "propaganda", "Coahuila Avanza Contigo",
                                                             location="image text", severity="high"))])
    store.finish_run(run_id, finished_at="2027-04-05T02:50:00-06:00", status="complete")
    store.set_image_analysis(run_id, {"mode": "text", "reason": "no portraits", "ocr": {"error": "crawl.ocr is false"}})
    render_run(store, run_id, tmp_path / "data" / "reports", now=NOW)
    tree = doc(tmp_path / "data" / "reports" / f"run-{run_id}" / "portal-alfa.html")
    entries = {d.xpath("string(.//summary//span[@class='url'])"): d for d in tree.xpath("//details[@id]")}
    assert set(entries) >= {page, pdf, card}
    files = entries[page].xpath(".//div[@class='files']//a")  # the page lists both files, linking their entries
    assert {a.text_content() for a in files} == {pdf, card}
    for url in (pdf, card):
        assert entries[url].xpath("string(.//p[@class='linked-from']//span)") == page
        assert entries[url].get("id") in {a.get("href").lstrip("#") for a in files}
    assert "page 2" in entries[pdf].text_content() and "image text" in entries[card].text_content()
    partly = tree.get_element_by_id("partly-read").getnext().getnext()
    assert pdf in partly.text_content() and "pages 201-812" in partly.text_content()
    note = tree.get_element_by_id("images-note")
    assert "alert" in note.get("class") and "NO se" in note.text_content()
    raw = (tmp_path / "data" / "reports" / f"run-{run_id}" / "portal-alfa.html").read_text("utf-8")
    assert "informe<b>.pdf" not in raw and "informe&lt;b&gt;.pdf" in raw


def test_bidirectional_controls_from_pages_never_reach_a_report_or_an_email(tmp_path):
    """Issue 22 item 19: U+202E and its kin in a title, an evidence and a context are dropped from every page and
    from the e-mail (a reader must see the text in its real order)."""
    from blindaje.notify import report_link
    from blindaje.config import EmailSettings
    from blindaje.reports.mail import render_email

    controls = "\u202e\u2066\u200f\u061c"
    evidence = f"Ariadna{controls[0]} Montiel{controls[1]}"
    store = Store(open_db(tmp_path / "blindaje.db"))
    run_id = store.start_run(started_at="2027-04-05T02:30:00-06:00", run_date="2027-04-05", portals=["alfa"],
                             forced=False, version="test", rules_fingerprint="x", processes=[])
    f = finding(f"{A}/bidi{controls[2]}", "official-name", evidence, context=f"a{controls[3]} ⟦{evidence}⟧ b")
    store.add_page(run_id, PageRecord("alfa", f["url"], "audited", http_status=200, title=f"Título{controls}",
                                      content_hash="h"), [FindingRecord.from_row(f)])
    store.finish_run(run_id, finished_at="2027-04-05T02:45:00-06:00", status="complete")
    reports = tmp_path / "reports"
    render_run(store, run_id, reports, now=NOW)
    outputs = [p.read_text("utf-8") for p in all_pages(reports)]
    assert any("Ariadna Montiel" in text for text in outputs)  # the evidence is shown, without its controls
    outputs += list(render_email(store, run_id))
    for text in outputs:
        assert not any(c in text for c in controls)
    # the e-mail's link to the report is absolute, whatever directory --data was given relative to
    link = report_link(EmailSettings(), Path("data/reports/run-1/index.html"), 1, None)
    assert Path(link).is_absolute() and link.endswith("index.html")


def test_the_same_slogan_in_the_template_of_40_pages_is_one_problem(tmp_path):
    """Issue 21 item 1: one template problem, shown once with its page count and a sample, counted once as a
    problem and 40 times as pages affected; a page's own finding stays under the page."""
    from blindaje.store.groups import group_id

    store = Store(open_db(tmp_path / "data" / "blindaje.db"))
    run_id = store.start_run(started_at="2027-04-05T02:30:00-06:00", run_date="2027-04-05", portals=["alfa"],
                             forced=True, version="t", rules_fingerprint="x")
    header = "header > div.banner"
    slogans = []
    for i in range(40):
        url = f"{A}/n/{i}"
        slogan = finding(url, "propaganda", "Coahuila Avanza Contigo", location=header, severity="high",
                         context="Gobierno del Estado · ⟦Coahuila Avanza Contigo⟧")
        slogans.append(slogan)
        own = [finding(url, "official-name", "Ariadna Montiel", location="h1", context=f"Nota {i}: ⟦Ariadna Montiel⟧")
               ] if i == 7 else []
        store.add_page(run_id, PageRecord("alfa", url, "audited", http_status=200),
                       [FindingRecord.from_row(f) for f in [slogan, *own]])
    store.finish_run(run_id, finished_at="2027-04-05T02:50:00-06:00", status="complete")
    render_run(store, run_id, tmp_path / "data" / "reports", now=NOW)
    page = doc(tmp_path / "data" / "reports" / f"run-{run_id}" / "portal-alfa.html")
    gid = group_id(slogans[0])
    assert len({group_id(s) for s in slogans}) == 1
    [group] = page.xpath("//h2[@id='templates']/following-sibling::details[@id=$g]", g=gid)
    assert "en 40 páginas" in text_of(group.find("summary"))
    assert len(group.xpath(".//ul[@class='sample']/li")) == 10 and "se muestran 10 de 40" in text_of(group)
    assert f"blindaje waive --group {gid}" in text_of(group)
    flagged = page.xpath("//h2[@id='flagged']/following-sibling::details")
    assert [d.get("id") for d in flagged if d.get("id") != gid] and len(flagged) == 1  # only page 7, its own name
    assert "Ariadna Montiel" in text_of(flagged[0]) and "Coahuila Avanza" not in text_of(flagged[0])
    assert text_of(page.get_element_by_id("p-problems")) == "2" and text_of(page.get_element_by_id("p-affected")) == "40"
    run_page = (tmp_path / "data" / "reports" / f"run-{run_id}" / "index.html").read_text("utf-8")
    assert "Páginas afectadas" in run_page


def test_the_index_shows_the_veda_at_a_glance(nights):
    """Issue 21 item 9: per portal, pages clean and with findings; open findings per night by severity (an SVG with
    axes and a legend); the most repeated problems; one inline script, allowed by its hash and nothing else."""
    import base64

    store, last = nights["store"], nights["last"]
    raw = (nights["reports"] / "index.html").read_text("utf-8")
    page = lxml_html.fromstring(raw)
    rows = {tr.get("data-portal"): [text_of(td) for td in tr.xpath("td")]
            for tr in page.xpath("//table[@id='veda-portals']/tbody/tr")}
    active = store.findings(last, statuses=("new", "open"))
    for portal in ("alfa", "beta"):
        audited = [p for p in store.pages(last, portal, outcomes=("audited",))]
        flagged = {f["url"] for f in active if f["portal"] == portal} & {p["url"] for p in audited}
        assert rows[portal][1:5] == [str(len(audited)), str(len(audited) - len(flagged)), str(len(flagged)),
                                     str(sum(f["portal"] == portal for f in active))], rows[portal]
    svg = page.xpath("//svg[contains(@class, 'severity-trend')]")[0]
    assert len(svg.xpath(".//polyline")) == 3 and "severidad alta" in text_of(svg)
    assert len(svg.xpath(".//circle")) == 3 * len(store.trend(upto=last)) and "hallazgos por corregir" in text_of(svg)
    recurring = page.xpath("//table[@id='recurring-problems']/tbody/tr")
    assert 0 < len(recurring) <= len(active)
    [link] = page.xpath("//tr[@data-portal='alfa']//a[text()='CSV']/@href")  # the portal's findings, for Excel
    raw_csv = (nights["reports"] / link).read_bytes()
    assert raw_csv.startswith("\ufeff".encode()) and raw_csv.decode("utf-8-sig").startswith("id,ejecución,portal")
    assert raw_csv.count(b"\r\n") - 1 >= len(store.findings(last, "alfa"))  # a row per finding at least
    assert "⟦" not in raw_csv.decode("utf-8-sig") and "«" in raw_csv.decode("utf-8-sig")  # the match as in the e-mail
    [script] = page.xpath("//script")
    digest = base64.b64encode(hashlib.sha256(script.text.encode("utf-8")).digest()).decode()
    csp = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert f"script-src 'sha256-{digest}'" in csp and "unsafe-inline'; img" in csp  # styles only, never scripts
    for other in all_pages(nights["reports"]):  # no other page runs a script
        if other.name != "index.html" or other.parent != nights["reports"]:
            assert "<script" not in other.read_text("utf-8").lower(), other


# readable for the legal staff (issue 21 items 7 and 8) ------------------------------------------------------------
PLACES = [  # (kind, location) as the audit records them -> the words the report shows beside the selector
    ("title", "title", "título de la página"),
    ("h1", "main#contenido > h1", "encabezado principal"),
    ("banner", "div.carousel > div.slide > p", "carrusel de portada"),
    ("figcaption", "main > figure > figcaption", "pie de foto"),
    ("li", "nav#menu > ul > li", "menú"),
    ("p", "footer.pie > p", "pie de página"),
    ("img[alt]", "main#contenido > img.foto", "texto alternativo de imagen"),
    ("p", "page 3", "página 3 del documento"),
    ("title", "metadata:Title", "metadatos del documento (título)"),
    ("td", 'sheet "Calendario" B7', "hoja «Calendario», celda B7"),
]


def one_night(base: Path, findings: list[dict], *, status="complete", message="", failed=(), processes=(),
              now=NOW, tz=None, waiver_at=None) -> dict:
    store = Store(open_db(base / "data" / "blindaje.db"))
    at = "2027-04-07T02:30:00-06:00"
    run_id = store.start_run(started_at=at, run_date="2027-04-07", portals=["alfa"], forced=False, version="test",
                             rules_fingerprint="x", processes=list(processes))
    by_url: dict[str, list] = {}
    for f in findings:
        by_url.setdefault(f["url"], []).append(FindingRecord.from_row(f))
    for url, fs in by_url.items():
        store.add_page(run_id, PageRecord("alfa", url, "audited", http_status=200, fetched_at=at, title="T",
                                          content_hash=hashlib.sha256(url.encode()).hexdigest()), fs)
    for url, reason in failed:
        store.add_page(run_id, PageRecord("alfa", url, "failed", reason, fetched_at=at))
    if waiver_at:
        store.waive(findings[0]["id"], reason="Aviso", by="unidad", created_at=waiver_at, until=None)
    store.finish_run(run_id, finished_at="2027-04-07T02:45:00-06:00", status=status, message=message)
    reports = base / "data" / "reports"
    render_run(store, run_id, reports, now=now, tz=tz)
    return {"store": store, "run": reports / f"run-{run_id}" / "index.html",
            "portal": reports / f"run-{run_id}" / "portal-alfa.html", "index": reports / "index.html"}


def test_findings_say_where_they_are_in_plain_words_beside_the_selector(tmp_path):
    fs = [finding(f"{A}/p{i}", "official-name", f"Ariadna Montiel {i}", location=loc) | {"kind": kind}
          for i, (kind, loc, _) in enumerate(PLACES)]
    out = one_night(tmp_path, fs)
    portal, run = doc(out["portal"]), doc(out["run"])
    for f, (_, location, words) in zip(fs, PLACES):
        item = portal.get_element_by_id(f"f-{f['id']}")
        assert [text_of(e) for e in item.xpath(".//span[@class='place']")] == [words], f["location"]
        assert [text_of(e) for e in item.xpath(".//code[@class='selector']")] == [location], "the selector stays"
        row = run.get_element_by_id(f"row-{f['id']}")  # the run page's table of new findings too
        assert words in text_of(row) and location in text_of(row)


def test_reports_speak_in_real_plurals(nights):
    for path in all_pages(nights["reports"]):
        text = text_of(doc(path))
        assert not re.search(r"\w\((s|es)\)", text), (path, re.search(r".{40}\w\((s|es)\).{10}", text))
        assert "vez/veces" not in text
    portal = doc(nights["reports"] / f"run-{nights['last']}" / "portal-beta.html")
    summaries = [text_of(s) for s in portal.xpath("//details/summary")]
    assert any("— 1 hallazgo:" in s for s in summaries), summaries  # the singular when there is one
    alfa = doc(nights["reports"] / f"run-{nights['last']}" / "portal-alfa.html")
    assert any("— 2 hallazgos:" in text_of(s) and "3 días" in text_of(s) for s in alfa.xpath("//details/summary"))


def test_every_time_is_shown_in_the_calendars_zone_with_its_offset(tmp_path):
    from zoneinfo import ZoneInfo

    utc_now = dt.datetime(2027, 4, 8, 15, 15, tzinfo=dt.timezone.utc)  # a server clock in UTC
    out = one_night(tmp_path / "a", [NAME_H1], now=utc_now, tz=ZoneInfo("America/Mexico_City"),
                    waiver_at="2027-04-07T16:05:00+00:00")
    run = text_of(doc(out["run"]))
    assert "Inicio 07/04/2027 02:30 (UTC−06:00) · fin 07/04/2027 02:45 (UTC−06:00)" in run
    assert "Generado 08/04/2027 09:15 (UTC−06:00)" in run
    assert "unidad (07/04/2027 10:05 (UTC−06:00))" in run, "the waiver's time, written in UTC, in the calendar's zone"
    for path in (out["run"], out["portal"], out["index"]):
        text = text_of(doc(path))
        assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text), (path, re.search(r".{30}\d{4}-\d\d-\d\dT.{20}", text))
        assert "UTC+00:00" not in text and "Generado 08/04/2027 09:15 (UTC−06:00)" in text
    # without a time zone given (`blindaje report`), the offset the run was recorded with: the calendar's clock's
    again = one_night(tmp_path / "b", [NAME_H1], now=utc_now)
    assert "Generado 08/04/2027 09:15 (UTC−06:00)" in text_of(doc(again["run"]))


def test_incomplete_run_banner_says_why_and_what_to_do_in_spanish(tmp_path):
    out = one_night(tmp_path, [NAME_H1], status="incomplete", message="3 of 4 pages failed",
                    failed=[(f"{A}/x{i}", "connection refused") for i in range(3)])
    for path in (out["run"], out["portal"]):
        banner = text_of(doc(path).get_element_by_id("incomplete"))
        assert "Fallaron 3 de 4 páginas solicitadas" in banner, banner
        assert ("alfa: el portal rechazó la conexión: revise que esté en línea (3 páginas fallidas de 4) y vuelva a "
                "ejecutar `blindaje crawl --portal alfa`") in banner, banner
        assert "pages failed" not in banner, "no English in the banner"


def test_estimated_calendar_dates_are_marked_estimated(tmp_path):
    processes = [{"name": "Proceso Electoral Federal 2026-2027", "blackout_start": "2027-04-04",
                  "blackout_end": "2027-06-06", "status": "estimated"},
                 {"name": "Proceso Local Coahuila", "blackout_start": "2027-04-19", "blackout_end": "2027-06-06",
                  "status": "confirmed"}]
    out = one_night(tmp_path, [NAME_H1], processes=processes)
    items = [text_of(li) for li in doc(out["run"]).xpath("//h2[@id='processes']/following-sibling::ul[1]/li")]
    assert items == ["Proceso Electoral Federal 2026-2027 · veda del 04/04/2027 al 06/06/2027 (fechas estimadas)",
                     "Proceso Local Coahuila · veda del 19/04/2027 al 06/06/2027"], items


@pytest.mark.parametrize("kind,location,words", PLACES + [
    ("img[alt]", "div#carrusel > img", "texto alternativo de imagen en el carrusel de portada"),
    ("banner", "image text", "texto dentro de la imagen"),
    ("p", "header", "encabezado del documento"),
    ("img[alt]", "footer > img", "texto alternativo de imagen (pie de página)"),
    ("iframe", "main > iframe", "contenido embebido (video o publicación)"),
])
def test_place_words(kind, location, words):
    from blindaje.reports.labels import place_es

    assert place_es(kind, location) == words
