"""Web fixtures: an app on a fresh database (SQLite and PostgreSQL), sign-in helpers, a small library."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from converge.core.model import Block, BlockKind, Document, Section, SourceRef, make_document_id
from converge.web import create_app
from converge.web.db import dispose, session_factory
from converge.workflow.accounts import create_user
from converge.workflow.library import get_or_create_trust, store_document

PASSWORD = "correct-horse-battery"
USERS = {
    "admin": ("admin", None),
    "lead.jpuh": ("lead", "JPUH"),
    "lead.nnuh": ("lead", "NNUH"),
    "reviewer": ("reviewer", None),
    "viewer": ("viewer", None),
}


def make_doc(trust: str, title: str, body: str, sha: str, **meta: str) -> Document:
    """A small parsed document, as a parser would return it."""
    section = Section(heading="Recognition", number="1", level=1, blocks=(Block(BlockKind.PARAGRAPH, body),))
    purpose = Section(
        heading="Purpose",
        number="2",
        level=1,
        blocks=(Block(BlockKind.PARAGRAPH, f"This document sets out {title.lower()}."),),
    )
    source = SourceRef(
        path=f"{trust}/{title}.docx", media_type="application/docx", sha256=sha, parser="test@1"
    )
    return Document(
        id=make_document_id(trust, sha),
        trust=trust,
        title=title,
        source=source,
        sections=(section, purpose),
        meta=dict(meta),
    )


def seed_library(app: Flask) -> dict[str, str]:
    """Three trusts, users of every role, and one sepsis document per trust; returns doc ids by trust."""
    factory = session_factory_of(app)
    ids = {}
    with factory() as session, session.begin():
        for code in ("JPUH", "NNUH", "QEH"):
            trust = get_or_create_trust(session, code, f"{code} Hospitals NHS Foundation Trust")
            threshold = "7" if code == "QEH" else "5"
            doc = make_doc(
                code,
                "Sepsis in adults",
                f"Screen adults with a NEWS2 score of {threshold} or more for sepsis.",
                sha=(code.lower() * 30)[:64].ljust(64, "0"),
                specialty="Acute Medicine",
                document_type="policy",
                review_date="2020-01-01",
            )
            store_document(session, trust, doc, original=b"%PDF-1.4 original bytes")
            ids[code] = doc.id
        for username, (role, trust_code) in USERS.items():
            create_user(session, username, PASSWORD, role, trust=trust_code)
    return ids


def session_factory_of(app: Flask):  # type: ignore[no-untyped-def]
    with app.app_context():
        return session_factory()


@pytest.fixture
def app(db_url: str, tmp_path) -> Flask:  # type: ignore[no-untyped-def]
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": db_url,
            "SECRET_KEY": "test-secret",
            "QUEUE_URL": "immediate",  # jobs run in the request that queues them
        }
    )
    app.instance_path = str(tmp_path / "instance")
    yield app
    dispose(app)


@pytest.fixture
def docs(app: Flask) -> dict[str, str]:
    return seed_library(app)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def csrf_token(client: FlaskClient, path: str = "/sign-in") -> str:
    """The CSRF token the app put in a page's form (tests post it as a browser would)."""
    import re

    html = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    assert match, f"no CSRF token on {path}"
    return match.group(1)


@pytest.fixture
def sign_in(client: FlaskClient, docs: dict[str, str]) -> Callable[[str], FlaskClient]:
    def do(username: str) -> FlaskClient:
        token = csrf_token(client)
        response = client.post(
            "/sign-in", data={"username": username, "password": PASSWORD, "csrf_token": token}
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return do
