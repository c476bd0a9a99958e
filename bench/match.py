"""Benchmark the matcher: full re-match time and peak memory, growth with library size, one upload.

Libraries come from the scale generator (corpora/generate.py `plan_library`), built in memory, because
parsing 9,000 files would measure the parsers, not the matcher. Each size runs in its own process, so the
matcher's peak memory is that process's peak RSS, and the growth over the library alone (RSS once the
documents are built) is shown beside it; baselines run afterwards in the parent. Baselines (title fuzzy
matching, whole-text TF-IDF) compare all pairs, as a governance lead's spreadsheet or script would; their
times are printed beside the matcher's. Then the F1 table
(Converge and both baselines, baselines at their best threshold) on the demo topics and an unseen seed.

    .venv/bin/python bench/match.py                 # 1,000 -> 3,000 -> 9,000 documents (3 x 3,000)
    .venv/bin/python bench/match.py --sizes 1000 3000 10000 --seed 11
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "matching"))

from synth import generated_library, topic_library  # noqa: E402

from converge.matching import MatchIndex, pairwise_prf  # noqa: E402
from converge.matching.evaluate import (  # noqa: E402
    compare,
    format_rows,
    tfidf_similarity_matrix,
    title_similarity_matrix,
)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn):
    gc.collect()
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w, time.process_time() - c


def one_size(size: int, seed: int) -> None:
    """Child process: build the library, then index and match it; print the figures as JSON."""
    docs, truth, _ = generated_library(size // 3, seed)
    gc.collect()
    before = rss_mb()
    index, t_index, c_index = timed(lambda: MatchIndex(docs))
    result, t_match, c_match = timed(index.match)
    out = {
        "docs": len(docs),
        "t_index": t_index,
        "t_match": t_match,
        "cpu": c_index + c_match,
        "pairs": result.scored_pairs,
        "f1": pairwise_prf(result.groups, truth)[2],
        "rss_library": before,
        "rss_peak": rss_mb(),
    }
    print(json.dumps(out))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 9000], help="library sizes")
    ap.add_argument("--seed", type=int, default=11, help="generator seed (not used in tuning)")
    ap.add_argument("--uploads", type=int, default=20, help="new documents timed against the largest")
    ap.add_argument("--baseline-max", type=int, default=3000, help="largest size to time baselines on")
    ap.add_argument("--quality-docs", type=int, default=300, help="documents per trust for the F1 table")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        one_size(args.one, args.seed)
        return 0

    print(
        f"generated library, seed {args.seed}, 3 trusts, built in memory (not parsed); one process per size"
    )
    print(
        f"{'docs':>6} {'index s':>8} {'match s':>8} {'total s':>8} {'cpu s':>7} {'ms/doc':>7} "
        f"{'pairs/doc':>9} {'F1':>6} {'lib MB':>7} {'peak MB':>8} {'title-fuzzy s':>13} {'tfidf-all s':>11}"
    )
    rows = []
    for size in args.sizes:
        proc = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--seed", str(args.seed)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        base_title = base_tfidf = float("nan")
        if size <= args.baseline_max:
            docs, _, _ = generated_library(size // 3, args.seed)
            sim, base_title, _ = timed(lambda d=docs: title_similarity_matrix(d))
            del sim
            sim, base_tfidf, _ = timed(lambda d=docs: tfidf_similarity_matrix(d))
            del sim, docs
        total = r["t_index"] + r["t_match"]
        rows.append((r["docs"], total))
        print(
            f"{r['docs']:>6} {r['t_index']:>8.2f} {r['t_match']:>8.2f} {total:>8.2f} {r['cpu']:>7.2f} "
            f"{1000 * total / r['docs']:>7.2f} {r['pairs'] / r['docs']:>9.1f} {r['f1']:>6.3f} "
            f"{r['rss_library']:>7.0f} {r['rss_peak']:>8.0f} {base_title:>13.2f} {base_tfidf:>11.2f}",
            flush=True,
        )
    for (n0, t0), (n1, t1) in zip(rows, rows[1:], strict=False):
        print(
            f"growth {n0} -> {n1}: size x{n1 / n0:.1f}, time x{t1 / t0:.1f} "
            f"(time per doc x{(t1 / n1) / (t0 / n0):.2f}; 1.0 = linear)"
        )
    docs, _, _ = generated_library(args.sizes[-1] // 3, args.seed)
    index = MatchIndex(docs)
    times = []
    for d in docs[: args.uploads]:
        _, w, _ = timed(lambda d=d: index.match_new(d))
        times.append(w)
    print(
        f"match_new on a library of {len(docs)}: mean {1000 * sum(times) / len(times):.0f} ms, "
        f"max {1000 * max(times):.0f} ms over {len(times)} uploads"
    )

    for name, lib in (
        ("demo topics (corpora/demo_src, in memory)", topic_library()),
        (
            f"generated seed {args.seed}, 3 x {args.quality_docs}",
            generated_library(args.quality_docs, args.seed),
        ),
    ):
        print(f"\nF1 on {name}: {len(lib[0])} documents, {len(lib[2])} near-miss pairs")
        print(format_rows(compare(*lib)))
    print("note: the machine's 2 cores are shared; wall times vary with load, CPU seconds less so")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
