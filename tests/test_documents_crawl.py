"""End to end (SPEC §9): a served portal links a PDF, a DOCX, an XLSX, a card whose message is in its pixels, a
file mislabelled as PDF and a truncated PDF. `blindaje crawl` audits the files like pages (findings located inside
them, shown under the page that links them), records the bad ones as failed with their reason, and a file replaced
by a clean one fixes its findings the next night. Every file is made here, at test time."""
from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

import pytest

from benchmarks import files_corpus as fc
from blindaje.demo import QuietHandler, serve_site
from conftest import FIXTURES, blindaje, served, write_config

pytest.importorskip("reportlab")
pytest.importorskip("docx")
pytest.importorskip("openpyxl")

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BOAST = ("Durante esta administración inauguramos 120 kilómetros de carreteras nuevas y entregamos 15 mil "
         "apoyos a familias, gracias al gobernador Jorge Treviño.")
NEUTRAL = ("Consulte los requisitos del programa en su oficina regional de lunes a viernes, de 9:00 a 15:00 horas. "
           "El trámite es gratuito.")


def make_pdf(path: Path, pages: list[str], title: str = "") -> None:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    if title:
        c.setTitle(title)
    for text in pages:
        y = 720
        words, line = text.split(), ""
        for word in words:  # wrapped at about 70 characters: sentences run over line breaks
            if len(line) + len(word) > 70:
                c.drawString(72, y, line)
                y -= 16
                line = ""
            line = f"{line} {word}".strip()
        c.drawString(72, y, line)
        c.showPage()
    c.save()


def make_docx(path: Path, header: str, body: str) -> None:
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = header
    d.add_paragraph(body)
    d.save(str(path))


def make_xlsx(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Calendario"
    ws.append(["Municipio", "Fecha de pago", "Sede"])
    ws.append(["Saltillo", "12 de marzo", "Oficina regional centro"])
    wb.save(str(path))


def make_card(path: Path, lines: list[str]) -> None:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (1200, 630), (128, 24, 48))
    draw = ImageDraw.Draw(img)
    draw.ellipse((60, 40, 180, 160), fill=(220, 180, 60))  # a logo shape
    font = ImageFont.truetype(str(FONT), 56)
    for i, line in enumerate(lines):
        draw.text((80, 220 + i * 80), line, font=font, fill=(255, 255, 255))
    img.save(path)


def build_site(site: Path) -> None:
    site.mkdir(parents=True)
    (site / "index.html").write_text(
        "<html><head><title>Secretaría de Inclusión</title></head><body><main><h1>Documentos</h1>"
        "<p>Consulte los documentos publicados por la dependencia.</p>"
        '<ul><li><a href="docs/boletin.pdf">Boletín</a></li><li><a href="docs/informe.docx">Informe</a></li>'
        '<li><a href="docs/calendario.xlsx">Calendario de pagos</a></li><li><a href="docs/falso.pdf">Aviso</a></li>'
        '<li><a href="docs/roto.pdf">Convocatoria</a></li><li><a href="avisos.html">Avisos</a></li>'
        '<li><a href="docs/bomba.pdf">Anexo</a></li><li><a href="docs/bomba.docx">Anexo 2</a></li></ul>'
        "</main></body></html>", "utf-8")
    (site / "avisos.html").write_text(
        "<html><head><title>Avisos</title></head><body><main><h1>Avisos</h1><p>Avisos de servicio.</p>"
        '<img src="img/tarjeta.png" alt="Tarjeta informativa"></main></body></html>', "utf-8")
    docs = site / "docs"
    docs.mkdir()
    make_pdf(docs / "boletin.pdf", [NEUTRAL, BOAST], title="Boletín de la Secretaría")
    make_docx(docs / "informe.docx", "Informe del gobernador Jorge Treviño", NEUTRAL)
    make_xlsx(docs / "calendario.xlsx")
    (docs / "falso.pdf").write_text("<html><body><p>Esto no es un PDF.</p></body></html>", "utf-8")
    good = docs / "roto-completo.pdf"
    make_pdf(good, [NEUTRAL])
    (docs / "roto.pdf").write_bytes(good.read_bytes()[:200])
    good.unlink()
    # Decompression bombs: a PDF stream that inflates to 1 GB, a DOCX member that inflates to 300 MB and lies.
    (docs / "bomba.pdf").write_bytes(fc.pdf_bomb(1 << 30))
    (docs / "bomba.docx").write_bytes(fc.zip_member_bomb(fc.docx(paragraphs=["Anexo"]), "word/document.xml",
                                                         300 << 20, lie=True))
    (site / "img").mkdir()
    make_card(site / "img" / "tarjeta.png", ["Inauguramos 40 hospitales", "gracias a este gobierno"])


