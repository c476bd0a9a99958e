"""Route x role matrix: a governance lead changes only groups holding a document of their own trust."""

from __future__ import annotations

from converge.store.models import MatchGroupRow
from converge.workflow.accounts import create_user
from tests.web.conftest import PASSWORD, session_factory_of
from tests.web.test_review_views import make_group, post, signed_in_client

ROLES = ("admin", "lead.jpuh", "lead.qeh", "reviewer", "viewer")
ALLOWED = {"admin", "lead.jpuh"}  # the groups below hold JPUH's and NNUH's documents, not QEH's


def actions(app, docs):  # type: ignore[no-untyped-def]
    """Each lead action as (name, group posted to, form), on groups made fresh for it."""
    jn = [docs["JPUH"], docs["NNUH"]]
    yield "confirm", make_group(app, jn, status="proposed"), {"to_status": "confirmed", "reason": "same"}
    yield "reject", make_group(app, jn, status="proposed"), {"to_status": "rejected", "reason": "differ"}
    yield "details", make_group(app, jn, status="confirmed"), {"topic": "Sepsis (adults)", "reason": "x"}
    yield (
        "split",
        make_group(app, jn, status="confirmed"),
        {"action": "split", "document_ids": [docs["NNUH"]]},
    )
    yield (
        "no_counterpart",
        make_group(app, jn, status="confirmed"),
        {
            "action": "no_counterpart",
            "document_id": docs["NNUH"],
        },
    )
    other = make_group(app, [docs["JPUH"]], status="confirmed")
    yield "merge", make_group(app, jn, status="confirmed"), {"action": "merge", "other_group": str(other)}
    yield (
        "move",
        make_group(app, [docs["NNUH"]], status="confirmed"),
        {
            "action": "move",
            "document_id": docs["JPUH"],
        },
    )


URLS = {"confirm": "status", "reject": "status", "details": "details"}


def test_route_role_matrix(app, docs):
    with session_factory_of(app)() as session, session.begin():
        create_user(session, "lead.qeh", PASSWORD, "lead", trust="QEH")
    clients = {role: signed_in_client(app, role) for role in ROLES}
    seen = {}
    for role in ROLES:
        for name, gid, form in actions(app, docs):
            with session_factory_of(app)() as session:
                before = session.get(MatchGroupRow, gid).revision
            response = post(clients[role], f"/groups/{gid}/{URLS.get(name, 'match')}", gid, form, app)
            seen[(name, role)] = response.status_code
            with session_factory_of(app)() as session:
                after = session.get(MatchGroupRow, gid).revision
            assert (after > before) == (role in ALLOWED), (name, role, response.status_code)
    expected = {(name, role): 302 if role in ALLOWED else 403 for (name, role) in seen}
    assert seen == expected
