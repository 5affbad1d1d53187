"""Regenerate the images of the bundled demo portal (``site/img/``).

Standalone: ``python make_images.py`` (needs only Pillow). The pictures are simple
drawings (coloured shapes and a short text) that stand in for the banners, event
photos and infographics of a real agency portal. Several file names deliberately
name a public servant (``trevino-garza-…``, ``ortega-salinas-…``): the demo checks
that the auditor reads image file names. Output is deterministic.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent / "site" / "img"
MAX_BYTES = 40 * 1024

FONT_CANDIDATES = {
    True: [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
        "/Library/Fonts/Arial Bold.ttf",
        "C:/Windows/Fonts/arialbd.ttf",
    ],
    False: [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/Library/Fonts/Arial.ttf",
        "C:/Windows/Fonts/arial.ttf",
    ],
}

# Institutional palette (neutral greys and blues; no party colours).
AZUL = (24, 62, 112)
AZUL_CLARO = (92, 140, 196)
GRIS = (222, 226, 230)
GRIS_OSCURO = (70, 76, 84)
BLANCO = (255, 255, 255)
ARENA = (214, 196, 160)
NARANJA = (232, 120, 40)
ROJO = (196, 48, 48)
VERDE = (60, 130, 80)
AMARILLO = (246, 200, 60)


def font(size: int, bold: bool = False) -> ImageFont.ImageFont:
    for path in FONT_CANDIDATES[bold]:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()


def text_center(draw: ImageDraw.ImageDraw, box, text: str, size: int, fill, bold=True):
    f = font(size, bold)
    x0, y0, x1, y1 = box
    l, t, r, b = draw.textbbox((0, 0), text, font=f)
    draw.text((x0 + (x1 - x0 - (r - l)) / 2 - l, y0 + (y1 - y0 - (b - t)) / 2 - t), text, font=f, fill=fill)


def gradient(w: int, h: int, top, bottom) -> Image.Image:
    img = Image.new("RGB", (w, h), top)
    d = ImageDraw.Draw(img)
    for y in range(h):
        k = y / max(1, h - 1)
        d.line([(0, y), (w, y)], fill=tuple(int(a + (b - a) * k) for a, b in zip(top, bottom)))
    return img


def person(d: ImageDraw.ImageDraw, x: int, y: int, scale: float, shirt, rnd: random.Random):
    """A very schematic person: head (circle) and body (rounded rectangle)."""
    skin = rnd.choice([(224, 182, 150), (198, 150, 112), (170, 120, 90), (236, 200, 170)])
    r = int(14 * scale)
    d.ellipse([x - r, y - r, x + r, y + r], fill=skin)
    d.rounded_rectangle([x - int(22 * scale), y + r + 2, x + int(22 * scale), y + r + int(70 * scale)],
                        radius=int(10 * scale), fill=shirt)


def crowd(d, w, h, rnd, n=14, y_base=None):
    y_base = y_base or int(h * 0.62)
    for i in range(n):
        x = int((i + 0.5) * w / n + rnd.randint(-8, 8))
        y = y_base + rnd.randint(-10, 25)
        person(d, x, y, rnd.uniform(0.8, 1.1), rnd.choice([AZUL_CLARO, ARENA, VERDE, GRIS_OSCURO, NARANJA, BLANCO]), rnd)


def save(img: Image.Image, name: str) -> None:
    path = OUT / name
    if name.endswith(".png"):
        img = img.convert("P", palette=Image.ADAPTIVE, colors=48)
        img.save(path, optimize=True)
    else:
        quality = 80
        while True:
            img.save(path, quality=quality, optimize=True)
            if path.stat().st_size <= MAX_BYTES or quality <= 30:
                break
            quality -= 10
    size = path.stat().st_size
    assert size <= MAX_BYTES, f"{name} is {size} bytes"
    print(f"{name:42s} {img.size[0]}x{img.size[1]}  {size / 1024:5.1f} KB")


# --- the images ---------------------------------------------------------------------------

def escudo() -> None:
    """Neutral coat of arms used in the shared header (allowed)."""
    img = Image.new("RGB", (96, 112), BLANCO)
    d = ImageDraw.Draw(img)
    shield = [(8, 6), (88, 6), (88, 62), (48, 106), (8, 62)]
    d.polygon(shield, fill=AZUL, outline=GRIS_OSCURO)
    d.rectangle([12, 10, 47, 46], fill=(200, 40, 40))
    d.rectangle([49, 10, 84, 46], fill=AMARILLO)
    d.polygon([(12, 48), (84, 48), (84, 60), (48, 98), (12, 60)], fill=(40, 110, 180))
    d.ellipse([38, 36, 58, 56], fill=BLANCO, outline=GRIS_OSCURO)
    save(img, "escudo-coahuila.png")


def banner_eslogan() -> None:
    """Administration slogan with period stamp and hashtag (propaganda)."""
    w, h = 960, 280
    img = gradient(w, h, (30, 80, 150), (110, 170, 220))
    d = ImageDraw.Draw(img)
    for i in range(6):
        d.ellipse([700 + i * 30, -60 + i * 40, 1000 + i * 30, 240 + i * 40], outline=(255, 255, 255), width=2)
    text_center(d, (0, 40, 700, 140), "Coahuila Avanza Contigo", 44, BLANCO)
    text_center(d, (0, 140, 700, 190), "Gobierno del Estado 2023-2029", 28, AMARILLO)
    text_center(d, (0, 195, 700, 240), "#CoahuilaAvanzaContigo", 24, BLANCO, bold=False)
    save(img, "banner-coahuila-avanza.jpg")


def slide_familias() -> None:
    """Event 'photo' (the page's alt text names the secretary)."""
    rnd = random.Random(2)
    w, h = 480, 320
    img = gradient(w, h, (200, 220, 240), (240, 240, 236))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 230, w, h], fill=(180, 170, 150))
    d.rectangle([60, 40, 420, 110], fill=AZUL)
    text_center(d, (60, 40, 420, 110), "Programa Alimentario Estatal", 22, BLANCO)
    person(d, 240, 140, 1.3, (150, 40, 90), rnd)  # the official, in the middle
    crowd(d, w, h, rnd, n=9, y_base=190)
    save(img, "slide-familias.jpg")


