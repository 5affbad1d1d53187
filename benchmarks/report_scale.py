"""Report rendering at scale: 10,000 findings over 3 portals and ~2,000 pages, two nights; prints times and sizes.

Usage: python benchmarks/report_scale.py [--findings 10000] [--pages 2000] [--portals 3] [--repeat 3] [--keep DIR]
Fills a temporary database through the Store API (as the crawler does), settles both nights, then renders the
second night's report `--repeat` times from scratch and prints the median. Target: under 5 s for 10,000 findings.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image  # noqa: E402

from blindaje.reports.render import render_run  # noqa: E402
from blindaje.store import Store, open_db  # noqa: E402

RULES = [("official-name", "high", "h1"), ("official-name", "medium", "p"), ("achievement-language", "medium", "p"),
         ("propaganda", "high", "div.banner"), ("media-review", "low", "iframe"), ("official-image", "high", "img[alt]")]
MESSAGE = ("El texto nombra a un servidor público; durante la veda eso constituye promoción personalizada. "
           "Servidor público: Ariadna Montiel Reyes. Atribuya la acción a la institución (p. ej. «la Secretaría "
           "informa…») y retire el nombre, o retire el contenido hasta después de la jornada electoral.")
BASIS = "Art. 134 párr. 8 CPEUM; Art. 449.1 d) LGIPE; Art. 9 fr. I LGCS; Jurisprudencia 12/2015 TEPJF"


def jpeg(seed: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (800, 600), (seed % 256, seed // 256 % 256, 90)).save(buf, "JPEG", quality=85)
    return buf.getvalue()


def make_finding(portal: str, url: str, n: int, night: int) -> dict:
    rule, severity, location = RULES[n % len(RULES)]
    evidence = (f"https://{portal}.gob.mx/img/evento-{n}.jpg" if rule == "official-image"
                else f"la secretaria Montiel inauguró la obra número {n}")
    fid = hashlib.sha256(f"{rule}|{url}|{location}|{evidence}".encode()).hexdigest()[:16]
    context = ("… durante el evento realizado en la cabecera municipal, ⟦" + evidence + "⟧ ante cientos de "
               "beneficiarios del programa, con una inversión histórica de 40 millones de pesos …")
    return {"id": fid, "portal": portal, "url": url, "rule": rule, "severity": severity, "evidence": evidence,
            "location": f"{location}:nth-of-type({n % 7 + 1})", "kind": location, "context": context,
            "message": MESSAGE, "legal_basis": BASIS, "grp": "violation", "exception": "", "data": {"n": n}}


def fill(store: Store, findings: int, pages: int, portals: int, seed: int = 7) -> tuple[int, float]:
    """Two nights; the second changes ~5% of the findings (fixed and new) and waives ~1%. Returns (run, seconds)."""
    rnd = random.Random(seed)
    names = [f"portal-{i + 1}" for i in range(portals)]
    per_page = max(1, findings // pages)
    images = {}
    settle = 0.0
    run_id = 0
    for night, date in enumerate(["2027-04-05", "2027-04-06"]):
        at = f"{date}T02:30:00-06:00"
        run_id = store.start_run(started_at=at, run_date=date, portals=names, forced=False, version="bench",
                                 rules_fingerprint="bench", processes=["Proceso Electoral Federal 2026-2027"])
        made = 0
        for p in range(pages):
            portal = names[p % portals]
            url = f"https://{portal}.gob.mx/noticias/{p:05d}"
            count = per_page if p < pages - 1 else findings - made
            fs = [make_finding(portal, url, p * 100 + k, night) for k in range(count)]
            made += count
            if night == 1:
                fs = [f for f in fs if rnd.random() > 0.05]  # fixed overnight
                fs += [make_finding(portal, url, p * 100 + 50 + k, night) for k in range(count - len(fs))]  # new
            store.add_page(run_id, {"portal": portal, "url": url, "outcome": "audited", "http_status": 200,
                                    "content_hash": hashlib.sha256(url.encode()).hexdigest(), "fetched_at": at,
                                    "title": f"Boletín {p}: la secretaria inauguró obras"}, fs)
            for f in fs:
                if f["rule"] == "official-image" and f["evidence"] not in images:
                    body = jpeg(len(images))
                    images[f["evidence"]] = body
                    store.add_image(run_id, {"portal": portal, "url": f["evidence"], "page_url": url,
                                             "outcome": "audited", "http_status": 200,
                                             "content_hash": hashlib.sha256(body).hexdigest(), "width": 800,
                                             "height": 600, "format": "JPEG", "bytes": len(body), "body": body})
        for i in range(pages // 10):
            portal = names[i % portals]
            outcome, reason, status = rnd.choice([("failed", "timeout", None), ("failed", "HTTP 500", 500),
                                                  ("skipped", "out of scope", None), ("failed", "HTTP 404", 404)])
            store.add_page(run_id, {"portal": portal, "url": f"https://{portal}.gob.mx/otros/{i}", "outcome": outcome,
                                    "reason": reason, "http_status": status, "fetched_at": at})
        started = time.perf_counter()
        store.finish_run(run_id, finished_at=f"{date}T04:00:00-06:00", status="complete")
        settle = time.perf_counter() - started
        if night == 0:
            for f in store.findings(run_id)[::100]:
                store.waive(f["id"], reason="Excepción revisada", by="bench", created_at=at, until=None)
    return run_id, settle


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--findings", type=int, default=10_000)
    ap.add_argument("--pages", type=int, default=2_000)
    ap.add_argument("--portals", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="Keep the database and reports in this directory.")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="blindaje-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        store = Store(open_db(work / "blindaje.db"))
        started = time.perf_counter()
        run_id, settle = fill(store, args.findings, args.pages, args.portals)
        print(f"filled 2 nights in {time.perf_counter() - started:.1f} s (finish_run of night 2: {settle:.2f} s)")
        status = store.summary(run_id)["status"]
        print(f"run {run_id}: {sum(status.values())} finding rows ({dict(status)}), "
              f"{store.run(run_id)['pages_total']} pages, {args.portals} portals")
        reports = work / "reports"
        times = []
        for _ in range(args.repeat):
            shutil.rmtree(reports / f"run-{run_id}", ignore_errors=True)  # thumbnails included: a cold render
            t = time.perf_counter()
            render_run(store, run_id, reports, now=dt.datetime.now().astimezone())
            times.append(time.perf_counter() - t)
        median = statistics.median(times)
        print(f"render: median {median:.2f} s of {args.repeat} ({', '.join(f'{t:.2f}' for t in times)})"
              f" — target < 5 s: {'OK' if median < 5 else 'MISSED'}")
        total = 0
        for path in sorted((reports / f"run-{run_id}").rglob("*")):
            if path.is_file() and path.suffix == ".html":
                size = path.stat().st_size
                total += size
                print(f"  {path.relative_to(reports)}: {size / 1e6:.2f} MB")
        thumbs = list((reports / f"run-{run_id}" / "img").glob("*.jpg"))
        img = sum(p.stat().st_size for p in thumbs)
        print(f"  thumbnails: {len(thumbs)} files, {img / 1e6:.2f} MB; HTML total {total / 1e6:.2f} MB")
        print(f"database: {(work / 'blindaje.db').stat().st_size / 1e6:.1f} MB")
        return 0 if median < 5 else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
