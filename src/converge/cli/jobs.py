"""`converge worker` (a queue consumer), `converge jobs` (follow, list and retry background jobs), and the
matching-and-comparing step that `converge match` and `converge demo` run. Registered on the `converge`
group by converge.cli.main through register()."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from typing import Any

import click
from sqlalchemy import select

from converge.cli.common import db_option, domain_errors, err, open_store, settings_for, two_part_progress
from converge.core.config import Settings
from converge.core.memory import gc_paused
from converge.core.sandbox import end_with_parent
from converge.store.models import Job, utcnow
from converge.workflow.comparison.compute import diff_context_for
from converge.workflow.comparison.summary import stale_group_ids
from converge.workflow.incremental import match_documents_into_groups
from converge.workflow.jobrecords import new_job, new_jobs
from converge.workflow.jobs import counts, job_json, recent_jobs, retry, run_consumer, run_job, wait_for
from converge.workflow.taskqueue import describe, enqueue, queue_ready
from converge.workflow.taskqueue import queue_url as url_of


def queue_option(func):
    return click.option(
        "--queue",
        "queue_url",
        envvar="CONVERGE_QUEUE_URL",
        default=None,
        metavar="URL",
        help="Task queue storage: redis://host:6379/0, sqlite:///path/queue.db (default: beside the "
        "SQLite database, else instance/queue.db).",
    )(func)


def start_consumer(settings: Settings) -> subprocess.Popen[bytes]:
    """A `converge worker` process for `converge serve`, ended with it (and killed if it is killed)."""
    env = {**os.environ, "CONVERGE_DATABASE_URL": settings.database_url}
    if settings.queue_url:
        env["CONVERGE_QUEUE_URL"] = settings.queue_url
    return subprocess.Popen(
        [sys.executable, "-m", "converge", "worker"],
        env=env,
        preexec_fn=end_with_parent,  # noqa: PLW1509
    )


def match_and_compare(
    factory, settings: Settings, *, full: bool = True, queue: bool = False, wait: bool = True
):
    """Match (everything, or only the documents in no group yet), then compare every group whose members
    or local terms changed: one job per group, run here one after another, or queued for consumers and
    followed. Returns the matcher's account of what changed, and how many groups are to be compared."""
    started = utcnow()
    # The collector paused until the library, its index and the run's groups are freed (at the end of the
    # block): resumed earlier, its first collections walk all of them, alive, for nothing.
    with err.status("matching documents ..."), gc_paused():
        with factory() as session, session.begin():
            note, touched = match_documents_into_groups(session, full=full)
            stale = stale_group_ids(session, diff_context_for(session), only=touched)
            ids = new_jobs(session, "compare", [{"group": gid} for gid in stale], actor="converge match")
    if queue:
        enqueue(settings, ids)
        if wait and ids:
            _follow(factory, started)
        return note, len(ids)

    with two_part_progress("comparing groups", "comparing groups") as progress:
        for n, job_id in enumerate(ids):
            progress(n, len(ids))
            run_job(settings, job_id)
        progress(len(ids), len(ids))
    return note, len(ids)


def queue_matching(factory, settings: Settings, results: list[Any]) -> None:
    """Queue the matching of the documents an ingest stored (a consumer runs it)."""
    new = [r.document_id for r in results if r.status in ("ingested", "superseded") and r.document_id]
    if not new:
        return
    with factory() as session, session.begin():
        job = new_job(session, "match", {"documents": new}, actor="converge ingest")
    enqueue(settings, [job.id])
    err.print(
        f"matching of {len(new)} new document(s) queued (job {job.id[:12]}): a consumer (`converge serve` "
        "or `converge worker`) runs it; `converge jobs` follows it"
    )


@click.command()
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Jobs run at once (processes when more than one).",
)
@db_option
@queue_option
def worker(workers: int, db_url: str | None, queue_url: str | None) -> None:
    """Run a queue consumer: parse uploads, match new documents, compare groups (until Ctrl+C).

    Start several, on this machine or others, against one PostgreSQL and one Redis
    (--queue redis://...); `converge serve` starts one by default.
    """
    settings = settings_for(db_url, queue_url=queue_url)
    open_store(settings)
    ready, why = queue_ready(settings)
    if not ready:
        raise click.ClickException(why)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    lower_priority(settings.worker_nice)
    err.print(f"converge worker: {workers} at once, queue {describe(url_of(settings))} (Ctrl+C to stop)")
    run_consumer(settings, workers)


def lower_priority(nice: int) -> None:
    """Lower this process's CPU priority (and its parsers', which it forks) by `nice`.

    On the web server's machine a consumer's work (indexing the library and loading the drug list when it
    starts, then parsing, matching and comparing: seconds of CPU each) took the cores from the pages people
    were waiting for. At nice 10, in two pairs of bench/web.py runs (2 cores), the warm group page's 95th
    percentile fell from 107-145 to 38-39 ms, and with writes going on from 409-538 to 199-249 ms. A job
    still gets every cycle the web server leaves idle.
    """
    if nice > 0 and hasattr(os, "nice"):
        os.nice(nice)

@click.group(invoke_without_command=True)
@click.option("--phase", type=click.Choice(["queued", "running", "done", "failed"]), default=None)
@click.option("--limit", default=30, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--json", "as_json", is_flag=True, help="Print counts and jobs as JSON.")
@click.option("--wait", is_flag=True, help="Follow every unfinished job until all are finished.")
@db_option
@click.pass_context
def jobs(
    ctx: click.Context, phase: str | None, limit: int, as_json: bool, wait: bool, db_url: str | None
) -> None:
    """Background jobs: counts by state and the latest jobs, with progress and failure reasons."""
    if ctx.invoked_subcommand is not None:
        return

    factory = open_store(settings_for(db_url))
    if wait:
        _follow(factory)
    with factory() as session:
        found = counts(session)
        rows = [job_json(j) for j in recent_jobs(session, limit, phase)]
    if as_json:
        click.echo(json.dumps({"counts": found, "jobs": rows}, indent=2))
        return
    click.echo(", ".join(f"{n} {p}" for p, n in found.items()))
    for j in rows:
        target = j["args"].get("group") or j["args"].get("file") or ""
        progress = f"{j['done']}/{j['total']}" if j["total"] else ""
        click.echo(
            f"{j['id'][:12]}  {j['kind']:<8}{str(target):<8}{j['phase']:<8}{progress:<10}{j['message']}"
        )

@jobs.command("retry")
@click.argument("job_id")
@db_option
@queue_option
@domain_errors
def jobs_retry(job_id: str, db_url: str | None, queue_url: str | None) -> None:
    """Queue a failed job again (after its cause is fixed)."""
    settings = settings_for(db_url, queue_url=queue_url)
    factory = open_store(settings)
    with factory() as session, session.begin():
        full = session.scalar(select(Job.id).where(Job.id.startswith(job_id)).limit(2)) or job_id
        job = retry(session, full)
        kind = job.kind
    enqueue(settings, [full])
    click.echo(f"queued again: {kind} job {full}")


def register(group: click.Group) -> None:
    """Add `worker` and `jobs` to the `converge` group."""
    for command in (worker, jobs,):
        group.add_command(command)


def _follow(factory, since=None) -> dict[str, int]:
    """Wait for unfinished jobs with a progress bar on standard error."""
    with two_part_progress("waiting for jobs", "jobs finished") as progress:
        return wait_for(factory, since, progress)
