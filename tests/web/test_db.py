"""Request sessions: GET pages read outside a transaction, POSTs write in one (real databases)."""

from __future__ import annotations

from sqlalchemy import select, update

from converge.store.models import Trust
from converge.web.db import close_session, get_session
from tests.web.conftest import session_factory_of


def test_get_requests_read_outside_a_transaction_and_posts_write_in_one(app, docs):
    """A GET's statements are not wrapped in a transaction (each stands alone); a POST's are, and what it
    does not commit is rolled back at the end of the request."""

    def rename(method: str, name: str) -> str:
        with app.test_request_context("/", method=method):
            get_session().execute(update(Trust).where(Trust.code == "JPUH").values(name=name))
            close_session()
        with session_factory_of(app)() as session:
            return session.scalar(select(Trust.name).where(Trust.code == "JPUH"))

    before = rename("POST", "Renamed in a POST")
    assert before != "Renamed in a POST"  # never committed: rolled back
    assert rename("GET", "Renamed in a GET") == "Renamed in a GET"  # no transaction to roll back
