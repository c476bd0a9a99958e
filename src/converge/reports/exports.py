"""Exports of the figures: CSV and XLSX (figures, group list, audit log) and a DOCX board report.

The figures CSV is "tidy" (one number per row, with its date and scope), so exports made at different
dates can be stacked into a trend in any spreadsheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from converge.core.docxwrite import add_footer, add_table

from .audit import AuditEntry, DecisionSummary, audit_entries, summarise_decisions
from .charts import burnup_chart, status_bars_chart, to_png, value_bars_chart
from .figures import (
    DUE_SOON_DAYS,
    BurnupPoint,
    Figures,
    GroupSnapshot,
    ReportFilter,
    burnup,
    compute_figures,
    status_label,
)

FIGURE_COLUMNS = ("as_of", "scope", "figure", "dimension", "key", "measure", "value")
GROUP_COLUMNS = (
    "group_id",
    "topic",
    "specialty",
    "wave",
    "status",
    "status_label",
    "trusts",
    "missing_trusts",
    "divergence",
    "open_significant",
    "open_significant_by_category",
    "status_since",
    "days_in_status",
    "not_yet_confirmed",
    "approval_override",
)
AUDIT_COLUMNS = ("at", "kind", "group_id", "topic", "actor", "action", "reason", "detail")


def figure_rows(fig: Figures) -> list[tuple[Any, ...]]:
    """Every figure as (as_of, scope, figure, dimension, key, measure, value) rows."""
    stamp, scope = fig.as_of.isoformat(timespec="seconds"), fig.filter.describe()
    rows: list[tuple[Any, ...]] = []

    def add(figure: str, dimension: str, key: Any, measure: str, value: Any) -> None:
        rows.append((stamp, scope, figure, dimension, key, measure, value))

    for measure in ("topics", "converged", "percent_converged", "ended"):
        add("headline", "", "", measure, getattr(fig, measure))
    add("headline", "", "", "open_significant_differences", sum(fig.open_significant.values()))
    add(
        "headline",
        "",
        "",
        "significant_differences_not_yet_confirmed",
        sum(fig.unconfirmed_significant.values()),
    )
    add("headline", "", "", "approved_with_differences_open", fig.approved_with_open)
    add("headline", "", "", "approved_by_admin_override", fig.overrides)
    for status, n in fig.by_status.items():
        add("groups_by_status", "status", status, "groups", n)
    for figure, dimension, table in (
        ("groups_by_specialty", "specialty", fig.by_specialty),
        ("groups_by_wave", "wave", fig.by_wave),
        ("groups_by_trust", "trust", fig.groups_by_trust),
        ("documents_by_trust", "trust", fig.documents_by_trust),
    ):
        for key, counts in table.items():
            for status, n in counts.items():
                add(figure, dimension, key, status, n)
    for category, n in fig.open_significant.items():
        add("open_significant_differences", "category", category, "open", n)
    for category, n in fig.unconfirmed_significant.items():
        add("open_significant_differences", "category", category, "not_yet_confirmed", n)
    for st in fig.time_in_status:
        for measure in ("groups", "total_days", "mean_days", "median_days"):
            add("time_in_status", "status", st.status, measure, getattr(st, measure))
    for trust, n in fig.gaps_by_trust.items():
        add("gaps", "trust", trust, "topics_lacking", n)
    for specialty, value in fig.divergence_by_specialty.items():
        add("divergence_by_specialty", "specialty", specialty, "mean_divergence", value)
    for trust, counts in fig.reviews_by_trust.items():
        add("reviews", "trust", trust, "overdue", counts["overdue"])
        add("reviews", "trust", trust, f"due_within_{DUE_SOON_DAYS}_days", counts["due_soon"])
    for w in fig.waves:
        for measure in ("groups", "target", "converged", "percent", "days_left", "state"):
            add("wave_progress", "wave", w.name, measure, getattr(w, measure))
    for s in fig.most_divergent:
        add("most_divergent", "group", s.id, "divergence", s.divergence)
    return rows


def group_rows(groups: Iterable[GroupSnapshot]) -> list[tuple[Any, ...]]:
    return [
        (
            s.id,
            s.topic,
            s.specialty,
            s.wave,
            s.status,
            s.label,
            " ".join(s.trusts),
            " ".join(s.missing),
            s.divergence,
            sum(s.open_significant.values()),
            "; ".join(f"{c}: {n}" for c, n in sorted(s.open_significant.items())),
            s.status_since.isoformat(timespec="seconds") if s.status_since else "",
            s.days_in_status,
            not s.confirmed,
            s.override and s.status in ("approved", "adopted"),
        )
        for s in groups
    ]


def audit_rows(entries: Iterable[AuditEntry]) -> list[tuple[Any, ...]]:
    return [
        (
            e.at.isoformat(timespec="seconds"),
            e.kind,
            e.group_id,
            e.topic,
            e.actor,
            e.action,
            e.reason,
            e.detail,
        )
        for e in entries
    ]


def _safe_cell(value: Any) -> Any:
    # A topic or reason typed by a person must not run as a formula when the CSV is opened in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_safe_cell(v) for v in row])
    return buf.getvalue()


def figures_csv(fig: Figures) -> str:
    return to_csv(FIGURE_COLUMNS, figure_rows(fig))


def groups_csv(groups: Iterable[GroupSnapshot]) -> str:
    return to_csv(GROUP_COLUMNS, group_rows(groups))


def audit_csv(entries: Iterable[AuditEntry]) -> str:
    return to_csv(AUDIT_COLUMNS, audit_rows(entries))


# --- XLSX ------------------------------------------------------------------------------------------------


def _sheet(book: Any, title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(title)
    ws.append(list(columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [len(c) for c in columns]
    for row in rows:
        values = [_safe_cell(v) for v in row]
        ws.append(values)
        widths = [
            max(w, min(len(str(v)) if v is not None else 0, 60)) for w, v in zip(widths, values, strict=True)
        ]
    for n, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(n)].width = w + 2
    ws.freeze_panes = "A2"
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions


def _book_bytes(book: Any) -> bytes:
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def figures_xlsx(fig: Figures) -> bytes:
    """A workbook: Summary, Figures (tidy), Groups, Waves, Reviews due."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    _sheet(book, "Summary", ("Figure", "Value"), _summary_rows(fig))
    _sheet(book, "Figures", FIGURE_COLUMNS, figure_rows(fig))
    _sheet(book, "Groups", GROUP_COLUMNS, group_rows(fig.groups))
    _sheet(
        book,
        "Waves",
        tuple(WAVE_COLUMNS),
        [tuple(getattr(w, field) for field in WAVE_COLUMNS.values()) for w in fig.waves],
    )
    _sheet(
        book,
        "Reviews due",
        ("trust", "document_id", "title", "specialty", "review_date", "days_to_review", "overdue"),
        [
            (r.trust, r.document_id, r.title, r.specialty, r.review_date, r.days, r.overdue)
            for r in fig.reviews
        ],
    )
    return _book_bytes(book)


