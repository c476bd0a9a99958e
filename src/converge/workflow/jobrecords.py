"""A job is a row before it is anything else: creating queued job records.

Apart from converge.workflow.jobs (which runs jobs, and so imports every service a job calls) so that
any service may ask for work (an upload its parses, a draft its rebuild) without importing the runner.
The caller commits, then hands the ids to the task queue (converge.workflow.taskqueue.enqueue).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from converge.store.models import Job

KINDS = ("parse", "match", "compare", "draft")
FINISHED = ("done", "failed")
MAX_ATTEMPTS = 3  # a job whose consumer died this many times is failed, not queued again


def new_job(
    session: Session, kind: str, args: dict[str, Any], *, upload_id: str | None = None, actor: str = ""
) -> Job:
    """A queued job, in the caller's transaction; queue its id (taskqueue.enqueue) after commit."""
    if kind not in KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job(id=uuid.uuid4().hex, kind=kind, args=args, upload_id=upload_id, actor=actor, phase="queued")
    session.add(job)
    session.flush()
    return job


def new_jobs(
    session: Session,
    kind: str,
    args: Sequence[dict[str, Any]],
    *,
    upload_id: str | None = None,
    actor: str = "",
) -> list[str]:
    """Many queued jobs of one kind in one insert (a full re-match queues thousands of comparisons: a
    flush per job cost seconds); their ids, to queue after commit."""
    if kind not in KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    rows: list[dict[str, Any]] = [
        {
            "id": uuid.uuid4().hex,
            "kind": kind,
            "args": a,
            "upload_id": upload_id,
            "actor": actor,
            "phase": "queued",
        }
        for a in args
    ]
    if rows:
        session.execute(insert(Job), rows)
    return [str(r["id"]) for r in rows]