def slide_beca() -> None:
    """Neutral banner: registration dates for a scholarship (allowed)."""
    w, h = 960, 280
    img = gradient(w, h, (245, 245, 240), (225, 232, 240))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, 24, h], fill=AZUL)
    d.rounded_rectangle([640, 50, 900, 230], radius=18, fill=AZUL_CLARO)
    text_center(d, (640, 50, 900, 140), "7-25", 54, BLANCO)
    text_center(d, (640, 140, 900, 200), "de abril", 30, BLANCO)
    text_center(d, (40, 60, 620, 130), "Beca Rita Cetina", 46, AZUL)
    text_center(d, (40, 140, 620, 190), "Registro para estudiantes de secundaria", 24, GRIS_OSCURO, bold=False)
    text_center(d, (40, 190, 620, 230), "Requisitos en sidscoahuila.gob.mx", 20, GRIS_OSCURO, bold=False)
    save(img, "slide-beca-inscripciones.jpg")


def entrega_tarjetas() -> None:
    rnd = random.Random(4)
    w, h = 480, 320
    img = gradient(w, h, (90, 90, 110), (150, 140, 130))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 210, w, h], fill=(120, 100, 80))
    d.rectangle([40, 20, 440, 80], fill=(235, 235, 235))
    text_center(d, (40, 20, 440, 80), "Coliseo Centenario, Torreón", 22, AZUL)
    d.rectangle([170, 120, 310, 150], fill=BLANCO)  # a table with cards
    for i in range(5):
        d.rectangle([178 + i * 26, 126, 198 + i * 26, 144], fill=AZUL_CLARO)
    crowd(d, w, h, rnd, n=11, y_base=170)
    save(img, "entrega-tarjetas-torreon.jpg")


