"""Programme progress figures as plain data, reproducible "as of" any past moment from the audit trail.

Every figure is derived from one list of group snapshots (each group as it stood at `as_of`), so a number
on the reports page and the groups listed behind it can never disagree. The status of a group at a date is
the last GroupTransition at or before it; its wave is the last WaveAssignment; a difference's decision is
the last DifferenceDecision on it; its specialty is the one its GroupEdit corrections had left by then (as
held now if it was never corrected). The rest is taken as it is now, and said so: group membership,
divergence and the significant differences found by the diff (the trail does not record them), and the
topic (a corrected name changes no figure, so the current one is shown).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import Session, defer, selectinload

from converge.store.models import (
    DifferenceDecision,
    GroupEdit,
    GroupTransition,
    MatchGroupRow,
    MatchMember,
    StoredDocument,
    Wave,
    WaveAssignment,
)
from converge.workflow.openwork import is_open, open_keys, summary_significant
from converge.workflow.status import CONVERGED, ENDED, LABELS, Status

# Groups that are not topics: a rejected match was never a topic, a superseded proposal was replaced.
NOT_TOPICS = frozenset({Status.SUPERSEDED, Status.REJECTED})
# Statuses in which a group's significant differences are being worked on (not yet settled or ended).
WORKING = frozenset({Status.CONFIRMED, Status.IN_REVIEW, Status.DRAFT_AGREED})
# Statuses whose open significant differences are counted: a proposed group's as "not yet confirmed", an
# approved group's because approval with differences open is not convergence (openwork).
COUNTED = WORKING | CONVERGED | {Status.PROPOSED}
STATUS_ORDER = [s for s in Status if s not in NOT_TOPICS]
NO_SPECIALTY = "(no specialty)"
NO_WAVE = "(not in a wave)"
UNMATCHED = "unmatched"  # a document in no topic group
DUE_SOON_DAYS = 90


def as_utc(moment: datetime) -> datetime:
    """Stored times come back naive from SQLite and aware from PostgreSQL; both are UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def end_of_day(day: date) -> datetime:
    """`--as-of 2025-03-31` means at the close of that day."""
    return datetime.combine(day, datetime.max.time(), tzinfo=UTC)


def parse_review_date(value: str | None) -> date | None:
    """A review date as held ("2025-03-31" or "2025-03"); a month means its first day, as the library does."""
    if not value:
        return None
    try:
        if len(value) == 7:
            return date(int(value[:4]), int(value[5:7]), 1)
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class ReportFilter:
    """What the figures are narrowed to; empty means everything."""

    trust: str = ""
    specialty: str = ""
    wave: str = ""

    def describe(self) -> str:
        parts = [
            f"{k} {v}"
            for k, v in (("trust", self.trust), ("specialty", self.specialty), ("wave", self.wave))
            if v
        ]
        return ", ".join(parts) or "all groups"


@dataclass(frozen=True, slots=True)
class GroupSnapshot:
    """One match group as it stood at the report date."""

    id: int
    topic: str
    specialty: str
    status: str
    wave: str
    trusts: tuple[str, ...]
    missing: tuple[str, ...]  # trusts holding documents that have none in this group
    divergence: float | None
    # category -> significant differences open (openwork): for a proposed group "not yet confirmed"
    open_significant: dict[str, int]
    status_since: datetime | None
    days_in_status: float
    time_in_status: dict[str, float]  # status -> days spent in it up to the report date
    override: bool = False  # approved by an administrator's override of the trusts' sign-off

    @property
    def confirmed(self) -> bool:
        return self.status != Status.PROPOSED

    @property
    def open(self) -> int:
        return sum(self.open_significant.values())

    @property
    def converged(self) -> bool:
        """Approved (or adopted) with no significant difference open."""
        return self.status in CONVERGED and not self.open

    @property
    def label(self) -> str:
        label = status_label(self.status)
        if self.override and self.status in CONVERGED:
            label += " (admin override)"
        if self.status in CONVERGED and self.open:
            label += f" with {self.open} significant differences undecided"
        return label


@dataclass(frozen=True, slots=True)
class ReviewDue:
    """A trust's document past its review date, or due within DUE_SOON_DAYS."""

    trust: str
    document_id: str
    title: str
    specialty: str
    review_date: str
    days: int  # negative: days past the date
    overdue: bool


