"""100,000 generated posts imported and audited by `blindaje social import`: wall time and peak RSS, CSV and X.

Usage: python benchmarks/social_scale.py [--posts 100000] [--format csv|x|both]
Targets (issue 19): under 120 s and at most 600 MB peak RSS per import on this machine.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from social_exports import csv_text, tweet, write_x_archive  # noqa: E402

TEXTS = [
    "Consulta los requisitos del programa de becas en la oficina de tu municipio, de lunes a viernes de 9 a 15 h.",
    "Inauguramos el nuevo centro de salud de la colonia {n}: un logro histórico para {n} familias.",
    "Aviso: mañana se suspende el servicio de agua en el sector {n} por trabajos de mantenimiento.",
    "Gracias a la secretaria Villarreal, {n} estudiantes ya reciben su beca. #JuntosHacemosHistoria",
    "Recuerda vacunarte: el módulo del parque central atiende hasta las 18:00 h. 💉",
    "Hoy en el comedor comunitario hay pan dulce y café. ☕ Te esperamos.",
    "Seguimos trabajando por ti con {n} obras en todo el estado 💪🔥 ✅",
    "Convocatoria abierta para el programa de vivienda; registro en línea hasta el {n} de mayo.",
]
REPLIES = [
    "@vecino{n} Gracias por su reporte; lo canalizamos con el folio {n}.",
    "@vecina{n} Cállate, fifí, aquí no aceptamos mentiras.",
    "@usuario{n} Usted nos llama \"traidores a la patria\"; con gusto le atendemos en la ventanilla 3.",
]


def config_dir(root: Path) -> Path:
    c = root / "config"
    c.mkdir(parents=True)
    (c / "portals.yaml").write_text(yaml.safe_dump({"portals": [{
        "name": "sitio", "jurisdiction": "MX-COA", "start_urls": ["https://www.example.gob.mx/"],
        "allowed_domains": ["www.example.gob.mx"]}]}), "utf-8")
    (c / "officials.yaml").write_text(yaml.safe_dump({"officials": [
        {"name": "Rosa Elena Villarreal Garza", "position": "Secretaria de Bienestar Social", "jurisdiction": "MX-COA",
         "aliases": ["secretaria Villarreal"], "handles": ["@RosaVillarrealG"]}]}, allow_unicode=True), "utf-8")
    (c / "calendar.yaml").write_text(yaml.safe_dump({"timezone": "America/Mexico_City", "processes": [
        {"name": "Proceso Local Coahuila 2027", "applies_to": ["MX-COA"], "blackout_start": "2027-04-05",
         "blackout_end": "2027-06-06"}]}), "utf-8")
    (c / "accounts.yaml").write_text(yaml.safe_dump({"accounts": [
        {"name": "escala", "platform": "x", "jurisdiction": "MX-COA", "handle": "@Escala"}]}), "utf-8")
    return c


def posts(n: int):
    rng = random.Random(19)
    start = dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc)
    for i in range(n):
        when = start + dt.timedelta(minutes=3 * i)  # 100,000 posts span Jan–Jul: inside and outside the veda
        reply = rng.random() < 0.2
        text = (rng.choice(REPLIES) if reply else rng.choice(TEXTS)).format(n=rng.randint(2, 9999))
        yield str(10_000_000 + i), when, text, reply, rng.random() < 0.05


def measure(cmd: list[str]) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.monotonic()
    res = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.monotonic() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if res.returncode != 0:
        sys.exit(f"failed: {res.stdout}{res.stderr}")
    # ru_maxrss of children is the largest child so far: run each import alone (one per process of this script).
    return wall, max(peak, before) / 1024, res.stdout.strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--posts", type=int, default=100_000)
    ap.add_argument("--format", choices=["csv", "x", "both"], default="both")
    args = ap.parse_args()
    formats = ["csv", "x"] if args.format == "both" else [args.format]
    if len(formats) > 1:  # one process per format, so each peak RSS is its own
        for f in formats:
            subprocess.run([sys.executable, __file__, "--posts", str(args.posts), "--format", f], check=True)
        return 0
    fmt = formats[0]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        config = config_dir(root)
        t0 = time.monotonic()
        if fmt == "csv":
            rows = [{"id": k, "date": w.isoformat(), "text": t, "reply_to": "999" if r else "",
                     "media_type": "video" if v else ""} for k, w, t, r, v in posts(args.posts)]
            target = root / "posts.csv"
            target.write_bytes(csv_text(rows))
        else:
            tweets = [tweet(k, w, t, reply_to="999" if r else "", reply_user="otro" if r else "", video=v)
                      for k, w, t, r, v in posts(args.posts)]
            target = write_x_archive(root / "archive", tweets, parts=2, account="Escala")
        del_size = sum(p.stat().st_size for p in ([target] if target.is_file() else target.rglob("*")) if p.is_file())
        gen = time.monotonic() - t0
        wall, peak, out = measure([sys.executable, "-m", "blindaje.cli", "social", "import", str(target), "--account",
                                   "escala", "--platform", fmt, "--config", str(config), "--data", str(root / "data")])
        print(f"{fmt}: {args.posts:,} posts ({del_size / 2**20:.0f} MB export, generated in {gen:.1f} s): "
              f"import + audit + store + report {wall:.1f} s, peak RSS {peak:.0f} MB "
              f"({'OK' if wall < 120 and peak <= 600 else 'OVER TARGET'}: < 120 s, <= 600 MB)")
        print("  " + out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
