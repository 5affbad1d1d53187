"""The report's HTML pages: the compliance unit's run page, one page per portal for its webmaster, the runs index."""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from pathlib import Path

from jinja2 import Environment

from .chart import severity_trend_svg, trend_svg
from .csvfile import csv_text, rule_fixes, spanish_findings
from .labels import OUTCOME_ES, RULES_ES, SEVERITIES, STATUS_ES, incomplete_es, plural, reason_es
from .markup import environment, slug
from .thumbnails import attach_images
from blindaje.store.groups import template_groups

OPEN_PAGES_UP_TO = 15  # a portal with more flagged pages than this starts with every page collapsed
LIST_LIMIT = 100  # rows in the run page's lists (new, fixed, reopened); the portal pages have them all
OLDEST = 25
PROBLEM_LIMIT = 2000  # URLs listed per coverage table; the counts by reason cover them all


def portal_file(portal: str | None) -> str:
    """The file name of a portal's page in a run's folder (the run page with None)."""
    return f"portal-{slug(portal)}.html" if portal else "index.html"


def days_online(first: str | None, last: str | None) -> int:
    try:
        a, b = dt.datetime.fromisoformat(first), dt.datetime.fromisoformat(last)
    except (TypeError, ValueError):
        return 0
    return (b.date() - a.date()).days + 1


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
    """(is it a warning?, what the run checked images for: faces, portraits, the text in their pixels), in Spanish."""
    if not note:
        return False, ""
    warn, text = _faces_es(note)
    ocr = note.get("ocr")
    if not ocr:
        return warn, text
    if ocr.get("error"):
        return True, (f"{text} El TEXTO dentro de las imágenes y de las páginas escaneadas de los documentos NO se "
                      f"leyó ({reason_es(ocr['error'])}): una tarjeta o infografía con logros o lemas no se detecta "
                      "en esta ejecución.")
    return warn, (f"{text} El texto dentro de las imágenes y de las páginas escaneadas de los documentos se leyó con "
                  f"OCR ({ocr.get('engine', 'Tesseract')}) y se auditó con las mismas reglas.")


def _faces_es(note: dict) -> tuple[bool, str]:
    if note.get("mode") == "text":
        if note.get("reason") == "fetch_images is false":
            return True, ("Las imágenes NO se descargaron (crawl.fetch_images: false): se revisó solo su texto "
                          "(alt, título, pie de foto, nombre de archivo); no se buscaron retratos ni rostros.")
        return False, ("Las imágenes se revisaron por su texto (alt, título, pie de foto, nombre de archivo). Ningún "
                       "servidor público tiene retrato de referencia (photos: en officials.yaml): no se buscaron "
                       "retratos reutilizados ni rostros.")
    refs = (f"{plural(note.get('portraits', 0), 'retrato')} de referencia de "
            f"{plural(note.get('officials', 0), 'servidor público', 'servidores públicos')}")
    problems = [f"{p['photo']}: {reason_es(p['problem'])}" for p in note.get("problems") or []]
    tail = (f" Retratos con problemas (un retrato sin rostro sirve solo para hallar su reutilización por hash): "
            f"{'; '.join(problems)}." if problems else "")
    if note.get("faces"):
        weak = "HOG" in (note.get("model") or "")  # dlib's HOG stands in for the SSD: faces under ~80 px are missed
        weak_es = (" El detector de rostros instalado (HOG) no encuentra rostros menores de unos 80 píxeles: instale "
                   "el extra faces completo (OpenCV) para revisarlos." if weak else "")
        # A portrait without a face is named (blindaje validate warns too) but, while other portraits' faces are
        # checked, it is no alarm: the night did look for faces.
        return weak, (f"Imágenes revisadas por su texto, por reutilización de retratos (hash "
                      f"perceptual) y por rostros ({note.get('model')}), contra {refs}.{weak_es}{tail}")
    return True, (f"Los ROSTROS NO se revisaron ({reason_es(note.get('error'))}): solo el texto de las imágenes y la reutilización "
                  f"de retratos (hash perceptual) contra {refs}. Una foto distinta de un servidor público no se "
                  f"detecta en esta ejecución.{tail}")


def run_timezone(run: dict | None, now: dt.datetime) -> dt.tzinfo:
    """The time zone a run's times are shown in when the caller has no calendar: the offset its start was recorded
    with (the calendar's clock wrote it), else the one of `now`."""
    try:
        return dt.datetime.fromisoformat(run["started_at"]).tzinfo or now.tzinfo
    except (TypeError, ValueError, KeyError):
        return now.tzinfo


# data for the templates --------------------------------------------------------------------------------------
def _anchor(url: str) -> str:
    return "p-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]


