"""The review workflow of a match group: statuses, allowed transitions, decisions and comments.

Functions take a Session first and only add/flush: the caller (a view or a CLI command) commits, so one
request is one transaction. Every transition and decision records who, when and why; nothing is deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.orm import Session

from converge.core.errors import ReviewError
from converge.store.models import (
    Comment,
    ConfirmRequest,
    DifferenceDecision,
    FieldEdit,
    GroupEdit,
    GroupSignoff,
    GroupTransition,
    MatchDecision,
    MatchGroupRow,
    MatchMember,
    StoredDocument,
    Trust,
    utcnow,
)
from converge.store.queries import current_decisions, get_group
from converge.store.session import rowcount
from converge.workflow.actors import Actor, NotPermitted
from converge.workflow.comparison.differences import column_labels  # a trust with two documents: two columns
from converge.workflow.signoff import (
    STRICT,
    Rules,
    agreement_round,
    check_move,
    member_trusts,
    readiness,
    round_signoffs,
)
from converge.workflow.status import (
    DECISIONS,
    ENDINGS_NEEDING_REASON,
    LABELS,
    REVERSALS_NEEDING_REASON,
    REVIEWERS,
    TRANSITIONS,
    Status,
)


class StaleRevision(ReviewError):
    """Someone else changed the group after this page was loaded."""


class DecisionConflict(StaleRevision):
    """Someone decided this difference after the deciding page was loaded; `theirs` is their decision."""

    def __init__(self, theirs: DifferenceDecision) -> None:
        super().__init__(f"{theirs.actor} decided this difference after you opened the page")
        self.theirs = theirs




def allowed_moves(status: str, role: str) -> list[Status]:
    """The statuses a user with `role` may move a group in `status` to."""
    return [dst for (src, dst), roles in TRANSITIONS.items() if src == status and role in roles]


def _check_revision(group: MatchGroupRow, expected: int | None) -> None:
    if expected is not None and expected != group.revision:
        raise StaleRevision(
            f"group {group.id} was changed by someone else since you opened it "
            f"(now at revision {group.revision}): the page now shows their changes; check them and "
            "submit again"
        )


def lock_group(
    session: Session, group_id: int, expected: int | None = None, *, bump: bool = True
) -> MatchGroupRow:
    """Take the group's row for the rest of this transaction, fresh from the database.

    One conditional UPDATE (`... WHERE id = :id AND revision = :expected`) does the work on both
    databases: PostgreSQL locks the row until commit and re-checks the condition for a writer that waited
    (so the second of two racing posts finds the revision moved and is refused), and SQLite lets one
    writer at a time in. The revision is compared in the database, not in Python, and counted by rows.
    It must be the transaction's first write. `bump=False` (a comment) locks without moving the revision,
    so the reader's open forms stay valid.
    """
    stmt = update(MatchGroupRow).where(MatchGroupRow.id == group_id)
    if expected is not None:
        stmt = stmt.where(MatchGroupRow.revision == expected)
    if bump:
        stmt = stmt.values(revision=MatchGroupRow.revision + 1, updated_at=utcnow())
    else:
        stmt = stmt.values(revision=MatchGroupRow.revision)
    if rowcount(session.execute(stmt.execution_options(synchronize_session=False))) != 1:
        group = get_group(session, group_id)  # NotFound when there is no such group
        session.refresh(group)
        _check_revision(group, expected)
        raise StaleRevision(
            f"group {group_id} was changed by someone else: the page now shows their changes; check them "
            "and submit again"
        )
    fresh = session.get(MatchGroupRow, group_id, populate_existing=True)
    assert fresh is not None
    return fresh


def group_trusts(session: Session, group_id: int) -> set[str]:
    return set(
        session.scalars(
            select(Trust.code)
            .join(StoredDocument, StoredDocument.trust_id == Trust.id)
            .join(MatchMember, MatchMember.document_id == StoredDocument.id)
            .where(MatchMember.group_id == group_id)
        )
    )


def check_trust(session: Session, group: MatchGroupRow, actor: Actor) -> None:
    """A governance lead acts only on groups holding a document of their own trust (admins on all)."""
    if actor.role != "lead":
        return
    if not actor.trust or actor.trust.upper() not in group_trusts(session, group.id):
        raise NotPermitted(
            f"group {group.id} holds no document of your trust ({actor.trust or 'none'}); "
            "only its own trusts' leads or an administrator can change it"
        )


def check_scope(session: Session, group: MatchGroupRow, actor: Actor) -> None:
    """Who may act on this group at all: a lead their trust's groups, a reviewer their specialty's."""
    check_trust(session, group, actor)
    check_specialty(group, actor)


def trust_group_ids(trust: str | None) -> Select[int]:
    """The ids of the groups holding a document of `trust`: check_trust's rule as a query, for lists."""
    return (
        select(MatchMember.group_id)
        .join(StoredDocument, StoredDocument.id == MatchMember.document_id)
        .join(Trust, Trust.id == StoredDocument.trust_id)
        .where(Trust.code == (trust or "").upper())
    )


