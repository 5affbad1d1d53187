"""Text in an image's pixels (infographic cards, banners, scanned pages), read by Tesseract's Spanish model.

Tesseract is driven through tesserocr, its C API: the model stays loaded in the process, ~80 ms a 1,080 px card,
where pytesseract starts a `tesseract` process per image (~180 ms single-threaded, ~700 ms with its OpenMP threads on
two shared cores; MEASURED in the README). tesserocr's wheel carries its own libtesseract; the language files
(`spa.traineddata`, `osd.traineddata`) come from the system's tessdata folder (Debian: tesseract-ocr-spa).
"""
from __future__ import annotations

import logging
import os
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from blindaje.audit.reasons import Detailed, Reason

log = logging.getLogger("blindaje.audit")

LANGUAGE = "spa"
# Where Debian, Fedora, Alpine and Homebrew put the language files; TESSDATA_PREFIX is Tesseract's own variable.
TESSDATA_FOLDERS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                    "/usr/share/tesseract-ocr/tessdata", "/usr/share/tessdata", "/usr/local/share/tessdata",
                    "/opt/homebrew/share/tessdata")
MIN_SIDE = 120  # icons, buttons and bullets carry no sentence worth reading
MIN_AREA = 40_000
OCR_SIDE = 2000  # the long side Tesseract sees at most: a scanned page's 10 pt text is still ~25 px there
OCR_PIXELS = 3_000_000  # and the pixels: a tall banner is read at a bounded cost
SMALL_SIDE = 1000  # an image under this long side is read at twice its size: small text is read better upscaled
MIN_WORD_CONFIDENCE = 45  # Tesseract's words under this are noise (a photo's textures read as letters)
# A first reading this sure, with GOOD_WORDS clean words (letters only, or figures only) of three or more, is not
# tried otherwise: upright cards read at 93-97; a card turned 90° read as it is gives fragments ('L9Sb EZT 008 ap') at
# 65-80.
GOOD_CONFIDENCE = 88
GOOD_WORDS = 3
# The gate: on a copy at GATE_SIDE, a stroke is a strong rise of brightness followed within STROKE px by a strong
# fall (light text on dark) or the reverse (dark text on light); text packs many strokes into a few blocks.
GATE_SIDE = 512
EDGE = 48  # of 255: text is drawn to be read, with contrast
STROKE = 5
BLOCK = 16
# Share of a block's pixels in a stroke: text of 22-72 px on the benchmark's cards 0.18-0.5 in its densest blocks;
# the demo's drawn portrait (flat shapes, a bokeh background) 0.12 at most.
STROKE_DENSITY = 0.15
BRIGHT, DARK = 215, 40  # of 255: a headline over a photo is white or black, rarely the photo's own tone
MIN_INK, MAX_INK = 0.003, 0.4  # share of such pixels for them to be text rather than nothing or a background
SKEW_ANGLES = np.arange(-40, 41, 2.5)  # degrees tried to straighten a tilted card (Tesseract reads ~±5°)


@dataclass
class OcrText:
    """What Tesseract read in an image: the text (lines joined by newlines), its words and their mean confidence."""

    text: str
    words: int
    confidence: float  # mean of the words' confidences, 0-100
    seconds: float
    note: str = ""  # e.g. 'OCR timed out', 'rotated 90°', 'straightened 20°'


def carries_text(img: Image.Image) -> bool:
    """Whether an image is big enough and has somewhere the dense, contrasted strokes that text makes (a few ms)."""
    return _size_ok(img) and _text_like(img)


def _size_ok(img: Image.Image) -> bool:
    return min(img.size) >= MIN_SIDE and img.width * img.height >= MIN_AREA


