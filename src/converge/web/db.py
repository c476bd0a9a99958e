"""One engine per app, one SQLAlchemy session per request (on g), closed at teardown."""

from __future__ import annotations

from flask import Flask, current_app, g, request
from sqlalchemy.orm import Session

from converge.store.migrate import upgrade
from converge.store.session import make_engine, make_session_factory


def init_app(app: Flask) -> None:
    url = app.config["DATABASE_URL"]
    if app.config.get("AUTO_MIGRATE", True):
        upgrade(url)
    engine = make_engine(url)
    # GET pages only read: without a transaction around them, PostgreSQL saves a BEGIN and a ROLLBACK
    # round trip per page (each statement sees committed data either way, as under READ COMMITTED).
    reader = engine.execution_options(isolation_level="AUTOCOMMIT")
    app.extensions["converge"] = {
        "engine": engine,
        "sessions": make_session_factory(engine),
        "readers": make_session_factory(reader),
    }
    app.teardown_appcontext(close_session)


def session_factory():  # type: ignore[no-untyped-def]
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
