"""Background jobs: parse one uploaded file, match new documents, compare one group, rebuild a draft.

A job is a row in `jobs` (kind, arguments, phase, progress, the reason it failed); the task queue
(converge.workflow.taskqueue) only carries its id to a consumer. A consumer claims a queued job with one conditional
UPDATE, so a job delivered twice runs once. Each job writes its results and its own "done" in one
transaction: a consumer killed mid-job leaves nothing half-written, and `reclaim` queues the job again
(its process is gone, or on another machine it stopped reporting). A failed job keeps its reason and can be
retried (`retry`). Jobs that follow from a job (an upload's matching after its files are parsed, the
comparisons of the groups a matching changed) are created in that same transaction and queued after it.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from converge.core.config import Settings
from converge.core.diff.drugs import load_drug_list
from converge.core.errors import NotFound, ReviewError
from converge.core.sandbox import start_server as start_parsers
from converge.store.models import GroupReview, Job, MatchGroupRow, UploadFile, UploadJob, utcnow
from converge.store.session import make_engine, make_session_factory, rowcount
from converge.workflow.actors import Actor
from converge.workflow.comparison.compute import compare_documents, diff_context_for, group_documents
from converge.workflow.comparison.stored import fingerprint
from converge.workflow.comparison.summary import stale_group_ids, store_comparison
from converge.workflow.draft import assemble_draft
from converge.workflow.incremental import library_index, match_documents_into_groups
from converge.workflow.jobrecords import FINISHED, MAX_ATTEMPTS, new_job, new_jobs
from converge.workflow.library import ingest_paths
from converge.workflow.review import lock_group
from converge.workflow.taskqueue import become_consumer, enqueue, run_jobs_with
from converge.workflow.uploads import RETRIED, process_identity, runner_is_gone

log = logging.getLogger(__name__)
# --- running -------------------------------------------------------------------------------------------


@dataclass
class Run:
    """What a job's body gets: the database, the settings, its own row's id and a progress reporter."""

    factory: sessionmaker[Session]
    settings: Settings
    job_id: str
    args: dict[str, Any]
    upload_id: str | None

    def progress(self, done: int, total: int, message: str = "") -> None:
        """Record progress (also the job's sign of life for `reclaim`), in its own short transaction."""
        with self.factory() as session, session.begin():
            session.execute(
                update(Job)
                .where(Job.id == self.job_id)
                .values(done=done, total=total, message=message, heartbeat_at=utcnow())
            )

    def finish(self, session: Session, message: str = "") -> None:
        """Mark the job done in the transaction that holds its results (so both commit, or neither)."""
        _failpoint("before-commit")
        session.execute(
            update(Job)
            .where(Job.id == self.job_id)
            .values(phase="done", message=message[:2000], finished_at=utcnow(), heartbeat_at=utcnow())
        )


_ENGINES: dict[str, sessionmaker[Session]] = {}


def _factory(url: str, pooled: bool = True) -> sessionmaker[Session]:
    """One engine per database per consumer process (it runs many jobs); none kept when a job runs where
    it was queued (an immediate queue), so nothing outlives the caller's own engine."""
    from sqlalchemy.pool import NullPool

    if not pooled:
        return make_session_factory(make_engine(url, poolclass=NullPool))
    if url not in _ENGINES:
        _ENGINES[url] = make_session_factory(make_engine(url))
    return _ENGINES[url]


def run_job(settings: Settings, job_id: str, pooled: bool = True) -> list[str]:
    """Claim and run one job; returns (and queues) the jobs that follow from it.

    A job already taken or finished is left alone (a queue may deliver a message twice).
    """
    factory = _factory(settings.database_url, pooled)
    me = process_identity(os.getpid())
    with factory() as session, session.begin():
        claimed = rowcount(
            session.execute(
                update(Job)
                .where(Job.id == job_id, Job.phase == "queued")
                .values(
                    phase="running",
                    runner=me,
                    attempts=Job.attempts + 1,
                    started_at=utcnow(),
                    heartbeat_at=utcnow(),
                    message="",
                )
                .execution_options(synchronize_session=False)
            )
        )
        job = session.get(Job, job_id)
        if not claimed or job is None:
            return []
        run = Run(factory, settings, job_id, dict(job.args or {}), job.upload_id)
        body = _BODIES[job.kind]
    try:
        follow = body(run)
    except OperationalError as exc:  # the database was busy or briefly away: try again, a few times
        attempts = job_attempts(factory, job_id)
        if attempts < MAX_ATTEMPTS:
            log.warning("job %s: database error, queued again: %s", job_id, exc)
            with factory() as session, session.begin():
                session.execute(
                    update(Job)
                    .where(Job.id == job_id)
                    .values(
                        phase="queued", runner=None, message=f"database busy, try {attempts}: queued again"
                    )
                )
            time.sleep(0.5 * attempts)
            enqueue(settings, [job_id])
            return []
        _fail(factory, job_id, exc)
        return []
    except Exception as exc:  # the job must end in a state a person can read and retry
        log.exception("job %s failed", job_id)
        _fail(factory, job_id, exc)
        return []
    if follow:
        enqueue(settings, follow)
    return follow


def job_attempts(factory: sessionmaker[Session], job_id: str) -> int:
    with factory() as session:
        return int(session.scalar(select(Job.attempts).where(Job.id == job_id)) or 0)


def _fail(factory: sessionmaker[Session], job_id: str, exc: BaseException) -> None:
    """Record why a job failed (the first line a person reads on the jobs page)."""
    reason = f"{type(exc).__name__}: {exc}".strip()
    with factory() as session, session.begin():
        session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(phase="failed", message=reason[:2000], finished_at=utcnow())
        )


