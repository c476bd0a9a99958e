"""Read queries the workflow services share: a group by id, a group's standing decisions.

Plain reads with no workflow rules, kept below the services that apply the rules (review, sign-off,
drafts), so each of those can ask without importing another.
"""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from converge.core.errors import NotFound
from converge.store.models import DifferenceDecision, MatchGroupRow


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
