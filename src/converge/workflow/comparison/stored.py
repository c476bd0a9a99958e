"""Where a group's review data comes from: the database, or a fresh diff stored for the next reader.

Diffing a group of three policies and marking their words costs 100-200 ms of CPU; a page view must cost
a few. So the review data is computed when a group's members change (at match time, see
comparison.summary.summarise_group) and stored in `group_reviews` as compressed JSON under a fingerprint of what it
was computed from: the member documents (a new version is a new document), every organisation's local
terms and the format below. A page view loads it by group id and checks the fingerprint; a stale or
missing one is recomputed and stored, so no reader ever sees a review of other documents.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from converge.core.diff import DiffContext, diff_group
from converge.store.models import GroupReview, utcnow
from converge.store.session import write_apart
from converge.workflow.comparison.compute import diff_context_for, group_documents
from converge.workflow.comparison.differences import (
    Cell,
    Difference,
    Piece,
    ReviewData,
    Row,
    Side,
    Span,
    build_review,
)

if TYPE_CHECKING:
    from converge.core.diff.context import DiffContext

# Bump when ReviewData or build_review changes what it produces: every stored review is then recomputed.
FORMAT = 3  # 2: the diff sets layout aside, names organisations in reasons, merges three-way reasons
# 3: two documents of one trust are two columns ("JPUH-1", "JPUH-2"; reviewview.column_labels)

# --- encoding --------------------------------------------------------------------------------------
# Compact JSON: spans are lists with trailing defaults dropped, since a group has thousands of them.


def _span_out(s: Span) -> list[Any]:
    if s.tag:
        return [s.text, s.level, s.key, s.tag]
    if s.key or s.level != "equal":
        return [s.text, s.level, s.key]
    return [s.text]


def _spans_in(items: Iterable[list[Any]]) -> tuple[Span, ...]:
    return tuple(Span(*v) for v in items)


def _piece_out(p: Piece) -> list[Any]:
    rows = [[[_span_out(s) for s in cell] for cell in row] for row in p.rows]
    return [p.kind, [_span_out(s) for s in p.spans], p.depth, rows]


def _piece_in(kind: str, spans: list[Any], depth: int, rows: list[Any]) -> Piece:
    return Piece(kind, _spans_in(spans), depth, tuple(tuple(_spans_in(c) for c in r) for r in rows))


def _side_in(trust: str, text: str, changed: str, section: str, path: list[str] | None) -> Side:
    return Side(trust, text, changed, section, tuple(path) if path else None)


def encode(data: ReviewData) -> bytes:
    rows = [
        [
            r.index,
            r.heading,
            r.significant,
            r.differences,
            [
                [
                    c.trust,
                    c.present,
                    list(c.headings),
                    [_piece_out(p) for p in c.pieces],
                ]
                for c in r.cells
            ],
        ]
        for r in data.rows
    ]
    differences = [
        {
            "key": d.key,
            "row": d.row,
            "level": d.level,
            "category": d.category,
            "categories": list(d.categories),
            "significant": d.significant,
            "reason": d.reason,
            "kind": d.kind,
            "sides": [
                [s.trust, s.text, s.changed, s.section, list(s.path) if s.path else None] for s in d.sides
            ],
            "moved": d.moved,
            "trusts": list(d.trusts),
        }
        for d in data.differences
    ]
    doc = {
        "format": FORMAT,
        "trusts": list(data.trusts),
        "titles": data.titles,
        "doc_ids": data.doc_ids,
        "rows": rows,
        "differences": differences,
        "counts": data.counts,
        "only_at": {k: list(v) for k, v in data.only_at.items()},
        "divergence": data.divergence,
    }
    return zlib.compress(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode(), 6)


def decode(blob: bytes) -> ReviewData:
    doc = json.loads(zlib.decompress(blob))
    if doc.get("format") != FORMAT:
        raise ValueError(f"stored review format {doc.get('format')}, expected {FORMAT}")
    rows = tuple(
        Row(
            index,
            heading,
            tuple(
                Cell(
                    trust,
                    present,
                    tuple(headings),
                    tuple(_piece_in(*p) for p in pieces),
                )
                for trust, present, headings, pieces in cells
            ),
            significant,
            n,
        )
        for index, heading, significant, n, cells in doc["rows"]
    )
    differences = tuple(
        Difference(
            key=d["key"],
            row=d["row"],
            level=d["level"],
            category=d["category"],
            categories=tuple(d["categories"]),
            significant=d["significant"],
            reason=d["reason"],
            kind=d["kind"],
            sides=tuple(_side_in(*side) for side in d["sides"]),
            moved=d["moved"],
            trusts=tuple(d["trusts"]),
        )
        for d in doc["differences"]
    )
    return ReviewData(
        trusts=tuple(doc["trusts"]),
        titles=doc["titles"],
        doc_ids=doc["doc_ids"],
        rows=rows,
        differences=differences,
        counts=doc["counts"],
        only_at={k: tuple(v) for k, v in doc["only_at"].items()},
        divergence=doc["divergence"],
    )


# --- what a review depends on ----------------------------------------------------------------------


def fingerprint(member_ids: Sequence[str], context: object) -> str:
    """What a group's review is computed from: its documents, the local terms and the format."""
    terms = getattr(context, "local_terms", {})
    material = [FORMAT, sorted(member_ids), {k: list(v) for k, v in sorted(terms.items())}]
    return hashlib.sha1(json.dumps(material, ensure_ascii=False).encode()).hexdigest()


