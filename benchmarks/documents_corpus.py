"""A labelled corpus of documents (PDF, DOCX, XLSX, PNG/JPEG cards) for the documents benchmark (SPEC §9).

Every file is built at set-up from Spanish text written for this corpus: communication of Mexican federal and state
agencies during the 2026-2027 veda. Half of the files are clean (services, requirements, schedules, health, civil
protection, transparency, payment calendars, veda notices); the others carry violations of the SPEC §3 rules
`official-name`, `achievement-language` and `propaganda`, some of them only in a header or footer, only in the
document metadata, only in one spreadsheet cell, or only in the pixels of an image. The officials the files name
are the fictional people of `benchmarks/documents/officials.yaml`.

The labels (`LABELS`, also written to `benchmarks/documents/labels.yaml`) are the author's judgment from SPEC §2-§3
and the rule catalogue of the legal notes, never the tool's output.

    python benchmarks/documents_corpus.py OUT_DIR            # build the corpus into OUT_DIR
    python benchmarks/documents_corpus.py --write-labels     # rewrite benchmarks/documents/labels.yaml
"""

from __future__ import annotations

import argparse
import io
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
LABELS_FILE = HERE / "documents" / "labels.yaml"
OFFICIALS_FILE = HERE / "documents" / "officials.yaml"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"

RULES = ("official-name", "achievement-language", "propaganda")


@dataclass
class Doc:
    name: str
    rules: frozenset[str]
    why: str
    build: Callable[[Path], None]
    features: tuple[str, ...] = field(default_factory=tuple)


CORPUS: list[Doc] = []


def doc(name: str, rules: str, why: str, *features: str):
    """Register the decorated builder as the file NAME violating RULES (space-separated; '' for clean)."""
    def wrap(fn):
        CORPUS.append(Doc(name, frozenset(rules.split()), why, fn, features))
        return fn
    return wrap


# ----------------------------------------------------------------------------------------------- rendering helpers

_FONTS_READY = False


def _pdf_fonts():
    global _FONTS_READY
    if not _FONTS_READY:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_BOLD)))
        _FONTS_READY = True


def _styles():
    from reportlab.lib.styles import ParagraphStyle
    return {
        "h": ParagraphStyle("h", fontName="DejaVu-Bold", fontSize=15, leading=19, spaceAfter=8),
        "h2": ParagraphStyle("h2", fontName="DejaVu-Bold", fontSize=12, leading=15, spaceBefore=6, spaceAfter=4),
        "p": ParagraphStyle("p", fontName="DejaVu", fontSize=10, leading=13.5, spaceAfter=6),
        "small": ParagraphStyle("small", fontName="DejaVu", fontSize=8, leading=10, spaceAfter=4),
    }


def pdf_flow(path: Path, blocks: list, *, meta: dict | None = None, two_col: bool = False,
             header: str | None = None, footer: str | None = None) -> None:
    """A PDF laid out by reportlab's platypus. BLOCKS: ("h"|"h2"|"p"|"small", text), ("table", rows), ("break",),
    ("image", PIL image, width in points)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.units import cm
    from reportlab.platypus import (BaseDocTemplate, Frame, Image, PageBreak, PageTemplate, Paragraph, Spacer,
                                    Table, TableStyle)

    _pdf_fonts()
    st = _styles()
    meta = meta or {}
    width, height = letter
    margin = 2 * cm
    if two_col:
        gap = 0.8 * cm
        col = (width - 2 * margin - gap) / 2
        frames = [Frame(margin, margin, col, height - 2 * margin - 0.6 * cm, id="left"),
                  Frame(margin + col + gap, margin, col, height - 2 * margin - 0.6 * cm, id="right")]
    else:
        frames = [Frame(margin, margin, width - 2 * margin, height - 2 * margin - 0.6 * cm, id="body")]

    def decorate(canvas, document):
        canvas.saveState()
        canvas.setFont("DejaVu", 8)
        if header:
            canvas.drawString(margin, height - 1.3 * cm, header)
        if footer:
            canvas.drawString(margin, 1.1 * cm, footer)
        canvas.drawRightString(width - margin, 1.1 * cm if not footer else 0.7 * cm, f"Página {document.page}")
        canvas.restoreState()

    document = BaseDocTemplate(str(path), pagesize=letter, title=meta.get("title", ""),
                               subject=meta.get("subject", ""), author=meta.get("author", ""),
                               keywords=meta.get("keywords", ""), creator=meta.get("creator", "Microsoft Word"))
    document.addPageTemplates([PageTemplate(id="main", frames=frames, onPage=decorate)])
    story = []
    for block in blocks:
        kind = block[0]
        if kind == "break":
            story.append(PageBreak())
        elif kind == "table":
            rows = [[Paragraph(str(c), st["small"]) for c in row] for row in block[1]]
            table = Table(rows, repeatRows=1)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd")),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [table, Spacer(1, 8)]
        elif kind == "image":
            img, w = block[1], block[2]
            buf = io.BytesIO()
            img.save(buf, format="PNG")
            buf.seek(0)
            story.append(Image(buf, width=w, height=w * img.height / img.width))
        else:
            story.append(Paragraph(block[1], st[kind]))
    document.build(story)


def pdf_lines(path: Path, pages: list[list[str]], *, meta: dict | None = None, size: float = 11) -> None:
    """A PDF drawn line by line on the canvas, exactly as given (to split a phrase across a line break)."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas as rl_canvas

    _pdf_fonts()
    meta = meta or {}
    c = rl_canvas.Canvas(str(path), pagesize=letter)
    c.setTitle(meta.get("title", ""))
    c.setSubject(meta.get("subject", ""))
    c.setAuthor(meta.get("author", ""))
    c.setKeywords(meta.get("keywords", ""))
    width, height = letter
    for lines in pages:
        y = height - 72
        for line in lines:
            bold = line.startswith("# ")
            c.setFont("DejaVu-Bold" if bold else "DejaVu", size + 3 if bold else size)
            c.drawString(72, y, line[2:] if bold else line)
            y -= (size + 3) * 1.45 if bold else size * 1.45
        c.showPage()
    c.save()


def pdf_scanned(path: Path, pages: list, *, meta: dict | None = None) -> None:
    """A PDF whose pages are images (a 'scanned' document): each item of PAGES is a PIL image drawn full page, or a
    list of text lines drawn as real text."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas as rl_canvas

    _pdf_fonts()
    meta = meta or {}
    c = rl_canvas.Canvas(str(path), pagesize=letter)
    c.setTitle(meta.get("title", ""))
    c.setSubject(meta.get("subject", ""))
    width, height = letter
    for page in pages:
        if isinstance(page, list):
            y = height - 72
            for line in page:
                c.setFont("DejaVu", 11)
                c.drawString(72, y, line)
                y -= 16
        else:
            buf = io.BytesIO()
            page.save(buf, format="PNG")
            buf.seek(0)
            c.drawImage(ImageReader(buf), 36, 36, width=width - 72, height=height - 72, preserveAspectRatio=True)
        c.showPage()
    c.save()


def pdf_drawing(path: Path, *, meta: dict, seed: int = 0) -> None:
    """A one-page PDF with a plan drawn in lines and shapes and no text at all: only the metadata speaks."""
    import random

    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.pdfgen import canvas as rl_canvas

    rnd = random.Random(seed)
    c = rl_canvas.Canvas(str(path), pagesize=landscape(letter))
    for key, setter in (("title", c.setTitle), ("subject", c.setSubject), ("author", c.setAuthor),
                        ("keywords", c.setKeywords)):
        setter(meta.get(key, ""))
    width, height = landscape(letter)
    c.setStrokeColorRGB(0.6, 0.6, 0.6)
    for x in range(40, int(width), 60):
        c.line(x, 40, x, height - 40)
    for y in range(40, int(height), 60):
        c.line(40, y, width - 40, y)
    c.setFillColorRGB(0.1, 0.4, 0.7)
    for _ in range(14):
        c.circle(rnd.uniform(80, width - 80), rnd.uniform(80, height - 80), rnd.uniform(6, 14), fill=1, stroke=0)
    c.setStrokeColorRGB(0.8, 0.2, 0.1)
    c.setLineWidth(4)
    path_ = c.beginPath()
    path_.moveTo(60, 80)
    for _ in range(6):
        path_.lineTo(rnd.uniform(80, width - 80), rnd.uniform(80, height - 80))
    c.drawPath(path_, stroke=1, fill=0)
    c.showPage()
    c.save()


def _font(size: int, bold: bool = False):
    from PIL import ImageFont
    return ImageFont.truetype(str(FONT_BOLD if bold else FONT), size)


def scanned_page(lines: list[str], *, size: int = 30, width: int = 1275, height: int = 1650, skew: float = 0.6):
    """A letter page rendered to pixels at 150 dpi, slightly grey and skewed, as a scanner would give it."""
    from PIL import Image, ImageDraw, ImageFilter

    img = Image.new("L", (width, height), 246)
    draw = ImageDraw.Draw(img)
    y = 120
    for line in lines:
        bold = line.startswith("# ")
        text = line[2:] if bold else line
        font = _font(size + 8 if bold else size, bold)
        for part in (textwrap.wrap(text, 58 if not bold else 44) or [""]):
            draw.text((110, y), part, fill=25, font=font)
            y += int((size + 8 if bold else size) * 1.5)
        y += 8
    img = img.rotate(skew, resample=Image.BICUBIC, fillcolor=246).filter(ImageFilter.GaussianBlur(0.6))
    return img.convert("RGB")


def card(path: Path, headline: str, body: list[str], *, bg="#ffffff", fg="#1d1d1d", accent="#235b4e",
         logo: str = "circle", rotate: float = 0, size=(1080, 1080), fmt: str | None = None) -> None:
    """An infographic card: flat background, a logo shape, a headline (≥ 40 px) and body lines (≥ 28 px)."""
    from PIL import Image, ImageDraw

    w, h = size
    img = Image.new("RGB", size, bg)
    draw = ImageDraw.Draw(img)
    # the logo: a plain shape in the corner, no text in it
    if logo == "circle":
        draw.ellipse((60, 60, 180, 180), fill=accent)
        draw.ellipse((95, 95, 145, 145), fill=bg)
    elif logo == "shield":
        draw.polygon([(60, 60), (180, 60), (180, 140), (120, 190), (60, 140)], fill=accent)
    else:
        draw.rectangle((60, 60, 180, 180), fill=accent)
        draw.rectangle((90, 90, 150, 150), outline=bg, width=8)
    draw.rectangle((0, h - 40, w, h), fill=accent)
    y = 230
    hfont = _font(52, True)
    for part in textwrap.wrap(headline, 30):
        draw.text((70, y), part, fill=fg, font=hfont)
        y += 68
    y += 30
    bfont = _font(34)
    for line in body:
        for part in textwrap.wrap(line, 46) or [""]:
            draw.text((70, y), part, fill=fg, font=bfont)
            y += 48
        y += 14
    if rotate:
        img = img.rotate(rotate, resample=Image.BICUBIC, expand=True, fillcolor=bg)
    img.save(path, format=fmt or ("JPEG" if path.suffix.lower() in (".jpg", ".jpeg") else "PNG"), quality=92)


def docx_build(path: Path, blocks: list, *, header: str | None = None, footer: str | None = None,
               meta: dict | None = None) -> None:
    """A DOCX. BLOCKS: ("h", text), ("h2", text), ("p", text), ("table", rows), ("break",)."""
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    meta = meta or {}
    props = d.core_properties
    props.title = meta.get("title", "")
    props.subject = meta.get("subject", "")
    props.author = meta.get("author", "Unidad de Comunicación")
    props.keywords = meta.get("keywords", "")
    props.comments = meta.get("comments", "")
    section = d.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    for block in blocks:
        kind = block[0]
        if kind == "h":
            d.add_heading(block[1], level=1)
        elif kind == "h2":
            d.add_heading(block[1], level=2)
        elif kind == "p":
            d.add_paragraph(block[1])
        elif kind == "break":
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif kind == "table":
            rows = block[1]
            table = d.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, value in enumerate(row):
                    table.cell(i, j).text = str(value)
    d.save(str(path))


def xlsx_build(path: Path, sheets: dict, *, meta: dict | None = None, widths: dict | None = None) -> None:
    """An XLSX: SHEETS maps a sheet title to its rows (lists of values)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    meta = meta or {}
    wb.properties.title = meta.get("title")
    wb.properties.subject = meta.get("subject")
    wb.properties.keywords = meta.get("keywords")
    wb.properties.creator = meta.get("author", "Dirección de Tecnologías de la Información")
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(list(row))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for col, width in (widths or {}).items():
            ws.column_dimensions[col].width = width
    wb.save(str(path))


