"""Incremental matching: a new document joins the stored group of its counterparts, people's decisions
are kept, and nothing else in the library moves."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from converge.store.models import MatchDecision, MatchGroupRow, MatchMember
from converge.workflow.incremental import forget_index, match_documents_into_groups
from converge.workflow.library import get_or_create_trust, store_document
from converge.workflow.status import Status
from tests.core.matching.synth import topic_library


@pytest.fixture(autouse=True)
def fresh_index():
    forget_index()
    yield
    forget_index()


def store(factory, docs) -> None:  # type: ignore[no-untyped-def]
    with factory() as session, session.begin():
        for d in docs:
            store_document(session, get_or_create_trust(session, d.trust), d, None)


def groups_by_member(factory) -> dict[str, tuple[int, str, frozenset[str]]]:  # type: ignore[no-untyped-def]
    with factory() as session:
        out = {}
        for g in session.scalars(select(MatchGroupRow).where(MatchGroupRow.status != Status.SUPERSEDED)):
            members = frozenset(m.document_id for m in g.members)
            for m in g.members:
                out[m.document_id] = (g.id, g.status, members, m.state)
        return out


def split_library():  # type: ignore[no-untyped-def]
    """The demo topics; held back: QEH's documents of three topics that every trust holds."""
    docs, truth, _ = topic_library()
    full = [g for g in truth if {d.split(":")[0] for d in g} == {"JPUH", "NNUH", "QEH"} and len(g) == 3]
    held = [next(d for d in sorted(g) if d.startswith("QEH:")) for g in full[:3]]
    return [d for d in docs if d.id not in held], [d for d in docs if d.id in held], full


def test_a_new_document_joins_its_counterparts_and_nothing_else_moves(session_factory) -> None:
    first, held, truth = split_library()
    store(session_factory, first)
    with session_factory() as session, session.begin():
        match_documents_into_groups(session, full=True)
    before = groups_by_member(session_factory)
    store(session_factory, held)
    held = [d.id for d in held]
    with session_factory() as session, session.begin():
        note, touched = match_documents_into_groups(session)  # the documents in no group: held back
    after = groups_by_member(session_factory)
    # a library under EXACT_BELOW documents is grouped whole (any group may change: None)
    assert note.startswith("3 new documents: 3 joined") and touched is None
    for doc_id in held:
        partners = next(g for g in truth if doc_id in g) - {doc_id}
        gid, status, members, state = after[doc_id]
        assert partners <= members and state == "proposed", (doc_id, members)
        assert before[next(iter(partners))][0] == gid  # it joined the stored group; none was remade
    touched = set().union(*(after[h][2] for h in held))
    unchanged = {d: v for d, v in before.items() if v[2].isdisjoint(touched)}
    assert all(after[d] == v for d, v in unchanged.items())


def test_decisions_are_kept_rejected_pairs_no_counterpart_and_person_held_groups(session_factory) -> None:
    first, held, truth = split_library()
    store(session_factory, first)
    with session_factory() as session, session.begin():
        match_documents_into_groups(session, full=True)
    a, b, c = [d.id for d in held]
    partners = {h: sorted(next(g for g in truth if h in g) - {h}) for h in (a, b, c)}
    with session_factory() as session, session.begin():
        # a: a lead said it is never the same as one of its partners; b: it has no counterpart;
        # c's counterparts' group was confirmed by a person.
        session.add(MatchDecision(kind="reject_pair", document_ids=[a, partners[a][0]], actor="lead"))
        session.add(MatchDecision(kind="no_counterpart", document_ids=[b], actor="lead"))
        held_group = session.scalar(
            select(MatchGroupRow).join(MatchMember).where(MatchMember.document_id == partners[c][0])
        )
        held_group.status = Status.CONFIRMED
        for m in held_group.members:
            m.state = "confirmed"
    store(session_factory, held)
    with session_factory() as session, session.begin():
        match_documents_into_groups(session)
    after = groups_by_member(session_factory)
    assert partners[a][0] not in after[a][2]
    assert after[b][2] == {b}
    gid, status, members, state = after[c]
    assert status == Status.CONFIRMED and set(partners[c]) <= members and state == "proposed"
    with session_factory() as session:
        group = session.get_one(MatchGroupRow, gid)
        assert group.evidence["proposed_additions"]["links"]  # why it was proposed, for the lead


