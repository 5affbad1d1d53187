"""Labelled image benchmark for the official-photo rule, built from real photos shipped in PyPI packages.

Positives are photos of two "officials" (Barack Obama, Joe Biden; the face_recognition test images):
re-uses of their reference portraits (found by perceptual hash) and other photos, transforms and crowd
composites (found only by face recognition). Negatives are other people (skimage astronaut, matplotlib
Grace Hopper, skimage cameraman), object photos and synthetic portal graphics.

Then what a government portal publishes (PORTAL_KINDS), each with positives and negatives of the same design:
promotional cards (flat colour, logo, headline, a cut-out of the person, face 120-350 px), team collages (3-6
portraits, at most one an official), wide event photos with faces of 40-100 px (face_px in the label), faces
turned 15-30 degrees (angle) and press photos with a microphone or a hand over part of the face (cover).

Usage: python benchmarks/faces_corpus.py --cache DIR --out DIR [--seed 7]
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import json
import math
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageEnhance, ImageFilter, ImageFont, ImageOps

from blindaje.demo.photo import HOPPER, extract, fetch_hopper, pip_download

FR_DIR = "face_recognition-1.3.0/tests/test_images/"
FR_FILES = ["obama.jpg", "obama2.jpg", "obama3.jpg", "obama_partial_face.jpg", "obama_partial_face2.jpg",
            "biden.jpg", "32bit.png"]
SK_FILES = ["astronaut.png", "camera.png", "coffee.png", "chelsea.png", "rocket.jpg", "motorcycle_left.png",
            "hubble_deep_field.jpg", "coins.png", "page.png", "horse.png", "brick.png", "grass.png"]
# (pip requirement, a wheel (else the sdist), {member in archive: flat name}). Grace Hopper's portrait comes through
# the demo's fetcher (pinned by SHA-256), as grace_hopper.jpg.
SOURCES = [
    ("face_recognition==1.3.0", False, {FR_DIR + f: f for f in FR_FILES}),
    ("scikit-image==0.26.0", True, {"skimage/data/" + f: f for f in SK_FILES}),
]
ALL_FILES = sorted([Path(HOPPER).name, *(name for _, _, members in SOURCES for name in members.values())])

# (reference photo, official, portrait slug, tag). Test image names use the tag, never the name, so no
# rule can pass by reading an official's name in the image URL.
OFFICIALS = [("obama.jpg", "Barack Obama", "barack-obama", "a"), ("biden.jpg", "Joe Biden", "joe-biden", "b")]
# Face boxes (x0, y0, x1, y1) in source pixels, measured by eye; they set crowd crops and pasted face size.
FACES = {
    "obama.jpg": (345, 125, 635, 440), "biden.jpg": (415, 140, 745, 580), "obama2.jpg": (210, 175, 525, 645),
    "obama3.jpg": (585, 230, 940, 655), "obama_partial_face2.jpg": (340, 120, 551, 440),
    "astronaut.png": (178, 60, 280, 185), "grace_hopper.jpg": (160, 140, 375, 340),
    "camera.png": (175, 95, 258, 200),
}
NON_OFFICIALS = ["astronaut.png", "grace_hopper.jpg", "camera.png"]
OBJECTS = ["coffee.png", "chelsea.png", "rocket.jpg", "motorcycle_left.png", "hubble_deep_field.jpg",
           "coins.png", "page.png", "horse.png", "brick.png", "grass.png"]
MAX_SIDE = 1600


def _complete(folder: Path) -> bool:
    return folder.is_dir() and all((folder / name).is_file() for name in ALL_FILES)


def fetch_sources(cache: Path) -> Path:
    """Download the three packages (once) and extract their photos flat into cache/sources/. Raises FetchError."""
    final = Path(cache) / "sources"
    if _complete(final):
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    # Work in a private temp dir and publish with one rename, so a concurrent reader never sees half a folder.
    with tempfile.TemporaryDirectory(dir=final.parent, prefix=".sources-") as tmp:
        staged = Path(tmp) / "sources"
        staged.mkdir()
        for spec, binary, members in SOURCES:
            dl = Path(tmp) / "dl"
            dl.mkdir()
            extract(pip_download(spec, dl, binary=binary), members, staged)
            shutil.rmtree(dl)
        fetch_hopper(staged)
        if final.exists() and not _complete(final):
            shutil.rmtree(final, ignore_errors=True)
        try:
            staged.rename(final)
        except OSError:
            if not _complete(final):  # losing the race is fine only if the winner's copy is whole
                raise
    return final


def _open(path: Path) -> Image.Image:
    img = Image.open(path)
    if img.mode in ("RGBA", "LA", "P"):  # transparent pixels become white, as a browser shows them on a page
        img = Image.alpha_composite(Image.new("RGBA", img.size, "white"), img.convert("RGBA"))
    return img if img.mode == "L" else img.convert("RGB")


def _cap(img: Image.Image, side: int = MAX_SIDE) -> Image.Image:
    return img if max(img.size) <= side else ImageOps.contain(img, (side, side), Image.Resampling.LANCZOS)


def _scale(img: Image.Image, f: float) -> Image.Image:
    return img.resize((max(1, round(img.width * f)), max(1, round(img.height * f))), Image.Resampling.LANCZOS)


def _crop(img: Image.Image, frac: float) -> Image.Image:
    """Keep the centre, trimming `frac` of each dimension in total (half on each side)."""
    dx, dy = round(img.width * frac / 2), round(img.height * frac / 2)
    return img.crop((dx, dy, img.width - dx, img.height - dy))


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)  # Pillow's bundled font: same glyphs on every machine (ASCII only)


def _banner(img: Image.Image) -> Image.Image:
    img, h, text = img.convert("RGB"), round(img.height * 0.15), "Gobierno de Mexico | Comunicado"
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, img.height - h, img.width, img.height), fill=(97, 18, 50))
    size = max(8, min(h // 3, round(img.width * 0.92 / (0.55 * len(text)))))  # ~0.55 em per glyph: fits the width
    draw.text((img.width * 0.04, img.height - h * 0.65), text, fill="white", font=_font(size))
    return img


# (suffix, transform, extension, save options): transforms under which a perceptual hash still matches.
HASH_VARIANTS: list[tuple[str, Callable[[Image.Image], Image.Image], str, dict]] = [
    ("half", lambda im: _scale(im, 0.5), "jpg", {}),
    ("thumb300", lambda im: _cap(im, 300), "jpg", {}),
    ("jpeg-q30", lambda im: im, "jpg", {"quality": 30}),
    ("webp-q50", lambda im: im, "webp", {"quality": 50}),
    ("png", lambda im: im, "png", {}),
    ("grey", lambda im: im.convert("L"), "jpg", {}),
    ("crop5", lambda im: _crop(im, 0.05), "jpg", {}),
    ("banner", _banner, "jpg", {}),
    ("bright", lambda im: ImageEnhance.Brightness(im).enhance(1.2), "jpg", {}),
    ("squash169", lambda im: im.resize((im.width, round(im.width * 9 / 16)), Image.Resampling.LANCZOS), "jpg", {}),
]
# Transforms that defeat a perceptual hash but keep the face recognisable.
FACE_VARIANTS: dict[str, Callable[[Image.Image], Image.Image]] = {
    "flip": ImageOps.mirror,
    "crop25": lambda im: _crop(im, 0.25),
    "rot7": lambda im: im.rotate(7, resample=Image.Resampling.BICUBIC, expand=True, fillcolor="white"),
    "grey": lambda im: im.convert("L"),
    "jpeg-q40": lambda im: im,
}
# Obama's other photos: (source, image name stem, transforms applied besides the photo as is).
OTHER_PHOTOS = [("obama2.jpg", "photo-a2", ["flip", "crop25", "rot7", "grey", "jpeg-q40"]),
                ("obama3.jpg", "photo-a3", ["flip", "rot7", "grey", "jpeg-q40"]),
                ("obama_partial_face.jpg", "photo-a-partial1", ["flip"]),
                ("obama_partial_face2.jpg", "photo-a-partial2", ["rot7"]),
                ("32bit.png", "photo-a-rgba", ["grey", "jpeg-q40"])]


def _background(rng: random.Random, src: Path, size: tuple[int, int]) -> Image.Image:
    name = rng.choice(["coffee.png", "motorcycle_left.png", "grass.png", "brick.png"])
    img = _open(src / name).convert("RGB")
    if name in ("grass.png", "brick.png"):  # textures: tile them, as a wall or lawn behind a group
        canvas = Image.new("RGB", size)
        for x in range(0, size[0], img.width):
            for y in range(0, size[1], img.height):
                canvas.paste(img, (x, y))
        return canvas.filter(ImageFilter.GaussianBlur(2))
    return ImageOps.fit(img, size, Image.Resampling.LANCZOS).filter(ImageFilter.GaussianBlur(rng.uniform(4, 8)))


def _person(src: Path, name: str, flip: bool) -> tuple[Image.Image, tuple[int, int, int, int]]:
    img, box = _open(src / name).convert("RGB"), FACES[name]
    if flip:
        img, box = ImageOps.mirror(img), (img.width - box[2], box[1], img.width - box[0], box[3])
    return img, box


def _crowd(rng: random.Random, src: Path, people: list[tuple[str, bool]]) -> Image.Image:
    size = rng.choice([(1200, 800), (1280, 800), (1152, 768)])
    canvas = _background(rng, src, size)
    slot = size[0] / len(people)
    # Crops are 2 face-widths wide, so neighbours centred `slot` apart (±20 jitter) can't cover a face.
    fmax = min(200.0, (slot - 40) / 1.5)
    rng.shuffle(people)
    for i, (name, flip) in enumerate(people):
        img, (x0, y0, x1, y1) = _person(src, name, flip)
        fw, fh, cx = x1 - x0, y1 - y0, (x0 + x1) / 2
        s = rng.uniform(110, fmax) / fw
        face_x = slot * (i + 0.5) + rng.randint(-20, 20)
        face_top = rng.randint(40, 260)
        # Body runs down to the canvas edge where the source photo is tall enough: people, not floating heads.
        crop = (max(0, round(cx - fw)), max(0, round(y0 - 0.35 * fh)),
                min(img.width, round(cx + fw)), min(img.height, round(y0 + (size[1] - face_top) / s)))
        part = _scale(img.crop(crop), s)
        mask = Image.new("L", part.size, 0)
        ImageDraw.Draw(mask).rounded_rectangle((6, 6, part.width - 7, part.height + 30), radius=24, fill=255)
        mask = mask.filter(ImageFilter.GaussianBlur(5))
        canvas.paste(part, (round(face_x - (cx - crop[0]) * s), round(face_top - (y0 - crop[1]) * s)), mask)
    return canvas


def _logo_and_banners() -> dict[str, Image.Image]:
    out: dict[str, Image.Image] = {}
    for name, colour, text in [("logo-sep", (97, 18, 50), "SEP"), ("logo-salud", (16, 94, 80), "SALUD")]:
        out[name] = img = Image.new("RGB", (400, 160), "white")
        ImageDraw.Draw(img).ellipse((10, 10, 150, 150), fill=colour)
        ImageDraw.Draw(img).text((170, 55), text, fill=colour, font=_font(44))
    for name, text in [("banner-becas", "Programa de Becas 2027"), ("banner-aviso", "Aviso de privacidad"),
                       ("banner-tramites", "Tramites en linea 24/7")]:
        out[name] = img = Image.new("RGB", (1200, 300), (188, 149, 92))
        ImageDraw.Draw(img).rectangle((0, 230, 1200, 300), fill=(97, 18, 50))
        ImageDraw.Draw(img).text((60, 90), text, fill="white", font=_font(64))
    return out


def _charts_and_maps(rng: random.Random) -> dict[str, Image.Image]:
    out: dict[str, Image.Image] = {}
    out["chart-bars"] = bars = Image.new("RGB", (640, 400), "white")
    d = ImageDraw.Draw(bars)
    d.line((50, 20, 50, 360, 620, 360), fill="black", width=2)
    for i in range(8):
        d.rectangle((70 + i * 68, 360 - rng.randint(40, 320), 110 + i * 68, 360), fill=(35, 91, 78))
        d.text((72 + i * 68, 368), str(2019 + i), fill="black", font=_font(14))
    out["chart-pie"] = pie = Image.new("RGB", (400, 400), "white")
    cuts = [0.0] + sorted(rng.uniform(20, 340) for _ in range(3)) + [360.0]
    for start, end, colour in zip(cuts, cuts[1:], [(97, 18, 50), (188, 149, 92), (16, 94, 80), (120, 120, 120)]):
        ImageDraw.Draw(pie).pieslice((40, 40, 360, 360), start, end, fill=colour)
    # A map of made-up regions: a jittered 5x4 grid of quadrilaterals with white borders.
    out["map-estados"] = mapa = Image.new("RGB", (800, 600), (222, 235, 247))
    grid = {(i, j): (i * 160 + (rng.randint(-50, 50) if 0 < i < 5 else 0),
                     j * 150 + (rng.randint(-45, 45) if 0 < j < 4 else 0)) for i in range(6) for j in range(5)}
    for i in range(5):
        for j in range(4):
            ImageDraw.Draw(mapa).polygon([grid[i, j], grid[i + 1, j], grid[i + 1, j + 1], grid[i, j + 1]],
                                         fill=tuple(rng.randint(120, 230) for _ in range(3)), outline="white", width=3)
    return out


def _icons(rng: random.Random) -> dict[str, Image.Image]:
    out: dict[str, Image.Image] = {}
    out["icon-home"] = icon = Image.new("RGB", (128, 128), (16, 94, 80))
    d = ImageDraw.Draw(icon)
    d.polygon([(64, 20), (110, 60), (18, 60)], fill="white")
    d.rectangle((32, 60, 96, 108), fill="white")
    d.rectangle((56, 80, 72, 108), fill=(16, 94, 80))
    out["pixel"] = Image.new("RGB", (1, 1), "white")  # a tracking pixel
    out["favicon"] = fav = Image.new("RGB", (16, 16), (97, 18, 50))
    ImageDraw.Draw(fav).ellipse((3, 3, 12, 12), fill="white")
    qr = Image.frombytes("L", (25, 25), bytes(rng.choice((0, 255)) for _ in range(625)))
    out["qr-code"] = qr.resize((250, 250), Image.Resampling.NEAREST)
    return out


class _Writer:
    """Saves test images under out/images (capped in size) and keeps their labels in order."""

    def __init__(self, out: Path) -> None:
        self.folder = out / "images"
        self.labels: list[dict] = []

    def __call__(self, img: Image.Image, name: str, official: str | None, kind: str, signal: str | None,
                 quality: int = 90, extra: dict | None = None) -> None:
        img = _cap(img)
        img.save(self.folder / name, **({} if name.endswith(".png") else {"quality": quality}))
        self.labels.append({"file": f"images/{name}", "official": official, "kind": kind, "signal": signal,
                            **(extra or {})})


def _officials(src: Path, out: Path, save: _Writer) -> None:
    for ref, official, slug, tag in OFFICIALS:
        shutil.copyfile(src / ref, out / "portraits" / f"{slug}.jpg")  # the exact bytes a config points at
        img = _open(src / ref)
        for suffix, fn, ext, opts in HASH_VARIANTS:
            save(fn(_cap(img)), f"ref-{tag}-{suffix}.{ext}", official, "reference-variant", "hash", **opts)
        for suffix in ("flip", "crop25"):
            save(FACE_VARIANTS[suffix](img), f"ref-{tag}-{suffix}.jpg", official, "reference-transform", "face")
    for name, stem, variants in OTHER_PHOTOS:
        img = _cap(_open(src / name), 1200)
        save(img, f"{stem}.jpg", "Barack Obama", "other-photo", "face")
        for v in variants:
            save(FACE_VARIANTS[v](img), f"{stem}-{v}.jpg", "Barack Obama", "other-photo-transform", "face",
                 quality=40 if v == "jpeg-q40" else 90)


def _crowds(rng: random.Random, src: Path, save: _Writer) -> None:
    # (official's photo, mirrored?): Biden has no second photo, so his mirrored portrait stands in for one.
    officials = [("obama2.jpg", False), ("biden.jpg", True), ("obama3.jpg", False), ("biden.jpg", True),
                 ("obama2.jpg", True), ("obama3.jpg", True), ("biden.jpg", True),
                 ("obama_partial_face2.jpg", False), ("obama3.jpg", False), ("biden.jpg", True)]
    for i in range(len(officials) + 10):
        people = [(o, rng.random() < 0.5) for o in rng.sample(NON_OFFICIALS, rng.choice([2, 3]))]
        if i < len(officials):
            who = "Joe Biden" if officials[i][0] == "biden.jpg" else "Barack Obama"
            save(_crowd(rng, src, [officials[i]] + people), f"crowd-{i:02d}.jpg", who, "crowd", "face")
        else:
            save(_crowd(rng, src, people), f"crowd-{i:02d}.jpg", None, "crowd", None)


def _negatives(rng: random.Random, src: Path, save: _Writer) -> None:
    for name in NON_OFFICIALS:
        img, stem = _open(src / name), "person-" + Path(name).stem.replace("_", "-")
        save(img, f"{stem}.jpg", None, "person", None)
        save(_scale(img, 0.5), f"{stem}-half.jpg", None, "person", None)
        for v in ("flip", "crop25", "rot7"):
            save(FACE_VARIANTS[v](img), f"{stem}-{v}.jpg", None, "person", None)
    for name in OBJECTS:
        save(_open(src / name), f"object-{Path(name).stem.replace('_', '-')}.png", None, "object", None)
    for name, img in {**_logo_and_banners(), **_charts_and_maps(rng), **_icons(rng)}.items():
        save(img, f"portal-{name}.png", None, "synthetic", None)


# The kinds below, made by _portal_cases; the benchmark reports each apart (the tests' thresholds predate them).
PORTAL_KINDS = ("card", "collage", "small-face", "rotated", "occluded")

# Portal cases: what a government account publishes that the cases above lack. Every one is made with the person's
# face box (FACES) scaled, so the face's size in the test image is known and recorded where it matters (face_px).

GUINDA, GREEN, GOLD, WHITE, GREY = (97, 18, 50), (16, 94, 80), (188, 149, 92), (255, 255, 255), (228, 228, 228)
CARD_SIZES = [(1080, 1080), (1200, 630), (1080, 1350)]
CARD_BGS = [GUINDA, GREEN, GOLD, WHITE, GREY]
HEADLINES = ["Informe de actividades 2027", "Entrega de apoyos", "Jornada nacional de salud",
             "Inauguracion del Hospital General", "Arranque del programa de becas", "Gira de trabajo por la region",
             "Mensaje a la poblacion", "Feria del empleo 2027", "Rendicion de cuentas", "Entrega de escrituras",
             "Obras que transforman", "Primer ano de resultados"]
SUBLINES = ["Aculco, Estado de Mexico | 12 de marzo", "Lunes 4 de mayo, 10:00 h", "Plaza principal, Zacatecas",
            "Sigue la transmision en vivo", "Consulta los requisitos en linea"]
FOOTERS = ["gob.mx/bienestar | @GobiernoMX", "Secretaria de Desarrollo Social", "www.gob.mx/salud",
           "Gobierno del Estado | Juntos avanzamos", "#InformeDeActividades"]
FIGURES = [("+12,500", "familias beneficiadas"), ("98%", "de avance en la obra"), ("3", "hospitales nuevos"),
           ("1,200", "becas entregadas")]
ACRONYMS = ["SEP", "IMSS", "SALUD", "SEDESOL", "CONAGUA", "BIENESTAR"]
ROLES = ["Secretaria", "Subsecretario", "Director General", "Coordinadora", "Titular de la Unidad", "Oficial Mayor",
         "Delegado", "Jefa de Oficina"]
COLLAGE_TITLES = ["Gabinete de Seguridad", "Reunion de coordinacion", "Consejo Consultivo 2027", "Nuestro equipo",
                  "Comite de Transparencia", "Mesa de trabajo regional"]
# Height of the eyes and of the mouth as fractions of the face box (top to bottom), measured by eye as FACES were.
FEATURES = {"obama.jpg": (0.28, 0.63), "biden.jpg": (0.42, 0.72), "obama2.jpg": (0.44, 0.79),
            "obama3.jpg": (0.40, 0.66), "obama_partial_face2.jpg": (0.30, 0.65), "astronaut.png": (0.33, 0.67),
            "grace_hopper.jpg": (0.25, 0.70), "camera.png": (0.50, 0.78)}
# The officials' photos other than their reference portraits: (source, mirrored?). Biden has no second photo, so his
# mirrored portrait stands in for one (its face is the reference's: easier for a face match than a new photo).
OFFICIAL_PHOTOS = [("obama2.jpg", False), ("obama3.jpg", False), ("obama_partial_face2.jpg", False),
                   ("biden.jpg", True)]


def _who(name: str) -> str:
    return "Joe Biden" if name == "biden.jpg" else "Barack Obama"


def _mix(a: tuple[int, ...], b: tuple[int, ...], t: float) -> tuple[int, ...]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def _palette(rng: random.Random, bg: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(ink for text and logo, accent) readable on a background colour."""
    if bg in (GUINDA, GREEN):
        return WHITE, GOLD
    if bg == GOLD:
        return rng.choice([WHITE, GUINDA]), GUINDA
    return rng.choice([GUINDA, GREEN]), GOLD


