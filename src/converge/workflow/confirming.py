"""Getting proposed groups confirmed: a reviewer's request to a lead, and a lead's confirmation of many.

Only a lead (or an administrator) confirms that the matcher's proposal really is one topic; until then no
difference can be decided. A reviewer who reaches a proposed group asks a lead to confirm it
(`ask_to_confirm`): the request stays open, for the leads to see as work, until a lead confirms or rejects
the group (`converge.workflow.review.transition` closes them). A lead can also confirm, in one step, every
proposed group of their trust the matcher is most sure of (`bulk_confirm`), each move recorded as usual.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from converge.core.errors import ReviewError
from converge.store.models import ConfirmRequest, MatchGroupRow, MatchMember, StoredDocument
from converge.store.queries import get_group
from converge.workflow.actors import Actor, NotPermitted
from converge.workflow.review import check_specialty, transition, trust_group_ids
from converge.workflow.status import LEADS, REVIEWERS, Status

HIGH_CONFIDENCE = 0.85  # the default floor offered for confirming many at once (a lead may raise it)


def open_requests(session: Session, group_id: int | None = None) -> list[ConfirmRequest]:
    """Requests not yet resolved, oldest first (of one group, or all)."""
    query = select(ConfirmRequest).where(ConfirmRequest.resolved_at.is_(None))
    if group_id is not None:
        query = query.where(ConfirmRequest.group_id == group_id)
    return list(session.scalars(query.order_by(ConfirmRequest.created_at, ConfirmRequest.id)))


def ask_to_confirm(session: Session, group_id: int, actor: Actor, note: str = "") -> ConfirmRequest:
    """Record a reviewer's request that a lead confirm a proposed group (one open request per person)."""
    if actor.role not in REVIEWERS:
        raise NotPermitted(f"a {actor.role} cannot ask for a group to be confirmed")
    group = get_group(session, group_id)
    if group.status != Status.PROPOSED:
        raise ReviewError("only a proposed group waits for a lead to confirm it")
    check_specialty(group, actor)
    for request in open_requests(session, group_id):
        if request.requester == actor.name:
            raise ReviewError(
                f"you already asked on {request.created_at:%d %b %Y}; a lead has not answered yet"
            )
    request = ConfirmRequest(group_id=group_id, requester=actor.name, note=note.strip()[:2000])
    session.add(request)
    session.flush()
    return request


def confirmable(
    session: Session, actor: Actor, floor: float = HIGH_CONFIDENCE, limit: int = 500
) -> list[MatchGroupRow]:
    """Proposed groups of more than one document at or above `floor` confidence that `actor` may
    confirm (a lead: those holding a document of their trust), most confident first."""
    if actor.role not in LEADS:
        return []
    query = (
        select(MatchGroupRow)
        .where(MatchGroupRow.status == Status.PROPOSED, MatchGroupRow.confidence >= floor)
        .options(
            selectinload(MatchGroupRow.members)
            .selectinload(MatchMember.document)
            .selectinload(StoredDocument.trust)
        )
        .order_by(MatchGroupRow.confidence.desc(), MatchGroupRow.id)
    )
    if actor.role == "lead":
        query = query.where(MatchGroupRow.id.in_(trust_group_ids(actor.trust)))
    return [g for g in session.scalars(query.limit(limit)) if len(g.members) > 1]


def bulk_confirm(
    session: Session, group_ids: Sequence[int], actor: Actor, floor: float, reason: str = ""
) -> list[int]:
    """Confirm the chosen proposed groups, each as one recorded move; groups no longer proposed or below
    the floor are left alone. Returns the ids confirmed."""
    if not group_ids:
        raise ReviewError("choose at least one group to confirm", field="group")
    wanted = set(group_ids)
    done: list[int] = []
    why = reason.strip() or f"confirmed with the high-confidence groups (at least {floor:.2f})"
    for group in confirmable(session, actor, floor, limit=len(wanted) + 1000):
        if group.id in wanted:
            transition(session, group.id, Status.CONFIRMED, actor, why)
            done.append(group.id)
    return done


def requested_groups(session: Session, group_ids: Iterable[int]) -> dict[int, list[ConfirmRequest]]:
    """Open requests by group, for the groups given."""
    out: dict[int, list[ConfirmRequest]] = {}
    ids = set(group_ids)
    for row in open_requests(session):
        if row.group_id in ids:
            out.setdefault(row.group_id, []).append(row)
    return out
