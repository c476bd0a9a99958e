import dataclasses

import pytest
from synth import topic_library

from converge.core.matching import Decisions, MatchIndex, MatchSettings, match_documents
from converge.core.matching.grouping import GroupingRules, group_links
from converge.core.model import Document


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


def _many(trusts: str, second: str | None = None) -> tuple[list[str], dict[str, str]]:
    ids = [f"{t}:leaflet" for t in trusts] + ([f"{second}:leaflet-2"] if second else [])
    return ids, {i: i.split(":")[0] for i in ids}


def test_a_group_of_many_organisations_forms_whole():
    """Sixteen publishers of one leaflet: every link fair, none perfect, the group forms as one."""
    ids, trust_of = _many("ABCDEFGHIJKLMNOP")
    scores = {
        frozenset((a, b)): 0.55 + 0.02 * ((i + j) % 5) for i, a in enumerate(ids) for j, b in enumerate(ids)
    }
    links = [(a, b, scores[frozenset((a, b))]) for a in ids for b in ids if a < b]
    clusters = group_links(ids, trust_of, links, lambda a, b: scores[frozenset((a, b))], GroupingRules())
    assert sorted(len(c.members) for c in clusters) == [16]


def test_two_documents_of_one_organisation_join_when_both_are_equivalent_to_the_others():
    ids, trust_of = _many("ABCDEF", second="A")

    def score(a: str, b: str) -> float:
        return 0.7

    links = [(a, b, 0.7) for a in ids for b in ids if a < b and trust_of[a] != trust_of[b]]
    clusters = group_links(
        ids, trust_of, links, score, GroupingRules(), union_helps=lambda halves, others: True
    )
    assert sorted(len(c.members) for c in clusters) == [7]
    whole = next(c for c in clusters if len(c.members) == 7)
    assert whole.trusts["A"] == {"A:leaflet", "A:leaflet-2"}


def test_a_near_miss_never_joins_a_large_group():
    """X (a child's leaflet) links fairly to one adult leaflet but clearly conflicts with the others."""
    ids, trust_of = _many("ABCDE")
    ids.append("X:child")
    trust_of["X:child"] = "X"

    def score(a: str, b: str) -> float:
        if "X:child" in (a, b):
            return 0.6 if "A:leaflet" in (a, b) else 0.01
        return 0.7

    links = [(a, b, score(a, b)) for a in ids for b in ids if a < b]
    clusters = group_links(ids, trust_of, links, score, GroupingRules())
    child = next(c for c in clusters if "X:child" in c.members)
    assert child.members == {"X:child"}
    assert sorted(len(c.members) for c in clusters) == [1, 5]


def _two_groups_sharing_a_trust():
    """A's second leaflet links first to F and G, so greedy order builds {A2, F, G} beside {A, B, C, D, E}:
    the two groups cannot merge in the main pass, as A sits in both."""
    ids = [
        "A:leaflet-2",
        "F:leaflet",
        "G:leaflet",
        "A:leaflet",
        "B:leaflet",
        "C:leaflet",
        "D:leaflet",
        "E:leaflet",
    ]
    trust_of = {i: i.split(":")[0] for i in ids}
    first = {"A:leaflet-2", "F:leaflet", "G:leaflet"}

    def score(a: str, b: str) -> float:
        return 0.9 if {a, b} <= first else 0.7 if ({a, b} & first) == set() else 0.55

    links = [(a, b, score(a, b)) for a in ids for b in ids if a < b and trust_of[a] != trust_of[b]]
    return ids, trust_of, links, score


def test_groups_kept_apart_only_by_a_shared_trust_merge_when_its_two_documents_belong_together():
    ids, trust_of, links, score = _two_groups_sharing_a_trust()
    clusters = group_links(ids, trust_of, links, score, GroupingRules(), union_helps=lambda h, o: True)
    assert sorted(len(c.members) for c in clusters) == [8]
    assert next(iter(clusters)).trusts["A"] == {"A:leaflet", "A:leaflet-2"}