def _repeat_pages(pages: list[list]) -> list:
    """Join lists of blocks with page breaks."""
    out = []
    for i, page in enumerate(pages):
        if i:
            out.append(("break",))
        out += page
    return out


# ================================================================================================== CLEAN: PDF

@doc("bienestar_requisitos_pension_adultos_mayores.pdf", "",
     "Requisitos y módulos de registro de un programa social: información para ejercer un derecho.")
def _(path):
    pdf_flow(path, [
        ("h", "Pensión para el Bienestar de las Personas Adultas Mayores: requisitos de incorporación"),
        ("p", "Pueden solicitar su incorporación las personas mexicanas por nacimiento o naturalización de 65 años "
              "cumplidos o más, con domicilio en la República Mexicana. El registro es personal y gratuito; ninguna "
              "persona servidora pública puede pedir dinero, afiliación ni asistencia a reuniones a cambio del trámite."),
        ("h2", "Documentos (original y copia)"),
        ("p", "1. Identificación oficial vigente con fotografía (credencial para votar, pasaporte o credencial del "
              "INAPAM). 2. Acta de nacimiento legible. 3. CURP de reciente impresión. 4. Comprobante de domicilio con "
              "antigüedad no mayor a seis meses. 5. Teléfono de contacto de la persona solicitante."),
        ("p", "Si la persona no puede acudir por enfermedad o discapacidad, puede registrar a una persona auxiliar, "
              "que presentará además su propia identificación y CURP."),
        ("h2", "Durante el periodo de campañas"),
        ("p", "Conforme a los lineamientos de blindaje electoral, del 4 de abril al 6 de junio de 2027 el padrón se "
              "mantiene sin altas masivas; los módulos atienden únicamente aclaraciones, reposición de tarjeta y "
              "cambios de domicilio con cita previa."),
        ("break",),
        ("h2", "Módulos de atención en Zacatecas"),
        ("table", [["Municipio", "Dirección", "Horario"],
                   ["Zacatecas", "Av. Hidalgo 412, Centro", "Lunes a viernes, 9:00 a 15:00 h"],
                   ["Fresnillo", "Calle Juárez 88, col. Centro", "Lunes a viernes, 9:00 a 14:00 h"],
                   ["Guadalupe", "Blvd. López Mateos 1510", "Martes y jueves, 9:00 a 13:00 h"],
                   ["Jerez", "Plaza Tacuba s/n, planta baja", "Miércoles, 10:00 a 14:00 h"]]),
        ("p", "Dudas y quejas: Línea del Bienestar 800 639 42 64, de lunes a viernes de 8:00 a 20:00 h."),
    ], meta={"title": "Requisitos de incorporación a la Pensión para el Bienestar de las Personas Adultas Mayores",
             "subject": "Trámites y servicios", "author": "Delegación de Programas para el Bienestar en Zacatecas",
             "keywords": "requisitos, registro, módulos, horarios"})


@doc("imss_bienestar_jornada_vacunacion_sarampion.pdf", "",
     "Campaña de salud (excepción constitucional): sedes, horarios y población objetivo, sin nombres ni logros.",
     "two-column")
def _(path):
    sedes = [["Unidad", "Localidad", "Días"],
             ["Centro de Salud Urbano Culiacán", "Culiacán", "5 al 16 de abril"],
             ["Hospital Rural Guamúchil", "Salvador Alvarado", "5 al 9 de abril"],
             ["Unidad Médica Rural El Fuerte", "El Fuerte", "12 al 16 de abril"],
             ["Centro de Salud Escuinapa", "Escuinapa", "19 al 23 de abril"]]
    pdf_flow(path, [
        ("h", "Jornada de vacunación contra sarampión y rubéola"),
        ("p", "IMSS-Bienestar aplicará la vacuna SR a niñas y niños de 1 a 9 años que no tengan completo su "
              "esquema, así como a personal de salud, docentes y trabajadores de la industria turística."),
        ("h2", "¿Qué llevar?"),
        ("p", "Cartilla Nacional de Salud o cualquier comprobante de vacunación anterior. Si no cuenta con ella, la "
              "unidad le entregará una nueva sin costo."),
        ("h2", "Horario"),
        ("p", "De lunes a viernes de 8:00 a 14:00 h y sábados de 9:00 a 13:00 h, en los módulos de vacunación de "
              "cada unidad. La vacuna es gratuita y no requiere cita."),
        ("h2", "Reacciones esperadas"),
        ("p", "Puede presentarse dolor en el sitio de aplicación o fiebre leve entre el quinto y el duodécimo día. "
              "Ante fiebre mayor de 39 °C, erupción extensa o convulsiones, acuda a urgencias."),
        ("h2", "Sedes"),
        ("table", sedes),
        ("p", "Si su localidad no aparece en la lista, pregunte en su centro de salud por las brigadas que visitan "
              "las comunidades de difícil acceso."),
        ("small", "Información de salud difundida al amparo del artículo 41, base III, apartado C de la Constitución."),
    ], two_col=True, meta={"title": "Jornada de vacunación SR, abril de 2027", "subject": "Salud",
                           "author": "Coordinación Estatal IMSS-Bienestar Sinaloa"})


@doc("pc_guerrero_temporada_huracanes_2027.pdf", "",
     "Protección civil en emergencias: refugios temporales, alertas y plan familiar; sin nombres ni logros.")
def _(path):
    refugios = [["Refugio temporal", "Municipio", "Capacidad (personas)"],
                ["Escuela Primaria Vicente Guerrero", "Acapulco de Juárez", "350"],
                ["Unidad Deportiva Renacimiento", "Acapulco de Juárez", "800"],
                ["Auditorio Municipal", "Zihuatanejo de Azueta", "420"],
                ["Casa de la Cultura", "Tecpan de Galeana", "180"],
                ["Secundaria Técnica 12", "Coyuca de Benítez", "260"],
                ["Salón Ejidal", "Marquelia", "120"]]
    pdf_flow(path, _repeat_pages([
        [("h", "Temporada de ciclones tropicales 2027 en el Pacífico"),
         ("p", "La temporada comienza el 15 de mayo y termina el 30 de noviembre. La Coordinación Estatal de Protección "
               "Civil de Guerrero recomienda preparar desde ahora un plan familiar y una mochila de emergencia."),
         ("h2", "Sistema de Alerta Temprana para Ciclones Tropicales"),
         ("p", "El aviso pasa por cinco colores: azul (peligro mínimo), verde (bajo), amarillo (moderado), naranja "
               "(alto) y rojo (máximo). En naranja, asegure documentos y prepárese para evacuar; en rojo, siga las "
               "indicaciones de las autoridades y acuda al refugio más cercano.")],
        [("h2", "Mochila de emergencia"),
         ("p", "Agua embotellada para tres días, alimentos enlatados, abrelatas, linterna con pilas, radio de "
               "baterías, botiquín, medicamentos de uso continuo, copias de documentos en bolsa de plástico, ropa "
               "abrigadora y dinero en efectivo en billetes de baja denominación."),
         ("h2", "Refugios temporales"),
         ("table", refugios)],
        [("h2", "Teléfonos de emergencia"),
         ("p", "Emergencias: 911. Protección Civil estatal: 747 471 04 36. Cruz Roja: 065. Consulte los avisos del "
               "Servicio Meteorológico Nacional antes de salir a carretera o al mar."),
         ("small", "Información de protección civil: excepción del artículo 41, base III, apartado C, CPEUM.")],
    ]), meta={"title": "Temporada de ciclones tropicales 2027", "subject": "Protección civil",
              "author": "Coordinación Estatal de Protección Civil de Guerrero",
              "keywords": "huracanes, refugios, alerta temprana"})


@doc("zac_aviso_suspension_veda.pdf", "",
     "Aviso de suspensión de contenidos por veda: excluido expresamente (R07 «Don't» 3).")
def _(path):
    pdf_flow(path, [
        ("h", "Aviso de suspensión de contenidos"),
        ("p", "En cumplimiento del artículo 41, base III, apartado C de la Constitución Política de los Estados "
              "Unidos Mexicanos y del artículo 209 de la Ley General de Instituciones y Procedimientos Electorales, "
              "a partir del 4 de abril y hasta la conclusión de la jornada electoral del 6 de junio de 2027 se "
              "suspende la difusión de la sala de prensa, las galerías y las redes sociales institucionales."),
        ("p", "Permanecen disponibles los trámites y servicios en línea, la información de salud, educación y "
              "protección civil, y las obligaciones de transparencia."),
        ("p", "Para cualquier duda sobre un trámite, escriba a atencion.ciudadana@zacatecas.gob.mx."),
    ], meta={"title": "Aviso de suspensión de contenidos por proceso electoral 2026-2027",
             "subject": "Blindaje electoral", "author": "Coordinación General Jurídica"})


@doc("sonora_licitacion_LPN_2027_014.pdf", "",
     "Convocatoria a licitación pública (transparencia / publicación legal): obra descrita sin enaltecerla.")
def _(path):
    pdf_flow(path, [
        ("h", "Convocatoria a la Licitación Pública Nacional LPN-SIDUR-2027-014"),
        ("p", "La Secretaría de Infraestructura y Desarrollo Urbano del Estado de Sonora, con fundamento en la Ley de "
              "Obras Públicas y Servicios Relacionados con las Mismas para el Estado de Sonora, convoca a las "
              "personas físicas y morales interesadas a participar en la licitación para la rehabilitación de la "
              "carpeta asfáltica del tramo Hermosillo–Ures, del km 12+000 al km 31+500."),
        ("table", [["Concepto", "Dato"],
                   ["Costo de las bases", "Sin costo; descarga en CompraNet-Sonora"],
                   ["Visita al sitio", "14 de abril de 2027, 9:00 h, km 12+000"],
                   ["Junta de aclaraciones", "16 de abril de 2027, 10:00 h"],
                   ["Presentación y apertura de proposiciones", "26 de abril de 2027, 10:00 h"],
                   ["Plazo de ejecución", "150 días naturales"],
                   ["Capital contable mínimo", "$8,500,000.00"]]),
        ("h2", "Requisitos de participación"),
        ("p", "Acreditar experiencia en obras similares mediante contratos y actas de entrega de los últimos cinco "
              "años; presentar la opinión de cumplimiento de obligaciones fiscales en sentido positivo; y "
              "manifestar bajo protesta de decir verdad no encontrarse en los supuestos de impedimento de la ley."),
        ("break",),
        ("h2", "Disposiciones generales"),
        ("p", "Ninguna de las condiciones de las bases podrá ser negociada. El fallo se dará a conocer en junta "
              "pública y se publicará en el sistema electrónico de contrataciones. Los actos de la licitación "
              "podrán ser presenciados por cualquier persona en calidad de observador, previo registro."),
        ("p", "Hermosillo, Sonora, a 5 de abril de 2027. Dirección General de Licitaciones y Contratos."),
    ], meta={"title": "LPN-SIDUR-2027-014 Convocatoria", "subject": "Licitaciones",
             "author": "Dirección General de Licitaciones y Contratos"})


