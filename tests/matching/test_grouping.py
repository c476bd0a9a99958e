import dataclasses

import pytest
from synth import topic_library

from converge.matching import Decisions, MatchIndex, MatchSettings, match_documents
from converge.matching.grouping import GroupingRules, group_links
from converge.model import Document


@pytest.fixture(scope="module")
def library() -> list[Document]:
    return topic_library()[0]


@pytest.fixture(scope="module")
def index(library) -> MatchIndex:
    return MatchIndex(library)


def by_id(docs, doc_id):
    return next(d for d in docs if d.id == doc_id)


def test_at_most_one_document_per_trust(index):
    for g in index.match().groups:
        trusts = [index.trust_of[m] for m in g.members]
        assert len(trusts) == len(set(trusts)) or g.split_trusts


def test_gaps_name_the_missing_trusts(index):
    result = index.match()
    gap = next(g for g in result.gaps if "JPUH:surgical-site-marking" in g.members)
    assert gap.missing == ("NNUH",)
    assert all(
        set(g.missing) | {index.trust_of[m] for m in g.members} == set(result.trusts) for g in result.gaps
    )


def test_every_document_is_in_exactly_one_group(index, library):
    members = [m for g in index.match().groups for m in g.members]
    assert sorted(members) == sorted(d.id for d in library)


def test_trusts_are_data_not_three(library):
    fourth = [
        dataclasses.replace(d, id=d.id.replace("QEH", "NCH"), trust="NCH")
        for d in library
        if d.trust == "QEH"
    ]
    result = match_documents(library + fourth)
    assert "NCH" in result.trusts
    g = result.group_of("NCH:sepsis-adult")
    assert {"JPUH:sepsis-adult", "QEH:sepsis-adult", "NNUH:sepsis-adult"} <= set(g.members)


def test_rejected_pair_is_never_linked(index):
    decisions = Decisions.of(rejected=[("JPUH:sepsis-adult", "NNUH:sepsis-adult")])
    g = index.match(decisions).group_of("JPUH:sepsis-adult")
    assert "NNUH:sepsis-adult" not in g.members


def test_confirmed_pair_stays_together_even_against_the_evidence(index):
    decisions = Decisions.of(confirmed=[("JPUH:consent", "QEH:chaperones")])
    g = index.match(decisions).group_of("JPUH:consent")
    assert "QEH:chaperones" in g.members
    assert {"JPUH:consent", "QEH:chaperones"} <= g.confirmed


def test_confirmed_group_can_gain_a_proposed_member(index):
    decisions = Decisions.of(confirmed=[("JPUH:sepsis-adult", "NNUH:sepsis-adult")])
    g = index.match(decisions).group_of("JPUH:sepsis-adult")
    assert "QEH:sepsis-adult" in g.members and "QEH:sepsis-adult" not in g.confirmed
    assert g.proposed


def test_no_counterpart_stays_alone(index):
    decisions = Decisions.of(no_counterpart=["QEH:sepsis-adult"])
    result = index.match(decisions)
    assert result.group_of("QEH:sepsis-adult").members == ("QEH:sepsis-adult",)
    assert len(result.group_of("JPUH:sepsis-adult").members) == 2


def test_split_topic_is_grouped_when_both_halves_link(library):
    qeh = by_id(library, "QEH:sepsis-adult")
    half = len(qeh.sections) // 2
    first = dataclasses.replace(
        qeh,
        id="QEH:sepsis-recognition",
        title="Recognition of Sepsis in Adults",
        sections=qeh.sections[:half],
    )
    second = dataclasses.replace(
        qeh, id="QEH:sepsis-treatment", title="Treatment of Sepsis in Adults", sections=qeh.sections[half:]
    )
    docs = [d for d in library if d.id != qeh.id] + [first, second]
    g = match_documents(docs).group_of("JPUH:sepsis-adult")
    assert {"NNUH:sepsis-adult", "QEH:sepsis-recognition", "QEH:sepsis-treatment"} <= set(g.members)
    assert g.split_trusts == ("QEH",)
    off = match_documents(docs, MatchSettings(allow_split=False)).group_of("JPUH:sepsis-adult")
    assert len([m for m in off.members if m.startswith("QEH")]) == 1


def test_best_link_wins_and_weak_chains_are_refused():
    trust = {"a1": "A", "b1": "B", "c1": "C", "b2": "B"}
    scores = {frozenset(("a1", "b1")): 0.9, frozenset(("a1", "b2")): 0.8, frozenset(("b1", "c1")): 0.7}
    links = [(*sorted(k), v) for k, v in scores.items()]
    clusters = group_links(
        trust,
        trust,
        links,
        lambda x, y: scores.get(frozenset((x, y)), 0.0),
        GroupingRules(threshold=0.5, min_average_link=0.6, allow_split=False),
    )
    groups = sorted(sorted(c.members) for c in clusters)
    # c1 links only to b1: the average over {a1, b1} x {c1} is 0.35, below 0.6, so no chain.
    assert groups == [["a1", "b1"], ["b2"], ["c1"]]


def test_match_new_finds_counterparts_of_an_upload(library):
    upload = by_id(library, "QEH:sepsis-adult")
    index = MatchIndex([d for d in library if d.id != upload.id])
    links = index.match_new(upload)
    assert {s.b for s in links} == {"JPUH:sepsis-adult", "NNUH:sepsis-adult"}
    assert all(s.confidence >= 0.5 and s.shared_terms for s in links)
