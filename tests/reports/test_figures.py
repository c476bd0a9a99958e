from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from converge.reports.figures import (
    ReportFilter,
    burnup,
    compute_figures,
    parse_review_date,
    sample_days,
    select_groups,
)
from converge.store.models import MatchGroupRow
from tests.reports.scenario import EXPECTED, at


@pytest.fixture
def session_factory(shared):  # type: ignore[no-untyped-def]
    return shared[0]


@pytest.fixture
def programme(shared):  # type: ignore[no-untyped-def]
    return shared[1]


def test_figures_as_of_each_date_match_the_timeline(session_factory, programme):
    for as_of, want in EXPECTED.items():
        with session_factory() as session:
            fig = compute_figures(session, as_of)
        got = {
            "topics": fig.topics,
            "converged": fig.converged,
            "percent": fig.percent_converged,
            "by_status": fig.by_status,
            "open_significant": fig.open_significant,
            "gaps": fig.gaps_by_trust,
            "wave_groups": fig.waves[0].groups,
            "wave_converged": fig.waves[0].converged,
        }
        assert got == want, as_of


def test_figures_now_agree_with_the_stored_groups(session_factory, programme):
    """Today's figures count exactly the stored statuses of the live groups."""
    with session_factory() as session:
        fig = compute_figures(session, datetime.now(UTC))
        stored = {g.id: g.status for g in session.scalars(select(MatchGroupRow))}
    live = {i: s for i, s in stored.items() if s not in ("rejected", "superseded")}
    assert {s.id: s.status for s in fig.groups} == live
    assert fig.topics == len(live) == 4
    assert fig.converged == sum(s in ("approved", "adopted") for s in live.values())


def test_every_count_drills_down_to_the_groups_behind_it(session_factory, programme):
    with session_factory() as session:
        fig = compute_figures(session, at(3, 31))
    for status, n in fig.by_status.items():
        assert len(select_groups(fig, status=status)) == n
    for specialty, counts in fig.by_specialty.items():
        for status, n in counts.items():
            assert len(select_groups(fig, specialty=specialty, status=status)) == n
    for trust, counts in fig.groups_by_trust.items():
        assert sum(counts.values()) == len(select_groups(fig, trust=trust))
    for trust, n in fig.gaps_by_trust.items():
        assert len(select_groups(fig, gap=trust)) == n
    for category in fig.open_significant:
        assert select_groups(fig, category=category)
    assert [s.id for s in select_groups(fig, converged=True)] == [programme.groups["G1"]]
    assert [s.topic for s in select_groups(fig, gap="QEH")] == ["Anticoagulation"]


def test_breakdowns(session_factory, programme):
    g = programme.groups
    with session_factory() as session:
        fig = compute_figures(session, at(5, 1))
    assert fig.by_specialty == {
        "Acute medicine": {"adopted": 1, "in_review": 1},
        "Haematology": {"local_variation_accepted": 1},
        "Older people": {"approved": 1},
    }
    assert fig.by_wave == {
        "(not in a wave)": {"approved": 1},
        "Wave 1": {"adopted": 1, "in_review": 1, "local_variation_accepted": 1},
    }
    assert fig.groups_by_trust["QEH"] == {"adopted": 1, "in_review": 1, "approved": 1}
    assert fig.divergence_by_specialty == {"Acute medicine": 0.4, "Haematology": 0.8, "Older people": 0.4}
    # Only open work is prioritised: G3 ended as a local variation, G1 and G5 converged.
    assert [s.id for s in fig.most_divergent] == [g["G2"]]
    # JPUH holds five current documents; the blood transfusion one is in a rejected group (unmatched).
    assert fig.documents_by_trust["JPUH"] == {
        "adopted": 1,
        "in_review": 1,
        "local_variation_accepted": 1,
        "unmatched": 2,
        "approved": 1,
    }


