"""The review work queue: match groups filtered, sorted, counted by status and paged, as plain data.

Everything runs in SQL that reads the same on SQLite and PostgreSQL: filters (a trust covered or lacking
is an EXISTS), counts by status (one GROUP BY), sorting (significant differences come from the JSON diff
summary) and LIMIT/OFFSET, so a request loads one page of groups however large the library is.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from converge.store.models import DifferenceDecision, MatchGroupRow, MatchMember, StoredDocument, Trust, Wave
from converge.workflow.openwork import open_work, summary_significant
from converge.workflow.status import Status

SORTS = {
    "updated": "Last updated",
    "confidence": "Match confidence",
    "divergence": "Divergence",
    "significant": "Significant differences",
    "topic": "Topic",
}
PER_PAGE = 50


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What the queue shows; every field empty means every live group, most recently updated first."""

    query: str = ""  # words in the topic
    specialty: str = ""
    wave_id: int | None = None
    status: str = ""  # a Status value; "" = every status except superseded proposals
    min_confidence: float | None = None
    max_confidence: float | None = None
    min_divergence: float | None = None
    max_divergence: float | None = None
    present: str = ""  # a trust code the group must include
    missing: str = ""  # a trust code the group must lack
    sort: str = "significant"  # most clinical work first: what a reviewer opens the queue for
    descending: bool = True
    page: int = 1
    per_page: int = PER_PAGE


@dataclass(frozen=True, slots=True)
class QueueMember:
    trust: str
    document_id: str
    title: str


@dataclass(frozen=True, slots=True)
class QueueItem:
    id: int
    topic: str
    status: str
    specialty: str | None
    wave: str | None
    confidence: float
    divergence: float | None
    significant: int  # the merged significant differences a reviewer decides (openwork)
    updated_at: datetime | None
    members: tuple[QueueMember, ...]
    missing: tuple[str, ...]  # trusts with no document in the group
    open: int = 0  # significant differences still open (openwork); for a proposed group, not yet confirmed

    @property
    def confirmed(self) -> bool:
        return self.status != Status.PROPOSED

    @property
    def trusts(self) -> tuple[str, ...]:
        return tuple(sorted({m.trust for m in self.members}))

    @property
    def only_at(self) -> str | None:
        """The single trust holding the topic, if only one does."""
        return self.trusts[0] if len(self.trusts) == 1 else None


@dataclass(frozen=True, slots=True)
class QueuePage:
    items: tuple[QueueItem, ...]
    total: int
    page: int
    pages: int
    per_page: int
    status_counts: dict[str, int] = field(hash=False)  # over the filtered groups, ignoring the status filter
    trusts: tuple[str, ...] = ()

    @property
    def first(self) -> int:
        return 0 if not self.total else (self.page - 1) * self.per_page + 1

    @property
    def last(self) -> int:
        return min(self.total, self.page * self.per_page)


@dataclass(frozen=True, slots=True)
class QueueFacets:
    specialties: tuple[str, ...]
    waves: tuple[tuple[int, str], ...]
    trusts: tuple[str, ...]


def queue_facets(session: Session, trusts: tuple[str, ...] | None = None) -> QueueFacets:
    """The choices the queue's filters offer (pass `trusts` when a QueuePage already has them)."""
    specialties = session.scalars(
        select(MatchGroupRow.specialty)
        .where(MatchGroupRow.specialty.is_not(None), MatchGroupRow.status != Status.SUPERSEDED)
        .distinct()
    )
    waves = session.execute(select(Wave.id, Wave.name).order_by(Wave.starts_on, Wave.name))
    return QueueFacets(
        specialties=tuple(sorted({s for s in specialties if s}, key=str.lower)),
        waves=tuple((i, n) for i, n in waves),
        trusts=trust_codes(session) if trusts is None else trusts,
    )


def trust_codes(session: Session) -> tuple[str, ...]:
    return tuple(session.scalars(select(Trust.code).order_by(Trust.code)))


