"""The audit log of a period: every workflow transition, difference decision, matching decision, wave
planning step and document supersession, with who, when and why, in time order. Read-only: it reports
the trail, it never edits it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from converge.store.models import (
    DifferenceDecision,
    GroupEdit,
    GroupSignoff,
    GroupTransition,
    MatchDecision,
    MatchGroupRow,
    MetadataEdit,
    StoredDocument,
    Wave,
    WaveAssignment,
)
from converge.workflow.review import describe_edit

from .figures import as_utc, status_label

DECISION_LABELS = {
    "adopt": "Adopt one trust's text",
    "new_text": "Write new shared text",
    "local_variation": "Accept a local variation",
    "not_applicable": "Not applicable",
    "defer": "Defer",
}


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: datetime
    kind: str  # transition | signoff | decision | matching | wave | edit | version
    group_id: int | None
    topic: str
    actor: str
    action: str
    reason: str
    detail: str = ""


def _within(start: datetime | None, end: datetime | None) -> Callable[[datetime], bool]:
    """Bounds applied in Python after loading (SQLite keeps naive, PostgreSQL aware timestamps)."""
    return lambda at: (start is None or as_utc(at) >= start) and (end is None or as_utc(at) <= end)


def audit_entries(
    session: Session, start: datetime | None = None, end: datetime | None = None
) -> list[AuditEntry]:
    """Everything recorded between `start` and `end` (inclusive; None leaves that side open)."""
    within = _within(as_utc(start) if start else None, as_utc(end) if end else None)
    topics: dict[int, str] = dict(session.execute(select(MatchGroupRow.id, MatchGroupRow.topic)).all())
    out = [
        *_transition_entries(session, within, topics),
        *_signoff_entries(session, within, topics),
        *_decision_entries(session, within, topics),
        *_matching_entries(session, within, topics),
        *_wave_entries(session, within, topics),
        *_edit_entries(session, within, topics),
        *_version_entries(session, within),
    ]
    out.sort(key=lambda e: (e.at, e.kind, e.group_id or 0))
    return out


_Within = Callable[[datetime], bool]


def _transition_entries(session: Session, within: _Within, topics: dict[int, str]) -> Iterator[AuditEntry]:
    for t in session.scalars(select(GroupTransition)):
        if within(t.at):
            move = f"{status_label(t.from_status) if t.from_status else 'New'} → {status_label(t.to_status)}"
            move += " (admin override of the trusts' sign-off)" if t.override else ""
            topic = topics.get(t.group_id, "")
            yield AuditEntry(as_utc(t.at), "transition", t.group_id, topic, t.actor, move, t.reason)


def _signoff_entries(session: Session, within: _Within, topics: dict[int, str]) -> Iterator[AuditEntry]:
    for s in session.scalars(select(GroupSignoff)):
        if within(s.at):
            action = (
                f"signed off the agreed draft for {s.trust}" if s.kind == "signoff" else "override recorded"
            )
            topic = topics.get(s.group_id, "")
            yield AuditEntry(as_utc(s.at), "signoff", s.group_id, topic, s.actor, action, s.reason)


def _decision_entries(session: Session, within: _Within, topics: dict[int, str]) -> Iterator[AuditEntry]:
    """Decisions on differences, with the difference, its category and whether it was significant."""
    for d in session.scalars(select(DifferenceDecision)):
        if within(d.at):
            action = DECISION_LABELS.get(d.decision, d.decision)
            if d.decision == "adopt" and d.adopted_trust:
                action += f" ({d.adopted_trust})"
            detail = f"difference {d.change_key}; {d.category or 'uncategorised'}"
            detail += "; significant" if d.significant else ""
            detail += "; superseded later" if d.superseded_by_id else ""
            topic = topics.get(d.group_id, "")
            yield AuditEntry(as_utc(d.at), "decision", d.group_id, topic, d.actor, action, d.reason, detail)


def _matching_entries(session: Session, within: _Within, topics: dict[int, str]) -> Iterator[AuditEntry]:
    for m in session.scalars(select(MatchDecision)):
        if within(m.at):
            detail = "documents " + ", ".join(map(str, m.document_ids or []))
            detail += "" if m.active else "; no longer in force"
            topic = topics.get(m.group_id, "") if m.group_id else ""
            action = m.kind.replace("_", " ")
            yield AuditEntry(as_utc(m.at), "matching", m.group_id, topic, m.actor, action, m.reason, detail)


def _wave_entries(session: Session, within: _Within, topics: dict[int, str]) -> Iterator[AuditEntry]:
    waves = dict(session.execute(select(Wave.id, Wave.name)).all())
    for a in session.scalars(select(WaveAssignment)):
        if within(a.at):
            action = (
                f"planned into wave {waves.get(a.wave_id, a.wave_id)}"
                if a.wave_id
                else "taken out of its wave"
            )
            topic = topics.get(a.group_id, "")
            yield AuditEntry(as_utc(a.at), "wave", a.group_id, topic, a.actor, action, "")


def _edit_entries(session: Session, within: _Within, topics: dict[int, str]) -> Iterator[AuditEntry]:
    for e in session.scalars(select(GroupEdit)):
        if within(e.at):
            topic, action = topics.get(e.group_id, ""), describe_edit(e)
            yield AuditEntry(as_utc(e.at), "edit", e.group_id, topic, e.actor, action, e.reason)


def _version_entries(session: Session, within: _Within) -> Iterator[AuditEntry]:
    """A document superseded or made current again (by ingest or by a lead) leaves or rejoins matching."""
    versions = select(MetadataEdit, StoredDocument.title).join(
        StoredDocument, StoredDocument.id == MetadataEdit.document_id
    )
    for v, title in session.execute(versions.where(MetadataEdit.field == "status")):
        if within(v.at):
            action = f"document {v.old_value} → {v.new_value}"
            yield AuditEntry(as_utc(v.at), "version", None, title, v.actor, action, v.reason, v.document_id)


@dataclass(frozen=True, slots=True)
class DecisionSummary:
    """The decisions log in brief, for a board paper."""

    total: int
    significant: int
    by_decision: dict[str, int]
    by_category: dict[str, int]
    local_variations: list[
        AuditEntry
    ]  # accepted local variations with their reasons: the board must see these
    groups_ended: list[AuditEntry]  # groups closed as local variation or not to be converged


def summarise_decisions(session: Session, start: datetime | None, end: datetime) -> DecisionSummary:
    """Standing (not superseded by `end`) difference decisions made in the period, and groups ended in it."""
    start = as_utc(start) if start else None
    end = as_utc(end)
    rows = [d for d in session.scalars(select(DifferenceDecision)) if as_utc(d.at) <= end]
    latest: dict[tuple[int, str], DifferenceDecision] = {}
    for d in sorted(rows, key=lambda r: (as_utc(r.at), r.id)):
        latest[(d.group_id, d.change_key)] = d
    standing = [d for d in latest.values() if start is None or as_utc(d.at) >= start]
    entries = audit_entries(session, start, end)
    local = [e for e in entries if e.kind == "decision" and e.action == DECISION_LABELS["local_variation"]]
    ended = [
        e
        for e in entries
        if e.kind == "transition" and e.action.endswith(("Local variation accepted", "Not to be converged"))
    ]
    return DecisionSummary(
        total=len(standing),
        significant=sum(d.significant for d in standing),
        by_decision=dict(
            Counter(DECISION_LABELS.get(d.decision, d.decision) for d in standing).most_common()
        ),
        by_category=dict(Counter(d.category or "uncategorised" for d in standing).most_common()),
        local_variations=local,
        groups_ended=ended,
    )