def test_time_in_status_replays_the_transitions(session_factory, programme):
    with session_factory() as session:
        fig = compute_figures(session, at(5, 1))
    g1 = next(s for s in fig.groups if s.id == programme.groups["G1"])
    assert g1.time_in_status == {
        "proposed": 9,
        "confirmed": 22,
        "in_review": 28,
        "draft_agreed": 14,
        "approved": 36,
        "adopted": 11,
    }
    assert g1.days_in_status == 11
    approved = next(t for t in fig.time_in_status if t.status == "approved")
    # G1 spent 36 days approved; G5 has been approved since 10 April (21 days).
    assert (approved.groups, approved.total_days, approved.median_days) == (2, 57, 28.5)


def test_reviews_past_due_and_due_soon_at_the_date(session_factory, programme):
    with session_factory() as session:
        may = compute_figures(session, at(5, 1))
        january = compute_figures(session, at(1, 20))
    overdue = {(r.trust, r.title): r.days for r in may.reviews if r.overdue}
    assert overdue == {("JPUH", "Sepsis in adults"): -61, ("JPUH", "Anticoagulation"): -30}
    assert [(r.trust, r.title, r.days) for r in may.reviews if not r.overdue] == [
        ("QEH", "NEWS2 escalation", 45)
    ]
    assert may.reviews_by_trust == {
        "JPUH": {"overdue": 2, "due_soon": 0},
        "NNUH": {"overdue": 0, "due_soon": 0},
        "QEH": {"overdue": 0, "due_soon": 1},
    }
    # In January NNUH's sepsis v1 (review 1 Dec 2024) was still current; v2 replaced it on 15 February.
    assert ("NNUH", "Sepsis in adults") in {(r.trust, r.title) for r in january.reviews if r.overdue}


def test_filters_narrow_every_figure(session_factory, programme):
    with session_factory() as session:
        acute = compute_figures(session, at(5, 1), ReportFilter(specialty="Acute medicine"))
        wave = compute_figures(session, at(5, 1), ReportFilter(wave="Wave 1"))
        qeh = compute_figures(session, at(5, 1), ReportFilter(trust="QEH"))
    assert acute.topics == 2 and set(acute.by_specialty) == {"Acute medicine"}
    assert acute.documents_by_trust["JPUH"] == {"adopted": 1, "in_review": 1}
    assert [w.name for w in acute.waves] == ["Wave 1"] and acute.waves[0].groups == 3
    assert wave.topics == 3 and wave.converged == 1
    assert qeh.trusts == ["QEH"] and qeh.topics == 3 and qeh.gaps_by_trust == {"QEH": 0}


def test_wave_progress_states(session_factory, programme):
    with session_factory() as session:
        april = compute_figures(session, at(4, 25)).waves[0]
        may = compute_figures(session, at(5, 1)).waves[0]
        before = compute_figures(session, at(1, 3)).waves
    assert (april.state, april.days_left, april.target, april.percent) == ("behind", 5, 2, 50.0)
    assert (may.state, may.days_left) == ("overdue", -1)
    assert before == []  # the wave was created on 5 January


def test_burnup_reproduces_the_figures_of_each_day(session_factory, programme):
    with session_factory() as session:
        points = burnup(session, at(5, 1), points=10)
        assert points[0].day.isoformat() == "2025-01-01"
        assert points[-1].day.isoformat() == "2025-05-01"
        assert (points[-1].topics, points[-1].converged) == (4, 2)
        for p in points[1:-1]:
            fig = compute_figures(session, datetime.combine(p.day, datetime.max.time(), tzinfo=UTC))
            assert (p.topics, p.converged) == (fig.topics, fig.converged)
    assert [p.converged for p in points] == sorted(p.converged for p in points)


def test_helpers():
    assert parse_review_date("2025-04") == parse_review_date("2025-04-01")
    assert parse_review_date("next year") is None
    days = sample_days(at(1, 1).date(), at(1, 31).date(), 4)
    assert days[0].day == 1 and days[-1].day == 31 and len(days) <= 5
