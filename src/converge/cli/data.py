"""`converge init-db`, `converge backup` and `converge restore`: the database as a whole."""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy.exc import SQLAlchemyError

from converge.cli.common import (
    DatabaseUnusable,
    check_database_url,
    db_option,
    domain_errors,
    first_line,
    open_store,
    settings_for,
    shown,
)
from converge.store.backup import restore_backup, write_backup
from converge.store.session import make_engine


@click.command("init-db")
@db_option
def init_db(db_url: str | None) -> None:
    """Create or upgrade the database schema (Alembic migrations to head)."""
    settings = settings_for(db_url)
    open_store(settings)
    click.echo(f"database ready: {settings.database_url}")


@click.command()
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File.")
@db_option
@domain_errors
def backup(out: Path, db_url: str | None) -> None:
    """Write the whole database (uploaded originals, decisions, drafts, audit trail, users) to a file."""
    if not out.parent.is_dir():
        raise click.ClickException(f"the folder {out.parent} does not exist")
    settings = settings_for(db_url)
    url = check_database_url(settings.database_url)
    open_store(settings)
    engine = make_engine(url)
    try:
        counts = write_backup(engine, out)
    finally:
        engine.dispose()
    click.echo(f"backed up {sum(counts.values()):,} rows of {len(counts)} tables to {out}")


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@domain_errors
def restore(file: Path, db_url: str | None) -> None:
    """Restore a `converge backup` FILE into an empty database (SQLite or PostgreSQL, either way)."""
    url = check_database_url(settings_for(db_url).database_url)
    try:
        counts = restore_backup(url, file)
    except SQLAlchemyError as exc:
        raise DatabaseUnusable(f"cannot restore into {shown(url)}: {first_line(exc)}") from exc
    click.echo(f"restored {sum(counts.values()):,} rows of {len(counts)} tables from {file}")

