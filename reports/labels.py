"""Spanish labels for the codes the store keeps: rules, severities, statuses, outcomes and the reasons pages fail."""
from __future__ import annotations

RULES_ES = {
    "official-name": "Nombre de servidor público",
    "official-image": "Imagen de servidor público",
    "achievement-language": "Logros de gobierno",
    "propaganda": "Propaganda política o electoral",
    "media-review": "Audio, video o publicación embebida (revisión)",
}
SEVERITY_ES = {"high": "alta", "medium": "media", "low": "baja"}
SEVERITIES = ("high", "medium", "low")
STATUS_ES = {"new": "nuevo", "open": "abierto", "fixed": "corregido", "waived": "dispensado"}
OUTCOME_ES = {"audited": "auditada", "skipped": "omitida", "failed": "fallida"}
RUN_STATUS_ES = {"complete": "completa", "incomplete": "INCOMPLETA", "failed": "FALLIDA", "running": "en curso",
                 "interrupted": "INTERRUMPIDA"}
REASONS_ES = {
    "out of scope": "fuera del alcance configurado",
    "denied by configuration": "excluida por la configuración (deny)",
    "redirect out of scope": "redirección fuera del alcance",
    "redirect denied by configuration": "redirección a una URL excluida",
    "timeout": "tiempo de espera agotado",
    "too large": "respuesta demasiado grande",
    "not HTML": "no es una página HTML",
    "empty body": "respuesta vacía",
    "binary content served as HTML": "contenido binario servido como HTML",
    "DNS lookup failed": "el nombre del servidor no se resolvió (DNS)",
    "connection refused": "conexión rechazada",
    "malformed URL": "URL mal formada",
    "not http": "no es una URL http(s)",
    "depth limit": "límite de profundidad",
    "duplicate": "duplicada",
    "private address": "dirección privada o reservada (no se solicitó)",
    "redirect to a private address": "redirección a una dirección privada (bloqueada)",
    "crawler trap: calendar": "trampa para rastreadores: calendario infinito",
    "crawler trap: repeated path segments": "trampa para rastreadores: segmentos repetidos",
    "crawler trap: repeated query parameters": "trampa para rastreadores: parámetros repetidos",
    "crawler trap: too many query parameters": "trampa para rastreadores: demasiados parámetros",
    "crawler trap: URL too long": "trampa para rastreadores: URL demasiado larga",
    "time budget": "tiempo del portal agotado",
    "interrupted": "ejecución interrumpida",
    "page limit": "límite de páginas",
    "too many redirects": "demasiadas redirecciones",
    "connection lost": "el servidor cerró la conexión",
    "incomplete response": "respuesta incompleta",
    "too many pixels": "imagen con demasiados píxeles (no se decodificó)",
    "not fetched": "imagen no descargada (la ejecución terminó antes)",
    "not analysed": "imagen no analizada",
    "analysis crashed": "el análisis de la imagen falló",
    "outside the page's folder": "fuera de la carpeta de la página",
    "no face found in any reference portrait": "ningún retrato de referencia muestra un rostro reconocible",
    "no face found in the reference portrait": "el retrato no muestra un rostro reconocible",
    "face model not installed (pip install 'blindaje[faces]')": "modelo de rostros no instalado (pip install 'blindaje[faces]')",
    "face model files not installed (pip install 'blindaje[faces]')": "modelo de rostros no instalado (pip install 'blindaje[faces]')",
}


def reason_es(reason: str) -> str:
    reason = str(reason or "")
    if not reason:
        return "—"
    if reason.startswith("HTTP "):
        return f"respuesta {reason}"
    if reason.startswith("not an image"):
        return f"no es una imagen legible ({reason[len('not an image: '):]})"
    if reason.startswith("face model failed"):
        return f"el modelo de rostros falló ({reason})"
    if reason.startswith("audit error"):
        return f"error al auditar ({reason[len('audit error: '):]})"
    return REASONS_ES.get(reason, reason)
