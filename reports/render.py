"""Render a run's report: the compliance unit's run page, one page per portal for its webmaster, the runs index."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"
RULES_ES = {
    "official-name": "Nombre de servidor público",
    "official-image": "Imagen de servidor público",
    "achievement-language": "Logros de gobierno",
    "propaganda": "Propaganda política o electoral",
    "media-review": "Audio, video o publicación embebida (revisión)",
}
SEVERITY_ES = {"high": "alta", "medium": "media", "low": "baja"}
STATUS_ES = {"new": "nuevo", "open": "abierto", "fixed": "corregido", "waived": "dispensado"}
OUTCOME_ES = {"audited": "auditada", "skipped": "omitida", "failed": "fallida"}
RUN_STATUS_ES = {"complete": "completa", "incomplete": "INCOMPLETA", "failed": "FALLIDA", "running": "en curso",
                 "interrupted": "INTERRUMPIDA"}
MARK = re.compile(r"⟦(.*?)⟧", re.S)


def highlight(text: str) -> Markup:
    """Escape page text, then mark the matched span (the only markup added)."""
    text = str(text or "")
    m = MARK.search(text)
    if not m:
        return escape(text)
    return escape(text[:m.start()]) + Markup("<mark>") + escape(m.group(1)) + Markup("</mark>") + escape(
        text[m.end():].replace("⟦", "").replace("⟧", ""))


def days_online(first: str | None, last: str | None) -> int:
    try:
        a, b = dt.datetime.fromisoformat(first), dt.datetime.fromisoformat(last)
    except (TypeError, ValueError):
        return 0
    return (b.date() - a.date()).days + 1


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", name.lower())


def trend_svg(points: list[dict], width: int = 640, height: int = 160) -> Markup:
    """An inline SVG line chart of findings present per night (and new ones), no script, no external file."""
    if not points:
        return Markup("")
    top = max(max((p["present"] or 0) for p in points), 1)
    n = len(points)
    step = (width - 60) / max(n - 1, 1)

    def xy(i, v):
        return 40 + i * step, height - 25 - (height - 45) * (v or 0) / top

    def line(key, color):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, p[key]) for i, p in enumerate(points)))
        dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}"/>'
                       for x, y in (xy(i, p[key]) for i, p in enumerate(points)))
        return f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{pts}"/>{dots}'

    labels = "".join(
        f'<text x="{xy(i, 0)[0]:.1f}" y="{height - 8}" font-size="10" text-anchor="middle">{escape(p["run_date"] or "")[5:]}</text>'
        for i, p in enumerate(points) if n <= 12 or i % max(1, n // 10) == 0)
    svg = (f'<svg role="img" aria-label="Tendencia de hallazgos por noche" viewBox="0 0 {width} {height}" '
           f'width="100%" xmlns="http://www.w3.org/2000/svg">'
           f'<line x1="40" y1="{height - 25}" x2="{width - 20}" y2="{height - 25}" stroke="#999"/>'
           f'<text x="4" y="20" font-size="10">{top}</text><text x="4" y="{height - 25}" font-size="10">0</text>'
           f'{line("present", "#b3261e")}{line("new", "#1f5fa8")}{labels}</svg>')
    return Markup(svg)


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(highlight=highlight, rule_es=lambda r: RULES_ES.get(r, r),
                       severity_es=lambda s: SEVERITY_ES.get(s, s), status_es=lambda s: STATUS_ES.get(s, s),
                       outcome_es=lambda s: OUTCOME_ES.get(s, s), run_status_es=lambda s: RUN_STATUS_ES.get(s, s),
                       slug=slug)
    return env


def render_run(store, run_id: int, reports_dir: Path) -> Path:
    """Write reports_dir/run-N/index.html, one page per portal, and reports_dir/index.html; return the run page."""
    env = _env()
    run = store.run(run_id)
    findings = store.findings(run_id)
    pages = store.pages(run_id)
    for f in findings:
        f["days"] = days_online(f["first_seen"], f["last_seen"])
    summary = store.summary(run_id)
    by_portal = defaultdict(list)
    for f in findings:
        by_portal[f["portal"]].append(f)
    portal_names = sorted({p["portal"] for p in pages} | set(run["portals"]))
    portal_rows = []
    for name in portal_names:
        ps = [p for p in pages if p["portal"] == name]
        fs = by_portal.get(name, [])
        portal_rows.append({
            "name": name, "pages": len(ps), "outcomes": Counter(p["outcome"] for p in ps),
            "findings": sum(1 for f in fs if f["status"] != "fixed"),
            "status": Counter(f["status"] for f in fs), "high": sum(1 for f in fs if f["severity"] == "high" and f["status"] != "fixed"),
        })
    oldest = sorted((f for f in findings if f["status"] in ("new", "open")), key=lambda f: -f["days"])[:20]
    problems = [p for p in pages if p["outcome"] != "audited"]
    out = Path(reports_dir) / f"run-{run_id}"
    out.mkdir(parents=True, exist_ok=True)
    common = dict(run=run, generated=dt.datetime.now().astimezone().isoformat(timespec="seconds"))
    (out / "index.html").write_text(env.get_template("run.html").render(
        **common, summary=summary, portals=portal_rows, oldest=oldest, problems=problems[:2000],
        problems_total=len(problems), trend=trend_svg(store.trend()), rules=RULES_ES), "utf-8")
    for name in portal_names:
        fs = by_portal.get(name, [])
        grouped = defaultdict(list)
        for f in fs:
            grouped[f["url"]].append(f)
        flagged = sorted(grouped.items(), key=lambda kv: (-sum(f["severity"] == "high" for f in kv[1]), kv[0]))
        (out / f"portal-{slug(name)}.html").write_text(env.get_template("portal.html").render(
            **common, portal=name, flagged=flagged, problems=[p for p in problems if p["portal"] == name][:2000],
            counts=Counter(f["status"] for f in fs)), "utf-8")
    (Path(reports_dir) / "index.html").write_text(env.get_template("index.html").render(
        **common, runs=store.runs()), "utf-8")
    return out / "index.html"
