"""Why a page, file or image was skipped, failed or not analysed: one code per reason, its Spanish label beside it."""
from __future__ import annotations

import re
from enum import Enum, StrEnum


class Reason(StrEnum):
    """A reason code. Its value is the English string stored and exported (SPEC §6 `reason`): never rename one."""

    # scope and addresses (crawler/urls.py, crawler/addresses.py, crawler/middlewares.py)
    OUT_OF_SCOPE = "out of scope"
    DENIED = "denied by configuration"
    MALFORMED_URL = "malformed URL"
    NOT_HTTP = "not http"
    PRIVATE_ADDRESS = "private address"
    REDIRECT_OUT_OF_SCOPE = "redirect out of scope"
    REDIRECT_DENIED = "redirect denied by configuration"
    REDIRECT_MALFORMED_URL = "redirect malformed URL"
    REDIRECT_NOT_HTTP = "redirect not http"
    REDIRECT_PRIVATE_ADDRESS = "redirect to a private address"
    # crawler traps (crawler/traps.py)
    TRAP_URL_TOO_LONG = "crawler trap: URL too long"
    TRAP_REPEATED_SEGMENTS = "crawler trap: repeated path segments"
    TRAP_TOO_MANY_PARAMETERS = "crawler trap: too many query parameters"
    TRAP_REPEATED_PARAMETERS = "crawler trap: repeated query parameters"
    TRAP_CALENDAR = "crawler trap: calendar"
    # bounds of the crawl
    DEPTH_LIMIT = "depth limit"
    PAGE_LIMIT = "page limit"
    DUPLICATE = "duplicate"
    TIME_BUDGET = "time budget"
    INTERRUPTED = "interrupted"
    # downloads
    TIMEOUT = "timeout"
    TOO_LARGE = "too large"
    TOO_MANY_REDIRECTS = "too many redirects"
    DNS_LOOKUP_FAILED = "DNS lookup failed"
    CONNECTION_REFUSED = "connection refused"
    CONNECTION_LOST = "connection lost"
    INCOMPLETE_RESPONSE = "incomplete response"
    IGNORED = "ignored"
    # what came back
    NOT_HTML = "not HTML"
    EMPTY_BODY = "empty body"
    BINARY_AS_HTML = "binary content served as HTML"
    CACHE_ENTRY_MISSING = "cache entry missing"
    # images and their pixels (crawler/spiders/portal.py, audit/portraits.py, blindaje check)
    TOO_MANY_PIXELS = "too many pixels"
    NOT_FETCHED = "not fetched"
    NOT_ANALYSED = "not analysed"
    ANALYSIS_CRASHED = "analysis crashed"
    OUTSIDE_PAGE_FOLDER = "outside the page's folder"
    NO_FACE_IN_PORTRAIT = "no face found in the reference portrait"
    NO_FACE_IN_ANY_PORTRAIT = "no face found in any reference portrait"
    FACE_MODEL_MISSING = "face model not installed (pip install 'blindaje[faces]')"
    FACE_MODEL_FILES_MISSING = "face model files not installed (pip install 'blindaje[faces]')"
    # text in images (audit/ocr.py)
    OCR_NOT_INSTALLED = "no OCR engine: Tesseract not installed (pip install tesserocr)"
    OCR_SPANISH_MISSING = "no OCR engine: Spanish model missing (apt-get install tesseract-ocr-spa)"
    OCR_TIMED_OUT = "OCR timed out"
    TOO_SMALL_FOR_TEXT = "too small for text"
    NO_TEXT_REGION = "no text-like region"
    OCR_OFF = "text not read (OCR off)"
    # documents: PDF, DOCX, XLSX, ODT, ODS (audit/files.py)
    ENCRYPTED = "encrypted"
    MALFORMED_FILE = "malformed file"
    ZIP_BOMB = "zip bomb"
    MISLABELLED = "mislabelled content"
    XML_ENTITIES = "XML entity declarations"
    FILE_TOO_COMPLEX = "file too complex"
    FACES_NOT_LOOKED_FOR = "faces not looked for (no official has a reference portrait)"
    # official accounts' posts (blindaje social import)
    OUTSIDE_BLACKOUT = "outside the blackout"

    @property
    def spanish(self) -> str:
        return SPANISH[self]


