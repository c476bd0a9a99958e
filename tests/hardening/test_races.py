"""Two reviewers at the same instant: exactly one decision or transition is accepted, on both databases."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from converge.core.errors import ReviewError
from converge.store.models import DifferenceDecision, GroupTransition, MatchGroupRow, MatchMember
from converge.store.queries import current_decisions
from converge.workflow.actors import Actor
from converge.workflow.library import get_or_create_trust, store_document
from converge.workflow.review import StaleRevision, record_decision, transition
from tests.web.conftest import make_doc

RACERS = 4
ROUNDS = 5


def make_group(session_factory, status: str = "in_review") -> int:  # type: ignore[no-untyped-def]
    with session_factory() as session, session.begin():
        ids = []
        for code in ("NNUH", "QEH"):
            doc = make_doc(code, "Sepsis", f"Screen {code}.", sha=(code * 40)[:64].lower())
            store_document(session, get_or_create_trust(session, code), doc, None)
            ids.append(doc.id)
        group = MatchGroupRow(
            status=status, topic="Sepsis", members=[MatchMember(document_id=i) for i in ids]
        )
        session.add(group)
        session.flush()
        return group.id


def race(attempt) -> list[str]:  # type: ignore[no-untyped-def]
    """Run `attempt(i)` in RACERS threads released together by a barrier; their outcomes."""
    barrier = threading.Barrier(RACERS)

    def run(i: int) -> str:
        barrier.wait()
        return attempt(i)

    with ThreadPoolExecutor(RACERS) as pool:
        return list(pool.map(run, range(RACERS)))


def revision(session_factory, gid: int) -> int:  # type: ignore[no-untyped-def]
    with session_factory() as session:
        return session.get(MatchGroupRow, gid).revision


def test_racing_decisions_on_one_difference_leave_exactly_one(session_factory) -> None:
    gid = make_group(session_factory)
    for round_ in range(ROUNDS):
        shown = revision(session_factory, gid)
        key = f"k{round_}"

        def attempt(i: int, key: str = key, shown: int = shown) -> str:
            with session_factory() as session:
                try:
                    record_decision(
                        session, gid, key, "defer", Actor(f"r{i}", "reviewer"), expected_revision=shown
                    )
                    session.commit()
                    return "accepted"
                except StaleRevision:
                    session.rollback()
                    return "stale"

        outcomes = race(attempt)
        assert outcomes.count("accepted") == 1, outcomes
        assert outcomes.count("stale") == RACERS - 1
        with session_factory() as session:
            assert len(current_decisions(session, gid)[key]) == 1
    assert revision(session_factory, gid) == shown + 1


def test_racing_decisions_without_a_revision_supersede_in_turn(session_factory) -> None:
    """No lost update either way: every decision is kept, and exactly one is current."""
    gid = make_group(session_factory)

    def attempt(i: int) -> str:
        with session_factory() as session:
            record_decision(session, gid, "k", "defer", Actor(f"r{i}", "reviewer"))
            session.commit()
            return "accepted"

    assert race(attempt) == ["accepted"] * RACERS
    with session_factory() as session:
        assert len(current_decisions(session, gid)["k"]) == 1
        rows = session.scalar(
            select(func.count(DifferenceDecision.id)).where(DifferenceDecision.group_id == gid)
        )
        assert rows == RACERS
    assert revision(session_factory, gid) == 1 + RACERS


@pytest.mark.parametrize("with_revision", [True, False])
def test_racing_moves_write_one_transition(session_factory, with_revision: bool) -> None:
    gid = make_group(session_factory, status="confirmed")
    shown = revision(session_factory, gid)

    def attempt(i: int) -> str:
        with session_factory() as session:
            try:
                transition(
                    session,
                    gid,
                    "in_review",
                    Actor(f"r{i}", "reviewer"),
                    expected_revision=shown if with_revision else None,
                )
                session.commit()
                return "accepted"
            except ReviewError:  # StaleRevision, or "cannot move from In review to In review"
                session.rollback()
                return "refused"

    outcomes = race(attempt)
    assert outcomes.count("accepted") == 1, outcomes
    with session_factory() as session:
        moves = session.scalars(
            select(GroupTransition).where(
                GroupTransition.group_id == gid, GroupTransition.to_status == "in_review"
            )
        ).all()
        assert len(moves) == 1
        assert session.get(MatchGroupRow, gid).status == "in_review"


def test_the_database_refuses_a_second_current_decision(session_factory) -> None:
    gid = make_group(session_factory)
    with session_factory() as session:
        for who in ("a", "b"):
            session.add(DifferenceDecision(group_id=gid, change_key="k", decision="defer", actor=who))
        with pytest.raises(IntegrityError):
            session.flush()
