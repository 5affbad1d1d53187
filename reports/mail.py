"""The nightly e-mail's subject, plain text and HTML body (cli/notify.py sends them)."""
from __future__ import annotations

import unicodedata
from collections import Counter

from .labels import OUTCOME_ES, RULES_ES, RUN_STATUS_ES, SEVERITY_ES, STATUS_ES
from .markup import environment


def plain(text: str) -> str:
    """Page text for plain-text output (e-mail): no match brackets, no control characters."""
    text = str(text or "").replace("⟦", "«").replace("⟧", "»")
    return "".join(ch if ch.isprintable() else " " for ch in text)


def render_email(store, run_id: int, *, portal: str | None = None, report_link: str = "",
                 max_findings: int = 200) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of a run's summary: every portal, or only `portal` (for its webmaster)."""
    run = store.run(run_id)
    summary = store.summary(run_id)
    names = [portal] if portal else sorted(set(run["portals"]) | {p for p, _ in summary["portal_outcome"]})
    rows = []
    for name in names:
        status = Counter({s: summary["portal_status"][(name, s)] for s in STATUS_ES})
        outcomes = Counter({o: summary["portal_outcome"][(name, o)] for o in OUTCOME_ES})
        rows.append({"name": name, "status": status, "outcomes": outcomes, "pages": sum(outcomes.values())})
    total = sum((r["status"] for r in rows), Counter())
    pages = sum((r["outcomes"] for r in rows), Counter())
    new = store.findings(run_id, portal=portal, statuses=("new",))
    for f in new:
        f["plain_context"] = plain(f["context"])
        f["plain_evidence"] = plain(f["evidence"])
    what = f"portal {portal}" if portal else f"{len(rows)} portal(es)"
    flag = f"{RUN_STATUS_ES.get(run['status'], run['status'])} · " if run["status"] != "complete" else ""
    subject = (f"Blindaje {run['run_date']}: {flag}{total['new']} nuevo(s), {total['open']} abierto(s), "
               f"{total['fixed']} corregido(s) — {what}")
    context = dict(run=run, portal=portal, rows=rows, total=total, pages=pages, new=new[:max_findings],
                   new_total=len(new), report_link=report_link)
    html = environment().get_template("email.html").render(**context)
    return subject, _email_text(**context), html


def _email_text(*, run, portal, rows, total, pages, new, new_total, report_link) -> str:
    lines = [f"Blindaje · ejecución {run['id']} del {run['run_date']} · estado: "
             f"{RUN_STATUS_ES.get(run['status'], run['status'])}"]
    if run["status"] != "complete":
        lines.append(f"ATENCIÓN: la ejecución no está completa ({plain(run['message'])}); las páginas no auditadas "
                     "no se consideran limpias.")
    lines += ["", f"Páginas: {sum(pages.values())} (auditadas {pages['audited']}, omitidas {pages['skipped']}, "
                  f"fallidas {pages['failed']})",
              f"Hallazgos: nuevos {total['new']}, abiertos {total['open']}, corregidos {total['fixed']}, "
              f"dispensados {total['waived']}", ""]
    if not portal:
        for r in rows:
            lines.append(f"- {r['name']}: {r['pages']} páginas ({r['outcomes']['failed']} fallidas); nuevos "
                         f"{r['status']['new']}, abiertos {r['status']['open']}, corregidos {r['status']['fixed']}, "
                         f"dispensados {r['status']['waived']}")
        lines.append("")
    if new:
        lines.append(f"Hallazgos nuevos ({new_total}):")
        for f in new:
            lines += ["", f"* [{SEVERITY_ES.get(f['severity'], f['severity'])}] {RULES_ES.get(f['rule'], f['rule'])}"
                          f" — {f['portal']}",
                      f"  Página: {plain(f['url'])}", f"  Dónde: {plain(f['location'])}",
                      f"  Evidencia: {f['plain_context'] or f['plain_evidence']}",
                      f"  Qué hacer: {plain(f['message'])}", f"  Fundamento: {plain(f['legal_basis'])}",
                      f"  Id: {f['id']}"]
        if new_total > len(new):
            lines += ["", f"… y {new_total - len(new)} más en el reporte."]
    else:
        lines.append("No hay hallazgos nuevos desde la ejecución anterior.")
    lines += ["", f"Reporte completo: {report_link}" if report_link else "", "",
              "Blindaje · auditoría de blindaje electoral. El texto citado proviene de los sitios auditados."]
    return unicodedata.normalize("NFC", "\n".join(lines)) + "\n"