def _failpoint(name: str) -> None:
    """Tests stop a consumer at a named point to kill it there (CONVERGE_FAILPOINT=name:marker-file):
    the marker file is created and the job waits. Never set outside tests."""
    spec = os.environ.get("CONVERGE_FAILPOINT", "")
    if not spec.startswith(name + ":"):
        return
    marker = Path(spec.split(":", 1)[1])
    marker.write_text(str(os.getpid()))
    for _ in range(600):
        time.sleep(0.1)


# --- the jobs ------------------------------------------------------------------------------------------


def _parse(run: Run) -> list[str]:
    """Parse one uploaded file (or zip) into the library; the last file of an upload queues its matching."""
    file_id = int(run.args["file"])
    with run.factory() as session:
        row = session.get(UploadFile, file_id)
        name, data = (row.name, row.data) if row is not None else ("", b"")
    results: list[dict[str, Any]] = []
    if row is not None:
        folder = Path(tempfile.mkdtemp(prefix="converge-upload-"))
        try:
            path = folder / (Path(name).name or "upload")
            path.write_bytes(data)
            run.progress(0, 1, f"parsing {name}")
            found = ingest_paths(run.factory, run.args["trust"], [(path, name)], run.settings)
            results = [r.to_json() for r in found]
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    follow: list[str] = []
    with run.factory() as session, session.begin():
        if run.upload_id is not None:
            # The upload's row is taken first (one writer at a time on it): the last file parsed sees the
            # count complete, however many consumers parse the upload's files at once.
            session.execute(
                update(UploadJob)
                .where(UploadJob.id == run.upload_id)
                .values(done=UploadJob.done + (1 if row is not None else 0))
                .execution_options(synchronize_session=False)
            )
            upload = session.get(UploadJob, run.upload_id, populate_existing=True)
            assert upload is not None
            if results:
                upload.results = [*(upload.results or []), *results]
            if row is not None:
                session.execute(
                    delete(UploadFile)
                    .where(UploadFile.id == file_id)
                    .execution_options(synchronize_session=False)
                )
            if upload.done >= upload.total and not _has_job(session, run.upload_id, "match"):
                new = [
                    r["document_id"]
                    for r in upload.results or []
                    if r["status"] in ("ingested", "superseded")
                ]
                follow.append(
                    new_job(
                        session, "match", {"documents": new}, upload_id=run.upload_id, actor=upload.actor
                    ).id
                )
        stored = sum(1 for r in results if r["status"] in ("ingested", "superseded"))
        run.finish(session, f"{name}: {stored} stored of {len(results)}")
    return follow


def _has_job(session: Session, upload_id: str, kind: str) -> bool:
    return (
        session.scalar(select(Job.id).where(Job.upload_id == upload_id, Job.kind == kind).limit(1))
        is not None
    )


