"""Spanish labels for the codes the store keeps: rules, severities, statuses, outcomes and the reasons pages fail."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict

from blindaje.audit.reasons import spanish

RULES_ES = {
    "official-name": "Nombre de servidor público",
    "official-image": "Imagen de servidor público",
    "achievement-language": "Logros de gobierno",
    "propaganda": "Propaganda política o electoral",
    "media-review": "Audio, video o publicación embebida (revisión)",
    "offensive-reply": "Respuesta ofensiva a la ciudadanía",
}
SEVERITY_ES = {"high": "alta", "medium": "media", "low": "baja"}
SEVERITIES = ("high", "medium", "low")
STATUS_ES = {"new": "nuevo", "open": "abierto", "fixed": "corregido", "waived": "dispensado"}
OUTCOME_ES = {"audited": "auditada", "skipped": "omitida", "failed": "fallida"}
RUN_STATUS_ES = {"complete": "completa", "incomplete": "INCOMPLETA", "failed": "FALLIDA", "running": "en curso",
                 "interrupted": "INTERRUMPIDA"}
reason_es = spanish  # the reasons' codes and their labels live in blindaje.audit.reasons, one place for every layer


# plurals ------------------------------------------------------------------------------------------------------
def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 hallazgo', '3 hallazgos', '0 hallazgos': a real plural instead of 'hallazgo(s)'. `many` defaults to `one`
    + 's' (or + 'es' after a consonant other than s)."""
    if many is None:
        many = one + ("es" if one[-1:] in "lrndzj" else "s")
    return f"{n} {one if n == 1 else many}"


