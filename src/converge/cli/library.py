"""`converge trust add|list|sync`, `converge ingest` and `converge documents`: the libraries."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from sqlalchemy import select

from converge.cli.common import db_option, domain_errors, err, open_store, settings_for
from converge.cli.jobs import queue_matching
from converge.store.models import Trust
from converge.workflow.comparison.compute import diff_context_for
from converge.workflow.comparison.summary import stale_group_ids
from converge.workflow.jobrecords import new_job
from converge.workflow.library import document_json, get_or_create_trust, ingest_paths, list_documents
from converge.workflow.orgs import load_orgs
from converge.workflow.taskqueue import enqueue
from converge.workflow.versions import possible_versions


@click.group()
def trust() -> None:
    """Manage the organisations whose libraries are converged."""


@trust.command("add")
@click.argument("code")
@click.argument("name")
@db_option
def trust_add(code: str, name: str, db_url: str | None) -> None:
    """Add (or rename) an organisation: CODE is short, e.g. JPUH; NAME is its full name."""
    factory = open_store(settings_for(db_url))
    try:
        with factory() as session, session.begin():
            t = get_or_create_trust(session, code, name)
            click.echo(f"{t.code}\t{t.name}")
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="CODE") from exc


@trust.command("list")
@db_option
def trust_list(db_url: str | None) -> None:
    """List the organisations."""
    factory = open_store(settings_for(db_url))
    with factory() as session:
        for t in session.scalars(select(Trust).order_by(Trust.code)):
            click.echo(f"{t.code}\t{t.name}")


@trust.command("sync")
@click.option(
    "--file",
    "orgs_file",
    default="ingest/trusts.toml",
    show_default=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Organisations file.",
)
@db_option
@domain_errors
def trust_sync(orgs_file: Path, db_url: str | None) -> None:
    """Add or update every organisation listed in the organisations file (names and local terms)."""
    settings = settings_for(db_url)
    factory = open_store(settings)
    for code, name in sync_orgs(factory, orgs_file):
        click.echo(f"{code}\t{name}")
    # New local terms change what counts as local variation: every group is compared again, in the
    # background (groups not compared yet by then are compared at their first view).
    with factory() as session, session.begin():
        ids = [
            new_job(session, "compare", {"group": gid}, actor="converge trust sync").id
            for gid in stale_group_ids(session, diff_context_for(session))
        ]
    if ids:
        enqueue(settings, ids)
        err.print(f"{len(ids)} groups queued to be compared again (`converge jobs` follows them)")


def sync_orgs(factory, orgs_file: Path) -> list[tuple[str, str]]:

    out = []
    with factory() as session, session.begin():
        for org in load_orgs(orgs_file):
            t = get_or_create_trust(session, org.code, org.name)
            t.local_terms = list(org.local_terms)
            out.append((t.code, t.name))
    return out


@click.command()
@click.option("--trust", "trust_code", required=True, help="Code of the trust whose library this is.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON record per file (JSON Lines).")
@click.option("--workers", type=int, default=None, help="Parser processes (default: one per core).")
@click.option("--create-trust", is_flag=True, help="Add the trust if it is not known yet (else refused).")
@click.option(
    "--match/--no-match",
    "queue_match",
    default=True,
    show_default=True,
    help="Queue the matching of the new documents for a consumer.",
)
@db_option
@domain_errors
def ingest(
    trust_code: str,
    paths: tuple[Path, ...],
    as_json: bool,
    workers: int | None,
    create_trust: bool,
    queue_match: bool,
    db_url: str | None,
) -> None:
    """Ingest files, folders and zip archives of one trust's library.

    Idempotent: files already held are reported "unchanged". Exits with status 2 when any file was rejected.
    A trust not known yet is refused (a typo would start a new organisation) unless --create-trust.
    """
    settings = settings_for(db_url, workers=workers)
    factory = open_store(settings)
    with factory() as session:
        known = session.scalar(select(Trust.id).where(Trust.code == trust_code.strip().upper()))
    if known is None and not create_trust:
        raise click.ClickException(
            f"no trust {trust_code.strip().upper()!r}: add it with `converge trust add CODE NAME` "
            "or pass --create-trust"
        )
    with Progress(
        TextColumn("[bold]ingest {task.fields[trust]}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[last]}"),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("ingest", total=None, trust=trust_code.upper(), last="")

        def on_result(result) -> None:
            progress.update(task, advance=1, last=Path(result.path).name[:40])
            if as_json:
                click.echo(json.dumps(result.to_json()))

        try:
            results = ingest_paths(
                factory,
                trust_code,
                list(paths),
                settings,
                on_total=lambda n: progress.update(task, total=n),
                on_result=on_result,
            )
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--trust") from exc
    _print_ingest_summary(results)
    if queue_match:

        queue_matching(factory, settings, results)
    if any(r.status == "rejected" for r in results):
        sys.exit(2)


def _print_ingest_summary(results: list[Any]) -> None:
    counts = Counter(r.status for r in results)
    table = Table(title="Ingest summary", show_edge=False)
    table.add_column("status")
    table.add_column("files", justify="right")
    for status in ("ingested", "superseded", "unchanged", "rejected"):
        table.add_row(status, str(counts.get(status, 0)))
    err.print(table)
    for r in results:
        if r.status == "rejected":
            err.print(f"[red]rejected[/red] {r.path}: {r.reason}", markup=True, highlight=False)


@click.command()
@click.option("--trust", "trust_code", default=None, help="Only this trust's documents.")
@click.option("--current", is_flag=True, help="Hide superseded versions.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of documents.")
@db_option
def documents(trust_code: str | None, current: bool, as_json: bool, db_url: str | None) -> None:
    """List stored documents (id, trust, title, metadata, source path, status)."""
    factory = open_store(settings_for(db_url))
    with factory() as session:
        rows = list_documents(session, trust_code, include_superseded=not current)
        pairs: dict[str, list[dict]] = {}
        for pair in possible_versions(session):
            pairs.setdefault(pair["older"], []).append(pair)
            pairs.setdefault(pair["newer"], []).append(pair)
        records = [document_json(r, pairs.get(r.id)) for r in rows]
    if as_json:
        click.echo(json.dumps(records, indent=2))
        return
    table = Table(show_edge=False)
    for col in ("id", "status", "title", "reference", "version", "review"):
        table.add_column(col)
    for r in records:
        meta = r["metadata"]
        assert isinstance(meta, dict)
        table.add_row(
            str(r["id"]),
            str(r["status"]),
            str(r["title"])[:60],
            meta.get("reference", ""),
            meta.get("version", ""),
            meta.get("review_date", ""),
        )
    Console().print(table)