def _match(run: Run) -> list[str]:
    """Match documents into groups (the new ones, or `full`: everything), then queue the comparison of
    every group whose members changed."""
    with run.factory() as session, session.begin():
        note, touched = match_documents_into_groups(
            session, run.args.get("documents"), full=bool(run.args.get("full")), key=run.settings.database_url
        )
        stale = stale_group_ids(session, diff_context_for(session), only=touched)
        follow = new_jobs(
            session,
            "compare",
            [{"group": gid} for gid in stale],
            upload_id=run.upload_id,
            actor=run.args.get("actor", ""),
        )
        run.finish(session, f"{note}; {len(follow)} groups to compare")
    return follow


def _compare(run: Run) -> list[str]:
    """Compare one group's documents and store the comparison, unless it is already current.

    The diff is computed outside any transaction; the group's row is then taken and the comparison kept
    only if the members and local terms are still what it was computed from (else computed again there).
    """
    group_id = int(run.args["group"])

    def current(session: Session) -> tuple[MatchGroupRow | None, list[Any], Any, str | None]:
        group = session.get(MatchGroupRow, group_id)
        if group is None or group.status == "superseded" or len(group.members) < 2:
            return group, [], None, None
        context = diff_context_for(session)
        ids = [m.document_id for m in group.members]
        return group, ids, context, fingerprint(ids, context)

    with run.factory() as session:
        group, ids, context, fp = current(session)
        stored = session.scalar(select(GroupReview.fingerprint).where(GroupReview.group_id == group_id))
        if group is None or fp is None or (stored == fp and "significant_keys" in (group.diff_summary or {})):
            computed = None
        else:
            docs = group_documents(session, group)
            computed = (fp, [d.id for d in docs], compare_documents(docs, context))
    with run.factory() as session, session.begin():
        if computed is None:
            run.finish(session, "already compared" if fp else "nothing to compare")
            return []
        lock_group(session, group_id, bump=False)
        group, ids, context, fp_now = current(session)
        assert group is not None
        if fp_now != computed[0]:  # the group changed while it was being compared: compare it again
            docs = group_documents(session, group)
            result, review = compare_documents(docs, context)
            store_comparison(session, group, [d.id for d in docs], context, result, review)
        else:
            store_comparison(session, group, computed[1], context, *computed[2])
        run.finish(session, f"{group.diff_summary.get('significant', 0)} significant differences")
    return []


def _draft(run: Run) -> list[str]:
    """(Re)build a group's shared draft from its decisions, as the person who asked for it."""
    who = run.args["actor"]
    actor = Actor(who["name"], who["role"], who.get("trust"), who.get("specialty"))
    run.progress(0, 1, "comparing the documents and applying the decisions")
    with run.factory() as session, session.begin():
        rows = assemble_draft(session, int(run.args["group"]), actor)
        run.finish(session, f"{len(rows)} sections")
    return []


_BODIES: dict[str, Callable[[Run], list[str]]] = {
    "parse": _parse,
    "match": _match,
    "compare": _compare,
    "draft": _draft,
}


# --- watching, retrying, reclaiming ---------------------------------------------------------------------


def reclaim(settings: Settings, now=None) -> list[str]:
    """Queue again every running job whose consumer is gone: its process ended (this machine), or it has
    not reported for `job_stale_seconds` (another machine). Returns the ids to enqueue; a job that has
    been tried MAX_ATTEMPTS times is failed instead, with the reason."""
    factory = _factory(settings.database_url)
    now = now or utcnow()
    again: list[str] = []
    with factory() as session, session.begin():
        running = session.scalars(select(Job).where(Job.phase == "running")).all()
        for job in running:
            beat = job.heartbeat_at or job.started_at or job.created_at
            if beat is not None and beat.tzinfo is None:
                beat = beat.replace(tzinfo=now.tzinfo)
            stale = beat is None or now - beat > timedelta(seconds=settings.job_stale_seconds)
            if not (runner_is_gone(job.runner) or stale):
                continue
            moved = rowcount(
                session.execute(
                    update(Job)
                    .where(Job.id == job.id, Job.phase == "running", Job.runner == job.runner)
                    .values(
                        phase="failed" if job.attempts >= MAX_ATTEMPTS else "queued",
                        message=(
                            f"its consumer stopped {job.attempts} times; retry it when the cause is fixed"
                            if job.attempts >= MAX_ATTEMPTS
                            else RETRIED
                        ),
                        runner=None,
                    )
                    .execution_options(synchronize_session=False)
                )
            )
            if moved and job.attempts < MAX_ATTEMPTS:
                again.append(job.id)
    return again


