"""Generate a large synthetic agency portal in one of three shapes: Spanish pages, menus, images, some violations.

Shapes: `links` (the first one: a 64-link menu, 15 related links, ~15 KB a page), `text` (15-35 KB of prose, 10-20
links), `gobmx` (a 150-link header and footer on every page, 800-2,500 words, 5-10 images).
Usage: python benchmarks/gen_site.py OUT_DIR [--pages 2000] [--seed 7] [--shape links|text|gobmx] [--images N]
"""
from __future__ import annotations

import argparse
import io
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import prose  # noqa: E402

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


SHAPES = ("links", "text", "gobmx")


def generate(out: Path, pages: int, seed: int = 7, violation_share: float = 0.05, images: int = 20,
             photos: list[bytes] | None = None, shape: str = "links") -> None:
    """`photos`: real photos the site's images are made from (else drawn shapes, which are mostly graphics).
    `images`: how many distinct images (img/foto-K.jpg); for `gobmx`, 0 means only small shared logos and icons."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}: one of {', '.join(SHAPES)}")
    rnd = random.Random(seed)
    (out / "img").mkdir(parents=True, exist_ok=True)
    for k in range(images):
        data = photo(photos[k % len(photos)], k) if photos else jpeg(k)
        (out / "img" / f"foto-{k}.jpg").write_bytes(data)
    for s in SECTIONS:
        (out / s).mkdir(exist_ok=True)
    if shape == "text":
        return text_site(out, pages, rnd, violation_share, images)
    if shape == "gobmx":
        return gobmx_site(out, pages, rnd, violation_share, images)
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

# The gob.mx-like chrome: 150 links repeated on every page (35 in the header, 115 in the footer).
NAV = ["Inicio", "Trámites", "Gobierno", "Participa", "Datos", "Búsqueda", "Noticias", "Comunicados", "Programas",
       "Transparencia", "Salud", "Educación", "Protección civil", "Cultura", "Deporte", "Medio ambiente", "Movilidad",
       "Empleo", "Vivienda", "Seguridad", "Agenda", "Galería", "Convocatorias", "Licitaciones", "Directorio",
       "Mapa del sitio", "Contacto", "Accesibilidad", "Preguntas frecuentes", "Atención ciudadana",
       "Quejas y denuncias", "Normateca", "Estadísticas", "Publicaciones", "English"]
AREAS = ["Salud", "Educación", "Bienestar", "Economía", "Turismo", "Cultura", "Medio Ambiente", "Desarrollo Rural",
         "Movilidad", "Obras Públicas", "Finanzas", "Gobierno", "Seguridad", "Trabajo", "Vivienda", "Agua", "Energía",
         "las Mujeres", "la Juventud", "Deporte", "Ciencia y Tecnología", "Pesca", "Inclusión", "Salud Mental",
         "Catastro", "Protección Civil", "Migración", "Pueblos Indígenas", "Planeación", "Transporte"]
AGENCIES = [f"Secretaría de {a}" for a in AREAS] + [f"Instituto Estatal de {a}" for a in AREAS]
TRANSPARENCY = ["Obligaciones de transparencia", "Plataforma Nacional de Transparencia", "Solicitudes de información",
                "Datos abiertos", "Aviso de privacidad", "Declaraciones patrimoniales", "Contraloría social",
                "Cuenta pública", "Presupuesto ciudadano", "Licitaciones", "Contratos", "Padrones", "Indicadores",
                "Informes trimestrales", "Auditorías", "Estructura orgánica", "Directorio", "Remuneraciones",
                "Normatividad", "Convenios", "Actas del comité", "Índice de expedientes", "Archivo", "Deuda pública",
                "Fideicomisos"]
USEFUL = ["Portal de empleo", "Diario Oficial", "Periódico Oficial", "Registro de trámites", "Citas en línea",
          "Pago de derechos", "Consulta de adeudos", "Verificación de documentos", "Consulta tu CURP",
          "Actas en línea", "Licencias de conducir", "Emergencias 911", "Denuncia anónima 089", "Buzón ciudadano",
          "Encuestas de satisfacción"]
SOCIAL = {"Facebook": "https://www.facebook.com/", "X": "https://x.com/", "Instagram": "https://www.instagram.com/",
          "YouTube": "https://www.youtube.com/@", "TikTok": "https://www.tiktok.com/@",
          "WhatsApp": "https://whatsapp.com/channel/"}
LEGAL = ["Términos y condiciones", "Política de privacidad", "Política de cookies", "Accesibilidad web",
         "Mapa del portal", "Créditos", "Marco jurídico", "Versión móvil", "Ayuda"]
ICONS = ["logo-gobierno", "escudo", "icono-tramites", "icono-salud", "icono-educacion", "banner-citas",
         "icono-transparencia", "banner-vacunacion"]
# Page kinds by section, so a transparency page reads like one; the other sections mix all kinds.
KIND_OF_SECTION = {"noticias": "boletin", "comunicados": "boletin", "programas": "programa", "tramites": "programa",
                   "transparencia": "transparencia", "proteccion-civil": "proteccion"}
assert len(NAV) + len(AGENCIES) + len(TRANSPARENCY) + len(USEFUL) + len(SOCIAL) + len(LEGAL) == 150


def icon(seed: int) -> bytes:
    """A small flat PNG, like a portal's logos and icons."""
    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    img = Image.new("RGB", (160, 60), tuple(rnd.randrange(256) for _ in range(3)))
    ImageDraw.Draw(img).rectangle((10, 10, 50, 50), fill=(255, 255, 255))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def _kind(rnd: random.Random, i: int) -> str:
    return KIND_OF_SECTION.get(SECTIONS[i % len(SECTIONS)]) or rnd.choice(prose.KINDS)