@doc("nl_agua_corte_programado_abril.pdf", "",
     "Aviso de servicio (corte de agua); el director solo aparece en la línea legal de responsable de la "
     "información.")
def _(path):
    pdf_flow(path, [
        ("h", "Suspensión programada del suministro de agua"),
        ("p", "Por trabajos de mantenimiento en la línea de conducción de 48 pulgadas, el martes 20 de abril de 2027 "
              "de 8:00 a 22:00 h se suspenderá el servicio en las colonias que se indican. El suministro se "
              "restablecerá de forma gradual durante la madrugada del miércoles."),
        ("table", [["Municipio", "Colonias"],
                   ["Monterrey", "Mitras Centro, Mitras Norte, Vista Hermosa, Cumbres 1.er sector"],
                   ["San Nicolás de los Garza", "Anáhuac, Las Puentes 2.º sector"],
                   ["Guadalupe", "Contry La Silla, Linda Vista"]]),
        ("p", "Recomendaciones: almacene agua en recipientes limpios y tapados, cierre la llave de paso durante el "
              "corte y, al restablecerse, deje correr el agua unos minutos antes de usarla."),
        ("p", "Reportes de fugas o falta de agua: 81 2033 2033, las 24 horas."),
        ("small", "Responsable de la información: Joaquín Irigoyen Trujillo, Director General. Fecha de "
                  "actualización: 5 de abril de 2027."),
    ], meta={"title": "Suspensión programada del suministro, 20 de abril", "subject": "Avisos de servicio",
             "author": "Servicios de Agua y Drenaje de Monterrey"})


@doc("qro_seduc_calendario_preinscripciones.pdf", "",
     "Servicio educativo: calendario de preinscripciones, requisitos y sedes.", "two-column")
def _(path):
    pdf_flow(path, _repeat_pages([
        [("h", "Preinscripciones ciclo escolar 2027-2028"),
         ("p", "La Unidad de Servicios para la Educación Básica en el Estado de Querétaro informa las fechas de "
               "preinscripción a primer grado de preescolar, primaria y secundaria en escuelas públicas."),
         ("table", [["Nivel", "Fechas", "Modalidad"],
                    ["Preescolar", "1 al 12 de febrero", "En línea"],
                    ["Primaria", "1 al 12 de febrero", "En línea"],
                    ["Secundaria", "15 al 26 de febrero", "En línea o en la escuela"],
                    ["Rezagados", "3 al 7 de mayo", "Ventanilla regional"]]),
         ("h2", "Requisitos"),
         ("p", "CURP de la niña o el niño, CURP de la madre, padre o tutor, comprobante de domicilio y, para "
               "secundaria, constancia de sexto grado o boleta del quinto grado.")],
        [("h2", "Asignación de lugares"),
         ("p", "Los resultados se publican el 24 de mayo. La asignación considera la cercanía del domicilio, la "
               "presencia de hermanos en el plantel y la capacidad de cada escuela."),
         ("h2", "Ventanillas regionales"),
         ("p", "Querétaro: Av. Luis Pasteur Sur 23. San Juan del Río: Av. Juárez Ote. 91. Cadereyta: Calle Morelos 7. "
               "Jalpan de Serra: Plaza principal, edificio de la presidencia municipal, planta baja."),
         ("p", "Atención telefónica: 442 238 60 00, extensiones 1201 a 1206, de 8:30 a 15:30 h.")],
    ]), two_col=True, meta={"title": "Preinscripciones 2027-2028", "subject": "Educación básica",
                            "author": "USEBEQ"})


@doc("sinaloa_informe_trimestral_1T2027.pdf", "",
     "Informe trimestral de finanzas (transparencia): cifras en tablas sin encuadre laudatorio.")
def _(path):
    ramos = [["Ramo / fondo", "Aprobado (mdp)", "Modificado (mdp)", "Ejercido 1T (mdp)", "Avance %"],
             ["FAIS estatal", "612.4", "612.4", "88.1", "14.4"],
             ["FAM asistencia social", "401.9", "405.2", "97.3", "24.0"],
             ["FASSA", "5,210.0", "5,244.7", "1,302.6", "24.8"],
             ["FAETA", "318.7", "318.7", "76.9", "24.1"],
             ["FORTAMUN (participación estatal)", "95.0", "95.0", "23.7", "24.9"],
             ["Recursos propios, obra pública", "1,120.5", "1,098.0", "141.2", "12.9"]]
    obras = [["Contrato", "Obra", "Municipio", "Monto (mdp)", "Avance físico %"],
             ["SOP-LP-001-27", "Rehabilitación de red de agua potable, col. Centro", "Navolato", "18.2", "22"],
             ["SOP-LP-004-27", "Pavimentación de calle Rosales", "Guasave", "9.6", "41"],
             ["SOP-IR-011-27", "Mantenimiento de puente vehicular Tamazula", "Culiacán", "4.3", "60"],
             ["SOP-LP-015-27", "Construcción de aulas en telesecundaria", "Choix", "6.8", "15"]]
    pdf_flow(path, _repeat_pages([
        [("h", "Informe sobre la situación financiera, primer trimestre de 2027"),
         ("p", "Documento que se publica en cumplimiento de la Ley General de Contabilidad Gubernamental y de las "
               "obligaciones de transparencia. Las cifras son preliminares y están sujetas a la cuenta pública."),
         ("h2", "1. Ingresos"),
         ("p", "Los ingresos totales del trimestre sumaron 19,842.6 millones de pesos, de los cuales 71.3 % "
               "corresponde a participaciones y aportaciones federales y 8.9 % a ingresos propios.")],
        [("h2", "2. Gasto federalizado por fondo"), ("table", ramos)],
        [("h2", "3. Obra pública contratada"), ("table", obras),
         ("p", "El avance físico se reporta con corte al 31 de marzo de 2027.")],
        [("h2", "4. Deuda pública"),
         ("p", "El saldo de la deuda directa al cierre del trimestre fue de 6,104.2 millones de pesos, con un costo "
               "financiero de 162.8 millones en el periodo."),
         ("small", "Elaboró: Subsecretaría de Egresos. Datos abiertos en formato CSV en la sección de transparencia.")],
    ]), meta={"title": "Informe financiero 1T-2027", "subject": "Transparencia presupuestaria",
              "author": "Secretaría de Administración y Finanzas de Sinaloa", "keywords": "informe trimestral, gasto"})


@doc("tepic_historia_palacio_municipal.pdf", "",
     "Nota histórica: un expresidente municipal (no en funciones) y una inauguración de 1931; sin promoción actual.")
def _(path):
    pdf_flow(path, [
        ("h", "El Palacio Municipal de Tepic: breve historia del edificio"),
        ("p", "El inmueble de la calle Puebla ocupa el solar de una antigua casa de diligencias. La obra fue "
              "proyectada por el ingeniero Francisco Robles Alcaraz y abrió sus puertas en 1931, durante la gestión "
              "del entonces presidente municipal Anselmo Villaseñor Curiel, cuyo nombre figura en la placa "
              "conmemorativa del vestíbulo."),
        ("p", "El sismo de 1948 dañó la torre del reloj, que fue reconstruida con cantera de la región. En 1986 el "
              "edificio fue catalogado como monumento histórico y desde entonces alberga el cabildo y el archivo "
              "histórico municipal."),
        ("h2", "Visitas"),
        ("p", "El archivo histórico recibe a investigadores y escuelas de lunes a viernes de 9:00 a 14:00 h. Las "
              "visitas guiadas para grupos se agendan al 311 215 30 00, extensión 1140."),
    ], meta={"title": "Historia del Palacio Municipal", "subject": "Patrimonio y cultura",
             "author": "Archivo Histórico Municipal de Tepic"})


@doc("bienestar_reglas_operacion_beca_rita_cetina_extracto.pdf", "",
     "Extracto de Reglas de Operación (publicación legal) con la firma de la titular: excluido (R01 «Don't» 2).")
def _(path):
    pdf_flow(path, _repeat_pages([
        [("h", "Acuerdo por el que se emiten las Reglas de Operación de la Beca Universal para Estudiantes de "
               "Educación Secundaria Rita Cetina para el ejercicio fiscal 2027 (extracto)"),
         ("h2", "1. Objetivo"),
         ("p", "Contribuir a la permanencia escolar de las y los estudiantes inscritos en escuelas públicas de "
               "educación secundaria mediante una beca monetaria bimestral."),
         ("h2", "2. Población objetivo"),
         ("p", "Estudiantes inscritos en cualquier grado de secundaria en una escuela pública del Sistema Educativo "
               "Nacional, en cualquiera de sus modalidades.")],
        [("h2", "3. Monto y periodicidad"),
         ("p", "La beca consiste en un apoyo de 1,900 pesos bimestrales por familia, más 700 pesos por cada "
               "estudiante adicional, durante los diez meses del ciclo escolar."),
         ("h2", "4. Procedimiento de registro"),
         ("p", "La madre, el padre o la persona tutora realiza el registro en el portal oficial con la CURP del "
               "estudiante y la suya, y recoge la tarjeta en la sede y fecha que se le indiquen.")],
        [("h2", "Transitorios"),
         ("p", "Primero. El presente Acuerdo entrará en vigor el día siguiente al de su publicación en el Diario "
               "Oficial de la Federación."),
         ("p", "Ciudad de México, a 27 de diciembre de 2026. La Secretaria de Bienestar, Leticia Zamudio Cervantes. "
               "Rúbrica.")],
    ]), meta={"title": "Reglas de Operación Beca Rita Cetina 2027 (extracto)", "subject": "Publicación oficial",
              "author": "Coordinación General de Becas"})


@doc("michoacan_salud_dengue_prevencion_scan.pdf", "",
     "Página escaneada (solo imagen) con prevención de dengue: salud, sin nombres ni logros.", "image-only-page")
def _(path):
    page = scanned_page([
        "# Prevención del dengue, zika y chikungunya",
        "Secretaría de Salud de Michoacán. Temporada de lluvias 2027.",
        "Lava, tapa, voltea y tira: cada semana lava con cepillo las pilas y tinacos, tapa los recipientes "
        "con agua, voltea cubetas y llantas, y tira los cacharros que junten agua.",
        "Usa repelente y ropa de manga larga, sobre todo al amanecer y al atardecer.",
        "Acude a tu centro de salud si tienes fiebre alta, dolor detrás de los ojos, dolor de músculos o "
        "manchas en la piel. No te automediques.",
        "Las brigadas de nebulización recorren las colonias de Apatzingán, Lázaro Cárdenas y Uruapan "
        "de lunes a viernes de 18:00 a 22:00 horas.",
    ])
    pdf_scanned(path, [page], meta={"title": "", "subject": ""})


@doc("colima_movilidad_cierre_vial.pdf", "",
     "Aviso de cierre vial con rutas alternas (R09 «Don't» 2).")
def _(path):
    pdf_flow(path, [
        ("h", "Cierre parcial de la avenida Constitución"),
        ("p", "Del lunes 3 al domingo 9 de mayo de 2027 permanecerá cerrado el carril de baja velocidad de la avenida "
              "Constitución, entre Ignacio Sandoval y Felipe Sevilla del Río, en la ciudad de Colima, por "
              "repavimentación."),
        ("p", "Rutas alternas: Tercer Anillo Periférico en sentido norte y calzada Galván en sentido sur. Las rutas "
              "de transporte público 4, 7 y 12 modificarán sus paradas durante el cierre; consulte los horarios en "
              "la aplicación de movilidad del estado."),
        ("p", "Maneje con precaución y atienda las indicaciones del personal de vialidad."),
    ], meta={"title": "Cierre parcial de la avenida Constitución", "subject": "Avisos viales",
             "author": "Secretaría de Movilidad del Estado de Colima"})


