"""The documents benchmark's corpus (benchmarks/documents_corpus.py): every file builds and opens with its library,
the labels cover exactly the built files, and enough of the corpus is clean (allowed content)."""

import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

pytest.importorskip("reportlab")
pytest.importorskip("docx")
pytest.importorskip("openpyxl")

import documents_corpus as corpus  # noqa: E402


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("documents")
    return corpus.build(out)


def test_at_least_64_files_of_every_type(built):
    assert len(built) >= 64
    assert len({p.name for p in built}) == len(built)
    kinds = {p.suffix.lower() for p in built}
    assert {".pdf", ".docx", ".xlsx", ".png", ".jpg"} <= kinds


def test_every_file_opens_with_its_library(built):
    import docx
    import openpyxl
    from PIL import Image

    try:
        import pypdf
    except ImportError:  # pragma: no cover - pypdf is optional here
        pypdf = None
    for path in built:
        suffix = path.suffix.lower()
        if suffix == ".pdf":
            data = path.read_bytes()
            assert data.startswith(b"%PDF-") and len(data) > 1000, path.name
            if pypdf:
                pages = len(pypdf.PdfReader(path).pages)
                assert 1 <= pages <= 6, (path.name, pages)
        elif suffix == ".docx":
            assert zipfile.is_zipfile(path)
            assert docx.Document(str(path)).paragraphs, path.name
        elif suffix == ".xlsx":
            assert openpyxl.load_workbook(path).sheetnames, path.name
        else:
            with Image.open(path) as img:
                img.verify()
            with Image.open(path) as img:
                assert min(img.size) >= 600, path.name


def test_labels_cover_exactly_the_built_files(built):
    labels = corpus.load_labels()
    assert set(labels) == {p.name for p in built}
    for name, rules in labels.items():
        assert rules <= set(corpus.RULES), name
    # the committed labels.yaml is the one the corpus module writes
    assert corpus.LABELS_FILE.read_text(encoding="utf-8") == corpus.labels_yaml()


def test_enough_clean_files_and_every_rule_has_positives():
    labels = corpus.load_labels()
    clean = sum(1 for rules in labels.values() if not rules)
    assert clean / len(labels) >= 0.45
    for rule in corpus.RULES:
        assert sum(rule in rules for rules in labels.values()) >= 8, rule


def test_metadata_only_violations_live_in_the_metadata(built):
    """A file labelled 'metadata-only' keeps its body free of the violation: the metadata carries text the body
    does not."""
    by_name = {p.name: p for p in built}
    for item in corpus.CORPUS:
        if "metadata-only" not in item.features:
            continue
        path = by_name[item.name]
        if path.suffix == ".pdf":
            pypdf = pytest.importorskip("pypdf")
            reader = pypdf.PdfReader(path)
            title = reader.metadata.title
            body = " ".join(p.extract_text() or "" for p in reader.pages)
        elif path.suffix == ".docx":
            import docx
            d = docx.Document(str(path))
            title = d.core_properties.title
            body = " ".join(p.text for p in d.paragraphs)
        else:
            import openpyxl
            wb = openpyxl.load_workbook(path)
            title = wb.properties.title
            body = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)
        assert title and title not in body, item.name
