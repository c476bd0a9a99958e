"""A person's correction of a stored document's metadata, recorded with who, when and why, and carried to
the document's groups (a corrected specialty reaches the groups that took it from the document).

Above both the library and the group services, which it joins.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from converge.core.errors import ConvergeError, NotFound
from converge.store.models import MetadataEdit, StoredDocument
from converge.workflow.actors import Actor, NotPermitted
from converge.workflow.features import forget_features
from converge.workflow.groups import carry_specialty
from converge.workflow.library import parse_day, title_key
from converge.workflow.vocab import MAX_LENGTH, canonical

EDITABLE_FIELDS: dict[str, str | None] = {
    "title": "title",
    "reference": "reference",
    "version": "version",
    "document_type": "document_type",
    "specialty": "specialty",
    "review_date": "review_date",
    "owner": None,
    "author": None,
    "approved_by": None,
    "date_approved": None,
    # The web page a snapshot copies (core.parsers.provenance); cleared, it is matched as the trust's own.
    "captured_from": None,
}


def update_metadata(
    session: Session, document_id: str, changes: dict[str, str], actor: Actor, reason: str = ""
) -> list[str]:
    """Correct a document's metadata; each changed field is recorded with its old value, who and why.

    Only an administrator or a governance lead of the document's own trust may edit. Returns the fields
    that changed.
    """
    row = session.get(StoredDocument, document_id)
    if row is None:
        raise NotFound(f"no document {document_id}")
    if not (actor.role == "admin" or (actor.role == "lead" and actor.trust == row.trust.code)):
        raise NotPermitted("only an administrator or a governance lead of this trust can edit its documents")
    changed: list[str] = []
    meta = dict(row.meta or {})
    for field_name, raw in changes.items():
        value = _edited_value(session, field_name, raw)
        column = EDITABLE_FIELDS[field_name]
        old = getattr(row, column) if column and getattr(row, column) is not None else meta.get(field_name)
        if field_name == "specialty":
            old_specialty = row.specialty
        if (old or None) == value:
            continue
        session.add(
            MetadataEdit(
                document_id=document_id,
                field=field_name,
                old_value=old,
                new_value=value,
                actor=actor.name,
                reason=reason.strip(),
            )
        )
        if value is None:
            meta.pop(field_name, None)
        else:
            meta[field_name] = value
        if column:
            setattr(row, column, value)
        if field_name == "title":
            row.title_key = title_key(value or "")
        if field_name == "specialty":
            carry_specialty(session, document_id, old_specialty, value, actor)
        changed.append(field_name)
    row.meta = meta
    if changed:
        _carry_to_structure(row, meta)
        forget_features(session, row.id)  # what matching read of the old title and metadata
    session.flush()
    return changed


def _carry_to_structure(row: StoredDocument, meta: dict[str, str]) -> None:
    """The stored structure (what matching and the draft read) takes the corrected title and metadata, so a
    correction is what the document says from the next match on."""
    structure = dict(row.structure or {})
    if not structure:
        return
    structure["meta"] = {**structure.get("meta", {}), **{k: v for k, v in meta.items() if v is not None}}
    for field_name in EDITABLE_FIELDS:
        if field_name not in meta:
            structure["meta"].pop(field_name, None)
    structure["meta"]["title"] = row.title
    structure["title"] = row.title
    row.structure = structure


def _edited_value(session: Session, field_name: str, raw: str) -> str | None:
    """A typed metadata value as stored (spaces collapsed, dates as ISO, vocabularies' own spelling), or a
    ConvergeError naming the field."""
    if field_name not in EDITABLE_FIELDS:
        raise ConvergeError(f"{field_name!r} cannot be edited")
    value = " ".join(str(raw).split())[:500] or None
    if field_name == "title" and not value:
        raise ConvergeError("a document needs a title", field="title")
    if field_name in ("review_date", "date_approved") and value:
        value = parse_day(value, field_name)
    if field_name in ("document_type", "specialty") and value:
        value = canonical(session, field_name, value)
        if value and len(value) > MAX_LENGTH[field_name]:
            raise ConvergeError(
                f"{field_name.replace('_', ' ')} is at most {MAX_LENGTH[field_name]} characters",
                field=field_name,
            )
    return value
