"""Precision, recall and F1 per rule on the labelled corpus (page level), with the engine `blindaje check` uses.

Usage: python benchmarks/accuracy.py [--corpus benchmarks/corpus] [--errors]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from blindaje.audit import AuditContext, Auditor, Official  # noqa: E402
from blindaje.audit.document import decode, parse  # noqa: E402
from blindaje.audit.loader import load_rules  # noqa: E402

RULES = ["official-name", "official-image", "achievement-language", "propaganda", "media-review"]


def officials(path: Path) -> tuple[Official, ...]:
    data = yaml.safe_load(path.read_text("utf-8"))["officials"]
    return tuple(Official(o["name"], o.get("position", ""), o.get("jurisdiction", "federal"),
                          tuple(o.get("aliases", []))) for o in data)


def evaluate(corpus: Path, show_errors: bool = False) -> dict:
    labels = yaml.safe_load((corpus / "labels.yaml").read_text("utf-8"))["pages"]
    auditor = Auditor(load_rules(), AuditContext(officials(corpus / "officials.yaml")))
    counts = {r: {"tp": 0, "fp": 0, "fn": 0} for r in RULES}
    started = time.perf_counter()
    for name, expected in sorted(labels.items()):
        path = corpus / "pages" / name
        result = auditor.audit_document(parse(f"https://portal.gob.mx/{name}", decode(path.read_bytes())))
        got = {f.rule for f in result.findings}
        want = set(expected or [])
        for rule in RULES:
            if rule in got and rule in want:
                counts[rule]["tp"] += 1
            elif rule in got:
                counts[rule]["fp"] += 1
                if show_errors:
                    hits = [f for f in result.findings if f.rule == rule][:2]
                    print(f"FP {rule:22} {name}: " + " | ".join(f"{f.kind}: {f.context[:110]}" for f in hits))
            elif rule in want:
                counts[rule]["fn"] += 1
                if show_errors:
                    print(f"FN {rule:22} {name} (exceptions: {', '.join(result.exceptions) or '-'})")
    elapsed = time.perf_counter() - started
    return {"counts": counts, "pages": len(labels), "seconds": elapsed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "benchmarks" / "corpus")
    parser.add_argument("--errors", action="store_true", help="list every false positive and negative")
    args = parser.parse_args()
    res = evaluate(args.corpus, args.errors)
    print(f"{res['pages']} pages in {res['seconds']:.2f} s ({res['pages'] / res['seconds']:.0f} pages/s)")
    print(f"{'rule':24} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8} {'F1':>6}")
    worst = 1.0
    for rule, c in res["counts"].items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        worst = min(worst, f1)
        print(f"{rule:24} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4} {p:>10.3f} {r:>8.3f} {f1:>6.3f}")
    print(f"lowest F1: {worst:.3f} (target 0.95)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
