"""Benchmark `converge match --full` as a user runs it, and the matcher alone.

Default: the real command, `converge match --full --queue --no-wait` (load every current document and
people's decisions from the database, match, save the groups, queue one comparison per changed group for
the consumers), in a process of its own on a fresh copy of a SQLite database of 3 x 1,000 and 3 x 3,000
stored generated documents: wall time, CPU time and peak memory (RSS) of that process. Beside it, in
another process on the same database, the baseline: the matcher alone on the same documents (load them,
index, match; nothing saved), so the ratio shows what reading and writing the database adds. Storing the
generated documents (built in memory, not parsed) is cached in bench/.cache. Comparisons by consumers
and an upload's latency are in bench/pipeline.py.

    .venv/bin/python bench/match.py                      # 3 x 1,000 and 3 x 3,000 stored documents
    .venv/bin/python bench/match.py --docs 300           # a quick run
    .venv/bin/python bench/match.py --postgres postgresql+psycopg://user@127.0.0.1:5432/db
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
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
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
    """A SQLite database holding the generated library, stored through `store_document` (cached).

    Cached under the schema's head and the version of the text features stored with each document
    (workflow.features): a database stored by other code is not reused, as a full match would derive
    every document's features again, not what a library ingested by this code costs."""
    from alembic.script import ScriptDirectory

    from converge.store.migrate import alembic_config, upgrade
    from converge.store.session import make_engine, make_session_factory
    from converge.workflow.features import features_version
    from converge.workflow.library import get_or_create_trust, store_document

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    db = CACHE / f"match-stored-{per_trust}x3-seed{seed}-{head}-{features_version()[:8]}.db"
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


def measured(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float, str]:
    """Run a command; its wall time, CPU time (user + system), peak RSS in MB (its own, not the largest
    child's so far) and standard output. Raises on failure, with its standard error."""
    import os
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{err.read().decode()}")
        return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read().decode()


def matcher_alone(url: str) -> None:
    """Child process (the baseline): load the current documents from the database (their stored text
    features, as the command does), index and match them; nothing is saved. Prints the load and match
    times as JSON."""
    from converge.store.session import make_engine, make_session_factory
    from converge.workflow.features import current_features
    from converge.workflow.groups import load_decisions

    factory = make_session_factory(make_engine(url))
    with factory() as session:
        (docs, decisions), t_load, c_load = timed(
            lambda: (current_features(session), load_decisions(session))
        )
    result, t_match, c_match = timed(lambda: MatchIndex(docs).match(decisions))
    print(json.dumps({"t_load": t_load, "c_load": c_load, "t_match": t_match, "c_match": c_match}))


