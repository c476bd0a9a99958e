"""The shared draft as a Word document: front sheet, sections, clause sources, version history.

A draft that is not agreed must never look agreed: its status, open differences and UNDECIDED clauses are
stated on the front sheet, above the text and in the footer of every page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from converge.core.docxwrite import add_footer, add_table
from converge.core.errors import ReviewError
from converge.store.models import DraftSection
from converge.store.queries import get_group
from converge.workflow.draft.clauses import HOW_LABELS, Clause, naive_time
from converge.workflow.draft.store import (
    VersionEntry,
    clauses_of,
    current_sections,
    draft_state,
    status_at,
    version_history,
)
from converge.workflow.signoff import approval_label, approved_by_override, group_open_work
from converge.workflow.status import CONVERGED, Status

REVIEW_YEARS = 3  # usual review interval of a ratified policy


@dataclass(frozen=True)
class _Facts:
    """What the Word document states about the draft and its group, read once."""

    group: Any
    sections: list[DraftSection]
    clauses: list[list[Clause]]
    versions: list[VersionEntry]
    status: str  # approval_label: what the group's status is, in words
    work: Any  # signoff.group_open_work: significant differences still open
    undecided: int  # clauses marked UNDECIDED
    current: bool  # built from the current decisions (draft_state)
    built_at: datetime | None
    approved: datetime | None
    adopted: datetime | None
    first_draft: datetime | None

    @property
    def title(self) -> str:
        return self.group.topic or f"Group {self.group.id}"

    @property
    def version(self) -> str:
        return self.versions[-1].version if self.versions else "0.0"

    @property
    def trusts(self) -> list[tuple[str, str]]:
        return [(m.document.trust.code, m.document.trust.name) for m in self.members]

    @property
    def members(self) -> list[Any]:
        return sorted(self.group.members, key=lambda m: m.document.trust.code)


def _facts(session: Session, group_id: int) -> _Facts:
    group = get_group(session, group_id)
    sections = current_sections(session, group_id)
    if not sections:
        raise ReviewError("there is no shared draft yet: build it from the decisions first")
    converged = group.status in CONVERGED
    clauses = [clauses_of(row) for row in sections]
    state = draft_state(session, group, sections)
    return _Facts(
        group=group,
        sections=sections,
        clauses=clauses,
        versions=version_history(session, group_id),
        status=approval_label(group.status, approved_by_override(session, group_id) if converged else False),
        work=group_open_work(session, group),
        undecided=sum(1 for row in clauses for c in row if c.how == "undecided"),
        current=state.current,
        built_at=state.built_at,
        approved=status_at(session, group_id, Status.APPROVED) if converged else None,
        adopted=status_at(session, group_id, Status.ADOPTED) if group.status == Status.ADOPTED else None,
        first_draft=min(
            session.scalars(select(DraftSection.at).where(DraftSection.group_id == group_id)),
            default=None,
            key=naive_time,
        ),
    )


def export_docx(session: Session, group_id: int) -> bytes:
    """The shared draft as a Word document: front sheet, sections, clause sources, version history."""
    from docx import Document as Docx
    from docx.shared import Pt

    facts = _facts(session, group_id)
    doc = Docx()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    doc.core_properties.title = facts.title
    doc.core_properties.subject = "Shared clinical policy" + (" (draft)" if facts.approved is None else "")
    doc.core_properties.author = "Converge"
    _front_sheet(doc, facts)
    _body(doc, facts)
    _appendix(doc, facts)
    add_footer(doc, f"{facts.title} – version {facts.version} – {_footer_status(facts)}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _front_sheet(doc: Any, facts: _Facts) -> None:
    """The document-control table: status, open differences and whether the text is up to date."""
    doc.add_heading(facts.title, level=0)
    doc.add_paragraph("Shared policy of " + ", ".join(code for code, _ in facts.trusts))
    doc.add_heading("Document control", level=1)
    approved = facts.approved
    review = approved.replace(year=approved.year + REVIEW_YEARS) if approved is not None else None
    undecided = f"; {facts.undecided} clauses marked UNDECIDED" if facts.undecided else ""
    members, trusts = facts.members, facts.trusts
    control = [
        ("Title", facts.title),
        ("Reference", "To be assigned"),
        ("Version", facts.version),
        ("Status", facts.status),
        ("Open differences", facts.work.describe() + undecided),
        ("Built from", _built_from(facts)),
        ("Owner", "To be confirmed by the approving committee"),
        ("Approving committee", "Joint clinical policy committee of " + ", ".join(c for c, _ in trusts)),
        ("Date drafted", _date(facts.first_draft) or "Not yet drafted"),
        ("Date approved", _date(approved) or "Not yet approved"),
        ("Date adopted by every trust", _date(facts.adopted) or "Not yet adopted"),
        ("Review date", _date(review) or f"{REVIEW_YEARS} years from approval"),
        ("Trusts", "; ".join(f"{c} – {n}" if n and n != c else c for c, n in trusts)),
        ("Specialty", facts.group.specialty or "Not recorded"),
        ("Supersedes", "; ".join(_superseded(m.document) for m in members)),
    ]
    add_table(doc, ["Item", "Detail"], control)
    doc.add_page_break()


def _built_from(facts: _Facts) -> str:
    when = _date(facts.built_at, time=True)
    if facts.current:
        return f"The decisions as they stand (built {when})"
    return (
        f"Decisions as they stood on {when}: built before the latest decisions, which this text may not show"
    )


def _superseded(document: Any) -> str:
    return (
        f"{document.trust.code}: {document.title}"
        + (f" (ref. {document.reference})" if document.reference else "")
        + (f", version {document.version}" if document.version else "")
    )


def _body(doc: Any, facts: _Facts) -> None:
    """The warnings a reader must meet before the text, then the sections."""
    if facts.undecided:
        doc.add_paragraph().add_run(
            f"This draft holds {facts.undecided} undecided clauses, marked UNDECIDED with each trust's "
            "wording. It is not for use until they are decided."
        ).bold = True
    if not facts.current:
        doc.add_paragraph().add_run(
            "This text was built before the latest decisions or a change to the group's documents: it may "
            "not say what has been decided since. Rebuild the draft before relying on it."
        ).bold = True
    doc.add_paragraph(
        "Trust-specific details (hospitals, wards, committees, contact numbers, e-mail addresses, reference "
        "numbers) appear as [LOCAL: ...] placeholders for each trust to complete."
    )
    for n, (row, clauses) in enumerate(zip(facts.sections, facts.clauses, strict=True), start=1):
        doc.add_heading(f"{n}. {row.heading}", level=1)
        _write_clauses(doc, clauses)


def _appendix(doc: Any, facts: _Facts) -> None:
    """Where each clause came from, and the version history."""
    doc.add_heading("Appendix A: sources of the shared wording", level=1)
    doc.add_paragraph(
        "Each clause's origin: the trust document and section it was taken from, or the "
        "reviewer decision that wrote or adopted it."
    )
    source_rows = []
    for n, clauses in enumerate(facts.clauses, start=1):
        for c in clauses:
            where = "; ".join(f"{s.trust}: {' > '.join(s.section)}" for s in c.sources) or "–"
            how = HOW_LABELS.get(c.how, c.how)
            source_rows.append((str(n), _clip(c.text, 90), how + (f" – {c.note}" if c.note else ""), where))
    add_table(doc, ["Section", "Clause", "How", "Source"], source_rows)
    doc.add_heading("Version history", level=1)
    add_table(
        doc,
        ["Version", "Date", "By", "Change"],
        [(v.version, _date(v.at, time=True), v.actor, v.change) for v in facts.versions],
    )


def _footer_status(facts: _Facts) -> str:
    """Every page's footer: never "approved" alone while anything is open or the text is out of date."""
    status = facts.status if facts.approved is not None else "Draft – not for use"
    if facts.approved is not None and not facts.work.converged:
        status += f" with {facts.work.open} significant differences undecided"
    if not facts.current:
        status += " – text built before the latest decisions"
    return status


