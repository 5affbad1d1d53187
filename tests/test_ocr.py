"""Text in images, read by real Tesseract on cards drawn at test time: what is read, what is not and why."""
from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from blindaje.audit import portraits
from blindaje.audit.ocr import OcrEngine, carries_text, fold, ocr_engine
from blindaje.audit.portraits import Analysis, Refused, analysis_from_row, examine, read_text
from blindaje.audit.reasons import Reason, spanish

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
PHOTO = Path(__file__).resolve().parent.parent / "cli" / "demo" / "photos" / "jorge-alberto-trevino-garza.jpg"
engine = ocr_engine()
needs_tesseract = pytest.mark.skipif(isinstance(engine, str) or not FONT.is_file(),
                                     reason=f"OCR: {engine}" if isinstance(engine, str) else
                                     f"the DejaVu fonts are missing ({FONT}; apt-get install fonts-dejavu-core)")
HEADLINE = ["Entregamos apoyos a 15 mil hogares", "de educación básica en Coahuila"]


def card(lines=HEADLINE, size=(1080, 1080), text_px=44, background=(105, 27, 49)) -> Image.Image:
    img = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), text_px)
    draw.ellipse((40, 40, 160, 160), outline="white", width=6)  # the agency's seal
    for i, line in enumerate(lines):
        draw.text((60, 240 + i * int(text_px * 1.4)), line, font=font, fill="white")
    return img


def encoded(img: Image.Image, fmt: str = "PNG") -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt)
    return buf.getvalue()


def words(text: str | None) -> set[str]:
    return set(fold(text or "").split())


@needs_tesseract
def test_a_cards_spanish_headline_is_read():
    analysis = examine(encoded(card()))
    assert isinstance(analysis, Analysis) and analysis.text_status == ""
    assert {"entregamos", "15", "mil", "hogares", "educacion", "basica", "coahuila"} <= words(analysis.text)
    assert analysis.face_status  # the face path ran as before


@needs_tesseract
@pytest.mark.parametrize("turn", [90, 22])
def test_a_turned_or_tilted_card_is_read(turn):
    img = card().rotate(turn, expand=True, fillcolor=(105, 27, 49), resample=Image.Resampling.BICUBIC)
    found = engine.read(img)
    assert {"entregamos", "hogares", "coahuila"} <= words(found.text)
    assert found.note  # says how it was turned


@needs_tesseract
def test_an_icon_is_not_read():
    analysis = examine(encoded(card(["Inicio"], size=(96, 96), text_px=20)))
    assert analysis.text is None and analysis.text_status == Reason.TOO_SMALL_FOR_TEXT
    assert spanish(analysis.text_status) == "imagen demasiado pequeña para llevar texto"


@needs_tesseract
@pytest.mark.parametrize("img", [Image.new("RGB", (1200, 800), "white"),
                                 Image.linear_gradient("L").resize((1000, 700)).convert("RGB")],
                         ids=["blank", "gradient"])
def test_an_image_without_text_costs_little(img):
    start = time.perf_counter()
    analysis = examine(encoded(img), ocr=True)
    assert analysis.text is None and analysis.text_status == Reason.NO_TEXT_REGION
    assert time.perf_counter() - start < 1.0  # decode, hash and the gate only (the gate: a few ms)


@needs_tesseract
def test_a_photo_without_text_yields_no_text():
    with Image.open(PHOTO) as photo:
        img = photo.convert("RGB")
    start = time.perf_counter()
    text, status = read_text(img, engine)
    assert not text and time.perf_counter() - start < 1.0
    assert not carries_text(img)


@needs_tesseract
def test_reading_is_bounded_in_time():
    page = card([f"Línea {i} del boletín con 25 mil apoyos entregados" for i in range(28)], size=(1600, 2000),
                text_px=40, background=(0, 0, 0))
    page = Image.eval(page, lambda v: 255 - v)  # dark text on white, as a scanned page
    start = time.perf_counter()
    found = engine.read(page, max_seconds=0.01)
    assert time.perf_counter() - start < 1.0
    assert found.note == Reason.OCR_TIMED_OUT and found.text == ""


@needs_tesseract
def test_hostile_images_never_crash():
    png = encoded(card())
    assert examine(png, max_pixels=1000) == Refused(Reason.TOO_MANY_PIXELS)  # refused from the header, as before
    truncated = examine(png[: len(png) // 3])
    assert isinstance(truncated, (Analysis, Refused))
    for img in (Image.new("RGB", (0, 0)), Image.new("RGB", (5000, 1)), Image.new("L", (1, 4000))):
        assert not carries_text(img)
        assert engine.read(img).text == ""
    assert isinstance(examine(b"\x89PNG\r\n\x1a\n" + b"\0" * 40), Refused)


@needs_tesseract
def test_the_analysis_round_trips_through_the_cache_with_its_text():
    analysis = examine(encoded(card()))
    back = analysis_from_row(analysis.to_row())
    assert back == analysis or (back.text, back.text_status) == (analysis.text, analysis.text_status)
    assert back.text and "hogares" in back.text
    not_read = examine(encoded(Image.new("RGB", (800, 600), "white")))
    back = analysis_from_row(not_read.to_row())
    assert (back.text, back.text_status) == (None, Reason.NO_TEXT_REGION)


def test_without_an_engine_the_analysis_says_why(monkeypatch):
    monkeypatch.setattr(portraits, "ocr_engine", lambda: Reason.OCR_NOT_INSTALLED)
    analysis = examine(encoded(Image.new("RGB", (800, 600), (105, 27, 49))))
    assert analysis.text is None
    assert analysis.text_status == "no OCR engine: Tesseract not installed (pip install tesserocr)"
    assert spanish(analysis.text_status).startswith("texto de imágenes no leído")
    back = analysis_from_row(analysis.to_row())
    assert (back.text, back.text_status) == (None, analysis.text_status)


def test_without_ocr_the_analysis_is_the_faces_and_hash_only():
    analysis = examine(encoded(Image.new("RGB", (800, 600), "white")), ocr=False)
    assert (analysis.text, analysis.text_status) == (None, Reason.OCR_OFF)


def test_an_analysis_cached_before_ocr_reads_as_not_read():
    old = {"analysis": '{"v": "3", "phash": "0000000000000000", "width": 10, "height": 10, "face_status": "checked",'
                       ' "faces_total": 0, "faces": []}', "refused": ""}
    back = analysis_from_row(old)
    assert (back.text, back.text_status) == (None, "")


def test_the_engine_is_one_per_process():
    assert ocr_engine() is ocr_engine()
    assert isinstance(ocr_engine(), (OcrEngine, str))


@needs_tesseract
def test_a_textured_image_without_a_word_is_read_once(monkeypatch):
    """A photo-like image (textured all over) whose first reading finds no word is not read again turned,
    straightened or thresholded; a card on a flat background that reads poorly is."""
    import numpy as np

    from blindaje.audit import ocr

    rng = np.random.default_rng(7)
    noise = Image.fromarray(rng.integers(0, 255, (600, 800), dtype=np.uint8)).convert("RGB")
    readings = []
    real = OcrEngine._recognise
    monkeypatch.setattr(OcrEngine, "_recognise", lambda self, grey, deadline: readings.append(1) or
                        real(self, grey, deadline))
    assert ocr._busy(noise.convert("L")) and not ocr._busy(card().convert("L"))
    found = engine.read(noise)
    assert not found.words and len(readings) == 1
    readings.clear()
    turned = card().rotate(90, expand=True)
    assert words(engine.read(turned).text) >= {"entregamos", "hogares"} and len(readings) > 1
