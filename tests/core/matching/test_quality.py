from pathlib import Path

import pytest
from synth import topic_library

from converge.core.matching import match_documents, pairwise_prf
from converge.core.matching.evaluate import compare, load_corpus, near_miss_violations


def test_quality_floor_on_demo_topics_beats_baselines():
    docs, truth, near = topic_library()
    result = match_documents(docs)
    p, r, f1 = pairwise_prf(result.groups, truth)
    assert f1 >= 0.95, (p, r)
    assert near_miss_violations(result.groups, near) == []
    rows = {row["method"]: row for row in compare(docs, truth, near)}
    assert rows["converge matcher"]["f1"] >= rows["title fuzzy (rapidfuzz)"]["f1"]
    assert rows["converge matcher"]["f1"] >= rows["TF-IDF whole text"]["f1"]


def test_every_link_carries_evidence():
    docs, _, _ = topic_library()
    for g in match_documents(docs).groups:
        for s in g.evidence:
            assert set(s.contributions) == set(s.features)
            assert s.shared_terms
            assert s.explain().startswith(f"{s.a} ~ {s.b}")


DEMO = Path(__file__).resolve().parents[3] / "corpora" / "demo"


@pytest.mark.slow
def test_quality_floor_on_the_demo_corpus_files():
    """Parses corpora/demo (DOCX, PDF, legacy formats) and matches it against truth.json."""
    docs, truth, near = load_corpus(DEMO)
    result = match_documents(docs)
    p, r, f1 = pairwise_prf(result.groups, truth)
    assert f1 >= 0.95, (p, r)
    assert near_miss_violations(result.groups, near) == []
    rows = {row["method"]: row for row in compare(docs, truth, near)}
    assert rows["converge matcher"]["f1"] > rows["title fuzzy (rapidfuzz)"]["f1"]
    assert rows["converge matcher"]["f1"] >= rows["TF-IDF whole text"]["f1"]
