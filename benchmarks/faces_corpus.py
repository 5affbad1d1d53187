"""Labelled image benchmark for the official-photo rule, built from real photos shipped in PyPI packages.

Positives are photos of two "officials" (Barack Obama, Joe Biden; the face_recognition test images):
re-uses of their reference portraits (found by perceptual hash) and other photos, transforms and crowd
composites (found only by face recognition). Negatives are other people (skimage astronaut, matplotlib
Grace Hopper, skimage cameraman), object photos and synthetic portal graphics.

Usage: python benchmarks/faces_corpus.py --cache DIR --out DIR [--seed 7]
"""
from __future__ import annotations

import argparse
import collections
import json
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont, ImageOps

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
                 quality: int = 90) -> None:
        img = _cap(img)
        img.save(self.folder / name, **({} if name.endswith(".png") else {"quality": quality}))
        self.labels.append({"file": f"images/{name}", "official": official, "kind": kind, "signal": signal})


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


def build_corpus(sources: Path, out: Path, seed: int = 7) -> list[dict]:
    """Write portraits/, images/ and labels.json under `out`; return the labels. Same seed, same bytes."""
    src, out = Path(sources), Path(out)
    for sub in ("portraits", "images"):  # stale files from another seed would otherwise linger unlabelled
        shutil.rmtree(out / sub, ignore_errors=True)
        (out / sub).mkdir(parents=True)
    save, rng = _Writer(out), random.Random(seed)
    _officials(src, out, save)
    _crowds(rng, src, save)
    _negatives(rng, src, save)
    (out / "labels.json").write_text(json.dumps(save.labels, indent=1) + "\n", "utf-8")
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
