"""Render a run's report: the compliance unit's run page, one page per portal for its webmaster, the runs index."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from blindaje.audit.pixels import ImageRefused, untrusted_image
from blindaje.audit.reasons import spanish

TEMPLATES = Path(__file__).parent / "templates"
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
MARK = re.compile(r"⟦(.*?)⟧", re.S)
HASH = re.compile(r"^[0-9a-f]{64}$")
OPEN_PAGES_UP_TO = 15  # a portal with more flagged pages than this starts with every page collapsed
LIST_LIMIT = 100  # rows in the run page's lists (new, fixed, reopened); the portal pages have them all
OLDEST = 25
PROBLEM_LIMIT = 2000  # URLs listed per coverage table; the counts by reason cover them all
THUMB_SIDE = 240


def highlight(text: str) -> Markup:
    """Escape page text, then mark the matched span (the only markup added)."""
    text = str(text or "")
    m = MARK.search(text)
    if not m:
        return escape(text)
    return escape(text[:m.start()]) + Markup("<mark>") + escape(m.group(1)) + Markup("</mark>") + escape(
        text[m.end():].replace("⟦", "").replace("⟧", ""))


def plain(text: str) -> str:
    """Page text for plain-text output (e-mail): no match brackets, no control characters."""
    text = str(text or "").replace("⟦", "«").replace("⟧", "»")
    return "".join(ch if ch.isprintable() else " " for ch in text)


def days_online(first: str | None, last: str | None) -> int:
    try:
        a, b = dt.datetime.fromisoformat(first), dt.datetime.fromisoformat(last)
    except (TypeError, ValueError):
        return 0
    return (b.date() - a.date()).days + 1


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", name.lower())


def web_url(url: str) -> str | None:
    """The URL, if it is safe to link to (http or https only: never javascript: or data:)."""
    url = str(url or "")
    return url if re.match(r"^https?://", url, re.I) else None


reason_es = spanish  # a reason code (blindaje.audit.reasons) in Spanish


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
        dots = "".join(  # a hollow point: that night's run was not complete, so it audited less
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" stroke="{color}" '
            f'fill="{color if p.get("status", "complete") == "complete" else "#fff"}"><title>'
            f'{escape(p["run_date"] or "")}: {p[key] or 0}'
            f'{"" if p.get("status", "complete") == "complete" else " (" + RUN_STATUS_ES.get(p["status"], p["status"]) + ")"}'
            f'</title></circle>'
            for p, (x, y) in ((p, xy(i, p[key])) for i, p in enumerate(points)))
        return f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{pts}"/>{dots}'

    labels = "".join(
        f'<text x="{xy(i, 0)[0]:.1f}" y="{height - 8}" font-size="10" text-anchor="middle">{escape(p["run_date"] or "")[5:]}</text>'
        for i, p in enumerate(points) if n <= 12 or i % max(1, n // 10) == 0)
    svg = (f'<svg class="trend" role="img" aria-label="Tendencia de hallazgos por noche" viewBox="0 0 {width} {height}" '
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
                       reason_es=reason_es, slug=slug, web_url=web_url, day=lambda s: str(s or "")[:10])
    env.globals.update(SEVERITIES=SEVERITIES, RULES_ES=RULES_ES)
    return env


# officials' photos -------------------------------------------------------------------------------------------
def how_es(data: dict) -> str:
    """How an image finding matched, for the compliance unit: the text, a reused portrait, or a face."""
    parts = []
    how = str(data.get("how", ""))
    if how.startswith("text:"):
        parts.append(f"el texto de la imagen ({how.split('+')[0][5:]}) nombra a {data.get('official', '')}")
    if "hash" in how:
        parts.append(f"reutiliza el retrato oficial de {data.get('official', '')} "
                     f"(distancia de hash perceptual {data.get('hash_distance')} de 64 bits)")
    if "face" in how:
        parts.append(f"muestra el rostro de {data.get('official', '')} "
                     f"(distancia entre rostros {data.get('face_distance')}; 0 = idénticos)")
    return "; ".join(parts)


def image_analysis_es(note: dict) -> tuple[bool, str]:
    """(is it a warning?, what the run checked images for), in Spanish."""
    if not note:
        return False, ""
    if note.get("mode") == "text":
        if note.get("reason") == "fetch_images is false":
            return True, ("Las imágenes NO se descargaron (crawl.fetch_images: false): se revisó solo su texto "
                          "(alt, título, pie de foto, nombre de archivo); no se buscaron retratos ni rostros.")
        return False, ("Las imágenes se revisaron por su texto (alt, título, pie de foto, nombre de archivo). Ningún "
                       "servidor público tiene retrato de referencia (photos: en officials.yaml): no se buscaron "
                       "retratos reutilizados ni rostros.")
    refs = f"{note.get('portraits', 0)} retrato(s) de referencia de {note.get('officials', 0)} servidor(es) público(s)"
    problems = [f"{p['photo']}: {reason_es(p['problem'])}" for p in note.get("problems") or []]
    tail = f" Retratos inutilizables: {'; '.join(problems)}." if problems else ""
    if note.get("faces"):
        return bool(problems), (f"Imágenes revisadas por su texto, por reutilización de retratos (hash perceptual) y por "
                                f"rostros ({note.get('model')}), contra {refs}.{tail}")
    return True, (f"Los ROSTROS NO se revisaron ({reason_es(note.get('error'))}): solo el texto de las imágenes y la reutilización "
                  f"de retratos (hash perceptual) contra {refs}. Una foto distinta de un servidor público no se "
                  f"detecta en esta ejecución.{tail}")


# thumbnails --------------------------------------------------------------------------------------------------
def _thumbnail(data: bytes, dest: Path) -> tuple[int, int] | None:
    """Re-encode an image as a small JPEG (never the page's own bytes: no SVG, no polyglot); None if unreadable."""
    from PIL import Image

    try:
        with untrusted_image(data) as im:  # a decompression bomb is refused from its header
            im.draft("RGB", (THUMB_SIDE, THUMB_SIDE))  # JPEG: decode at 1/2, 1/4 or 1/8 scale, still >= the thumb
            im.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.BILINEAR, reducing_gap=2.0)
            if im.mode != "RGB":
                rgba = im.convert("RGBA")
                im = Image.new("RGB", rgba.size, "white")
                im.paste(rgba, mask=rgba.getchannel("A"))
            tmp = dest.with_suffix(".tmp")
            im.save(tmp, "JPEG", quality=80)
            tmp.replace(dest)
            return im.size
    except ImageRefused:  # a hostile or truncated image gets the placeholder, never stops the report
        return None


