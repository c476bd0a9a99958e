"""What a group's comparison is computed from, and the computing: its documents in column order, every
organisation's local terms, and the diff with the side-by-side review data built from it.

Moved out of groups.py so that stored (the review data kept for readers) and groups (which compares a
group when its members change) both build on it without importing each other.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from converge.core.diff import DiffContext, diff_group
from converge.store.models import MatchGroupRow, Trust
from converge.workflow.comparison.differences import build_review, column_labels
from converge.workflow.library import load_document


def local_terms(session: Session) -> dict[str, list[str]]:
    """Every stored organisation's local terms (its name and code first), by code (read on every group
    page view, so as a plain query built once)."""
    rows = session.connection().execute(_LOCAL_TERMS)
    return {code: [name, code, *(terms or [])] for code, name, terms in rows}


_LOCAL_TERMS = select(Trust.code, Trust.name, Trust.local_terms)


def diff_context_for(session: Session):
    """Every stored organisation's local terms, for telling local variation from content."""
    return DiffContext.from_terms(local_terms(session))


def group_documents(session: Session, group: MatchGroupRow):
    """The model Documents of a group's members, in trust order, each named by its column label."""
    members = sorted(group.members, key=lambda m: (m.document.trust.code, m.document_id))
    labels = column_labels((m.document.trust.code, m.document_id) for m in members)
    docs = [load_document(m.document) for m in members]
    return [
        d if labels[m.document_id] == d.trust else replace(d, trust=labels[m.document_id])
        for m, d in zip(members, docs, strict=True)
    ]


def compare_documents(docs, context):
    """A group's comparison, computed (the long part, 100-200 ms for three policies): the diff and the
    side-by-side review data built from it. Reads and writes nothing."""
    result = diff_group(docs, context)
    return result, build_review(docs, result)
