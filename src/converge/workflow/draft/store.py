"""A group's draft in the database: built from the decisions (a job on the queue), edited section by
section with every version kept, and its version history. Functions add/flush; the caller commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from converge.core.diff import diff_group
from converge.core.diff.tokens import sentence_key, split_sentences
from converge.core.errors import ReviewError
from converge.store.models import DraftSection, Job, MatchGroupRow, utcnow
from converge.store.queries import current_decisions, get_group
from converge.workflow.actors import Actor, NotPermitted
from converge.workflow.comparison.compute import diff_context_for, group_documents
from converge.workflow.comparison.differences import build_review
from converge.workflow.comparison.stored import review_key
from converge.workflow.draft.assemble import build_sections, choose_base
from converge.workflow.draft.clauses import BaseChoice, Clause, naive_time, section_text
from converge.workflow.jobrecords import new_job
from converge.workflow.review import StaleRevision, check_specialty, history, latest_decision_id, transition
from converge.workflow.status import LABELS, REVIEWERS, Status

# Statuses in which the draft may be (re)built and edited.
EDITABLE = frozenset({Status.IN_REVIEW})


def _check_can_edit(group: MatchGroupRow, actor: Actor, *, status: bool = True) -> None:
    if actor.role not in REVIEWERS:
        raise NotPermitted(f"a {actor.role} cannot edit the shared draft")
    check_specialty(group, actor)
    if status and group.status not in EDITABLE:
        raise ReviewError(
            f"the draft is edited while the group is in review, not {LABELS[Status(group.status)]}"
        )


def can_edit(group: MatchGroupRow, actor: Actor) -> bool:
    """Whether `actor` may build and edit this group's draft now (for showing the buttons)."""
    try:
        _check_can_edit(group, actor)
    except ReviewError:
        return False
    return True


def current_sections(session: Session, group_id: int) -> list[DraftSection]:
    return list(
        session.scalars(
            select(DraftSection)
            .where(DraftSection.group_id == group_id, DraftSection.current.is_(True))
            .order_by(DraftSection.position)
        )
    )


def assemble_draft(session: Session, group_id: int, actor: Actor, context: Any = None) -> list[DraftSection]:
    """(Re)build the draft from the group's aligned sections and current decisions.

    A rebuild supersedes the current text of every section (edits included); the old rows stay as history.
    A confirmed group moves into review, as it would on its first decision.
    """
    group = get_group(session, group_id)
    _check_can_edit(group, actor, status=False)
    if group.status == Status.CONFIRMED:
        transition(session, group_id, Status.IN_REVIEW, Actor(actor.name, "reviewer"), "draft started")
    _check_can_edit(group, actor)
    docs = group_documents(session, group)
    if not docs:
        raise ReviewError("the group has no documents to draft from")
    context = context or diff_context_for(session)
    gd = diff_group(docs, context)
    review = build_review(docs, gd)
    _, built = build_sections(docs, gd, review.differences, current_decisions(session, group_id), context)
    previous = {s.position: s for s in current_sections(session, group_id)}
    now = utcnow()
    basis = draft_basis(session, group, context)
    rows: list[DraftSection] = []
    for position, (heading, clauses) in enumerate(built):
        old = previous.pop(position, None)
        if old is not None:
            old.current = False
        row = DraftSection(
            group_id=group_id,
            position=position,
            heading=heading[:500],
            text=section_text(clauses),
            sources=[c.to_json() for c in clauses],
            revision=(old.revision + 1) if old else 1,
            actor=actor.name,
            at=now,
            current=True,
            basis=basis,
        )
        session.add(row)
        rows.append(row)
    for old in previous.values():  # sections the new alignment no longer has
        old.current = False
    session.flush()
    return rows


def draft_basis(session: Session, group: MatchGroupRow, context: Any = None) -> str:
    """What a draft built now is made from: the group's comparison (members, local terms) and its latest
    decision. A draft whose basis differs was built before a change and may not say what was decided."""
    return f"{review_key(session, group, context) or '-'}:{latest_decision_id(session, group.id)}"


