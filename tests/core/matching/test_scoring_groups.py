"""How `converge eval` scores a grouping: cross-library pairs, near misses, groups found, lone documents."""

from converge.core.matching.evaluate import score_grouping

LIB = {"a1": "A", "a2": "A", "b1": "B", "c1": "C", "d1": "D", "e1": "E", "x1": "X", "y1": "Y"}


def test_pairs_within_one_library_are_not_scored():
    truth = [["a1", "a2", "b1"]]
    # a1 and a2 are both equivalent to b1 at another library: only the two cross-library pairs count.
    s = score_grouping([["a1", "a2", "b1"]], truth, [], LIB)
    assert (s["pairs_true"], s["pairs_found"], s["pairs_correct"]) == (2, 2, 2)
    # Putting a2 alone loses one cross pair, whatever happens to the a1-a2 pair.
    s = score_grouping([["a1", "b1"], ["a2"]], truth, [], LIB)
    assert s["recall"] == 0.5 and s["precision"] == 1.0


def test_group_found_needs_most_libraries_together_and_no_near_miss():
    truth = [["a1", "b1", "c1", "d1", "e1"]]
    four_of_five = [["a1", "b1", "c1", "d1"], ["e1"]]
    assert score_grouping(four_of_five, truth, [], LIB)["groups_found"] == 1
    three_of_five = [["a1", "b1", "c1"], ["d1", "e1"]]
    assert score_grouping(three_of_five, truth, [], LIB)["groups_found"] == 0
    spoilt = [["a1", "b1", "c1", "d1", "x1"], ["e1"]]
    s = score_grouping(spoilt, truth, [("a1", "x1")], LIB)
    assert s["groups_found"] == 0 and s["near_misses_linked"] == 1
    assert s["precision"] < 1.0


def test_lone_documents_kept_apart_and_subset():
    truth = [["a1", "b1"], ["c1", "d1"]]
    s = score_grouping([["a1", "b1"], ["c1"], ["d1"], ["x1", "y1"]], truth, [], LIB)
    # a2, e1, x1 and y1 have no counterpart; x1 and y1 were wrongly linked.
    assert (s["lone_kept_apart"], s["lone_total"]) == (2, 4)
    half = score_grouping([["a1", "b1"], ["c1"], ["d1"]], truth, [], LIB, subset={"c1", "d1"})
    assert (half["groups_total"], half["recall"], half["pairs_found"]) == (1, 0.0, 0)