def _attach_images(store, run_id: int, findings: list[dict], out: Path) -> None:
    """Give image findings a thumbnail in out/img/ (from the stored bytes), or say why there is none."""
    urls = [f["evidence"] for f in findings if f["rule"] == "official-image" and f["status"] != "fixed"]
    if not urls:
        return
    # The crawler records images under their canonical URL, kept in the finding's data
    # (findings recorded before it was kept there are looked up by their evidence).
    canon = {f["evidence"]: (f["data"] or {}).get("image_url") or f["evidence"] for f in findings
             if f["rule"] == "official-image" and f["status"] != "fixed"}
    known = store.image_evidence(run_id, [*urls, *canon.values()])
    made: dict[str, dict] = {}
    for f in findings:
        if f["rule"] != "official-image" or f["status"] == "fixed":
            continue
        info = known.get(f["evidence"]) or known.get(canon[f["evidence"]])
        image = {"hash": None, "src": None, "note": "La imagen no se descargó (fuera del alcance o sin respuesta)."}
        if info:
            image.update(hash=info["content_hash"], format=info["format"], width=info["width"],
                         height=info["height"], bytes=info["bytes"],
                         note="Sin copia local de la imagen (no se guardaron sus bytes).")
            h = info["content_hash"]
            if info["kept"] and HASH.match(h or ""):
                if h not in made:
                    dest = out / "img" / f"{h}.jpg"
                    size = (0, 0) if dest.exists() else None
                    if size is None:
                        dest.parent.mkdir(exist_ok=True)
                        size = _thumbnail(store.blob(h) or b"", dest)
                    made[h] = {"src": f"img/{h}.jpg"} if size else {"note": "La copia guardada no es una imagen legible."}
                image.update(made[h])
        f["image"] = image