def check_specialty(group: MatchGroupRow, actor: Actor) -> None:
    """A clinical reviewer with a specialty decides only that specialty's groups (leads and admins any)."""
    if actor.role != "reviewer" or not actor.specialty or not group.specialty:
        return
    if actor.specialty.strip().lower() != group.specialty.strip().lower():
        raise NotPermitted(f"this group is {group.specialty}; you review {actor.specialty}")


def bump_revision(group: MatchGroupRow) -> None:
    group.revision = (group.revision or 0) + 1
    group.updated_at = utcnow()


def transition(
    session: Session,
    group_id: int,
    to_status: str,
    actor: Actor,
    reason: str = "",
    expected_revision: int | None = None,
    *,
    rules: Any = None,
    override: bool = False,
) -> GroupTransition:
    """Move a group to `to_status` if the workflow, the actor's role and the sign-off rules allow it.

    `rules` (converge.workflow.signoff.Rules, strict by default) decide when a draft may be agreed and approved;
    `override` is an administrator's recorded approval without every trust's sign-off (signoff.py).
    """
    if not to_status:
        raise ReviewError("choose where to move the group", field="to_status")
    group = lock_group(session, group_id, expected_revision)
    try:
        src, dst = Status(group.status), Status(to_status)
    except ValueError as exc:
        raise ReviewError(f"unknown status {to_status!r}", field="to_status") from exc
    roles = TRANSITIONS.get((src, dst))
    if roles is None:
        raise ReviewError(f"a group cannot move from {LABELS[src]} to {LABELS[dst]}")
    if actor.role not in roles:
        raise NotPermitted(f"a {actor.role} cannot move a group from {LABELS[src]} to {LABELS[dst]}")
    check_scope(session, group, actor)
    reason = reason.strip()
    if (dst in ENDINGS_NEEDING_REASON or (src, dst) in REVERSALS_NEEDING_REASON) and not reason:
        raise ReviewError(f"moving a group to {LABELS[dst]} needs a reason", field="reason")
    if override and (actor.role != "admin" or dst != Status.APPROVED or not reason):
        raise NotPermitted("only an administrator, with a reason, can override the sign-off of approval")
    check_move(session, group, dst, rules or STRICT, override)
    row = GroupTransition(
        group_id=group.id, from_status=src, to_status=dst, actor=actor.name, reason=reason, override=override
    )
    session.add(row)
    group.status = dst
    if dst == Status.CONFIRMED:
        for member in group.members:
            member.state = "confirmed"
    if dst in (Status.CONFIRMED, Status.REJECTED):
        resolve_requests(session, group.id, actor.name, dst.value)
    session.flush()
    return row


def resolve_requests(session: Session, group_id: int, actor_name: str, outcome: str) -> int:
    """Close a group's open requests to confirm it (converge.workflow.confirming); returns how many."""
    stmt = (
        update(ConfirmRequest)
        .where(ConfirmRequest.group_id == group_id, ConfirmRequest.resolved_at.is_(None))
        .values(resolved_at=utcnow(), resolved_by=actor_name, outcome=outcome)
        .execution_options(synchronize_session=False)
    )
    return rowcount(session.execute(stmt))