def _sql_filters(flt: QueueFilter) -> list:
    g = MatchGroupRow
    where = [g.status != Status.SUPERSEDED]
    if flt.specialty:
        where.append(func.lower(g.specialty) == flt.specialty.lower())
    if flt.wave_id is not None:
        where.append(g.wave_id == flt.wave_id)
    if flt.min_confidence is not None:
        where.append(g.confidence >= flt.min_confidence)
    if flt.max_confidence is not None:
        where.append(g.confidence <= flt.max_confidence)
    if flt.min_divergence is not None:
        where.append(g.divergence >= flt.min_divergence)
    if flt.max_divergence is not None:
        where.append(g.divergence <= flt.max_divergence)
    for word in flt.query.split()[:8]:
        escaped = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append(func.lower(g.topic).like(f"%{escaped}%", escape="\\"))
    return where


def _trust_filters(flt: QueueFilter) -> list:
    """EXISTS tests for "covers trust X" / "lacks trust X", so the page and the counts stay in SQL."""
    g = MatchGroupRow

    def covers(code: str):
        return (
            select(MatchMember.id)
            .join(StoredDocument, StoredDocument.id == MatchMember.document_id)
            .join(Trust, Trust.id == StoredDocument.trust_id)
            .where(MatchMember.group_id == g.id, Trust.code == code)
            .exists()
        )

    where = []
    if flt.present:
        where.append(covers(flt.present))
    if flt.missing:
        where.append(~covers(flt.missing))
    return where


def _significant_sql():
    # A column kept in step with the diff summary (0 for a group never compared): sorting by the JSON meant
    # reading every group's summary on every page.
    return MatchGroupRow.significant


def _order_by(flt: QueueFilter) -> list:
    g = MatchGroupRow
    value: Any
    if flt.sort == "confidence":
        value = func.coalesce(g.confidence, 0.0)
    elif flt.sort == "divergence":
        value = func.coalesce(g.divergence, -1.0)
    elif flt.sort == "significant":
        value = _significant_sql()
    elif flt.sort == "topic":
        value = func.lower(g.topic)
    else:
        value = g.updated_at
    return [value.desc() if flt.descending else value.asc(), g.id.asc()]


def _significant(summary: dict) -> int:
    keys = summary_significant(summary)
    if keys is not None:
        return len(keys)
    if "significant" in summary:
        return int(summary["significant"] or 0)
    return int(sum((summary.get("significant_by_category") or {}).values()))


@dataclass(frozen=True, slots=True)
class QueuePlaces:
    """Where the groups fall: the ids of one page's groups in order, and the counts (QueuePage's)."""

    ids: tuple[int, ...]
    total: int
    page: int
    pages: int
    per_page: int
    status_counts: dict[str, int] = field(hash=False)
    trusts: tuple[str, ...] = ()


def queue_page(session: Session, flt: QueueFilter) -> QueuePage:
    """One page of the work queue, with status counts over every group the other filters keep."""
    places = queue_places(session, flt)
    return page_of(places, queue_items(session, places.ids, places.trusts))


def page_of(places: QueuePlaces, items: tuple[QueueItem, ...]) -> QueuePage:
    return QueuePage(
        items=items,
        total=places.total,
        page=places.page,
        pages=places.pages,
        per_page=places.per_page,
        status_counts=places.status_counts,
        trusts=places.trusts,
    )


def queue_places(session: Session, flt: QueueFilter) -> QueuePlaces:
    """Which groups one page of the queue lists, in order, and the counts by status over every group the
    other filters keep: two small queries whatever the library's size (one GROUP BY, one ORDER BY ... LIMIT
    over the ids only: sorting whole rows carried every group's diff summary through the sort)."""
    g = MatchGroupRow
    where = _sql_filters(flt) + _trust_filters(flt)
    found = dict(session.execute(select(g.status, func.count()).where(*where).group_by(g.status)).all())
    counts = {s.value: int(found.get(s.value, 0)) for s in Status if s != Status.SUPERSEDED}
    if flt.status:
        where.append(g.status == flt.status)
    total = counts.get(flt.status, 0) if flt.status else sum(counts.values())
    per_page = max(1, min(500, flt.per_page))
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, flt.page), pages)
    chosen = select(g.id).where(*where).order_by(*_order_by(flt)).limit(per_page).offset((page - 1) * per_page)
    return QueuePlaces(
        ids=tuple(session.scalars(chosen)),
        total=total,
        page=page,
        pages=pages,
        per_page=per_page,
        status_counts=counts,
        trusts=trust_codes(session),
    )