def _violation(rnd: random.Random, i: int, share: float) -> list[str]:
    if rnd.random() < share:
        return [rnd.choice(VIOLATIONS).format(n=rnd.randrange(2, 90), place=rnd.choice(PLACES), k=i % 20)]
    return []


def _related(rnd: random.Random, i: int, pages: int, count: int) -> str:
    items = "".join(f'<li><a href="{page_path(j)}">Aviso {j}</a></li>'
                    for j in (rnd.randrange(pages) for _ in range(count)))
    nav = (f'<a href="{page_path(i - 1)}">Anterior</a> ' if i else "") + (
        f'<a href="{page_path(i + 1)}">Siguiente</a>' if i + 1 < pages else "")
    return f"<h2>Relacionados</h2><ul>{items}</ul>{nav}"


def _page(title: str, header: str, main: str, footer: str) -> str:
    return (f'<!doctype html><html lang="es"><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<header>{header}</header><main>{main}</main><footer>{footer}</footer></body></html>')


def text_site(out: Path, pages: int, rnd: random.Random, violation_share: float, images: int) -> None:
    """Text-heavy: 15-35 KB of prose a page, a 5-link header, 4-11 related links and the previous/next links."""
    header = '<nav><a href="/">Inicio</a>' + "".join(
        f'<a href="{page_path(j % pages)}">{label}</a>'
        for j, label in enumerate(("Noticias", "Comunicados", "Programas", "Trámites"))) + "</nav>"
    footer = "<p>Secretaría de Inclusión y Desarrollo Social. Blvd. Coss 1240, Saltillo. Tel. 844 411 2000.</p>"
    for i in range(pages):
        kind = _kind(rnd, i)
        title = prose.title(rnd, kind)
        blocks, _, _ = prose.body(rnd, kind, min_bytes=rnd.randrange(15_500, 32_500))
        blocks[1:1] = _violation(rnd, i, violation_share)
        lead = f'<img src="/img/foto-{i % images}.jpg" alt="Oficinas">' if images else ""
        main = (f'<h1>{title}</h1><p class="fecha">Publicado el {rnd.choice(prose.DATES)}</p>{lead}'
                f'{"".join(blocks)}{_related(rnd, i, pages, rnd.randrange(4, 12))}')
        (out / page_path(i).lstrip("/")).write_text(_page(f"{title} | Secretaría", header, main, footer), "utf-8")
    first = "".join(f'<li><a href="{page_path(j)}">Aviso {j}</a></li>' for j in range(min(pages, 20)))
    (out / "index.html").write_text(_page("Inicio | Secretaría", header, f"<h1>Avisos</h1><ul>{first}</ul>", footer),
                                    "utf-8")


