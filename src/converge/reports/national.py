"""The national-alignment appendix (XLSX and DOCX) for a CQC self-assessment: per trust and specialty,
each local document, its national source and edition, its departures, their justification and status.

Uses the writers the board reports use (openpyxl through reports.exports' sheet helper, python-docx
through docxwrite), so a cell typed by a person never runs as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from converge.core.docxwrite import add_footer, add_table
from converge.reports.exports import _book_bytes, _sheet
from converge.workflow.national.deviations import LinkReport, edition, national_name

SUMMARY_COLUMNS = (
    "trust",
    "specialty",
    "local document",
    "local reference",
    "national source",
    "national edition",
    "link",
    "departures",
    "unjustified",
    "recommendations not covered",
    "status",
)
DEPARTURE_COLUMNS = (
    "trust",
    "specialty",
    "local document",
    "national source",
    "kind",
    "category",
    "departure",
    "local wording",
    "local section",
    "national wording",
    "national section",
    "justification",
    "justified by",
    "status",
)


def summary_rows(reports: Sequence[LinkReport]) -> list[tuple[Any, ...]]:
    return [
        (
            r.local.trust.code,
            r.local.specialty or "unassigned",
            r.local.title,
            r.local.reference or "",
            national_name(r.national),
            edition(r.national),
            r.link.status,
            len(r.alignment.departures),
            len(r.unjustified),
            len(r.alignment.omissions),
            r.status + (f": {r.outdated}" if r.outdated else ""),
        )
        for r in reports
    ]


def departure_rows(reports: Sequence[LinkReport]) -> list[tuple[Any, ...]]:
    rows = []
    for r in reports:
        for d in r.alignment.departures:
            note = r.justified.get(d.key)
            rows.append(
                (
                    r.local.trust.code,
                    r.local.specialty or "unassigned",
                    r.local.title,
                    national_name(r.national),
                    d.kind,
                    d.category,
                    d.reason,
                    d.local_text,
                    d.local_section,
                    d.national_text,
                    d.national_section,
                    f"local deviation: {note.reason}" if note else "",
                    note.actor if note else "",
                    "justified" if note else "unjustified",
                )
            )
    return rows


def _scope(trust: str | None, specialty: str | None) -> str:
    return " / ".join(p for p in (trust or "all trusts", specialty or "all specialties"))


def alignment_xlsx(
    reports: Sequence[LinkReport], trust: str | None = None, specialty: str | None = None
) -> bytes:
    """A workbook: About, Documents (one row per link), Departures (one row per departure)."""
    from openpyxl import Workbook

    book = Workbook()
    about = book.active
    about.title = "About"
    about.append(["National alignment appendix"])
    about.append(["Scope", _scope(trust, specialty)])
    about.append(["Produced", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")])
    about.append(["Linked documents", len(reports)])
    about.append(["Unjustified departures", sum(len(r.unjustified) for r in reports)])
    _sheet(book, "Documents", SUMMARY_COLUMNS, summary_rows(reports))
    _sheet(book, "Departures", DEPARTURE_COLUMNS, departure_rows(reports))
    return _book_bytes(book)


def alignment_docx(
    reports: Sequence[LinkReport], trust: str | None = None, specialty: str | None = None
) -> bytes:
    """The appendix as a Word document: a summary table, then each document's departures."""
    from docx import Document as Docx

    doc = Docx()
    doc.add_heading("National alignment appendix", level=1)
    doc.add_paragraph(
        f"Scope: {_scope(trust, specialty)}. Produced {datetime.now(UTC):%d %B %Y}. Each local document is "
        "held against the national guidance it adapts; every clinically significant departure is listed with "
        "the national wording, and whether a local deviation has been recorded with its reason."
    )
    add_table(
        doc,
        ("Local document", "National source", "Edition", "Departures", "Unjustified", "Status"),
        [
            (
                f"{r.local.trust.code}: {r.local.title}",
                national_name(r.national),
                edition(r.national),
                len(r.alignment.departures),
                len(r.unjustified),
                r.status + (f": {r.outdated}" if r.outdated else ""),
            )
            for r in reports
        ],
        numeric_from=3,
    )
    for r in reports:
        doc.add_heading(f"{r.local.trust.code}: {r.local.title}", level=2)
        doc.add_paragraph(
            f"National source: {national_name(r.national)} ({edition(r.national)}); link {r.link.status}; "
            f"specialty: {r.local.specialty or 'unassigned'}."
        )
        if not r.alignment.departures:
            doc.add_paragraph("No clinically significant departure found.")
            continue
        add_table(
            doc,
            ("Departure", "Local wording", "National wording (section)", "Justification", "Status"),
            [
                (
                    d.reason,
                    d.local_text,
                    f"{d.national_text} ({d.national_section or 'no section'})",
                    f"local deviation: {r.justified[d.key].reason}" if d.key in r.justified else "",
                    "justified" if d.key in r.justified else "unjustified",
                )
                for d in r.alignment.departures
            ],
        )
    add_footer(doc, "National alignment appendix")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
