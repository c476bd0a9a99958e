"""The shared draft: assembled from decisions with clause sources, edited with history, exported as DOCX."""

from __future__ import annotations

import io

import docx
import pytest

from converge.core.diff import diff_group
from converge.core.errors import ReviewError
from converge.core.model import Block, BlockKind, Document, Section, SourceRef, make_document_id
from converge.store.models import GroupTransition, MatchGroupRow, MatchMember
from converge.workflow.actors import Actor, NotPermitted
from converge.workflow.comparison.compute import diff_context_for, group_documents
from converge.workflow.comparison.differences import build_review
from converge.workflow.draft import (
    assemble_draft,
    choose_base,
    clauses_of,
    current_sections,
    export_docx,
    save_section,
    section_history,
    version_history,
)
from converge.workflow.library import get_or_create_trust, store_document
from converge.workflow.review import StaleRevision, record_decision, sign_off, transition
from converge.workflow.signoff import Rules
from converge.workflow.status import Status

LEAD = Actor("lead.jpuh", "lead", "JPUH")
REVIEWER = Actor("dr.reviewer", "reviewer")
OTHER = Actor("nurse.other", "reviewer")


def _section(number: str, heading: str, *paragraphs: str) -> Section:
    return Section(
        heading=heading,
        number=number,
        level=1,
        blocks=tuple(Block(BlockKind.PARAGRAPH, p) for p in paragraphs),
    )


def _doc(trust: str, sections: tuple[Section, ...], sha: str) -> Document:
    source = SourceRef(
        path=f"{trust}/sepsis.docx", media_type="application/docx", sha256=sha, parser="test@1"
    )
    return Document(
        id=make_document_id(trust, sha),
        trust=trust,
        title="Sepsis in adults",
        source=source,
        sections=sections,
        meta={"specialty": "Acute Medicine", "reference": f"{trust}-CG-12", "version": "3.0"},
    )


def sepsis_docs() -> list[Document]:
    """JPUH: NEWS2 5 or more, no training section. NNUH: NEWS2 7 or more, and training (more complete)."""
    jpuh = _doc(
        "JPUH",
        (
            _section("1", "Purpose", "This guideline sets out how to recognise and treat sepsis in adults."),
            _section(
                "2",
                "Recognition",
                "Screen adults for sepsis when the NEWS2 score is 5 or more. Record the score in the notes.",
                "Take blood cultures before antibiotics.",
            ),
            _section("3", "Treatment", "Give antibiotics within 1 hour of recognition."),
        ),
        "a" * 64,
    )
    nnuh = _doc(
        "NNUH",
        (
            _section("1", "Purpose", "This guideline sets out how to recognise and treat sepsis in adults."),
            _section(
                "2",
                "Recognition",
                "Screen adults for sepsis when the NEWS2 score is 7 or more. Record the score in the notes.",
                "Take blood cultures before antibiotics.",
            ),
            _section("3", "Treatment", "Give antibiotics within 3 hours of recognition."),
            _section("4", "Training", "All ward nurses must complete sepsis training every year."),
        ),
        "b" * 64,
    )
    return [jpuh, nnuh]


@pytest.fixture
def group_id(session_factory) -> int:  # type: ignore[no-untyped-def]
    """A confirmed group of the two sepsis documents."""
    with session_factory() as session, session.begin():
        ids = []
        for doc in sepsis_docs():
            trust = get_or_create_trust(session, doc.trust, f"{doc.trust} Hospitals NHS Foundation Trust")
            store_document(session, trust, doc, original=None)
            ids.append(doc.id)
        group = MatchGroupRow(
            status=Status.PROPOSED,
            confidence=0.9,
            topic="Sepsis in adults",
            specialty="Acute Medicine",
            members=[MatchMember(document_id=d) for d in ids],
        )
        session.add(group)
        session.flush()
        session.add(
            GroupTransition(group_id=group.id, from_status=None, to_status=Status.PROPOSED, actor="matcher")
        )
        transition(session, group.id, Status.CONFIRMED, LEAD)
        return group.id


