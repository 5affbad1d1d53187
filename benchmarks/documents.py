"""Documents benchmark: how well `blindaje check` finds violations in PDFs, DOCX, XLSX and image cards (SPEC §9).

Builds the labelled corpus of `benchmarks/documents_corpus.py` (in a temporary folder, or `--out DIR`), runs

    blindaje check FILE... --format json --config CONFIG_DIR

with a temporary configuration directory holding `benchmarks/documents/officials.yaml` (and no `rules/`, so the
shipped packs apply), and scores each SPEC §3 rule per file: a file is flagged for a rule when check reports at
least one finding of that rule. Findings of group "violation" are the main score; adding the "review" group
(needs-review findings) gives the second table. A target that check could not audit (an "error" in its entry) is
never taken as clean: it is a miss for every rule it is labelled with, and it is listed apart.

    .venv/bin/python benchmarks/documents.py                 # build, check, print the figures
    .venv/bin/python benchmarks/documents.py --json          # the figures as JSON
    .venv/bin/python benchmarks/documents.py --out /tmp/docs # keep the corpus (and check.json) in /tmp/docs
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import documents_corpus as corpus  # noqa: E402

RULES = corpus.RULES

PORTALS_YAML = """portals:
  - name: documentos
    title: Corpus de documentos
    jurisdiction: federal
    start_urls: [https://documentos.example.gob.mx/]
    allowed_domains: [documentos.example.gob.mx]
"""

CALENDAR_YAML = """timezone: America/Mexico_City
processes:
  - name: Proceso Electoral Federal 2026-2027
    applies_to: [all]
    blackout_start: 2027-04-04
    blackout_end: 2027-06-06
"""


def make_config(folder: Path) -> Path:
    """A configuration directory with the benchmark's officials and no rule overrides."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(corpus.OFFICIALS_FILE, folder / "officials.yaml")
    (folder / "portals.yaml").write_text(PORTALS_YAML, encoding="utf-8")
    (folder / "calendar.yaml").write_text(CALENDAR_YAML, encoding="utf-8")
    return folder


def blindaje_command() -> list[str]:
    script = Path(sys.executable).parent / "blindaje"
    if script.exists():
        return [str(script)]
    found = shutil.which("blindaje")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from blindaje.cli import main; sys.exit(main())"]


def run_check(files: list[Path], config: Path, timeout: float = 3600) -> tuple[dict[str, dict], str]:
    """`blindaje check` over FILES in one call; {file name: its JSON entry} and the command's stderr tail.

    When the whole call fails to give JSON (a crash), each file is checked alone so one bad file cannot hide the
    others; a file still without an entry gets a synthetic error entry."""
    cmd = blindaje_command()

    def call(targets):
        proc = subprocess.run([*cmd, "check", *map(str, targets), "--format", "json", "--config", str(config)],
                              capture_output=True, text=True, timeout=timeout)
        try:
            return json.loads(proc.stdout), proc.stderr
        except json.JSONDecodeError:
            return None, proc.stderr or proc.stdout

    results, err = call(files)
    entries: dict[str, dict] = {}
    if results is None:
        for f in files:
            one, e = call([f])
            if one:
                entries[f.name] = one[0]
            else:
                entries[f.name] = {"target": str(f), "findings": [], "error": f"check gave no JSON: {e[-300:]}"}
    else:
        for entry in results:
            entries[Path(entry["target"]).name] = entry
    for f in files:
        entries.setdefault(f.name, {"target": str(f), "findings": [], "error": "no entry in check's output"})
    return entries, (err or "")[-2000:]


def flagged(entry: dict, rule: str, groups: tuple[str, ...]) -> bool:
    return any(f.get("rule") == rule and (f.get("group") or "violation") in groups for f in entry.get("findings", []))


def score(labels: dict[str, set[str]], entries: dict[str, dict], groups: tuple[str, ...]) -> dict:
    """Per-rule confusion counts, precision, recall and F1, with misses and false alarms."""
    not_audited = sorted(n for n in labels if entries.get(n, {}).get("error"))
    per_rule, misses, false_alarms = {}, [], []
    for rule in RULES:
        tp = fp = fn = tn = 0
        for name, truth in sorted(labels.items()):
            entry = entries.get(name) or {"error": "missing"}
            positive = rule in truth
            if entry.get("error"):
                if positive:
                    fn += 1
                    misses.append({"file": name, "rule": rule, "reason": "not audited"})
                continue  # an unaudited clean file is neither a true nor a false negative: listed apart
            hit = flagged(entry, rule, groups)
            if positive and hit:
                tp += 1
            elif positive:
                fn += 1
                misses.append({"file": name, "rule": rule, "reason": "no finding"})
            elif hit:
                fp += 1
                evidence = [f.get("evidence") for f in entry["findings"] if f.get("rule") == rule
                            and (f.get("group") or "violation") in groups][:3]
                false_alarms.append({"file": name, "rule": rule, "evidence": evidence})
            else:
                tn += 1
        precision = tp / (tp + fp) if tp + fp else None
        recall = tp / (tp + fn) if tp + fn else None
        f1 = (2 * precision * recall / (precision + recall)
              if precision is not None and recall is not None and precision + recall else 0.0 if tp + fn else None)
        per_rule[rule] = {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision, "recall": recall, "f1": f1}
    # file level: a violating file is caught when any of its rules is flagged; a clean file is a false alarm when
    # any labelled rule is flagged on it
    caught = alarm = pos = neg = 0
    for name, truth in labels.items():
        entry = entries.get(name) or {"error": "missing"}
        any_hit = not entry.get("error") and any(flagged(entry, r, groups) for r in RULES)
        if truth:
            pos += 1
            caught += any_hit
        elif not entry.get("error"):
            neg += 1
            alarm += any_hit
    return {"groups": list(groups), "rules": per_rule, "misses": misses, "false_alarms": false_alarms,
            "not_audited": not_audited,
            "files": {"violating": pos, "violating_caught": caught, "clean_audited": neg, "clean_flagged": alarm}}


def _fmt(x) -> str:
    return "  n/a" if x is None else f"{x:.3f}"


def print_table(title: str, s: dict) -> None:
    print(f"\n{title}")
    print(f"{'rule':<22}{'TP':>4}{'FP':>4}{'FN':>4}{'TN':>4}  {'precision':>9}  {'recall':>7}  {'F1':>6}")
    for rule, r in s["rules"].items():
        print(f"{rule:<22}{r['tp']:>4}{r['fp']:>4}{r['fn']:>4}{r['tn']:>4}  {_fmt(r['precision']):>9}  "
              f"{_fmt(r['recall']):>7}  {_fmt(r['f1']):>6}")
    f = s["files"]
    print(f"files: {f['violating_caught']}/{f['violating']} violating files caught; "
          f"{f['clean_flagged']}/{f['clean_audited']} audited clean files flagged")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="build the corpus here and keep it (default: a temporary folder)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds allowed for blindaje check")
    args = ap.parse_args(argv)

    labels = corpus.load_labels()
    built = {d.name for d in corpus.CORPUS}
    if set(labels) != built:
        ap.error(f"labels.yaml and the corpus differ: {sorted(set(labels) ^ built)}; run documents_corpus.py "
                 "--write-labels")
    with tempfile.TemporaryDirectory(prefix="blindaje-docbench-") as tmp:
        out = args.out or Path(tmp) / "corpus"
        files = corpus.build(out)
        config = make_config(Path(tmp) / "config")
        entries, stderr = run_check(files, config, args.timeout)
        if args.out:
            (args.out / "check.json").write_text(json.dumps(list(entries.values()), ensure_ascii=False, indent=1),
                                                 encoding="utf-8")
    strict = score(labels, entries, ("violation",))
    lenient = score(labels, entries, ("violation", "review"))
    features = corpus.load_features()
    for s_ in (strict, lenient):
        for m in s_["misses"] + s_["false_alarms"]:
            m["features"] = features.get(m["file"], [])
    errors = {name: entries[name]["error"] for name in strict["not_audited"]}
    other = sorted({f.get("rule") for e in entries.values() for f in e.get("findings", [])} - set(RULES))
    report = {"corpus": {"files": len(labels), "clean": sum(1 for v in labels.values() if not v),
                         "by_type": _by_type(labels)},
              "violation": strict, "violation_and_review": lenient, "not_audited": errors,
              "other_rules_reported": other}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    c = report["corpus"]
    print(f"documents benchmark: {c['files']} files ({c['clean']} clean); by type {c['by_type']}")
    print_table("findings of group 'violation'", strict)
    print_table("findings of group 'violation' or 'review'", lenient)
    print(f"\nnot audited ({len(errors)}): never counted as clean; a miss for each of their labelled rules")
    for name, why in errors.items():
        print(f"  {name}: {why}")
    print(f"\nmisses ({len(strict['misses'])}, group 'violation'):")
    for m in strict["misses"]:
        print(f"  {m['file']}  {m['rule']}  ({m['reason']}{'; ' + ', '.join(m['features']) if m['features'] else ''})")
    print(f"\nfalse alarms ({len(strict['false_alarms'])}, group 'violation'):")
    for m in strict["false_alarms"]:
        print(f"  {m['file']}  {m['rule']}  {m['evidence']}")
    extra = [m for m in lenient["false_alarms"] if m not in strict["false_alarms"]]
    if extra:
        print(f"\nfurther false alarms in group 'review' ({len(extra)}):")
        for m in extra:
            print(f"  {m['file']}  {m['rule']}  {m['evidence']}")
    if other:
        print(f"\nother rules reported (not scored): {', '.join(other)}")
    if stderr.strip() and len(errors) == len(labels):
        print(f"\nblindaje check stderr (tail):\n{stderr[-800:]}")
    return 0


def _by_type(labels: dict[str, set[str]]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for name, truth in labels.items():
        ext = name.rsplit(".", 1)[-1]
        ext = "jpg/png" if ext in ("jpg", "jpeg", "png") else ext
        row = out.setdefault(ext, {"clean": 0, "violating": 0})
        row["violating" if truth else "clean"] += 1
    return out


if __name__ == "__main__":
    sys.exit(main())
