"""Benchmark the matcher: full re-match time and peak memory, growth with library size, one upload.

Documents are synthesised in memory from the demo topic texts (corpora/demo_src/topics) with rewording
and shuffling (tests/matching/synth.py `perturbed_library`), because parsing 9,000 files would measure the
parsers, not the matcher. Baselines (title fuzzy matching, whole-text TF-IDF) compare all pairs, as a
governance lead's spreadsheet or script would; their times are printed beside the matcher's.

    .venv/bin/python bench/match.py                 # 1,000 -> 3,000 -> 9,000 documents (3 x 3,000)
    .venv/bin/python bench/match.py --sizes 1000 3000 10000
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "matching"))

from synth import perturbed_library  # noqa: E402

from converge.matching import MatchIndex, pairwise_prf  # noqa: E402
from converge.matching.evaluate import tfidf_similarity_matrix, title_similarity_matrix  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn):
    gc.collect()
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w, time.process_time() - c


def truth_of(docs) -> list[set[str]]:
    groups: dict[str, set[str]] = {}
    for d in docs:
        groups.setdefault(d.source.path.rsplit("/", 1)[-1], set()).add(d.id)
    return list(groups.values())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 9000], help="library sizes")
    ap.add_argument("--uploads", type=int, default=20, help="new documents timed against the largest")
    ap.add_argument("--baseline-max", type=int, default=9000, help="largest size to run baselines on")
    args = ap.parse_args()

    print("synthetic library: demo topic texts re-worded per trust, 3 trusts (in memory, not parsed);")
    print("F1 here is on ~100 near-identical copies of each base text: a stress test, not a quality figure")
    print(
        f"{'docs':>6} {'index s':>8} {'match s':>8} {'total s':>8} {'cpu s':>7} {'ms/doc':>7} "
        f"{'pairs':>7} {'pairs/doc':>9} {'F1':>6} {'maxrss MB':>9} {'title-fuzzy s':>13} {'tfidf-all s':>11}"
    )
    rows = []
    index = docs = None
    for size in args.sizes:
        docs = perturbed_library(size // 3)
        index, t_index, c_index = timed(lambda d=docs: MatchIndex(d))
        result, t_match, c_match = timed(index.match)
        f1 = pairwise_prf(result.groups, truth_of(docs))[2]
        base_title = base_tfidf = float("nan")
        if size <= args.baseline_max:
            sim, base_title, _ = timed(lambda d=docs: title_similarity_matrix(d))
            del sim
            sim, base_tfidf, _ = timed(lambda d=docs: tfidf_similarity_matrix(d))
            del sim
        total = t_index + t_match
        rows.append((len(docs), total))
        print(
            f"{len(docs):>6} {t_index:>8.2f} {t_match:>8.2f} {total:>8.2f} {c_index + c_match:>7.2f} "
            f"{1000 * total / len(docs):>7.2f} {result.scored_pairs:>7} "
            f"{result.scored_pairs / len(docs):>9.1f} "
            f"{f1:>6.3f} {rss_mb():>9.0f} {base_title:>13.2f} {base_tfidf:>11.2f}"
        )
    for (n0, t0), (n1, t1) in zip(rows, rows[1:], strict=False):
        print(
            f"growth {n0} -> {n1}: size x{n1 / n0:.1f}, time x{t1 / t0:.1f} "
            f"(time per doc x{(t1 / n1) / (t0 / n0):.2f}; 1.0 = linear)"
        )

    assert index is not None and docs is not None
    uploads = docs[: args.uploads]
    times = []
    for d in uploads:
        _, w, _ = timed(lambda d=d: index.match_new(d))
        times.append(w)
    print(
        f"match_new on a library of {len(docs)}: mean {1000 * sum(times) / len(times):.0f} ms, "
        f"max {1000 * max(times):.0f} ms over {len(times)} uploads"
    )
    print("note: the machine's 2 cores are shared; wall times vary with load, CPU seconds less so")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