def _changes(session, gid: int) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Difference keys (as the review page shows them) by the words that changed at each trust."""
    group = session.get(MatchGroupRow, gid)
    docs = group_documents(session, group)
    review = build_review(docs, diff_group(docs, diff_context_for(session)))
    return {"|".join(s.changed for s in d.sides): d.key for d in review.differences}


def _significant(session, gid: int) -> list[str]:  # type: ignore[no-untyped-def]
    group = session.get(MatchGroupRow, gid)
    docs = group_documents(session, group)
    review = build_review(docs, diff_group(docs, diff_context_for(session)))
    return [d.key for d in review.differences if d.significant]


def _key(keys: dict[str, str], needle: str) -> str:
    found = [k for text, k in keys.items() if needle in text]
    assert found, f"no difference with {needle!r} in {list(keys)}"
    return found[0]


def test_base_is_the_most_complete_document_and_says_why() -> None:
    base = choose_base(sepsis_docs())
    assert base.trust == "NNUH"
    assert (
        "most complete" in base.reason and "4 sections" in base.reason and "JPUH: 3 sections" in base.reason
    )


def test_draft_follows_decisions_and_links_each_clause_to_its_sources(session_factory, group_id: int) -> None:
    with session_factory() as session, session.begin():
        keys = _changes(session, group_id)
        record_decision(session, group_id, _key(keys, "5"), "adopt", REVIEWER, adopted_trust="JPUH")
        record_decision(
            session,
            group_id,
            _key(keys, "1 hour"),
            "new_text",
            REVIEWER,
            text="Give antibiotics within 1 hour of recognition of red flag sepsis.",
        )
        rows = assemble_draft(session, group_id, REVIEWER)
    with session_factory() as session:
        sections = current_sections(session, group_id)
        assert [s.heading for s in sections] == ["Purpose", "Recognition", "Treatment", "Training"]
        recognition, treatment, training = sections[1], sections[2], sections[3]
        # The adopted JPUH threshold replaced NNUH's (the base), the rest of the paragraph is NNUH's.
        assert "NEWS2 score is 5 or more" in recognition.text and "7 or more" not in recognition.text
        assert recognition.text.split("\n\n") == [
            "Screen adults for sepsis when the NEWS2 score is 5 or more. Record the score in the notes.",
            "Take blood cultures before antibiotics.",
        ]
        clauses = clauses_of(recognition)
        adopted = next(c for c in clauses if "5 or more" in c.text)
        assert adopted.how == "adopted" and [s.trust for s in adopted.sources] == ["JPUH"]
        assert adopted.sources[0].section == ("Recognition",) and adopted.decision_id is not None
        assert "JPUH wording adopted" in adopted.note and REVIEWER.name in adopted.note
        same = next(c for c in clauses if c.text.startswith("Take blood cultures"))
        assert same.how == "base" and {s.trust for s in same.sources} == {"NNUH", "JPUH"}
        assert {s.document_id.split(":")[0] for s in same.sources} == {"NNUH", "JPUH"}
        assert treatment.text == "Give antibiotics within 1 hour of recognition of red flag sepsis."
        assert clauses_of(treatment)[0].how == "new_text"
        # A section only the base has is kept, linked to NNUH only.
        assert [s.trust for s in clauses_of(training)[0].sources] == ["NNUH"]
        assert all(r.revision == 1 for r in rows)
        assert session.get(MatchGroupRow, group_id).status == Status.IN_REVIEW


def test_a_sentence_only_the_adopted_trust_has_is_inserted_in_order(session_factory) -> None:
    with session_factory() as session, session.begin():
        a = _doc(
            "JPUH",
            (
                _section(
                    "1", "Recognition", "Check the NEWS2 score. Call the outreach team. Start the sepsis six."
                ),
            ),
            "c" * 64,
        )
        b = _doc(
            "NNUH",
            (
                _section("1", "Recognition", "Check the NEWS2 score. Start the sepsis six."),
                _section("2", "Scope", "Adults on every ward."),
            ),
            "d" * 64,
        )
        ids = []
        for doc in (a, b):
            store_document(session, get_or_create_trust(session, doc.trust), doc, original=None)
            ids.append(doc.id)
        group = MatchGroupRow(
            status=Status.CONFIRMED, topic="Sepsis", members=[MatchMember(document_id=d) for d in ids]
        )
        session.add(group)
        session.flush()
        keys = _changes(session, group.id)
        record_decision(session, group.id, _key(keys, "outreach"), "adopt", REVIEWER, adopted_trust="JPUH")
        assemble_draft(session, group.id, REVIEWER)
        first = current_sections(session, group.id)[0]
        assert first.text == "Check the NEWS2 score. Call the outreach team. Start the sepsis six."
        assert [c.how for c in clauses_of(first)] == ["base", "adopted", "base"]


def test_local_variation_and_defer_keep_the_base_text_with_a_note(session_factory, group_id: int) -> None:
    with session_factory() as session, session.begin():
        keys = _changes(session, group_id)
        record_decision(
            session, group_id, _key(keys, "5"), "local_variation", REVIEWER, reason="QEH population differs"
        )
        record_decision(session, group_id, _key(keys, "1 hour"), "defer", REVIEWER)
        assemble_draft(session, group_id, REVIEWER)
        recognition, treatment = current_sections(session, group_id)[1:3]
        assert "7 or more" in recognition.text
        note = next(c.note for c in clauses_of(recognition) if "7 or more" in c.text)
        assert "local variation accepted" in note and "QEH population differs" in note
        # Deferred is not decided: the draft shows both trusts' wording, marked, never the base's alone.
        deferred = clauses_of(treatment)[0]
        assert "deferred" in deferred.note and deferred.how == "undecided"
        assert deferred.text == (
            "UNDECIDED: JPUH says \u201cGive antibiotics within 1 hour of recognition.\u201d; "
            "NNUH says \u201cGive antibiotics within 3 hours of recognition.\u201d."
        )


def test_saving_a_section_keeps_history_links_kept_clauses_and_refuses_stale_edits(
    session_factory, group_id: int
) -> None:
    with session_factory() as session, session.begin():
        assemble_draft(session, group_id, REVIEWER)
    with session_factory() as session, session.begin():
        recognition = current_sections(session, group_id)[1]
        assert recognition.revision == 1
        text = recognition.text.replace(
            "Take blood cultures before antibiotics.", "Take two sets of blood cultures before antibiotics."
        )
        saved = save_section(session, group_id, 1, text, REVIEWER, expected_revision=1)
        assert saved.revision == 2 and saved.current
        clauses = clauses_of(saved)
        assert clauses[0].how == "undecided"  # the undecided threshold stays marked through an edit
        kept = next(c for c in clauses if c.text.startswith("Record the score"))
        assert kept.how == "base" and kept.sources  # unchanged sentence keeps its sources
        edited = next(c for c in clauses if "two sets" in c.text)
        assert edited.how == "edited" and edited.sources == [] and REVIEWER.name in edited.note
    with session_factory() as session, session.begin():
        # Another reviewer opened the section at revision 1: their save must not overwrite silently.
        with pytest.raises(StaleRevision, match="dr.reviewer"):
            save_section(session, group_id, 1, "Overwrite.", OTHER, expected_revision=1)
    with session_factory() as session:
        versions = section_history(session, group_id, 1)
        assert [(v.revision, v.current) for v in versions] == [(2, True), (1, False)]
        assert "two sets" in current_sections(session, group_id)[1].text


def test_only_reviewers_edit_and_only_while_in_review(session_factory, group_id: int) -> None:
    with session_factory() as session, session.begin():
        with pytest.raises(NotPermitted):
            assemble_draft(session, group_id, Actor("auditor", "viewer"))
        assemble_draft(session, group_id, REVIEWER)
        transition(session, group_id, Status.DRAFT_AGREED, REVIEWER, rules=Rules("reviewer"))
        with pytest.raises(ReviewError, match="in review"):
            save_section(session, group_id, 0, "Late edit.", REVIEWER, expected_revision=1)


def test_export_has_front_sheet_sections_sources_and_version_history(session_factory, group_id: int) -> None:
    with session_factory() as session, session.begin():
        keys = _changes(session, group_id)
        record_decision(session, group_id, _key(keys, "5"), "adopt", REVIEWER, adopted_trust="JPUH")
        for key in _significant(session, group_id):
            if key != _key(keys, "5"):
                record_decision(session, group_id, key, "adopt", REVIEWER, adopted_trust="NNUH")
        assemble_draft(session, group_id, REVIEWER)
        section = current_sections(session, group_id)[0]
        save_section(
            session,
            group_id,
            0,
            section.text + " It applies to every adult inpatient ward.",
            OTHER,
            expected_revision=section.revision,
        )
        transition(session, group_id, Status.DRAFT_AGREED, REVIEWER)
        sign_off(session, group_id, LEAD)
        sign_off(session, group_id, Actor("lead.nnuh", "lead", "NNUH"))  # the last sign-off approves
    with session_factory() as session:
        data = export_docx(session, group_id)
        versions = version_history(session, group_id)
    assert data[:2] == b"PK"
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Sepsis in adults"
    front = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert front["Reference"] == "To be assigned"
    assert front["Status"] == "Approved" and front["Version"] == "1.0"
    assert front["Date approved"] != "Not yet approved" and front["Review date"].endswith(
        str(int(front["Date approved"][-4:]) + 3)
    )
    assert "JPUH – JPUH Hospitals NHS Foundation Trust" in front["Trusts"] and "NNUH" in front["Trusts"]
    assert "JPUH-CG-12" in front["Supersedes"]
    for key in ("Title", "Version", "Owner", "Approving committee", "Date drafted", "Review date"):
        assert front[key]
    assert "2. Recognition" in texts and "4. Training" in texts
    body = "\n".join(texts)
    assert "NEWS2 score is 5 or more" in body and "every adult inpatient ward" in body
    sources = document.tables[1]
    assert any("JPUH: Recognition" in row.cells[3].text for row in sources.rows)
    history_rows = [[c.text for c in row.cells] for row in document.tables[2].rows][1:]
    assert [r[0] for r in history_rows] == [v.version for v in versions]
    changes = [r[3] for r in history_rows]
    assert any(c.startswith("Draft assembled") for c in changes)
    assert any("Purpose" in c and "edited" in c for c in changes)
    assert changes[-1].startswith("Status: Approved") and history_rows[-1][0] == "1.0"
    assert history_rows[-1][2] == "lead.nnuh" and "signed off by every member trust" in changes[-1]
