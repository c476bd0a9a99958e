"""The review workflow against a real database: allowed moves, roles, reasons, decisions, conflicts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from converge.core.errors import ReviewError
from converge.store.models import DifferenceDecision, MatchGroupRow, MatchMember
from converge.store.queries import current_decisions, get_group
from converge.workflow.actors import Actor, NotPermitted
from converge.workflow.comparison.stored import compute_review
from converge.workflow.draft import assemble_draft
from converge.workflow.library import get_or_create_trust, store_document
from converge.workflow.review import (
    StaleRevision,
    add_comment,
    allowed_moves,
    history,
    record_decision,
    sign_off,
    transition,
)
from converge.workflow.signoff import Rules
from converge.workflow.status import Status
from tests.web.conftest import make_doc

LEAD = Actor("lead.jpuh", "lead", "JPUH")
REVIEWER = Actor("dr.reviewer", "reviewer")
VIEWER = Actor("auditor", "viewer")


@pytest.fixture
def group_id(session_factory) -> int:  # type: ignore[no-untyped-def]
    with session_factory() as session, session.begin():
        ids = []
        for code, threshold in (("JPUH", "5"), ("QEH", "7")):
            trust = get_or_create_trust(session, code)
            doc = make_doc(code, "Sepsis", f"NEWS2 of {threshold} or more.", sha=(code * 40)[:64].lower())
            store_document(session, trust, doc, None)
            ids.append(doc.id)
        group = MatchGroupRow(
            status="proposed", topic="Sepsis", members=[MatchMember(document_id=i) for i in ids]
        )
        session.add(group)
        session.flush()
        return group.id


def test_full_path_to_adoption_records_every_step(session_factory, group_id) -> None:
    with session_factory() as session, session.begin():
        transition(session, group_id, "confirmed", LEAD)
        transition(session, group_id, "in_review", REVIEWER)
        data = compute_review(session, get_group(session, group_id))
        key = next(d.key for d in data.differences if d.significant)
        record_decision(session, group_id, key, "adopt", REVIEWER, adopted_trust="JPUH")
        assemble_draft(session, group_id, REVIEWER)
        transition(session, group_id, "draft_agreed", REVIEWER)
        sign_off(session, group_id, Actor("lead.qeh", "lead", "QEH"))
        sign_off(session, group_id, LEAD)  # every member trust has signed: approved
        transition(session, group_id, "adopted", LEAD)
    with session_factory() as session:
        steps = [(h.from_status, h.to_status, h.actor) for h in history(session, group_id)]
        assert steps == [
            ("proposed", "confirmed", "lead.jpuh"),
            ("confirmed", "in_review", "dr.reviewer"),
            ("in_review", "draft_agreed", "dr.reviewer"),
            ("draft_agreed", "approved", "lead.jpuh"),
            ("approved", "adopted", "lead.jpuh"),
        ]
        group = session.get(MatchGroupRow, group_id)
        assert group.status == "adopted" and {m.state for m in group.members} == {"confirmed"}


def test_illegal_moves_and_roles_are_refused(session_factory, group_id) -> None:
    with session_factory() as session:
        with pytest.raises(ReviewError, match="cannot move from Proposed to Approved"):
            transition(session, group_id, "approved", LEAD)
        with pytest.raises(NotPermitted):
            transition(session, group_id, "confirmed", REVIEWER)
        with pytest.raises(NotPermitted):
            transition(session, group_id, "confirmed", VIEWER)
        session.rollback()
    with session_factory() as session, session.begin():
        transition(session, group_id, "confirmed", LEAD)
        transition(session, group_id, "in_review", REVIEWER)
        transition(session, group_id, "draft_agreed", REVIEWER, rules=Rules("reviewer"))
    with session_factory() as session:
        with pytest.raises(NotPermitted, match="reviewer cannot move"):
            transition(session, group_id, "approved", REVIEWER)  # only a lead records approval
    assert allowed_moves("draft_agreed", "reviewer") == [Status.IN_REVIEW]
    assert set(allowed_moves("draft_agreed", "lead")) == {Status.IN_REVIEW, Status.APPROVED}


def test_endings_need_a_reason(session_factory, group_id) -> None:
    with session_factory() as session, session.begin():
        with pytest.raises(ReviewError, match="needs a reason"):
            transition(session, group_id, "rejected", LEAD)
        transition(session, group_id, "rejected", LEAD, "different populations")
    with session_factory() as session:
        assert history(session, group_id)[-1].reason == "different populations"


def test_stale_revision_is_detected_and_nothing_saved(session_factory, group_id) -> None:
    with session_factory() as session:
        seen = session.get(MatchGroupRow, group_id).revision
    with session_factory() as session, session.begin():
        transition(session, group_id, "confirmed", LEAD, expected_revision=seen)
    with session_factory() as session:
        with pytest.raises(StaleRevision, match="changed by someone else"):
            transition(session, group_id, "rejected", LEAD, "no", expected_revision=seen)
        session.rollback()
    with session_factory() as session:
        assert session.get(MatchGroupRow, group_id).status == "confirmed"


def test_decisions_supersede_and_start_the_review(session_factory, group_id) -> None:
    with session_factory() as session, session.begin():
        transition(session, group_id, "confirmed", LEAD)
        first = record_decision(
            session,
            group_id,
            "k1",
            "adopt",
            REVIEWER,
            adopted_trust="JPUH",
            category="threshold",
            significant=True,
        )
        assert session.get(MatchGroupRow, group_id).status == "in_review"
        second = record_decision(
            session, group_id, "k1", "local_variation", REVIEWER, reason="QEH serves an older population"
        )
    with session_factory() as session:
        current = current_decisions(session, group_id)
        assert [d.id for d in current["k1"]] == [second.id]
        old = session.get(DifferenceDecision, first.id)
        assert old.superseded_by_id == second.id  # kept, not deleted
        assert len(session.scalars(select(DifferenceDecision)).all()) == 2


def test_decision_rules(session_factory, group_id) -> None:
    with session_factory() as session, session.begin():
        transition(session, group_id, "confirmed", LEAD)
    with session_factory() as session:
        with pytest.raises(ReviewError, match="needs one of the group's trusts"):
            record_decision(session, group_id, "k", "adopt", REVIEWER, adopted_trust="NNUH")
        with pytest.raises(ReviewError, match="needs the text"):
            record_decision(session, group_id, "k", "new_text", REVIEWER, text="  ")
        with pytest.raises(ReviewError, match="needs a reason"):
            record_decision(session, group_id, "k", "local_variation", REVIEWER)
        with pytest.raises(NotPermitted):
            record_decision(session, group_id, "k", "defer", VIEWER)
        with pytest.raises(NotPermitted):
            add_comment(session, group_id, VIEWER, "hello")
        comment = add_comment(session, group_id, REVIEWER, "  check with pharmacy  ")
        assert comment.text == "check with pharmacy"


def test_a_decision_is_held_up_only_by_a_newer_one_on_the_same_difference(session_factory, group_id) -> None:
    from converge.workflow.review import DecisionConflict, latest_decision_id

    with session_factory() as session, session.begin():
        transition(session, group_id, "confirmed", LEAD)
        seen = latest_decision_id(session, group_id)  # a page loaded now
        mine = record_decision(
            session, group_id, "k1", "adopt", LEAD, adopted_trust="JPUH", seen_decision=seen
        )
        # Another difference decided meanwhile (the revision moved): no conflict for "k2".
        record_decision(session, group_id, "k2", "defer", REVIEWER, seen_decision=seen)
    with session_factory() as session, session.begin():
        with pytest.raises(DecisionConflict) as lost:
            record_decision(session, group_id, "k1", "defer", REVIEWER, seen_decision=seen)
        assert lost.value.theirs.id == mine.id and lost.value.theirs.actor == "lead.jpuh"
    with session_factory() as session, session.begin():
        # Having seen theirs (the conflict page), replacing it is a choice made knowingly.
        record_decision(session, group_id, "k1", "defer", REVIEWER, seen_decision=mine.id)
    with session_factory() as session:
        assert [d.decision for d in current_decisions(session, group_id)["k1"]] == ["defer"]