@dataclass(frozen=True, slots=True)
class WaveProgress:
    id: int
    name: str
    starts_on: str | None
    target_date: str | None
    target: int  # groups to converge by the target date (all its groups when no number was set)
    groups: int
    converged: int
    ended: int
    percent: float  # converged of target
    days_left: int | None
    state: str  # complete | on track | behind | overdue | not started | no target date
    specialties: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StatusTime:
    status: str
    groups: int
    total_days: float
    mean_days: float
    median_days: float


@dataclass(slots=True)
class Figures:
    """Everything the reports page, the exports and the board report show, at one moment."""

    as_of: datetime
    filter: ReportFilter
    trusts: list[str]
    groups: list[GroupSnapshot]
    topics: int = 0
    converged: int = 0
    percent_converged: float = 0.0
    ended: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_specialty: dict[str, dict[str, int]] = field(default_factory=dict)
    by_wave: dict[str, dict[str, int]] = field(default_factory=dict)
    groups_by_trust: dict[str, dict[str, int]] = field(default_factory=dict)
    documents_by_trust: dict[str, dict[str, int]] = field(default_factory=dict)
    open_significant: dict[str, int] = field(default_factory=dict)  # confirmed groups, by category
    unconfirmed_significant: dict[str, int] = field(
        default_factory=dict
    )  # proposed groups: not yet confirmed
    approved_with_open: int = 0  # approved or adopted groups with differences still open (not converged)
    overrides: int = 0  # approved or adopted groups whose approval was an administrator's override
    time_in_status: list[StatusTime] = field(default_factory=list)
    gaps_by_trust: dict[str, int] = field(default_factory=dict)
    divergence_by_specialty: dict[str, float] = field(default_factory=dict)
    most_divergent: list[GroupSnapshot] = field(default_factory=list)
    reviews: list[ReviewDue] = field(default_factory=list)
    reviews_by_trust: dict[str, dict[str, int]] = field(default_factory=dict)
    waves: list[WaveProgress] = field(default_factory=list)


def status_label(status: str) -> str:
    try:
        return LABELS[Status(status)]
    except ValueError:
        return status.replace("_", " ").capitalize()


# --- the audit trail, replayed -------------------------------------------------------------------------


@dataclass(slots=True)
class _Trail:
    transitions: dict[int, list[GroupTransition]]
    assignments: dict[int, list[WaveAssignment]]
    decisions: dict[int, list[DifferenceDecision]]
    waves: dict[int, Wave]
    specialty_edits: dict[int, list[GroupEdit]]


def _load_trail(session: Session) -> _Trail:
    transitions: dict[int, list[GroupTransition]] = defaultdict(list)
    for t in session.scalars(select(GroupTransition).order_by(GroupTransition.at, GroupTransition.id)):
        transitions[t.group_id].append(t)
    assignments: dict[int, list[WaveAssignment]] = defaultdict(list)
    for a in session.scalars(select(WaveAssignment).order_by(WaveAssignment.at, WaveAssignment.id)):
        assignments[a.group_id].append(a)
    decisions: dict[int, list[DifferenceDecision]] = defaultdict(list)
    by_time = select(DifferenceDecision).order_by(DifferenceDecision.at, DifferenceDecision.id)
    for d in session.scalars(by_time):
        decisions[d.group_id].append(d)
    waves = {w.id: w for w in session.scalars(select(Wave))}
    specialty_edits: dict[int, list[GroupEdit]] = defaultdict(list)
    edits = select(GroupEdit).where(GroupEdit.field == "specialty").order_by(GroupEdit.at, GroupEdit.id)
    for e in session.scalars(edits):
        specialty_edits[e.group_id].append(e)
    return _Trail(transitions, assignments, decisions, waves, specialty_edits)


def _status_at(group: MatchGroupRow, steps: Sequence[GroupTransition], as_of: datetime) -> str | None:
    """The group's status at `as_of`, or None if it did not exist yet."""
    past = [t for t in steps if as_utc(t.at) <= as_of]
    if past:
        return past[-1].to_status
    if steps or as_utc(group.created_at) > as_of:
        return None
    # A group with no audit trail at all (made before transitions were recorded): its status as now.
    return group.status