def _flagged_pages(findings: list[dict], titles: dict[str, str], parents: dict[str, str] | None = None) -> list[dict]:
    """Pages with findings to fix (new or open), each with its findings grouped by rule and message; a file (a
    document, an image's text) names the page that links it, and that page lists its flagged files."""
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
    parents = parents or {}
    flagged = {p["url"] for p in pages}
    files: dict[str, list[dict]] = defaultdict(list)
    for p in pages:
        parent = parents.get(p["url"])
        p["linked_from"] = parent
        p["parent_anchor"] = _anchor(parent) if parent in flagged else ""
        if parent:
            files[parent].append(p)
    for p in pages:
        p["files"] = files.get(p["url"], [])
    # A page that is not flagged itself but links flagged files still gets an entry: the webmaster starts there.
    for parent in sorted(set(files) - flagged):
        pages.append({"url": parent, "title": titles.get(parent, ""), "anchor": _anchor(parent), "groups": [],
                      "n": 0, "sev": Counter(), "new": 0, "reopened": 0, "days": 0, "linked_from": None,
                      "parent_anchor": "", "files": files[parent]})
    return pages


def _templates(findings: list[dict]) -> tuple[list[dict], set[str]]:
    """The portal's template problems (one entry per group, most pages first) and the ids of their findings."""
    rows, members = [], set()
    for gid, fs in template_groups([f for f in findings if f["status"] in ("new", "open")]).items():
        head = min(fs, key=lambda f: (SEVERITIES.index(f["severity"]) if f["severity"] in SEVERITIES else 3, f["url"]))
        urls = sorted({f["url"] for f in fs})
        members.update(f["id"] for f in fs)
        rows.append({"id": gid, "rule": head["rule"], "severity": head["severity"], "evidence": head["evidence"],
                     "context": head["context"], "location": head["location"], "message": head["message"],
                     "legal_basis": head["legal_basis"], "pages": urls, "sample": urls[:10],
                     "new": sum(f["status"] == "new" for f in fs), "days": max(f["days"] for f in fs),
                     "first": head})
    return rows, members


def _coverage_rows(coverage: list[dict], portal: str | None = None) -> list[dict]:
    """Skipped and failed pages grouped by outcome and reason, with counts, most frequent first."""
    grouped: Counter = Counter()
    for c in coverage:
        if c["outcome"] != "audited" and (portal is None or c["portal"] == portal):
            grouped[(c["outcome"], c["reason"])] += c["n"]
    return [{"outcome": o, "reason": r, "n": n} for (o, r), n in sorted(grouped.items(), key=lambda kv: (-kv[1], kv[0]))]


