"""Getting proposed groups confirmed: a reviewer's request, closed by the lead's move; many at once."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from converge.confirming import ask_to_confirm, bulk_confirm, confirmable, open_requests
from converge.errors import ReviewError
from converge.groups import active_groups, match_library
from converge.review import Actor, NotPermitted, Status, transition
from converge.store.models import ConfirmRequest, GroupTransition, MatchGroupRow
from tests.matching.synth import topic_library
from tests.test_groups import store, three_trust_group

REVIEWER = Actor("rev", "reviewer")
LEAD = Actor("lead", "lead", "JPUH")


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    return topic_library()


def proposed_group(session_factory, library) -> int:  # type: ignore[no-untyped-def]
    docs, _, _ = library
    a, _, _ = three_trust_group(library)
    store(session_factory, docs)
    with session_factory() as session, session.begin():
        match_library(session)
        return next(g.id for g in active_groups(session) if a.id in {m.document_id for m in g.members})


def test_reviewer_asks_once_and_the_lead_s_move_closes_the_request(session_factory, library) -> None:
    group_id = proposed_group(session_factory, library)
    with session_factory() as session, session.begin():
        ask_to_confirm(session, group_id, REVIEWER, "  same topic  ")
        with pytest.raises(ReviewError, match="already asked"):
            ask_to_confirm(session, group_id, REVIEWER)
        with pytest.raises(NotPermitted):
            ask_to_confirm(session, group_id, Actor("v", "viewer"))
        ask_to_confirm(session, group_id, Actor("rev2", "reviewer"))
    with session_factory() as session:
        assert [(r.requester, r.note) for r in open_requests(session, group_id)] == [
            ("rev", "same topic"),
            ("rev2", ""),
        ]
    with session_factory() as session, session.begin():
        transition(session, group_id, Status.CONFIRMED, LEAD)
    with session_factory() as session:
        assert open_requests(session) == []
        rows = session.scalars(select(ConfirmRequest)).all()
        assert {(r.outcome, r.resolved_by) for r in rows} == {("confirmed", "lead")}
        with pytest.raises(ReviewError, match="only a proposed group"):
            ask_to_confirm(session, group_id, REVIEWER)


def test_bulk_confirm_takes_only_what_is_above_the_floor_and_the_lead_s_own(session_factory, library) -> None:
    proposed_group(session_factory, library)
    with session_factory() as session:
        everything = confirmable(session, Actor("admin", "admin"), 0.0)
        mine = confirmable(session, LEAD, 0.0)
        assert confirmable(session, REVIEWER, 0.0) == []
    assert mine and len(mine) < len(everything)  # the lead's trust is in some groups, not all
    floor = sorted(g.confidence for g in mine)[len(mine) // 2]
    high = [g.id for g in mine if g.confidence >= floor]
    low = [g.id for g in mine if g.confidence < floor]
    with session_factory() as session, session.begin():
        done = bulk_confirm(session, [g.id for g in mine], LEAD, floor, "")
        with pytest.raises(ReviewError, match="at least one"):
            bulk_confirm(session, [], LEAD, floor)
    assert sorted(done) == sorted(high) and low  # below the floor: left alone
    with session_factory() as session:
        statuses = {g.id: g.status for g in session.scalars(select(MatchGroupRow))}
        assert all(statuses[i] == "confirmed" for i in high) and all(statuses[i] == "proposed" for i in low)
        moves = session.scalars(select(GroupTransition).where(GroupTransition.to_status == "confirmed")).all()
        assert len(moves) == len(high) and all("high-confidence" in m.reason for m in moves)