# data for the templates --------------------------------------------------------------------------------------
def _anchor(url: str) -> str:
    return "p-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]


def _flagged_pages(findings: list[dict], titles: dict[str, str]) -> list[dict]:
    """Pages with findings to fix (new or open), each with its findings grouped by rule and message."""
    by_url: dict[str, list[dict]] = defaultdict(list)
    for f in findings:
        if f["status"] in ("new", "open"):
            by_url[f["url"]].append(f)
    pages = []
    for url, fs in by_url.items():
        groups: dict[tuple, dict] = {}
        for f in fs:
            key = (f["rule"], f["message"], f["legal_basis"])
            g = groups.setdefault(key, {"rule": f["rule"], "message": f["message"], "legal_basis": f["legal_basis"],
                                        "entries": []})
            g["entries"].append(f)
        sev = Counter(f["severity"] for f in fs)
        pages.append({"url": url, "title": titles.get(url, ""), "anchor": _anchor(url), "groups": list(groups.values()),
                      "n": len(fs), "sev": sev, "new": sum(f["status"] == "new" for f in fs),
                      "reopened": sum(bool(f["reopened"]) for f in fs), "days": max(f["days"] for f in fs)})
    pages.sort(key=lambda p: (-p["sev"]["high"], -p["sev"]["medium"], -p["n"], p["url"]))
    return pages


def _coverage_rows(coverage: list[dict], portal: str | None = None) -> list[dict]:
    """Skipped and failed pages grouped by outcome and reason, with counts, most frequent first."""
    grouped: Counter = Counter()
    for c in coverage:
        if c["outcome"] != "audited" and (portal is None or c["portal"] == portal):
            grouped[(c["outcome"], c["reason"])] += c["n"]
    return [{"outcome": o, "reason": r, "n": n} for (o, r), n in sorted(grouped.items(), key=lambda kv: (-kv[1], kv[0]))]