@dataclass(frozen=True, slots=True)
class DraftState:
    """What the draft and group pages say of the draft: the last build, whether it is current, any build
    queued or running (its job)."""

    built_at: datetime | None
    built_by: str
    current: bool
    job: Job | None

    @property
    def building(self) -> bool:
        return self.job is not None and self.job.phase in ("queued", "running")

    @property
    def failed(self) -> str | None:
        return self.job.message if self.job is not None and self.job.phase == "failed" else None


def _latest_draft_job_query():
    # Every phase named: the (phase, kind) index then serves the query however many other jobs there are.
    return (
        select(Job)
        .where(Job.phase.in_(("queued", "running", "done", "failed")), Job.kind == "draft")
        .where(Job.args["group"].as_integer() == bindparam("group_id"))
        .order_by(Job.created_at.desc())
        .limit(1)
    )


LATEST_DRAFT_JOB = _latest_draft_job_query()  # built once: the group page runs it on every view


def latest_draft_job(session: Session, group_id: int) -> Job | None:
    return session.scalar(LATEST_DRAFT_JOB, {"group_id": group_id})


def draft_state(session: Session, group: MatchGroupRow, sections: Sequence[DraftSection]) -> DraftState:
    """The state of a group's draft, given its current sections."""
    job = latest_draft_job(session, group.id)
    if not sections:
        return DraftState(None, "", False, job)
    build = min(sections, key=lambda s: naive_time(s.at))
    basis = {s.basis for s in sections}
    current = len(basis) == 1 and basis == {draft_basis(session, group)}
    return DraftState(build.at, build.actor, current, job)


def draft_summary(
    session: Session,
    group_id: int,
    built_at: datetime | None,
    bases: tuple[str | None, str | None],
    review_key: str | None,
    latest_decision: int,
) -> DraftState:
    """draft_state for a page that has read the draft's build time and bases with the group
    (groupview.GroupView), and knows its review key and latest decision: one query, for the build job."""
    job = latest_draft_job(session, group_id)
    if built_at is None:
        return DraftState(None, "", False, job)
    basis = f"{review_key or '-'}:{latest_decision}"
    return DraftState(built_at, "", bases[0] == bases[1] == basis, job)


def queue_draft(session: Session, group_id: int, actor: Actor) -> Job:
    """Ask for the draft to be (re)built from the decisions by a queue consumer; the caller commits and
    queues the job. A build already queued or running for the group is returned instead of a second one.

    The permission checks run here, so a refusal is the person's answer at once, not a failed job.
    """
    group = get_group(session, group_id)
    _check_can_edit(group, actor, status=False)
    if group.status != Status.CONFIRMED:
        _check_can_edit(group, actor)
    waiting = latest_draft_job(session, group_id)
    if waiting is not None and waiting.phase in ("queued", "running"):
        return waiting
    who = {"name": actor.name, "role": actor.role, "trust": actor.trust, "specialty": actor.specialty}
    return new_job(session, "draft", {"group": group_id, "actor": who}, actor=actor.name)


def _reattach(text: str, old: Sequence[Clause], actor: str) -> list[Clause]:
    """Clauses of edited text: sentences kept word for word keep their sources; the rest are edits."""
    by_key: dict[str, Clause] = {}
    for c in old:
        by_key.setdefault(sentence_key(c.text), c)
    out: list[Clause] = []
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    for n, para in enumerate(paragraphs):
        whole = by_key.get(sentence_key(" ".join(para.split())))
        if whole is not None and (whole.cells is not None or whole.how == "undecided"):
            # A table row or an undecided difference kept as it was: it stays a row, or stays marked.
            out.append(Clause.from_json({**whole.to_json(), "paragraph": n}))
            continue
        if para.lstrip().startswith("UNDECIDED:"):
            out.append(Clause(" ".join(para.split()), "undecided", [], n, None, f"edited by {actor}"))
            continue
        for sentence in split_sentences(" ".join(para.split())):
            prior = by_key.get(sentence_key(sentence))
            if prior is not None:
                out.append(Clause(sentence, prior.how, list(prior.sources), n, prior.decision_id, prior.note))
            else:
                out.append(Clause(sentence, "edited", [], n, None, f"edited by {actor}"))
    return out


