"""100,000 generated posts imported and audited by `blindaje social import`: wall time and peak RSS, CSV and X.

Usage: python benchmarks/social_scale.py [--posts 100000] [--format csv|x|both]
Targets (issue 19): under 120 s and at most 600 MB peak RSS per import on this machine.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from social_exports import csv_text, tweet, write_config, write_x_archive  # noqa: E402

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
    return write_config(root / "config", [{"name": "escala", "platform": "x", "jurisdiction": "MX-COA",
                                            "handle": "@Escala"}])

def posts(n: int):
    rng = random.Random(19)
    start = dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc)
    for i in range(n):
        when = start + dt.timedelta(minutes=3 * i)  # 100,000 posts span Jan–Jul: inside and outside the veda
        reply = rng.random() < 0.2
        text = (rng.choice(REPLIES) if reply else rng.choice(TEXTS)).format(n=rng.randint(2, 9999))
        yield str(10_000_000 + i), when, text, reply, rng.random() < 0.05


# The command run in a process that reports its own peak RSS when it ends (RUSAGE_CHILDREN would be the largest of
# all this script's children, the generator included).
MEASURED = ("import resource, runpy, sys; sys.argv = ['blindaje'] + sys.argv[1:]\n"
            "try:\n    runpy.run_module('blindaje.cli', run_name='__main__')\n"
            "except SystemExit as e:\n    code = e.code\nelse:\n    code = 0\n"
            "print('PEAK_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
            "sys.exit(code)")


def measure(args: list[str]) -> tuple[float, float, str]:
    t0 = time.monotonic()
    res = subprocess.run([sys.executable, "-c", MEASURED, *args], capture_output=True, text=True)
    wall = time.monotonic() - t0
    if res.returncode != 0:
        sys.exit(f"failed: {res.stdout}{res.stderr}")
    peak = int(next(line.split()[1] for line in res.stderr.splitlines() if line.startswith("PEAK_KB")))
    return wall, peak / 1024, res.stdout.strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--posts", type=int, default=100_000)
    ap.add_argument("--format", choices=["csv", "x", "both"], default="both")
    ap.add_argument("--generate", metavar="DIR", help=argparse.SUPPRESS)
    args = ap.parse_args()
    formats = ["csv", "x"] if args.format == "both" else [args.format]
    if len(formats) > 1:  # one process per format, so each peak RSS is its own
        for f in formats:
            subprocess.run([sys.executable, __file__, "--posts", str(args.posts), "--format", f], check=True)
        return 0
    fmt = formats[0]
    if args.generate:
        generate(fmt, args.posts, Path(args.generate))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        config = config_dir(root)
        t0 = time.monotonic()
        # Generated in a process of its own: a child forked from a process holding the generated posts would count
        # their pages in its own peak RSS before it even runs the import.
        subprocess.run([sys.executable, __file__, "--posts", str(args.posts), "--format", fmt, "--generate",
                        str(root)], check=True)
        target = root / ("posts.csv" if fmt == "csv" else "archive")
        size = sum(p.stat().st_size for p in ([target] if target.is_file() else target.rglob("*")) if p.is_file())
        gen = time.monotonic() - t0
        wall, peak, out = measure(["social", "import", str(target), "--account", "escala", "--platform", fmt,
                                   "--config", str(config), "--data", str(root / "data")])
        print(f"{fmt}: {args.posts:,} posts ({size / 2**20:.0f} MB export, generated in {gen:.1f} s): "
              f"import + audit + store + report {wall:.1f} s, peak RSS {peak:.0f} MB "
              f"({'OK' if wall < 120 and peak <= 600 else 'OVER TARGET'}: < 120 s, <= 600 MB)")
        print("  " + out)
    return 0


def generate(fmt: str, n: int, root: Path) -> None:
    if fmt == "csv":
        rows = [{"id": k, "date": w.isoformat(), "text": t, "reply_to": "999" if r else "",
                 "media_type": "video" if v else ""} for k, w, t, r, v in posts(n)]
        (root / "posts.csv").write_bytes(csv_text(rows))
    else:
        tweets = [tweet(k, w, t, reply_to="999" if r else "", reply_user="otro" if r else "", video=v)
                  for k, w, t, r, v in posts(n)]
        write_x_archive(root / "archive", tweets, parts=2, account="Escala")


if __name__ == "__main__":
    sys.exit(main())
