"""Precision, recall and F1 per rule on every labelled corpus, side by side (page level, the engine `check` uses).

Usage: python benchmarks/accuracy.py [--corpus DIR]... [--errors]
Without --corpus: the own corpus, the own held-out set and each folder of ../shared/corpus/ that exists.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from blindaje.audit import AuditContext, Auditor, Official  # noqa: E402
from blindaje.audit.document import decode, parse  # noqa: E402
from blindaje.audit.loader import load_rules  # noqa: E402

RULES = ["official-name", "official-image", "achievement-language", "propaganda", "media-review"]
SHARED = ROOT.parent / "shared" / "corpus"


def default_corpora() -> list[Path]:
    own = [ROOT / "benchmarks" / "corpus", ROOT / "benchmarks" / "heldout"]
    shared = sorted(p for p in SHARED.glob("*") if (p / "labels.yaml").is_file()) if SHARED.is_dir() else []
    return own + shared


def officials(path: Path) -> tuple[Official, ...]:
    data = yaml.safe_load(path.read_text("utf-8"))["officials"]
    return tuple(Official(o["name"], o.get("position", ""), o.get("jurisdiction", "federal"),
                          tuple(o.get("aliases", [])), exact=bool(o.get("exact"))) for o in data)


def label_notes(path: Path) -> dict[str, str]:
    """The labeller's comment on each page (the `# why` after its rules), to class the errors."""
    notes = {}
    for line in path.read_text("utf-8").splitlines():
        m = re.match(r"\s+([\w.-]+\.html):\s*\[[^\]]*\]\s*#\s*(.*)", line)
        if m:
            notes[m.group(1)] = m.group(2)
    return notes


def evaluate(corpus: Path, show_errors: bool = False) -> dict:
    labels = yaml.safe_load((corpus / "labels.yaml").read_text("utf-8"))["pages"]
    notes = label_notes(corpus / "labels.yaml")
    auditor = Auditor(load_rules(), AuditContext(officials(corpus / "officials.yaml")))
    counts = {r: {"tp": 0, "fp": 0, "fn": 0} for r in RULES}
    errors: list[dict] = []
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
                hits = [f for f in result.findings if f.rule == rule]
                errors.append({"kind": "FP", "rule": rule, "page": name, "class": hits[0].kind,
                               "detail": " | ".join(f"{f.kind}: {f.context[:110]}" for f in hits[:2]),
                               "note": notes.get(name, "")})
            elif rule in want:
                counts[rule]["fn"] += 1
                errors.append({"kind": "FN", "rule": rule, "page": name,
                               "class": "exception " + "+".join(result.exceptions) if result.exceptions
                               else "not found",
                               "detail": "", "note": notes.get(name, "")})
    elapsed = time.perf_counter() - started
    return {"counts": counts, "pages": len(labels), "seconds": elapsed, "errors": errors}


def scores(c: dict) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def corpus_name(path: Path) -> str:
    return f"shared/{path.name}" if path.parent == SHARED else path.name


def print_errors(name: str, errors: list[dict]) -> None:
    print(f"\n## errors in {name}")
    by_class = Counter((e["kind"], e["rule"], e["class"]) for e in errors)
    for (kind, rule, cls), n in sorted(by_class.items()):
        print(f"{n:>3}  {kind} {rule:22} {cls}")
    for e in errors:
        print(f"{e['kind']} {e['rule']:22} {e['page']}: {e['detail'] or e['class']}")
        if e["note"]:
            print(f"     label: {e['note'][:200]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="a corpus folder (repeatable)")
    parser.add_argument("--errors", action="store_true", help="list every false positive and negative, by class")
    args = parser.parse_args()
    corpora = args.corpus or default_corpora()
    results = {corpus_name(c): evaluate(c) for c in corpora}
    names = list(results)
    print("  ".join(f"{n}: {r['pages']} pages, {r['pages'] / r['seconds']:.0f}/s" for n, r in results.items()))
    width = 18
    print(f"{'rule':22}" + "".join(f"{n[:width]:>{width + 2}}" for n in names))
    print(f"{'':22}" + "".join(f"{'P    R    F1':>{width + 2}}" for _ in names))
    worst = {n: 1.0 for n in names}
    for rule in RULES:
        cells = []
        for n in names:
            p, r, f1 = scores(results[n]["counts"][rule])
            worst[n] = min(worst[n], f1)
            cells.append(f"{p:.2f} {r:.2f} {f1:.3f}")
        print(f"{rule:22}" + "".join(f"{c:>{width + 2}}" for c in cells))
    print(f"{'lowest F1':22}" + "".join(f"{worst[n]:>{width + 2}.3f}" for n in names) + "   (target 0.95)")
    if args.errors:
        for n in names:
            print_errors(n, results[n]["errors"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