def inauguracion() -> None:
    """Building with a ribbon: file name names the governor, alt text is neutral."""
    rnd = random.Random(5)
    w, h = 480, 320
    img = gradient(w, h, (150, 200, 240), (220, 236, 250))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 250, w, h], fill=(160, 160, 150))
    d.rectangle([90, 80, 390, 250], fill=ARENA, outline=GRIS_OSCURO)
    d.rectangle([200, 170, 280, 250], fill=(110, 80, 50))
    for x in (110, 150, 310, 350):
        d.rectangle([x, 128, x + 25, 158], fill=(180, 210, 240))
    d.rectangle([90, 90, 390, 118], fill=AZUL)
    text_center(d, (90, 90, 390, 118), "Centro Comunitario Las Margaritas", 14, BLANCO)
    d.line([(120, 225), (360, 225)], fill=ROJO, width=6)  # ribbon
    for x in (150, 240, 330):
        person(d, x, 200, 0.9, rnd.choice([GRIS_OSCURO, BLANCO, AZUL_CLARO]), rnd)
    save(img, "trevino-garza-inauguracion.jpg")


def entrega_apoyos_pn() -> None:
    """Gallery picture whose file name names the secretary; neutral alt text."""
    rnd = random.Random(6)
    w, h = 480, 320
    img = gradient(w, h, (230, 210, 180), (200, 180, 150))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, w, 60], fill=(120, 130, 140))
    text_center(d, (0, 0, w, 60), "Gimnasio municipal, Piedras Negras", 20, BLANCO)
    for i in range(6):  # boxes with food packages
        d.rectangle([40 + i * 70, 230, 95 + i * 70, 280], fill=(190, 150, 90), outline=(120, 90, 50))
    person(d, 240, 110, 1.2, (150, 40, 90), rnd)
    crowd(d, w, h, rnd, n=7, y_base=140)
    save(img, "ortega-salinas-entrega-apoyos.jpg")


def comedor() -> None:
    rnd = random.Random(7)
    w, h = 480, 320
    img = gradient(w, h, (245, 235, 215), (230, 220, 200))
    d = ImageDraw.Draw(img)
    for i in range(3):
        d.rectangle([30 + i * 150, 200, 150 + i * 150, 220], fill=(140, 100, 60))
    d.rectangle([0, 0, w, 50], fill=VERDE)
    text_center(d, (0, 0, w, 50), "Comedor comunitario, Monclova", 20, BLANCO)
    person(d, 240, 100, 1.2, GRIS_OSCURO, rnd)
    crowd(d, w, h, rnd, n=8, y_base=150)
    save(img, "comedor-monclova.jpg")


def banner_adultos_mayores() -> None:
    """Programme banner with the administration slogan (alt text names the governor)."""
    rnd = random.Random(8)
    w, h = 720, 200
    img = Image.new("RGB", (w, h), (40, 90, 160))
    d = ImageDraw.Draw(img)
    d.rectangle([470, 0, w, h], fill=(230, 236, 244))
    person(d, 530, 60, 1.0, GRIS_OSCURO, rnd)
    person(d, 600, 70, 0.9, ARENA, rnd)
    person(d, 665, 70, 0.9, AZUL_CLARO, rnd)
    text_center(d, (10, 20, 470, 90), "Pensión Adultos Mayores", 32, BLANCO)
    text_center(d, (10, 95, 470, 140), "Coahuila Avanza Contigo", 26, AMARILLO)
    text_center(d, (10, 140, 470, 180), "2023-2029", 22, BLANCO, bold=False)
    save(img, "banner-adultos-mayores.png")


