"""The pipeline on the task queue: `converge match --full`, comparisons by two consumers, one upload.

    .venv/bin/python bench/pipeline.py                    # 3 x 1,000 then 3 x 3,000 stored documents
    .venv/bin/python bench/pipeline.py --sizes 300        # a quick run

For each size, on a copy of a SQLite database of generated documents stored through `store_document`
(built in memory, not parsed; cached in bench/.cache by bench/match.py's code):

1. `converge match --full --queue --no-wait` in a process of its own: match, save the groups and queue one
   comparison per group. Wall time, CPU time and peak RSS of that process.
2. Two `converge worker` processes take the comparisons from the queue (SQLite storage); the bench polls
   the jobs table and prints progress. Wall time until every comparison is done, CPU time of the consumers.
3. With the consumers still running (their library index built), a new organisation uploads one
   document (the text of a stored JPUH document, reworded a little), three times (three organisations,
   three source documents): time from its parse job finishing to its group proposed and compared, how
   long its match and compare jobs ran, and from the upload to done.

The ratio of the larger size's matching time to the smaller's is printed (the issue asks at most 3.6x
for 3 x 3,000 over 3 x 1,000). The machine's 2 cores may be shared: CPU seconds vary less than wall time.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from match import measured, stored_library  # noqa: E402 - bench/match.py: the cached library, timing

from converge.core.config import Settings  # noqa: E402


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def converge(*args: str, env: dict[str, str], log: Path | None = None) -> subprocess.Popen[bytes]:
    """A `converge` command; its standard error to `log` (a consumer logs every job: a pipe nobody reads
    would fill and stop it), else kept for the error message."""
    err = open(log, "ab") if log is not None else subprocess.PIPE  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [sys.executable, "-m", "converge", *args], env=env, stdout=subprocess.DEVNULL, stderr=err
    )


def phases(url: str, kind: str) -> dict[str, int]:
    from sqlalchemy import func, select

    from converge.store.models import Job
    from converge.store.session import make_engine, make_session_factory

    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            rows = session.execute(
                select(Job.phase, func.count()).where(Job.kind == kind).group_by(Job.phase)
            )
            return {p: int(n) for p, n in rows}
    finally:
        engine.dispose()


def reworded(factory, n: int) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The `n`th stored JPUH document's id, and its text reworded a little (Markdown)."""
    from sqlalchemy import select

    from converge.store.models import StoredDocument, Trust
    from converge.workflow.library import load_document

    with factory() as session:
        row = session.scalars(
            select(StoredDocument)
            .join(Trust)
            .where(Trust.code == "JPUH")
            .order_by(StoredDocument.id)
            .offset(n)
            .limit(1)
        ).one()
        doc = load_document(row)
        lines = [f"# {doc.title}", ""]
        for _, section in doc.walk():
            lines += [f"## {section.heading}", ""]
            lines += [b.text.replace(" must ", " should ", 1) for b in section.blocks] + [""]
        return row.id, "\n".join(lines)


def finished_jobs(factory, upload_id: str, t0: float) -> list:  # type: ignore[no-untyped-def]
    """The upload's jobs once all are finished (its matching, and the comparisons that follows)."""
    from sqlalchemy import select

    from converge.store.models import Job

    while True:
        with factory() as session:
            jobs = session.scalars(select(Job).where(Job.upload_id == upload_id)).all()
            if (
                jobs
                and all(j.phase in ("done", "failed") for j in jobs)
                and any(j.kind == "match" for j in jobs)
            ):
                return list(jobs)
        if time.time() - t0 > 300:
            raise SystemExit("the upload's jobs did not finish in 5 minutes")
        time.sleep(0.05)


def upload_one(url: str, queue: Settings, n: int) -> dict[str, float | str]:
    """A new organisation uploads one document (the `n`th JPUH document, reworded); when did its jobs
    finish, and how long did each run?"""
    from sqlalchemy import select

    from converge.store.models import MatchGroupRow, MatchMember, StoredDocument, Trust
    from converge.store.session import make_engine, make_session_factory
    from converge.workflow.taskqueue import enqueue
    from converge.workflow.uploads import start_upload

    engine = make_engine(url)
    factory = make_session_factory(engine)
    source, text = reworded(factory, n)
    with factory() as session, session.begin():
        upload, ids = start_upload(session, f"NEWORG{n}", "bench", [("policy.md", text.encode())])
        upload_id = upload.id
    t0 = time.time()
    enqueue(queue, ids)
    jobs = finished_jobs(factory, upload_id, t0)
    with factory() as session:
        new_id = session.scalar(select(StoredDocument.id).join(Trust).where(Trust.code == f"NEWORG{n}"))
        group = session.scalar(
            select(MatchGroupRow).join(MatchMember).where(MatchMember.document_id == new_id)
        )
        members = sorted(m.document_id for m in group.members) if group is not None else []
    engine.dispose()
    ran = {
        kind: sum((j.finished_at - j.started_at).total_seconds() for j in jobs if j.kind == kind)
        for kind in ("match", "compare")
    }
    return {
        "after_parse": max(j.finished_at for j in jobs).timestamp()
        - max(j.finished_at for j in jobs if j.kind == "parse").timestamp(),
        "match_ran": ran["match"],
        "compare_ran": ran["compare"],
        "total": max(j.finished_at for j in jobs).timestamp() - t0,
        "failed": sum(j.phase == "failed" for j in jobs),
        "joined": "with its source" if source in members else f"members {members}",
        "compares": sum(j.kind == "compare" for j in jobs),
    }