def record_decision(
    session: Session,
    group_id: int,
    change_key: str,
    decision: str,
    actor: Actor,
    *,
    adopted_trust: str | None = None,
    text: str = "",
    reason: str = "",
    category: str = "",
    significant: bool = False,
    expected_revision: int | None = None,
    seen_decision: int | None = None,
) -> DifferenceDecision:
    """Record a reviewer's decision on one difference, superseding their group's earlier one on it.

    `seen_decision` (the group's latest decision id when the page was loaded) replaces the revision
    check: only a newer decision on this same difference holds it up (DecisionConflict), checked once the
    group's row is locked, so two racing decisions cannot both pass.
    """
    if actor.role not in REVIEWERS:
        raise NotPermitted(f"a {actor.role} cannot decide differences")
    group = lock_group(session, group_id, None if seen_decision is not None else expected_revision)
    if seen_decision is not None:
        theirs = decision_since(session, group_id, change_key, seen_decision)
        if theirs is not None:
            raise DecisionConflict(theirs)
    check_scope(session, group, actor)
    if group.status not in (Status.CONFIRMED, Status.IN_REVIEW):
        raise ReviewError(
            f"differences are decided while a group is in review, not {LABELS[Status(group.status)]}"
        )
    _check_decision(session, group_id, decision, adopted_trust=adopted_trust, text=text, reason=reason)
    if group.status == Status.CONFIRMED:
        transition(session, group_id, Status.IN_REVIEW, Actor(actor.name, "reviewer"), "first decision")
    new = DifferenceDecision(
        group_id=group_id,
        change_key=change_key,
        decision=decision,
        adopted_trust=adopted_trust if decision == "adopt" else None,
        text=text.strip(),
        reason=reason.strip(),
        category=category,
        significant=significant,
        actor=actor.name,
    )
    _supersede_with(session, group_id, change_key, new)
    return new


def _check_decision(
    session: Session, group_id: int, decision: str, *, adopted_trust: str | None, text: str, reason: str
) -> None:
    """A known decision with what it needs: a trust of the group to adopt, the new text, or a reason."""
    if not decision:
        raise ReviewError("choose a decision", field="decision")
    if decision not in DECISIONS:
        raise ReviewError(f"unknown decision {decision!r}", field="decision")
    if decision == "adopt" and adopted_trust not in _columns(session, group_id):
        raise ReviewError("adopting a trust's text needs one of the group's trusts", field="decision")
    if decision == "new_text" and not text.strip():
        raise ReviewError("enter the new text: writing new text needs the text", field="text")
    if decision == "local_variation" and not reason.strip():
        raise ReviewError("enter a reason: accepting a local variation needs a reason", field="reason")
    if decision == "not_applicable" and not reason.strip():
        raise ReviewError(
            "enter a reason: marking a difference not applicable needs a reason", field="reason"
        )


def _columns(session: Session, group_id: int) -> set[str]:
    """The group's columns (workflow.comparison.differences.column_labels), in one query: walking the group's
    members to their documents and trusts read each one by one."""
    members = session.execute(
        select(Trust.code, MatchMember.document_id)
        .join(StoredDocument, StoredDocument.trust_id == Trust.id)
        .join(MatchMember, MatchMember.document_id == StoredDocument.id)
        .where(MatchMember.group_id == group_id)
    )
    return set(column_labels((code, doc_id) for code, doc_id in members).values())


def _supersede_with(session: Session, group_id: int, change_key: str, new: DifferenceDecision) -> None:
    """Add `new` as the current decision on a difference, the earlier ones pointing at it.

    One current decision per difference is a unique index, checked row by row: the earlier ones leave
    "current" (pointing at themselves, inside this transaction only) before the new one arrives.
    """
    olds = current_decisions(session, group_id).get(change_key, [])
    for old in olds:
        old.superseded_by_id = old.id
    session.flush()
    session.add(new)
    session.flush()
    for old in olds:
        old.superseded_by_id = new.id
    session.flush()


def decision_since(session: Session, group_id: int, change_key: str, seen: int) -> DifferenceDecision | None:
    """The current decision on a difference if it was made after the page that showed decision id `seen`
    (the group's latest decision then) was loaded: someone decided it meanwhile, so a new decision would
    replace theirs unseen."""
    for row in current_decisions(session, group_id).get(change_key, []):
        if row.id > seen:
            return row
    return None


