"""Text features stored with each document: read back as derived, derived again when stale (real database)."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update

from converge.core.matching import features as ft
from converge.store.models import DocumentFeatures
from converge.workflow.features import current_features, features_version
from converge.workflow.library import current_documents, get_or_create_trust, store_document
from tests.core.matching.synth import topic_library


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    docs, _, _ = topic_library()
    return docs[:40]


def store(session_factory, docs) -> None:  # type: ignore[no-untyped-def]
    with session_factory() as session, session.begin():
        for d in docs:
            store_document(session, get_or_create_trust(session, d.trust), d, None)


def versions(session) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return dict(session.execute(select(DocumentFeatures.document_id, DocumentFeatures.version)).all())


def test_ingest_stores_what_a_match_reads_instead_of_the_text(session_factory, library) -> None:
    store(session_factory, library)
    with session_factory() as session:
        assert versions(session) == {d.id: features_version() for d in library}
        expected = [ft.text_features(d) for d in current_documents(session)]
        assert current_features(session) == expected


def test_missing_or_stale_features_are_derived_again_and_stored(session_factory, library) -> None:
    store(session_factory, library)
    stale, missing = library[0].id, library[1].id
    with session_factory() as session, session.begin():
        session.execute(update(DocumentFeatures).where(DocumentFeatures.document_id == stale).values(version="old"))
        # Wrong data under the old version: it must not be read.
        session.execute(
            update(DocumentFeatures)
            .where(DocumentFeatures.document_id == stale)
            .values(data={**session.get(DocumentFeatures, stale).data, "title": "Something else"})
        )
        session.execute(delete(DocumentFeatures).where(DocumentFeatures.document_id == missing))
    with session_factory() as session, session.begin():
        expected = [ft.text_features(d) for d in current_documents(session)]
        assert current_features(session) == expected
    with session_factory() as session:
        assert versions(session) == {d.id: features_version() for d in library}
        assert current_features(session) == expected