@doc("chih_hacienda_tramite_licencia_conducir.pdf", "",
     "Trámite: requisitos, costos y oficinas para la licencia de conducir.")
def _(path):
    pdf_flow(path, _repeat_pages([
        [("h", "Licencia de conducir: expedición y renovación"),
         ("p", "La licencia se tramita en las Recaudaciones de Rentas del Estado de Chihuahua con cita previa en "
               "línea. La primera expedición requiere aprobar el examen teórico y el práctico."),
         ("table", [["Tipo de licencia", "Vigencia", "Costo 2027"],
                    ["Automovilista", "3 años", "$1,012.00"],
                    ["Automovilista", "6 años", "$1,731.00"],
                    ["Chofer", "3 años", "$1,240.00"],
                    ["Motociclista", "3 años", "$874.00"]]),
         ("h2", "Requisitos")],
        [("p", "Identificación oficial, CURP, comprobante de domicilio, tipo de sangre y, en renovación, la licencia "
               "anterior. Las personas de 60 años o más presentan además certificado médico."),
         ("h2", "Oficinas"),
         ("p", "Chihuahua: Av. Venustiano Carranza 601. Ciudad Juárez: Av. Tecnológico 1770. Cuauhtémoc: Calle 3a "
               "y Allende. Horario: lunes a viernes de 8:00 a 15:00 h; sábados de 9:00 a 13:00 h en Juárez y "
               "Chihuahua.")],
    ]), meta={"title": "Licencia de conducir", "subject": "Trámites", "author": "Secretaría de Hacienda"})


@doc("qro_plano_rutas_evacuacion.pdf", "",
     "Plano sin texto en el cuerpo; metadatos neutros de protección civil (rutas de evacuación).", "metadata-only")
def _(path):
    pdf_drawing(path, seed=3, meta={"title": "Plano de rutas de evacuación, zona de la presa Zimapán",
                                    "subject": "Protección civil: rutas de evacuación y puntos de reunión",
                                    "keywords": "evacuación, refugio temporal, punto de reunión, inundación",
                                    "author": "Coordinación Estatal de Protección Civil de Querétaro"})


# ================================================================================================ FLAGGED: PDF

@doc("zac_plano_obras_metadata.pdf", "official-name achievement-language",
     "Plano sin texto en el cuerpo; solo los metadatos (Title, Subject, Keywords) presumen obras de la gobernadora.",
     "metadata-only")
def _(path):
    pdf_drawing(path, seed=7, meta={"title": "Gracias a la gobernadora Rosaura Quintanilla: 300 obras en 3 años",
                                    "subject": "Mapa de las obras que ya transformaron Zacatecas",
                                    "keywords": "logros, obras entregadas, compromiso cumplido",
                                    "author": "Secretaría de Obras Públicas de Zacatecas"})


@doc("zac_boletin_entrega_calentadores.pdf", "official-name achievement-language",
     "Boletín que presenta a la gobernadora como autora de la entrega de calentadores, con cifras de beneficiarios.")
def _(path):
    pdf_flow(path, [
        ("h", "La gobernadora Rosaura Quintanilla entrega 4 mil calentadores solares en Fresnillo"),
        ("p", "Fresnillo, Zac., 12 de abril de 2027. Con una inversión de 38 millones de pesos, la gobernadora "
              "Rosaura Quintanilla Ibarra entregó calentadores solares a cuatro mil familias de las colonias "
              "Plateros, Las Américas y Emiliano Zapata, que a partir de hoy ahorrarán hasta 60 % en gas."),
        ("p", "«Cumplimos la palabra que dimos en campaña: ninguna familia de Fresnillo se queda atrás», afirmó la "
              "mandataria ante vecinas y vecinos reunidos en la explanada de la unidad deportiva."),
        ("break",),
        ("h2", "Más de 20 mil familias beneficiadas en el estado"),
        ("p", "Con esta entrega suman más de 20 mil calentadores instalados en 31 municipios, una cifra que nunca "
              "antes se había alcanzado en Zacatecas. La Secretaría del Agua y Medio Ambiente informó que en las "
              "próximas semanas se completará la instalación en Sombrerete y Río Grande."),
    ], meta={"title": "Entrega de calentadores solares en Fresnillo", "subject": "Boletín de prensa",
             "author": "Coordinación General de Comunicación Social"})


@doc("sonora_informe_obras_3_anios.pdf", "achievement-language propaganda",
     "Cuadernillo de obras que presume resultados de la administración y la firma como «Gobierno de Sonora "
     "2021-2027» con lema.", "two-column")
def _(path):
    regiones = ["Hermosillo", "Cajeme", "Nogales", "San Luis Río Colorado", "Navojoa", "Guaymas"]
    pages = []
    for i, region in enumerate(regiones[:5]):
        pages.append([
            ("h", f"Región {region}: obras que ya son una realidad"),
            ("p", f"En {region} este gobierno concluyó {12 + 3 * i} obras de pavimentación, agua potable y "
                  f"alumbrado con una inversión histórica de {180 + 45 * i} millones de pesos, más que cualquier "
                  "administración anterior."),
            ("p", "Lo prometimos y lo cumplimos: hospitales con especialistas, escuelas rehabilitadas y calles que "
                  f"por fin están pavimentadas. Más de {40 + 7 * i} mil personas se benefician ya de estas obras."),
            ("table", [["Obra", "Estado", "Personas beneficiadas"],
                       [f"Pavimentación integral, sector {i + 1}", "Concluida", f"{9 + i},400"],
                       [f"Línea de agua potable, colonia {region} Norte", "Concluida", f"{6 + i},150"],
                       ["Centro de salud ampliado", "Inaugurado", f"{14 + 2 * i},000"]]),
            ("p", "Tres años de resultados que transforman a Sonora."),
        ])
    pdf_flow(path, _repeat_pages(pages), two_col=True,
             header="Gobierno de Sonora 2021-2027 · Sonora avanza con la Transformación",
             footer="Gobierno de Sonora 2021-2027",
             meta={"title": "Tres años de obras en Sonora", "subject": "Informe de obras",
                   "author": "Secretaría de Infraestructura y Desarrollo Urbano"})


@doc("bienestar_boletin_padron_record.pdf", "achievement-language propaganda",
     "Comunicado en veda que presume una cifra récord de derechohabientes y cierra con lema de la 4T.")
def _(path):
    pdf_flow(path, [
        ("h", "Cifra histórica: 13.8 millones de personas adultas mayores ya reciben su pensión"),
        ("p", "Ciudad de México, 15 de abril de 2027. Nunca antes en la historia del país tantas personas habían "
              "recibido una pensión universal. Gracias al Gobierno de México, el padrón creció 40 % en solo dos "
              "años y hoy llega a cada rincón del territorio nacional."),
        ("p", "Este logro demuestra que cuando se gobierna con el pueblo los resultados llegan. En el último "
              "bimestre se dispersaron más de 88 mil millones de pesos a través del Banco del Bienestar."),
        ("p", "Seguimos construyendo el segundo piso de la Cuarta Transformación. Por el bien de todos, primero "
              "los pobres."),
    ], meta={"title": "Cifra histórica en la Pensión para el Bienestar", "subject": "Comunicado",
             "author": "Secretaría de Bienestar"})


@doc("nl_agua_tarifas_metadata_logro.pdf", "achievement-language",
     "Cuerpo neutro (tarifas); el logro de obra solo está en los metadatos Title/Subject/Keywords.",
     "metadata-only")
def _(path):
    pdf_flow(path, [
        ("h", "Tarifas de agua potable y drenaje, uso doméstico"),
        ("p", "Las tarifas se aplican por metro cúbico consumido en el periodo de facturación. El recibo incluye el "
              "cargo fijo por conexión y el saneamiento."),
        ("table", [["Rango de consumo (m³)", "Agua ($/m³)", "Drenaje ($/m³)"],
                   ["0 a 10", "9.84", "2.11"], ["11 a 20", "13.62", "2.95"],
                   ["21 a 40", "19.40", "4.20"], ["41 o más", "31.77", "6.88"]]),
        ("p", "Las personas jubiladas, pensionadas y con discapacidad pueden solicitar el descuento de 50 % en "
              "cualquier oficina comercial presentando su credencial."),
    ], meta={"title": "Compromiso cumplido: inauguramos el acueducto El Cuchillo III",
             "subject": "Logros de la administración: obra histórica que nunca antes se había hecho",
             "keywords": "inauguración, logros, obra histórica, acueducto",
             "author": "Servicios de Agua y Drenaje de Monterrey"})


@doc("tepic_bacheo_metadata_alcalde.pdf", "official-name",
     "Cuerpo neutro (programa de bacheo por colonia); el alcalde solo aparece en el Title de los metadatos.",
     "metadata-only")
def _(path):
    pdf_flow(path, [
        ("h", "Programa de bacheo: calendario por colonia"),
        ("table", [["Semana", "Colonias", "Turno"],
                   ["19 al 23 de abril", "Centro, San José, Lázaro Cárdenas", "Nocturno"],
                   ["26 al 30 de abril", "Los Fresnos, Jardines de la Cruz", "Matutino"],
                   ["3 al 7 de mayo", "Mololoa, Infonavit Los Sauces", "Matutino"],
                   ["10 al 14 de mayo", "Cantera del Nayar, Valle de Matatipac", "Nocturno"]]),
        ("p", "Durante los trabajos se pide no estacionar vehículos sobre las calles señaladas. Reporte baches en "
              "la línea 072 o en la aplicación de servicios municipales."),
    ], meta={"title": "Mensaje del presidente municipal Octavio Benítez Lara a las familias de Tepic",
             "subject": "Servicios públicos", "author": "Dirección de Obras Públicas Municipales"})


@doc("qro_escuela_boast_line_break.pdf", "achievement-language",
     "Nota de obra educativa cuyo alarde («por primera vez en la / historia», «sin / precedentes») se parte en "
     "saltos de línea.", "split-line")
def _(path):
    pdf_lines(path, [[
        "# Nueva preparatoria en Amealco",
        "Amealco de Bonfil, Qro., 19 de abril de 2027.",
        "La nueva Escuela Preparatoria de Amealco recibe desde este lunes a 640",
        "jóvenes en sus aulas. Por primera vez en la",
        "historia, las comunidades otomíes del sur del estado cuentan con un plantel de",
        "este nivel a menos de veinte minutos de sus hogares.",
        "",
        "El plantel, construido con una inversión sin",
        "precedentes de 96 millones de pesos, tiene laboratorios, biblioteca digital y",
        "cancha techada.",
        "",
        "Inscripciones para el ciclo 2027-2028: del 3 al 14 de mayo en la dirección del",
        "plantel, de 9:00 a 14:00 horas.",
    ]], meta={"title": "Nueva preparatoria en Amealco", "subject": "Educación"})


@doc("sinaloa_boletin_viviendas_nombre_en_lineas.pdf", "official-name achievement-language",
     "Boletín de entrega de viviendas; el gobernador solo se nombra como «gobernador / Castellanos», partido por "
     "un salto de línea.",
     "split-line")