def _text_like(img: Image.Image) -> bool:
    small = _reduced(img, GATE_SIDE)
    small.thumbnail((GATE_SIDE, GATE_SIDE), Image.Resampling.BILINEAR, reducing_gap=2.0)
    a = np.asarray(small.convert("L"), dtype=np.int16)
    if min(a.shape) < 2 * STROKE:
        return False
    strokes = np.zeros(a.shape, bool)
    strokes[:, :-1] |= _strokes(a[:, 1:] - a[:, :-1])  # the upright strokes of a line of text
    strokes[:-1, :] |= _strokes((a[1:, :] - a[:-1, :]).T).T  # and those of a line turned 90°
    rows, cols = a.shape[0] // BLOCK, a.shape[1] // BLOCK
    if not rows or not cols:
        return bool(strokes.mean() > STROKE_DENSITY)
    density = strokes[:rows * BLOCK, :cols * BLOCK].reshape(rows, BLOCK, cols, BLOCK).mean(axis=(1, 3))
    dense = density > STROKE_DENSITY
    # two blocks side by side (or one above the other, text turned 90°): a word, not a lone edge
    return bool((dense[:, 1:] & dense[:, :-1]).any() or (dense[1:, :] & dense[:-1, :]).any())


BUSY_BLOCKS = 0.6  # a photo: more than this share of its 8x8 blocks textured (a card's background is flat)


def _busy(grey: Image.Image) -> bool:
    """Is the image textured nearly all over, as a photo is? Where the first reading found no word at all in such an
    image, its variants (turned, straightened, thresholded) find none either and cost three readings more (the 20
    crowd photos of benchmarks/images.py: 3.5 readings each before, 1.15 now, none with text; OCR of its 209 images
    15.1 -> 11.6 s of CPU); a card's flat background keeps it under the bound, so a card that reads poorly (turned,
    tilted) still gets them, and so does text over a photo that the first reading glimpsed."""
    small = grey.copy()
    small.thumbnail((256, 256), Image.Resampling.BILINEAR)
    a = np.asarray(small, dtype=np.float32)
    rows, cols = a.shape[0] // 8, a.shape[1] // 8
    if not rows or not cols:
        return False
    blocks = a[:rows * 8, :cols * 8].reshape(rows, 8, cols, 8).std(axis=(1, 3))
    return bool((blocks > 12).mean() > BUSY_BLOCKS)


def _strokes(grad: np.ndarray) -> np.ndarray:
    """Where a strong rise along each row is followed within STROKE pixels by a strong fall, or the reverse."""
    rise, fall = grad > EDGE, grad < -EDGE
    found = np.zeros(grad.shape, bool)
    for k in range(1, STROKE + 1):
        found[:, :-k] |= rise[:, :-k] & fall[:, k:] | fall[:, :-k] & rise[:, k:]
    return found


def _tessdata() -> Path | None:
    folders = [os.environ["TESSDATA_PREFIX"]] if os.environ.get("TESSDATA_PREFIX") else []
    for folder in (*folders, *TESSDATA_FOLDERS):
        for path in (Path(folder), Path(folder) / "tessdata"):
            if (path / f"{LANGUAGE}.traineddata").is_file():
                return path
    return None


