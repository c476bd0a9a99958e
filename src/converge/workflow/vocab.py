"""Controlled vocabularies: the document types and specialties a library and its groups may use.

One list per kind, kept by administrators. A value typed anywhere (a parsed front sheet, a lead's
correction, a reviewer's specialty) is mapped onto its term case-insensitively, so "guideline" and
"Guideline" are one type, and facets and filters never offer both. A value no term matches is kept as
typed (a parser must not lose what a document says) and offered to an administrator to add.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from converge.core.errors import ConvergeError, NotFound
from converge.store.models import MatchGroupRow, StoredDocument, User, VocabularyTerm
from converge.store.session import rowcount

KINDS = {"document_type": "Document types", "specialty": "Specialties"}
MAX_LENGTH = {"document_type": 50, "specialty": 200}  # the columns that hold the values


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise NotFound(f"no vocabulary {kind!r}")


def tidy(value: str | None) -> str:
    return " ".join((value or "").split())


def terms(session: Session, kind: str, *, include_inactive: bool = False) -> list[VocabularyTerm]:
    """A vocabulary's terms, alphabetically (case-insensitive)."""
    _check_kind(kind)
    query = select(VocabularyTerm).where(VocabularyTerm.kind == kind)
    if not include_inactive:
        query = query.where(VocabularyTerm.active.is_(True))
    return sorted(session.scalars(query), key=lambda t: t.value.lower())


def term_values(session: Session, kind: str) -> list[str]:
    return [t.value for t in terms(session, kind)]


def canonical(session: Session, kind: str, value: str | None) -> str | None:
    """`value` as its vocabulary spells it (matched case-insensitively), or tidied when no term matches;
    None for an empty value."""
    value = tidy(value)
    if not value:
        return None
    found = session.scalar(
        select(VocabularyTerm.value).where(
            VocabularyTerm.kind == kind, func.lower(VocabularyTerm.value) == value.lower()
        )
    )
    return found or value


def add_term(session: Session, kind: str, value: str, actor: str) -> VocabularyTerm:
    """Add a term (or bring a retired one back); stored values spelt differently are mapped onto it."""
    _check_kind(kind)
    value = tidy(value)
    if not value:
        raise ConvergeError("enter the term", field="value")
    if len(value) > MAX_LENGTH[kind]:
        raise ConvergeError(f"a term is at most {MAX_LENGTH[kind]} characters", field="value")
    same = session.scalar(
        select(VocabularyTerm).where(
            VocabularyTerm.kind == kind, func.lower(VocabularyTerm.value) == value.lower()
        )
    )
    if same is not None and same.active:
        raise ConvergeError(f"“{same.value}” is already in the list", field="value")
    if same is None:
        same = VocabularyTerm(kind=kind, value=value, active=True, created_by=actor)
        session.add(same)
    same.active = True
    session.flush()
    map_stored_values(session, kind)
    return same


def set_active(session: Session, term_id: int, active: bool) -> VocabularyTerm:
    """Retire a term from the choices (values already recorded keep it) or bring it back."""
    term = session.get(VocabularyTerm, term_id)
    if term is None:
        raise NotFound("no such term")
    term.active = active
    session.flush()
    return term


def _columns(kind: str):
    if kind == "document_type":
        return [StoredDocument.document_type]
    return [StoredDocument.specialty, MatchGroupRow.specialty, User.specialty]


def map_stored_values(session: Session, kind: str) -> int:
    """Respell stored values that match a term but for case or spacing; returns how many changed."""
    from sqlalchemy import update

    changed = 0
    for term in terms(session, kind, include_inactive=True):
        for column in _columns(kind):
            stmt = (
                update(column.class_)
                .where(func.lower(func.trim(column)) == term.value.lower(), column != term.value)
                .values({column.key: term.value})
                .execution_options(synchronize_session=False)
            )
            changed += rowcount(session.execute(stmt))
    return changed


def unlisted_values(session: Session, kind: str) -> list[str]:
    """Values in use that no term matches: what an administrator may want to add."""
    known = {t.value.lower() for t in terms(session, kind, include_inactive=True)}
    found: set[str] = set()
    for column in _columns(kind):
        found.update(tidy(v) for v in session.scalars(select(column).where(column.is_not(None)).distinct()))
    return sorted((v for v in found if v and v.lower() not in known), key=str.lower)