def compared(url: str, label: str, to_compare: int) -> dict[str, float]:
    """Wait for the consumers to compare every queued group, printing progress every 15 s."""
    start, last = time.perf_counter(), 0.0
    while True:
        found = phases(url, "compare")
        finished = found.get("done", 0) + found.get("failed", 0)
        if time.perf_counter() - last > 15:
            last = time.perf_counter()
            print(f"[{label}]   {finished:,} of {to_compare:,} compared ({last - start:.0f} s)", flush=True)
        if finished >= to_compare:
            break
        time.sleep(0.5)
    wall = time.perf_counter() - start
    print(
        f"[{label}] two consumers compared {to_compare:,} groups in {wall:.1f} s "
        f"({found.get('failed', 0)} failed)",
        flush=True,
    )
    return {"compare_wall": wall, "compare_failed": found.get("failed", 0)}


def uploads(url: str, queue: Settings, label: str) -> list[float]:
    """Three uploads, one after another; each one's time from its parse finishing to all done."""
    latencies = []
    for n in range(3):
        up = upload_one(url, queue, n)
        latencies.append(float(up["after_parse"]))
        print(
            f"[{label}] upload {n + 1} (new organisation, one document): proposed and compared "
            f"{up['after_parse']:.2f} s after its parse finished (match job ran "
            f"{up['match_ran']:.2f} s, compare {up['compare_ran']:.2f} s), "
            f"{up['total']:.2f} s from upload to done; "
            f"joined {up['joined']}; {up['compares']} comparison(s), {up['failed']} failed",
            flush=True,
        )
    return latencies


def one_size(per_trust: int, seed: int) -> dict[str, float]:
    db = stored_library(per_trust, seed)
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "bench.db"
        shutil.copyfile(db, copy)
        url = f"sqlite:///{copy}"
        queue = Settings(
            database_url=url, queue_url=f"sqlite:///{Path(tmp) / 'queue.db'}", queue_name="bench"
        )
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT / "src"),
            "CONVERGE_DATABASE_URL": url,
            "CONVERGE_QUEUE_URL": queue.queue_url,
            "CONVERGE_QUEUE_NAME": "bench",
        }
        label = f"3 x {per_trust:,}"
        out["match_wall"], out["match_cpu"], out["match_rss"], _ = measured(
            [sys.executable, "-m", "converge", "match", "--full", "--queue", "--no-wait"], env
        )
        to_compare = sum(phases(url, "compare").values())
        print(
            f"[{label}] converge match --full (match, save, queue {to_compare:,} comparisons): "
            f"{out['match_wall']:.1f} s wall, {out['match_cpu']:.1f} s CPU, "
            f"peak RSS {out['match_rss']:.0f} MB",
            flush=True,
        )
        cpu1 = children_cpu()
        workers = [converge("worker", env=env, log=Path(tmp) / f"worker{n}.log") for n in (1, 2)]
        try:
            out.update(compared(url, label, to_compare))
            out["upload_after_parse"] = max(uploads(url, queue, label))
        finally:
            for w in workers:
                w.terminate()
            for w in workers:
                w.wait(timeout=60)
        out["compare_cpu"] = children_cpu() - cpu1
        print(
            f"[{label}] consumers' CPU time (two processes, whole run): {out['compare_cpu']:.1f} s",
            flush=True,
        )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000], help="documents per trust")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--prepare", action="store_true", help="only build the cached stored libraries")
    args = ap.parse_args()
    if args.prepare:
        for n in args.sizes:
            print(stored_library(n, args.seed))
        return 0
    results = {n: one_size(n, args.seed) for n in args.sizes}
    if len(results) > 1:
        small, large = min(results), max(results)
        ratio = results[large]["match_wall"] / results[small]["match_wall"]
        cpu_ratio = results[large]["match_cpu"] / results[small]["match_cpu"]
        print(
            f"match --full, 3 x {large:,} over 3 x {small:,}: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU "
            f"(for {large / small:.1f}x the documents)"
        )
    for n, r in sorted(results.items()):
        print(
            f"3 x {n:,}: match --full {r['match_wall']:.1f} s wall / {r['match_cpu']:.1f} s CPU / "
            f"{r['match_rss']:.0f} MB; comparisons by two consumers {r['compare_wall']:.1f} s; "
            f"slowest of three uploads {r['upload_after_parse']:.2f} s after parse"
        )
    print("note: the machine's 2 cores are shared with other work; CPU seconds vary less than wall time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