def test_groups_sharing_a_trust_stay_apart_when_its_two_documents_do_not_add_up():
    ids, trust_of, links, score = _two_groups_sharing_a_trust()
    clusters = group_links(ids, trust_of, links, score, GroupingRules(), union_helps=lambda h, o: False)
    assert sorted(len(c.members) for c in clusters) == [3, 5]
    off = group_links(
        ids, trust_of, links, score, GroupingRules(allow_split=False), union_helps=lambda h, o: True
    )
    assert sorted(len(c.members) for c in off) == [3, 5]


def test_groups_sharing_a_trust_stay_apart_when_one_pair_clearly_conflicts():
    ids, trust_of, links, score = _two_groups_sharing_a_trust()

    def with_conflict(a: str, b: str) -> float:
        return 0.01 if {a, b} == {"G:leaflet", "E:leaflet"} else score(a, b)

    clusters = group_links(
        ids, trust_of, links, with_conflict, GroupingRules(), union_helps=lambda h, o: True
    )
    assert sorted(len(c.members) for c in clusters) == [3, 5]


def test_neighbouring_topics_at_the_same_three_trusts_never_join_as_a_split():
    """Adult and child sepsis at three trusts: two groups sharing every trust, linked fairly across."""
    ids = ["A:adult", "B:adult", "C:adult", "A:child", "B:child", "C:child"]
    trust_of = {i: i.split(":")[0] for i in ids}

    def score(a: str, b: str) -> float:
        return 0.9 if a.split(":")[1] == b.split(":")[1] else 0.6

    links = [(a, b, score(a, b)) for a in ids for b in ids if a < b and trust_of[a] != trust_of[b]]
    clusters = group_links(ids, trust_of, links, score, GroupingRules(), union_helps=lambda h, o: True)
    assert sorted(len(c.members) for c in clusters) == [3, 3]


def test_a_named_conflict_keeps_a_trusts_second_document_out_whatever_the_links():
    """A's second document (for neonates) links well to the others, but conflicts with C's: never joins."""
    ids, trust_of = _many("ABCDEF", second="A")

    def score(a: str, b: str) -> float:
        return 0.7

    def conflicts(a: str, b: str) -> bool:
        return "A:leaflet-2" in (a, b) and "C:leaflet" in (a, b)

    links = [(a, b, 0.7) for a in ids for b in ids if a < b and trust_of[a] != trust_of[b]]
    clusters = group_links(
        ids, trust_of, links, score, GroupingRules(), union_helps=lambda h, o: True, conflicts=conflicts
    )
    assert sorted(len(c.members) for c in clusters) == [1, 6]
    assert next(c for c in clusters if "A:leaflet-2" in c.members).members == {"A:leaflet-2"}


def _second_versions(table: dict[tuple[str, str], float], conflicts=None):  # type: ignore[no-untyped-def]
    """Group documents named "TRUST:name" from a table of pair scores (within a trust too), where a trust's
    two documents never add up as halves of one topic (their union never helps)."""
    ids = sorted({k for pair in table for k in pair})
    trust_of = {i: i.split(":")[0] for i in ids}
    score = {frozenset(k): v for k, v in table.items()}
    links = [(a, b, v) for (a, b), v in table.items() if trust_of[a] != trust_of[b]]
    clusters = group_links(
        ids,
        trust_of,
        links,
        lambda a, b: score.get(frozenset((a, b)), 0.0),
        GroupingRules(),
        union_helps=lambda halves, others: False,
        conflicts=conflicts,
    )
    return sorted(sorted(c.members) for c in clusters)


