"""A group's comparison kept: its summary on the group and its review data under the fingerprint of what it
was computed from; which groups' stored comparisons are stale, and comparing them again.

Below the group services (converge.workflow.groups) and the sign-off rules, which both ask for a fresh
comparison, so neither imports the other for it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from converge.store.models import GroupReview, MatchGroupRow, MatchMember
from converge.workflow.comparison.compute import compare_documents, diff_context_for, group_documents
from converge.workflow.comparison.stored import fingerprint, save_review
from converge.workflow.openwork import significant_of
from converge.workflow.status import Status


def store_comparison(session: Session, group: MatchGroupRow, doc_ids, context, result, review) -> None:
    """Keep a group's comparison: its summary on the group (counts, sections only at one trust,
    divergence) and its review data under the fingerprint of what it was computed from."""
    group.divergence = round(result.divergence, 4)
    # The merged differences a reviewer decides (one each, however many trusts word it differently): what
    # every count of significant and open differences is made of (openwork), never the pairwise counts.
    keys = significant_of(review.differences)
    group.diff_summary = {
        "significant_keys": keys,
        "significant_by_category": dict(Counter(keys.values()).most_common()),
        "significant": len(keys),
        "sections_only_at": {t: list(h) for t, h in result.only_at.items()},
        "divergence": round(result.divergence, 4),
    }
    session.flush()  # a group made in this transaction needs its id
    save_review(session, group.id, fingerprint(list(doc_ids), context), review)


def summarise_group(session: Session, group: MatchGroupRow, context=None):
    """Compare a group's documents now and store the comparison (see store_comparison)."""
    docs = group_documents(session, group)
    if len(docs) < 2:
        group.divergence = None
        group.diff_summary = {"significant_by_category": {}, "sections_only_at": {}, "divergence": None}
        return None
    context = context or diff_context_for(session)
    result, review = compare_documents(docs, context)
    store_comparison(session, group, [d.id for d in docs], context, result, review)
    return result


def stale_group_ids(session: Session, context=None, only: Iterable[int] | None = None) -> list[int]:
    """Live groups (of `only`, when given) of two or more documents whose stored comparison is missing or
    was computed from other members or other local terms (the fingerprint covers both), in id order."""
    context = context or diff_context_for(session)
    stored = {gid: fp for gid, fp in session.execute(select(GroupReview.group_id, GroupReview.fingerprint))}
    rows = session.execute(
        select(MatchGroupRow.id, MatchGroupRow.diff_summary, MatchMember.document_id)
        .join(MatchMember, MatchMember.group_id == MatchGroupRow.id)
        .where(MatchGroupRow.status != Status.SUPERSEDED)
        .where(MatchGroupRow.id.in_(list(only)) if only is not None else MatchGroupRow.id.is_not(None))
        .order_by(MatchGroupRow.id)
    )
    members: dict[int, list[str]] = {}
    summaries: dict[int, Any] = {}
    for gid, summary, doc_id in rows:
        members.setdefault(gid, []).append(doc_id)
        summaries[gid] = summary
    # (A summary without the merged significant differences predates one count everywhere.)
    return [
        gid
        for gid, ids in members.items()
        if len(ids) > 1
        and (stored.get(gid) != fingerprint(ids, context) or "significant_keys" not in (summaries[gid] or {}))
    ]


def summarise_stale_groups(session: Session, progress: Callable[[int, int], None] | None = None) -> int:
    """Compare, here and now, every live group whose stored comparison is stale (see stale_group_ids);
    `progress(done, total)` is called as it goes. Consumers do this one group per job instead."""
    context = diff_context_for(session)
    stale = stale_group_ids(session, context)
    for n, gid in enumerate(stale):
        if progress is not None:
            progress(n, len(stale))
        group = session.get(MatchGroupRow, gid)
        assert group is not None
        summarise_group(session, group, context)
    if progress is not None:
        progress(len(stale), len(stale))
    session.flush()
    return len(stale)
