"""Benchmark `converge match` as a user runs it, and the matcher alone.

Default: the real command's matching step (`propose_groups`: load every current document and people's
decisions from the database, match, save the groups) on a database of 3 x 3,000 stored generated documents,
in a fresh process, with wall time, CPU time and peak memory (RSS) of that process. `converge match` then
compares (diffs) every changed group and pre-renders its page: that phase is measured apart, for at most
`--compare-seconds`, and its whole cost extrapolated from the groups done (it is to move to a task queue).
Storing the 9,000 generated documents (built in memory, not parsed) is cached in bench/.cache.

    .venv/bin/python bench/match.py                      # stored 3 x 3,000: match and save, then compare
    .venv/bin/python bench/match.py --docs 1000 --compare-seconds 0
    .venv/bin/python bench/match.py --in-memory          # the matcher alone, 1,000 -> 9,000, and F1 tables

The in-memory benchmark (below) measures the matcher without the database:

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
sys.path.insert(0, str(ROOT / "tests" / "core" / "matching"))

from synth import generated_library, topic_library  # noqa: E402

from converge.core.matching import MatchIndex, pairwise_prf  # noqa: E402
from converge.core.matching.evaluate import (  # noqa: E402
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


CACHE = ROOT / "bench" / ".cache"


def stored_library(per_trust: int, seed: int) -> Path:
    """A SQLite database holding the generated library, stored through `store_document` (cached)."""
    from converge.store.migrate import upgrade
    from converge.store.session import make_engine, make_session_factory
    from converge.workflow.library import get_or_create_trust, store_document

    db = CACHE / f"match-stored-{per_trust}x3-seed{seed}.db"
    if db.exists():
        return db
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = db.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    url = f"sqlite:///{tmp}"
    upgrade(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    docs, _, _ = generated_library(per_trust, seed)
    with factory() as session, session.begin():
        trusts = {code: get_or_create_trust(session, code) for code in sorted({d.trust for d in docs})}
        for d in docs:
            store_document(session, trusts[d.trust], d, None)
    engine.dispose()
    tmp.rename(db)
    return db


def stored_run(db: Path, compare_seconds: float) -> None:
    """Child process: the real matching step on a copy of the stored library, then the comparison phase."""
    import shutil
    import tempfile

    from converge.store.migrate import upgrade
    from converge.store.session import make_engine, make_session_factory
    from converge.workflow.groups import propose_groups, summarise_stale_groups

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "bench.db"
        shutil.copyfile(db, copy)
        url = f"sqlite:///{copy}"
        upgrade(url)
        factory = make_session_factory(make_engine(url))
        gc.collect()
        before = rss_mb()
        w, c = time.perf_counter(), time.process_time()
        with factory() as session, session.begin():
            result, summary = propose_groups(session)
        t_match, c_match = time.perf_counter() - w, time.process_time() - c
        peak_match = rss_mb()
        out = {
            "docs": sum(len(g.members) for g in result.groups),
            "groups": len(result.groups),
            "multi": sum(1 for g in result.groups if len(g.members) > 1),
            "pairs": result.scored_pairs,
            "created": summary.created,
            "t_match": t_match,
            "cpu_match": c_match,
            "rss_before": before,
            "rss_peak_match": peak_match,
        }
        done = [0, 0]
        setup = [0.0]

        class Budget(Exception):
            pass

        def progress(n: int, total: int) -> None:
            now = time.perf_counter()
            if not setup[0]:
                setup[0] = now  # groups loaded and fingerprinted: the diffs start here
            done[:] = [n, total]
            if n and now - setup[0] > compare_seconds:
                raise Budget

        start = time.perf_counter()
        if compare_seconds > 0:
            try:
                with factory() as session, session.begin():
                    summarise_stale_groups(session, progress)
            except Budget:
                pass
        end = time.perf_counter()
        out.update(
            t_compare_setup=(setup[0] or end) - start,
            t_compare=end - (setup[0] or end),
            compared=done[0],
            to_compare=done[1],
            rss_peak_compare=rss_mb(),
        )
    print(json.dumps(out))


def stored_main(args: argparse.Namespace) -> int:
    db = stored_library(args.docs, args.seed)
    print(f"stored generated library: {db.name} (seed {args.seed}, 3 trusts x {args.docs})")
    proc = subprocess.run(
        [sys.executable, __file__, "--run-stored", str(db), "--compare-seconds", str(args.compare_seconds)],
        capture_output=True,
        text=True,
        check=True,
    )
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    print(
        f"converge match, matching step (load documents and decisions from the database, match, save): "
        f"{r['t_match']:.1f} s wall, {r['cpu_match']:.1f} s CPU, peak RSS {r['rss_peak_match']:.0f} MB "
        f"({r['rss_before']:.0f} MB before); {r['docs']} documents, {r['pairs']} pairs scored, "
        f"{r['groups']} groups ({r['multi']} with two or more documents), {r['created']} saved"
    )
    if r["to_compare"]:
        per = r["t_compare"] / max(1, r["compared"])
        print(
            f"converge match, comparison step (diff each changed group, measured apart): "
            f"{r['t_compare_setup']:.1f} s to load the groups, then "
            f"{r['compared']} of {r['to_compare']} groups in {r['t_compare']:.1f} s "
            f"({per:.2f} s per group, about {per * r['to_compare'] / 60:.0f} min for all), "
            f"peak RSS {r['rss_peak_compare']:.0f} MB"
        )
    print("note: the machine's 2 cores are shared; wall times vary with load, CPU seconds less so")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=3000, help="stored documents per trust")
    ap.add_argument(
        "--compare-seconds", type=float, default=120.0, help="time allowed to the comparison step"
    )
    ap.add_argument("--in-memory", action="store_true", help="benchmark the matcher alone (no database)")
    ap.add_argument("--run-stored", type=Path, help=argparse.SUPPRESS)
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
    if args.run_stored:
        stored_run(args.run_stored, args.compare_seconds)
        return 0
    if not args.in_memory:
        return stored_main(args)

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
