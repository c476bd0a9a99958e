"""Two engines per app (one for writes, one for GET pages' reads), one session per request (on g), closed at
teardown."""

from __future__ import annotations

from flask import Flask, current_app, g, request
from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import Session

from converge.store.migrate import upgrade
from converge.store.queries import group_version, queue_version
from converge.store.session import make_engine, make_session_factory


def init_app(app: Flask) -> None:
    url = app.config["DATABASE_URL"]
    if app.config.get("AUTO_MIGRATE", True):
        upgrade(url)
    engine = make_engine(url)
    # GET pages only read. Their sessions use a second pool whose connections never open a transaction:
    # on PostgreSQL that saves a BEGIN and a ROLLBACK round trip per page (each statement sees committed
    # data either way, as under READ COMMITTED), and keeping such connections apart, rather than switching
    # one pool's connections back and forth, saves resetting them on every return to the pool.
    reader = make_engine(url, isolation_level="AUTOCOMMIT")
    app.extensions["converge"] = {
        "engine": engine,
        "reader": reader,
        "sessions": make_session_factory(engine),
        "readers": make_session_factory(reader),
    }
    app.teardown_appcontext(close_session)


def session_factory():
    return current_app.extensions["converge"]["sessions"]


def get_session() -> Session:
    """This request's session; a GET's reads run without a transaction (nothing a GET does writes)."""
    if "db_session" not in g:
        kind = "readers" if request.method in ("GET", "HEAD") else "sessions"
        g.db_session = current_app.extensions["converge"][kind]()
    return g.db_session


def close_session(_exc: BaseException | None = None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def dispose(app: Flask) -> None:
    """Close every pooled connection of the app (tests, scripts and the CLI end with this)."""
    for key in ("engine", "reader"):
        app.extensions["converge"][key].dispose()


# What snapshot_token reads; the session check reads it with the session, in the same round trip.
SNAPSHOT = cast(func.pg_current_snapshot(), Text).label("snapshot")


def snapshot_token(session: Session) -> str | None:
    """On PostgreSQL, which transactions the next statements see as committed (pg_current_snapshot()), as
    text; None on other databases.

    Two requests that read the same snapshot see exactly the same data in every table: no transaction
    committed in between. So a page built from many tables can be kept under it (web.ttl) and never be shown
    after any change at all. Read it before the data it keys: data read after it is at least that new. The
    session check (web.auth.load_user) reads it before any view, with the session in one round trip.
    """
    if not reads_snapshot(session):
        return None
    if "snapshot_token" in g:  # (read by the session check on this same read-only pool)
        return g.snapshot_token
    return session.execute(select(SNAPSHOT)).scalar()


def group_version_of(session: Session, group_id: int) -> tuple[int | None, int | None]:
    """The group's data version and every group's (store.queries.group_version): read by the session check
    with the session, in the same round trip, on a GET of the group's page; else read here."""
    read = g.get("group_version")
    if read is not None and read[0] == group_id:
        return read[1]
    return group_version(session, group_id)


def queue_version_of(session: Session) -> tuple[int, int] | None:
    """Where the work queue's groups fall and its data version (store.queries.queue_version) for a session
    that only reads, else None: read by the session check with the session, in the same round trip, on a GET
    of the queue; else here."""
    if not reads_only(session):
        return None
    read = g.get("queue_version")
    return read if read is not None else queue_version(session)


def reads_snapshot(session: Session) -> bool:
    """Whether the session's snapshot keys what it reads: on PostgreSQL, for a session that only reads (one
    that may have written sees its own changes, which no snapshot names)."""
    return reads_only(session) and session.get_bind().dialect.name == "postgresql"


def reads_only(session: Session) -> bool:
    """Whether the session is a GET's, on the read-only pool: what it reads is what is committed, and so may
    be kept for others under a key read with it."""
    return session.get_bind() is current_app.extensions["converge"]["reader"]
