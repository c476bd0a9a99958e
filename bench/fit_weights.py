"""Refit the matcher's logistic weights on labelled pairs from one generated corpus, and check them.

The weights in `converge.core.matching.scoring.FITTED` were produced by this script (`--c 0.3`): it builds
the generated corpus of one seed in memory (corpora/generate.py `plan_library`), scores every candidate
pair the matcher would consider, labels each pair from the corpus truth (same group = match), fits
`fit_weights`, and prints the weights to paste into scoring.py. It then checks them on another seed and
on the demo topic sources, beside the default weights.

    .venv/bin/python bench/fit_weights.py                 # fit on seed 3 (3 x 400), check on seed 23
    .venv/bin/python bench/fit_weights.py --fit-seed 3 --check-seed 23 --docs 400
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "core" / "matching"))

from synth import generated_library, topic_library  # noqa: E402

from converge.core.matching import MatchIndex, MatchSettings, pairwise_prf  # noqa: E402
from converge.core.matching.evaluate import near_miss_violations  # noqa: E402
from converge.core.matching.scoring import FITTED, Weights, fit_weights  # noqa: E402


def labelled_pairs(docs, truth, near) -> tuple[list[dict], list[bool]]:
    """Features of every candidate pair (plus every near-miss pair) and whether it is a true match."""
    group = {d: k for k, g in enumerate(truth) for d in g}
    index = MatchIndex(docs)
    ids = [p.doc_id for p in index.profiles]
    pairs = {(ids[i], ids[j]) for i, j in index.candidates()}
    pairs |= {(a, b) for a, b in near if index.trust_of[a] != index.trust_of[b]}
    rows, labels = [], []
    for a, b in sorted(pairs):
        rows.append(dict(index.score_pair(a, b).features))
        labels.append(group.get(a) == group.get(b))
    return rows, labels


def quality(docs, truth, near, weights: Weights) -> str:
    result = MatchIndex(docs, MatchSettings(weights=weights)).match()
    p, r, f = pairwise_prf(result.groups, truth)
    return (
        f"P {p:.3f} R {r:.3f} F1 {f:.3f} near-misses linked {len(near_miss_violations(result.groups, near))}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fit-seed", type=int, default=3)
    ap.add_argument("--check-seed", type=int, default=23)
    ap.add_argument("--docs", type=int, default=400, help="documents per trust")
    ap.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    args = ap.parse_args()
    docs, truth, near = generated_library(args.docs, args.fit_seed)
    rows, labels = labelled_pairs(docs, truth, near)
    fitted = fit_weights(rows, labels, c=args.c)
    print(f"fitted on seed {args.fit_seed}: {len(rows)} pairs, {sum(labels)} matches")
    print("weights = {")
    for name, w in fitted.weights.items():
        print(f'    "{name}": {w:.2f},')
    print(f"}}\nintercept = {fitted.intercept:.2f}")
    checks = {
        f"generated seed {args.check_seed}": generated_library(args.docs, args.check_seed),
        "demo topics": topic_library(),
    }
    for name, (d, t, n) in checks.items():
        print(f"{name:<22} defaults: {quality(d, t, n, Weights())}")
        print(f"{'':<22} FITTED:   {quality(d, t, n, FITTED)}")
        print(f"{'':<22} refit:    {quality(d, t, n, fitted)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