@contextmanager
def library_copy(db: Path, tmp: Path, postgres: str | None) -> Iterator[str]:
    """A fresh copy of the cached SQLite library: a file beside it, or a PostgreSQL schema of its own
    (trusts and documents copied row for row, dropped afterwards). Yields its database URL."""
    import shutil

    if not postgres:
        copy = tmp / "bench.db"
        shutil.copyfile(db, copy)
        yield f"sqlite:///{copy}"
        return
    from sqlalchemy import MetaData, create_engine, insert, select, text

    from converge.store.migrate import upgrade

    schema = f"bench_match_{os.getpid()}_{int(time.time())}"
    admin = create_engine(postgres)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{postgres}{'&' if '?' in postgres else '?'}options=-csearch_path%3D{schema}"
    try:
        upgrade(url)
        src, dst = create_engine(f"sqlite:///{db}"), create_engine(url)
        tables = ["trusts", "documents"]
        (from_meta := MetaData()).reflect(src, only=tables)
        (to_meta := MetaData()).reflect(dst, only=tables)
        with src.connect() as read, dst.begin() as write:
            for name in tables:
                rows = [dict(r._mapping) for r in read.execute(select(from_meta.tables[name]))]
                for s in range(0, len(rows), 500):
                    write.execute(insert(to_meta.tables[name]), rows[s : s + 500])
            write.execute(
                text("select setval(pg_get_serial_sequence('trusts', 'id'), (select max(id) from trusts))")
            )
        src.dispose()
        dst.dispose()
        yield url
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def stored_size(per_trust: int, seed: int, postgres: str | None = None) -> dict[str, float]:
    """The real command and the matcher alone on fresh copies of the stored library; figures printed."""
    import tempfile

    db = stored_library(per_trust, seed)
    label = f"3 x {per_trust:,}, {'PostgreSQL' if postgres else 'SQLite'}"
    with tempfile.TemporaryDirectory() as tmp, library_copy(db, Path(tmp), postgres) as url:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT / "src"),
            "CONVERGE_DATABASE_URL": url,
            "CONVERGE_QUEUE_URL": f"sqlite:///{Path(tmp) / 'queue.db'}",
            "CONVERGE_QUEUE_NAME": "bench",
        }
        wall, cpu, rss, _ = measured(
            [sys.executable, "-m", "converge", "match", "--full", "--queue", "--no-wait"], env
        )
        groups, queued = stored_counts(url)
        print(
            f"[{label}] converge match --full (load, match, save {groups:,} groups, queue {queued:,} "
            f"comparisons): {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS {rss:.0f} MB",
            flush=True,
        )
        # The baseline reads the same documents; the groups just saved are proposals, not decisions.
        b_wall, b_cpu, b_rss, out = measured([sys.executable, __file__, "--matcher-alone", url], env)
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"[{label}] baseline, the matcher alone (load {r['t_load']:.1f} s, index and match "
            f"{r['t_match']:.1f} s; nothing saved): {b_wall:.1f} s wall, {b_cpu:.1f} s CPU, peak RSS "
            f"{b_rss:.0f} MB; the command takes {wall / b_wall:.2f}x its wall, {cpu / b_cpu:.2f}x its CPU",
            flush=True,
        )
    return {"wall": wall, "cpu": cpu, "rss": rss}


def stored_counts(url: str) -> tuple[int, int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        groups = conn.scalar(text("select count(*) from match_groups where status != 'superseded'"))
        queued = conn.scalar(text("select count(*) from jobs where kind = 'compare'"))
    engine.dispose()
    return int(groups or 0), int(queued or 0)


def stored_main(args: argparse.Namespace) -> int:
    print(f"stored generated libraries (seed {args.seed}, built in memory, stored through store_document)")
    results = {n: stored_size(n, args.seed, args.postgres) for n in args.docs}
    if len(results) > 1:
        small, large = min(results), max(results)
        print(
            f"converge match --full, 3 x {large:,} over 3 x {small:,} ({large / small:.1f}x the documents): "
            f"{results[large]['wall'] / results[small]['wall']:.2f}x wall, "
            f"{results[large]['cpu'] / results[small]['cpu']:.2f}x CPU, "
            f"{results[large]['rss'] / results[small]['rss']:.2f}x peak RSS"
        )
    print("note: the machine's 2 cores are shared; wall times vary with load, CPU seconds less so")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[1000, 3000], help="stored documents per trust")
    ap.add_argument("--in-memory", action="store_true", help="benchmark the matcher alone (no database)")
    ap.add_argument(
        "--postgres",
        metavar="URL",
        help="run on a PostgreSQL server (a schema of its own, dropped afterwards), not SQLite: "
        "postgresql+psycopg://user@127.0.0.1:5432/db",
    )
    ap.add_argument("--matcher-alone", help=argparse.SUPPRESS)
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
    if args.matcher_alone:
        matcher_alone(args.matcher_alone)
        return 0
    if not args.in_memory:
        return stored_main(args)
    return in_memory_main(args)


def in_memory_main(args: argparse.Namespace) -> int:
    """The matcher alone on generated libraries built in memory: growth, baselines, upload matching, F1."""
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
