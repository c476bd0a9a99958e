"""Background ingest jobs started from the web UI: parse uploaded files, then re-match, with progress.

The job's state lives in the database (upload_jobs), so any web worker can report it; the work runs on a
thread of the process that accepted the upload. Domain code: no Flask here.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from converge.config import Settings
from converge.groups import match_library
from converge.library import FileResult, get_or_create_trust, ingest_paths
from converge.store.models import Trust, UploadJob, utcnow


def create_job(session: Session, trust_code: str, actor: str) -> UploadJob:
    trust = session.query(Trust).filter_by(code=trust_code.upper()).one_or_none() or get_or_create_trust(
        session, trust_code
    )
    job = UploadJob(id=uuid.uuid4().hex, trust_id=trust.id, actor=actor, phase="queued")
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
) -> None:
    """Ingest the uploaded files and re-match the library, recording progress as it goes."""

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
        update(phase="done", finished_at=utcnow())
    except Exception as exc:  # the job must end in a state the page can show
        update(phase="failed", message=f"{type(exc).__name__}: {exc}", finished_at=utcnow())
    finally:
        if cleanup is not None:
            shutil.rmtree(cleanup, ignore_errors=True)


def job_json(job: UploadJob) -> dict[str, object]:
    return {
        "id": job.id,
        "phase": job.phase,
        "total": job.total,
        "done": job.done,
        "results": job.results,
        "message": job.message,
        "finished": job.phase in ("done", "failed"),
    }