def test_a_trusts_second_document_equivalent_on_its_own_joins_though_the_two_do_not_add_up():
    """A guideline and its awareness summary at one trust, each a match of the national guideline: the two
    say the same, so together they resemble it no better than the guideline alone, yet both belong."""
    groups = _second_versions(
        {("A:guideline", "N:national"): 0.99, ("A:summary", "N:national"): 0.85, ("A:guideline", "A:summary"): 0.99}
    )
    assert groups == [["A:guideline", "A:summary", "N:national"]]


def test_a_neighbouring_topic_linked_above_the_threshold_stays_out_when_less_alike_its_trusts_document():
    """A national delirium guideline and a violence-and-aggression one that a local delirium pathway
    touches (rapid tranquillisation): the second links at 0.56, but the two national documents resemble
    each other less (0.52) than that, so it is not another version of the topic."""
    table = {("L:delirium", "N:delirium"): 0.99, ("L:delirium", "N:violence"): 0.56}
    assert _second_versions({**table, ("N:delirium", "N:violence"): 0.52}) == [
        ["L:delirium", "N:delirium"],
        ["N:violence"],
    ]
    assert _second_versions({**table, ("N:delirium", "N:violence"): 0.6}) == [
        ["L:delirium", "N:delirium", "N:violence"]
    ]
    # Below the threshold on its own, a second document is never another version, however alike.
    weak = {("L:delirium", "N:delirium"): 0.99, ("L:delirium", "N:violence"): 0.45, ("N:delirium", "N:violence"): 0.9}
    assert _second_versions(weak) == [["L:delirium", "N:delirium"], ["N:violence"]]


def test_a_trusts_two_documents_naming_a_conflict_are_never_two_versions_of_one_topic():
    """Adult and children's head injury pathways at one trust, both matching a national guideline that
    covers both populations: each other's near miss, so the second never joins as another version."""
    table = {("A:adult", "N:all"): 0.95, ("A:child", "N:all"): 0.9, ("A:adult", "A:child"): 0.95}
    assert _second_versions(table) == [["A:adult", "A:child", "N:all"]]
    assert _second_versions(table, conflicts=lambda a, b: {a, b} == {"A:adult", "A:child"}) == [
        ["A:adult", "N:all"],
        ["A:child"],
    ]


def test_a_named_conflict_blocks_a_direct_link_and_a_merge_but_not_a_trusts_own_halves():
    ids = ["A:adult", "B:adult", "C:child", "B:child"]
    trust_of = {i: i.split(":")[0] for i in ids}
    links = [("A:adult", "B:adult", 0.9), ("A:adult", "C:child", 0.8), ("B:child", "C:child", 0.9)]

    def conflicts(a: str, b: str) -> bool:
        return a.split(":")[1] != b.split(":")[1]

    clusters = group_links(ids, trust_of, links, lambda a, b: 0.8, GroupingRules(), conflicts=conflicts)
    assert sorted(sorted(c.members) for c in clusters) == [["A:adult", "B:adult"], ["B:child", "C:child"]]
    # A trust's two halves of a split topic may differ in scope: the conflict is only asked across trusts.
    asked: list[tuple[str, str]] = []
    group_links(
        ids, trust_of, links, lambda a, b: 0.8, GroupingRules(), conflicts=lambda a, b: asked.append((a, b))
    )
    assert all(trust_of[a] != trust_of[b] for a, b in asked)


def _weak(  # type: ignore[no-untyped-def]
    scores: dict[tuple[str, str], float], clean=lambda x, y: True, split=False, confirmed=()
):
    """Group documents named by trust letter and number ("l1": trust L) from a table of pair scores;
    `split`: a trust may hold a topic in two documents (their union always helps)."""
    trust = {k: k[0].upper() for pair in scores for k in pair}
    table = {frozenset(k): v for k, v in scores.items()}
    clusters = group_links(
        trust,
        trust,
        [(*k, v) for k, v in scores.items()],
        lambda x, y: table.get(frozenset((x, y)), 0.0),
        GroupingRules(threshold=0.5, mutual_floor=0.1, mutual_margin=2.0, allow_split=split),
        Decisions.of(confirmed=confirmed),
        union_helps=lambda halves, others: True,
        clean=clean,
    )
    return sorted(sorted(c.members) for c in clusters)


