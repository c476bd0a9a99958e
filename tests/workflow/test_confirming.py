"""Getting proposed groups confirmed: a reviewer's request, closed by the lead's move; many at once."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from converge.core.errors import ReviewError
from converge.store.models import ConfirmRequest, GroupTransition, MatchGroupRow, MatchMember
from converge.workflow.actors import Actor, NotPermitted
from converge.workflow.confirming import ask_to_confirm, bulk_confirm, confirmable, open_requests
from converge.workflow.library import get_or_create_trust, store_document
from converge.workflow.review import transition
from converge.workflow.status import Status
from tests.web.conftest import make_doc

REVIEWER = Actor("rev", "reviewer")
LEAD = Actor("lead", "lead", "JPUH")


def proposed_groups(session_factory, confidences: dict[str, float]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """One proposed group per topic, of a JPUH and an NNUH document, or NNUH and QEH for "other:" topics."""
    ids = {}
    with session_factory() as session, session.begin():
        for n, (topic, confidence) in enumerate(confidences.items()):
            trusts = ("NNUH", "QEH") if topic.startswith("other") else ("JPUH", "NNUH")
            members = []
            for code in trusts:
                doc = make_doc(code, topic, f"{topic} body.", f"{n:02d}{code}".ljust(64, "0"))
                store_document(session, get_or_create_trust(session, code), doc, None)
                members.append(MatchMember(document_id=doc.id, state="proposed"))
            group = MatchGroupRow(status=Status.PROPOSED, confidence=confidence, topic=topic, members=members)
            session.add(group)
            session.flush()
            ids[topic] = group.id
    return ids


def test_reviewer_asks_once_and_the_lead_s_move_closes_the_request(session_factory) -> None:
    group_id = proposed_groups(session_factory, {"Sepsis": 0.9})["Sepsis"]
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


def test_bulk_confirm_takes_only_what_is_above_the_floor_and_the_lead_s_own(session_factory) -> None:
    ids = proposed_groups(session_factory, {"Sepsis": 0.95, "Falls": 0.9, "VTE": 0.6, "other: Stroke": 0.97})
    with session_factory() as session:
        assert [g.id for g in confirmable(session, LEAD, 0.85)] == [ids["Sepsis"], ids["Falls"]]
        assert len(confirmable(session, Actor("admin", "admin"), 0.85)) == 3
        assert confirmable(session, REVIEWER, 0.0) == []
    with session_factory() as session, session.begin():
        with pytest.raises(ReviewError, match="at least one"):
            bulk_confirm(session, [], LEAD, 0.85)
        done = bulk_confirm(session, list(ids.values()), LEAD, 0.85, "")
    assert done == [ids["Sepsis"], ids["Falls"]]  # below the floor, or not the lead's trust: left alone
    with session_factory() as session:
        statuses = {g.topic: g.status for g in session.scalars(select(MatchGroupRow))}
        assert statuses == {
            "Sepsis": "confirmed",
            "Falls": "confirmed",
            "VTE": "proposed",
            "other: Stroke": "proposed",
        }
        moves = session.scalars(select(GroupTransition).where(GroupTransition.to_status == "confirmed")).all()
        assert len(moves) == 2 and all("high-confidence" in m.reason for m in moves)


def test_a_request_is_the_lead_s_work_until_the_group_is_confirmed(session_factory) -> None:
    from converge.workflow.mywork import confirm_requests

    ids = proposed_groups(session_factory, {"Sepsis": 0.9, "other: Falls": 0.9})
    with session_factory() as session, session.begin():
        ask_to_confirm(session, ids["Sepsis"], REVIEWER)
        ask_to_confirm(session, ids["other: Falls"], REVIEWER)
    with session_factory() as session:
        items = confirm_requests(session, LEAD)  # a JPUH lead: the NNUH/QEH group is not theirs
        assert [(i.group_id, i.note.startswith("asked by rev on ")) for i in items] == [(ids["Sepsis"], True)]
        assert confirm_requests(session, REVIEWER) == []
    with session_factory() as session, session.begin():
        transition(session, ids["Sepsis"], Status.CONFIRMED, LEAD)
    with session_factory() as session:
        assert confirm_requests(session, LEAD) == []