# Waves sheet: column -> the wave's attribute behind it.
WAVE_COLUMNS = {
    "wave": "name",
    "starts_on": "starts_on",
    "target_date": "target_date",
    "target": "target",
    "groups": "groups",
    "converged": "converged",
    "percent_of_target": "percent",
    "days_left": "days_left",
    "state": "state",
}


def _summary_rows(fig: Figures) -> list[tuple[str, Any]]:
    """The workbook's first sheet: the headline figures, one a row."""
    return [
        ("As of", fig.as_of.isoformat(timespec="seconds")),
        ("Scope", fig.filter.describe()),
        ("Topics", fig.topics),
        ("Converged (approved or adopted, nothing open)", fig.converged),
        ("Percent converged", fig.percent_converged),
        ("Ended (adopted, local variation, not to be converged)", fig.ended),
        ("Open significant differences", sum(fig.open_significant.values())),
        ("Significant differences in groups not yet confirmed", sum(fig.unconfirmed_significant.values())),
        ("Approved or adopted with differences still open (not converged)", fig.approved_with_open),
        ("Approved by admin override of the trusts' sign-off", fig.overrides),
        ("Documents past review date", sum(r.overdue for r in fig.reviews)),
        (f"Documents due for review within {DUE_SOON_DAYS} days", sum(not r.overdue for r in fig.reviews)),
    ]


