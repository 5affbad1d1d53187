"""Document text extraction by library: CPU ms per PDF page, column order, hostile PDFs; office files per library."""
from __future__ import annotations

import argparse
import io
import statistics
import time

from benchmarks import files_corpus as fc


def cpu_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def pdfium_raw(body: bytes) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(body)
    out = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    pdf.close()
    return "\n".join(out)


def blindaje(body: bytes) -> str:
    from blindaje.audit.files import extract

    return "\n".join(b.text for b in extract("u", body, "pdf").blocks)


def pdfminer(body: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(body))


def pypdf(body: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)


PDF_READERS = {"blindaje (pypdfium2 + layout)": blindaje, "pypdfium2 text only": pdfium_raw,
               "pdfminer.six": pdfminer, "pypdf": pypdf}


def quality(reader) -> dict[str, str]:
    left = fc.wrap("Izquierda uno dos tres cuatro cinco seis siete. " * 3, 230)
    right = fc.wrap("Derecha ocho nueve diez once doce trece catorce. " * 3, 230)
    text = " ".join(reader(fc.pdf([], columns=[(left, right)])).split())
    columns = "yes" if text.rfind("siete") < text.find("Derecha") else "no"
    text = " ".join(reader(fc.pdf([["Este año construi-", "mos dos puentes."]])).split())
    hyphen = "yes" if "construimos" in text else "no"
    return {"columns": columns, "hyphen": hyphen}


def robustness(reader) -> dict[str, str]:
    cases = {"truncated": fc.text_pdf(4)[:3000], "encrypted": fc.pdf([["x"]], password="k"),
             "huge /Count": fc.pdf_huge_page_count(), "deep nesting": fc.pdf_deep_nesting()}
    out = {}
    for name, body in cases.items():
        try:
            start = time.process_time()
            reader(body)
            out[name] = f"read ({(time.process_time() - start) * 1000:.0f} ms)"
        except Exception as exc:  # what each library does with it is the point
            out[name] = type(exc).__name__
    return out


def office(runs: int) -> None:
    from blindaje.audit.files import extract

    paragraphs = [fc.PROSE[:300]] * 2000
    docx = fc.docx(paragraphs=paragraphs, table=[["a", "b", "c"]] * 200)
    cells = {f"{col}{row}": f"texto {row}" for row in range(1, 5001) for col in "ABCD"}
    xlsx = fc.xlsx({"Datos": cells})

    def python_docx():
        import docx as python_docx

        d = python_docx.Document(io.BytesIO(docx))
        return [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]

    def openpyxl_read():
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True)
        return [v for ws in wb for row in ws.iter_rows(values_only=True) for v in row]

    print("\noffice files: median CPU ms per file")
    print(f"  DOCX, 2,000 paragraphs + 600 cells: blindaje (zip + lxml) {cpu_ms(lambda: extract('u', docx, 'docx'), runs):.0f}"
          f"  python-docx {cpu_ms(python_docx, runs):.0f}")
    print(f"  XLSX, 20,000 cells: blindaje (zip + lxml, streamed) {cpu_ms(lambda: extract('u', xlsx, 'xlsx'), runs):.0f}"
          f"  openpyxl read-only {cpu_ms(openpyxl_read, runs):.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    body = fc.text_pdf(args.pages)
    print(f"text PDF: {args.pages} pages of about 450 words, {len(body) // 1024} KB; median of {args.runs} runs")
    print(f"{'library':32} {'ms/page':>8}  columns  hyphen  robustness")
    for name, reader in PDF_READERS.items():
        try:
            __import__({"pdfminer.six": "pdfminer", "pypdf": "pypdf"}.get(name, "pypdfium2"))
        except ImportError:
            print(f"{name:32} not installed")
            continue
        ms = cpu_ms(lambda: reader(body), args.runs) / args.pages
        q = quality(reader)
        r = robustness(reader)
        print(f"{name:32} {ms:8.1f}  {q['columns']:7}  {q['hyphen']:6}  " + ", ".join(f"{k}: {v}" for k, v in r.items()))
    office(args.runs)


if __name__ == "__main__":
    main()
