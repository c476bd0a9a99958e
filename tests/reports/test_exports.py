from __future__ import annotations

import csv
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from converge.reports.audit import audit_entries, summarise_decisions
from converge.reports.exports import (
    FIGURE_COLUMNS,
    GROUP_COLUMNS,
    audit_csv,
    audit_xlsx,
    board_report_docx,
    build_board_report,
    figures_csv,
    figures_xlsx,
    groups_csv,
    write_report,
)
from converge.reports.figures import ReportFilter, compute_figures
from tests.reports.scenario import at


@pytest.fixture
def session_factory(shared):  # type: ignore[no-untyped-def]
    return shared[0]


@pytest.fixture
def programme(shared):  # type: ignore[no-untyped-def]
    return shared[1]


def _value(rows, figure, key, measure):
    (row,) = [r for r in rows if r["figure"] == figure and r["key"] == key and r["measure"] == measure]
    return row["value"]


def test_figures_csv_holds_every_figure_of_the_date(session_factory, programme):
    with session_factory() as session:
        fig = compute_figures(session, at(3, 31))
    rows = list(csv.DictReader(io.StringIO(figures_csv(fig))))
    assert tuple(rows[0]) == FIGURE_COLUMNS
    assert {r["as_of"] for r in rows} == {"2025-03-31T12:00:00+00:00"}
    assert _value(rows, "headline", "", "converged") == "1"
    assert _value(rows, "headline", "", "percent_converged") == "25.0"
    assert _value(rows, "groups_by_specialty", "Acute medicine", "in_review") == "1"
    assert _value(rows, "open_significant_differences", "time_limit", "open") == "2"
    assert _value(rows, "gaps", "QEH", "topics_lacking") == "1"
    assert _value(rows, "wave_progress", "Wave 1", "state") == "behind"
    assert _value(rows, "reviews", "JPUH", "overdue") == "1"


def test_group_list_csv_and_formula_injection_guard(session_factory, programme):
    with session_factory() as session:
        fig = compute_figures(session, at(5, 1))
    from dataclasses import replace

    groups = [*fig.groups, replace(fig.groups[0], topic='=HYPERLINK("http://x")')]
    rows = list(csv.DictReader(io.StringIO(groups_csv(groups))))
    assert tuple(rows[0]) == GROUP_COLUMNS
    assert [r["group_id"] for r in rows[:-1]] == [str(s.id) for s in fig.groups]
    sepsis = next(r for r in rows if r["topic"] == "Sepsis in adults")
    assert (sepsis["status"], sepsis["wave"], sepsis["trusts"]) == ("adopted", "Wave 1", "JPUH NNUH QEH")
    assert rows[-1]["topic"].startswith("'=")


def test_xlsx_workbook_agrees_with_the_figures(session_factory, programme):
    with session_factory() as session:
        fig = compute_figures(session, at(5, 1))
    book = load_workbook(io.BytesIO(figures_xlsx(fig)))
    assert book.sheetnames == ["Summary", "Figures", "Groups", "Waves", "Reviews due"]
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Topics"] == 4 and summary["Converged (approved or adopted, nothing open)"] == 2
    assert summary["Percent converged"] == 50.0 and summary["Documents past review date"] == 2
    groups = list(book["Groups"].iter_rows(min_row=2, values_only=True))
    assert sorted(r[0] for r in groups) == sorted(s.id for s in fig.groups)
    (wave,) = book["Waves"].iter_rows(min_row=2, values_only=True)
    assert wave[0] == "Wave 1" and wave[5] == 1 and wave[8] == "overdue"
    assert book["Figures"].max_row == 1 + len(list(csv.reader(io.StringIO(figures_csv(fig))))) - 1


def test_audit_log_of_a_period(session_factory, programme):
    g = programme.groups
    with session_factory() as session:
        feb = audit_entries(session, at(2, 1, 0), at(2, 28, 23))
        summary = summarise_decisions(session, at(3, 1), at(5, 1))
    assert [(e.kind, e.group_id, e.action) for e in feb] == [
        ("transition", g["G1"], "Confirmed → In review"),
        ("transition", g["G3"], "Proposed → Confirmed"),
        ("wave", g["G3"], "planned into wave Wave 1"),
        ("transition", g["G2"], "Confirmed → In review"),
        ("decision", g["G2"], "Adopt one trust's text (NNUH)"),
    ]
    assert feb[-1].actor == "dr.reviewer" and "threshold; significant" in feb[-1].detail
    assert summary.total == 4 and summary.by_decision == {
        "Write new shared text": 2,  # G2's threshold, G5's second time limit
        "Defer": 1,
        "Adopt one trust's text": 1,  # G5's first time limit
    }
    assert [e.reason for e in summary.groups_ended] == ["different patient populations"]
    rows = list(csv.DictReader(io.StringIO(audit_csv(feb))))
    assert [r["actor"] for r in rows] == ["lead.jpuh"] * 4 + ["dr.reviewer"]
    sheet = load_workbook(io.BytesIO(audit_xlsx(feb)))["Audit log"]
    assert sheet.max_row == 6 and sheet["F2"].value == "Confirmed → In review"


def test_write_report_rejects_an_unknown_format(session_factory, programme, tmp_path):
    with session_factory() as session, pytest.raises(ValueError, match="csv, xlsx or docx"):
        write_report(session, "pdf", tmp_path / "x.pdf", at(5, 1))


def _docx_text(data: bytes) -> tuple[str, list]:
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    return text, doc


def test_board_report_docx_contents(session_factory, programme):
    with session_factory() as session:
        data = board_report_docx(build_board_report(session, at(5, 1)))
        wave_only = board_report_docx(build_board_report(session, at(5, 1), ReportFilter(wave="Wave 1")))
    text, doc = _docx_text(data)
    for heading in (
        "Headline figures",
        "Progress over time",
        "Waves",
        "Overdue reviews",
        "Decisions log summary",
    ):
        assert heading in text
    assert "2 of 4 topics converged (50.0%)" in text
    assert "different patient populations" in text
    assert len(doc.inline_shapes) == 3
    assert all(s._inline.docPr.get("descr") for s in doc.inline_shapes)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    wave_table = next(t for t in tables if t[0][0] == "Wave")
    assert wave_table[1][:5] == ["Wave 1", "2025-01-15 to 2025-04-30", "3", "1", "2"]
    overdue = next(t for t in tables if t[0] == ["Trust", "Document", "Review date", "Days overdue"])
    assert ["JPUH", "Sepsis in adults", "2025-03-01", "61"] in overdue
    assert "Scope: wave Wave 1" in _docx_text(wave_only)[0]