def groups_xlsx(groups: Sequence[GroupSnapshot]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    _sheet(book, "Groups", GROUP_COLUMNS, group_rows(groups))
    return _book_bytes(book)


def audit_xlsx(entries: Sequence[AuditEntry]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    _sheet(book, "Audit log", AUDIT_COLUMNS, audit_rows(entries))
    return _book_bytes(book)


# --- the board report ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BoardReport:
    """What a board paper needs, gathered once."""

    figures: Figures
    trend: list[BurnupPoint]
    decisions: DecisionSummary
    period_start: datetime


def build_board_report(
    session: Session, as_of: datetime, flt: ReportFilter | None = None, period_days: int = 91
) -> BoardReport:
    """Figures at `as_of`, the trend to it, and the decisions of the last quarter (`period_days`)."""
    fig = compute_figures(session, as_of, flt)
    start = fig.as_of - timedelta(days=period_days)
    return BoardReport(
        fig, burnup(session, fig.as_of, flt), summarise_decisions(session, start, fig.as_of), start
    )


def _table(doc: Any, header: Sequence[str], rows: Sequence[Sequence[Any]], numeric_from: int = 1) -> None:
    add_table(doc, header, rows, style="Light Grid Accent 1", numeric_from=numeric_from)
    doc.add_paragraph()


def _picture(doc: Any, png: bytes, alt: str, caption: str) -> None:
    from docx.shared import Cm

    doc.add_picture(io.BytesIO(png), width=Cm(16))
    # Alternative text for screen readers (Word's "Alt Text"), taken from the chart's description.
    doc.inline_shapes[-1]._inline.docPr.set("descr", alt[:1000])
    doc.add_paragraph(caption, style="Caption")


def _count(n: int, one: str, many: str) -> str:
    """'1 topic is' / '3 topics are'."""
    return f"{n} {one if n == 1 else many}"


def board_report_docx(report: BoardReport) -> bytes:
    """A DOCX to drop into a board paper: headline figures, charts, waves, overdue reviews, decisions."""
    from docx import Document
    from docx.shared import Pt

    fig = report.figures
    day = fig.as_of.strftime("%d %B %Y")
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = f"Clinical policy convergence: progress report as of {day}"
    doc.core_properties.author = "Converge"
    doc.add_heading("Clinical policy convergence: progress report", 0)
    doc.add_paragraph(
        f"Position as of {day}. Scope: {fig.filter.describe()}. Trusts: {', '.join(fig.trusts)}."
    )
    _board_headline(doc, fig)
    _board_charts(doc, report)
    _board_waves(doc, fig)
    _board_status_by_trust(doc, fig)
    _board_overdue_reviews(doc, fig)
    _board_decisions(doc, report.decisions, since=report.period_start, day=day)
    _board_most_divergent(doc, fig)
    doc.add_heading("How these figures are made", 2)
    doc.add_paragraph(
        "Every figure is replayed from Converge's audit trail as it stood on the report date: a topic's "
        "status is its last recorded workflow step on or before that date, its wave its last planning "
        "step, its specialty as set on that date (a later correction does not change it). Group "
        "membership and divergence are as currently recorded. Rejected matches and superseded proposals "
        "are not counted as topics."
    )
    add_footer(doc, f"Clinical policy convergence: progress report as of {day}")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _board_headline(doc: Any, fig: Figures) -> None:
    """The converged share in words, then the headline figures as a table."""
    doc.add_heading("Headline figures", 1)
    overdue = sum(r.overdue for r in fig.reviews)
    closed = fig.ended - fig.by_status.get("adopted", 0)
    in_progress = fig.topics - fig.converged - closed
    doc.add_paragraph(
        f"{fig.converged} of {fig.topics} topics converged ({fig.percent_converged}%): approved by the joint "
        f"committee or adopted by every trust, with no significant difference undecided. "
        f"{_count(in_progress, 'topic is', 'topics are')} still being "
        f"worked on and {_count(closed, 'was', 'were')} closed with a recorded reason (local "
        "variation accepted, or not to be converged)."
    )
    _table(
        doc,
        ("Figure", "Value"),
        [
            ("Topics (matched groups)", fig.topics),
            ("Converged (approved or adopted, nothing open)", fig.converged),
            ("Percent converged", f"{fig.percent_converged}%"),
            ("Open significant differences", sum(fig.open_significant.values())),
            (
                "Significant differences in groups not yet confirmed",
                sum(fig.unconfirmed_significant.values()),
            ),
            ("Approved or adopted with differences still open (not converged)", fig.approved_with_open),
            ("Approved by admin override of the trusts' sign-off", fig.overrides),
            ("Documents past their review date", overdue),
            (f"Documents due for review within {DUE_SOON_DAYS} days", len(fig.reviews) - overdue),
            ("Topics lacking a document at one or more trusts", sum(1 for s in fig.groups if s.missing)),
        ],
    )


def _board_charts(doc: Any, report: BoardReport) -> None:
    """The burn-up over time, and the status and divergence bars by specialty when there are any."""
    fig = report.figures
    doc.add_heading("Progress over time", 1)
    chart = burnup_chart(report.trend)
    _picture(doc, to_png(chart), chart.desc, "Figure 1. Topics and converged topics over time.")
    if fig.by_specialty:
        chart = status_bars_chart(fig.by_specialty)
        _picture(doc, to_png(chart), chart.desc, "Figure 2. Workflow status of topics by specialty.")
    if fig.divergence_by_specialty:
        chart = value_bars_chart(fig.divergence_by_specialty)
        _picture(
            doc, to_png(chart), chart.desc, "Figure 3. How far apart the trusts' documents are, by specialty."
        )


def _board_waves(doc: Any, fig: Figures) -> None:
    doc.add_heading("Waves", 1)
    if not fig.waves:
        doc.add_paragraph("No waves have been planned.")
        return
    _table(
        doc,
        ("Wave", "Dates", "Groups", "Converged", "Target", "% of target", "Status"),
        [
            (
                w.name,
                f"{w.starts_on or '?'} to {w.target_date or '?'}",
                w.groups,
                w.converged,
                w.target,
                w.percent,
                w.state,
            )
            for w in fig.waves
        ],
        numeric_from=2,
    )


def _board_status_by_trust(doc: Any, fig: Figures) -> None:
    doc.add_heading("Status by trust", 1)
    statuses = list(fig.by_status)
    _table(
        doc,
        ("Trust", *[status_label(s) for s in statuses], "Topics lacking"),
        [
            (t, *[fig.groups_by_trust.get(t, {}).get(s, 0) for s in statuses], fig.gaps_by_trust.get(t, 0))
            for t in fig.trusts
        ],
    )


def _board_overdue_reviews(doc: Any, fig: Figures) -> None:
    """Counts per trust, then the 25 longest overdue documents (the rest are in the XLSX export)."""
    doc.add_heading("Overdue reviews", 1)
    doc.add_paragraph(
        "Documents past their review date are a governance risk. Counts of each trust's current documents "
        f"past review, and due within {DUE_SOON_DAYS} days:"
    )
    _table(
        doc,
        ("Trust", "Past review date", f"Due within {DUE_SOON_DAYS} days"),
        [(t, c["overdue"], c["due_soon"]) for t, c in fig.reviews_by_trust.items()],
    )
    late = [r for r in fig.reviews if r.overdue]
    if not late:
        return
    shown = sorted(late, key=lambda r: r.days)[:25]
    _table(
        doc,
        ("Trust", "Document", "Review date", "Days overdue"),
        [(r.trust, r.title, r.review_date, -r.days) for r in shown],
        numeric_from=3,
    )
    if len(late) > len(shown):
        doc.add_paragraph(f"… and {len(late) - len(shown)} more (see the XLSX export).")


def _board_decisions(doc: Any, dec: DecisionSummary, *, since: datetime, day: str) -> None:
    """The period's standing decisions, with every local variation and unconverged closure and its reason."""
    doc.add_heading("Decisions log summary", 1)
    doc.add_paragraph(
        f"Between {since.strftime('%d %B %Y')} and {day}: {dec.total} standing decisions on differences, "
        f"{dec.significant} of them on clinically significant differences."
    )
    if dec.by_decision:
        _table(doc, ("Decision", "Number"), list(dec.by_decision.items()))
    if dec.local_variations:
        doc.add_paragraph("Local variations accepted, with the recorded reason:")
        for e in dec.local_variations[:20]:
            doc.add_paragraph(
                f"{e.topic or f'group {e.group_id}'}: {e.reason} ({e.actor}, {e.at:%d %b %Y})",
                style="List Bullet",
            )
    if dec.groups_ended:
        doc.add_paragraph("Topics closed without convergence:")
        for e in dec.groups_ended[:20]:
            doc.add_paragraph(
                f"{e.topic or f'group {e.group_id}'}: {e.action.split('→')[-1].strip()} – {e.reason} "
                f"({e.actor}, {e.at:%d %b %Y})",
                style="List Bullet",
            )


def _board_most_divergent(doc: Any, fig: Figures) -> None:
    if not fig.most_divergent:
        return
    doc.add_heading("Most divergent topics still open", 1)
    _table(
        doc,
        ("Group", "Topic", "Specialty", "Status", "Divergence", "Open significant"),
        [
            (
                s.id,
                s.topic,
                s.specialty,
                s.label,
                round(s.divergence or 0, 2),
                sum(s.open_significant.values()),
            )
            for s in fig.most_divergent
        ],
        numeric_from=4,
    )


def write_report(
    session: Session,
    fmt: str,
    out: Path,
    as_of: datetime,
    flt: ReportFilter | None = None,
    groups: bool = False,
) -> Path:
    """Write the figures (or the group list) as csv or xlsx, or the board report as docx, to `out`."""
    if fmt == "docx":
        out.write_bytes(board_report_docx(build_board_report(session, as_of, flt)))
        return out
    fig = compute_figures(session, as_of, flt)
    if fmt == "csv":
        out.write_text(groups_csv(fig.groups) if groups else figures_csv(fig), encoding="utf-8")
    elif fmt == "xlsx":
        out.write_bytes(groups_xlsx(fig.groups) if groups else figures_xlsx(fig))
    else:
        raise ValueError(f"unknown report format {fmt!r}: choose csv, xlsx or docx")
    return out


def write_audit_log(
    session: Session, fmt: str, out: Path, start: datetime | None = None, end: datetime | None = None
) -> int:
    """Write the audit log of a period as csv or xlsx; returns the number of entries."""
    entries = audit_entries(session, start, end)
    if fmt == "csv":
        out.write_text(audit_csv(entries), encoding="utf-8")
    elif fmt == "xlsx":
        out.write_bytes(audit_xlsx(entries))
    else:
        raise ValueError(f"unknown audit log format {fmt!r}: choose csv or xlsx")
    return len(entries)
