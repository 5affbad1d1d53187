"""CSV that opens right in a spreadsheet in Spanish: UTF-8 with a byte-order mark, no cell read as a formula, and
Spanish headers and values for the compliance unit (`blindaje export --lang es`, the report's per-portal files)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from blindaje.audit.loader import ConfigError

CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP CSV injection: what a spreadsheet reads as a formula
FINDING_FIELDS_ES = {
    "id": "id", "run_id": "ejecución", "portal": "portal", "url": "url", "rule": "regla", "severity": "severidad",
    "status": "estado", "evidence": "evidencia", "location": "ubicación", "context": "contexto",
    "message": "mensaje", "fix": "qué hacer", "legal_basis": "fundamento legal", "first_seen": "visto por primera vez",
    "last_seen": "visto por última vez", "waiver_reason": "motivo de la dispensa", "waiver_by": "dispensado por",
    "waiver_until": "dispensa hasta",
}
PAGE_FIELDS_ES = {
    "portal": "portal", "url": "url", "final_url": "url final", "http_status": "estado HTTP", "outcome": "resultado",
    "reason": "motivo", "content_hash": "hash del contenido", "fetched_at": "fecha de consulta",
}


def csv_cell(value):
    """A cell a spreadsheet shows as text: one starting with =, +, -, @, tab or CR gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(CSV_FORMULA_START):
        return "'" + value
    return value


def spanish_rows(store, run_id: int, pages: bool, config_dir: Path | None = None) -> tuple[list[dict], tuple[str, ...]]:
    """The export in Spanish: headers and values (rule, severity, status, outcome), and for findings the context,
    what to do (the rule's `fix`) and the waiver's reason, who and until when."""
    from blindaje.reports.labels import OUTCOME_ES, reason_es

    if pages:
        rows = [dict(r, outcome=OUTCOME_ES.get(r["outcome"], r["outcome"]),
                     reason=reason_es(r["reason"]) if r["reason"] else "") for r in store.export_pages(run_id)]
        return [{PAGE_FIELDS_ES[k]: r[k] for k in PAGE_FIELDS_ES} for r in rows], tuple(PAGE_FIELDS_ES.values())
    return spanish_findings(store.findings(run_id), rule_fixes(config_dir))


def spanish_findings(findings: list[dict], fixes: dict[str, str]) -> tuple[list[dict], tuple[str, ...]]:
    """Findings as store.findings() gives them, in Spanish with what to do (`fixes`: rule_fixes())."""
    from blindaje.reports.labels import RULES_ES, SEVERITY_ES, STATUS_ES

    out = []
    for r in findings:
        # The match is marked as in the e-mail («…»): a spreadsheet shows no highlight.
        r = dict(r, fix=fixes.get(r["rule"], ""), rule=RULES_ES.get(r["rule"], r["rule"]),
                 context=(r.get("context") or "").replace("⟦", "«").replace("⟧", "»"),
                 severity=SEVERITY_ES.get(r["severity"], r["severity"]),
                 status=STATUS_ES.get(r["status"], r["status"]))
        out.append({FINDING_FIELDS_ES[k]: "" if r.get(k) is None else r[k] for k in FINDING_FIELDS_ES})
    return out, tuple(FINDING_FIELDS_ES.values())


def rule_fixes(config_dir: Path | None) -> dict[str, str]:
    """Each rule's `fix` text: the configuration's packs when the directory loads, the shipped ones otherwise."""
    from blindaje.audit.loader import load_rules

    try:
        rules = load_rules(Path(config_dir) if config_dir and Path(config_dir).is_dir() else None)
    except ConfigError:
        rules = load_rules(None)
    return {rule_id: " ".join((r.fix or "").split()) for rule_id, r in rules.rules.items()}




def csv_text(rows: list[dict], fields, *, spanish: bool = False) -> str:
    """The rows as CSV text: a byte-order mark first, formulas neutralised; CRLF line ends for the Spanish variant."""
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\r\n" if spanish else "\n")
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in r.items()} for r in rows)
    return buf.getvalue()