def save_section(
    session: Session, group_id: int, position: int, text: str, actor: Actor, expected_revision: int | None
) -> DraftSection:
    """Save a new version of one section; refuse if someone else saved it since this editor was opened."""
    group = get_group(session, group_id)
    _check_can_edit(group, actor)
    current = session.scalar(
        select(DraftSection)
        .where(
            DraftSection.group_id == group_id,
            DraftSection.position == position,
            DraftSection.current.is_(True),
        )
        .with_for_update()
    )
    if current is None:
        raise ReviewError(f"the draft has no section {position + 1}; build the draft first")
    if expected_revision is not None and expected_revision != current.revision:
        raise StaleRevision(
            f"section {position + 1} ({current.heading}) was saved by {current.actor} since you opened it "
            f"(now at revision {current.revision}); your text was not saved — reload to see theirs"
        )
    clauses = _reattach(text, [Clause.from_json(c) for c in current.sources or []], actor.name)
    current.current = False
    row = DraftSection(
        group_id=group_id,
        position=position,
        heading=current.heading,
        text=section_text(clauses),
        sources=[c.to_json() for c in clauses],
        revision=current.revision + 1,
        actor=actor.name,
        at=utcnow(),
        current=True,
        basis=current.basis,  # an edit keeps what the build was made from
    )
    session.add(row)
    session.flush()
    return row


def section_history(session: Session, group_id: int, position: int) -> list[DraftSection]:
    """Every saved version of one section, newest first."""
    return list(
        session.scalars(
            select(DraftSection)
            .where(DraftSection.group_id == group_id, DraftSection.position == position)
            .order_by(DraftSection.revision.desc(), DraftSection.id.desc())
        )
    )


def clauses_of(row: DraftSection) -> list[Clause]:
    return [Clause.from_json(c) for c in row.sources or []]


# --- version history and export ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VersionEntry:
    version: str
    at: datetime
    actor: str
    change: str


def version_history(session: Session, group_id: int) -> list[VersionEntry]:
    """The draft's versions: each build or section save is a minor version, approval makes 1.0."""
    group = get_group(session, group_id)
    saves = session.execute(
        select(
            DraftSection.at,
            DraftSection.actor,
            func.count(),
            func.min(DraftSection.heading),
            func.max(DraftSection.revision),
        )
        .where(DraftSection.group_id == group_id)
        .group_by(DraftSection.at, DraftSection.actor)
        .order_by(DraftSection.at)
    ).all()
    events: list[tuple[datetime, str, str, str]] = []  # at, actor, what, kind (draft | approved | status)
    for at, actor, count, heading, revision in saves:
        if count > 1:
            what = "Draft rebuilt from decisions" if revision > 1 else "Draft assembled from the decisions"
            events.append((at, actor, f"{what} ({count} sections)", "draft"))
        else:
            events.append((at, actor, f"Section \u201c{heading}\u201d edited", "draft"))
    for t in history(session, group.id):
        label = LABELS[Status(t.to_status)] if t.to_status in set(Status) else t.to_status
        label += " (admin override of the trusts' sign-off)" if t.override else ""
        what = f"Status: {label}" + (f" – {t.reason}" if t.reason else "")
        events.append((t.at, t.actor, what, "approved" if t.to_status == Status.APPROVED else "status"))
    events.sort(key=lambda e: naive_time(e[0]))
    out: list[VersionEntry] = []
    major, minor = 0, 0
    for at, actor, what, kind in events:
        if kind == "draft":
            minor += 1
        elif kind == "approved":
            major, minor = major + 1, 0
        out.append(VersionEntry(f"{major}.{minor}", at, actor, what))
    return out


def status_at(session: Session, group_id: int, status: Status) -> datetime | None:
    rows = [t for t in history(session, group_id) if t.to_status == status]
    return rows[-1].at if rows else None


def group_base(session: Session, group: MatchGroupRow) -> BaseChoice | None:
    """The base trust of a group's draft (None for a group without documents)."""
    docs = group_documents(session, group)
    return choose_base(docs) if docs else None
