"""The `converge` command line: thin commands over the domain functions."""

from __future__ import annotations

import functools
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from converge.config import Settings
from converge.errors import ConvergeError

err = Console(stderr=True)


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--db URL` on every command that touches the database (default: CONVERGE_DATABASE_URL or SQLite)."""
    return click.option(
        "--db",
        "db_url",
        envvar="CONVERGE_DATABASE_URL",
        default=None,
        metavar="URL",
        help="Database URL (default: $CONVERGE_DATABASE_URL, else instance/converge.db).",
    )(func)


def domain_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn ConvergeError into a clean CLI error message (exit status 1)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ConvergeError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


def settings_for(db_url: str | None, **overrides: Any) -> Settings:
    return Settings.from_env(database_url=db_url, **overrides)


def open_store(settings: Settings):  # type: ignore[no-untyped-def]
    """Upgrade the schema to head and return a session factory."""
    from converge.store.migrate import upgrade
    from converge.store.session import make_engine, make_session_factory

    upgrade(settings.database_url)
    return make_session_factory(make_engine(settings.database_url))


@click.group()
@click.version_option(package_name="converge")
def cli() -> None:
    """Converge: turn several trusts' libraries of clinical policies into one shared set."""


@cli.command("init-db")
@db_option
def init_db(db_url: str | None) -> None:
    """Create or upgrade the database schema (Alembic migrations to head)."""
    settings = settings_for(db_url)
    open_store(settings)
    click.echo(f"database ready: {settings.database_url}")


@cli.group()
def trust() -> None:
    """Manage the organisations whose libraries are converged."""


@trust.command("add")
@click.argument("code")
@click.argument("name")
@db_option
def trust_add(code: str, name: str, db_url: str | None) -> None:
    """Add (or rename) an organisation: CODE is short, e.g. JPUH; NAME is its full name."""
    from converge.library import get_or_create_trust

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
    from sqlalchemy import select

    from converge.store.models import Trust

    factory = open_store(settings_for(db_url))
    with factory() as session:
        for t in session.scalars(select(Trust).order_by(Trust.code)):
            click.echo(f"{t.code}\t{t.name}")


@cli.command()
@click.option("--trust", "trust_code", required=True, help="Code of the trust whose library this is.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON record per file (JSON Lines).")
@click.option("--workers", type=int, default=None, help="Parser processes (default: one per core).")
@db_option
@domain_errors
def ingest(trust_code: str, paths: tuple[Path, ...], as_json: bool, workers: int | None, db_url: str | None) -> None:
    """Ingest files, folders and zip archives of one trust's library.

    Idempotent: files already held are reported "unchanged". Exits with status 2 when any file was rejected.
    """
    from converge.library import ingest_paths

    settings = settings_for(db_url, workers=workers)
    factory = open_store(settings)
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

        def on_result(result) -> None:  # type: ignore[no-untyped-def]
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


@cli.command()
@click.option("--trust", "trust_code", default=None, help="Only this trust's documents.")
@click.option("--current", is_flag=True, help="Hide superseded versions.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of documents.")
@db_option
def documents(trust_code: str | None, current: bool, as_json: bool, db_url: str | None) -> None:
    """List stored documents (id, trust, title, metadata, source path, status)."""
    from converge.library import document_json, list_documents

    factory = open_store(settings_for(db_url))
    with factory() as session:
        rows = list_documents(session, trust_code, include_superseded=not current)
        records = [document_json(r) for r in rows]
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
            str(r["id"]), str(r["status"]), str(r["title"])[:60], meta.get("reference", ""),
            meta.get("version", ""), meta.get("review_date", ""),
        )
    Console().print(table)


def main() -> None:
    cli()
