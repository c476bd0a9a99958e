"""Engines and sessions for the CLI, scripts and the web app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, Result, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker


def normalise_url(url: str) -> str:
    """Accept plain postgresql:// URLs and use the psycopg 3 driver we install."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def make_engine(url: str, **options: Any) -> Engine:
    """An engine for `url` (`options` go to create_engine); SQLite files get their folder created, WAL mode
    and foreign keys on."""
    url = normalise_url(url)
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True, **options)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=10000")
            cur.close()

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def write_apart(session: Session, write: Callable[[Session], object]) -> bool:
    """Run `write` in its own short transaction on `session`'s database and commit it.

    For caches filled while reading (a page view computing what was not stored yet): the reader's own
    session stays read-only. When two workers fill the same entry at once the loser's insert fails; that
    is rolled back and reported as False, since both wrote the same thing.
    """
    with Session(session.get_bind()) as own:
        try:
            write(own)
            own.commit()
        except SQLAlchemyError:
            own.rollback()
            return False
    return True


def rowcount(result: Result[Any]) -> int:
    """Rows an UPDATE or DELETE touched: Session.execute is typed as returning rows, but for those
    statements it returns a CursorResult, which counts them."""
    return cast("CursorResult[Any]", result).rowcount or 0
