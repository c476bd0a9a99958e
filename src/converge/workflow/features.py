"""Each document's text features (core.matching.features.TextFeatures), stored with it at ingest.

A full match of 3 x 3,000 documents spent about 4 s of its 20 reading every stored structure and
tokenising every text again. The features are stored under the version of the code that derives them
(a digest of its source): a row made by other code, or missing (a document stored before the table
existed, or corrected since), is derived again from the document and replaced by the next match.
"""

from __future__ import annotations

import hashlib
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from converge.core.matching import features as ft
from converge.core.serialize import document_from_dict
from converge.store.models import DocumentFeatures, StoredDocument
from converge.store.queries import current_for_matching

# The code a document's features come from (this module's own storing included).
_CODE = (
    "core/matching/features.py",
    "core/matching/text.py",
    "core/headings.py",
    "core/text.py",
    "core/model.py",
    "core/serialize.py",
    "workflow/features.py",
)


@cache
def features_version() -> str:
    """Digest of the deriving code, and of the Unicode tables its text normalisation reads."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(f"{sys.version_info[:2]}|{unicodedata.unidata_version}".encode())
    for name in _CODE:
        h.update(name.encode() + (root / name).read_bytes())
    return h.hexdigest()[:32]


def _to_data(f: ft.TextFeatures) -> dict[str, Any]:
    return {
        "trust": f.trust,
        "title": f.title,
        "words": " ".join(f.words),  # stemmed tokens ([a-z][a-z0-9]*): never a space in one
        "heading_keys": list(f.heading_keys),
        "headings": list(f.headings),
        "guidance": sorted(f.guidance),
        "own_guidance": sorted(f.own_guidance),
        "specialty": f.specialty,
        "document_type": f.document_type,
        "dominant": f.dominant,
        "audience": f.audience,
        "health_system": f.health_system,
        "reference_copy": f.reference_copy,
    }


def _from_data(doc_id: str, d: dict[str, Any]) -> ft.TextFeatures:
    # Interned: one string per distinct word across the library, as the tokeniser's caches give.
    words = list(map(sys.intern, d["words"].split()))
    return ft.TextFeatures(
        doc_id=doc_id,
        trust=d["trust"],
        title=d["title"],
        words=words,
        counts=Counter(words),
        heading_keys=tuple(d["heading_keys"]),
        headings=tuple(d["headings"]),
        guidance=frozenset(d["guidance"]),
        own_guidance=frozenset(d["own_guidance"]),
        specialty=d["specialty"],
        document_type=d["document_type"],
        dominant=d["dominant"],
        audience=d["audience"],
        health_system=d["health_system"],
        reference_copy=d["reference_copy"],
    )


def store_features(session: Session, features: Sequence[ft.TextFeatures]) -> None:
    """Store (or replace) documents' features under the current version; safe against another process
    storing the same document's at the same time."""
    if not features:
        return
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(DocumentFeatures)
    stmt = stmt.on_conflict_do_update(
        index_elements=["document_id"], set_={"version": stmt.excluded.version, "data": stmt.excluded.data}
    )
    version = features_version()
    rows = [{"document_id": f.doc_id, "version": version, "data": _to_data(f)} for f in features]
    for s in range(0, len(rows), 500):
        session.execute(stmt, rows[s : s + 500])


def forget_features(session: Session, document_id: str) -> None:
    """Drop a document's features (its structure changed): the next match derives them again."""
    session.execute(delete(DocumentFeatures).where(DocumentFeatures.document_id == document_id))


def current_features(session: Session, trusts: Iterable[str] | None = None) -> list[ft.TextFeatures]:
    """`current_documents`' documents (the same ones, in the same order) as their text features: the
    stored ones, and those missing or stale derived again and stored."""
    query = current_for_matching(
        trusts, StoredDocument.id, DocumentFeatures.version, DocumentFeatures.data
    ).outerjoin(DocumentFeatures, DocumentFeatures.document_id == StoredDocument.id)
    version = features_version()
    out: list[ft.TextFeatures | None] = []
    stale: dict[str, int] = {}
    for doc_id, row_version, data in session.execute(query):
        if row_version == version:
            out.append(_from_data(doc_id, data))
        else:
            stale[doc_id] = len(out)
            out.append(None)
    derived = []
    ids = list(stale)
    for s in range(0, len(ids), 500):
        batch = ids[s : s + 500]
        query = select(StoredDocument.id, StoredDocument.structure).where(StoredDocument.id.in_(batch))
        for doc_id, structure in session.execute(query):
            derived.append(ft.text_features(document_from_dict(structure)))
            out[stale[doc_id]] = derived[-1]
    store_features(session, derived)
    return [f for f in out if f is not None]
