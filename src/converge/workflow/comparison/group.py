"""A match group as its page shows it, read in one plain query (no ORM objects).

The group page is the most visited page of a review; loading the group, its members, their documents and
trusts as ORM objects was a third of its cost. This is the same data as immutable rows, for reading only:
anything that changes a group loads it through the ORM (store.queries.get_group).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from converge.store.models import (
    Comment,
    DifferenceDecision,
    DraftSection,
    MatchGroupRow,
    MatchMember,
    StoredDocument,
    Trust,
)


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
    comments: int = 0  # how many, and the newest id: most groups have none, and then none are read
    last_comment: int = 0
    decisions: int = 0  # standing decisions on differences: likewise
    latest_decision: int = 0  # the id of its newest decision, superseded or not (0: none)
    draft_built_at: datetime | None = None  # the current draft's build (None: no draft) ...
    draft_bases: tuple[str | None, str | None] = (None, None)  # ... and the least and greatest basis of its
    # sections (draft.store.draft_basis): one value, equal to the group's now, is a current draft


def _query():
    g, m, d, t, c, dd = MatchGroupRow, MatchMember, StoredDocument, Trust, Comment, DifferenceDecision
    on_group = c.group_id == g.id
    standing = (dd.group_id == g.id) & dd.superseded_by_id.is_(None)
    draft = (DraftSection.group_id == g.id) & DraftSection.current.is_(True)
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
            select(func.count(c.id)).where(on_group).scalar_subquery().label("comments"),
            select(func.coalesce(func.max(c.id), 0)).where(on_group).scalar_subquery().label("last_comment"),
            select(func.count(dd.id)).where(standing).scalar_subquery().label("decisions"),
            select(func.coalesce(func.max(dd.id), 0))
            .where(dd.group_id == g.id)
            .scalar_subquery()
            .label("latest"),
            select(func.min(DraftSection.at)).where(draft).scalar_subquery().label("draft_at"),
            select(func.min(DraftSection.basis)).where(draft).scalar_subquery().label("basis_lo"),
            select(func.max(DraftSection.basis)).where(draft).scalar_subquery().label("basis_hi"),
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
        comments=first.comments,
        last_comment=first.last_comment,
        decisions=first.decisions,
        latest_decision=first.latest,
        draft_built_at=first.draft_at,
        draft_bases=(first.basis_lo, first.basis_hi),
    )
