"""Spanish labels for the codes the store keeps: rules, severities, statuses, outcomes and the reasons pages fail."""
from __future__ import annotations

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
