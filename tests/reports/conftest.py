"""The scripted programme of scenario.py in a database (SQLite and PostgreSQL).

`programme` builds it afresh for tests that change things; `shared` builds it once per module for the
many tests that only read figures (migrating a database per test would dominate their run time).
"""

from __future__ import annotations

import pytest

from converge.store.migrate import upgrade
from converge.store.session import make_engine, make_session_factory
from tests.conftest import _postgres_schema_url
from tests.reports.scenario import Programme, build


@pytest.fixture
def programme(session_factory) -> Programme:  # type: ignore[no-untyped-def]
    with session_factory() as session, session.begin():
        return build(session)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def shared(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    """(session factory, programme) on a database built once for the module; tests must not write."""
    if request.param == "sqlite":
        urls = iter([f"sqlite:///{tmp_path_factory.mktemp('reports') / 'converge.db'}"])
    else:
        urls = _postgres_schema_url()
    for url in urls:
        upgrade(url)
        engine = make_engine(url)
        factory = make_session_factory(engine)
        with factory() as session, session.begin():
            built = build(session)
        yield factory, built
        engine.dispose()
