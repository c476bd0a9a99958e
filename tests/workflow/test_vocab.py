"""Controlled vocabularies: terms, case-insensitive mapping of typed values, and the migration's seed."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select, text

from converge.core.errors import ConvergeError
from converge.store.migrate import upgrade
from converge.store.models import StoredDocument, VocabularyTerm
from converge.workflow.actors import Actor
from converge.workflow.corrections import update_metadata
from converge.workflow.groups import known_specialties
from converge.workflow.library import get_or_create_trust, store_document
from converge.workflow.vocab import add_term, canonical, set_active, term_values, unlisted_values
from tests.web.conftest import make_doc


def test_typed_values_take_the_term_s_spelling(session_factory) -> None:
    with session_factory() as session, session.begin():
        assert "Guideline" in term_values(session, "document_type")  # the defaults
        assert canonical(session, "document_type", "  guideLINE ") == "Guideline"
        assert canonical(session, "document_type", "Care  pathway") == "Care pathway"  # kept, tidied
        assert canonical(session, "specialty", "") is None
        trust = get_or_create_trust(session, "JPUH")
        doc = make_doc(
            "JPUH",
            "Sepsis",
            "Screen for sepsis.",
            "a" * 64,
            document_type="guideline",
            specialty="acute medicine",
        )
        store_document(session, trust, doc, None)
    with session_factory() as session, session.begin():
        row = session.get(StoredDocument, doc.id)
        assert row.document_type == "Guideline"
        assert unlisted_values(session, "specialty") == ["acute medicine"]
        add_term(session, "specialty", "Acute Medicine", "admin")
        with pytest.raises(ConvergeError, match="already in the list"):
            add_term(session, "specialty", "ACUTE medicine", "admin")
        with pytest.raises(ConvergeError) as empty:
            add_term(session, "specialty", "  ", "admin")
        assert empty.value.field == "value"
    with session_factory() as session, session.begin():
        assert session.get(StoredDocument, doc.id).specialty == "Acute Medicine"  # mapped when added
        assert unlisted_values(session, "specialty") == []
        term = session.scalar(select(VocabularyTerm).where(VocabularyTerm.value == "Acute Medicine"))
        set_active(session, term.id, False)
        assert "Acute Medicine" not in term_values(session, "specialty")
        assert "Acute Medicine" not in known_specialties(session)  # retired: not offered, though in use
        changed = update_metadata(
            session, doc.id, {"document_type": "PROTOCOL"}, Actor("admin", "admin"), "front sheet"
        )
        assert (
            changed == ["document_type"] and session.get(StoredDocument, doc.id).document_type == "Protocol"
        )


def test_migration_seeds_terms_from_values_in_use(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'v.db'}"
    upgrade(url, "0005_versions")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO trusts (id, code, name, local_terms) VALUES (1, 'A', 'A', '[]')"))
        for n, (kind, specialty) in enumerate(
            [
                ("guideline", "cardiology"),
                ("Guideline", "Cardiology"),
                ("GUIDELINE", "Cardiology"),
                ("leaflet", None),
            ]
        ):
            conn.execute(
                text(
                    "INSERT INTO documents (id, trust_id, title, title_key, document_type, specialty, "
                    "meta, source_path, media_type, sha256, size, parser, status, structure, body_text, "
                    "ingested_at) "
                    "VALUES (:id, 1, 't', 't', :kind, :sp, '{}', 'p', 'text/plain', :sha, 1, 'x', 'current', "
                    "'{}', '', '2026-01-01')"
                ),
                {"id": f"A:{n}", "kind": kind, "sp": specialty, "sha": str(n)},
            )
    upgrade(url)
    with engine.begin() as conn:
        types = [r[0] for r in conn.execute(text("SELECT document_type FROM documents ORDER BY id"))]
        specialties = {r[0] for r in conn.execute(text("SELECT specialty FROM documents"))}
        terms = {(k, v) for k, v in conn.execute(text("SELECT kind, value FROM vocabulary_terms"))}
    engine.dispose()
    assert types == ["Guideline", "Guideline", "Guideline", "Leaflet"]
    assert specialties == {"Cardiology", None}  # the most used spelling names the term
    assert ("specialty", "Cardiology") in terms and ("document_type", "Leaflet") in terms
    assert ("document_type", "guideline") not in terms