def _(path):
    pdf_lines(path, [[
        "# Entregan 350 viviendas en Culiacán",
        "Culiacán, Sin., 22 de abril de 2027.",
        "En un acto realizado en el fraccionamiento Valle Alto, encabezado por el gobernador",
        "Castellanos, se hizo la entrega de 350 viviendas a familias que perdieron su casa",
        "en las inundaciones del año pasado.",
        "",
        "«Hoy cumplimos: gracias al trabajo de este gobierno, 350 familias vuelven a tener",
        "un techo propio», dijo el mandatario, quien recorrió las casas acompañado de las",
        "familias beneficiadas.",
        "",
        "Con estas entregas suman más de 2 mil viviendas edificadas por el gobierno estatal",
        "desde 2022.",
    ], [
        "# Galería",
        "Fotografías: Coordinación de Comunicación Social.",
        "Pie de foto: entrega de llaves a una familia de Valle Alto.",
    ]], meta={"title": "Boletín 412/2027", "subject": "Vivienda"})


@doc("michoacan_scan_inauguracion_hospital.pdf", "official-name achievement-language",
     "Página escaneada (solo imagen): inauguración de hospital atribuida a la secretaria de Salud.",
     "image-only-page")
def _(path):
    page = scanned_page([
        "# Inauguran el Hospital General de Uruapan",
        "Uruapan, Mich., 26 de abril de 2027.",
        "La secretaria de Salud, Marisol Echeverría Pando, inauguró el nuevo Hospital "
        "General de Uruapan, con 120 camas y una inversión histórica de 800 millones de pesos.",
        "Gracias a la secretaria Echeverría, más de 300 mil personas de la región ya cuentan con "
        "especialistas que antes tenían que buscar en Morelia.",
        "Nunca antes se había construido un hospital de este tamaño en la meseta purépecha.",
    ])
    pdf_scanned(path, [page], meta={"title": "", "subject": ""})


@doc("bienestar_calendario_footer_lema.pdf", "propaganda",
     "Calendario de pagos neutro; el pie de cada página lleva lema y marca sexenal de la administración.",
     "footer-only")
def _(path):
    rows = [["Letra del primer apellido", "Fecha de depósito"],
            ["A", "Lunes 1 de marzo"], ["B", "Martes 2 de marzo"], ["C", "Miércoles 3 y jueves 4 de marzo"],
            ["D, E, F", "Viernes 5 de marzo"], ["G", "Lunes 8 de marzo"], ["H, I, J, K", "Martes 9 de marzo"],
            ["L", "Miércoles 10 de marzo"], ["M", "Jueves 11 y viernes 12 de marzo"],
            ["N, Ñ, O", "Lunes 15 de marzo"], ["P, Q", "Martes 16 de marzo"], ["R", "Miércoles 17 de marzo"],
            ["S", "Jueves 18 de marzo"], ["T, U, V", "Viernes 19 de marzo"], ["W, X, Y, Z", "Lunes 22 de marzo"]]
    pdf_flow(path, [
        ("h", "Calendario de depósitos, bimestre marzo-abril de 2027"),
        ("p", "Los depósitos de la Pensión Mujeres Bienestar se realizan en la Tarjeta del Bienestar según la letra "
              "del primer apellido. El dinero permanece en la cuenta: no es necesario retirarlo el mismo día."),
        ("table", rows),
        ("break",),
        ("h2", "Dudas"),
        ("p", "Si su depósito no aparece después de la fecha que le corresponde, llame a la Línea del Bienestar "
              "800 639 42 64 o acuda a la sucursal del Banco del Bienestar más cercana con su tarjeta e "
              "identificación."),
    ], footer="Gobierno de México 2024-2030 · Por el bien de todos, primero los pobres",
        meta={"title": "Calendario de depósitos marzo-abril 2027", "subject": "Programas para el Bienestar",
              "author": "Secretaría de Bienestar"})


@doc("guerrero_boletin_llamado_urnas.pdf", "propaganda",
     "Texto en portal oficial que llama a defender un proyecto en las urnas y nombra a un partido.")
def _(path):
    pdf_flow(path, [
        ("h", "Los programas sociales son un derecho que debemos defender"),
        ("p", "Chilpancingo, Gro., 2 de mayo de 2027. A un mes de la jornada electoral, la Secretaría de Desarrollo "
              "Social del estado recuerda a las familias guerrerenses que los apoyos llegaron con Morena y que "
              "sólo continuarán si el movimiento sigue gobernando."),
        ("p", "No permitamos que regresen los de antes. Este 6 de junio sal a votar y defiende en las urnas lo que "
              "es tuyo."),
    ], meta={"title": "Defendamos los programas sociales", "subject": "Desarrollo social",
             "author": "Secretaría de Desarrollo Social de Guerrero"})


@doc("colima_100_dias_movilidad.pdf", "achievement-language",
     "Documento «A 100 días» que enumera lo que «hemos cumplido» con porcentajes de reducción.")
def _(path):
    pdf_flow(path, _repeat_pages([
        [("h", "A 100 días: lo que hemos cumplido en movilidad"),
         ("p", "En solo 100 días de trabajo transformamos el transporte público de Colima y Villa de Álvarez: "
               "renovamos 140 unidades, modernizamos 62 paraderos y redujimos 35 % los tiempos de espera."),
         ("p", "Como nunca antes, las rutas nocturnas operan hasta la medianoche. Es un resultado sin precedentes "
               "que coloca a Colima entre los tres mejores sistemas de transporte del país.")],
        [("h2", "Seguridad vial"),
         ("p", "Gracias a este gobierno, los accidentes en el Tercer Anillo bajaron 28 % frente al mismo periodo "
               "del año anterior, tras instalar 36 cruces seguros y 18 kilómetros de ciclovía confinada.")],
        [("h2", "Lo que sigue"),
         ("p", "Vamos por más: antes de que termine el año llegarán otras 80 unidades con aire acondicionado.")],
    ]), meta={"title": "100 días de movilidad", "subject": "Movilidad",
              "author": "Secretaría de Movilidad del Estado de Colima"})


@doc("chih_tramites_header_marca_sexenal.pdf", "propaganda",
     "Guía de trámites neutra a dos columnas; solo el encabezado lleva marca sexenal y lema de la administración.",
     "two-column", "header-only")
def _(path):
    pdf_flow(path, [
        ("h", "Guía rápida de trámites vehiculares"),
        ("h2", "Alta de vehículo"),
        ("p", "Factura original, identificación oficial, comprobante de domicilio y pago de derechos. Las placas se "
              "entregan el mismo día en la recaudación de rentas."),
        ("h2", "Baja de placas"),
        ("p", "Entregue ambas placas y la tarjeta de circulación. Si las extravió, presente la denuncia ante la "
              "Fiscalía y una copia de la identificación."),
        ("h2", "Refrendo anual"),
        ("p", "Puede pagarse en línea, en bancos, tiendas de conveniencia y recaudaciones. La fecha límite sin "
              "recargos es el 31 de marzo."),
        ("h2", "Cambio de propietario"),
        ("p", "Ambas partes presentan identificación, la factura endosada y el comprobante de domicilio de quien "
              "compra. Costo de derechos: $744.00."),
        ("h2", "Reposición de tarjeta de circulación"),
        ("p", "Identificación y pago de derechos por $312.00. Se entrega al momento."),
    ], two_col=True, header="Gobierno del Estado de Chihuahua 2021-2027 · Juntos hacemos historia",
        meta={"title": "Guía de trámites vehiculares", "subject": "Trámites", "author": "Secretaría de Hacienda"})


@doc("sonora_carreteras_pagina_escaneada.pdf", "official-name achievement-language",
     "Página 1 neutra en texto; la página 2 es un escaneo cuyo texto atribuye kilómetros de carretera al "
     "gobernador.", "image-only-page")
def _(path):
    scan = scanned_page([
        "# Carreteras del Río Sonora",
        "Gracias al gobernador Héctor Arriaga, hoy el Río Sonora cuenta con 120 kilómetros de "
        "carreteras nuevas, una obra que se esperó durante cuarenta años.",
        "El gobernador Arriaga Solís cumplió: más de 25 mil habitantes de Baviácora, Aconchi y "
        "Arizpe ya se benefician.",
    ])
    pdf_scanned(path, [[
        "Carretera Ures - Arizpe: condiciones de circulación",
        "",
        "Tramo Ures - Baviácora: abierto en ambos sentidos.",
        "Tramo Baviácora - Aconchi: circulación alterna de 7:00 a 19:00 h por trabajos de señalamiento.",
        "Tramo Aconchi - Arizpe: abierto; precaución por ganado en el camino.",
        "Reportes: 911 o Centro de Control de Carreteras del Estado, 662 289 06 00.",
    ], scan], meta={"title": "Condiciones de circulación", "subject": "Carreteras"})


# ================================================================================================= CLEAN: DOCX

@doc("bienestar_directorio_delegaciones.docx", "",
     "Directorio de servidores públicos (obligación de transparencia), con la titular entre los registros.")
def _(path):
    rows = [["Cargo", "Nombre", "Teléfono", "Correo"],
            ["Secretaria de Bienestar", "Leticia Zamudio Cervantes", "55 5328 5000 ext. 51001",
             "oficina.titular@bienestar.gob.mx"],
            ["Subsecretario de Bienestar", "Ernesto Villalpando Ríos", "55 5328 5000 ext. 51100",
             "subsecretaria@bienestar.gob.mx"],
            ["Delegada en Zacatecas", "Graciela Ontiveros Díaz", "492 922 1300", "deleg.zac@bienestar.gob.mx"],
            ["Delegado en Sonora", "Mauricio Peralta Encinas", "662 213 4400", "deleg.son@bienestar.gob.mx"],
            ["Delegada en Michoacán", "Irma Sandoval Tapia", "443 312 0800", "deleg.mich@bienestar.gob.mx"],
            ["Delegado en Nayarit", "Jorge Luis Cárdenas Meza", "311 213 5500", "deleg.nay@bienestar.gob.mx"]]
    docx_build(path, [
        ("h", "Directorio de servidores públicos"),
        ("p", "Información publicada en cumplimiento de las obligaciones de transparencia comunes. Fecha de "
              "actualización: 31 de marzo de 2027. Área responsable: Dirección General de Recursos Humanos."),
        ("table", rows),
    ], header="Secretaría de Bienestar · Transparencia", footer="Fecha de validación: 31/03/2027",
        meta={"title": "Directorio de servidores públicos", "subject": "Transparencia"})


@doc("zac_salud_comunicado_golpe_calor.docx", "",
     "Aviso de salud por calor extremo: recomendaciones y teléfonos.")
def _(path):
    docx_build(path, [
        ("h", "Recomendaciones ante temperaturas extremas"),
        ("p", "Los Servicios de Salud de Zacatecas recomiendan a la población tomar medidas por las temperaturas "
              "superiores a 35 °C previstas para la región de los Cañones y el semidesierto."),
        ("p", "Beba agua simple aunque no tenga sed; evite exponerse al sol entre las 11:00 y las 16:00 h; use "
              "ropa ligera y de colores claros; nunca deje a niñas, niños, personas mayores ni mascotas dentro de "
              "un vehículo cerrado."),
        ("p", "Señales de alarma del golpe de calor: piel caliente y seca, confusión, mareo, náusea o pérdida del "
              "conocimiento. Llame al 911 y, mientras llega la ayuda, lleve a la persona a la sombra y refrésquela "
              "con paños húmedos."),
    ], header="Servicios de Salud de Zacatecas", footer="Información de salud · artículo 41, base III, apartado C",
        meta={"title": "Temperaturas extremas", "subject": "Salud"})


@doc("sonora_convocatoria_becas_requisitos.docx", "",
     "Convocatoria de becas con requisitos, fechas y tabla de documentos.")