class OcrEngine:
    """Tesseract's Spanish LSTM model, loaded once; its orientation model when there, for cards turned 90°."""

    def __init__(self, tessdata: Path):
        import tesserocr
        from tesserocr import OEM, PSM, PyTessBaseAPI

        _quiet_leptonica(Path(tesserocr.__file__).parent.parent)
        self.api = PyTessBaseAPI(path=str(tessdata) + os.sep, lang=LANGUAGE, psm=PSM.AUTO, oem=OEM.LSTM_ONLY)
        self.osd = PyTessBaseAPI(path=str(tessdata) + os.sep, lang="osd", psm=PSM.OSD_ONLY) \
            if (tessdata / "osd.traineddata").is_file() else None
        self.version = _version(tesserocr)

    def read(self, img: Image.Image, *, max_seconds: float = 5.0) -> OcrText:
        """The text in an image, within about max_seconds (then an empty text noted 'OCR timed out'): read as it is,
        then, if poorly, in the variants of _variants(), the best reading kept. Never raises on the image's
        content."""
        start = time.perf_counter()
        deadline = start + max_seconds
        grey = _prepared(img)
        if grey is None:
            return OcrText("", 0, 0.0, time.perf_counter() - start, Reason.TOO_SMALL_FOR_TEXT)
        best = self._recognise(grey, deadline)
        if not _good(best) and (best.words or not _busy(grey)):
            for turned, note in self._variants(grey):
                if time.perf_counter() >= deadline:
                    break
                other = self._recognise(turned, deadline)
                if other.note == "" and _score(other) > _score(best):
                    best, other.note = other, note
                    if _good(best):
                        break
        best.seconds = time.perf_counter() - start
        return best

    def _variants(self, grey: Image.Image):
        """The image made easier to read, tried in turn while the reading is poor: turned upright as the orientation
        model says (90°, 180°, 270°; then the opposite way, which it confuses), straightened by the angle at which
        its edges line up in rows (a card tilted 15-30°), then only its brightest or darkest pixels as black on
        white (white headlines over a photo, whose textures Tesseract's own thresholding keeps)."""
        if self.osd is not None:
            try:
                self.osd.SetImage(grey)
                found = self.osd.DetectOrientationScript()
            except RuntimeError:  # too little for the orientation model to go on
                found = None
            if found and found["orient_deg"]:
                for angle in (found["orient_deg"], (found["orient_deg"] + 180) % 360):
                    yield grey.rotate(angle, expand=True), f"rotated {angle}°"
        if angle := _tilt(grey):
            yield grey.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=_border(grey)), \
                f"straightened {angle:g}°"
        a = np.asarray(grey)
        for ink, note in ((a > BRIGHT, "bright text"), (a < DARK, "dark text")):
            if MIN_INK < ink.mean() < MAX_INK:
                yield Image.fromarray(np.where(ink, 0, 255).astype(np.uint8)), note

    def _recognise(self, grey: Image.Image, deadline: float) -> OcrText:
        from tesserocr import RIL, iterate_level

        start = time.perf_counter()
        left = max(0.05, deadline - start)
        api = self.api
        api.SetImage(grey)
        if not api.Recognize(timeout=int(left * 1000)):
            api.Clear()
            return OcrText("", 0, 0.0, time.perf_counter() - start, Reason.OCR_TIMED_OUT)
        lines: list[list[str]] = []
        confidences = []
        for word in iterate_level(api.GetIterator(), RIL.WORD):
            try:
                text, confidence = word.GetUTF8Text(RIL.WORD).strip(), word.Confidence(RIL.WORD)
            except RuntimeError:  # tesserocr raises for a word without text
                continue
            if confidence < MIN_WORD_CONFIDENCE or not any(c.isalnum() for c in text):
                continue
            if not lines or word.IsAtBeginningOf(RIL.TEXTLINE):
                lines.append([])
            lines[-1].append(text)
            confidences.append(confidence)
        api.Clear()
        return OcrText("\n".join(" ".join(line) for line in lines), len(confidences),
                       round(float(np.mean(confidences)), 1) if confidences else 0.0, time.perf_counter() - start)


def _quiet_leptonica(site: Path) -> None:
    """Leptonica, under Tesseract, prints a line to stderr for boxes it clips on some photos ('Error in
    boxClipToRectangle'), the reading unharmed: in a crawl's log they would be noise. Silenced in the copy that
    tesserocr's wheel loaded (or the system's)."""
    import ctypes
    import ctypes.util

    candidates = [str(p) for p in (site / "tesserocr.libs").glob("libleptonica*.so*")] or \
        [name for name in (ctypes.util.find_library("leptonica"), ctypes.util.find_library("lept")) if name]
    for name in candidates:
        try:
            ctypes.CDLL(name).setMsgSeverity(6)  # L_SEVERITY_NONE
        except (OSError, AttributeError):
            continue


def _prepared(img: Image.Image) -> Image.Image | None:
    """A greyscale copy at a size Tesseract reads well and quickly: small images doubled, large ones bounded."""
    if min(img.size) < 1:
        return None
    long_side = max(img.size)
    scale = 2.0 if long_side < SMALL_SIDE else 1.0
    scale = min(scale, OCR_SIDE / long_side, (OCR_PIXELS / (img.width * img.height)) ** 0.5)
    if scale < 0.5:  # a large image: reduced by a cheap box filter first, to twice the size wanted, not copied whole
        target = long_side * scale
        img = _reduced(img, 2 * target)
        scale = target / max(img.size)
    grey = img.convert("L")
    if abs(scale - 1) > 0.01:
        size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
        grey = grey.resize(size, Image.Resampling.LANCZOS if scale > 1 else Image.Resampling.BILINEAR,
                           reducing_gap=None if scale > 1 else 2.0)
    return grey


