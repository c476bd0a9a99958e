"""/healthz and /readyz answer without sign-in; /readyz says 503 whenever a check fails. Trusted proxies."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from flask import Flask

from converge.store.migrate import MIGRATIONS, upgrade
from converge.web import create_app
from converge.web.db import dispose
from converge.web.health import READINESS_CHECKS
from tests.web.conftest import csrf_token


def _app(tmp_path: Path, url: str, **config: object) -> Flask:
    app = create_app(
        {"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "test-secret", "AUTO_MIGRATE": False, **config}
    )
    app.instance_path = str(tmp_path / "instance")
    return app


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens there once the socket is closed


def test_healthz_answers_without_sign_in_and_sets_no_cookie(app, client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "alive"}
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_is_ready_on_a_migrated_database(app, client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["status"] == "ready"
    assert [name for name, _ in READINESS_CHECKS] == list(body["checks"])
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert body["checks"]["database"] == {"ok": True, "detail": f"schema at {head}"}


@pytest.mark.postgres
def test_readyz_is_503_when_postgresql_does_not_answer(tmp_path: Path) -> None:
    port = _closed_port()
    app = _app(tmp_path, f"postgresql://converge:s3cret@127.0.0.1:{port}/converge")
    try:
        client = app.test_client()
        assert client.get("/healthz").status_code == 200  # the process is alive; it is not ready
        response = client.get("/readyz")
        assert response.status_code == 503
        body = response.get_json()
        assert body["status"] == "not ready" and body["checks"]["database"]["ok"] is False
        assert "does not answer" in body["checks"]["database"]["detail"]
        text = response.get_data(as_text=True)
        assert str(port) not in text and "s3cret" not in text and "127.0.0.1" not in text
    finally:
        dispose(app)


def test_readyz_is_503_when_the_task_queue_does_not_answer(db_url: str, tmp_path: Path) -> None:
    upgrade(db_url)
    port = _closed_port()
    app = _app(tmp_path, db_url, QUEUE_URL=f"redis://:s3cret@127.0.0.1:{port}/0")
    try:
        response = app.test_client().get("/readyz")
        assert response.status_code == 503
        body = response.get_json()
        assert body["checks"]["database"]["ok"] is True
        assert body["checks"]["queue"] == {"ok": False, "detail": "does not answer"}
        text = response.get_data(as_text=True)
        assert str(port) not in text and "s3cret" not in text
    finally:
        dispose(app)


def test_readyz_is_503_when_the_sqlite_file_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "converge.db"
    path.write_bytes(b"this is not a database\n" * 200)
    app = _app(tmp_path, f"sqlite:///{path}")
    try:
        response = app.test_client().get("/readyz")
        assert response.status_code == 503
        assert response.get_json()["checks"]["database"]["ok"] is False
    finally:
        dispose(app)


def test_readyz_is_503_until_the_schema_is_migrated(db_url: str, tmp_path: Path) -> None:
    scripts = ScriptDirectory(str(MIGRATIONS))
    head = scripts.get_current_head()
    before = scripts.get_revision(head).down_revision
    upgrade(db_url, str(before))
    app = _app(tmp_path, db_url)
    try:
        response = app.test_client().get("/readyz")
        assert response.status_code == 503
        detail = response.get_json()["checks"]["database"]["detail"]
        assert f"schema at {before}" in detail and head in detail
        upgrade(db_url)  # what `converge init-db` does
        assert app.test_client().get("/readyz").status_code == 200
    finally:
        dispose(app)


def test_every_named_check_counts_and_a_raising_check_is_503_not_500(app, client) -> None:
    def queue_down() -> tuple[bool, str]:
        return False, "no consumer"

    def broken() -> tuple[bool, str]:
        raise RuntimeError("boom at redis://secret@host")

    app.extensions["converge_readiness"].append(("queue", queue_down))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["queue"] == {"ok": False, "detail": "no consumer"}
    assert response.get_json()["checks"]["database"]["ok"] is True
    app.extensions["converge_readiness"][-1] = ("queue", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["queue"] == {"ok": False, "detail": "check failed (RuntimeError)"}


def _fail_sign_in(client, address: str):  # type: ignore[no-untyped-def]
    token = csrf_token(client)
    return client.post(
        "/sign-in",
        data={"username": "nobody", "password": "wrong-guess", "csrf_token": token},
        # Behind a trusted proxy the request is seen as https, so the CSRF check also wants the Referer.
        headers={
            "X-Forwarded-For": address,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "converge.example.nhs.uk",
            "Referer": "https://converge.example.nhs.uk/sign-in",
        },
        environ_base={"REMOTE_ADDR": "10.0.0.2"},  # the reverse proxy
    )


@pytest.mark.parametrize("hops", [0, 1])
def test_the_client_address_comes_from_a_trusted_proxy_only(db_url: str, tmp_path: Path, hops: int) -> None:
    upgrade(db_url)
    app = _app(tmp_path, db_url, TRUSTED_PROXIES=hops, SIGNIN_ADDRESS_FAILURES=2)
    try:
        client = app.test_client()
        statuses = [_fail_sign_in(client, "203.0.113.5").status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        # Another client behind the same proxy: throttled with the first only when the header is not believed.
        other = _fail_sign_in(client, "203.0.113.6").status_code
        assert other == (200 if hops else 429)
    finally:
        dispose(app)