def _(path):
    docx_build(path, [
        ("h", "Convocatoria: becas de transporte para estudiantes de nivel superior 2027"),
        ("p", "El Instituto de Becas y Estímulos Educativos del Estado de Sonora convoca a estudiantes inscritos en "
              "instituciones públicas de educación superior a solicitar una beca de transporte para el semestre "
              "agosto-diciembre de 2027."),
        ("h2", "Documentos"),
        ("table", [["Documento", "Formato"],
                   ["Constancia de inscripción con promedio", "PDF, máximo 2 MB"],
                   ["CURP", "PDF"],
                   ["Comprobante de domicilio", "PDF o JPG"],
                   ["Estudio socioeconómico (formato oficial)", "Llenado en línea"]]),
        ("h2", "Fechas"),
        ("p", "Registro: del 7 al 25 de junio de 2027. Publicación de resultados: 16 de julio de 2027. Los "
              "resultados se consultan con el folio de registro."),
    ], header="Instituto de Becas y Estímulos Educativos del Estado de Sonora",
        meta={"title": "Convocatoria becas de transporte 2027", "subject": "Educación"})


@doc("nl_acta_comite_transparencia.docx", "",
     "Acta de sesión de un comité (publicación de actas): el director aparece como quien preside, sin promoción.")
def _(path):
    docx_build(path, [
        ("h", "Acta de la Segunda Sesión Ordinaria del Comité de Transparencia 2027"),
        ("p", "En la ciudad de Monterrey, Nuevo León, a las 10:00 horas del 8 de abril de 2027, en la sala de juntas "
              "del edificio central, se reunieron los integrantes del Comité de Transparencia de Servicios de Agua "
              "y Drenaje de Monterrey."),
        ("table", [["Integrante", "Cargo en el comité"],
                   ["Joaquín Irigoyen Trujillo", "Presidente"],
                   ["Lorena Garza Villarreal", "Secretaria técnica"],
                   ["Arturo Cantú Elizondo", "Vocal, titular del Órgano Interno de Control"]]),
        ("h2", "Orden del día"),
        ("p", "1. Lista de asistencia y declaración de quórum. 2. Análisis de la ampliación de plazo de las "
              "solicitudes 190114827000312 y 190114827000325. 3. Confirmación de la clasificación como "
              "confidencial de datos personales en contratos de servicio. 4. Asuntos generales."),
        ("h2", "Acuerdos"),
        ("p", "CT-02-2027-01: se aprueba por unanimidad la ampliación del plazo de respuesta. CT-02-2027-02: se "
              "confirma la clasificación de los datos personales contenidos en 214 contratos de servicio."),
        ("p", "No habiendo más asuntos que tratar, se cierra la sesión a las 11:20 horas, firmando al margen y al "
              "calce quienes en ella intervinieron."),
    ], meta={"title": "Acta CT 2a ordinaria 2027", "subject": "Transparencia"})


@doc("tlaxcala_dif_servicios_rehabilitacion.docx", "",
     "Servicios del DIF: terapias, cuotas y horarios.")
def _(path):
    docx_build(path, [
        ("h", "Centro de Rehabilitación Integral: servicios y cuotas de recuperación"),
        ("p", "El Sistema Estatal DIF Tlaxcala ofrece terapia física, de lenguaje y ocupacional para niñas, niños y "
              "personas adultas con discapacidad temporal o permanente, previa valoración médica."),
        ("table", [["Servicio", "Cuota por sesión", "Horario"],
                   ["Valoración médica", "$85.00", "Lunes a viernes, 8:00 a 12:00 h"],
                   ["Terapia física", "$60.00", "Lunes a viernes, 8:00 a 18:00 h"],
                   ["Terapia de lenguaje", "$60.00", "Lunes a viernes, 9:00 a 15:00 h"],
                   ["Elaboración de órtesis", "Según estudio socioeconómico", "Con cita"]]),
        ("p", "Las cuotas pueden exentarse total o parcialmente según el estudio socioeconómico. Dirección: Av. "
              "Guillermo Valle 49, Tlaxcala de Xicohténcatl. Citas: 246 465 0440."),
    ], header="Sistema Estatal para el Desarrollo Integral de la Familia de Tlaxcala",
        meta={"title": "Servicios del CRI", "subject": "Asistencia social"})


@doc("qro_aviso_veda.docx", "",
     "Aviso de suspensión de comunicación por veda, con encabezado y pie institucionales neutros.")
def _(path):
    docx_build(path, [
        ("h", "Aviso importante"),
        ("p", "Con motivo del Proceso Electoral Local 2026-2027 y en observancia del artículo 41 constitucional, "
              "durante el periodo de campañas y hasta el día de la jornada electoral esta dependencia suspende la "
              "publicación de boletines, fotografías y videos en este sitio y en sus redes sociales."),
        ("p", "Seguirán publicándose los avisos de protección civil, salud y educación, así como la información de "
              "trámites, servicios y transparencia. Agradecemos su comprensión."),
    ], header="Secretaría de Desarrollo Sustentable del Estado de Querétaro",
        footer="Av. 5 de Febrero 35, Querétaro, Qro. · 442 211 6800",
        meta={"title": "Aviso de veda", "subject": "Blindaje electoral"})


@doc("guerrero_historia_presa_la_venta.docx", "",
     "Nota histórica: un exgobernador (no en funciones) inauguró la presa en 1965; contexto de visitas.")
def _(path):
    docx_build(path, [
        ("h", "La presa La Venta: historia y visitas"),
        ("p", "La cortina de la presa La Venta, sobre el río Papagayo, se construyó entre 1962 y 1965 para generar "
              "energía eléctrica. Fue inaugurada en marzo de 1965 por el entonces gobernador Lorenzo Ibarra Soto y "
              "el director de la Comisión Federal de Electricidad de aquella época."),
        ("p", "Hoy el embalse es sitio de pesca de mojarra y lobina. La Capitanía de Puerto exige chaleco salvavidas "
              "en todas las embarcaciones y prohíbe la navegación después de las 18:00 h."),
        ("p", "Visitas escolares al mirador: lunes a viernes de 9:00 a 13:00 h, previa solicitud por escrito a la "
              "Dirección de Turismo Municipal de Juan R. Escudero."),
    ], meta={"title": "Presa La Venta", "subject": "Turismo e historia"})


@doc("sinaloa_padron_beneficiarios_resumen.docx", "",
     "Resumen del padrón de beneficiarios por municipio (transparencia), cifras sin encuadre laudatorio.")
def _(path):
    rows = [["Municipio", "Personas en el padrón", "Monto bimestral ejercido (pesos)"],
            ["Culiacán", "31,420", "62,840,000"], ["Mazatlán", "18,377", "36,754,000"],
            ["Ahome", "15,906", "31,812,000"], ["Guasave", "11,248", "22,496,000"],
            ["Navolato", "5,731", "11,462,000"], ["Escuinapa", "2,154", "4,308,000"]]
    docx_build(path, [
        ("h", "Padrón del programa estatal de apoyo a personas cuidadoras, primer bimestre de 2027"),
        ("p", "Datos publicados conforme a la obligación de transparencia sobre programas de subsidios. El padrón "
              "completo, sin datos personales sensibles, está disponible en formato abierto."),
        ("table", rows),
        ("p", "Nota metodológica: se cuentan personas con al menos un pago en el bimestre; las bajas por "
              "fallecimiento o cambio de domicilio se aplican al cierre del periodo."),
    ], footer="Secretaría de Bienestar y Desarrollo Sustentable de Sinaloa · Datos abiertos",
        meta={"title": "Padrón de personas cuidadoras 1B-2027", "subject": "Transparencia"})


# =============================================================================================== FLAGGED: DOCX

@doc("zac_boletin_gobernadora_clinica.docx", "official-name achievement-language",
     "Boletín: la gobernadora inaugura una clínica y se le atribuye el beneficio a miles de familias.")
def _(path):
    docx_build(path, [
        ("h", "Gobernadora Rosaura Quintanilla inaugura Clínica de la Mujer en Guadalupe"),
        ("p", "Guadalupe, Zac., 20 de abril de 2027. La gobernadora Quintanilla Ibarra cortó el listón de la nueva "
              "Clínica de la Mujer, que atenderá a más de 35 mil mujeres de la zona conurbada."),
        ("p", "«Esta clínica es la prueba de que en Zacatecas sí se puede; lo prometimos y lo cumplimos», dijo la "
              "gobernadora, quien recorrió las salas de ultrasonido y mastografía."),
        ("p", "Con esta obra, la administración estatal suma nueve unidades médicas nuevas, un hecho sin "
              "precedentes en la historia del estado."),
    ], header="Coordinación General de Comunicación Social", meta={"title": "Boletín 233", "subject": "Prensa"})


@doc("tepic_recoleccion_header_alcalde.docx", "official-name",
     "Horarios de recolección neutros; solo el encabezado promueve al presidente municipal.", "header-only")
def _(path):
    docx_build(path, [
        ("h", "Horarios de recolección de residuos"),
        ("table", [["Zona", "Días", "Hora aproximada"],
                   ["Centro", "Lunes, miércoles y viernes", "20:00 h"],
                   ["Oriente", "Martes, jueves y sábado", "7:00 h"],
                   ["Poniente", "Lunes, miércoles y viernes", "7:00 h"],
                   ["Norte", "Martes, jueves y sábado", "14:00 h"]]),
        ("p", "Saque su basura separada en orgánica e inorgánica solo cuando escuche la campana del camión. Para "
              "recolección de muebles y cacharros llame al 311 215 30 00, extensión 2201."),
    ], header="Un mensaje del alcalde Octavio Benítez Lara: ¡gracias por mantener limpio Tepic!",
        meta={"title": "Horarios de recolección", "subject": "Servicios públicos"})


@doc("michoacan_vacunacion_footer_4t.docx", "propaganda",
     "Calendario de vacunación neutro; solo el pie de página lleva marca de gobierno de la Cuarta Transformación "
     "con periodo.", "footer-only")
def _(path):
    docx_build(path, [
        ("h", "Calendario de vacunación en escuelas, mayo de 2027"),
        ("table", [["Jurisdicción sanitaria", "Vacuna", "Fechas"],
                   ["Morelia", "VPH (niñas y niños de 5.º de primaria)", "3 al 14 de mayo"],
                   ["Zamora", "Td (secundaria)", "10 al 21 de mayo"],
                   ["Uruapan", "SRP (refuerzo, primer grado)", "17 al 28 de mayo"],
                   ["Apatzingán", "VPH y Td", "24 de mayo al 4 de junio"]]),
        ("p", "Las madres, padres o tutores deben firmar el consentimiento informado que enviará la escuela y "
              "entregar la Cartilla Nacional de Salud a la brigada el día de la visita."),
    ], header="Secretaría de Salud de Michoacán",
        footer="Michoacán · Gobierno de la Cuarta Transformación 2021-2027",
        meta={"title": "Vacunación escolar mayo 2027", "subject": "Salud"})


@doc("bienestar_tabla_logros.docx", "achievement-language",
     "El cuerpo es neutro salvo una tabla de «logros» con cifras presentadas como éxito de la administración.",
     "table-only")
def _(path):
    docx_build(path, [
        ("h", "Nota informativa para medios regionales"),
        ("p", "Documento de referencia de la Unidad de Comunicación. Para entrevistas, contactar a la oficina de "
              "prensa en el teléfono 55 5328 5000, extensión 51300."),
        ("table", [["Logros del gobierno 2024-2027", "Cifra alcanzada"],
                   ["Personas que ya reciben una pensión gracias a este gobierno", "Más de 16 millones"],
                   ["Becas entregadas por primera vez en la historia a secundaria", "5.6 millones"],
                   ["Sucursales del Banco del Bienestar inauguradas", "2,750, un récord nunca antes visto"]]),
    ], meta={"title": "Nota informativa", "subject": "Comunicación"})


@doc("sonora_placas_metadata_segundo_piso.docx", "propaganda",
     "Requisitos de reemplacamiento neutros; el lema y el partido están solo en los metadatos (título y "
     "palabras clave).", "metadata-only")
