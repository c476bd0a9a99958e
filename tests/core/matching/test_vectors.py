"""The library's TF-IDF space: terms counted per document, new documents placed in the fitted space."""

import numpy as np

from converge.core.matching.vectors import LibraryVectors

WORDS = [
    ["sepsis", "lactate", "fluids", "sepsis", "antibiotics"],
    ["ankle", "sprain", "ice", "ankle", "sprain"],
    [],
    ["sepsis", "screening", "fluids"],
    ["asthma"],
]
TRUSTS = ["A", "A", "B", "B", "C"]


def test_a_library_document_placed_again_gets_its_own_row():
    vectors = LibraryVectors(WORDS, TRUSTS)
    again = vectors.transform(WORDS, TRUSTS)
    assert (again != vectors.matrix).nnz == 0


def test_word_pairs_are_adjacent_words_of_one_document():
    vectors = LibraryVectors(WORDS, TRUSTS)
    terms = {vectors.term(c) for c in range(len(vectors.codes))}
    assert {"sepsis lactate", "ankle sprain", "sprain ice", "screening fluids"} <= terms
    # The last word of one document and the first of the next are no pair.
    assert "antibiotics ankle" not in terms and "sprain sepsis" not in terms
    assert len(terms) == len(vectors.codes)


def test_an_unseen_word_drops_out_and_its_neighbours_pair_across_it():
    vectors = LibraryVectors(WORDS, TRUSTS)
    row = vectors.transform([["sepsis", "zzz", "lactate"]], ["A"])
    terms = sorted(vectors.term(int(c)) for c in row.indices)
    assert terms == ["lactate", "sepsis", "sepsis lactate"]
    assert np.isclose(float(row.multiply(row).sum()), 1.0)

