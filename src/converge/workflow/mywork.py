"""What is waiting for one person: groups to confirm, differences to decide, drafts to agree, sign-offs.

Each list is the work the workflow and the sign-off rules (converge.workflow.signoff) ask of this person's role,
within their scope: a lead's trust, a reviewer's specialty, every group for an administrator. The lists are
plain data for the "My work" page; a group's open count is THE count of openwork, never a second one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from converge.store.models import (
    ConfirmRequest,
    DifferenceDecision,
    MatchGroupRow,
    MatchMember,
    StoredDocument,
    Trust,
)
from converge.workflow.actors import Actor
from converge.workflow.openwork import open_work, summary_significant
from converge.workflow.review import trust_group_ids
from converge.workflow.signoff import Rules, agreement_round, round_signoffs
from converge.workflow.status import LEADS, REVIEWERS, Status

LIMIT = 50  # items shown per list; the queue shows the rest


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One group on someone's list, with what is asked of them there."""

    group_id: int
    topic: str
    status: str
    specialty: str | None
    trusts: tuple[str, ...]
    confidence: float = 0.0
    open: int | None = None  # open significant differences; None when never compared
    significant: int | None = None
    note: str = ""  # e.g. who asked, and when
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class MyWork:
    to_confirm: list[WorkItem] = field(default_factory=list)
    to_confirm_total: int = 0
    requests: list[WorkItem] = field(default_factory=list)
    to_decide: list[WorkItem] = field(default_factory=list)
    to_agree: list[WorkItem] = field(default_factory=list)
    signoffs: list[WorkItem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return (
            self.to_confirm_total
            + len(self.requests)
            + len(self.to_decide)
            + len(self.to_agree)
            + len(self.signoffs)
        )


def _scoped(stmt: Select[*tuple[Any, ...]], actor: Actor) -> Select[*tuple[Any, ...]]:
    """Only the groups this person may act on (review.check_scope, as a query)."""
    if actor.role == "lead":
        stmt = stmt.where(MatchGroupRow.id.in_(trust_group_ids(actor.trust)))
    elif actor.role == "reviewer" and actor.specialty:
        stmt = stmt.where(
            or_(
                MatchGroupRow.specialty.is_(None),
                func.lower(func.trim(MatchGroupRow.specialty)) == actor.specialty.strip().lower(),
            )
        )
    return stmt


def _trusts(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    if ids:
        rows = session.execute(
            select(MatchMember.group_id, Trust.code)
            .join(StoredDocument, StoredDocument.id == MatchMember.document_id)
            .join(Trust, Trust.id == StoredDocument.trust_id)
            .where(MatchMember.group_id.in_(list(ids)))
        )
        for gid, code in rows:
            out.setdefault(gid, []).append(code)
    return {gid: tuple(sorted(set(codes))) for gid, codes in out.items()}


def _standing(session: Session, ids: Sequence[int]) -> dict[int, dict[str, str]]:
    """Each group's standing decisions (key -> decision), in one query."""
    out: dict[int, dict[str, str]] = {}
    if ids:
        rows = session.execute(
            select(DifferenceDecision.group_id, DifferenceDecision.change_key, DifferenceDecision.decision)
            .where(DifferenceDecision.group_id.in_(list(ids)), DifferenceDecision.superseded_by_id.is_(None))
            .order_by(DifferenceDecision.at)
        )
        for gid, key, decision in rows:
            out.setdefault(gid, {})[key] = decision
    return out


def _items(session: Session, groups: Sequence[MatchGroupRow], note: str = "") -> list[WorkItem]:
    ids = [g.id for g in groups]
    trusts, decided = _trusts(session, ids), _standing(session, ids)
    out = []
    for g in groups:
        work = open_work(g.status, summary_significant(g.diff_summary), decided.get(g.id, {}))
        out.append(
            WorkItem(
                g.id,
                g.topic or f"Group {g.id}",
                g.status,
                g.specialty,
                trusts.get(g.id, ()),
                g.confidence or 0.0,
                work.open if work.known else None,
                work.significant if work.known else None,
                note,
                g.updated_at,
            )
        )
    return out


def groups_to_confirm(session: Session, actor: Actor, limit: int = LIMIT) -> tuple[list[WorkItem], int]:
    """Proposed groups a lead may confirm (most confident first), and how many there are in all."""
    if actor.role not in LEADS:
        return [], 0
    base = _scoped(select(MatchGroupRow).where(MatchGroupRow.status == Status.PROPOSED), actor)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    groups = session.scalars(base.order_by(MatchGroupRow.confidence.desc(), MatchGroupRow.id).limit(limit))
    return _items(session, list(groups)), total


def confirm_requests(session: Session, actor: Actor) -> list[WorkItem]:
    """Reviewers' open requests that a lead confirm a proposed group (converge.workflow.confirming)."""
    if actor.role not in LEADS:
        return []
    stmt = _scoped(
        select(ConfirmRequest, MatchGroupRow)
        .join(MatchGroupRow, MatchGroupRow.id == ConfirmRequest.group_id)
        .where(MatchGroupRow.status == Status.PROPOSED, ConfirmRequest.resolved_at.is_(None))
        .order_by(ConfirmRequest.created_at),
        actor,
    )
    rows = session.execute(stmt).all()
    items = _items(session, [group for _, group in rows])  # one batch of queries, not one per request
    return [
        replace(item, note=f"asked by {req.requester} on {req.created_at:%d %b %Y}", at=req.created_at)
        for (req, _), item in zip(rows, items, strict=True)
    ]


def differences_to_decide(session: Session, actor: Actor, limit: int = LIMIT) -> list[WorkItem]:
    """Confirmed and in-review groups with significant differences still open, most open first."""
    if actor.role not in REVIEWERS:
        return []
    stmt = _scoped(
        select(MatchGroupRow).where(MatchGroupRow.status.in_([Status.CONFIRMED, Status.IN_REVIEW])), actor
    )
    items = [i for i in _items(session, list(session.scalars(stmt))) if i.open is None or i.open > 0]
    items.sort(key=lambda i: (-(i.open or 0), i.topic.lower()))
    return items[:limit]


def drafts_to_agree(session: Session, actor: Actor, limit: int = LIMIT) -> list[WorkItem]:
    """Groups in review with every significant difference decided: the draft may be agreed."""
    if actor.role not in REVIEWERS:
        return []
    stmt = _scoped(select(MatchGroupRow).where(MatchGroupRow.status == Status.IN_REVIEW), actor)
    return [i for i in _items(session, list(session.scalars(stmt))) if i.open == 0][:limit]


def signoffs_waiting(session: Session, actor: Actor, rules: Rules) -> list[WorkItem]:
    """Agreed drafts waiting for this person: their trust's sign-off (every-trust rule), or a lead's
    approval (any-lead rule)."""
    if actor.role not in LEADS:
        return []
    stmt = _scoped(select(MatchGroupRow).where(MatchGroupRow.status == Status.DRAFT_AGREED), actor)
    groups = list(session.scalars(stmt.order_by(MatchGroupRow.updated_at)))
    items = _items(session, groups)
    if rules.approval != "every_trust":
        return [_with_note(i, "waiting for a lead's approval") for i in items]
    if not actor.trust:
        return []  # an administrator signs for no trust (an override is not work to chase)
    out = []
    for item in items:
        agreed = agreement_round(session, item.group_id)
        done = (
            {s.trust for s in round_signoffs(session, agreed.id) if s.kind == "signoff"} if agreed else set()
        )
        if actor.trust in item.trusts and actor.trust not in done:
            others = [t for t in item.trusts if t not in done and t != actor.trust]
            note = f"waiting for {actor.trust}'s sign-off" + (f" (and {', '.join(others)})" if others else "")
            out.append(_with_note(item, note))
    return out


def _with_note(item: WorkItem, note: str) -> WorkItem:
    return replace(item, note=note)


def my_work(session: Session, actor: Actor, rules: Rules) -> MyWork:
    """Everything waiting for this person."""
    to_confirm, total = groups_to_confirm(session, actor)
    return MyWork(
        to_confirm=to_confirm,
        to_confirm_total=total,
        requests=confirm_requests(session, actor),
        to_decide=differences_to_decide(session, actor),
        to_agree=drafts_to_agree(session, actor),
        signoffs=signoffs_waiting(session, actor, rules),
    )