# the pages ---------------------------------------------------------------------------------------------------
def render_run(store, run_id: int, reports_dir: Path, *, now: dt.datetime, tz: dt.tzinfo | None = None) -> Path:
    """Write reports_dir/run-N/index.html, one page per portal, and reports_dir/index.html; return the run page.

    `now` (an aware instant) is the "generated" time the pages show; every time is shown in `tz` (the calendar's
    time zone; by default the offset the run's start was recorded with, which the calendar's clock wrote).
    """
    run = store.run(run_id)
    tz = tz or run_timezone(run, now)
    env = environment(tz)
    reports_dir = Path(reports_dir)
    out = reports_dir / f"run-{run_id}"
    out.mkdir(parents=True, exist_ok=True)
    run_date = run["run_date"] or ""
    findings = store.findings(run_id)
    for f in findings:
        f["days"] = days_online(f["first_seen"], f["last_seen"])
        f["waiver_expired"] = bool(f["status"] in ("new", "open") and f["waiver_until"] and f["waiver_until"] < run_date)
        # waived after this night: a later decision, shown as such; this night's figures stay as they were
        f["waiver_later"] = bool(f["status"] in ("new", "open") and f["waiver_reason"] is not None
                                 and not f["waiver_expired"])
        f["page"] = f"{portal_file(f['portal'])}#f-{f['id']}"
        f["how"] = how_es(f["data"]) if f["rule"] == "official-image" and isinstance(f["data"], dict) else ""
    attach_images(store, run_id, findings, out)
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
        active = [f for f in by_portal.get(name, []) if f["status"] in ("new", "open")]
        templates, members = _templates(active)
        portal_rows.append({
            "templates": templates, "template_members": members,
            # One template problem counts once, whatever the number of pages it is on; the pages count apart.
            "problems": len(templates) + len(active) - len(members), "affected": len({f["url"] for f in active}),
            "name": name, "file": portal_file(name), "csv": portal_file(name)[:-len(".html")] + ".csv",
            "pages": sum(outcomes.values()), "outcomes": outcomes,
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
    common = dict(run=run, generated=now, images_note=images_note, images_warn=warn,
                  incomplete=incomplete_es(run, coverage))
    lists = {s: [f for f in findings if f["status"] == s] for s in ("new", "fixed")}
    reopened = [f for f in present if f["reopened"]]
    (out / "index.html").write_text(env.get_template("run.html").render(
        **common, summary=summary, portals=portal_rows, rules=rules, oldest=oldest, previous=previous,
        new=lists["new"][:LIST_LIMIT], new_total=len(lists["new"]), fixed=lists["fixed"][:LIST_LIMIT],
        fixed_total=len(lists["fixed"]), reopened=reopened[:LIST_LIMIT], reopened_total=len(reopened),
        waived=waived, expired=expired, later=[f for f in findings if f["waiver_later"]],
        expiring=store.expiring_waivers(run_date) if run_date else [], reasons=_coverage_rows(coverage), problems=problems,
        partly=store.partly_read(run_id),
        problems_total=summary["outcome"]["skipped"] + summary["outcome"]["failed"], limit=LIST_LIMIT,
        images=store.image_coverage(run_id, limit=PROBLEM_LIMIT),
        trend=trend_svg(store.trend(upto=run_id))), "utf-8")
    fixes = rule_fixes(None)  # the rule packs read once for every portal's spreadsheet
    for row in portal_rows:
        name = row["name"]
        # The portal's findings as a spreadsheet for the compliance unit (Spanish, opens right in Excel).
        fs = by_portal.get(name, [])
        rows, fields = spanish_findings(fs, fixes)
        (out / row["csv"]).write_text(csv_text(rows, fields, spanish=True), "utf-8", newline="")
        flagged = _flagged_pages([f for f in fs if f["id"] not in row["template_members"]],
                                 store.page_titles(run_id, name), store.linked_from(run_id, name))
        twins = store.twins(run_id, name)
        for p in flagged:
            p["twins"] = twins.get(p["url"], [])
        social = None
        if run.get("kind") == "social":  # an official account: its posts outside the veda are listed, not judged
            social = {"counts": store.post_counts(run_id, name),
                      "outside": store.posts(run_id, name, in_veda=False, limit=PROBLEM_LIMIT)}
        (out / row["file"]).write_text(env.get_template("portal.html").render(
            social=social,
            **common, portal=name, row=row, flagged=flagged, open_pages=len(flagged) <= OPEN_PAGES_UP_TO,
            waived=[f for f in fs if f["status"] == "waived"], fixed=[f for f in fs if f["status"] == "fixed"],
            reasons=_coverage_rows(coverage, name), previous=previous,
            problems=store.problem_pages(run_id, name, limit=PROBLEM_LIMIT), partly=store.partly_read(run_id, name),
            images=store.image_coverage(run_id, name, limit=PROBLEM_LIMIT),
            trend=trend_svg(store.trend(portals=[name], upto=run_id))), "utf-8")
    render_index(store, reports_dir, now=now, env=env)
    return out / "index.html"


def render_index(store, reports_dir: Path, *, now: dt.datetime, env: Environment | None = None,
                 tz: dt.tzinfo | None = None) -> Path:
    """reports_dir/index.html: every run, newest first, linking to the runs whose report exists."""
    env = env or environment(tz or now.tzinfo)
    reports_dir = Path(reports_dir)
    counts = store.run_status_counts()
    runs = [dict(r, counts=counts.get(r["id"], Counter()),
                 rendered=(reports_dir / f"run-{r['id']}" / "index.html").exists()) for r in store.runs()]
    latest = next((r for r in runs if r["status"] != "running"), None)
    path = reports_dir / "index.html"
    path.write_text(env.get_template("index.html").render(
        runs=runs, veda=_veda(store, latest, reports_dir) if latest else None, generated=now), "utf-8")
    return path


RECURRING = 15  # rows of the index's most repeated problems


def _veda(store, run: dict, reports_dir: Path) -> dict:
    """The index's view of the veda: the last finished run's portals (pages clean and with findings), the open
    findings per night by severity, and the problems on most pages."""
    active = store.findings(run["id"], statuses=("new", "open"))
    pages = store.portal_pages(run["id"])
    portals = []
    for name in sorted(set(run["portals"]) | set(pages) | {f["portal"] for f in active}):
        mine = [f for f in active if f["portal"] == name]
        counted = pages.get(name) or {"audited": 0, "flagged": 0}
        csv = f"{portal_file(name)[:-len('.html')]}.csv"
        portals.append({"name": name, "file": portal_file(name), "audited": counted["audited"],
                        "flagged": counted["flagged"] or 0, "clean": counted["audited"] - (counted["flagged"] or 0),
                        "active": len(mine), "sev": Counter(f["severity"] for f in mine),
                        "csv": csv if (reports_dir / f"run-{run['id']}" / csv).is_file() else ""})
    recurring: dict[tuple, dict] = {}
    for f in active:
        key = (f["rule"], " ".join(f["evidence"].casefold().split()))
        r = recurring.setdefault(key, {"rule": f["rule"], "evidence": f["evidence"], "severity": f["severity"],
                                       "urls": set(), "portals": set(), "days": 0})
        r["urls"].add(f["url"])
        r["portals"].add(f["portal"])
        r["days"] = max(r["days"], days_online(f["first_seen"], f["last_seen"]))
        if SEVERITIES.index(f["severity"]) < SEVERITIES.index(r["severity"]):
            r["severity"] = f["severity"]
    top = sorted(recurring.values(), key=lambda r: (-len(r["urls"]), -r["days"], r["rule"], r["evidence"]))[:RECURRING]
    return {"run": run, "portals": portals, "trend": severity_trend_svg(store.trend(upto=run["id"])),
            "recurring": [dict(r, pages=len(r["urls"]), portals=sorted(r["portals"])) for r in top]}
