"""Officials recognised from an image's pixels: reused reference portraits (perceptual hash) and faces (embeddings).

Analysis does not depend on the officials, so it is cached by the image's content hash across runs; matching an
analysis against the officials' reference portraits is cheap and done on every audit.

Faces use dlib's HOG detector, its 5-point landmarks and its ResNet 128-d embedding (run with numpy, audit/facenet.py),
with the model files of the `face-recognition-models` package: installed from PyPI, loaded from site-packages, nothing
downloaded at run time (MEASURED §4). Without them, hashes still work and every analysis says faces were not checked.
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

from blindaje.audit.facenet import FaceNet
from blindaje.audit.pixels import MAX_PIXELS, ImageRefused, untrusted_image
from blindaje.audit.reasons import Detailed, Reason

log = logging.getLogger("blindaje.audit")

ANALYSER_VERSION = "2"  # part of the cache key: bump when what analyse() returns changes
WORK_SIDE = 1024  # faces are looked for on the image scaled to this long side (HOG finds faces from ~80 px)
SMALL_SIDE = 400  # below this long side the detector also looks at the image upsampled once (faces from ~40 px)
MIN_SIDE = 48  # icons, spacers and tracking pixels: hashed, never searched for faces
MAX_FACES = 8  # the largest faces of a crowd photo are encoded; the rest are counted
MIN_FACE = 40  # pixels (on the original image) under which a face is too small to identify
GRAPHIC_FLATNESS = 0.8  # share of flat neighbouring pixels above which an image is a drawing, logo or chart, not a photo
# (measured on benchmarks/images.py and the demo: photos with faces 0.11-0.59, logos, maps, banners, charts 0.68-0.99)


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
    """What an image's pixels say, independent of the officials: its hash and the faces in it."""

    phash: str  # 64-bit perceptual hash, hex
    width: int
    height: int
    faces: list[Face] | None = None  # None: faces were not checked (see face_status)
    face_status: str = ""  # 'checked', or why faces were not checked
    faces_total: int = 0  # faces detected, including those too small or beyond MAX_FACES

    def to_row(self) -> dict:
        """Its row in the cache of analyses (image_analyses: analysis as JSON, refused)."""
        return {"analysis": json.dumps(self.to_json()), "refused": ""}

    def to_json(self) -> dict:
        return {"v": ANALYSER_VERSION, "phash": self.phash, "width": self.width, "height": self.height,
                "face_status": self.face_status, "faces_total": self.faces_total,
                "faces": None if self.faces is None else [
                    {"box": list(f.box), "enc": [round(float(x), 5) for x in f.encoding]} for f in self.faces]}

    @classmethod
    def from_json(cls, data: dict) -> Analysis:
        faces = data.get("faces")
        return cls(data["phash"], data["width"], data["height"],
                   None if faces is None else [Face(tuple(f["box"]), np.asarray(f["enc"], dtype=np.float32))
                                               for f in faces],
                   data.get("face_status", ""), data.get("faces_total", 0))


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


class FaceModel:
    """dlib's detector and landmarks, and its embedding network run with numpy; `error` says why faces cannot be
    checked."""

    def __init__(self):
        self.error = ""
        self.version = ""
        try:
            import dlib
            from threadpoolctl import threadpool_limits
        except ImportError:
            self.error = Reason.FACE_MODEL_MISSING
            return
        spec = importlib.util.find_spec("face_recognition_models")  # found, not imported: its __init__ needs pkg_resources
        models = Path(spec.submodule_search_locations[0]) / "models" if spec and spec.submodule_search_locations else None
        landmarks = models / "shape_predictor_5_face_landmarks.dat" if models else None
        resnet = models / "dlib_face_recognition_resnet_model_v1.dat" if models else None
        if not (landmarks and landmarks.is_file() and resnet.is_file()):
            self.error = Reason.FACE_MODEL_FILES_MISSING
            return
        try:
            self.detector = dlib.get_frontal_face_detector()
            self.landmarks = dlib.shape_predictor(str(landmarks))
            self.encoder = FaceNet(resnet)
        except Exception as e:  # noqa: BLE001 - a corrupt model file: say so, keep hashing
            log.exception("the face model failed to load")
            self.error = Detailed.FACE_MODEL_BROKEN(f"{type(e).__name__}: {e}")[:200]
            return
        self.chip = dlib.get_face_chip
        # One BLAS thread: a face's matrices are too small to gain from more (measured: same wall time, twice the CPU),
        # and the crawl's parallelism is its worker processes.
        threadpool_limits(1, user_api="blas")
        self.version = f"dlib {dlib.__version__} HOG + ResNet-128 (numpy)"

    def faces(self, rgb: np.ndarray, scale: float) -> tuple[list[Face], int]:
        """Faces in an RGB array that is the original image scaled by `scale`, largest first (boxes unscaled)."""
        upsample = 1 if max(rgb.shape[:2]) < SMALL_SIDE else 0
        found = sorted(self.detector(rgb, upsample), key=lambda r: -r.width() * r.height())
        usable = [r for r in found if min(r.width(), r.height()) / scale >= MIN_FACE][:MAX_FACES]
        if not usable:
            return [], len(found)
        chips = np.stack([self.chip(rgb, self.landmarks(rgb, r), size=150, padding=0.25) for r in usable])
        encodings = self.encoder.descriptors(chips)
        return [Face(tuple(int(round(v / scale)) for v in (r.left(), r.top(), r.right(), r.bottom())), encoding)
                for r, encoding in zip(usable, encodings)], len(found)


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


def flatness(img: Image.Image) -> float:
    """Share of horizontally adjacent pixels (on a 128 px copy) that are practically equal: high for graphics."""
    small = img.copy()
    small.thumbnail((128, 128), Image.Resampling.NEAREST)
    a = np.asarray(small, dtype=np.int16)
    if a.shape[1] < 2:
        return 1.0
    return float((np.abs(a[:, 1:] - a[:, :-1]).max(axis=2) <= 3).mean())


def analyse(data: bytes, *, max_pixels: int = MAX_PIXELS) -> Analysis:
    """Hash an image and find the faces in it. Raises ImageRefused for what cannot be analysed."""
    import imagehash

    img, (width, height) = decode(data, max_pixels)
    img.thumbnail((WORK_SIDE, WORK_SIDE), Image.Resampling.BILINEAR, reducing_gap=2.0)
    result = Analysis(str(imagehash.phash(img)), width, height)
    model = face_model()
    if model.error:
        result.face_status = model.error
        return result
    if min(width, height) < MIN_SIDE or flatness(img) > GRAPHIC_FLATNESS:
        result.faces, result.face_status = [], "checked"  # an icon or a graphic: no face to identify
        return result
    try:
        result.faces, result.faces_total = model.faces(np.asarray(img), img.width / width)
        result.face_status = "checked"
    except Exception as e:  # noqa: BLE001 - a face model failure is reported, the hash still counts
        log.warning("the face model failed on an image", exc_info=True)
        result.faces, result.face_status = None, Detailed.FACE_MODEL_FAILED(type(e).__name__)
    return result


def examine(data: bytes, *, max_pixels: int = MAX_PIXELS) -> ImageAnalysis:
    """The image's analysis, or why it has none; at the precision the cache keeps, so that a night's analysis and
    a cached one match the officials alike."""
    try:
        return Analysis.from_json(analyse(data, max_pixels=max_pixels).to_json())
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
        self.owners = [r.official for r in self.references for _ in r.encodings]

    @property
    def face_error(self) -> str:
        """Why faces cannot be checked at all (the model is missing or broken), or ''."""
        return face_model().error

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
