"""The nightly e-mail's subject, plain text and HTML body (cli/notify.py sends them), and the sample `notify --test`
sends."""
from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter

from .labels import (OUTCOME_ES, RULES_ES, RUN_STATUS_ES, SEVERITIES, SEVERITY_ES, STATUS_ES, day_es, incomplete_es,
                     place_es, plural, when_es)
from .markup import environment
from .pages import run_timezone

# What the night asks the reader to act on, in the order the e-mail lists it.
SECTIONS = (("new", "Hallazgos nuevos"), ("reopened", "Hallazgos que reaparecieron (se habían corregido)"),
            ("expired", "Dispensas vencidas: los hallazgos vuelven a contar"))


def plain(text: str) -> str:
    """Page text for plain-text output (e-mail): no match brackets, no control characters."""
    text = str(text or "").replace("⟦", "«").replace("⟧", "»")
    return "".join(ch if ch.isprintable() else " " for ch in text)


def highest(findings) -> str | None:
    """The highest severity among findings ('high', 'medium', 'low'), None when there are none."""
    present = {f["severity"] for f in findings}
    return next((s for s in SEVERITIES if s in present), None)


def render_email(store, run_id: int, *, portal: str | None = None, report_link: str = "",
                 max_findings: int = 200, tz: dt.tzinfo | None = None) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of a run's summary: every portal, or only `portal` (for its webmaster).

    It tells the whole night: new findings, those that reappeared after a fix, and those whose waiver expired; the
    subject says INCOMPLETA when the run is not complete and the highest severity among the active findings.
    """
    run = store.run(run_id)
    tz = tz or run_timezone(run, dt.datetime.now().astimezone())
    summary = store.summary(run_id)
    names = [portal] if portal else sorted(set(run["portals"]) | {p for p, _ in summary["portal_outcome"]})
    rows = []
    for name in names:
        status = Counter({s: summary["portal_status"][(name, s)] for s in STATUS_ES})
        outcomes = Counter({o: summary["portal_outcome"][(name, o)] for o in OUTCOME_ES})
        rows.append({"name": name, "status": status, "outcomes": outcomes, "pages": sum(outcomes.values())})
    total = sum((r["status"] for r in rows), Counter())
    pages = sum((r["outcomes"] for r in rows), Counter())
    active = store.findings(run_id, portal=portal, statuses=("new", "open"))
    run_date = run["run_date"] or ""
    lists = {"new": [f for f in active if f["status"] == "new"],
             "reopened": [f for f in active if f["status"] == "open" and f["reopened"]],
             "expired": [f for f in active if f["waiver_until"] and f["waiver_until"] < run_date]}
    for fs in lists.values():
        for f in fs:
            f["plain_context"] = plain(f["context"])
            f["plain_evidence"] = plain(f["evidence"])
            f["place"] = place_es(f.get("kind"), f.get("location"))
    what = f"portal {portal}" if portal else plural(len(rows), "portal")
    flags = []
    if run["status"] != "complete":
        flags.append(RUN_STATUS_ES.get(run["status"], run["status"]))
    top = highest(active)
    if top:
        flags.append(f"severidad máxima {SEVERITY_ES[top].upper()}")
    counts = [plural(total["new"], "nuevo")]
    if lists["reopened"]:
        counts.append(plural(len(lists["reopened"]), "reapareció", "reaparecieron"))
    if lists["expired"]:
        counts.append(plural(len(lists["expired"]), "dispensa vencida", "dispensas vencidas"))
    counts += [plural(total["open"], "abierto"), plural(total["fixed"], "corregido")]
    subject = f"Blindaje {day_es(run_date)}: {''.join(f + ' · ' for f in flags)}{', '.join(counts)} — {what}"
    sections = [{"key": key, "title": title, "shown": lists[key][:max_findings], "total": len(lists[key])}
                for key, title in SECTIONS]
    context = dict(run=run, portal=portal, rows=rows, total=total, pages=pages, sections=sections,
                   report_link=report_link, started=when_es(run["started_at"], tz),
                   incomplete=incomplete_es(run, store.coverage(run_id)), top=top)
    html = environment(tz).get_template("email.html").render(**context)
    return subject, _email_text(**context), html


def _finding_lines(f: dict, portal: str | None) -> list[str]:
    return ["", f"* [{SEVERITY_ES.get(f['severity'], f['severity'])}] {RULES_ES.get(f['rule'], f['rule'])}"
                + ("" if portal else f" — {f['portal']}"),
            f"  Página: {plain(f['url'])}", f"  Dónde: {f['place']} ({plain(f['location'])})",
            f"  Evidencia: {f['plain_context'] or f['plain_evidence']}",
            *([f"  Dispensa vencida el {day_es(f['waiver_until'])}: {plain(f['waiver_reason'])}"]
              if f.get("waiver_until") and f["status"] in ("new", "open") and f.get("waiver_reason") else []),
            f"  Qué hacer: {plain(f['message'])}", f"  Fundamento: {plain(f['legal_basis'])}", f"  Id: {f['id']}"]


def _email_text(*, run, portal, rows, total, pages, sections, report_link, started, incomplete, top) -> str:
    lines = [f"Blindaje · ejecución {run['id']} del {day_es(run['run_date'])} (inicio {started}) · estado: "
             f"{RUN_STATUS_ES.get(run['status'], run['status'])}"]
    if run["status"] != "complete":
        lines.append(f"ATENCIÓN: la ejecución no está completa. {plain(incomplete)} Las páginas no auditadas no se "
                     "consideran limpias.")
    lines += ["", f"Páginas: {sum(pages.values())} (auditadas {pages['audited']}, omitidas {pages['skipped']}, "
                  f"fallidas {pages['failed']})",
              f"Hallazgos: nuevos {total['new']}, abiertos {total['open']}, corregidos {total['fixed']}, "
              f"dispensados {total['waived']}"
              + (f"; severidad máxima de los activos: {SEVERITY_ES[top]}" if top else ""), ""]
    if not portal:
        for r in rows:
            lines.append(f"- {r['name']}: {plural(r['pages'], 'página')} ({r['outcomes']['failed']} fallidas); nuevos "
                         f"{r['status']['new']}, abiertos {r['status']['open']}, corregidos {r['status']['fixed']}, "
                         f"dispensados {r['status']['waived']}")
        lines.append("")
    for s in sections:
        if s["key"] == "new" and not s["total"]:
            lines += ["No hay hallazgos nuevos desde la ejecución anterior.", ""]
            continue
        if not s["total"]:
            continue
        lines.append(f"{s['title']} ({s['total']}):")
        for f in s["shown"]:
            lines += _finding_lines(f, portal)
        if s["total"] > len(s["shown"]):
            lines += ["", f"… y {s['total'] - len(s['shown'])} más en el reporte."]
        lines.append("")
    lines += [f"Reporte completo: {report_link}" if report_link else "", "",
              "Blindaje · auditoría de blindaje electoral. El texto citado proviene de los sitios auditados."]
    return unicodedata.normalize("NFC", "\n".join(lines)) + "\n"


def render_sample(now: dt.datetime, tz: dt.tzinfo | None, smtp: str) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of `blindaje notify --test`: a sample that proves the SMTP settings work."""
    sent = when_es(now, tz)
    subject = f"Blindaje: mensaje de prueba ({sent})"
    text = (f"Mensaje de prueba de Blindaje, enviado el {sent} por {smtp}.\n\n"
            "Si lo recibe, la configuración de correo (email.* en settings.yaml) funciona: después de cada ejecución "
            "llegará a esta dirección el resumen de la noche (hallazgos nuevos, los que reaparecieron, las dispensas "
            "vencidas), con INCOMPLETA y la severidad máxima en el asunto cuando corresponda.\n\n"
            "Blindaje · auditoría de blindaje electoral.\n")
    html = environment(tz).get_template("email_test.html").render(sent=sent, smtp=smtp)
    return subject, text, html
