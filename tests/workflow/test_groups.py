"""Saving matcher runs: people's decisions win, re-runs only add or propose (real database)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from converge.core.errors import ReviewError
from converge.store.models import MatchGroupRow, MatchMember, StoredDocument
from converge.workflow.actors import Actor, NotPermitted
from converge.workflow.groups import (
    active_groups,
    edit_group,
    group_edits,
    known_specialties,
    mark_no_counterpart,
    match_library,
    merge_groups,
    move_document,
    split_group,
)
from converge.workflow.library import get_or_create_trust, store_document
from converge.workflow.review import StaleRevision, audit_trail, transition
from converge.workflow.status import Status
from tests.core.matching.synth import topic_library

LEAD = Actor("lead", "lead", "JPUH")


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    return topic_library()


def store(session_factory, docs) -> None:  # type: ignore[no-untyped-def]
    with session_factory() as session, session.begin():
        for d in docs:
            store_document(session, get_or_create_trust(session, d.trust), d, None)


def live_sets(session) -> list[frozenset[str]]:  # type: ignore[no-untyped-def]
    return [
        frozenset(m.document_id for m in g.members)
        for g in active_groups(session)
        if g.status not in ("rejected",)
    ]


def three_trust_group(library):  # type: ignore[no-untyped-def]
    docs, truth, _ = library
    by_id = {d.id: d for d in docs}
    group = next(g for g in truth if len({by_id[i].trust for i in g}) == 3 and len(g) == 3)
    return [by_id[i] for i in sorted(group, key=lambda i: by_id[i].trust)]


def test_rerun_changes_nothing(session_factory, library) -> None:
    docs, truth, _ = library
    store(session_factory, docs)
    with session_factory() as session, session.begin():
        first, saved = match_library(session)
    assert saved.created == len(first.groups) and saved.superseded == 0
    with session_factory() as session, session.begin():
        _, again = match_library(session)
    assert again.created == 0 and again.superseded == 0 and again.unchanged == len(first.groups)
    with session_factory() as session:
        sets = live_sets(session)
    assert len(sets) == len(first.groups)
    # the matcher's proposals on these topic texts reproduce most true groups exactly
    assert sum(frozenset(t) in sets for t in truth) >= 0.9 * len(truth)


def test_confirmed_group_is_kept_and_only_extended(session_factory, library) -> None:
    docs, _, _ = library
    a, b, c = three_trust_group(library)
    store(session_factory, [d for d in docs if d.id != c.id])
    with session_factory() as session, session.begin():
        match_library(session)
        group = next(g for g in active_groups(session) if {m.document_id for m in g.members} == {a.id, b.id})
        transition(session, group.id, "confirmed", LEAD)
        group_id = group.id
    store(session_factory, [c])  # a new upload at the third trust
    with session_factory() as session, session.begin():
        match_library(session)
    with session_factory() as session:
        group = session.get(MatchGroupRow, group_id)
        states = {m.document_id: m.state for m in group.members}
        assert group.status == "confirmed"
        assert states == {a.id: "confirmed", b.id: "confirmed", c.id: "proposed"}
        holding_a = [g for g in active_groups(session) if a.id in {m.document_id for m in g.members}]
        assert [g.id for g in holding_a] == [group_id]


def test_rejected_match_is_never_proposed_again(session_factory, library) -> None:
    docs, _, _ = library
    a, b, _c = three_trust_group(library)
    store(session_factory, docs)
    with session_factory() as session, session.begin():
        match_library(session)
        group = next(g for g in active_groups(session) if a.id in {m.document_id for m in g.members})
        transition(session, group.id, "rejected", LEAD, "different populations")
    with session_factory() as session, session.begin():
        match_library(session)
    with session_factory() as session:
        assert not any({a.id, b.id} <= s for s in live_sets(session))


def test_no_counterpart_mark_keeps_a_document_alone(session_factory, library) -> None:
    docs, _, _ = library
    a, _b, _c = three_trust_group(library)
    store(session_factory, docs)
    with session_factory() as session, session.begin():
        match_library(session)
        mark_no_counterpart(session, a.id, LEAD, "our local pathway")
    with session_factory() as session, session.begin():
        match_library(session)
    with session_factory() as session:
        assert frozenset({a.id}) in live_sets(session)
        superseded = session.scalars(select(MatchGroupRow).where(MatchGroupRow.status == "superseded")).all()
        assert superseded, "the earlier proposal is kept as superseded, not deleted"


def test_no_counterpart_from_a_group_page_names_one_of_its_documents_and_moves_its_revision(
    session_factory, library
) -> None:
    docs, _, _ = library
    a, _b, _c = three_trust_group(library)
    store(session_factory, docs)
    with session_factory() as session, session.begin():
        match_library(session)
        group = next(g for g in active_groups(session) if a.id in {m.document_id for m in g.members})
        other = next(d.id for d in docs if d.id not in {m.document_id for m in group.members})
        with pytest.raises(ReviewError):
            mark_no_counterpart(session, other, LEAD, "not this group's", group_id=group.id)
        before = group.revision or 0
        mark_no_counterpart(session, a.id, LEAD, "our local pathway", group_id=group.id)
        assert group.revision == before + 1  # a page loaded before is now stale


def test_split_merge_and_move(session_factory, library) -> None:
    docs, _, _ = library
    a, b, c = three_trust_group(library)
    store(session_factory, docs)
    with session_factory() as session, session.begin():
        match_library(session)
        group = next(g for g in active_groups(session) if a.id in {m.document_id for m in g.members})
        with pytest.raises(NotPermitted):
            split_group(session, group.id, [c.id], Actor("r", "reviewer"))
        new = split_group(session, group.id, [c.id], LEAD, "QEH covers maternity only")
        # Split off, not confirmed: a lead confirms the new group as any proposal; its specialty is kept.
        assert {m.document_id for m in new.members} == {c.id} and new.status == "proposed"
        assert new.specialty == group.specialty
        with pytest.raises(NotPermitted):  # the split-off group holds no document of the lead's trust
            merge_groups(session, group.id, new.id, LEAD, "same topic after all")
        merged = merge_groups(session, group.id, new.id, Actor("admin", "admin"), "same topic after all")
        assert {m.document_id for m in merged.members} >= {a.id, b.id, c.id}
        assert session.get(MatchGroupRow, new.id).status == "superseded"
        target = next(g for g in active_groups(session) if g.id != group.id and len(g.members) >= 1)
        move_document(session, c.id, target.id, Actor("admin", "admin"), "belongs with that topic")
        assert c.id in {m.document_id for m in target.members}
        assert c.id not in {m.document_id for m in session.get(MatchGroupRow, group.id).members}


# --- correcting a group's topic and specialty --------------------------------------------------------


@pytest.fixture
def small_group(session_factory) -> int:  # type: ignore[no-untyped-def]
    """A two-trust group with no specialty (no JPUH front sheet to take one from)."""
    from tests.web.conftest import make_doc

    with session_factory() as session, session.begin():
        ids = []
        for code in ("NNUH", "QEH"):
            doc = make_doc(code, "Sepsis", "Screen for sepsis.", sha=(code * 40)[:64].lower())
            store_document(session, get_or_create_trust(session, code), doc, None)
            ids.append(doc.id)
        group = MatchGroupRow(
            status="confirmed", topic="Sepsis", members=[MatchMember(document_id=i) for i in ids]
        )
        session.add(group)
        session.flush()
        return group.id


GROUP_LEAD = Actor("lead", "lead", "NNUH")  # the small group's trusts are NNUH and QEH


def test_only_leads_and_admins_edit_a_group(session_factory, small_group) -> None:
    with session_factory() as session:
        for actor in (Actor("r", "reviewer", specialty="Acute Medicine"), Actor("v", "viewer")):
            with pytest.raises(NotPermitted):
                edit_group(session, small_group, actor, specialty="Acute Medicine")
        assert group_edits(session, small_group) == []
    with session_factory() as session, session.begin():
        edit_group(session, small_group, Actor("root", "admin"), specialty="Acute Medicine")


def test_edits_are_kept_with_old_and_new_values(session_factory, small_group) -> None:
    with session_factory() as session, session.begin():
        before = session.get(MatchGroupRow, small_group).revision
        edits = edit_group(
            session,
            small_group,
            GROUP_LEAD,
            topic="  Sepsis in adults ",
            specialty=" Acute Medicine ",
            reason="front sheet",
        )
        assert [(e.field, e.old_value, e.new_value) for e in edits] == [
            ("topic", "Sepsis", "Sepsis in adults"),
            ("specialty", None, "Acute Medicine"),
        ]
    with session_factory() as session, session.begin():
        group = session.get(MatchGroupRow, small_group)
        assert (group.topic, group.specialty, group.revision) == (
            "Sepsis in adults",
            "Acute Medicine",
            before + 1,
        )
        # Only the field that changed is recorded; "" unsets the specialty.
        edit_group(
            session, small_group, GROUP_LEAD, topic="Sepsis in adults", specialty="", reason="not acute"
        )
    with session_factory() as session:
        group = session.get(MatchGroupRow, small_group)
        assert group.specialty is None and group.revision == before + 2
        rows = [
            (e.field, e.old_value, e.new_value, e.actor, e.reason) for e in group_edits(session, small_group)
        ]
        assert rows == [
            ("topic", "Sepsis", "Sepsis in adults", "lead", "front sheet"),
            ("specialty", None, "Acute Medicine", "lead", "front sheet"),
            ("specialty", "Acute Medicine", None, "lead", "not acute"),
        ]
        trail = [(e.kind, e.summary, e.reason) for e in audit_trail(session, small_group) if e.kind == "edit"]
        assert trail == [
            ("edit", "topic: Sepsis → Sepsis in adults", "front sheet"),
            ("edit", "specialty: Not set → Acute Medicine", "front sheet"),
            ("edit", "specialty: Acute Medicine → Not set", "not acute"),
        ]


def test_edit_refuses_no_change_empty_topic_too_long_and_superseded(session_factory, small_group) -> None:
    with session_factory() as session:
        with pytest.raises(ReviewError, match="nothing changed"):
            edit_group(session, small_group, GROUP_LEAD, topic=" Sepsis ", specialty="")
        with pytest.raises(ReviewError, match="nothing changed"):
            edit_group(session, small_group, GROUP_LEAD)
        with pytest.raises(ReviewError, match="needs a topic"):
            edit_group(session, small_group, GROUP_LEAD, topic="   ", specialty="Acute Medicine")
        with pytest.raises(ReviewError, match="at most 500"):
            edit_group(session, small_group, GROUP_LEAD, topic="x" * 501)
        with pytest.raises(ReviewError, match="at most 200"):
            edit_group(session, small_group, GROUP_LEAD, specialty="x" * 201)
        session.get(MatchGroupRow, small_group).status = "superseded"
        with pytest.raises(ReviewError, match="superseded"):
            edit_group(session, small_group, GROUP_LEAD, specialty="Acute Medicine")
        session.rollback()
    with session_factory() as session:
        assert group_edits(session, small_group) == []
        assert session.get(MatchGroupRow, small_group).revision == 1


def test_edit_from_a_stale_page_is_refused(session_factory, small_group) -> None:
    with session_factory() as session, session.begin():
        shown = session.get(MatchGroupRow, small_group).revision
        edit_group(session, small_group, GROUP_LEAD, specialty="Acute Medicine", expected_revision=shown)
    with session_factory() as session:
        with pytest.raises(StaleRevision):
            edit_group(session, small_group, GROUP_LEAD, specialty="Paediatrics", expected_revision=shown)
        assert session.get(MatchGroupRow, small_group).specialty == "Acute Medicine"


def test_known_specialties_come_from_groups_documents_and_reviewers(session_factory, small_group) -> None:
    from converge.workflow.accounts import create_user

    with session_factory() as session, session.begin():
        edit_group(session, small_group, GROUP_LEAD, specialty="Acute Medicine")
        session.scalars(select(StoredDocument)).first().specialty = "Pharmacy"
        create_user(session, "paeds", "a-long-password", "reviewer", specialty="Paediatrics")
    with session_factory() as session:
        assert known_specialties(session) == ["Acute Medicine", "Paediatrics", "Pharmacy"]


def test_a_removed_document_is_not_proposed_into_the_group_again(session_factory, library) -> None:
    from converge.workflow.groups import reject_member

    docs, _, _ = library
    a, b, c = three_trust_group(library)
    store(session_factory, docs)
    with session_factory() as session, session.begin():
        match_library(session)
        group = next(g for g in active_groups(session) if a.id in {m.document_id for m in g.members})
        with pytest.raises(ReviewError) as no_reason:
            reject_member(session, group.id, c.id, LEAD, "  ")
        assert no_reason.value.field == "reason"
        reject_member(session, group.id, c.id, LEAD, "QEH's covers maternity only")
        group_id = group.id
    with session_factory() as session, session.begin():
        match_library(session)  # a new run respects the refusal
    with session_factory() as session:
        members = {m.document_id for m in session.get(MatchGroupRow, group_id).members}
        assert c.id not in members and {a.id, b.id} <= members
        assert not any({a.id, c.id} <= s or {b.id, c.id} <= s for s in live_sets(session))
        trail = audit_trail(session, group_id)
        assert any(
            e.kind == "matching" and e.summary.startswith("remove") and "maternity" in e.reason for e in trail
        )


def test_corrected_document_specialty_reaches_its_groups(session_factory, small_group) -> None:
    from converge.workflow.corrections import update_metadata

    admin = Actor("admin", "admin")
    with session_factory() as session:
        group = session.get(MatchGroupRow, small_group)
        a, b = [m.document_id for m in group.members]
        revision = group.revision
    with session_factory() as session, session.begin():
        update_metadata(session, a, {"specialty": "Renal Medicine"}, admin, "front sheet")
    with session_factory() as session, session.begin():
        group = session.get(MatchGroupRow, small_group)
        assert group.specialty == "Renal Medicine" and group.revision == revision + 1
        edits = [(e.field, e.new_value) for e in group_edits(session, small_group)]
        assert edits == [("specialty", "Renal Medicine")]
        edit_group(session, small_group, admin, specialty="Nephrology", reason="the renal team's")
    with session_factory() as session, session.begin():
        # A group a lead set to something else keeps it.
        update_metadata(session, b, {"specialty": "Urology"}, admin, "")
        assert session.get(MatchGroupRow, small_group).specialty == "Nephrology"


def test_pickers_find_groups_and_documents_by_words_or_number(session_factory, small_group) -> None:
    from converge.workflow.groups import find_documents, find_groups

    with session_factory() as session:
        group = session.get(MatchGroupRow, small_group)
        doc = group.members[0].document
        assert [g.id for g in find_groups(session, "SEPSIS")] == [small_group]
        assert [g.id for g in find_groups(session, f"#{small_group}")] == [small_group]
        assert find_groups(session, "sepsis", exclude=small_group) == []
        assert find_groups(session, "100%_") == []  # wildcards are text
        assert doc.id in [d.id for d in find_documents(session, "sepsis")]
        assert [d.id for d in find_documents(session, doc.id)] == [doc.id]


def test_a_run_saves_new_groups_updates_its_own_and_supersedes_what_it_no_longer_makes(
    session_factory, library
) -> None:
    """The bulk save: each new group gets its members, topic (shortest title), specialty and first
    transition; a proposal made again is updated in place; one no longer made is superseded, with why."""
    from converge.core.matching import MatchGroup, MatchResult
    from converge.store.models import GroupTransition
    from converge.workflow.groups import save_match_result

    a, b, c = three_trust_group(library)
    store(session_factory, [a, b, c])

    def run(*groups: tuple[tuple[str, ...], float]) -> MatchResult:
        made = tuple(MatchGroup(f"g{n}", members, conf, ()) for n, (members, conf) in enumerate(groups))
        return MatchResult(made, (), ("JPUH", "NNUH", "QEH"))

    with session_factory() as session, session.begin():
        first = save_match_result(session, run(((a.id, b.id), 0.8), ((c.id,), 0.0)))
    assert (first.created, first.unchanged, first.superseded) == (2, 0, 0)
    with session_factory() as session:
        pair = session.scalars(
            select(MatchGroupRow).join(MatchMember).where(MatchMember.document_id == a.id)
        ).one()
        assert sorted(m.document_id for m in pair.members) == [a.id, b.id]
        assert pair.topic == min((a.title, b.title), key=len)[:500]
        steps = session.scalars(select(GroupTransition).where(GroupTransition.group_id == pair.id)).all()
        assert [(t.from_status, t.to_status, t.actor) for t in steps] == [(None, "proposed", "matcher")]
        pair_id = pair.id
    with session_factory() as session, session.begin():
        second = save_match_result(session, run(((a.id, b.id), 0.9), ((c.id,), 0.0)))
    assert (second.created, second.unchanged, second.superseded) == (0, 2, 0)
    with session_factory() as session:
        assert session.get_one(MatchGroupRow, pair_id).confidence == pytest.approx(0.9)
        revision = session.get_one(MatchGroupRow, pair_id).revision
    with session_factory() as session, session.begin():
        third = save_match_result(session, run(((a.id, b.id, c.id), 0.7)))
    # the pair's proposal grows in place (its id, history and followers kept); c's lone one is absorbed
    assert (third.created, third.grown, third.unchanged, third.superseded) == (0, 1, 0, 1)
    with session_factory() as session:
        grown = session.get_one(MatchGroupRow, pair_id)
        assert grown.status == "proposed" and grown.revision == revision + 1
        assert sorted(m.document_id for m in grown.members) == sorted([a.id, b.id, c.id])
        assert grown.confidence == pytest.approx(0.7)
        alone = session.scalars(
            select(MatchGroupRow)
            .join(MatchMember)
            .where(MatchMember.document_id == c.id, MatchGroupRow.id != pair_id)
        ).one()
        assert alone.status == "superseded"
        last = session.scalars(
            select(GroupTransition).where(GroupTransition.group_id == alone.id).order_by(GroupTransition.id)
        ).all()[-1]
        assert (last.from_status, last.to_status, last.actor) == ("proposed", "superseded", "matcher")
        assert "newer matching run" in last.reason
        assert sorted(live_sets(session)) == [frozenset({a.id, b.id, c.id})]
    with session_factory() as session:  # a lead confirming from the page shown before it grew is refused
        with pytest.raises(StaleRevision):
            transition(session, pair_id, Status.CONFIRMED, LEAD, expected_revision=revision)
        session.rollback()
    with session_factory() as session, session.begin():
        fourth = save_match_result(session, run(((a.id, c.id), 0.6), ((b.id,), 0.0)))
    # a group that is no proposal's superset is new; the proposal it took members from is superseded
    assert (fourth.created, fourth.grown, fourth.superseded) == (2, 0, 1)
    with session_factory() as session:
        assert session.get_one(MatchGroupRow, pair_id).status == "superseded"
        assert sorted(live_sets(session)) == sorted([frozenset({a.id, c.id}), frozenset({b.id})])


def test_a_snapshot_is_kept_apart_until_a_lead_clears_captured_from(session_factory, library) -> None:
    # A trust's document recorded as a snapshot of a web page (core.parsers.provenance) is kept apart from
    # its topic's group; once its lead says it is their own document, the next match groups it again.
    from dataclasses import replace

    from converge.workflow.corrections import update_metadata

    docs, _, _ = library
    a, b, c = three_trust_group(library)
    copied = replace(c, meta={**c.meta, "captured_from": "https://example.org/page"})
    store(session_factory, [copied if d.id == c.id else d for d in docs])
    with session_factory() as session, session.begin():
        match_library(session)
        assert not any(c.id in s and len(s) > 1 for s in live_sets(session))
        assert any({a.id, b.id} <= s for s in live_sets(session))
    with session_factory() as session, session.begin():
        assert update_metadata(session, c.id, {"captured_from": ""}, Actor("qeh", "lead", c.trust), "ours")
    with session_factory() as session, session.begin():
        assert "captured_from" not in session.get(StoredDocument, c.id).structure["meta"]
        match_library(session)
        assert any({a.id, b.id, c.id} <= s for s in live_sets(session))
