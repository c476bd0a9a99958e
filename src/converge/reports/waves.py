"""Waves of the rolling programme: create and change them, plan groups into them by hand or by specialty.

Planning writes a WaveAssignment row (who, when) for every group that moves, and sets the group's wave_id
to match, so wave figures can be replayed "as of" any date. Only governance leads and administrators plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from converge.core.errors import ConvergeError, NotFound, ReviewError
from converge.store.models import MatchGroupRow, Wave, WaveAssignment, utcnow
from converge.workflow.actors import Actor, NotPermitted
from converge.workflow.library import parse_day
from converge.workflow.status import LEADS

from .figures import NOT_TOPICS


class WaveError(ReviewError):
    """A wave could not be created, changed or planned as asked."""


def _require_lead(actor: Actor) -> None:
    if actor.role not in LEADS:
        raise NotPermitted(f"a {actor.role} cannot create or plan waves")


def _iso(value: str | date | None, what: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    field = {"the start date": "starts_on", "the target date": "target_date"}.get(what, what)
    try:
        day = parse_day(value, field)
    except ConvergeError as exc:
        raise WaveError(f"{what} must be a real date, for example 31/03/2027", field=field) from exc
    if len(day) != 10:  # a month alone is not a day a wave starts or ends on
        raise WaveError(f"{what} must be a whole date, for example 31/03/2027", field=field)
    return day


def _check(starts_on: str | None, target_date: str | None, target: int | None) -> None:
    if starts_on and target_date and target_date < starts_on:
        raise WaveError("a wave's target date cannot be before its start", field="target_date")
    if target is not None and target < 0:
        raise WaveError("a wave's target cannot be negative", field="target")


def wave_name(session: Session, name_or_number: str) -> str:
    """The name of the wave a report filter means: by its name (in any case) or its number; the text as
    given when no wave has it (it then matches nothing, as any unknown name does)."""
    text = name_or_number.strip()
    found = session.scalar(select(Wave.name).where(Wave.name == text)) or session.scalar(
        select(Wave.name).where(func.lower(Wave.name) == text.lower())
    )
    if found is None and text.isdigit():
        wave = session.get(Wave, int(text))
        found = wave.name if wave is not None else None
    return found or text


def get_wave(session: Session, name_or_id: str | int) -> Wave:
    """A wave by id or by name."""
    wave = None
    if isinstance(name_or_id, int) or str(name_or_id).isdigit():
        wave = session.get(Wave, int(name_or_id))
    if wave is None:
        wave = session.scalar(select(Wave).where(Wave.name == str(name_or_id).strip()))
    if wave is None:
        raise NotFound(f"no wave {name_or_id!r}")
    return wave


def list_waves(session: Session) -> list[Wave]:
    return list(session.scalars(select(Wave).order_by(Wave.starts_on, Wave.name)))


def create_wave(
    session: Session,
    name: str,
    actor: Actor,
    *,
    starts_on: str | date | None = None,
    target_date: str | date | None = None,
    target_converged: int | None = None,
    specialties: Sequence[str] = (),
    notes: str = "",
) -> Wave:
    """Add a wave. Its specialties are a plan; groups join only when planned (see plan_specialty)."""
    _require_lead(actor)
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise WaveError("a wave needs a name of up to 200 characters", field="name")
    if session.scalar(select(Wave).where(Wave.name == name)) is not None:
        raise WaveError(f"there is already a wave called {name!r}", field="name")
    start, target = _iso(starts_on, "the start date"), _iso(target_date, "the target date")
    _check(start, target, target_converged)
    wave = Wave(
        name=name,
        starts_on=start,
        target_date=target,
        target_converged=target_converged,
        specialties=sorted({s.strip() for s in specialties if s.strip()}),
        notes=notes.strip(),
        created_by=actor.name,
    )
    session.add(wave)
    session.flush()
    return wave


def update_wave(
    session: Session,
    wave: Wave,
    actor: Actor,
    *,
    starts_on: str | date | None = None,
    target_date: str | date | None = None,
    target_converged: int | None = None,
    notes: str | None = None,
) -> Wave:
    """Change a wave's dates, target or notes (only what is given)."""
    _require_lead(actor)
    start = _iso(starts_on, "the start date") if starts_on is not None else wave.starts_on
    target = _iso(target_date, "the target date") if target_date is not None else wave.target_date
    number = target_converged if target_converged is not None else wave.target_converged
    _check(start, target, number)
    wave.starts_on, wave.target_date, wave.target_converged = start, target, number
    if notes is not None:
        wave.notes = notes.strip()
    wave.updated_by, wave.updated_at = actor.name, utcnow()
    session.flush()
    return wave


def _assign(
    session: Session, groups: Iterable[MatchGroupRow], wave_id: int | None, actor: Actor, at: datetime | None
) -> int:
    moved = 0
    for group in groups:
        if group.wave_id == wave_id:
            continue
        session.add(WaveAssignment(group_id=group.id, wave_id=wave_id, actor=actor.name, at=at or utcnow()))
        group.wave_id = wave_id
        moved += 1
    session.flush()
    return moved


def plan_groups(
    session: Session, wave: Wave, group_ids: Iterable[int], actor: Actor, at: datetime | None = None
) -> int:
    """Plan these groups into `wave` (moving them from any other wave); returns how many moved."""
    _require_lead(actor)
    ids = sorted(set(group_ids))
    groups = list(session.scalars(select(MatchGroupRow).where(MatchGroupRow.id.in_(ids))))
    missing = set(ids) - {g.id for g in groups}
    if missing:
        raise NotFound(f"no match group {', '.join(map(str, sorted(missing)))}")
    return _assign(session, groups, wave.id, actor, at)


def unplan_groups(
    session: Session, group_ids: Iterable[int], actor: Actor, at: datetime | None = None
) -> int:
    """Take groups out of whatever wave they are in."""
    _require_lead(actor)
    groups = session.scalars(select(MatchGroupRow).where(MatchGroupRow.id.in_(sorted(set(group_ids)))))
    return _assign(session, groups, None, actor, at)


def plan_specialty(
    session: Session,
    wave: Wave,
    specialty: str,
    actor: Actor,
    *,
    move: bool = False,
    at: datetime | None = None,
) -> int:
    """Plan every live group of a specialty into `wave` in bulk.

    Groups already in another wave stay there unless `move` is set: a lead who planned one topic early
    should not lose that by planning the rest of its specialty.
    """
    _require_lead(actor)
    specialty = specialty.strip()
    if not specialty:
        raise WaveError("choose a specialty to plan")
    query = select(MatchGroupRow).where(
        MatchGroupRow.specialty == specialty, MatchGroupRow.status.not_in([s.value for s in NOT_TOPICS])
    )
    groups = [g for g in session.scalars(query.order_by(MatchGroupRow.id)) if move or g.wave_id is None]
    if specialty not in (wave.specialties or []):
        wave.specialties = sorted({*(wave.specialties or []), specialty})
    return _assign(session, groups, wave.id, actor, at)


def specialties(session: Session) -> list[str]:
    """Specialties of live groups, for the planning form."""
    rows = session.scalars(
        select(MatchGroupRow.specialty)
        .where(
            MatchGroupRow.specialty.is_not(None), MatchGroupRow.status.not_in([s.value for s in NOT_TOPICS])
        )
        .distinct()
    )
    return sorted(r for r in rows if r)
