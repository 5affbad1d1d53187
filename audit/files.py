"""Documents (PDF, DOCX, XLSX, ODT, ODS) to an auditable Document: bytes in, text blocks with their place out."""
from __future__ import annotations

import base64
import io
import logging
import math
import re
import time
import zipfile
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from lxml import etree

from blindaje.audit.document import Block, Document, clean, windows
from blindaje.audit.reasons import Detailed, Reason

if TYPE_CHECKING:
    from PIL import Image

    OCR = Callable[[Image.Image], str]

log = logging.getLogger("blindaje.audit")
KINDS = ("pdf", "docx", "xlsx", "odt", "ods")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

MAX_XML_PART = 64 * 1024 * 1024  # a part parsed as one tree (document.xml, content.xml): its tree costs ~10x this
MAX_STREAM_RATIO = 1000  # a PDF or zip member inflating more than this, beyond a few MB, is a bomb
OCR_DPI = 200
OCR_MAX_PIXELS = 25_000_000  # an A4 page at 200 dpi is 3.9 Mpx; an oversized page is rendered smaller
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
ODF_MIMES = {"application/vnd.oasis.opendocument.text": "odt",
             "application/vnd.oasis.opendocument.spreadsheet": "ods"}
HINTS = {"pdf": "pdf", "wordprocessingml": "docx", "spreadsheetml": "xlsx", "opendocument.text": "odt",
         "opendocument.spreadsheet": "ods"}


@dataclass(frozen=True)
class FileLimits:
    """Bounds on the work spent on one file; a file over a bound is audited up to it and says so (limits_hit)."""

    max_pages: int = 200
    max_seconds: float = 20.0
    max_chars: int = 2_000_000
    max_cells: int = 200_000
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_ocr_pages: int = 20


class FileRefused(Exception):
    """A file that cannot be read at all; args[0] is the reason (a Reason code or a Detailed reason's text)."""

    @property
    def reason(self) -> str:
        return self.args[0]

    @property
    def detail(self) -> str:
        """What the library said, for the log (args[1]), or ''."""
        return self.args[1] if len(self.args) > 1 else ""


_clean = clean  # the same reading of text as a page's (audit.document.clean)


# ---------------------------------------------------------------------------------------------------- kinds


