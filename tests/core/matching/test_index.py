"""The library index: what a document's usual similarity is read against."""

import numpy as np
from synth import doc, leaflet_library

from converge.core.matching.index import MatchIndex, _usual_rows


def test_a_topic_many_organisations_publish_stands_out_against_the_rest_of_the_library():
    # Twelve organisations each publish every topic, worded independently. A leaflet's usual similarity
    # is read from the other topics: its eleven equivalents, titled alike, are not its background, or
    # their similarity would be what it usually shares and no equivalent could stand out.
    docs = leaflet_library(12, seed=4)
    index = MatchIndex(docs)
    sprains = [d.id for d in docs if d.title == "Ankle sprain"]
    standouts = [
        index.score_pair(a, b).features["cosine_standout"] for a in sprains for b in sprains if a < b
    ]
    assert min(standouts) > 0.4  # above the feature's neutral centre for every pair of equivalents
    groups = index.match().groups
    assert any(set(sprains) <= set(g.members) for g in groups)


def test_a_snapshot_of_a_web_page_never_groups_with_own_documents_only_with_snapshots():
    # Four trusts' own sprain leaflets; two more trusts hold snapshots of web pages on it (recorded by the
    # parser as captured_from), one of them word for word a trust's leaflet. The own leaflets group; the
    # snapshots join none of them, whatever their words; the pair of snapshots may group; the evidence
    # names why an own leaflet and a snapshot are apart.
    docs = leaflet_library(
        6,
        seed=7,
        meta_of=lambda n, title: (
            {"captured_from": f"https://example.org/{n}"} if n >= 4 and title == "Ankle sprain" else {}
        ),
    )
    snapshots = [d for d in docs if d.meta.get("captured_from")]
    words_of = [b.text for _, s in snapshots[0].walk() for b in s.blocks]
    twin = doc("T09", "Ankle sprain", [("Advice", words_of)])  # a trust's own leaflet, the same words
    index = MatchIndex([*docs, twin])
    groups = [set(g.members) for g in index.match().groups]
    own = {d.id for d in docs if d.title == "Ankle sprain" and not d.meta}
    copies = {d.id for d in snapshots}
    assert any(own <= g for g in groups)
    assert all(not (g & copies and g - copies) for g in groups)  # no group mixes the two kinds
    assert all(s.b not in own | {twin.id} for s in index.match_new(snapshots[0]))
    assert all(s.b not in copies for s in index.match_new(twin))
    evidence = index.score_pair(snapshots[0].id, twin.id, evidence=True)
    assert any(c.startswith("kind:") for c in evidence.conflicts)


def _usual_of_one_row(values: np.ndarray) -> tuple[float, float]:
    """The reading `_usual_rows` makes of many rows at once, written for one row."""
    values = np.sort(values)[: max(2, len(values) - 3)]
    if len(values) < 2:
        return 0.0, 0.0
    return float(values.mean()), max(float(values.std()), 0.01)


def test_usual_rows_read_each_row_as_it_would_be_read_alone():
    # Rows keeping 0 to 40 of their values (so every length is met), ties and a spread below the floor.
    rng = np.random.default_rng(7)
    values = rng.random((300, 40), dtype=np.float32)
    values[::7] = np.round(values[::7], 1)
    values[5] = 0.25
    keep = rng.random((300, 40)) < rng.random((300, 1))
    keep[:41] = np.arange(40)[None, :] < np.arange(41)[:, None]
    got = _usual_rows(values, keep)
    for k in range(len(values)):
        want = np.asarray(_usual_of_one_row(values[k][keep[k]]), np.float32)
        assert got[k].tobytes() == want.tobytes(), k


def test_an_index_of_text_features_matches_as_one_of_documents():
    # A full match reads each document's text features stored at ingest (workflow.features), not its text.
    from synth import topic_library

    from converge.core.matching import features as ft
    from converge.core.matching.index import match_documents

    docs, _, _ = topic_library()
    from_docs = match_documents(docs)
    from_features = match_documents([ft.text_features(d) for d in docs])
    assert [(g.members, g.confidence) for g in from_features.groups] == [
        (g.members, g.confidence) for g in from_docs.groups
    ]
    assert [s.features for g in from_features.groups for s in g.evidence] == [
        s.features for g in from_docs.groups for s in g.evidence
    ]
    assert any(len(g.members) > 1 for g in from_docs.groups)


def test_an_upload_is_offered_its_clear_mutual_best_below_the_threshold():
    # A short local card and the national guideline it adapts score below the threshold, yet nothing else
    # comes near either: the whole-library grouping pairs them (grouping._pair_clear_mutual_bests), and an
    # upload of the card into an index holding the guideline is offered the same link, only when asked.
    from synth import card_and_guideline

    others, guideline, card = card_and_guideline()
    index = MatchIndex([*others, guideline, card]).prepare_for_uploads()  # a consumer's, the card stored
    assert guideline.id not in {s.b for s in index.match_new(card)}
    weak = [s for s in index.match_new(card, mutual=True) if s.b == guideline.id]
    assert len(weak) == 1 and weak[0].confidence < index.settings.threshold


def test_a_weak_link_is_offered_only_when_the_upload_is_the_other_documents_best_at_its_trust(monkeypatch):
    # The guideline's best link at the card's trust among the indexed documents (a fuller local guideline
    # on the topic, say) is read from its candidate pairs; here it is set around the card's own link.
    from synth import card_and_guideline

    others, guideline, card = card_and_guideline()
    index = MatchIndex([*others, guideline, card]).prepare_for_uploads()
    link = next(s.confidence for s in index.score_new(card)[1] if s.b == guideline.id)
    for theirs, offered in ((link + 0.01, False), (link, False), (link * 0.6, True), (link * 0.4, True)):
        monkeypatch.setattr(index, "_best_at", lambda i, trust, besides, v=theirs: v)
        assert (guideline.id in {s.b for s in index.match_new(card, mutual=True)}) is offered, theirs