def _(path):
    docx_build(path, [
        ("h", "Reemplacamiento 2027: requisitos"),
        ("p", "Tarjeta de circulación vigente, identificación oficial, comprobante de domicilio y las dos placas "
              "anteriores. El pago puede hacerse en línea o en bancos; la entrega es en la agencia fiscal del "
              "municipio."),
        ("p", "Horario de agencias fiscales: lunes a viernes de 8:00 a 15:00 h."),
    ], meta={"title": "Sonora en el segundo piso de la Cuarta Transformación",
             "subject": "Reemplacamiento", "keywords": "Morena, 4T, humanismo mexicano, reemplacamiento"})


@doc("nl_boletin_acueducto_historico.docx", "achievement-language",
     "Boletín impersonal que presume una obra «histórica» y cifras de habitantes beneficiados.")
def _(path):
    docx_build(path, [
        ("h", "Acueducto El Cuchillo III: una obra histórica para el área metropolitana"),
        ("p", "Monterrey, N.L., 28 de abril de 2027. Concluyó la construcción del acueducto El Cuchillo III, la "
              "obra hidráulica más grande de la historia de Nuevo León, con 93 kilómetros de tubería."),
        ("p", "Gracias a esta administración, más de 1.2 millones de habitantes ya tienen agua las 24 horas. Nunca "
              "antes se había invertido tanto en infraestructura hidráulica: 14 mil millones de pesos."),
        ("p", "Con esta obra se supera para siempre la crisis de 2022. Ahora sí, Nuevo León tiene agua."),
    ], header="Servicios de Agua y Drenaje de Monterrey", meta={"title": "Boletín acueducto", "subject": "Prensa"})


@doc("guerrero_circular_voto_coalicion.docx", "propaganda",
     "Circular en portal oficial que llama a votar por la continuidad de una coalición.")
def _(path):
    docx_build(path, [
        ("h", "A las y los beneficiarios de los programas estatales"),
        ("p", "La continuidad de tu apoyo depende de que la coalición Sigamos Haciendo Historia conserve la "
              "mayoría. Este 6 de junio vota por quienes defienden los programas sociales."),
        ("p", "Comparte este mensaje con tu familia y tus vecinos: #DefiendeLaTransformación."),
    ], header="Secretaría de Desarrollo Social de Guerrero", meta={"title": "Circular 14/2027", "subject": ""})


@doc("colima_version_estenografica_secretaria.docx", "official-name achievement-language",
     "Versión estenográfica en veda: la secretaria de Movilidad en primera persona enumera logros.")
def _(path):
    docx_build(path, _repeat_pages([
        [("h", "Versión estenográfica: mensaje de la secretaria Valeria Montemayor Rincón"),
         ("p", "Colima, Col., 6 de mayo de 2027."),
         ("p", "SECRETARIA VALERIA MONTEMAYOR RINCÓN: Buenos días a todas y a todos. Hoy vengo a rendirles "
               "cuentas: logramos lo que nadie había hecho. Renovamos la flota completa del transporte urbano y "
               "redujimos a la mitad los tiempos de traslado."),
         ("p", "Cuando llegamos, las unidades tenían más de quince años. Hoy, gracias al trabajo de este equipo, "
               "Colima tiene el transporte más moderno de su historia.")],
        [("p", "PREGUNTA: ¿Cuántas unidades faltan por sustituir?"),
         ("p", "SECRETARIA VALERIA MONTEMAYOR RINCÓN: Ninguna. Cumplimos al cien por ciento. Y lo digo con "
               "orgullo: somos el primer estado del occidente del país en lograrlo."),
         ("p", "—000—")],
    ]), meta={"title": "Versión estenográfica 6 de mayo", "subject": "Movilidad"})


# ================================================================================================= CLEAN: XLSX

def _calendar_rows(month: str, program: str) -> list[list]:
    days = ["lunes 3", "martes 4", "miércoles 5", "jueves 6", "viernes 7", "lunes 10", "martes 11",
            "miércoles 12", "jueves 13", "viernes 14", "lunes 17", "martes 18", "miércoles 19", "jueves 20"]
    letters = ["A", "B", "C", "D, E, F", "G", "H, I, J, K", "L", "M", "N, Ñ, O", "P, Q", "R", "S", "T, U, V",
               "W, X, Y, Z"]
    return ([["Programa", "Letra del primer apellido", "Fecha de depósito", "Canal"]]
            + [[program, letter, f"{day} de {month}", "Tarjeta del Bienestar"] for letter, day in zip(letters, days)])


@doc("bienestar_calendario_pagos_mayo.xlsx", "",
     "Calendario de pagos por letra (hoja «Calendario»), neutro: permitido (R08 «Don't» 3).")
def _(path):
    xlsx_build(path, {
        "Calendario": _calendar_rows("mayo", "Pensión para el Bienestar de las Personas con Discapacidad"),
        "Dudas": [["Canal", "Dato"], ["Línea del Bienestar", "800 639 42 64"],
                  ["Banco del Bienestar", "800 900 2000"], ["Horario", "Lunes a viernes de 8:00 a 20:00 h"]],
    }, meta={"title": "Calendario de depósitos mayo 2027", "subject": "Programas para el Bienestar"},
        widths={"A": 50, "B": 24, "C": 26, "D": 22})


@doc("sinaloa_obras_contratadas_2027.xlsx", "",
     "Hoja «Obras» de transparencia: contratos, montos y avance físico sin encuadre laudatorio.")
def _(path):
    rows = [["Contrato", "Obra", "Municipio", "Contratista", "Monto (pesos)", "Avance físico %", "Estado"]]
    works = [("SOP-LP-001-27", "Rehabilitación de red de agua potable, col. Centro", "Navolato",
              "Hidráulica del Pacífico SA de CV", 18_204_330.12, 22, "En proceso"),
             ("SOP-LP-004-27", "Pavimentación con concreto hidráulico de calle Rosales", "Guasave",
              "Constructora Évora SA de CV", 9_612_880.00, 41, "En proceso"),
             ("SOP-IR-011-27", "Mantenimiento de puente vehicular sobre el río Tamazula", "Culiacán",
              "Puentes y Caminos del Noroeste SA de CV", 4_311_509.75, 60, "En proceso"),
             ("SOP-LP-015-27", "Construcción de dos aulas en telesecundaria", "Choix",
              "Edificaciones Serranas SA de CV", 6_804_115.40, 15, "En proceso"),
             ("SOP-AD-019-27", "Desazolve de dren pluvial Bacurimí", "Culiacán",
              "Maquinaria Agrícola del Valle SA de CV", 1_987_400.00, 100, "Terminada"),
             ("SOP-LP-022-27", "Rehabilitación de centro de salud", "El Rosario",
              "Grupo Constructor Chametla SA de CV", 7_455_902.18, 8, "En proceso")]
    rows += [list(w) for w in works]
    xlsx_build(path, {"Obras": rows, "Notas": [["Nota"], ["Corte al 31 de marzo de 2027. Fuente: bitácoras de obra."]]},
               meta={"title": "Obra pública contratada 2027", "subject": "Transparencia"},
               widths={"B": 55, "D": 40, "E": 16})


@doc("zac_directorio_servidores.xlsx", "",
     "Directorio de servidores públicos (transparencia) que incluye a la gobernadora como titular del Ejecutivo.")
def _(path):
    xlsx_build(path, {"Directorio": [
        ["Nivel", "Cargo", "Nombre", "Área", "Teléfono", "Correo"],
        [1, "Gobernadora del Estado", "Rosaura Quintanilla Ibarra", "Despacho del Ejecutivo", "492 925 1200",
         "despacho@zacatecas.gob.mx"],
        [2, "Secretario General de Gobierno", "Felipe Acuña Robledo", "Secretaría General de Gobierno",
         "492 925 1210", "sgg@zacatecas.gob.mx"],
        [2, "Secretaria de Finanzas", "Norma Alicia Bañuelos Haro", "Secretaría de Finanzas", "492 925 1250",
         "finanzas@zacatecas.gob.mx"],
        [2, "Secretario de Salud", "Rodrigo Elías Márquez", "Servicios de Salud de Zacatecas", "492 923 9400",
         "salud@zacatecas.gob.mx"],
        [3, "Directora de Atención Ciudadana", "Perla Gándara Ruelas", "Despacho del Ejecutivo", "492 925 1299",
         "atencion.ciudadana@zacatecas.gob.mx"]]},
        meta={"title": "Directorio de servidores públicos", "subject": "Obligaciones de transparencia"},
        widths={"B": 36, "C": 32, "D": 34, "F": 36})


@doc("qro_modulos_atencion_horarios.xlsx", "",
     "Módulos de atención con dirección y horario.")
def _(path):
    xlsx_build(path, {"Módulos": [
        ["Módulo", "Dirección", "Municipio", "Horario", "Servicios"],
        ["Centro Cívico", "Blvd. Bernardo Quintana 10000", "Querétaro", "8:00 a 15:00 h", "Predial, licencias"],
        ["Plaza del Parque", "Av. Zaragoza Pte. 204", "Querétaro", "9:00 a 17:00 h", "Actas, CURP"],
        ["Unidad San Juan", "Av. Juárez Ote. 91", "San Juan del Río", "8:00 a 15:00 h", "Licencias, placas"],
        ["Unidad Sierra", "Plaza principal s/n", "Jalpan de Serra", "9:00 a 14:00 h", "Actas, placas"]]},
        meta={"title": "Módulos de atención", "subject": "Servicios"}, widths={"A": 20, "B": 36, "E": 24})


@doc("nl_tarifas_agua_2027.xlsx", "",
     "Tarifas de agua por rango de consumo.")
def _(path):
    xlsx_build(path, {"Tarifas": [
        ["Uso", "Rango (m³)", "Agua $/m³", "Drenaje $/m³", "Cargo fijo $"],
        ["Doméstico", "0-10", 9.84, 2.11, 34.5], ["Doméstico", "11-20", 13.62, 2.95, 34.5],
        ["Doméstico", "21-40", 19.40, 4.20, 34.5], ["Comercial", "0-20", 24.10, 5.30, 88.0],
        ["Industrial", "0-50", 37.95, 8.70, 210.0]]},
        meta={"title": "Tarifas 2027", "subject": "Servicios"})


# =============================================================================================== FLAGGED: XLSX

@doc("sonora_obras_entregadas_gobernador.xlsx", "official-name achievement-language",
     "Hoja «Obras» titulada como obras entregadas por el gobernador, con beneficiarios y «compromiso cumplido».")
def _(path):
    xlsx_build(path, {"Obras": [
        ["Obras entregadas por el gobernador Héctor Arriaga", "", "", ""],
        ["Obra", "Municipio", "Inversión (mdp)", "Familias beneficiadas"],
        ["Hospital General de Especialidades", "Hermosillo", 1450, 120000],
        ["Acueducto Yaqui-Cajeme", "Cajeme", 980, 85000],
        ["Bulevar Colosio final", "Hermosillo", 310, 40000],
        ["Total", "", 2740, 245000],
        ["¡Compromiso cumplido! Nunca antes se había invertido tanto en Sonora.", "", "", ""]]},
        meta={"title": "Obras", "subject": ""}, widths={"A": 60, "B": 18, "C": 18, "D": 22})


@doc("bienestar_calendario_celda_secretaria.xlsx", "official-name achievement-language",
     "Calendario neutro; una sola celda atribuye el pago puntual a la secretaria de Bienestar.", "cell-only")