SPANISH: dict[Reason, str] = {
    Reason.OUTSIDE_BLACKOUT: "fuera de veda (publicada fuera de todo periodo de veda de la cuenta; solo informativo)",
    Reason.OUT_OF_SCOPE: "fuera del alcance configurado",
    Reason.DENIED: "excluida por la configuración (deny)",
    Reason.MALFORMED_URL: "URL mal formada",
    Reason.NOT_HTTP: "no es una URL http(s)",
    Reason.PRIVATE_ADDRESS: "dirección privada o reservada (no se solicitó)",
    Reason.REDIRECT_OUT_OF_SCOPE: "redirección fuera del alcance",
    Reason.REDIRECT_DENIED: "redirección a una URL excluida",
    Reason.REDIRECT_MALFORMED_URL: "redirección a una URL mal formada",
    Reason.REDIRECT_NOT_HTTP: "redirección a una URL que no es http(s)",
    Reason.REDIRECT_PRIVATE_ADDRESS: "redirección a una dirección privada (bloqueada)",
    Reason.TRAP_URL_TOO_LONG: "trampa para rastreadores: URL demasiado larga",
    Reason.TRAP_REPEATED_SEGMENTS: "trampa para rastreadores: segmentos repetidos",
    Reason.TRAP_TOO_MANY_PARAMETERS: "trampa para rastreadores: demasiados parámetros",
    Reason.TRAP_REPEATED_PARAMETERS: "trampa para rastreadores: parámetros repetidos",
    Reason.TRAP_CALENDAR: "trampa para rastreadores: calendario infinito",
    Reason.DEPTH_LIMIT: "límite de profundidad",
    Reason.PAGE_LIMIT: "límite de páginas",
    Reason.DUPLICATE: "duplicada",
    Reason.TIME_BUDGET: "tiempo del portal agotado",
    Reason.INTERRUPTED: "ejecución interrumpida",
    Reason.TIMEOUT: "tiempo de espera agotado",
    Reason.TOO_LARGE: "respuesta demasiado grande",
    Reason.TOO_MANY_REDIRECTS: "demasiadas redirecciones",
    Reason.DNS_LOOKUP_FAILED: "el nombre del servidor no se resolvió (DNS)",
    Reason.CONNECTION_REFUSED: "conexión rechazada",
    Reason.CONNECTION_LOST: "el servidor cerró la conexión",
    Reason.INCOMPLETE_RESPONSE: "respuesta incompleta",
    Reason.IGNORED: "solicitud descartada",
    Reason.NOT_HTML: "no es una página HTML",
    Reason.EMPTY_BODY: "respuesta vacía",
    Reason.BINARY_AS_HTML: "contenido binario servido como HTML",
    Reason.CACHE_ENTRY_MISSING: "falta su entrada en la caché (se auditará completa la próxima noche)",
    Reason.TOO_MANY_PIXELS: "imagen con demasiados píxeles (no se decodificó)",
    Reason.NOT_FETCHED: "imagen no descargada (la ejecución terminó antes)",
    Reason.NOT_ANALYSED: "imagen no analizada",
    Reason.ANALYSIS_CRASHED: "el análisis de la imagen falló",
    Reason.OUTSIDE_PAGE_FOLDER: "fuera de la carpeta de la página",
    Reason.NO_FACE_IN_PORTRAIT: "el retrato no muestra un rostro reconocible",
    Reason.NO_FACE_IN_ANY_PORTRAIT: "ningún retrato de referencia muestra un rostro reconocible",
    Reason.FACE_MODEL_MISSING: "modelo de rostros no instalado (pip install 'blindaje[faces]')",
    Reason.FACE_MODEL_FILES_MISSING: "modelo de rostros no instalado (pip install 'blindaje[faces]')",
    Reason.OCR_NOT_INSTALLED: "texto de imágenes no leído: Tesseract no instalado",
    Reason.OCR_SPANISH_MISSING: "texto de imágenes no leído: falta el modelo de español de Tesseract",
    Reason.OCR_TIMED_OUT: "la lectura del texto de la imagen excedió su tiempo",
    Reason.TOO_SMALL_FOR_TEXT: "imagen demasiado pequeña para llevar texto",
    Reason.NO_TEXT_REGION: "la imagen no muestra zonas con aspecto de texto",
    Reason.OCR_OFF: "texto de la imagen no leído (OCR desactivado)",
    Reason.ENCRYPTED: "documento cifrado o protegido con contraseña",
    Reason.MALFORMED_FILE: "documento dañado o mal formado",
    Reason.ZIP_BOMB: "bomba de descompresión (se expande a un tamaño desmedido)",
    Reason.MISLABELLED: "el contenido no es del tipo declarado",
    Reason.XML_ENTITIES: "XML con declaraciones de entidades (posible ataque de expansión)",
    Reason.FILE_TOO_COMPLEX: "documento demasiado complejo para leerlo",
    Reason.FACES_NOT_LOOKED_FOR: "no se buscaron rostros (ningún servidor público tiene retrato de referencia)",
}


