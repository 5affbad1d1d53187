"""Documents to blocks (audit/files.py): places inside a file (SPEC §9), layout, bounds and hostile files."""
from __future__ import annotations

import io
import subprocess
import sys
import textwrap

import pytest

from benchmarks import files_corpus as fc
from blindaje.audit import AuditContext, Auditor
from blindaje.audit.files import KINDS, FileLimits, FileRefused, extract, file_kind, kind_by_name
from blindaje.audit.loader import load_rules
from blindaje.audit.reasons import Reason, spanish
from conftest import ROOT

URL = "https://www.gob.mx/bienestar/boletin.pdf"


def texts(doc, location=None):
    return [b.text for b in doc.blocks if location is None or b.location == location]


def refused(body: bytes, kind: str, **kw) -> str:
    with pytest.raises(FileRefused) as info:
        extract(URL, body, kind, **kw)
    return info.value.reason


# ------------------------------------------------------------------------------------------------ kinds


@pytest.mark.parametrize("url, kind", [
    ("https://x.gob.mx/docs/informe.pdf", "pdf"), ("https://x.gob.mx/docs/Informe.PDF?v=2#page=3", "pdf"),
    ("https://x.gob.mx/a/calendario.xlsx", "xlsx"), ("https://x.gob.mx/a.ods", "ods"),
    ("https://x.gob.mx/docs.pdf/index.html", None), ("https://x.gob.mx/pdf", None),
    ("https://x.gob.mx/ver?archivo=informe.pdf", None), ("https://x.gob.mx/v1.2/", None),
    ("https://x.gob.mx/a.doc", None)])
def test_kind_by_name_guesses_from_the_path_only(url, kind):
    assert kind_by_name(url) == kind


def test_file_kind_by_magic_bytes_not_labels():
    pdf = fc.pdf([["hola"]])
    assert file_kind(pdf) == "pdf"
    assert file_kind(b"\n%PDF-1.4 ...") == "pdf"
    assert file_kind(b"<br />Warning: session_start()...\n" + pdf) == "pdf"  # PDFium reads past such a prefix
    assert extract(URL, b"\xef\xbb\xbf<br />Warning\n" + pdf, "pdf").blocks[-1].text == "hola"
    no_mime = fc.replace_member(fc.odt("h", ["p"]), "mimetype", b"")
    assert file_kind(no_mime, "application/vnd.oasis.opendocument.text") == "odt"
    assert file_kind(no_mime) is None
    assert texts(extract(URL, no_mime, "odt"), "body") == ["h", "p"]
    assert file_kind(fc.docx(paragraphs=["x"])) == "docx"
    assert file_kind(fc.xlsx({"S": {"A1": "x"}})) == "xlsx"
    assert file_kind(fc.odt("h", ["p"])) == "odt"
    assert file_kind(fc.ods("S", [["a"]])) == "ods"
    # labels cannot make HTML or an unrelated zip one of ours
    assert file_kind(b"<!doctype html><p>hola", "application/pdf", "https://x/a.pdf") is None
    assert file_kind(fc.replace_member(fc.docx(paragraphs=["x"]), "word/document.xml", b""), "", "") == "docx"
    assert file_kind(b"PK\x03\x04" + bytes(100), "application/pdf", "a.pdf") is None
    assert set(KINDS) == {"pdf", "docx", "xlsx", "odt", "ods"}


# ------------------------------------------------------------------------------------------------ PDF


def test_pdf_text_per_page_and_metadata():
    body = fc.pdf([["Primera página del boletín."], ["Segunda página del boletín."]],
                  title="Juntos transformamos Coahuila", subject="Boletín 12", author="Comunicación Social",
                  keywords="obras, salud")
    doc = extract(URL, body, "pdf")
    assert texts(doc, "page 1") == ["Primera página del boletín."]
    assert texts(doc, "page 2") == ["Segunda página del boletín."]
    assert doc.title == "Juntos transformamos Coahuila"
    blocks = {b.location: b for b in doc.blocks if b.location.startswith("metadata:")}
    assert blocks["metadata:Title"].kind == "title" and blocks["metadata:Title"].text == "Juntos transformamos Coahuila"
    assert blocks["metadata:Subject"].kind == "meta" and blocks["metadata:Subject"].text == "Boletín 12"
    assert blocks["metadata:Author"].text == "Comunicación Social"
    assert blocks["metadata:Keywords"].text == "obras, salud"
    assert doc.limits_hit == [] and doc.not_read == []