def file_kind(body: bytes, content_type: str = "", url: str = "") -> str | None:
    """Which of KINDS the bytes are (magic bytes decide; type and extension break ties only), or None."""
    # PDF readers (PDFium, Acrobat) look for the header in the first 1,024 bytes: servers prepend BOMs and warnings
    if b"%PDF-" in body[:1024]:
        return "pdf"
    if not body.startswith(b"PK\x03\x04"):
        return None
    zf = _open_zip(body)
    if zf is None:
        return None
    names = set(zf.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "mimetype" in names:
        try:
            info = zf.getinfo("mimetype")
            if info.file_size < 200:
                kind = ODF_MIMES.get(zf.read(info).decode("ascii", "replace").strip())
                if kind:
                    return kind
        except Exception:  # zipfile raises a zoo of exceptions on damaged archives: not ours, whichever
            pass
    if "content.xml" in names:  # an ODF file without its mimetype member: the label decides between text and sheet
        hint = _hint(content_type, url)
        return hint if hint in ("odt", "ods") else None
    return None


def _open_zip(body: bytes) -> zipfile.ZipFile | None:
    try:
        return zipfile.ZipFile(io.BytesIO(body))
    except Exception:  # BadZipFile, NotImplementedError ("zip file version"), OSError, ValueError, EOFError…
        return None


def _hint(content_type: str, url: str) -> str | None:
    ct = (content_type or "").lower()
    for key, kind in HINTS.items():
        if key in ct:
            return kind
    return kind_by_name(url)


def kind_by_name(url: str) -> str | None:
    """Which of KINDS a URL's path names by its extension ('/docs/informe.PDF?v=2' -> 'pdf'), or None: a guess
    before the bytes are fetched (the bytes decide what a file is)."""
    path = url.split("#", 1)[0].split("?", 1)[0].lower()
    ext = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
    return ext if ext in KINDS else None


# ---------------------------------------------------------------------------------------------------- shared


class _Budget:
    """Chars, cells and seconds left for one file; records the first bound that stopped extraction."""

    def __init__(self, limits: FileLimits, doc: Document):
        self.limits = limits
        self.doc = doc
        self.chars = 0
        self.cells = 0
        self.started = time.monotonic()
        self.stopped = False

    def hit(self, what: str) -> None:
        self.stopped = True
        if what not in self.doc.limits_hit:
            self.doc.limits_hit.append(what)

    def out_of_time(self, rest: str) -> bool:
        """Past the time bound? Then `rest` (what is left unread) goes to not_read."""
        if not self.stopped and time.monotonic() - self.started > self.limits.max_seconds:
            self.hit(Detailed.FILE_TIME_LIMIT(f"{self.limits.max_seconds:g} s"))
            self.doc.not_read.append(f"{rest}: not read (time limit)")
        return self.stopped

    def add(self, kind: str, text: str, location: str) -> bool:
        """Add a block; False once a bound stops extraction."""
        if self.stopped:
            return False
        text = _clean(text)
        if not text:
            return True
        left = self.limits.max_chars - self.chars
        if len(text) > left:
            text = text[:left]
            self.hit(Detailed.FILE_TOO_MANY_CHARS(f"{self.limits.max_chars}"))
        self.chars += len(text)
        self.doc.blocks.extend(Block(kind, piece, location) for piece in windows(text))
        return not self.stopped


META_FIELDS = ("Title", "Subject", "Author", "Keywords")


def _metadata(budget: _Budget, fields: dict[str, str]) -> None:
    for key in META_FIELDS:
        text = _clean(fields.get(key) or "")[:2000]
        if not text:
            continue
        if key == "Title":
            budget.doc.title = text[:500]
        budget.add("title" if key == "Title" else "meta", text, f"metadata:{key}")


def read_file(url: str, body: bytes, kind: str, limits: FileLimits = FileLimits(), *, ocr: bool = True):
    """The crawl's and `check`'s way in: extract(), with Tesseract for image-only PDF pages when `ocr` and an engine
    is installed, or why the file has no text (a reason): a hostile file is a failed one, never raised, never lost."""
    try:
        return extract(url, body, kind, limits, ocr=_ocr_reader() if ocr else None)
    except FileRefused as e:
        return e.reason
    except Exception as e:  # noqa: BLE001 - extract() refuses what it knows; anything else still loses this file only
        log.warning("could not read %s: %s", url, e, exc_info=True)
        return Detailed.UNREADABLE_FILE(type(e).__name__)


def _ocr_reader() -> OCR | None:
    """The OCR engine's reader (a PIL image in, its text out), or None when no engine is installed."""
    from blindaje.audit.ocr import ocr_engine

    engine = ocr_engine()
    return None if isinstance(engine, str) else (lambda img: engine.read(img).text)


def extract(url: str, body: bytes, kind: str, limits: FileLimits = FileLimits(),
            ocr: OCR | None = None) -> Document:
    """The text of a document as blocks (SPEC §9 locations). Raises FileRefused, and nothing else, on bad files.

    PDFium is not thread-safe: call this from one thread per process (the crawl's audit workers are processes).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    actual = file_kind(body, url=f"claimed.{kind}")  # the claim breaks a tie only, as a label would
    if actual != kind:
        if kind in ("docx", "xlsx") and body.startswith(OLE) and "EncryptedPackage".encode("utf-16-le") in body[:1 << 20]:
            raise FileRefused(Reason.ENCRYPTED.value)  # a password-protected OOXML file is an OLE container
        if actual is None and kind != "pdf" and body.startswith(b"PK\x03\x04") and _open_zip(body) is None:
            raise FileRefused(Reason.MALFORMED_FILE.value, "damaged zip")
        raise FileRefused(Reason.MISLABELLED.value)
    doc = Document(url=url, kind=kind)
    budget = _Budget(limits, doc)
    try:
        if kind == "pdf":
            _pdf(body, budget, ocr)
        else:
            with _Zip(body, limits) as zf:
                {"docx": _docx, "xlsx": _xlsx, "odt": _odt, "ods": _ods}[kind](zf, budget)
    except FileRefused:
        raise
    except MemoryError:
        raise FileRefused(Reason.FILE_TOO_COMPLEX.value) from None
    except RecursionError:
        raise FileRefused(Reason.FILE_TOO_COMPLEX.value) from None
    except Exception as exc:  # hostile input must never crash the crawl: any library error is a malformed file
        raise FileRefused(Reason.MALFORMED_FILE.value, f"{type(exc).__name__}: {exc}"[:200]) from None
    return doc


# ---------------------------------------------------------------------------------------------------- PDF


_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")


_FILTER = re.compile(rb"/Filter\s*(\[[^\]]{0,300}\]|/[A-Za-z0-9]+)")
_FILTER_NAMES = {b"Fl": b"FlateDecode", b"AHx": b"ASCIIHexDecode", b"A85": b"ASCII85Decode"}
MAX_FLATE_CHAIN = 4


def _stream_filters(body: bytes, at: int) -> list[bytes]:
    """The filters named in the dictionary just before the stream keyword at `at`."""
    head = body[max(0, at - 2048):at]
    obj = head.rfind(b"obj")
    m = _FILTER.search(head[obj + 3:] if obj >= 0 else head[-512:])
    names = re.findall(rb"/([A-Za-z0-9]+)", m.group(1)) if m else []
    return [_FILTER_NAMES.get(n, n) for n in names]


def _pdf_bombs(body: bytes, limits: FileLimits) -> None:
    """Refuse a PDF whose Flate streams inflate beyond bounds, measured by inflating into a small window (nothing
    is kept): PDFium inflates a content stream whole, in memory, before parsing it (a 4 MB page inflating to 1 GB
    peaked at 2 GB). Hex and ASCII85 layers before the Flate, and Flate inside Flate, are followed too."""
    total = 0
    for m in _STREAM.finditer(body):
        start = m.end()
        filters = _stream_filters(body, m.start())
        head = body[start:start + 2]
        if not filters and len(head) == 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0:
            filters = [b"FlateDecode"]  # a zlib stream whose dictionary was not found: check it all the same
        if b"FlateDecode" not in filters:
            continue  # JPEG, CCITT, JBIG2, plain: PDFium decodes those within the image's declared size
        end = body.find(b"endstream", start)
        data = body[start:end if end >= 0 else len(body)]
        try:
            for name in filters[:filters.index(b"FlateDecode")]:
                if name == b"ASCIIHexDecode":
                    data = bytes.fromhex(re.sub(rb"[^0-9A-Fa-f]", b"", data.split(b">")[0]).decode())
                elif name == b"ASCII85Decode":
                    data = base64.a85decode(data.strip().split(b"~>")[0], ignorechars=b" \t\n\r\x00\x0c")
                else:
                    data = b""  # an unusual layer (Crypt, LZW…) before the Flate: PDFium's to bound
        except ValueError:
            continue
        flates = 0
        for name in filters[filters.index(b"FlateDecode"):]:
            if name != b"FlateDecode":
                break
            flates += 1
        if flates > MAX_FLATE_CHAIN:
            raise FileRefused(Reason.ZIP_BOMB.value)
        total += _inflated_size(data, flates, limits.max_unzipped_bytes - total)


def _inflated_size(data: bytes, stages: int, cap: int) -> int:
    """How many bytes `stages` nested Flate layers inflate `data` to, streamed through 1 MB windows; FileRefused
    beyond `cap` or beyond MAX_STREAM_RATIO (past 16 MB)."""
    inflaters = [zlib.decompressobj() for _ in range(stages)]
    out = 0
    consumed = 0

    def push(stage: int, chunk: bytes) -> None:
        nonlocal out
        if stage == stages:
            out += len(chunk)
            if out > cap or (out > 16 << 20 and out > MAX_STREAM_RATIO * consumed):
                raise FileRefused(Reason.ZIP_BOMB.value)
            return
        inflater = inflaters[stage]
        while chunk and not inflater.eof:
            push(stage + 1, inflater.decompress(chunk, 1 << 20))
            chunk = inflater.unconsumed_tail

    try:
        for pos in range(0, len(data), 65536):
            consumed = pos + 65536
            push(0, data[pos:pos + 65536])
            if inflaters[0].eof:
                break
    except zlib.error:
        pass  # what inflates before the damage is what counts; PDFium stops there too
    return out


def _pdf(body: bytes, budget: _Budget, ocr: OCR | None) -> None:
    import pypdfium2 as pdfium

    limits = budget.limits
    _pdf_bombs(body, limits)
    try:
        pdf = pdfium.PdfDocument(body)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message or "security" in message:
            raise FileRefused(Reason.ENCRYPTED.value) from None
        raise FileRefused(Reason.MALFORMED_FILE.value, str(exc)[:200]) from None
    try:
        _metadata(budget, pdf.get_metadata_dict(skip_empty=True))
        pages = len(pdf)
        if pages > limits.max_pages:
            budget.hit(Detailed.FILE_TOO_MANY_PAGES(f"{limits.max_pages} of {pages}"))
            budget.stopped = False  # the pages up to the bound are still read
            budget.doc.not_read.append(f"pages {limits.max_pages + 1}-{pages}: not read (page limit)")
        if b"%%EOF" not in body[-2048:]:
            budget.doc.not_read.append("file truncated (no %%EOF): read as far as it goes")
        ocred = 0
        for index in range(min(pages, limits.max_pages)):
            number = index + 1
            if budget.out_of_time(f"pages {number}-{min(pages, limits.max_pages)}"):
                break
            try:
                page = pdf[index]
            except pdfium.PdfiumError:
                budget.doc.not_read.append(f"page {number}: could not be loaded")
                continue
            try:
                try:
                    textpage = page.get_textpage()
                    paragraphs = _headed(_page_paragraphs(textpage), first_page=number == 1)
                except pdfium.PdfiumError:
                    budget.doc.not_read.append(f"page {number}: its text could not be read")
                    continue
                if sum(len(p) for _, p in paragraphs) < 20 and _has_images(page, pdfium):
                    if ocr is None:
                        budget.doc.not_read.append(f"page {number}: image only, text not read (no OCR engine)")
                    elif ocred >= limits.max_ocr_pages:
                        budget.doc.not_read.append(
                            f"page {number}: image only, text not read (OCR limit of {limits.max_ocr_pages} pages)")
                    else:
                        ocred += 1
                        try:
                            paragraphs = [("p", t) for t in _ocr_paragraphs(_ocr_page(page, ocr))]
                        except Exception as exc:  # the OCR engine's failure loses this page, not the file
                            budget.doc.not_read.append(f"page {number}: image only, OCR failed ({type(exc).__name__})")
                for kind, text in paragraphs:
                    if not budget.add(kind, text, f"page {number}"):
                        break
                textpage.close()
            finally:
                page.close()
            if budget.stopped:
                if number < min(pages, limits.max_pages):  # only the character bound stops a page midway
                    budget.doc.not_read.append(f"pages {number + 1}-{min(pages, limits.max_pages)}: not read "
                                               "(character limit)")
                break
    finally:
        pdf.close()


def _has_images(page, pdfium) -> bool:
    import pypdfium2.raw as raw

    return any(True for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=3))


def _ocr_page(page, ocr: OCR) -> str:
    width, height = page.get_size()
    scale = OCR_DPI / 72
    pixels = width * scale * height * scale
    if pixels > OCR_MAX_PIXELS:
        scale *= (OCR_MAX_PIXELS / pixels) ** 0.5
    image = page.render(scale=scale, grayscale=True).to_pil()
    return str(ocr(image) or "")


def _ocr_paragraphs(text: str) -> list[str]:
    """OCR output (lines, a blank line between paragraphs) as paragraphs, end-of-line hyphens rejoined."""
    text = re.sub(r"(\w)[-\u00ad]\n(?=[a-záéíóúñü])", r"\1", text)
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


HEADING_SCALE = 1.25  # a short paragraph set this much larger than the page's usual text is a heading


def _headed(paragraphs: list[tuple[str, float]], first_page: bool) -> list[tuple[str, str]]:
    """(kind, text) per paragraph: a short one in type clearly larger than the page's usual text is a heading, as a
    boletín's headline is (h1 on the first page, h2 after), so that it weighs like an HTML page's <h1>."""
    usual, seen, total = 0.0, 0, sum(len(t) for t, _ in paragraphs)
    for text, height in sorted(paragraphs, key=lambda p: p[1]):  # the type size of half the page's characters
        usual, seen = height, seen + len(text)
        if seen * 2 >= total:
            break
    out, h1 = [], not first_page
    for text, height in paragraphs:
        kind = "p"
        if usual and height >= HEADING_SCALE * usual and len(text.split()) <= 30:
            kind, h1 = ("h2" if h1 else "h1"), True
        out.append((kind, text))
    return out


def _page_paragraphs(textpage) -> list[tuple[str, float]]:
    """A page's text as paragraphs in reading order, each with the height of its tallest line: text runs cut into
    columns and bands (XY-cut), then lines merged into paragraphs, words hyphenated at line end rejoined."""
    runs = _turned_runs(textpage)
    if runs is None:
        runs = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = textpage.get_text_bounded(left, bottom, right, top)
            if text.strip():
                runs.append((left, bottom, right, top, text))
    out: list[str] = []
    for region in _xy_cut(runs, 0):
        out.extend(_paragraphs(region))
    return out


TURNED_CHARS = 200_000  # characters read on a page set at an angle (one character at a time, in Python)


def _turned_runs(textpage) -> list | None:
    """The runs of a page whose text is set at an angle (a landscape page turned by /Rotate, a sheet of sideways
    text), or None when most of its characters are upright. PDFium's rectangles and its reading order then fail
    (one rectangle per character; 's e d a d i v i t c a' was read): the characters' boxes are turned by the
    text's angle so that it runs left to right, then grouped into lines, each line a run."""
    import pypdfium2.raw as raw

    count = textpage.count_chars()
    angles = [raw.FPDFText_GetCharAngle(textpage.raw, i) for i in range(0, count, max(1, count // 24))
              if not raw.FPDFText_IsGenerated(textpage.raw, i)]
    turned = [round(math.degrees(a)) % 360 for a in angles if abs(math.remainder(a, math.tau)) > math.pi / 4]
    if not angles or len(turned) * 2 <= len(angles):
        return None
    angle = math.radians(max(set(turned), key=turned.count))  # PDFium's angle runs clockwise
    cos, sin = math.cos(angle), math.sin(angle)
    chars = []
    for i in range(min(count, TURNED_CHARS)):
        if raw.FPDFText_IsGenerated(textpage.raw, i):
            continue
        char = chr(raw.FPDFText_GetUnicode(textpage.raw, i))
        if char.isspace() or not char.isprintable():
            continue
        left, bottom, right, top = textpage.get_charbox(i, loose=True)  # the font's height, the glyph's advance
        points = [(x * cos - y * sin, x * sin + y * cos) for x, y in ((left, bottom), (right, top))]
        chars.append((min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points),
                      max(p[1] for p in points), char))
    if not chars:
        return []
    heights = sorted(c[3] - c[1] for c in chars)
    size = max(heights[len(heights) // 2], 1.0)
    lines: list[list] = []
    for c in sorted(chars, key=lambda c: -(c[1] + c[3])):
        middle = (c[1] + c[3]) / 2
        if lines and abs(lines[-1][0] - middle) <= size / 2:
            lines[-1][1].append(c)
        else:
            lines.append([middle, [c]])
    runs = []
    for _, members in lines:
        members.sort(key=lambda c: c[0])
        text = members[0][4]
        for before, c in zip(members, members[1:]):
            # A gap of more than an eighth of the line's height is a word space (a space is a quarter of an em).
            text += (" " if c[0] - before[2] > size / 8 else "") + c[4]
        runs.append((members[0][0], min(c[1] for c in members), max(c[2] for c in members),
                     max(c[3] for c in members), text))
    return runs


def _gaps(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The empty stretches between intervals: (cut point in the middle, width)."""
    spans = sorted(spans)
    out = []
    reach = spans[0][1]
    for lo, hi in spans[1:]:
        if lo > reach:
            out.append(((reach + lo) / 2, lo - reach))
        reach = max(reach, hi)
    return out


def _split(runs: list, cuts: list[float], centre) -> list[list]:
    parts: list[list] = [[] for _ in range(len(cuts) + 1)]
    for r in runs:
        parts[sum(1 for c in cuts if centre(r) > c)].append(r)
    return parts


def _xy_cut(runs: list, depth: int) -> list[list]:
    """Regions in reading order: columns left to right (a gutter no run crosses), else bands top to bottom (a gap
    well beyond the region's own line spacing, so double-spaced text stays one region)."""
    if len(runs) < 2 or depth > 12:
        return [runs]
    heights = sorted(r[3] - r[1] for r in runs)
    line = max(heights[len(heights) // 2], 1.0)
    columns = [c for c, width in _gaps([(r[0], r[2]) for r in runs]) if width >= 1.5 * line]
    if columns:
        parts = _split(runs, columns, lambda r: (r[0] + r[2]) / 2)
        # a gutter only when each side has lines of its own: two words far apart on one line are no columns
        if all(len({round(r[1]) for r in p}) >= 2 for p in parts):
            return [region for p in parts for region in _xy_cut(p, depth + 1)]
    gaps = _gaps([(-r[3], -r[1]) for r in runs])
    if gaps:
        widths = sorted(w for _, w in gaps)
        spacing = widths[len(widths) // 2]
        bands = [c for c, width in gaps if width >= max(1.2 * line, 2 * spacing)]
        parts = _split(runs, bands, lambda r: -(r[1] + r[3]) / 2)
        if len(parts) > 1 and all(parts):
            return [region for p in parts for region in _xy_cut(p, depth + 1)]
    return [runs]


_HYPHEN_END = re.compile(r"(\w)[-\u00ad\u2010\x02]$")


def _paragraphs(runs: list) -> list[tuple[str, float]]:
    if not runs:
        return []
    runs = sorted(runs, key=lambda r: (-r[3], r[0]))
    lines: list[list] = []
    for r in runs:
        if lines:
            last = lines[-1]
            mid = (r[1] + r[3]) / 2
            if last[1] <= mid <= last[2]:  # same line: its middle within the line's height
                last[3].append(r)
                continue
        lines.append([r[0], r[1], r[3], [r]])
    # a paragraph break: a gap beyond 0.8 of a line's height and beyond 1.6 times the usual gap between lines
    heights = sorted(line[2] - line[1] for line in lines)
    gaps = sorted(a[1] - b[2] for a, b in zip(lines, lines[1:])) or [0.0]
    # the lower median: on a short page (a headline, two short paragraphs) breaks are half the gaps
    threshold = max(0.8 * heights[len(heights) // 2], 1.6 * gaps[(len(gaps) - 1) // 2])
    paragraphs: list[tuple[str, float]] = []
    current, tallest = "", 0.0
    previous = None
    for _, bottom, top, parts in lines:
        text = " ".join(CONTROL.sub(" ", p[4].replace("\x02", "-").replace("\ufffe", "-")).strip()
                        for p in sorted(parts, key=lambda p: p[0]))
        height = top - bottom
        if previous is not None and previous[0] - top > threshold:
            paragraphs.append((current, tallest))
            current, tallest = "", 0.0
        if not current:
            current = text
        elif _HYPHEN_END.search(current, len(current) - 2) and text[:1].islower():
            current = current[:-1] + text
        else:
            current = current + " " + text
        tallest = max(tallest, height)
        previous = (bottom, top)
    if current:
        paragraphs.append((current, tallest))
    return paragraphs


# ---------------------------------------------------------------------------------------------------- zip


class _Zip:
    """An office file's zip, read within bounds: declared sizes and ratios checked before inflating anything,
    inflated bytes counted as they come (declared sizes lie)."""

    def __init__(self, body: bytes, limits: FileLimits):
        self.limits = limits
        self.inflated = 0
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(body))
            infos = self.zf.infolist()
        except Exception as exc:  # see _open_zip
            raise FileRefused(Reason.MALFORMED_FILE.value, f"zip: {exc}"[:200]) from None
        if any(i.flag_bits & 0x1 for i in infos):
            raise FileRefused(Reason.ENCRYPTED.value)
        declared = sum(i.file_size for i in infos)
        if declared > limits.max_unzipped_bytes:
            raise FileRefused(Reason.ZIP_BOMB.value)
        for i in infos:
            if i.file_size > 16 << 20 and i.file_size > MAX_STREAM_RATIO * max(i.compress_size, 1):
                raise FileRefused(Reason.ZIP_BOMB.value)
        self.names = {i.filename for i in infos}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.zf.close()

    def chunks(self, name: str):
        """A member's bytes, 1 MB at a time, counted against the bound as they are inflated."""
        with self.zf.open(name) as f:
            while chunk := f.read(1 << 20):
                self.inflated += len(chunk)
                if self.inflated > self.limits.max_unzipped_bytes:
                    raise FileRefused(Reason.ZIP_BOMB.value)
                yield chunk

    def read(self, name: str, cap: int) -> tuple[bytes, bool]:
        """A member's bytes (at most `cap`), and whether it was cut; b'' when absent."""
        if name not in self.names:
            return b"", False
        out = bytearray()
        for chunk in self.chunks(name):
            out += chunk
            if len(out) >= cap:
                del out[cap:]
                return bytes(out), True
        return bytes(out), False

    def xml(self, name: str, budget: _Budget):
        """A member parsed safely (no DTD, no entities, no network, tolerant), or None when absent."""
        data, cut = self.read(name, MAX_XML_PART)
        if not data:
            return None
        if cut:
            budget.hit(Detailed.FILE_PART_TOO_LARGE(f"{MAX_XML_PART >> 20} MB of {name}"))
            budget.stopped = False
        return _parse_xml(data, name)


def _parse_xml(data: bytes, name: str):
    # Office XML never declares a DTD: one that does is built to expand entities (billion laughs).
    if re.search(rb"<!(DOCTYPE|ENTITY)", data[:65536]) or b"\x00<\x00!" in data[:65536]:
        raise FileRefused(Reason.XML_ENTITIES.value)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             recover=True, remove_comments=True, remove_pis=True)
    root = etree.fromstring(data, parser)
    if root is None:
        raise FileRefused(Reason.MALFORMED_FILE.value, f"unreadable XML in {name}")
    if root.getroottree().docinfo.internalDTD is not None:
        raise FileRefused(Reason.XML_ENTITIES.value)
    return root


# ---------------------------------------------------------------------------------------------------- OOXML

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DC = "{http://purl.org/dc/elements/1.1/}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_HEADING = re.compile(r"(?:heading|t[ií]tulo|encabezado|ttulo)\s*(\d)", re.I)


def _ooxml_core(zf: _Zip, budget: _Budget) -> None:
    core = zf.xml("docProps/core.xml", budget)
    if core is None:
        return
    def one(tag):
        el = core.find(tag)
        return "".join(el.itertext()) if el is not None else ""
    _metadata(budget, {"Title": one(f"{DC}title"), "Subject": one(f"{DC}subject"),
                       "Author": one(f"{DC}creator"), "Keywords": one(f"{CP}keywords")})


MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_W_TEXT = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr")
# A text box is read as paragraphs of its own; the copy of a drawing Word keeps for older readers is not read at all.
_W_APART = (f"{W}txbxContent", f"{MC}Fallback")


def _w_text(el) -> str:
    """A paragraph's (or cell's) text, without the text boxes anchored in it and without alternate copies: a text box
    glued to its anchor ('…cumplido!Con la secretaria…Requisitos para…') was read as one sentence, twice."""
    if el.find(f".//{W}txbxContent") is None and el.find(f".//{MC}Fallback") is None:
        nodes = el.iter(*_W_TEXT)
    else:
        nodes = _w_nodes(el)
    return "".join(node.text or "" if node.tag == f"{W}t" else " " for node in nodes)


def _w_nodes(el):
    stack = [iter(el)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
        elif node.tag in _W_TEXT:
            yield node
        elif isinstance(node.tag, str) and node.tag not in _W_APART:
            stack.append(iter(node))


def _read_copy(el) -> bool:
    """Is `el` outside every alternate copy (mc:Fallback), so that it is read once?"""
    return next(el.iterancestors(f"{MC}Fallback"), None) is None


def _text_boxes(p) -> list:
    """The paragraphs of the text boxes anchored in paragraph `p`, in order, each box once (a box inside a box is
    read with the outer one)."""
    return [inner for box in p.iter(f"{W}txbxContent")
            if _read_copy(box) and next(box.iterancestors(f"{W}txbxContent"), None) is None
            for inner in box.iter(f"{W}p")]


def _heading_level(style_id: str, name: str, outline: str | None) -> int:
    """A paragraph style's heading level (1-6), or 0: its outline level, else its name or id ("Heading 2",
    "Título 1", "Ttulo1" as Spanish Word writes the id, "Title")."""
    if outline is not None and outline.isdigit() and int(outline) < 9:
        return min(int(outline) + 1, 6)
    for text in (name, style_id):
        m = _HEADING.search(text or "")
        if m:
            return min(max(int(m.group(1)), 1), 6)
        if (text or "").strip().lower() in ("title", "titulo", "título", "ttulo"):
            return 1
    return 0


def _docx_styles(zf: _Zip, budget: _Budget) -> dict[str, int]:
    styles = zf.xml("word/styles.xml", budget)
    levels = {}
    for style in styles.iter(f"{W}style") if styles is not None else ():
        sid = style.get(f"{W}styleId") or ""
        name = style.find(f"{W}name")
        outline = style.find(f"{W}pPr/{W}outlineLvl")
        level = _heading_level(sid, name.get(f"{W}val") if name is not None else "",
                               outline.get(f"{W}val") if outline is not None else None)
        if level:
            levels[sid] = level
    return levels


def _docx_kind(p, levels: dict[str, int]) -> str:
    outline = p.find(f"{W}pPr/{W}outlineLvl")
    style = p.find(f"{W}pPr/{W}pStyle")
    sid = style.get(f"{W}val") or "" if style is not None else ""
    level = _heading_level(sid, "", outline.get(f"{W}val") if outline is not None else None) or levels.get(sid, 0)
    return f"h{level}" if level else "p"


def _walk(root, handled: set[str], budget: _Budget, location: str):
    """The elements of `root` whose tag is in `handled`, in document order, not looked into; every other element is
    walked through. Iterative (a hostile file nests thousands deep), and it ends when the budget is spent or out of
    time (checked every 2,000 elements)."""
    stack = [iter(root)]
    seen = 0
    while stack and not budget.stopped:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            continue
        seen += 1
        if seen % 2000 == 0 and budget.out_of_time(f"{location}: the rest"):
            return
        if el.tag in handled:
            yield el
        elif isinstance(el.tag, str):
            stack.append(iter(el))


def _docx_part(root, budget: _Budget, location: str, tables: list[int] | None, levels: dict[str, int]) -> None:
    """Body paragraphs in order (headings by style); tables cell by cell as 'table N' (without `tables`, a table's
    paragraphs are read one by one)."""
    for el in _walk(root, {f"{W}p", f"{W}tbl"} if tables is not None else {f"{W}p"}, budget, location):
        if el.tag == f"{W}p":
            budget.add(_docx_kind(el, levels), _w_text(el), location)
            for inner in _text_boxes(el):
                budget.add("p", _w_text(inner), location)
            continue
        tables[0] += 1
        number = tables[0]
        for cell in el.iter(f"{W}tc"):
            if budget.out_of_time(f"table {number}"):
                return
            if _read_copy(cell):
                budget.add("td", " ".join(_w_text(p) for p in cell.iter(f"{W}p") if _read_copy(p)), f"table {number}")


def _docx(zf: _Zip, budget: _Budget) -> None:
    _ooxml_core(zf, budget)
    root = zf.xml("word/document.xml", budget)
    if root is None:
        raise FileRefused(Reason.MALFORMED_FILE.value, "no word/document.xml")
    body = root.find(f"{W}body")
    levels = _docx_styles(zf, budget)
    _docx_part(body if body is not None else root, budget, "body", [0], levels)
    for prefix, location in (("word/header", "header"), ("word/footer", "footer"), ("word/footnotes", "footnotes"),
                             ("word/endnotes", "endnotes")):
        for name in sorted(n for n in zf.names if n.startswith(prefix) and n.endswith(".xml")):
            if budget.stopped or budget.out_of_time(location):
                return
            part = zf.xml(name, budget)
            if part is not None:
                _docx_part(part, budget, location, None, levels)  # a table in a header: paragraph by paragraph


_CELL = re.compile(r"([A-Z]{1,3})(\d{1,7})")


def _sheet_name(name: str) -> str:
    return _clean(name).replace('"', "'")[:60] or "?"


def _column(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _row_block(budget: _Budget, sheet: str, row: int, cells: list[tuple[int, str]]) -> bool:
    """One block per row (cells joined by spaces): a phrase or a boast with its figure spread over a row's cells is
    one text, and the location still names the cells it came from."""
    cells = [(c, t) for c, t in cells if _clean(t)]
    if not cells:
        return True
    first, last = cells[0][0], cells[-1][0]
    where = f"{_column(first)}{row}" + (f":{_column(last)}{row}" if last != first else "")
    budget.cells += len(cells)
    if budget.cells > budget.limits.max_cells:
        budget.hit(Detailed.FILE_TOO_MANY_CELLS(f"{budget.limits.max_cells}"))
        return False
    return budget.add("td", " ".join(t for _, t in cells), f'sheet "{sheet}" {where}')


def _xlsx(zf: _Zip, budget: _Budget) -> None:
    _ooxml_core(zf, budget)
    workbook = zf.xml("xl/workbook.xml", budget)
    if workbook is None:
        raise FileRefused(Reason.MALFORMED_FILE.value, "no xl/workbook.xml")
    rels = zf.xml("xl/_rels/workbook.xml.rels", budget)
    targets = {}
    if rels is not None:
        for rel in rels.iter(f"{REL}Relationship"):
            target = rel.get("Target") or ""
            targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    shared: list[str] = []
    strings = zf.xml("xl/sharedStrings.xml", budget)
    if strings is not None:
        for si in strings.iter(f"{S}si"):
            shared.append("".join(t.text or "" for t in si.iter(f"{S}t")))
            if len(shared) > budget.limits.max_cells:
                break
    for sheet in workbook.iter(f"{S}sheet"):
        name = _sheet_name(sheet.get("name") or "")
        if budget.stopped or budget.out_of_time(f'sheet "{name}"'):
            return
        budget.add("h2", name, f'sheet "{name}"')
        part = targets.get(sheet.get(f"{R}id"))
        if not part:
            continue
        if part in zf.names:
            _xlsx_rows(zf, part, name, shared, budget)


def _xlsx_rows(zf: _Zip, part: str, name: str, shared: list[str], budget: _Budget) -> None:
    # Streamed: the sheet is inflated and parsed 1 MB at a time and each row dropped once read, so a big sheet
    # never becomes one tree nor one buffer.
    parser = etree.XMLPullParser(events=("end",), tag=f"{S}row", resolve_entities=False, no_network=True,
                                 load_dtd=False, huge_tree=False, recover=True)
    previous = 0
    first = True
    for chunk in zf.chunks(part):
        if first and re.search(rb"<!(DOCTYPE|ENTITY)", chunk[:65536]):
            raise FileRefused(Reason.XML_ENTITIES.value)
        first = False
        parser.feed(chunk)
        for _, row in parser.read_events():
            previous = _xlsx_row(row, previous, name, shared, budget)
            if previous < 0:
                return
    parser.close()


def _xlsx_row(row, previous: int, name: str, shared: list[str], budget: _Budget) -> int:
    """Read one row into a block and drop it; its number, or -1 once a bound stops the reading."""
    r = row.get("r") or ""
    number = int(r) if r.isdigit() and len(r) < 8 else previous + 1
    cells = []
    for i, c in enumerate(row.iter(f"{S}c")):
        ref = _CELL.match(c.get("r") or "")
        col = 0
        if ref:
            for ch in ref.group(1):
                col = col * 26 + ord(ch) - 64
        else:
            col = i + 1
        t = c.get("t")
        if t == "inlineStr":
            text = "".join(x.text or "" for x in c.iter(f"{S}t"))
        else:
            v = c.find(f"{S}v")
            text = v.text or "" if v is not None else ""
            if t == "s":
                try:
                    text = shared[int(text)]
                except (ValueError, IndexError):
                    text = ""
        cells.append((col, text))
    row.clear()
    parent = row.getparent()
    while parent is not None and row.getprevious() is not None:
        del parent[0]
    if not _row_block(budget, name, number, sorted(cells)) or budget.out_of_time(f'sheet "{name}" after row {number}'):
        return -1
    return number


# ---------------------------------------------------------------------------------------------------- ODF

O_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
O_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
O_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
O_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
O_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _odf_text(el) -> str:
    out = [el.text or ""]
    for child in el:
        if child.tag in (f"{O_TEXT}s", f"{O_TEXT}tab", f"{O_TEXT}line-break"):
            out.append(" ")
        elif child.tag not in (f"{O_TEXT}note",):
            out.append(_odf_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _odf_meta(zf: _Zip, budget: _Budget) -> None:
    meta = zf.xml("meta.xml", budget)
    if meta is None:
        return
    def one(*tags):
        return " ".join("".join(e.itertext()) for tag in tags for e in meta.iter(tag))
    _metadata(budget, {"Title": one(f"{DC}title"), "Subject": one(f"{DC}subject"),
                       "Author": one(f"{DC}creator", f"{O_META}initial-creator"), "Keywords": one(f"{O_META}keyword")})


def _odf_content(zf: _Zip, budget: _Budget):
    manifest, _ = zf.read("META-INF/manifest.xml", 1 << 20)
    if b"encryption-data" in manifest:
        raise FileRefused(Reason.ENCRYPTED.value)
    root = zf.xml("content.xml", budget)
    if root is None:
        raise FileRefused(Reason.MALFORMED_FILE.value, "no content.xml")
    return root


def _odt(zf: _Zip, budget: _Budget) -> None:
    _odf_meta(zf, budget)
    root = _odf_content(zf, budget)
    tables = 0
    body = root.find(f"{O_OFFICE}body")
    for el in _walk(body if body is not None else root, {f"{O_TEXT}h", f"{O_TEXT}p", f"{O_TABLE}table"}, budget,
                    "body"):
        if el.tag == f"{O_TEXT}h":
            level = el.get(f"{O_TEXT}outline-level") or "1"
            budget.add(f"h{min(int(level), 6) if level.isdigit() and level != '0' else 1}", _odf_text(el), "body")
        elif el.tag == f"{O_TEXT}p":
            budget.add("p", _odf_text(el), "body")
        else:
            tables += 1
            for cell in el.iter(f"{O_TABLE}table-cell"):
                budget.add("td", " ".join(_odf_text(p) for p in cell.iter(f"{O_TEXT}p", f"{O_TEXT}h")), f"table {tables}")
    styles = zf.xml("styles.xml", budget)
    if styles is not None:
        for tag, location in ((f"{O_STYLE}header", "header"), (f"{O_STYLE}footer", "footer")):
            for part in styles.iter(tag):
                for p in part.iter(f"{O_TEXT}p", f"{O_TEXT}h"):
                    budget.add("p", _odf_text(p), location)


def _ods(zf: _Zip, budget: _Budget) -> None:
    _odf_meta(zf, budget)
    root = _odf_content(zf, budget)
    for table in root.iter(f"{O_TABLE}table"):
        name = _sheet_name(table.get(f"{O_TABLE}name") or "")
        if budget.stopped or budget.out_of_time(f'sheet "{name}"'):
            return
        budget.add("h2", name, f'sheet "{name}"')
        row_number = 0
        for row in table.iter(f"{O_TABLE}table-row"):
            repeat_rows = _repeat(row.get(f"{O_TABLE}number-rows-repeated"))
            cells = []
            col = 0
            for cell in row:
                if cell.tag not in (f"{O_TABLE}table-cell", f"{O_TABLE}covered-table-cell"):
                    continue
                repeat = _repeat(cell.get(f"{O_TABLE}number-columns-repeated"))
                text = " ".join(_odf_text(p) for p in cell.iter(f"{O_TEXT}p"))
                if _clean(text):
                    # repeated non-empty cells are the same text: a few of them say it as well as all
                    for k in range(min(repeat, 3)):
                        cells.append((col + 1 + k, text))
                col += repeat
            for k in range(min(repeat_rows, 3) if cells else 0):
                if not _row_block(budget, name, row_number + 1 + k, cells):
                    return
            row_number += repeat_rows
            if budget.out_of_time(f'sheet "{name}" row {row_number}'):
                return


def _repeat(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1 << 20))
    except ValueError:
        return 1
