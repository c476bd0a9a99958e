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


def _same_matrix(a, b) -> bool:
    return (
        a.shape == b.shape
        and a.dtype == b.dtype
        and np.array_equal(a.indptr, b.indptr)
        and np.array_equal(a.indices, b.indices)  # the entries' order too: later products add in it
        and a.data.tobytes() == b.data.tobytes()
    )


TITLES = [
    "Sepsis in adults",
    "SEPSIS  adult\tpathway",
    "Ankle sprain",
    "Ankle sprains (children)",
    "Naïve T-cell  therapy",
    "a",
    "",
    "IV fluids: 2nd line",
]


def test_title_vectors_are_scikit_learns_to_the_last_bit():
    from sklearn.feature_extraction.text import TfidfVectorizer

    from converge.core.matching.vectors import TitleVectors

    theirs = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), sublinear_tf=True, dtype=np.float32)
    ours = TitleVectors()
    assert _same_matrix(ours.fit_transform(TITLES), theirs.fit_transform(TITLES).tocsr())
    assert ours.vocabulary == theirs.vocabulary_
    new = ["Sepsis in neonates", "zzz", "", "ankle sprain in adults"]
    assert _same_matrix(ours.transform(new), theirs.transform(new).tocsr())


def test_a_short_word_is_one_ngram_and_rows_are_unit_length():
    from converge.core.matching.vectors import TitleVectors

    vec = TitleVectors()
    m = vec.fit_transform(["a", "ab ab"])  # " a " is its only n-gram; " ab " gives " ab", "ab " and itself
    assert sorted(vec.vocabulary) == [" a ", " ab", " ab ", "ab "]
    assert m[0].nnz == 1
    assert np.allclose(np.asarray(m.multiply(m).sum(axis=1)).ravel(), 1.0)
