"""A lead's correction of a group's specialty counts from when it was made, never before (as of a date)."""

from __future__ import annotations

import io

from docx import Document

from converge.reports.audit import audit_entries
from converge.reports.exports import board_report_docx, build_board_report
from converge.reports.figures import ReportFilter, compute_figures, select_groups
from converge.workflow.groups import edit_group
from tests.reports.scenario import EXPECTED, LEAD, at


def correct(session_factory, group_id: int, specialty: str, when) -> None:  # type: ignore[no-untyped-def]
    with session_factory() as session, session.begin():
        for edit in edit_group(session, group_id, LEAD, specialty=specialty, reason="wrong specialty"):
            edit.at = when


def test_a_specialty_correction_changes_figures_only_from_its_date(session_factory, programme):
    g5 = programme.groups["G5"]  # Falls prevention, Older people: approved 10 April
    correct(session_factory, g5, "Frailty", at(4, 15))
    correct(session_factory, g5, "Falls and frailty", at(4, 25))
    with session_factory() as session:
        march, mid_april, may = (compute_figures(session, when) for when in (at(3, 31), at(4, 20), at(5, 1)))
        older_in_march = compute_figures(session, at(3, 31), ReportFilter(specialty="Older people"))
        older_in_may = compute_figures(session, at(5, 1), ReportFilter(specialty="Older people"))
    assert march.by_specialty["Older people"] == {"in_review": 1}
    assert "Frailty" not in march.by_specialty and "Falls and frailty" not in march.by_specialty
    assert march.divergence_by_specialty["Older people"] == 0.4
    assert [s.id for s in select_groups(march, specialty="Older people")] == [g5]
    assert mid_april.by_specialty["Frailty"] == {"approved": 1}
    assert may.by_specialty["Falls and frailty"] == {"approved": 1}
    assert "Older people" not in may.by_specialty and "Frailty" not in may.by_specialty
    assert [s.id for s in older_in_march.groups] == [g5] and older_in_may.topics == 0
    # The rest of the replayed story is untouched.
    assert (march.topics, march.converged, may.topics, may.converged) == (
        EXPECTED[at(3, 31)]["topics"],
        EXPECTED[at(3, 31)]["converged"],
        EXPECTED[at(5, 1)]["topics"],
        EXPECTED[at(5, 1)]["converged"],
    )


def test_unsetting_a_specialty_is_replayed_too(session_factory, programme):
    g3 = programme.groups["G3"]  # Anticoagulation, Haematology
    correct(session_factory, g3, "", at(3, 1))
    with session_factory() as session:
        february = compute_figures(session, at(2, 15))
        march = compute_figures(session, at(3, 31))
    assert february.by_specialty["Haematology"] == {"confirmed": 1}
    assert "Haematology" not in march.by_specialty
    assert march.by_specialty["(no specialty)"] == {"local_variation_accepted": 1}


def test_board_report_says_how_specialty_is_dated(session_factory, programme):
    with session_factory() as session:
        data = board_report_docx(build_board_report(session, at(5, 1)))
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "its specialty as set on that date" in text and "specialty and divergence are as" not in text


def test_the_audit_log_lists_corrections_in_their_period(session_factory, programme):
    g3 = programme.groups["G3"]
    correct(session_factory, g3, "Anticoagulation clinic", at(3, 1))
    with session_factory() as session:
        march = audit_entries(session, at(3, 1, 0), at(3, 1, 23))
        february = audit_entries(session, at(2, 1, 0), at(2, 28, 23))
    (edit,) = [e for e in march if e.kind == "edit"]
    assert edit.group_id == g3 and edit.actor == LEAD.name and edit.reason == "wrong specialty"
    assert edit.action == "specialty: Haematology → Anticoagulation clinic"
    assert not [e for e in february if e.kind == "edit"]
