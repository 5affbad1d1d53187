"""Documents made on the spot for the file tests and benchmarks: PDFs (reportlab), DOCX, XLSX, ODT, ODS, hostile files."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

PROSE = ("El programa municipal de salud visual atiende a personas de todas las edades en los centros comunitarios "
         "de la ciudad. Las brigadas revisan la agudeza visual, entregan lentes graduados a bajo costo y canalizan "
         "a quienes necesitan una consulta especializada. Para recibir atención es necesario presentar una "
         "identificación oficial, un comprobante de domicilio reciente y la CURP. El horario de servicio es de "
         "lunes a viernes, de nueve de la mañana a tres de la tarde, y los sábados hasta el mediodía. ")


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    return "DejaVu"


def wrap(text: str, width: float, size: float = 11) -> list[str]:
    from reportlab.lib.utils import simpleSplit

    return simpleSplit(text, _font(), size, width)


def pdf(pages: list[list[str] | None], *, title: str = "", subject: str = "", author: str = "", keywords: str = "",
        size: float = 11, password: str | None = None, columns: list[tuple[list[str], list[str]]] | None = None,
        image_pages: tuple[int, ...] = (), heading: str = "", leading: float = 1.3) -> bytes:
    """A PDF: each page's lines drawn top-down; `columns` pages draw two columns, their lines interleaved in the
    content stream (left 1, right 1, left 2…) so that only a layout-aware reader gets the columns right; pages in
    `image_pages` (0-based) carry only a picture."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), encrypt=password, invariant=1)
    c.setTitle(title)
    c.setSubject(subject)
    c.setAuthor(author)
    c.setKeywords(keywords)
    font = _font()
    for number, lines in enumerate(pages):
        if number in image_pages:
            from PIL import Image, ImageDraw

            img = Image.new("RGB", (800, 400), "white")
            ImageDraw.Draw(img).rectangle((50, 50, 750, 350), outline="black", width=8)
            c.drawImage(ImageReader(img), 50, 400, 495, 250)
        else:
            c.setFont(font, size)
            y = 800
            for line in lines or []:
                c.drawString(50, y, line)
                y -= size * leading
                if line == "":
                    y -= size * 0.5
        c.showPage()
    for left, right in columns or []:
        c.setFont(font, size)
        y = 800
        if heading:  # a headline across both columns, above them
            c.drawString(50, y, heading)
            y -= size * 3
        for i in range(max(len(left), len(right))):
            if i < len(left):
                c.drawString(50, y, left[i])
            if i < len(right):
                c.drawString(320, y, right[i])
            y -= size * 1.3
        c.showPage()
    c.save()
    return buf.getvalue()


