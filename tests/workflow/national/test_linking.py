"""Proposing links (pure): cited codes count, a guideline for another population is never proposed."""

from __future__ import annotations

from converge.workflow.national.linking import own_codes, propose, replaced_codes
from tests.workflow.national.builders import document, local_sepsis, national_sepsis, section


def _paediatric_sepsis():  # type: ignore[no-untyped-def]
    return document(
        "NICE",
        "ng254",
        "Paediatric sepsis: recognition in children and young people",
        section(
            "Recognition",
            "Assess paediatric patients and young people with suspected sepsis using paediatric early "
            "warning scores.",
            "Give intravenous antibiotics within 1 hour to paediatric patients at high risk of sepsis.",
            "Measure serum lactate in young people with suspected sepsis and repeat it if it is raised.",
        ),
    )


def test_a_cited_code_links_with_its_evidence() -> None:
    [link] = [
        p for p in propose([local_sepsis()], [national_sepsis(), _paediatric_sepsis()]) if p.score >= 0.9
    ]
    assert link.national_id == national_sepsis().id
    assert any(e["kind"] == "cites" and "NG51" in e["detail"] for e in link.evidence)


def test_a_guideline_for_another_population_is_not_proposed() -> None:
    adult = document(
        "MWL",
        "adult",
        "Adult sepsis pathway",
        section(
            "Adults",
            "Adult patients with suspected sepsis: give intravenous antibiotics within 1 hour to adult "
            "patients at high risk.",
            "Measure serum lactate in adult patients with suspected sepsis and repeat it if it is raised.",
        ),
    )
    links = propose([adult], [_paediatric_sepsis()])
    assert links == []


def test_a_national_documents_own_and_replaced_codes() -> None:
    assert "NG51" in own_codes(national_sepsis())
    head = document(
        "NICE", "h", "Head injury (NG232)", section("About", "This guideline replaces CG176 and CG56.")
    )
    assert replaced_codes(head) == {"CG176", "CG56"}
