"""Stored review data: made at match time, served without diffing, recomputed when stale (real database)."""

from __future__ import annotations

import zlib

import pytest
from sqlalchemy import delete, select

import converge.workflow.comparison.stored as reviewstore
from converge.store.models import GroupReview, MatchGroupRow, Trust
from converge.workflow.comparison.differences import column_labels
from converge.workflow.comparison.stored import decode, encode, group_review, review_key
from converge.workflow.comparison.summary import summarise_stale_groups
from converge.workflow.groups import active_groups, match_library
from converge.workflow.library import get_or_create_trust, store_document
from tests.core.matching.synth import topic_library


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    """Four of the demo corpus's largest topics: groups of real policy text, quick enough to diff."""
    docs, truth, _ = topic_library()
    keep = set().union(*sorted(truth, key=lambda g: (-len(g), sorted(g)))[:4])
    return [d for d in docs if d.id in keep]


@pytest.fixture
def matched(session_factory, library):  # type: ignore[no-untyped-def]
    docs = library
    with session_factory() as session, session.begin():
        for d in docs:
            store_document(session, get_or_create_trust(session, d.trust), d, None)
        match_library(session)
    return session_factory


def multi_groups(session) -> list[MatchGroupRow]:  # type: ignore[no-untyped-def]
    return [g for g in active_groups(session) if len(g.members) > 1]


@pytest.fixture
def no_diffing(monkeypatch):  # type: ignore[no-untyped-def]
    """Make any attempt to diff documents fail the test: the stored review must be used."""

    def refuse(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the review was recomputed instead of loaded")

    monkeypatch.setattr(reviewstore, "compute_review", refuse)


def test_matching_stores_a_review_for_every_group_with_two_documents(matched) -> None:
    with matched() as session:
        groups = multi_groups(session)
        stored = dict(session.execute(select(GroupReview.group_id, GroupReview.fingerprint)).all())
        assert groups and {g.id for g in groups} == set(stored)
        for g in groups:
            assert stored[g.id] == review_key(session, g)


def test_encoding_round_trips_exactly(matched) -> None:
    with matched() as session:
        group = max(multi_groups(session), key=lambda g: len(g.members))
        data = reviewstore.compute_review(session, group)
    assert data.differences and any(d.significant for d in data.differences)
    blob = encode(data)
    assert decode(blob) == data
    assert len(blob) < len(zlib.decompress(blob)) / 3  # compressed


def test_page_data_comes_from_the_database_without_diffing(matched, no_diffing) -> None:
    with matched() as session:
        group = multi_groups(session)[0]
        data = group_review(session, group)
        # One column per document: a trust holding two is two columns ("QEH-1", "QEH-2").
        labels = column_labels((m.document.trust.code, m.document_id) for m in group.members)
    assert data is not None and data.rows and data.trusts == tuple(sorted(labels.values()))


def test_changed_local_terms_make_the_stored_review_stale(matched) -> None:
    with matched() as session, session.begin():
        group = multi_groups(session)[0]
        old_key = review_key(session, group)
        trust = session.scalar(select(Trust).where(Trust.code == group.members[0].document.trust.code))
        trust.local_terms = [*(trust.local_terms or []), "Cromer Ward"]
    with matched() as session:
        group = session.get(MatchGroupRow, group.id)
        new_key = review_key(session, group)
        assert new_key != old_key
        assert reviewstore.stored_review(session, group.id, new_key) is None
        data = group_review(session, group)  # computed, and kept for the next reader
        assert data is not None
    with matched() as session:
        assert reviewstore.stored_review(session, group.id, new_key) == data
    # the next match run brings every other group's review up to date too
    with matched() as session, session.begin():
        assert summarise_stale_groups(session) == len(multi_groups(session)) - 1
    with matched() as session, session.begin():
        assert summarise_stale_groups(session) == 0


def test_damaged_or_older_rows_are_recomputed_not_shown(matched) -> None:
    with matched() as session, session.begin():
        group = multi_groups(session)[0]
        key = review_key(session, group)
        good = reviewstore.stored_review(session, group.id, key)
        session.get(GroupReview, group.id).payload = b"not zlib"
    with matched() as session:
        assert reviewstore.stored_review(session, group.id, key) is None
        assert group_review(session, session.get(MatchGroupRow, group.id)) == good
    with matched() as session, session.begin():
        row = session.get(GroupReview, group.id)
        row.payload = zlib.compress(
            zlib.decompress(encode(good)).replace(f'"format":{reviewstore.FORMAT}'.encode(), b'"format":0')
        )
    with matched() as session:
        assert reviewstore.stored_review(session, group.id, key) is None


def test_missing_reviews_are_built_with_progress(matched) -> None:
    with matched() as session, session.begin():
        session.execute(delete(GroupReview))
    seen: list[tuple[int, int]] = []
    with matched() as session, session.begin():
        n = summarise_stale_groups(session, progress=lambda done, total: seen.append((done, total)))
        total = len(multi_groups(session))
    assert n == total and seen[0] == (0, total) and seen[-1] == (total, total)
    with matched() as session:
        assert session.query(GroupReview).count() == total