def _(path):
    rows = _calendar_rows("junio", "Pensión Mujeres Bienestar")
    rows.append(["", "", "", ""])
    rows.append(["Gracias a la secretaria Leticia Zamudio, tu pensión llega puntual cada bimestre", "", "", ""])
    xlsx_build(path, {"Calendario": rows}, meta={"title": "Calendario junio", "subject": "Programas"},
               widths={"A": 40, "B": 24, "C": 26, "D": 22})


@doc("tepic_bacheo_celda_lema.xlsx", "propaganda",
     "Programa de bacheo neutro; una celda de la hoja lleva el lema de la administración federal.", "cell-only")
def _(path):
    xlsx_build(path, {"Bacheo": [
        ["Semana", "Colonia", "Calles", "Turno"],
        ["19-23 abr", "Centro", "Lerdo, Zaragoza, Morelos", "Nocturno"],
        ["26-30 abr", "Los Fresnos", "Fresno, Álamo, Sauce", "Matutino"],
        ["3-7 may", "Mololoa", "Río Suchiate, Río Balsas", "Matutino"],
        ["", "", "", ""],
        ["", "", "", "Por el bien de todos, primero los pobres"]]},
        meta={"title": "Bacheo abril-mayo", "subject": "Obras públicas"})


@doc("michoacan_indicadores_vacunacion_record.xlsx", "achievement-language",
     "Hoja de indicadores con cobertura «récord, nunca antes vista» atribuida al gobierno.")
def _(path):
    xlsx_build(path, {"Resultados": [
        ["Indicador", "2021", "2026", "Comentario"],
        ["Cobertura de vacunación infantil %", 71.2, 96.8,
         "Cobertura récord nunca antes vista, gracias a este gobierno"],
        ["Médicos especialistas en hospitales rurales", 84, 312, "Logro histórico de la administración"],
        ["Centros de salud rehabilitados", 0, 146, "Transformamos la salud de Michoacán"]]},
        meta={"title": "Indicadores de salud", "subject": "Salud"}, widths={"A": 44, "D": 60})


@doc("chih_recaudacion_metadata_marca.xlsx", "propaganda",
     "Tabla de recaudaciones neutra; la marca sexenal y el lema solo están en el título de los metadatos.",
     "metadata-only")
def _(path):
    xlsx_build(path, {"Recaudaciones": [
        ["Oficina", "Dirección", "Horario"],
        ["Chihuahua Centro", "Av. Venustiano Carranza 601", "8:00 a 15:00 h"],
        ["Ciudad Juárez", "Av. Tecnológico 1770", "8:00 a 15:00 h"],
        ["Cuauhtémoc", "Calle 3a y Allende", "8:00 a 14:00 h"],
        ["Parral", "Calle Mercaderes 12", "8:00 a 14:00 h"]]},
        meta={"title": "Gobierno del Estado de Chihuahua 2021-2027 · Juntos hacemos historia",
              "subject": "Recaudaciones", "keywords": "recaudación, oficinas"})


# ================================================================================================ CLEAN: IMAGES

@doc("card_pc_sismo.png", "", "Tarjeta de protección civil: qué hacer en caso de sismo.")
def _(path):
    card(path, "¿Qué hacer en caso de sismo?", [
        "Conserva la calma y aléjate de ventanas.",
        "Si puedes, sal por la ruta de evacuación; si no, ubícate en una zona de menor riesgo.",
        "No uses elevadores. Después del sismo revisa gas y electricidad.",
        "Emergencias: 911"], bg="#fff4e0", accent="#c0392b", logo="shield")


@doc("card_vacunacion_influenza.jpg", "", "Tarjeta de salud: fechas y horario de vacunación.")
def _(path):
    card(path, "Vacunación contra influenza", [
        "Del 1 al 30 de abril", "En tu centro de salud, de 8:00 a 14:00 h",
        "Niñas y niños de 6 meses a 5 años, personas de 60 años o más y embarazadas",
        "Es gratuita"], bg="#eaf4fb", accent="#1f6fa8")


@doc("card_beca_rita_cetina_requisitos.png", "",
     "Tarjeta con el nombre de un programa social y sus requisitos: nombre de programa neutro.")
def _(path):
    card(path, "Beca Rita Cetina: requisitos de registro", [
        "CURP de la o el estudiante", "CURP e identificación de la madre, padre o tutor",
        "Comprobante de domicilio", "Registro en línea del 2 al 20 de septiembre"],
        bg="#f5f0e6", accent="#6b2737", logo="square")


@doc("card_horario_oficinas_rotada.png", "", "Tarjeta girada 20° con el horario de atención.", "rotated")
def _(path):
    card(path, "Horario de atención", [
        "Lunes a viernes de 9:00 a 15:00 h", "Sábados de 9:00 a 13:00 h (solo ventanilla de pagos)",
        "Calle Victoria 320, Centro"], bg="#ffffff", accent="#2e7d32", rotate=20, size=(1000, 800))


@doc("card_aviso_veda.png", "", "Tarjeta con el aviso de suspensión de contenidos por veda.")
def _(path):
    card(path, "Aviso", [
        "En cumplimiento del artículo 41 constitucional, este portal suspende la difusión de contenidos "
        "durante las campañas y hasta el 6 de junio de 2027.",
        "Trámites, servicios y transparencia siguen disponibles."], bg="#f2f2f2", accent="#555555")


@doc("card_calendario_pago_beca.jpg", "", "Tarjeta de calendario de pago por letra, sin alardes.")
def _(path):
    card(path, "Becas Benito Juárez: fechas de pago", [
        "A a F: 5 al 9 de julio", "G a M: 12 al 16 de julio", "N a Z: 19 al 23 de julio",
        "Consulta tu folio en el portal de becas"], bg="#fbf6ee", accent="#8a5a2b", logo="square")


@doc("card_ola_calor_rotada.jpg", "", "Tarjeta girada 25°: recomendaciones de salud ante la onda de calor.",
     "rotated")
def _(path):
    card(path, "Onda de calor", [
        "Toma agua simple aunque no tengas sed", "Evita el sol de 11:00 a 16:00 h",
        "Nunca dejes a nadie dentro de un auto cerrado"], bg="#fff8e1", accent="#e65100", rotate=-25,
        size=(1000, 800))


@doc("card_corte_agua.png", "", "Tarjeta de aviso de suspensión del servicio de agua.")
def _(path):
    card(path, "Suspensión de agua", [
        "Martes 20 de abril, de 8:00 a 22:00 h", "Colonias Mitras Centro, Vista Hermosa y Anáhuac",
        "Reportes: 81 2033 2033"], bg="#e8f1f8", accent="#0d47a1")


# ============================================================================================== FLAGGED: IMAGES

@doc("card_logro_familias.png", "achievement-language",
     "Tarjeta con cifra de familias beneficiadas «gracias a este gobierno».", "image-text-only")
def _(path):
    card(path, "¡Más de 2 millones de familias ya reciben su apoyo!", [
        "Gracias a este gobierno, el bienestar llega a cada hogar.", "Nunca antes se había logrado."],
        bg="#ffffff", accent="#9f2241")


@doc("card_gobernadora_centros_salud_rotada.png", "official-name achievement-language",
     "Tarjeta girada 18°: la gobernadora inauguró 12 centros de salud.", "rotated", "image-text-only")
def _(path):
    card(path, "La gobernadora Rosaura Quintanilla inauguró 12 centros de salud", [
        "Más de 90 mil zacatecanas y zacatecanos beneficiados"], bg="#fdf3f5", accent="#7a1e3a", rotate=18)


@doc("card_lema_segundo_piso.jpg", "propaganda",
     "Tarjeta con lemas de la administración (segundo piso de la 4T; primero los pobres).", "image-text-only")
def _(path):
    card(path, "Segundo piso de la Cuarta Transformación", ["Por el bien de todos, primero los pobres"],
         bg="#691c32", fg="#ffffff", accent="#bc955c")


@doc("card_inversion_record_rotada.jpg", "achievement-language",
     "Tarjeta girada 28° con inversión récord en obra y «lo prometimos y lo cumplimos».", "rotated",
     "image-text-only")
def _(path):
    card(path, "Inversión récord en obra pública", [
        "3,500 millones de pesos en caminos y puentes", "¡Lo prometimos y lo cumplimos!"],
        bg="#eef3ea", accent="#33691e", rotate=28)


@doc("card_vota_continuidad.png", "propaganda", "Tarjeta con llamado al voto el 6 de junio.", "image-text-only")
def _(path):
    card(path, "Este 6 de junio, vota por la continuidad", [
        "Que el bienestar no se detenga"], bg="#ffffff", accent="#9f2241")


@doc("card_alcalde_periodo.png", "official-name propaganda",
     "Tarjeta con el nombre del presidente municipal y la marca de gobierno con periodo.", "image-text-only")
def _(path):
    card(path, "Presidente Municipal Octavio Benítez Lara", [
        "Gobierno de Tepic 2024-2027", "Aviso: recolección de cacharros el sábado 24 de abril"],
        bg="#f4f8fb", accent="#00507a", logo="shield")


@doc("card_partido_colores.jpg", "propaganda",
     "Tarjeta con nombre de partido y colores de partido como identidad en un portal oficial.", "image-text-only")
def _(path):
    card(path, "Morena, la esperanza de México", ["Con el pueblo todo, sin el pueblo nada"],
         bg="#b12a34", fg="#ffffff", accent="#6d1a20", logo="circle")


@doc("card_becas_entregadas.png", "achievement-language",
     "Tarjeta con cifra de becas entregadas en primera persona del gobierno.", "image-text-only")
def _(path):
    card(path, "Entregamos 85 mil becas en Querétaro", [
        "Cumplimos con las y los estudiantes de secundaria", "Resultados que transforman"],
        bg="#fffdf5", accent="#b8860b", logo="square")


# ------------------------------------------------------------------------------------------------------- build

def build(out: Path) -> list[Path]:
    """Build every file of the corpus into OUT (created if needed); return their paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in CORPUS:
        path = out / item.name
        item.build(path)
        paths.append(path)
    return paths


def labels() -> dict[str, dict]:
    return {d.name: {"rules": sorted(d.rules), "why": d.why, "features": list(d.features)} for d in CORPUS}


def labels_yaml() -> str:
    import yaml
    head = ("# Labels of the documents benchmark: per file, the SPEC §3 rule ids it violates (empty = clean) and why.\n"
            "# features: where the text sits when it is not plain body text (metadata-only, header-only, footer-only,\n"
            "# cell-only, table-only, image-text-only, image-only-page, split-line) or the layout (two-column, rotated).\n"
            "# Author's judgment from SPEC §2-§3 and the legal notes' rule catalogue, never the tool's output.\n"
            "# Generated from benchmarks/documents_corpus.py (python benchmarks/documents_corpus.py --write-labels).\n")
    body = {"files": {name: {k: v[k] for k in ("rules", "why", "features") if v[k] or k != "features"}
                      for name, v in labels().items()}}
    return head + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=120)


def load_features(path: Path = LABELS_FILE) -> dict[str, list[str]]:
    import yaml
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return {name: list(v.get("features") or []) for name, v in data["files"].items()}


def load_labels(path: Path = LABELS_FILE) -> dict[str, set[str]]:
    import yaml
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return {name: set(v.get("rules") or []) for name, v in data["files"].items()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", type=Path, help="folder to build the corpus into")
    ap.add_argument("--write-labels", action="store_true", help=f"rewrite {LABELS_FILE}")
    args = ap.parse_args(argv)
    if args.write_labels:
        LABELS_FILE.write_text(labels_yaml(), encoding="utf-8")
        print(LABELS_FILE)
    if args.out:
        paths = build(args.out)
        print(f"{len(paths)} files in {args.out}")
    if not (args.out or args.write_labels):
        ap.error("give OUT or --write-labels")
    return 0


if __name__ == "__main__":
    sys.exit(main())
