"""Generate a large synthetic agency portal: realistic Spanish pages, a 60+ link menu, images, some violations.

Usage: python benchmarks/gen_site.py OUT_DIR [--pages 2000] [--seed 7]
"""
from __future__ import annotations

import argparse
import io
import random
from pathlib import Path

SECTIONS = ["noticias", "comunicados", "programas", "tramites", "transparencia", "salud", "educacion",
            "proteccion-civil", "cultura", "deporte", "medio-ambiente", "movilidad"]
SUBJECTS = ["La Secretaría", "El Instituto", "La Dirección General", "El DIF estatal", "La Coordinación",
            "El Ayuntamiento", "La dependencia", "El área de atención ciudadana"]
VERBS = ["informa", "recuerda", "invita", "da a conocer", "comunica", "publica"]
OBJECTS = ["el calendario de pagos del programa", "los requisitos para el registro", "los horarios de atención",
           "la ubicación de los módulos", "las medidas de prevención por la temporada de calor",
           "la convocatoria de becas", "el padrón de beneficiarios del trimestre", "los lineamientos de operación",
           "el cierre vial por obras de drenaje", "la jornada de vacunación en centros de salud"]
PLACES = ["Saltillo", "Torreón", "Monclova", "Piedras Negras", "Acuña", "Sabinas", "Parras", "Ramos Arizpe"]
FILLER = ("Las personas interesadas deberán presentar identificación oficial, CURP y comprobante de domicilio. "
          "La atención es gratuita y no requiere intermediarios. Para dudas, comunícate al teléfono de atención "
          "ciudadana de lunes a viernes de 9:00 a 15:00 horas. Consulta el aviso de privacidad en el portal. ")
VIOLATIONS = [
    "<p>Gracias al gobierno del estado, inauguramos {n} comedores comunitarios con una inversión histórica.</p>",
    "<h2>La secretaria Lucía Ortega entregó {n} mil apoyos en {place}</h2>",
    "<p>Este 6 de junio vota por quienes defienden la transformación. #CoahuilaAvanzaContigo</p>",
    '<figure><img src="/img/ortega-salinas-{k}.jpg" alt="Entrega"><figcaption>Evento en {place}</figcaption></figure>',
    '<iframe src="https://www.youtube.com/embed/abc{k}" title="Mensaje"></iframe>',
]


def jpeg(seed: int) -> bytes:
    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    img = Image.new("RGB", (480, 320), tuple(rnd.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(img)
    for _ in range(12):
        x, y = rnd.randrange(480), rnd.randrange(320)
        draw.ellipse((x, y, x + rnd.randrange(20, 120), y + rnd.randrange(20, 120)),
                     fill=tuple(rnd.randrange(256) for _ in range(3)))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def page_path(i: int) -> str:
    return f"/{SECTIONS[i % len(SECTIONS)]}/p{i:06d}.html"


def photo(source: bytes, seed: int) -> bytes:
    """A distinct news photo made from a real one: cropped, resized to a portal's width and re-encoded."""
    from PIL import Image

    rnd = random.Random(seed)
    img = Image.open(io.BytesIO(source)).convert("RGB")
    w, h = img.size
    cw, ch = max(1, int(w * rnd.uniform(0.75, 1))), max(1, int(h * rnd.uniform(0.75, 1)))
    left, top = rnd.randrange(w - cw + 1), rnd.randrange(h - ch + 1)
    img = img.crop((left, top, left + cw, top + ch))
    width = rnd.choice((640, 800, 1024, 1200))
    img = img.resize((width, max(1, round(ch * width / cw))))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=rnd.randrange(70, 92))
    return buf.getvalue()


def generate(out: Path, pages: int, seed: int = 7, violation_share: float = 0.05, images: int = 20,
             photos: list[bytes] | None = None) -> None:
    """`photos`: real photos the site's images are made from (else drawn shapes, which are mostly graphics)."""
    rnd = random.Random(seed)
    (out / "img").mkdir(parents=True, exist_ok=True)
    for k in range(images):
        data = photo(photos[k % len(photos)], k) if photos else jpeg(k)
        (out / "img" / f"foto-{k}.jpg").write_bytes(data)
    for s in SECTIONS:
        (out / s).mkdir(exist_ok=True)
    menu = "".join(f'<li><a href="{page_path(j)}">Sección {j}</a></li>' for j in range(0, min(pages, 64)))
    for i in range(pages):
        paragraphs = []
        for _ in range(rnd.randrange(14, 26)):
            paragraphs.append(f"<p>{rnd.choice(SUBJECTS)} {rnd.choice(VERBS)} {rnd.choice(OBJECTS)} en "
                              f"{rnd.choice(PLACES)}. {FILLER * rnd.randrange(1, 3)}</p>")
        if rnd.random() < violation_share:
            paragraphs.insert(1, rnd.choice(VIOLATIONS).format(n=rnd.randrange(2, 90), place=rnd.choice(PLACES), k=i % 20))
        links = "".join(f'<li><a href="{page_path(rnd.randrange(pages))}">Relacionado</a></li>' for _ in range(15))
        nav = (f'<a href="{page_path(i - 1)}">Anterior</a> ' if i else "") + (
            f'<a href="{page_path(i + 1)}">Siguiente</a>' if i + 1 < pages else "")
        html = (f'<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Aviso {i} | Secretaría</title>'
                f'</head><body><header><nav><ul>{menu}</ul></nav></header><main><h1>Aviso número {i}</h1>'
                f'<img src="/img/foto-{i % images}.jpg" alt="Oficinas">{"".join(paragraphs)}<ul>{links}</ul>{nav}</main>'
                f'<footer><p>Secretaría de Inclusión y Desarrollo Social. Blvd. Coss 1240, Saltillo.</p></footer>'
                f'</body></html>')
        target = out / page_path(i).lstrip("/")
        target.write_text(html, "utf-8")
    (out / "index.html").write_text(
        f'<!doctype html><html><head><meta charset="utf-8"><title>Inicio</title></head><body><ul>{menu}</ul>'
        f'<a href="{page_path(0)}">Inicio de avisos</a></body></html>', "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, args.pages, args.seed)
    print(f"{args.pages} pages in {args.out}")


if __name__ == "__main__":
    main()