def render_run(store, run_id: int, reports_dir: Path) -> Path:
    """Write reports_dir/run-N/index.html, one page per portal, and reports_dir/index.html; return the run page."""
    env = _env()
    reports_dir = Path(reports_dir)
    run = store.run(run_id)
    out = reports_dir / f"run-{run_id}"
    out.mkdir(parents=True, exist_ok=True)
    run_date = run["run_date"] or ""
    findings = store.findings(run_id)
    for f in findings:
        f["days"] = days_online(f["first_seen"], f["last_seen"])
        f["waiver_expired"] = bool(f["status"] in ("new", "open") and f["waiver_until"] and f["waiver_until"] < run_date)
        f["page"] = f"portal-{slug(f['portal'])}.html#f-{f['id']}"
        f["how"] = how_es(f["data"]) if f["rule"] == "official-image" and isinstance(f["data"], dict) else ""
    _attach_images(store, run_id, findings, out)
    summary = store.summary(run_id)
    coverage = store.coverage(run_id)
    prev_id = store.previous_run_id(run_id)
    previous = store.run(prev_id) if prev_id else None
    by_portal: dict[str, list[dict]] = defaultdict(list)
    for f in findings:
        by_portal[f["portal"]].append(f)
    portal_names = sorted({c["portal"] for c in coverage} | set(run["portals"]) | set(by_portal))
    portal_rows = []
    for name in portal_names:
        status = Counter({s: summary["portal_status"][(name, s)] for s in STATUS_ES})
        outcomes = Counter({o: summary["portal_outcome"][(name, o)] for o in OUTCOME_ES})
        portal_rows.append({
            "name": name, "file": f"portal-{slug(name)}.html", "pages": sum(outcomes.values()), "outcomes": outcomes,
            "status": status, "active": status["new"] + status["open"],
            "sev": Counter({s: summary["portal_severity"][(name, s)] for s in SEVERITIES}),
        })
    rules = sorted({r for r, _ in summary["active_rule_severity"]} | set(RULES_ES),
                   key=lambda r: (list(RULES_ES).index(r) if r in RULES_ES else 99, r))
    present = [f for f in findings if f["status"] in ("new", "open")]
    oldest = sorted(present, key=lambda f: (f["first_seen"] or "", SEVERITIES.index(f["severity"])
                                            if f["severity"] in SEVERITIES else 3, f["url"]))[:OLDEST]
    waived = [f for f in findings if f["status"] == "waived"]
    expired = [f for f in findings if f["waiver_expired"]]
    problems = store.problem_pages(run_id, limit=PROBLEM_LIMIT)
    warn, images_note = image_analysis_es(run.get("image_analysis") or {})
    common = dict(run=run, generated=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                  images_note=images_note, images_warn=warn)
    lists = {s: [f for f in findings if f["status"] == s] for s in ("new", "fixed")}
    reopened = [f for f in present if f["reopened"]]
    (out / "index.html").write_text(env.get_template("run.html").render(
        **common, summary=summary, portals=portal_rows, rules=rules, oldest=oldest, previous=previous,
        new=lists["new"][:LIST_LIMIT], new_total=len(lists["new"]), fixed=lists["fixed"][:LIST_LIMIT],
        fixed_total=len(lists["fixed"]), reopened=reopened[:LIST_LIMIT], reopened_total=len(reopened),
        waived=waived, expired=expired, reasons=_coverage_rows(coverage), problems=problems,
        problems_total=summary["outcome"]["skipped"] + summary["outcome"]["failed"], limit=LIST_LIMIT,
        images=store.image_coverage(run_id, limit=PROBLEM_LIMIT),
        trend=trend_svg(store.trend(upto=run_id))), "utf-8")
    for row in portal_rows:
        name = row["name"]
        fs = by_portal.get(name, [])
        flagged = _flagged_pages(fs, store.page_titles(run_id, name))
        (out / row["file"]).write_text(env.get_template("portal.html").render(
            **common, portal=name, row=row, flagged=flagged, open_pages=len(flagged) <= OPEN_PAGES_UP_TO,
            waived=[f for f in fs if f["status"] == "waived"], fixed=[f for f in fs if f["status"] == "fixed"],
            reasons=_coverage_rows(coverage, name), previous=previous,
            problems=store.problem_pages(run_id, name, limit=PROBLEM_LIMIT),
            images=store.image_coverage(run_id, name, limit=PROBLEM_LIMIT),
            trend=trend_svg(store.trend(portals=[name], upto=run_id))), "utf-8")
    render_index(store, reports_dir, env=env)
    return out / "index.html"


def render_index(store, reports_dir: Path, env: Environment | None = None) -> Path:
    """reports_dir/index.html: every run, newest first, linking to the runs whose report exists."""
    env = env or _env()
    reports_dir = Path(reports_dir)
    counts = store.run_status_counts()
    runs = [dict(r, counts=counts.get(r["id"], Counter()),
                 rendered=(reports_dir / f"run-{r['id']}" / "index.html").exists()) for r in store.runs()]
    path = reports_dir / "index.html"
    path.write_text(env.get_template("index.html").render(
        runs=runs, generated=dt.datetime.now().astimezone().isoformat(timespec="seconds")), "utf-8")
    return path


# e-mail ------------------------------------------------------------------------------------------------------
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
    html = _env().get_template("email.html").render(**context)
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