def test_with_no_group_yet_the_whole_library_is_matched(session_factory) -> None:
    first, _, _ = split_library()
    store(session_factory, first)
    with session_factory() as session, session.begin():
        note, touched = match_documents_into_groups(session)
    assert "groups:" in note and "new" in note and touched is None
    with session_factory() as session, session.begin():
        assert match_documents_into_groups(session) == ("no new documents to match", set())


def test_a_document_stored_after_the_index_was_built_is_a_candidate(session_factory) -> None:
    """A consumer's index built before a trust's document arrived must not hide it from the next trust's."""
    docs, truth, _ = topic_library()
    topic = sorted(next(g for g in truth if len(g) == 3))
    other = sorted(next(g for g in truth if len(g) == 3 and g.isdisjoint(topic)))
    held = set(topic) | {other[0]}
    by_id = {d.id: d for d in docs}
    store(session_factory, [d for d in docs if d.id not in held])
    with session_factory() as session, session.begin():
        match_documents_into_groups(session, full=True)
    for batch in ([other[0]], [topic[1]], [topic[2]]):  # the index is built with the first batch
        store(session_factory, [by_id[d] for d in batch])
        with session_factory() as session, session.begin():
            match_documents_into_groups(session)
    after = groups_by_member(session_factory)
    assert after[topic[2]][0] == after[topic[1]][0], (after[topic[1]], after[topic[2]])


def test_a_reused_index_proposes_what_a_fresh_one_does(session_factory) -> None:
    """On a library of 500 or more documents a consumer keeps its index while under 2% of the library is
    new (STALE_SHARE): the documents it places with that index must land where a fresh index puts them."""
    from converge.workflow.incremental import EXACT_BELOW, STALE_SHARE, library_index
    from tests.core.matching.synth import generated_library

    docs, truth, _ = generated_library(175, seed=5)
    assert len(docs) >= EXACT_BELOW
    trios = [sorted(g) for g in truth if len(g) == 3][:4]
    held = {g[-1] for g in trios}  # the last trust's document of four three-trust topics
    assert len(held) <= STALE_SHARE * len(docs)
    by_id = {d.id: d for d in docs}
    store(session_factory, [d for d in docs if d.id not in held])
    with session_factory() as session, session.begin():
        match_documents_into_groups(session, full=True)
    with session_factory() as session:
        built = library_index(session)  # this process's index, built before the new documents arrive
    store(session_factory, [by_id[d] for d in sorted(held)])

    def placements() -> dict[str, frozenset[str]]:
        with session_factory() as session:
            match_documents_into_groups(session, sorted(held))
            session.flush()
            out = {}
            for d in held:
                group = session.scalars(
                    select(MatchGroupRow)
                    .join(MatchMember)
                    .where(MatchMember.document_id == d, MatchGroupRow.status != Status.SUPERSEDED)
                ).one()
                out[d] = frozenset(m.document_id for m in group.members)
            session.rollback()  # the other index places the same documents into the same groups
            return out

    reused = placements()
    with session_factory() as session:
        assert library_index(session) is built  # the stale index really was the one used
    forget_index()
    fresh = placements()
    assert reused == fresh
    # and both put each new document with its counterparts, as the truth says
    assert all(reused[g[-1]] >= set(g) for g in trios), reused


def test_an_uploaded_snapshot_of_a_web_page_joins_no_group_of_own_documents(session_factory) -> None:
    # The same held-back document, recorded as a snapshot of a web page: its counterparts' group is of
    # the trusts' own documents, so it stays alone.
    from dataclasses import replace

    first, held, _ = split_library()
    store(session_factory, first)
    with session_factory() as session, session.begin():
        match_documents_into_groups(session, full=True)
    copy = replace(held[0], meta={**held[0].meta, "captured_from": "https://example.org/page"})
    store(session_factory, [copy])
    with session_factory() as session, session.begin():
        note, _ = match_documents_into_groups(session)
    assert note.startswith("1 new documents: 0 joined a group")
    assert groups_by_member(session_factory)[copy.id][2] == {copy.id}


