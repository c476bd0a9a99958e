"""Links, their audited decisions, justified deviations, outdated references and the register."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from converge.core.errors import NotFound
from converge.store.models import DeviationNote, NationalLink, StoredDocument, Trust
from converge.workflow.actors import Actor, NotPermitted
from converge.workflow.national.deviations import alignment_register, justify, unjustified_by_trust
from converge.workflow.national.linking import decide_link, link_history, link_library, links_of, set_kind

LEAD = Actor("lead.mwl", "lead", "MWL")
OTHER_LEAD = Actor("lead.jpuh", "lead", "JPUH")


def _doc_id(session, title: str) -> str:  # type: ignore[no-untyped-def]
    return session.scalar(select(StoredDocument.id).where(StoredDocument.title == title))


def _link(session, local_title: str) -> NationalLink:  # type: ignore[no-untyped-def]
    word = "sepsis" if "sepsis" in local_title else "head injury"
    [link] = [x for x in links_of(session, _doc_id(session, local_title)) if word in x.national.title.lower()]
    return link


def test_marking_an_unknown_organisation_national_is_refused(library) -> None:  # type: ignore[no-untyped-def]
    with library() as session, pytest.raises(NotFound):
        set_kind(session, "NOPE", "national")
    with library() as session, pytest.raises(ValueError):
        set_kind(session, "NICE", "royal")


def test_local_documents_link_to_the_national_guidance_they_cite_with_evidence(library) -> None:  # type: ignore[no-untyped-def]
    with library() as session, session.begin():
        link_library(session)
    with library() as session:
        sepsis = links_of(session, _doc_id(session, "Adult sepsis pathway"))
        assert sepsis and sepsis[0].national.title.startswith("Suspected sepsis")
        assert sepsis[0].status == "proposed"
        assert any(e["kind"] == "cites" and "NG51" in e["detail"] for e in sepsis[0].evidence)
        assert not any("Asthma" in x.national.title for x in sepsis)
        # national documents are never linked as if they were local ones
        nat_ids = set(session.scalars(select(StoredDocument.id).join(Trust).where(Trust.kind == "national")))
        assert not set(session.scalars(select(NationalLink.local_id))) & nat_ids


def test_relinking_keeps_a_leads_decision(library) -> None:  # type: ignore[no-untyped-def]
    with library() as session, session.begin():
        link_library(session)
        link = _link(session, "Adult sepsis pathway")
        decide_link(session, link.id, "rejected", LEAD, "wrong guideline")
    with library() as session, session.begin():
        link_library(session)
    with library() as session:
        assert session.get(NationalLink, link.id).status == "rejected"
        [event] = link_history(session, link.id)
        assert (event.from_status, event.to_status, event.actor, event.reason) == (
            "proposed",
            "rejected",
            "lead.mwl",
            "wrong guideline",
        )


def test_only_the_documents_own_lead_decides_and_a_rejection_needs_a_reason(library) -> None:  # type: ignore[no-untyped-def]
    with library() as session, session.begin():
        link_library(session)
        link = _link(session, "Adult sepsis pathway")
        with pytest.raises(NotPermitted):
            decide_link(session, link.id, "confirmed", Actor("r", "reviewer"))
        with pytest.raises(NotPermitted):
            decide_link(session, link.id, "confirmed", OTHER_LEAD)
        with pytest.raises(ValueError):
            decide_link(session, link.id, "rejected", LEAD, "  ")
        decide_link(session, link.id, "confirmed", LEAD)
        assert link.status == "confirmed"


def test_departures_are_unjustified_until_a_lead_records_the_local_deviation(library) -> None:  # type: ignore[no-untyped-def]
    with library() as session, session.begin():
        link_library(session)
        decide_link(session, _link(session, "Adult sepsis pathway").id, "confirmed", LEAD)
    with library() as session, session.begin():
        [report] = [r for r in alignment_register(session, "MWL") if r.local.title == "Adult sepsis pathway"]
        [dep] = report.unjustified
        assert dep.category == "time_limit" and report.status == "unjustified departures"
        assert ("MWL", "unassigned") in unjustified_by_trust([report])
        with pytest.raises(ValueError):
            justify(session, report.link.id, dep, " ", LEAD)
        with pytest.raises(NotPermitted):
            justify(session, report.link.id, dep, "reason", OTHER_LEAD)
        justify(session, report.link.id, dep, "first reason", LEAD)
        justify(session, report.link.id, dep, "rural site: transfer times", LEAD)
    with library() as session:
        [report] = [r for r in alignment_register(session, "MWL") if r.local.title == "Adult sepsis pathway"]
        assert report.unjustified == [] and report.status == "departures justified"
        assert report.justified[dep.key].reason == "rural site: transfer times"
        notes = list(session.scalars(select(DeviationNote).order_by(DeviationNote.id)))
        assert len(notes) == 2 and notes[0].superseded_by_id == notes[1].id  # kept, superseded


def test_a_local_document_citing_a_code_its_source_replaces_is_an_outdated_reference(library) -> None:  # type: ignore[no-untyped-def]
    with library() as session, session.begin():
        link_library(session)
        link = _link(session, "Adult minor head injury")
        decide_link(session, link.id, "confirmed", LEAD)
    with library() as session:
        [report] = [
            r for r in alignment_register(session, "MWL") if r.local.title == "Adult minor head injury"
        ]
        assert report.outdated and "CG176" in report.outdated
        assert report.status == "outdated national reference"
        assert any(d.category == "time_limit" for d in report.alignment.departures)


def test_the_register_holds_confirmed_links_only_unless_asked(library) -> None:  # type: ignore[no-untyped-def]
    with library() as session, session.begin():
        link_library(session)
    with library() as session:
        assert alignment_register(session) == []
        assert alignment_register(session, include_proposed=True)


def test_a_proposal_no_longer_made_is_withdrawn_not_deleted(library) -> None:  # type: ignore[no-untyped-def]
    with library() as session, session.begin():
        link_library(session)
        before = {
            x.id for x in session.scalars(select(NationalLink).where(NationalLink.status == "proposed"))
        }
        assert before
    with library() as session, session.begin():
        set_kind(session, "NICE", "trust")  # no national library any more: nothing is proposed
        link_library(session)
    with library() as session:
        kept = {x.id: x.status for x in session.scalars(select(NationalLink))}
        assert set(kept) == before
        assert {kept[i] for i in before} == {"withdrawn"}
        withdrawn = next(i for i in before if kept[i] == "withdrawn")
        assert withdrawn not in {
            x.id for x in links_of(session, session.get(NationalLink, withdrawn).local_id)
        }