def gobmx_site(out: Path, pages: int, rnd: random.Random, violation_share: float, images: int) -> None:
    """gob.mx-like: the 150-link chrome on every page, 800-2,500 words, two logos and 3-7 images in the text
    (drawn from the `images` distinct photos, or from small shared icons when there are none)."""
    for k, name in enumerate(ICONS):
        (out / "img" / f"{name}.png").write_bytes(icon(k))
    targets = (page_path(k * 7919 % pages) for k in range(150))

    def ul(labels: list[str]) -> str:
        return "<ul>" + "".join(f'<li><a href="{next(targets)}">{x}</a></li>' for x in labels) + "</ul>"

    header = ('<a href="/"><img src="/img/logo-gobierno.png" alt="Gobierno del Estado"></a>'
              f'<nav>{ul(NAV[1:])}</nav>')
    next(targets)  # the logo's link is the header's 35th
    social = "".join(f'<li><a href="{url}gobierno.estatal.ejemplo">{name}</a></li>' for name, url in SOCIAL.items())
    footer = (f'<img src="/img/escudo.png" alt="Escudo del Estado"><h2>Dependencias</h2>{ul(AGENCIES)}'
              f'<h2>Transparencia</h2>{ul(TRANSPARENCY)}<h2>Enlaces de interés</h2>{ul(USEFUL)}'
              f'<h2>Síguenos</h2><ul>{social}</ul>{ul(LEGAL)}'
              '<p>Gobierno del Estado. Palacio de Gobierno, Juárez e Hidalgo, Zona Centro. Tel. 844 411 2000.</p>')
    shared = [f"/img/{name}.png" for name in ICONS[2:]]
    for i in range(pages):
        kind = _kind(rnd, i)
        title = prose.title(rnd, kind)
        blocks, _, _ = prose.body(rnd, kind, min_words=rnd.randrange(850, 2250))
        for _ in range(rnd.randrange(3, 8)):  # with the two logos 5-9; a planted violation may add one
            src = f"/img/foto-{rnd.randrange(images)}.jpg" if images else rnd.choice(shared)
            figure = f'<figure><img src="{src}" alt="Imagen ilustrativa"></figure>'
            blocks.insert(rnd.randrange(len(blocks) + 1), figure)
        blocks[1:1] = _violation(rnd, i, violation_share)
        main = (f'<h1>{title}</h1><p class="fecha">{rnd.choice(prose.DATES)}</p>'
                f'{"".join(blocks)}{_related(rnd, i, pages, rnd.randrange(4, 9))}')
        (out / page_path(i).lstrip("/")).write_text(_page(f"{title} | gob.mx", header, main, footer), "utf-8")
    (out / "index.html").write_text(
        _page("Inicio | gob.mx", header, f'<h1>Gobierno del Estado</h1><a href="{page_path(0)}">Avisos</a>', footer),
        "utf-8")


def page_stats(html: str) -> dict:
    """Size, links, images and words of the text in <main> of one generated page: a quick count, not a parser."""
    main = html[html.find("<main>"):html.find("</main>")]
    text = re.sub(r"<[^>]+>", " ", main)
    return {"bytes": len(html.encode()), "links": html.count("<a href="), "images": html.count("<img "),
            "words": len(text.split())}


def site_stats(root: Path, sample: int = 200) -> dict:
    """Mean page bytes (every page), links, images and words (an even sample of pages)."""
    files = sorted(root.rglob("p*.html"))
    picked = files[:: max(1, len(files) // sample)][:sample]
    stats = [page_stats(f.read_text("utf-8")) for f in picked]
    mean = lambda key: sum(s[key] for s in stats) / max(len(stats), 1)  # noqa: E731
    return {"bytes": sum(f.stat().st_size for f in files) / max(len(files), 1), "links": mean("links"),
            "images": mean("images"), "words": mean("words")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shape", choices=SHAPES, default="links")
    parser.add_argument("--images", type=int, help="distinct images (default 20; for gobmx 0: shared icons only)")
    args = parser.parse_args()
    images = args.images if args.images is not None else (0 if args.shape == "gobmx" else 20)
    generate(args.out, args.pages, args.seed, images=images, shape=args.shape)
    print(f"{args.pages} pages ({args.shape}) in {args.out}")


if __name__ == "__main__":
    main()
