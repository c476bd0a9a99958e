"""What every command shares: the `--db` option, opening the store, one-line errors, progress on stderr.

Only the command line reads options and prints; the workflow services it calls take plain arguments.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from converge.core.config import Settings, default_database_url
from converge.core.errors import ConvergeError
from converge.store.migrate import upgrade
from converge.store.session import make_engine, make_session_factory, normalise_url
from converge.workflow import notify

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


class DatabaseUnusable(click.ClickException):
    """The database named cannot be used: exit status 3 (see the README's exit codes)."""

    exit_code = 3


class ConvergeGroup(click.Group):
    """The `converge` group: any domain error or database failure ends a command with one line, never a
    traceback (status 1 for a refused request, 3 for a database that cannot be used)."""

    def invoke(self, ctx: click.Context) -> Any:

        try:
            return super().invoke(ctx)
        except ConvergeError as exc:
            raise click.ClickException(str(exc)) from exc
        except SQLAlchemyError as exc:
            raise DatabaseUnusable(f"database error: {first_line(exc)}") from exc


def first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def check_database_url(url: str) -> str:
    """The URL if Converge can use it, else DatabaseUnusable with what to do; a SQLite file's folder
    must exist (only the default instance/ folder is created)."""
    if not url or not url.strip():
        raise DatabaseUnusable(
            "the database URL is empty (is CONVERGE_DATABASE_URL set to nothing?): give "
            "sqlite:///path/to/converge.db or postgresql://user@host/db"
        )
    try:
        parsed = make_url(normalise_url(url.strip()))
    except ArgumentError:
        raise DatabaseUnusable(
            f"not a database URL: {url!r}; give sqlite:///path/to/converge.db or postgresql://user@host/db"
        ) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseUnusable(
            f"unsupported database {parsed.get_backend_name()!r}: Converge runs on SQLite or PostgreSQL"
        )
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        if url != default_database_url() and not path.parent.is_dir():
            raise DatabaseUnusable(f"the folder {path.parent} does not exist: create it first")
        if path.is_dir():
            raise DatabaseUnusable(f"{path} is a folder, not a database file")
    return url.strip()


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


def open_store(settings: Settings):
    """Upgrade the schema to head and return a session factory (DatabaseUnusable, one line, if the
    database cannot be reached or is not one)."""
    url = check_database_url(settings.database_url)
    try:
        upgrade(url)
    except SQLAlchemyError as exc:
        raise DatabaseUnusable(f"cannot use the database {shown(url)}: {first_line(exc)}") from exc

    notify.install()  # followers of a group hear of what a command does to it, as of what people do
    return make_session_factory(make_engine(url))


def shown(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - only for a message
        return "(unreadable URL)"


@contextmanager
def two_part_progress(waiting: str, working: str) -> Iterator[Callable[[int, int], None]]:
    """A spinner labelled `waiting` until the first progress(done, total) call, then a bar for `working`."""
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task(waiting, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, description=working, completed=done, total=total)

        yield update

