"""A match group as its page shows it, read in one plain query (no ORM objects).

The group page is the most visited page of a review; loading the group, its members, their documents and
trusts as ORM objects was a third of its cost. This is the same data as immutable rows, for reading only:
anything that changes a group loads it through the ORM (review.get_group).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from converge.store.models import MatchGroupRow, MatchMember, StoredDocument, Trust


@dataclass(frozen=True, slots=True)
class MemberView:
    document_id: str
    state: str
    trust: str
    title: str
    version: str | None


@dataclass(frozen=True, slots=True)
class GroupView:
    id: int
    status: str
    confidence: float
    evidence: dict[str, Any]
    topic: str
    specialty: str | None
    origin: str
    revision: int
    members: tuple[MemberView, ...]


def _query():  # type: ignore[no-untyped-def]
    g, m, d, t = MatchGroupRow, MatchMember, StoredDocument, Trust
    return (
        select(
            g.id,
            g.status,
            g.confidence,
            g.evidence,
            g.topic,
            g.specialty,
            g.origin,
            g.revision,
            m.document_id,
            m.state,
            t.code,
            d.title,
            d.version,
        )
        .select_from(g)
        .outerjoin(m, m.group_id == g.id)
        .outerjoin(d, d.id == m.document_id)
        .outerjoin(t, t.id == d.trust_id)
        .where(g.id == bindparam("group_id"))
        .order_by(m.id)
    )


# Built once: making the statement cost more than running it.
QUERY = _query()


def group_view(session: Session, group_id: int) -> GroupView | None:
    rows = session.connection().execute(QUERY, {"group_id": group_id}).all()
    if not rows:
        return None
    first = rows[0]
    members = tuple(
        MemberView(r.document_id, r.state, r.code, r.title, r.version)
        for r in rows
        if r.document_id is not None
    )
    return GroupView(
        id=first.id,
        status=first.status,
        confidence=first.confidence,
        evidence=first.evidence or {},
        topic=first.topic,
        specialty=first.specialty,
        origin=first.origin,
        revision=first.revision,
        members=members,
    )
