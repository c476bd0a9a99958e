"""Fit the matcher's weights on real documents' even-numbered truth groups; report on the odd ones.

Reads the scratch database that `converge eval --truth T --cache bench/.cache` left (the documents as the
real ingest stored them), scores every candidate pair the matcher considers plus every labelled pair,
labels each from the truth (same truth group = match; pairs touching only the odd half are never seen),
fits `fit_weights` and prints the weights and the grouping figures of both halves with the default and the
refitted weights. The figures to quote come from `converge eval`, which runs the real command path.

    .venv/bin/python bench/fit_real.py --truth ../shared/realdev/truth.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from converge.core.config import Settings
from converge.core.matching import MatchIndex, MatchSettings
from converge.core.matching.evaluate import score_grouping
from converge.core.matching.scoring import Weights, fit_weights
from converge.store.models import StoredDocument
from converge.workflow.evaluation import _cache_key, _halves, _open_store
from converge.workflow.library import current_documents

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "core" / "matching"))


def load(truth_path: Path, cache: Path, db: Path | None = None):  # type: ignore[no-untyped-def]
    truth = json.loads(truth_path.read_text())
    db = db or cache / f"eval-{_cache_key(truth, truth_path.parent)}.db"
    if not db.exists():
        sys.exit(f"no cached database {db}: run `converge eval --truth {truth_path} --cache {cache}` first")
    factory = _open_store(Settings(database_url=f"sqlite:///{db}"))
    with factory() as session:
        docs = current_documents(session)
        key_of = {r.id: r.source_path for r in session.query(StoredDocument)}
    return truth, docs, key_of


def figures(truth, docs, key_of, settings: MatchSettings) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    result = MatchIndex(docs, settings).match()
    groups = [[key_of[m] for m in g.members] for g in result.groups]
    library_of = {key_of[d.id]: d.trust for d in docs}
    tg = [[p for ps in g["members"].values() for p in ps if p in library_of] for g in truth["groups"]]
    near = [(n["a"], n["b"]) for n in truth["near_misses"] if n["a"] in library_of and n["b"] in library_of]
    out = {"all": score_grouping(groups, tg, near, library_of)}
    for half, keys in _halves(truth, library_of).items():
        out[half] = score_grouping(groups, tg, near, library_of, subset=keys)
    return out


def labelled_pairs(truth, docs, key_of, half: str = "even"):  # type: ignore[no-untyped-def]
    """Features and labels of candidate and labelled pairs that touch only the `half` groups' documents,
    or documents in no group (distractors), so the other half stays unseen."""
    library_of = {key_of[d.id]: d.trust for d in docs}
    halves = _halves(truth, library_of)
    hidden = set().union(*(v for k, v in halves.items() if k != half))
    group = {p: g["id"] for g in truth["groups"] for ps in g["members"].values() for p in ps}
    index = MatchIndex(docs)
    ids = [p.doc_id for p in index.profiles]
    id_of = {key_of[i]: i for i in ids}
    pairs = {(ids[i], ids[j]) for i, j in index.candidates()}
    for g in truth["groups"]:
        keys = [id_of[p] for ps in g["members"].values() for p in ps if p in id_of]
        pairs |= {(a, b) for a in keys for b in keys if a < b}
    pairs |= {
        (id_of[n["a"]], id_of[n["b"]]) for n in truth["near_misses"] if n["a"] in id_of and n["b"] in id_of
    }
    rows, labels = [], []
    for a, b in sorted(pairs):
        ka, kb = key_of[a], key_of[b]
        if index.trust_of[a] == index.trust_of[b] or ka in hidden or kb in hidden:
            continue
        rows.append(dict(index.score_pair(a, b).features))
        labels.append(group.get(ka) is not None and group.get(ka) == group.get(kb))
    return rows, labels


def check_synthetic(weights: Weights, seed: int = 11) -> str:
    """F1 and near misses linked on the demo topics and a generated 3 x 300 library, in memory."""
    from synth import generated_library, topic_library

    from converge.core.matching import pairwise_prf
    from converge.core.matching.evaluate import near_miss_violations

    out = []
    for name, (docs, truth, near) in (
        ("demo topics", topic_library()),
        (f"generated 3x300 seed {seed}", generated_library(300, seed)),
    ):
        groups = MatchIndex(docs, MatchSettings(weights=weights)).match().groups
        p, r, f = pairwise_prf(groups, truth)
        out.append(f"{name}: P {p:.3f} R {r:.3f} F1 {f:.3f} near {len(near_miss_violations(groups, near))}")
    return "; ".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--truth", type=Path, default=ROOT.parent / "shared" / "realdev" / "truth.json")
    ap.add_argument("--cache", type=Path, default=ROOT / "bench" / ".cache")
    ap.add_argument("--db", type=Path, help="an ingested SQLite database to read instead of the cache")
    ap.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    ap.add_argument("--fit", action="store_true", help="fit weights on the even half")
    ap.add_argument("--prior", action="store_true", help="fit with the true class balance (not balanced)")
    ap.add_argument("--check", action="store_true", help="also score the demo topics and a generated library")
    args = ap.parse_args()
    truth, docs, key_of = load(args.truth, args.cache, args.db)
    candidates = {} if args.fit else {"defaults": Weights()}
    if args.fit:
        rows, labels = labelled_pairs(truth, docs, key_of)
        fitted = fit_weights(rows, labels, balanced=not args.prior, c=args.c)
        print(f"fitted on the even half: {len(rows)} pairs, {sum(labels)} matches")
        for name, w in fitted.weights.items():
            print(f'    "{name}": {w:.2f},')
        print(f"    intercept = {fitted.intercept:.2f}")
        candidates["refit"] = fitted
    for name, weights in candidates.items():
        for half, s in figures(truth, docs, key_of, MatchSettings(weights=weights)).items():
            print(
                f"{name:<9}{half:<5} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} "
                f"near {s['near_misses_linked']} found {s['groups_found']}/{s['groups_total']}"
            )
        if args.check:
            print(f"{name:<9}{check_synthetic(weights)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
