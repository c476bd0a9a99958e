"""The rules that protect patients on the way to one shared policy, in the domain (pages only show them).

- **Draft agreed** only when every significant difference has a decision that settles it (see openwork) and
  the draft holds those decisions: built, no clause still marked undecided, nothing decided since it last
  changed.
- **Approved** only with a sign-off from a lead of every member trust, given to the agreed draft (reopening
  the draft voids them), or an administrator's recorded override with a reason, shown as such everywhere.

A deployment may relax either rule (docs/settings.md: `draft_agreement`, `approval`); the default is strict.
Functions take a Session and only add/flush; the caller commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import BindParameter, bindparam, case, func, select
from sqlalchemy.orm import Session

from converge.core.errors import ReviewError
from converge.store.models import (
    DifferenceDecision,
    DraftSection,
    GroupReview,
    GroupSignoff,
    GroupTransition,
    MatchGroupRow,
    Trust,
    User,
)
from converge.store.queries import current_decisions, get_group
from converge.workflow.comparison.stored import group_review, review_key
from converge.workflow.comparison.summary import summarise_group
from converge.workflow.openwork import OpenWork, open_work, significant_of, standing, summary_significant
from converge.workflow.status import LABELS, Status

DRAFT_AGREEMENT = ("all_decided", "reviewer")  # first is the default
APPROVAL = ("every_trust", "any_lead")


@dataclass(frozen=True, slots=True)
class Rules:
    """How strict a deployment is. all_decided: a draft is agreed only with every significant difference
    decided; reviewer: a reviewer's judgement. every_trust: approval needs every member trust's lead;
    any_lead: one lead's approval (with the missing sign-offs shown)."""

    draft_agreement: str = DRAFT_AGREEMENT[0]
    approval: str = APPROVAL[0]

    def __post_init__(self) -> None:
        if self.draft_agreement not in DRAFT_AGREEMENT:
            raise ValueError(f"draft_agreement must be one of {', '.join(DRAFT_AGREEMENT)}")
        if self.approval not in APPROVAL:
            raise ValueError(f"approval must be one of {', '.join(APPROVAL)}")

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Rules:
        """From a settings mapping (a Flask app's config: DRAFT_AGREEMENT, APPROVAL; empty = default)."""
        return cls(
            str(config.get("DRAFT_AGREEMENT") or DRAFT_AGREEMENT[0]).strip().lower(),
            str(config.get("APPROVAL") or APPROVAL[0]).strip().lower(),
        )


STRICT = Rules()


# --- a group's open work, from its current documents ------------------------------------------------


def fresh_significant(session: Session, group: MatchGroupRow, refresh: bool = True) -> dict[str, str] | None:
    """The group's significant differences (key -> category) as its documents and local terms are now:
    the stored summary when it was made from them, else the group is diffed again first (`refresh`, in
    the caller's transaction) or, for a page that only reads, taken from its review data."""
    key = review_key(session, group)
    if key is None:
        return None
    significant = summary_significant(group.diff_summary)
    stored = session.scalar(select(GroupReview.fingerprint).where(GroupReview.group_id == group.id))
    if significant is None or stored != key:
        if not refresh:
            data = group_review(session, group, key=key)
            return significant_of(data.differences) if data is not None else None
        summarise_group(session, group)
        significant = summary_significant(group.diff_summary)
    return significant


def group_open_work(session: Session, group: MatchGroupRow, refresh: bool = True) -> OpenWork:
    """How many of the group's significant differences are open (the one count every page shows)."""
    decided = standing(current_decisions(session, group.id))
    return open_work(group.status, fresh_significant(session, group, refresh), decided)


# --- sign-offs -------------------------------------------------------------------------------------------


def agreement_round(session: Session, group_id: int) -> GroupTransition | None:
    """The transition that agreed the current draft (sign-offs belong to it), if the draft is agreed."""
    return session.scalar(
        select(GroupTransition)
        .where(GroupTransition.group_id == group_id, GroupTransition.to_status == Status.DRAFT_AGREED)
        .order_by(GroupTransition.id.desc())
        .limit(1)
    )