def _wave_at(group: MatchGroupRow, trail: _Trail, as_of: datetime) -> str:
    rows = trail.assignments.get(group.id, [])
    past = [a for a in rows if as_utc(a.at) <= as_of]
    wave_id = past[-1].wave_id if past else (group.wave_id if not rows else None)
    wave = trail.waves.get(wave_id) if wave_id is not None else None
    return wave.name if wave is not None else NO_WAVE


def _specialty_at(group: MatchGroupRow, edits: Sequence[GroupEdit], as_of: datetime) -> str | None:
    """The group's specialty at `as_of`: as the last correction by then left it, else as before the first."""
    if not edits:
        return group.specialty
    past = [e for e in edits if as_utc(e.at) <= as_of]
    return past[-1].new_value if past else edits[0].old_value


def _time_in_status(
    steps: Sequence[GroupTransition], as_of: datetime
) -> tuple[dict[str, float], datetime | None]:
    spent: dict[str, float] = defaultdict(float)
    past = [t for t in steps if as_utc(t.at) <= as_of]
    if not past:  # a group with no recorded steps (made before transitions were recorded)
        return {}, None
    for here, nxt in zip(past, [*past[1:], None], strict=True):
        end = as_utc(nxt.at) if nxt is not None else as_of
        spent[here.to_status] += (end - as_utc(here.at)).total_seconds() / 86400
    return dict(spent), (as_utc(past[-1].at) if past else None)


def _standing_at(rows: Sequence[DifferenceDecision], as_of: datetime) -> dict[str, DifferenceDecision]:
    """The standing decision on each difference at `as_of`."""
    latest: dict[str, DifferenceDecision] = {}
    for d in rows:
        if as_utc(d.at) <= as_of:
            latest[d.change_key] = d
    return latest


def _open_significant(
    group: MatchGroupRow, rows: Sequence[DifferenceDecision], as_of: datetime
) -> dict[str, int]:
    """Open significant differences by category at `as_of`, by the one definition (openwork)."""
    latest = _standing_at(rows, as_of)
    significant = summary_significant(group.diff_summary)
    if significant is not None:
        left = open_keys(significant, {k: d.decision for k, d in latest.items()})
        return dict(Counter(left.values()))
    # A summary from before the merged differences were stored: its per-category counts, less the
    # significant differences settled by then (the group is re-summarised at the next match).
    found = (group.diff_summary or {}).get("significant_by_category") or {}
    settled = Counter(
        d.category or "other" for d in latest.values() if d.significant and not is_open(d.decision)
    )
    return {c: int(n) - settled.get(c, 0) for c, n in found.items() if int(n) - settled.get(c, 0) > 0}


def _divergence(group: MatchGroupRow) -> float | None:
    if group.divergence is not None:
        return float(group.divergence)
    value = (group.diff_summary or {}).get("divergence")
    return float(value) if isinstance(value, int | float) else None


