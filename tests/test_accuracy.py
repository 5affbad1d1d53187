"""The labelled corpus (benchmarks/corpus): every rule keeps F1 >= 0.95 at page level."""
from __future__ import annotations

from benchmarks.accuracy import evaluate
from conftest import ROOT


def test_corpus_f1_per_rule():
    res = evaluate(ROOT / "benchmarks" / "corpus")
    assert res["pages"] >= 120
    for rule, c in res["counts"].items():
        precision = c["tp"] / max(c["tp"] + c["fp"], 1)
        recall = c["tp"] / max(c["tp"] + c["fn"], 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        assert c["tp"] >= 20, rule
        assert f1 >= 0.95, (rule, c)
