"""The rules that protect patients on the way to approval, on SQLite and PostgreSQL: every refused move
with its reason, every sign-off and override recorded."""

from __future__ import annotations

import pytest

from converge.core.errors import ReviewError
from converge.store.models import GroupSignoff, MatchGroupRow, MatchMember
from converge.workflow.actors import Actor, NotPermitted
from converge.workflow.comparison.stored import compute_review
from converge.workflow.draft import assemble_draft
from converge.workflow.library import get_or_create_trust, store_document
from converge.workflow.review import audit_trail, history, override_approval, record_decision, sign_off, transition
from converge.workflow.signoff import Rules, approval_label, approved_by_override, group_open_work, readiness
from tests.web.conftest import make_doc

JPUH = Actor("lead.jpuh", "lead", "JPUH")
NNUH = Actor("lead.nnuh", "lead", "NNUH")
QEH = Actor("lead.qeh", "lead", "QEH")
REVIEWER = Actor("dr.reviewer", "reviewer")
ADMIN = Actor("admin", "admin")
RELAXED = Rules("reviewer", "any_lead")


@pytest.fixture
def group_id(session_factory) -> int:  # type: ignore[no-untyped-def]
    """Three trusts' sepsis guidelines: QEH screens at NEWS2 7, the others at 5 (one significant one)."""
    with session_factory() as session, session.begin():
        ids = []
        for code in ("JPUH", "NNUH", "QEH"):
            trust = get_or_create_trust(session, code)
            threshold = "7" if code == "QEH" else "5"
            doc = make_doc(
                code, "Sepsis", f"Screen when NEWS2 is {threshold} or more.", sha=(code * 40)[:64].lower()
            )
            store_document(session, trust, doc, None)
            ids.append(doc.id)
        group = MatchGroupRow(
            status="proposed", topic="Sepsis", members=[MatchMember(document_id=i) for i in ids]
        )
        session.add(group)
        session.flush()
        transition(session, group.id, "confirmed", JPUH)
        transition(session, group.id, "in_review", REVIEWER)
        return group.id


def _significant_key(session, group_id: int) -> str:  # type: ignore[no-untyped-def]
    data = compute_review(session, session.get(MatchGroupRow, group_id))
    return next(d.key for d in data.differences if d.significant)


def _agree(session, group_id: int) -> None:  # type: ignore[no-untyped-def]
    key = _significant_key(session, group_id)
    record_decision(session, group_id, key, "adopt", REVIEWER, adopted_trust="JPUH")
    assemble_draft(session, group_id, REVIEWER)
    transition(session, group_id, "draft_agreed", REVIEWER)


def test_draft_is_not_agreed_over_an_undecided_or_deferred_difference(session_factory, group_id) -> None:
    with session_factory() as session:
        group = session.get(MatchGroupRow, group_id)
        assert group_open_work(session, group).describe() == "1 of 1 significant differences undecided"
        with pytest.raises(ReviewError, match=r"1 of 1 significant differences have no decision"):
            transition(session, group_id, "draft_agreed", REVIEWER)
        key = _significant_key(session, group_id)
        record_decision(session, group_id, key, "defer", REVIEWER)
        with pytest.raises(ReviewError, match=r"1 of 1 significant differences have no decision"):
            transition(session, group_id, "draft_agreed", REVIEWER)
        assert session.get(MatchGroupRow, group_id).status == "in_review"


def test_draft_must_be_built_and_hold_the_latest_decisions(session_factory, group_id) -> None:
    with session_factory() as session:
        key = _significant_key(session, group_id)
        record_decision(session, group_id, key, "adopt", REVIEWER, adopted_trust="QEH")
        with pytest.raises(ReviewError, match="has not been built yet"):
            transition(session, group_id, "draft_agreed", REVIEWER)
        assemble_draft(session, group_id, REVIEWER)
        record_decision(session, group_id, key, "adopt", REVIEWER, adopted_trust="JPUH")
        with pytest.raises(ReviewError, match="decided after the draft was last built"):
            transition(session, group_id, "draft_agreed", REVIEWER)
        assemble_draft(session, group_id, REVIEWER)
        transition(session, group_id, "draft_agreed", REVIEWER)
        assert session.get(MatchGroupRow, group_id).status == "draft_agreed"


def test_not_applicable_needs_a_reason_and_settles_the_difference(session_factory, group_id) -> None:
    with session_factory() as session:
        key = _significant_key(session, group_id)
        with pytest.raises(ReviewError, match="not applicable needs a reason"):
            record_decision(session, group_id, key, "not_applicable", REVIEWER)
        record_decision(session, group_id, key, "not_applicable", REVIEWER, reason="screening moves to EPR")
        assert group_open_work(session, session.get(MatchGroupRow, group_id)).open == 0
        entry = next(e for e in audit_trail(session, group_id) if e.kind == "decision")
        assert entry.summary == "not applicable" and entry.reason == "screening moves to EPR"


