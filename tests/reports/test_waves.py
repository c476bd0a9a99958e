from __future__ import annotations

import pytest
from sqlalchemy import select

from converge.core.errors import NotFound
from converge.reports.waves import (
    WaveError,
    create_wave,
    get_wave,
    plan_groups,
    plan_specialty,
    specialties,
    unplan_groups,
    update_wave,
)
from converge.store.models import MatchGroupRow, WaveAssignment
from converge.workflow.actors import Actor, NotPermitted
from tests.reports.scenario import LEAD, at


def test_planning_records_who_and_when_and_sets_the_group_wave(shared):
    session_factory, programme = shared
    g = programme.groups
    with session_factory() as session:
        rows = session.scalars(select(WaveAssignment).order_by(WaveAssignment.id)).all()
        assert [(r.group_id, r.wave_id, r.actor) for r in rows] == [
            (g["G1"], programme.wave_id, "lead.jpuh"),
            (g["G2"], programme.wave_id, "lead.jpuh"),
            (g["G3"], programme.wave_id, "lead.jpuh"),
        ]
        assert rows[0].at.date() == at(1, 15).date()
        assert session.get(MatchGroupRow, g["G3"]).wave_id == programme.wave_id
        assert get_wave(session, "Wave 1").specialties == ["Acute medicine"]
        assert get_wave(session, programme.wave_id).name == "Wave 1"


def test_bulk_planning_leaves_groups_of_other_waves_unless_moved(session_factory, programme):
    g = programme.groups
    with session_factory() as session, session.begin():
        wave2 = create_wave(session, "Wave 2", LEAD, starts_on="2025-05-01", target_date="2025-08-31")
        assert plan_specialty(session, wave2, "Haematology", LEAD) == 0  # G3 is in wave 1, G4 rejected
        assert plan_specialty(session, wave2, "Older people", LEAD) == 1
        assert plan_specialty(session, wave2, "Haematology", LEAD, move=True) == 1
        assert session.get(MatchGroupRow, g["G3"]).wave_id == wave2.id
        assert unplan_groups(session, [g["G3"]], LEAD) == 1
        assert session.get(MatchGroupRow, g["G3"]).wave_id is None
        assert plan_groups(session, wave2, [g["G5"]], LEAD) == 0  # already there: no new history row
        history = session.scalars(select(WaveAssignment).where(WaveAssignment.group_id == g["G3"])).all()
        assert [h.wave_id for h in history] == [programme.wave_id, wave2.id, None]
        assert specialties(session) == ["Acute medicine", "Haematology", "Older people"]


def test_only_leads_and_admins_plan(shared):
    session_factory, programme = shared
    reviewer = Actor("dr.reviewer", "reviewer")
    with session_factory() as session:
        wave = get_wave(session, "Wave 1")
        with pytest.raises(NotPermitted):
            create_wave(session, "Wave 9", reviewer)
        with pytest.raises(NotPermitted):
            plan_groups(session, wave, [programme.groups["G5"]], Actor("auditor", "viewer"))


def test_wave_validation(shared):
    session_factory, programme = shared
    with session_factory() as session:
        with pytest.raises(WaveError, match="already"):
            create_wave(session, "Wave 1", LEAD)
        with pytest.raises(WaveError, match="before its start"):
            create_wave(session, "Wave 3", LEAD, starts_on="2025-06-01", target_date="2025-05-01")
        with pytest.raises(WaveError, match="real date"):
            create_wave(session, "Wave 3", LEAD, target_date="31/06/2025")  # day first; June has 30
        with pytest.raises(NotFound):
            plan_groups(session, get_wave(session, "Wave 1"), [99999], LEAD)
        with pytest.raises(NotFound):
            get_wave(session, "No such wave")
        wave = update_wave(
            session, get_wave(session, "Wave 1"), LEAD, target_date="2025-06-30", target_converged=3
        )
        assert (wave.target_date, wave.target_converged, wave.starts_on) == ("2025-06-30", 3, "2025-01-15")