def vacunacion() -> None:
    """Vaccination module with unidentifiable health staff (allowed)."""
    rnd = random.Random(9)
    w, h = 480, 320
    img = gradient(w, h, (235, 245, 250), (210, 230, 240))
    d = ImageDraw.Draw(img)
    d.polygon([(60, 120), (240, 50), (420, 120)], fill=BLANCO, outline=GRIS_OSCURO)  # tent
    d.rectangle([70, 120, 410, 130], fill=AZUL_CLARO)
    d.rectangle([150, 200, 330, 225], fill=BLANCO, outline=GRIS_OSCURO)  # table
    d.rectangle([0, 0, 200, 36], fill=BLANCO)
    text_center(d, (0, 0, 200, 36), "VACUNACIÓN", 20, ROJO)
    # a red cross
    d.rectangle([222, 80, 258, 92], fill=ROJO)
    d.rectangle([234, 68, 246, 104], fill=ROJO)
    for x in (190, 290):
        person(d, x, 160, 1.0, BLANCO, rnd)
    crowd(d, w, h, rnd, n=6, y_base=240)
    save(img, "modulo-vacunacion.jpg")


def onda_calor() -> None:
    """Civil-protection infographic (allowed)."""
    w, h = 480, 640
    img = Image.new("RGB", (w, h), (255, 248, 235))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, w, 110], fill=NARANJA)
    text_center(d, (0, 10, w, 60), "ONDA DE CALOR", 40, BLANCO)
    text_center(d, (0, 60, w, 100), "Recomendaciones de Protección Civil", 20, BLANCO, bold=False)
    d.ellipse([8, 8, 48, 48], fill=AMARILLO)
    tips = ["Bebe agua aunque no tengas sed", "Evita el sol de 11:00 a 16:00 h",
            "Usa ropa ligera y de color claro", "No dejes a nadie dentro de un auto",
            "Cuida a niñas, niños y adultos mayores", "Emergencias: 911"]
    for i, tip in enumerate(tips):
        y = 140 + i * 80
        d.rounded_rectangle([20, y, 460, y + 60], radius=12, fill=BLANCO, outline=NARANJA, width=3)
        d.ellipse([32, y + 12, 68, y + 48], fill=NARANJA)
        text_center(d, (32, y + 12, 68, y + 48), str(i + 1), 20, BLANCO)
        d.text((80, y + 18), tip, font=font(18), fill=GRIS_OSCURO)
    save(img, "onda-calor-recomendaciones.png")


def mapa_cierre() -> None:
    """Road-closure map (allowed)."""
    w, h = 480, 320
    img = Image.new("RGB", (w, h), (238, 236, 228))
    d = ImageDraw.Draw(img)
    for x in range(0, w, 80):
        d.line([(x, 0), (x, h)], fill=BLANCO, width=8)
    for y in range(0, h, 80):
        d.line([(0, y), (w, y)], fill=BLANCO, width=8)
    d.line([(0, 160), (w, 160)], fill=(250, 220, 120), width=16)
    d.line([(160, 160), (320, 160)], fill=ROJO, width=16)
    d.line([(160, 80), (320, 80)], fill=VERDE, width=8)
    d.line([(160, 240), (320, 240)], fill=VERDE, width=8)
    d.rectangle([10, 10, 240, 60], fill=BLANCO, outline=GRIS_OSCURO)
    d.text((20, 14), "Cierre: Blvd. V. Carranza", font=font(14, True), fill=ROJO)
    d.text((20, 36), "Rutas alternas", font=font(14, True), fill=VERDE)
    save(img, "cierre-vial-mapa.png")