def latest_decision_id(session: Session, group_id: int) -> int:
    """The id of a group's latest decision (0 for none): a page records it to tell later decisions apart."""
    from sqlalchemy import func

    found = session.scalar(
        select(func.max(DifferenceDecision.id)).where(DifferenceDecision.group_id == group_id)
    )
    return int(found or 0)


def add_comment(
    session: Session, group_id: int, actor: Actor, text: str, change_key: str | None = None
) -> Comment:
    if actor.role == "viewer":
        raise NotPermitted("a viewer cannot comment")
    group = lock_group(session, group_id, bump=False)  # one writer at a time; open forms stay valid
    check_scope(session, group, actor)
    if not text.strip():
        raise ReviewError("enter your comment: a comment needs text", field="text")
    row = Comment(group_id=group_id, change_key=change_key, actor=actor.name, text=text.strip()[:5000])
    session.add(row)
    session.flush()
    return row


def history(session: Session, group_id: int) -> list[GroupTransition]:
    return list(
        session.scalars(
            select(GroupTransition).where(GroupTransition.group_id == group_id).order_by(GroupTransition.id)
        )
    )


def comments(session: Session, group_id: int) -> Sequence[Any]:
    """A group's comments, oldest first (on the group when change_key is None, else on one difference).

    Read-only rows with a Comment's attributes (id, change_key, actor, text, at): every view of a group
    reads them, and plain rows cost a fraction of ORM objects.
    """
    return session.connection().execute(_COMMENTS, {"group_id": group_id}).all()


_COMMENTS = (  # built once: on the group page, building the statement cost more than running it
    select(Comment.id, Comment.group_id, Comment.change_key, Comment.actor, Comment.text, Comment.at)
    .where(Comment.group_id == bindparam("group_id"))
    .order_by(Comment.at, Comment.id)
)


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One line of a group's audit trail: a transition, a decision on a difference, a matching change, a
    correction of the group's topic or specialty, or a comment."""

    at: object  # datetime
    actor: str
    kind: str  # transition | signoff | decision | matching | edit | comment
    summary: str
    reason: str = ""
    change_key: str | None = None
    superseded: bool = False


def audit_trail(session: Session, group_id: int) -> list[AuditEvent]:
    """Every transition, difference decision (superseded too), matching change, topic or specialty
    correction and comment, oldest first."""
    get_group(session, group_id)
    events: list[AuditEvent] = []
    for t in history(session, group_id):
        src = LABELS.get(Status(t.from_status), t.from_status) if t.from_status else "(new)"
        dst = LABELS.get(Status(t.to_status), t.to_status)
        dst += " (admin override of the trusts' sign-off)" if t.override else ""
        events.append(AuditEvent(t.at, t.actor, "transition", f"{src} → {dst}", t.reason))
    for s in session.scalars(select(GroupSignoff).where(GroupSignoff.group_id == group_id)):
        what = f"signed off the agreed draft for {s.trust}" if s.kind == "signoff" else "override recorded"
        events.append(AuditEvent(s.at, s.actor, "signoff", what, s.reason))
    for d in session.scalars(select(DifferenceDecision).where(DifferenceDecision.group_id == group_id)):
        what = {
            "adopt": f"adopt {d.adopted_trust}'s text",
            "new_text": "write new text",
            "local_variation": "accept local variation",
            "not_applicable": "not applicable",
            "defer": "defer",
        }.get(d.decision, d.decision)
        if d.text:
            what += f": {d.text}"
        events.append(
            AuditEvent(
                d.at, d.actor, "decision", what, d.reason, d.change_key, d.superseded_by_id is not None
            )
        )
    for m in session.scalars(select(MatchDecision).where(MatchDecision.group_id == group_id)):
        what = f"{m.kind.replace('_', ' ')}: {', '.join(m.document_ids)}"
        events.append(AuditEvent(m.at, m.actor, "matching", what, m.reason))
    for e in session.scalars(select(GroupEdit).where(GroupEdit.group_id == group_id).order_by(GroupEdit.id)):
        events.append(AuditEvent(e.at, e.actor, "edit", describe_edit(e), e.reason))
    for c in comments(session, group_id):
        events.append(AuditEvent(c.at, c.actor, "comment", c.text, "", c.change_key))
    order = {"signoff": 0, "transition": 1, "matching": 2, "edit": 3, "decision": 4, "comment": 5}
    return sorted(events, key=lambda e: (_naive(e.at), order[e.kind]))