def live_groups(factory) -> set[frozenset[str]]:  # type: ignore[no-untyped-def]
    return {members for _, _, members, _ in groups_by_member(factory).values()}


@pytest.mark.parametrize("arriving", [("NNUH",), ("NNUH", "QEH")])
def test_libraries_arriving_one_by_one_are_grouped_as_a_whole_library_match_groups_them(
    session_factory, arriving
) -> None:
    """A library arriving is placed by the whole-library grouping rules: the groups a consumer leaves after
    each trust's ingest are those of one `converge match --full` over the same documents."""
    docs, _, _ = topic_library()
    store(session_factory, [d for d in docs if d.trust == "JPUH"])
    with session_factory() as session, session.begin():
        match_documents_into_groups(session)  # the first library: no group yet, matched whole
    for trust in arriving:
        store(session_factory, [d for d in docs if d.trust == trust])
        with session_factory() as session, session.begin():
            note, _ = match_documents_into_groups(session)
        assert "new documents" in note  # placed incrementally, not re-matched
    arrived = live_groups(session_factory)
    with session_factory() as session, session.begin():
        match_documents_into_groups(session, full=True)
    assert arrived == live_groups(session_factory)


def test_an_upload_into_a_large_library_pairs_with_its_clear_mutual_best_left_alone(
    session_factory, monkeypatch
) -> None:
    """In a library of EXACT_BELOW documents or more a single upload is placed on its own. A short local
    card whose only counterpart, a national guideline left alone, scores below the threshold is still
    paired with it, as `converge match --full` pairs them."""
    import converge.workflow.incremental as incremental
    from tests.core.matching.synth import card_and_guideline

    monkeypatch.setattr(incremental, "EXACT_BELOW", 0)  # this library of ~100 documents counts as large
    others, guideline, card = card_and_guideline()
    store(session_factory, [*others, guideline])
    with session_factory() as session, session.begin():
        match_documents_into_groups(session, full=True)
    assert groups_by_member(session_factory)[guideline.id][2] == {guideline.id}  # alone
    store(session_factory, [card])
    with session_factory() as session, session.begin():
        note, touched = match_documents_into_groups(session)
    assert note.startswith("1 new documents: 1 joined") and touched is not None, note
    gid, status, members, _ = groups_by_member(session_factory)[card.id]
    assert members == {card.id, guideline.id} and status == Status.PROPOSED and touched == {gid}


def test_an_upload_is_scored_with_every_member_of_a_group_it_links_to_not_only_its_links(
    session_factory, monkeypatch
) -> None:
    """A group of many organisations: an upload's links name its best few members (the best per trust at
    or above the threshold, and some runners-up); the others are scored with it when its mean link to the
    group is judged, as the whole-library grouping scores any pair it asks about. Counted 0, a document
    could never join a large group that it reaches through a few links."""
    import converge.workflow.incremental as incremental
    from converge.core.matching import MatchIndex
    from tests.core.matching.synth import leaflet_library

    monkeypatch.setattr(incremental, "EXACT_BELOW", 0)  # placed one by one, as in a large library
    monkeypatch.setattr(incremental, "STALE_SHARE", 0.5)  # (one upload is 3% of these 36 documents)
    docs = leaflet_library(6, seed=3)
    upload = next(d for d in docs if d.trust == "T05" and d.title == "Asthma")
    store(session_factory, [d for d in docs if d is not upload])
    with session_factory() as session, session.begin():
        match_documents_into_groups(session, full=True)
    asthma = groups_by_member(session_factory)[next(d.id for d in docs if d.trust == "T00" and d.title == "Asthma")]
    assert len(asthma[2]) == 5
    shipped = MatchIndex.match_new

    def best_link_only(self, doc, limit=None, mutual=False):  # type: ignore[no-untyped-def]
        return shipped(self, doc, limit, mutual)[:1]

    monkeypatch.setattr(MatchIndex, "match_new", best_link_only)
    store(session_factory, [upload])
    with session_factory() as session, session.begin():
        note, _ = match_documents_into_groups(session)
    assert note.startswith("1 new documents: 1 joined"), note
    assert groups_by_member(session_factory)[upload.id][2] == asthma[2] | {upload.id}