@dataclass(slots=True)
class Store:
    """Groups, documents and the audit trail read once, so many moments can be replayed cheaply."""

    trail: _Trail
    groups: list[MatchGroupRow]
    documents: list[StoredDocument]

    @classmethod
    def load(cls, session: Session) -> Store:
        # Figures need each document's metadata, never its parsed structure or full text: leave those
        # large columns unloaded (they dominate the page's time on a library of thousands).
        heavy = (defer(StoredDocument.structure), defer(StoredDocument.body_text))
        groups = session.scalars(
            select(MatchGroupRow)
            .options(
                selectinload(MatchGroupRow.members)
                .selectinload(MatchMember.document)
                .options(*heavy, selectinload(StoredDocument.trust))
            )
            .order_by(MatchGroupRow.id)
        )
        docs = session.scalars(select(StoredDocument).options(*heavy, selectinload(StoredDocument.trust)))
        return cls(_load_trail(session), list(groups), list(docs))

    def documents_at(self, as_of: datetime) -> list[StoredDocument]:
        """Each trust's current versions at `as_of` (ingested by then, not yet superseded by then)."""
        ingested = {r.id: as_utc(r.ingested_at) for r in self.documents}
        out = []
        for r in self.documents:
            newer = ingested.get(r.superseded_by_id) if r.superseded_by_id else None
            if ingested[r.id] <= as_of and (newer is None or newer > as_of):
                out.append(r)
        return out

    def snapshots(self, as_of: datetime, flt: ReportFilter) -> list[GroupSnapshot]:
        trusts = sorted({d.trust.code for d in self.documents_at(as_of)})
        out = []
        for g in self.groups:
            steps = self.trail.transitions.get(g.id, [])
            status = _status_at(g, steps, as_of)
            if status is None or status in NOT_TOPICS:
                continue
            present = tuple(sorted({m.document.trust.code for m in g.members}))
            wave = _wave_at(g, self.trail, as_of)
            specialty = _specialty_at(g, self.trail.specialty_edits.get(g.id, []), as_of) or NO_SPECIALTY
            if flt.trust and flt.trust.upper() not in present:
                continue
            if (flt.specialty and specialty != flt.specialty) or (flt.wave and wave != flt.wave):
                continue
            spent, since = _time_in_status(steps, as_of)
            open_sig: dict[str, int] = {}
            if status in COUNTED:
                open_sig = _open_significant(g, self.trail.decisions.get(g.id, []), as_of)
            approvals = [t for t in steps if t.to_status == Status.APPROVED and as_utc(t.at) <= as_of]
            out.append(
                GroupSnapshot(
                    id=g.id,
                    topic=g.topic,
                    specialty=specialty,
                    status=status,
                    wave=wave,
                    trusts=present,
                    missing=tuple(t for t in trusts if t not in present),
                    divergence=_divergence(g),
                    open_significant=open_sig,
                    status_since=since,
                    days_in_status=round((as_of - since).total_seconds() / 86400, 2) if since else 0.0,
                    time_in_status=spent,
                    override=bool(approvals and approvals[-1].override),
                )
            )
        return out


def group_snapshots(
    session: Session, as_of: datetime, flt: ReportFilter | None = None
) -> list[GroupSnapshot]:
    """Every topic group as it stood at `as_of`, narrowed by `flt`."""
    return Store.load(session).snapshots(as_utc(as_of), flt or ReportFilter())


# --- figures --------------------------------------------------------------------------------------------


def _count_by(snaps: Iterable[GroupSnapshot], key) -> dict[str, dict[str, int]]:
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for s in snaps:
        table[key(s)][s.status] += 1
    return {k: dict(table[k]) for k in sorted(table)}


def _reviews(docs: Sequence[StoredDocument], today: date, trusts: Sequence[str]) -> list[ReviewDue]:
    out = []
    for d in docs:
        due = parse_review_date(d.review_date)
        if due is None:
            continue
        days = (due - today).days
        if days <= DUE_SOON_DAYS:
            specialty = d.specialty or NO_SPECIALTY
            out.append(ReviewDue(d.trust.code, d.id, d.title, specialty, d.review_date or "", days, days < 0))
    out.sort(key=lambda r: (r.trust, r.days, r.title))
    return [r for r in out if r.trust in trusts]


def _wave_progress(session: Session, snaps: Sequence[GroupSnapshot], as_of: datetime) -> list[WaveProgress]:
    today = as_of.date()
    out = []
    for w in session.scalars(select(Wave).order_by(Wave.starts_on, Wave.name)):
        if as_utc(w.created_at) > as_of:
            continue
        mine = [s for s in snaps if s.wave == w.name]
        converged = sum(s.converged for s in mine)
        target = w.target_converged if w.target_converged is not None else len(mine)
        start = parse_review_date(w.starts_on)
        end = parse_review_date(w.target_date)
        days_left = (end - today).days if end else None
        if target and converged >= target:
            state = "complete"
        elif end is None:
            state = "no target date"
        elif days_left is not None and days_left < 0:
            state = "overdue"
        elif start is not None and today < start:
            state = "not started"
        else:
            # On track when the share converged keeps pace with the share of the wave's time gone.
            begun = start or as_utc(w.created_at).date()
            span = max((end - begun).days, 1)
            expected = target * min(max((today - begun).days, 0) / span, 1.0)
            state = "on track" if converged >= expected else "behind"
        out.append(
            WaveProgress(
                id=w.id,
                name=w.name,
                starts_on=w.starts_on,
                target_date=w.target_date,
                target=target,
                groups=len(mine),
                converged=converged,
                ended=sum(s.status in ENDED for s in mine),
                percent=round(100 * converged / target, 1) if target else 0.0,
                days_left=days_left,
                state=state,
                specialties=tuple(w.specialties or ()),
            )
        )
    return out


