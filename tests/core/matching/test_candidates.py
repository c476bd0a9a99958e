from itertools import combinations

from synth import perturbed_library

from converge.core.matching import MatchIndex


def test_candidates_are_sparse_cross_trust_and_keep_true_pairs():
    docs = perturbed_library(120)  # 360 documents; topic k is the same at every trust
    index = MatchIndex(docs)
    pairs = index.candidates()
    n = len(docs)
    cross_pairs = sum(1 for a, b in combinations(docs, 2) if a.trust != b.trust)
    assert all(docs[i].trust != docs[j].trust for i, j in pairs)
    assert len(pairs) < 0.1 * cross_pairs
    assert len(pairs) <= n * index.settings.candidates_per_trust * 2
    truth = {
        (i, j)
        for i, j in combinations(range(n), 2)
        if docs[i].source.path.split("/")[-1] == docs[j].source.path.split("/")[-1]
    }
    assert truth <= set(pairs)