def _wrap(text: str, font, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _text(draw: ImageDraw.ImageDraw, text: str, box: tuple[float, float, float, float], ink, size: int,
          centre: bool = False) -> float:
    """Write text wrapped inside box, shrinking the font until it fits; return the y under the last line."""
    x0, y0, x1, y1 = box
    while True:
        font = _font(size)
        lines = _wrap(text, font, x1 - x0)
        if size <= 14 or (len(lines) * size * 1.2 <= y1 - y0 and max(font.getlength(s) for s in lines) <= x1 - x0):
            break
        size -= 3
    y = y0
    for line in lines:
        x = (x0 + x1 - font.getlength(line)) / 2 if centre else x0
        draw.text((x, y), line, fill=ink, font=font)
        y += size * 1.2
    return y


def _logo(draw: ImageDraw.ImageDraw, rng: random.Random, xy: tuple[float, float], size: int, colour, bg) -> None:
    """An agency logo as portals draw them: a disc, ring or shield and an acronym beside it."""
    x, y = xy
    shape = rng.choice(["disc", "ring", "shield"])
    if shape == "shield":
        draw.polygon([(x, y), (x + size, y), (x + size, y + 0.6 * size), (x + size / 2, y + size), (x, y + 0.6 * size)],
                     fill=colour)
        draw.line((x + size * 0.2, y + size * 0.3, x + size * 0.8, y + size * 0.3), fill=bg, width=max(2, size // 12))
    elif shape == "disc":
        draw.ellipse((x, y, x + size, y + size), fill=colour)
        draw.ellipse((x + size * 0.18, y + size * 0.18, x + size * 0.82, y + size * 0.82), outline=bg,
                     width=max(2, size // 14))
    else:
        draw.ellipse((x, y, x + size, y + size), outline=colour, width=max(3, size // 9))
        draw.regular_polygon((x + size / 2, y + size / 2, size * 0.26), 5, fill=colour)
    draw.text((x + size * 1.25, y + size * 0.2), rng.choice(ACRONYMS), fill=colour, font=_font(round(size * 0.5)))


class _Cut:
    """A person cut out of a photo: RGBA image, face box in its pixels, and the side ('left'/'right') where the
    source photo ends inside the head (a partial face), which must then sit on the canvas edge."""

    def __init__(self, img: Image.Image, face: tuple[float, float, float, float], clipped: str | None) -> None:
        self.img, self.face, self.clipped = img, face, clipped


def _cutout(src: Path, name: str, flip: bool, face_w: float, style: str) -> _Cut:
    """Cut the person as a designer does, scaled so the face box is face_w px wide. style 'bust': a soft
    head-and-shoulders silhouette; 'oval': an elliptical vignette; 'circle': a round frame."""
    img, (x0, y0, x1, y1) = _person(src, name, flip)
    fw, fh, cx = x1 - x0, y1 - y0, (x0 + x1) / 2
    s = face_w / fw
    if style == "circle":  # the largest round frame up to 1.05 face heights that the photo fills, around the face
        r = min(1.05 * fh, img.width / 2, img.height / 2)
        cx, cy = min(max(cx, r), img.width - r), min(max(y0 + 0.55 * fh, r), img.height - r)
        want = (cx - r, cy - r, cx + r, cy + r)
    else:  # as much of the body as the photo has, down to 6 face heights under the chin
        want = (cx - 1.6 * fw, y0 - 0.3 * fh, cx + 1.6 * fw, min(img.height, y1 + 6 * fh))
    crop = (max(0, round(want[0])), max(0, round(want[1])), min(img.width, round(want[2])),
            min(img.height, round(want[3])))
    part = _scale(img.crop(crop), s).convert("RGBA")
    bx0, by0, bx1, by1 = ((x0 - crop[0]) * s, (y0 - crop[1]) * s, (x1 - crop[0]) * s, (y1 - crop[1]) * s)
    w, h, mx = bx1 - bx0, by1 - by0, (bx0 + bx1) / 2
    mask = Image.new("L", part.size, 0)
    d = ImageDraw.Draw(mask)
    if style == "bust":
        d.ellipse((bx0 - 0.1 * w, by0 - 0.14 * h, bx1 + 0.1 * w, by1 + 0.05 * h), fill=255)  # head, hair, ears
        d.rectangle((mx - 0.3 * w, by1 - 0.3 * h, mx + 0.3 * w, by1 + 0.5 * h), fill=255)  # neck
        d.ellipse((mx - 1.4 * w, by1 + 0.1 * h, mx + 1.4 * w, by1 + 2.1 * h), fill=255)  # sloping shoulders
        d.rectangle((mx - 1.4 * w, by1 + 1.1 * h, mx + 1.4 * w, part.height), fill=255)  # chest and body
        mask = mask.filter(ImageFilter.GaussianBlur(max(1.0, 0.012 * w)))
    elif style == "oval":
        d.ellipse((mx - 1.2 * w, by0 - 0.28 * h, mx + 1.2 * w, by1 + 1.7 * h), fill=255)
        mask = mask.filter(ImageFilter.GaussianBlur(0.07 * w))
    else:
        d.ellipse((0, 0, part.width - 1, part.height - 1), fill=255)
        mask = mask.filter(ImageFilter.GaussianBlur(0.8))
    clipped = None if style == "circle" else "right" if crop[2] < x1 + 0.1 * fw else "left" if crop[0] > x0 - 0.1 * fw \
        else None
    # Where the source photo ends (and always at the bottom), fade the cut-out out so no straight edge shows.
    alpha = np.asarray(mask, dtype=np.float32)
    ramp = max(2, round(0.12 * w))
    fade = np.minimum(1.0, (np.arange(max(part.size)) + 1) / ramp)
    if style != "circle":
        alpha = alpha * fade[:part.height][::-1, None]  # bottom
    if want[1] < 0 and style != "circle":
        alpha = alpha * fade[:part.height][:, None]
    if want[0] < 0 and clipped != "left":
        alpha = alpha * fade[:part.width][None, :]
    if want[2] > img.width and clipped != "right":
        alpha = alpha * fade[:part.width][::-1][None, :]
    part.putalpha(Image.fromarray(alpha.astype(np.uint8)))
    return _Cut(part, (bx0, by0, bx1, by1), clipped)


def _card(rng: random.Random, src: Path, person: tuple[str, bool, str] | None, face_w: float,
          size: tuple[int, int]) -> tuple[Image.Image, float | None]:
    """A promotional card: flat colour, agency logo, headline, maybe a footer, maybe the cut-out of a person.
    Returns the card and the width of the person's face box on it."""
    W, H = size
    bg = rng.choice(CARD_BGS)
    ink, accent = _palette(rng, bg)
    canvas = Image.new("RGB", size, bg)
    d = ImageDraw.Draw(canvas)
    m, logo = round(0.05 * W), round(0.08 * min(W, H))
    top = m + logo + round(0.04 * H)  # content starts under the logo
    foot = round(0.075 * H) if rng.random() < 0.7 else 0
    bottom = H - foot
    headline, subline = rng.choice(HEADLINES), rng.choice(SUBLINES)
    face_px = None
    if person is None:  # logo and text only: a big figure, the headline, the sub-line
        figure, caption = rng.choice(FIGURES)
        y = top + round(0.08 * H)
        big = _font(round(min(W, H) * 0.2))
        d.text(((W - big.getlength(figure)) / 2, y), figure, fill=accent if bg != GOLD else ink, font=big)
        y += min(W, H) * 0.24
        y = _text(d, caption, (m, y, W - m, y + 0.08 * H), ink, round(0.045 * W), centre=True)
        d.line((W * 0.3, y + 0.02 * H, W * 0.7, y + 0.02 * H), fill=accent, width=max(3, H // 200))
        text_box = (m, y + 0.05 * H, W - m, bottom - 0.12 * H)
        centre_text = True
    else:
        name, flip, style = person
        cut = _cutout(src, name, flip, face_w, style)
        bx0, by0, bx1, by1 = cut.face
        h = by1 - by0
        centre_text = False
        if H < 800 or (H == W and face_w <= 240):  # person on one side, headline on the other
            side = cut.clipped or rng.choice(["left", "right"])
            centre = W * (0.27 if side == "left" else 0.73) + rng.uniform(-0.03, 0.03) * W
            text_box = (W / 2 + m / 2, top, W - m, bottom - m) if side == "left" else (m, top, W / 2 - m / 2,
                                                                                         bottom - m)
            lo = top
        else:  # headline on top, person under it
            centre = W / 2 + rng.uniform(-0.12, 0.12) * W
            text_box = (m, top, W - m, top + 0.2 * H)
            lo = top + 0.22 * H
        # ft: where the face box's top goes. The head (hair above the box) stays under `lo`, the chin above the footer.
        if style == "circle":
            lo_ft, hi_ft = lo + by0, min(bottom - 0.02 * H - (cut.img.height - by0), bottom - h - 0.03 * H)
            ft = rng.uniform(lo_ft, hi_ft) if hi_ft > lo_ft else hi_ft
        else:  # down to the card's bottom edge where the photo's body is long enough, else as low as it goes
            ft = min(bottom - h - 0.03 * H, max(lo + 0.16 * h, H - (cut.img.height - by0)))
        x, y = {"right": W - cut.img.width, "left": 0}.get(cut.clipped or "", centre - (bx0 + bx1) / 2), ft - by0
        if style != "circle" and rng.random() < 0.5:  # a lighter disc behind the head, a common design
            fx, fy, rad = x + (bx0 + bx1) / 2, y + (by0 + by1) / 2, 1.3 * h
            d.ellipse((fx - rad, fy - rad, fx + rad, fy + rad), fill=_mix(bg, WHITE if bg != WHITE else GOLD, 0.18))
        canvas.paste(cut.img, (round(x), round(y)), cut.img)
        if text_box[2] - text_box[0] > W * 0.7 and ft - 0.16 * h - text_box[1] > 0.45 * H:
            # a tall card with a small person: the headline's figure fills the space above the head
            figure, caption = rng.choice(FIGURES)
            big = _font(round(W * 0.13))
            fy = ft - 0.16 * h - 0.22 * H
            d.text(((W - big.getlength(figure)) / 2, fy), figure, fill=accent if bg != GOLD else ink, font=big)
            _text(d, caption, (m, fy + W * 0.15, W - m, fy + W * 0.15 + 0.06 * H), ink, round(0.04 * W), centre=True)
            text_box = (m, top, W - m, fy - 0.02 * H)
        if style == "circle":
            pad = max(4, W // 180)
            d.ellipse((round(x) - pad, round(y) - pad, round(x) + cut.img.width + pad, round(y) + cut.img.height + pad),
                      outline=accent, width=pad)
        face_px = bx1 - bx0
    # the logo heads the text's column (the top left corner unless the person stands on the left)
    _logo(d, rng, (text_box[0] if text_box[0] > W / 3 else m, m), logo, ink if bg != WHITE else GUINDA, bg)
    size0 = round(0.085 * W) if centre_text or text_box[2] - text_box[0] > W * 0.7 else round(0.06 * W)
    y = _text(d, headline, text_box, ink, size0, centre=centre_text)
    if y + 0.1 * H < text_box[3]:
        d.line((text_box[0] + (W * 0.3 - m if centre_text else 0), y + 0.02 * H,
                text_box[0] + (W * 0.7 - m if centre_text else 0.25 * W), y + 0.02 * H), fill=accent,
               width=max(3, H // 200))
        _text(d, subline, (text_box[0], y + 0.045 * H, text_box[2], text_box[3]), ink, round(0.03 * W),
              centre=centre_text)
    if foot:
        d.rectangle((0, bottom, W, H), fill=_mix(bg, (0, 0, 0), 0.35) if bg != WHITE else GUINDA)
        _text(d, rng.choice(FOOTERS), (m, bottom + foot * 0.3, W - m, H), WHITE, round(foot * 0.4))
    return canvas, face_px


def _cards(rng: random.Random, src: Path, save: _Writer) -> None:
    # Face widths spread over 120-350 px; the canvas must hold the face under the headline or beside it.
    plan: list[tuple[tuple[str, bool, str] | None, str | None, float]] = []
    pos = [OFFICIAL_PHOTOS[i % 4] for i in range(16)]
    widths = [120 + 230 * (i + rng.random()) / 16 for i in range(16)]
    rng.shuffle(widths)
    for (name, flip), fw in zip(pos, widths):
        style = rng.choice(["bust", "bust", "oval"] + ([] if name == "obama_partial_face2.jpg" else ["circle"]))
        plan.append(((name, flip, style), _who(name), fw))
    neg = ["astronaut.png"] * 4 + ["grace_hopper.jpg"] * 4 + ["camera.png"] * 2 + [None] * 4
    for name in neg:
        person = (name, rng.random() < 0.5, rng.choice(["bust", "bust", "oval", "circle"])) if name else None
        plan.append((person, None, rng.uniform(120, 300)))
    rng.shuffle(plan)
    for i, (person, official, fw) in enumerate(plan):
        sizes = CARD_SIZES if fw <= 220 else CARD_SIZES[::2] if fw <= 290 else CARD_SIZES[2:]
        img, face_px = _card(rng, src, person, fw, rng.choice(sizes))
        extra = {"face_px": round(face_px)} if official and face_px else {}
        save(img, f"card-{i:02d}.jpg", official, "card", "face" if official else None, extra=extra)


def _portrait(src: Path, name: str, flip: bool, size: tuple[int, int], zoom: float = 2.3,
              bright: float = 1.0) -> tuple[Image.Image, float]:
    """A head-and-shoulders crop of `size`, about `zoom` face widths wide; returns it and its face box's width."""
    img, (x0, y0, x1, y1) = _person(src, name, flip)
    fw, cx = x1 - x0, (x0 + x1) / 2
    cw = min(zoom * fw, img.width)
    ch = cw * size[1] / size[0]
    if ch > img.height:
        ch, cw = img.height, img.height * size[0] / size[1]
    left = min(max(0.0, cx - cw / 2), img.width - cw)
    top = min(max(0.0, y0 - 0.18 * ch), img.height - ch)
    part = img.crop((round(left), round(top), round(left + cw), round(top + ch))).resize(size,
                                                                                          Image.Resampling.LANCZOS)
    if bright != 1.0:
        part = ImageEnhance.Brightness(part).enhance(bright)
    return part, fw * size[0] / cw


def _collage(rng: random.Random, src: Path, people: list[tuple[str, bool, float, float]],
             grid: bool) -> tuple[Image.Image, list[float]]:
    """3-6 portraits (3:4, thin border, a role under each) in a row or a grid under a title band, as a portal shows a
    team; returns the image and each portrait's face width."""
    n = len(people)
    if grid and n >= 4:
        cols, rows, W = (2 if n == 4 else 3), 2, rng.choice([1080, 1200])
    else:
        cols, rows, W = n, 1, rng.choice([1200, 1280])
    band, gap, cap = round(0.08 * W), round(0.025 * W), round(0.035 * W)
    slot_w = min((W - gap * (cols + 1)) / cols, 0.27 * W)
    slot_h = slot_w * 4 / 3
    foot = round(0.05 * W) if rng.random() < 0.5 else 0
    H = round(band + gap * (rows + 1) + rows * (slot_h + cap) + foot)
    bg = rng.choice([WHITE, GREY, GUINDA, GREEN])
    ink, accent = _palette(rng, bg)
    canvas = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(canvas)
    d.rectangle((0, 0, W, band), fill=GUINDA if bg != GUINDA else GOLD)
    _text(d, rng.choice(COLLAGE_TITLES), (0.04 * W, band * 0.22, 0.96 * W, band), WHITE, round(band * 0.5))
    if foot:
        d.rectangle((0, H - foot, W, H), fill=accent)
        _text(d, rng.choice(FOOTERS), (0.04 * W, H - foot * 0.75, 0.96 * W, H), WHITE, round(foot * 0.45))
    border = rng.choice([WHITE, GOLD, (90, 90, 90)]) if bg != WHITE else rng.choice([GOLD, (90, 90, 90)])
    roles = rng.sample(ROLES, n)
    widths = []
    for k, (name, flip, zoom, bright) in enumerate(people):
        row, col = divmod(k, cols)
        in_row = min(cols, n - row * cols)
        x0 = (W - in_row * slot_w - (in_row - 1) * gap) / 2 + col * (slot_w + gap)
        y0 = band + gap + row * (slot_h + cap + gap)
        part, face = _portrait(src, name, flip, (round(slot_w), round(slot_h)), zoom, bright)
        t = max(2, W // 400)
        d.rectangle((x0 - t, y0 - t, x0 + part.width + t - 1, y0 + part.height + t - 1), fill=border)
        canvas.paste(part, (round(x0), round(y0)))
        _text(d, roles[k], (x0 - gap / 2, y0 + part.height + cap * 0.25, x0 + part.width + gap / 2,
                            y0 + part.height + cap * 1.2), ink, round(cap * 0.6), centre=True)
        widths.append(face)
    return canvas, widths


def _filler(rng: random.Random, k: int) -> tuple[str, bool, float, float]:
    """The k-th non-official of a group: the three people in turn, each time flipped, zoomed or brightened anew."""
    return (NON_OFFICIALS[k % 3], rng.random() < 0.5, rng.uniform(1.9, 2.7), rng.uniform(0.8, 1.2))


def _collages(rng: random.Random, src: Path, save: _Writer) -> None:
    # Officials: their reference portraits (as a cabinet collage reuses them, too small for a hash) and other photos.
    officials = [("obama.jpg", False), ("biden.jpg", False), ("obama2.jpg", False), ("obama3.jpg", False),
                 ("obama_partial_face2.jpg", False), ("biden.jpg", True)] * 2
    # (portraits, in a grid?): every size of team in a row (a row of six makes faces of ~70 px) and in a grid
    layouts = [(3, False), (4, False), (5, False), (6, False), (4, True), (6, True), (5, True)]
    plan = [(o, True, layouts[j % 6]) for j, o in enumerate(officials)]
    plan += [(None, False, layouts[j % 7]) for j in range(9)]
    rng.shuffle(plan)
    for i, (official, positive, (n, grid)) in enumerate(plan):
        start = rng.randrange(3)
        people = [_filler(rng, start + k) for k in range(n - 1 if positive else n)]
        where = rng.randrange(n) if positive else -1
        if official:
            people.insert(where, (official[0], official[1], rng.uniform(2.0, 2.5), 1.0))
        img, widths = _collage(rng, src, people, grid)
        extra = {"face_px": round(widths[where]), "slots": n} if official else {"slots": n}
        save(img, f"collage-{i:02d}.jpg", _who(official[0]) if official else None, "collage",
             "face" if official else None, extra=extra)


def _covered(mask: Image.Image, box: tuple[float, float, float, float]) -> float:
    """Fraction of a box under a mask (alpha > 127)."""
    a = np.asarray(mask)[max(0, round(box[1])):round(box[3]), max(0, round(box[0])):round(box[2])]
    return float((a > 127).mean()) if a.size else 1.0


def _event(rng: random.Random, src: Path, people: list[tuple[str, bool, float]]) -> tuple[Image.Image,
                                                                                           list[tuple]]:
    """A wide event photo: people standing side by side (chins level, so no one hides a face), behind a presidium
    table on a stage or behind an out-of-focus audience outdoors. Returns the image and each face box."""
    W = rng.choice([1024, 1152, 1280])
    H = round(W * rng.choice([9 / 16, 2 / 3]))
    stage = rng.random() < 0.5
    if stage:
        back = rng.choice([GUINDA, GREEN, GREY, WHITE])
        canvas = Image.new("RGB", (W, H), back)
        d = ImageDraw.Draw(canvas)
        for x in range(0, W, W // 8):  # panels of the backdrop
            d.line((x, 0, x, H), fill=_mix(back, (0, 0, 0), 0.12), width=2)
        ink = WHITE if back in (GUINDA, GREEN) else GUINDA
        _text(d, rng.choice(HEADLINES), (0.06 * W, 0.05 * H, 0.94 * W, 0.2 * H), ink, round(0.05 * W), centre=True)
    else:
        canvas = _background(rng, src, (W, H))
    cuts = [(_cutout(src, name, flip, fw, "bust"), k) for k, (name, flip, fw) in enumerate(people)]
    chin = rng.uniform(0.5, 0.6) * H
    for _ in range(50):  # place them; keep a layout where every face is clear of the people in front
        order = list(range(len(people)))
        rng.shuffle(order)
        clipped = [k for k, (c, _) in enumerate(cuts) if c.clipped]
        for k in clipped:  # a partial face stands at the photo's edge, cut by the frame
            order.remove(k)
            order.insert(0 if cuts[k][0].clipped == "left" else len(order), k)
        slot = W / len(people)
        spots = {}
        for pos, k in enumerate(order):
            c = cuts[k][0]
            fx = slot * (pos + 0.5) + rng.uniform(-0.12, 0.12) * slot
            x = {"right": W - c.img.width, "left": 0}.get(c.clipped or "", fx - (c.face[0] + c.face[2]) / 2)
            spots[k] = (round(x), round(chin + rng.uniform(-6, 6) - c.face[3]))
        paint = sorted(range(len(people)), key=lambda k: people[k][2])  # the smaller (farther) first
        boxes = {k: (spots[k][0] + cuts[k][0].face[0], spots[k][1] + cuts[k][0].face[1],
                     spots[k][0] + cuts[k][0].face[2], spots[k][1] + cuts[k][0].face[3]) for k in paint}
        ok = all(b[0] >= 0 and b[2] <= W and b[1] >= 0.22 * H for b in boxes.values())
        for j, k in enumerate(paint):
            if not ok:
                break
            b = tuple(round(v) for v in boxes[k])
            front = Image.new("L", (b[2] - b[0], b[3] - b[1]), 0)  # the people pasted after k, over k's face box
            for later in paint[j + 1:]:
                alpha = Image.new("L", front.size, 0)
                alpha.paste(cuts[later][0].img.getchannel("A"), (spots[later][0] - b[0], spots[later][1] - b[1]))
                front = ImageChops.lighter(front, alpha)
            ok = _covered(front, (0, 0, front.width, front.height)) < 0.03
        if ok:
            break
    for k in paint:
        canvas.paste(cuts[k][0].img, spots[k], cuts[k][0].img)
    d = ImageDraw.Draw(canvas)
    low = max(b[3] for b in boxes.values())
    # The table or the audience starts at chest height: under the lowest chin, above where any body fades out.
    ends = min(spots[k][1] + cuts[k][0].img.height - 0.15 * (boxes[k][2] - boxes[k][0]) for k in paint)
    edge = max(low + 4, min(ends, low + min(b[3] - b[1] for b in boxes.values()) * rng.uniform(0.9, 1.3)))
    if stage:
        cloth = rng.choice([WHITE, GUINDA, (40, 40, 40)])
        d.rectangle((0, edge, W, H), fill=cloth)
        d.rectangle((0, edge, W, edge + max(3, H // 120)), fill=_mix(cloth, (0, 0, 0), 0.3))
        for k in paint:  # name plates
            cx = (boxes[k][0] + boxes[k][2]) / 2
            d.rectangle((cx - 0.05 * W, edge + 0.04 * H, cx + 0.05 * W, edge + 0.08 * H), fill=(250, 250, 250),
                        outline=(120, 120, 120))
    else:  # backs of heads and shoulders of the audience, out of focus in front of the camera
        q = 4  # drawn and blurred at a quarter of the size: the same blur, sixteen times cheaper
        crowd = Image.new("RGBA", (W // q, H // q), (0, 0, 0, 0))
        cd = ImageDraw.Draw(crowd)
        x = -rng.uniform(0, 60)
        while x < W:
            r = rng.uniform(0.05, 0.08) * W
            tone = tuple(rng.randint(15, 60) for _ in range(3)) + (255,)
            hy = edge + r * rng.uniform(0.2, 0.6)
            cd.ellipse((x / q, hy / q, (x + 1.6 * r) / q, (hy + 2 * r) / q), fill=tone)
            cd.rounded_rectangle(((x - r) / q, (hy + 1.6 * r) / q, (x + 2.6 * r) / q, (H + r) / q), radius=round(r / q),
                                 fill=tone)
            x += r * rng.uniform(1.5, 2.2)
        crowd = crowd.filter(ImageFilter.GaussianBlur(rng.uniform(5, 9) / q)).resize((W, H), Image.Resampling.BILINEAR)
        canvas.paste(crowd, (0, 0), crowd)
    return canvas, [boxes[k] for k in range(len(people))]


def _photographic(rng: random.Random, img: Image.Image) -> Image.Image:
    """What a camera adds to a scene that was composed flat: light falling off toward the corners, a touch of lens
    softness and sensor noise (an indoor event shot at high ISO)."""
    a = np.asarray(img.convert("RGB").filter(ImageFilter.GaussianBlur(0.6)), dtype=np.float32)
    h, w = a.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    r2 = ((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2
    a *= (1 - rng.uniform(0.15, 0.25) * r2 / 2)[..., None]
    noise = np.random.default_rng(rng.getrandbits(32)).normal(0, rng.uniform(3, 6), a.shape[:2])[..., None]
    return Image.fromarray(np.clip(a + noise, 0, 255).astype(np.uint8))


def _small_faces(rng: random.Random, src: Path, save: _Writer) -> None:
    # The official's face 40-100 px wide, evenly spread; the others, the three non-officials in turn, about as far
    # from the camera (0.8-1.25 times that size; 40-100 px in a photo without an official).
    n_pos = 14
    widths = [40 + 60 * (i + rng.random()) / n_pos for i in range(n_pos)]
    plan = [(OFFICIAL_PHOTOS[i % 4], w) for i, w in enumerate(widths)] + [(None, 0.0)] * 9
    rng.shuffle(plan)
    for i, (official, face_px) in enumerate(plan):
        start, base = rng.randrange(3), face_px or rng.uniform(40, 100)
        people = [(NON_OFFICIALS[(start + k) % 3], rng.random() < 0.5, base * rng.uniform(0.8, 1.25))
                  for k in range(rng.randint(3, 6))]
        if official:
            people.append((official[0], official[1], face_px))
        img, boxes = _event(rng, src, people)
        img = _photographic(rng, img)
        extra = {"face_px": round(boxes[-1][2] - boxes[-1][0]), "people": len(people)} if official else {
            "people": len(people)}
        save(img, f"small-{i:02d}.jpg", _who(official[0]) if official else None, "small-face",
             "face" if official else None, quality=85, extra=extra)


def _rotated(rng: random.Random, src: Path, name: str, flip: bool, angle: float, style: str) -> Image.Image:
    """The person turned `angle` degrees (counter-clockwise when positive): a tilted print on a flat card, the
    whole photo turned, or a turned cut-out on a background."""
    img, (x0, y0, x1, y1) = _person(src, name, flip)
    fw = x1 - x0
    face_w = rng.uniform(150, 280)
    if style == "cutout":
        W, H = rng.choice([(1080, 1080), (1200, 800)])
        canvas = _background(rng, src, (W, H)) if rng.random() < 0.5 else Image.new("RGB", (W, H),
                                                                                      rng.choice(CARD_BGS))
        cut = _cutout(src, name, flip, face_w, "bust")
        bx0, by0, bx1, by1 = cut.face
        px, py = (bx0 + bx1) / 2, (by0 + by1) / 2
        body = cut.img.crop((0, 0, cut.img.width, min(cut.img.height, round(py + 1.2 * H))))  # what can show
        # Turn about the face's centre: pad the cut-out so that centre is the middle of a square that holds it all.
        R = math.ceil(max(math.hypot(px - cx, py - cy) for cx in (0, body.width) for cy in (0, body.height)))
        pad = Image.new("RGBA", (2 * R, 2 * R), (0, 0, 0, 0))
        pad.paste(body, (R - round(px), R - round(py)))
        turned = pad.rotate(angle, resample=Image.Resampling.BICUBIC)
        fx, fy = W / 2 + rng.uniform(-0.15, 0.15) * W, rng.uniform(0.35, 0.45) * H
        # lower where the body is short, so it runs off the bottom edge rather than fading out mid-image
        fy = min(max(fy, H - 0.85 * (body.height - py) * math.cos(math.radians(angle))), H - 0.8 * (by1 - by0))
        canvas.paste(turned, (round(fx - R), round(fy - R)), turned)
        return canvas
    # a medium shot around the face: 3 face widths wide, 3.6 tall
    cx = (x0 + x1) / 2
    cw, ch = min(3 * fw, img.width), min(3.6 * fw, img.height)
    left, top = min(max(0.0, cx - cw / 2), img.width - cw), min(max(0.0, y0 - 0.5 * fw), img.height - ch)
    shot = _scale(img.crop((round(left), round(top), round(left + cw), round(top + ch))), face_w / fw)
    if style == "whole":
        return shot.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=rng.choice(
            [WHITE, (0, 0, 0), GREY]))
    border = round(0.04 * max(shot.size))
    framed = ImageOps.expand(shot, border, WHITE).convert("RGBA")
    turned = framed.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    W, H = turned.width + 160, turned.height + 160
    canvas = Image.new("RGB", (W, H), rng.choice([GUINDA, GREEN, GOLD, GREY]))
    shadow = turned.getchannel("A").point(lambda a: a // 2).filter(ImageFilter.GaussianBlur(8))
    canvas.paste((0, 0, 0), (92, 94, 92 + shadow.width, 94 + shadow.height), shadow)
    canvas.paste(turned, (80, 80), turned)
    return canvas


def _rotations(rng: random.Random, src: Path, save: _Writer) -> None:
    angles = [15, -15, 18, -19, 21, -22, 24, -25, 27, -28, 30, -30]
    rng.shuffle(angles)
    plan = [(OFFICIAL_PHOTOS[i % 4], a) for i, a in enumerate(angles)]
    plan += [((NON_OFFICIALS[k % 3], k % 2 == 1), rng.choice([-1, 1]) * rng.uniform(15, 30)) for k in range(6)]
    rng.shuffle(plan)
    for i, ((name, flip), angle) in enumerate(plan):
        style = rng.choice(["print", "whole", "cutout"])
        official = _who(name) if name in dict(OFFICIAL_PHOTOS) else None
        save(_rotated(rng, src, name, flip, angle, style), f"rotated-{i:02d}.jpg", official, "rotated",
             "face" if official else None, extra={"angle": round(angle, 1), "style": style})


def _skin(img: Image.Image, box: tuple[float, float, float, float], eyes: float) -> tuple[int, int, int]:
    """The median colour of the cheeks and nose, under the eyes."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    patch = img.convert("RGB").crop((round(x0 + 0.3 * w), round(y0 + (eyes + 0.1) * h), round(x1 - 0.3 * w),
                                     round(y0 + (eyes + 0.22) * h)))
    a = np.asarray(patch).reshape(-1, 3)
    return tuple(int(v) for v in np.median(a, axis=0))  # type: ignore[return-value]


def _microphone(layer: Image.Image, rng: random.Random, box, mouth: float, scale: float) -> None:
    """A hand-held microphone held up to the mouth: a dark handle from below and a grille ball over mouth and chin."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    r = rng.uniform(0.19, 0.24) * w * scale
    cx, cy = (x0 + x1) / 2 + rng.uniform(-0.1, 0.1) * w, y0 + mouth * h + rng.uniform(0.0, 0.06) * h
    tilt = math.radians(rng.uniform(-25, 25))
    dx, dy = math.sin(tilt), math.cos(tilt)
    d = ImageDraw.Draw(layer)
    half, far = 0.45 * r, 6 * w
    d.polygon([(cx - half * dy, cy + half * dx), (cx + half * dy, cy - half * dx),
               (cx + half * dy + far * dx, cy - half * dx + far * dy),
               (cx - half * dy + far * dx, cy + half * dx + far * dy)], fill=(22, 22, 24, 255))
    if rng.random() < 0.5:  # a TV station's flag on the handle
        fx, fy = cx + 1.9 * r * dx, cy + 1.9 * r * dy
        d.rounded_rectangle((fx - 0.8 * r, fy - 0.55 * r, fx + 0.8 * r, fy + 0.55 * r), radius=round(0.15 * r),
                            fill=rng.choice([(200, 30, 40), (20, 60, 160), (235, 235, 235)]) + (255,))
    d.ellipse((cx - 0.7 * r + r * dx, cy - 0.35 * r + r * dy, cx + 0.7 * r + r * dx, cy + 0.35 * r + r * dy),
              fill=(120, 120, 125, 255))  # collar
    ball = Image.new("RGBA", (round(2 * r) + 1, round(2 * r) + 1), (0, 0, 0, 0))
    bd = ImageDraw.Draw(ball)
    bd.ellipse((0, 0, ball.width - 1, ball.height - 1), fill=(58, 58, 62, 255))
    step = max(2, round(r / 5))
    for t in range(0, ball.width, step):
        bd.line((t, 0, t, ball.height), fill=(95, 95, 100, 255), width=1)
        bd.line((0, t, ball.width, t), fill=(95, 95, 100, 255), width=1)
    bd.ellipse((0.22 * r, 0.18 * r, 0.8 * r, 0.6 * r), fill=(150, 150, 155, 200))  # highlight
    round_mask = Image.new("L", ball.size, 0)
    ImageDraw.Draw(round_mask).ellipse((0, 0, ball.width - 1, ball.height - 1), fill=255)
    ball.putalpha(round_mask)
    layer.paste(ball, (round(cx - r), round(cy - r)), ball)


def _hand(layer: Image.Image, rng: random.Random, box, features: tuple[float, float], tone, where: str,
          scale: float) -> None:
    """A hand in skin tone: fingers over one cheek ('cheek') or the palm under the chin, fingers up by the mouth."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    eyes, mouth = features
    u = 0.5 * w * scale  # hand width
    hand = Image.new("RGBA", (round(2.4 * u), round(2.4 * u)), (0, 0, 0, 0))
    hd = ImageDraw.Draw(hand)
    ox, oy = 0.7 * u, 1.2 * u  # palm's top-left corner
    dark = _mix(tone, (0, 0, 0), 0.3) + (255,)
    fill = tone + (255,)
    lengths = [0.8, 0.95, 0.9, 0.7]
    fwid = 0.25 * u
    for j, length in enumerate(lengths):  # fingers pointing up
        fx = ox + j * fwid
        hd.rounded_rectangle((fx, oy - length * u, fx + fwid, oy + 0.3 * u), radius=round(fwid / 2), fill=fill,
                             outline=dark, width=max(1, round(u / 40)))
    hd.rounded_rectangle((ox - 0.05 * u, oy - 0.05 * u, ox + 1.05 * u, oy + 1.0 * u), radius=round(0.3 * u),
                         fill=fill)
    thumb = Image.new("RGBA", hand.size, (0, 0, 0, 0))
    ImageDraw.Draw(thumb).rounded_rectangle((ox - 0.35 * u, oy + 0.1 * u, ox - 0.05 * u, oy + 0.75 * u),
                                            radius=round(0.15 * u), fill=fill, outline=dark,
                                            width=max(1, round(u / 40)))
    thumb = thumb.rotate(-25, resample=Image.Resampling.BICUBIC, center=(ox, oy + 0.7 * u))
    hand = Image.alpha_composite(thumb, hand)
    hd = ImageDraw.Draw(hand)
    for j in range(1, 4):  # the creases between fingers, down into the palm
        hd.line((ox + j * fwid, oy - 0.3 * u, ox + j * fwid, oy + 0.15 * u), fill=dark, width=max(1, round(u / 40)))
    hand = hand.filter(ImageFilter.GaussianBlur(max(0.6, u / 120)))
    right = rng.random() < 0.5
    if where == "cheek":  # flat on one cheek, fingertips just under the eye, leaning in toward the nose
        turned = hand.rotate(rng.uniform(8, 22) * (1 if right else -1), resample=Image.Resampling.BICUBIC, expand=True)
        tx, ty = (x1 - 0.2 * w if right else x0 + 0.2 * w), y0 + (eyes + 0.12) * h
    else:  # over the mouth and chin, fingertips under the nose
        turned = hand.rotate(rng.uniform(-12, 12), resample=Image.Resampling.BICUBIC, expand=True)
        tx, ty = (x0 + x1) / 2 + rng.uniform(-0.1, 0.1) * w, y0 + ((eyes + mouth) / 2 + 0.06) * h
    solid = np.asarray(turned.getchannel("A")) > 127
    ys, xs = np.nonzero(solid)
    tip_y = int(ys.min())
    tip_x = float(xs[ys < tip_y + max(2, 0.1 * u)].mean())  # the fingertips: the hand's topmost pixels
    layer.paste(turned, (round(tx - tip_x), round(ty - tip_y)), turned)


def _occluded(rng: random.Random, src: Path, name: str, flip: bool, occluder: str) -> tuple[Image.Image, float]:
    """A press-photo medium shot with a microphone or a hand in front of part of the face (never both eyes, at
    most 28% of the face box). Returns the image and the fraction of the face box covered."""
    img, (x0, y0, x1, y1) = _person(src, name, flip)
    fw, cx = x1 - x0, (x0 + x1) / 2
    s = rng.uniform(170, 300) / fw
    cw, ch = min(3 * fw, img.width), min(3.6 * fw, img.height)
    left, top = min(max(0.0, cx - cw / 2), img.width - cw), min(max(0.0, y0 - 0.5 * fw), img.height - ch)
    shot = _scale(img.crop((round(left), round(top), round(left + cw), round(top + ch))), s).convert("RGBA")
    box = ((x0 - left) * s, (y0 - top) * s, (x1 - left) * s, (y1 - top) * s)
    features = FEATURES[name]
    tone = _skin(shot, box, features[0])
    state = rng.getstate()
    for shrink in (1.0, 0.9, 0.8, 0.7, 0.6, 0.5):
        rng.setstate(state)  # same placement, a smaller occluder, until it covers little enough
        layer = Image.new("RGBA", shot.size, (0, 0, 0, 0))
        if occluder == "mic":
            _microphone(layer, rng, box, features[1], shrink)
        else:
            _hand(layer, rng, box, features, tone, occluder.removeprefix("hand-"), shrink)
        cover = _covered(layer.getchannel("A"), box)
        if cover <= 0.28:
            break
    return Image.alpha_composite(shot, layer).convert("RGB"), cover


def _occlusions(rng: random.Random, src: Path, save: _Writer) -> None:
    kinds = ["mic", "hand-cheek", "hand-chin"]
    plan = [(OFFICIAL_PHOTOS[i % 4], "mic" if OFFICIAL_PHOTOS[i % 4][0] == "obama_partial_face2.jpg" else
             kinds[i % 3]) for i in range(12)]
    plan += [((NON_OFFICIALS[k % 3], k % 2 == 0), kinds[k % 3]) for k in range(6)]
    rng.shuffle(plan)
    for i, ((name, flip), occluder) in enumerate(plan):
        official = _who(name) if name in dict(OFFICIAL_PHOTOS) else None
        img, cover = _occluded(rng, src, name, flip, occluder)
        save(img, f"occluded-{i:02d}.jpg", official, "occluded", "face" if official else None,
             extra={"occluder": occluder, "cover": round(cover, 2)})


def _portal_cases(rng: random.Random, src: Path, save: _Writer) -> None:
    # Each kind draws from its own generator seeded from `rng`, so changing one kind leaves the others as they were.
    for make in (_cards, _collages, _small_faces, _rotations, _occlusions):
        make(random.Random(rng.getrandbits(64)), src, save)


STAMP = "generator.sha256"  # next to labels.json: what the corpus was built from


def generator_stamp(seed: int = 7) -> str:
    """This generator's source and the seed, hashed: a corpus with another stamp was made by another generator."""
    return hashlib.sha256(Path(__file__).read_bytes() + f"\nseed={seed}\n".encode()).hexdigest()


def is_current(out: Path, seed: int = 7) -> bool:
    """Whether `out` holds a whole corpus built by this very generator with this seed (cheap: one file hashed)."""
    try:
        return (Path(out) / "labels.json").is_file() and (Path(out) / STAMP).read_text().strip() == generator_stamp(
            seed)
    except OSError:
        return False


def build_corpus(sources: Path, out: Path, seed: int = 7) -> list[dict]:
    """Write portraits/, images/ and labels.json under `out`; return the labels. Same seed, same bytes."""
    src, out = Path(sources), Path(out)
    (out / STAMP).unlink(missing_ok=True)  # written last: a build cut short leaves no stamp and is redone
    for sub in ("portraits", "images"):  # stale files from another seed would otherwise linger unlabelled
        shutil.rmtree(out / sub, ignore_errors=True)
        (out / sub).mkdir(parents=True)
    save, rng = _Writer(out), random.Random(seed)
    _officials(src, out, save)
    _crowds(rng, src, save)
    _negatives(rng, src, save)
    _portal_cases(rng, src, save)
    (out / "labels.json").write_text(json.dumps(save.labels, indent=1) + "\n", "utf-8")
    (out / STAMP).write_text(generator_stamp(seed) + "\n", "utf-8")
    return save.labels


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, required=True, help="where the photos from the packages are kept")
    ap.add_argument("--out", type=Path, required=True, help="where the corpus is written")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    sources = fetch_sources(args.cache)
    t1 = time.perf_counter()
    labels = build_corpus(sources, args.out, args.seed)
    print(f"fetch {t1 - t0:.1f}s, build {time.perf_counter() - t1:.1f}s: {len(labels)} images in {args.out}")
    kinds = collections.Counter((label["kind"], label["official"] is not None) for label in labels)
    for (kind, positive), n in sorted(kinds.items()):
        print(f"  {kind:<22} {'positive' if positive else 'negative'} {n:3d}")
    for field in ("official", "signal"):
        counts = collections.Counter(str(label[field]) for label in labels)
        print(f"per {field}: " + ", ".join(f"{k}={n}" for k, n in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