def oficina() -> None:
    """Regional office front (allowed)."""
    w, h = 480, 320
    img = gradient(w, h, (170, 210, 245), (230, 240, 250))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 260, w, h], fill=(150, 150, 145))
    d.rectangle([60, 70, 420, 260], fill=(236, 228, 210), outline=GRIS_OSCURO)
    d.rectangle([60, 70, 420, 110], fill=AZUL)
    text_center(d, (60, 70, 420, 110), "Oficina Regional Laguna", 20, BLANCO)
    for x in (90, 160, 290, 360):
        d.rectangle([x, 130, x + 40, 180], fill=(180, 210, 240), outline=GRIS_OSCURO)
    d.rectangle([210, 180, 270, 260], fill=(90, 70, 50))
    save(img, "oficina-regional.jpg")


def podcast() -> None:
    w, h = 320, 320
    img = Image.new("RGB", (w, h), AZUL)
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([130, 60, 190, 170], radius=30, fill=BLANCO)  # microphone
    d.arc([110, 110, 210, 200], start=0, end=180, fill=BLANCO, width=6)
    d.line([(160, 200), (160, 230)], fill=BLANCO, width=6)
    d.line([(130, 230), (190, 230)], fill=BLANCO, width=6)
    text_center(d, (0, 245, w, 285), "Voces de Coahuila", 26, BLANCO)
    text_center(d, (0, 282, w, 310), "Podcast", 16, AMARILLO, bold=False)
    save(img, "podcast-portada.png")


PHOTOS = Path(__file__).resolve().parent / "photos"


def retrato() -> Image.Image:
    """The governor's official portrait (a drawing standing in for a photo), textured so it hashes unlike the rest."""
    rnd = random.Random(41)
    img = gradient(600, 750, (120, 138, 160), (40, 52, 70))
    d = ImageDraw.Draw(img)
    for _ in range(400):  # a studio backdrop's mottling: gives the perceptual hash something of its own
        x, y, r = rnd.randint(0, 600), rnd.randint(0, 750), rnd.randint(4, 30)
        shade = rnd.randint(-25, 25)
        d.ellipse([x - r, y - r, x + r, y + r], fill=tuple(max(0, min(255, c + shade)) for c in (90, 104, 124)))
    d.rounded_rectangle([110, 470, 490, 760], radius=90, fill=(34, 38, 48))  # suit
    d.polygon([(260, 470), (340, 470), (300, 600)], fill=BLANCO)  # shirt
    d.polygon([(290, 480), (310, 480), (305, 590), (295, 590)], fill=(128, 24, 38))  # tie
    d.ellipse([205, 170, 395, 420], fill=(198, 150, 112))  # face
    d.ellipse([200, 140, 400, 270], fill=(40, 32, 28))  # hair
    d.ellipse([205, 200, 395, 430], fill=(198, 150, 112))
    for ex in (255, 345):
        d.ellipse([ex - 14, 290, ex + 14, 306], fill=BLANCO)
        d.ellipse([ex - 6, 292, ex + 6, 304], fill=(50, 36, 30))
    d.line([(300, 310), (292, 360), (306, 362)], fill=(150, 104, 80), width=4)
    d.arc([262, 365, 338, 405], 15, 165, fill=(120, 60, 60), width=5)
    return img


def retratos() -> None:
    """The reference portrait (configuration) and two reuses on the site: a news photo and the directory's."""
    PHOTOS.mkdir(exist_ok=True)
    portrait = retrato()
    portrait.save(PHOTOS / "jorge-alberto-trevino-garza.jpg", quality=90)
    news = portrait.crop((6, 8, 594, 742)).resize((384, 480), Image.Resampling.LANCZOS)  # cropped 1%, resized
    save(news, "evento-pension-saltillo.jpg")
    save(portrait.resize((150, 188), Image.Resampling.LANCZOS), "directorio-titular.jpg")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    retratos()
    for make in (escudo, banner_eslogan, slide_familias, slide_beca, entrega_tarjetas, inauguracion,
                 entrega_apoyos_pn, comedor, banner_adultos_mayores, vacunacion, onda_calor,
                 mapa_cierre, oficina, podcast):
        make()


if __name__ == "__main__":
    main()