def test_pdf_metadata_only_slogan():
    doc = extract(URL, fc.pdf([[""]], title="Vota por la continuidad"), "pdf")
    assert [(b.kind, b.location, b.text) for b in doc.blocks] == [("title", "metadata:Title", "Vota por la continuidad")]


def test_pdf_lines_merge_into_paragraphs_and_hyphens_rejoin():
    sentence = ("En esta administración construimos la nueva clínica del barrio y entregamos cuarenta becas "
                "a estudiantes de la ciudad con recursos propios del municipio.")
    lines = fc.wrap(sentence, 250)
    assert len(lines) >= 3
    body = fc.pdf([lines + ["", "Este año construi-", "mos dos puentes peatonales."]])
    doc = extract(URL, body, "pdf")
    assert texts(doc, "page 1") == [sentence, "Este año construimos dos puentes peatonales."]


def test_pdf_headline_in_larger_type_is_a_heading_and_weighs_like_one():
    """A boletín's headline is set larger than its body: it becomes h1 (a headline place, as an HTML <h1>)."""
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    c.setFont(fc._font(), 20)
    c.drawString(50, 790, "Nuevo horario de atención en las oficinas")
    c.setFont(fc._font(), 11)
    for i, line in enumerate(["Las oficinas regionales atienden de lunes a viernes de 9:00 a 15:00 horas y los",
                              "sábados de 9:00 a 13:00 horas. Lleve su identificación oficial vigente."]):
        c.drawString(50, 760 - i * 14, line)
    c.showPage()
    c.setFont(fc._font(), 11)
    c.drawString(50, 790, "Texto de la segunda página, del mismo tamaño que el cuerpo.")
    c.showPage()
    c.save()
    doc = extract(URL, buf.getvalue(), "pdf")
    kinds = [(b.kind, b.location) for b in doc.blocks if b.location.startswith("page")]
    assert kinds == [("h1", "page 1"), ("p", "page 1"), ("p", "page 2")], kinds
    assert texts(doc, "page 1")[0] == "Nuevo horario de atención en las oficinas"


@pytest.mark.parametrize("leading", [1.15, 1.3, 1.5, 2.0])
def test_pdf_line_spacing_keeps_paragraphs(leading):
    first = ("Las brigadas revisan la agudeza visual de las personas y canalizan a quienes necesitan una consulta "
             "especializada en el hospital general de la ciudad.")
    second = "Para recibir atención es necesario presentar una identificación oficial y la CURP del solicitante."
    lines = fc.wrap(first, 250) + [""] * (2 if leading >= 1.5 else 1) + fc.wrap(second, 250)
    doc = extract(URL, fc.pdf([lines], leading=leading), "pdf")
    assert texts(doc, "page 1") == [first, second]


def test_pdf_two_columns_read_column_by_column():
    left = fc.wrap("La columna izquierda se lee primero de arriba abajo sin mezclarse con la otra. " * 3, 230)
    right = fc.wrap("La columna derecha se lee después, completa, también de arriba abajo. " * 3, 230)
    doc = extract(URL, fc.pdf([], columns=[(left, right)]), "pdf")
    assert texts(doc, "page 1") == [" ".join(left), " ".join(right)]
    headline = "Un titular que cruza las dos columnas de la página de lado a lado, completo"
    doc = extract(URL, fc.pdf([], columns=[(left, right)], heading=headline), "pdf")
    assert texts(doc, "page 1") == [headline, " ".join(left), " ".join(right)]


def turned_pdf(angle: int, page_rotation: int, lines: list[str], by_character: bool) -> bytes:
    """One page whose text is drawn turned by `angle` degrees (counter-clockwise) and shown turned by /Rotate
    `page_rotation`, as landscape pages and sideways tables come; each character drawn apart when `by_character`."""
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setPageRotation(page_rotation)
    c.setFont(fc._font(), 12)
    c.translate(306, 396)
    c.rotate(angle)
    for n, line in enumerate(lines):
        x, y = -250, 150 - 18 * n
        if by_character:
            for ch in line:
                c.drawString(x, y, ch)
                x += c.stringWidth(ch, fc._font(), 12)
        else:
            c.drawString(x, y, line)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("angle, page_rotation", [(90, 270), (-90, 90), (180, 180), (90, 0)])
