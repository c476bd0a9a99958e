"""The pipeline on the task queue: `converge match --full`, comparisons by two consumers, one upload.

    .venv/bin/python bench/pipeline.py                    # 3 x 1,000 then 3 x 3,000 stored documents
    .venv/bin/python bench/pipeline.py --sizes 300        # a quick run

For each size, on a copy of a SQLite database of generated documents stored through `store_document`
(built in memory, not parsed; cached in bench/.cache by bench/match.py's code):

1. `converge match --full --queue --no-wait` in a process of its own: match, save the groups and queue one
   comparison per group. Wall time, CPU time and peak RSS of that process.
2. Two `converge worker` processes take the comparisons from the queue (SQLite storage); the bench polls
   the jobs table and prints progress. Wall time until every comparison is done, CPU time of the consumers.
3. With the consumers still running (their library index built), one new organisation uploads one
   document (the text of a stored JPUH document, reworded a little): time from its parse job finishing to
   its group proposed and compared, and from the upload to done.

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

from match import stored_library  # noqa: E402 - bench/match.py: the cached stored library

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


def upload_one(url: str, queue: Settings) -> dict[str, float | str]:
    """A new organisation uploads one document; when did its jobs finish?"""
    from sqlalchemy import select

    from converge.store.models import Job, MatchGroupRow, MatchMember, StoredDocument, Trust
    from converge.store.session import make_engine, make_session_factory
    from converge.workflow.library import load_document
    from converge.workflow.taskqueue import enqueue
    from converge.workflow.uploads import start_upload

    engine = make_engine(url)
    factory = make_session_factory(engine)
    with factory() as session:
        row = session.scalars(
            select(StoredDocument)
            .join(Trust)
            .where(Trust.code == "JPUH")
            .order_by(StoredDocument.id)
            .limit(1)
        ).one()
        doc = load_document(row)
        lines = [f"# {doc.title}", ""]
        for _, section in doc.walk():
            lines += [f"## {section.heading}", ""]
            lines += [b.text.replace(" must ", " should ", 1) for b in section.blocks] + [""]
        source = row.id
    with factory() as session, session.begin():
        upload, ids = start_upload(session, "NEWORG", "bench", [("policy.md", "\n".join(lines).encode())])
        upload_id = upload.id
    t0 = time.time()
    enqueue(queue, ids)
    while True:
        with factory() as session:
            jobs = session.scalars(select(Job).where(Job.upload_id == upload_id)).all()
            if (
                jobs
                and all(j.phase in ("done", "failed") for j in jobs)
                and any(j.kind == "match" for j in jobs)
            ):
                break
        if time.time() - t0 > 300:
            raise SystemExit("the upload's jobs did not finish in 5 minutes")
        time.sleep(0.05)
    parsed = max(j.finished_at for j in jobs if j.kind == "parse").timestamp()
    finished = max(j.finished_at for j in jobs).timestamp()
    with factory() as session:
        new_id = session.scalar(select(StoredDocument.id).join(Trust).where(Trust.code == "NEWORG"))
        group = session.scalar(
            select(MatchGroupRow).join(MatchMember).where(MatchMember.document_id == new_id)
        )
        members = sorted(m.document_id for m in group.members) if group is not None else []
    engine.dispose()
    return {
        "after_parse": finished - parsed,
        "total": finished - t0,
        "failed": sum(j.phase == "failed" for j in jobs),
        "joined": "with its source" if source in members else f"members {members}",
        "compares": sum(j.kind == "compare" for j in jobs),
    }


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
        cpu0, w0 = children_cpu(), time.perf_counter()
        match = converge("match", "--full", "--queue", "--no-wait", env=env)
        _, err = match.communicate()
        if match.returncode:
            raise SystemExit(err.decode())
        out["match_wall"] = time.perf_counter() - w0
        out["match_cpu"] = children_cpu() - cpu0
        out["match_rss"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        to_compare = sum(phases(url, "compare").values())
        print(
            f"[{label}] converge match --full (match, save, queue {to_compare:,} comparisons): "
            f"{out['match_wall']:.1f} s wall, {out['match_cpu']:.1f} s CPU, "
            f"peak RSS {out['match_rss']:.0f} MB",
            flush=True,
        )
        cpu1, w1 = children_cpu(), time.perf_counter()
        logs = Path(tmp)
        workers = [converge("worker", env=env, log=logs / f"worker{n}.log") for n in (1, 2)]
        last = 0.0
        try:
            while True:
                found = phases(url, "compare")
                finished = found.get("done", 0) + found.get("failed", 0)
                if time.perf_counter() - last > 15:
                    last = time.perf_counter()
                    print(
                        f"[{label}]   {finished:,} of {to_compare:,} compared ({last - w1:.0f} s)", flush=True
                    )
                if finished >= to_compare:
                    break
                time.sleep(0.5)
            out["compare_wall"] = time.perf_counter() - w1
            out["compare_failed"] = found.get("failed", 0)
            print(
                f"[{label}] two consumers compared {to_compare:,} groups in {out['compare_wall']:.1f} s "
                f"({out['compare_failed']} failed)",
                flush=True,
            )
            up = upload_one(url, queue)
            out["upload_after_parse"] = float(up["after_parse"])
            print(
                f"[{label}] one upload (new organisation, one document): proposed and compared "
                f"{up['after_parse']:.2f} s after its parse finished, "
                f"{up['total']:.2f} s from upload to done; "
                f"joined {up['joined']}; {up['compares']} comparison(s), {up['failed']} failed",
                flush=True,
            )
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
    print("note: the machine's 2 cores are shared with other work; CPU seconds vary less than wall time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
