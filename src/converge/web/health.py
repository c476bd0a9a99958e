"""Liveness and readiness for load balancers and service managers: /healthz and /readyz, no sign-in.

/healthz says only that this process answers (restart it when it does not). /readyz runs each named
readiness check and answers 200 when all pass, 503 when any fails (send it no traffic), with every check's
result as JSON. A check is a function of no arguments, run inside the request's app context, returning
(ok, detail); the detail is shown to anyone, so it names a state, never a host, URL or password (the full
error goes to the log).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Blueprint, Flask, current_app, jsonify
from sqlalchemy.exc import SQLAlchemyError

from converge.store.migrate import MIGRATIONS
from converge.web.jobs import queue_settings
from converge.workflow.taskqueue import queue_ready as queue_storage_ready

bp = Blueprint("health", __name__)
ReadinessCheck = Callable[[], tuple[bool, str]]


@lru_cache(maxsize=1)
def schema_heads() -> frozenset[str]:
    """The schema revisions this code is written for (the migrations' heads; read once)."""
    return frozenset(ScriptDirectory(str(MIGRATIONS)).get_heads())


def database_ready() -> tuple[bool, str]:
    """The database answers, and its schema is the one this code needs (`converge init-db` makes it so)."""
    try:
        with current_app.extensions["converge"]["reader"].connect() as conn:
            revision = MigrationContext.configure(conn).get_current_revision()
    except SQLAlchemyError as exc:
        current_app.logger.warning("readiness: the database does not answer: %s", exc)
        return False, f"does not answer ({type(getattr(exc, 'orig', None) or exc).__name__})"
    if revision not in schema_heads():
        needed = ", ".join(sorted(schema_heads()))
        return False, f"schema at {revision or 'nothing'}, this code needs {needed} (run converge init-db)"
    return True, f"schema at {revision}"


def queue_ready() -> tuple[bool, str]:
    """The task queue's storage (SQLite file or Redis) answers: uploads and comparisons wait on it."""
    ok, detail = queue_storage_ready(queue_settings())
    if not ok:
        current_app.logger.warning("readiness: %s", detail)  # the address stays in the log, not the reply
        return False, "does not answer"
    return True, "answers"


# Named checks /readyz runs, in order. Another dependency the app cannot serve without adds one line here.
READINESS_CHECKS: list[tuple[str, ReadinessCheck]] = [
    ("database", database_ready),
    ("queue", queue_ready),
]


def init_app(app: Flask) -> None:
    app.extensions["converge_readiness"] = list(READINESS_CHECKS)
    app.register_blueprint(bp)


@bp.get("/healthz")
def healthz():
    return jsonify(status="alive")


@bp.get("/readyz")
def readyz():
    checks = {}
    for name, check in current_app.extensions["converge_readiness"]:
        try:
            ok, detail = check()
        except Exception as exc:  # noqa: BLE001 - a failing check means not ready, never a 500
            current_app.logger.exception("readiness check %s failed", name)
            ok, detail = False, f"check failed ({type(exc).__name__})"
        checks[name] = {"ok": bool(ok), "detail": detail}
    ready = all(c["ok"] for c in checks.values())
    return jsonify(status="ready" if ready else "not ready", checks=checks), 200 if ready else 503
