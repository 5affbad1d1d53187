"""Cost of the officials list: audit time per page and matcher memory with 20 and with 20,000 officials.

Usage: python benchmarks/officials_scale.py [--repeat 5]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from blindaje.audit import AuditContext, Auditor, Official  # noqa: E402
from blindaje.audit.loader import load_rules  # noqa: E402

GIVEN = ["María", "José", "Juan", "Ana", "Luis", "Rosa", "Carlos", "Elena", "Jorge", "Lucía", "Miguel", "Sofía",
         "Pedro", "Laura", "Javier", "Patricia", "Raúl", "Adriana", "Héctor", "Gabriela"]
SURNAMES = ["Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez",
            "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez", "Torres", "Díaz", "Gutiérrez",
            "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Moreno", "Castillo", "Romero", "Álvarez", "Méndez", "Chávez",
            "Rivera", "Juárez", "Ramos", "Domínguez", "Herrera", "Medina", "Castro", "Vargas", "Guzmán", "Velázquez",
            "Muñoz", "Rojas", "Contreras", "Salazar", "Luna", "Ortega", "Cortés", "Guerrero", "Estrada", "Bautista"]
POSITIONS = ["Secretaria de Salud", "Director General", "Presidente Municipal de Tula", "Subsecretario de Obras",
             "Coordinadora de Programas"]


def officials(n: int) -> tuple[Official, ...]:
    base = [Official("Lucía Fernanda Ortega Salinas", "Secretaria", "MX-COA", ("Lucía Ortega",))]
    out = []
    for i in range(n - 1):
        name = f"{GIVEN[i % 20]} {SURNAMES[i % 49]} {SURNAMES[(i // 49) % 49]}{'' if i < 2401 else f' {i}'}"
        out.append(Official(name, POSITIONS[i % 5], "MX-COA"))
    return tuple(base + out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    pages = [p.read_text("utf-8") for p in sorted((ROOT / "benchmarks" / "corpus" / "pages").glob("*.html"))]
    rules = load_rules()
    auditors, built = {}, {}
    for n in (20, 20_000):
        tracemalloc.start()
        started = time.perf_counter()
        auditors[n] = Auditor(rules, AuditContext(officials(n)))
        built[n] = (time.perf_counter() - started, tracemalloc.get_traced_memory()[1] / 1e6)
        tracemalloc.stop()
    runs: dict[int, list[float]] = {n: [] for n in auditors}
    for _ in range(args.repeat + 1):  # passes alternate, so the machine's drift weighs on both; the first warms up
        for n, auditor in auditors.items():
            started = time.process_time()
            for i, html in enumerate(pages):
                auditor.audit_html(f"https://portal.gob.mx/{i}", html)
            runs[n].append((time.process_time() - started) / len(pages) * 1000)
    for n, (build, memory) in built.items():
        print(f"{n:>6} officials: build {build:.2f} s, peak {memory:.0f} MB while building, "
              f"audit {statistics.median(runs[n][1:]):.2f} ms/page CPU (median of {args.repeat} passes over "
              f"{len(pages)} pages)")
    ratio = statistics.median(b / a for a, b in zip(runs[20][1:], runs[20_000][1:]))
    print(f"20,000 officials cost {ratio:.2f}x the time of 20 (median of the passes' ratios; target <= 1.1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