def test_each_others_clear_best_is_proposed_below_the_threshold():
    # A short local pathway and the long guideline it adapts: 0.23, while nothing else passes 0.1.
    groups = _weak({("l1", "n1"): 0.23, ("l1", "n2"): 0.09, ("l2", "n1"): 0.05})
    assert ["l1", "n1"] in groups


def test_one_clear_side_is_enough_when_the_other_side_ranks_the_pair_first():
    # A national guideline near a local guideline (0.23) and the same trust's patient leaflet (0.16): no
    # clear best for the guideline, but the local guideline has nothing else near it at all.
    groups = _weak({("l1", "n1"): 0.23, ("l2", "n1"): 0.16, ("l1", "n2"): 0.02})
    assert ["l1", "n1"] in groups and ["l2"] in groups


@pytest.mark.parametrize(
    "scores",
    [
        # l2 comes too close for n1 and n2 too close for l1: a clear best on neither side
        {("l1", "n1"): 0.23, ("l1", "n2"): 0.15, ("l2", "n1"): 0.2},
        {("l1", "n1"): 0.23, ("l2", "n1"): 0.3},  # l1's clear best prefers l2: not each other's best
        {("l1", "n1"): 0.08},  # below the floor
    ],
)
def test_a_weak_pair_without_a_clear_margin_on_either_side_stays_apart(scores):
    groups = _weak(scores)
    assert ["l1", "n1"] not in groups
    assert all(len(g) == 1 for g in groups if "l1" in g)


def test_a_weak_pair_with_anything_against_it_stays_apart():
    assert _weak({("l1", "n1"): 0.23}, clean=lambda x, y: False) == [["l1"], ["n1"]]


def test_a_weak_pair_never_joins_a_group_already_formed():
    groups = _weak({("l1", "n1"): 0.9, ("l1", "x1"): 0.3})
    assert groups == [["l1", "n1"], ["x1"]]


def _split(scores: dict[tuple[str, str], float], **kw):  # type: ignore[no-untyped-def]
    return _weak(scores, split=True, **kw)


# A national asthma guideline (n2) and a children's asthma card (n1) both near a local children's
# guideline (m1); the local adult pathway (m2) has only the national guideline near it.
_SPLIT = {("m1", "n2"): 0.9, ("m1", "n1"): 0.89, ("m2", "n2"): 0.48, ("m2", "n1"): 0.01}


def test_a_trusts_second_document_goes_to_a_lone_document_whose_clear_best_it_is():
    assert _split(_SPLIT) == [["m1", "n1"], ["m2", "n2"]]


def test_without_the_lone_document_the_second_half_stays():
    without = {k: v for k, v in _SPLIT.items() if "m2" not in k}
    assert _split(without) == [["m1", "n1", "n2"]]


@pytest.mark.parametrize(
    "case",
    [
        {"confirmed": [("m1", "n2")]},  # a reviewer put it there
        {"clean": lambda x, y: {x, y} != {"m2", "n2"}},  # something speaks against the new pair
    ],
)
def test_a_second_half_placed_by_a_reviewer_or_in_conflict_is_not_released(case):
    groups = _split(_SPLIT, **case)
    assert ["m2"] in groups and any({"m1", "n1", "n2"} <= set(g) for g in groups)


def test_a_second_half_the_group_hangs_on_is_not_released():
    # b1 joined through c2 only: without c2 the group would fall apart.
    scores = {("a1", "c2"): 0.9, ("b1", "c2"): 0.85, ("a1", "b1"): 0.4, ("a1", "c1"): 0.8}
    scores |= {("b1", "c1"): 0.5, ("x1", "c2"): 0.3}
    groups = _split(scores)
    assert ["x1"] in groups and ["a1", "b1", "c1", "c2"] in groups