def queue_items(session: Session, ids: Sequence[int], trusts: Sequence[str]) -> tuple[QueueItem, ...]:
    """The queue's rows for groups `ids`, in that order: the groups, their members, waves and decisions."""
    if not ids:
        return ()
    g = MatchGroupRow
    columns = (g.id, g.topic, g.status, g.specialty, g.wave_id, g.confidence, g.divergence, g.updated_at)
    found = {r.id: r for r in session.execute(select(*columns, g.diff_summary).where(g.id.in_(ids)))}
    rows = [found[i] for i in ids if i in found]
    members = _members(session, ids)
    waves = _wave_names(session, {r.wave_id for r in rows if r.wave_id is not None})
    decided = _standing_decisions(session, ids)
    return tuple(_item(r, members.get(r.id, []), waves, trusts, decided.get(r.id, {})) for r in rows)


def _members(session: Session, ids: Sequence[int]) -> dict[int, list[QueueMember]]:
    members: dict[int, list[QueueMember]] = {}
    if ids:
        for gid, doc_id, title, code in session.execute(
            select(MatchMember.group_id, MatchMember.document_id, StoredDocument.title, Trust.code)
            .join(StoredDocument, StoredDocument.id == MatchMember.document_id)
            .join(Trust, Trust.id == StoredDocument.trust_id)
            .where(MatchMember.group_id.in_(ids))
            .order_by(Trust.code, MatchMember.id)
        ):
            members.setdefault(gid, []).append(QueueMember(code, doc_id, title))
    return members


def _wave_names(session: Session, wave_ids: set[int]) -> dict[int, str]:
    if not wave_ids:
        return {}
    return dict(session.execute(select(Wave.id, Wave.name).where(Wave.id.in_(wave_ids))).all())


def _standing_decisions(session: Session, ids: Sequence[int]) -> dict[int, dict[str, str]]:
    """Each group's standing decision per difference key."""
    decided: dict[int, dict[str, str]] = {}
    if ids:
        for gid, key, decision in session.execute(
            select(DifferenceDecision.group_id, DifferenceDecision.change_key, DifferenceDecision.decision)
            .where(DifferenceDecision.group_id.in_(ids))
            .where(DifferenceDecision.superseded_by_id.is_(None))
            .order_by(DifferenceDecision.at, DifferenceDecision.id)
        ):
            decided.setdefault(gid, {})[key] = decision
    return decided


def _item(
    r, members: Sequence[QueueMember], waves: dict[int, str], trusts: Sequence[str], decided: dict[str, str]
) -> QueueItem:
    work = open_work(r.status, summary_significant(r.diff_summary), decided)
    present = {m.trust for m in members}
    significant = _significant(r.diff_summary or {})
    return QueueItem(
        id=r.id,
        topic=r.topic,
        status=r.status,
        specialty=r.specialty,
        wave=waves.get(r.wave_id),
        confidence=r.confidence or 0.0,
        divergence=r.divergence,
        significant=significant,
        updated_at=r.updated_at,
        members=tuple(members),
        missing=tuple(t for t in trusts if t not in present),
        open=work.open if work.known else significant,
    )


def parse_filter(args: Mapping[str, str], sorts: Sequence[str] = tuple(SORTS)) -> QueueFilter:
    """A QueueFilter from query-string values (strings); bad numbers are ignored, not errors."""
    get = args.get

    def num(name: str, lo: float = 0.0, hi: float = 1.0) -> float | None:
        try:
            value = float(get(name, "") or "nan")
        except ValueError:
            return None
        return None if math.isnan(value) else min(hi, max(lo, value))

    def integer(name: str) -> int | None:
        value = (get(name, "") or "").strip()
        return int(value) if value.isdigit() else None

    status = get("status", "") or ""
    sort = get("sort", "") or "significant"
    flt = QueueFilter(
        query=(get("q", "") or "")[:200],
        specialty=(get("specialty", "") or "")[:200],
        wave_id=integer("wave"),
        status=status if status in {s.value for s in Status} else "",
        min_confidence=num("cmin"),
        max_confidence=num("cmax"),
        min_divergence=num("dmin"),
        max_divergence=num("dmax"),
        present=(get("present", "") or "").upper()[:32],
        missing=(get("missing", "") or "").upper()[:32],
        sort=sort if sort in sorts else "significant",
        descending=(get("order", "") or "desc") != "asc",
    )
    return replace(flt, page=integer("page") or 1)