def compute_figures(
    session: Session, as_of: datetime, flt: ReportFilter | None = None, top_divergent: int = 10
) -> Figures:
    """All progress figures at `as_of` for the groups `flt` selects."""
    flt = flt or ReportFilter()
    as_of = as_utc(as_of)
    store = Store.load(session)
    snaps = store.snapshots(as_of, flt)
    docs = store.documents_at(as_of)
    trusts = sorted({d.trust.code for d in docs} | {t for s in snaps for t in s.trusts})
    if flt.trust:
        trusts = [t for t in trusts if t == flt.trust.upper()]
    fig = Figures(as_of=as_of, filter=flt, trusts=trusts, groups=snaps)
    _count_workflow(fig, snaps)
    scoped = _documents_in_scope(store, docs, snaps, flt)
    _count_documents(fig, scoped)
    _count_open_differences(fig, snaps)
    _measure_divergence(fig, snaps, top_divergent)
    _count_reviews(fig, [d for d, _ in scoped])
    # A wave's progress counts all its groups whatever the specialty filter (a wave spans specialties).
    wave_snaps = snaps if not flt.specialty else store.snapshots(as_of, ReportFilter(trust=flt.trust))
    fig.waves = _wave_progress(session, wave_snaps, as_of)
    if flt.wave:
        fig.waves = [w for w in fig.waves if w.name == flt.wave]
    return fig


def _count_workflow(fig: Figures, snaps: list[GroupSnapshot]) -> None:
    """Topics, converged and ended, and the status counts overall, by specialty, wave and trust."""
    fig.topics = len(snaps)
    fig.converged = sum(s.converged for s in snaps)
    fig.ended = sum(s.status in ENDED for s in snaps)
    fig.percent_converged = round(100 * fig.converged / fig.topics, 1) if fig.topics else 0.0
    counts = Counter(s.status for s in snaps)
    fig.by_status = {s.value: counts[s] for s in STATUS_ORDER if counts[s]}
    fig.by_specialty = _count_by(snaps, lambda s: s.specialty)
    fig.by_wave = _count_by(snaps, lambda s: s.wave)
    fig.groups_by_trust = {t: dict(Counter(s.status for s in snaps if t in s.trusts)) for t in fig.trusts}
    fig.time_in_status = status_times(snaps)
    fig.gaps_by_trust = {t: sum(t in s.missing for s in snaps) for t in fig.trusts}


def _count_documents(fig: Figures, scoped: list[tuple[StoredDocument, str]]) -> None:
    table: dict[str, Counter[str]] = {t: Counter() for t in fig.trusts}
    for d, status in scoped:
        if d.trust.code in table:
            table[d.trust.code][status] += 1
    fig.documents_by_trust = {t: dict(c) for t, c in table.items()}


def _count_open_differences(fig: Figures, snaps: list[GroupSnapshot]) -> None:
    """Open significant differences by category, kept apart where the group itself is unconfirmed, and
    the groups called approved while differences are still open or by an override."""
    sig: Counter[str] = Counter()
    unconfirmed: Counter[str] = Counter()
    for s in snaps:
        (sig if s.confirmed else unconfirmed).update(s.open_significant)
    fig.open_significant = dict(sig.most_common())
    fig.unconfirmed_significant = dict(unconfirmed.most_common())
    fig.approved_with_open = sum(1 for s in snaps if s.status in CONVERGED and s.open)
    fig.overrides = sum(1 for s in snaps if s.status in CONVERGED and s.override)


def _measure_divergence(fig: Figures, snaps: list[GroupSnapshot], top: int) -> None:
    """Mean divergence by specialty, and the `top` most divergent groups still being worked on."""
    div: dict[str, list[float]] = defaultdict(list)
    for s in snaps:
        if s.divergence is not None:
            div[s.specialty].append(s.divergence)
    fig.divergence_by_specialty = {k: round(sum(v) / len(v), 3) for k, v in sorted(div.items())}
    open_work = [s for s in snaps if s.divergence is not None and s.status not in ENDED | CONVERGED]
    fig.most_divergent = sorted(open_work, key=lambda s: (-(s.divergence or 0), s.id))[:top]


