"""The analyst's view: Datasette's metadata for the database (Spanish titles and descriptions of tables and
columns, facets, canned queries); cli `blindaje browse` serves it on 127.0.0.1, read-only."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .labels import RULES_ES, SEVERITY_ES, STATUS_ES

LATEST = "(select max(id) from runs where status != 'running')"  # the last finished night


def _case(column: str, labels: dict[str, str]) -> str:
    """SQL: a code column as its Spanish label (the code itself when it has none)."""
    whens = " ".join(f"when '{code}' then '{label}'" for code, label in labels.items())
    return f"case {column} {whens} else {column} end"


SEVERITY_ORDER = "case f.severity when 'high' then 0 when 'medium' then 1 when 'low' then 2 else 3 end"
DAYS = ("cast(julianday(substr(f.last_seen, 1, 10)) - julianday(substr(f.first_seen, 1, 10)) + 1 as integer)")
LABELS = (f"{_case('f.rule', RULES_ES)} as regla, {_case('f.severity', SEVERITY_ES)} as severidad, "
          f"{_case('f.status', STATUS_ES)} as estado")

QUERIES = {
    "abiertos_por_dias": {
        "title": "Hallazgos abiertos por días en línea",
        "description": "Los hallazgos por corregir (nuevos y abiertos) de la última ejecución terminada, los que "
                       "llevan más días en línea primero. Filtre por portal con el parámetro (vacío: todos).",
        "sql": (f"select f.portal as portal, {LABELS}, {DAYS} as dias_en_linea, substr(f.first_seen, 1, 10) as desde, "
                f"f.url as pagina, f.location as donde, f.evidence as evidencia, f.id as id "
                f"from findings f where f.run_id = {LATEST} and f.status in ('new', 'open') "
                f"and (:portal = '' or f.portal = :portal) "
                f"order by dias_en_linea desc, {SEVERITY_ORDER}, f.url limit 1000"),
    },
    "paginas_que_nombran": {
        "title": "Páginas que nombran a un servidor público",
        "description": "Páginas de la última ejecución con hallazgos de nombre o imagen de un servidor público que "
                       "siguen en línea (nuevos, abiertos o dispensados). Escriba parte del nombre, p. ej. «Montiel» "
                       "(distingue acentos, no mayúsculas; vacío: todos).",
        "sql": (f"select f.portal as portal, f.url as pagina, count(*) as hallazgos, "
                f"group_concat(distinct json_extract(f.data, '$.official')) as servidores_publicos, "
                f"group_concat(distinct f.evidence) as menciones, max({DAYS}) as dias_en_linea "
                f"from findings f where f.run_id = {LATEST} and f.rule in ('official-name', 'official-image') "
                f"and f.status in ('new', 'open', 'waived') and (:nombre = '' "
                f"or coalesce(json_extract(f.data, '$.official'), '') like '%' || :nombre || '%' "
                f"or f.evidence like '%' || :nombre || '%') "
                f"group by f.portal, f.url order by hallazgos desc, f.url limit 1000"),
    },
    "cambios_ultima_noche": {
        "title": "Qué cambió anoche",
        "description": "Lo que la última ejecución terminada cambió respecto de la anterior: hallazgos nuevos, "
                       "corregidos, los que reaparecieron tras corregirse y los de dispensa vencida.",
        "sql": ("select case when f.status = 'new' then 'nuevo' when f.status = 'fixed' then 'corregido' "
                "when f.reopened then 'reapareció' else 'dispensa vencida' end as cambio, f.portal as portal, "
                f"{LABELS}, f.url as pagina, f.location as donde, f.evidence as evidencia, w.until as dispensa_hasta, "
                "f.id as id from findings f join runs r on r.id = f.run_id "
                "left join waivers w on w.finding_id = f.id "
                f"where f.run_id = {LATEST} and (f.status in ('new', 'fixed') or f.reopened "
                "or (f.status in ('new', 'open') and w.until is not null and w.until < r.run_date)) "
                f"order by cambio, {SEVERITY_ORDER}, f.url limit 1000"),
    },
}

FINDING_COLUMNS = {
    "run_id": "Ejecución (noche) en que se registró el hallazgo.",
    "id": "Identificador estable del hallazgo: el mismo problema conserva su id noche tras noche.",
    "portal": "Portal auditado (nombre en portals.yaml).",
    "url": "Página o archivo donde está el hallazgo.",
    "rule": "Regla: official-name (nombre de servidor público), official-image (imagen), achievement-language "
            "(logros de gobierno), propaganda, media-review (audio o video para revisión).",
    "severity": "Severidad: high (alta), medium (media), low (baja).",
    "status": "Estado: new (nuevo), open (abierto), fixed (corregido), waived (dispensado).",
    "evidence": "Texto o imagen señalados (proviene del sitio auditado).",
    "location": "Dónde está: selector CSS en una página; «page 3», «metadata:Title», «sheet \"X\" B7» en un "
                "documento.",
    "kind": "Tipo de lugar: title (título de la página), h1 (encabezado principal), banner, figcaption (pie de "
            "foto), img[alt] (texto alternativo), p (texto)…",
    "context": "El texto alrededor de la evidencia; ⟦ ⟧ marca lo encontrado.",
    "message": "Qué está mal y qué hacer.",
    "legal_basis": "Fundamento legal.",
    "grp": "violation (infracción) o review (revisión humana).",
    "exception": "Contenido permitido reconocido (transparencia, salud, protección civil…).",
    "data": "Datos de la verificación (JSON): servidor público, distancia de hash o de rostro…",
    "first_seen": "Primera vez que se vio.",
    "last_seen": "Última vez que se vio.",
    "reopened": "1 si reapareció esta noche tras haberse corregido.",
}


def metadata() -> dict:
    """Datasette's metadata: Spanish titles and descriptions, facets on rule, severity, status and portal."""
    facets = ["rule", "severity", "status", "portal"]
    tables = {
        "findings": {"title": "Hallazgos por noche", "columns": FINDING_COLUMNS, "facets": facets,
                     "sort_desc": "run_id", "label_column": "evidence",
                     "description": "Cada hallazgo de cada ejecución (una fila por noche y hallazgo). Use las "
                                    "facetas de regla, severidad, estado y portal para filtrar."},
        "runs": {"title": "Ejecuciones", "sort_desc": "id", "facets": ["status"],
                 "description": "Una fila por noche (o ejecución forzada): fecha, estado, páginas y hallazgos.",
                 "columns": {"run_date": "Fecha de la noche (zona horaria del calendario).",
                             "status": "complete, incomplete (INCOMPLETA), failed, interrupted, running.",
                             "message": "Por qué la ejecución no está completa.",
                             "processes": "Procesos electorales en veda esa noche (JSON).",
                             "started_at": "Inicio, con la diferencia respecto de UTC.",
                             "finished_at": "Fin, con la diferencia respecto de UTC.",
                             "forced": "1 si se ejecutó sin consultar el calendario."}},
        "pages": {"title": "Páginas y archivos por noche", "facets": ["portal", "outcome", "reason"],
                  "description": "Cobertura: cada URL descubierta, auditada, omitida o fallida, con el motivo.",
                  "columns": {"outcome": "audited (auditada), skipped (omitida), failed (fallida).",
                              "reason": "Por qué se omitió o falló.", "http_status": "Código HTTP.",
                              "findings": "Hallazgos en la página esa noche.", "title": "Título de la página."}},
        "tracked": {"title": "Hallazgos a lo largo de la veda", "facets": ["portal", "rule"],
                    "description": "Una fila por hallazgo (id estable): cuándo se vio por primera y última vez y "
                                   "cuántas veces reapareció."},
        "waivers": {"title": "Dispensas", "description": "Hallazgos dispensados: quién, cuándo, por qué y hasta "
                                                        "cuándo.",
                    "columns": {"by": "Quién dispensó.", "reason": "Motivo.", "until": "Último día de la dispensa."}},
        "images": {"title": "Imágenes por noche", "facets": ["portal", "outcome"],
                   "description": "Imágenes descargadas y analizadas (retratos, rostros, texto)."},
        "captures": {"title": "Capturas de evidencia (WARC)",
                     "description": "Dónde está cada captura en los archivos WARC de la noche."},
    }
    for hidden in ("bodies", "blobs", "page_cache", "image_analyses", "_sqlite_migrations"):
        tables[hidden] = {"hidden": True}
    return {
        "title": "Blindaje · vista para analistas",
        "description": "La base de datos de Blindaje, de solo lectura: hallazgos, ejecuciones, cobertura y "
                       "dispensas de la veda. Las consultas guardadas responden las preguntas frecuentes.",
        "databases": {"blindaje": {"title": "Blindaje", "tables": tables, "queries": QUERIES}},
    }


def write_metadata(path: Path) -> Path:
    """The metadata as JSON at `path`, written whole or not at all."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".metadata-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(metadata(), f, ensure_ascii=False, indent=2)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def datasette_command(db: Path, metadata_path: Path, port: int, python: str) -> list[str]:
    """The Datasette server: 127.0.0.1 only, the database read-only (SQLite mode=ro: it sees a running crawl's rows
    but cannot change any), no uploads or writes, a bound on each query's time."""
    return [python, "-m", "datasette", "serve", str(db), "--metadata", str(metadata_path), "--host", "127.0.0.1",
            "--port", str(port), "--setting", "sql_time_limit_ms", "5000", "--setting", "max_returned_rows", "2000",
            "--setting", "allow_download", "off", "--setting", "default_page_size", "50"]
