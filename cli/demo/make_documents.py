"""Regenerate the documents and the infographic card of the bundled demo portal (SPEC §9).

Standalone: ``python make_documents.py`` (needs reportlab, python-docx and openpyxl: the `test` extra). The files
stand in for what a real agency publishes beside its pages: a quarterly report in PDF that boasts and names the
governor, a requirements sheet in DOCX and a payment calendar in XLSX (both clean), and an infographic card whose
achievement figures are only in its pixels (found by OCR). Output is deterministic.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw

from make_images import font  # the demo's fonts (DejaVu, or the platform's)

SITE = Path(__file__).resolve().parent / "site"
FIXED_TIME = (2027, 4, 20, 10, 0, 0)  # zip members' timestamps: the same bytes on every run


def report_pdf() -> bytes:
    """comunicados/informe-primer-trimestre-2027.pdf: a headline, a dateline, a boast naming the governor (page 2)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Demo", font(12).path))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792), invariant=1)
    c.setTitle("Informe del primer trimestre 2027")
    c.setAuthor("Secretaría de Inclusión y Desarrollo Social")
    pages = [
        ("Informe del primer trimestre 2027", [
            "Saltillo, Coahuila, 20 de abril de 2027. La Secretaría de Inclusión y Desarrollo Social presenta el",
            "informe trimestral de los programas sociales a su cargo, con los padrones de personas beneficiarias,",
            "los montos dispersados por municipio y los módulos de atención abiertos durante el periodo.",
            "",
            "Las personas interesadas pueden consultar los requisitos y el calendario de pagos en el portal o en",
            "cualquiera de las oficinas regionales, de lunes a viernes de 8:30 a 16:30 horas."]),
        ("Resultados", [
            "Gracias al gobernador Jorge Alberto Treviño Garza, este trimestre entregamos 12 mil tarjetas de la",
            "Pensión Estatal y logramos llegar a todos los municipios del estado, algo nunca antes visto en Coahuila.",
            "",
            "En el mismo periodo se abrieron cuatro módulos de orientación en Torreón, Monclova, Piedras Negras y",
            "Acuña."]),
    ]
    for heading, lines in pages:
        c.setFont("Demo", 18)
        c.drawString(60, 720, heading)
        c.setFont("Demo", 10.5)
        y = 690
        for line in lines:
            if line:
                c.drawString(60, y, line)
            y -= 15 if line else 10
        c.showPage()
    c.save()
    return buf.getvalue()


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with fixed member timestamps: python-docx and openpyxl stamp the current time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # created/modified dates
                import re

                body = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2027-04-20T10:00:00Z", body)
            dst.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def requirements_docx() -> bytes:
    """programas/requisitos-pension-estatal.docx: requirements, clean."""
    import docx

    d = docx.Document()
    d.core_properties.title = "Requisitos de la Pensión Estatal para Personas Adultas Mayores"
    d.core_properties.author = "Secretaría de Inclusión y Desarrollo Social"
    d.sections[0].header.paragraphs[0].text = "Secretaría de Inclusión y Desarrollo Social · Programas sociales"
    d.add_heading("Requisitos para el registro", level=1)
    for text in ("Tener 65 años o más y residir en el estado de Coahuila.",
                 "Identificación oficial vigente, CURP y comprobante de domicilio de no más de tres meses.",
                 "El registro es gratuito y personal; ningún servidor público puede condicionar el apoyo."):
        d.add_paragraph(text, style="List Bullet")
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip(buf.getvalue())


def calendar_xlsx() -> bytes:
    """programas/calendario-pagos-2027.xlsx: payments by surname initial, clean."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Calendario"
    ws.append(["Letra del primer apellido", "Fecha de pago", "Sede"])
    for letters, day in (("A–D", "3 de mayo"), ("E–J", "4 de mayo"), ("K–O", "5 de mayo"), ("P–S", "6 de mayo"),
                         ("T–Z", "7 de mayo")):
        ws.append([letters, day, "Oficina regional de su municipio"])
    wb.properties.creator = "Secretaría de Inclusión y Desarrollo Social"
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())


def infographic() -> Image.Image:
    """img/infografia-logros-2027.png: achievement figures drawn in the pixels only (its alt text is neutral)."""
    img = Image.new("RGB", (1080, 1080), (105, 28, 50))
    d = ImageDraw.Draw(img)
    d.ellipse((70, 60, 190, 180), fill=(188, 149, 92))  # the agency's logo, a shape
    d.text((220, 95), "Coahuila", font=font(44, bold=True), fill=(255, 255, 255))
    lines = ["15 mil hogares", "ya tienen agua potable", "gracias a este gobierno.", "¡Cumplimos!"]
    for i, line in enumerate(lines):
        d.text((90, 330 + i * 120), line, font=font(72, bold=True), fill=(255, 255, 255))
    return img


def main() -> None:
    (SITE / "comunicados" / "informe-primer-trimestre-2027.pdf").write_bytes(report_pdf())
    (SITE / "programas" / "requisitos-pension-estatal.docx").write_bytes(requirements_docx())
    (SITE / "programas" / "calendario-pagos-2027.xlsx").write_bytes(calendar_xlsx())
    infographic().save(SITE / "img" / "infografia-logros-2027.png", optimize=True)


if __name__ == "__main__":
    main()
