"""Precision, recall and F1 per rule on the labelled social-media corpus (benchmarks/social/), item by item.

Usage: python benchmarks/social.py [--corpus DIR] [--errors]

Each account's exports are imported with the corpus's configuration through the same functions as
`blindaje social import` (read, resolve threads, audit, store into a temporary data directory). An item counts as
flagged for a rule when any finding of that rule (violation or review) is on it. Items outside the veda are scored on
what would have been found, and checked separately to be listed as fuera de veda (skipped, no finding stored).
The malformed exports (malformed/) must each be refused by the command with exit 2, one line and nothing stored.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from click.testing import CliRunner  # noqa: E402

from blindaje.cli import cli  # noqa: E402
from blindaje.config import load_config  # noqa: E402
from blindaje.social_import import audit_posts, read_account, run_social_import  # noqa: E402

RULES = ["official-name", "official-image", "achievement-language", "propaganda", "media-review", "offensive-reply"]


def score(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "benchmarks" / "social")
    ap.add_argument("--errors", action="store_true", help="print every false positive and negative")
    args = ap.parse_args()
    corpus = args.corpus
    labels = yaml.safe_load((corpus / "labels.yaml").read_text("utf-8"))["items"]
    config = load_config(corpus / "config")
    exports: dict[str, list[str]] = defaultdict(list)
    for item in labels:
        if item["export"] not in exports[item["account"]]:
            exports[item["account"]].append(item["export"])
    counts = {r: Counter() for r in RULES}
    errors, listing, kinds = [], Counter(), Counter()
    now = dt.datetime.now().astimezone()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        found: dict[tuple[str, str], dict] = {}
        for account_name, files in exports.items():
            account = config.account(account_name)
            posts = read_account(config, account, [corpus / "exports" / f for f in files], None)
            audited = audit_posts(config, account, posts)
            outcome = run_social_import(config, data, account, list(posts), files, now=now)
            db = sqlite3.connect(data / "blindaje.db")
            stored = {u for (u,) in db.execute("select distinct url from findings where run_id = ?", [outcome.run_id])}
            listed = {u: (o, r) for u, o, r in db.execute(
                "select url, outcome, reason from pages where run_id = ?", [outcome.run_id])}
            db.close()
            for a in audited:
                found[(account_name, a.post.key)] = {
                    "rules": {f.rule for f in a.findings}, "in_veda": a.in_veda, "kind": a.post.kind,
                    "stored": a.post.url in stored, "listed": listed.get(a.post.url), "text": a.post.text,
                    "findings": [(f.rule, f.location, f.evidence) for f in a.findings]}
        missing = 0
        for item in labels:
            got = found.get((item["account"], str(item["key"])))
            if got is None:
                missing += 1
                errors.append(f"MISSING {item['account']} {item['key']}: not among the imported posts")
                continue
            expected = set(item.get("rules") or [])
            for rule in RULES:
                hit, want = rule in got["rules"], rule in expected
                counts[rule]["tp" if hit and want else "fp" if hit else "fn" if want else "tn"] += 1
                if hit != want:
                    errors.append(f"{'FP' if hit else 'FN'} {rule}: {item['account']} {item['key']} "
                                  f"({item.get('note') or ''}) {got['text'][:140]!r} {got['findings']}")
            kinds["reply" if got["kind"] == "reply" else "post", item["kind"]] += 1
            if got["in_veda"] != bool(item["veda"]):
                listing["veda decided wrongly"] += 1
                errors.append(f"VEDA {item['account']} {item['key']}: labelled {item['veda']}, found {got['in_veda']}")
            if not item["veda"]:
                ok = got["listed"] == ("skipped", "outside the blackout") and not got["stored"]
                listing["outside listed as fuera de veda" if ok else "outside NOT listed properly"] += 1
    print(f"{len(labels)} items ({sum(1 for i in labels if i['kind'] == 'reply')} replies), "
          f"{sum(1 for i in labels if not i['veda'])} outside the veda, {missing} not found")
    print(f"{'rule':22} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    worst = 1.0
    for rule in RULES:
        c = counts[rule]
        p, r, f1 = score(c["tp"], c["fp"], c["fn"])
        if c["tp"] + c["fn"]:
            worst = min(worst, f1)
        print(f"{rule:22} {p:6.3f} {r:6.3f} {f1:6.3f}  {c['tp']:3} {c['fp']:3} {c['fn']:3}")
    print("kind (found, labelled):", dict(kinds))
    print("veda:", dict(listing))
    malformed = corpus / "malformed"
    if malformed.is_dir():
        refused = 0
        files = sorted(p for p in malformed.iterdir() if p.name != "README.md")
        for p in files:
            with tempfile.TemporaryDirectory() as tmp:
                res = CliRunner().invoke(cli, ["social", "import", str(p), "--account",
                                               next(iter(exports)), "--config", str(corpus / "config"),
                                               "--data", tmp])
                ok = res.exit_code == 2 and len(res.output.strip().splitlines()) == 1 \
                    and not (Path(tmp) / "blindaje.db").exists()
                refused += ok
                print(f"malformed {p.name}: exit {res.exit_code}, {'refused' if ok else 'NOT REFUSED'}: "
                      f"{res.output.strip()[:160]}")
        print(f"malformed exports refused: {refused}/{len(files)}")
    if args.errors:
        print("\n".join(errors))
    print(f"lowest F1: {worst:.3f}")
    return 0 if worst >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
