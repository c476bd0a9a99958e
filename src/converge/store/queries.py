"""Read queries the workflow services share: a group by id, a group's standing decisions, its data version,
the work queue's, the current documents matching reads.

Plain reads with no workflow rules, kept below the services that apply the rules (review, sign-off,
drafts), so each of those can ask without importing another.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ScalarSelect, Select, bindparam, func, select
from sqlalchemy.orm import Session

from converge.core.errors import NotFound
from converge.store.models import DifferenceDecision, GroupVersion, MatchGroupRow, StoredDocument, Trust


def get_group(session: Session, group_id: int) -> MatchGroupRow:
    group = session.get(MatchGroupRow, group_id)
    if group is None:
        raise NotFound(f"no match group {group_id}")
    return group


def current_decisions(session: Session, group_id: int) -> dict[str, list[DifferenceDecision]]:
    """Decisions not superseded, by difference key (normally one each)."""
    out: dict[str, list[DifferenceDecision]] = {}
    for row in session.scalars(_CURRENT_DECISIONS, {"group_id": group_id}):
        out.setdefault(row.change_key, []).append(row)
    return out


_CURRENT_DECISIONS = (  # built once: every first view of a group page runs it
    select(DifferenceDecision)
    .where(DifferenceDecision.group_id == bindparam("group_id"))
    .where(DifferenceDecision.superseded_by_id.is_(None))
    .order_by(DifferenceDecision.at)
)


def group_version(session: Session, group_id: int) -> tuple[int | None, int | None]:
    """The group's data version and every group's (models.GroupVersion), in one round trip: equal on two
    reads only if nothing the group's page shows changed in between (None: never changed since 0011)."""
    row = session.execute(select(*GROUP_VERSION), {"group_id": group_id}).one()
    return row.own, row.every


def _version_of(group_id: Any) -> ScalarSelect[int]:
    return select(GroupVersion.version).where(GroupVersion.group_id == group_id).scalar_subquery()


# The two as columns, for a caller to read with another query in the same round trip (web.auth).
GROUP_VERSION = (_version_of(bindparam("group_id")).label("own"), _version_of(0).label("every"))


# What the work queue shows, as one number (migration 0012): the sum of every group's queue count, which
# each change the queue shows raises. Equal on two reads only if no such change was committed in between.
# (One scan of a row per group: a fraction of a millisecond for thousands of groups.)
QUEUE_VERSION = select(func.coalesce(func.sum(GroupVersion.listed), 0)).scalar_subquery().label("listed")


# Where the groups fall in the work queue, as one number (migration 0014): the sum of every group's placement
# count, which each change to what filters, sorts or counts the groups raises (not a decision: it changes
# only its group's row). Equal on two reads only if no such change was committed in between.
QUEUE_PLACEMENT = select(func.coalesce(func.sum(GroupVersion.placed), 0)).scalar_subquery().label("placed")


def queue_version(session: Session) -> tuple[int, int]:
    """Where the work queue's groups fall and what it shows (QUEUE_PLACEMENT, QUEUE_VERSION)."""
    row = session.execute(select(QUEUE_PLACEMENT, QUEUE_VERSION)).one()
    return int(row.placed), int(row.listed)


def listed_versions(session: Session, group_ids: Iterable[int]) -> tuple[int | None, ...]:
    """Each group's count of what the queue shows of it (migration 0012), in the order of `group_ids`."""
    ids = list(group_ids)
    found = dict(
        session.execute(select(GroupVersion.group_id, GroupVersion.listed).where(GroupVersion.group_id.in_(ids))).all()
    )
    return tuple(found.get(i) for i in ids)


def current_for_matching(trusts: Iterable[str] | None, *columns: Any) -> Select:
    """`columns` of the documents matching reads (`workflow.library.current_documents`, and their stored
    features in workflow.features), current ones, in one order for both (ties by id); a national library's
    only when asked for by code: guidance is held against, never converged."""
    query = (
        select(*columns)
        .select_from(StoredDocument)
        .join(Trust)
        .where(StoredDocument.status == "current")
        .order_by(Trust.code, StoredDocument.title, StoredDocument.id)
    )
    if trusts:
        return query.where(Trust.code.in_({t.upper() for t in trusts}))
    return query.where(Trust.kind != "national")
