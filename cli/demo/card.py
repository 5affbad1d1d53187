"""The demo's promotional card: a flat guinda card with a logo, a headline and the cut-out photo of an official.

Drawn at demo set-up around a photo fetched from PyPI (photo.py), into a copy of the demo site: nothing in its
file name, alt text or page names her, and its pixels hash unlike her reference portrait, so only her face gives
her away.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

CARD = "img/tarjeta-jornada.jpg"
PAGE = "programas/index.html"  # a page that names no official
ALT = "Jornada de inclusión"
FIGURE = (f'<figure><img src="/{CARD}" alt="{ALT}" width="1200" height="630">'
          "<figcaption>Módulos de todos los programas en un solo lugar: sábado 17 de abril, de 10:00 a 14:00 h, "
          "Plaza de Armas de Saltillo.</figcaption></figure>\n")
AFTER = '<div class="tarjetas">'  # the figure goes before the page's list of programmes

GUINDA = (97, 18, 50)
HALO = (120, 30, 68)
DORADO = (188, 149, 92)
BLANCO = (255, 255, 255)
SIZE = (1200, 630)  # the size social networks show a shared card at
PHOTO_SCALE = 0.92  # rescaled (and mirrored): a reuse of the portrait itself would be found by its hash instead


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)  # Pillow's bundled font (ASCII only): same glyphs on every machine
    except TypeError:  # Pillow < 10.1: a small bitmap font, still a card
        return ImageFont.load_default()


def _logo(d: ImageDraw.ImageDraw) -> None:
    """The agency's mark: three figures on a white disc, and its initials."""
    d.ellipse((60, 48, 156, 144), fill=BLANCO)
    for cx, colour in ((84, GUINDA), (108, DORADO), (132, GUINDA)):
        d.ellipse((cx - 9, 66, cx + 9, 84), fill=colour)
        d.pieslice((cx - 16, 88, cx + 16, 128), 180, 360, fill=colour)
    d.rectangle((72, 112, 144, 118), fill=DORADO)
    d.text((174, 62), "SIDS", font=_font(40), fill=BLANCO)
    d.text((176, 108), "COAHUILA", font=_font(22), fill=DORADO)


def _cut_out(photo: Path) -> tuple[Image.Image, Image.Image]:
    """The person, mirrored and rescaled, and a soft head-and-shoulders mask that drops the photo's backdrop."""
    person = ImageOps.mirror(Image.open(photo).convert("RGB"))
    person = person.resize((round(person.width * PHOTO_SCALE), round(person.height * PHOTO_SCALE)),
                           Image.Resampling.LANCZOS)
    w, h = person.size
    mask = Image.new("L", person.size, 0)
    shape = ImageDraw.Draw(mask)
    shape.ellipse((w * 0.22, 0, w * 0.78, h * 0.62), fill=255)  # head
    shape.ellipse((w * 0.05, h * 0.5, w * 0.95, h * 1.5), fill=255)  # shoulders, cut by the card's lower edge
    return person, mask.filter(ImageFilter.GaussianBlur(14))


def draw_card(photo: Path) -> Image.Image:
    """An event card as a social-media team makes one: the headline in ASCII capitals, the person on the right."""
    w, h = SIZE
    img = Image.new("RGB", SIZE, GUINDA)
    d = ImageDraw.Draw(img)
    d.ellipse((700, 40, 1180, 520), fill=HALO)
    _logo(d)
    d.text((60, 200), "JORNADA DE", font=_font(84), fill=BLANCO)
    d.text((60, 292), "INCLUSION", font=_font(96), fill=DORADO)
    d.rectangle((62, 410, 300, 416), fill=BLANCO)
    d.text((60, 440), "17 DE ABRIL  |  10:00 A 14:00 H", font=_font(34), fill=BLANCO)
    d.text((60, 488), "PLAZA DE ARMAS, SALTILLO", font=_font(34), fill=BLANCO)
    band = 28
    d.rectangle((0, h - band, w, h), fill=DORADO)
    person, mask = _cut_out(photo)
    img.paste(person, (w - person.width - 40, h - band - person.height), mask)
    return img


def site_with_card(photo: Path, site: Path, dest: Path) -> Path:
    """A copy of `site` at `dest` (replacing what was there) whose PAGE shows the card drawn around `photo`."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(site, dest)
    draw_card(photo).save(dest / CARD, quality=88, optimize=True)
    page = dest / PAGE
    html = page.read_text("utf-8")
    if AFTER not in html:
        raise ValueError(f"{PAGE} has no {AFTER!r} to put the card before")
    page.write_text(html.replace(AFTER, FIGURE + AFTER, 1), "utf-8")
    return dest