def describe_edit(edit: FieldEdit) -> str:
    """A correction in a line of an audit trail: "specialty: Not set → Acute Medicine"."""
    return f"{edit.field}: {edit.old_value or 'Not set'} → {edit.new_value or 'Not set'}"


def _naive(at: object) -> object:
    # SQLite returns naive datetimes, PostgreSQL aware ones; both are UTC.
    return at.replace(tzinfo=None) if at is not None and hasattr(at, "replace") else at


# --- sign-off and approval: moves of the workflow under the sign-off rules (converge.workflow.signoff) ---


def sign_off(
    session: Session,
    group_id: int,
    actor: Actor,
    rules: Rules = STRICT,
    expected_revision: int | None = None,
    note: str = "",
) -> GroupSignoff:
    """A lead signs the agreed draft off for their trust; the last sign-off needed approves the group.

    The group row is locked first, so two leads signing at once are taken one after the other and the
    second sees the first's sign-off (else both could miss being the last, leaving the group unapproved).
    """
    group = lock_group(session, group_id, expected_revision)
    if group.status != Status.DRAFT_AGREED:
        raise ReviewError(
            f"sign-off is given to an agreed draft; this group is {LABELS[Status(group.status)]}"
        )
    if actor.role not in ("lead", "admin"):
        raise NotPermitted(f"a {actor.role} cannot sign off a draft: a lead of each member trust does")
    if not actor.trust:
        raise NotPermitted(
            "you sign off for no trust; an administrator may record an override with a reason instead"
        )
    trusts = member_trusts(group)
    if actor.trust not in trusts:
        raise NotPermitted(f"{actor.trust} has no document in this group, so signs nothing off here")
    agreed = agreement_round(session, group_id)
    assert agreed is not None  # a group in Draft agreed got there by a transition
    done = {s.trust: s for s in round_signoffs(session, agreed.id) if s.kind == "signoff"}
    if actor.trust in done:
        raise ReviewError(f"{actor.trust} already signed this draft off ({done[actor.trust].actor})")
    row = GroupSignoff(
        group_id=group_id,
        round_id=agreed.id,
        kind="signoff",
        trust=actor.trust,
        actor=actor.name,
        reason=note.strip(),
    )
    session.add(row)
    session.flush()
    # Read the round's sign-offs again now that this transaction holds the write: whoever signed in the
    # meantime is seen, so the last sign-off always approves.
    done = {s.trust: s for s in reversed(round_signoffs(session, agreed.id)) if s.kind == "signoff"}
    if all(t in done for t in trusts):
        who = ", ".join(f"{t} ({done[t].actor})" for t in trusts)
        transition(
            session, group_id, Status.APPROVED, actor, f"signed off by every member trust: {who}", rules=rules
        )
    return row


def override_approval(
    session: Session, group_id: int, actor: Actor, reason: str, expected_revision: int | None = None
) -> GroupTransition:
    """An administrator approves without every trust's sign-off; the reason and the missing trusts are
    recorded, and the approval is shown as an override wherever it appears."""
    group = lock_group(session, group_id, expected_revision)
    if actor.role != "admin":
        raise NotPermitted("only an administrator can approve without every trust's sign-off")
    reason = reason.strip()
    if not reason:
        raise ReviewError("an override of the trusts' sign-off needs a reason", field="reason")
    if group.status != Status.DRAFT_AGREED:
        raise ReviewError(
            f"only an agreed draft can be approved; this group is {LABELS[Status(group.status)]}"
        )
    state = readiness(session, group)
    agreed = agreement_round(session, group_id)
    assert agreed is not None
    missing = ", ".join(state.missing) or "none"
    session.add(
        GroupSignoff(
            group_id=group_id,
            round_id=agreed.id,
            kind="override",
            trust=None,
            actor=actor.name,
            reason=reason,
        )
    )
    session.flush()
    return transition(
        session,
        group_id,
        Status.APPROVED,
        actor,
        f"admin override: {reason} (not signed off by: {missing})",
        override=True,
    )