def _count_reviews(fig: Figures, docs: list[StoredDocument]) -> None:
    fig.reviews = _reviews(docs, fig.as_of.date(), fig.trusts)
    fig.reviews_by_trust = {
        t: {
            "overdue": sum(r.overdue for r in fig.reviews if r.trust == t),
            "due_soon": sum(not r.overdue for r in fig.reviews if r.trust == t),
        }
        for t in fig.trusts
    }


def _documents_in_scope(
    store: Store, docs: Sequence[StoredDocument], snaps: Sequence[GroupSnapshot], flt: ReportFilter
) -> list[tuple[StoredDocument, str]]:
    """Current documents with the status of their topic group ("unmatched" if none).

    Narrowed to a wave: only its groups' documents. Narrowed to a specialty: its groups' documents and
    the unmatched documents labelled with that specialty.
    """
    in_scope = {s.id: s.status for s in snaps}
    status_of: dict[str, str] = {}
    for g in store.groups:
        if g.id in in_scope:
            for m in g.members:
                status_of[m.document_id] = in_scope[g.id]
    out = []
    for d in docs:
        status = status_of.get(d.id)
        if status is None:
            if flt.wave or (flt.specialty and (d.specialty or NO_SPECIALTY) != flt.specialty):
                continue
            status = UNMATCHED
        out.append((d, status))
    return out


def status_times(snaps: Sequence[GroupSnapshot]) -> list[StatusTime]:
    """How long groups have spent in each status (days), over all their time up to the report date."""
    per: dict[str, list[float]] = defaultdict(list)
    for s in snaps:
        for status, days in s.time_in_status.items():
            per[status].append(days)
    out = []
    for status in [*STATUS_ORDER, *sorted(set(per) - set(STATUS_ORDER))]:
        spans = per.get(status)
        if spans:
            out.append(
                StatusTime(
                    status,
                    len(spans),
                    round(sum(spans), 2),
                    round(sum(spans) / len(spans), 2),
                    round(median(spans), 2),
                )
            )
    return out


# --- over time ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BurnupPoint:
    day: date
    topics: int
    converged: int


def sample_days(start: date, end: date, points: int = 26) -> list[date]:
    """Up to `points` evenly spaced days from start to end, both included."""
    if end <= start:
        return [end]
    span = (end - start).days
    step = max(1, -(-span // (points - 1)))
    days = [start + timedelta(days=n) for n in range(0, span, step)]
    return [*days, end]


def burnup(
    session: Session,
    as_of: datetime,
    flt: ReportFilter | None = None,
    start: date | None = None,
    points: int = 26,
) -> list[BurnupPoint]:
    """Topics and converged topics at evenly spaced days up to `as_of` (from the first recorded step)."""
    flt = flt or ReportFilter()
    as_of = as_utc(as_of)
    store = Store.load(session)
    if start is None:
        firsts = [as_utc(steps[0].at).date() for steps in store.trail.transitions.values() if steps]
        start = min(firsts) if firsts else as_of.date()
    out = []
    for day in sample_days(start, as_of.date(), points):
        snaps = store.snapshots(min(end_of_day(day), as_of), flt)
        out.append(BurnupPoint(day, len(snaps), sum(s.converged for s in snaps)))
    return out


def select_groups(
    fig: Figures,
    *,
    status: str = "",
    specialty: str = "",
    wave: str = "",
    trust: str = "",
    category: str = "",
    gap: str = "",
    converged: bool = False,
    divergent: bool = False,
) -> list[GroupSnapshot]:
    """The groups behind one number of `fig` (drill-down): the same snapshots the number counted."""
    if divergent:
        return list(fig.most_divergent)
    rows = fig.groups
    if status:
        rows = [s for s in rows if s.status == status]
    if specialty:
        rows = [s for s in rows if s.specialty == specialty]
    if wave:
        rows = [s for s in rows if s.wave == wave]
    if trust:
        rows = [s for s in rows if trust.upper() in s.trusts]
    if category:
        rows = [s for s in rows if category in s.open_significant and s.confirmed]
    if gap:
        rows = [s for s in rows if gap.upper() in s.missing]
    if converged:
        rows = [s for s in rows if s.converged]
    return rows