# times ------------------------------------------------------------------------------------------------------------
def utc_offset(moment: dt.datetime) -> str:
    """'UTC−06:00' (a real minus sign), 'UTC+05:30', 'UTC+00:00'."""
    off = moment.utcoffset() or dt.timedelta(0)
    sign = "−" if off < dt.timedelta(0) else "+"
    minutes = abs(int(off.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def when_es(value, tz: dt.tzinfo | None) -> str:
    """A stored instant (ISO 8601 with an offset, or a datetime) shown in one time zone with its offset:
    '05/12/2026 03:10 (UTC−06:00)'. A date alone is shown as a date; '—' for nothing; anything unparsable as it is."""
    if value in (None, ""):
        return "—"
    moment = value
    if not isinstance(value, dt.datetime):
        text = str(value)
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return text
        if len(text) <= 10:  # a date, no time of day: no time zone applies
            return moment.strftime("%d/%m/%Y")
    if moment.tzinfo is None:  # a naive time was written by this machine's clock
        moment = moment.astimezone()
    if tz is not None:
        moment = moment.astimezone(tz)
    return f"{moment:%d/%m/%Y %H:%M} ({utc_offset(moment)})"


def day_es(value) -> str:
    """The calendar date of a stored instant or date, as dd/mm/yyyy ('—' for nothing)."""
    text = str(value or "")[:10]
    try:
        return dt.date.fromisoformat(text).strftime("%d/%m/%Y")
    except ValueError:
        return text or "—"


# places -----------------------------------------------------------------------------------------------------------
# Where a finding is, in words the legal staff read (the CSS selector stays beside it for the webmaster).
KIND_ES = {
    "title": "título de la página", "meta": "metadatos de la página (descripción o vista previa en redes)",
    "h1": "encabezado principal", "h2": "subtítulo", "h3": "subtítulo", "h4": "subtítulo", "h5": "subtítulo",
    "h6": "subtítulo", "banner": "banner o sección destacada", "figcaption": "pie de foto", "p": "texto",
    "li": "elemento de una lista", "td": "celda de una tabla", "th": "encabezado de una tabla",
    "caption": "título de una tabla", "blockquote": "cita", "dt": "término de una lista", "dd": "definición",
    "pre": "texto preformateado", "address": "datos de contacto", "summary": "resumen desplegable",
    "label": "etiqueta de formulario", "legend": "título de formulario",
    "img[alt]": "texto alternativo de imagen", "img[title]": "título de imagen", "img[src]": "nombre de archivo de imagen",
    "img": "imagen", "iframe": "contenido embebido (video o publicación)", "embed": "contenido embebido",
    "object": "contenido embebido", "video": "video", "audio": "audio", "social": "publicación de red social embebida",
    "media": "contenido multimedia",
    # social-media accounts (SPEC §11)
    "post": "publicación", "reply": "respuesta", "hashtag": "etiqueta (hashtag)",
}
CAROUSEL = re.compile(r"carousel|carrusel|slider|slide|swiper|hero|jumbotron|portada", re.I)
# The page's regions, from the selector's landmarks and classes, outermost meaning first.
REGIONS = (
    (re.compile(r"(^|[\s>])(nav|[\w-]*[.#][\w-]*(menu|navbar|nav)\b)", re.I), "menú"),
    (re.compile(r"(^|[\s>])(footer|[\w-]*[.#][\w-]*(footer|pie))", re.I), "pie de página"),
    (re.compile(r"(^|[\s>])(aside|[\w-]*[.#][\w-]*(sidebar|lateral))", re.I), "barra lateral"),
    (re.compile(r"(^|[\s>])(header|[\w-]*[.#][\w-]*(header|cabecera|encabezado))", re.I), "cabecera del sitio"),
)
DOCUMENT_PLACES = (
    (re.compile(r"^page (\d+)$"), lambda m: f"página {m.group(1)} del documento"),
    (re.compile(r"^metadata:Title$"), lambda m: "metadatos del documento (título)"),
    (re.compile(r"^metadata:Subject$"), lambda m: "metadatos del documento (asunto)"),
    (re.compile(r"^metadata:Author$"), lambda m: "metadatos del documento (autor)"),
    (re.compile(r"^metadata:Keywords$"), lambda m: "metadatos del documento (palabras clave)"),
    (re.compile(r"^metadata:(.+)$"), lambda m: f"metadatos del documento ({m.group(1)})"),
    (re.compile(r"^header$"), lambda m: "encabezado del documento"),
    (re.compile(r"^footer$"), lambda m: "pie del documento"),
    (re.compile(r"^footnotes$"), lambda m: "notas al pie del documento"),
    (re.compile(r"^body$"), lambda m: "cuerpo del documento"),
    (re.compile(r"^table (\d+)$"), lambda m: f"tabla {m.group(1)} del documento"),
    (re.compile(r'^sheet "(.*)" ([A-Z]+\d+(?::[A-Z]+\d+)?)$', re.S),
     lambda m: f"hoja «{m.group(1)}», celda {m.group(2)}"),
    (re.compile(r'^sheet "(.*)"$', re.S), lambda m: f"nombre de la hoja «{m.group(1)}»"),
    (re.compile(r"^image text$"), lambda m: "texto dentro de la imagen"),
    (re.compile(r"^thread (\d+)/(\d+)$"), lambda m: f"hilo, publicación {m.group(1)} de {m.group(2)}"),
)


def place_es(kind: str | None, location: str | None) -> str:
    """Where a finding is, in plain Spanish: 'título de la página', 'carrusel de portada', 'pie de foto', 'menú',
    'página 3 del documento', 'metadatos del documento (título)'… from its kind of place and its location."""
    kind, location = str(kind or ""), str(location or "")
    for pattern, label in DOCUMENT_PLACES:
        m = pattern.match(location)
        if m:
            return label(m)
    if kind == "banner" or (kind in ("img[alt]", "img[title]", "img", "img[src]") and CAROUSEL.search(location)):
        where = "carrusel de portada" if CAROUSEL.search(location) else "banner o sección destacada"
        return where if kind == "banner" else f"{KIND_ES[kind]} en el {where}"
    base = KIND_ES.get(kind) or KIND_ES.get(location) or ""
    if kind in ("title", "meta", "h1"):
        return base
    region = next((label for pattern, label in REGIONS if pattern.search(location)), "")
    if region and kind in ("p", "li", "dd", "dt", "td", "address", "label", ""):
        return region  # a line of the menu or the footer: the region is what the reader looks for
    if region and base:
        return f"{base} ({region})"
    return base or region or "otra parte de la página"


# why a run is incomplete, and what to do ------------------------------------------------------------------------
CAUSE_ES = {  # the most frequent failure of a portal: what it means, what to check
    "connection refused": "el portal rechazó la conexión: revise que esté en línea",
    "DNS lookup failed": "el nombre del servidor no se resolvió (DNS): revise la dirección del portal en portals.yaml "
                         "y la red de este equipo",
    "timeout": "el portal no respondió a tiempo: revise que esté en línea (o aumente crawl.timeout_seconds)",
    "connection lost": "el portal cortó la conexión: revise que esté en línea",
    "incomplete response": "el portal entregó respuestas incompletas: revise que esté en línea",
    "time budget": "se agotó el tiempo asignado al portal (crawl.portal_budget_seconds): auméntelo",
    "interrupted": "la ejecución se detuvo antes de terminar",
}


def incomplete_es(run: dict, coverage: list[dict]) -> str:
    """Why a run is not complete and what to do, in Spanish, from its message and its failures per portal:
    'el portal rechazó la conexión: revise que esté en línea y vuelva a ejecutar `blindaje crawl --portal X`'."""
    status = run.get("status")
    if status in (None, "complete", "running"):
        return ""
    message = str(run.get("message") or "")
    failed: dict[str, Counter] = defaultdict(Counter)
    fetched: Counter = Counter()
    for c in coverage:
        if c["outcome"] in ("audited", "failed"):
            fetched[c["portal"]] += c["n"]
        if c["outcome"] == "failed":
            failed[c["portal"]][c["reason"]] += c["n"]
    parts = []
    m = re.search(r"(\d+) of (\d+) pages failed", message)
    if m and m.group(1) == m.group(2):
        parts.append("no se pudo descargar ninguna página")
    elif m:
        parts.append(f"{'falló' if m.group(1) == '1' else 'fallaron'} {m.group(1)} de {m.group(2)} páginas solicitadas")
    elif "no page could be fetched" in message:
        parts.append("no se pudo descargar ninguna página")
    m = re.search(r"time budget spent for: ([^;]+)", message)
    if m:
        parts.append(f"se agotó el tiempo asignado a: {m.group(1).strip()}")
    if status == "interrupted":
        parts.append("se detuvo por una señal (apagado del equipo o del servicio) antes de terminar")
    elif status == "failed" and not parts:
        parts.append(f"falló por un error del programa ({message or 'sin detalle'}); el registro DATA/blindaje.log "
                     "tiene el detalle")
    what = []
    for portal in sorted(failed):
        reason, n = failed[portal].most_common(1)[0]
        label = CAUSE_ES.get(reason)
        if label is None:
            if reason.startswith("HTTP 5"):
                label = f"el portal respondió con errores del servidor ({reason}): revise que esté en línea"
            else:
                label = f"{spanish(reason)}"
        what.append(f"{portal}: {label} ({plural(n, 'página fallida', 'páginas fallidas')} de {fetched[portal]}) y "
                    f"vuelva a ejecutar `blindaje crawl --portal {portal}`")
    portals = list(run.get("portals") or [])
    if not what:
        what.append("vuelva a ejecutar `" + " ".join(["blindaje crawl", *(f"--portal {p}" for p in portals)]) + "`")
    cause = "; ".join(parts) or message or "sin detalle"
    return f"{cause[:1].upper()}{cause[1:]}. Qué hacer: " + "; ".join(what) + "."
