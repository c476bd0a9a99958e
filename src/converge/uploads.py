"""Background ingest jobs started from the web UI: parse uploaded files, then re-match, with progress.

The job's state lives in the database (upload_jobs), so any web worker can report it; the work runs on a
thread of the process that accepted the upload, and each file is parsed in a process of its own under
the parsing limits (converge.sandbox), never in the web process. That process is recorded with the job,
so a job whose process has gone (a restart or a crash mid-upload) is reported "interrupted", with what it
had stored, rather than "parsing" for ever. Domain code: no Flask here."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from converge.config import Settings
from converge.groups import match_library
from converge.library import FileResult, get_or_create_trust, ingest_paths
from converge.store.models import Trust, UploadJob, utcnow

log = logging.getLogger(__name__)
FINISHED = ("done", "failed", "interrupted")
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


def create_job(session: Session, trust_code: str, actor: str) -> UploadJob:
    trust = session.query(Trust).filter_by(code=trust_code.upper()).one_or_none() or get_or_create_trust(
        session, trust_code
    )
    job = UploadJob(
        id=uuid.uuid4().hex,
        trust_id=trust.id,
        actor=actor,
        phase="queued",
        runner=process_identity(os.getpid()),  # the job runs on a thread of this process
    )
    session.add(job)
    session.flush()
    return job


def run_job(
    factory: sessionmaker[Session],
    job_id: str,
    trust_code: str,
    paths: Sequence[tuple[Path, str]],
    settings: Settings,
    cleanup: Path | None = None,
    after_match: Callable[[], object] | None = None,
) -> None:
    """Ingest the uploaded files and re-match the library, recording progress as it goes.

    `after_match` runs once the new groups are saved (the web app renders their review pages ahead); if
    it fails the job still succeeds, since the pages are rendered at their first view anyway.
    """

    def update(**fields: object) -> None:
        with factory() as session, session.begin():
            job = session.get(UploadJob, job_id)
            assert job is not None
            for key, value in fields.items():
                setattr(job, key, value)

    results: list[dict[str, object]] = []

    def on_result(result: FileResult) -> None:
        results.append(result.to_json())
        update(done=len(results), results=list(results))

    try:
        update(phase="parsing")
        ingest_paths(
            factory,
            trust_code,
            list(paths),
            settings,
            on_total=lambda n: update(total=n),
            on_result=on_result,
        )
        update(phase="matching")
        with factory() as session, session.begin():
            match_library(session)
        if after_match is not None:
            try:
                after_match()
            except Exception:  # noqa: BLE001 - an optimisation; the upload itself succeeded
                log.exception("rendering review pages ahead failed; they will be rendered when opened")
        update(phase="done", finished_at=utcnow())
    except Exception as exc:  # the job must end in a state the page can show
        update(phase="failed", message=f"{type(exc).__name__}: {exc}", finished_at=utcnow())
    finally:
        if cleanup is not None:
            shutil.rmtree(cleanup, ignore_errors=True)


def job_json(job: UploadJob) -> dict[str, object]:
    phase, message = job_phase(job)
    return {
        "id": job.id,
        "phase": phase,
        "total": job.total,
        "done": job.done,
        "results": job.results,
        "message": message,
        "finished": phase in FINISHED,
    }