def review_key(session: Session, group: Any, context: object = None) -> str | None:
    """The fingerprint of a group's review as it should be now; None with fewer than two documents.

    Callers caching HTML built from the review data key it with this too, so a change of local terms or
    members never shows a stale page.
    """
    members = getattr(group, "members", [])
    if len(members) < 2:
        return None
    return fingerprint([m.document_id for m in members], context or diff_context_for(session))


# --- storing and loading ---------------------------------------------------------------------------


def save_review(session: Session, group_id: int, key: str, data: ReviewData) -> None:
    """Store (or replace) a group's review data under its fingerprint, in the caller's transaction."""
    row = session.get(GroupReview, group_id)
    if row is None:
        session.add(GroupReview(group_id=group_id, fingerprint=key, payload=encode(data)))
    else:
        row.fingerprint, row.payload, row.built_at = key, encode(data), utcnow()


def stored_review(session: Session, group_id: int, key: str) -> ReviewData | None:
    """The stored review of a group if it was computed from what `key` says; None otherwise."""
    row = session.execute(
        select(GroupReview.payload).where(GroupReview.group_id == group_id, GroupReview.fingerprint == key)
    ).first()
    if row is None:
        return None
    try:
        return decode(row[0])
    except (ValueError, zlib.error):  # an older format or a damaged row: recompute rather than fail
        return None


def compute_review(session: Session, group: Any, context: DiffContext | None = None) -> ReviewData:
    docs = group_documents(session, group)
    return build_review(docs, diff_group(docs, context or diff_context_for(session)))


def review_in_session(session: Session, group: Any, key: str) -> ReviewData:
    """The stored review of a group, or one computed and stored in the caller's own transaction."""
    data = stored_review(session, group.id, key)
    if data is None:
        data = compute_review(session, group)
        save_review(session, group.id, key, data)
    return data


def group_review(session: Session, group: Any, key: str | None = None) -> ReviewData | None:
    """A group's review data (None with fewer than two documents): stored, or computed now and stored in a
    short transaction of its own (the first view of a group no consumer has compared yet).

    Pass `key` when the caller already has review_key's answer.
    """
    key = key or review_key(session, group)
    if key is None:
        return None
    group_id = getattr(group, "id", None)
    if group_id is not None:
        stored = stored_review(session, group_id, key)
        if stored is not None:
            return stored
    data = compute_review(session, group)
    if group_id is not None:
        write_apart(session, lambda own: save_review(own, group_id, key, data))
    return data