def round_signoffs(session: Session, round_id: int) -> list[GroupSignoff]:
    return list(
        session.scalars(
            select(GroupSignoff).where(GroupSignoff.round_id == round_id).order_by(GroupSignoff.id)
        )
    )


def member_trusts(group: MatchGroupRow) -> list[str]:
    return sorted({m.document.trust.code for m in group.members})


def leads_of(session: Session, trusts: list[str]) -> dict[str, list[str]]:
    """Who can give each trust's sign-off: its active leads (display name, else username)."""
    rows = session.execute(
        select(Trust.code, User.display_name, User.username)
        .join(Trust, Trust.id == User.trust_id)
        .where(User.role == "lead", User.active.is_(True), Trust.code.in_(trusts))
        .order_by(User.username)
    )
    out: dict[str, list[str]] = {t: [] for t in trusts}
    for code, display, username in rows:
        out[code].append(f"{display} ({username})" if display and display != username else username)
    return out


@dataclass(slots=True)
class Readiness:
    """What the group page shows about agreement and approval: what is missing and who can give it."""

    status: str
    work: OpenWork
    rules: Rules
    draft_blockers: list[str] = field(default_factory=list)  # why the draft cannot be agreed now
    trusts: list[str] = field(default_factory=list)
    signed: dict[str, GroupSignoff] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # trusts whose sign-off is still needed
    who_can_sign: dict[str, list[str]] = field(default_factory=dict)
    override: GroupSignoff | None = None

    def approval_blocker(self) -> str | None:
        if self.rules.approval == "every_trust" and self.missing:
            return "approval needs a sign-off from a lead of every member trust; still needed: " + ", ".join(
                self.missing
            )
        return None


def _draft_blockers(session: Session, group_id: int, work: OpenWork, rules: Rules) -> list[str]:
    if rules.draft_agreement != "all_decided":
        return []
    out = []
    if not work.known:
        out.append("the group has fewer than two documents: there is nothing to converge")
    elif work.open:
        out.append(
            f"{work.open} of {work.significant} significant differences have no decision "
            "(adopt a trust's text, write new text, accept a local variation or mark not applicable, "
            "each with its reason where asked)"
        )
    sections, changed, undecided, last_decision = (
        session.connection().execute(_DRAFT_STATE, {"group_id": group_id}).one()
    )
    if not sections:
        out.append("the shared draft has not been built yet")
    elif last_decision is not None and _naive(last_decision) > _naive(changed):
        out.append("differences were decided after the draft was last built: rebuild it from the decisions")
    elif undecided:
        out.append(
            f"{undecided} sections of the draft still mark undecided text: rebuild it from the decisions"
        )
    return out


def readiness(
    session: Session, group: MatchGroupRow, rules: Rules = STRICT, refresh: bool = True
) -> Readiness:
    """Where a group stands against the rules (refresh=False for a page that only reads)."""
    work = group_open_work(session, group, refresh)
    return _readiness(session, group.id, group.status, member_trusts(group), work, rules)


def page_readiness(
    session: Session, group_id: int, status: str, trusts: list[str], key: str | None, rules: Rules = STRICT
) -> Readiness:
    """The same for the group page, from plain rows: `key` is the review fingerprint the page was built
    from, so a summary made from other documents or local terms is never counted."""
    connection = session.connection()
    row = connection.execute(_PAGE_SUMMARY, {"group_id": group_id}).one()
    significant = summary_significant(row.diff_summary)
    if key is None:
        significant = None
    elif significant is None or row.fingerprint != key:
        data = group_review(session, get_group(session, group_id), key=key)
        significant = significant_of(data.differences) if data is not None else None
    decided = dict(connection.execute(_STANDING, {"group_id": group_id}).all())
    return _readiness(
        session, group_id, status, sorted(set(trusts)), open_work(status, significant, decided), rules
    )


