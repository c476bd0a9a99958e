"""Uploads from the web UI: the files are kept in the database and handed to queue consumers as jobs.

One parse job per uploaded file (converge.workflow.jobs), then the matching of the documents they stored, then
the comparison of each group that changed; the upload's page follows those jobs. Every file is parsed by a
consumer, in a process of its own under the parsing limits (converge.core.sandbox), never in the web process.
Uploads from before the task queue recorded the process that ran them: one whose process has gone shows as
"interrupted" (`job_phase`). Domain code: no Flask here."""

from __future__ import annotations

import logging
import socket
import uuid
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from converge.store.models import Job, Trust, UploadFile, UploadJob
from converge.workflow.jobrecords import new_job
from converge.workflow.library import get_or_create_trust

log = logging.getLogger(__name__)
FINISHED = ("done", "failed", "interrupted")
RETRIED = "queued again: the consumer running it stopped"
INTERRUPTED = (
    "The server restarted while this upload was being processed. The files listed were stored; upload "
    "the others again (files already held are reported unchanged)."
)


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return "-"


def process_identity(pid: int) -> str | None:
    """Host, boot, pid and start time of a live process (None if it is gone): unique even when pids are
    reused, as they are when a container restarts. Without /proc (not Linux) the start time is unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        started = stat.rsplit(")", 1)[1].split()[19]  # field 22, counted after the command name
    except FileNotFoundError:
        return None
    except (OSError, IndexError):
        started = "-"
    return f"{socket.gethostname()}|{_boot_id()}|{pid}|{started}"


def runner_is_gone(runner: str | None) -> bool:
    """True when the process that ran a job is known to have ended; False when alive or unknowable."""
    if not runner:
        return False
    host, boot, pid, started = (runner.split("|") + ["", "", "", ""])[:4]
    if host != socket.gethostname() or started == "-" or not pid.isdigit():
        return False  # another machine's worker, or no /proc: cannot tell
    if boot != _boot_id():
        return True
    return process_identity(int(pid)) != runner


def job_phase(job: UploadJob) -> tuple[str, str]:
    """The phase and message to show: as recorded, or "interrupted" when its process has gone."""
    if job.phase not in FINISHED and runner_is_gone(job.runner):
        return "interrupted", INTERRUPTED
    return job.phase, job.message


def start_upload(
    session: Session, trust_code: str, actor: str, files: Sequence[tuple[str, bytes]]
) -> tuple[UploadJob, list[str]]:
    """Record an upload of `files` (name as given, bytes) and a parse job for each; returns the upload
    and the job ids to queue once the caller has committed."""
    trust = session.query(Trust).filter_by(code=trust_code.upper()).one_or_none() or get_or_create_trust(
        session, trust_code
    )
    upload = UploadJob(
        id=uuid.uuid4().hex, trust_id=trust.id, actor=actor, phase="queued", total=len(files), results=[]
    )
    session.add(upload)
    session.flush()
    ids = []
    for name, data in files:
        row = UploadFile(upload_id=upload.id, name=name[:300], data=data)
        session.add(row)
        session.flush()
        job = new_job(
            session, "parse", {"file": row.id, "trust": trust.code}, upload_id=upload.id, actor=actor
        )
        ids.append(job.id)
    return upload, ids


def upload_progress(session: Session, upload: UploadJob) -> tuple[str, str]:
    """The upload's phase and message, from its jobs: parsing, matching, comparing (n of m groups), done,
    or failed with the first failed job's reason."""
    jobs = session.execute(
        select(Job.kind, Job.phase, Job.message).where(Job.upload_id == upload.id).order_by(Job.created_at)
    ).all()
    if not jobs:
        return job_phase(upload)
    failed = [(kind, message) for kind, phase, message in jobs if phase == "failed"]
    if failed:
        kind, message = failed[0]
        return "failed", f"{kind} job failed: {message}; an administrator can retry it on the jobs page"
    for kind, label in (("parse", "parsing"), ("match", "matching")):
        if any(k == kind and p not in FINISHED for k, p, _ in jobs):
            retried = any(k == kind and m == RETRIED for k, _, m in jobs)
            return label, "a consumer stopped; its job was queued again" if retried else ""
    compares = [p for k, p, _ in jobs if k == "compare"]
    if not any(k == "match" for k, _, _ in jobs):
        return "parsing", ""
    if any(p not in FINISHED for p in compares):
        done = sum(1 for p in compares if p in FINISHED)
        return "comparing", f"{done} of {len(compares)} groups compared"
    return "done", ""


def job_json(job: UploadJob, session: Session | None = None) -> dict[str, object]:
    """What the upload page polls: phase, files parsed of uploaded, per-file results, message."""
    phase, message = upload_progress(session, job) if session is not None else job_phase(job)
    return {
        "id": job.id,
        "phase": phase,
        "total": job.total,
        "done": job.done,
        "results": job.results,
        "message": message,
        "finished": phase in FINISHED,
    }