def retry(session: Session, job_id: str) -> Job:
    """Queue a failed job again (a person's retry); enqueue its id after commit."""
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound(f"no job {job_id}")
    if job.phase != "failed":
        raise ReviewError(f"job {job_id} is {job.phase}: only a failed job can be retried")
    job.phase, job.message, job.runner, job.finished_at = "queued", "", None, None
    job.attempts = 0
    session.flush()
    return job


def recent_jobs(session: Session, limit: int = 50, phase: str | None = None) -> Sequence[Job]:
    """The latest jobs, unfinished first."""
    query = select(Job).order_by((Job.phase.in_(FINISHED)).asc(), Job.created_at.desc()).limit(limit)
    if phase:
        query = query.where(Job.phase == phase)
    return session.scalars(query).all()


def counts(session: Session) -> dict[str, int]:
    """Jobs by phase (queued, running, done, failed)."""
    found = dict(session.execute(select(Job.phase, func.count()).group_by(Job.phase)).all())
    return {p: int(found.get(p, 0)) for p in ("queued", "running", "done", "failed")}


def job_json(job: Job) -> dict[str, Any]:
    """A job as `converge jobs --json` and /jobs.json show it."""
    return {
        "id": job.id,
        "kind": job.kind,
        "args": job.args,
        "phase": job.phase,
        "done": job.done,
        "total": job.total,
        "message": job.message,
        "attempts": job.attempts,
        "upload": job.upload_id,
        "created_at": job.created_at.isoformat() if job.created_at else None,
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
    }


def wait_for(
    factory: sessionmaker[Session],
    since: Any = None,
    progress: Callable[[int, int], None] | None = None,
    timeout: float | None = None,
    poll: float = 0.5,
) -> dict[str, int]:
    """Wait until every job created since `since` (default: every job) is finished, including the jobs
    they lead to; `progress(finished, total)` as it goes. Returns the jobs by phase."""
    start = time.monotonic()
    while True:
        with factory() as session:
            query = select(Job.phase, func.count()).group_by(Job.phase)
            if since is not None:
                query = query.where(Job.created_at >= since)
            found = {p: int(n) for p, n in session.execute(query).all()}
        finished = sum(found.get(p, 0) for p in FINISHED)
        total = sum(found.values())
        if progress is not None:
            progress(finished, total)
        if finished == total or (timeout is not None and time.monotonic() - start > timeout):
            return found
        time.sleep(poll)


# --- consuming ---------------------------------------------------------------------------------------


def run_consumer(settings: Settings, workers: int = 1, reclaim_every: float = 20.0) -> None:
    """Take jobs from the queue until stopped (SIGINT/SIGTERM): `workers` processes (threads when 1).

    Every `reclaim_every` seconds, and at once on start, jobs whose consumer died are queued again.
    """
    huey = become_consumer(settings)
    stop = threading.Event()

    def reclaimer() -> None:
        while not stop.is_set():
            try:
                again = reclaim(settings)
                if again:
                    log.warning("queued again %d job(s) whose consumer stopped", len(again))
                    enqueue(settings, again)
            except Exception:  # noqa: BLE001 - the database may be briefly unreachable; try later
                log.exception("could not look for interrupted jobs")
            stop.wait(reclaim_every)

    def warm() -> None:
        # Index the library now, not at the first upload: matching a new document then takes milliseconds.
        try:
            with _factory(settings.database_url)() as session:
                library_index(session, key=settings.database_url)
        except Exception:  # noqa: BLE001 - the first matching job builds it instead
            log.exception("could not index the library ahead")
        # The first comparison otherwise loads the drug list (seconds) while an upload waits for it.
        load_drug_list()
        start_parsers()  # and the first parse imports the parsers

    threading.Thread(target=reclaimer, name="converge-reclaim", daemon=True).start()
    if workers == 1:  # thread workers share this process's index; process workers build their own
        threading.Thread(target=warm, name="converge-index", daemon=True).start()
    # Poll an idle SQLite queue at least four times a second (huey's default backs off to 10 s): an
    # upload's jobs follow one another, and each should start at once. Redis blocks instead of polling.
    options: dict[str, Any] = {
        "workers": max(1, workers),
        "periodic": False,
        "initial_delay": 0.05,
        "max_delay": 0.25,
    }
    options["worker_type"] = "process" if workers > 1 else "thread"
    try:
        huey.create_consumer(**options).run()
    finally:
        stop.set()


run_jobs_with(run_job)  # the queue runs each job it carries with run_job
