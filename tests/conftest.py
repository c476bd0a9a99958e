"""Shared fixtures: databases (SQLite always; PostgreSQL too), settings, CLI runner."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from converge.core.config import Settings

POSTGRES_URL = os.environ.get("CONVERGE_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _postgres_schema_url() -> Iterator[str]:
    """A fresh schema in the test database per test, dropped afterwards.

    In CI a missing server is a failure, never a skip.
    """
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        admin = create_engine(POSTGRES_URL)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # noqa: BLE001 - any connection failure
        if IN_CI:
            pytest.fail(f"PostgreSQL not reachable at {POSTGRES_URL}: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL} (fails in CI): {exc}")
    sep = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """An empty database URL, once for SQLite and once for PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'converge.db'}"
    else:
        yield from _postgres_schema_url()


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, workers=1)


@pytest.fixture
def session_factory(settings: Settings):  # type: ignore[no-untyped-def]
    from converge.store.migrate import upgrade
    from converge.store.session import make_engine, make_session_factory

    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture(autouse=True)
def own_task_queue(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Jobs a command queues go to a queue file of the test's own (never instance/queue.db)."""
    monkeypatch.setenv("CONVERGE_QUEUE_URL", f"sqlite:///{tmp_path / 'queue.db'}")


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests create many users; a low-cost hash keeps them fast (the check itself is unchanged)."""
    import converge.workflow.accounts

    monkeypatch.setattr(converge.workflow.accounts, "HASH_METHOD", "pbkdf2:sha256:1000")