@pytest.mark.slow
def test_crawl_audits_linked_documents_and_fixes_them_when_replaced(tmp_path):
    site = tmp_path / "site"
    build_site(site)
    with serve_site(site) as base:
        config = write_config(tmp_path / "config", base, officials=FIXTURES / "officials.yaml")
        data = tmp_path / "data"
        res = blindaje("crawl", "--force", "--config", config, "--data", data)
        assert res.returncode == 0, res.stderr
        findings = json.loads(blindaje("export", "--data", data).stdout)
        pages = {p["url"]: p for p in json.loads(blindaje("export", "--pages", "--data", data).stdout)}

        where = {(f["url"].removeprefix(base), f["rule"], f["location"]) for f in findings}
        assert ("docs/boletin.pdf", "achievement-language", "page 2") in where, where
        assert ("docs/boletin.pdf", "official-name", "page 2") in where, where
        assert not any(f["url"].endswith("boletin.pdf") and f["location"] == "page 1" for f in findings)
        assert ("docs/informe.docx", "official-name", "header") in where, where
        assert not any(f["url"].endswith("calendario.xlsx") for f in findings)
        assert pages[base + "docs/calendario.xlsx"]["outcome"] == "audited"
        assert pages[base + "docs/boletin.pdf"]["outcome"] == "audited"
        # Bad files are failed with their reason: never clean, never lost.
        assert pages[base + "docs/falso.pdf"]["outcome"] == "failed" and pages[base + "docs/falso.pdf"]["reason"]
        assert pages[base + "docs/roto.pdf"]["outcome"] == "failed" and pages[base + "docs/roto.pdf"]["reason"]
        for bomb in ("docs/bomba.pdf", "docs/bomba.docx"):
            assert (pages[base + bomb]["outcome"], pages[base + bomb]["reason"]) in (
                ("failed", "zip bomb"), ("failed", "malformed file")), pages[base + bomb]
        if shutil.which("tesseract"):
            assert (base + "img/tarjeta.png", "achievement-language", "image text") in \
                {(f["url"], f["rule"], f["location"]) for f in findings}

        # The webmaster's page shows the files' findings under the page that links them.
        report = next((data / "reports" / "run-1").glob("portal-*.html")).read_text("utf-8")
        assert "Archivo enlazado o mostrado en" in report and "Archivos enlazados o mostrados en esta página" in report

        # Night 2: the PDF is replaced by a clean one; its findings are fixed, the DOCX's stay open.
        make_pdf(site / "docs" / "boletin.pdf", [NEUTRAL], title="Boletín")
        assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode == 0
        second = json.loads(blindaje("export", "--data", data).stdout)
        status = {(f["url"].removeprefix(base), f["rule"]): f["status"] for f in second}
        assert status[("docs/boletin.pdf", "achievement-language")] == "fixed"
        assert status[("docs/informe.docx", "official-name")] == "open"


@pytest.mark.slow
def test_documents_are_fetched_after_the_pages_waiting(tmp_path):
    """A PDF costs what tens of pages cost: the pages discovered are fetched first, the documents after them (the
    morning's report needs the pages first). The index links 30 pages, then its PDFs: Scrapy's downloader takes the
    first 16 links at once, the scheduler keeps the rest, where its last-in-first-out queue would give the PDFs
    first; each answer takes a while, so that the scheduler holds them all when the next is taken."""
    site = tmp_path / "site"
    site.mkdir()
    pages = [f"p{i}.html" for i in range(30)]
    pdfs = [f"docs/d{i}.pdf" for i in range(3)]
    (site / "docs").mkdir()
    for name in pages:
        (site / name).write_text(f"<html><head><title>{name}</title></head><body><main><p>{NEUTRAL}</p></main>"
                                 "</body></html>", "utf-8")
    for i, name in enumerate(pdfs):
        make_pdf(site / name, [NEUTRAL], title=f"Documento {i}")
    links = "".join(f'<li><a href="{name}">{name}</a></li>' for name in pages + pdfs)
    (site / "index.html").write_text(f"<html><head><title>Inicio</title></head><body><main><ul>{links}</ul>"
                                     "</main></body></html>", "utf-8")
    asked: list[str] = []

    class Recording(QuietHandler):
        delay = 0.05

        def send_head(self):
            asked.append(self.path.lstrip("/"))
            return super().send_head()

    with served(functools.partial(Recording, directory=str(site))) as base:
        config = write_config(tmp_path / "config", base, settings={"crawl": {
            "delay_seconds": 0, "autothrottle": False, "retries": 0, "timeout_seconds": 10,
            "concurrency_per_host": 1}})
        res = blindaje("crawl", "--force", "--config", config, "--data", tmp_path / "data")
        assert res.returncode == 0, res.stderr
    asked = [path for path in asked if path]
    assert sorted(asked) == sorted(pages + pdfs), asked
    assert set(asked[: len(pages)]) == set(pages), asked
    export = {p["url"].removeprefix(base): p["outcome"]
              for p in json.loads(blindaje("export", "--pages", "--data", tmp_path / "data").stdout)}
    assert all(export[name] == "audited" for name in pages + pdfs), export