def test_approval_needs_a_sign_off_from_a_lead_of_every_member_trust(session_factory, group_id) -> None:
    with session_factory() as session, session.begin():
        _agree(session, group_id)
    with session_factory() as session:
        with pytest.raises(ReviewError, match="still needed: JPUH, NNUH, QEH"):
            transition(session, group_id, "approved", JPUH)
        with pytest.raises(NotPermitted, match="reviewer cannot sign off"):
            sign_off(session, group_id, REVIEWER)
        with pytest.raises(NotPermitted, match="override"):
            sign_off(session, group_id, ADMIN)  # an administrator signs for no trust
        with pytest.raises(NotPermitted, match="CUH has no document"):
            sign_off(session, group_id, Actor("lead.cuh", "lead", "CUH"))
    with session_factory() as session, session.begin():
        sign_off(session, group_id, JPUH)
        with pytest.raises(ReviewError, match="JPUH already signed this draft off"):
            sign_off(session, group_id, Actor("other.jpuh", "lead", "JPUH"))
    with session_factory() as session, session.begin():
        sign_off(session, group_id, NNUH)
        state = readiness(session, session.get(MatchGroupRow, group_id))
        assert state.missing == ["QEH"] and sorted(state.signed) == ["JPUH", "NNUH"]
        assert state.approval_blocker() and "QEH" in state.approval_blocker()
        assert session.get(MatchGroupRow, group_id).status == "draft_agreed"
        sign_off(session, group_id, QEH)  # the last sign-off approves
    with session_factory() as session:
        last = history(session, group_id)[-1]
        assert (last.to_status, last.actor, last.override) == ("approved", "lead.qeh", False)
        assert "JPUH (lead.jpuh), NNUH (lead.nnuh), QEH (lead.qeh)" in last.reason
        assert not approved_by_override(session, group_id)
        signed = [e.summary for e in audit_trail(session, group_id) if e.kind == "signoff"]
        assert signed == [f"signed off the agreed draft for {t}" for t in ("JPUH", "NNUH", "QEH")]
        assert group_open_work(session, session.get(MatchGroupRow, group_id)).converged


def test_reopening_the_draft_voids_its_sign_offs(session_factory, group_id) -> None:
    with session_factory() as session, session.begin():
        _agree(session, group_id)
        sign_off(session, group_id, JPUH)
        sign_off(session, group_id, NNUH)
        with pytest.raises(ReviewError, match="needs a reason"):
            transition(session, group_id, "in_review", REVIEWER)
        transition(session, group_id, "in_review", REVIEWER, "QEH asked for the dose table to be revisited")
        with pytest.raises(
            ReviewError, match="sign-off is given to an agreed draft; this group is In review"
        ):
            sign_off(session, group_id, QEH)
        assemble_draft(session, group_id, REVIEWER)
        transition(session, group_id, "draft_agreed", REVIEWER)
        assert readiness(session, session.get(MatchGroupRow, group_id)).missing == ["JPUH", "NNUH", "QEH"]
        sign_off(session, group_id, QEH)
        assert session.get(MatchGroupRow, group_id).status == "draft_agreed"
        assert session.query(GroupSignoff).filter_by(group_id=group_id).count() == 3  # nothing deleted


def test_admin_override_is_recorded_with_its_reason_and_shown_as_such(session_factory, group_id) -> None:
    with session_factory() as session, session.begin():
        _agree(session, group_id)
        sign_off(session, group_id, JPUH)
    with session_factory() as session:
        with pytest.raises(NotPermitted, match="only an administrator"):
            override_approval(session, group_id, JPUH, "committee ratified it")
        with pytest.raises(ReviewError, match="needs a reason"):
            override_approval(session, group_id, ADMIN, "  ")
        with pytest.raises(NotPermitted, match="only an administrator, with a reason"):
            transition(session, group_id, "approved", JPUH, "ratified", override=True)
    with session_factory() as session, session.begin():
        override_approval(session, group_id, ADMIN, "ratified by the joint committee on 3 March")
    with session_factory() as session:
        last = history(session, group_id)[-1]
        assert last.to_status == "approved" and last.override and last.actor == "admin"
        assert "ratified by the joint committee on 3 March" in last.reason
        assert "not signed off by: NNUH, QEH" in last.reason
        assert approved_by_override(session, group_id)
        assert approval_label("approved", True) == "Approved (admin override)"
        moves = [e.summary for e in audit_trail(session, group_id) if e.kind == "transition"]
        assert moves[-1] == "Draft agreed → Approved (admin override of the trusts' sign-off)"
        override = session.query(GroupSignoff).filter_by(group_id=group_id, kind="override").one()
        assert override.actor == "admin" and override.trust is None and "3 March" in override.reason


def test_override_only_from_an_agreed_draft(session_factory, group_id) -> None:
    with session_factory() as session:
        with pytest.raises(ReviewError, match="only an agreed draft can be approved"):
            override_approval(session, group_id, ADMIN, "urgent")


def test_a_deployment_may_relax_the_rules(session_factory, group_id) -> None:
    with session_factory() as session, session.begin():
        transition(session, group_id, "draft_agreed", REVIEWER, rules=RELAXED)  # undecided, no draft
        transition(session, group_id, "approved", JPUH, "ratified", rules=RELAXED)
        work = group_open_work(session, session.get(MatchGroupRow, group_id))
        # Approved, but with a difference open: never counted as converged.
        assert work.status == "approved" and work.open == 1 and not work.converged
    with pytest.raises(ValueError, match="approval must be one of"):
        Rules(approval="nobody")
    assert (
        Rules.from_config({}) == Rules()
        and Rules.from_config({"APPROVAL": "any_lead"}).approval == "any_lead"
    )


def test_two_leads_signing_at_once_still_approve(session_factory, group_id) -> None:
    """The last two sign-offs given in overlapping transactions: the second sees the first and approves."""
    with session_factory() as session, session.begin():
        _agree(session, group_id)
        sign_off(session, group_id, JPUH)
    import threading

    first = session_factory()
    first.begin()
    sign_off(first, group_id, NNUH)  # not committed yet: holds the group's row (and SQLite's write lock)
    errors: list[BaseException] = []

    def second() -> None:
        try:
            with session_factory() as session, session.begin():
                sign_off(session, group_id, QEH)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    thread = threading.Thread(target=second)
    thread.start()
    thread.join(timeout=1.0)  # it waits for the first transaction
    first.commit()
    first.close()
    thread.join(timeout=30)
    assert not errors, errors
    with session_factory() as session:
        assert session.get(MatchGroupRow, group_id).status == "approved"