def scanned_pdf(paragraphs: list[str], size: int = 34) -> bytes:
    """A one-page PDF whose text is only pixels: the paragraphs drawn into an A4 picture at 200 dpi."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), size)
    y = 150
    for paragraph in paragraphs:
        line = ""
        for word in paragraph.split():
            if draw.textlength(line + " " + word, font=font) > 1350 and line:
                draw.text((150, y), line, font=font, fill=0)
                y += int(size * 1.4)
                line = word
            else:
                line = (line + " " + word).strip()
        draw.text((150, y), line, font=font, fill=0)
        y += int(size * 3)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    c.drawImage(ImageReader(img), 0, 0, 595, 842)
    c.showPage()
    c.save()
    return buf.getvalue()


def text_pdf(pages: int, words_per_page: int = 450, title: str = "Boletín") -> bytes:
    """A plain text PDF of `pages` pages of wrapped prose, about `words_per_page` words each."""
    body = (PROSE * 8).split()
    per_page = wrap(" ".join(body[:words_per_page]), 495)
    return pdf([per_page] * pages, title=title)


def docx(*, paragraphs=(), heading: str = "", table: list[list[str]] | None = None, header: str = "",
         footer: str = "", title: str = "") -> bytes:
    import docx as python_docx

    d = python_docx.Document()
    if heading:
        d.add_heading(heading, level=1)
    for text in paragraphs:
        d.add_paragraph(text)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for col, text in enumerate(row):
                t.cell(r, col).text = text
    if header:
        d.sections[0].header.paragraphs[0].text = header
    if footer:
        d.sections[0].footer.paragraphs[0].text = footer
    d.core_properties.title = title
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def xlsx(sheets: dict[str, dict[str, object]], title: str = "") -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, cells in sheets.items():
        ws = wb.create_sheet(name)
        for ref, value in cells.items():
            ws[ref] = value
    wb.properties.title = title
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _odf(mime: str, body: str, meta: str = "", styles: str = "") -> bytes:
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), mime)  # stored, first, as ODF requires
        z.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>'
                                  f"<office:body>{body}</office:body></office:document-content>")
        z.writestr("meta.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ns}>'
                               f"<office:meta>{meta}</office:meta></office:document-meta>")
        z.writestr("styles.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ns}>'
                                 f"<office:master-styles>{styles}</office:master-styles></office:document-styles>")
    return buf.getvalue()


def odt(heading: str, paragraphs: list[str], header: str = "", title: str = "") -> bytes:
    body = f'<office:text><text:h text:outline-level="1">{heading}</text:h>'
    body += "".join(f"<text:p>{p}</text:p>" for p in paragraphs) + "</office:text>"
    styles = f'<style:master-page style:name="Standard"><style:header><text:p>{header}</text:p></style:header></style:master-page>'
    return _odf("application/vnd.oasis.opendocument.text", body, f"<dc:title>{title}</dc:title>", styles)


def ods(name: str, rows: list[list[str]]) -> bytes:
    body = f'<office:spreadsheet><table:table table:name="{name}">'
    for row in rows:
        body += "<table:table-row>" + "".join(
            f"<table:table-cell><text:p>{c}</text:p></table:table-cell>" if c else "<table:table-cell/>" for c in row
        ) + "</table:table-row>"
    body += '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    body += "</table:table></office:spreadsheet>"
    return _odf("application/vnd.oasis.opendocument.spreadsheet", body)


# ------------------------------------------------------------------------------------------------ hostile files


def _pdf_objects(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF from raw object bodies (1-based), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def pdf_huge_page_count() -> bytes:
    """One real page in a page tree that declares a billion."""
    return _pdf_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ])


def pdf_deep_nesting(depth: int = 200_000) -> bytes:
    """An object nested `depth` arrays deep, referenced from the page."""
    return _pdf_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Foo 4 0 R >>",
        b"[" * depth + b"]" * depth,
    ])


def deflate_bomb(size: int, byte: bytes = b" ") -> bytes:
    """A zlib stream inflating to `size` bytes of `byte`, built in milliseconds: one fully flushed deflate block
    repeated (a full flush resets the window, so the blocks are independent), checksum left wrong."""
    chunk = byte * (1 << 20)
    co = zlib.compressobj(9)
    first = co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH)
    block = co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH)
    return first + block * (size // len(chunk) - 1) + co.flush()


def pdf_bomb(size: int = 4 << 30) -> bytes:
    """A page whose content stream is a few MB of Flate inflating to `size` bytes (4 GB) of spaces."""
    stream = deflate_bomb(size)
    return _pdf_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ])


def pdf_stream_bomb(stream: bytes, filters: bytes) -> bytes:
    """A page whose content stream is `stream`, decoded with `filters` (e.g. b"[/ASCIIHexDecode /FlateDecode]")."""
    return _pdf_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(stream), filters) + stream + b"\nendstream",
    ])


def zip_member_bomb(base: bytes, name: str, size: int, lie: bool = False) -> bytes:
    """`base` (an office zip) with member `name` replaced by `size` zero bytes, deflated; with `lie`, the
    central directory declares 1 KB instead."""
    src = zipfile.ZipFile(io.BytesIO(base))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != name:
                out.writestr(info, src.read(info))
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with out.open(info, "w", force_zip64=True) as f:
            zero = bytes(1 << 20)
            for _ in range(size >> 20):
                f.write(zero)
    data = bytearray(buf.getvalue())
    if lie:
        at = _central_entry(data, name)
        if struct.unpack_from("<I", data, at + 24)[0] == 0xFFFFFFFF:  # zip64: the size is in the extra field
            name_len = struct.unpack_from("<H", data, at + 28)[0]
            struct.pack_into("<Q", data, at + 46 + name_len + 4, 1024)
        else:
            struct.pack_into("<I", data, at + 24, 1024)
    return bytes(data)


def _central_entry(data: bytearray, name: str) -> int:
    encoded = name.encode()
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + name_len] == encoded:
            return at
        at += 4
    raise KeyError(name)


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10))
                  + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
                    b'uniqueCount="1"><si><t>&lol9;</t></si></sst>')


def replace_member(base: bytes, name: str, data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(base))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, data if info.filename == name else src.read(info))
        if name not in src.namelist():
            out.writestr(name, data)
    return buf.getvalue()