class Detailed(Enum):
    """A reason that carries a detail (a status, an exception's name): its pattern and its Spanish label.

    `{}` is the detail; the Spanish label may also show the whole English reason as `{reason}`.
    """

    HTTP_STATUS = ("HTTP {}", "respuesta {reason}")
    NOT_AN_IMAGE = ("not an image: {}", "no es una imagen legible ({})")
    UNPARSEABLE = ("unparseable: {}", "no se pudo leer el HTML ({})")
    CRAWLER_ERROR = ("crawler error: {}", "error del rastreador ({})")
    AUDIT_ERROR = ("audit error: {}", "error al auditar ({})")
    UNREADABLE_FILE = ("unreadable file: {}", "no se pudo leer el archivo ({})")
    TEXT_NOT_READ = ("text not read: {}", "el texto de la imagen no se leyó ({})")
    FACE_MODEL_FAILED = ("face model failed: {}", "el modelo de rostros falló ({reason})")
    FACE_MODEL_BROKEN = ("face model failed to load: {}", "el modelo de rostros falló ({reason})")
    UNFETCHED = ("not fetched ({})", "no se descargó ({})")
    OCR_BROKEN = ("no OCR engine: {}", "texto de imágenes no leído: Tesseract falló ({reason})")
    OCR_FAILED = ("OCR failed: {}", "la lectura del texto de la imagen falló ({reason})")
    # a document read only in part (audit/files.py: Document.limits_hit); details like "200 of 812"
    FILE_TOO_MANY_PAGES = ("only the first {} pages read", "solo se leyeron las primeras {} páginas")
    FILE_TOO_MANY_CHARS = ("only the first {} characters read", "solo se leyeron los primeros {} caracteres")
    FILE_TOO_MANY_CELLS = ("only the first {} cells read", "solo se leyeron las primeras {} celdas")
    FILE_TIME_LIMIT = ("time limit of {} reached", "se agotó el tiempo de lectura del documento ({})")
    FILE_PART_TOO_LARGE = ("only the first {} read", "solo se leyeron los primeros {}")

    def __init__(self, pattern: str, spanish: str):
        self.pattern = pattern
        self.label = spanish
        head, _, tail = pattern.partition("{}")
        self.regex = re.compile(re.escape(head) + "(.+)" + re.escape(tail) + r"\Z", re.S)

    def __call__(self, detail) -> str:
        """The reason with its detail: Detailed.HTTP_STATUS(404) is 'HTTP 404'."""
        return self.pattern.format(detail)

    def detail(self, reason: str) -> str | None:
        m = self.regex.match(reason)
        return m.group(1) if m else None


def code(reason: str) -> Reason | None:
    """The Reason a string is, or None."""
    try:
        return Reason(reason)
    except ValueError:
        return None


def parse(reason: str) -> Reason | tuple[Detailed, str] | None:
    """The code a stored reason string is, or None for a reason no code names (an exception's class name)."""
    if (known := code(reason)) is not None:
        return known
    for kind in Detailed:
        if (detail := kind.detail(reason)) is not None:
            return kind, detail
    return None


def spanish(reason: str | None) -> str:
    """The Spanish label of a reason as stored; an unknown reason is shown as it is, '—' for none."""
    reason = str(reason or "")
    if not reason:
        return "—"
    code = parse(reason)
    if code is None:
        return reason
    if isinstance(code, Reason):
        return code.spanish
    kind, detail = code
    return kind.label.format(detail.replace(" of ", " de "), reason=reason)