def _write_clauses(doc: Any, clauses: Sequence[Clause]) -> None:
    """A section's clauses: paragraphs as paragraphs, table rows as Word tables, undecided text marked."""
    paragraph = None
    last: int | None = None
    n = 0
    while n < len(clauses):
        c = clauses[n]
        if c.cells is not None:
            rows = []
            while n < len(clauses) and clauses[n].cells is not None and clauses[n].table == c.table:
                rows.append(clauses[n])
                n += 1
            _write_table(doc, rows)
            paragraph, last = None, None
            continue
        n += 1
        if not c.text.strip():
            continue
        if paragraph is None or c.paragraph != last or c.how == "undecided":
            paragraph, last = doc.add_paragraph(), c.paragraph
        elif paragraph.runs:
            paragraph.add_run(" ")
        _write_text(paragraph, c.text.strip(), c.how == "undecided")
        if c.how == "undecided":
            paragraph, last = None, None


def _write_text(paragraph: Any, text: str, undecided: bool) -> None:
    if undecided and text.startswith("UNDECIDED:"):
        paragraph.add_run("UNDECIDED:").bold = True
        paragraph.add_run(text[len("UNDECIDED:") :])
    else:
        paragraph.add_run(text)


def _write_table(doc: Any, rows: Sequence[Clause]) -> None:
    width = max(len(r.cells or []) for r in rows)
    table = doc.add_table(rows=0, cols=max(width, 1))
    table.style = "Table Grid"
    for r, clause in enumerate(rows):
        cells = table.add_row().cells
        for i, value in enumerate(clause.cells or []):
            _write_text(cells[i].paragraphs[0], value, value.startswith("UNDECIDED:"))
            if r == 0 and clause.how == "base":
                for run in cells[i].paragraphs[0].runs:
                    run.bold = True


def _date(at: datetime | None, *, time: bool = False) -> str:
    if at is None:
        return ""
    return at.strftime("%d %B %Y %H:%M" if time else "%d %B %Y")


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