def _reduced(img: Image.Image, side: float) -> Image.Image:
    """A copy of the image reduced by a whole factor (box filter) to no less than `side` on its long side: cheap,
    and never a full-size copy of a large image."""
    factor = int(max(img.size) // max(1, side))
    return img.reduce(factor) if factor > 1 else img.copy()


def _score(found: OcrText) -> float:
    """Letters read in words of three or more, times the confidence: a turned card's reading is a few short
    fragments ('ap GT e'), the upright one whole words."""
    return sum(len(w) for w in found.text.split() if len(w) >= 3) * found.confidence


def _good(found: OcrText) -> bool:
    clean = sum(len(w) >= 3 and (w.isalpha() or w.isdigit()) for w in re.findall(r"\w+", found.text))
    return found.note != Reason.OCR_TIMED_OUT and clean >= GOOD_WORDS and found.confidence >= GOOD_CONFIDENCE


def _border(grey: Image.Image) -> int:
    """The image's edge colour, to fill the corners a rotation opens (a black corner would read as a shape)."""
    a = np.asarray(grey)
    return int(np.median(np.concatenate([a[0], a[-1], a[:, 0], a[:, -1]])))


def _tilt(grey: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that lines up a tilted card's text, or 0: the angle whose row
    profile of edge pixels is the most peaked (text lines: rows of edges, with gaps between them)."""
    small = grey.copy()
    small.thumbnail((400, 400), Image.Resampling.BILINEAR)
    a = np.asarray(small, dtype=np.int16)
    edges = np.zeros(a.shape, np.uint8)
    edges[:, 1:] = np.abs(a[:, 1:] - a[:, :-1]) > EDGE
    if edges.sum() < 50:
        return 0.0
    mask = Image.fromarray(edges * 255)
    def peakedness(angle: float) -> float:
        rows = np.asarray(mask.rotate(angle, resample=Image.Resampling.NEAREST, expand=True), np.float32).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())
    scores = {float(angle): peakedness(angle) for angle in SKEW_ANGLES}
    coarse = max(scores, key=scores.get)
    scores.update({float(angle): peakedness(angle) for angle in coarse + np.arange(-2, 2.01, 0.5)})
    angle = max(scores, key=scores.get)
    return angle if abs(angle) >= 5 and scores[angle] > 1.2 * scores[0.0] else 0.0


_engine: OcrEngine | str | None = None


def ocr_engine() -> OcrEngine | str:
    """The process's OCR engine, loaded on first use, or why there is none (a reason code)."""
    global _engine
    if _engine is None:
        _engine = _load()
    return _engine


def engine_version() -> str | None:
    """What the OCR engine would be (its version, as OcrEngine.version says it), or None when it cannot be: checked
    without loading the model (0.2 s the crawl's own process need not spend). A model file that fails to load is
    found by the worker that reads the first image, which reports that image as not read, with why."""
    try:
        import tesserocr
    except ImportError:
        return None
    return None if _tessdata() is None else _version(tesserocr)


def _version(tesserocr) -> str:
    return f"Tesseract {tesserocr.tesseract_version().split()[1]} ({LANGUAGE}, LSTM) via tesserocr {tesserocr.__version__}"


def _load() -> OcrEngine | str:
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return Reason.OCR_NOT_INSTALLED
    tessdata = _tessdata()
    if tessdata is None:
        return Reason.OCR_SPANISH_MISSING
    try:
        return OcrEngine(tessdata)
    except Exception as e:  # noqa: BLE001 - a broken model file or library: images are reported as not read
        log.exception("the OCR engine failed to load")
        return Detailed.OCR_BROKEN(f"{type(e).__name__}: {e}")[:200]


def fold(text: str) -> str:
    """Lower case without accents: how words read by OCR are compared with expected ones."""
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))