# Built once (the group page runs them on every view; building a statement costs more than running it).
_GID: BindParameter[int] = bindparam("group_id")
_DRAFT_STATE = select(
    func.count(DraftSection.id),
    func.max(DraftSection.at),
    func.coalesce(func.sum(case((DraftSection.text.contains("UNDECIDED:"), 1), else_=0)), 0),
    select(func.max(DifferenceDecision.at)).where(DifferenceDecision.group_id == _GID).scalar_subquery(),
).where(DraftSection.group_id == _GID, DraftSection.current.is_(True))
_PAGE_SUMMARY = (
    select(MatchGroupRow.diff_summary, GroupReview.fingerprint)
    .outerjoin(GroupReview, GroupReview.group_id == MatchGroupRow.id)
    .where(MatchGroupRow.id == _GID)
)
_STANDING = (
    select(DifferenceDecision.change_key, DifferenceDecision.decision)
    .where(DifferenceDecision.group_id == _GID, DifferenceDecision.superseded_by_id.is_(None))
    .order_by(DifferenceDecision.at, DifferenceDecision.id)
)


def _readiness(
    session: Session, group_id: int, status: str, trusts: list[str], work: OpenWork, rules: Rules
) -> Readiness:
    out = Readiness(status, work, rules, trusts=trusts)
    if status in (Status.CONFIRMED, Status.IN_REVIEW):
        out.draft_blockers = _draft_blockers(session, group_id, work, rules)
    if status in (Status.DRAFT_AGREED, Status.APPROVED, Status.ADOPTED):
        agreed = agreement_round(session, group_id)
        for s in round_signoffs(session, agreed.id) if agreed else []:
            if s.kind == "override":
                out.override = s
            elif s.trust:
                out.signed.setdefault(s.trust, s)
        out.missing = [t for t in trusts if t not in out.signed]
        out.who_can_sign = leads_of(session, out.missing) if out.missing else {}
    return out


def check_move(session: Session, group: MatchGroupRow, dst: Status, rules: Rules, override: bool) -> None:
    """Refuse, with every reason, a move to Draft agreed or Approved that the rules do not allow yet."""
    if dst == Status.DRAFT_AGREED and rules.draft_agreement == "all_decided":
        blockers = _draft_blockers(session, group.id, group_open_work(session, group), rules)
        if blockers:
            raise ReviewError("the draft cannot be agreed yet: " + "; ".join(blockers))
    elif dst == Status.APPROVED and not override and rules.approval == "every_trust":
        missing = missing_signoffs(session, group)
        if missing:
            raise ReviewError(
                "approval needs a sign-off from a lead of every member trust; still needed: "
                + ", ".join(missing)
            )


def missing_signoffs(session: Session, group: MatchGroupRow) -> list[str]:
    """The member trusts that have not signed off the agreed draft (all of them if it is not agreed)."""
    agreed = agreement_round(session, group.id)
    done = {s.trust for s in round_signoffs(session, agreed.id) if s.kind == "signoff"} if agreed else set()
    return [t for t in member_trusts(group) if t not in done]


def approval_label(status: str, override: bool) -> str:
    """A status as every page, report and export shows it: an overridden approval says so."""
    label = LABELS.get(Status(status), status) if status in set(Status) else status
    if override and status in (Status.APPROVED, Status.ADOPTED):
        return f"{label} (admin override)"
    return label


def approved_by_override(session: Session, group_id: int) -> bool:
    """Whether the group's latest approval was an administrator's override."""
    return bool(
        session.scalar(
            select(GroupTransition.override)
            .where(GroupTransition.group_id == group_id, GroupTransition.to_status == Status.APPROVED)
            .order_by(GroupTransition.id.desc())
            .limit(1)
        )
    )


def _naive(at: Any) -> Any:
    return at.replace(tzinfo=None) if at is not None and getattr(at, "tzinfo", None) else at