def _second_asthma_upload(session_factory, monkeypatch):  # type: ignore[no-untyped-def]
    """A library of leaflets grouped whole; then T00, which holds an asthma leaflet in the asthma group,
    uploads a second one, worded as another organisation words it (T05's, held out of the library): it is
    equivalent to every member on its own. Placed one by one, as in a large library."""
    import dataclasses

    import converge.workflow.incremental as incremental
    from tests.core.matching.synth import leaflet_library

    monkeypatch.setattr(incremental, "EXACT_BELOW", 0)
    monkeypatch.setattr(incremental, "STALE_SHARE", 0.5)
    docs = leaflet_library(6, seed=3)
    held = next(d for d in docs if d.trust == "T05" and d.title == "Asthma")
    store(session_factory, [d for d in docs if d is not held])
    with session_factory() as session, session.begin():
        match_documents_into_groups(session, full=True)
    first = next(d.id for d in docs if d.trust == "T00" and d.title == "Asthma")
    asthma = groups_by_member(session_factory)[first][2]
    assert len(asthma) == 5
    upload = dataclasses.replace(held, id="T00:asthma-second", trust="T00")
    store(session_factory, [upload])
    with session_factory() as session, session.begin():
        note, _ = match_documents_into_groups(session)
    return note, asthma, upload


def test_an_upload_that_is_another_version_of_a_topic_its_trust_holds_joins_that_group(
    session_factory, monkeypatch
) -> None:
    """The whole-library grouping keeps a trust's second document equivalent to the others beside its
    first (grouping.another_version); a single upload placed on its own is held to the same rule."""
    note, asthma, upload = _second_asthma_upload(session_factory, monkeypatch)
    assert note.startswith("1 new documents: 1 joined"), note
    assert groups_by_member(session_factory)[upload.id][2] == asthma | {upload.id}


def test_an_upload_naming_a_conflict_with_its_trusts_document_never_joins_as_another_version(
    session_factory, monkeypatch
) -> None:
    """The same upload, but a near miss of T00's own leaflet (a population or route named by one and not
    the other, features.clash): not another version, however well it links to the other organisations'
    (whether the two are halves of a split topic, which may differ in scope, is the next test's)."""
    from converge.core.matching import MatchIndex

    asked: list[str] = []

    def clashing(self, doc, doc_id):  # type: ignore[no-untyped-def]
        asked.append(doc_id)
        return doc_id.startswith("T00:")

    monkeypatch.setattr(MatchIndex, "clashes_new", clashing)
    monkeypatch.setattr(MatchIndex, "union_helps_new", lambda self, doc, halves, others: False)
    note, asthma, upload = _second_asthma_upload(session_factory, monkeypatch)
    assert note.startswith("1 new documents: 0 joined"), note
    assert groups_by_member(session_factory)[upload.id][2] == {upload.id}
    assert any(a.startswith("T00:") for a in asked)


def test_an_upload_that_is_the_other_half_of_a_split_topic_joins_when_the_halves_add_up(
    session_factory, monkeypatch
) -> None:
    """Not another version (that test answers no here), the upload may still be the other half of a topic
    its trust splits: it joins when the two halves together resemble the others better than either alone
    (MatchIndex.union_helps_new, the whole-library grouping's test), and stays alone when they do not."""
    import converge.core.matching.grouping as grouping

    monkeypatch.setattr(grouping, "another_version", lambda *args: False)
    note, asthma, upload = _second_asthma_upload(session_factory, monkeypatch)
    assert note.startswith("1 new documents: 1 joined"), note
    assert groups_by_member(session_factory)[upload.id][2] == asthma | {upload.id}


def test_an_upload_whose_halves_do_not_add_up_stays_alone(session_factory, monkeypatch) -> None:
    """The same, when the two halves together resemble the others no better than either alone."""
    import converge.core.matching.grouping as grouping
    from converge.core.matching import MatchIndex

    monkeypatch.setattr(grouping, "another_version", lambda *args: False)
    monkeypatch.setattr(MatchIndex, "union_helps_new", lambda self, doc, halves, others: False)
    note, _, upload = _second_asthma_upload(session_factory, monkeypatch)
    assert note.startswith("1 new documents: 0 joined"), note
    assert groups_by_member(session_factory)[upload.id][2] == {upload.id}