@pytest.mark.parametrize("by_character", [True, False])
def test_pdf_text_set_at_an_angle_reads_in_its_lines_order(angle, page_rotation, by_character):
    """A landscape page turned by /Rotate, or a page of sideways text: PDFium gives one rectangle per character, in
    no reading order ('s e d a d i v i t c a' was read); the page's lines are read as PDFium orders them."""
    lines = ["Programa de actividades de la feria del empleo,", "con registro de asistentes a las nueve horas.",
             "", "Este domingo, vota por la continuidad del proyecto."]
    doc = extract(URL, turned_pdf(angle, page_rotation, lines, by_character), "pdf")
    assert texts(doc, "page 1") == [" ".join(lines[:2]), lines[3]]


def docx_with_text_box(anchor: str, box: list[str], in_cell: bool = False) -> bytes:
    """A DOCX whose paragraph `anchor` (or a table cell holding it) anchors a text box of paragraphs `box`, stored as
    Word stores it: the drawing (wps) and, for older readers, a VML copy of the same text (mc:Fallback)."""
    import docx as python_docx
    from lxml import etree

    paragraphs = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in box)
    xml = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        '<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>' + paragraphs + '</w:txbxContent></wps:txbx>'
        '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>'
        '<v:textbox><w:txbxContent>' + paragraphs + '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r>')
    d = python_docx.Document()
    d.add_heading("Programa de calentadores solares", level=1)
    if in_cell:
        host = d.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0]
        host.add_run(anchor)
    else:
        host = d.add_paragraph(anchor)
    host._p.append(etree.fromstring(xml))
    d.add_paragraph("Presente identificación oficial y comprobante de domicilio en la ventanilla.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_text_box_is_read_once_as_paragraphs_of_its_own():
    """A text box was glued to the paragraph that anchors it, and read twice (Word's drawing and its copy for older
    readers): '¡Compromiso cumplido!Con la secretaria…¡Compromiso cumplido!…Requisitos para…', one sentence whose
    'requisitos' cancelled the boast."""
    box = ["¡Compromiso cumplido!", "Bienestar ya entregó 12 mil calentadores solares en los Valles Centrales."]
    doc = extract(URL, docx_with_text_box("Requisitos para solicitar un calentador:", box), "docx")
    assert texts(doc, "body") == ["Programa de calentadores solares", "Requisitos para solicitar un calentador:",
                                  *box, "Presente identificación oficial y comprobante de domicilio en la ventanilla."]
    doc = extract(URL, docx_with_text_box("Requisitos", box, in_cell=True), "docx")
    assert texts(doc, "table 1") == ["Requisitos " + " ".join(box)]


def test_pdf_image_only_page_with_and_without_ocr():
    body = fc.pdf([["Texto de la primera página."], None, ["Tercera."]], image_pages=(1,))
    doc = extract(URL, body, "pdf")
    assert doc.not_read == ["page 2: image only, text not read (no OCR engine)"]
    assert texts(doc, "page 2") == []
    seen = []

    def ocr(image):
        seen.append(image.size)
        return "Gracias al gobernador"

    doc = extract(URL, body, "pdf", ocr=ocr)
    assert texts(doc, "page 2") == ["Gracias al gobernador"] and doc.not_read == []
    assert len(seen) == 1 and 1500 < seen[0][0] < 1800  # A4 at 200 dpi is 1654 px wide
    doc = extract(URL, body, "pdf", ocr=ocr, limits=FileLimits(max_ocr_pages=0))
    assert doc.not_read == ["page 2: image only, text not read (OCR limit of 0 pages)"]

    def broken(image):
        raise RuntimeError("tesseract died")

    doc = extract(URL, body, "pdf", ocr=broken)
    assert doc.not_read == ["page 2: image only, OCR failed (RuntimeError)"] and texts(doc, "page 3") == ["Tercera."]


def test_scanned_page_read_by_tesseract_and_audited():
    """The real engine (audit/ocr.py) as the ocr callable: a scanned boast is found on its page."""
    from blindaje.audit.ocr import ocr_engine

    engine = ocr_engine()
    if isinstance(engine, str):
        pytest.skip(engine)
    boast = ("Gracias al gobierno del estado inauguramos el nuevo hospital general, una obra histórica que "
             "beneficia a más de 200 mil familias.")
    body = fc.scanned_pdf(["Boletín de prensa", boast])
    doc = extract(URL, body, "pdf", ocr=lambda image: engine.read(image, max_seconds=10).text)
    page = " ".join(texts(doc, "page 1"))
    assert page.startswith("Boletín de prensa") and "inauguramos el nuevo hospital general" in page
    result = Auditor(load_rules(), AuditContext(())).audit_document(doc)
    assert {f.location for f in result.findings} == {"page 1"}


def test_pdf_page_limit_reads_up_to_it_and_says_so():
    doc = extract(URL, fc.pdf([[f"Página {n}"] for n in range(1, 8)]), "pdf", limits=FileLimits(max_pages=3))
    assert [b.location for b in doc.blocks] == ["page 1", "page 2", "page 3"]
    assert doc.limits_hit == ["only the first 3 of 7 pages read"]
    assert spanish(doc.limits_hit[0]) == "solo se leyeron las primeras 3 de 7 páginas"
    assert doc.not_read == ["pages 4-7: not read (page limit)"]


def test_chars_and_time_bounds():
    doc = extract(URL, fc.text_pdf(3), "pdf", limits=FileLimits(max_chars=100))
    assert sum(len(t) for t in texts(doc)) <= 100 + len("Boletín")
    assert doc.limits_hit == ["only the first 100 characters read"]
    assert doc.not_read == ["pages 2-3: not read (character limit)"]
    doc = extract(URL, fc.text_pdf(3), "pdf", limits=FileLimits(max_seconds=0))
    assert doc.limits_hit == ["time limit of 0 s reached"] and doc.not_read == ["pages 1-3: not read (time limit)"]


# ------------------------------------------------------------------------------------------------ office


def test_docx_body_headings_tables_header_footer_metadata():
    body = fc.docx(heading="Informe de actividades", paragraphs=["Primer párrafo.", "Segundo párrafo."],
                   table=[["Programa", "Monto"], ["Becas", "$ 5 millones"]], header="Gobierno del Estado 2023-2029",
                   footer="Página oficial", title="Compromiso cumplido")
    doc = extract(URL, body, "docx")
    got = [(b.kind, b.location, b.text) for b in doc.blocks if b.location != "metadata:Author"]
    assert got == [
        ("title", "metadata:Title", "Compromiso cumplido"),
        ("h1", "body", "Informe de actividades"),
        ("p", "body", "Primer párrafo."),
        ("p", "body", "Segundo párrafo."),
        ("td", "table 1", "Programa"), ("td", "table 1", "Monto"),
        ("td", "table 1", "Becas"), ("td", "table 1", "$ 5 millones"),
        ("p", "header", "Gobierno del Estado 2023-2029"),
        ("p", "footer", "Página oficial"),
    ]
    assert doc.title == "Compromiso cumplido"


def test_docx_heading_levels_from_styles():
    import docx as python_docx

    d = python_docx.Document()
    d.add_heading("Título del boletín", level=0)
    d.add_heading("Sección", level=2)
    d.add_paragraph("Texto.")
    custom = d.styles.add_style("Encabezado propio", 1)  # a custom style whose outline level makes it a heading
    custom.element.get_or_add_pPr().append(
        python_docx.oxml.parse_xml('<w:outlineLvl xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:val="0"/>'))
    d.add_paragraph("Logros del año", style="Encabezado propio")
    buf = io.BytesIO()
    d.save(buf)
    doc = extract(URL, buf.getvalue(), "docx")
    assert [(b.kind, b.text) for b in doc.blocks if b.location == "body"] == [
        ("h1", "Título del boletín"), ("h2", "Sección"), ("p", "Texto."), ("h1", "Logros del año")]


def test_xlsx_cells_by_row_with_their_place():
    body = fc.xlsx({"Calendario": {"B7": "Inauguramos el hospital", "A1": "Mes", "C1": "Obra"},
                    "Otra hoja": {"A2": 12}}, title="Obras")
    doc = extract(URL, body, "xlsx")
    places = {b.location: (b.kind, b.text) for b in doc.blocks}
    assert places['sheet "Calendario" B7'] == ("td", "Inauguramos el hospital")
    assert places['sheet "Calendario" A1:C1'] == ("td", "Mes Obra")  # a row's cells are one text
    assert places['sheet "Calendario"'] == ("h2", "Calendario")
    assert places['sheet "Otra hoja" A2'] == ("td", "12")
    assert doc.title == "Obras"


def test_xlsx_cell_bound():
    body = fc.xlsx({"S": {f"A{n}": f"fila {n}" for n in range(1, 50)}})
    doc = extract(URL, body, "xlsx", limits=FileLimits(max_cells=10))
    assert len([b for b in doc.blocks if b.kind == "td"]) == 10
    assert doc.limits_hit == ["only the first 10 cells read"]


def test_odt_and_ods():
    doc = extract(URL, fc.odt("Logros", ["Entregamos mil apoyos."], header="Cabecera", title="Informe"), "odt")
    assert [(b.kind, b.location, b.text) for b in doc.blocks] == [
        ("title", "metadata:Title", "Informe"), ("h1", "body", "Logros"), ("p", "body", "Entregamos mil apoyos."),
        ("p", "header", "Cabecera")]
    # a million repeated empty rows and 16,384 repeated empty columns cost nothing
    doc = extract(URL, fc.ods("Calendario", [["Mes", "", "Obra"], [], ["", "Vota por mí"]]), "ods")
    assert [(b.location, b.text) for b in doc.blocks] == [
        ('sheet "Calendario"', "Calendario"), ('sheet "Calendario" A1:C1', "Mes Obra"),
        ('sheet "Calendario" B3', "Vota por mí")]


# ------------------------------------------------------------------------------------------------ hostile files


def test_truncated_pdf():
    body = fc.text_pdf(4)
    for cut in (len(body) // 2, 200, 20):
        try:
            doc = extract(URL, body[:cut], "pdf")
        except FileRefused as exc:
            assert exc.reason == Reason.MALFORMED_FILE
        else:
            assert "file truncated (no %%EOF): read as far as it goes" in doc.not_read


def test_encrypted_pdf():
    assert refused(fc.pdf([["secreto"]], password="clave"), "pdf") == Reason.ENCRYPTED


def test_pdf_huge_page_count_and_deep_nesting_end_quickly():
    doc = extract(URL, fc.pdf_huge_page_count(), "pdf")
    assert doc.blocks == []
    try:
        doc = extract(URL, fc.pdf_deep_nesting(), "pdf")
        assert doc.blocks == []
    except FileRefused as exc:
        assert exc.reason in (Reason.MALFORMED_FILE, Reason.FILE_TOO_COMPLEX)


def test_pdf_decompression_bomb_bounded_memory():
    """A 4 MB PDF whose content stream inflates to 4 GB: refused after inflating at most 200 MB into a small window;
    the extracting process's peak memory stays small."""
    script = textwrap.dedent("""
        from benchmarks import files_corpus as fc
        from blindaje.audit.files import FileRefused, extract
        body = fc.pdf_bomb(4 << 30)
        try:
            extract("u", body, "pdf")
            print("read")
        except FileRefused as exc:
            print(exc.reason)
        # VmHWM, not ru_maxrss: Linux carries the parent's peak (pytest's) into ru_maxrss across exec
        status = open("/proc/self/status").read()
        print(int(status.split("VmHWM:")[1].split()[0]) // 1024)
    """)
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    reason, peak = out.stdout.splitlines()
    assert reason == Reason.ZIP_BOMB
    assert int(peak) < 150, out.stdout  # MB; inflating the stream whole would take 4,096


@pytest.mark.parametrize("filters", [b"[/ASCIIHexDecode /FlateDecode]", b"[/A85 /Fl]", b"[/FlateDecode /FlateDecode]"])
def test_pdf_bomb_behind_other_layers(filters):
    import base64
    import zlib

    bomb = fc.deflate_bomb(1 << 30)
    stream = {b"[/ASCIIHexDecode /FlateDecode]": bomb.hex().encode() + b">", b"[/A85 /Fl]": base64.a85encode(bomb) + b"~>",
              b"[/FlateDecode /FlateDecode]": zlib.compress(bomb, 9)}[filters]
    assert refused(fc.pdf_stream_bomb(stream, filters), "pdf") == Reason.ZIP_BOMB


def test_pdf_flate_streams_within_bounds_are_read():
    import zlib

    text = zlib.compress(b"BT /F1 12 Tf 50 800 Td (hola) Tj ET " + b" " * (30 << 20))  # 30 MB of content, legal
    doc = extract(URL, fc.pdf_stream_bomb(text, b"/FlateDecode"), "pdf")
    assert doc.limits_hit == []
    assert refused(fc.pdf_stream_bomb(text, b"/FlateDecode"), "pdf", limits=FileLimits(max_unzipped_bytes=10 << 20)) \
        == Reason.ZIP_BOMB


def test_docx_zip_bomb():
    base = fc.docx(paragraphs=["hola"])
    assert refused(fc.zip_member_bomb(base, "word/media/zeros.bin", 64 << 20), "docx") == Reason.ZIP_BOMB
    # declared sizes lie: the central directory says 1 KB; what is read is counted, and zipfile stops at the size
    lying = fc.zip_member_bomb(base, "word/document.xml", 64 << 20, lie=True)
    assert refused(lying, "docx") in (Reason.ZIP_BOMB, Reason.MALFORMED_FILE)
    # a smaller bound on what may be inflated
    assert refused(base, "docx", limits=FileLimits(max_unzipped_bytes=1000)) == Reason.ZIP_BOMB


def test_encrypted_office_files():
    # a password-protected DOCX or XLSX is an OLE container holding an "EncryptedPackage" stream
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le") + bytes(500)
    assert refused(ole, "docx") == Reason.ENCRYPTED
    odt = fc.replace_member(fc.odt("h", ["p"]), "META-INF/manifest.xml",
                            b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                            b'<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/>'
                            b"</manifest:file-entry></manifest:manifest>")
    assert refused(odt, "odt") == Reason.ENCRYPTED


def test_mislabelled_content():
    assert refused(b"<!doctype html><title>Error 404</title>", "pdf") == Reason.MISLABELLED
    assert refused(fc.docx(paragraphs=["x"]), "pdf") == Reason.MISLABELLED
    assert refused(fc.pdf([["x"]]), "xlsx") == Reason.MISLABELLED
    assert refused(b"PK\x03\x04garbage", "docx") == Reason.MALFORMED_FILE  # a damaged zip, not another kind
    assert refused(fc.odt("h", ["p"]), "docx") == Reason.MISLABELLED


def test_xlsx_billion_laughs():
    base = fc.xlsx({"S": {"A1": "x"}})
    assert refused(fc.replace_member(base, "xl/sharedStrings.xml", fc.BILLION_LAUGHS), "xlsx") == Reason.XML_ENTITIES
    assert refused(fc.replace_member(base, "xl/worksheets/sheet1.xml", fc.BILLION_LAUGHS), "xlsx") == Reason.XML_ENTITIES


@pytest.mark.parametrize("kind", KINDS)
def test_garbage_never_crashes(kind):
    good = {"pdf": fc.pdf([["hola"]]), "docx": fc.docx(paragraphs=["hola"]), "xlsx": fc.xlsx({"S": {"A1": "x"}}),
            "odt": fc.odt("h", ["p"]), "ods": fc.ods("S", [["a"]])}[kind]
    for n in range(0, len(good), max(1, len(good) // 40)):
        damaged = good[:n] + bytes(64) + good[n + 64:]
        try:
            extract(URL, damaged, kind)
        except FileRefused as exc:
            assert spanish(exc.reason) != exc.reason  # every refusal has its Spanish label


# ------------------------------------------------------------------------------------------------ audit


def test_boast_in_a_pdf_is_found_on_its_page():
    boast = ("Gracias al gobierno del estado inauguramos el nuevo hospital general, una obra histórica que "
             "beneficia a más de 200 mil familias.")
    body = fc.pdf([["Aviso de privacidad."], fc.wrap(boast, 300)])
    doc = extract(URL, body, "pdf")
    result = Auditor(load_rules(), AuditContext(())).audit_document(doc)
    assert result.findings
    assert {f.location for f in result.findings} == {"page 2"}
    assert all(f.url == URL for f in result.findings)
